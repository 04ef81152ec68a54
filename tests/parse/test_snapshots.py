"""What every genre reader makes of every known text, compared with a recorded snapshot.

The readers share modules (dates, numbers, names, footnotes, markup); a change to
one of them can move a span or a speaker in a reader its author never ran.  This
test reads the five sources and every fixture text with the reader of its genre
and compares the whole :class:`~graph.records.ParsedDocument` (sessions,
statements with spans, texts, speakers, roles, replies, duplicates, footnotes,
participations, notes) and each reader's confidence with
``tests/fixtures/snapshots/``.

A deliberate change of what a reader reads is recorded by running the tests
with ``MRKG_UPDATE_SNAPSHOTS=1`` and reviewing the diff of the snapshot files.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
import difflib
import json
import os
from enum import Enum
from pathlib import Path

import pytest

from graph.documents import Source, Span
from graph.parse import READERS
from graph.parse.base import GenreReader
from graph.parse.concept_note.reader import ConceptNoteReader
from graph.parse.discussion_forum.reader import DiscussionForumReader
from graph.parse.seminar_summary.reader import SeminarSummaryReader
from graph.parse.summary_record.reader import SummaryRecordReader
from graph.sources import read_source, reader_for

ROOT = Path(__file__).resolve().parents[2]
SOURCES = ROOT / "data" / "sources"
FIXTURES = ROOT / "tests" / "fixtures"
SNAPSHOTS = FIXTURES / "snapshots"
UPDATE = os.environ.get("MRKG_UPDATE_SNAPSHOTS") == "1"

# Fixture texts are read by the reader of the genre their folder is named after.
GENRE_FOLDERS: dict[str, GenreReader] = {
    "summary_record": SummaryRecordReader(),
    "concept_note": ConceptNoteReader(),
    "seminar_summary": SeminarSummaryReader(),
    "discussion_forum": DiscussionForumReader(),
}


def _texts() -> list[tuple[str, Path]]:
    """(snapshot name, text) for every source and fixture text."""
    found = [(f"sources/{path.stem}", path) for path in sorted(SOURCES.glob("*.txt"))]
    for folder in GENRE_FOLDERS:
        found += [(f"{folder}/{path.stem}", path) for path in sorted((FIXTURES / folder).glob("*.txt"))]
    return found


def _reader(name: str, source: Source) -> GenreReader:
    folder = name.split("/")[0]
    return GENRE_FOLDERS[folder] if folder in GENRE_FOLDERS else reader_for(source)


def plain_data(value: object) -> object:
    """Records as JSON-ready data: spans as [start, end], dates as ISO strings, enums by value."""
    if isinstance(value, Span):
        return [value.start, value.end]
    if isinstance(value, Source):
        return value.name
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: plain_data(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, (dt.date, dt.time)):
        return value.isoformat()
    if isinstance(value, (list, tuple)):
        return [plain_data(item) for item in value]
    if isinstance(value, dict):
        return {str(key): plain_data(item) for key, item in value.items()}
    return value


def snapshot_of(name: str, path: Path) -> dict[str, object]:
    source = read_source(path)
    reader = _reader(name, source)
    return {
        "confidence": {type(each).__name__: each.recognise(source) for each in READERS},
        "reader": type(reader).__name__,
        "document": plain_data(reader.read(source)),
    }


def _as_text(data: object) -> str:
    return json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True) + "\n"


@pytest.mark.parametrize(("name", "path"), [pytest.param(n, p, id=n) for n, p in _texts()])
def test_reader_output_is_unchanged(name: str, path: Path) -> None:
    snapshot = SNAPSHOTS / f"{name}.json"
    now = _as_text(snapshot_of(name, path))
    if UPDATE:
        snapshot.parent.mkdir(parents=True, exist_ok=True)
        snapshot.write_text(now, encoding="utf-8")
        return
    assert snapshot.exists(), f"no snapshot {snapshot.relative_to(ROOT)}: record it with MRKG_UPDATE_SNAPSHOTS=1"
    recorded = snapshot.read_text(encoding="utf-8")
    if now != recorded:
        diff = difflib.unified_diff(recorded.splitlines(), now.splitlines(), "recorded", "now", lineterm="", n=2)
        shown = "\n".join(list(diff)[:60])
        pytest.fail(f"{name}: the reader's output changed (MRKG_UPDATE_SNAPSHOTS=1 records it if intended)\n{shown}")


def test_every_text_has_a_snapshot_and_no_snapshot_is_stale() -> None:
    expected = {f"{name}.json" for name, _ in _texts()}
    recorded = {str(path.relative_to(SNAPSHOTS)) for path in SNAPSHOTS.rglob("*.json")}
    assert recorded == expected or UPDATE, f"missing: {sorted(expected - recorded)}, stale: {sorted(recorded - expected)}"


def test_the_snapshot_records_what_a_reader_reads() -> None:
    """The comparison sees a moved span: the snapshot is not blind to the details it guards."""
    name, path = _texts()[0]
    data = snapshot_of(name, path)
    statement = data["document"]["statements"][0]  # type: ignore[index]
    assert statement["span"][1] > statement["span"][0] and statement["text"]
    moved = json.loads(_as_text(data))
    moved["document"]["statements"][0]["span"][0] += 1
    assert _as_text(moved) != _as_text(data)
