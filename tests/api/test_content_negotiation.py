"""Content negotiation: every format of every query form, q-values, q=0, the format parameter, 406."""
from __future__ import annotations

import csv
import io
import json

import httpx
import pyoxigraph
import pytest
import rdflib

from api.negotiation import negotiate, parse_accept

SELECT = "SELECT ?n WHERE { ?x <https://w3id.org/mrkg/ontology#number> ?n } ORDER BY ?n LIMIT 3"
ASK = "ASK { ?x a <https://w3id.org/mrkg/ontology#Statement> }"
CONSTRUCT = "CONSTRUCT { ?x <http://www.w3.org/2000/01/rdf-schema#label> ?l } WHERE { ?x a <https://w3id.org/mrkg/ontology#Objective> ; <http://www.w3.org/2000/01/rdf-schema#label> ?l }"
DESCRIBE = "DESCRIBE <https://w3id.org/mrkg/id/instrument/gcm/objective/13>"


# -- the rules, without a server ----------------------------------------------------


@pytest.mark.parametrize(("accept", "results", "graph"), [
    (None, "json", "turtle"),
    ("", "json", "turtle"),
    ("*/*", "json", "turtle"),
    ("application/sparql-results+xml", "xml", None),
    ("text/csv", "csv", None),
    ("text/tab-separated-values", "tsv", None),
    ("text/turtle", None, "turtle"),
    ("application/n-triples", None, "ntriples"),
    ("application/ld+json", None, "jsonld"),
    ("application/rdf+xml", None, "rdfxml"),
    ("application/n-quads", None, "nquads"),
    ("application/trig", None, "trig"),
    ("application/json", "json", "jsonld"),
    ("application/xml", "xml", "rdfxml"),
    ("text/*", "csv", "turtle"),
    ("text/csv;q=0.5, application/sparql-results+xml;q=0.9", "xml", None),
    ("text/turtle;q=0, */*", "json", "ntriples"),
    ("application/sparql-results+json;q=0, */*;q=0.1", "xml", "turtle"),
    ("*/*;q=0.1, text/tab-separated-values", "tsv", "turtle"),
    ("text/html", None, None),
    ("application/sparql-results+json;q=0", None, None),
    ("nonsense", None, None),
    ("text/csv;q=abc", None, None),
    ("text/csv;q=abc, */*;q=0.5", "json", "turtle"),  # the malformed range is dropped, not read as q=0
    ("text/csv;q=2, text/tab-separated-values;q=0.5", "tsv", None),  # nor clamped to 1
    ("text/csv;q=-1, */*", "json", "turtle"),  # nor clamped to 0
    ("text/csv;q=.2, text/tab-separated-values;q=0.1", "csv", None),  # old Java clients write q=.2
    ("text/csv, */*", "csv", "turtle"),  # named beats reached through a wildcard at the same q
    ("application/json;q=0, */*", "xml", "turtle"),  # an alias named with q=0 refuses its format
    ("*", "json", "turtle"),
    ("TEXT/CSV", "csv", None),
    ("text/turtle; charset=utf-8; q=0.8, application/rdf+xml; q=0.9", None, "rdfxml"),
])
def test_accept_header(accept: str | None, results: str | None, graph: str | None) -> None:
    chosen = negotiate(accept)
    assert (chosen.results.name if chosen.results else None) == results
    assert (chosen.graph.name if chosen.graph else None) == graph


@pytest.mark.parametrize(("parameter", "results", "graph"), [
    ("json", "json", "jsonld"),
    ("xml", "xml", "rdfxml"),
    ("csv", "csv", None),
    ("tsv", "tsv", None),
    ("turtle", None, "turtle"),
    ("ttl", None, "turtle"),
    ("text/turtle", None, "turtle"),
    ("application/sparql-results+json", "json", None),
    ("n3", None, "turtle"),
    ("rdf+xml", None, "rdfxml"),
    ("json-ld", None, "jsonld"),
    ("bogus", None, None),
])
def test_format_parameter_overrides_accept(parameter: str, results: str | None, graph: str | None) -> None:
    chosen = negotiate("text/html", (parameter,))
    assert (chosen.results.name if chosen.results else None) == results
    assert (chosen.graph.name if chosen.graph else None) == graph


def test_repeated_format_parameter_takes_the_first_that_fits() -> None:
    # SPARQLWrapper sends format=tsv&format=text/tab-separated-values, and format=json-ld&format= for JSON-LD.
    chosen = negotiate(None, ("tsv", "text/tab-separated-values"))
    assert chosen.results is not None and chosen.results.name == "tsv" and chosen.graph is None
    chosen = negotiate(None, ("csv", "turtle"))
    assert (chosen.results.name, chosen.graph.name) == ("csv", "turtle")  # type: ignore[union-attr]


def test_most_specific_range_decides_quality() -> None:
    ranges = parse_accept("text/*;q=0.3, text/csv;q=0, */*;q=0.1")
    assert [(r.type, r.subtype, r.quality) for r in ranges] == [("text", "*", 0.3), ("text", "csv", 0.0), ("*", "*", 0.1)]
    chosen = negotiate("text/*;q=0.3, text/csv;q=0, */*;q=0.1")
    assert chosen.results is not None and chosen.results.name == "tsv"


# -- over HTTP -----------------------------------------------------------------------


def parse_results(response: httpx.Response, fmt: str) -> list[str] | bool:
    if fmt == "csv":
        rows = list(csv.reader(io.StringIO(response.text)))
        return [row[0] for row in rows[1:]] if rows and rows[0] != ["true"] else True
    parsed = pyoxigraph.parse_query_results(response.content, format=getattr(pyoxigraph.QueryResultsFormat, fmt.upper()))
    if isinstance(parsed, pyoxigraph.QueryBoolean):
        return bool(parsed)
    return [solution[0].value for solution in parsed]


