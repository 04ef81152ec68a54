"""`mrkg build` replaces its named graphs in an external SPARQL server (a real Oxigraph server)."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Iterator

import httpx
import pytest

from live_service import OXIGRAPH, OxigraphServer, free_port

pytestmark = pytest.mark.skipif(OXIGRAPH is None, reason="the oxigraph server (PyPI package 'oxigraph') is not installed")


@pytest.fixture
def empty_oxigraph(tmp_path: Path) -> Iterator[str]:
    server = OxigraphServer(tmp_path / "ox")
    yield server.url
    server.stop()


def count(url: str, query: str) -> int:
    answer = httpx.get(url + "/query", params={"query": query}, headers={"Accept": "application/sparql-results+json"})
    return int(answer.json()["results"]["bindings"][0]["n"]["value"])


def test_build_loads_every_named_graph_into_the_external_server(empty_oxigraph: str, tmp_path: Path) -> None:
    # A stale triple in a graph of the build must be gone afterwards: graphs are replaced, not added to.
    stale = ("INSERT DATA { GRAPH <https://w3id.org/mrkg/id/graph/catalogue> "
             "{ <urn:stale> <urn:p> <urn:o> } }")
    httpx.post(empty_oxigraph + "/update", content=stale, headers={"Content-Type": "application/sparql-update"})
    env = dict(os.environ, MRKG_VAR_DIR=str(tmp_path / "var"), MRKG_EXTERNAL_UPDATE_ENDPOINT=empty_oxigraph + "/update")
    result = subprocess.run([sys.executable, "-m", "graph.cli", "build"], capture_output=True, text=True, env=env,
                            timeout=600)
    assert result.returncode == 0, result.stderr
    assert "named graphs replaced" in result.stderr
    local = subprocess.run([sys.executable, "-m", "graph.cli", "query", "--format", "csv",
                            "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"],
                           capture_output=True, text=True, env=env, timeout=120)
    local_count = int(local.stdout.split()[1])
    assert count(empty_oxigraph, "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }") == local_count
    assert count(empty_oxigraph, "SELECT (COUNT(*) AS ?n) WHERE { <urn:stale> ?p ?o }") == 0
    assert count(empty_oxigraph, "PREFIX mrkg: <https://w3id.org/mrkg/ontology#> "
                 "SELECT (COUNT(*) AS ?n) WHERE { ?d a mrkg:Document }") == 5


def test_an_unreachable_external_server_is_named(tmp_path: Path) -> None:
    port = free_port()
    env = dict(os.environ, MRKG_VAR_DIR=str(tmp_path / "var"),
               MRKG_EXTERNAL_UPDATE_ENDPOINT=f"http://127.0.0.1:{port}/update")
    result = subprocess.run([sys.executable, "-m", "graph.cli", "build"], capture_output=True, text=True, env=env,
                            timeout=600)
    assert result.returncode == 2
    assert f"127.0.0.1:{port}/update" in result.stderr and "Traceback" not in result.stderr
    assert not (tmp_path / "var" / "current").exists()  # nothing published locally either
