"""Slow, idle and piled-up connections against the real `mrkg serve` (issue 10, point 7).

Each test opens real sockets to a real `mrkg serve` process on 127.0.0.1.
Attacking clients come from other loopback addresses (127.0.0.2, …), which
Linux routes to the same interface, so the per-address cap can be seen
refusing one client while 127.0.0.1 is served.  Everything is bounded: at
most 1,100 sockets, and every wait has a deadline.
"""
from __future__ import annotations

import asyncio
import resource
import socket
import threading
import time
from collections import Counter
from typing import Callable, Iterator
from urllib.parse import urlsplit

import httpx
import pytest

from benchmarks.hostile_clients import flood_half_sent
from live_service import LiveServer

HEAD_TIMEOUT = 2.0
PER_CLIENT = 100
CAP = 600
ATTACKERS = [f"127.0.0.{n}" for n in range(2, 12)]  # ten addresses × 100 half-sent requests: over the cap
PAGE = "/id/actor/fritz"
HALF_HEAD = b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nUser-Agent: slow"


@pytest.fixture(scope="module")
def guarded(start_server: Callable[..., LiveServer]) -> LiveServer:
    return start_server(cli=True, header_timeout=HEAD_TIMEOUT, body_timeout=HEAD_TIMEOUT, keep_alive_timeout=1,
                        max_connections=CAP, max_connections_per_client=PER_CLIENT, query_workers=1)


def port_of(server: str) -> int:
    return int(urlsplit(server).port or 80)


def connect(server: str, source: str = "127.0.0.1") -> socket.socket:
    sock = socket.socket()
    sock.bind((source, 0))
    sock.connect(("127.0.0.1", port_of(server)))
    return sock


def half_sent(server: str, source: str, count: int) -> list[socket.socket]:
    """``count`` connections from ``source`` that each send the start of a request head, and no more."""
    sockets = []
    for _ in range(count):
        sock = connect(server, source)
        sock.sendall(HALF_HEAD)
        sockets.append(sock)
    return sockets


def outcome(sock: socket.socket, deadline: float) -> str:
    """What became of a connection by ``deadline``: the status line it was sent, "closed", or "open"."""
    sock.settimeout(max(0.01, deadline - time.monotonic()))
    try:
        data = sock.recv(4096)
    except TimeoutError:
        return "open"
    except ConnectionResetError:
        return "closed"
    return data.split(b"\r\n", 1)[0].decode("latin-1") if data else "closed"


def answer(sock: socket.socket, request: bytes, seconds: float = 10.0) -> bytes:
    sock.settimeout(seconds)
    sock.sendall(request)
    received = b""
    try:
        while chunk := sock.recv(65536):
            received += chunk
    except TimeoutError:
        pass
    return received


@pytest.fixture()
def closing() -> Iterator[list[socket.socket]]:
    opened: list[socket.socket] = []
    yield opened
    for sock in opened:
        sock.close()


def test_half_sent_requests_are_timed_out_and_lock_no_one_out(guarded: LiveServer,
                                                               closing: list[socket.socket]) -> None:
    for source in ATTACKERS:
        closing += half_sent(guarded, source, PER_CLIENT)
    started = time.monotonic()
    # Meanwhile, another client is answered: the service's health and a page.
    health = httpx.get(guarded + "/health", timeout=5)
    assert health.status_code == 200 and health.json()["store"]["triples"] == 306
    page = httpx.get(guarded + PAGE, timeout=5)
    assert page.status_code == 200 and "<h1>Ms. Fritz</h1>" in page.text
    # Past the head's time limit, none of the 1,000 is still open: the ones admitted were told why.
    outcomes = Counter(outcome(sock, started + HEAD_TIMEOUT + 3) for sock in closing)
    assert outcomes["open"] == 0, outcomes
    assert set(outcomes) <= {"HTTP/1.1 408 Request Timeout", "closed"}, outcomes
    assert outcomes["HTTP/1.1 408 Request Timeout"] >= CAP // 2, outcomes  # the cap, less what made room


def test_the_408_says_what_was_late(guarded: LiveServer, closing: list[socket.socket]) -> None:
    closing += half_sent(guarded, "127.0.0.1", 1)
    reply = answer(closing[0], b"", HEAD_TIMEOUT + 3)
    assert reply.startswith(b"HTTP/1.1 408 Request Timeout\r\n")
    assert b"x-content-type-options: nosniff" in reply.lower()
    assert reply.endswith(b"the request's head did not arrive within 2 s.\n")


