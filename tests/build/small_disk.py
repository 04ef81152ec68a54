"""A real, size-limited file system for tests of a full disk.

A tmpfs of the given size where the test runs as root; else (or where tmpfs
is refused) an ext4 image in a file, loop-mounted; where neither is permitted
the test is skipped with the reason.  Either is unmounted at the end.
"""
from __future__ import annotations

import os
import shutil
import subprocess
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

import pytest


def _run(*command: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(command, capture_output=True, text=True, timeout=60)


@contextmanager
def small_disk(where: Path, megabytes: int) -> Iterator[Path]:
    """A file system of ``megabytes`` MB mounted at ``where`` (created), until the block ends."""
    where.mkdir(parents=True, exist_ok=True)
    if os.geteuid() != 0:
        pytest.skip("mounting a size-limited file system (tmpfs or a loop-mounted image) needs root")
    reasons = []
    mounted = _run("mount", "-t", "tmpfs", "-o", f"size={megabytes}m,mode=0755", "tmpfs", str(where))
    if mounted.returncode != 0:
        reasons.append(f"tmpfs: {mounted.stderr.strip()}")
        mounted = _loop_mount(where, megabytes, reasons)
    if mounted.returncode != 0:
        pytest.skip("no size-limited file system can be mounted here (" + "; ".join(reasons) + ")")
    try:
        yield where
    finally:
        if _run("umount", str(where)).returncode != 0:
            _run("umount", "-l", str(where))  # a process still holds a file there: detach it


def _loop_mount(where: Path, megabytes: int, reasons: list[str]) -> subprocess.CompletedProcess[str]:
    image = where.with_name(where.name + ".img")
    with image.open("wb") as handle:
        handle.truncate(megabytes * 2**20)
    made = _run(shutil.which("mkfs.ext4") or "mkfs.ext4", "-q", "-F", str(image))
    if made.returncode != 0:
        reasons.append(f"mkfs.ext4: {made.stderr.strip()}")
        return made
    mounted = _run("mount", "-o", "loop", str(image), str(where))
    if mounted.returncode != 0:
        reasons.append(f"loop mount: {mounted.stderr.strip()}")
    return mounted


def fill(disk: Path, leave: int) -> Path:
    """Take all the room on ``disk`` but ``leave`` bytes, with one file (returned)."""
    filler = disk / "filler"
    room = shutil.disk_usage(disk).free
    with filler.open("wb") as handle:
        handle.truncate(0)
        block = b"\0" * 2**20
        remaining = room - leave
        while remaining > 0:
            remaining -= handle.write(block[:min(len(block), remaining)])
    return filler
