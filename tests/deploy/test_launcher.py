"""``python -m graph.cluster``, as a user runs it: it serves, replaces a node that dies, follows ``mrkg build``.

The launcher is a real process; its nodes and HAProxy are its children, found
in /proc.  It must replace a node killed with SIGKILL, roll out a build
published to ``var/current`` by itself, and stop everything it started on
SIGTERM.
"""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

from graph.cluster.nodes import free_port
from live_service import PROJECT_ROOT, SAMPLE, build_store

pytestmark = pytest.mark.slow


def children(pid: int) -> dict[int, str]:
    """The child processes of ``pid``, with their command lines."""
    found: dict[int, str] = {}
    listing = Path(f"/proc/{pid}/task/{pid}/children")
    for child in (listing.read_text().split() if listing.exists() else []):
        command = children_command(int(child))
        if command:
            found[int(child)] = command
    return found


def children_command(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode()
    except OSError:
        return ""


def nodes(pid: int) -> set[int]:
    return {child for child, command in children(pid).items() if "graph.cli serve" in command}


def alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def release_answering(url: str) -> str | None:
    try:
        reply = httpx.get(url + "/health", timeout=5)
    except httpx.HTTPError:
        return None
    return reply.headers.get("x-mrkg-release") if reply.status_code == 200 else None


def wait_for(condition: object, timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():  # type: ignore[operator]
            return
        time.sleep(0.1)
    raise AssertionError(f"not within {timeout:.0f} s: {what}")


def test_launcher_replaces_a_lost_node_follows_a_new_build_and_stops_cleanly(tmp_path: Path) -> None:
    var = tmp_path / "var"
    build_store(SAMPLE, var, "release-1")
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    log = (tmp_path / "launcher.log").open("wb")
    launcher = subprocess.Popen([sys.executable, "-m", "graph.cluster", "--nodes", "2", "--port", str(port)],
                                cwd=PROJECT_ROOT, stdout=log, stderr=subprocess.STDOUT,
                                env={**os.environ, "MRKG_VAR_DIR": str(var), "MRKG_QUERY_WORKERS": "1"})
    started: dict[int, str] = {}  # pid → command line, so a pid reused meanwhile is never signalled
    try:
        wait_for(lambda: release_answering(url) == "release-1", 120, "the balancer answers from release-1")
        first = nodes(launcher.pid)
        started.update(children(launcher.pid))
        assert len(first) == 2

        lost = min(first)
        os.kill(lost, signal.SIGKILL)
        wait_for(lambda: len(nodes(launcher.pid) - first) == 1 and len(nodes(launcher.pid)) == 2, 60,
                 "the launcher starts a node in place of the one killed")
        started.update(children(launcher.pid))
        assert release_answering(url) == "release-1"

        build_store(SAMPLE, var, "release-2")
        wait_for(lambda: release_answering(url) == "release-2", 120, "the launcher rolls out release-2")
        started.update(children(launcher.pid))
        wait_for(lambda: not any(alive(pid) for pid in first), 30, "the first release's nodes are stopped")
        reply = httpx.get(url + "/health", timeout=5)
        assert reply.json()["store"]["build_id"] == "release-2"

        launcher.send_signal(signal.SIGTERM)
        assert launcher.wait(timeout=60) == 0
        assert not any(alive(pid) for pid in started), "every node and HAProxy end with the launcher"
        output = (tmp_path / "launcher.log").read_text()
        assert "replaces a node that exited" in output and "rolled out release-2 (was release-1;" in output
    finally:
        log.close()
        if launcher.poll() is None:
            launcher.kill()
            launcher.wait()
        for pid, command in started.items():
            if alive(pid) and children_command(pid) == command:
                os.kill(pid, signal.SIGKILL)
