"""What a search asks and what it answers: the one interface of the engine, its callers and its pages.

The names are those of the contract's second part (``/search`` parameters and the JSON shape), so the
HTML page, the JSON answer and the SPARQL ``SERVICE`` are the same answer written three ways (issue 13,
items 1 and 2).
"""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

from graph.errors import MrkgError

KINDS = ("statement", "provision", "instrument", "actor", "document", "topic")
SORTS = ("relevance", "date")
LANGS = ("en", "fr", "es")
# The facets every answer counts; a filter uses the same name (issue 13 item 1, the contract's parameters).
FACETS = ("genre", "document", "session", "speaker", "onBehalfOf", "provision", "instrument", "topic", "lang",
          "year")
MAX_SIZE = 100


class SearchSyntaxError(MrkgError):
    """The query text is not in the search language: what is wrong, and at which character (0-based)."""

    def __init__(self, message: str, position: int) -> None:
        super().__init__(f"{message} (at character {position + 1} of the query)")
        self.message = message
        self.position = position


class SearchRequestError(MrkgError):
    """A request whose parameters are out of range (a page of 0, an unknown facet…): which one, and why."""

    def __init__(self, parameter: str, message: str) -> None:
        super().__init__(f"{parameter}: {message}")
        self.parameter = parameter


class SearchIndexMissing(MrkgError):
    """The release has no search index (published before there was one): a new build makes it."""


@dataclass(frozen=True)
class SearchRequest:
    text: str  # the user's query: words, "phrases", prefix*, AND/OR/NOT, (…)
    filters: Mapping[str, tuple[str, ...]] = field(default_factory=lambda: MappingProxyType({}))
    date_from: str | None = None  # ISO date, inclusive
    date_to: str | None = None
    lang: str | None = None  # "en" | "fr" | "es"
    sort: str = "relevance"  # "relevance" | "date"
    page: int = 1  # 1-based
    size: int = 20  # at most 100
    kinds: tuple[str, ...] = ()  # some of KINDS; () = all


@dataclass(frozen=True)
class Hit:
    id: str  # the resource's IRI
    label: str  # a human label
    score: float  # higher is better
    snippet: str  # HTML-escaped text with the matches wrapped in <mark>…</mark>
    kind: str  # one of KINDS
    date: str | None  # ISO date where the resource has one


@dataclass(frozen=True)
class FacetValue:
    value: str  # IRI (or literal value for genre/lang/year)
    label: str
    count: int


@dataclass(frozen=True)
class SearchAnswer:
    total: int  # all matches, not only this page
    results: list[Hit]
    facets: dict[str, list[FacetValue]]  # FACETS, counted over all matches
