"""A hundred summary records of ten sessions build together (issue 11, point 1).

The records come from ``benchmarks/summary_records.py``: synthetic, of the genre's two
layouts, with the same members, States, organizations and agenda items recurring from
meeting to meeting.  Every session is one resource, named by each of its records in that
record's own graph; the readers read each record as it was written.
"""
from __future__ import annotations

import shutil
from collections import Counter
from pathlib import Path

import pyoxigraph as ox
import pytest

from benchmarks.summary_records import WrittenRecord, write_records
from graph import iris
from graph.pipeline import BuildSummary, build
from graph.settings import PROJECT_ROOT, Settings
from passages import (
    passages_outside_their_documents_graph,
    rows,
    shared_resources_with_offsets,
    slice_every_passage,
    triples_in_several_graphs,
)

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[WrittenRecord], BuildSummary, ox.Store]:
    root = tmp_path_factory.mktemp("hundred-records")
    data = root / "data"
    shutil.copytree(PROJECT_ROOT / "data" / "catalogue", data / "catalogue")
    written = write_records(data / "sources", sessions=10, per_session=10)
    summary = build(Settings(data_dir=data, var_dir=root / "var"))
    print(f"\n{len(written)} records: {summary.triples:,} quads, {summary.seconds:.1f} s")
    return data, written, summary, ox.Store.read_only(str(root / "var" / "current" / "store"))


def test_a_hundred_records_of_ten_sessions_conform(corpus: tuple) -> None:
    _, written, summary, _ = corpus
    assert summary.violations == 0
    assert len(summary.documents) == len(written) == 100
    assert len({record.session for record in written}) == 10


def test_each_session_is_one_resource_named_once_by_each_of_its_records(corpus: tuple) -> None:
    _, written, _, store = corpus
    found = rows(store, """SELECT ?session ?doc ?g WHERE {
        GRAPH ?g { ?m mrkg:mentionOf ?session ; nif:referenceContext ?doc } ?session a mrkg:Session
        FILTER NOT EXISTS { ?session mrkg:partOfSession ?larger } }""")
    named = Counter(row["session"] for row in found)
    expected = Counter(iris.session(f"cmw/{record.session}") for record in written)
    assert named == expected  # ten sessions, ten records each, one mention in each
    for row in found:
        assert row["g"] == iris.source_graph(row["doc"].rsplit("/", 1)[-1])
    labels = rows(store, "SELECT ?s (COUNT(?l) AS ?n) WHERE { ?s a mrkg:Session ; rdfs:label ?l } GROUP BY ?s")
    assert {int(row["n"]) for row in labels} == {1}


def test_the_graph_says_who_spoke_as_the_records_were_written(corpus: tuple) -> None:
    _, written, _, store = corpus
    names: dict[tuple[str, int], set[str]] = {}
    for row in rows(store, """SELECT ?doc ?n ?name WHERE { ?s mrkg:document ?doc ; mrkg:paragraphNumber ?n .
                                   OPTIONAL { ?s mrkg:speaker/(rdfs:label|skos:altLabel) ?name } }"""):
        found = names.setdefault((row["doc"].rsplit("/", 1)[-1], int(row["n"])), set())
        if row["name"]:
            found.add(row["name"])  # a State's speaker is the catalogue's State, under all its names
    expected = {(Path(record.file_name).stem, paragraph.number): paragraph.speaker
                for record in written for paragraph in record.paragraphs}
    assert names.keys() == expected.keys()
    wrong = {key: (names[key], speaker) for key, speaker in expected.items()
             if (speaker not in names[key] if speaker else names[key])}
    assert wrong == {}


def test_every_passage_matches_its_own_source(corpus: tuple) -> None:
    data, _, _, store = corpus
    sliced = slice_every_passage(store, data / "sources")
    assert sliced.wrong == []
    assert sliced.by_kind["Mention"] > 2000
    assert passages_outside_their_documents_graph(store) == []
    assert shared_resources_with_offsets(store) == []
    assert triples_in_several_graphs(store) == 0
