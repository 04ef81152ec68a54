"""Search on a real build of the five sources: what a query finds is what SPARQL finds in the same graph.

Each test asks the index that ``mrkg build`` published (``graph.search.index_file``) and checks the
answer against the store of the same release: the statements whose ``mrkg:text`` a regular expression
finds, the facet counts a GROUP BY gives (issue 13 item 1).
"""
from __future__ import annotations

import re
from pathlib import Path

import pyoxigraph as ox
import pytest

from graph.search import (SearchAnswer, SearchIndexMissing, SearchRequest, SearchRequestError, SearchSyntaxError,
                          index_file, search)
from graph.search.words import fold, language_of, query_tokens, tokens
from graph.vocab import PREFIX_MAP

STATEMENTS = ("statement",)


@pytest.fixture(scope="module")
def release(published_var: Path) -> Path:
    return (published_var / "current").resolve()


@pytest.fixture(scope="module")
def index(release: Path) -> Path:
    return index_file(release)


@pytest.fixture(scope="module")
def store(release: Path) -> ox.Store:
    return ox.Store.read_only(str(release / "store"))


def ask(index: Path, text: str, **options: object) -> SearchAnswer:
    return search(index, SearchRequest(text, **options))  # type: ignore[arg-type]


def every_id(index: Path, text: str, **options: object) -> list[str]:
    """The ids of every match, page after page."""
    found: list[str] = []
    page = 1
    while True:
        answer = ask(index, text, page=page, size=100, **options)
        found += [hit.id for hit in answer.results]
        if len(found) >= answer.total or not answer.results:
            return found
        page += 1


def sparql(store: ox.Store, query: str) -> list[list[str]]:
    rows = store.query(query, prefixes=PREFIX_MAP, use_default_graph_as_union=True)
    return [[term.value for term in row] for row in rows]  # type: ignore[union-attr]


def statements_matching(store: ox.Store, pattern: str) -> set[str]:
    return {row[0] for row in sparql(store, f"""SELECT ?s WHERE {{ ?s a mrkg:Statement ; mrkg:text ?t
                                               FILTER(REGEX(?t, "{pattern}", "i")) }}""")}


# -- stemming, folding, languages ------------------------------------------------------------

def test_detention_finds_every_statement_that_says_detain_or_detention(index: Path, store: ox.Store) -> None:
    expected = statements_matching(store, "\\\\b(detain|detention)")
    assert len(expected) >= 20  # the seeds: detention, detained, detainees
    found = every_id(index, "detention", kinds=STATEMENTS)
    assert set(found) == expected
    assert len(found) == len(set(found))
    assert set(every_id(index, "detained", kinds=STATEMENTS)) == expected  # one family, either way


def test_stemming_joins_the_inflections_of_english_words(index: Path, store: ox.Store) -> None:
    assert set(every_id(index, "remittance", kinds=STATEMENTS)) == statements_matching(store, "\\\\bremittance")
    british = statements_matching(store, "\\\\bregularis(e|ed|ation|ations)\\\\b")
    assert british and british <= set(every_id(index, "regularization", kinds=STATEMENTS))


def test_french_and_spanish_names_are_stemmed_in_their_language(index: Path) -> None:
    # the catalogue names the Compact in Spanish ("… para la Migración Segura …"@es) and the Progress
    # Declaration in French ("Déclaration de progrès"@fr)
    spanish = ask(index, "migraciones", kinds=("instrument",))
    assert "https://w3id.org/mrkg/id/instrument/gcm" in [hit.id for hit in spanish.results]
    gcm = next(hit for hit in spanish.results if hit.id.endswith("/gcm"))
    assert "<mark>Migración</mark>" in gcm.snippet
    french = ask(index, '"déclarations de progres"', kinds=("instrument",))
    assert [hit.id for hit in french.results] == ["https://w3id.org/mrkg/id/instrument/imrf-pd"]
    # the English stem of "migraciones" is not an English word of any statement
    assert ask(index, "migraciones", kinds=STATEMENTS).total == 0


