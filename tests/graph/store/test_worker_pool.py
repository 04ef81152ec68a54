"""The worker pool on its own: replies, a worker that dies, a pool that is full."""
from __future__ import annotations

import asyncio
import os
import signal
from collections.abc import Awaitable, Callable, Coroutine
from pathlib import Path
from typing import Any, TypeVar

import pytest
import uvloop

from graph.errors import QueryAbandoned, QueryTimeout, StoreError
from graph import hang_up
from graph.store.worker_pool import QueryPool, _Channel
from graph.store.workers import Reply
from graph.store.worker import WorkerConfig, encode
from worker_support import CARTESIAN, count, request

T = TypeVar("T")


def with_pool(scenario: Callable[[QueryPool], Awaitable[T]], size: int = 1,
              run: Callable[[Coroutine[Any, Any, T]], T] = asyncio.run) -> T:
    """``scenario`` run against a started pool of ``size`` workers, closed whatever happens."""
    async def held() -> T:
        pool = QueryPool(WorkerConfig(), size)
        await pool.start()
        try:
            return await scenario(pool)
        finally:
            await pool.close()

    return run(held())


def test_a_worker_killed_from_outside_is_replaced(store_path: str) -> None:
    async def scenario(pool: QueryPool) -> None:
        query = b"SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
        first = await pool.call(request(store_path), query, 10)
        assert first.header["store"]["triples"] == 306 and count(first.body) == 306
        [victim] = pool.pids
        os.kill(victim, signal.SIGKILL)
        await asyncio.sleep(0.2)
        with pytest.raises(StoreError, match="stopped unexpectedly"):
            await pool.call(request(store_path), query, 10)
        again = await pool.call(request(store_path), query, 10)  # waits for the replacement
        assert count(again.body) == 306
        assert pool.pids != [victim] and pool.state.restarts == 1

    with_pool(scenario)


def test_a_full_pool_answers_busy_rather_than_queueing_for_ever(store_path: str) -> None:
    async def scenario(pool: QueryPool) -> None:
        runaway = asyncio.create_task(pool.call(request(store_path), CARTESIAN, 3))
        await asyncio.sleep(0.3)
        with pytest.raises(QueryTimeout, match="every query worker stayed busy for 1 s"):
            await pool.call(request(store_path), b"ASK {}", 1)
        with pytest.raises(QueryTimeout, match="time limit of 3 s"):
            await runaway
        assert (await pool.call(request(store_path), b"ASK {}", 10)).body.endswith(b"true}")

    with_pool(scenario)


def test_a_caller_that_hangs_up_stops_its_query_and_its_worker(store_path: str) -> None:
    async def scenario(pool: QueryPool) -> None:
        [runner] = pool.pids
        started = asyncio.get_running_loop().time()
        with pytest.raises(QueryAbandoned):
            await pool.call(request(store_path), CARTESIAN, 60, hang_up=lambda: asyncio.sleep(0.5))
        assert asyncio.get_running_loop().time() - started < 2.0
        assert pool.state.cancelled == 1 and pool.state.restarts == 1 and pool.state.timeouts == 0
        await asyncio.sleep(0.3)
        assert not Path(f"/proc/{runner}").exists(), "the worker that ran it was ended"
        assert (await pool.call(request(store_path), b"ASK {}", 10)).body.endswith(b"true}")

    with_pool(scenario)


def test_a_caller_that_stays_is_answered_however_long_the_watch_runs(
        store_path: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(hang_up, "WATCH_AFTER", 0.0)  # every call starts its watch

    async def scenario(pool: QueryPool) -> None:
        for _ in range(3):
            reply = await pool.call(request(store_path), b"SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }", 10,
                                    hang_up=lambda: asyncio.sleep(3600))
            assert count(reply.body) == 306
        assert pool.state.cancelled == 0 and pool.state.restarts == 0

    with_pool(scenario)


def test_a_caller_that_hangs_up_in_the_queue_leaves_it_and_ends_no_worker(store_path: str) -> None:
    async def scenario(pool: QueryPool) -> None:
        runaway = asyncio.create_task(pool.call(request(store_path), CARTESIAN, 3))
        await asyncio.sleep(0.3)
        with pytest.raises(QueryAbandoned, match="waited for a worker"):
            await pool.call(request(store_path), b"ASK {}", 10, hang_up=lambda: asyncio.sleep(0.2))
        assert pool.state.cancelled == 1 and pool.state.restarts == 0
        with pytest.raises(QueryTimeout, match="time limit of 3 s"):
            await runaway
        assert (await pool.call(request(store_path), b"ASK {}", 10)).body.endswith(b"true}")

    with_pool(scenario)


def test_closing_the_pool_ends_every_worker(store_path: str) -> None:
    async def scenario() -> list[int]:
        pool = QueryPool(WorkerConfig(), 2)
        await pool.start()
        pids = pool.pids
        await pool.close()
        return pids

    for pid in asyncio.run(scenario()):
        assert not Path(f"/proc/{pid}").exists()


def test_workers_import_the_services_own_code_whatever_the_working_directory(
        store_path: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    decoy = tmp_path / "graph"
    decoy.mkdir()
    (decoy / "__init__.py").write_text('raise SystemExit("a graph package from the working directory")\n')
    monkeypatch.chdir(tmp_path)

    async def scenario(pool: QueryPool) -> bytes:
        return (await pool.call(request(store_path), b"ASK { ?s ?p ?o }", 10)).body

    assert with_pool(scenario).endswith(b"true}")


def test_a_reply_is_read_whole_however_the_socket_cuts_it() -> None:
    message = b"".join(encode({"status": 200, "format": "json"}, b'{"boolean":true}'))

    async def scenario() -> list[Reply]:
        channel = _Channel()
        channel.data_received(message[:3])  # before anyone waits: kept
        channel.data_received(message[3:])
        first = await channel.expect(1.0)
        second = channel.expect(1.0)
        for at in range(len(message)):  # one byte at a time
            channel.data_received(message[at:at + 1])
        return [first, await second]

    for reply in asyncio.run(scenario()):
        assert reply.header == {"status": 200, "format": "json"} and reply.body == b'{"boolean":true}'


def test_a_reply_that_does_not_come_in_time_fails_the_wait() -> None:
    async def scenario() -> None:
        channel = _Channel()
        with pytest.raises(TimeoutError):
            await channel.expect(0.05)

    asyncio.run(scenario())


def test_a_woken_worker_answers_the_query_that_follows_and_nothing_else(store_path: str) -> None:
    async def scenario(pool: QueryPool) -> list[int]:
        counts = []
        for _ in range(3):
            pool.wake()  # no reply comes for this: the call's reply is its own
            reply = await pool.call(request(store_path), b"SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }", 10)
            counts.append(count(reply.body))
        pool.wake()
        await asyncio.sleep(0.2)
        assert (await pool.call(request(store_path), b"ASK { }", 10)).body.endswith(b"true}")
        return counts

    assert with_pool(scenario) == [306, 306, 306]


def test_waking_a_worker_that_died_is_left_to_the_call(store_path: str) -> None:
    """Under uvloop (as ``mrkg serve`` runs) writing to a closed socket raises: wake must not."""
    async def scenario(pool: QueryPool) -> bytes:
        os.kill(pool.pids[0], signal.SIGKILL)
        await asyncio.sleep(0.3)
        pool.wake()
        with pytest.raises(StoreError, match="stopped unexpectedly"):
            await pool.call(request(store_path), b"ASK { }", 10)
        return (await pool.call(request(store_path), b"ASK { }", 10)).body

    assert with_pool(scenario, run=uvloop.run).endswith(b"true}")
