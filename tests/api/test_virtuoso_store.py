"""The same service in front of a real Virtuoso: answers, the dataset, and Virtuoso's own ways of cutting answers.

Virtuoso runs with a small ``ResultSetMaxRows`` (40) and ``MaxQueryExecutionTime``
(5 s), so that each of its cuts can be forced (issue 15, point 1): none may reach
a client as a complete answer.
"""
from __future__ import annotations

import time
from pathlib import Path
from typing import Callable

import httpx
import pytest

from graph.errors import QueryTimeout
from graph.store.backends import Dataset, ExternalStore
from live_service import SAMPLE, LiveServer
from virtuoso_service import VirtuosoServer

VIRTUOSO_ROWS = 40
VIRTUOSO_SECONDS = 5
CITES_13 = """PREFIX mrkg: <https://w3id.org/mrkg/ontology#>
SELECT ?n WHERE { ?s mrkg:cites <https://w3id.org/mrkg/id/instrument/gcm/objective/13> ; mrkg:paragraphNumber ?n } ORDER BY ?n"""
# Every triple paired with every other, four times over: far longer than any limit here.
HEAVY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"


@pytest.fixture(scope="module")
def virtuoso(start_virtuoso: Callable[..., VirtuosoServer]) -> VirtuosoServer:
    server = start_virtuoso(max_rows=VIRTUOSO_ROWS, max_seconds=VIRTUOSO_SECONDS)
    server.load(SAMPLE)
    return server


@pytest.fixture(scope="module")
def fronted(start_server: Callable[..., LiveServer], virtuoso: VirtuosoServer,
            tmp_path_factory: pytest.TempPathFactory) -> str:
    """mrkg with a shorter time limit than Virtuoso's, and a larger row cap."""
    return start_server(var_dir=tmp_path_factory.mktemp("unused"), external_endpoint=virtuoso.endpoint,
                        query_timeout=4, max_rows=1000, external_max_rows=VIRTUOSO_ROWS)


def test_queries_are_answered_from_virtuoso_in_every_format(fronted: str) -> None:
    response = httpx.get(fronted + "/sparql", params={"query": CITES_13})
    assert response.status_code == 200, response.text
    assert [b["n"]["value"] for b in response.json()["results"]["bindings"]] == ["29", "48", "61"]
    assert "mrkg-result-truncated" not in response.headers
    csv = httpx.get(fronted + "/sparql", params={"query": CITES_13}, headers={"Accept": "text/csv"})
    assert csv.text.split() == ["n", "29", "48", "61"]
    turtle = httpx.get(fronted + "/sparql", params={"query": "DESCRIBE <https://w3id.org/mrkg/id/actor/fritz>"},
                       headers={"Accept": "text/turtle"})
    assert turtle.headers["content-type"].startswith("text/turtle"), turtle.text
    assert '"Ms. Fritz"' in turtle.text


def test_the_default_graph_is_the_release_and_nothing_of_virtuoso_s_own(fronted: str) -> None:
    """Virtuoso's union default graph would hold its system graphs (2,496 triples on a fresh server): hidden."""
    health = httpx.get(fronted + "/health").json()
    assert health["backend"] == "external"
    assert health["store"]["triples"] == 306  # the sample's quads, as the embedded store counts them
    # (SELECT DISTINCT ?g alone is answered from Virtuoso's list of graph names, which still names its own: README)
    graphs = httpx.get(fronted + "/sparql", params={
        "query": "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g"})
    assert {b["g"]["value"] for b in graphs.json()["results"]["bindings"]} == {
        "https://w3id.org/mrkg/id/graph/catalogue", "https://w3id.org/mrkg/id/graph/actors",
        "https://w3id.org/mrkg/id/graph/ontology", "https://w3id.org/mrkg/id/graph/source/001_572bfb9b02552e02"}


def test_dataset_parameters_are_forwarded(fronted: str) -> None:
    query = "ASK { ?s a <https://w3id.org/mrkg/ontology#Statement> }"
    only_catalogue = {"query": query, "default-graph-uri": "https://w3id.org/mrkg/id/graph/catalogue"}
    assert httpx.get(fronted + "/sparql", params=only_catalogue).json()["boolean"] is False
    assert httpx.get(fronted + "/sparql", params={"query": query}).json()["boolean"] is True


def test_virtuoso_s_parser_message_comes_back_as_400(fronted: str) -> None:
    response = httpx.get(fronted + "/sparql", params={"query": "SELECT ?s WHERE { ?s ?p"})
    assert response.status_code == 400
    assert "syntax error" in response.text


