"""Load a build into an external SPARQL 1.1 server.

Larger deployments serve the graph from their own server (Oxigraph server,
Fuseki, Virtuoso, QLever…) and point ``MRKG_EXTERNAL_ENDPOINT`` at it.  When
``MRKG_EXTERNAL_UPDATE_ENDPOINT`` is set too, ``mrkg build`` (before it swaps
the local store) replaces each of its named graphs there, one SPARQL Update
request per graph
(``DROP SILENT GRAPH <g> ; INSERT DATA { GRAPH <g> { … } }``): a server that runs
each request as one transaction never shows a half-replaced graph, and the
blank nodes of a graph (the ontology's lists) stay within one request.
"""
from __future__ import annotations

import itertools
from collections import defaultdict
from collections.abc import Iterable, Iterator

import httpx
import pyoxigraph as ox

from graph.formats import written
from graph.errors import StoreError
from graph.graph_parts import Part, PartFiles

TIMEOUT_SECONDS = 300.0


def graph_updates(store: ox.Store) -> dict[str, str]:
    """One update text per named graph of the store."""
    by_graph: dict[str, list[ox.Quad]] = defaultdict(list)
    for quad in store:
        if isinstance(quad.graph_name, ox.NamedNode):
            by_graph[quad.graph_name.value].append(quad)
    return {name: _update_text(name, quads) for name, quads in by_graph.items()}


def load_into_external(store: ox.Store, update_endpoint: str) -> int:
    """Replace every named graph of ``store`` at ``update_endpoint``; returns the number of graphs sent."""
    return _send(sorted(graph_updates(store).items()), update_endpoint)


def load_parts_into_external(parts: list[Part], files: PartFiles, update_endpoint: str) -> int:
    """Replace every named graph of a build's parts at ``update_endpoint``, one graph in memory at a time."""
    by_graph: dict[str, list[Part]] = defaultdict(list)
    for part in parts:
        by_graph[part.graph].append(part)

    def updates() -> Iterator[tuple[str, str]]:
        for name, held in sorted(by_graph.items()):
            quads = itertools.chain.from_iterable(files.quads(part) for part in held)
            yield name, _update_text(name, quads)

    return _send(updates(), update_endpoint)


def _update_text(name: str, quads: Iterable[ox.Quad]) -> str:
    triples = written(ox.serialize((ox.Triple(q.subject, q.predicate, q.object) for q in quads),
                                   format=ox.RdfFormat.N_TRIPLES)).decode("utf-8")
    return f"DROP SILENT GRAPH <{name}> ;\nINSERT DATA {{ GRAPH <{name}> {{\n{triples}}} }}"


def _send(updates: Iterable[tuple[str, str]], update_endpoint: str) -> int:
    sent = 0
    with httpx.Client(timeout=TIMEOUT_SECONDS) as client:
        for name, text in updates:
            sent += 1
            try:
                response = client.post(update_endpoint, content=text.encode("utf-8"),
                                       headers={"Content-Type": "application/sparql-update"})
            except httpx.HTTPError as error:
                raise StoreError(f"cannot reach the external update endpoint {update_endpoint}: {error}") from None
            if response.status_code >= 300:
                raise StoreError(f"the external server refused graph <{name}> with {response.status_code}: "
                                 f"{response.text[:300]}")
    return sent