def test_the_french_question_of_the_discussion_is_read_as_french() -> None:
    # the French form of a question of the 2022 discussion (seed 004), as printed
    question = ("Comment pouvons-nous évaluer les progrès réalisés dans la mise en œuvre du Pacte mondial "
                "tout en gardant la Déclaration de progrès brève et concise ?")
    assert language_of(question) == "fr"
    indexed = set(tokens(question, "fr"))
    assert set(query_tokens(fold("évaluation"))) & indexed  # évaluer / évaluation: one French stem
    assert set(query_tokens(fold("realise"))) & indexed  # réalisés, typed without its accents
    assert language_of("What are the challenges that migrants face with regard to their rights?") == "en"


def test_accents_and_case_do_not_matter(index: Path) -> None:
    plain = every_id(index, "Hernandez")
    assert "https://w3id.org/mrkg/id/statement/001_572bfb9b02552e02/5" in plain
    assert every_id(index, "HERNÁNDEZ") == plain == every_id(index, "hernández")
    statement = next(hit for hit in ask(index, "hernandez", kinds=STATEMENTS).results)
    assert "<mark>Hernández</mark>" in statement.snippet


# -- the query language ----------------------------------------------------------------------

def test_a_phrase_finds_its_words_in_order(index: Path, store: ox.Store) -> None:
    expected = statements_matching(store, "alternatives? to detention")
    found = set(every_id(index, '"alternatives to detention"', kinds=STATEMENTS))
    assert found == expected and len(found) >= 5
    words = set(every_id(index, "alternatives detention", kinds=STATEMENTS))
    assert found < words  # the same words, anywhere: more statements
    for hit in ask(index, '"alternatives to detention"', kinds=STATEMENTS).results:
        assert re.search(r"<mark>alternatives? to detention</mark>", hit.snippet, re.I), hit.snippet


def test_a_prefix_completes_the_word_as_printed(index: Path, store: ox.Store) -> None:
    expected = statements_matching(store, "\\\\bxenophob")
    assert expected
    assert set(every_id(index, "xenophob*", kinds=STATEMENTS)) == expected
    assert set(every_id(index, "Xénophob*", kinds=STATEMENTS)) == expected
    hit = ask(index, "xenophob*", kinds=STATEMENTS).results[0]
    assert re.search(r"<mark>xenophob\w*</mark>", hit.snippet, re.I)


def test_and_or_not_and_parentheses(index: Path) -> None:
    detention = set(every_id(index, "detention", kinds=STATEMENTS))
    children = set(every_id(index, "children", kinds=STATEMENTS))
    mexico = set(every_id(index, "Mexico", kinds=STATEMENTS))
    canada = set(every_id(index, "Canada", kinds=STATEMENTS))
    assert detention & children and detention - children
    assert set(every_id(index, "detention AND children", kinds=STATEMENTS)) == detention & children
    assert set(every_id(index, "detention children", kinds=STATEMENTS)) == detention & children
    assert set(every_id(index, "detention OR children", kinds=STATEMENTS)) == detention | children
    assert set(every_id(index, "detention NOT children", kinds=STATEMENTS)) == detention - children
    assert set(every_id(index, "children AND (Mexico OR Canada)", kinds=STATEMENTS)) == children & (mexico | canada)
    everything = set(every_id(index, "", kinds=STATEMENTS))
    assert set(every_id(index, "NOT detention", kinds=STATEMENTS)) == everything - detention
    assert set(every_id(index, "detention and children", kinds=STATEMENTS)) <= detention  # "and" is a word


