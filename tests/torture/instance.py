"""A server of its own for each attack: ``mrkg serve`` on a free port, over a copy of one scratch build.

The campaign builds once (:func:`scratch_build`) and gives each attack a copy
of that var/ folder, so an attack that damages its store, fills its disk or
updates its data harms nobody else.  An instance is stopped by its process id,
and so are the query workers it started (read from /proc while it ran).
"""
from __future__ import annotations

import os
import resource
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any, Mapping

import httpx

PROJECT_ROOT = Path(__file__).resolve().parents[2]
MRKG = [sys.executable, "-m", "graph.cli"]  # the `mrkg` command, run by this interpreter
START_TIMEOUT = 60.0
MEMORY_CEILING_MB = 4096  # a server past this is stopped: the machine is shared, and the row fails anyway
ADDRESS_SPACE_BYTES = 6 << 30  # and no process of it may map more: a runaway allocation fails in it, not elsewhere


def mrkg_env(var_dir: Path, settings: Mapping[str, object] | None = None) -> dict[str, str]:
    """The environment of an `mrkg` command: MRKG_VAR_DIR and the given MRKG_ settings, nothing inherited."""
    env = {name: value for name, value in os.environ.items() if not name.startswith("MRKG_")}
    env["MRKG_VAR_DIR"] = str(var_dir)
    for name, value in (settings or {}).items():
        env[f"MRKG_{name.upper()}"] = str(value).lower() if isinstance(value, bool) else str(value)
    return env


def scratch_build(var_dir: Path, timeout: float = 600) -> None:
    """One real `mrkg build` of data/ into ``var_dir``: the release every instance serves a copy of."""
    result = subprocess.run([*MRKG, "build"], cwd=PROJECT_ROOT, env=mrkg_env(var_dir), capture_output=True,
                            text=True, timeout=timeout)
    if result.returncode != 0:
        raise RuntimeError(f"the scratch build failed ({result.returncode}):\n{result.stderr[-4000:]}")


def copy_var(source: Path, target: Path) -> Path:
    """A copy of a var/ folder, ``current`` still a relative symlink into its own releases/."""
    shutil.copytree(source, target, symlinks=True)
    return target


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def memory_mb(pid: int, field: str = "VmRSS") -> float:
    """A process's resident memory (``VmRSS``) or its peak so far (``VmHWM``), in MB; 0 once it is gone."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith(field + ":"):
                return int(line.split()[1]) / 1024
    except (OSError, ValueError):
        pass
    return 0.0


def children(pid: int) -> list[int]:
    try:
        return [int(child) for child in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
    except OSError:
        return []


class Instance:
    """``mrkg serve --host 127.0.0.1 --port <free>`` with its own MRKG_VAR_DIR; a context manager.

    ``open_files`` lowers the server's soft limit on open files (1,024 is the
    common default an operator gets).  Its address space is limited (with
    prlimit(1), inherited by its workers), and while it runs a thread notes
    the peak memory of the web process and of every worker it started, and
    stops it past :data:`MEMORY_CEILING_MB`: the machine is shared.
    """

    def __init__(self, var_dir: Path, log: Path, settings: Mapping[str, object] | None = None,
                 open_files: int | None = None) -> None:
        self.var_dir = var_dir
        self.log = log
        self.settings = dict(settings or {})
        self.open_files = open_files
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.process: subprocess.Popen[bytes] | None = None
        self.workers_seen: set[int] = set()
        self.peak_web_mb = 0.0
        self.peak_worker_mb = 0.0
        self.stopped_for_memory = False
        self._sampling = threading.Event()
        self._sampler: threading.Thread | None = None

    @property
    def pid(self) -> int:
        assert self.process is not None
        return self.process.pid

    def __enter__(self) -> "Instance":
        self.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def start(self) -> None:
        command = [*MRKG, "serve", "--host", "127.0.0.1", "--port", str(self.port)]
        prlimit = shutil.which("prlimit")
        if prlimit:
            limits = [f"--as={ADDRESS_SPACE_BYTES}"]
            if self.open_files is not None:
                limits.append(f"--nofile={self.open_files}:{resource.getrlimit(resource.RLIMIT_NOFILE)[1]}")
            command = [prlimit, *limits, "--", *command]
        with self.log.open("ab") as log:
            self.process = subprocess.Popen(command, cwd=PROJECT_ROOT, env=mrkg_env(self.var_dir, self.settings),
                                            stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
        if self.open_files is not None and not prlimit:
            _, hard = resource.prlimit(self.pid, resource.RLIMIT_NOFILE)
            resource.prlimit(self.pid, resource.RLIMIT_NOFILE, (self.open_files, hard))
        self._sampler = threading.Thread(target=self._sample, name=f"memory of {self.pid}", daemon=True)
        self._sampler.start()
        deadline = time.monotonic() + START_TIMEOUT
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"mrkg serve exited with {self.process.returncode}: see {self.log}")
            try:
                httpx.get(self.url + "/health", timeout=5)
                return
            except httpx.TransportError:
                time.sleep(0.1)
        self.stop()
        raise RuntimeError(f"mrkg serve did not answer within {START_TIMEOUT:.0f} s: see {self.log}")

    def health(self, timeout: float = 10) -> dict[str, Any]:
        """``/health`` as JSON, or ``{}`` when it does not answer in JSON within ``timeout``."""
        try:
            body = httpx.get(self.url + "/health", timeout=timeout).json()
        except (httpx.HTTPError, ValueError):
            return {}
        return body if isinstance(body, dict) else {}

    def restarts(self) -> int | None:
        """Workers restarted so far, other than those ended for running past the time limit."""
        workers = self.health().get("workers")
        if not isinstance(workers, dict) or not isinstance(workers.get("restarts"), int):
            return None
        return int(workers["restarts"]) - int(workers.get("timeouts") or 0)

    def rss_mb(self) -> float:
        return memory_mb(self.pid)

    def _sample(self) -> None:
        while not self._sampling.wait(0.2):
            if self.process is None or self.process.poll() is not None:
                return
            self.peak_web_mb = max(self.peak_web_mb, memory_mb(self.pid, "VmHWM"))
            for worker in children(self.pid):
                self.workers_seen.add(worker)
                self.peak_worker_mb = max(self.peak_worker_mb, memory_mb(worker, "VmHWM"))
            if max(self.peak_web_mb, self.peak_worker_mb) > MEMORY_CEILING_MB:
                self.stopped_for_memory = True
                for worker in children(self.pid):
                    os.kill(worker, signal.SIGKILL)
                self.process.kill()
                return

    def stop(self) -> None:
        """SIGTERM, then SIGKILL after 5 s; then any of its workers still alive, by pid."""
        if self.process is None:
            return
        self.workers_seen.update(children(self.pid))
        if self.process.poll() is None:
            self.peak_web_mb = max(self.peak_web_mb, memory_mb(self.pid, "VmHWM"))
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=5)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self._sampling.set()
        for worker in self.workers_seen:
            if _is_worker(worker):
                os.kill(worker, signal.SIGKILL)


def _is_worker(pid: int) -> bool:
    try:
        return b"graph.store.worker" in Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return False
