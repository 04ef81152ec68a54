"""Dates and clock times as English-language UN, OAS and web pages print them.

One table of month names and one set of date forms serve every genre: the
header of a summary record ("Wednesday, 14 April 2021"), the place and date
under a seminar's title ("Geneva, 8-9 October 2009"), the "Date:" line of a
concept note ("March 5, 2020") and the date under a forum post ("Mar 02,
2022", "2022-03-02").  A date is kept with where it was printed, so that a
reader can cut it out of a line ("Palais des Nations, Geneva, 8 October
2009" → the place) and anchor it to its passage.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Generic, TypeVar

MONTHS: dict[str, int] = {
    name: number
    for number, names in enumerate(
        [
            ("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"),
            ("may",), ("june", "jun"), ("july", "jul"), ("august", "aug"),
            ("september", "sept", "sep"), ("october", "oct"), ("november", "nov"), ("december", "dec"),
        ],
        start=1,
    )
    for name in names
}
_MONTH = r"(?P<month>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_WEEKDAY = r"(?:(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday),?\s+)?"
# A day, or the first day of a range printed with it: "8", "8th", "8-9", "8 and 9", "8 to 10".
_DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?(?:\s*(?:-|–|and|to)\s*\d{1,2}(?:st|nd|rd|th)?)?"

# The forms a date is printed in, by name: a page prints its own dates in one form, which
# is how a forum page tells its post dates from dates quoted in a comment.
DATE_FORMS: dict[str, str] = {
    "day-month-year": _WEEKDAY + r"\b" + _DAY + r"\s+" + _MONTH + r",?\s+(?P<year>\d{4})\b",  # 8 October 2009
    "month-day-year": _WEEKDAY + r"\b" + _MONTH + r"\s+" + _DAY + r",?\s+(?P<year>\d{4})\b",  # Mar 02, 2022
    "iso": r"\b(?P<year>\d{4})-(?P<month>\d{2})-(?P<day>\d{2})\b",  # 2022-03-02
}
_DATES = tuple(re.compile(form, re.I) for form in DATE_FORMS.values())

T = TypeVar("T")


@dataclass(frozen=True)
class Found(Generic[T]):
    """A value found in a text, with where it was printed (indices into that text)."""

    value: T
    start: int
    end: int


def date_of(match: re.Match[str]) -> dt.date:
    """The date a match of one of :data:`DATE_FORMS` stands for; ValueError if there is no such day."""
    month = match["month"]
    number = int(month) if month.isdigit() else MONTHS[month.lower()]
    return dt.date(int(match["year"]), number, int(match["day"]))


def find_date(text: str, start: int = 0) -> Found[dt.date] | None:
    """The first calendar date printed in ``text`` at or after ``start`` (``None`` if none).

    The weekday, when printed, is part of the match; of a range ("8-9 October 2009")
    the first day is taken.  A day that does not exist ("31 February") is no date.
    """
    best: Found[dt.date] | None = None
    for form in _DATES:
        for match in form.finditer(text, start):
            try:
                value = date_of(match)
            except ValueError:
                continue
            if best is None or match.start() < best.start:
                best = Found(value, match.start(), match.end())
            break
    return best


_TIME = re.compile(
    r"\b(?:(?P<noon>(?:12\s+)?noon|midday)|(?P<midnight>midnight)"
    r"|(?P<hour>\d{1,2})(?:[.:h](?P<minute>\d{2}))?\s*(?P<half>[ap])\.?\s?m\b\.?"
    r"|(?P<hour24>\d{1,2})[:h](?P<minute24>\d{2})\b)",
    re.I,
)


def find_time(text: str, start: int = 0) -> Found[dt.time] | None:
    """The first clock time in ``text``: "4 p.m.", "5.55 p.m.", "10.05 a.m.", "noon", "15:00"."""
    for match in _TIME.finditer(text, start):
        if match["noon"]:
            value = dt.time(12, 0)
        elif match["midnight"]:
            value = dt.time(0, 0)
        elif match["hour"]:
            hour, minute = int(match["hour"]), int(match["minute"] or 0)
            if not 1 <= hour <= 12 or minute > 59:
                continue
            hour = hour % 12 + (12 if match["half"].lower() == "p" else 0)
            value = dt.time(hour, minute)
        else:
            hour, minute = int(match["hour24"]), int(match["minute24"])
            if hour > 23 or minute > 59:
                continue
            value = dt.time(hour, minute)
        return Found(value, match.start(), match.end())
    return None


# "10:15-11:00", "15.00 – 16.30": a programme's time slot.
_TIME_RANGE = re.compile(r"(\d{1,2})[:.h](\d{2})\s*[-–]\s*(\d{1,2})[:.h](\d{2})")


def time_range_at(text: str) -> Found[tuple[dt.time, dt.time]] | None:
    """The time slot ``text`` starts with, if it starts with one."""
    match = _TIME_RANGE.match(text)
    if match is None:
        return None
    hours = [int(match[group]) for group in (1, 2, 3, 4)]
    # Out-of-range figures wrap rather than fail: a slot is context, not a fact of the graph.
    begin, end = dt.time(hours[0] % 24, hours[1] % 60), dt.time(hours[2] % 24, hours[3] % 60)
    return Found((begin, end), match.start(), match.end())
