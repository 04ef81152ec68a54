"""Malformed requests get a 4xx with words, never a 500 or a traceback — fuzzed with Hypothesis."""
from __future__ import annotations

import httpx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

VALID = [
    "SELECT ?s WHERE { ?s ?p ?o } LIMIT 1",
    "ASK { ?s a <https://w3id.org/mrkg/ontology#Statement> }",
    "CONSTRUCT WHERE { ?s ?p ?o } LIMIT 2",
    "DESCRIBE <https://w3id.org/mrkg/id/actor/fritz>",
    'PREFIX mrkg: <https://w3id.org/mrkg/ontology#> SELECT ?t WHERE { ?s mrkg:text ?t FILTER(CONTAINS(?t, "detention")) }',
]


def test_malformed_query_is_400_with_message_and_position(client: httpx.Client) -> None:
    query = "SELECT ?s WHERE {\n  ?s ?p ?o .\n  BIND(1 AS 2)\n}"
    response = client.get("/sparql", params={"query": query})
    assert response.status_code == 400
    assert response.headers["content-type"].startswith("text/plain")
    text = response.text
    assert text.startswith('malformed query: error at 3:13: expected one of "$", "?", NOT')
    assert "  BIND(1 AS 2)\n            ^" in text  # the line, and a caret under the column


def test_malformed_query_as_json_for_clients_that_prefer_it(client: httpx.Client) -> None:
    response = client.get("/sparql", params={"query": "SELEC * WHERE {}"}, headers={"Accept": "application/json"})
    assert response.status_code == 400
    error = response.json()["error"]
    # A text that does not start like a query is read by the worker's parser (graph.sparql), which points at
    # the word it could not take.
    assert (error["status"], error["line"], error["column"]) == (400, 1, 1)
    assert error["message"].startswith("malformed query: error at 1:1: expected SELECT, CONSTRUCT, DESCRIBE or ASK")


def test_update_sent_as_a_query_is_400(client: httpx.Client) -> None:
    response = client.get("/sparql", params={"query": "INSERT DATA { <a:b> <a:c> <a:d> }"})
    assert response.status_code == 400
    assert "malformed query" in response.text


def test_evaluation_error_is_400_not_500(client: httpx.Client) -> None:
    response = client.get("/sparql", params={"query": "SELECT * WHERE { BIND(<http://example/f>(1) AS ?x) }"})
    assert response.status_code == 400
    assert "cannot be evaluated" in response.text


def _assert_clean_refusal(response: httpx.Response) -> None:
    assert response.status_code < 500 or response.status_code == 503, response.text
    assert "Traceback" not in response.text
    assert 'File "' not in response.text


def _mutate(query: str, data: st.DataObject) -> str:
    """A valid query with a slice cut out, a stray character put in, or both."""
    start = data.draw(st.integers(0, len(query)))
    end = data.draw(st.integers(start, len(query)))
    noise = data.draw(st.text(alphabet=st.sampled_from(list("{}()<>?$\"'#.;,:^*|\\@ \n\t_-aZ0\u00e9\u0000")), max_size=4))
    return query[:start] + noise + query[end:]


@pytest.mark.slow
@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_fuzzed_queries_never_break_the_server(client: httpx.Client, data: st.DataObject) -> None:
    query = _mutate(data.draw(st.sampled_from(VALID)), data)
    how = data.draw(st.sampled_from(["get", "form", "direct"]))
    if how == "get":
        response = client.get("/sparql", params={"query": query})
    elif how == "form":
        response = client.post("/sparql", data={"query": query})
    else:
        response = client.post("/sparql", content=query.encode("utf-8", "surrogatepass"),
                               headers={"Content-Type": "application/sparql-query"})
    _assert_clean_refusal(response)
    if response.status_code == 400:
        assert response.text.strip(), "a 400 says what was wrong"


header_text = st.text(alphabet=st.characters(min_codepoint=32, max_codepoint=126), max_size=60).map(str.strip)  # httpx sends no edge spaces


@pytest.mark.slow
@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    method=st.sampled_from(["GET", "POST"]),
    content_type=st.one_of(st.none(), header_text, st.sampled_from([
        "application/sparql-query", "application/sparql-update", "application/x-www-form-urlencoded",
        "application/sparql-query; charset=latin-1", "application/x-www-form-urlencoded; charset=utf-16"])),
    accept=st.one_of(st.none(), header_text),
    body=st.binary(max_size=200),
    query_string=st.text(alphabet=st.sampled_from(list("query=default-graph-uri&named%20format=update+%ZZ%FF")), max_size=80),
)
def test_fuzzed_requests_never_break_the_server(client: httpx.Client, method: str, content_type: str | None,
                                                accept: str | None, body: bytes, query_string: str) -> None:
    headers = {}
    if content_type is not None:
        headers["Content-Type"] = content_type
    if accept is not None:
        headers["Accept"] = accept
    request = client.build_request(method, "/sparql?" + query_string, headers=headers,
                                   content=body if method == "POST" else None)
    _assert_clean_refusal(client.send(request))
