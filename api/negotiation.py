"""Content negotiation: which format answers a request (RFC 9110 §12.5.1).

Strict, as SPARQL clients expect it:

* the most specific media range that matches a format gives its quality
  (``text/turtle;q=0, */*`` refuses Turtle but accepts the rest);
* ``q=0`` excludes; a malformed range (``text``, ``q=abc``) counts for nothing;
* among the formats of highest quality, an exact match beats a wildcard, then
  the service's own order decides (JSON for result sets, Turtle for graphs);
* no Accept header at all means the first format of the service's order;
* the ``format`` parameter (``json``, ``turtle``, ``text/csv``…) overrides the
  Accept header, for links and for browsers, which cannot set it.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence, TypeVar

from graph.memo import short_memo
from graph.result_formats import GRAPH_FORMATS, RESULTS_FORMATS, ResultFormat

T = TypeVar("T")
# Headers are remembered when they are as short as real clients send them: an Accept header of
# 1,000 characters is already long.  Longer ones are read each time and never kept (issue 10 item 6).
LONGEST_REMEMBERED = 1024


@dataclass(frozen=True, slots=True)
class MediaRange:
    type: str
    subtype: str
    quality: float

    @property
    def specificity(self) -> int:
        return (self.type != "*") + (self.subtype != "*")

    def matches(self, media_type: str) -> bool:
        kind, _, sub = media_type.partition("/")
        return self.type in ("*", kind) and self.subtype in ("*", sub)


@short_memo(entries=256, longest=LONGEST_REMEMBERED)
def parse_accept(header: str) -> tuple[MediaRange, ...]:
    ranges = []
    for part in header.split(","):
        media, *parameters = (item.strip() for item in part.split(";"))
        media = media.lower()
        if media == "*":  # seen from old clients: means */*
            media = "*/*"
        kind, slash, sub = media.partition("/")
        if not slash or not kind or not sub or (kind == "*" and sub != "*"):
            continue
        quality = 1.0
        for parameter in parameters:
            name, _, value = parameter.partition("=")
            if name.strip().lower() == "q":
                try:
                    quality = float(value.strip())
                except ValueError:
                    quality = -1.0
        if 0.0 <= quality <= 1.0:
            ranges.append(MediaRange(kind, sub, quality))
    return tuple(ranges)


def quality(ranges: Sequence[MediaRange], media_type: str) -> tuple[float, int]:
    """The quality the client gives ``media_type`` and how specific the range that says so is."""
    best: MediaRange | None = None
    for media_range in ranges:
        if media_range.matches(media_type) and (best is None or media_range.specificity > best.specificity):
            best = media_range
    return (0.0, 0) if best is None else (best.quality, best.specificity)


def choose(accept: str | None, offers: Sequence[tuple[Sequence[str], T]]) -> T | None:
    """The offer the client prefers; offers are (media types, value) in the service's order.

    The first media type of an offer is its own; the others are aliases
    (``application/json`` for SPARQL JSON), which count only when named exactly,
    so that ``text/*`` does not pick XML through ``text/xml``, nor ``*/*`` bring
    back a format its own type excluded with ``q=0``.
    """
    if accept is None or not accept.strip():
        return offers[0][1] if offers else None
    ranges = parse_accept(accept)
    best: tuple[float, int, int] | None = None
    chosen: T | None = None
    for position, (media_types, value) in enumerate(offers):
        q, specificity = quality(ranges, media_types[0])
        for alias in media_types[1:]:
            alias_q, alias_specificity = quality(ranges, alias)
            if alias_specificity == 2 and (alias_q, 2) > (q, specificity):
                q, specificity = alias_q, alias_specificity
        if q <= 0:
            continue
        key = (q, specificity, -position)
        if best is None or key > best:
            best, chosen = key, value
    return chosen


def _offers(formats: Sequence[ResultFormat]) -> list[tuple[tuple[str, ...], ResultFormat]]:
    return [((f.media_type, *(a for a in f.aliases if "/" in a)), f) for f in formats]


RESULTS_OFFERS = _offers(RESULTS_FORMATS)
GRAPH_OFFERS = _offers(GRAPH_FORMATS)


@dataclass(frozen=True, slots=True)
class Negotiated:
    """The format for each kind of answer; None where the client accepts none."""

    results: ResultFormat | None
    graph: ResultFormat | None

    def for_form(self, form: str | None) -> ResultFormat | None | bool:
        """The format for a query of this form, or True when the form is not known yet."""
        if form in ("SELECT", "ASK"):
            return self.results
        if form in ("CONSTRUCT", "DESCRIBE"):
            return self.graph
        return True


@short_memo(entries=256, longest=LONGEST_REMEMBERED)
def negotiate(accept: str | None, format_parameters: tuple[str, ...] = ()) -> Negotiated:
    """The formats for this Accept header, or for the ``format`` values (the first that fits each kind)."""
    if format_parameters:
        return Negotiated(named(format_parameters, RESULTS_FORMATS), named(format_parameters, GRAPH_FORMATS))
    return Negotiated(choose(accept, RESULTS_OFFERS), choose(accept, GRAPH_OFFERS))


def named(names: Sequence[str], formats: Sequence[ResultFormat]) -> ResultFormat | None:
    for name in names:
        wanted = name.strip().lower()
        for fmt in formats:
            if wanted == fmt.name or wanted == fmt.media_type or wanted in fmt.aliases:
                return fmt
    return None


def format_names() -> str:
    """For messages: the names the ``format`` parameter takes."""
    results = ", ".join(f.name for f in RESULTS_FORMATS)
    graphs = ", ".join(f.name for f in GRAPH_FORMATS)
    return f"result sets (SELECT, ASK): {results}; graphs (CONSTRUCT, DESCRIBE): {graphs}"


@short_memo(entries=64, longest=LONGEST_REMEMBERED)
def accepts_gzip(accept_encoding: str | None) -> bool:
    """Whether an Accept-Encoding header allows gzip (``gzip;q=0`` does not)."""
    if not accept_encoding:
        return False
    allowed = {}
    for part in accept_encoding.split(","):
        coding, *parameters = (item.strip() for item in part.split(";"))
        q = 1.0
        for parameter in parameters:
            name, _, value = parameter.partition("=")
            if name.strip().lower() == "q":
                try:
                    q = float(value)
                except ValueError:
                    q = 0.0
        allowed[coding.lower()] = q
    return allowed.get("gzip", allowed.get("x-gzip", allowed.get("*", 0.0))) > 0
