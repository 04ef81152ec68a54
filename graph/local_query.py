"""Queries from the shell (``mrkg query``) on the published store.

The HTTP service evaluates queries in worker processes with a time limit;
here the person at the terminal can stop a query with Ctrl+C, so the query
runs in-process.
"""
from __future__ import annotations

from typing import BinaryIO, Union

import pyoxigraph as ox

from graph.errors import QueryError
from graph.settings import Settings
from graph.store import EmbeddedStore, reading
from graph.vocab import PREFIX_MAP

Results = Union[ox.QuerySolutions, ox.QueryBoolean, ox.QueryTriples]

RESULT_FORMATS = {
    "json": ox.QueryResultsFormat.JSON,
    "xml": ox.QueryResultsFormat.XML,
    "csv": ox.QueryResultsFormat.CSV,
    "tsv": ox.QueryResultsFormat.TSV,
}
GRAPH_FORMATS = {"turtle": ox.RdfFormat.TURTLE, "ntriples": ox.RdfFormat.N_TRIPLES}


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
    if isinstance(results, ox.QueryBoolean):
        if fmt in RESULT_FORMATS:
            out.write(results.serialize(format=RESULT_FORMATS[fmt]))
        else:
            out.write(b"true\n" if bool(results) else b"false\n")
    elif isinstance(results, ox.QuerySolutions):
        if fmt in GRAPH_FORMATS:
            raise QueryError(f"--format {fmt} is for CONSTRUCT and DESCRIBE; a SELECT gives table, json, xml, csv or tsv")
        if fmt == "table":
            out.write(table(results).encode("utf-8"))
        else:
            out.write(results.serialize(format=RESULT_FORMATS[fmt]))
    else:
        if fmt in RESULT_FORMATS:
            raise QueryError(f"--format {fmt} is for SELECT and ASK; a CONSTRUCT gives turtle or ntriples")
        rdf_format = GRAPH_FORMATS.get(fmt, ox.RdfFormat.TURTLE)
        out.write(ox.serialize(results, format=rdf_format, prefixes=PREFIX_MAP if rdf_format == ox.RdfFormat.TURTLE else None))
    out.flush()
