"""A build redoes only what a change touches, and publishes what a full build of the same data would (issue 11, point 4).

Real builds of real files: a summary record of the Committee and synthetic records of two of
its sessions (``benchmarks/summary_records.py``).  Which sources a build read is in its
summary and in ``build.json`` (each document's ``read``), and in its progress lines.
"""
from __future__ import annotations

import gzip
import json
from collections import Counter
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pyoxigraph as ox
import pytest

from benchmarks.summary_records import write_records
from graph import build_inputs
from graph.build_summary import BuildSummary
from graph.pipeline import build
from graph.settings import PROJECT_ROOT, Settings

FIXTURES = PROJECT_ROOT / "tests" / "fixtures" / "summary_record"
DUMPS = ("mrkg.nq.gz", "mrkg.ttl.gz", "mrkg.jsonld.gz", "manifest.json")


def corpus(root: Path) -> Path:
    """A data folder: the catalogue, one real record, six synthetic records of two sessions."""
    data = root / "data"
    shutil.copytree(PROJECT_ROOT / "data" / "catalogue", data / "catalogue")
    write_records(data / "sources", sessions=2, per_session=3, one_more=root / "more")
    shutil.copy(FIXTURES / "cmw_511_same_session.txt", data / "sources" / "cmw-c-sr-511.txt")
    return data


def settings(data: Path, var: Path, **paths: Path) -> Settings:
    return Settings(data_dir=data, var_dir=var, **paths)


def quads(var: Path) -> set[str]:
    return {str(quad) for quad in ox.Store.read_only(str(var / "current" / "store"))}


def dumps(var: Path) -> dict[str, bytes]:
    return {name: (var / "current" / "dumps" / name).read_bytes() for name in DUMPS}


def record(var: Path) -> dict:  # type: ignore[type-arg]
    return json.loads((var / "current" / "build.json").read_text())


def lines(summary_lines: list[str], prefix: str) -> list[str]:
    return [line for line in summary_lines if line.startswith(prefix)]


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    root = tmp_path_factory.mktemp("incremental")
    data = corpus(root)
    build(settings(data, root / "var"))
    return root, data


def copy(built: tuple[Path, Path], target: Path) -> tuple[Path, Path]:
    root, data = built
    shutil.copytree(data, target / "data")
    shutil.copytree(root / "var", target / "var", symlinks=True)
    shutil.copytree(root / "more", target / "more")
    return target / "data", target / "var"


def test_a_build_reads_only_the_sources_that_changed_and_publishes_what_a_full_build_would(
        built: tuple[Path, Path], tmp_path: Path) -> None:
    data, var = copy(built, tmp_path)
    sources = data / "sources"
    before = (var / "current").resolve()
    changed = sorted(sources.glob("synthetic-*.txt"))[1]
    changed.write_text(changed.read_text().replace(" said that ", " stated that ", 1), encoding="utf-8")
    added = next((tmp_path / "more").iterdir())
    shutil.copy(added, sources / added.name)

    said: list[str] = []
    summary = build(settings(data, var), said.append)
    assert sorted(summary.read) == sorted([changed.name, added.name])
    assert {d["source"] for d in record(var)["documents"] if d["read"]} == {changed.name, added.name}
    assert sorted(line.split(":")[0].strip() for line in lines(said, "  ")) == sorted([changed.name, added.name])
    assert f"read 2 of {len(list(sources.iterdir()))} sources, 6 as they were" in said
    assert any(line.startswith("graphs: 2 written and checked, 6 as they were") for line in said), said
    assert any(line.startswith("store: updated: ") for line in said), said  # from the current store's checkpoint
    assert (var / "current").resolve() != before

    full = tmp_path / "full"
    build(settings(data, full), full=True)
    assert quads(var) == quads(full)
    assert dumps(var) == dumps(full), "the same parts give the same dump bytes, however the release was made"
    for name in DUMPS[:3]:
        gzip.decompress(dumps(var)[name])  # one valid gzip stream, members and all

    # The release made from a checkpoint is a store of its own: the one it was copied from can go.
    shutil.rmtree(before)
    assert quads(var) == quads(full)


def test_nothing_changed_publishes_nothing(built: tuple[Path, Path], tmp_path: Path) -> None:
    data, var = copy(built, tmp_path)
    before = (var / "current").resolve()
    releases = sorted(p.name for p in (var / "releases").iterdir())
    said: list[str] = []
    summary = build(settings(data, var), said.append)
    assert summary.unchanged and summary.read == [] and summary.release == before
    assert any(line.startswith("nothing changed: the 7 sources, the catalogue, the ontology, the shapes and the code")
               for line in said), said
    assert not any(line.startswith(("catalogue:", "graphs:", "store:", "published:")) for line in said), said
    assert sorted(p.name for p in (var / "releases").iterdir()) == releases


def test_the_inferred_links_of_a_removed_source_leave_the_cache(built: tuple[Path, Path], tmp_path: Path) -> None:
    data, var = copy(built, tmp_path)
    inferred = var / "build" / "inferred"
    kept_before = sorted(path.read_text() for path in inferred.rglob("*.json"))
    assert len(kept_before) == 7  # one entry per source: its part, or "none"
    removed = sorted((data / "sources").iterdir())[0]
    removed.unlink()
    build(settings(data, var))
    kept_after = sorted(path.read_text() for path in inferred.rglob("*.json"))
    assert len(kept_after) == 6
    assert not Counter(kept_after) - Counter(kept_before)  # the other sources' entries, as they were


