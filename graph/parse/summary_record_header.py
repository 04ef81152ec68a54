"""The header of a UN summary record: what the record says about itself.

Whatever order and layout the export left it in, a header gives::

    CMW/C/SR.506                                   symbol (optional: derived when missing)
    Distr.: General  6 October 2022                date of issue
    Committee on the Protection of the Rights …    the body, then its session
    Thirty-fifth session
    Summary record of the 506th meeting*           the title, with a footnote mark
    Held at the Palais des Nations, Geneva, on Tuesday, 27 September 2022, at 3 p.m.
    Chair:  Mr. Corzo Sosa                         also "Chairperson:", "Acting Chair:", "later:"
    Contents                                       the agenda items, one a line
    Promotion of the Convention

This module also holds the genre's printed conventions that the body shares
(numbered paragraphs, procedural lines, footnote lines, page furniture).
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from graph.documents import Source, Span
from graph.parse.base import GenreReader, trimmed
from graph.parse.dates import find_date, find_time
from graph.parse.layout import Line
from graph.parse.markup import Plain, strip_markup
from graph.parse.numbers import ORDINAL, number_of
from graph.parse.speakers import Phrase, read_named_person
from graph.records import ActorKind, ActorMention, AgendaItem


@dataclass(frozen=True)
class TreatyBody:
    """A UN treaty body: how its records are keyed and numbered."""

    acronym: str
    name: str  # as the records print it
    short_name: str
    symbol: str  # record symbol pattern: {meeting}, {year}


TREATY_BODIES = (
    TreatyBody("CMW", "Committee on the Protection of the Rights of All Migrant Workers and Members of Their Families",
               "Committee on Migrant Workers", "CMW/C/SR.{meeting}"),
    TreatyBody("CERD", "Committee on the Elimination of Racial Discrimination",
               "Committee on the Elimination of Racial Discrimination", "CERD/C/SR.{meeting}"),
    TreatyBody("CESCR", "Committee on Economic, Social and Cultural Rights",
               "Committee on Economic, Social and Cultural Rights", "E/C.12/{year}/SR.{meeting}"),
    TreatyBody("CCPR", "Human Rights Committee", "Human Rights Committee", "CCPR/C/SR.{meeting}"),
    TreatyBody("CAT", "Committee against Torture", "Committee against Torture", "CAT/C/SR.{meeting}"),
    TreatyBody("CRC", "Committee on the Rights of the Child", "Committee on the Rights of the Child", "CRC/C/SR.{meeting}"),
    TreatyBody("CEDAW", "Committee on the Elimination of Discrimination against Women",
               "Committee on the Elimination of Discrimination against Women", "CEDAW/C/SR.{meeting}"),
    TreatyBody("CRPD", "Committee on the Rights of Persons with Disabilities",
               "Committee on the Rights of Persons with Disabilities", "CRPD/C/SR.{meeting}"),
    TreatyBody("CED", "Committee on Enforced Disappearances", "Committee on Enforced Disappearances", "CED/C/SR.{meeting}"),
)


def _folded(name: str) -> str:
    return " ".join(re.sub(r"\bthe\b", " ", name.casefold()).split())


def treaty_body(name: str) -> TreatyBody | None:
    """The treaty body a printed name stands for, whatever its line breaks and capitals."""
    wanted = _folded(name)
    return next((body for body in TREATY_BODIES if _folded(body.name) == wanted), None)


# --- the genre's printed conventions -------------------------------------------------------

TITLE = re.compile(r"Summary\s+record\b.*?\bof\s+the\s+(?P<meeting>\d+)(?:st|nd|rd|th)\s+meeting\b", re.I)
SYMBOL = re.compile(r"(?<![\w/])(?:[A-Z0-9][A-Za-z0-9.]*/)+SR\.\d+(?:/Add\.\d+)?(?![\w/])")
_SESSION = re.compile(r"\b(?P<ordinal>" + ORDINAL + r")\s*(?P<special>special\s+)?session\b", re.I)
_HELD = re.compile(r"Held\s+(?:(?:at|in|via|by)\s+)?(?:the\s+)?(?P<place>.*?),?\s+on\s+(?=[A-Z0-9])")
_CHAIR_LINE = re.compile(
    r"(?P<office>(?:(?:Acting|Temporary|Interim)\s+)?(?:Chair(?:person|man|woman)?|President)|later)\s*:\s*(?=\S)", re.I
)
NUMBERED = re.compile(r"[ \t\u00a0]*(?:\*\*)?(?P<number>\d{1,4})\\?\.(?:\*\*)?[ \t\u00a0]+(?=\S)")
FOOTNOTE_LINE = re.compile(r"\s*\\?(?:\*{1,3}|†|‡)[ \t\u00a0]+\S")
CALLED_TO_ORDER = re.compile(r"\bwas\s+(?:called\s+to\s+order|opened)\s+at\b", re.I)
ROSE = re.compile(r"^The\s+meeting\s+rose\s+at\b", re.I)
PROCEDURAL = re.compile(
    r"^(?:The\s+(?:public\s+part\s+of\s+the\s+|closed\s+part\s+of\s+the\s+)?meeting\s+(?:was|rose|resumed)\b"
    r"|The\s+discussion\s+covered\s+in\s+the\s+summary\s+record\b"
    r"|It\s+was\s+so\s+(?:decided|agreed)\b"
    r"|At\s+the\s+invitation\s+of\s+the\s+Chair"
    # "Ms. Dicko (Vice-Chair) took the Chair.": the whole line, not a speech mentioning it
    r"|.{0,200}\b(?:took\s+(?:the\s+Chair|(?:a\s+)?places?\s+at\s+the\s+(?:Committee\s+)?table)"
    r"|(?:joined|left)\s+the\s+meeting|withdrew)\.?\s*$)",
    re.I,
)
# "Promotion of the Convention (continued)": the item resumed from an earlier meeting.
CONTINUED = re.compile(r"\s*\(\s*continued\s*\)\s*$", re.I)
BOILERPLATE = re.compile(r"^(?:This\s+record\s+is\s+subject\s+to\s+correction|Any\s+corrected\s+records\b)", re.I)
FURNITURE = re.compile(
    r"^(?:" + SYMBOL.pattern + r"|GE\.\d{2}-\d{4,6}\s*\(E\).*|\d{1,3}|Page\s+\d+(?:\s+of\s+\d+)?|\[image:[^\]]*\]|United Nations)$"
)
_BODY_WORDS = re.compile(r"^(?:Committee|Human\s+Rights|Subcommittee|Conference|Council|Commission|General\s+Assembly"
                         r"|Working\s+Group|Meeting\s+of|Board|Forum)\b")


@dataclass
class Chair:
    """Who chairs, as the header or a "… took the Chair" line prints them."""

    mention: ActorMention
    role: str  # "Chair", "Acting Chair"
    position: str | None  # "Vice-Chair", as printed in the parenthesis


@dataclass
class RecordHeader:
    """What a record says about itself before its first paragraph."""

    title: str
    title_span: Span
    meeting: int
    symbol: str | None = None
    issued: dt.date | None = None
    body: ActorMention | None = None
    session_number: int | None = None
    special: bool = False
    session_span: Span | None = None
    place: str | None = None
    date: dt.date | None = None
    scheduled: dt.time | None = None
    chairs: list[Chair] = field(default_factory=list)
    agenda: list[AgendaItem] = field(default_factory=list)
    footnotes: list[Span] = field(default_factory=list)


def body_start(source: Source, all_lines: list[Line]) -> int:
    """Index of the first line of the body: called to order, or the first numbered paragraph."""
    for index, line in enumerate(all_lines):
        if NUMBERED.match(line.text) or CALLED_TO_ORDER.search(line.text):
            return index
    raise GenreReader.fail(source, len(source.text), "no numbered paragraph and no 'The meeting was called to order' line")


def read_header(source: Source, header_lines: list[Line]) -> RecordHeader:
    """Read the lines before the body; the title and the body's session are required."""
    plain = [strip_markup(line.text) for line in header_lines]
    title_at = next((i for i, text in enumerate(plain) if TITLE.search(text)), None)
    if title_at is None:
        after = header_lines[-1].end + 1 if header_lines else 0
        raise GenreReader.fail(source, after, "no title 'Summary record of the …th meeting' before this line")
    title_line = header_lines[title_at]
    match = TITLE.search(plain[title_at])
    assert match is not None  # found above
    title = plain[title_at].rstrip("*†‡ ").strip()
    header = RecordHeader(title=title, title_span=trimmed(source.text, title_line.start, title_line.end),
                          meeting=int(match["meeting"]))
    head_text = "\n".join(plain)
    symbol = SYMBOL.search(head_text)
    header.symbol = symbol.group(0) if symbol else None
    distributed = head_text.find("Distr.")
    issued = find_date(head_text, distributed) if distributed >= 0 else None
    header.issued = issued.value if issued else None
    _read_body_and_session(source, header, header_lines, plain, title_at)
    for index, (line, text) in enumerate(zip(header_lines, plain)):
        if index > title_at and text.startswith("Held") and header.date is None:
            _read_held(header, text)
        chair = _CHAIR_LINE.match(line.text.strip())
        if chair:
            _read_chair(source, header, line, chair)
        if FOOTNOTE_LINE.match(line.text):
            header.footnotes.append(trimmed(source.text, line.start, line.end))
    if header.date is None:  # no "Held …" line: the first date after the title
        found = find_date("\n".join(plain[title_at:]))
        header.date = found.value if found else None
    header.agenda = _agenda(source, header_lines, plain)
    return header


