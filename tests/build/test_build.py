"""`mrkg build` end to end: store and dumps, and atomic publishing."""
from __future__ import annotations

import gzip
import hashlib
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pyoxigraph as ox
import pytest

from extra_shapes import shapes_breaking
from graph.settings import PROJECT_ROOT

SOURCES = sorted(p.name for p in (PROJECT_ROOT / "data" / "sources").iterdir())


def mrkg(*args: str, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "graph.cli", *args], capture_output=True, text=True,
                          env=dict(os.environ, **env), timeout=900)


def documents_in(store_dir: Path) -> dict[str, str]:
    store = ox.Store.read_only(str(store_dir))
    rows = store.query(
        "SELECT ?doc ?file WHERE { ?doc a mrkg:Document ; prov:wasDerivedFrom ?file }",
        prefixes={"mrkg": "https://w3id.org/mrkg/ontology#", "prov": "http://www.w3.org/ns/prov#"},
        use_default_graph_as_union=True,
    )
    return {row["file"].value.rsplit("/", 1)[-1]: row["doc"].value for row in rows}


def test_build_publishes_a_store_with_every_source(published_var: Path) -> None:
    current = published_var / "current"
    assert current.is_symlink()
    assert sorted(documents_in(current / "store")) == SOURCES
    record = json.loads((current / "build.json").read_text())
    assert [d["source"] for d in record["documents"]] == SOURCES
    assert record["violations"] == 0
    assert all(d["statements"] > 20 for d in record["documents"]), record["documents"]


def test_each_source_has_its_own_named_graph(published_var: Path) -> None:
    store = ox.Store.read_only(str(published_var / "current" / "store"))
    graphs = {g.value for g in store.named_graphs()}
    for name in SOURCES:
        assert f"https://w3id.org/mrkg/id/graph/source/{Path(name).stem}" in graphs
    assert {"https://w3id.org/mrkg/id/graph/catalogue", "https://w3id.org/mrkg/id/graph/ontology"} <= graphs


def test_dumps_match_their_manifest(published_var: Path) -> None:
    dumps = published_var / "current" / "dumps"
    manifest = json.loads((dumps / "manifest.json").read_text())
    names = {d["name"] for d in manifest["dumps"]}
    assert names == {"mrkg.nq.gz", "mrkg.ttl.gz", "mrkg.jsonld.gz"}
    for dump in manifest["dumps"]:
        payload = (dumps / dump["name"]).read_bytes()
        assert hashlib.sha256(payload).hexdigest() == dump["sha256"]
        assert len(payload) == dump["bytes"]
    nquads = gzip.decompress((dumps / "mrkg.nq.gz").read_bytes()).decode()
    assert nquads.count("\n") == next(d["triples"] for d in manifest["dumps"] if d["name"] == "mrkg.nq.gz")
    assert "<https://w3id.org/mrkg/id/graph/source/000_454c943b3bec582e> ." in nquads


def test_failed_build_leaves_the_published_store_untouched(published_var: Path, tmp_path: Path) -> None:
    before = (published_var / "current").resolve()
    # An extra shape that every statement violates: the build must stop before publishing.
    shapes = shapes_breaking(tmp_path / "shapes", "sh:targetClass mrkg:Statement", "injected violation")
    result = mrkg("build", MRKG_VAR_DIR=str(published_var), MRKG_SHAPES_DIR=str(shapes))
    assert result.returncode == 1, result.stderr
    assert "injected violation" in result.stderr
    assert "Traceback" not in result.stderr
    assert (published_var / "current").resolve() == before
    assert sorted(documents_in(before / "store")) == SOURCES
    assert not [p for p in (published_var / "releases").iterdir() if p.name.startswith(".staging")]


def test_bad_source_stops_the_build_with_file_and_line(published_var: Path, tmp_path: Path) -> None:
    before = (published_var / "current").resolve()
    data = tmp_path / "data"
    shutil.copytree(PROJECT_ROOT / "data", data)
    (data / "sources" / "zz_binary.txt").write_bytes(b"Summary record\n\x00\x01\x02")
    result = mrkg("build", MRKG_VAR_DIR=str(published_var), MRKG_DATA_DIR=str(data))
    assert result.returncode == 2
    assert "zz_binary.txt:2" in result.stderr and "binary" in result.stderr
    assert (published_var / "current").resolve() == before


