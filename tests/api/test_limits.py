"""The time limit really stops the work, and the row cap says when it cut an answer."""
from __future__ import annotations

import time
from pathlib import Path
from typing import Callable

import httpx
import pyoxigraph
import pytest

from live_service import CARTESIAN, cpu_seconds, post_in_background


@pytest.fixture(scope="module")
def limited(start_server: Callable[..., str]) -> str:
    return start_server(query_timeout=3, max_rows=5, query_workers=2)


@pytest.mark.slow
def test_a_runaway_query_is_stopped_while_others_are_answered(limited: str) -> None:
    workers_before = set(limited.worker_pids())  # type: ignore[attr-defined]
    assert len(workers_before) == 2
    cpu_before = {pid: cpu_seconds(pid) for pid in workers_before}
    runner, outcome = post_in_background(limited, CARTESIAN)
    busy: list[int] = []
    deadline = time.monotonic() + 2.5  # well within the 3 s limit, even on a loaded machine
    while not busy and time.monotonic() < deadline:
        time.sleep(0.1)
        busy = [pid for pid in workers_before if cpu_seconds(pid) - cpu_before[pid] > 0.3]
    assert busy, "one worker is evaluating the cartesian product"

    started = time.monotonic()
    simple = httpx.get(limited + "/sparql", params={"query": "ASK { ?s a <https://w3id.org/mrkg/ontology#Statement> }"})
    assert simple.status_code == 200 and simple.json()["boolean"] is True
    assert time.monotonic() - started < 1.0, "a simple query is answered while the expensive one runs"

    runner.join(timeout=60)
    response = outcome["response"]
    assert isinstance(response, httpx.Response)
    assert response.status_code == 503
    assert "ran longer than the time limit of 3 s and was stopped" in response.text
    assert 2.9 < float(outcome["seconds"]) < 6.0  # type: ignore[arg-type]

    # The worker that ran it is gone, a fresh one took its place, and nothing burns CPU any more.
    time.sleep(1.0)
    workers_after = set(limited.worker_pids())  # type: ignore[attr-defined]
    assert len(workers_after) == 2
    assert not set(busy) & workers_after
    assert not any(Path(f"/proc/{pid}").exists() for pid in busy)
    before = {pid: cpu_seconds(pid) for pid in workers_after}
    time.sleep(2.0)
    spent = sum(cpu_seconds(pid) - before[pid] for pid in workers_after)
    assert spent < 0.2, f"the workers used {spent:.2f} s of CPU in 2 s of idleness"
    health = httpx.get(limited + "/health").json()
    assert health["workers"]["timeouts"] >= 1 and health["workers"]["restarts"] >= 1


def test_answers_are_cut_at_max_rows_and_say_so(limited: str) -> None:
    query = "SELECT ?s ?p ?o WHERE { ?s ?p ?o }"
    for fmt, count in [("json", lambda r: len(r.json()["results"]["bindings"])),
                       ("xml", lambda r: r.text.count("<result>")),
                       ("csv", lambda r: len(r.text.strip().splitlines()) - 1),
                       ("tsv", lambda r: len(r.text.strip("\n").split("\n")) - 1)]:
        response = httpx.get(limited + "/sparql", params={"query": query, "format": fmt})
        assert response.status_code == 200
        assert response.headers["mrkg-result-truncated"] == "true"
        assert response.headers["mrkg-result-limit"] == "5"
        assert count(response) == 5, fmt


def test_graphs_are_cut_at_max_rows_too(limited: str) -> None:
    response = httpx.get(limited + "/sparql", params={"query": "CONSTRUCT WHERE { ?s ?p ?o }"},
                         headers={"Accept": "text/turtle"})
    assert response.headers["mrkg-result-truncated"] == "true"
    assert len(list(pyoxigraph.parse(response.content, format=pyoxigraph.RdfFormat.TURTLE))) == 5


def test_an_answer_within_the_cap_is_not_marked(limited: str) -> None:
    query = "SELECT ?n WHERE { ?o a <https://w3id.org/mrkg/ontology#Objective> ; <https://w3id.org/mrkg/ontology#number> ?n } LIMIT 5"
    response = httpx.get(limited + "/sparql", params={"query": query})
    assert len(response.json()["results"]["bindings"]) == 5
    assert "mrkg-result-truncated" not in response.headers


def test_many_clients_at_once_all_get_their_own_answer(live_server: str) -> None:
    """More concurrent requests than workers: they wait their turn and each gets the right answer."""
    from concurrent.futures import ThreadPoolExecutor

    def paragraph(number: int) -> tuple[int, int]:
        query = f"""PREFIX mrkg: <https://w3id.org/mrkg/ontology#>
            SELECT ?n WHERE {{ ?s mrkg:paragraphNumber ?n FILTER(?n = {number}) }} # client {number}"""
        response = httpx.get(live_server + "/sparql", params={"query": query}, timeout=30)
        bindings = response.json()["results"]["bindings"]
        return number, int(bindings[0]["n"]["value"]) if bindings else -1

    numbers = [1, 2, 3, 4, 5, 6, 26, 29, 44, 46, 48, 55, 60, 61, 62] * 4
    with ThreadPoolExecutor(max_workers=30) as pool:
        answers = list(pool.map(paragraph, numbers))
    assert all(asked == got for asked, got in answers)
