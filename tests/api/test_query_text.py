"""What is read from a query's text: its form, its own dataset, the USING clauses of an update."""
from __future__ import annotations

import pyoxigraph
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from api.query_text import DatasetConflict, QueryShape, _read_shape, plain_limit, query_shape, with_using


@pytest.mark.parametrize(("query", "form", "names_dataset"), [
    ("SELECT * WHERE { ?s ?p ?o }", "SELECT", False),
    ("PREFIX from: <http://x/> BASE <http://b/> select (1 AS ?from) { ?s ?p 'FROM' }", "SELECT", False),
    ("SELECT * FROM <http://g> WHERE { ?s ?p ?o }", "SELECT", True),
    ("SELECT * FROM NAMED <http://g> { GRAPH ?g { ?s ?p ?o } }", "SELECT", True),
    ("# FROM <x> in a comment\nASK { ?s ?p ?o }", "ASK", False),
    ("ASK FROM <http://g> { }", "ASK", True),
    ('CONSTRUCT { ?s <http://x/from> "FROM" } FROM <http://g> WHERE { ?s ?p ?o }', "CONSTRUCT", True),
    ("CONSTRUCT WHERE { ?s ?p ?o }", "CONSTRUCT", False),
    ("DESCRIBE <http://x>", "DESCRIBE", False),
    ("describe ?x from <http://g> where { ?x ?p ?o }", "DESCRIBE", True),
    ("SELECT * { { SELECT * { ?s ?p ?o } } FILTER(?o < 3) }", "SELECT", False),
    ("SELECT (?a<?b AS ?c) FROM <http://g> { }", "SELECT", True),
    ("INSERT DATA { <a:b> <a:c> <a:d> }", None, False),
    ("", None, False),
    ("PREFIX", None, False),
])
def test_query_shape(query: str, form: str | None, names_dataset: bool) -> None:
    shape = query_shape(query)
    assert (shape.form, shape.names_dataset) == (form, names_dataset)


def test_using_clauses_go_before_each_where_of_delete_insert() -> None:
    update = ("PREFIX a: <http://a/> DELETE { ?s a:p ?o } WHERE { ?s a:p ?o { SELECT * WHERE { ?s ?p ?o } } } ;\n"
              "DELETE WHERE { ?s a:q ?o } ;\nINSERT { ?s a:r 1 } WHERE { ?s a:p ?o }")
    rewritten = with_using(update, ("http://g1",), ("http://n1",))
    assert rewritten.count("USING <http://g1> USING NAMED <http://n1> WHERE") == 2
    assert "DELETE WHERE { ?s a:q ?o }" in rewritten  # DELETE WHERE takes no USING
    assert "SELECT * WHERE" in rewritten and "USING <http://g1> USING NAMED <http://n1> WHERE { ?s ?p ?o }" not in rewritten


def test_no_protocol_dataset_leaves_the_update_alone() -> None:
    assert with_using("WITH <http://g> DELETE { } WHERE { }", (), ()) == "WITH <http://g> DELETE { } WHERE { }"


@pytest.mark.parametrize("update", ["WITH <http://g> DELETE { ?s ?p ?o } WHERE { ?s ?p ?o }",
                                    "DELETE { ?s ?p ?o } USING <http://g> WHERE { ?s ?p ?o }"])
def test_protocol_dataset_and_update_dataset_conflict(update: str) -> None:
    with pytest.raises(DatasetConflict):
        with_using(update, ("http://other",), ())


OPENING_PIECES = ["PREFIX", "prefix", "BASE", " ", "\n", "\t", "ex:", "e.x:", ":", "<http://x/>", "<a b>", "<>",
                  "SELECT", "select", "ASK", "DESCRIBE", "CONSTRUCT", "FROM", "from", "NAMED", "{", "}", "(", ")",
                  "?x", "?from", "*", '"', "'", "#", "\\", "\\{", "WHERE", "é", "1", ".", "-", "_", "ASKx", "$y"]


@given(st.lists(st.sampled_from(OPENING_PIECES), max_size=14).map("".join))
def test_the_quick_reading_agrees_with_the_tokenizer(text: str) -> None:
    quick, full = query_shape.__wrapped__(text), _read_shape(text)
    assert (quick.form, quick.names_dataset) == (full.form, full.names_dataset)


@pytest.mark.parametrize("query", [
    'SELECT ("{" AS ?brace) FROM <http://g> WHERE { ?s ?p ?o }',
    "SELECT # {\n* FROM <http://g> { ?s ?p ?o }",
    "PREFIX ex: <http://x/> SELECT ?from FROM <http://g> { ?s ?p ?from }",
])
def test_a_brace_or_a_from_the_quick_reading_cannot_judge_goes_to_the_tokenizer(query: str) -> None:
    assert query_shape.__wrapped__(query) == QueryShape("SELECT", True, None)


@pytest.mark.parametrize(("query", "limit"), [
    ("SELECT * { ?s ?p ?o } LIMIT 5", 5),
    ("SELECT ?p (COUNT(?s) AS ?n) { ?s ?p ?o } GROUP BY ?p ORDER BY DESC(?n) ?p\nLIMIT 50 OFFSET 10", 50),
    ("select * { ?s ?p ?o } offset 2 limit 7", 7),
    ("SELECT * { ?s ?p ?o }", None),
    ("SELECT * { ?s ?p ?o } # } LIMIT 5", None),  # the last brace is in a comment
    ("SELECT * { ?s ?p ?o } LIMIT 5 VALUES ?s { <http://x> }", None),
    ("SELECT * { { SELECT * { ?s ?p ?o } LIMIT 5 } }", None),  # a subquery's limit bounds nothing outside
    ("SELECT * { ?s ?p ?o } ORDER BY STR(?o) LIMIT 5", None),  # not read: an expression
    ("ASK { } LIMIT 3", None),
])
def test_the_limit_of_the_whole_query_is_read_when_plain(query: str, limit: int | None) -> None:
    assert query_shape(query).limit == limit


BODY_PIECES = ["?s ?p ?o .", '"}"', '"} LIMIT 1"', "# } LIMIT 1\n", "{ ?s ?p ?o }", "FILTER(?o != 1)",
               "{ SELECT * { ?s ?p ?o } LIMIT 1 }", "\n", " "]
TAIL_PIECES = [" LIMIT 2", " LIMIT 9", " OFFSET 1", " # } LIMIT 1", " ORDER BY ?s", " GROUP BY ?s", " # x\n", "\n",
               " VALUES ?s { <http://example.org/s0> }", " }", ' "x"']


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(BODY_PIECES), max_size=5).map("".join),
       st.lists(st.sampled_from(TAIL_PIECES), max_size=4).map("".join))
def test_no_answer_has_more_rows_than_the_limit_read(body: str, tail: str) -> None:
    store = pyoxigraph.Store()
    for n in range(5):
        store.add(pyoxigraph.Quad(pyoxigraph.NamedNode(f"http://example.org/s{n}"),
                                  pyoxigraph.NamedNode("http://example.org/p"), pyoxigraph.Literal(n)))
    query = "SELECT * WHERE { " + body + " }" + tail
    limit = plain_limit(query)
    try:
        rows = len(list(store.query(query)))
    except (SyntaxError, RuntimeError):
        return  # not a query: the engine refuses it whatever was read
    assert limit is None or rows <= limit
