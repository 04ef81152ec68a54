"""The same service in front of an external SPARQL server (Oxigraph server from PyPI)."""
from __future__ import annotations

import time
from typing import Callable, Iterator

import httpx
import pytest

from live_service import OXIGRAPH, SAMPLE, OxigraphServer

pytestmark = pytest.mark.skipif(OXIGRAPH is None, reason="the oxigraph server (PyPI package 'oxigraph') is not installed")


@pytest.fixture(scope="module")
def oxigraph_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    server = OxigraphServer(tmp_path_factory.mktemp("oxigraph"), SAMPLE, "--timeout-s", "20")
    yield server.url
    server.stop()


@pytest.fixture(scope="module")
def fronted(start_server: Callable[..., str], oxigraph_server: str, tmp_path_factory: pytest.TempPathFactory) -> str:
    return start_server(var_dir=tmp_path_factory.mktemp("unused"), external_endpoint=oxigraph_server + "/query",
                        query_timeout=3, max_rows=50)


CITES_13 = """PREFIX mrkg: <https://w3id.org/mrkg/ontology#>
SELECT ?n WHERE { ?s mrkg:cites <https://w3id.org/mrkg/id/instrument/gcm/objective/13> ; mrkg:paragraphNumber ?n } ORDER BY ?n"""


def test_queries_are_forwarded_and_answered_in_every_format(fronted: str) -> None:
    response = httpx.get(fronted + "/sparql", params={"query": CITES_13})
    assert response.status_code == 200, response.text
    assert [b["n"]["value"] for b in response.json()["results"]["bindings"]] == ["29", "48", "61"]
    csv = httpx.get(fronted + "/sparql", params={"query": CITES_13}, headers={"Accept": "text/csv"})
    assert csv.text.split() == ["n", "29", "48", "61"]
    turtle = httpx.get(fronted + "/sparql", params={"query": "DESCRIBE <https://w3id.org/mrkg/id/actor/fritz>"},
                       headers={"Accept": "text/turtle"})
    assert turtle.headers["content-type"].startswith("text/turtle"), turtle.text
    assert '"Ms. Fritz"' in turtle.text


def test_dataset_parameters_are_forwarded(fronted: str) -> None:
    query = "ASK { ?s a <https://w3id.org/mrkg/ontology#Statement> }"
    only_catalogue = {"query": query, "default-graph-uri": "https://w3id.org/mrkg/id/graph/catalogue"}
    assert httpx.get(fronted + "/sparql", params=only_catalogue).json()["boolean"] is False
    assert httpx.get(fronted + "/sparql", params={"query": query}).json()["boolean"] is True


def test_the_remote_parser_message_comes_back_as_400(fronted: str) -> None:
    response = httpx.get(fronted + "/sparql", params={"query": "SELECT ?s WHERE { ?s ?p"})
    assert response.status_code == 400
    assert "refused the request" in response.text and "error at 1:" in response.text


def test_guards_and_row_cap_apply_in_front_of_the_remote(fronted: str) -> None:
    refused = httpx.get(fronted + "/sparql", params={"query": "SELECT * WHERE { SERVICE <http://127.0.0.1:1/> { ?s ?p ?o } }"})
    assert refused.status_code == 403
    cut = httpx.get(fronted + "/sparql", params={"query": "SELECT * WHERE { ?s ?p ?o }"})
    assert cut.headers["mrkg-result-truncated"] == "true"
    assert len(cut.json()["results"]["bindings"]) == 50


def test_the_time_limit_applies_to_forwarded_queries(fronted: str) -> None:
    started = time.monotonic()
    response = httpx.get(fronted + "/sparql", params={"query": (
        "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }")}, timeout=30)
    assert response.status_code == 503
    assert "time limit of 3 s" in response.text
    assert time.monotonic() - started < 6
    assert httpx.get(fronted + "/sparql", params={"query": "ASK {}"}).status_code == 200


def test_health_reports_the_external_backend(fronted: str) -> None:
    health = httpx.get(fronted + "/health").json()
    assert health["backend"] == "external"
    assert health["store"]["loaded"] is True
    assert health["store"]["triples"] == 306
