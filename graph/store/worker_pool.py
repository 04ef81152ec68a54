"""A pool of query worker processes, driven from the event loop.

Why processes: a SPARQL query can run for ever, and Oxigraph cannot stop one
from Python.  Each query is sent to an idle worker (``graph.store.worker``);
when its time limit passes, the worker is killed — which really stops the CPU
work — and a fresh one takes its place, while the other workers keep answering.

The same holds when the client that asked hangs up (issue 10 item 4): a
caller may pass a ``hang_up`` coroutine function that returns once the client
has gone, and its query is then stopped at once, whether it is waiting for a
worker or running in one (``graph.hang_up``).

Nothing here blocks the event loop: workers are reached through Unix socket
pairs read by an ``asyncio.Protocol``, and started as ``asyncio`` subprocesses.
"""
from __future__ import annotations

import asyncio
import contextlib
import logging
import signal
import socket
import time
from typing import Any

import orjson

from graph.errors import QueryAbandoned, QueryTimeout, StoreError
from graph.hang_up import HangUp, Vigil
from graph.store.worker import FRAME, WorkerConfig, encode
from graph.store.workers import (
    START_TIMEOUT,
    PoolState,
    Reply,
    could_not_start,
    greeted,
    pauses,
    worker_command,
    worker_environment,
)

log = logging.getLogger("mrkg.store")

_WAKE = encode({"op": "wake"})


class _Channel(asyncio.Protocol):
    """The service's end of a worker's socket: one reply awaited at a time, within a time limit."""

    def __init__(self) -> None:
        self.transport: asyncio.Transport | None = None
        self.buffer = bytearray()
        self.waiter: asyncio.Future[Reply] | None = None
        self.timer: asyncio.TimerHandle | None = None
        self.lost: Exception | None = None

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        self.transport = transport  # type: ignore[assignment]

    def data_received(self, data: bytes) -> None:
        if self.buffer:  # the rest of a message that came in pieces
            self.buffer += data
            data, self.buffer = bytes(self.buffer), bytearray()
        head_size, body_size = FRAME.unpack_from(data) if len(data) >= FRAME.size else (0, 0)
        end = FRAME.size + head_size + body_size
        whole = head_size > 0 and len(data) >= end  # a header is never empty: 0 means the lengths are not here yet
        if not whole or self.waiter is None or self.waiter.done():
            self.buffer += data  # kept until the rest of it comes, or until a reply is expected
            return
        # Read straight from the bytes the loop handed over: a reply usually comes in one piece.
        header = orjson.loads(memoryview(data)[FRAME.size:FRAME.size + head_size])
        body = data[FRAME.size + head_size:end]
        self.buffer += memoryview(data)[end:]
        self._settle()
        self.waiter.set_result(Reply(header, body))

    def connection_lost(self, exc: Exception | None) -> None:
        self.lost = ConnectionError("the query worker closed its socket")
        self._settle()
        if self.waiter is not None and not self.waiter.done():
            self.waiter.set_exception(self.lost)

    def expect(self, timeout: float | None = None) -> asyncio.Future[Reply]:
        """The next reply; it fails with TimeoutError if it has not come within ``timeout`` seconds.

        The limit is a timer on the reply itself rather than ``asyncio.timeout``
        around the caller, which costs several times as much on every query.
        """
        if self.lost is not None:
            raise self.lost
        loop = asyncio.get_running_loop()
        self.waiter = loop.create_future()
        if timeout is not None:
            self.timer = loop.call_later(timeout, self._expire, self.waiter)
        if self.buffer:
            self.data_received(b"")  # a reply may already be here
        return self.waiter

    def _expire(self, waiter: asyncio.Future[Reply]) -> None:
        if not waiter.done():
            waiter.set_exception(TimeoutError())

    def abandon(self) -> None:
        """The awaited reply is no longer wanted: its caller gets QueryAbandoned at once."""
        if self.waiter is not None and not self.waiter.done():
            self._settle()
            self.waiter.set_exception(QueryAbandoned("the client closed the connection; its query was stopped"))

    def _settle(self) -> None:
        if self.timer is not None:
            self.timer.cancel()
            self.timer = None


