"""A search answered from a release's index: the matches, one page of hits, the facets over all matches.

The query is read by ``graph.search.query`` (the user's text never reaches FTS5 as typed); the filters
are rows of the ``facets`` table, ANDed across names and ORed within one; the facets are counted over
every match, not only the page shown (issue 13 item 1).  A release is never written once published, so
its index is opened read-only and immutable, once per thread.
"""
from __future__ import annotations

import re
import sqlite3
import threading
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
    order = "m.date IS NULL, m.date DESC, m.rank, e.iri" if by_date else "m.rank, e.iri"
    rows = db.execute(f"""SELECT e.iri, e.label, e.kind, e.text, e.date, m.rank FROM temp.matched m
                          JOIN entries e ON e.id = m.id ORDER BY {order} LIMIT ? OFFSET ?""",
                      (request.size, (request.page - 1) * request.size)).fetchall()
    marker = Marker.of(match.phrases)
    hits = [Hit(iri, label, round(-rank, 6), snippet(text, marker), kind, date)
            for iri, label, kind, text, date, rank in rows]
    return SearchAnswer(total, hits, _facets(db))


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
    """SELECT id, rank, date of every entry the request selects."""
    parameters: list[object] = []
    if include is not None:
        sql = (f"SELECT e.id, f.rank, e.date FROM (SELECT rowid AS id, bm25(fts, {', '.join(map(str, WEIGHTS))}) "
               "AS rank FROM fts WHERE fts MATCH ?) f JOIN entries e ON e.id = f.id WHERE 1")
        parameters.append(include)
    else:
        sql = "SELECT e.id, 0.0, e.date FROM entries e WHERE 1"
    if exclude is not None:
        sql += " AND e.id NOT IN (SELECT rowid FROM fts WHERE fts MATCH ?)"
        parameters.append(exclude)
    filters = dict(request.filters)
    if request.lang:
        filters["lang"] = (request.lang,)
    for name, values in sorted(filters.items()):
        if values:
            sql += (" AND e.id IN (SELECT id FROM facets WHERE name = ? AND value IN "
                    f"({', '.join('?' * len(values))}))")
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


def _facets(db: sqlite3.Connection) -> dict[str, list[FacetValue]]:
    counted: dict[str, list[FacetValue]] = {name: [] for name in FILTERS}
    rows = db.execute("""SELECT f.name, f.value, COUNT(*) AS n, l.label FROM temp.matched m
                         JOIN facets f ON f.id = m.id LEFT JOIN labels l ON l.value = f.value
                         GROUP BY f.name, f.value""").fetchall()
    for name, value, count, label in rows:
        if name in counted:
            counted[name].append(FacetValue(value, label or value, count))
    for name, values in counted.items():
        if name == "year":
            values.sort(key=lambda v: v.value, reverse=True)
        else:
            values.sort(key=lambda v: (-v.count, v.label.casefold(), v.value))
        del values[FACET_VALUES:]
    return counted
