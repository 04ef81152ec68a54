"""A real mrkg service for tests: build a store the way ``mrkg build`` publishes it, start uvicorn on it.

Used by the fixtures in ``tests/conftest.py`` (``live_server``, ``start_server``)
and by tests that build stores of their own.
"""
from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any, Callable
from urllib.parse import urlencode, urlsplit

import httpx
import pyoxigraph

PROJECT_ROOT = Path(__file__).resolve().parent.parent
TICKS = os.sysconf("SC_CLK_TCK")
# Every statement paired with every statement, times every triple three times over: hours of work.
CARTESIAN = """PREFIX mrkg: <https://w3id.org/mrkg/ontology#>
SELECT (COUNT(*) AS ?n) WHERE { ?a a mrkg:Statement . ?b a mrkg:Statement . ?c ?p ?o . ?d ?q ?r . ?e ?s ?t }"""
FIXTURES = Path(__file__).resolve().parent / "fixtures"
SAMPLE = FIXTURES / "sample.trig"


class LiveServer(str):
    """The base URL of a running service, with its process id and its var/ folder."""

    pid: int
    var_dir: Path
    process: subprocess.Popen[bytes]
    log: Path

    def worker_pids(self) -> list[int]:
        """The query worker processes: the server's children, read from /proc."""
        children = Path(f"/proc/{self.pid}/task/{self.pid}/children")
        return [int(pid) for pid in children.read_text().split()] if children.exists() else []


def send_and_hold(base: str, query: str) -> socket.socket:
    """POST a query on a raw connection and leave it open, as a client does until it gives up."""
    address = urlsplit(base)
    body = urlencode({"query": query}).encode()
    connection = socket.create_connection((address.hostname, address.port))
    connection.sendall(b"POST /sparql HTTP/1.1\r\nHost: %s\r\nContent-Type: application/x-www-form-urlencoded\r\n"
                       b"Content-Length: %d\r\n\r\n%s" % (address.netloc.encode(), len(body), body))
    return connection


def post_in_background(base: str, query: str) -> tuple[threading.Thread, dict[str, object]]:
    """POST a query from a thread (started); once joined, the outcome holds its "response" and its "seconds"."""
    outcome: dict[str, object] = {}

    def send() -> None:
        started = time.monotonic()
        outcome["response"] = httpx.post(base + "/sparql", data={"query": query}, timeout=60)
        outcome["seconds"] = time.monotonic() - started

    sender = threading.Thread(target=send)
    sender.start()
    return sender, outcome


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of a process, from /proc (fields 14 and 15 of stat)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / TICKS


def build_store(source: Path, var_dir: Path, build_id: str = "test-build") -> Path:
    """Publish ``source`` (TriG or N-Quads) the way ``mrkg build`` does: releases/<id>/store and current → it."""
    store_dir = var_dir / "releases" / build_id / "store"
    if store_dir.exists():
        shutil.rmtree(store_dir)
    store_dir.parent.mkdir(parents=True, exist_ok=True)
    store = pyoxigraph.Store(str(store_dir))
    rdf_format = pyoxigraph.RdfFormat.from_extension(source.suffix.lstrip("."))
    store.bulk_load(path=str(source), format=rdf_format)
    store.flush()
    del store
    current = var_dir / "current"
    staged = var_dir / "current.next"
    if staged.is_symlink():
        staged.unlink()
    staged.symlink_to(Path("releases") / build_id)
    staged.replace(current)
    return store_dir


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def launch(var_dir: Path, log_dir: Path, cli: bool = False, preexec: Callable[[], None] | None = None,
           **settings: Any) -> LiveServer:
    """Start a server on ``var_dir``: uvicorn on the app, or with ``cli`` the real ``mrkg serve``.

    ``mrkg serve`` adds what only it sets up (the connection guard, the
    descriptor limit) and builds first when nothing is published, so the
    plain uvicorn start stays the default for servers over an empty folder.
    """
    port = free_port()
    env = {**os.environ, "MRKG_VAR_DIR": str(var_dir)}
    for name, value in settings.items():
        if isinstance(value, (tuple, list)):
            value = ",".join(value)
        env[f"MRKG_{name.upper()}"] = str(value).lower() if isinstance(value, bool) else str(value)
    log = log_dir / f"server-{port}.log"
    if cli:
        command = [sys.executable, "-m", "graph.cli", "serve", "--host", "127.0.0.1", "--port", str(port)]
    else:
        command = [sys.executable, "-m", "uvicorn", "--factory", "api.app:app_from_environment",
                   "--host", "127.0.0.1", "--port", str(port), "--loop", "uvloop", "--http", "httptools",
                   "--no-access-log"]
    process = subprocess.Popen(command, cwd=PROJECT_ROOT, env=env, stdout=log.open("wb"), stderr=subprocess.STDOUT,
                               preexec_fn=preexec)
    url = LiveServer(f"http://127.0.0.1:{port}")
    url.pid, url.var_dir, url.process, url.log = process.pid, var_dir, process, log
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"the server exited with {process.returncode}:\n{log.read_text()}")
        try:
            httpx.get(url + "/health", timeout=2)
            return url
        except httpx.TransportError:
            time.sleep(0.1)
    stop(url)
    raise RuntimeError(f"the server did not answer within 60 s:\n{log.read_text()}")


def stop(server: LiveServer) -> None:
    if server.process.poll() is None:
        server.process.send_signal(signal.SIGTERM)
        try:
            server.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.process.kill()
            server.process.wait()


OXIGRAPH = shutil.which("oxigraph", path=str(Path(sys.executable).parent)) or shutil.which("oxigraph")


class OxigraphServer:
    """A real Oxigraph server (PyPI ``oxigraph``) on 127.0.0.1 with a union default graph, until ``stop()``."""

    def __init__(self, location: Path, load: Path | None = None, *extra: str) -> None:
        assert OXIGRAPH is not None, "the oxigraph server (PyPI package 'oxigraph') is not installed"
        if load is not None:
            subprocess.run([OXIGRAPH, "load", "--location", str(location), "--file", str(load)], check=True,
                           capture_output=True)
        port = free_port()
        self.url = f"http://127.0.0.1:{port}"
        self.process = subprocess.Popen(
            [OXIGRAPH, "serve", "--location", str(location), "--bind", f"127.0.0.1:{port}", "--union-default-graph",
             *extra], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        for _ in range(100):
            try:
                httpx.get(self.url + "/query", params={"query": "ASK {}"})
                return
            except httpx.TransportError:
                time.sleep(0.1)

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(timeout=20)
