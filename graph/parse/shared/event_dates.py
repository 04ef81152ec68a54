"""Two dates of a prose document: when it was issued, and when the meeting or event it is about took place.

They are told apart by where and how the text prints them, never by their order alone:

* the issue date is a header line holding nothing but a date ("3 July 2006", "  October 25, 2007",
  "Record of decisions | 26 March 2013", "Distr.: General / 2 April 2025");
* the event's date is what the text says of the event: "Held at … on Monday, 10 November 2003",
  "which was held on 21 February 2022", "took place on 4th March 2014", "will be held on …"; a header
  line giving the event's hours or room ("Tuesday 4 March 2014, 09:00-12:00, room XX") or a lone date
  line with the room under it; an event's title ending with its date ("Intersessional panel discussion
  …, 21 February 2022"); a press dateline ("TURIN, 30 June --", "16 February 2017, New York, USA -")
  whose story happens "today"; "last night" or "today" in a release's first paragraph, counted from
  its date.

A date printed for something else — a session's period ("13 June–8 July 2022"), a later forum "to be
held in Manila on 29 and 30 October 2008", a hosting site's stamp glued to a heading — is neither.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from graph.documents import Span
from graph.parse.shared.dates import MONTHS, find_date, find_time
from graph.parse.shared.paragraphs import Block

_EVENT_WORDS = re.compile(
    r"\b(?:meeting|seminar|workshop|panel|discussion|dialogue|debate|conference|symposium|consultation|forum"
    r"|round\s*table|session|event|launch|colloquium|hearing|summit)s?\b", re.I)
# A record's "Held at … on …" line, alone or closing its title ("… Twenty-Sixth Meeting Held at Lake Success, …").
_HELD = re.compile(r"(?:^[ \t]*|\bmeeting,?\s+)held\s+(?:at|in|via)\b", re.I | re.M)
# The event itself said to happen on a date (not "to be held", which is another, later event).
_HAPPENS = re.compile(
    r"\b(?:(?:was|were|will\s+be|is\s+being)\s+held|took\s+place|will\s+take\s+place|takes\s+place)"
    r"(?:\s+(?:in|at)\s+[^,.;]{1,60}?)?\s*,?\s+on\s+", re.I)
_VENUE = re.compile(r"\b(?:room|salle|sala|hall|venue|palais|headquarters|building|centre|center|auditorium)\b", re.I)
_MONTH = "(?i:" + "|".join(sorted(MONTHS, key=len, reverse=True)) + ")"
_DAY_MONTH = rf"(?:(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s+(?P<month>{_MONTH})\.?|(?P<month2>{_MONTH})\.?\s+(?P<day2>\d{{1,2}}))"
_DATELINES = (
    re.compile(rf"^[ \t]*[A-Z][A-Z .'’\-]{{2,40}},\s+{_DAY_MONTH}(?:,?\s+(?P<year>\d{{4}}))?\s*(?:--|—|–|-)\s"),
    re.compile(rf"{_DAY_MONTH},?\s+(?P<year>\d{{4}}),\s+[A-Z][\w .]+?(?:,\s*[A-Z][\w .]+?)?\s+(?:--|—|–|-)\s"),
)
_ISO = re.compile(r"\d{4}-\d{2}-\d{2}")
_TODAY = re.compile(r"\b(?:today|this\s+(?:morning|afternoon|evening|week)|tonight)\b", re.I)
_YESTERDAY = re.compile(r"\b(?:yesterday|last\s+night)\b", re.I)


@dataclass(frozen=True)
class DatedAs:
    """A date and the words that give it (offsets into the text read)."""

    date: dt.date
    span: Span
    how: str  # what said so: "held on", "date line", "title", "dateline", "relative to the issue date"


def issue_date(text: str, header: list[Block]) -> DatedAs | None:
    """The first header line that holds a date and little else, and is not the event's date line."""
    for index, block in enumerate(header):
        for line in block.lines:
            found = find_date(line.bare)
            if (found is None or _two_months(line.bare) or _event_line(line.bare, header[index + 1:])
                    or _ISO.fullmatch(line.bare[found.start:found.end])):
                continue  # an ISO date is a site's stamp on the page, not a date the document prints
            rest = re.findall(r"[^\W\d_]+", line.bare[:found.start] + " " + line.bare[found.end:])
            if len(rest) <= 3 and not any(_EVENT_WORDS.search(word) for word in rest):
                offset = line.start + line.text.index(line.bare)
                return DatedAs(found.value, Span(offset + found.start, offset + found.end), "issue date line")
    return None