@pytest.mark.parametrize("text, position, words", [
    ("(detention OR children", 0, "parenthesis is not closed"),
    ("detention) OR children", 9, "closing parenthesis"),
    ('"alternatives to detention', 0, "not closed"),
    ("detention AND", 13, "AND at the end"),
    ("detention OR OR children", 13, "OR needs a word"),
    ("d* OR migrants", 0, "at least 2 letters"),
    ("migrants OR NOT children", 12, "NOT inside OR"),
])
def test_a_query_not_in_the_language_says_what_and_where(index: Path, text: str, position: int, words: str) -> None:
    with pytest.raises(SearchSyntaxError) as raised:
        ask(index, text)
    assert raised.value.position == position
    assert words in str(raised.value) and f"character {position + 1}" in str(raised.value)


def test_fts5_syntax_in_the_query_is_only_words(index: Path) -> None:
    # characters FTS5 would read as syntax are words or punctuation here: no error, no injection
    for text in ['detention:children', "NEAR(detention children)", "detention^", "{label}: x", "'", "+-"]:
        answer = ask(index, text)
        assert answer.total >= 0
    assert ask(index, "NEAR(detention children)").total == len(set(every_id(index, "NEAR detention children")))


# -- facets, filters, paging, sorting ---------------------------------------------------------

@pytest.mark.parametrize("facet, path", [("speaker", "mrkg:speaker"), ("onBehalfOf", "mrkg:onBehalfOf"),
                                         ("document", "mrkg:document"), ("instrument", "mrkg:mentions"),
                                         ("provision", "mrkg:cites")])
def test_facet_counts_are_the_counts_sparql_gives(index: Path, store: ox.Store, facet: str, path: str) -> None:
    ids = every_id(index, "migrants", kinds=STATEMENTS)
    assert len(ids) > 100
    values = " ".join(f"<{i}>" for i in ids)
    typed = "?o a mrkg:Provision ." if facet == "provision" else ""
    expected = {row[0]: int(row[1]) for row in sparql(store, f"""SELECT ?o (COUNT(DISTINCT ?s) AS ?n) WHERE {{
        VALUES ?s {{ {values} }} ?s {path} ?o . {typed} }} GROUP BY ?o""")}
    facets = ask(index, "migrants", kinds=STATEMENTS).facets[facet]
    assert {value.value: value.count for value in facets} == expected
    assert all(value.label and not value.label.startswith("https://") for value in facets)


def test_facets_count_every_match_and_name_the_genres(index: Path) -> None:
    answer = ask(index, "detention", kinds=STATEMENTS, size=3)
    assert len(answer.results) == 3
    assert sum(value.count for value in answer.facets["genre"]) == answer.total
    assert {v.value: v.label for v in answer.facets["genre"]}["SummaryRecord"] == "summary record"
    assert sum(value.count for value in answer.facets["year"]) == answer.total
    assert answer.facets["lang"] == [answer.facets["lang"][0]] and answer.facets["lang"][0].value == "en"


def test_filters_and_across_names_or_within_one(index: Path, store: ox.Store) -> None:
    flynn, charef = "https://w3id.org/mrkg/id/actor/flynn", "https://w3id.org/mrkg/id/actor/charef"
    by = {who: {row[0] for row in sparql(store, f"SELECT ?s WHERE {{ ?s mrkg:speaker <{who}> }}")}
          for who in (flynn, charef)}
    assert set(every_id(index, "", filters={"speaker": (flynn,)})) == by[flynn]
    assert set(every_id(index, "", filters={"speaker": (flynn, charef)})) == by[flynn] | by[charef]
    detention = set(every_id(index, "detention"))
    assert set(every_id(index, "detention", filters={"speaker": (flynn,)})) == detention & by[flynn]
    sr506 = "https://w3id.org/mrkg/id/document/001_572bfb9b02552e02"
    in_506 = {row[0] for row in sparql(store, f"SELECT ?s WHERE {{ ?s mrkg:document <{sr506}> }}")}
    both = set(every_id(index, "", filters={"speaker": (flynn,), "document": (sr506,)}))
    assert both == by[flynn] & in_506 and both < by[flynn]  # he spoke at the 450th meeting too


