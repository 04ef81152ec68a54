"""A search answered from a release's index: the matches, one page of hits, the facets over all matches.

The query is read by ``graph.search.query`` (the user's text never reaches FTS5 as typed); the filters
are rows of the ``facets`` table, ANDed across names and ORed within one; the facets are counted over
every match, not only the page shown (issue 13 item 1).  A release is never written once published, so
its index is opened read-only and immutable, once per thread.
"""
from __future__ import annotations

import heapq
import re
from collections import Counter
from itertools import chain
import sqlite3
import threading
from dataclasses import dataclass
from pathlib import Path

from graph.search.model import (FACETS, KINDS, LANGS, MAX_SIZE, SORTS, FacetValue, Hit, SearchAnswer,
                                SearchIndexMissing, SearchRequest, SearchRequestError)
from graph.search.query import compile_query, parse
from graph.search.snippets import Marker, snippet

WEIGHTS = (4.0, 1.0, 0.5)  # BM25 weights of the columns: labels, texts, words as printed (prefixes)
FACET_VALUES = 100  # most values listed for one facet, most frequent first
FILTERS = FACETS + ("kind",)
DATE = re.compile(r"\d{4}(-\d{2}(-\d{2})?)?$")
_open = threading.local()


def answer(index: Path, request: SearchRequest) -> SearchAnswer:
    _check(request)
    match = compile_query(parse(request.text))
    db = _connection(index)
    db.execute("DELETE FROM temp.matched")
    sql, parameters = _matching(match.include, match.exclude, request)
    db.execute(f"INSERT INTO temp.matched(id, rank, date) {sql}", parameters)
    total = db.execute("SELECT COUNT(*) FROM temp.matched").fetchone()[0]
    by_date = request.sort == "date" or match.include is None
    order = "date IS NULL, date DESC, rank, id" if by_date else "rank, id"
    page = db.execute(f"SELECT id, rank FROM temp.matched ORDER BY {order} LIMIT ? OFFSET ?",
                      (request.size, (request.page - 1) * request.size)).fetchall()
    shown = {row[0]: row for row in db.execute(
        f"SELECT id, iri, label, kind, text, date FROM entries WHERE id IN ({', '.join('?' * len(page))})",
        [rowid for rowid, _ in page])}
    rows = [shown[rowid][1:] + (rank,) for rowid, rank in page]
    marker = Marker.of(match.phrases)
    hits = [Hit(iri, label, round(-rank, 6), snippet(text, marker), kind, date)
            for iri, label, kind, text, date, rank in rows]
    return SearchAnswer(total, hits, _facets(db, index))


def _check(request: SearchRequest) -> None:
    if not 1 <= request.size <= MAX_SIZE:
        raise SearchRequestError("size", f"{request.size} is not between 1 and {MAX_SIZE}")
    if request.page < 1:
        raise SearchRequestError("page", f"{request.page}: pages are numbered from 1")
    if request.sort not in SORTS:
        raise SearchRequestError("sort", f"{request.sort!r} is not one of {', '.join(SORTS)}")
    if request.lang is not None and request.lang not in LANGS:
        raise SearchRequestError("lang", f"{request.lang!r} is not one of {', '.join(LANGS)}")
    for kind in request.kinds:
        if kind not in KINDS:
            raise SearchRequestError("kinds", f"{kind!r} is not one of {', '.join(KINDS)}")
    for name in request.filters:
        if name not in FILTERS:
            raise SearchRequestError(name, f"no such filter; the filters are {', '.join(FILTERS)}")
    for name, value in (("from", request.date_from), ("to", request.date_to)):
        if value is not None and not DATE.match(value):
            raise SearchRequestError(name, f"{value!r} is not a date as YYYY, YYYY-MM or YYYY-MM-DD")


def _connection(index: Path) -> sqlite3.Connection:
    """This thread's connection to ``index`` (opened once; a release's index never changes)."""
    opened: dict[Path, sqlite3.Connection] = _open.__dict__.setdefault("connections", {})
    db = opened.get(index)
    if db is None:
        if not index.is_file():
            raise SearchIndexMissing(f"this release has no search index ({index.name} is not in {index.parent}): "
                                     "it was published before search existed; `mrkg build --full` publishes "
                                     "one that has")
        try:
            db = sqlite3.connect(f"file:{index}?mode=ro&immutable=1", uri=True, check_same_thread=False)
            db.execute("SELECT value FROM about WHERE key = 'schema'").fetchone()
        except sqlite3.DatabaseError as error:
            raise SearchIndexMissing(f"the search index {index} cannot be read ({error}): "
                                     "`mrkg build --full` writes it again") from None
        db.execute("CREATE TEMP TABLE matched(id INTEGER PRIMARY KEY, rank REAL NOT NULL, date TEXT)")
        opened[index] = db
    return db


