"""The parameters of ``/search``, read into a :class:`graph.search.SearchRequest`, and the links that change them.

The names are the contract's (design notes, second part): ``q``; the
filters ``speaker``, ``onBehalfOf``, ``document``, ``provision``,
``instrument``, ``topic`` (IRIs), ``from``, ``to`` (dates), ``lang``; paging
with ``page`` and ``size``; beside them ``session`` (an IRI), ``genre`` and
``year`` (facet values), ``kind`` and ``sort``.  Every filter may be
repeated (OR within a name, AND across names).  A bad value is refused with a
message that names the parameter (:class:`BadSearchParameter`), never
guessed at.  The page, its JSON and every facet link are made from one
:class:`SearchParameters`, so they cannot disagree on what was asked.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field, replace
from typing import Iterable
from urllib.parse import urlencode

from api.errors import shown
from graph import iris
from graph.search import SearchRequest

IRI_FILTERS = ("speaker", "onBehalfOf", "document", "session", "provision", "instrument", "topic")
VALUE_FILTERS = ("genre", "year")
FILTERS = IRI_FILTERS + VALUE_FILTERS
LANGUAGES = ("en", "fr", "es")
KINDS = ("statement", "provision", "instrument", "actor", "document", "topic")
SORTS = ("relevance", "date")
DEFAULT_SIZE = 20
MAX_SIZE = 100  # graph.search.SearchRequest.size
MAX_PAGE = 500  # deep pages cost the engine as much as all matches; nobody reads 10,000 results a page at a time
MAX_QUERY_CHARS = 1000
_DATE = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")
_YEAR = re.compile(r"\d{4}")
_GENRE = re.compile(r"[A-Za-z][A-Za-z0-9_-]{0,60}")
_NOT_IN_IRI = re.compile(r'[\x00-\x20<>"{}|^`\\]')


class BadSearchParameter(ValueError):
    """A parameter of ``/search`` that cannot be used: ``parameter`` names it, the message says why."""

    def __init__(self, parameter: str, message: str) -> None:
        super().__init__(f"parameter '{parameter}': {message}")
        self.parameter = parameter


@dataclass(frozen=True)
class SearchParameters:
    """What a request to ``/search`` asks, checked; ``links`` are written from it."""

    q: str = ""
    filters: dict[str, tuple[str, ...]] = field(default_factory=dict)
    date_from: str | None = None
    date_to: str | None = None
    lang: str | None = None
    kinds: tuple[str, ...] = ()
    sort: str = "relevance"
    page: int = 1
    size: int = DEFAULT_SIZE

    @property
    def asks_anything(self) -> bool:
        """Words or a filter: with neither there is nothing to search for."""
        return bool(self.q.strip() or self.filters or self.date_from or self.date_to or self.lang or self.kinds)

    def request(self) -> SearchRequest:
        """The engine's request."""
        return SearchRequest(text=self.q, filters=dict(self.filters), date_from=self.date_from,
                             date_to=self.date_to, lang=self.lang, sort=self.sort, page=self.page, size=self.size,
                             kinds=self.kinds)

    # -- links that change one thing (page 1 again unless it is the page that changes) -----------------

    def items(self) -> list[tuple[str, str]]:
        """The parameters as a query string carries them, defaults left out."""
        pairs: list[tuple[str, str]] = [("q", self.q)] if self.q else []
        for name in FILTERS:
            pairs += [(name, value) for value in self.filters.get(name, ())]
        pairs += [(name, value) for name, value in (("from", self.date_from), ("to", self.date_to),
                                                   ("lang", self.lang)) if value]
        pairs += [("kind", kind) for kind in self.kinds]
        if self.sort != "relevance":
            pairs.append(("sort", self.sort))
        if self.page != 1:
            pairs.append(("page", str(self.page)))
        if self.size != DEFAULT_SIZE:
            pairs.append(("size", str(self.size)))
        return pairs

    def link(self, path: str = "/search") -> str:
        query = urlencode(self.items())
        return f"{path}?{query}" if query else path

    def with_filter(self, name: str, value: str) -> str:
        if name == "lang":
            return replace(self, lang=value, page=1).link()
        if name == "kind":
            return replace(self, kinds=(*self.kinds, value), page=1).link()
        values = self.filters.get(name, ())
        return replace(self, filters={**self.filters, name: (*values, value)}, page=1).link()

    def without_filter(self, name: str, value: str) -> str:
        if name == "lang":
            return replace(self, lang=None, page=1).link()
        if name == "kind":
            return replace(self, kinds=tuple(kind for kind in self.kinds if kind != value), page=1).link()
        if name == "from":
            return replace(self, date_from=None, page=1).link()
        if name == "to":
            return replace(self, date_to=None, page=1).link()
        kept = tuple(v for v in self.filters.get(name, ()) if v != value)
        filters = {key: values for key, values in self.filters.items() if key != name}
        if kept:
            filters[name] = kept
        return replace(self, filters=filters, page=1).link()

    def is_active(self, name: str, value: str) -> bool:
        if name == "kind":
            return value in self.kinds
        return self.lang == value if name == "lang" else value in self.filters.get(name, ())

    def at_page(self, page: int) -> str:
        return replace(self, page=page).link()

    def sorted_by(self, sort: str) -> str:
        return replace(self, sort=sort, page=1).link()

    def hidden_fields(self) -> list[tuple[str, str]]:
        """What the search form carries along that it has no field of its own for (filters, kind, size)."""
        return [(name, value) for name, value in self.items() if name in FILTERS or name in ("kind", "size")]

    def active(self) -> list[tuple[str, str]]:
        """Every filter in force, as (parameter, value), for the list of what narrows the results."""
        found = [(name, value) for name in FILTERS for value in self.filters.get(name, ())]
        found += [(name, value) for name, value in (("from", self.date_from), ("to", self.date_to),
                                                   ("lang", self.lang)) if value]
        return found + [("kind", kind) for kind in self.kinds]


