"""Answers printed for a person at the terminal (``mrkg query``).

The query itself goes through the same door as the pages'
(:func:`graph.store.readers.published_data`): a worker process, under the
same time limit and row cap as ``/sparql``, and Ctrl+C ends it.  Unlike on
``/sparql``, the prefixes of ``graph.vocab.PREFIX_MAP`` are declared for the
text: a person typing at a terminal should not have to spell them out.
"""
from __future__ import annotations

import sys
from typing import BinaryIO, TextIO

import pyoxigraph as ox

from graph.errors import QueryError
from graph.formats import ANSWER_GRAPH_FORMATS, RESULTS_FORMATS, SPARQL_FORMATS, TURTLE, written
from graph.settings import Settings
from graph.store.backends import Answer
from graph.store.readers import published_data
from graph.vocab import PREFIX_MAP


def run_query(settings: Settings, text: str, notes: TextIO = sys.stderr) -> Answer:
    """The answer, read as ``/sparql`` reads it (guard, time limit, row cap); a cut answer is said on ``notes``."""
    with published_data(settings, guard=True, row_cap=settings.max_rows) as data:
        answer, truncated = data.read(text, prefixes=PREFIX_MAP)
    if truncated:
        notes.write(f"the answer was cut at {settings.max_rows} rows (MRKG_MAX_ROWS)\n")
    return answer


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


def print_results(results: Answer, fmt: str, out: BinaryIO) -> None:
    """``fmt`` is ``table`` or a name of :mod:`graph.formats` (the ``--format`` choices of ``mrkg query``)."""
    chosen = SPARQL_FORMATS.get(fmt)
    if isinstance(results, ox.QueryBoolean):
        if chosen is not None and chosen.results is not None:
            out.write(written(results.serialize(format=chosen.results)))
        else:
            out.write(b"true\n" if bool(results) else b"false\n")
    elif isinstance(results, ox.QuerySolutions):
        if chosen is not None and chosen.results is None:
            raise QueryError(f"--format {fmt} is for CONSTRUCT and DESCRIBE; a SELECT gives table, "
                             f"{', '.join(f.name for f in RESULTS_FORMATS)}")
        if chosen is None:
            out.write(table(results).encode("utf-8"))
        else:
            out.write(written(results.serialize(format=chosen.results)))
    else:
        if chosen is not None and chosen.rdf is None:
            raise QueryError(f"--format {fmt} is for SELECT and ASK; a CONSTRUCT gives "
                             f"{', '.join(f.name for f in ANSWER_GRAPH_FORMATS)}")
        rdf_format = chosen.rdf if chosen is not None and chosen.rdf is not None else TURTLE.rdf
        prefixes = PREFIX_MAP if rdf_format == TURTLE.rdf else None
        out.write(written(ox.serialize(results, format=rdf_format, prefixes=prefixes)))
    out.flush()
