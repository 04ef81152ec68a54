"""Builds killed part way, and builds that run at the same time (issue 10 item 10).

Before: every `kill -9` during the publishing step left a `.staging-*`
folder for ever (20 MB after 10 kills).  Now the build that publishes holds
a lock on var/ and removes what killed builds left; a second build waits for
the first.  Real `mrkg build` processes, killed at random moments of their
publishing step (seeded, bounded to a few kills).
"""
from __future__ import annotations

import fcntl
import hashlib
import os
import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Callable

import httpx
import pytest

from live_service import LiveServer

pytestmark = pytest.mark.slow
KILLS = 5


def start_build(var_dir: Path, log: Path) -> subprocess.Popen[bytes]:
    """A real `mrkg build --full` in the background (it publishes though nothing changed); its progress and
    messages go to ``log``."""
    with log.open("wb") as stderr:
        return subprocess.Popen([sys.executable, "-m", "graph.cli", "build", "--full"], stdout=subprocess.DEVNULL,
                                stderr=stderr, env=dict(os.environ, MRKG_VAR_DIR=str(var_dir)))


def staging(var_dir: Path) -> list[Path]:
    releases = var_dir / "releases"
    return [path for path in releases.iterdir() if path.name.startswith(".staging-")] if releases.is_dir() else []


def dumps_digest(var_dir: Path) -> str:
    dumps = (var_dir / "current").resolve() / "dumps"
    return hashlib.sha256(b"".join((dumps / name).read_bytes() for name in sorted(os.listdir(dumps)))).hexdigest()


def test_the_next_build_removes_what_killed_builds_left(
        tmp_path: Path, published_var: Path, start_server: Callable[..., LiveServer]) -> None:
    var_dir = tmp_path / "var"
    shutil.copytree(published_var, var_dir, symlinks=True)
    digest = dumps_digest(var_dir)
    chance = random.Random(10)
    staged: set[str] = set()  # the staging folders of the builds killed (each build has its own)
    for kill in range(KILLS):
        delay = chance.uniform(0.0, 0.6)  # somewhere in the store, the dumps or the swap
        for attempt in range(8):
            build = start_build(var_dir, tmp_path / f"killed-{kill}-{attempt}.log")
            deadline = time.monotonic() + 300
            own: set[str] = set()
            while not own and build.poll() is None and time.monotonic() < deadline:
                time.sleep(0.02)
                own = {path.name for path in staging(var_dir)} - staged
            time.sleep(delay)
            if build.poll() is None:
                build.send_signal(signal.SIGKILL)
                build.wait(timeout=60)
                if any((var_dir / "releases" / name).is_dir() for name in own):
                    break  # killed while it was publishing
            delay /= 2  # it published before the kill fell (an idle machine publishes fast): kill it sooner
        else:
            pytest.fail("every build finished publishing before it could be killed")
        staged |= own
    left = staging(var_dir)
    # Each kill fell while its build was publishing (else the test proves nothing); each killed build
    # that took the lock removed what the one before it left, so one folder at most is left now.
    assert len(staged) == KILLS and len(left) == 1, (staged, left)
    current = (var_dir / "current").resolve()
    assert (current / "store").is_dir() and (current / "dumps" / "manifest.json").is_file()

    log = tmp_path / "final.log"
    final = start_build(var_dir, log)
    assert final.wait(timeout=900) == 0, log.read_text()
    err = log.read_text()
    assert f"removed {len(left)} unfinished release(s) left by interrupted builds" in err
    assert staging(var_dir) == []
    releases = [path.name for path in (var_dir / "releases").iterdir()]
    assert all(not name.startswith(".") for name in releases), releases
    assert dumps_digest(var_dir) == digest, "the same sources give the same dumps, however many builds were killed"

    server = start_server(var_dir=var_dir)
    health = httpx.get(server + "/health", timeout=30).json()
    assert health["status"] == "ok" and health["store"]["build_id"] == (var_dir / "current").resolve().name
    query = "SELECT (COUNT(*) AS ?n) WHERE { ?s a <https://w3id.org/mrkg/ontology#Statement> }"
    answer = httpx.get(server + "/sparql", params={"query": query}, timeout=30)
    assert int(answer.json()["results"]["bindings"][0]["n"]["value"]) > 200


def test_a_second_build_waits_for_the_one_publishing(tmp_path: Path, published_var: Path) -> None:
    var_dir = tmp_path / "var"
    shutil.copytree(published_var, var_dir, symlinks=True)
    before = (var_dir / "current").resolve().name
    log = tmp_path / "waiting.log"
    lock = os.open(var_dir / ".publish.lock", os.O_RDWR | os.O_CREAT)
    try:
        fcntl.flock(lock, fcntl.LOCK_EX)  # as a build that is publishing holds it
        os.ftruncate(lock, 0)
        os.write(lock, f"{os.getpid()}\n".encode())
        build = start_build(var_dir, log)
        deadline = time.monotonic() + 300
        while "waiting for it to finish" not in log.read_text() and build.poll() is None and time.monotonic() < deadline:
            time.sleep(0.2)
        time.sleep(1.0)
        assert build.poll() is None, "the build did not go on while another held the lock"
        assert f"another build (process {os.getpid()}) is publishing into {var_dir}" in log.read_text()
        assert staging(var_dir) == [] and (var_dir / "current").resolve().name == before
    finally:
        os.close(lock)
    assert build.wait(timeout=900) == 0, log.read_text()
    assert (var_dir / "current").resolve().name != before and staging(var_dir) == []