@pytest.mark.parametrize("name, content, expected", [
    ("zz_new.txt", b"", "zz_new.txt: the file is empty"),
    ("zz_new.txt", b"Shopping list\n\neggs\nmilk\n", "zz_new.txt:1: unknown genre"),
    ("zz_new.txt", b"\xff\xfe not utf-8", "zz_new.txt:1: not valid UTF-8"),
    ("zz_new.csv", b"session,meeting,date\n35,506,2022-09-27\n", "zz_new.csv: a table (CSV), not a text source"),
    ("zz_new.txt", b"name;country;date\nAna;Chile;2022-05-01\nLi;China;2022-05-02\n", "zz_new.txt:1: rows of a table"),
    # A record the summary record reader claims but whose paragraphs nothing can parse: its reader's own error.
    ("zz_new.txt", b"Committee against Torture\nSeventy-eighth session\nSummary record of the 2100th meeting\n"
                   b"Chair: Mr. Heller\n\nContents\n", "zz_new.txt:7: no numbered paragraph"),
])
def test_unreadable_sources_are_named(tmp_path: Path, name: str, content: bytes, expected: str) -> None:
    data = tmp_path / "data"
    shutil.copytree(PROJECT_ROOT / "data", data)
    (data / "sources" / name).write_bytes(content)
    result = mrkg("build", MRKG_VAR_DIR=str(tmp_path / "var"), MRKG_DATA_DIR=str(data))
    assert result.returncode == 2
    assert expected in result.stderr and "Traceback" not in result.stderr
    assert not (tmp_path / "var" / "current").exists()


def test_each_source_says_which_reader_read_it_and_why(published_var: Path) -> None:
    record = json.loads((published_var / "current" / "build.json").read_text())
    readers = {d["source"]: d["reader"] for d in record["documents"]}
    assert [readers[name]["reader"] for name in SOURCES] == [
        "SummaryRecord", "SummaryRecord", "ConceptNote", "SeminarSummary", "OnlineDiscussion"]
    note = readers["002_68f5826c22f0372f.txt"]
    assert note["cues"]["ConceptNote"]["label 'Concept note'"] == 0.6 and note["fallback"] is None
    assert note["why"].startswith("ConceptNote 1.00 (label 'Concept note' +0.60")
    assert set(note["confidence"]) == {"SummaryRecord", "ConceptNote", "SeminarSummary", "OnlineDiscussion",
                                       "ProseDocument"}


@pytest.mark.slow
def test_every_unseen_document_builds_with_the_sources_and_no_shape_violation(tmp_path: Path) -> None:
    """The 38 unseen documents (tests/fixtures/unseen/) and the five sources, in one build, with no code change
    per file: each is read by the reader of its genre, or by the general reader where none is sure of it or its
    genre reader cannot follow its layout; the progress lines and build.json say which and why."""
    unseen, result, built = _built_with_the_sources(tmp_path, "unseen")
    assert "shapes: conforms" in result.stderr and ", 0 shape violations" in result.stdout
    record = json.loads((tmp_path / "var" / "current" / "build.json").read_text())
    for path in unseen:
        line = next(line for line in result.stderr.splitlines() if line.startswith(f"  {path.name}: "))
        assert "; read as " in line, line
    # Genres no genre reader handles go to the general reader; every real summary record is read by its own.
    assert {built[p.name]["genre"] for p in unseen if p.parent.name == "other"} == {"ProseDocument"}
    records = [p.name for p in unseen if p.parent.name == "summary_record"]
    assert {built[name]["genre"] for name in records} == {"SummaryRecord"}
    assert all(built[name]["reader"]["fallback"] is None for name in records)
    for name in records:
        line = next(line for line in result.stderr.splitlines() if line.startswith(f"  {name}: "))
        assert "; read as SummaryRecord " in line, line
    assert not any("read as a prose document" in note for note in record["notes"])
    assert sorted(documents_in(tmp_path / "var" / "current" / "store")) == sorted(built)


