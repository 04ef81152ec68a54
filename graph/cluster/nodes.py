"""One mrkg node: ``mrkg serve`` on 127.0.0.1 over its own read-only copy of one release.

A node is given a copy of the release folder (store, dumps, build record),
as a node on another machine would be, and never follows ``var/current``:
what it answers from is fixed for its whole life.  That is what lets the
balancer know which release every answer comes from (a node never changes
release under a client; a rollout starts new nodes instead).
"""
from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

import httpx

from graph.errors import MrkgError
from graph.settings import PROJECT_ROOT

START_TIMEOUT = 120.0  # seconds a node has to answer /health with its release (a cold start on a busy machine)
STOP_TIMEOUT = 20.0  # seconds a node has to finish its requests after SIGTERM before it is killed


def release_id(release: Path) -> str:
    """The build id a node reports in /health for this release folder (its build record's, else the folder's name)."""
    record = release / "build.json"
    if record.exists():
        try:
            build_id = json.loads(record.read_text(encoding="utf-8")).get("build_id")
        except (OSError, ValueError) as error:
            raise MrkgError(f"{record}: cannot read the build record: {error}") from None
        if build_id:
            return str(build_id)
    return release.name


def free_port() -> int:
    """A port nobody listens on now, on 127.0.0.1."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@dataclass
class Node:
    """A running node: its port, its process, the release it serves and the folder holding its copy."""

    name: str
    release: str
    port: int
    folder: Path
    process: subprocess.Popen[bytes]
    log: Path = field(repr=False)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def pid(self) -> int:
        return self.process.pid

    def alive(self) -> bool:
        return self.process.poll() is None


def start_node(release: Path, folder: Path, name: str, environment: dict[str, str]) -> Node:
    """Copy ``release`` into ``folder/name`` and start ``mrkg serve`` on it (not waiting for it to answer).

    ``environment`` holds the ``MRKG_`` settings every node shares; the
    node's own folder is set here.
    """
    home = folder / name
    if home.exists():
        shutil.rmtree(home)
    (home / "releases").mkdir(parents=True)
    shutil.copytree(release, home / "releases" / release.name, symlinks=False)
    (home / "current").symlink_to(Path("releases") / release.name)
    port = free_port()
    log = home / "serve.log"
    command = [sys.executable, "-m", "graph.cli", "serve", "--host", "127.0.0.1", "--port", str(port)]
    env = {**os.environ, **environment, "MRKG_VAR_DIR": str(home)}
    with log.open("wb") as output:
        process = subprocess.Popen(command, cwd=PROJECT_ROOT, env=env, stdout=output, stderr=subprocess.STDOUT)
    return Node(name, release_id(release), port, home, process, log)


def wait_ready(node: Node, timeout: float = START_TIMEOUT) -> None:
    """Until ``node`` answers /health with 200 and the release it was given; :class:`MrkgError` otherwise."""
    deadline = time.monotonic() + timeout
    seen = "no answer"
    while time.monotonic() < deadline:
        if not node.alive():
            raise MrkgError(f"node {node.name} exited with status {node.process.returncode} before it answered; "
                            f"its log:\n{_tail(node.log)}")
        try:
            reply = httpx.get(node.url + "/health", timeout=5)
            build = reply.json().get("store", {}).get("build_id")
            if reply.status_code == 200 and build == node.release:
                return
            seen = f"{reply.status_code}, build {build!r}"
        except (httpx.HTTPError, ValueError) as error:
            seen = str(error) or type(error).__name__
        time.sleep(0.2)
    raise MrkgError(f"node {node.name} did not answer /health with build {node.release!r} within {timeout:.0f} s "
                    f"(last: {seen}); its log:\n{_tail(node.log)}")


def stop_node(node: Node, remove: bool = True) -> None:
    """SIGTERM (the node finishes the requests it holds), SIGKILL after :data:`STOP_TIMEOUT`; then drop its copy."""
    if node.alive():
        node.process.send_signal(signal.SIGTERM)
        try:
            node.process.wait(timeout=STOP_TIMEOUT)
        except subprocess.TimeoutExpired:
            node.process.kill()
            node.process.wait()
    else:
        node.process.wait()
    if remove:
        shutil.rmtree(node.folder, ignore_errors=True)


def _tail(log: Path, lines: int = 20) -> str:
    try:
        return "\n".join(log.read_text(encoding="utf-8", errors="replace").splitlines()[-lines:])
    except OSError:
        return "(no log)"
