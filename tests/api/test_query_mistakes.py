"""A malformed query is explained in plain words, at the mistake's line and column (issue 14, point 1).

The first line stays the engine's message and the JSON keeps ``line`` and ``column``
(clients read them); the explanation follows, with the line of the query and a
caret under the mistake, and the JSON carries it as ``explanation``.
"""
from __future__ import annotations

import httpx
import pytest

from graph.sparql.mistakes import MAX_EXPLAINED_CHARS, explain


def refused(client: httpx.Client, query: str) -> tuple[str, dict[str, object]]:
    text = client.get("/sparql", params={"query": query})
    as_json = client.get("/sparql", params={"query": query}, headers={"Accept": "application/json"})
    assert text.status_code == as_json.status_code == 400
    assert text.text.startswith("malformed query: error at ")
    return text.text, as_json.json()["error"]


def pointed(body: str, line: str, caret_under: str) -> None:
    """``line`` is shown, and the caret on the next line sits under the first character of ``caret_under``."""
    rows = body.splitlines()
    at = rows.index(line)
    assert rows[at + 1] == " " * line.index(caret_under) + "^", body


def test_a_missing_prefix_says_which_and_offers_the_prefix_line(client: httpx.Client) -> None:
    body, error = refused(client, "SELECT ?t WHERE {\n  ?s mrkg:text ?t\n}")
    assert "Line 2, column 6: The prefix `mrkg:` is not declared. Add this line at the top of the query:" in body
    assert body.rstrip().endswith("PREFIX mrkg: <https://w3id.org/mrkg/ontology#>")
    pointed(body, "  ?s mrkg:text ?t", "mrkg")
    assert error["explanation"] == {"line": 2, "column": 6, "fix": "PREFIX mrkg: <https://w3id.org/mrkg/ontology#>",
                                    "text": "The prefix `mrkg:` is not declared. Add this line at the top of the query:"}
    assert isinstance(error["line"], int) and isinstance(error["column"], int)  # the engine's own position, kept


def test_an_unknown_prefix_lists_the_known_ones(client: httpx.Client) -> None:
    body, _ = refused(client, "SELECT * WHERE { ?s foaff:name ?n }")
    assert "The prefix `foaff:` is not declared, and it is not one this graph uses (" in body
    assert "foaf, " in body and "PREFIX foaff: <namespace>" in body


def test_a_missing_dot_between_triple_patterns(client: httpx.Client) -> None:
    body, error = refused(client, "SELECT * WHERE {\n  ?s ?p ?o\n  ?s ?q ?r\n}")
    assert "Line 3, column 3: Two triple patterns need a `.` between them" in body
    assert "Put a `.` before `?s`." in body
    pointed(body, "  ?s ?q ?r", "?s")
    assert (error["explanation"]["line"], error["explanation"]["column"]) == (3, 3)  # type: ignore[index]
    assert (error["line"], error["column"]) != (3, 3)  # the engine's own position, kept: it stops further on


def test_an_unclosed_brace_points_at_the_brace(client: httpx.Client) -> None:
    body, _ = refused(client, "SELECT * WHERE {\n  { ?s ?p ?o }\n  OPTIONAL { ?s ?q ?r }")
    assert "Line 1, column 16: This `{` is never closed: the query ends before its `}`. Add 1 `}`." in body
    pointed(body, "SELECT * WHERE {", "{")


def test_a_brace_too_many(client: httpx.Client) -> None:
    body, _ = refused(client, "SELECT * WHERE { ?s ?p ?o } }")
    assert "Line 1, column 29: This `}` closes no `{`: there is one `}` too many." in body


def test_an_incomplete_triple_pattern(client: httpx.Client) -> None:
    body, _ = refused(client, "SELECT * WHERE { ?s ?p }")  # the "expected one of LATERAL, SERVICE, [_]"
    assert ("Line 1, column 24: After `?s ?p` the query expects the object of the triple pattern: a variable (?x), "
            "an IRI (<…> or prefix:name), a literal or a blank node, but finds `}`.") in body


def test_after_where_the_query_expects_a_triple_pattern(client: httpx.Client) -> None:
    body, _ = refused(client, "SELECT * WHERE { . }")
    assert "Line 1, column 18: After `WHERE {` the query expects a triple pattern or a `}`, but finds `.`." in body


def test_a_misspelt_or_misplaced_keyword(client: httpx.Client) -> None:
    body, _ = refused(client, "SELECT * WHERE { ?s ?p ?o } LIMT 3")
    assert "Line 1, column 29: `LIMT` is not a SPARQL keyword: did you mean `LIMIT`?" in body
    body, _ = refused(client, "SELECT * WHERE { ?s ?p ?o LIMIT 3 }")
    assert "`LIMIT` comes after the `}` that closes the WHERE clause, not inside its braces." in body


def test_an_update_is_read_as_an_update() -> None:
    found = explain("INSERT DATA { <urn:a> <urn:b> }", update=True)
    assert found is not None and (found.line, found.column) == (1, 31)
    assert found.text == ("After `<urn:a> <urn:b>` the query expects the object of the triple pattern: a variable (?x), "
                          "an IRI (<…> or prefix:name), a literal or a blank node, but finds `}`.")


@pytest.mark.parametrize("query", ["SELECT * WHERE { ?s ?p ?o }", "ASK {}"])
def test_a_well_formed_query_has_nothing_to_explain(query: str) -> None:
    assert explain(query) is None


def test_a_very_long_text_keeps_the_engine_message_alone() -> None:
    assert explain("SELECT * WHERE { " + " " * MAX_EXPLAINED_CHARS + "?s ?p }") is None