def _matching(include: str | None, exclude: str | None, request: SearchRequest) -> tuple[str, list[object]]:
    """SELECT id, rank, date of every entry the request selects (the date where it is sorted or filtered by)."""
    parameters: list[object] = []
    dated = request.sort == "date" or request.date_from or request.date_to or request.kinds or include is None
    weights = ", ".join(map(str, WEIGHTS))
    if include is None:
        sql, key = "SELECT e.id, 0.0, e.date FROM entries e WHERE 1", "e.id"
    elif dated:
        sql, key = (f"SELECT e.id, f.rank, e.date FROM (SELECT rowid AS id, bm25(fts, {weights}) AS rank FROM fts "
                    "WHERE fts MATCH ?) f JOIN entries e ON e.id = f.id WHERE 1"), "e.id"
    else:  # the entries' table is not read for every match: a fifth of the time on a 5,000-record build
        sql, key = f"SELECT rowid, bm25(fts, {weights}), NULL FROM fts WHERE fts MATCH ?", "rowid"
    if include is not None:
        parameters.append(include)
    if exclude is not None:
        sql += f" AND {key} NOT IN (SELECT rowid FROM fts WHERE fts MATCH ?)"
        parameters.append(exclude)
    filters = dict(request.filters)
    if request.lang:
        filters["lang"] = (request.lang,)
    for name, values in sorted(filters.items()):
        if values:
            sql += (f" AND {key} IN (SELECT id FROM facets WHERE code IN (SELECT code FROM facet_values WHERE "
                    f"name = ? AND value IN ({', '.join('?' * len(values))})))")
            parameters += [name, *values]
    if request.kinds:
        sql += f" AND e.kind IN ({', '.join('?' * len(request.kinds))})"
        parameters += list(request.kinds)
    if request.date_from:
        sql += " AND e.date >= ?"
        parameters.append(request.date_from)
    if request.date_to:
        sql += " AND substr(e.date, 1, ?) <= ?"
        parameters += [len(request.date_to), request.date_to]
    return sql, parameters


def _facets(db: sqlite3.Connection, index: Path) -> dict[str, list[FacetValue]]:
    """Each facet's values over every match, counted here from the entries' numbered values held in memory
    (benchmarks/README.md, "Search": SQLite's GROUP BY took five times as long on a 5,000-record build)."""
    tables = _facet_tables_of(db, index)
    matched = [row[0] for row in db.execute("SELECT id FROM temp.matched")]
    counts = Counter(chain.from_iterable(map(tables.own.__getitem__, matched)))
    for profile, count in Counter(map(tables.profile_of.__getitem__, matched)).items():
        for code in tables.profiles[profile]:
            counts[code] += count
    by_name: dict[str, list[tuple[int, int]]] = {name: [] for name in FILTERS}
    for code, count in counts.items():
        by_name[tables.named[code][0]].append((count, -code))
    counted: dict[str, list[FacetValue]] = {}
    for name, pairs in by_name.items():  # the most frequent first (a document facet has thousands of values)
        values = [FacetValue(value, label or value, count) for count, code in heapq.nlargest(FACET_VALUES, pairs)
                  for _, value, label in (tables.named[-code],)]
        if name == "year":
            values.sort(key=lambda v: v.value, reverse=True)
        else:
            values.sort(key=lambda v: (-v.count, v.label.casefold(), v.value))
        counted[name] = values
    return counted


# the facets whose values statements of one document or meeting share: counted once per distinct combination
SHARED = frozenset(("kind", "lang", "year", "genre", "document", "session"))


@dataclass(frozen=True)
class FacetTables:
    """The facet values of an index, numbered, and each entry's: its own values, and the number of its
    combination of shared values (``profiles``)."""

    named: dict[int, tuple[str, str, str | None]]
    own: list[tuple[int, ...]]
    profile_of: list[int]
    profiles: list[tuple[int, ...]]


_facet_tables: dict[Path, FacetTables] = {}
KEPT_INDEXES = 2  # the current release's and the one before, while requests on it finish
_facet_lock = threading.Lock()


def _facet_tables_of(db: sqlite3.Connection, index: Path) -> FacetTables:
    """Read once per process and index (a release's index never changes)."""
    with _facet_lock:
        if index not in _facet_tables:
            named = {code: (name, value, label) for code, name, value, label in
                     db.execute("SELECT code, name, value, label FROM facet_values")}
            last = db.execute("SELECT MAX(id) FROM entries").fetchone()[0] or 0
            shared: list[list[int]] = [[] for _ in range(last + 1)]
            own: list[list[int]] = [[] for _ in range(last + 1)]
            for rowid, code in db.execute("SELECT id, code FROM facets"):
                (shared if named[code][0] in SHARED else own)[rowid].append(code)
            numbers: dict[tuple[int, ...], int] = {}
            profile_of = [numbers.setdefault(tuple(codes), len(numbers)) for codes in shared]
            _facet_tables[index] = FacetTables(named, [tuple(codes) for codes in own], profile_of, list(numbers))
            for older in list(_facet_tables)[:-KEPT_INDEXES]:  # releases a server has moved on from
                del _facet_tables[older]
        return _facet_tables[index]
