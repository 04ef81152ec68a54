"""Content negotiation: which format answers a request, the same rules on every route (issue 12, point 2).

``/sparql`` (and its service description), ``/id/…``, ``/ontology``, ``/dumps/``,
``/.well-known/void`` and the error bodies all choose here, among formats of
:mod:`graph.formats`, by RFC 9110 §12.5.1:

* a format's quality is that of the most specific range that matches it: its
  own media type named, then an alias named exactly (``application/json`` for
  SPARQL JSON), then ``type/*``, then ``*/*``; so ``text/turtle;q=0, */*``
  refuses Turtle and accepts the rest, and ``*/*`` never brings back a
  format its own type excluded;
* ``q=0`` excludes;
* among the formats of the highest quality, one the client named beats one it
  reached only through a wildcard (``text/csv, */*`` asks for CSV), then the
  service's own order decides (the order of the offers: JSON for result sets,
  Turtle for graphs, HTML for resource pages);
* aliases count only when named: ``text/*`` does not pick XML through ``text/xml``;
* no ``Accept`` header (or an empty one) means the first offer;
* a malformed element — no ``type/subtype``, or a ``q`` that is not a number
  from 0 to 1 (``q=abc``, ``q=2``) — counts for nothing, as if it had not been
  sent (:func:`parse_accept` says why); when nothing readable is left, nothing
  is acceptable and the route answers 406 naming what it offers;
* on ``/sparql`` the ``format`` parameter (``json``, ``turtle``, ``text/csv``…)
  overrides the header, for links and for browsers, which cannot set it.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Sequence

from graph.formats import ANSWER_GRAPH_FORMATS, RESULTS_FORMATS, Format, named
from graph.memo import short_memo

# Headers are remembered when they are as short as real clients send them: an Accept header of
# 1,000 characters is already long.  Longer ones are read each time and never kept (issue 10 item 6).
LONGEST_REMEMBERED = 1024
# RFC 9110 §12.4.2 allows "0", "0.5", "1.000"; ".2" is outside the grammar but old Java clients send it
# (``*; q=.2``), so any plain decimal is read, and only values from 0 to 1 are kept.
_QVALUE = re.compile(r"\d+(?:\.\d*)?|\.\d+")


@dataclass(frozen=True, slots=True)
class MediaRange:
    type: str
    subtype: str
    quality: float

    def specificity(self, fmt: Format) -> int:
        """How closely this range names ``fmt``: 3 its own type, 2 an alias, 1 ``type/*``, 0 ``*/*``; -1 not at all."""
        media = f"{self.type}/{self.subtype}"
        if media == fmt.media_type:
            return 3
        if media in fmt.media_aliases:
            return 2
        if self.subtype == "*":
            if self.type == "*":
                return 0
            if fmt.media_type.startswith(self.type + "/"):
                return 1
        return -1


@short_memo(entries=256, longest=LONGEST_REMEMBERED)
def parse_accept(header: str) -> tuple[MediaRange, ...]:
    """The header's valid media ranges, in order.

    A malformed element is dropped rather than read as ``q=1`` (clamped up)
    or ``q=0`` (refused): its weight is unknown, and either guess would let a
    typo decide — prefer a format the client ranked low, or refuse one a
    wildcard elsewhere in the header accepts.  Dropped, the rest of the header
    decides, and a header with nothing readable gets a 406 that quotes it
    rather than a format chosen silently (issue 12, point 2).
    """
    ranges = []
    for part in header.split(","):
        media, *parameters = (item.strip() for item in part.split(";"))
        media = media.lower()
        if media == "*":  # seen from old clients: means */*
            media = "*/*"
        kind, slash, sub = media.partition("/")
        if not slash or not kind or not sub or (kind == "*" and sub != "*"):
            continue
        quality = weight(parameters)
        if quality is not None:
            ranges.append(MediaRange(kind, sub, quality))
    return tuple(ranges)


def weight(parameters: Sequence[str]) -> float | None:
    """An element's ``q`` (1 when it has none); None when it is malformed (see :func:`parse_accept`)."""
    for parameter in parameters:
        name, _, value = parameter.partition("=")
        if name.strip().lower() == "q":  # parameters after q are accept-extensions: not ours to read
            value = value.strip()
            return float(value) if _QVALUE.fullmatch(value) and float(value) <= 1 else None
    return 1.0


def quality(ranges: Sequence[MediaRange], fmt: Format) -> tuple[float, int]:
    """The quality the client gives ``fmt``, and 1 when it named the format (own type or alias), else 0."""
    best_specificity, best_quality = -1, 0.0
    for media_range in ranges:
        specificity = media_range.specificity(fmt)
        if specificity < 0:
            continue
        # Equally specific ranges (two aliases named): the kinder one counts.
        if specificity > best_specificity or (specificity == best_specificity and media_range.quality > best_quality):
            best_specificity, best_quality = specificity, media_range.quality
    return best_quality, int(best_specificity >= 2)


def choose(accept: str | None, offers: Sequence[Format]) -> Format | None:
    """The offer the client prefers, ``offers`` in the service's order; None when it accepts none."""
    if accept is None or not accept.strip():
        return offers[0] if offers else None
    ranges = parse_accept(accept)
    best: tuple[float, int, int] | None = None
    chosen: Format | None = None
    for position, fmt in enumerate(offers):
        q, named_exactly = quality(ranges, fmt)
        if q <= 0:
            continue
        key = (q, named_exactly, -position)
        if best is None or key > best:
            best, chosen = key, fmt
    return chosen


def offered_types(offers: Sequence[Format]) -> str:
    """For messages: the media types offered, in the service's order."""
    return ", ".join(fmt.media_type for fmt in offers)


# -- /sparql: one format per kind of answer, since the kind is known only after reading the query ----


@dataclass(frozen=True, slots=True)
class Negotiated:
    """The format for each kind of answer; None where the client accepts none."""

    results: Format | None
    graph: Format | None

    def for_form(self, form: str | None) -> Format | None | bool:
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
        return Negotiated(named(format_parameters, RESULTS_FORMATS), named(format_parameters, ANSWER_GRAPH_FORMATS))
    return Negotiated(choose(accept, RESULTS_FORMATS), choose(accept, ANSWER_GRAPH_FORMATS))


def format_names() -> str:
    """For messages: what each kind of answer can be sent as, by ``format`` name and media type."""
    def listed(formats: Sequence[Format]) -> str:
        return ", ".join(f.name for f in formats) + f" ({offered_types(formats)})"

    return (f"result sets (SELECT, ASK): {listed(RESULTS_FORMATS)}; "
            f"graphs (CONSTRUCT, DESCRIBE): {listed(ANSWER_GRAPH_FORMATS)}")


@short_memo(entries=64, longest=LONGEST_REMEMBERED)
def accepts_gzip(accept_encoding: str | None) -> bool:
    """Whether an Accept-Encoding header allows gzip (``gzip;q=0`` does not; RFC 9110 §12.5.3)."""
    if not accept_encoding:
        return False
    allowed = {}
    for part in accept_encoding.split(","):
        coding, *parameters = (item.strip() for item in part.split(";"))
        q = weight(parameters)
        if q is not None:  # the same rule as for Accept: a malformed element counts for nothing
            allowed[coding.lower()] = q
    return allowed.get("gzip", allowed.get("x-gzip", allowed.get("*", 0.0))) > 0
