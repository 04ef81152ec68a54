"""A search answered from a release's index: the matches, one page of hits, the facets over all matches.

The query is read by ``graph.search.query`` (the user's text never reaches FTS5 as typed); the filters
are rows of the ``facets`` table, ANDed across names and ORed within one; the facets are counted over
every match, not only the page shown (issue 13 item 1).  A release is never written once published, so
its index is opened read-only and immutable, once per thread.
"""
from __future__ import annotations

import heapq
import re
import sqlite3
import threading
from array import array
from collections import Counter
from dataclasses import dataclass
from itertools import chain
from operator import itemgetter, neg
from pathlib import Path

from graph.search.model import (FACETS, KINDS, LANGS, MAX_SIZE, SORTS, FacetValue, Hit, SearchAnswer,
                                SearchIndexMissing, SearchRequest, SearchRequestError)
from graph.search.query import Match, compile_query, parse
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
    tables = _facet_tables_of(db, index)
    if _words_only(match, request):  # FTS5 ranks in C and keeps only the page (ORDER BY … LIMIT)
        sql, parameters = _matching(match.include, match.exclude, request, ranked=False)
        matched = [row[0] for row in db.execute(sql, parameters)]
        page = _ranked_page(db, match, request) if matched else []
    else:  # a phrase, a prefix or a filter costs more to match than to rank: matched once, the page taken here
        sql, parameters = _matching(match.include, match.exclude, request, ranked=True)
        found = db.execute(sql, parameters).fetchall()
        matched = [row[0] for row in found]
        page = _page_of(found, request, by_date=request.sort == "date" or match.include is None)
    shown = {row[0]: row for row in db.execute(
        f"SELECT id, iri, label, kind, text, date FROM entries WHERE id IN ({', '.join('?' * len(page))})",
        [rowid for rowid, _ in page])}
    rows = [shown[rowid][1:] + (rank,) for rowid, rank in page]
    marker = Marker.of(match.phrases)
    hits = [Hit(iri, label, round(-rank, 6), snippet(text, marker), kind, date)
            for iri, label, kind, text, date, rank in rows]
    return SearchAnswer(len(matched), hits, _facets(tables, matched))


def _words_only(match: Match, request: SearchRequest) -> bool:
    """Single words sorted by relevance, nothing else: matching them twice is cheaper than ranking every match
    in Python (benchmarks/README.md, "Search"; issue 13 item 2: only the page shown needs its order)."""
    return (match.include is not None and match.exclude is None and request.sort == "relevance"
            and not any(request.filters.values()) and not (request.lang or request.kinds or request.date_from
                                                               or request.date_to)
            and all(len(phrase.folded) == 1 and not phrase.prefix for phrase in match.phrases))


def _ranked_page(db: sqlite3.Connection, match: Match, request: SearchRequest) -> list[tuple[int, float]]:
    """(id, rank) of the page shown, in order of relevance, by FTS5's own ORDER BY … LIMIT."""
    sql, parameters = _matching(match.include, match.exclude, request, ranked=True)
    return db.execute(f"SELECT id, rank FROM ({sql}) ORDER BY rank, id LIMIT ? OFFSET ?",
                      (*parameters, request.size, (request.page - 1) * request.size)).fetchall()


def _page_of(found: list[tuple[int, float, str | None]], request: SearchRequest,
             by_date: bool) -> list[tuple[int, float]]:
    """(id, rank) of the page shown from every match's (id, rank, date): the best first, ties by id; by date,
    the latest first, undated last, then the best."""
    wanted = request.page * request.size
    if by_date:
        first = heapq.nlargest(wanted, found, key=lambda row: (row[2] is not None, row[2] or "", -row[1], -row[0]))
    else:
        first = heapq.nsmallest(wanted, found, key=itemgetter(1, 0))
    return [(rowid, rank) for rowid, rank, _ in first[wanted - request.size:]]


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
        opened[index] = db
    return db


def _matching(include: str | None, exclude: str | None, request: SearchRequest,
              ranked: bool) -> tuple[str, list[object]]:
    """SELECT the id of every entry the request selects; with ``ranked``, its rank (BM25) and date as well."""
    parameters: list[object] = []
    sorted_by_date = ranked and (request.sort == "date" or include is None)
    dated = sorted_by_date or bool(request.date_from or request.date_to or request.kinds)
    weights = ", ".join(map(str, WEIGHTS))
    rank = f"bm25(fts, {weights})" if ranked else "NULL"
    if include is None:
        sql, key = "SELECT e.id AS id, 0.0 AS rank, e.date AS date FROM entries e WHERE 1", "e.id"
    elif dated:
        sql, key = (f"SELECT e.id AS id, f.rank AS rank, e.date AS date FROM (SELECT rowid AS id, {rank} AS rank "
                    "FROM fts WHERE fts MATCH ?) f JOIN entries e ON e.id = f.id WHERE 1"), "e.id"
    else:  # the entries' table is not read for every match: a fifth of the time on a 5,000-record build
        sql, key = f"SELECT rowid AS id, {rank} AS rank, NULL AS date FROM fts WHERE fts MATCH ?", "rowid"
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


