"""Repeated queries on a published build are answered from memory, and only those."""
from __future__ import annotations

from pathlib import Path
from typing import Callable

import httpx

from live_service import SAMPLE, build_store

QUERY = "SELECT ?label WHERE { <https://w3id.org/mrkg/id/actor/salama> <http://www.w3.org/2000/01/rdf-schema#label> ?label }"


def get(server: str, query: str, **headers: str) -> httpx.Response:
    response = httpx.get(server + "/sparql", params={"query": query}, headers=headers)
    assert response.status_code == 200, response.text
    return response


def test_a_repeated_query_is_a_hit_with_the_same_answer(live_server: str) -> None:
    query = QUERY + " # test_cache 1"
    first, second = get(live_server, query), get(live_server, query)
    assert (first.headers["mrkg-cache"], second.headers["mrkg-cache"]) == ("miss", "hit")
    assert first.content == second.content
    other_format = get(live_server, query, Accept="text/csv")
    assert other_format.headers["mrkg-cache"] == "miss" and other_format.text.splitlines() == ["label", "Mr. Salama"]
    assert httpx.get(live_server + "/health").json()["cache"]["hits"] >= 1


def test_answers_that_change_are_not_kept(live_server: str) -> None:
    for query in ["SELECT (NOW() AS ?now) WHERE {}", "SELECT (STRUUID() AS ?id) WHERE {}", "SELECT (rand() AS ?r) {}"]:
        assert [get(live_server, query).headers["mrkg-cache"] for _ in range(2)] == ["miss", "miss"]


def test_a_new_build_is_not_answered_from_the_old_one(start_server: Callable[..., str], tmp_path: Path) -> None:
    build_store(SAMPLE, tmp_path, "one")
    server = start_server(var_dir=tmp_path, query_workers=1)
    assert get(server, QUERY).json()["results"]["bindings"][0]["label"]["value"] == "Mr. Salama"
    assert get(server, QUERY).headers["mrkg-cache"] == "hit"
    renamed = tmp_path / "renamed.nq"
    renamed.write_text('<https://w3id.org/mrkg/id/actor/salama> <http://www.w3.org/2000/01/rdf-schema#label> "Mr. Salama (OHCHR)" <urn:g> .\n')
    build_store(renamed, tmp_path, "two")
    answer = get(server, QUERY)
    assert answer.headers["mrkg-cache"] == "miss"
    assert answer.json()["results"]["bindings"][0]["label"]["value"] == "Mr. Salama (OHCHR)"


def test_no_cache_on_a_scratch_store_or_when_turned_off(start_server: Callable[..., str], tmp_path: Path) -> None:
    scratch = start_server(var_dir=tmp_path / "scratch", update_enabled=True, update_token="t")
    assert [get(scratch, "ASK {}").headers["mrkg-cache"] for _ in range(2)] == ["miss", "miss"]
    build_store(SAMPLE, tmp_path / "off")
    off = start_server(var_dir=tmp_path / "off", result_cache_mb=0)
    assert [get(off, QUERY).headers["mrkg-cache"] for _ in range(2)] == ["miss", "miss"]
