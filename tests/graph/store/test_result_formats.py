"""Answers written by Oxigraph's writers and cut exactly at max_rows, whatever the format and the size."""
from __future__ import annotations

import pyoxigraph
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from graph.formats import ANSWER_GRAPH_FORMATS as GRAPH_FORMATS
from graph.formats import RESULTS_FORMATS
from graph.store.result_formats import write_boolean, write_graph, write_solutions

RESULT_FORMATS = {"json": pyoxigraph.QueryResultsFormat.JSON, "xml": pyoxigraph.QueryResultsFormat.XML,
                  "tsv": pyoxigraph.QueryResultsFormat.TSV}
RDF_FORMATS = {"turtle": pyoxigraph.RdfFormat.TURTLE, "ntriples": pyoxigraph.RdfFormat.N_TRIPLES,
               "jsonld": pyoxigraph.RdfFormat.JSON_LD, "rdfxml": pyoxigraph.RdfFormat.RDF_XML,
               "nquads": pyoxigraph.RdfFormat.N_QUADS, "trig": pyoxigraph.RdfFormat.TRIG}


def store_with(rows: int) -> pyoxigraph.Store:
    """``rows`` subjects, each with a tricky literal (newline, tab, quote, comma, markup) and a blank node."""
    store = pyoxigraph.Store()
    ex = "http://example.org/"
    for n in range(rows):
        subject = pyoxigraph.NamedNode(f"{ex}s{n}")
        store.add(pyoxigraph.Quad(subject, pyoxigraph.NamedNode(ex + "text"),
                                  pyoxigraph.Literal(f'line\n{n}\t"quoted", <b>&amp;</b>', language="en")))
        store.add(pyoxigraph.Quad(subject, pyoxigraph.NamedNode(ex + "node"), pyoxigraph.BlankNode(f"b{n}")))
    return store


def read_back(body: bytes, fmt: str) -> list[tuple[str, ...]]:
    return [tuple(str(term) for term in row) for row in pyoxigraph.parse_query_results(body, format=RESULT_FORMATS[fmt])]


@pytest.mark.parametrize("fmt", ["json", "xml", "tsv"])
@pytest.mark.parametrize(("rows", "cap"), [(0, 10), (3, 10), (10, 10), (11, 10), (2000, 10), (2000, 1999), (2000, 4000)])
def test_solutions_are_cut_exactly(fmt: str, rows: int, cap: int) -> None:
    store = store_with(rows // 2 + rows % 2)
    query = f"SELECT ?s ?p ?o WHERE {{ ?s ?p ?o }} ORDER BY ?s ?p LIMIT {rows}"
    written = write_solutions(lambda: store.query(query), fmt, cap)
    expected = [tuple(str(t) for t in row) for row in store.query(query)][:cap]
    got = read_back(written.body, fmt)
    assert [row[0] for row in got] == [row[0] for row in expected]  # order kept
    assert len(got) == min(rows, cap)
    assert written.truncated == (rows > cap)


def test_csv_is_cut_exactly_even_with_newlines_in_values() -> None:
    store = store_with(600)  # 1,200 rows, each value with a newline inside
    written = write_solutions(lambda: store.query("SELECT ?o WHERE { ?s ?p ?o }"), "csv", 1000)
    assert written.truncated and written.rows == 1000
    import csv
    import io
    assert len(list(csv.reader(io.StringIO(written.body.decode())))) == 1 + 1000


def test_a_result_with_no_variables_keeps_its_rows() -> None:
    store = pyoxigraph.Store()
    for fmt in ("json", "xml", "tsv"):
        written = write_solutions(lambda: store.query("SELECT * WHERE { }"), fmt, 5)
        assert len(read_back(written.body, fmt)) == 1 and not written.truncated


@pytest.mark.parametrize("fmt", [f.name for f in GRAPH_FORMATS])
@pytest.mark.parametrize(("triples", "cap"), [(0, 5), (4, 5), (6, 5), (400, 399)])
def test_graphs_are_cut_exactly(fmt: str, triples: int, cap: int) -> None:
    store = store_with(triples // 2 + triples % 2)
    query = f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ {{ SELECT * WHERE {{ ?s ?p ?o }} LIMIT {triples} }} }}"
    written = write_graph(store.query(query), fmt, cap, {"ex": "http://example.org/", "unused": "http://unused.example/"})
    parsed = list(pyoxigraph.parse(written.body, format=RDF_FORMATS[fmt]))
    assert len(parsed) == min(triples, cap)
    assert written.truncated == (triples > cap)
    if fmt == "turtle" and triples:
        assert b"@prefix ex: <http://example.org/>" in written.body and b"unused" not in written.body


@pytest.mark.parametrize("fmt", [f.name for f in RESULTS_FORMATS])
def test_booleans(fmt: str) -> None:
    store = pyoxigraph.Store()
    assert b"true" in write_boolean(store.query("ASK {}"), fmt).body
    assert b"false" in write_boolean(store.query("ASK { ?s ?p ?o }"), fmt).body


literals = st.builds(
    pyoxigraph.Literal,
    st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=20),
    language=st.one_of(st.none(), st.sampled_from(["en", "fr", "es-419"])),
)


@settings(max_examples=60, deadline=None)
@given(values=st.lists(literals, max_size=30), cap=st.integers(0, 40), fmt=st.sampled_from(["json", "xml", "tsv"]))
def test_any_literal_survives_the_round_trip(values: list[pyoxigraph.Literal], cap: int, fmt: str) -> None:
    store = pyoxigraph.Store()
    for n, value in enumerate(values):
        store.add(pyoxigraph.Quad(pyoxigraph.NamedNode(f"http://example.org/s{n:03}"),
                                  pyoxigraph.NamedNode("http://example.org/p"), value))
    query = "SELECT ?s ?o WHERE { ?s ?p ?o } ORDER BY ?s"
    written = write_solutions(lambda: store.query(query), fmt, cap)
    expected = [(str(row["s"]), str(row["o"])) for row in store.query(query)][:cap]
    assert read_back(written.body, fmt) == expected
    assert written.truncated == (len(values) > cap)


@pytest.mark.parametrize("fmt", ["json", "xml", "csv", "tsv"])
def test_an_answer_bound_by_its_limit_is_evaluated_once_and_not_counted(fmt: str) -> None:
    store = store_with(1000)  # 2,000 rows: far more bytes than twice the cap
    query = "SELECT ?s ?p ?o WHERE { ?s ?p ?o } ORDER BY ?s ?p LIMIT 1500"
    evaluations: list[int] = []

    def evaluate() -> pyoxigraph.QuerySolutions:
        evaluations.append(1)
        return store.query(query)

    written = write_solutions(evaluate, fmt, 1500, bound=1500)
    assert len(evaluations) == 1 and not written.truncated
    assert written.body == store.query(query).serialize(format=getattr(pyoxigraph.QueryResultsFormat, fmt.upper()))
    evaluations.clear()
    over = write_solutions(evaluate, fmt, 1000, bound=1500)  # a bound above the cap proves nothing
    assert over.truncated and over.rows == 1000
