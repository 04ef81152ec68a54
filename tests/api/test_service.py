"""The service around the protocol: description, query page, health, CORS, gzip, OpenAPI."""
from __future__ import annotations

import gzip
from pathlib import Path
from typing import Callable

import httpx
import rdflib

SD = rdflib.Namespace("http://www.w3.org/ns/sparql-service-description#")
BROWSER = "text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8"


def test_service_description_in_turtle_by_default(live_server: str) -> None:
    response = httpx.get(live_server + "/sparql", headers={"Accept": "*/*"})
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/turtle")
    graph = rdflib.Graph().parse(data=response.text, format="turtle")
    service = rdflib.URIRef(live_server + "/sparql")
    assert (service, rdflib.RDF.type, SD.Service) in graph
    assert (service, SD.endpoint, service) in graph
    assert (service, SD.feature, SD.UnionDefaultGraph) in graph
    assert (service, SD.supportedLanguage, SD.SPARQL11Update) not in graph
    names = {str(name) for name in graph.objects(None, SD.name)}
    assert names == {"https://w3id.org/mrkg/id/graph/ontology", "https://w3id.org/mrkg/id/graph/catalogue",
                     "https://w3id.org/mrkg/id/graph/actors",
                     "https://w3id.org/mrkg/id/graph/source/001_572bfb9b02552e02"}
    default_graph = graph.value(graph.value(service, SD.defaultDataset), SD.defaultGraph)
    assert "union of all named graphs" in str(graph.value(default_graph, rdflib.DCTERMS.description))
    formats = set(graph.objects(service, SD.resultFormat))
    assert rdflib.URIRef("http://www.w3.org/ns/formats/SPARQL_Results_CSV") in formats


def test_service_description_in_other_rdf_formats(live_server: str) -> None:
    for accept, fmt in [("application/ld+json", "json-ld"), ("application/rdf+xml", "xml"), ("application/n-triples", "nt")]:
        response = httpx.get(live_server + "/sparql", headers={"Accept": accept})
        assert response.headers["content-type"].split(";")[0] == accept
        graph = rdflib.Graph().parse(data=response.content, format=fmt)
        assert (None, rdflib.RDF.type, SD.Service) in graph


def test_browser_gets_the_query_page(live_server: str) -> None:
    response = httpx.get(live_server + "/sparql", headers={"Accept": BROWSER})
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/html")
    assert '<form id="query-form" class="query" action="/sparql" method="get">' in response.text
    assert "PREFIX mrkg: &lt;https://w3id.org/mrkg/ontology#&gt;" in response.text
    # Origin: as CORSMiddleware writes it on every route; Accept-Language and Cookie choose the page's language.
    assert response.headers["vary"] == "Accept, Origin, Accept-Language, Cookie"


def test_health(live_server: str) -> None:
    health = httpx.get(live_server + "/health").json()
    assert health["status"] == "ok"
    assert health["store"]["loaded"] is True
    assert health["store"]["triples"] == 306
    assert health["store"]["build_id"] == "test-build"
    assert health["limits"]["query_timeout_seconds"] == 30.0


def test_health_without_a_store_is_503(start_server: Callable[..., str], tmp_path: Path) -> None:
    server = start_server(var_dir=tmp_path)
    response = httpx.get(server + "/health")
    assert response.status_code == 503
    assert response.json()["store"]["loaded"] is False
    assert "run `mrkg build` first" in response.json()["store"]["error"]
    query = httpx.get(server + "/sparql", params={"query": "ASK {}"})
    assert query.status_code == 503
    assert "no published store" in query.text


def test_a_new_build_is_served_without_a_restart(start_server: Callable[..., str], tmp_path: Path) -> None:
    from live_service import SAMPLE, build_store

    build_store(SAMPLE, tmp_path, "first")
    server = start_server(var_dir=tmp_path)
    count = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
    assert httpx.get(server + "/sparql", params={"query": count}).json()["results"]["bindings"][0]["n"]["value"] == "306"
    smaller = tmp_path / "smaller.nq"
    smaller.write_text("<urn:a> <urn:b> <urn:c> <urn:g> .\n")
    build_store(smaller, tmp_path, "second")
    for _ in range(4):  # every worker moves to the new store
        answer = httpx.get(server + "/sparql", params={"query": count}).json()
        assert answer["results"]["bindings"][0]["n"]["value"] == "1"
    assert httpx.get(server + "/health").json()["store"]["build_id"] == "second"


def test_cors_for_browser_clients(live_server: str) -> None:
    response = httpx.get(live_server + "/sparql", params={"query": "ASK {}"}, headers={"Origin": "https://yasgui.example"})
    assert response.headers["access-control-allow-origin"] == "*"
    assert "mrkg-result-truncated" in response.headers["access-control-expose-headers"].lower()
    preflight = httpx.options(live_server + "/sparql", headers={
        "Origin": "https://yasgui.example", "Access-Control-Request-Method": "POST",
        "Access-Control-Request-Headers": "content-type"})
    assert preflight.status_code == 200
    assert "POST" in preflight.headers["access-control-allow-methods"]


def test_large_answers_are_gzipped(live_server: str) -> None:
    query = "SELECT * WHERE { ?s ?p ?o }"
    with httpx.Client() as client:
        request = client.build_request("GET", live_server + "/sparql", params={"query": query},
                                       headers={"Accept-Encoding": "gzip"})
        response = client.send(request, stream=True)
        raw = b"".join(response.iter_raw())
    assert response.headers["content-encoding"] == "gzip"
    assert len(gzip.decompress(raw)) > 3 * len(raw)
    plain = httpx.get(live_server + "/sparql", params={"query": query}, headers={"Accept-Encoding": "identity"})
    assert "content-encoding" not in plain.headers
    assert len(plain.json()["results"]["bindings"]) == 306
    small = httpx.get(live_server + "/sparql", params={"query": "ASK {}"}, headers={"Accept-Encoding": "gzip"})
    assert "content-encoding" not in small.headers


def test_openapi_documents_the_endpoint(live_server: str) -> None:
    spec = httpx.get(live_server + "/openapi.json").json()
    operations = spec["paths"]["/sparql"]
    assert set(operations) == {"get", "post"}
    assert {p["name"] for p in operations["get"]["parameters"]} >= {"query", "default-graph-uri", "format"}
    assert "application/sparql-query" in operations["post"]["requestBody"]["content"]
    assert "/health" in spec["paths"]
    assert httpx.get(live_server + "/docs").status_code == 200
