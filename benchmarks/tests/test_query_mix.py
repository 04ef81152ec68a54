"""The query mix answers on the data it is drawn from, with a distinct string per request."""
from __future__ import annotations

import pyoxigraph as ox
import pytest

from benchmarks.measure import count_rows
from benchmarks.query_mix import MIX, find_pools, searchable_words


def _column(store: ox.Store):  # noqa: ANN202 - the shape find_pools wants
    def answer(query: str) -> list[str]:
        solutions = store.query(query, use_default_graph_as_union=True)
        (variable,) = solutions.variables
        return [row[variable].value for row in solutions]
    return answer


@pytest.fixture(scope="module")
def pools(small_store: ox.Store):  # noqa: ANN201
    return find_pools(_column(small_store), seed=1)


def test_pools_are_drawn_the_same_way_each_time(small_store: ox.Store, pools) -> None:  # noqa: ANN001
    assert find_pools(_column(small_store), seed=1) == pools
    assert find_pools(_column(small_store), seed=2) != pools


@pytest.mark.parametrize("query", MIX, ids=lambda q: q.name)
def test_every_request_is_a_new_string_with_an_answer(small_store: ox.Store, pools, query) -> None:  # noqa: ANN001
    texts = [query.text(pools, i) for i in range(300)]
    assert len(set(texts)) == len(texts) or query.name == "describe" and len(set(texts)) == min(300, len(pools.statements))
    answered = 0
    for text in texts[:5]:
        result = small_store.query(text, use_default_graph_as_union=True)
        if query.form == "graph":
            answered += len(list(result))
        else:
            answered += len(list(result))
    assert answered > 0


def test_the_path_and_the_materialised_link_give_the_same_answers(small_store: ox.Store, pools) -> None:  # noqa: ANN001
    join = next(q for q in MIX if q.name == "instrument-join")
    path = next(q for q in MIX if q.name == "instrument-path")
    for i in range(len(pools.instruments)):
        by_link = {tuple(str(v) for v in row) for row in small_store.query(join.text(pools, i), use_default_graph_as_union=True)}
        by_path = {tuple(str(v) for v in row) for row in small_store.query(path.text(pools, i), use_default_graph_as_union=True)}
        assert by_link == by_path


def test_searchable_words_are_neither_rare_nor_everywhere() -> None:
    texts = ["migrant detention centres", "detention of children", "consular assistance", "migrant workers",
             "migrant families", "migrant rights"]
    words = searchable_words(texts)
    assert "detention" in words
    assert "migrant" not in words  # in four of six texts
    assert "consular" not in words  # in one only


def test_rows_are_counted_in_every_answer_format() -> None:
    select = b'{"head":{"vars":["s"]},"results":{"bindings":[{"s":{"type":"uri","value":"http://a"}},{}]}}'
    assert count_rows(select, "application/sparql-results+json", "select") == 2
    triples = b"<http://a> <http://p> <http://b> .\n<http://a> <http://p> <http://c> .\n"
    assert count_rows(triples, "application/n-triples", "graph") == 2
    rdf_xml = (b'<?xml version="1.0"?><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" '
               b'xmlns:p="http://p/"><rdf:Description rdf:about="http://a"><p:q>x</p:q></rdf:Description></rdf:RDF>')
    assert count_rows(rdf_xml, "application/sparql-results+xml", "graph") == 1
    with pytest.raises(ValueError):
        count_rows(b"?", "text/plain", "graph")