def _read_body_and_session(source: Source, header: RecordHeader, header_lines: list[Line], plain: list[str],
                           title_at: int) -> None:
    """The session ordinal, and the body printed before it on its line or on the lines above."""
    for index in range(title_at, -1, -1):
        session = _SESSION.search(plain[index])
        number = number_of(session["ordinal"].removeprefix("and ")) if session else None
        if session is None or number is None:
            continue
        header.session_number = number
        header.special = bool(session["special"])
        line = header_lines[index]
        raw = _SESSION.search(line.text)
        ordinal_start = line.start + raw.start() if raw else line.start
        header.session_span = Span(ordinal_start, line.start + raw.end()) if raw else None
        if plain[index][: session.start()].strip():  # "Committee on … Families Thirty-second session"
            body = trimmed(source.text, line.start, ordinal_start)
        else:  # the body's name on the lines above, back to a blank line or the header's furniture
            first = index
            while first > 0 and not header_lines[first - 1].blank and not furniture_line(plain[first - 1]):
                first -= 1
            if first == index:
                break
            naming = [i for i in range(first, index) if _BODY_WORDS.match(plain[i])]
            body = trimmed(source.text, header_lines[naming[-1] if naming else first].start, header_lines[index - 1].end)
        header.body = ActorMention(strip_markup(source.quote(body)), ActorKind.ORGANIZATION, body)
        break
    if header.body is None:  # no session printed: the body is the line naming one before the title
        named = next((i for i in range(title_at) if _BODY_WORDS.match(plain[i])), None)
        if named is None:
            raise GenreReader.fail(source, header_lines[title_at].start,
                                   "no body (e.g. 'Committee on …') and session before the title")
        span = trimmed(source.text, header_lines[named].start, header_lines[named].end)
        header.body = ActorMention(plain[named], ActorKind.ORGANIZATION, span)


