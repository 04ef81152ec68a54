"""Start and stop the three SPARQL servers, each on 127.0.0.1 and a free port.

Each server runs as a child process in its own process group, so that
stopping it also ends the workers it started itself (mrkg's query workers,
uvicorn's reloader if any) and nothing else.  A :class:`Server` is a context
manager: it is stopped on the way out, also when the benchmark fails or is
interrupted, and its output goes to a log file whose tail is shown if it
does not come up.
"""
from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from types import TracebackType

import httpx

BIN = Path(sys.executable).parent
HOST = "127.0.0.1"
PROBE = "ASK { ?s ?p ?o }"


class ServerError(RuntimeError):
    """A server did not start, or stopped answering; the message says which and why."""


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind((HOST, 0))
        return int(probe.getsockname()[1])


@dataclass
class Server:
    """One SPARQL server process: how to start it and where it answers queries."""

    name: str
    command: list[str]  # "{port}" in an argument is replaced by the chosen port
    query_path: str
    log: Path
    ready_timeout: float = 120.0
    env: dict[str, str] = field(default_factory=dict)
    port: int = 0
    process: subprocess.Popen[bytes] | None = None

    @property
    def endpoint(self) -> str:
        return f"http://{HOST}:{self.port}{self.query_path}"

    def start(self) -> "Server":
        self.port = free_port()
        command = [part.replace("{port}", str(self.port)) for part in self.command]
        self.log.parent.mkdir(parents=True, exist_ok=True)
        with self.log.open("ab") as log:
            log.write(f"\n$ {' '.join(command)}\n".encode())
            log.flush()
            self.process = subprocess.Popen(
                command, stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                env={**os.environ, **self.env}, start_new_session=True,
            )
        self._wait_until_ready()
        return self

    def _wait_until_ready(self) -> None:
        deadline = time.monotonic() + self.ready_timeout
        while time.monotonic() < deadline:
            assert self.process is not None
            if self.process.poll() is not None:
                raise ServerError(f"{self.name} exited with status {self.process.returncode} while starting; "
                                  f"last lines of {self.log}:\n{self.log_tail()}")
            if self.answers(timeout=2.0):
                return
            time.sleep(0.2)
        self.stop()
        raise ServerError(f"{self.name} did not answer {self.endpoint} within {self.ready_timeout:.0f} s; "
                          f"last lines of {self.log}:\n{self.log_tail()}")

    def answers(self, timeout: float) -> bool:
        """True if the endpoint answers a trivial query within ``timeout`` seconds."""
        try:
            response = httpx.get(self.endpoint, params={"query": PROBE}, timeout=timeout,
                                 headers={"Accept": "application/sparql-results+json"})
        except httpx.HTTPError:
            return False
        return response.status_code == 200

    def recover(self, timeout: float) -> None:
        """After a client gave up on a query: wait until the server is free again, else restart it.

        A server that evaluates queries on its event loop (rdflib-endpoint)
        stays busy with the abandoned query, and would charge the rest of its
        run to the next query.
        """
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.answers(timeout=max(0.5, deadline - time.monotonic())):
                return
        self.stop()
        self.start()

    def stop(self) -> None:
        process, self.process = self.process, None
        if process is None or process.poll() is not None:
            return
        for sig, grace in ((signal.SIGTERM, 15.0), (signal.SIGKILL, 10.0)):
            try:
                os.killpg(process.pid, sig)  # the group this process leads: it and its own children
            except ProcessLookupError:
                return
            try:
                process.wait(timeout=grace)
                return
            except subprocess.TimeoutExpired:
                continue

    def cpu_seconds(self) -> float:
        """CPU time (user and system) used so far by this server and every process it started.

        Counted over the process group the server leads, from ``/proc``: a
        process's own time, plus the time of its children that ended and were
        waited for (a worker ended after a time limit still counts).  CPU time
        moves far less than latency when other work shares the machine, so it
        shows what each answer costs a server whatever the load.
        """
        if self.process is None:
            return 0.0
        group, ticks = self.process.pid, 0
        for stat in Path("/proc").glob("[0-9]*/stat"):
            try:
                fields = stat.read_text().rpartition(")")[2].split()
            except OSError:
                continue  # ended meanwhile
            if int(fields[2]) == group:  # fields after the name: state, ppid, pgrp, …, utime (12) … cstime (15)
                ticks += sum(int(value) for value in fields[11:15])
        return ticks / os.sysconf("SC_CLK_TCK")

    def log_tail(self, lines: int = 15) -> str:
        try:
            return "\n".join(self.log.read_text(errors="replace").splitlines()[-lines:])
        except OSError:
            return "(no log)"

    def __enter__(self) -> "Server":
        return self.start()

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 trace: TracebackType | None) -> None:
        self.stop()


def oxigraph(store: Path, log: Path, timeout: float) -> Server:
    """Oxigraph server, read-only, with the union of all named graphs as the default graph."""
    return Server(
        "oxigraph",
        [str(BIN / "oxigraph"), "serve-read-only", "--location", str(store), "--bind", f"{HOST}:{{port}}",
         "--union-default-graph", "--timeout-s", str(int(timeout))],
        "/query", log,
    )


def rdflib_endpoint(nquads: Path, log: Path, ready_timeout: float) -> Server:
    """rdflib-endpoint serving an rdflib Dataset (union default graph) loaded from the N-Quads."""
    return Server(
        "rdflib-endpoint",
        [sys.executable, "-m", "benchmarks.rdflib_endpoint_app", "--data", str(nquads), "--port", "{port}"],
        "/sparql", log, ready_timeout=ready_timeout,
    )


def mrkg(var_dir: Path, log: Path, timeout: float, name: str = "mrkg", server_processes: int = 0,
         external_endpoint: str = "") -> Server:
    """``mrkg serve`` on a var directory whose ``current`` release holds the store.

    ``server_processes``: as ``MRKG_SERVER_PROCESSES`` (0: one process and its query workers).
    ``external_endpoint``: as ``MRKG_EXTERNAL_ENDPOINT``, mrkg in front of a running SPARQL server (issue 15,
    point 2): the same guards, pages and time limit, the quads in the other server.
    """
    return Server(
        name,
        [str(BIN / "mrkg"), "serve", "--host", HOST, "--port", "{port}"],
        "/sparql", log,
        env={"MRKG_VAR_DIR": str(var_dir), "MRKG_QUERY_TIMEOUT": str(timeout),
             "MRKG_SERVER_PROCESSES": str(server_processes), "MRKG_EXTERNAL_ENDPOINT": external_endpoint},
    )
