"""The search index of a release: one SQLite file with an FTS5 table, written by the build.

    entries(id, iri, kind, label, text, lang, date)   what a hit shows, and what it is sorted by
    facet_values(code, name, value, label)            each value of each facet, numbered, and what it is called
    facets(id, code)                                  the facet values of each entry (also what filters read)
    fts(label, body, words)                           stems of the labels, stems of the texts, words as printed

SQLite's FTS5 is in Python's own sqlite3, and an index is one file that a release carries beside its
store.  Measured against tantivy on the 5,000-record build (benchmarks/README.md, "Search"), tantivy writes
and answers faster: the engine is the part of ``graph.search`` to change next (this module and the searcher).  Stemming, folding and
the language of each word are ours (``graph.search.words``): FTS5 is given tokens it only has to split
on spaces.

A build that starts from the current store starts from the current index too: it takes out the rows of
the resources described in the graphs that changed and reads them again from the new store, so a build
that read one source again changes that document's rows and the rows of the shared graphs it touched
(issue 13 item 1: updated incrementally with the build).  Facet labels are read again whole each time.
"""
from __future__ import annotations

import hashlib
import shutil
import sqlite3
from collections.abc import Callable, Iterable
from contextlib import closing
from pathlib import Path

import pyoxigraph as ox

from graph.search.entries import Entry, facet_labels, read_entries, subjects_in
from graph.search.words import words, tokens

SCHEMA_VERSION = "2"
SCHEMA = """
CREATE TABLE about(key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE entries(id INTEGER PRIMARY KEY, iri TEXT NOT NULL UNIQUE, kind TEXT NOT NULL, label TEXT NOT NULL,
                     text TEXT NOT NULL, lang TEXT NOT NULL, date TEXT);
CREATE INDEX entries_by_date ON entries(date, id);
CREATE TABLE facet_values(code INTEGER PRIMARY KEY, name TEXT NOT NULL, value TEXT NOT NULL, label TEXT,
                          UNIQUE(name, value));
CREATE TABLE facets(id INTEGER NOT NULL, code INTEGER NOT NULL, PRIMARY KEY(id, code)) WITHOUT ROWID;
CREATE INDEX facets_by_value ON facets(code, id);
CREATE VIRTUAL TABLE fts USING fts5(label, body, words, tokenize='unicode61 remove_diacritics 2', prefix='2 3',
                                    detail=full);
"""


def digest_of(index: Path) -> str:
    """SHA-256 of an index file: kept in build.json, checked before a later build starts from it."""
    hashed = hashlib.sha256()
    with index.open("rb") as read:
        while chunk := read.read(1 << 20):
            hashed.update(chunk)
    return hashed.hexdigest()


def write_index(target: Path, store: Path, changed: Iterable[str] | None = None, previous_index: Path | None = None,
                previous_store: Path | None = None, say: Callable[[str], None] = lambda line: None) -> str:
    """Write the index of the store at ``store`` into ``target``; say how, and return its digest.

    With ``previous_index`` (the current release's, checked) and ``previous_store``, only the rows of the
    resources described in the graphs ``changed`` are taken out and read again; otherwise every row is read.
    """
    readable = ox.Store.read_only(str(store))
    try:
        if previous_index is not None and previous_store is not None and changed is not None:
            shutil.copyfile(previous_index, target)
            changed = sorted(set(changed))
            before = subjects_in(ox.Store.read_only(str(previous_store)), changed)
            again = before | subjects_in(readable, changed)
            with closing(sqlite3.connect(target)) as db:
                removed = _remove(db, again)
                added = _add(db, read_entries(readable, again))
                _relabel(db, readable)
                db.commit()
            say(f"search index: updated, {removed:,} entries out, {added:,} in, from {len(changed):,} changed graphs")
        else:
            added = write_entries(target, read_entries(readable), readable)
            say(f"search index: {added:,} entries")
    finally:
        del readable
    return digest_of(target)


def write_entries(target: Path, entries: list[Entry], store: ox.Store) -> int:
    """A new index at ``target`` holding ``entries``, its facet values named from ``store``."""
    target.unlink(missing_ok=True)
    with closing(sqlite3.connect(target)) as db:
        db.executescript(SCHEMA)
        db.execute("INSERT INTO about VALUES ('schema', ?)", (SCHEMA_VERSION,))
        added = _add(db, entries)
        _relabel(db, store)
        db.execute("INSERT INTO fts(fts) VALUES ('optimize')")
        db.commit()
    return added


def usable(index: Path) -> bool:
    """An index this code can update: its schema is the one written here."""
    try:
        with closing(sqlite3.connect(f"file:{index}?mode=ro", uri=True)) as db:
            row = db.execute("SELECT value FROM about WHERE key = 'schema'").fetchone()
    except sqlite3.Error:
        return False
    return row is not None and row[0] == SCHEMA_VERSION


def _remove(db: sqlite3.Connection, iris: set[str]) -> int:
    db.execute("CREATE TEMP TABLE gone(iri TEXT PRIMARY KEY)")
    db.executemany("INSERT INTO gone VALUES (?)", ((iri,) for iri in iris))
    ids = [row[0] for row in db.execute("SELECT id FROM entries WHERE iri IN (SELECT iri FROM gone)")]
    db.executemany("DELETE FROM fts WHERE rowid = ?", ((i,) for i in ids))
    db.executemany("DELETE FROM facets WHERE id = ?", ((i,) for i in ids))  # values no entry has are kept: harmless
    db.executemany("DELETE FROM entries WHERE id = ?", ((i,) for i in ids))
    db.execute("DROP TABLE gone")
    return len(ids)


def _add(db: sqlite3.Connection, entries: list[Entry]) -> int:
    codes: dict[tuple[str, str], int] = {}
    for entry in sorted(entries, key=lambda e: e.iri):
        cursor = db.execute("INSERT INTO entries(iri, kind, label, text, lang, date) VALUES (?, ?, ?, ?, ?, ?)",
                            (entry.iri, entry.kind, entry.label, entry.text, entry.lang, entry.date))
        rowid = cursor.lastrowid
        # a statement's label is where it is (document, paragraph, speaker), searched by the facets: not its words
        label = " ".join(" ".join(tokens(text, lang)) for _, text, lang in entry.labels)
        body = " ".join(" ".join(tokens(text, lang)) for text, lang in entry.pieces)
        printed = " ".join(word.folded for word in words(entry.text))
        db.execute("INSERT INTO fts(rowid, label, body, words) VALUES (?, ?, ?, ?)", (rowid, label, body, printed))
        db.executemany("INSERT OR IGNORE INTO facets(id, code) VALUES (?, ?)",
                       ((rowid, _code(db, codes, name, value)) for name, value in sorted(entry.facets)))
    return len(entries)


def _code(db: sqlite3.Connection, codes: dict[tuple[str, str], int], name: str, value: str) -> int:
    """The number of a facet value (numbers count faster than strings: issue 13's latency target)."""
    if not codes:
        codes.update({(n, v): c for c, n, v in db.execute("SELECT code, name, value FROM facet_values")})
    code = codes.get((name, value))
    if code is None:
        code = codes[(name, value)] = int(db.execute("INSERT INTO facet_values(name, value) VALUES (?, ?)",
                                                     (name, value)).lastrowid or 0)
    return code


def _relabel(db: sqlite3.Connection, store: ox.Store) -> None:
    values = [row[0] for row in db.execute("SELECT DISTINCT value FROM facet_values")]
    labels = facet_labels(store, values)
    db.executemany("UPDATE facet_values SET label = ? WHERE value = ?", ((labels.get(v), v) for v in values))
