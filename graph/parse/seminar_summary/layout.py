"""How a seminar summary is laid out: its header, headings, numbered paragraphs and lists.

A summary opens with the seminar's title (the first block of lines), then the place
and date ("Palais des Nations, Room XII, Geneva, 8 October 2009") and sometimes who
chairs ("Chair: Ms. X (OHCHR)").  Its body is blocks of lines: a block is one
paragraph unless its lines start with paragraph numbers or list marks; a short block
without a full stop, a line in capitals or a session heading ("SESSION 1: …",
"II. DISCUSSION") is a heading.  Annexes (the programme) follow an "ANNEX" line.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from graph.documents import Source, Span
from graph.parse.base import GenreReader, trimmed
from graph.parse.shared.dates import find_date
from graph.parse.shared.layout import BULLET, clean_lines, ends_sentence, lines
from graph.parse.shared.programme import ROLE_LINE, session_token

NUMBERED = re.compile(r"(\d{1,3})\.(?=\s)")
# A list entry: a bullet, or "a.", "a)", "(a)", "(iv)", "1)" ("1." numbers a paragraph in this genre).
LIST_ITEM = re.compile(rf"(?:{BULLET}|[a-z]\.|\(?[a-z]\)|\(?[ivx]{{1,4}}\)|\d{{1,2}}\))\s")
ANNEX_LINE = re.compile(r"[ \t]*(?:ANNEX|Annex|APPENDIX|Appendix)\b[^\n.]{0,40}$", re.M)
DISCUSSION_HEADING = re.compile(
    r"(?:(?:GENERAL|OPEN|INTERACTIVE|PLENARY)\s+)?(?:DISCUSSIONS?|DIALOGUE|DEBATE)\b|QUESTIONS\s+AND\s+ANSWERS", re.I
)
SEMINAR_SECTION = re.compile(
    r"(?:INTRODUCTION|BACKGROUND|OPENING\s+REMARKS|CLOSING\s+REMARKS|CLOSING\s+OF\s+THE|CONCLUSIONS?"
    r"|RECOMMENDATIONS|SUMMARY|OVERVIEW|WELCOME)\b",
    re.I,
)
_ORGANIZED_BY = re.compile(r"(?:organi[sz]ed|convened|hosted|co-organi[sz]ed)\s+by\b", re.I)


@dataclass
class Unit:
    """A heading, a paragraph or a list item, as laid out in the source."""

    kind: str  # "heading" | "paragraph" | "item"
    span: Span
    number: int | None = None


@dataclass
class Header:
    """What the lines above the first paragraph say."""

    title: str
    title_span: Span
    date: dt.date | None
    place: str | None
    end: int  # where the body starts
    role_lines: list[Unit] = field(default_factory=list)  # "Chair: Ms. X (OHCHR)" under the title


def read_header(source: Source, plain: str, body_end: int) -> Header:
    """Title, date, place and where the body starts: the title is the first block of lines;
    the first short line with a date, in the first blocks, gives date and place."""
    blocks: list[list[Span]] = [[]]
    for printed in lines(plain, 0, body_end):
        line = printed.text.strip()
        if not line:
            if blocks[-1]:
                blocks.append([])
            continue
        if NUMBERED.match(line) or (len(line.split()) > 25 and ends_sentence(line)) or len(blocks) > 4:
            break
        blocks[-1].append(trimmed(plain, printed.start, printed.end))
    title_lines: list[Span] = []
    role_lines: list[Unit] = []
    date = place = None
    header_end = 0
    for index, block in enumerate(blocks):
        for line_span in block:
            line = plain[line_span.start:line_span.end]
            found = find_date(line)
            if found and date is None and len(line) < 150 and not _session_period(line):
                date = found.value
                rest = (line[:found.start] + line[found.end:]).strip(" ,;–-")
                place = " ".join(re.sub(r"\s*,\s*,", ",", rest).split()) or None
                header_end = line_span.end
            elif ROLE_LINE.match(line):
                role_lines.append(Unit("paragraph", line_span))
                header_end = max(header_end, line_span.end)
            elif index == 0 and not _ORGANIZED_BY.match(line):
                title_lines.append(line_span)
                header_end = max(header_end, line_span.end)
        if date:
            break
    if not title_lines:
        raise GenreReader.fail(source, 0, "no title: a seminar summary starts with the seminar's title")
    span = Span(title_lines[0].start, title_lines[-1].end)
    return Header(" ".join(plain[span.start:span.end].split()), span, date, place, header_end, role_lines)


def _session_period(line: str) -> bool:
    """"13 June–8 July 2022": the period of a session a report goes to, not the day of the seminar it reports;
    "date 2022-05-27": a site's stamp on the page."""
    months = re.findall(r"\b(?:January|February|March|April|May|June|July|August|September|October|November|December)\b",
                        line, re.I)
    return len(months) >= 2 or bool(re.search(r"\b\d{4}-\d{2}-\d{2}\b", line))


