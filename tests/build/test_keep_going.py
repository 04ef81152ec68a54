"""`mrkg build --keep-going` publishes what it can and refuses the rest by name (issue 11, point 6).

A real corpus has a file that is not a text and a record that contradicts itself.  Here: two
summary records of the Committee; a "record" with binary bytes in it; and a record whose
meeting rose (1.15 p.m.) before it was called to order (3.05 p.m.), so its meeting's start
time is after its end time, which the shapes refuse.  By default the build stops and publishes
nothing; with --keep-going it publishes the two good records, names the two others with why
(file and line; focus node, shape and passage), and exits with status 4.
"""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pyoxigraph as ox
import pytest

from extra_shapes import shapes_breaking
from graph.settings import PROJECT_ROOT

FIXTURES = PROJECT_ROOT / "tests" / "fixtures" / "summary_record"
GOOD = ["000_454c943b3bec582e.txt", "001_572bfb9b02552e02.txt"]


def mrkg(data: Path, var: Path, *args: str, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "graph.cli", "build", *args], capture_output=True, text=True,
                          timeout=900, env=dict(os.environ, MRKG_DATA_DIR=str(data), MRKG_VAR_DIR=str(var), **env))


def published_documents(var: Path) -> set[str]:
    store = ox.Store.read_only(str(var / "current" / "store"))
    rows = store.query("SELECT ?file WHERE { ?doc <http://www.w3.org/ns/prov#wasDerivedFrom> ?file ; "
                       "a <https://w3id.org/mrkg/ontology#Document> }", use_default_graph_as_union=True)
    return {row["file"].value.rsplit("/", 1)[-1] for row in rows}


@pytest.fixture()
def data(tmp_path: Path) -> Path:
    folder = tmp_path / "data"
    shutil.copytree(PROJECT_ROOT / "data" / "catalogue", folder / "catalogue")
    sources = folder / "sources"
    sources.mkdir()
    for name in GOOD:
        shutil.copy(PROJECT_ROOT / "data" / "sources" / name, sources / name)
    record = (FIXTURES / "cmw_511_same_session.txt").read_text(encoding="utf-8").replace("511", "513")
    (sources / "cmw-c-sr-513.txt").write_text(record.replace("The meeting rose at 5.45 p.m.",
                                                             "The meeting rose at 1.15 p.m."), encoding="utf-8")
    (sources / "cmw-c-sr-514.txt").write_bytes(b"CMW/C/SR.514\nSummary record of the 514th meeting\n\x00\x01\x02")
    return folder


def test_keep_going_publishes_the_valid_sources_and_refuses_the_others_by_name(data: Path, tmp_path: Path) -> None:
    var = tmp_path / "var"
    result = mrkg(data, var, "--keep-going")
    assert result.returncode == 4, result.stderr
    assert "Traceback" not in result.stderr
    err = result.stderr
    assert "refused: cmw-c-sr-514.txt: cmw-c-sr-514.txt:3: binary content (NUL byte): not a text source" in err
    assert "refused: cmw-c-sr-513.txt: it names <https://w3id.org/mrkg/id/session/cmw/35/meeting/513>" in err
    assert "focus:   https://w3id.org/mrkg/id/session/cmw/35/meeting/513" in err
    assert "message: A session has at most one mrkg:startTime, an xsd:time not after its end time." in err
    assert "source:  cmw-c-sr-513.txt, line " in err and "passage: “Summary record of the 513th meeting”" in err
    assert "2 source(s) refused (see above); the others are published" in err
    assert published_documents(var) == set(GOOD)
    record = json.loads((var / "current" / "build.json").read_text())
    assert [d["source"] for d in record["documents"]] == GOOD
    assert {r["source"] for r in record["refused"]} == {"cmw-c-sr-513.txt", "cmw-c-sr-514.txt"}

    # Again, with nothing changed: the same refusals are said, and nothing is published again.
    again = mrkg(data, var, "--keep-going")
    assert again.returncode == 4 and again.stdout.startswith("nothing changed: 2 documents")
    assert "refused: cmw-c-sr-513.txt: it names" in again.stderr

    # Fixed, the record joins the others.
    fixed = (data / "sources" / "cmw-c-sr-513.txt")
    fixed.write_text(fixed.read_text(encoding="utf-8").replace("rose at 1.15 p.m.", "rose at 5.15 p.m."),
                     encoding="utf-8")
    (data / "sources" / "cmw-c-sr-514.txt").unlink()
    mended = mrkg(data, var, "--keep-going")
    assert mended.returncode == 0, mended.stderr
    assert published_documents(var) == {*GOOD, "cmw-c-sr-513.txt"}


def test_the_default_stays_strict(data: Path, tmp_path: Path) -> None:
    var = tmp_path / "var"
    unreadable = mrkg(data, var)
    assert unreadable.returncode == 2 and "cmw-c-sr-514.txt:3: binary content" in unreadable.stderr
    assert not (var / "current").exists()
    (data / "sources" / "cmw-c-sr-514.txt").unlink()
    contradicted = mrkg(data, var)
    assert contradicted.returncode == 1, contradicted.stderr
    assert "focus:   https://w3id.org/mrkg/id/session/cmw/35/meeting/513" in contradicted.stderr
    assert "passage: “Summary record of the 513th meeting”" in contradicted.stderr
    assert "Traceback" not in contradicted.stderr
    assert not (var / "current").exists()


def test_a_source_whose_own_graph_does_not_conform_is_refused_with_its_passage(data: Path, tmp_path: Path) -> None:
    """A shape of the project's own (in a copy of shapes/) that one record's statements break."""
    (data / "sources" / "cmw-c-sr-514.txt").unlink()
    (data / "sources" / "cmw-c-sr-513.txt").unlink()
    statement = "<https://w3id.org/mrkg/id/statement/000_454c943b3bec582e/3>"
    shapes = shapes_breaking(tmp_path / "shapes", f"sh:targetNode {statement}", "a statement this test refuses")
    var = tmp_path / "var"
    result = mrkg(data, var, "--keep-going", MRKG_SHAPES_DIR=str(shapes))
    assert result.returncode == 4, result.stderr
    assert "refused: 000_454c943b3bec582e.txt: its graph does not conform to the shapes:" in result.stderr
    assert "focus:   https://w3id.org/mrkg/id/statement/000_454c943b3bec582e/3" in result.stderr
    assert "source:  000_454c943b3bec582e.txt, line " in result.stderr and "passage: “" in result.stderr
    assert published_documents(var) == {"001_572bfb9b02552e02.txt"}
    strict = mrkg(data, tmp_path / "strict", MRKG_SHAPES_DIR=str(shapes))
    assert strict.returncode == 1 and "a statement this test refuses" in strict.stderr


def test_when_every_source_is_refused_nothing_is_published(tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(PROJECT_ROOT / "data" / "catalogue", data / "catalogue")
    (data / "sources").mkdir()
    (data / "sources" / "empty.txt").write_bytes(b"")
    result = mrkg(data, tmp_path / "var", "--keep-going")
    assert result.returncode == 2, result.stderr
    assert "refused: empty.txt: empty.txt: the file is empty" in result.stderr
    assert "no source can be published" in result.stderr
    assert not (tmp_path / "var" / "current").exists()
