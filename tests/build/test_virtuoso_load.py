"""`mrkg build` replaces its named graphs in a real Virtuoso, by either route, and readers never see a half-replaced one."""
from __future__ import annotations

import os
import subprocess
import sys
import threading
from dataclasses import replace
from pathlib import Path
from typing import Callable

import httpx
import pyoxigraph as ox
import pytest

from graph.virtuoso_load import isql, load_store_into_virtuoso
from live_service import free_port
from virtuoso_service import VirtuosoServer

GRAPH = "https://w3id.org/mrkg/id/graph/catalogue"


@pytest.fixture(scope="module")
def virtuoso(start_virtuoso: Callable[..., VirtuosoServer]) -> VirtuosoServer:
    return start_virtuoso()


def count(server: VirtuosoServer, query: str) -> int:
    answer = httpx.post(server.endpoint, data={"query": query}, headers={"Accept": "application/sparql-results+json"},
                        timeout=60)
    assert answer.status_code == 200, answer.text
    return int(answer.json()["results"]["bindings"][0]["n"]["value"])


def build(var: Path, server: VirtuosoServer, *options: str, **extra: str) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, MRKG_VAR_DIR=str(var), **server.environment, **extra)
    return subprocess.run([sys.executable, "-m", "graph.cli", "build", *options], capture_output=True, text=True,
                          env=env, timeout=900)


@pytest.mark.slow
def test_build_replaces_every_named_graph_by_either_route(virtuoso: VirtuosoServer, tmp_path: Path) -> None:
    isql(virtuoso.settings, f"SPARQL INSERT DATA {{ GRAPH <{GRAPH}> {{ <urn:stale> <urn:p> <urn:o> }} }};\n")
    assert count(virtuoso, "SELECT (COUNT(*) AS ?n) WHERE { <urn:stale> ?p ?o }") == 1
    small = build(tmp_path / "var", virtuoso)
    assert small.returncode == 0, small.stderr
    assert "(Graph Store protocol)" in small.stderr
    local = subprocess.run([sys.executable, "-m", "graph.cli", "query", "--format", "csv",
                            "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"], capture_output=True, text=True,
                           env=dict(os.environ, MRKG_VAR_DIR=str(tmp_path / "var")), timeout=120)
    quads = int(local.stdout.split()[1])
    assert count(virtuoso, "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }") == quads
    assert count(virtuoso, "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }") == quads  # the union: nothing of its own
    assert count(virtuoso, "SELECT (COUNT(*) AS ?n) WHERE { <urn:stale> ?p ?o }") == 0
    assert count(virtuoso, "PREFIX mrkg: <https://w3id.org/mrkg/ontology#> "
                           "SELECT (COUNT(*) AS ?n) WHERE { ?d a mrkg:Document }") == 5

    isql(virtuoso.settings, f"SPARQL INSERT DATA {{ GRAPH <{GRAPH}> {{ <urn:stale> <urn:p> <urn:o> }} }};\n")
    bulk = build(tmp_path / "var", virtuoso, "--full", MRKG_VIRTUOSO_BULK_QUADS="1")
    assert bulk.returncode == 0, bulk.stderr
    assert "(bulk loader)" in bulk.stderr
    assert count(virtuoso, "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }") == quads
    assert count(virtuoso, "SELECT (COUNT(*) AS ?n) WHERE { <urn:stale> ?p ?o }") == 0
    staging = isql(virtuoso.settings, "SPARQL SELECT COUNT(*) WHERE { GRAPH ?g { ?s ?p ?o } "
                                      "FILTER (STRSTARTS (STR (?g), 'urn:mrkg:staging:')) };\n")
    assert "\n0\n" in staging, staging  # no staging quads left behind, even hidden ones
    assert list(virtuoso.load_dir.iterdir()) == []


@pytest.mark.parametrize("bulk", [False, True], ids=["transaction", "bulk-loader"])
def test_readers_see_the_old_graph_or_the_new_never_a_mix(virtuoso: VirtuosoServer, bulk: bool) -> None:
    graph = ox.NamedNode("urn:mrkg:test:swapped")
    releases = []
    for size in (3000, 5000):
        store = ox.Store()
        store.extend(ox.Quad(ox.NamedNode(f"urn:s{i}"), ox.NamedNode("urn:p"), ox.Literal(f"{size}-{i}"), graph)
                     for i in range(size))
        releases.append(store)
    settings = replace(virtuoso.settings, virtuoso_bulk_quads=1 if bulk else 10**9)
    load_store_into_virtuoso(releases[0], settings)
    seen: set[int] = set()
    done = threading.Event()

    def read() -> None:
        while not done.is_set():
            seen.add(count(virtuoso, "SELECT (COUNT(*) AS ?n) WHERE { GRAPH <urn:mrkg:test:swapped> { ?s ?p ?o } }"))

    reader = threading.Thread(target=read)
    reader.start()
    try:
        for turn in range(6):
            assert load_store_into_virtuoso(releases[(turn + 1) % 2], settings)[1] == (
                "bulk loader" if bulk else "Graph Store protocol")
    finally:
        done.set()
        reader.join()
    assert seen <= {3000, 5000} and len(seen) == 2, seen
    isql(virtuoso.settings, "SPARQL CLEAR GRAPH <urn:mrkg:test:swapped>;\n")


def test_an_unreachable_virtuoso_is_named(tmp_path: Path) -> None:
    port = free_port()
    env = dict(os.environ, MRKG_VAR_DIR=str(tmp_path / "var"), MRKG_VIRTUOSO_ISQL=f"127.0.0.1:{port}")
    result = subprocess.run([sys.executable, "-m", "graph.cli", "build"], capture_output=True, text=True, env=env,
                            timeout=900)
    assert result.returncode == 2, result.stderr
    assert f"127.0.0.1:{port}" in result.stderr and "Traceback" not in result.stderr
    assert not (tmp_path / "var" / "current").exists()  # nothing published locally either
