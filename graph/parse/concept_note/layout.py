"""How a concept note is laid out when it is not the OAS export with "/" marks: a PDF's hard-wrapped text, a
web page, a word-processor's copy kept by a document-sharing site (issue 11, point 3).

* The header is every block above the first paragraph (:mod:`graph.parse.shared.paragraphs`): the hosting site's
  furniture ("Document 17690239", "advertisement", a page title "High-level panel … in Word"), the genre's
  label ("CONCEPT NOTE"), the title (one block, possibly wrapped over several lines), the event's date and
  place lines ("Tuesday, 22 March 2016, from 12 to 3 p.m.", "Room XX, Palais des Nations, Geneva"), who
  prepared it and "Field: value" lines.
* The title is the first header block that is none of those: the label printed before it is not part of it;
  the site's name after a dash on its first line ("concept note - International Organization for
  Migration") is the page's, not the note's.
* The body is paragraphs as :func:`~graph.parse.shared.paragraphs.read_blocks` reads them: hard-wrapped lines joined,
  a sentence ending well short of the width ends its paragraph, one-word headings ("Background", "I.
  Introduction") apart.  Each list entry is a unit of its own, so that a list of questions gives one
  question each and a list a sentence introduces continues that sentence.
* The event's date is what the note says of the event (:mod:`graph.parse.shared.event_dates`): a date line with its
  hours or room, a title ending with its date, "will be held on 4th March 2014"; never the date of a
  resolution it cites ("adopted on 2 October 2015") — and the note's own date, which notes do not print.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from graph.documents import Span
from graph.parse.base import trimmed
from graph.parse.shared.dates import find_date
from graph.parse.shared.event_dates import event_date
from graph.parse.shared.authorship import is_organisation_name
from graph.parse.shared.layout import BULLET, ends_sentence
from graph.parse.shared.narrative import BODY_NAME, EVENT_WORDS, is_furniture
from graph.parse.shared.paragraphs import LIST_ITEM as ENTRY, Block, read_blocks

_LABEL = r"(?:CONCEPT\s+(?:NOTE|PAPER)|BACKGROUND\s+(?:NOTE|PAPER)|NOTE\s+CONCEPTUELLE|NOTA\s+CONCEPTUAL)\b"
GENRE_LABEL = re.compile(rf"[ \t]*{_LABEL}[ \t:.\-–]*", re.I)
# The label alone, or with one word before it: "CONCEPT NOTE", "General concept note".
_LABEL_ALONE = re.compile(rf"(?:\w+\s+)?{_LABEL}[ \t:.]*", re.I)
AUTHOR_LINE = re.compile(
    r"(?:\(\s*(?P<enclosed>{by})\s*\)|(?P<printed>{by}))\s*$".format(
        by=r"(?:Prepared|Drafted|Written|Submitted|Presented)\s+by\s+.+?"),
    re.I,
)
HEADER_FIELD = re.compile(r"(?P<field>Date|Dates|Venue|Place|Location|Time|Organi[sz]ed\s+by|Organi[sz]er|Convened\s+by)\s*:\s*(?P<value>.+)", re.I)
# A list entry: a bullet, or "1)", "1.", "a)", "(a)", "(iv)" (this genre does not number its paragraphs).
LIST_ITEM = re.compile(rf"(?:{BULLET}|\d{{1,2}}[).]|[a-z][).]|\(\w{{1,4}}\))\s")
# A site's page title: the document's name and the format it is offered in.
_OFFERED_AS = re.compile(r".*\s+in\s+(?:Word|PDF|DOCX?)$", re.I)
_SESSION_ONLY = re.compile(r"\bs\s?ession\b", re.I)
# "Date and venue 18 September 2014, 12:00-15:00, Room XX" (a label without its colon, a word broken by OCR).
_DATE_LABEL = re.compile(r"(?i)dates?(?:\s*(?:and|&|/)\s*v\s?enue)?\b\s*:?\s*(?=\S)")
_PLACE_LINE = re.compile(r"(?i:room|salle|sala|palais|headquarters|venue)\b")


@dataclass
class Piece:
    """A stretch of one line that belongs to a unit, and how it joins the one before."""

    span: Span
    joiner: str  # " " within a paragraph, "\n" for a list entry


@dataclass
class Unit:
    kind: str  # "paragraph" | "item" | "heading"
    pieces: list[Piece] = field(default_factory=list)
    ended_by_mark: bool = False

    @property
    def span(self) -> Span:
        return Span(self.pieces[0].span.start, self.pieces[-1].span.end)


@dataclass
class NoteHeader:
    """What the blocks above the first paragraph say."""

    title: tuple[str, Span]
    body: Span | None  # a body's name printed above the title ("Human Rights Council")
    body_start: int
    printed_by: tuple[str, Span] | None
    fields: dict[str, tuple[str, Span]]
    date: dt.date | None  # the event's, as the note tells it


def field_name(name: str) -> str:
    return " ".join(name.lower().replace("organised", "organized").replace("organiser", "organizer").split())


def read_laid_out_header(plain: str) -> NoteHeader | None:
    """Title, where the body starts, the "Prepared by" phrase, "Field: value" lines and the event's date; None if
    the note has no paragraph."""
    blocks = read_blocks(plain)
    first = next((i for i, block in enumerate(blocks) if block.kind == "paragraph"), None)
    if first is None:
        return None
    header, body = blocks[:first], [block for block in blocks[first:] if block.kind == "paragraph"]
    printed_by: tuple[str, Span] | None = None
    fields: dict[str, tuple[str, Span]] = {}
    title: tuple[str, Span] | None = None
    body_name: Span | None = None
    for block in header:
        for line in block.lines:
            author, header_field = AUTHOR_LINE.search(line.bare), HEADER_FIELD.match(line.bare)
            at = line.start + line.text.index(line.bare)
            if author and printed_by is None:
                printed = author["enclosed"] or author["printed"]
                start = at + line.bare.index(printed)
                printed_by = (printed, Span(start, start + len(printed)))
            elif header_field:
                value = header_field["value"].strip()
                start = at + line.bare.index(value)
                fields[field_name(header_field["field"])] = (value, Span(start, start + len(value)))
        if title is None and body_name is None and len(block.lines) == 1 and BODY_NAME.fullmatch(block.text):
            body_name = block.span  # the body holding the event, above the event's title
        elif title is None or (_SESSION_ONLY.search(title[0]) and not EVENT_WORDS.search(title[0])):
            title = _title(plain, block) or title  # "27th session of the Council" above "Panel discussion on …"
    span = blocks[first].span
    title = title or (" ".join(blocks[first].text.split()[:12]), Span(span.start, span.start))
    labelled = next((found.value for block in header for line in block.lines
                     if (label := _DATE_LABEL.match(line.bare)) and (found := find_date(line.bare, label.end()))), None)
    dated = event_date(plain, header, body, None)
    date = labelled or (dated.date if dated else None)
    return NoteHeader(title, body_name, blocks[first].lines[0].start, printed_by, fields, date)


def _title(plain: str, block: Block) -> tuple[str, Span] | None:
    """The block as the note's title, or None if it is the site's, the label, a date, place, field or author line."""
    text = block.text
    first_line = block.lines[0]
    start = first_line.start + len(first_line.text) - len(first_line.text.lstrip())
    if _LABEL_ALONE.fullmatch(text):  # "CONCEPT NOTE", "General concept note"
        return None
    label = GENRE_LABEL.match(text)
    if label:
        rest = text[label.end():]
        if not rest.strip() or (re.search(r"[-–—|]\s*$", text[:label.end()]) and is_organisation_name(rest)):
            return None  # the label alone, or "concept note - <publisher>": a site's title for the page
        start += label.end()
        text = rest
    if (is_furniture(text) or _OFFERED_AS.fullmatch(text) or block.kind == "note" or AUTHOR_LINE.search(text)
            or HEADER_FIELD.match(text) or _date_or_place(text)):
        return None
    span = trimmed(plain, start, block.span.end)
    return " ".join(plain[span.start:span.end].split()), span


def _date_or_place(text: str) -> bool:
    found = find_date(text)
    return (found is not None and found.start <= 12) or bool(_PLACE_LINE.match(text))


def laid_out_units(plain: str, printed: str, start: int) -> list[Unit]:
    """The body's headings, paragraphs and list entries from ``start`` on (spans cut from ``printed``)."""
    units: list[Unit] = []
    for block in read_blocks(plain):
        if block.span.start < start:
            continue
        kind = "paragraph" if block.kind == "paragraph" else "heading"
        current: Unit | None = None
        for index, line in enumerate(block.lines):
            piece = trimmed(printed, line.start, line.end)
            if (block.has_list or index == 0) and ENTRY.match(line.text):
                current = Unit("item", [Piece(piece, "")])
                units.append(current)
            elif current is None:
                current = Unit(kind, [Piece(piece, "")])
                units.append(current)
            else:
                current.pieces.append(Piece(piece, " "))
    for unit in units:  # a one-line paragraph that is not a sentence (a title, a name) is a heading
        text = " ".join(plain[unit.span.start:unit.span.end].split())
        if unit.kind == "paragraph" and len(unit.pieces) == 1 and not ends_sentence(text) \
                and not text.endswith(":") and len(text.split()) <= 12:
            unit.kind = "heading"
    return units
