"""Queries from the shell (``mrkg query``) on the published store.

The HTTP service evaluates queries in worker processes with a time limit;
here the person at the terminal can stop a query with Ctrl+C, so the query
runs in-process.
"""
from __future__ import annotations

from typing import BinaryIO, Union

import pyoxigraph as ox

from graph.errors import QueryError
from graph.formats import ANSWER_GRAPH_FORMATS, RESULTS_FORMATS, SPARQL_FORMATS, TURTLE
from graph.settings import Settings
from graph.store import EmbeddedStore, reading
from graph.vocab import PREFIX_MAP

Results = Union[ox.QuerySolutions, ox.QueryBoolean, ox.QueryTriples]

def open_published(settings: Settings) -> ox.Store:
    """The published store, read-only, opened as the query workers open it."""
    return EmbeddedStore(settings.current_dir / "store").store


def run_query(settings: Settings, text: str) -> Results:
    store = open_published(settings)
    try:
        with reading(settings.current_dir / "store"):
            return store.query(text, prefixes=PREFIX_MAP, use_default_graph_as_union=True)
    except SyntaxError as error:
        raise QueryError(f"malformed query: {error}") from None


def compact(term: object) -> str:
    """A term as a person reads it: prefixed names, plain literals."""
    if isinstance(term, ox.NamedNode):
        for name, namespace in PREFIX_MAP.items():
            if term.value.startswith(namespace) and term.value != namespace:
                return f"{name}:{term.value[len(namespace):]}"
        return f"<{term.value}>"
    if isinstance(term, ox.Literal):
        return term.value
    if isinstance(term, ox.BlankNode):
        return f"_:{term.value}"
    return "" if term is None else str(term)


def table(results: ox.QuerySolutions, width: int = 60) -> str:
    names = [variable.value for variable in results.variables]
    rows = [[compact(solution[name]) for name in names] for solution in results]
    cells = [[value if len(value) <= width else value[: width - 1] + "…" for value in row] for row in rows]
    widths = [max([len(name)] + [len(row[i]) for row in cells]) for i, name in enumerate(names)]
    line = "  ".join(name.ljust(widths[i]) for i, name in enumerate(names))
    rule = "  ".join("─" * w for w in widths)
    body = ["  ".join(value.ljust(widths[i]) for i, value in enumerate(row)) for row in cells]
    return "\n".join([line, rule, *body, f"({len(rows)} rows)"]) + "\n"


def print_results(results: Results, fmt: str, out: BinaryIO) -> None:
    """``fmt`` is ``table`` or a name of :mod:`graph.formats` (the ``--format`` choices of ``mrkg query``)."""
    chosen = SPARQL_FORMATS.get(fmt)
    if isinstance(results, ox.QueryBoolean):
        if chosen is not None and chosen.results is not None:
            out.write(results.serialize(format=chosen.results))
        else:
            out.write(b"true\n" if bool(results) else b"false\n")
    elif isinstance(results, ox.QuerySolutions):
        if chosen is not None and chosen.results is None:
            raise QueryError(f"--format {fmt} is for CONSTRUCT and DESCRIBE; a SELECT gives table, "
                             f"{', '.join(f.name for f in RESULTS_FORMATS)}")
        if chosen is None:
            out.write(table(results).encode("utf-8"))
        else:
            out.write(results.serialize(format=chosen.results))
    else:
        if chosen is not None and chosen.rdf is None:
            raise QueryError(f"--format {fmt} is for SELECT and ASK; a CONSTRUCT gives "
                             f"{', '.join(f.name for f in ANSWER_GRAPH_FORMATS)}")
        rdf_format = chosen.rdf if chosen is not None and chosen.rdf is not None else TURTLE.rdf
        out.write(ox.serialize(results, format=rdf_format, prefixes=PREFIX_MAP if rdf_format == TURTLE.rdf else None))
    out.flush()
