"""A client that hangs up stops its query at once (issue 10 item 4).

Before: two runaway queries whose clients gave up after 1 s held both workers
until the 30 s limit, and every other query waited for them.
"""
from __future__ import annotations

import time
from pathlib import Path
from typing import Callable

import httpx
import pytest

from live_service import CARTESIAN, cpu_seconds, send_and_hold

ASK = "ASK { ?s a <https://w3id.org/mrkg/ontology#Statement> }"


@pytest.fixture(scope="module")
def patient(start_server: Callable[..., str]) -> str:
    """A service whose time limit is far longer than the test: only a hang-up can stop a runaway."""
    return start_server(query_timeout=120, query_workers=2)


def busy_workers(pids: set[int], before: dict[int, float], wanted: int, within: float) -> list[int]:
    deadline = time.monotonic() + within
    busy: list[int] = []
    while len(busy) < wanted and time.monotonic() < deadline:
        time.sleep(0.1)
        busy = [pid for pid in pids if Path(f"/proc/{pid}").exists() and cpu_seconds(pid) - before[pid] > 0.2]
    return busy


def gone(pids: list[int], within: float) -> bool:
    deadline = time.monotonic() + within
    while time.monotonic() < deadline:
        if not any(Path(f"/proc/{pid}").exists() for pid in pids):
            return True
        time.sleep(0.05)
    return False


def workers(server: str) -> dict[str, int]:
    return httpx.get(server + "/health", timeout=30).json()["workers"]  # type: ignore[no-any-return]


@pytest.mark.slow
def test_runaway_queries_of_clients_that_hang_up_are_stopped_at_once(patient: str) -> None:
    pids = set(patient.worker_pids())  # type: ignore[attr-defined]
    assert len(pids) == 2
    before = {pid: cpu_seconds(pid) for pid in pids}
    counted = workers(patient)
    clients = [send_and_hold(patient, CARTESIAN) for _ in range(2)]
    busy = busy_workers(pids, before, 2, within=5.0)
    assert len(busy) == 2, "both workers are evaluating a cartesian product"
    time.sleep(1.0)  # the clients give up
    for client in clients:
        client.close()

    started = time.monotonic()
    simple = httpx.post(patient + "/sparql", data={"query": ASK}, timeout=60)
    waited = time.monotonic() - started
    assert simple.status_code == 200 and simple.json()["boolean"] is True
    assert waited < 5.0, f"a simple query waited {waited:.1f} s behind queries nobody was waiting for"

    assert gone(busy, within=3.0), "the workers that ran the abandoned queries were ended"
    now = set(patient.worker_pids())  # type: ignore[attr-defined]
    assert len(now) == 2 and not now & set(busy)
    idle = {pid: cpu_seconds(pid) for pid in now}
    time.sleep(1.5)
    spent = sum(cpu_seconds(pid) - idle[pid] for pid in now)
    assert spent < 0.2, f"the workers used {spent:.2f} s of CPU in 1.5 s with nothing to do"
    after = workers(patient)
    assert after["cancelled"] - counted["cancelled"] == 2
    assert after["restarts"] - counted["restarts"] == 2
    assert after["timeouts"] == counted["timeouts"], "nothing ran into the time limit"


@pytest.mark.slow
def test_a_client_that_hangs_up_while_queued_leaves_the_queue_without_ending_a_worker(patient: str) -> None:
    counted = workers(patient)
    pids = set(patient.worker_pids())  # type: ignore[attr-defined]
    before = {pid: cpu_seconds(pid) for pid in pids}
    runaways = [send_and_hold(patient, CARTESIAN) for _ in range(2)]
    assert len(busy_workers(pids, before, 2, within=5.0)) == 2
    queued = send_and_hold(patient, ASK)  # every worker is busy: it waits
    time.sleep(0.5)
    queued.close()
    time.sleep(0.5)
    middle = workers(patient)
    assert middle["cancelled"] - counted["cancelled"] == 1, "the queued query was dropped"
    assert middle["restarts"] == counted["restarts"], "no worker was ended for a query that never reached one"
    for client in runaways:
        client.close()
    answer = httpx.post(patient + "/sparql", data={"query": ASK}, timeout=60)
    assert answer.status_code == 200 and answer.json()["boolean"] is True
    assert workers(patient)["cancelled"] - counted["cancelled"] == 3


def test_a_client_that_stays_gets_its_answer_after_the_watch_has_started(patient: str) -> None:
    """A query slower than the moment the hang-up watch starts still answers its (present) client."""
    query = ("SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d a <https://w3id.org/mrkg/ontology#Objective> "
             "FILTER(STRLEN(STR(?a)) > 0) }")
    counted = workers(patient)
    response = httpx.post(patient + "/sparql", data={"query": query}, timeout=60)
    assert response.status_code == 200
    assert int(response.json()["results"]["bindings"][0]["n"]["value"]) > 0
    assert workers(patient)["cancelled"] == counted["cancelled"]
