"""A listener on 127.0.0.1 that counts every connection it receives: SSRF shows up here.

It answers like a SPARQL endpoint would (a result set to a query, a triple to
a LOAD), each carrying :data:`MARKER`, so that a remote answer that comes back
to the attacker (issue 10 item 1) can be seen in the response too.
"""
from __future__ import annotations

import json
import socket
import threading

MARKER = "mrkg-torture-canary"
_RESULTS = json.dumps({"head": {"vars": ["s"]},
                       "results": {"bindings": [{"s": {"type": "literal", "value": MARKER}}]}}).encode()
_TRIPLES = f'<urn:{MARKER}:s> <urn:{MARKER}:p> "{MARKER}" .\n'.encode()


class Canary:
    """A context manager: ``url`` to point queries at, ``connections`` counted, ``requests`` their first lines."""

    def __init__(self) -> None:
        self.listener = socket.socket()
        self.listener.bind(("127.0.0.1", 0))
        self.listener.listen(128)
        self.port = int(self.listener.getsockname()[1])
        self.url = f"http://127.0.0.1:{self.port}/"
        self.connections = 0
        self.requests: list[str] = []
        self._lock = threading.Lock()

    def __enter__(self) -> "Canary":
        threading.Thread(target=self._accept, name=f"canary {self.port}", daemon=True).start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.listener.close()

    def _accept(self) -> None:
        while True:
            try:
                connection, _ = self.listener.accept()
            except OSError:
                return  # closed
            with self._lock:
                self.connections += 1
            threading.Thread(target=self._answer, args=(connection,), daemon=True).start()

    def _answer(self, connection: socket.socket) -> None:
        with connection:
            connection.settimeout(2)
            try:
                head = connection.recv(65536)
            except OSError:
                head = b""
            first = head.split(b"\r\n", 1)[0].decode("latin-1")
            with self._lock:
                self.requests.append(first[:200])
            query = b"sparql-results" in head.lower() or b"query=" in head
            body, media_type = (_RESULTS, "application/sparql-results+json") if query else (_TRIPLES, "application/n-triples")
            try:
                connection.sendall(f"HTTP/1.1 200 OK\r\nContent-Type: {media_type}\r\nContent-Length: {len(body)}\r\n"
                                   "Connection: close\r\n\r\n".encode() + body)
            except OSError:
                pass
