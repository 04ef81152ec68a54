"""Texts the engine cannot take are refused in words before it sees them (issue 10 items 2, 5 and 8).

Deep nesting and long chains crashed workers (a stack overflow in the
engine) and a refused SERVICE in a long query froze the event loop; both are
now read in the worker, which refuses with a 400 naming the limit and the
place, and the server goes on answering.
"""
from __future__ import annotations

import threading
import time
from typing import Callable

import httpx
import pytest

DEEP = {
    "3,000 nested groups": "SELECT * WHERE " + "{" * 3000 + "}" * 3000,
    "10,000 nested parentheses": "SELECT * WHERE { ?s ?p ?o FILTER(" + "(" * 10000 + "?o" + ")" * 10000 + ") }",
    "a 0.9 MB chain of FILTERs": "SELECT * WHERE { ?s ?p ?o " + "".join(
        f"FILTER(?o!={n})" for n in range(55000)) + "}",
    "2,000 nested function calls": "SELECT * WHERE { ?s ?p ?o FILTER(" + "STR(" * 2000 + "?o" + ")" * 2000 + ") }",
    "an update with 3,000 nested groups": "INSERT { ?s ?p ?o } WHERE " + "{" * 3000 + "}" * 3000,
}
TOKEN = "nesting"


@pytest.fixture(scope="module")
def server(start_server: Callable[..., str], tmp_path_factory: pytest.TempPathFactory) -> str:
    return start_server(var_dir=tmp_path_factory.mktemp("nesting"), update_enabled=True, update_token=TOKEN,
                        query_workers=2)


def restarts(server: str) -> int:
    return int(httpx.get(server + "/health").json()["workers"]["restarts"])


@pytest.mark.parametrize("what", sorted(DEEP))
def test_deep_texts_get_a_400_that_names_the_limit(server: str, what: str) -> None:
    before = restarts(server)
    text = DEEP[what]
    assert len(text.encode()) < 1_000_000  # MRKG_MAX_REQUEST_BYTES
    media_type = "application/sparql-update" if text.startswith("INSERT") else "application/sparql-query"
    response = httpx.post(server + "/sparql", content=text.encode(), timeout=60,
                          headers={"Content-Type": media_type, "Authorization": f"Bearer {TOKEN}"})
    assert response.status_code == 400, response.text[:500]
    assert response.text.startswith("the query is nested too deeply: at line 1, column ")
    assert "this server accepts at most 1,000 (MRKG_MAX_QUERY_DEPTH)" in response.text
    assert "out of memory" not in response.text and len(response.text) < 1000
    assert restarts(server) == before  # no worker crashed


def test_many_clients_sending_deep_texts_crash_nothing(server: str) -> None:
    before = restarts(server)
    statuses: list[int] = []

    def send() -> None:
        for what in ("3,000 nested groups", "10,000 nested parentheses", "2,000 nested function calls"):
            statuses.append(httpx.post(server + "/sparql", data={"query": DEEP[what]}, timeout=60).status_code)

    clients = [threading.Thread(target=send) for _ in range(4)]
    for client in clients:
        client.start()
    for client in clients:
        client.join()
    assert statuses == [400] * 12
    assert restarts(server) == before
    assert httpx.get(server + "/sparql", params={"query": "ASK { }"}).json()["boolean"] is True


def test_health_answers_while_long_texts_with_a_refused_service_are_read(server: str) -> None:
    """109 KB of FILTER(?o IN (…)) and a SERVICE: once parsed again by rdflib in the event loop for 29 s."""
    query = ("SELECT * WHERE { ?s ?p ?o FILTER(?o IN (" + ",".join(str(n) for n in range(20000)) + ")) "
             "SERVICE <http://127.0.0.1:9/> { ?s ?p ?o } }")
    assert len(query) > 100_000
    answers: list[httpx.Response] = []

    def send() -> None:
        answers.append(httpx.post(server + "/sparql", data={"query": query}, timeout=120))

    senders = [threading.Thread(target=send) for _ in range(6)]
    for sender in senders:
        sender.start()
    slowest = 0.0
    while any(sender.is_alive() for sender in senders):
        started = time.monotonic()
        assert httpx.get(server + "/health", timeout=10).status_code == 200
        slowest = max(slowest, time.monotonic() - started)
        time.sleep(0.05)
    for sender in senders:
        sender.join()
    assert slowest < 1.0, f"/health took {slowest:.2f} s while the queries were read"
    assert [answer.status_code for answer in answers] == [403] * 6
    assert all("SERVICE <http://127.0.0.1:9/> is refused at line 1, column " in answer.text for answer in answers)


def test_a_limit_too_large_for_the_engine_is_a_400_in_words(server: str) -> None:
    response = httpx.get(server + "/sparql", params={"query": "SELECT * WHERE { ?s ?p ?o } LIMIT 18446744073709551616"})
    assert response.status_code == 400
    assert "LIMIT 18446744073709551616 is larger than the largest the engine accepts (18446744073709551615)" in (
        response.text)
    largest = httpx.get(server + "/sparql", params={"query": "SELECT * WHERE { ?s ?p ?o } LIMIT 18446744073709551615"})
    assert largest.status_code == 200


def test_the_depth_limit_is_a_setting(start_server: Callable[..., str]) -> None:
    shallow = start_server(max_query_depth=40)
    nested = "SELECT * WHERE " + "{" * 30 + " ?s ?p ?o " + "}" * 30
    response = httpx.get(shallow + "/sparql", params={"query": nested})
    assert response.status_code == 400
    assert "this server accepts at most 40 (MRKG_MAX_QUERY_DEPTH)" in response.text
    within = "SELECT * WHERE " + "{" * 10 + " ?s ?p ?o " + "}" * 10
    assert httpx.get(shallow + "/sparql", params={"query": within}).status_code == 200
