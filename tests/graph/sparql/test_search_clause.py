"""The search SERVICE read from the parse: every spelling of its IRI found, its pattern checked, its VALUES run by the engine."""
from __future__ import annotations

import pyoxigraph as ox
import pytest

from graph.errors import RemoteCallRefused
from graph.sparql.guard import admit
from graph.sparql.search_clause import (
    SEARCH_SERVICE, Match, SearchClauseError, rewritten, search_clauses, values_block,
)

PROLOGUE = "PREFIX mrkg: <https://w3id.org/mrkg/ontology#>\n"
PATTERN = '{ ?st mrkg:query "detention" ; mrkg:score ?score ; mrkg:snippet ?snippet ; mrkg:rank ?rank }'

SPELLINGS = [
    f"SELECT * WHERE {{ SERVICE <{SEARCH_SERVICE}> {PATTERN} }}",
    f"PREFIX s: <https://w3id.org/mrkg/> SELECT * WHERE {{ SERVICE s:search {PATTERN} }}",
    f"BASE <https://w3id.org/mrkg/id/> SELECT * WHERE {{ SERVICE <../search> {PATTERN} }}",
    f"SELECT * WHERE {{ SERVICE <https://w3id.org/mrkg/sear\\u0063h> {PATTERN} }}",
    f"select * where {{ service silent <{SEARCH_SERVICE}> {PATTERN} }}",
    f"SELECT * WHERE {{ ?x ?y ?z OPTIONAL {{ SERVICE <{SEARCH_SERVICE}> {PATTERN} }} }}",
]


@pytest.mark.parametrize("query", SPELLINGS)
def test_every_spelling_of_the_iri_is_found_and_admitted(query: str) -> None:
    text = PROLOGUE + query
    reading = admit(text, None, (), 1000)
    assert reading is not None
    [clause] = search_clauses(text, reading)
    assert (clause.subject, clause.text) == ("st", "detention")
    assert clause.outputs == {"score": "score", "snippet": "snippet", "rank": "rank"}
    assert text[clause.start:clause.end].lower().startswith("service")
    assert text[clause.end - 1] == "}"


def test_the_silent_keyword_is_kept() -> None:
    text = PROLOGUE + SPELLINGS[4]
    [clause] = search_clauses(text, admit(text, None, (), 1000))  # type: ignore[arg-type]
    assert clause.silent


@pytest.mark.parametrize("query, words", [
    ('SELECT * { SERVICE <https://w3id.org/mrkg/search> { ?st mrkg:query ?q } }', "mrkg:query must be a constant"),
    ('SELECT * { SERVICE <https://w3id.org/mrkg/search> { ?st mrkg:score ?s } }', "must give the search text"),
    ('SELECT * { SERVICE <https://w3id.org/mrkg/search> { ?st mrkg:query "x" ; mrkg:colour "red" } }',
     "is not a property of the search"),
    ('SELECT * { SERVICE <https://w3id.org/mrkg/search> { ?st mrkg:query "x" ; mrkg:score "1" } }',
     "mrkg:score binds a variable"),
    ('SELECT * { SERVICE <https://w3id.org/mrkg/search> { ?st mrkg:query "x" ; mrkg:limit 5000 } }',
     "from 1 to 1000"),
    ('SELECT * { SERVICE <https://w3id.org/mrkg/search> { ?st mrkg:query "x" ; mrkg:kind "speech" } }',
     "is not a kind of resource"),
    ('SELECT * { SERVICE <https://w3id.org/mrkg/search> { ?st mrkg:query "x" . ?other mrkg:score ?s } }',
     "two subjects"),
    ('SELECT * { SERVICE <https://w3id.org/mrkg/search> { <https://w3id.org/mrkg/id/x> mrkg:query "x" } }',
     "must be a variable"),
    ('SELECT * { SERVICE <https://w3id.org/mrkg/search> { ?st mrkg:query "x" FILTER(true) } }',
     "must be triples on one subject variable"),
])
def test_a_pattern_it_cannot_answer_is_refused_with_the_reason_and_place(query: str, words: str) -> None:
    text = PROLOGUE + query
    with pytest.raises(SearchClauseError) as refused:
        search_clauses(text, admit(text, None, (), 1000))  # type: ignore[arg-type]
    assert words in str(refused.value)
    assert refused.value.status == 400 and refused.value.line == 2


def test_other_services_are_still_refused_beside_it() -> None:
    text = PROLOGUE + (f"SELECT * {{ SERVICE <{SEARCH_SERVICE}> {PATTERN} "
                       "SERVICE <http://127.0.0.1:8699/sparql> { ?st ?p ?o } }")
    with pytest.raises(RemoteCallRefused) as refused:
        admit(text, None, (), 1000)
    assert "<http://127.0.0.1:8699/sparql>" in str(refused.value)


def test_updates_cannot_use_it() -> None:
    update = PROLOGUE + f"INSERT {{ ?st a mrkg:Found }} WHERE {{ SERVICE <{SEARCH_SERVICE}> {PATTERN} }}"
    with pytest.raises(RemoteCallRefused) as refused:
        admit(update, None, (), 1000, update=True)
    assert "a query only, not in an update" in str(refused.value)


def test_a_query_that_still_holds_it_is_refused_when_not_answered_here() -> None:
    text = PROLOGUE + SPELLINGS[0]
    with pytest.raises(RemoteCallRefused):
        admit(text, None, (), 1000, search_here=False)


def test_the_values_block_is_what_the_engine_joins() -> None:
    store = ox.Store()
    statement = ox.NamedNode("https://w3id.org/mrkg/id/statement/a/1")
    store.add(ox.Quad(statement, ox.NamedNode("https://w3id.org/mrkg/ontology#speaker"),
                      ox.NamedNode("https://w3id.org/mrkg/id/actor/fritz")))
    text = PROLOGUE + ("SELECT ?st ?score ?snippet ?rank ?who WHERE { SERVICE <https://w3id.org/mrkg/search> "
                       + PATTERN + " ?st mrkg:speaker ?who } ORDER BY ?rank")
    [clause] = search_clauses(text, admit(text, None, (), 1000))  # type: ignore[arg-type]
    matches = [Match(statement.value, 2.5, 'in <mark>detention</mark> "quoted" \\ back\nline', "Paragraph 1"),
               Match("https://w3id.org/mrkg/id/statement/a/2", 1.0, "other", "Paragraph 2")]
    query = rewritten(text, [(clause, values_block(clause, matches))])
    assert "SERVICE" not in query
    assert admit(query, None, (), 1000, must_read=True, search_here=False) is not None
    [row] = list(store.query(query))
    assert row["st"] == statement and row["who"].value.endswith("/fritz")
    assert row["score"] == ox.Literal("2.5", datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#double"))
    assert row["snippet"].value == matches[0].snippet
    assert row["rank"].value == "1"


def test_no_match_gives_no_solution() -> None:
    text = PROLOGUE + SPELLINGS[0]
    [clause] = search_clauses(text, admit(text, None, (), 1000))  # type: ignore[arg-type]
    assert list(ox.Store().query(rewritten(text, [(clause, values_block(clause, []))]))) == []
