"""A query's answer written in its format (named in :mod:`graph.formats`), cut at ``max_rows``.

Result sets (SELECT) and booleans (ASK) go out in the W3C SPARQL 1.1 results
formats (JSON, XML, CSV, TSV); graphs (CONSTRUCT, DESCRIBE) in Turtle,
N-Triples, JSON-LD, RDF/XML, N-Quads or TriG.  Oxigraph's own writers do the
writing, in Rust: a Python writer would cost a microsecond per term.

Oxigraph writes a whole answer or nothing, so the cap is kept by watching the
bytes as they are written.  TSV and N-Triples have one row (or triple) per line,
so counting newlines counts rows exactly, and an answer that is too long is cut
at a line and, for other formats, read back and written again.  For JSON, XML
and CSV a row takes at least two bytes, so an answer shorter than twice the cap
cannot hold too many rows and is sent as written; a longer one is evaluated
again through TSV.
"""
from __future__ import annotations

import io
from dataclasses import dataclass
from typing import TYPE_CHECKING, Callable, Iterable

from pyoxigraph import (
    QueryBoolean,
    QueryResultsFormat,
    QuerySolutions,
    QueryTriples,
    RdfFormat,
    Triple,
    parse,
    parse_query_results,
    serialize,
)

from graph.formats import SPARQL_FORMATS, written

if TYPE_CHECKING:
    from _typeshed import ReadableBuffer


def _results_format(name: str) -> QueryResultsFormat:
    results = SPARQL_FORMATS[name].results
    assert results is not None, f"{name} is not a SPARQL results format"
    return results


def _rdf_format(name: str) -> RdfFormat:
    rdf = SPARQL_FORMATS[name].rdf
    assert rdf is not None, f"{name} is not an RDF format"
    return rdf


@dataclass(frozen=True, slots=True)
class Written:
    """An answer ready to send: ``rows`` is the number of rows (or triples) written."""

    body: bytes
    rows: int | None
    truncated: bool


def write_boolean(answer: QueryBoolean, fmt: str) -> Written:
    return Written(written(answer.serialize(format=_results_format(fmt))), None, False)


def write_solutions(evaluate: Callable[[], QuerySolutions], fmt: str, max_rows: int,
                    bound: int | None = None) -> Written:
    """The result set in ``fmt``, cut after ``max_rows`` rows.

    ``evaluate`` gives the solutions afresh each time it is called; it is called
    a second time only when a long answer in JSON, XML or CSV must be counted.
    ``bound`` is a number of rows the answer is known not to exceed (the
    query's own LIMIT): within the cap, the answer is written straight, uncounted.
    """
    if bound is not None and bound <= max_rows:
        return Written(written(evaluate().serialize(format=_results_format(fmt))), None, False)
    if fmt != "tsv":
        sink = _Sink(byte_budget=2 * max_rows)
        if _fill(sink, lambda out: evaluate().serialize(out, format=_results_format(fmt))):
            return Written(sink.value(), None, False)
    sink = _Sink(line_budget=max_rows + 1)  # the header line, then one line per row
    complete = _fill(sink, lambda out: evaluate().serialize(out, format=QueryResultsFormat.TSV))
    tsv, rows = sink.lines(max_rows + 1)
    if fmt != "tsv":
        reread = parse_query_results(tsv, format=QueryResultsFormat.TSV)
        return Written(written(reread.serialize(format=_results_format(fmt))), rows - 1, not complete)
    return Written(tsv, rows - 1, not complete)


def write_graph(triples: QueryTriples | Iterable[Triple], fmt: str, max_rows: int,
                prefixes: dict[str, str] | None = None) -> Written:
    """The graph in ``fmt``, cut after ``max_rows`` triples; Turtle and TriG get the prefixes they use.

    ``triples`` is what a CONSTRUCT or DESCRIBE gave, or the triples of a graph
    read back from an external server.
    """
    sink = _Sink(line_budget=max_rows)
    if isinstance(triples, QueryTriples):
        complete = _fill(sink, lambda out: triples.serialize(out, format=RdfFormat.N_TRIPLES))
    else:
        complete = _fill(sink, lambda out: serialize(triples, out, format=RdfFormat.N_TRIPLES))
    ntriples, count = sink.lines(max_rows)
    if fmt in ("ntriples", "nquads"):  # N-Triples is also N-Quads in the default graph
        return Written(ntriples, count, not complete)
    used = None
    if prefixes and fmt in ("turtle", "trig"):
        used = {name: iri for name, iri in prefixes.items() if iri.encode() in ntriples}
    body = serialize(parse(ntriples, format=RdfFormat.N_TRIPLES), format=_rdf_format(fmt), prefixes=used)
    return Written(written(body), count, not complete)


class _Full(Exception):
    """Raised from inside Oxigraph's writer to stop it once the budget is spent."""


class _Sink(io.BytesIO):
    """A binary file that keeps what is written, until a byte or line budget is exceeded."""

    def __init__(self, byte_budget: int | None = None, line_budget: int | None = None) -> None:
        super().__init__()
        self.size = 0
        self.newlines = 0
        self.byte_budget = byte_budget
        self.line_budget = line_budget

    def write(self, chunk: ReadableBuffer, /) -> int:
        written = super().write(chunk)
        self.size += written
        if self.byte_budget is not None and self.size > self.byte_budget:
            raise _Full
        if self.line_budget is not None:
            self.newlines += bytes(chunk).count(b"\n")
            if self.newlines > self.line_budget:
                raise _Full
        return written

    def value(self) -> bytes:
        return self.getvalue()

    def lines(self, limit: int) -> tuple[bytes, int]:
        """The first ``limit`` lines, and how many there are (every writer ends its lines)."""
        data = self.value()
        if self.newlines <= limit:
            return data, self.newlines
        rest = data.split(b"\n", limit)[-1]
        return data[: len(data) - len(rest)], limit


def _fill(sink: _Sink, write: Callable[[_Sink], object]) -> bool:
    """Run ``write`` into ``sink``; False when it stopped because the budget ran out."""
    try:
        write(sink)
    except _Full:
        return False
    return True
