"""HTTP/1.1 by hand, for requests no client library would send (bad Host headers, broken request lines)."""
from __future__ import annotations

import socket
from typing import NamedTuple

from .trial import ATTACKER


class RawAnswer(NamedTuple):
    status: int | None  # None: the server closed or said nothing within the timeout
    head: str
    body: bytes


def exchange(port: int, request: bytes, timeout: float = 10) -> RawAnswer:
    """Send ``request`` as it is from the attacker's address and read until the server closes.

    The sending side stays open: uvicorn drops a request whose client half-closed before the answer was ready.
    """
    with socket.socket() as connection:
        connection.settimeout(timeout)
        connection.bind((ATTACKER, 0))
        connection.connect(("127.0.0.1", port))
        try:
            connection.sendall(request)
        except OSError:
            pass  # the server may answer (400) and close before reading it all
        received = bytearray()
        try:
            while chunk := connection.recv(65536):
                received += chunk
        except OSError:  # a reset, or the timeout: keep what came
            pass
    head, _, body = bytes(received).partition(b"\r\n\r\n")
    status_line = head.split(b"\r\n", 1)[0].split()
    status = int(status_line[1]) if len(status_line) >= 2 and status_line[1].isdigit() else None
    return RawAnswer(status, head.decode("latin-1"), body)


def get(port: int, target: str | bytes, host: str | bytes = b"127.0.0.1", headers: dict[str, str] | None = None,
        timeout: float = 10) -> RawAnswer:
    """One ``GET target`` with exactly this Host header (and ``Connection: close``)."""
    target = target.encode("utf-8", "surrogateescape") if isinstance(target, str) else target
    host = host.encode("utf-8", "surrogateescape") if isinstance(host, str) else host
    lines = [b"GET " + target + b" HTTP/1.1", b"Host: " + host, b"Connection: close"]
    lines += [f"{name}: {value}".encode() for name, value in (headers or {}).items()]
    return exchange(port, b"\r\n".join(lines) + b"\r\n\r\n", timeout)