class WorkerProcess:
    """One worker: its process and the service's end of its socket."""

    def __init__(self, process: asyncio.subprocess.Process, channel: _Channel) -> None:
        self.process = process
        self.channel = channel

    @property
    def pid(self) -> int:
        return self.process.pid

    async def call(self, header: dict[str, Any], payload: bytes, timeout: float | None = None) -> Reply:
        """Send a request; TimeoutError when no reply came within ``timeout`` seconds."""
        reply = self.channel.expect(timeout)
        assert self.channel.transport is not None
        self.channel.transport.writelines(encode(header, payload))
        return await reply

    async def read(self, timeout: float | None = None) -> Reply:
        return await self.channel.expect(timeout)

    def kill(self) -> None:
        """End the process at once: SIGKILL, because a running query ignores anything gentler."""
        with contextlib.suppress(ProcessLookupError):
            self.process.send_signal(signal.SIGKILL)
        if self.channel.transport is not None:
            self.channel.transport.close()

    async def reap(self) -> None:
        with contextlib.suppress(ProcessLookupError, ChildProcessError):
            await self.process.wait()


class _IdleWorkers(asyncio.LifoQueue[WorkerProcess]):
    """Idle workers, last in first out: the worker that just answered is the warmest (caches, CPU)."""

    def next_out(self) -> WorkerProcess | None:
        """The worker the next ``get`` will give, if any (LifoQueue keeps them in a list, ``_queue``)."""
        return self._queue[-1] if self._queue else None  # type: ignore[attr-defined]  # typeshed omits _queue