def _facets(tables: "FacetTables", matched: list[int]) -> dict[str, list[FacetValue]]:
    """Each facet's values over every match, counted from the entries' numbered values held in memory.

    Each column is counted by ``Counter`` over the matched ids in one pass in C; only the entries' rarer
    extra values (a second provision cited…) and the few combinations of the small facets are expanded
    in Python (issue 13 item 2: one loop in Python over every match's values was half of a keyword query).
    """
    counts: dict[str, dict[int, int]] = {}
    if not matched:
        return {name: [] for name in FILTERS}
    pick = itemgetter(*matched) if len(matched) > 1 else lambda column: (column[matched[0]],)
    for column in tables.columns:
        counted = Counter(pick(column.of_entry))  # one C loop for the picking, one for the counting
        if column.expand is None:  # a facet's first column: its counts as they are
            counts[column.name] = counted
            continue
        for profile, count in counted.items():
            for name, code in column.expand[profile]:
                mine = counts.setdefault(name, {})
                mine[code] = mine.get(code, 0) + count
    found: dict[str, list[FacetValue]] = {}
    for name in FILTERS:  # the most frequent first (a document facet has thousands of values)
        pairs = counts.get(name, {})
        pairs.pop(NONE, None)
        top = heapq.nlargest(FACET_VALUES, zip(pairs.values(), map(neg, pairs))) if len(pairs) > FACET_VALUES \
            else [(count, -code) for code, count in pairs.items()]
        values = [FacetValue(value, label or value, count) for count, code in top
                  for value, label in (tables.named[-code],)]
        if name == "year":
            values.sort(key=lambda v: v.value, reverse=True)
        else:
            values.sort(key=lambda v: (-v.count, v.label.casefold(), v.value))
        found[name] = values
    return found


# the facets of a few values each (a kind, a language, a year, a genre): one column of their combinations
COMBINED = ("kind", "lang", "year", "genre")
NONE = 0  # no value (facet values are numbered from 1)


@dataclass(frozen=True)
class FacetColumn:
    """A number for each entry (indexed by its id), counted over the matches in one pass.

    Without ``expand``, the number is the code of a value of facet ``name`` (NONE: none).  With it, the
    number is a combination, ``expand[number]`` its (facet, code) pairs.
    """

    name: str
    of_entry: array[int]  # compact: a few columns of 4-byte numbers per entry
    expand: list[tuple[tuple[str, int], ...]] | None = None


@dataclass(frozen=True)
class FacetTables:
    """The facet values of an index, numbered (code -> (value, label)), and the columns that count them."""

    named: dict[int, tuple[str, str | None]]
    columns: list[FacetColumn]


_facet_tables: dict[Path, FacetTables] = {}
KEPT_INDEXES = 2  # the current release's and the one before, while requests on it finish
_facet_lock = threading.Lock()


def _facet_tables_of(db: sqlite3.Connection, index: Path) -> FacetTables:
    """Read once per process and index (a release's index never changes)."""
    with _facet_lock:
        if index not in _facet_tables:
            _facet_tables[index] = _read_facet_tables(db)
            for older in list(_facet_tables)[:-KEPT_INDEXES]:  # releases a server has moved on from
                del _facet_tables[older]
        return _facet_tables[index]


def _read_facet_tables(db: sqlite3.Connection) -> FacetTables:
    """An entry's first value of each facet is a column of its own; its other values, one combination each
    (most statements have one speaker, one provision cited: few combinations are left to expand).  The
    first columns come first: ``_facets`` takes their counts as they are."""
    names: dict[int, str] = {}
    named: dict[int, tuple[str, str | None]] = {}
    for code, name, value, label in db.execute("SELECT code, name, value, label FROM facet_values"):
        names[code], named[code] = name, (value, label)
    size = (db.execute("SELECT MAX(id) FROM entries").fetchone()[0] or 0) + 1
    held: dict[str, dict[int, list[int]]] = {name: {} for name in FILTERS}  # facet -> entry -> its values
    for rowid, code in db.execute("SELECT id, code FROM facets"):
        held[names[code]].setdefault(rowid, []).append(code)
    combined: dict[int, list[int]] = {}
    for name in COMBINED:
        for rowid, codes in held[name].items():
            combined.setdefault(rowid, []).extend(codes)
    columns = [_combinations("+".join(COMBINED), combined, size, names)]
    for name in FILTERS:
        if name in COMBINED:
            continue
        first = array("i", bytes(4 * size))  # NONE for every entry, then each entry's rarest value
        others: dict[int, list[int]] = {}
        often = Counter(chain.from_iterable(held[name].values()))
        for rowid, codes in held[name].items():
            if len(codes) > 1:  # the rarest first: the values left to expand are the common ones (a meeting's
                codes.sort(key=lambda code: (often[code], code))  # session), whose combinations are few
                others[rowid] = codes[1:]
            first[rowid] = codes[0]
        columns.append(FacetColumn(name, first))
        if others:
            columns.append(_combinations(name, others, size, names))
    return FacetTables(named, columns)


def _combinations(name: str, held: dict[int, list[int]], size: int, names: dict[int, str]) -> FacetColumn:
    """A column of the combination of values each entry ``held`` (0: none), and what each one holds."""
    numbers: dict[tuple[int, ...], int] = {(): 0}
    of_entry = array("i", bytes(4 * size))
    for rowid, codes in held.items():
        of_entry[rowid] = numbers.setdefault(tuple(codes), len(numbers))
    return FacetColumn(name, of_entry, [tuple((names[code], code) for code in codes) for codes in numbers])
