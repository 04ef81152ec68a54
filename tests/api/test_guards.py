"""SERVICE and LOAD: the server calls only allowlisted endpoints, wherever the clause hides."""
from __future__ import annotations

from typing import Callable

import httpx
import pytest
from hypothesis import given
from hypothesis import strategies as st

from api.query_text import _every_reference, endpoint_references

EVIL = "http://169.254.169.254/latest"


def targets(text: str, keyword: str = "SERVICE") -> list[str | None]:
    return [reference.iri for reference in endpoint_references(text, keyword)]


@pytest.mark.parametrize("query", [
    f"SELECT * WHERE {{ SERVICE <{EVIL}> {{ ?s ?p ?o }} }}",
    f"select * where {{ service silent <{EVIL}> {{ ?s ?p ?o }} }}",
    f"SELECT * WHERE {{ {{ SELECT * WHERE {{ SERVICE <{EVIL}> {{ ?s ?p ?o }} }} }} }}",
    f"ASK {{ FILTER EXISTS {{ SERVICE <{EVIL}> {{ }} }} }}",
    f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ OPTIONAL {{ SERVICE <{EVIL}> {{ ?s ?p ?o }} }} }}",
    "PREFIX e: <http://169.254.169.254/> SELECT * WHERE { SERVICE e:latest { } }",
    f"BASE <http://169.254.169.254/> SELECT * WHERE {{ SERVICE <{EVIL}> {{ }} }}",
    f"SELECT * WHERE {{ ?s ?p true SERVICE <{EVIL}> {{ }} }}".replace("true SERVICE", "trueSERVICE"),  # no space
    f"SELECT * WHERE {{ ?s ?p ?o .SERVICE<{EVIL}>{{}} }}",
    f"SELECT * WHERE {{ SERVICE # a comment\n <{EVIL}> {{ }} }}",
    "SELECT * WHERE { SERVICE <http://169.254.169.254/\\u006Catest> { } }",  # \\u escape inside the IRI
    "SELECT * WHERE { \\u0053ERVICE <http://169.254.169.254/latest> { } }",  # the spec's reading of \\u
])
def test_every_service_clause_is_found(query: str) -> None:
    assert EVIL in targets(query)


@pytest.mark.parametrize("query", [
    "SELECT * WHERE { SERVICE ?endpoint { ?s ?p ?o } }",
    "SELECT * WHERE { BIND(<http://x/> AS ?x) SERVICE $x { } }",
    # Oxigraph reads: comparison, SERVICE ?x, comment; a lexer taking "<?b)SERVICE?x#>" for an IRI would miss it.
    "SELECT * WHERE { ?a ?b ?c FILTER(?a<?b)SERVICE?x#>\n{} }",
    "SELECT * WHERE { SERVICE <relative/endpoint> { } }",
    "SELECT * WHERE { SERVICE undeclared:thing { } }",
])
def test_targets_the_text_does_not_fix_are_unknown(query: str) -> None:
    assert None in targets(query)


def test_a_prefix_declared_twice_gives_every_reading() -> None:
    query = "PREFIX e: <http://a.example/> PREFIX e: <http://b.example/> SELECT * WHERE { SERVICE e:x { } }"
    assert targets(query) == ["http://a.example/x", "http://b.example/x"]  # each must be allowed


@pytest.mark.parametrize("query", [
    "SELECT ?service ?endpoint WHERE { ?service <http://x/p> ?endpoint }",
    "PREFIX ex: <http://x/> SELECT * WHERE { ?s ex:customerService <http://x/o> }",
    "SELECT * WHERE { ?s ?p \"public services\" }",
    "SELECT * WHERE { ?s <http://x/service> ?o }",
])
def test_names_and_words_are_not_service_clauses(query: str) -> None:
    assert targets(query) == []


def test_load_targets_are_found() -> None:
    assert targets("LOAD <http://example.org/data.ttl> INTO GRAPH <g:x>", "LOAD") == ["http://example.org/data.ttl"]
    assert targets("PREFIX d: <http://d.example/> LOAD SILENT d:x", "LOAD") == ["http://d.example/x"]


def test_a_flood_of_keywords_is_refused_quickly() -> None:
    found = endpoint_references("xservice" * 200_000, "SERVICE")
    assert found and found[-1].iri is None


# -- over HTTP -----------------------------------------------------------------------


@pytest.mark.parametrize("query", [
    f"SELECT * WHERE {{ SERVICE <{EVIL}> {{ ?s ?p ?o }} }}",
    f"SELECT * WHERE {{ {{ SELECT ?s WHERE {{ SERVICE SILENT <{EVIL}> {{ ?s ?p ?o }} }} }} }}",
    "SELECT * WHERE { BIND(<http://127.0.0.1:1/> AS ?e) SERVICE ?e { ?s ?p ?o } }",
])
def test_service_is_refused_without_an_allowlist(client: httpx.Client, query: str) -> None:
    response = client.get("/sparql", params={"query": query})
    assert response.status_code == 403
    assert "is refused" in response.text


def test_allowlisted_service_is_called(live_server: str, start_server: Callable[..., str]) -> None:
    remote = live_server + "/sparql"
    federating = start_server(service_allowlist=remote)
    query = f"""PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
        SELECT ?label WHERE {{ SERVICE <{remote}> {{ <https://w3id.org/mrkg/id/actor/fritz> rdfs:label ?label }} }}"""
    response = httpx.get(federating + "/sparql", params={"query": query}, timeout=30)
    assert response.status_code == 200, response.text
    assert [b["label"]["value"] for b in response.json()["results"]["bindings"]] == ["Ms. Fritz"]
    other = query.replace(remote, remote.replace("/sparql", "/other"))
    refused = httpx.get(federating + "/sparql", params={"query": other}, timeout=30)
    assert refused.status_code == 403
    assert f"allowlist (<{remote}>)" in refused.text
    description = httpx.get(federating + "/sparql", headers={"Accept": "text/turtle"}).text
    assert "sd:BasicFederatedQuery" in description


def test_a_malformed_query_is_400_even_when_it_names_a_refused_endpoint(client: httpx.Client) -> None:
    response = client.get("/sparql", params={"query": f"SELECT * WHERE {{ SERVICE <{EVIL}> {{ ?s ?p }} }}"})
    assert response.status_code == 400
    assert response.text.startswith("malformed query: error at 1:")


GUARD_PIECES = ["SERVICE", "service", "SeRvIcE", "LOAD", "load", " ", "<http://x/>", "?x", "ex:", "\\u0053", "\\U00000053",
                "ERVICE", "ervice", "\\", "é", "ſervice", "servıce", "{", "}", "#", "silent", "customer"]


@given(st.lists(st.sampled_from(GUARD_PIECES), max_size=10).map("".join), st.sampled_from(["SERVICE", "LOAD"]))
def test_the_quick_look_finds_what_the_full_reading_finds(text: str, keyword: str) -> None:
    assert endpoint_references(text, keyword) == _every_reference(text, keyword)
