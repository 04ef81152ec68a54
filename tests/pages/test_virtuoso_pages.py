"""The pages and the search-joined queries in front of a real Virtuoso show what the embedded store shows.

A real `mrkg build` of data/ is loaded into Virtuoso the way `mrkg build` loads
it, and two `mrkg serve` are started on the same var/ folder: one on the
embedded store, one with ``MRKG_EXTERNAL_ENDPOINT`` pointed at Virtuoso
(issue 15, point 1).
"""
from __future__ import annotations

from pathlib import Path
from typing import Callable, Iterator

import httpx
import pyoxigraph as ox
import pytest

from tests.api.test_search_external import QUERY
from graph.virtuoso_load import load_store_into_virtuoso
from live_service import LiveServer, launch, stop
from pages.test_external_pages import assert_pages_alike
from virtuoso_service import VirtuosoServer

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def virtuoso_with_build(published_var: Path, start_virtuoso: Callable[..., VirtuosoServer]) -> VirtuosoServer:
    server = start_virtuoso()
    load_store_into_virtuoso(ox.Store.read_only(str(published_var / "current" / "store")), server.settings)
    return server


@pytest.fixture(scope="module")
def sites(published_var: Path, virtuoso_with_build: VirtuosoServer,
          tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[httpx.Client, httpx.Client]]:
    logs = tmp_path_factory.mktemp("logs")
    public = "http://mrkg.example"  # the same base URL for both, so that their pages' links are the same
    embedded = launch(published_var, logs, cli=True, base_url=public)
    external = launch(published_var, logs, cli=True, base_url=public, external_endpoint=virtuoso_with_build.endpoint)
    servers: list[LiveServer] = [embedded, external]
    with httpx.Client(base_url=embedded, timeout=60) as one, httpx.Client(base_url=external, timeout=60) as other:
        yield one, other
    for server in servers:
        stop(server)


def test_the_pages_on_virtuoso_are_the_pages_on_the_embedded_store(
        sites: tuple[httpx.Client, httpx.Client], published_var: Path) -> None:
    assert_pages_alike(*sites, published_var)


def test_search_joined_queries_are_answered_alike(sites: tuple[httpx.Client, httpx.Client]) -> None:
    answers = []
    for site in sites:
        response = site.get("/sparql", params={"query": "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\n" + QUERY})
        assert response.status_code == 200, response.text
        answers.append([(row["st"]["value"], row.get("who", {}).get("value")) for row in
                        response.json()["results"]["bindings"]])
    assert len(answers[0]) >= 20 and any(who for _, who in answers[0])
    assert answers[1] == answers[0]
