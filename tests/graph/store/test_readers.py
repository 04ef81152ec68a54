"""PooledData, the door of the pages and the command line: a worker's answers read back as Oxigraph objects."""
from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest

from graph.errors import QueryError, StoreError
from graph.settings import Settings
from graph.store import PublishedData, triples_of
from graph.store.readers import UNCAPPED_ROWS, published_data
from graph.vocab import PREFIX_MAP

STATEMENTS = "SELECT ?s WHERE { ?s a mrkg:Statement } ORDER BY ?s"


@pytest.fixture(scope="module")
def settings(store_path: str) -> Settings:
    return Settings(var_dir=Path(store_path).parents[2])  # var/releases/<id>/store


def test_every_kind_of_answer_comes_back_as_oxigraph_objects(settings: Settings) -> None:
    with published_data(settings, guard=False, row_cap=UNCAPPED_ROWS) as data:
        door: PublishedData = data
        solutions = door.query(STATEMENTS + " LIMIT 3", prefixes=PREFIX_MAP)
        assert isinstance(solutions, ox.QuerySolutions)
        rows = [row["s"].value for row in solutions]
        assert len(rows) == 3 and all(r.startswith("https://w3id.org/mrkg/id/statement/") for r in rows)
        assert door.query("ASK { ?s a mrkg:Statement }", prefixes=PREFIX_MAP)
        graph = triples_of(door.query(f"CONSTRUCT {{ <{rows[0]}> ?p ?o }} WHERE {{ <{rows[0]}> ?p ?o }}"))
        assert graph and all(t.subject == ox.NamedNode(rows[0]) for t in graph)
        assert any(t.predicate.value == PREFIX_MAP["mrkg"] + "text" for t in graph)


def test_the_row_cap_cuts_an_answer_and_says_so(settings: Settings) -> None:
    with published_data(settings, guard=True, row_cap=2) as data:
        cut = data.read(STATEMENTS, prefixes=PREFIX_MAP)
        whole = data.read(STATEMENTS + " LIMIT 1", prefixes=PREFIX_MAP)
    assert isinstance(cut.answer, ox.QuerySolutions) and cut.truncated and len(list(cut.answer)) == 2
    assert not whole.truncated


def test_guarded_texts_are_refused_in_words_and_the_services_own_are_faults(settings: Settings) -> None:
    with published_data(settings, guard=True, row_cap=10) as data:
        with pytest.raises(QueryError, match="malformed query"):
            data.query("SELEKT * WHERE {}")
        with pytest.raises(QueryError) as refused:
            data.query("SELECT * WHERE { SERVICE <http://127.0.0.1:1/> { ?s ?p ?o } }")
        assert refused.value.status == 403 and "127.0.0.1:1" in str(refused.value)
    with published_data(settings, guard=False, row_cap=10) as data:
        with pytest.raises(RuntimeError, match="refused"):  # a page's own query that fails is the service's fault
            data.query("SELEKT * WHERE {}")


def test_nothing_published_says_what_to_do(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="mrkg build"):
        with published_data(Settings(var_dir=tmp_path), guard=True, row_cap=10):
            pass
