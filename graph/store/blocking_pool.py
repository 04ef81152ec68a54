"""Query workers called from threads: a blocking call to a process that can still be ended.

The pages read the published store from FastAPI's thread pool, a dozen small
reads a page (:mod:`graph.store.readers`).  Sent through the event loop, as the
SPARQL endpoint's queries are (:class:`graph.store.worker_pool.QueryPool`), each read
waited twice for a loop that a busy server keeps busy: with 40 clients asking
for unknown paths, a page took 380 ms instead of 50.  So here the calling
thread talks to its worker itself, over the same socket pair and wire
(``graph.store.worker``), and a worker is ended the same way, with SIGKILL:
when its answer is later than the time limit, or when the caller's ``intact``
check, made every ``WATCH_STEP`` seconds while it waits, raises.

Workers are started by a thread of the pool's own, alive as long as the pool:
a worker asks Linux to end it when the thread that started it ends
(``PR_SET_PDEATHSIG`` follows the thread, not the process), and the threads
that call come and go.
"""
from __future__ import annotations

import contextlib
import logging
import queue
import socket
import subprocess
import threading
import time
from typing import Any, Callable

from graph.errors import QueryTimeout, StoreError
from graph.store.worker import Inbox, WorkerConfig, send
from graph.store import workers
from graph.store.workers import Reply

log = logging.getLogger("mrkg.store")

WATCH_STEP = 0.1  # seconds between two ``intact`` checks while an answer is awaited


class BlockingWorker:
    """One worker process and this side of its socket, used by one thread at a time."""

    def __init__(self, process: subprocess.Popen[bytes], sock: socket.socket) -> None:
        self.process = process
        self.sock = sock
        self.inbox = Inbox(sock)

    def receive(self, deadline: float, intact: Callable[[], None] = lambda: None) -> Reply:
        """The next message; TimeoutError past ``deadline``; whatever ``intact`` raises, while it waits."""
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                raise TimeoutError
            self.sock.settimeout(min(WATCH_STEP, left))
            try:
                message = self.inbox.receive()  # keeps what came of a message across timeouts
            except TimeoutError:
                intact()
                continue
            if message is None:
                raise ConnectionError("the query worker closed its socket")
            return Reply(*message)

    def call(self, header: dict[str, Any], payload: bytes, deadline: float, intact: Callable[[], None]) -> Reply:
        # The whole time left, not the last watch step: a send cut short would leave half a message on the wire.
        self.sock.settimeout(max(deadline - time.monotonic(), 0.001))
        send(self.sock, header, payload)
        return self.receive(deadline, intact)

    def kill(self) -> None:
        with contextlib.suppress(ProcessLookupError):
            self.process.kill()
        self.sock.close()
        with contextlib.suppress(subprocess.TimeoutExpired):
            self.process.wait(timeout=5)


class BlockingPool:
    """``size`` workers; :meth:`call` sends a request to a free one and waits in the calling thread."""

    def __init__(self, config: WorkerConfig, size: int,
                 opening: Callable[[], tuple[dict[str, Any], bytes] | None] = lambda: None) -> None:
        self.config = config
        self.size = max(1, size)
        self.opening = opening  # a request each new worker answers before its first caller (opening the store)
        self.state = workers.PoolState()
        self._idle: queue.LifoQueue[BlockingWorker] = queue.LifoQueue()
        self._wanted: queue.SimpleQueue[bool] = queue.SimpleQueue()  # True: start a worker; False: stop
        self._workers: set[BlockingWorker] = set()
        self._lock = threading.Lock()
        self._starter: threading.Thread | None = None
        self._closed = False

    @property
    def pids(self) -> list[int]:
        with self._lock:
            return sorted(worker.process.pid for worker in self._workers)

    def start(self, ready_within: float = workers.START_TIMEOUT) -> None:
        """Start the workers; return once they are ready (or ``ready_within`` seconds have passed)."""
        self._starter = threading.Thread(target=self._start_workers, name="query worker starter", daemon=True)
        self._starter.start()
        for _ in range(self.size):
            self._wanted.put(True)
        deadline = time.monotonic() + ready_within
        while self._idle.qsize() < self.size and time.monotonic() < deadline:
            time.sleep(0.01)

    def close(self) -> None:
        self._closed = True
        self._wanted.put(False)
        with self._lock:
            workers, self._workers = list(self._workers), set()
        for worker in workers:
            worker.kill()
        if self._starter is not None:
            self._starter.join(timeout=5)

    def call(self, header: dict[str, Any], payload: bytes, timeout: float,
             intact: Callable[[], None] = lambda: None) -> Reply:
        """Send one request and wait; a worker not done within ``timeout``, or whose caller's ``intact`` raises, is ended."""
        deadline = time.monotonic() + timeout
        try:
            worker = self._idle.get(timeout=timeout)
        except queue.Empty:
            raise QueryTimeout(f"every query worker stayed busy for {timeout:g} s; try again later") from None
        try:
            intact()  # the wait for a worker may have been long
        except BaseException:
            self._idle.put(worker)  # nothing sent yet: the worker is as good as before
            raise
        try:
            reply = worker.call(header, payload, deadline, intact)
        except TimeoutError:
            self.state.timeouts += 1
            self._replace(worker)
            raise QueryTimeout(f"the read ran longer than the time limit of {timeout:g} s and was stopped") from None
        except (ConnectionError, OSError):
            self._replace(worker)
            raise StoreError("a query worker stopped unexpectedly (it may have run out of memory); "
                             "it has been restarted") from None
        except BaseException:  # ``intact`` raised (or the caller was interrupted): the worker's state is unknown
            self.state.cancelled += 1
            self._replace(worker)
            raise
        self._idle.put(worker)
        return reply

    def _replace(self, worker: BlockingWorker) -> None:
        with self._lock:
            self._workers.discard(worker)
        worker.kill()
        if not self._closed:
            self.state.restarts += 1
            self._wanted.put(True)

    def _start_workers(self) -> None:
        while self._wanted.get():
            for pause in workers.pauses():
                if self._closed:
                    return
                try:
                    worker = self._spawn()
                    break
                except (OSError, StoreError) as error:
                    workers.could_not_start(error, pause)
                    time.sleep(pause)
            with self._lock:
                if self._closed:
                    worker.kill()
                    return
                self._workers.add(worker)
            self._idle.put(worker)

    def _spawn(self) -> BlockingWorker:
        ours, theirs = socket.socketpair(socket.AF_UNIX, socket.SOCK_STREAM)
        try:
            process = subprocess.Popen(workers.worker_command(self.config, theirs.fileno()), pass_fds=(theirs.fileno(),),
                                       stdin=subprocess.DEVNULL, env=workers.worker_environment())
        except OSError:
            ours.close()
            raise
        finally:
            theirs.close()
        worker = BlockingWorker(process, ours)
        try:
            hello = worker.receive(time.monotonic() + workers.START_TIMEOUT)
        except (TimeoutError, ConnectionError, OSError):
            worker.kill()
            raise StoreError("a query worker did not start") from None
        try:
            self.state.sandbox = workers.greeted(hello)
        except StoreError:
            worker.kill()
            raise
        first = self.opening()
        if first is not None:
            try:
                worker.call(*first, time.monotonic() + workers.START_TIMEOUT, lambda: None)  # whatever it says: callers will see
            except (TimeoutError, ConnectionError, OSError):
                worker.kill()
                raise StoreError("a query worker did not answer its first request") from None
        return worker
