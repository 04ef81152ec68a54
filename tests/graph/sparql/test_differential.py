"""The reader and the engine accept the same texts and read the same form, dataset and LIMIT in them.

On every query and update of the W3C SPARQL 1.1 test suites (syntax and
evaluation tests), and on queries generated in the many ways the grammar
allows to write a dataset or a LIMIT.  A text only the reader refuses is
safe (it is not run) and must be listed, with a reason, in
``tests/fixtures/sparql-parser-disagreements.txt``; a text only the engine
refuses is a bug.
"""
from __future__ import annotations

import os
from pathlib import Path

import pytest
from engine_judge import Engine
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from spellings import EX, SERVICE_BASE, DatasetQuery, dataset_queries

from graph.errors import QueryError
from graph.sparql import read_query, read_update

PROJECT_ROOT = Path(__file__).resolve().parents[3]
# The W3C SPARQL test suites (https://github.com/w3c/rdf-tests, sparql/sparql11/ …): the folders MRKG_W3C_SUITES
# names (separated by the path separator), by default SPARQL 1.1's beside the conformance harness
# (see tests/api/test_conformance.py).
SUITE_FOLDERS = [Path(folder) for folder in os.environ.get(
    "MRKG_W3C_SUITES", str(PROJECT_ROOT.parent / "shared" / "w3c-sparql11" / "data" / "sparql" / "sparql11"),
).split(os.pathsep) if folder]
SUITES = SUITE_FOLDERS[0]
W3C_BASE = "http://www.w3.org/2009/sparql/docs/tests/data-sparql11/"
LISTED = PROJECT_ROOT / "tests" / "fixtures" / "sparql-parser-disagreements.txt"


def listed_disagreements() -> dict[str, str]:
    listed = {}
    for line in LISTED.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            name, _, reason = line.partition(" ")
            assert reason.strip(), f"{name}: a listed disagreement needs its reason"
            listed[name] = reason.strip()
    return listed


def our_refusal(text: str, update: bool, base: str | None) -> str:
    try:
        (read_update if update else read_query)(text, base)
    except QueryError as error:
        return str(error)
    return ""


@pytest.mark.skipif(not SUITES.is_dir(), reason=f"the W3C SPARQL 1.1 test suites are not at {SUITES} (set MRKG_W3C_SUITES)")
def test_the_reader_accepts_what_the_engine_accepts_on_the_w3c_suites(engine: Engine) -> None:
    listed = listed_disagreements()
    paths = sorted(path for folder in SUITE_FOLDERS for path in folder.rglob("*.r[qu]"))
    compared = agreed = 0
    unlisted, wrong_way = [], []
    for path in paths:
        name = str(path.relative_to(next(folder for folder in SUITE_FOLDERS if folder in path.parents)))
        text, update = path.read_bytes().decode("utf-8", "replace"), path.suffix == ".ru"
        for base in (W3C_BASE + name, None):
            ours = our_refusal(text, update, base)
            theirs = engine.ask(text, update=update, base=base).refused
            compared += 1
            if bool(ours) == bool(theirs):
                agreed += 1
            elif theirs:
                wrong_way.append(f"{name} (base {base}): the engine refuses ({theirs}), the reader accepts")
            elif name not in listed:
                unlisted.append(f"{name} (base {base}): the reader refuses ({ours}), the engine accepts")
    print(f"\nW3C SPARQL suites: {agreed} of {compared} readings agree with the engine ({len(paths)} texts)")
    assert not wrong_way, "\n".join(wrong_way)
    assert not unlisted, "\n".join(unlisted)
    assert compared > 1000


