"""SPARQL 1.1 Protocol: the three ways to send a query, the dataset parameters, the request errors."""
from __future__ import annotations

import urllib.parse
from typing import Callable

import httpx
import pytest

COUNT_STATEMENTS = "PREFIX mrkg: <https://w3id.org/mrkg/ontology#> SELECT (COUNT(?s) AS ?n) WHERE { ?s a mrkg:Statement }"
JSON = "application/sparql-results+json"
CATALOGUE = "https://w3id.org/mrkg/id/graph/catalogue"
ACTORS = "https://w3id.org/mrkg/id/graph/actors"
SOURCE = "https://w3id.org/mrkg/id/graph/source/001_572bfb9b02552e02"


def number(response: httpx.Response) -> int:
    assert response.status_code == 200, response.text
    return int(response.json()["results"]["bindings"][0]["n"]["value"])


def test_query_by_get(client: httpx.Client) -> None:
    assert number(client.get("/sparql", params={"query": COUNT_STATEMENTS})) == 15


def test_query_by_post_form(client: httpx.Client) -> None:
    assert number(client.post("/sparql", data={"query": COUNT_STATEMENTS})) == 15


def test_query_by_post_direct(client: httpx.Client) -> None:
    response = client.post("/sparql", content=COUNT_STATEMENTS, headers={"Content-Type": "application/sparql-query"})
    assert number(response) == 15


def test_post_direct_is_utf8(client: httpx.Client) -> None:
    query = 'SELECT ?label WHERE { ?a <http://www.w3.org/2000/01/rdf-schema#label> ?label FILTER(STRSTARTS(?label, "Ms. Hernández")) }'
    response = client.post("/sparql", content=query.encode("utf-8"),
                           headers={"Content-Type": "application/sparql-query; charset=UTF-8"})
    assert response.status_code == 200, response.text
    assert [b["label"]["value"] for b in response.json()["results"]["bindings"]] == ["Ms. Hernández Paramo"]
    response = client.post("/sparql", content=query.encode("utf-16"),
                           headers={"Content-Type": "application/sparql-query; charset=UTF-16"})
    assert response.status_code == 415
    assert "SPARQL queries and updates are sent in UTF-8" in response.text


def test_relative_iris_resolve_against_the_endpoint(client: httpx.Client, live_server: str) -> None:
    response = client.get("/sparql", params={"query": "SELECT ?x WHERE { BIND(<relative/thing> AS ?x) }"})
    assert response.json()["results"]["bindings"][0]["x"]["value"] == live_server + "/relative/thing"


def test_default_graph_is_the_union_of_all_named_graphs(client: httpx.Client) -> None:
    # A statement (source graph) joined to the title of the objective it cites (catalogue graph), without GRAPH.
    query = """PREFIX mrkg: <https://w3id.org/mrkg/ontology#> PREFIX dcterms: <http://purl.org/dc/terms/>
        SELECT ?title WHERE { <https://w3id.org/mrkg/id/statement/001_572bfb9b02552e02/4> mrkg:cites/dcterms:title ?title }"""
    response = client.get("/sparql", params={"query": query})
    assert [b["title"]["value"] for b in response.json()["results"]["bindings"]] == [
        "Save lives and establish coordinated international efforts on missing migrants"]


def test_default_graph_uri_replaces_the_union(client: httpx.Client) -> None:
    response = client.get("/sparql", params={"query": COUNT_STATEMENTS, "default-graph-uri": CATALOGUE})
    assert number(response) == 0
    response = client.get("/sparql", params=[("query", COUNT_STATEMENTS), ("default-graph-uri", CATALOGUE),
                                             ("default-graph-uri", SOURCE)])
    assert number(response) == 15


def test_named_graph_uri_limits_graph_patterns(client: httpx.Client) -> None:
    query = "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } } ORDER BY ?g"
    response = client.get("/sparql", params=[("query", query), ("named-graph-uri", ACTORS), ("named-graph-uri", SOURCE)])
    assert [b["g"]["value"] for b in response.json()["results"]["bindings"]] == [ACTORS, SOURCE]


def test_from_clause_in_the_query_is_respected(client: httpx.Client) -> None:
    query = f"PREFIX mrkg: <https://w3id.org/mrkg/ontology#> SELECT (COUNT(?s) AS ?n) FROM <{CATALOGUE}> WHERE {{ ?s a mrkg:Statement }}"
    assert number(client.get("/sparql", params={"query": query})) == 0
    query = query.replace(CATALOGUE, SOURCE)
    assert number(client.get("/sparql", params={"query": query})) == 15