def test_virtuoso_s_row_cap_is_said_as_a_truncated_answer(fronted: str) -> None:
    for accept in ("application/sparql-results+json", "text/turtle"):
        query = "SELECT * WHERE { ?s ?p ?o }" if "json" in accept else "CONSTRUCT WHERE { ?s ?p ?o }"
        cut = httpx.get(fronted + "/sparql", params={"query": query}, headers={"Accept": accept})
        assert cut.status_code == 200, cut.text
        assert cut.headers["mrkg-result-truncated"] == "true", accept
        assert cut.headers["mrkg-result-limit"] == str(VIRTUOSO_ROWS)  # Virtuoso's cap, not mrkg's 1,000
    rows = httpx.get(fronted + "/sparql", params={"query": "SELECT * WHERE { ?s ?p ?o }"}).json()["results"]["bindings"]
    assert len(rows) == VIRTUOSO_ROWS


def test_an_anytime_partial_answer_is_a_503_at_mrkg_s_time_limit(fronted: str, virtuoso: VirtuosoServer) -> None:
    """mrkg asks Virtuoso to stop at half its own limit; Virtuoso then sends a partial COUNT on a 200.

    Over HTTP, whichever ends first (Virtuoso's partial answer, or mrkg's own limit when a loaded machine makes
    Virtuoso overshoot by more than the other half) the client gets a 503 naming mrkg's limit, never the COUNT;
    the partial answer itself is read by the store, where no other limit races it."""
    response = httpx.get(fronted + "/sparql", params={"query": HEAVY}, timeout=60)
    assert response.status_code == 503, response.text
    assert "time limit of 4 s" in response.text and '"n"' not in response.text
    assert httpx.get(fronted + "/sparql", params={"query": CITES_13}).status_code == 200

    store = ExternalStore(virtuoso.endpoint, timeout=4)
    store.virtuoso = True  # as a worker knows it after its first answer (the test below shows how it learns)
    started = time.monotonic()
    with pytest.raises(QueryTimeout, match="time limit of 4 s.*partial answer"):
        store.query(HEAVY, Dataset())
    assert time.monotonic() - started < 30  # Virtuoso stopped it: the heavy query runs for hours
    store.close()


def test_virtuoso_s_own_shorter_time_limit_is_a_503(start_server: Callable[..., LiveServer], virtuoso: VirtuosoServer,
                                                     tmp_path_factory: pytest.TempPathFactory) -> None:
    patient = start_server(var_dir=tmp_path_factory.mktemp("unused"), external_endpoint=virtuoso.endpoint,
                           query_timeout=30)
    httpx.get(patient + "/health")
    started = time.monotonic()
    response = httpx.get(patient + "/sparql", params={"query": HEAVY}, timeout=60)
    took = time.monotonic() - started
    assert response.status_code == 503, response.text
    assert "partial answer" in response.text
    assert VIRTUOSO_SECONDS - 1 < took < 20  # Virtuoso's limit ended it, well before mrkg's 30 s


def test_virtuoso_s_timeout_error_is_the_time_limit_not_a_server_fault(virtuoso: VirtuosoServer) -> None:
    """Before a client knows the server is Virtuoso it sends no anytime limit: Virtuoso then answers 500 (SR171)."""
    store = ExternalStore(virtuoso.endpoint, timeout=60)
    started = time.monotonic()
    with pytest.raises(QueryTimeout, match="time limit of the external SPARQL server.*SR171"):
        store.query(HEAVY, Dataset())
    assert time.monotonic() - started < 30
    assert store.virtuoso  # and from now on it asks for the anytime limit
    store.close()


def test_virtuoso_s_blank_nodes_are_read_as_blank_nodes(start_virtuoso: Callable[..., VirtuosoServer],
                                                       tmp_path: Path) -> None:
    """Virtuoso labels them ``nodeID://b10001`` in a result set, which is no SPARQL blank node label: renamed."""
    data = tmp_path / "blank.trig"
    data.write_text("<https://example.org/g> { <https://example.org/a> <https://example.org/p> _:one , _:two .\n"
                    "  _:one <https://example.org/q> \"nodeID://b1\" . _:two <https://example.org/q> \"2\" . }\n")
    server = start_virtuoso()
    server.load(data)
    store = ExternalStore(server.endpoint, timeout=60)
    rows = list(store.query("SELECT ?node ?words WHERE { <https://example.org/a> <https://example.org/p> ?node . "
                            "?node <https://example.org/q> ?words } ORDER BY ?words"))
    assert [type(row["node"]).__name__ for row in rows] == ["BlankNode", "BlankNode"]
    assert rows[0]["node"] != rows[1]["node"]
    assert [row["words"].value for row in rows] == ["2", "nodeID://b1"]  # a literal keeps its words
