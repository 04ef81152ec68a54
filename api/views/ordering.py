"""Where a page of a long statement list begins, found without reading every statement of the list.

Sorting a list by meeting date in the query (``ORDER BY``) costs a lookup of each
statement's meeting and date: for the Convention, mentioned in fifty thousand
statements of a 5,000-record corpus, seconds per page, whatever the page (issue 11,
point 7).  But a statement's triples live in its document's own graph, so the engine
can say how many statements of the list each document holds with one scan of one
index (``GRAPH ?g { ?statement mrkg:cites <…> }``, grouped by ``?g``: no lookup per
statement).  The documents' chronological order is known once per build (a few
thousand documents, not the statements).  Walking the documents in that order and
adding up their counts gives the documents a page falls in; only their statements
are then read, and ordered by their place in the document.

So a chronological list is ordered by the date of the meeting its document records
(the earliest, if it records several; else its date of issue), then the document,
then the place in the document (the paragraph) — and the cost of any page, the
first or the last, is one index scan plus the page's few documents.
"""
from __future__ import annotations

import threading
from dataclasses import dataclass
from typing import Any, Callable, TypeVar

import pyoxigraph as ox

from api.views.query import Row, iri, select
from graph.memo import BoundedCache, footprint
from graph.store import PublishedData
from graph.vocab import PREFIX_MAP

T = TypeVar("T")

PAGE_MEMO_BYTES = 64 * 2**20  # counts of lists a published build's pages keep (per-document counts, printed forms)


class Memo:
    """What the pages of one published build work out once: a build never changes once published.

    Called as ``memo(key, compute)``: an index of the whole build (the documents' order, an
    instrument's provisions), bounded by the catalogue and the documents, kept for the
    build's life.  ``memo.bounded(key, compute, weight)``: the counts of one resource's
    list (how many of its statements each document holds), kept while they fit in
    ``capacity`` bytes, the least recently used going first (``graph.memo.BoundedCache``):
    the engine counts a list once, and paging through it then reads only each page's
    documents.  Without ``cached`` (a store that is not a published build) nothing is kept.
    """

    def __init__(self, cached: Callable[[str, Callable[[], Any]], Any] | None = None, capacity: int = 0) -> None:
        self._cached = cached
        self._counts: BoundedCache[Any] = BoundedCache(capacity)
        self._lock = threading.Lock()

    def __call__(self, key: str, compute: Callable[[], T]) -> T:
        return self._cached(key, compute) if self._cached is not None else compute()

    def bounded(self, key: tuple[str, ...], compute: Callable[[], T], weight: Callable[[T], int]) -> T:
        with self._lock:
            found = self._counts.get(key)
        if found is not None:
            return found  # type: ignore[no-any-return]
        value = compute()
        with self._lock:
            self._counts.put(key, value, footprint(key) + weight(value))
        return value


NO_MEMO = Memo()
COUNT_WEIGHT = 250  # bytes one document's entry holds in a dict of counts: its graph IRI, the count, the slot


@dataclass(frozen=True)
class DocumentOrder:
    """The documents' graphs in the corpus's chronological order, with each graph's document and its date."""

    graphs: tuple[str, ...]
    rank: dict[str, int]
    documents: tuple[str, ...] = ()  # the document of each graph, in the same order
    dates: tuple[str | None, ...] = ()  # the date it is ordered by

    def key(self, graph: str) -> tuple[int, str]:
        return (self.rank.get(graph, len(self.rank)), graph)

    def among(self, counts: dict[str, int]) -> list[str]:
        """The graphs of ``counts`` in this order (any the order does not know at the end, by IRI)."""
        known = [graph for graph in self.graphs if graph in counts]
        return known + sorted(graph for graph in counts if graph not in self.rank) if len(known) < len(counts) else known


def document_order(store: PublishedData) -> DocumentOrder:
    """Every document's graph, by the date of the meeting it records (else its date of issue), then IRI."""
    rows = select(store, """SELECT ?g (SAMPLE(?doc) AS ?document) (MIN(STR(?held)) AS ?date) (MIN(STR(?issued)) AS ?on)
        WHERE { GRAPH ?g { ?doc a mrkg:Document }
                OPTIONAL { ?doc mrkg:records ?session . ?session dcterms:date ?held }
                OPTIONAL { ?doc dcterms:issued ?issued } } GROUP BY ?g""")
    rows.sort(key=lambda row: (row["date"] or row["on"] or "9999", row["document"] or "", row["g"]))
    return DocumentOrder(tuple(row["g"] for row in rows), {row["g"]: position for position, row in enumerate(rows)},
                         tuple(row["document"] for row in rows), tuple(row["date"] or row["on"] for row in rows))


def per_document(store: PublishedData, where: str, distinct: bool = True) -> dict[str, int]:
    """How many statements ``where`` binds in each document's graph: one index scan, no lookup per statement.

    ``distinct=False`` when ``where`` cannot bind a statement twice (one triple pattern), which saves a set.
    """
    counted = "DISTINCT ?statement" if distinct else "*"
    solutions = store.query(f"SELECT ?g (COUNT({counted}) AS ?n) WHERE {{ GRAPH ?g {{ {where} }} }} GROUP BY ?g",
                            prefixes=PREFIX_MAP)
    assert isinstance(solutions, ox.QuerySolutions)
    # Thousands of rows for a list found in every record: read straight from the terms.
    return {solution[0].value: int(solution[1].value) for solution in solutions}


def window(order: DocumentOrder, counts: dict[str, int], limit: int, offset: int) -> tuple[list[str], int]:
    """The graphs that hold items ``offset`` to ``offset + limit`` of the list, and how many of theirs to skip."""
    graphs: list[str] = []
    seen = 0
    skip = 0
    for graph in order.among(counts):
        count = counts[graph]
        if seen + count <= offset:
            seen += count
            continue
        if not graphs:
            skip = offset - seen
        graphs.append(graph)
        seen += count
        if seen >= offset + limit:
            break
    return graphs, skip


def page_in_documents(store: PublishedData, where: str, order: DocumentOrder, counts: dict[str, int],
                      limit: int, offset: int, item: str = "statement") -> list[str]:
    """The IRIs (bound to ``?item`` by ``where``) of one page of the list, in order: read from its documents only.

    Within a document, items come by their place in it (``nif:beginIndex``, which the shapes
    require of every statement and mention).  The query is plain joins from the page's graphs:
    with an optional or a grouping, the engine reads the whole list before it joins the graphs.
    """
    graphs, skip = window(order, counts, limit, offset)
    if not graphs:
        return []
    rows = select(store, f"""SELECT ?g ?{item} ?begin WHERE {{ VALUES ?g {{ {' '.join(map(iri, graphs))} }}
        GRAPH ?g {{ {where} . ?{item} nif:beginIndex ?begin }} }}""")
    first: dict[str, Row] = {}
    for row in rows:
        kept = first.setdefault(row[item], row)
        if row["begin"] < kept["begin"]:
            first[row[item]] = row
    ordered = sorted(first.values(), key=lambda row: (order.key(row["g"]), row["begin"], row[item]))
    return [row[item] for row in ordered[skip:skip + limit]]
