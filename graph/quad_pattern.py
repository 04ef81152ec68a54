"""A quad pattern sent to a query worker, and the quads it matches sent back.

The pages read the published store in worker processes that can be ended
(:mod:`api.page_store`), and a page follows blank nodes, which no SPARQL text
can name: so a pattern travels as terms (JSON), blank nodes by the store's own
label, and the matching quads come back as N-Quads, which keep those labels.
"""
from __future__ import annotations

from typing import Any, Iterable

import pyoxigraph as ox

Term = ox.NamedNode | ox.BlankNode | ox.Literal | ox.DefaultGraph
PLACES = ("subject", "predicate", "object", "graph")


def pattern_header(subject: Term | None, predicate: Term | None, object: Term | None,
                   graph: Term | None) -> dict[str, Any]:
    """The request's header fields for ``quads_for_pattern(subject, predicate, object, graph)``."""
    return {place: _to_wire(term) for place, term in zip(PLACES, (subject, predicate, object, graph))}


def read_pattern(header: dict[str, Any]) -> tuple[Any, ...]:
    """The pattern a request asks for, as ``Store.quads_for_pattern`` takes it."""
    return tuple(_from_wire(header.get(place)) for place in PLACES)


def write_quads(quads: Iterable[ox.Quad]) -> bytes:
    body = ox.serialize(quads, format=ox.RdfFormat.N_QUADS)
    assert body is not None  # no output given: the bytes are returned
    return body


def read_quads(body: bytes) -> list[ox.Quad]:
    return list(ox.parse(body, format=ox.RdfFormat.N_QUADS))


def _to_wire(term: Term | None) -> list[str] | None:
    if term is None:
        return None
    if isinstance(term, ox.NamedNode):
        return ["iri", term.value]
    if isinstance(term, ox.BlankNode):
        return ["blank", term.value]
    if isinstance(term, ox.Literal):
        return ["literal", term.value, term.datatype.value, term.language or ""]
    if isinstance(term, ox.DefaultGraph):
        return ["default graph"]
    raise TypeError(f"not a term of a quad pattern: {term!r}")


def _from_wire(term: list[str] | None) -> Term | None:
    if term is None:
        return None
    kind = term[0]
    if kind == "iri":
        return ox.NamedNode(term[1])
    if kind == "blank":
        return ox.BlankNode(term[1])
    if kind == "literal":
        if term[3]:
            return ox.Literal(term[1], language=term[3])
        return ox.Literal(term[1], datatype=ox.NamedNode(term[2]))
    if kind == "default graph":
        return ox.DefaultGraph()
    raise ValueError(f"not a term of a quad pattern: {term!r}")