class QueryPool:
    """``size`` workers; ``call`` sends a request to a free one, within ``timeout`` seconds."""

    def __init__(self, config: WorkerConfig, size: int) -> None:
        self.config = config
        self.size = max(1, size)
        self.state = PoolState()
        self._idle = _IdleWorkers()
        self._workers: set[WorkerProcess] = set()
        self._pending: set[asyncio.Task[None]] = set()
        self._closed = False

    @property
    def pids(self) -> list[int]:
        return sorted(worker.pid for worker in self._workers)

    async def start(self) -> None:
        workers = await asyncio.gather(*(self._spawn() for _ in range(self.size)))
        for worker in workers:
            self._idle.put_nowait(worker)

    async def close(self) -> None:
        self._closed = True
        for task in list(self._pending):
            task.cancel()
        for worker in list(self._workers):
            worker.kill()
        for worker in list(self._workers):
            await worker.reap()
        self._workers.clear()

    def wake(self) -> None:
        """Tell the worker the next call will go to that a request is on its way (graph.store.worker.prime)."""
        worker = self._idle.next_out()
        transport = worker.channel.transport if worker is not None else None
        if transport is not None and not transport.is_closing():  # a dead worker is replaced by the call
            transport.writelines(_WAKE)

    async def call(self, header: dict[str, Any], payload: bytes, timeout: float,
                   hang_up: HangUp | None = None) -> Reply:
        """Send one request; a worker that does not answer within ``timeout`` is killed and replaced.

        With ``hang_up``, a client that goes away stops its request: it leaves
        the queue, or its worker is killed and replaced (``QueryAbandoned``).
        """
        started = time.monotonic()
        vigil = Vigil(hang_up) if hang_up is not None else None
        try:
            try:
                worker = self._idle.get_nowait()
            except asyncio.QueueEmpty:
                worker = await self._free_worker(timeout, vigil)
            if vigil is not None:
                vigil.follow(worker.channel)
            try:
                reply = await worker.call(header, payload, timeout)
            except TimeoutError:
                self.state.timeouts += 1
                self._replace(worker)
                raise QueryTimeout(
                    f"the query ran longer than the time limit of {timeout:g} s and was stopped"
                ) from None
            except QueryAbandoned:
                self.state.cancelled += 1
                self._replace(worker)
                raise
            except (ConnectionError, OSError):
                self._replace(worker)
                raise StoreError("the query worker stopped unexpectedly (it may have run out of memory); "
                                 "it has been restarted") from None
            except BaseException:  # cancelled mid-call: the worker's state is unknown
                self._replace(worker)
                raise
        finally:
            if vigil is not None:
                vigil.end()
        self._idle.put_nowait(worker)
        if "store" in reply.header:
            self.state.store = reply.header["store"]
        if log.isEnabledFor(logging.DEBUG):
            log.debug("worker %d answered %s in %.1f ms", worker.pid, reply.status, 1000 * (time.monotonic() - started))
        return reply

    async def _free_worker(self, timeout: float, vigil: Vigil | None) -> WorkerProcess:
        """Wait for an idle worker, at most ``timeout`` seconds, or until the client hangs up."""
        getter = asyncio.ensure_future(self._idle.get())
        waited: set[asyncio.Future[Any]] = {getter}
        if vigil is not None:
            waited.add(vigil.start())  # this request is already late: watch at once
        try:
            await asyncio.wait(waited, timeout=timeout, return_when=asyncio.FIRST_COMPLETED)
        except BaseException:  # cancelled: a worker already taken goes back
            if (worker := _taken(getter)) is not None:
                self._idle.put_nowait(worker)
            raise
        worker = _taken(getter)
        if vigil is not None and vigil.gone:
            if worker is not None:
                self._idle.put_nowait(worker)
            self.state.cancelled += 1
            raise QueryAbandoned("the client closed the connection while its query waited for a worker")
        if worker is None:
            raise QueryTimeout(f"every query worker stayed busy for {timeout:g} s; try again later", status=503)
        return worker

    def _replace(self, worker: WorkerProcess) -> None:
        worker.kill()
        self._workers.discard(worker)
        if self._closed:
            return
        self.state.restarts += 1
        task = asyncio.get_running_loop().create_task(self._respawn(worker))
        self._pending.add(task)
        task.add_done_callback(self._pending.discard)

    async def _respawn(self, dead: WorkerProcess) -> None:
        await dead.reap()
        for pause in pauses():
            if self._closed:
                return
            try:
                self._idle.put_nowait(await self._spawn())
                return
            except (OSError, StoreError) as error:
                could_not_start(error, pause)
                await asyncio.sleep(pause)

    async def _spawn(self) -> WorkerProcess:
        ours, theirs = socket.socketpair(socket.AF_UNIX, socket.SOCK_STREAM)
        try:
            process = await asyncio.create_subprocess_exec(
                *worker_command(self.config, theirs.fileno()), pass_fds=(theirs.fileno(),),
                stdin=asyncio.subprocess.DEVNULL, env=worker_environment(),
            )
        finally:
            theirs.close()
        _, channel = await asyncio.get_running_loop().create_unix_connection(_Channel, sock=ours)
        worker = WorkerProcess(process, channel)
        try:
            hello = await worker.read(START_TIMEOUT)
        except (TimeoutError, ConnectionError):
            worker.kill()
            await worker.reap()
            raise StoreError("a query worker did not start") from None
        try:
            sandbox = greeted(hello)
        except StoreError:
            worker.kill()
            raise
        self._note_sandbox(sandbox)
        self._workers.add(worker)
        return worker

    def _note_sandbox(self, sandbox: dict[str, Any]) -> None:
        """Keep what the worker says of its sandbox; say it once in the log when it was asked for and is off."""
        if self.config.sandbox and not sandbox.get("on") and self.state.sandbox.get("on", True):
            log.warning("query workers run without their network sandbox (%s); the SERVICE guard stands alone",
                        sandbox.get("detail"))
        self.state.sandbox = sandbox


def _taken(getter: asyncio.Future[WorkerProcess]) -> WorkerProcess | None:
    """The worker a pending ``get`` from the idle queue obtained; if none yet, the get is cancelled."""
    if getter.done() and not getter.cancelled():
        return getter.result()
    getter.cancel()  # Queue.get leaves a worker it did not take in the queue
    return None
