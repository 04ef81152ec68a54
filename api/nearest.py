"""Where a 404 page can send a reader: the nearest existing resource up an unknown IRI's path.

An unknown path is the attacker's to choose, so the search costs bounded work
whatever it is (issue 10, point 3; one query per ancestor made
``/id/a/a/…/x`` cost quadratic time in the web process):

* a resource path longer than :data:`MAX_PATH_CHARS` is refused before any
  look-up (``414``; no IRI of ours comes near it);
* at most :data:`MAX_ANCESTORS` ancestors are candidates, the ones nearest the
  top: our IRIs are shallow (``instrument/icrmw/article/25/paragraph/1`` is
  the deepest pattern), so the resource a reader wants lies within the first
  steps, however deep the path they typed;
* every candidate is looked up in **one** query (``VALUES``), evaluated by the
  :class:`~graph.store.endpoint.QueryService` — in a worker process, under the
  time limit of every SPARQL query — never in the web process.
"""
from __future__ import annotations

import pyoxigraph as ox

from api.views.resources import RDFS_LABEL, Link, fallback_label, preferred
from graph import iris
from graph.errors import MrkgError
from graph.store.endpoint import QueryService

MAX_PATH_CHARS = 1024  # characters after /id/; the longest IRI the build makes is under 200
MAX_ANCESTORS = 8


def too_long(path: str) -> bool:
    return len(path) > MAX_PATH_CHARS


def ancestors(resource: str) -> list[str]:
    """The candidate ancestors of ``resource`` that are IRIs at all, deepest first."""
    if not resource.startswith(iris.ID):
        return []
    steps = resource[len(iris.ID):].split("/")[:-1]  # the resource itself is not its own ancestor
    found = []
    for depth in range(1, min(len(steps), MAX_ANCESTORS) + 1):
        candidate = iris.ID + "/".join(steps[:depth])
        if steps[depth - 1] and is_iri(candidate):
            found.append(candidate)
    return found[::-1]


def is_iri(text: str) -> bool:
    try:
        ox.NamedNode(text)  # the engine's own IRI rules: what it accepts, the query below can name
    except ValueError:
        return False
    return True


async def nearest_known(queries: QueryService, resource: str) -> Link | None:
    """The deepest ancestor the graph knows, with its label; None when there is none (or no answer in time)."""
    candidates = ancestors(resource)
    found = await known_among(queries, candidates)
    return next((found[candidate] for candidate in candidates if candidate in found), None)  # deepest first


async def known_among(queries: QueryService, candidates: list[str]) -> dict[str, Link]:
    """Those of ``candidates`` (IRIs the engine accepts, a bounded few) the graph knows, with their labels.

    One query whatever their number, so a 404 page asks once for its ancestors and its other
    suggestions alike (:mod:`api.suggestions`); none found when the query has no answer in time.
    """
    if not candidates:
        return {}
    values = " ".join(f"<{candidate}>" for candidate in dict.fromkeys(candidates))
    query = ("SELECT ?r ?l WHERE { VALUES ?r { " + values + " } "
             "FILTER EXISTS { { ?r ?p ?o } UNION { ?s ?p ?r } } OPTIONAL { ?r <" + RDFS_LABEL + "> ?l } }")
    try:
        rows = await queries.select(query)
    except MrkgError:
        return {}  # a 404 page without a suggestion is still a 404 page
    labels: dict[str, list[tuple[str, str | None]]] = {}
    for row in rows:
        found = labels.setdefault(row["r"]["value"], [])
        if "l" in row:
            found.append((row["l"]["value"], row["l"].get("xml:lang")))
    return {iri: Link(iri, preferred(named) or fallback_label(iri)) for iri, named in labels.items()}
