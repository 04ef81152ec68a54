"""``mrkg serve`` as several serving processes on one listening socket, and the supervisor that keeps them.

With ``MRKG_SERVER_PROCESSES=N`` (issue 15 point 4) the supervisor binds the
address once and starts N processes that accept connections from that same
socket; each runs the whole application and evaluates its queries in threads
of its own (:mod:`graph.store.thread_pool`), so no request crosses a process
boundary.  A process whose query runs past the time limit (or loses its
client) answers, stops accepting, finishes the requests it holds and exits;
the supervisor starts another in its place, while the others go on answering.
One shared socket rather than ``SO_REUSEPORT``: a process that stops
accepting leaves its waiting connections to the others, instead of
resetting the ones the kernel had already queued for it.

The supervisor does nothing else: it holds no store and answers no request.
Ctrl+C or SIGTERM stops every process gracefully (they finish what they
hold), and the supervisor with them.
"""
from __future__ import annotations

import logging
import os
import signal
import socket
import subprocess
import sys
import time
from types import FrameType

from api.connection_guard import ConnectionGuard, protocol_factory, raise_descriptor_limit
from graph.settings import Settings
from graph.store.worker import _die_with_parent
from graph.store.workers import pauses, worker_environment

log = logging.getLogger("mrkg.serve")

STOP_GRACE = 10.0  # seconds the processes have to finish their requests when the service stops


def supervise(host: str, port: int, processes: int, log_level: str, backlog: int) -> int:
    """Bind, keep ``processes`` serving processes running, stop them all on SIGINT or SIGTERM."""
    listening = socket.create_server((host, port), backlog=backlog)
    listening.set_inheritable(True)
    stopping: list[int] = []

    def stop(signum: int, _: FrameType | None) -> None:
        stopping.append(signum)

    signal.signal(signal.SIGINT, stop)
    signal.signal(signal.SIGTERM, stop)
    running = [_start(listening, log_level) for _ in range(processes)]
    waits = pauses()
    try:
        while not stopping:
            time.sleep(0.05)
            for index, process in enumerate(running):
                if process.poll() is None:
                    continue
                status = process.returncode
                log.warning("serving process %d ended (status %s); starting another", process.pid, status)
                if status not in (0, -signal.SIGTERM):  # a crash, not a retirement: do not start in a loop
                    time.sleep(next(waits))
                else:
                    waits = pauses()
                running[index] = _start(listening, log_level)
    finally:
        _stop_all(running)
        listening.close()
    return 0


def _start(listening: socket.socket, log_level: str) -> subprocess.Popen[bytes]:
    fd = listening.fileno()
    return subprocess.Popen([sys.executable, "-P", "-m", "api.server_processes", str(fd), log_level],
                            pass_fds=(fd,), env=worker_environment(), stdin=subprocess.DEVNULL)


def _stop_all(running: list[subprocess.Popen[bytes]]) -> None:
    for process in running:
        if process.poll() is None:
            process.send_signal(signal.SIGTERM)
    deadline = time.monotonic() + STOP_GRACE
    for process in running:
        try:
            process.wait(timeout=max(0.1, deadline - time.monotonic()))
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def serve_one(fd: int, log_level: str) -> int:
    """One serving process: the application, evaluating in threads, on the socket the supervisor bound."""
    import uvicorn

    from api.app import create_app

    _die_with_parent()  # a supervisor killed outright takes its processes with it
    settings = Settings.from_env()
    guard = ConnectionGuard.from_settings(settings, raise_descriptor_limit())
    config = uvicorn.Config(
        create_app(settings, in_process=True), loop="uvloop",
        http=protocol_factory(guard),  # type: ignore[arg-type]  # uvicorn only calls it, as asyncio does a class
        backlog=guard.backlog, timeout_keep_alive=settings.keep_alive_timeout,  # type: ignore[arg-type]
        # A retiring process finishes the requests it holds; one still running then is given up.
        timeout_graceful_shutdown=max(1, int(settings.query_timeout)),
        log_level=log_level, access_log=False,
    )
    uvicorn.Server(config).run(sockets=[socket.socket(fileno=fd)])
    # A runaway evaluation may still hold a thread, and an ordinary exit would wait for it: ending the
    # process is what stops it.
    os._exit(0)


if __name__ == "__main__":
    sys.exit(serve_one(int(sys.argv[1]), sys.argv[2]))