@pytest.mark.parametrize(("fmt", "media_type"), [
    ("json", "application/sparql-results+json"),
    ("xml", "application/sparql-results+xml"),
    ("csv", "text/csv"),
    ("tsv", "text/tab-separated-values"),
])
def test_select_and_ask_in_every_results_format(client: httpx.Client, fmt: str, media_type: str) -> None:
    response = client.get("/sparql", params={"query": SELECT}, headers={"Accept": media_type})
    assert response.status_code == 200
    assert response.headers["content-type"].split(";")[0] == media_type
    assert "Accept" in response.headers["vary"]
    assert parse_results(response, fmt) == ["10", "13", "17"]
    response = client.get("/sparql", params={"query": ASK}, headers={"Accept": media_type})
    assert response.status_code == 200
    assert response.headers["content-type"].split(";")[0] == media_type
    assert fmt == "csv" and response.text.strip() == "true" or parse_results(response, fmt) is True


@pytest.mark.parametrize(("media_type", "rdflib_format"), [
    ("text/turtle", "turtle"),
    ("application/n-triples", "nt"),
    ("application/ld+json", "json-ld"),
    ("application/rdf+xml", "xml"),
    ("application/n-quads", "nquads"),
    ("application/trig", "trig"),
])
@pytest.mark.parametrize("query", [CONSTRUCT, DESCRIBE])
def test_construct_and_describe_in_every_graph_format(client: httpx.Client, query: str, media_type: str,
                                                        rdflib_format: str) -> None:
    response = client.post("/sparql", data={"query": query}, headers={"Accept": media_type})
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].split(";")[0] == media_type
    graph = rdflib.Dataset() if rdflib_format in ("nquads", "trig") else rdflib.Graph()
    graph.parse(data=response.content, format=rdflib_format)
    labels = {str(o) for _, p, o in graph.triples((None, rdflib.RDFS.label, None))}
    if query is CONSTRUCT:
        assert labels == {f"Objective {n} of the GCM" for n in (7, 8, 13, 17, 21, 23)}
    else:
        assert labels == {"Objective 13 of the GCM"}
        titles = {str(o) for o in graph.objects(None, rdflib.DCTERMS.title)}
        assert titles == {"Use immigration detention only as a measure of last resort and work towards alternatives"}


def test_turtle_uses_the_project_prefixes(client: httpx.Client) -> None:
    response = client.get("/sparql", params={"query": DESCRIBE}, headers={"Accept": "text/turtle"})
    assert "@prefix mrkg: <https://w3id.org/mrkg/ontology#> ." in response.text
    assert "@prefix foaf:" not in response.text  # only the prefixes the answer uses


def test_no_accept_header_gets_json_for_select_and_turtle_for_construct(client: httpx.Client) -> None:
    request = client.build_request("GET", "/sparql", params={"query": SELECT})
    request.headers.pop("accept", None)
    assert client.send(request).headers["content-type"] == "application/sparql-results+json"
    request = client.build_request("GET", "/sparql", params={"query": CONSTRUCT})
    request.headers.pop("accept", None)
    assert client.send(request).headers["content-type"].startswith("text/turtle")


def test_q_zero_excludes_and_the_next_best_is_sent(client: httpx.Client) -> None:
    response = client.get("/sparql", params={"query": CONSTRUCT}, headers={"Accept": "text/turtle;q=0, */*;q=0.5"})
    assert response.headers["content-type"] == "application/n-triples"
    response = client.get("/sparql", params={"query": SELECT},
                          headers={"Accept": "application/sparql-results+json;q=0.2, text/csv;q=0.9"})
    assert response.headers["content-type"].startswith("text/csv")


def test_format_parameter_wins_over_accept(client: httpx.Client) -> None:
    response = client.get("/sparql", params={"query": SELECT, "format": "tsv"}, headers={"Accept": "text/csv"})
    assert response.headers["content-type"].startswith("text/tab-separated-values")
    response = client.get("/sparql", params={"query": CONSTRUCT, "format": "json"})
    assert response.headers["content-type"] == "application/ld+json"
    assert isinstance(json.loads(response.text), list)


@pytest.mark.parametrize(("query", "accept", "fmt"), [
    (SELECT, "text/turtle", None),
    (ASK, "application/rdf+xml", None),
    (CONSTRUCT, "text/csv", None),
    (DESCRIBE, "application/sparql-results+json", None),
    (SELECT, "*/*;q=0", None),
    (SELECT, None, "turtle"),
    (CONSTRUCT, None, "tsv"),
    (SELECT, None, "bogus"),
])
def test_what_cannot_be_served_is_406(client: httpx.Client, query: str, accept: str | None, fmt: str | None) -> None:
    params = {"query": query, **({"format": fmt} if fmt else {})}
    response = client.get("/sparql", params=params, headers={"Accept": accept} if accept else {})
    assert response.status_code == 406
    assert "cannot be sent as" in response.text
    assert "turtle, ntriples, jsonld" in response.text  # the message lists what can be sent


def test_an_accept_header_sent_twice_counts_as_one_list(client: httpx.Client) -> None:
    response = client.get("/sparql", params={"query": "SELECT (1 AS ?one) {}"},
                          headers=[("Accept", "text/csv;q=0.5"), ("Accept", "text/tab-separated-values")])
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/tab-separated-values")
    assert response.text.splitlines() == ["?one", "1"]
