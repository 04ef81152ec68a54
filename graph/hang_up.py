"""Watching for a client that hangs up while its query waits or runs (issue 10 item 4).

A client that gives up on a slow query closes its connection; nobody reads
the answer any more, yet the query would hold a worker until its time limit.
The pool (``graph.store.worker_pool``) is given a ``HangUp``: a coroutine function
that returns once the client has gone (for HTTP, once the server reports
``http.disconnect``), and a :class:`Vigil` turns that into ``QueryAbandoned``
for the reply being awaited, so that the worker is ended at once.
"""
from __future__ import annotations

import asyncio
import logging
from typing import Awaitable, Callable, Protocol

log = logging.getLogger("mrkg.store")

# Most answers come within a few milliseconds: watching for the client's hang-up costs a task and
# a wake-up per request, so a call starts watching only once its answer is this late (seconds).
WATCH_AFTER = 0.02

HangUp = Callable[[], Awaitable[object]]
"""Returns once the client that sent the request has closed its connection."""


class Abandonable(Protocol):
    def abandon(self) -> None:
        """Fail the reply being awaited with QueryAbandoned."""


class Vigil:
    """Watches for the client's hang-up while its call waits for a worker, then for the reply.

    The watch is a task awaiting ``hang_up``; it is started only when the wait
    outlasts ``WATCH_AFTER`` (or at once when every worker is busy), so a
    query answered in a millisecond never pays for it.
    """

    def __init__(self, hang_up: HangUp) -> None:
        self.hang_up = hang_up
        self.task: asyncio.Task[None] | None = None
        self.timer: asyncio.TimerHandle | None = None
        self.channel: Abandonable | None = None
        self.gone = False

    def start(self) -> asyncio.Task[None]:
        if self.task is None:
            self.task = asyncio.get_running_loop().create_task(self._watch())
        return self.task

    def follow(self, channel: Abandonable) -> None:
        """From now on a hang-up abandons the reply awaited on ``channel``."""
        self.channel = channel
        if self.task is None:
            self.timer = asyncio.get_running_loop().call_later(WATCH_AFTER, self.start)

    async def _watch(self) -> None:
        try:
            await self.hang_up()
        except Exception:  # noqa: BLE001 - a server that cannot tell: the query runs to its end as before
            log.debug("cannot watch for the client's hang-up", exc_info=True)
            return
        self.gone = True
        if self.channel is not None:
            self.channel.abandon()

    def end(self) -> None:
        if self.timer is not None:
            self.timer.cancel()
        if self.task is not None and not self.task.done():
            self.task.cancel()