def test_the_command_says_nothing_changed(built: tuple[Path, Path], tmp_path: Path) -> None:
    data, var = copy(built, tmp_path)
    result = subprocess.run([sys.executable, "-m", "graph.cli", "build"], capture_output=True, text=True,
                            timeout=600, env=dict(os.environ, MRKG_DATA_DIR=str(data), MRKG_VAR_DIR=str(var)))
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("nothing changed: 7 documents, ")
    assert f"→ {(var / 'current').resolve()}" in result.stdout


@pytest.mark.parametrize("changed", ["catalogue", "ontology", "shapes"])
def test_a_change_to_the_catalogue_ontology_or_shapes_redoes_every_source(
        built: tuple[Path, Path], tmp_path: Path, changed: str) -> None:
    data, var = copy(built, tmp_path)
    if changed == "catalogue":
        folder = data / "catalogue"
        extra: dict[str, Path] = {}
    else:
        folder = tmp_path / changed
        shutil.copytree(PROJECT_ROOT / changed, folder)
        extra = {f"{changed}_dir": folder}
    first = sorted(folder.glob("*.yaml" if changed == "catalogue" else "*.ttl"))[0]
    with first.open("a", encoding="utf-8") as text:
        text.write("\n# a comment: nothing but the file's digest changes\n")
    summary = build(settings(data, var, **extra))
    assert sorted(summary.read) == sorted(p.name for p in (data / "sources").iterdir())
    assert not summary.unchanged


def test_the_code_that_reads_sources_is_in_the_reading_digest(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    code = tmp_path / "graph"
    shutil.copytree(PROJECT_ROOT / "graph", code, ignore=shutil.ignore_patterns("__pycache__"))
    monkeypatch.setattr(build_inputs, "GRAPH_PACKAGE", code)
    options = Settings()
    before = build_inputs.reading_digest(options)
    with (code / "parse" / "speakers.py").open("a") as reader:
        reader.write("\n# a reader changed\n")
    assert build_inputs.reading_digest(options) != before
    changed = build_inputs.reading_digest(options)
    with (code / "cli.py").open("a") as command:
        command.write("\n# the command line changed: no source is read otherwise\n")
    assert build_inputs.reading_digest(options) == changed


def test_every_module_a_build_imports_is_counted_in_the_reading_digest_or_said_not_to_read() -> None:
    listed = subprocess.run(
        [sys.executable, "-c", "import sys, graph.cli, graph.pipeline; "
                               "print('\\n'.join(m.__file__ for m in list(sys.modules.values()) "
                               "if getattr(m, '__file__', None) and m.__name__.startswith('graph')))"],
        capture_output=True, text=True, check=True, cwd=PROJECT_ROOT)
    counted = [build_inputs.GRAPH_PACKAGE / entry for entry in build_inputs.READING_CODE]
    declared = [build_inputs.GRAPH_PACKAGE / entry for entry in build_inputs.NOT_READING_CODE]
    unaccounted = []
    for name in listed.stdout.split():
        path = Path(name)
        if any(path == entry or entry in path.parents for entry in (*counted, *declared)):
            continue
        unaccounted.append(str(path.relative_to(build_inputs.GRAPH_PACKAGE)))
    assert unaccounted == []


def test_an_actor_that_resolves_otherwise_rewrites_the_graphs_that_name_it_without_reading_them(
        built: tuple[Path, Path], tmp_path: Path) -> None:
    """"Mr. Flynn" of SR.511 is one person with the "Mr. Michael Flynn" of a record added later: SR.511's graph
    is written again with the new key, from the document its first build kept, and is not read again."""
    data, var = copy(built, tmp_path)
    sources = data / "sources"
    text = (FIXTURES / "cmw_511_same_session.txt").read_text(encoding="utf-8")
    newer = text.replace("511", "517").replace("Mr. Flynn (Global Detention Project)",
                                                "Mr. Michael Flynn (Global Detention Project)")
    assert newer != text.replace("511", "517")
    (sources / "cmw-c-sr-517.txt").write_text(newer, encoding="utf-8")
    said: list[str] = []
    summary = build(settings(data, var), said.append)
    assert summary.read == ["cmw-c-sr-517.txt"]
    assert any(line.startswith("graphs: 2 written and checked, 6 as they were") for line in said), said
    flynn = "<https://w3id.org/mrkg/id/actor/michael-flynn>"
    speakers = ox.Store.read_only(str(var / "current" / "store")).query(
        "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s <https://w3id.org/mrkg/ontology#speaker> " + flynn + " } }")
    assert {row["g"].value.rsplit("/", 1)[-1] for row in speakers} == {"cmw-c-sr-511", "cmw-c-sr-517"}
    full = tmp_path / "full"
    build(settings(data, full), full=True)
    assert quads(var) == quads(full) and dumps(var) == dumps(full)


def test_a_damaged_current_store_is_not_copied(built: tuple[Path, Path], tmp_path: Path) -> None:
    data, var = copy(built, tmp_path)
    table = max((var / "current").resolve().joinpath("store").glob("*.sst"), key=lambda p: p.stat().st_size)
    with table.open("r+b") as handle:
        handle.seek(100)
        handle.write(b"\0" * 64)
    added = next((tmp_path / "more").iterdir())
    shutil.copy(added, data / "sources" / added.name)
    said: list[str] = []
    build(settings(data, var), said.append)
    assert any(line.startswith("store: loaded ") for line in said), said
    full = tmp_path / "full"
    build(settings(data, full), full=True)
    assert quads(var) == quads(full)


def test_a_summary_of_nothing_changed_reads_its_release(built: tuple[Path, Path]) -> None:
    root, _ = built
    summary = BuildSummary.from_record(record(root / "var"), (root / "var" / "current").resolve())
    assert len(summary.documents) == 7 and summary.unchanged and summary.triples > 0
