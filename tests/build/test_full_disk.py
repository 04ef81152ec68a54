"""A full disk or a read-only var/ during `mrkg build` (issue 10 item 10).

Before: a raw traceback and exit code 1, the code for "the graph does not
conform".  Now: exit code 3, a message that says what was being written, how
much room there is and what to do, the published release as it was, and no
staging folder left behind.  The disk is real: a small tmpfs (or a
loop-mounted image) holding MRKG_VAR_DIR.
"""
from __future__ import annotations

import hashlib
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Iterator

import pytest

from small_disk import fill, small_disk

pytestmark = pytest.mark.slow


def mrkg(var_dir: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "graph.cli", *args], capture_output=True, text=True, timeout=900,
                          env=dict(os.environ, MRKG_VAR_DIR=str(var_dir)))


def snapshot(var_dir: Path) -> tuple[str, dict[str, str]]:
    """Where ``current`` points, and the SHA-256 of every file of that release."""
    release = (var_dir / "current").resolve()
    files = {str(path.relative_to(release)): hashlib.sha256(path.read_bytes()).hexdigest()
             for path in sorted(release.rglob("*")) if path.is_file()}
    return release.name, files


def staging_left(var_dir: Path) -> list[str]:
    return [path.name for path in (var_dir / "releases").iterdir() if path.name.startswith(".staging-")]


@pytest.fixture()
def disk(tmp_path: Path, published_var: Path) -> Iterator[Path]:
    """A 24 MB file system whose var/ holds a published release (copied from a real build)."""
    with small_disk(tmp_path / "disk", 24) as mounted:
        var_dir = mounted / "var"
        shutil.copytree(published_var, var_dir, symlinks=True)
        yield var_dir


def test_a_full_disk_stops_the_build_with_its_own_exit_code_and_what_to_do(disk: Path) -> None:
    before = snapshot(disk)
    filler = fill(disk.parent, leave=2_000_000)
    result = mrkg(disk, "build", "--full")  # --full: a build that publishes, though nothing changed
    assert result.returncode == 3, result.stderr
    assert "Traceback" not in result.stderr
    message = result.stderr.strip().splitlines()[-1]
    assert message.startswith("mrkg build: no space left on the disk holding ")
    assert re.search(r"while writing the (store|dumps|build record) of build \S+", message), message
    free = re.search(r"\(([\d.]+) MB free of ([\d.]+) MB\)", message)
    assert free and 1.5 <= float(free.group(1)) <= 2.5, message  # the room there is, once the build has cleaned up
    assert f"still points to {before[0]}" in message
    assert "MRKG_VAR_DIR" in message and "Free about" in message
    assert snapshot(disk) == before, "the published release is as it was"
    assert staging_left(disk) == []

    filler.unlink()
    again = mrkg(disk, "build", "--full")
    assert again.returncode == 0, again.stderr
    assert snapshot(disk)[0] != before[0] and staging_left(disk) == []


def test_a_var_folder_that_cannot_be_written_stops_the_build_with_the_same_exit_code(disk: Path) -> None:
    before = snapshot(disk)
    remounted = subprocess.run(["mount", "-o", "remount,ro", str(disk.parent)], capture_output=True, text=True)
    if remounted.returncode != 0:
        pytest.skip(f"cannot make the test file system read-only: {remounted.stderr.strip()}")
    try:
        result = mrkg(disk, "build", "--full")
    finally:
        subprocess.run(["mount", "-o", "remount,rw", str(disk.parent)], check=True)
    assert result.returncode == 3, result.stderr
    assert "Traceback" not in result.stderr
    message = result.stderr.strip().splitlines()[-1]
    assert message.startswith("mrkg build: no permission to write ") and "Read-only file system" in message
    assert "MRKG_VAR_DIR" in message
    assert snapshot(disk) == before and staging_left(disk) == []
