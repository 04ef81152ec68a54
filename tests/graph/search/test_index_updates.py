"""The index is built by ``mrkg build`` into each release and updated with it (issue 13 item 1).

Real builds of the five sources in a scratch folder: a build that read one source again changes
that document's rows of the index and no other statement's (their row ids are kept), and answers
what a full build of the same sources answers.
"""
from __future__ import annotations

import shutil
import sqlite3
from contextlib import closing
from pathlib import Path

import pytest

from graph.pipeline import build
from graph.search import SearchRequest, index_file, search
from graph.settings import PROJECT_ROOT, Settings

CHANGED = "000_454c943b3bec582e"
STATEMENT = "https://w3id.org/mrkg/id/statement/"


def rows(var: Path) -> dict[str, tuple[object, ...]]:
    """Every entry of the current index: iri -> (row id, kind, label, text, lang, date, facets)."""
    with closing(sqlite3.connect(index_file((var / "current").resolve()))) as db:
        facets: dict[int, list[tuple[str, str]]] = {}
        for name, value, rowid in db.execute("SELECT v.name, v.value, f.id FROM facets f JOIN facet_values v "
                                             "ON v.code = f.code ORDER BY v.name, v.value"):
            facets.setdefault(rowid, []).append((name, value))
        return {iri: (rowid, kind, label, text, lang, date, tuple(facets.get(rowid, ())))
                for rowid, iri, kind, label, text, lang, date in db.execute("SELECT * FROM entries")}


def ids(var: Path, text: str) -> list[str]:
    answer = search(index_file((var / "current").resolve()), SearchRequest(text, size=100))
    return [hit.id for hit in answer.results]


def scored(var: Path, text: str) -> list[tuple[str, float]]:
    """Every match with its score, page after page (equal scores may come in another order: by row id)."""
    found: list[tuple[str, float]] = []
    page = 1
    while True:
        answer = search(index_file((var / "current").resolve()), SearchRequest(text, size=100, page=page))
        found += [(hit.id, hit.score) for hit in answer.results]
        if len(found) >= answer.total:
            return sorted(found)
        page += 1


@pytest.fixture(scope="module")
def builds(tmp_path_factory: pytest.TempPathFactory) -> dict[str, object]:
    """One build, then one after a word was added to one source; their rows and the progress lines."""
    root = tmp_path_factory.mktemp("search-updates")
    data, var = root / "data", root / "var"
    shutil.copytree(PROJECT_ROOT / "data", data)
    settings = Settings(data_dir=data, var_dir=var)
    first_lines: list[str] = []
    build(settings, first_lines.append)
    before = rows(var)
    source = data / "sources" / f"{CHANGED}.txt"
    text = source.read_text(encoding="utf-8")
    assert "The effects of the pandemic" in text
    source.write_text(text.replace("The effects of the pandemic", "The effects of the zebrafish pandemic", 1),
                      encoding="utf-8")
    lines: list[str] = []
    build(settings, lines.append)
    return {"root": root, "settings": settings, "first": first_lines, "lines": lines, "before": before,
            "after": rows(var), "var": var}


def test_a_build_writes_the_index_into_its_release(builds: dict) -> None:  # type: ignore[type-arg]
    assert any(line.startswith("search index: ") and line.endswith(" entries") for line in builds["first"])
    var: Path = builds["var"]
    assert index_file((var / "current").resolve()).is_file()


def test_one_source_changed_changes_its_rows_only(builds: dict) -> None:  # type: ignore[type-arg]
    before, after = builds["before"], builds["after"]
    assert [line for line in builds["lines"] if line.startswith("search index: updated")]
    others = [iri for iri in before if iri.startswith(STATEMENT) and not iri.startswith(STATEMENT + CHANGED)]
    assert len(others) > 200
    assert all(after[iri] == before[iri] for iri in others)  # row id included: not taken out and put back
    own = [iri for iri in after if iri.startswith(STATEMENT + CHANGED)]
    changed = [iri for iri in own if after[iri][3] != before.get(iri, (None,) * 4)[3]]
    assert len(changed) == 1 and "zebrafish" in str(after[changed[0]][3])
    assert set(before) == set(after)


def test_the_updated_index_answers_as_a_full_build_does(builds: dict) -> None:  # type: ignore[type-arg]
    var: Path = builds["var"]
    assert ids(var, "zebrafish") == [f"{STATEMENT}{CHANGED}/16"]
    incremental = {iri: row[1:] for iri, row in builds["after"].items()}
    queries = ["detention", '"alternatives to detention"', "migra*", "Mexico NOT children", "zebrafish"]
    answers = [scored(var, text) for text in queries]
    build(builds["settings"], full=True)
    assert {iri: row[1:] for iri, row in rows(var).items()} == incremental
    assert [scored(var, text) for text in queries] == answers


def test_an_index_changed_after_it_was_published_is_written_again(builds: dict) -> None:  # type: ignore[type-arg]
    var: Path = builds["var"]
    with closing(sqlite3.connect(index_file((var / "current").resolve()))) as db:
        db.execute("DELETE FROM entries WHERE iri LIKE ?", (STATEMENT + "003%",))
        db.commit()
    source = builds["root"] / "data" / "sources" / f"{CHANGED}.txt"
    source.write_text(source.read_text(encoding="utf-8").replace("zebrafish ", "", 1), encoding="utf-8")
    lines: list[str] = []
    build(builds["settings"], lines.append)
    assert [line for line in lines if line.startswith("search index: ") and "updated" not in line]
    assert ids(var, "zebrafish") == []
    assert set(rows(var)) == set(builds["before"])  # the rows taken out behind its back are back
