"""Queries evaluated in threads of the serving process itself, for ``mrkg serve`` with server processes.

A query sent to a worker process crosses a process boundary twice; on a
point lookup that hop, and the wake-ups it costs on a busy machine, take
longer than the engine (issue 15 point 4).  With ``MRKG_SERVER_PROCESSES``
several serving processes share one listening socket
(:mod:`api.server_processes`), and each evaluates its queries here, in a
thread, with the same :class:`~graph.store.worker.QueryWorker` a worker
process runs (the guard, the row cap, the result formats are the same).

A thread cannot be stopped, so what a worker process gives is kept another
way: a query that outlives its time limit, or whose client hangs up while it
runs, is answered (503, or nothing) and the process is *retired* — it stops
taking connections, finishes the requests it holds, and exits, which ends the
runaway evaluation and frees its CPU; the supervisor starts a fresh process
meanwhile, and the other processes answer everyone else.

The pool has the interface of :class:`~graph.store.worker_pool.QueryPool`,
so :class:`~graph.store.endpoint.QueryService` uses either.
"""
from __future__ import annotations

import asyncio
import logging
import os
import signal
import threading
import time
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any, Callable

from graph.errors import QueryAbandoned, QueryTimeout
from graph.hang_up import HangUp, Vigil
from graph.store.worker import ENGINE_STACK_BYTES, QueryWorker, WorkerConfig
from graph.store.workers import PoolState, Reply

log = logging.getLogger("mrkg.store")


def retire_this_process() -> None:
    """Ask this serving process to stop gracefully: uvicorn takes SIGTERM as "finish what you hold, then exit"."""
    os.kill(os.getpid(), signal.SIGTERM)


class _Reply(asyncio.Future[Reply]):
    """The awaited answer; a hang-up of the client abandons it (``graph.hang_up.Vigil``)."""

    def abandon(self) -> None:
        if not self.done():
            self.set_exception(QueryAbandoned("the client closed the connection; its query was stopped"))


class ThreadPool:
    """``size`` threads, each with its own :class:`QueryWorker` (and so its own open store)."""

    def __init__(self, config: WorkerConfig, size: int, retire: Callable[[], None] = retire_this_process) -> None:
        self.config = config
        self.size = max(1, size)
        self.state = PoolState(sandbox={"on": False, "detail": "queries are evaluated in the serving processes "
                                                              "(MRKG_SERVER_PROCESSES); the SERVICE guard stands alone"})
        self.retiring = False
        self._retire = retire
        self._local = threading.local()
        self._executor: ThreadPoolExecutor | None = None
        self._free = asyncio.Semaphore(self.size)

    @property
    def pids(self) -> list[int]:
        return [os.getpid()]

    async def start(self) -> None:
        # The stack a worker process gives its engine thread (deep queries, graph.store.worker); threads
        # are started on first use, and the size holds for every thread started after this.
        for size in (ENGINE_STACK_BYTES, ENGINE_STACK_BYTES // 4):
            try:
                threading.stack_size(size)
                break
            except (ValueError, RuntimeError):
                continue
        self._executor = ThreadPoolExecutor(self.size, thread_name_prefix="engine")
        if self.config.sandbox:
            log.warning("queries are evaluated in the serving processes: no network sandbox; the SERVICE guard "
                        "stands alone")

    async def close(self) -> None:
        if self._executor is not None:
            self._executor.shutdown(wait=False, cancel_futures=True)

    def wake(self) -> None:
        """Nothing to wake: the evaluating thread is in this process."""

    async def call(self, header: dict[str, Any], payload: bytes, timeout: float,
                   hang_up: HangUp | None = None) -> Reply:
        """Evaluate in a thread; past ``timeout``, or when the client hangs up, retire the process.

        A retiring process goes on answering what reaches it (its other threads
        are free) until it has closed its connections.
        """
        started = time.monotonic()
        if not self._free.locked():
            await self._free.acquire()  # at once: no timer needed
        else:
            try:
                await asyncio.wait_for(self._free.acquire(), timeout)
            except TimeoutError:
                raise QueryTimeout(f"every query thread stayed busy for {timeout:g} s; try again later",
                                   status=503) from None
        loop = asyncio.get_running_loop()
        reply = _Reply(loop=loop)
        vigil = Vigil(hang_up) if hang_up is not None else None
        assert self._executor is not None
        job = self._executor.submit(self._evaluate, header, payload)
        job.add_done_callback(lambda done: loop.call_soon_threadsafe(self._settle, done, reply))
        timer = loop.call_later(max(0.0, timeout - (time.monotonic() - started)), _expire, reply)
        if vigil is not None:
            vigil.follow(reply)
        try:
            return await reply
        except TimeoutError:
            self.state.timeouts += 1
            self._retire_after_runaway("ran past the time limit")
            raise QueryTimeout(f"the query ran longer than the time limit of {timeout:g} s and was stopped") from None
        except QueryAbandoned:
            self.state.cancelled += 1
            self._retire_after_runaway("lost its client")
            raise
        finally:
            timer.cancel()
            if vigil is not None:
                vigil.end()
            if job.done():
                self._free.release()
            else:  # the thread is still held by the query: freed when it ends (or with the process)
                job.add_done_callback(lambda _: loop.call_soon_threadsafe(self._free.release))

    def _evaluate(self, header: dict[str, Any], payload: bytes) -> tuple[dict[str, Any], bytes]:
        worker: QueryWorker | None = getattr(self._local, "worker", None)
        if worker is None:
            worker = self._local.worker = QueryWorker(self.config)
        return worker.handle(header, payload)

    def _settle(self, job: Future[tuple[dict[str, Any], bytes]], reply: _Reply) -> None:
        if reply.done():
            return
        if job.exception() is not None:
            reply.set_exception(job.exception())  # type: ignore[arg-type]
        else:
            header, body = job.result()
            if "store" in header:
                self.state.store = header["store"]
            reply.set_result(Reply(header, body))

    def _retire_after_runaway(self, why: str) -> None:
        """The evaluation goes on in its thread: only ending the process stops it."""
        if self.retiring:
            return
        self.retiring = True
        self.state.restarts += 1
        log.warning("a query %s; this server process (%d) finishes its other requests and is replaced",
                    why, os.getpid())
        self._retire()


def _expire(reply: _Reply) -> None:
    if not reply.done():
        reply.set_exception(TimeoutError())
