"""What is read from a query's text: its form, its own dataset, the USING clauses of an update."""
from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from api.query_text import DatasetConflict, QueryShape, _read_shape, query_shape, with_using


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
    assert query_shape.__wrapped__(text) == _read_shape(text)


@pytest.mark.parametrize("query", [
    'SELECT ("{" AS ?brace) FROM <http://g> WHERE { ?s ?p ?o }',
    "SELECT # {\n* FROM <http://g> { ?s ?p ?o }",
    "PREFIX ex: <http://x/> SELECT ?from FROM <http://g> { ?s ?p ?from }",
])
def test_a_brace_or_a_from_the_quick_reading_cannot_judge_goes_to_the_tokenizer(query: str) -> None:
    assert query_shape.__wrapped__(query) == QueryShape("SELECT", True)
