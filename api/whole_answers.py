"""An answer's head and body leave a node in one write, so a node killed while answering has sent all or nothing.

uvicorn writes a response's head as soon as the application starts it, and
its body after: two writes.  A node killed between the two (SIGKILL, the
out-of-memory killer) leaves the balancer holding a head without its body,
which it has already passed on to the client and so cannot send again to
another node (README, "Deployment"; seen as one cut answer in two runs of
``tests/deploy/test_rollout_under_load.py`` in seven).  Joining the writes
made in one turn of the event loop closes that window for every answer ready
in one turn — all but long streamed ones, whose later parts go out as they
come — and makes one system call where there were two.  It is off unless
``MRKG_WHOLE_ANSWERS`` is set (the cluster's nodes set it): in one run of the
"50 clients and a runaway" attack of ``tests/torture`` a server with it froze a
bystander's page for 6.9 s where one without it passed, and one run each is too
few to tell the cause from the machine's load.
"""
from __future__ import annotations

import asyncio
from typing import Any


class JoinedWrites(asyncio.Transport):
    """A connection's transport whose writes in one turn of the loop go out together at the end of that turn."""

    def __init__(self, transport: asyncio.Transport, loop: asyncio.AbstractEventLoop) -> None:
        super().__init__()
        self._transport, self._loop = transport, loop
        self._pending: list[bytes] = []

    def write(self, data: bytes | bytearray | memoryview) -> None:
        if not data:
            return
        if not self._pending:
            self._loop.call_soon(self.flush)
        self._pending.append(bytes(data))

    def writelines(self, list_of_data: Any) -> None:
        self.write(b"".join(list_of_data))

    def flush(self) -> None:
        """Hand what this turn wrote to the real transport (dropped if the connection is already closing)."""
        if not self._pending:
            return
        data = b"".join(self._pending)
        self._pending.clear()
        if not self._transport.is_closing():
            self._transport.write(data)

    def close(self) -> None:
        self.flush()
        self._transport.close()

    def write_eof(self) -> None:
        self.flush()
        self._transport.write_eof()

    def abort(self) -> None:
        self._pending.clear()
        self._transport.abort()

    def get_write_buffer_size(self) -> int:
        return self._transport.get_write_buffer_size() + sum(len(part) for part in self._pending)

    def can_write_eof(self) -> bool:
        return self._transport.can_write_eof()

    def is_closing(self) -> bool:
        return self._transport.is_closing()

    def get_extra_info(self, name: str, default: Any = None) -> Any:
        return self._transport.get_extra_info(name, default)

    def set_protocol(self, protocol: asyncio.BaseProtocol) -> None:
        self._transport.set_protocol(protocol)

    def get_protocol(self) -> asyncio.BaseProtocol:
        return self._transport.get_protocol()

    def is_reading(self) -> bool:
        return self._transport.is_reading()

    def pause_reading(self) -> None:
        self._transport.pause_reading()

    def resume_reading(self) -> None:
        self._transport.resume_reading()

    def set_write_buffer_limits(self, high: int | None = None, low: int | None = None) -> None:
        self._transport.set_write_buffer_limits(high, low)

    def get_write_buffer_limits(self) -> tuple[int, int]:
        return self._transport.get_write_buffer_limits()