def read_parameters(items: Iterable[tuple[str, str]]) -> SearchParameters:
    """The parameters of a request (repeated names kept in order); BadSearchParameter names the first bad one."""
    given: dict[str, list[str]] = {}
    for name, value in items:
        given.setdefault(name, []).append(value)
    q = _single(given, "q") or ""
    if len(q) > MAX_QUERY_CHARS:
        raise BadSearchParameter("q", f"the search text has {len(q):,} characters; at most {MAX_QUERY_CHARS:,}")
    filters: dict[str, tuple[str, ...]] = {}
    for name in FILTERS:
        values = [value.strip() for value in given.get(name, []) if value.strip()]
        if values:
            filters[name] = tuple(dict.fromkeys(_checked(name, value) for value in values))
    date_from = _date(given, "from", end=False)
    date_to = _date(given, "to", end=True)
    if date_from and date_to and date_from > date_to:
        raise BadSearchParameter("from", f"{date_from} is after the date given by 'to' ({date_to})")
    lang = _single(given, "lang") or None
    if lang is not None and lang not in LANGUAGES:
        raise BadSearchParameter("lang", f"{shown(repr(lang))} is not a language of the statements; "
                                         f"one of {', '.join(LANGUAGES)}")
    kinds = tuple(dict.fromkeys(kind for kind in given.get("kind", []) if kind))
    for kind in kinds:
        if kind not in KINDS:
            raise BadSearchParameter("kind", f"{shown(repr(kind))} is not a kind of resource; one of {', '.join(KINDS)}")
    sort = _single(given, "sort") or "relevance"
    if sort not in SORTS:
        raise BadSearchParameter("sort", f"{shown(repr(sort))}: results are sorted by 'relevance' or 'date'")
    page = _whole(given, "page", 1, 1, MAX_PAGE)
    size = _whole(given, "size", DEFAULT_SIZE, 1, MAX_SIZE)
    return SearchParameters(q, filters, date_from, date_to, lang, kinds, sort, page, size)


def _single(given: dict[str, list[str]], name: str) -> str | None:
    values = given.get(name, [])
    if len(values) > 1:
        raise BadSearchParameter(name, f"given {len(values)} times; it takes one value")
    return values[0].strip() if values else None


def _checked(name: str, value: str) -> str:
    """A filter value in the form its facet gives it: an IRI of this graph, a genre's name, a year."""
    if name == "year":
        if not _YEAR.fullmatch(value):
            raise BadSearchParameter(name, f"{shown(repr(value))} is not a year (four digits, e.g. 2022)")
        return value
    if name == "genre":
        if not _GENRE.fullmatch(value):
            raise BadSearchParameter(name, f"{shown(repr(value))} is not the name of a genre (as the facet gives it)")
        return value
    if not value.startswith(iris.ID) or len(value) == len(iris.ID) or _NOT_IN_IRI.search(value):
        raise BadSearchParameter(name, f"{shown(repr(value))} is not the IRI of a resource of this graph; "
                                       f"give the full IRI, e.g. {iris.ID}actor/mexico")
    return value


def _date(given: dict[str, list[str]], name: str, end: bool) -> str | None:
    """An ISO date; a year or a month alone means its first day (``from``) or its last (``to``)."""
    value = _single(given, name)
    if not value:
        return None
    match = _DATE.fullmatch(value)
    try:
        if match is None:
            raise ValueError
        year, month, day = int(match.group(1)), match.group(2), match.group(3)
        if day is not None:
            return dt.date(year, int(month), int(day)).isoformat()
        if month is not None:
            first = dt.date(year, int(month), 1)
            if not end:
                return first.isoformat()
            following = dt.date(year + (first.month == 12), first.month % 12 + 1, 1)
            return (following - dt.timedelta(days=1)).isoformat()
        return dt.date(year, 12 if end else 1, 31 if end else 1).isoformat()
    except ValueError:
        raise BadSearchParameter(name, f"{shown(repr(value))} is not a date: write YYYY-MM-DD "
                                       f"(or YYYY-MM, or YYYY)") from None


def _whole(given: dict[str, list[str]], name: str, default: int, lowest: int, highest: int) -> int:
    value = _single(given, name)
    if not value:
        return default
    if not value.isascii() or not value.isdigit() or not lowest <= int(value) <= highest:
        raise BadSearchParameter(name, f"{shown(repr(value))} is not a whole number from {lowest} to {highest}")
    return int(value)
