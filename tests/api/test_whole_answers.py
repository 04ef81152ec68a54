"""An answer's writes in one turn of the event loop leave in one piece (api.whole_answers), on a real socket."""
from __future__ import annotations

import asyncio
import socket

from api.whole_answers import JoinedWrites

HEAD = b"HTTP/1.1 200 OK\r\ncontent-length: 5\r\n\r\n"


def received(peer: socket.socket) -> bytes:
    try:
        return peer.recv(65536)
    except BlockingIOError:
        return b""


async def exchange() -> tuple[bytes, bytes, bytes, bytes]:
    ours, peer = socket.socketpair()
    peer.setblocking(False)
    loop = asyncio.get_running_loop()
    transport, _ = await loop.create_connection(asyncio.Protocol, sock=ours)
    joined = JoinedWrites(transport, loop)
    joined.write(HEAD)
    joined.write(b"hello")
    before_the_turn_ends = received(peer)
    await asyncio.sleep(0.05)
    after = received(peer)
    joined.write(b"late ")
    joined.write(b"words")
    joined.close()  # what is pending goes out before the connection closes
    await asyncio.sleep(0.05)
    closing = received(peer)
    end = received(peer)
    peer.close()
    return before_the_turn_ends, after, closing, end


def test_the_head_and_body_leave_together_at_the_end_of_the_turn() -> None:
    before, after, closing, end = asyncio.run(exchange())
    assert before == b"", "nothing leaves while the turn that wrote it still runs"
    assert after == HEAD + b"hello"
    assert closing == b"late words" and end == b"", "close() sends what is pending, then the end of the stream"
