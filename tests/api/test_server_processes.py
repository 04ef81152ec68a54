"""``mrkg serve`` with MRKG_SERVER_PROCESSES: queries evaluated in the serving processes, runaways still stopped."""
from __future__ import annotations

import signal
import time
from pathlib import Path
from typing import Callable, Iterator

import httpx
import pytest

from live_service import CARTESIAN, LiveServer, cpu_seconds, launch, post_in_background, send_and_hold, stop

pytestmark = pytest.mark.slow
SALAMA = ("PREFIX mrkg: <https://w3id.org/mrkg/ontology#> "
          "SELECT ?text WHERE { ?s mrkg:paragraphNumber 3 ; mrkg:text ?text FILTER(STRSTARTS(?text, \"Mr. Salama\")) }")
SAID = "Mr. Salama (Office of the United Nations High Commissioner for Human Rights (OHCHR)) said that the general comment"


def children(pid: int) -> list[int]:
    path = Path(f"/proc/{pid}/task/{pid}/children")
    return [int(child) for child in path.read_text().split()] if path.exists() else []


def family(pid: int) -> list[int]:
    """A process and all its descendants."""
    found, pending = [], [pid]
    while pending:
        current = pending.pop()
        found.append(current)
        pending += children(current)
    return found


def cpu_of(pids: list[int]) -> float:
    total = 0.0
    for pid in pids:
        try:
            total += cpu_seconds(pid)
        except OSError:  # ended meanwhile
            pass
    return total


@pytest.fixture()
def processes(served_var_dir: Path, tmp_path: Path) -> Iterator[LiveServer]:
    server = launch(served_var_dir, tmp_path, cli=True, server_processes=2, query_workers=2, query_timeout=3,
                    result_cache_mb=0)
    yield server
    stop(server)


def _wait_for(condition: Callable[[], bool], within: float) -> bool:
    deadline = time.monotonic() + within
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.1)
    return condition()


def test_queries_are_answered_by_the_serving_processes_themselves(processes: LiveServer) -> None:
    serving = children(processes.pid)
    assert len(serving) == 2
    before = {pid: cpu_of(family(pid)) for pid in serving}
    readers = {pid: set(children(pid)) for pid in serving}  # each process's own readers, for its pages
    with httpx.Client(timeout=30) as first, httpx.Client(timeout=30) as second:
        for _ in range(40):
            for client in (first, second):
                answer = client.get(processes + "/sparql", params={"query": SALAMA},
                                    headers={"Accept": "application/sparql-results+json"})
                assert answer.status_code == 200
                (row,) = answer.json()["results"]["bindings"]
                assert row["text"]["value"].startswith(SAID)
    # No query went to a process of its own: the serving processes kept the same children, and
    # between them used the CPU the answers took.
    assert {pid: set(children(pid)) for pid in serving} == readers
    assert sum(cpu_of(family(pid)) - before[pid] for pid in serving) > 0
    health = httpx.get(processes + "/health").json()
    assert health["workers"]["sandbox"]["on"] is False
    assert "MRKG_SERVER_PROCESSES" in health["workers"]["sandbox"]["detail"]


def test_a_runaway_query_is_stopped_by_replacing_its_process_while_others_are_answered(
        processes: LiveServer) -> None:
    serving = set(children(processes.pid))
    assert len(serving) == 2
    before = {pid: cpu_seconds(pid) for pid in serving}
    runner, outcome = post_in_background(processes, CARTESIAN)
    busy: list[int] = []
    assert _wait_for(lambda: bool(busy.extend(pid for pid in serving if cpu_seconds(pid) - before[pid] > 0.3)
                                  or busy), within=2.5), "one serving process evaluates the cartesian product"

    started = time.monotonic()
    simple = httpx.get(processes + "/sparql", params={"query": "ASK { ?s a <https://w3id.org/mrkg/ontology#Statement> }"})
    assert simple.status_code == 200 and simple.json()["boolean"] is True
    assert time.monotonic() - started < 1.0, "a simple query is answered while the expensive one runs"

    runner.join(timeout=60)
    response = outcome["response"]
    assert isinstance(response, httpx.Response)
    assert response.status_code == 503
    assert "ran longer than the time limit of 3 s and was stopped" in response.text
    assert 2.9 < float(outcome["seconds"]) < 6.0  # type: ignore[arg-type]

    # The process that ran it has ended (which ended the evaluation), a fresh one took its place,
    # and nothing burns CPU any more.
    runaway = set(busy)
    assert _wait_for(lambda: not any(Path(f"/proc/{pid}").exists() for pid in runaway), within=5.0)
    assert _wait_for(lambda: len(children(processes.pid)) == 2 and httpx.get(processes + "/health").status_code == 200,
                     within=30.0)
    assert not runaway & set(children(processes.pid))
    spent: list[float] = []

    def idle_for_two_seconds() -> bool:  # once the new process has started (imports, its store, its readers)
        everyone = family(processes.pid)
        idle_before = cpu_of(everyone)
        time.sleep(2.0)
        spent.append(cpu_of(everyone) - idle_before)
        return spent[-1] < 0.3

    assert _wait_for(idle_for_two_seconds, within=20.0), f"CPU seconds used in 2 s of idleness: {spent}"
    again = httpx.get(processes + "/sparql", params={"query": SALAMA},
                      headers={"Accept": "application/sparql-results+json"})
    assert again.status_code == 200 and again.json()["results"]["bindings"][0]["text"]["value"].startswith(SAID)


def test_stopping_the_service_stops_every_serving_process(processes: LiveServer) -> None:
    everyone = family(processes.pid)
    assert len(children(processes.pid)) == 2
    processes.process.send_signal(signal.SIGTERM)
    processes.process.wait(timeout=20)
    assert _wait_for(lambda: not any(Path(f"/proc/{pid}").exists() for pid in everyone), within=10.0)


def test_a_client_that_hangs_up_on_a_runaway_query_retires_its_process(served_var_dir: Path, tmp_path: Path) -> None:
    """A long time limit: only the hang-up can have stopped the query."""
    server = launch(served_var_dir, tmp_path, cli=True, server_processes=2, query_workers=2, query_timeout=120)
    try:
        serving = set(children(server.pid))
        before = {pid: cpu_seconds(pid) for pid in serving}
        client = send_and_hold(server, CARTESIAN)
        busy: list[int] = []
        assert _wait_for(lambda: bool(busy.extend(pid for pid in serving if cpu_seconds(pid) - before[pid] > 0.3)
                                      or busy), within=5.0), "one serving process evaluates the cartesian product"
        client.close()  # the client gives up
        runaway = set(busy)
        assert _wait_for(lambda: not any(Path(f"/proc/{pid}").exists() for pid in runaway), within=5.0), \
            "the process that ran the abandoned query has ended"
        simple = httpx.post(server + "/sparql", data={"query": "ASK { ?s ?p ?o }"}, timeout=30)
        assert simple.status_code == 200 and simple.json()["boolean"] is True
        assert _wait_for(lambda: len(children(server.pid)) == 2, within=30.0)
    finally:
        stop(server)