def test_a_client_over_its_cap_is_refused_and_no_one_else_is(guarded: LiveServer,
                                                             closing: list[socket.socket]) -> None:
    greedy = "127.0.0.20"
    closing += half_sent(guarded, greedy, PER_CLIENT)
    one_more = connect(guarded, greedy)
    closing.append(one_more)
    refused = answer(one_more, b"GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
    assert refused.startswith(b"HTTP/1.1 429 Too Many Requests\r\n")
    assert b"this address already has 100 connections open here" in refused
    assert httpx.get(guarded + "/health", timeout=5).status_code == 200
    assert httpx.get(guarded + PAGE, timeout=5).status_code == 200


def test_a_body_that_does_not_come_is_timed_out(guarded: LiveServer, closing: list[socket.socket]) -> None:
    sock = connect(guarded)
    closing.append(sock)
    started = time.monotonic()
    reply = answer(sock, b"POST /sparql HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/sparql-query\r\n"
                         b"Content-Length: 100\r\n\r\nASK {", HEAD_TIMEOUT + 5)
    assert time.monotonic() - started >= HEAD_TIMEOUT - 0.1
    assert reply.startswith(b"HTTP/1.1 408 Request Timeout\r\n")
    assert reply.endswith(b"the request's body did not arrive within 2 s.\n")


def test_a_head_longer_than_any_request_is_refused(guarded: LiveServer, closing: list[socket.socket]) -> None:
    sock = connect(guarded)
    closing.append(sock)
    sock.settimeout(10)
    sock.sendall(b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n")
    line = b"X-Filler: " + b"a" * 8000 + b"\r\n"
    try:
        for _ in range(200):  # 1.6 MB of headers, beyond MRKG_MAX_REQUEST_BYTES and the allowance for headers
            sock.sendall(line)
    except (BrokenPipeError, ConnectionResetError):
        pass  # the server answered and closed part way
    reply = sock.recv(4096)
    assert reply.startswith(b"HTTP/1.1 431 Request Header Fields Too Large\r\n")
    assert b"the request's head is longer than" in reply


def test_an_idle_kept_alive_connection_is_closed(guarded: LiveServer, closing: list[socket.socket]) -> None:
    sock = connect(guarded)
    closing.append(sock)
    sock.sendall(b"GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
    sock.settimeout(5)
    received = b""
    while b"\r\n\r\n" not in received:  # the head, then as much body as it announces: the body may come apart
        received += sock.recv(65536)
    head, _, body = received.partition(b"\r\n\r\n")
    assert head.startswith(b"HTTP/1.1 200 OK\r\n")
    length = int(next(line.split(b":", 1)[1] for line in head.split(b"\r\n") if line.lower().startswith(b"content-length:")))
    while len(body) < length:
        body += sock.recv(65536)
    assert b'"status"' in body
    assert outcome(sock, time.monotonic() + 4) == "closed"  # MRKG_KEEP_ALIVE_TIMEOUT=1


def test_health_is_answered_when_every_connection_is_busy(start_server: Callable[..., LiveServer],
                                                          closing: list[socket.socket]) -> None:
    server = start_server(cli=True, max_connections=4, body_timeout=20, query_workers=1)
    for _ in range(4):  # four requests whose bodies are on their way: busy, none can make room
        sock = connect(server, "127.0.0.30")
        sock.sendall(b"POST /sparql HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/sparql-query\r\n"
                     b"Content-Length: 1000\r\n\r\nASK {")
        closing.append(sock)
    time.sleep(0.3)
    health = httpx.get(server + "/health", timeout=5)
    assert health.status_code == 200 and health.json()["status"] == "ok"
    busy = httpx.get(server + "/", timeout=5)
    assert busy.status_code == 503
    assert "the server is serving its limit of 4 connections" in busy.text
    assert busy.headers["retry-after"] == "1"


def test_serve_raises_its_descriptor_limit(start_server: Callable[..., LiveServer]) -> None:
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if hard <= 1024:
        pytest.skip(f"the hard limit on open files is {hard}: nothing to raise here")

    def lower() -> None:
        resource.setrlimit(resource.RLIMIT_NOFILE, (1024, hard))

    server = start_server(cli=True, preexec=lower, query_workers=1)
    limits = open(f"/proc/{server.pid}/limits").read()
    line = next(row for row in limits.splitlines() if row.startswith("Max open files"))
    assert line.split()[3:5] == [str(hard), str(hard)], line


def test_a_client_is_an_ipv4_address_or_an_ipv6_network() -> None:
    from api.connection_guard import client_key

    assert client_key("203.0.113.7") == "203.0.113.7"
    assert client_key("2001:db8:1:2:aaaa::1") == client_key("2001:db8:1:2:bbbb::9") == "2001:db8:1:2::/64"
    assert client_key("2001:db8:1:3::1") != client_key("2001:db8:1:2::1")
    assert client_key("::ffff:203.0.113.7") == "203.0.113.7"  # an IPv4 client on a dual-stack socket


def test_the_caps_fit_under_the_descriptor_limit() -> None:
    from api.connection_guard import DESCRIPTOR_RESERVE, ConnectionGuard
    from graph.settings import Settings

    roomy = ConnectionGuard.from_settings(Settings(max_connections=1000), descriptors=20_000)
    assert (roomy.admitted_cap, roomy.hard_cap) == (1000, 1256)
    tight = ConnectionGuard.from_settings(Settings(max_connections=1000), descriptors=1024)
    assert tight.hard_cap <= 1024 - DESCRIPTOR_RESERVE and tight.admitted_cap < tight.hard_cap


FLOOD = 3000  # half-sent requests from one address, at most
FLOOD_SECONDS = 8.0
FLOODER = "127.0.0.40"


def bystander(server: str, stop: threading.Event, seen: list[tuple[str, int | None, float, str]]) -> None:
    """Another address asks for /health and a page, a new connection each time, until ``stop``."""
    while not stop.is_set():
        for path, sign in (("/health", '"status":"ok"'), (PAGE, "<h1>Ms. Fritz</h1>")):
            started = time.monotonic()
            try:
                response = httpx.get(server + path, timeout=10, headers={"Connection": "close"})
                seen.append((path, response.status_code, time.monotonic() - started,
                             "" if sign in response.text else response.text[:200]))
            except httpx.HTTPError as error:
                seen.append((path, None, time.monotonic() - started, f"{type(error).__name__}: {error}"))
        stop.wait(0.1)


def test_a_flood_from_one_address_drops_no_one_else(start_server: Callable[..., LiveServer]) -> None:
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if hard < FLOOD + 500:
        pytest.skip(f"the hard limit on open files is {hard}: too few for the flood")
    # A small cap keeps the room beyond it small too, so that one address can fill it as fast as Python connects.
    server = start_server(cli=True, max_connections=150, header_timeout=HEAD_TIMEOUT, query_workers=1)
    resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))
    stop, seen = threading.Event(), []
    watching = threading.Thread(target=bystander, args=(server, stop, seen))
    try:
        watching.start()
        held = asyncio.run(flood_half_sent(port_of(server), FLOOD, FLOOD_SECONDS, FLOODER))
        time.sleep(2.0)  # held a while: the refused ones are closed, the admitted ones time out
        stop.set()
        watching.join(15)
        for sock in held:
            sock.close()
    finally:
        stop.set()
        resource.setrlimit(resource.RLIMIT_NOFILE, (soft, hard))
    failed = [probe for probe in seen if probe[1] != 200 or probe[3] or probe[2] > 2.0]
    assert not failed, f"{len(failed)} of {len(seen)} requests of another address failed: {failed[:5]}"
    assert len(held) >= FLOOD // 2, f"the flood opened only {len(held)} connections"
    assert len(seen) >= 20


class Connection:
    """What the guard reads of a connection, and what it does to one (close it)."""

    def __init__(self, client: str) -> None:
        self.client_key = client
        self.admitted = False
        self.counted = True
        self.closed = False

    def close_quietly(self) -> None:
        self.closed = True


def arrive(guard: object, client: str, descriptor: int = -1) -> tuple[Connection, str | None]:
    """A connection made, as the protocol reports it to the guard."""
    connection = Connection(client)
    refusal = guard.admit(connection, descriptor)  # type: ignore[attr-defined]
    if refusal != "drop":
        guard.idle(connection)  # type: ignore[attr-defined]
    return connection, refusal


def test_one_client_holds_a_bounded_share_of_the_room_for_refusals() -> None:
    from api.connection_guard import REFUSALS_PER_CLIENT, ConnectionGuard

    room = REFUSALS_PER_CLIENT + 8
    guard = ConnectionGuard(header_timeout=1, body_timeout=1, max_head_bytes=1000, per_client=2, admitted_cap=40,
                            hard_cap=40 + room)
    flood = [arrive(guard, "203.0.113.1") for _ in range(1000)]
    assert Counter(refusal for _, refusal in flood) == {None: 2, "client": REFUSALS_PER_CLIENT,
                                                        "drop": 1000 - 2 - REFUSALS_PER_CLIENT}
    # Twenty other clients, three connections each: the third is over the cap of two, and is told so (429)
    # though the flood filled most of the room: it makes way by closing the oldest refusals of the flood.
    others = [arrive(guard, f"198.51.100.{n}") for n in range(20) for _ in range(3)]
    assert Counter(refusal for _, refusal in others) == {None: 40, "client": 20}
    assert guard.refusing == room
    assert not any(connection.closed for connection, refusal in others if refusal == "client")
    assert sum(connection.closed for connection, refusal in flood if refusal == "client") == 20 - 8


def test_short_of_descriptors_refusals_are_not_held() -> None:
    from api.connection_guard import LOW_WATER, ConnectionGuard

    guard = ConnectionGuard(header_timeout=1, body_timeout=1, max_head_bytes=1000, per_client=1, admitted_cap=10,
                            hard_cap=30, descriptors=1024)
    arrive(guard, "203.0.113.1")
    held, refusal = arrive(guard, "203.0.113.1", descriptor=500)
    assert refusal == "client" and not held.closed
    _, refusal = arrive(guard, "203.0.113.1", descriptor=1024 - LOW_WATER)
    assert refusal == "drop" and held.closed and guard.refusing == 0
    _, refusal = arrive(guard, "198.51.100.1", descriptor=1024 - LOW_WATER)
    assert refusal is None  # an admitted connection still gets in
