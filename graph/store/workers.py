"""How a query worker is started and what it says when it is up, whichever pool starts it.

Two pools drive the same workers (:mod:`graph.store.worker`): one from the
event loop for ``/sparql`` (:mod:`graph.store.worker_pool`), one from threads
for the pages and the command line (:mod:`graph.store.blocking_pool`).  The
process, its environment, its greeting, the pause between failed starts and
what each pool tells ``/health`` are the same for both, and written here.
"""
from __future__ import annotations

import logging
import os
import sys
from dataclasses import asdict, dataclass, field
from typing import Any, Iterator, NamedTuple

import orjson

from graph.errors import StoreError
from graph.store.worker import WorkerConfig

log = logging.getLogger("mrkg.store")

START_TIMEOUT = 60.0  # seconds a new worker may take to start (opening a large store)
# A worker that cannot start (no memory, no process slots) is tried again after a pause that doubles up to this.
LONGEST_PAUSE = 10.0


class Reply(NamedTuple):
    """What a worker answered: the header's fields and the body bytes."""

    header: dict[str, Any]
    body: bytes

    @property
    def status(self) -> int:
        return int(self.header["status"])


@dataclass
class PoolState:
    """What a pool knows, for /health: the last store a worker reported, restarts so far."""

    store: dict[str, Any] = field(default_factory=dict)
    restarts: int = 0
    timeouts: int = 0
    cancelled: int = 0  # queries stopped because their client hung up
    sandbox: dict[str, Any] = field(default_factory=dict)  # {"on", "detail"}, as the last worker started reported


def worker_command(config: WorkerConfig, fd: int) -> list[str]:
    """How a worker is started, talking on the socket ``fd``.

    ``-P``: ``-m`` would otherwise put the working directory first on the
    import path, and a ``graph`` folder there would replace the service's own code.
    """
    return [sys.executable, "-P", "-m", "graph.store.worker", str(fd), orjson.dumps(asdict(config)).decode()]


def worker_environment() -> dict[str, str]:
    """Workers import ``graph`` from wherever this process did (an editable install or a checkout)."""
    here = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    existing = os.environ.get("PYTHONPATH", "")
    return {**os.environ, "PYTHONPATH": here + (os.pathsep + existing if existing else "")}


def greeted(hello: Reply) -> dict[str, Any]:
    """What a new worker says of its sandbox; StoreError when its first message is not the greeting."""
    if not hello.header.get("ready"):
        raise StoreError(f"a query worker did not start: {hello.header}")
    return dict(hello.header.get("sandbox") or {})


def pauses() -> Iterator[float]:
    """Seconds to wait before each new attempt to start a worker: 0.1, doubling, at most LONGEST_PAUSE."""
    pause = 0.1
    while True:
        yield pause
        pause = min(pause * 2, LONGEST_PAUSE)


def could_not_start(error: BaseException, pause: float) -> None:
    log.error("cannot start a query worker: %s; retrying in %.1f s", error, pause)
