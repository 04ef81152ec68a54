"""SPARQL Update: refused on a read-only server; on a scratch server, only with the bearer token."""
from __future__ import annotations

from pathlib import Path
from typing import Callable

import httpx
import pytest

TOKEN = "correct horse battery staple"
AUTH = {"Authorization": f"Bearer {TOKEN}"}


@pytest.fixture(scope="module")
def scratch(start_server: Callable[..., str], tmp_path_factory: pytest.TempPathFactory) -> str:
    return start_server(var_dir=tmp_path_factory.mktemp("scratch"), update_enabled=True, update_token=TOKEN)


def ask(server: str, query: str) -> bool:
    response = httpx.post(server + "/sparql", data={"query": query})
    assert response.status_code == 200, response.text
    return bool(response.json()["boolean"])


def test_the_published_store_is_read_only(client: httpx.Client) -> None:
    for send in ({"data": {"update": "CLEAR ALL"}},
                 {"content": b"CLEAR ALL", "headers": {"Content-Type": "application/sparql-update", **AUTH}}):
        response = client.post("/sparql", **send)  # type: ignore[arg-type]
        assert response.status_code == 403
        assert "read-only" in response.text
    assert client.get("/sparql", params={"query": "ASK { ?s ?p ?o }"}).json()["boolean"] is True


def test_update_without_the_token_is_401(scratch: str) -> None:
    response = httpx.post(scratch + "/sparql", data={"update": "INSERT DATA { <urn:a> <urn:b> <urn:c> }"})
    assert response.status_code == 401
    assert response.headers["www-authenticate"].startswith("Bearer")
    response = httpx.post(scratch + "/sparql", data={"update": "INSERT DATA { <urn:a> <urn:b> <urn:c> }"},
                          headers={"Authorization": "Bearer wrong"})
    assert response.status_code == 401
    assert not ask(scratch, "ASK { <urn:a> <urn:b> <urn:c> }")


def test_update_with_the_token_is_applied(scratch: str) -> None:
    response = httpx.post(scratch + "/sparql", data={"update": "INSERT DATA { GRAPH <urn:g> { <urn:a> <urn:b> 1 } }"},
                          headers=AUTH)
    assert response.status_code == 204, response.text
    assert ask(scratch, "ASK { <urn:a> <urn:b> 1 }")  # the union default graph sees the new graph
    response = httpx.post(scratch + "/sparql", content="DELETE DATA { GRAPH <urn:g> { <urn:a> <urn:b> 1 } }",
                          headers={"Content-Type": "application/sparql-update", **AUTH})
    assert response.status_code == 204
    assert not ask(scratch, "ASK { <urn:a> <urn:b> 1 }")


def test_update_by_get_is_405(scratch: str) -> None:
    response = httpx.get(scratch + "/sparql", params={"update": "CLEAR ALL"}, headers=AUTH)
    assert response.status_code == 405
    assert response.headers["allow"] == "POST"


def test_malformed_update_is_400_with_position(scratch: str) -> None:
    response = httpx.post(scratch + "/sparql", data={"update": "INSERT DATA { <urn:a> <urn:b> }"}, headers=AUTH)
    assert response.status_code == 400
    assert response.text.startswith("malformed query: error at 1:")


def test_load_from_the_network_is_refused(scratch: str) -> None:
    response = httpx.post(scratch + "/sparql", data={"update": "LOAD <http://127.0.0.1:1/data.ttl>"}, headers=AUTH)
    assert response.status_code == 403
    assert "LOAD <http://127.0.0.1:1/data.ttl> is refused" in response.text


def test_using_graph_uri_sets_the_where_dataset(scratch: str) -> None:
    setup = """INSERT DATA { GRAPH <urn:one> { <urn:doc1> a <urn:Document> } GRAPH <urn:two> { <urn:doc2> a <urn:Document> } }"""
    assert httpx.post(scratch + "/sparql", data={"update": setup}, headers=AUTH).status_code == 204
    update = "INSERT { GRAPH <urn:out> { ?d a <urn:Seen> } } WHERE { ?d a <urn:Document> }"
    response = httpx.post(scratch + "/sparql?using-graph-uri=urn%3Aone", content=update,
                          headers={"Content-Type": "application/sparql-update", **AUTH})
    assert response.status_code == 204, response.text
    assert ask(scratch, "ASK { GRAPH <urn:out> { <urn:doc1> a <urn:Seen> } }")
    assert not ask(scratch, "ASK { GRAPH <urn:out> { <urn:doc2> a <urn:Seen> } }")
    conflict = httpx.post(scratch + "/sparql?using-graph-uri=urn%3Aone",
                          content="WITH <urn:two> " + update, headers={"Content-Type": "application/sparql-update", **AUTH})
    assert conflict.status_code == 400
    assert "WITH or USING" in conflict.text


def test_update_enabled_without_a_token_does_not_start(start_server: Callable[..., str], tmp_path: Path) -> None:
    with pytest.raises(RuntimeError, match="MRKG_UPDATE_ENABLED needs MRKG_UPDATE_TOKEN"):
        start_server(var_dir=tmp_path, update_enabled=True)