@pytest.mark.skipif(not SUITES.is_dir(), reason=f"the W3C SPARQL 1.1 test suites are not at {SUITES} (set MRKG_W3C_SUITES)")
def test_every_service_of_the_suites_is_found() -> None:
    for path in [*SUITES.glob("service/*.rq"), *SUITES.glob("syntax-fed/*.rq")]:
        reading = read_query(path.read_text(encoding="utf-8"), W3C_BASE + path.name)
        assert reading.remote_calls and not reading.unaccounted, path.name


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(dataset_queries())
def test_form_dataset_and_limit_are_read_as_the_engine_runs_them(engine: Engine, query: DatasetQuery) -> None:
    """The engine's answers over three graphs confirm what the reader says of the query (and the generator)."""
    reading = read_query(query.text, SERVICE_BASE)
    assert (reading.form, reading.default_graphs, reading.named_graphs, reading.limit) == (
        query.form, query.default_graphs, query.named_graphs, query.limit)
    verdict = engine.ask(query.text, base=SERVICE_BASE, evaluate=True)
    assert not verdict.refused, verdict.refused
    expected_kind = {"SELECT": "solutions", "ASK": "boolean", "CONSTRUCT": "triples", "DESCRIBE": "triples"}
    assert verdict.kind == expected_kind[reading.form]
    assert verdict.rows is not None
    # Without FROM, the default graph is the store's (d0…d19); with FROM, the graphs named (FROM NAMED alone: none).
    letters = {EX + "g1": "a", EX + "g2": "b"}
    allowed = {letters[graph] for graph in reading.default_graphs} if reading.names_dataset else {"d"}
    if reading.form == "ASK":
        assert verdict.rows == [[str(bool(allowed) and reading.limit != 0)]]
        return
    subjects = {row[0] for row in verdict.rows}
    assert all(subject[len("<" + EX)] in allowed for subject in subjects if subject.startswith("<" + EX)), subjects
    if reading.form == "SELECT":
        assert reading.limit is None or len(verdict.rows) <= reading.limit


SOUP = ["SELECT", "*", "WHERE", "{", "}", "?s", "?p", "?o", "$x", "<http://x/>", "ex:a", "ex:", ":b", ".", ";", ",", "(",
        ")", "()", "FILTER", "OPTIONAL", "UNION", "MINUS", "GRAPH", "SERVICE", "SILENT", "BIND", "AS", "VALUES",
        "UNDEF", "1", "1.5", "-2", "+3e1", "'s'", '"t"@en', '"u"^^<http://x/d>', "true", "false", "a", "/", "|", "^",
        "+", "?", "!", "=", "!=", "<", ">", "<=", "&&", "||", "[", "]", "[]", "_:b", "<<", ">>", "<<(", ")>>", "{|",
        "|}", "~", "LIMIT 2", "OFFSET 1", "ORDER BY", "GROUP BY", "HAVING", "COUNT", "DISTINCT", "STR", "REGEX",
        "CONCAT", "BNODE", "EXISTS", "NOT", "IN", "LATERAL", "ASK", "CONSTRUCT", "DESCRIBE", "FROM", "NAMED", "#c\n",
        "\\u0041", "'''x'''", "@en", "^^", "service", "sErViCe", "ex:sparql", "<//127.0.0.1:1/>", "INSERT", "DELETE",
        "DATA", "LOAD", "INTO", "WITH", "USING", "CLEAR", "ALL", "DEFAULT", "TO", "ADD", "VERSION '1.2'"]
SKELETONS = ["", "SELECT * WHERE { ", "PREFIX ex: <http://x/> SELECT * WHERE { ?s ?p ?o ", "ASK { ",
             "PREFIX ex: <http://x/> INSERT { ?s ?p ?o } WHERE { ", "PREFIX : <http://x/> SELECT ?s { ",
             "SELECT * WHERE { ?s ?p ", "SELECT * WHERE { VALUES ?x { ", "PREFIX : <http://x/> INSERT DATA { :s :p ",
             "SELECT * WHERE { ?s ?p <<( "]


@settings(max_examples=3000, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.sampled_from(SKELETONS), st.lists(st.sampled_from(SOUP), max_size=14),
       st.lists(st.sampled_from([" ", "", "\n"]), min_size=14, max_size=14), st.sampled_from(["", " }", " } }"]))
def test_token_soups_are_judged_as_the_engine_judges_them(engine: Engine, skeleton: str, tokens: list[str],
                                                          spaces: list[str], end: str) -> None:
    text = skeleton + "".join(token + space for token, space in zip(tokens, spaces)) + end
    update = "INSERT" in skeleton or (not skeleton and bool(tokens) and tokens[0] in (
        "INSERT", "DELETE", "LOAD", "WITH", "CLEAR", "ADD"))
    theirs = engine.ask(text, update=update, base=SERVICE_BASE).refused
    ours = our_refusal(text, update, SERVICE_BASE)
    assert bool(ours) == bool(theirs), f"{text!r}: reader {ours!r}, engine {theirs!r}"
    if not ours:
        reading = (read_update if update else read_query)(text, SERVICE_BASE)
        assert not reading.unaccounted, text
