"""How views ask the store: SPARQL text in, plain Python rows out.

Views (one module per kind of page) take the store and return dataclasses;
the routes never see SPARQL.  Queries use the union of all named graphs as
their default graph, like the public endpoint, and the shared prefixes.
Resource IRIs are written into the query text only through :func:`iri`,
which accepts exactly what the engine's own IRI parser accepts, so nothing
can break out of ``<…>`` and nothing the parser rejects reaches it.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Iterable

import pyoxigraph as ox

from graph.store import PublishedData, triples_of
from graph.vocab import PREFIX_MAP

Row = dict[str, Any]


class BadIri(ValueError):
    """A would-be IRI that cannot be written into a query."""


def iri(value: str) -> str:
    """``<value>`` for a query, or :class:`BadIri` if ``value`` is not an absolute IRI.

    A path such as ``/id/%ED%A0%80`` or ``/id/%zz`` decodes to text that looks
    harmless but that the engine refuses as an IRI (issue 10, point 8): the
    check is the engine's own parser, not a list of characters.
    """
    try:
        ox.NamedNode(value)
    except (ValueError, TypeError):
        raise BadIri(value) from None
    return f"<{value}>"


@dataclass(frozen=True)
class Value:
    """An RDF term as a page shows it: text, and the IRI to link to if it is a resource."""

    text: str
    iri: str | None = None
    language: str | None = None
    datatype: str | None = None


def python(term: object) -> Any:
    """A term as plain Python: IRIs and strings as ``str``, integers as ``int``, nothing as ``None``."""
    if term is None:
        return None
    if isinstance(term, ox.Literal):
        if term.datatype.value.endswith(("#integer", "#int", "#long", "#nonNegativeInteger")):
            try:
                return int(term.value)
            except ValueError:
                return term.value
        return term.value
    if isinstance(term, (ox.NamedNode, ox.BlankNode)):
        return term.value
    return str(term)


def value(term: object) -> Value:
    if isinstance(term, ox.NamedNode):
        return Value(term.value, iri=term.value)
    if isinstance(term, ox.BlankNode):
        return Value(f"_:{term.value}")
    if isinstance(term, ox.Literal):
        datatype = term.datatype.value
        plain = datatype.endswith(("#string", "#langString"))
        return Value(term.value, language=term.language, datatype=None if plain else datatype)
    return Value(str(term))


def select(store: PublishedData, query: str) -> list[Row]:
    """Rows of a SELECT as dicts of plain values (unbound variables are ``None``)."""
    solutions = store.query(query, prefixes=PREFIX_MAP)
    assert isinstance(solutions, ox.QuerySolutions), "select() takes SELECT queries"
    names = [variable.value for variable in solutions.variables]
    return [{name: python(solution[name]) for name in names} for solution in solutions]


def select_terms(store: PublishedData, query: str) -> list[dict[str, Any]]:
    """Rows of a SELECT keeping the RDF terms (for generic property tables): a term of any kind, or None
    where a variable is unbound, which callers tell apart with ``isinstance``."""
    solutions = store.query(query, prefixes=PREFIX_MAP)
    assert isinstance(solutions, ox.QuerySolutions), "select_terms() takes SELECT queries"
    names = [variable.value for variable in solutions.variables]
    return [{name: solution[name] for name in names} for solution in solutions]


def construct(store: PublishedData, query: str) -> list[ox.Triple]:
    """The triples of a CONSTRUCT."""
    return triples_of(store.query(query, prefixes=PREFIX_MAP))


def ask(store: PublishedData, query: str) -> bool:
    return bool(store.query(query, prefixes=PREFIX_MAP))


def first(rows: Iterable[Row]) -> Row | None:
    return next(iter(rows), None)