def furniture_line(text: str) -> bool:
    """Lines that belong to the page, not to the record's content: symbol, job number, "Distr.", a lone date."""
    return bool(FURNITURE.match(text.strip()) or re.match(r"(?:Distr\.|Original:)", text.strip())
                or find_date(text.strip()) is not None and len(text.split()) <= 4)


def _read_held(header: RecordHeader, text: str) -> None:
    held = _HELD.match(text)
    if held:
        header.place = held["place"].strip(" ,") or None
    date = find_date(text)
    if date:
        header.date = date.value
        time = find_time(text, date.end)
        header.scheduled = time.value if time else None


def _read_chair(source: Source, header: RecordHeader, line: Line, match: re.Match[str]) -> None:
    offset = line.start + (len(line.text) - len(line.text.lstrip()))
    plain = Plain.of(source.text, offset + match.end(), line.end)
    who = read_named_person(plain.text)
    if who is None or who.person is None:
        raise GenreReader.fail(source, line.start, f"cannot read the name in the chair line {line.text.strip()!r}")
    office = match["office"]
    role = "Acting Chair" if re.match(r"Acting|Temporary|Interim", office, re.I) else "Chair"
    header.chairs.append(Chair(mention(plain, who.person, ActorKind.PERSON), role,
                               who.parenthesis.text if who.parenthesis else None))


def _agenda(source: Source, header_lines: list[Line], plain: list[str]) -> list[AgendaItem]:
    """The items under "Contents", one a line (an item wrapped onto the next line is one item)."""
    start = next((i for i, text in enumerate(plain) if text.strip().casefold() == "contents"), None)
    if start is None:
        return []
    printed: list[tuple[str, int, int]] = []  # (text, start, end) of each item as printed
    for line, text in zip(header_lines[start + 1 :], plain[start + 1 :]):
        if FOOTNOTE_LINE.match(line.text) or BOILERPLATE.match(text) or PROCEDURAL.match(text):
            break
        if text and not furniture_line(text):
            if printed and text[:1].islower():  # an item wrapped onto the next line
                words, begin, _ = printed[-1]
                printed[-1] = (f"{words} {text}", begin, line.end)
            else:
                printed.append((text, line.start, line.end))
    return [AgendaItem(agenda_title(words), trimmed(source.text, begin, end)) for words, begin, end in printed]


def agenda_title(printed: str) -> str:
    """The item itself: a record marks an item taken up again in a later meeting "(continued)"."""
    return CONTINUED.sub("", printed).strip()


def mention(plain: Plain, phrase: Phrase, kind: ActorKind) -> ActorMention:
    """An actor as printed at ``phrase`` of ``plain``, anchored to the source passage."""
    start, end = plain.source_range(phrase.start, phrase.end)
    return ActorMention(" ".join(phrase.text.split()), kind, Span(start, end))
