"""What is told of a query before it runs: its form, its own dataset, its LIMIT, an update's USING clauses.

The web process takes a quick look (graph.sparql.quick_look); when that cannot
tell, the worker reads the query (graph.sparql).  Both must agree with each
other and with the engine.
"""
from __future__ import annotations

import pyoxigraph
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from graph.errors import QuerySyntaxError
from graph.sparql import read_query, read_update
from graph.sparql.quick_look import QueryShape, plain_limit, usual_shape
from graph.sparql.reading import DatasetConflict


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
    ("PREFIX named: <http://n/> SELECT * FROM named:x { }", "SELECT", True),
])
def test_the_form_and_the_dataset_are_read(query: str, form: str, names_dataset: bool) -> None:
    reading = read_query(query)
    assert (reading.form, reading.names_dataset) == (form, names_dataset)
    quick = usual_shape(query)
    assert quick is None or (quick.form, quick.names_dataset) == (form, names_dataset)


@pytest.mark.parametrize("text", ["INSERT DATA { <a:b> <a:c> <a:d> }", "", "PREFIX", "SELECT"])
def test_what_is_not_a_query_is_told_with_its_place(text: str) -> None:
    with pytest.raises(QuerySyntaxError) as refused:
        read_query(text)
    assert str(refused.value).startswith(f"error at {refused.value.line}:{refused.value.column}: ")
    assert usual_shape(text) is None


OPENING_PIECES = ["PREFIX", "prefix", "BASE", " ", "\n", "\t", "ex:", "e.x:", ":", "<http://x/>", "<a b>", "<>",
                  "SELECT", "select", "ASK", "DESCRIBE", "CONSTRUCT", "FROM", "from", "NAMED", "{", "}", "(", ")",
                  "?x", "?from", "*", '"', "'", "#", "\\", "\\{", "WHERE", "é", "1", ".", "-", "_", "ASKx", "$y"]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(OPENING_PIECES), max_size=14).map("".join))
def test_the_quick_look_agrees_with_the_reading_whenever_it_tells(text: str) -> None:
    quick = usual_shape(text)
    try:
        reading = read_query(text, base_iri="http://example.org/sparql")
    except QuerySyntaxError:
        return  # the engine refuses it too (tests/graph/sparql/test_differential.py)
    assert quick is None or (quick.form, quick.names_dataset) == (reading.form, reading.names_dataset)


@pytest.mark.parametrize(("query", "limit"), [
    ("SELECT * { ?s ?p ?o } LIMIT 5", 5),
    ("SELECT ?p (COUNT(?s) AS ?n) { ?s ?p ?o } GROUP BY ?p ORDER BY DESC(?n) ?p\nLIMIT 50 OFFSET 10", 50),
    ("select * { ?s ?p ?o } offset 2 limit 7", 7),
    ("SELECT * { ?s ?p ?o }", None),
    ("SELECT * { ?s ?p ?o } # } LIMIT 5", None),  # the last brace is in a comment
    ("SELECT * { { SELECT * { ?s ?p ?o } LIMIT 5 } }", None),  # a subquery's limit bounds nothing outside
    ("ASK { } LIMIT 3", None),
])
def test_the_limit_of_the_whole_query_is_read_when_plain(query: str, limit: int | None) -> None:
    assert (usual_shape(query) or QueryShape("?", False)).limit == limit


@pytest.mark.parametrize(("query", "limit"), [
    ("SELECT * { ?s ?p ?o } LIMIT 5 VALUES ?s { <http://x> }", 5),
    ("SELECT * { ?s ?p ?o } ORDER BY STR(?o) LIMIT 5", 5),
    ("SELECT * { ?s ?p ?o } OFFSET 1 LIMIT 18446744073709551615", 18446744073709551615),
    ("SELECT * { { SELECT * { ?s ?p ?o } LIMIT 5 } } # LIMIT 3", None),
])
def test_the_reading_finds_the_limit_the_quick_look_cannot(query: str, limit: int | None) -> None:
    assert read_query(query).limit == limit


def test_a_limit_too_large_for_the_engine_is_left_to_the_reading_which_says_so() -> None:
    query = "SELECT * WHERE { ?s ?p ?o } LIMIT 18446744073709551616"
    assert usual_shape(query) is None
    with pytest.raises(QuerySyntaxError) as refused:
        read_query(query)
    assert str(refused.value) == ("error at 1:35: LIMIT 18446744073709551616 is larger than the largest the engine "
                                  "accepts (18446744073709551615)")


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
    try:
        rows = len(list(store.query(query)))
    except (SyntaxError, RuntimeError):
        return  # not a query: the engine refuses it whatever was read
    limits = [plain_limit(query), read_query(query).limit]
    assert all(limit is None or rows <= limit for limit in limits)
    assert limits[0] is None or limits[0] == limits[1]


def test_using_clauses_go_before_each_where_of_delete_insert() -> None:
    update = ("PREFIX a: <http://a/> DELETE { ?s a:p ?o } WHERE { ?s a:p ?o { SELECT * WHERE { ?s ?p ?o } } } ;\n"
              "DELETE WHERE { ?s a:q ?o } ;\nINSERT { ?s a:r 1 } WHERE { ?s a:p ?o }")
    rewritten = read_update(update).with_using(update, ("http://g1",), ("http://n1",))
    assert rewritten.count("USING <http://g1> USING NAMED <http://n1> WHERE") == 2
    assert "DELETE WHERE { ?s a:q ?o }" in rewritten  # DELETE WHERE takes no USING
    assert "SELECT * WHERE" in rewritten and "USING <http://g1> USING NAMED <http://n1> WHERE { ?s ?p ?o }" not in rewritten
    read_update(rewritten)  # still an update


def test_no_protocol_dataset_leaves_the_update_alone() -> None:
    update = "WITH <http://g> DELETE { } WHERE { }"
    assert read_update(update).with_using(update, (), ()) == update


@pytest.mark.parametrize("update", ["WITH <http://g> DELETE { ?s ?p ?o } WHERE { ?s ?p ?o }",
                                    "DELETE { ?s ?p ?o } USING <http://g> WHERE { ?s ?p ?o }"])
def test_protocol_dataset_and_update_dataset_conflict(update: str) -> None:
    with pytest.raises(DatasetConflict):
        read_update(update).with_using(update, ("http://other",), ())


def test_distinct_large_queries_leave_nothing_behind() -> None:
    """Nothing on the web process's path keeps query texts (issue 10 item 6): memory does not grow with them."""
    import tracemalloc

    body = "SELECT * WHERE { ?s ?p ?o FILTER(?o IN (" + ",".join(str(n) for n in range(150_000)) + ")) }"
    tracemalloc.start()
    before = tracemalloc.get_traced_memory()[0]
    for n in range(300):
        text = f"# {n}\n" + body  # distinct texts of 0.9 MB, as an attacker would send them
        usual_shape(text)
        plain_limit(text)
        del text
    grown = tracemalloc.get_traced_memory()[0] - before
    tracemalloc.stop()
    assert len(body) > 900_000
    assert grown < 2_000_000, f"{grown:,} bytes kept after 300 distinct queries of 0.9 MB"
