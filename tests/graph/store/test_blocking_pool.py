"""The pages' blocking pool on its own: answers in the calling thread, and the two ways a read is ended."""
from __future__ import annotations

import os
import time
from pathlib import Path
from typing import Iterator

import pytest

from graph.store.blocking_pool import BlockingPool
from graph.errors import QueryTimeout, StoreError
from graph.store.worker import WorkerConfig
from worker_support import CARTESIAN, count, request

COUNT_ALL = b"SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"


@pytest.fixture
def pool() -> Iterator[BlockingPool]:
    """One read-only worker, as the pages' readers are."""
    started = BlockingPool(WorkerConfig(writable=False), 1)
    started.start()
    try:
        yield started
    finally:
        started.close()


def alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return "State:\tZ" not in Path(f"/proc/{pid}/status").read_text()


def store_found_damaged() -> None:
    raise StoreError("the store's files changed")


def test_a_read_is_answered_and_its_worker_kept(pool: BlockingPool, store_path: str) -> None:
    [worker] = pool.pids
    assert count(pool.call(request(store_path), COUNT_ALL, 10).body) == 306
    assert count(pool.call(request(store_path), COUNT_ALL, 10).body) == 306
    assert pool.pids == [worker] and pool.state.restarts == 0


def test_a_read_past_the_time_limit_ends_its_worker_and_a_new_one_answers(pool: BlockingPool, store_path: str) -> None:
    [runaway] = pool.pids
    started = time.monotonic()
    with pytest.raises(QueryTimeout, match="time limit of 0.5 s"):
        pool.call(request(store_path), CARTESIAN, 0.5)
    assert time.monotonic() - started < 3
    assert not alive(runaway)
    assert count(pool.call(request(store_path), COUNT_ALL, 10).body) == 306  # waits for the replacement
    assert pool.pids != [runaway] and pool.state.restarts == 1 and pool.state.timeouts == 1


def test_a_read_whose_caller_finds_the_store_damaged_is_ended_within_a_watch_step(
        pool: BlockingPool, store_path: str) -> None:
    [runaway] = pool.pids
    found_at = time.monotonic() + 0.4

    def intact() -> None:
        if time.monotonic() > found_at:
            store_found_damaged()

    with pytest.raises(StoreError, match="files changed"):
        pool.call(request(store_path), CARTESIAN, 60, intact)
    assert time.monotonic() - found_at < 2
    assert not alive(runaway) and pool.state.cancelled == 1


def test_a_caller_that_finds_damage_before_sending_ends_no_worker(pool: BlockingPool, store_path: str) -> None:
    [worker] = pool.pids
    with pytest.raises(StoreError, match="files changed"):
        pool.call(request(store_path), COUNT_ALL, 10, store_found_damaged)
    assert pool.pids == [worker] and pool.state.restarts == 0
    assert count(pool.call(request(store_path), COUNT_ALL, 10).body) == 306


def test_closing_the_pool_ends_every_worker() -> None:
    pool = BlockingPool(WorkerConfig(writable=False), 2)
    pool.start()
    workers = pool.pids
    assert len(workers) == 2
    pool.close()
    assert not any(alive(pid) for pid in workers)