def test_dates_filter_and_sort(index: Path) -> None:
    answer = ask(index, "migrants", sort="date", size=100)
    dates = [hit.date for hit in answer.results]
    known = [d for d in dates if d is not None]
    assert known == sorted(known, reverse=True) and dates[:len(known)] == known  # undated last
    in_2022 = every_id(index, "", date_from="2022-01-01", date_to="2022-12-31", kinds=STATEMENTS)
    assert in_2022 and set(every_id(index, "", date_from="2022", date_to="2022", kinds=STATEMENTS)) == set(in_2022)
    answer = ask(index, "", date_from="2022-03", date_to="2022-03", size=100)
    assert answer.total and all(hit.date and hit.date.startswith("2022-03") for hit in answer.results)


def test_pages_cover_every_match_once(index: Path) -> None:
    total = ask(index, "migrants").total
    pages = [ask(index, "migrants", page=page, size=7) for page in range(1, total // 7 + 3)]
    ids = [hit.id for answer in pages for hit in answer.results]
    assert all(answer.total == total for answer in pages)
    assert len(ids) == len(set(ids)) == total
    scores = [hit.score for hit in ask(index, "migrants", size=100).results]
    assert scores == sorted(scores, reverse=True)


def test_other_kinds_are_found_by_their_labels(index: Path) -> None:
    mexico = ask(index, "United Mexican States", kinds=("actor",))
    assert mexico.results[0].id == "https://w3id.org/mrkg/id/actor/mexico" and mexico.results[0].label == "Mexico"
    objective = ask(index, "alternatives detention", kinds=("provision",))
    assert "https://w3id.org/mrkg/id/instrument/gcm/objective/13" in [hit.id for hit in objective.results]
    assert {hit.kind for hit in ask(index, "detention", size=100).results} >= {"statement", "provision", "actor"}


def test_snippets_are_escaped_with_marks_only(index: Path) -> None:
    for hit in ask(index, "detention OR migrants", size=100).results:
        assert re.sub(r"</?mark>", "", hit.snippet).count("<") == 0
    hit = ask(index, '"Global Compact"', kinds=STATEMENTS).results[0]
    assert "<mark>Global Compact</mark>" in hit.snippet


# -- what a caller is told ------------------------------------------------------------------------

def test_a_release_without_an_index_says_so(tmp_path: Path) -> None:
    with pytest.raises(SearchIndexMissing, match="no search index.*mrkg build"):
        search(index_file(tmp_path), SearchRequest("detention"))


@pytest.mark.parametrize("options, parameter", [({"size": 0}, "size"), ({"size": 101}, "size"), ({"page": 0}, "page"),
                                                ({"sort": "title"}, "sort"), ({"lang": "de"}, "lang"),
                                                ({"kinds": ("session",)}, "kinds"),
                                                ({"filters": {"author": ("x",)}}, "author"),
                                                ({"date_from": "14 April 2021"}, "from")])
def test_a_request_out_of_range_names_its_parameter(index: Path, options: dict, parameter: str) -> None:  # type: ignore[type-arg]
    with pytest.raises(SearchRequestError) as raised:
        ask(index, "detention", **options)
    assert raised.value.parameter == parameter and str(raised.value).startswith(parameter)


def test_the_words_of_a_provision_are_searched(index: Path, store: ox.Store) -> None:
    # mrkg:provisionText, from the catalogue's texts of the instruments
    expected = {row[0] for row in sparql(store, """SELECT ?p WHERE { ?p a mrkg:Provision ; mrkg:provisionText ?t
                                                   FILTER(CONTAINS(LCASE(?t), "enforceable right to compensation")) }""")}
    assert expected
    answer = ask(index, '"enforceable right to compensation"', kinds=("provision",))
    assert {hit.id for hit in answer.results} == expected
    assert all("<mark>enforceable right to compensation</mark>" in hit.snippet for hit in answer.results)
