"""Connections that cannot freeze the server: time limits, and caps per client and overall (issue 10, point 7).

uvicorn reads a request for as long as the client cares to send it, and
accepts connections until the process runs out of file descriptors: 20,500
half-sent requests made every route fail.  :class:`GuardedProtocol` is
uvicorn's httptools protocol with, on top:

* **time limits**: a request's head (request line and headers) must arrive
  within ``header_timeout`` seconds of the connection (or of the first byte
  of a later request on it), its body within ``body_timeout`` seconds of the
  head; past that the client gets ``408`` and the connection is closed.  An
  idle keep-alive connection is closed after ``keep_alive_timeout`` (uvicorn's
  own timer).  A head longer than the largest request accepted gets ``431``.
* **a cap per client**: one address (an IPv6 address counts by its /64
  network, which one host usually holds whole) keeps at most
  ``max_connections_per_client`` connections; the next one is answered ``429``
  and closed, and no other client notices.
* **a cap overall**, kept below the process's descriptor limit: at
  ``max_connections``, a new connection makes room by closing the oldest
  connection that is idle or still sending its head — from the client that
  holds the most — so a flood of half-sent requests cannot lock out anyone
  for longer than it takes to send one.  When every connection is busy with a
  request, a new one is answered ``503``, except ``/health``, which is
  served: a monitor can always tell a busy server from a dead one.

A refused connection is given :data:`REFUSAL_GRACE` seconds to send its head
(so the answer is read, not lost in a reset), in room kept beyond the caps.
That room is shared fairly: one client has at most :data:`REFUSALS_PER_CLIENT`
refusals on their way at once — its next connections are closed at once,
without a word, since it has answers coming that say why — and when the room
is full, a newcomer makes room by closing the oldest refused connection of the
client that has the most.  A flood of half-sent requests from one address
thus never takes the room another client needs (it used to: bystanders'
connections were dropped unanswered).

Descriptors: the caps, the room for refusals, the listen backlog and
:data:`DESCRIPTOR_RESERVE` together stay below the process's limit on open
files, because running out is worse than refusing.  uvloop (libuv) answers an
``accept`` that fails with ``EMFILE`` by accepting and closing every pending
connection — a bystander's too — and should it fail twice, closes the
listening socket for good; asyncio's own loop stops accepting for a second.
libuv accepts the whole backlog before any ``connection_made`` runs, so the
backlog is counted in.  Should descriptors run short all the same (files
opened elsewhere in the process), which a new connection's descriptor number
tells (Linux hands out the lowest free one), refusals are no longer held:
refused connections are closed at once, oldest of the heaviest client first.
"""
from __future__ import annotations

import asyncio
import ipaddress
import resource
from collections import Counter, OrderedDict
from dataclasses import dataclass, field
from typing import Any, Callable

import httptools
from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol

from api.whole_answers import JoinedWrites
from graph.settings import Settings

REFUSAL_GRACE = 1.0  # seconds a refused connection has to send the head its refusal answers
DESCRIPTOR_RESERVE = 256  # descriptors kept for the store's files, the workers' sockets, dumps being sent, logs
REFUSAL_ROOM = 256  # connections beyond the cap that may wait for their refusal
REFUSALS_PER_CLIENT = 16  # of which one client may hold at once: sixteen clients fill the room, none locks it
BACKLOG = 2048  # connections the kernel queues before they are accepted (uvicorn's default), at most
LOW_WATER = 64  # descriptors left below the limit at which refusals are no longer held open
HEAD_ALLOWANCE = 64 * 1024  # bytes of headers allowed beside the longest accepted query string
HEALTH = b"/health"


def raise_descriptor_limit() -> int:
    """Raise this process's soft limit on open files to its hard limit; the limit now in force."""
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if hard == resource.RLIM_INFINITY or soft < hard:
        try:
            resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))
            soft = hard
        except (ValueError, OSError):
            pass
    return soft


def client_key(address: str) -> str:
    """Whose connection this is: the IPv4 address, or the /64 network of an IPv6 address."""
    try:
        parsed = ipaddress.ip_address(address.split("%", 1)[0])
    except ValueError:
        return address
    if isinstance(parsed, ipaddress.IPv6Address):
        if parsed.ipv4_mapped is not None:
            return str(parsed.ipv4_mapped)
        return str(ipaddress.IPv6Network((parsed, 64), strict=False))
    return str(parsed)