def test_missing_query_on_post_is_400(client: httpx.Client) -> None:
    response = client.post("/sparql", data={"default-graph-uri": CATALOGUE})
    assert response.status_code == 400
    assert "missing parameter" in response.text


@pytest.mark.parametrize("send", ["get", "form", "url-and-form"])
def test_repeated_query_is_400(client: httpx.Client, send: str) -> None:
    if send == "get":
        response = client.get("/sparql", params=[("query", "ASK {}"), ("query", "ASK {}")])
    elif send == "form":
        response = client.post("/sparql", data={"query": ["ASK {}", "ASK {}"]})
    else:
        response = client.post("/sparql?query=ASK%20%7B%7D", data={"query": "ASK {}"})
    assert response.status_code == 400
    assert "'query' parameter is given 2 times" in response.text


def test_query_and_update_together_is_400(client: httpx.Client) -> None:
    response = client.post("/sparql", data={"query": "ASK {}", "update": "CLEAR ALL"})
    assert response.status_code == 400
    assert "not both" in response.text


@pytest.mark.parametrize("content_type", ["text/plain", "application/json", ""])
def test_unsupported_content_type_is_415(client: httpx.Client, content_type: str) -> None:
    headers = {"Content-Type": content_type} if content_type else {}
    request = client.build_request("POST", "/sparql", content=b"query=ASK%20%7B%7D", headers=headers)
    if not content_type:
        request.headers.pop("content-type", None)
    response = client.send(request)
    assert response.status_code == 415
    assert "unsupported media type" in response.text


def test_oversize_body_is_413(client: httpx.Client) -> None:
    padding = "#" + "x" * 1_100_000 + "\n"
    response = client.post("/sparql", content=padding + "ASK {}", headers={"Content-Type": "application/sparql-query"})
    assert response.status_code == 413
    assert "larger than the limit of 1000000 bytes" in response.text


def test_oversize_body_without_length_is_413(client: httpx.Client) -> None:
    def chunks():  # chunked transfer: no Content-Length to judge by
        for _ in range(120):
            yield b"#" + b"x" * 10_000 + b"\n"

    response = client.post("/sparql", content=chunks(), headers={"Content-Type": "application/sparql-query"})
    assert response.status_code == 413


def test_oversize_query_string_is_413(start_server: Callable[..., str]) -> None:
    # The HTTP parser itself refuses request lines beyond about 64 KB (400), so
    # the service's own limit is tested below that.
    server = start_server(max_request_bytes=10_000)
    response = httpx.get(server + "/sparql?query=" + urllib.parse.quote("ASK {}" + " " * 10_001))
    assert response.status_code == 413
    assert "larger than the limit of 10000 bytes" in response.text
    assert httpx.get(server + "/sparql", params={"query": "ASK {}" + " " * 9000}).status_code == 200


def test_form_that_is_not_utf8_is_400(client: httpx.Client) -> None:
    response = client.post("/sparql", content=b"query=ASK%20%7B%7D%FF", headers={"Content-Type": "application/x-www-form-urlencoded"})
    assert response.status_code == 400
    assert "UTF-8" in response.text


def test_unknown_charset_is_415(client: httpx.Client) -> None:
    response = client.post("/sparql", content=b"ASK {}", headers={"Content-Type": "application/sparql-query; charset=x-nonsense"})
    assert response.status_code == 415


def test_body_that_is_not_utf8_is_400(client: httpx.Client) -> None:
    response = client.post("/sparql", content="ASK { ?s ?p \"é\" }".encode("latin-1"),
                           headers={"Content-Type": "application/sparql-query"})
    assert response.status_code == 400
    assert "not valid UTF-8" in response.text


def test_graph_parameter_that_is_not_an_iri_is_400(client: httpx.Client) -> None:
    response = client.get("/sparql", params={"query": "ASK {}", "default-graph-uri": "not an iri"})
    assert response.status_code == 400
    assert "default-graph-uri='not an iri' is not an absolute IRI" in response.text


def test_other_methods_are_405(client: httpx.Client) -> None:
    assert client.put("/sparql", content=b"ASK {}").status_code == 405
    assert client.delete("/sparql").status_code == 405
