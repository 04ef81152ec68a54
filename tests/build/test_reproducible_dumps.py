"""The same sources give the same dumps, byte for byte (issue 10 item 10).

Before: the ontology's blank nodes had new random labels at every build, so
the dumps, their checksums and ETags changed, and harvesters downloaded
unchanged data again.  Here two real builds of the same data are compared,
as files and as a running service serves them.
"""
from __future__ import annotations

import gzip
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Callable

import httpx
import pyoxigraph as ox
import pytest
from rdflib import RDF, BNode, Graph
from rdflib.compare import isomorphic

from graph.settings import PROJECT_ROOT
from live_service import LiveServer

pytestmark = pytest.mark.slow
DUMPS = ("mrkg.nq.gz", "mrkg.ttl.gz", "mrkg.jsonld.gz", "manifest.json")
ONTOLOGY_GRAPH = "https://w3id.org/mrkg/id/graph/ontology"


def served(server: str) -> dict[str, tuple[str, bytes]]:
    """ETag and body of every dump, as the service sends them."""
    answers = {}
    for name in DUMPS:
        response = httpx.get(f"{server}/dumps/{name}", timeout=30)
        assert response.status_code == 200, (name, response.status_code)
        answers[name] = (response.headers["etag"], response.content)
    return answers


def test_two_builds_of_the_same_data_serve_the_same_dump_bytes_and_etags(
        tmp_path: Path, published_var: Path, start_server: Callable[..., LiveServer]) -> None:
    var_dir = tmp_path / "var"
    shutil.copytree(published_var, var_dir, symlinks=True)
    first = (var_dir / "current").resolve()
    server = start_server(var_dir=var_dir)
    before = served(server)

    # --full: the second build reads every source again and loads a new store (with nothing changed, a
    # plain `mrkg build` publishes nothing), so the two releases are built independently.
    build = subprocess.run([sys.executable, "-m", "graph.cli", "build", "--full"], capture_output=True, text=True,
                           timeout=900, env=dict(os.environ, MRKG_VAR_DIR=str(var_dir)))
    assert build.returncode == 0, build.stderr
    second = (var_dir / "current").resolve()
    assert second != first
    assert second.name.rsplit("-", 1)[1] == first.name.rsplit("-", 1)[1], "the build id's content digest"
    for name in DUMPS:
        assert (second / "dumps" / name).read_bytes() == (first / "dumps" / name).read_bytes(), name

    health = httpx.get(server + "/health", timeout=30).json()
    assert health["store"]["build_id"] == second.name, "the service follows the new build"
    after = served(server)
    assert after == before
    etag = before["mrkg.nq.gz"][0]
    again = httpx.get(server + "/dumps/mrkg.nq.gz", headers={"If-None-Match": etag}, timeout=30)
    assert again.status_code == 304, "a harvester that has the dump does not download it again"


def test_the_ontology_keeps_its_meaning_with_stable_blank_node_labels(published_var: Path) -> None:
    """The labels are derived from content; the ontology graph is the Turtle's, blank nodes and all."""
    nquads = gzip.decompress((published_var / "current" / "dumps" / "mrkg.nq.gz").read_bytes())
    triples = [ox.Triple(quad.subject, quad.predicate, quad.object) for quad in ox.parse(nquads, format=ox.RdfFormat.N_QUADS)
               if isinstance(quad.graph_name, ox.NamedNode) and quad.graph_name.value == ONTOLOGY_GRAPH]
    published = Graph().parse(data=ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES), format="nt")
    written = Graph()
    for path in sorted((PROJECT_ROOT / "ontology").glob("*.ttl")):
        written.parse(path, format="turtle")
    blank = [line for line in nquads.decode().splitlines() if ONTOLOGY_GRAPH in line and " _:" in line]
    assert blank, "the ontology has blank nodes (restrictions, lists): the case this is about"
    # The build adds entailed types of the ontology's own individuals (graph.entailment): named terms only.
    entailed = {triple for triple in published
                if triple not in written and not any(isinstance(term, BNode) for term in triple)}
    assert {predicate for _, predicate, _ in entailed} <= {RDF.type}
    assert isomorphic(published - entailed, written)