@dataclass
class ConnectionGuard:
    """What every connection of one server shares: the limits, the counts, and who is waiting."""

    header_timeout: float
    body_timeout: float
    max_head_bytes: int
    per_client: int  # 0: no cap
    admitted_cap: int
    hard_cap: int  # every connection, refused ones included
    descriptors: int = 0  # the process's limit on open files (0: not known, not watched)
    backlog: int = BACKLOG
    open: int = 0
    admitted: int = 0
    by_client: Counter[str] = field(default_factory=Counter)
    # connections that are idle or still sending a head, oldest first, per client: the ones that may make room
    waiting: dict[str, OrderedDict[GuardedProtocol, None]] = field(default_factory=dict)
    # refused connections waiting for the head their refusal answers, oldest first, per client
    refused: dict[str, OrderedDict[GuardedProtocol, None]] = field(default_factory=dict)
    refusing: int = 0
    refusals: Counter[str] = field(default_factory=Counter)
    whole_answers: bool = False  # api.whole_answers: a response's writes of one event-loop turn joined

    @classmethod
    def from_settings(cls, settings: Settings, descriptors: int) -> "ConnectionGuard":
        backlog = min(BACKLOG, max(64, descriptors // 8))
        usable = max(descriptors - DESCRIPTOR_RESERVE - backlog, 16)
        admitted = max(1, min(settings.max_connections, usable - min(REFUSAL_ROOM, usable // 4)))
        return cls(header_timeout=settings.header_timeout, body_timeout=settings.body_timeout,
                   max_head_bytes=settings.max_request_bytes + HEAD_ALLOWANCE,
                   per_client=settings.max_connections_per_client, admitted_cap=admitted,
                   hard_cap=min(usable, admitted + REFUSAL_ROOM), descriptors=descriptors, backlog=backlog,
                   whole_answers=settings.whole_answers)

    @property
    def refusal_room(self) -> int:
        return self.hard_cap - self.admitted_cap

    def admit(self, connection: GuardedProtocol, descriptor: int = -1) -> str | None:
        """Count a new connection in; the refusal it gets ("client", "busy", "drop"), or None.

        ``descriptor`` is the connection's file descriptor, which tells how
        many the process has open (-1: not known).
        """
        self.open += 1
        short = self.descriptors > 0 and descriptor >= self.descriptors - LOW_WATER
        if short:  # every descriptor counts now: the oldest refusal of the heaviest client goes first
            self._shed_refusal(None)
        key = connection.client_key
        if self.per_client and self.by_client[key] >= self.per_client:
            refusal = "client"
        elif self.admitted >= self.admitted_cap and not self._make_room():
            refusal = "busy"
        else:
            self.admitted += 1
            self.by_client[key] += 1
            connection.admitted = True
            return None
        return refusal if self._hold_refusal(connection, short) else "drop"

    def leave(self, connection: GuardedProtocol) -> None:
        """The connection is closed (or being closed): it no longer counts."""
        if connection.counted:
            connection.counted = False
            self.open -= 1
        if connection.admitted:
            connection.admitted = False
            self.admitted -= 1
            key = connection.client_key
            self.by_client[key] -= 1
            if self.by_client[key] <= 0:
                del self.by_client[key]
            self.busy(connection)
        self.answered(connection)

    def idle(self, connection: GuardedProtocol) -> None:
        if connection.admitted:
            self.waiting.setdefault(connection.client_key, OrderedDict())[connection] = None

    def busy(self, connection: GuardedProtocol) -> None:
        _forget(self.waiting, connection)

    def answered(self, connection: GuardedProtocol) -> None:
        """A refused connection sent its head (its answer is on its way) or went: it holds no room any more."""
        if _forget(self.refused, connection):
            self.refusing -= 1

    def _hold_refusal(self, connection: GuardedProtocol, short: bool) -> bool:
        """Keep a refused connection open until its head comes (or its grace ends); False: close it at once."""
        key = connection.client_key
        held = self.refused.get(key)
        if short or (held is not None and len(held) >= REFUSALS_PER_CLIENT):
            return False  # it has answers on their way that say why; or no descriptor to spare
        if self.refusing >= self.refusal_room and not self._shed_refusal(key):
            return False
        self.refused.setdefault(key, OrderedDict())[connection] = None
        self.refusing += 1
        return True

    def _shed_refusal(self, newcomer: str | None) -> bool:
        """Close the oldest refused connection of the client with the most, if it has more than ``newcomer``."""
        if not self.refused:
            return False
        heaviest = max(self.refused, key=lambda key: len(self.refused[key]))
        if newcomer is not None and len(self.refused[heaviest]) <= len(self.refused.get(newcomer, ())):
            return False  # the newcomer's client holds as many as anyone: its own connection is the one to go
        victim = next(iter(self.refused[heaviest]))
        self.answered(victim)
        victim.close_quietly()
        return True

    def _make_room(self) -> bool:
        """Close the oldest waiting connection of the client that holds the most; False if none waits."""
        if not self.waiting:
            return False
        heaviest = max(self.waiting, key=lambda key: self.by_client[key])
        victim = next(iter(self.waiting[heaviest]))
        victim.close_quietly()
        self.leave(victim)
        return True


def _forget(queues: dict[str, OrderedDict[GuardedProtocol, None]], connection: GuardedProtocol) -> bool:
    """Take ``connection`` out of its client's queue; whether it was there."""
    queue = queues.get(connection.client_key)
    if queue is None or connection not in queue:
        return False
    del queue[connection]
    if not queue:
        del queues[connection.client_key]
    return True


class GuardedProtocol(HttpToolsProtocol):
    """uvicorn's httptools protocol with the time limits and caps of :class:`ConnectionGuard`."""

    def __init__(self, *args: Any, guard: ConnectionGuard, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.guard = guard
        self.client_key = ""
        self.counted = False
        self.admitted = False
        self.refusal: str | None = None
        self.head_bytes = 0
        self.in_head = True
        self.in_body = False
        self.timer: asyncio.TimerHandle | None = None

    # -- the connection -------------------------------------------------------------

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        if self.guard.whole_answers:
            transport = JoinedWrites(transport, asyncio.get_running_loop())
        super().connection_made(transport)
        self.client_key = client_key(self.client[0]) if self.client else ""
        self.counted = True
        self.refusal = self.guard.admit(self, _descriptor(transport))
        if self.refusal is not None:
            self.guard.refusals[self.refusal] += 1
        if self.refusal == "drop":
            self.close_quietly()
            return
        self.guard.idle(self)
        self._arm(REFUSAL_GRACE if self.refusal else self.guard.header_timeout, self._head_late)

    def connection_lost(self, exc: Exception | None) -> None:
        self._disarm()
        self.guard.leave(self)
        super().connection_lost(exc)

    def close_quietly(self) -> None:
        self._disarm()
        self.guard.answered(self)  # a refused connection being closed holds no room any more
        if not self.transport.is_closing():
            self.transport.close()

    def data_received(self, data: bytes) -> None:
        if self.in_head:
            self.head_bytes += len(data)
            if self.head_bytes > self.guard.max_head_bytes:
                self._answer_and_close(431, f"the request's head is longer than {self.guard.max_head_bytes} bytes")
                return
        super().data_received(data)
        if self.in_body and self.timer is None and not self.transport.is_closing():
            self._arm(self.guard.body_timeout, self._body_late)

    # -- httptools' callbacks -------------------------------------------------------

    def on_message_begin(self) -> None:
        super().on_message_begin()
        self.in_head = True
        if self.timer is None:  # a later request on a kept-alive connection: its own time limit
            self.head_bytes = 0
            self._arm(self.guard.header_timeout, self._head_late)

    def on_headers_complete(self) -> None:
        self._disarm()
        self.in_head, self.in_body = False, True
        self.guard.busy(self)
        self.guard.answered(self)
        if self.refusal is not None:
            self.app = _refusal_app(self.refusal, self._asks_for_health(), self.guard, self.config.loaded_app)
        super().on_headers_complete()
        if self.refusal is not None and self.cycle is not None:
            self.cycle.keep_alive = False  # one answer, then the descriptor is given back

    def on_message_complete(self) -> None:
        self.in_body = False
        self._disarm()
        super().on_message_complete()

    def on_response_complete(self) -> None:
        super().on_response_complete()
        if not self.transport.is_closing() and not self.in_head:
            self.guard.idle(self)  # kept alive: idle until the next request (uvicorn's keep-alive timer runs)

    # -- time limits ----------------------------------------------------------------

    def _arm(self, seconds: float, expire: Callable[[], None]) -> None:
        self._disarm()
        self.timer = self.loop.call_later(seconds, expire)

    def _disarm(self) -> None:
        if self.timer is not None:
            self.timer.cancel()
            self.timer = None

    def _head_late(self) -> None:
        self.timer = None
        if self.refusal is not None or self.head_bytes == 0:
            self.close_quietly()  # nothing was asked: nothing to answer
        else:
            self._answer_and_close(408, f"the request's head did not arrive within {self.guard.header_timeout:g} s")

    def _body_late(self) -> None:
        self.timer = None
        if self.in_body:
            self._answer_and_close(408, f"the request's body did not arrive within {self.guard.body_timeout:g} s")

    def _answer_and_close(self, status: int, message: str) -> None:
        """Answer in words, unless a response has begun (then only close)."""
        self._disarm()
        started = self.cycle is not None and self.cycle.response_started
        if not started and not self.transport.is_closing():
            self.transport.write(_plain(status, message))
        if self.cycle is not None:
            self.cycle.disconnected = True
        self.close_quietly()

    def send_400_response(self, msg: str) -> None:
        """uvicorn's answer to bytes that are not HTTP, with this module's headers."""
        self._answer_and_close(400, msg.rstrip("."))

    def _asks_for_health(self) -> bool:
        try:
            return bool(httptools.parse_url(self.url).path == HEALTH)
        except httptools.HttpParserInvalidURLError:
            return False


_REASONS = {400: "Bad Request", 408: "Request Timeout", 429: "Too Many Requests", 431: "Request Header Fields Too Large",
            503: "Service Unavailable"}


def _plain(status: int, message: str) -> bytes:
    body = f"{status} {_REASONS[status]}: {message}.\n".encode("utf-8")
    head = (f"HTTP/1.1 {status} {_REASONS[status]}\r\ncontent-type: text/plain; charset=utf-8\r\n"
            f"content-length: {len(body)}\r\nx-content-type-options: nosniff\r\nconnection: close\r\n\r\n")
    return head.encode("ascii") + body


def _refusal_app(refusal: str, health: bool, guard: ConnectionGuard, app: Any) -> Any:
    """The ASGI app that answers a refused connection's request."""
    if refusal == "busy" and health:
        return app  # a monitor is answered even when every connection is busy
    if refusal == "client":
        status, message = 429, (f"this address already has {guard.per_client} connections open here; "
                                "close some, or reuse them, and try again")
    else:
        status, message = 503, (f"the server is serving its limit of {guard.admitted_cap} connections; "
                                "try again shortly")

    async def refuse(scope: Any, receive: Any, send: Any) -> None:
        body = f"{status} {_REASONS[status]}: {message}.\n".encode("utf-8")
        await send({"type": "http.response.start", "status": status, "headers": [
            (b"content-type", b"text/plain; charset=utf-8"), (b"content-length", str(len(body)).encode()),
            (b"x-content-type-options", b"nosniff"), (b"retry-after", b"1"), (b"connection", b"close")]})
        await send({"type": "http.response.body", "body": body})

    return refuse


def _descriptor(transport: asyncio.Transport) -> int:
    """The connection's file descriptor (-1 if the transport does not say)."""
    sock = transport.get_extra_info("socket")
    try:
        return int(sock.fileno()) if sock is not None else -1
    except (OSError, ValueError):
        return -1


def protocol_factory(guard: ConnectionGuard) -> Callable[..., GuardedProtocol]:
    """What uvicorn's ``http=`` takes: it builds one protocol per connection, all sharing ``guard``."""
    def build(*args: Any, **kwargs: Any) -> GuardedProtocol:
        return GuardedProtocol(*args, guard=guard, **kwargs)

    return build
