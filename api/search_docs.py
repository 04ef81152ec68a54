"""How ``/search`` and ``/search.json`` appear in the OpenAPI page: parameters, the answer's schema, an example.

The parameters are read by :mod:`api.search_parameters` (which refuses a bad
one with 400 naming it), not by FastAPI, so they are declared here for the
documentation; the answer's schema is the contract's JSON shape (design
notes, second part) with what this service adds beside it.
"""
from __future__ import annotations

from typing import Any

from pydantic import BaseModel, Field

from api.search_parameters import DEFAULT_SIZE, IRI_FILTERS, KINDS, LANGUAGES, MAX_PAGE, MAX_SIZE, SORTS


class SearchResult(BaseModel):
    id: str = Field(description="The IRI of the statement or resource")
    label: str
    score: float = Field(description="Relevance: higher is better")
    snippet: str = Field(description="HTML-escaped text with the matched words in <mark>…</mark>")
    kind: str = Field(description="statement, provision, instrument, actor, document or topic")
    date: str | None = Field(None, description="ISO date, where the resource has one")


class FacetCount(BaseModel):
    value: str = Field(description="The IRI (or the value, for genre, lang and year) to filter by")
    label: str
    count: int = Field(description="How many of all the matches have it")


class SearchAnswerModel(BaseModel):
    query: str = Field(description="The search text, as given")
    total: int = Field(description="All matches, not only this page")
    page: int
    size: int
    results: list[SearchResult] = Field(description="This page of the matches, best first (or newest first)")
    facets: dict[str, list[FacetCount]] = Field(description="Facet name → its values with counts over all matches")


_IRI_EXAMPLES = {
    "speaker": "https://w3id.org/mrkg/id/actor/fritz",
    "onBehalfOf": "https://w3id.org/mrkg/id/actor/mexico",
    "document": "https://w3id.org/mrkg/id/document/…",
    "session": "https://w3id.org/mrkg/id/session/…",
    "provision": "https://w3id.org/mrkg/id/instrument/gcm/objective/13",
    "instrument": "https://w3id.org/mrkg/id/instrument/icrmw",
    "topic": "https://w3id.org/mrkg/id/topic/detention",
}


def _parameter(name: str, description: str, schema: dict[str, Any], example: Any = None) -> dict[str, Any]:
    found = {"name": name, "in": "query", "required": False, "description": description, "schema": schema}
    if example is not None:
        found["example"] = example
    return found


PARAMETERS: list[dict[str, Any]] = [
    _parameter("q", "The search text: words (stemmed, accents and case ignored), \"a phrase\", prefix*, AND, OR, "
               "NOT, ( … ). Empty with a filter: everything the filters select, newest first.",
               {"type": "string", "maxLength": 1000}, "detention"),
    *(_parameter(name, f"Only results with this {name} (an IRI of this graph); repeat for any of several",
                 {"type": "array", "items": {"type": "string", "format": "iri"}}, [_IRI_EXAMPLES[name]])
      for name in IRI_FILTERS),
    _parameter("genre", "Only statements of records of this genre (a value of the genre facet)",
               {"type": "array", "items": {"type": "string"}}),
    _parameter("year", "Only results dated in this year", {"type": "array", "items": {"type": "string",
                                                                                      "pattern": "^[0-9]{4}$"}}),
    _parameter("from", "Only results dated on or after this day (YYYY-MM-DD; YYYY-MM or YYYY: its first day)",
               {"type": "string"}, "2021-01-01"),
    _parameter("to", "Only results dated on or before this day (YYYY-MM-DD; YYYY-MM or YYYY: its last day)",
               {"type": "string"}, "2022-12-31"),
    _parameter("lang", "Only statements in this language", {"type": "string", "enum": list(LANGUAGES)}),
    _parameter("kind", "Only resources of this kind; repeat for several",
               {"type": "array", "items": {"type": "string", "enum": list(KINDS)}}),
    _parameter("sort", "Best first (relevance) or newest first (date)",
               {"type": "string", "enum": list(SORTS), "default": "relevance"}),
    _parameter("page", "Which page of the results", {"type": "integer", "minimum": 1, "maximum": MAX_PAGE,
                                                    "default": 1}),
    _parameter("size", "Results per page", {"type": "integer", "minimum": 1, "maximum": MAX_SIZE,
                                            "default": DEFAULT_SIZE}),
]

EXAMPLE = {
    "query": "detention", "total": 20, "page": 1, "size": 20,
    "results": [{"id": "https://w3id.org/mrkg/id/statement/…", "label": "CMW/C/SR.506, paragraph 23",
                 "score": 7.42, "snippet": "… children in <mark>detention</mark> centres in Mexico …",
                 "kind": "statement", "date": "2022-09-27"}],
    "facets": {"onBehalfOf": [{"value": "https://w3id.org/mrkg/id/actor/mexico", "label": "Mexico", "count": 3}],
               "lang": [{"value": "en", "label": "English", "count": 20}]},
}

ERROR_EXAMPLE = {"error": {"status": 400, "parameter": "size",
                           "message": "parameter 'size': '1000' is not a whole number from 1 to 100"}}


def responses(html: bool) -> dict[int | str, dict[str, Any]]:
    """The documented answers: the JSON (and, on ``/search``, the HTML page), and the refusals."""
    content: dict[str, Any] = {"application/json": {"example": EXAMPLE}}
    if html:
        content["text/html"] = {"schema": {"type": "string"}}
    return {
        200: {"model": SearchAnswerModel, "content": content,
              "description": "The matches, one page of them, and the facets" + (
                  " (HTML by default, JSON by content negotiation)" if html else "")},
        400: {"description": "A parameter that cannot be used (named in the message), or a search text that is "
                             "not in the search language (with the character where it goes wrong)",
              "content": {"application/json": {"example": ERROR_EXAMPLE}}},
        406: {"description": "Neither HTML nor JSON is acceptable" if html else "JSON is not acceptable"},
        503: {"description": "The published build has no search index"},
    }