def event_date(text: str, header: list[Block], paragraphs: list[Block], issued: dt.date | None) -> DatedAs | None:
    """The date the document gives its meeting or event, by the first rule that finds one (see the module)."""
    opening = paragraphs[:3]
    for found in (_held(text, header + opening), _happens(text, header + paragraphs), _header_line(header),
                  _dateline(text, paragraphs[:1], issued), _relative(text, paragraphs[:1], issued)):
        if found is not None:
            return found
    return None


def _held(text: str, blocks: list[Block]) -> DatedAs | None:
    for block in blocks:
        span = block.span
        match = _HELD.search(text, span.start, span.end)
        if match:
            found = find_date(text[match.end():min(len(text), match.end() + 160)])
            if found:
                start = match.end() + found.start
                return DatedAs(found.value, Span(start, match.end() + found.end), "held on")
    return None


def _happens(text: str, blocks: list[Block]) -> DatedAs | None:
    for block in blocks:
        span = block.span
        for match in _HAPPENS.finditer(text, span.start, span.end):
            found = find_date(text[match.end():match.end() + 40])
            if found and found.start == 0:
                return DatedAs(found.value, Span(match.end(), match.end() + found.end), "held on")
    return None


# "On 8 October 2009, OHCHR held …": a sentence that opens with the day the event took place.
_ON_DAY = re.compile(r"(?:^|(?<=[.!?]\s))On\s+(?=\w)")


def date_told_of_event(text: str, start: int, end: int) -> DatedAs | None:
    """The date a paragraph gives its event: "which was held on …", "took place on …", or a sentence opening
    "On 8 October 2009, …"; not a date it gives anything else ("a forum to be held in Manila on …")."""
    for match in _HAPPENS.finditer(text, start, end):
        found = find_date(text[match.end():match.end() + 40])
        if found and found.start == 0:
            return DatedAs(found.value, Span(match.end(), match.end() + found.end), "held on")
    for match in _ON_DAY.finditer(text, start, end):
        found = find_date(text[match.end():match.end() + 40])
        if found and found.start == 0:
            return DatedAs(found.value, Span(match.end(), match.end() + found.end), "on the day")
    return None


def _header_line(header: list[Block]) -> DatedAs | None:
    for index, block in enumerate(header):
        for line in block.lines:
            found = find_date(line.bare)
            if found is None or _two_months(line.bare):
                continue
            titled = _EVENT_WORDS.search(line.bare[:found.start]) and re.search(r",\s*$", line.bare[:found.start]) \
                and not line.bare[found.end:].strip(" .")
            if titled or _event_line(line.bare, header[index + 1:]):
                offset = line.start + line.text.index(line.bare)
                return DatedAs(found.value, Span(offset + found.start, offset + found.end),
                               "title" if titled else "date line")
    return None


def _event_line(line: str, following: list[Block]) -> bool:
    """A line giving the event's date with its hours or room, or a lone date with the room on the next line."""
    found = find_date(line)
    if found is None or found.start > 12:
        return False
    rest = line[found.end:]
    if find_time(rest) or _VENUE.search(rest) or re.search(r"\bfrom\s+\d", rest):
        return True
    after = following[0].lines[0].bare if following else ""
    return not rest.strip(" ,.") and bool(_VENUE.search(after)) and find_date(after) is None


def _dateline(text: str, first: list[Block], issued: dt.date | None) -> DatedAs | None:
    if not first:
        return None
    span = first[0].span
    head = text[span.start:min(span.end, span.start + 400)]
    for pattern in _DATELINES:
        match = pattern.search(head)
        if match is None or not _TODAY.search(text, span.start, span.end):
            continue
        day = int(match["day"] or match["day2"])
        month = MONTHS[(match["month"] or match["month2"]).lower()]
        year = int(match["year"]) if match["year"] else (issued.year if issued else None)
        if year is None:
            continue
        try:
            value = dt.date(year, month, day)
        except ValueError:
            continue
        return DatedAs(value, Span(span.start + match.start(), span.start + match.end()), "dateline")
    return None


def _relative(text: str, first: list[Block], issued: dt.date | None) -> DatedAs | None:
    if not first or issued is None:
        return None
    span = first[0].span
    yesterday = _YESTERDAY.search(text, span.start, span.end)
    if yesterday:
        return DatedAs(issued - dt.timedelta(days=1), Span(yesterday.start(), yesterday.end()),
                       "relative to the issue date")
    today = _TODAY.search(text, span.start, span.end)
    if today:
        return DatedAs(issued, Span(today.start(), today.end()), "relative to the issue date")
    return None


def _two_months(line: str) -> bool:
    return len(re.findall(rf"\b{_MONTH}\b", line)) >= 2
