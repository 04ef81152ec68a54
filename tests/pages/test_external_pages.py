"""The pages in front of an external SPARQL server read it, and show what the embedded store shows.

A real `mrkg build` of data/ is loaded into a real Oxigraph server, and two
`mrkg serve` are started on the same var/ folder: one on the embedded store,
one with ``MRKG_EXTERNAL_ENDPOINT`` pointed at the server (issue 12, point 1).
"""
from __future__ import annotations

from pathlib import Path
from typing import Iterator

import httpx
import pyoxigraph as ox
import pytest

from graph import iris
from graph.vocab import PREFIX_MAP
from live_service import OXIGRAPH, LiveServer, OxigraphServer, launch, stop

pytestmark = [pytest.mark.slow,
              pytest.mark.skipif(OXIGRAPH is None, reason="the oxigraph server (PyPI package 'oxigraph') is not installed")]


@pytest.fixture(scope="module")
def oxigraph_with_build(published_var: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    folder = tmp_path_factory.mktemp("external")
    dump = folder / "build.nq"
    ox.Store.read_only(str(published_var / "current" / "store")).dump(output=str(dump), format=ox.RdfFormat.N_QUADS)
    server = OxigraphServer(folder / "oxigraph", dump)
    yield server.url
    server.stop()


@pytest.fixture(scope="module")
def sites(published_var: Path, oxigraph_with_build: str,
          tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[httpx.Client, httpx.Client]]:
    logs = tmp_path_factory.mktemp("logs")
    public = "http://mrkg.example"  # the same base URL for both, so that their pages' links are the same
    embedded = launch(published_var, logs, cli=True, base_url=public)
    external = launch(published_var, logs, cli=True, base_url=public, external_endpoint=oxigraph_with_build + "/query")
    servers: list[LiveServer] = [embedded, external]
    with httpx.Client(base_url=embedded, timeout=60) as one, httpx.Client(base_url=external, timeout=60) as other:
        yield one, other
    for server in servers:
        stop(server)


def first(published_var: Path, where: str) -> str:
    """The IRI ``?r`` that ``where`` binds, most often first (the busiest resource of a kind)."""
    store = ox.Store.read_only(str(published_var / "current" / "store"))
    solutions = store.query(f"SELECT ?r (COUNT(*) AS ?n) WHERE {{ {where} }} GROUP BY ?r ORDER BY DESC(?n) ?r LIMIT 1",
                            prefixes=PREFIX_MAP, use_default_graph_as_union=True)
    assert isinstance(solutions, ox.QuerySolutions)
    (row,) = list(solutions)
    return str(row["r"].value)


def path(resource: str) -> str:
    assert resource.startswith(iris.ID)
    return "/id/" + resource[len(iris.ID):]


def assert_pages_alike(embedded: httpx.Client, external: httpx.Client, published_var: Path) -> None:
    """The home page, a page of each kind, a paged list and a description: byte for byte the same."""
    assert external.get("/health").json()["backend"] == "external"
    wanted = {
        "provision": first(published_var, "?s mrkg:cites ?r"),
        "actor": first(published_var, "?s mrkg:speaker ?r"),
        "session": first(published_var, "?s mrkg:session ?r"),
        "document": first(published_var, "?s mrkg:document ?r"),
    }
    pages = ["/", *(path(resource) for resource in wanted.values()),
             path(wanted["provision"]) + "?size=2&page=2",  # a paged list
             path(wanted["actor"]) + ".ttl"]  # its description (blank nodes followed within one answer)
    for page in pages:
        ours, theirs = embedded.get(page), external.get(page)
        assert ours.status_code == 200, (page, ours.text[:500])
        assert theirs.status_code == 200, (page, theirs.text[:500])
        assert theirs.text == ours.text, page
    assert "Statements" in embedded.get(path(wanted["provision"])).text


def test_the_pages_on_an_external_server_are_the_pages_on_the_embedded_store(
        sites: tuple[httpx.Client, httpx.Client], published_var: Path) -> None:
    assert_pages_alike(*sites, published_var)


def test_the_pages_read_the_external_server_not_the_local_copy(
        sites: tuple[httpx.Client, httpx.Client], published_var: Path, oxigraph_with_build: str) -> None:
    embedded, external = sites
    actor = first(published_var, "?s mrkg:speaker ?r")
    renamed = "Renamed On The External Server"
    update = (f"DELETE {{ GRAPH ?g {{ <{actor}> <http://www.w3.org/2000/01/rdf-schema#label> ?l }} }} "
              f"INSERT {{ GRAPH ?g {{ <{actor}> <http://www.w3.org/2000/01/rdf-schema#label> \"{renamed}\" }} }} "
              f"WHERE {{ GRAPH ?g {{ <{actor}> <http://www.w3.org/2000/01/rdf-schema#label> ?l }} }}")
    done = httpx.post(oxigraph_with_build + "/update", content=update,
                      headers={"Content-Type": "application/sparql-update"})
    assert done.status_code // 100 == 2, done.text
    assert renamed in external.get(path(actor)).text
    assert renamed not in embedded.get(path(actor)).text
