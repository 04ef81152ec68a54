"""Small helpers that several genre readers need.

* :func:`lines` — the lines of a source with their offsets (``\\r\\n`` and a BOM tolerated);
* :class:`Plain` — a passage with its markup removed, keeping the way back to source offsets;
* :func:`find_date`, :func:`parse_time`, :func:`ordinal_number` — dates, clock times and
  ordinals as English-language UN and OAS documents print them;
* :func:`split_honorific` (forms of address: :data:`graph.extract.speakers.HONORIFICS`) — "Ms. Hernández Paramo" → ("Ms.", "Hernández Paramo");
* :func:`footnote_marks`, :func:`footnote_bodies` — footnotes as word processors export them
  (``[footnoteRef:3]`` in the text, ``[3: …]`` for the note) and as markdown writes them (``[^3]``).

Everything here is about how documents are printed, never about particular documents.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from graph.extract.speakers import HONORIFIC

# --- lines -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Line:
    """One line of a source: ``text`` is ``source.text[start:end]`` (no line break)."""

    start: int
    end: int
    text: str

    @property
    def blank(self) -> bool:
        return not self.text.strip()


def lines(text: str) -> list[Line]:
    """Split ``text`` into lines, keeping offsets into it; a trailing ``\\r`` and a BOM are left out."""
    result: list[Line] = []
    position = 0
    for raw in text.split("\n"):
        start, end = position, position + len(raw)
        position = end + 1
        if raw.endswith("\r"):
            end -= 1
        if start == 0 and text.startswith("\ufeff"):
            start += 1
        result.append(Line(start, end, text[start:end]))
    return result


# --- markup ------------------------------------------------------------------------------

# Emphasis as markdown-ish exports print it (**bold**, *italic*, __bold__) and footnote marks.
_MARKUP = re.compile(r"\[footnoteRef:\d+\]|\[\^\w+\](?!:)|\*\*|__|\*(?=\S)|(?<=\S)\*")


@dataclass(frozen=True)
class Plain:
    """A passage with markup removed; ``offsets[i]`` is the source offset of ``text[i]``.

    Parsing the plain text and mapping positions back keeps every extracted phrase
    anchored to the exact printed passage.
    """

    text: str
    offsets: tuple[int, ...]
    end: int  # source offset just past the passage

    @classmethod
    def of(cls, source_text: str, start: int, end: int) -> "Plain":
        chars: list[str] = []
        offsets: list[int] = []
        position = start
        for match in _MARKUP.finditer(source_text, start, end):
            for index in range(position, match.start()):
                chars.append(source_text[index])
                offsets.append(index)
            position = match.end()
        for index in range(position, end):
            chars.append(source_text[index])
            offsets.append(index)
        return cls("".join(chars), tuple(offsets), end)

    def source_offset(self, index: int) -> int:
        """Source offset of plain index ``index`` (``len(text)`` maps to the passage end)."""
        return self.offsets[index] if index < len(self.offsets) else self.end

    def source_range(self, start: int, end: int) -> tuple[int, int]:
        """Source offsets of the plain range ``[start, end)``, tight around its characters."""
        if end <= start:
            at = self.source_offset(start)
            return at, at
        return self.offsets[start], self.offsets[end - 1] + 1


def strip_markup(text: str) -> str:
    """``text`` without emphasis markers and footnote marks, whitespace runs made single spaces."""
    return " ".join(_MARKUP.sub("", text).split())


# --- dates and times ---------------------------------------------------------------------

MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"),
            ("may",), ("june", "jun"), ("july", "jul"), ("august", "aug"),
            ("september", "sep", "sept"), ("october", "oct"), ("november", "nov"), ("december", "dec"),
        ],
        start=1,
    )
    for name in names
}
_MONTH = r"(?P<month>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_WEEKDAY = r"(?:(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday),?\s+)?"
_DATE_FORMS = (
    # "Wednesday, 14 April 2021", "8 October 2009"
    re.compile(_WEEKDAY + r"(?P<day>\d{1,2})(?:st|nd|rd|th)?\s+" + _MONTH + r",?\s+(?P<year>\d{4})\b", re.I),
    # "Mar 02, 2022", "December 18, 1990"
    re.compile(_WEEKDAY + _MONTH + r"\s+(?P<day>\d{1,2})(?:st|nd|rd|th)?,?\s+(?P<year>\d{4})\b", re.I),
    # "2022-03-02"
    re.compile(r"\b(?P<year>\d{4})-(?P<month>\d{2})-(?P<day>\d{2})\b"),
)


@dataclass(frozen=True)
class Found:
    """A value found in a text, with where it was printed (indices into that text)."""

    value: object
    start: int
    end: int


def find_date(text: str, start: int = 0) -> Found | None:
    """The first calendar date printed in ``text`` at or after ``start`` (``None`` if none).

    The weekday, when printed, is part of the match.
    """
    best: Found | None = None
    for form in _DATE_FORMS:
        for match in form.finditer(text, start):
            month = match["month"]
            number = int(month) if month.isdigit() else MONTHS[month.lower()]
            try:
                value = dt.date(int(match["year"]), number, int(match["day"]))
            except ValueError:
                continue
            if best is None or match.start() < best.start:
                best = Found(value, match.start(), match.end())
            break
    return best


def parse_date(text: str) -> dt.date | None:
    """The first date printed in ``text``: "Tuesday, 27 September 2022", "Mar 02, 2022"."""
    found = find_date(text)
    return found.value if found else None  # type: ignore[return-value]


_TIME = re.compile(
    r"\b(?:(?P<noon>(?:12\s+)?noon|midday)|(?P<midnight>midnight)"
    r"|(?P<hour>\d{1,2})(?:[.:h](?P<minute>\d{2}))?\s*(?P<half>[ap])\.?\s?m\b\.?"
    r"|(?P<hour24>\d{1,2})[:h](?P<minute24>\d{2})\b)",
    re.I,
)


def find_time(text: str, start: int = 0) -> Found | None:
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


def parse_time(text: str) -> dt.time | None:
    found = find_time(text)
    return found.value if found else None  # type: ignore[return-value]


# --- ordinals ----------------------------------------------------------------------------

_UNITS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
    "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13,
    "fourteenth": 14, "fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18,
    "nineteenth": 19,
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
}
_TENS = {
    "twentieth": 20, "thirtieth": 30, "fortieth": 40, "fiftieth": 50, "sixtieth": 60,
    "seventieth": 70, "eightieth": 80, "ninetieth": 90,
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
}
ORDINAL_WORDS = sorted([*_UNITS, *_TENS, "hundred", "hundredth", "and"], key=len, reverse=True)
# An ordinal as printed: "Thirty-fifth", "One hundred and thirty-fifth", "FIRST", "35th".
ORDINAL = r"(?:\d+(?:st|nd|rd|th)|(?:(?:" + "|".join(ORDINAL_WORDS) + r")[\s-]*)+)"


def ordinal_number(text: str) -> int | None:
    """The number an ordinal stands for: "Thirty-fifth" → 35, "FIRST" → 1, "135th" → 135."""
    words = text.strip().lower()
    digits = re.fullmatch(r"(\d+)(?:st|nd|rd|th)?", words)
    if digits:
        return int(digits[1])
    total, current, seen = 0, 0, False
    for word in re.split(r"[\s-]+", words):
        if word in ("and", ""):
            continue
        if word in ("hundred", "hundredth"):
            total += (current or 1) * 100
            current = 0
        elif word in _TENS:
            current += _TENS[word]
        elif word in _UNITS:
            current += _UNITS[word]
        else:
            return None
        seen = True
    return total + current if seen else None


# --- names -------------------------------------------------------------------------------


def split_honorific(name: str) -> tuple[str | None, str]:
    """("Ms.", "Hernández Paramo") for "Ms. Hernández Paramo"; (None, name) without a title."""
    match = re.match(HONORIFIC + r"\s+", name.strip())
    if not match:
        return None, name.strip()
    return match.group(0).strip(), name.strip()[match.end():]


# --- footnotes ---------------------------------------------------------------------------

# Marks in the text: "[footnoteRef:3]" (word processor export) or "[^3]" (markdown).
FOOTNOTE_MARK = re.compile(r"\[footnoteRef:(\d+)\]|\[\^(\w+)\](?!:)")
# The notes: "[3:  Committee on …]" — on one line, which may hold bracketed words — or a
# markdown definition "[^3]: Committee on …" at the start of a line.
FOOTNOTE_BODY = re.compile(
    r"\[(\d+):\s[^\[\]\n]*(?:\[[^\[\]\n]*\][^\[\]\n]*)*\]?|^\[\^(\w+)\]:[^\r\n]*[^\s]", re.M
)


def footnote_marks(text: str, start: int = 0, end: int | None = None) -> list[tuple[str, int]]:
    """Footnote numbers marked in ``text[start:end]`` with the offset of each mark."""
    stop = len(text) if end is None else end
    return [(m[1] or m[2], m.start()) for m in FOOTNOTE_MARK.finditer(text, start, stop)]


def footnote_bodies(text: str, start: int = 0, end: int | None = None) -> list[tuple[str, int, int]]:
    """Footnote texts in ``text[start:end]``: (number, start, end), the number as marked."""
    stop = len(text) if end is None else end
    return [(m[1] or m[2], m.start(), m.end()) for m in FOOTNOTE_BODY.finditer(text, start, stop)]
