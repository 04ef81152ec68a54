"""Slow, idle and piled-up connections against the real `mrkg serve` (issue 10, point 7).

Each test opens real sockets to a real `mrkg serve` process on 127.0.0.1.
Attacking clients come from other loopback addresses (127.0.0.2, …), which
Linux routes to the same interface, so the per-address cap can be seen
refusing one client while 127.0.0.1 is served.  Everything is bounded: at
most 1,100 sockets, and every wait has a deadline.
"""
from __future__ import annotations

import resource
import socket
import time
from collections import Counter
from typing import Callable, Iterator
from urllib.parse import urlsplit

import httpx
import pytest

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