@pytest.mark.slow
def test_every_held_out_document_builds_with_the_sources_and_no_shape_violation(tmp_path: Path) -> None:
    """The 25 held-out documents (tests/fixtures/heldout/), never shown to a reader while it changed, build
    with the five sources: each is read by some reader, and nothing violates the shapes."""
    _built_with_the_sources(tmp_path, "heldout")


def _built_with_the_sources(tmp_path: Path, fixtures: str) -> tuple[list[Path], subprocess.CompletedProcess[str],
                                                                     dict[str, dict[str, Any]]]:
    """The texts of ``tests/fixtures/<fixtures>/`` built with the five sources: the texts, the build's output and
    what build.json says of each document, once every document is built with statements and no violation."""
    data = tmp_path / "data"
    shutil.copytree(PROJECT_ROOT / "data", data)
    texts = sorted((PROJECT_ROOT / "tests" / "fixtures" / fixtures).glob("*/*.txt"))
    for text in texts:
        shutil.copy(text, data / "sources" / text.name)
    result = mrkg("build", MRKG_VAR_DIR=str(tmp_path / "var"), MRKG_DATA_DIR=str(data))
    assert result.returncode == 0, result.stderr[-3000:]
    record = json.loads((tmp_path / "var" / "current" / "build.json").read_text())
    assert record["violations"] == 0
    built = {d["source"]: d for d in record["documents"]}
    assert set(built) == {p.name for p in texts} | set(SOURCES)
    assert all(d["statements"] > 0 for d in built.values())
    return texts, result, built


def test_an_ontology_file_that_is_not_turtle_is_named(tmp_path: Path) -> None:
    ontology = tmp_path / "ontology"
    shutil.copytree(PROJECT_ROOT / "ontology", ontology)
    with (ontology / "mrkg.ttl").open("a", encoding="utf-8") as turtle:
        turtle.write("\n<urn:a> <urn:b> .\n")
    result = mrkg("build", MRKG_VAR_DIR=str(tmp_path / "var"), MRKG_ONTOLOGY_DIR=str(ontology))
    assert result.returncode == 2
    assert "mrkg.ttl: not valid Turtle" in result.stderr and "Traceback" not in result.stderr
    assert not (tmp_path / "var" / "current").exists()


def test_no_triple_is_held_by_two_graphs(published_var: Path) -> None:
    """The endpoint's default graph is the union; a triple in two graphs would be counted twice."""
    store = ox.Store.read_only(str(published_var / "current" / "store"))
    total = next(iter(store.query("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }", use_default_graph_as_union=True)))
    distinct = next(iter(store.query("SELECT (COUNT(*) AS ?n) WHERE { SELECT DISTINCT ?s ?p ?o { ?s ?p ?o } }",
                                     use_default_graph_as_union=True)))
    assert total["n"].value == distinct["n"].value


def test_new_documents_of_known_genres_build_with_no_code_change(tmp_path: Path) -> None:
    """Other records, notes, summaries and discussions (the readers' unseen-layout fixtures) join the graph."""
    data = tmp_path / "data"
    shutil.copytree(PROJECT_ROOT / "data", data)
    fixtures = PROJECT_ROOT / "tests" / "fixtures"
    added = []
    for genre in ("summary_record", "concept_note", "seminar_summary", "discussion_forum"):
        for text in sorted((fixtures / genre).glob("*.txt")):
            shutil.copy(text, data / "sources" / f"zz_{text.name}")
            added.append(f"zz_{text.name}")
    result = mrkg("build", MRKG_VAR_DIR=str(tmp_path / "var"), MRKG_DATA_DIR=str(data))
    assert result.returncode == 0, result.stderr[-3000:]
    record = json.loads((tmp_path / "var" / "current" / "build.json").read_text())
    built = {d["source"]: d for d in record["documents"]}
    assert set(added) <= set(built)
    assert all(built[name]["statements"] > 0 for name in added)
    assert sorted(documents_in(tmp_path / "var" / "current" / "store")) == sorted(SOURCES + added)