def read_units(layout: str, plain: str, start: int, end: int) -> list[Unit]:
    """Headings, paragraphs and list items of ``layout[start:end]`` (``plain`` is the same text
    without markup); a block of lines is one paragraph unless its lines start with paragraph
    numbers or list marks."""
    units: list[Unit] = []
    block: list[Unit] = []

    def close_block() -> None:
        if len(block) == 1 and block[0].kind == "paragraph" and block[0].number is None:
            text = clean_lines(plain[block[0].span.start:block[0].span.end])
            if len(text.splitlines()) <= 3 and len(text.split()) <= 30 and text[:1].isupper() and (
                    not ends_sentence(text) or heading_with_colon(text)):
                block[0].kind = "heading"
        units.extend(block)
        block.clear()

    for line in lines(layout, start, end):
        if not line.text.strip():
            close_block()
            continue
        span = trimmed(layout, line.start, line.end)
        plain_line = plain[span.start:span.end].strip()
        numbered = NUMBERED.match(plain_line)
        if block and block[-1].kind == "paragraph" and _heading_line(plain, block[-1].span):
            block[-1].kind = "heading"  # a heading printed right above its text, no blank line between
        starts_unit = numbered or LIST_ITEM.match(plain_line) or ROLE_LINE.match(plain_line) or not block
        if starts_unit or block[-1].kind == "heading" or _heading_line(plain, span):
            kind = "item" if not numbered and LIST_ITEM.match(plain_line) else "paragraph"
            block.append(Unit(kind, span, int(numbered[1]) if numbered else None))
        else:
            block[-1].span = Span(block[-1].span.start, span.end)
    close_block()
    return units


def _heading_line(plain: str, span: Span) -> bool:
    """One line that can only be a heading: a session heading, or capitals without a full stop."""
    text = " ".join(plain[span.start:span.end].split())
    if "\n" in plain[span.start:span.end].strip() or not text or len(text.split()) > 30:
        return False
    if ends_sentence(text):
        return heading_with_colon(text)
    if NUMBERED.match(text) or LIST_ITEM.match(text):
        return False
    return bool(session_token(unnumbered(text))) or capitals(text)


def heading_with_colon(text: str) -> bool:
    """"DISCUSSION:", "Session 2:" — a heading printed with a colon, not a sentence introducing a list."""
    if not text.endswith(":") or len(text.split()) > 8:
        return False
    bare = unnumbered(text[:-1].strip())
    return bool(session_token(bare) or DISCUSSION_HEADING.fullmatch(bare) or SEMINAR_SECTION.match(bare) or capitals(bare))


def unnumbered(heading: str) -> str:
    """"II. SESSION 1: …" → "SESSION 1: …"; "B. Discussion" → "Discussion"."""
    return re.sub(r"^(?:[IVXL]+|[A-Z]|\d{1,2})[.)]\s+", "", heading)


def capitals(text: str) -> bool:
    """Whether ``text`` is printed in capitals (mostly: "SESSION 1: MIGRANTS’ RIGHTS in practice")."""
    letters = [c for c in text if c.isalpha()]
    return bool(letters) and sum(c.isupper() for c in letters) >= 0.8 * len(letters)
