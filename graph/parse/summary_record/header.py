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

from graph.content_keys import fold_without_articles
from graph.documents import Source, Span
from graph.parse.base import GenreReader, trimmed
from graph.parse.shared.dates import find_date, find_time
from graph.parse.shared.layout import Line
from graph.export_marks import strip_markup
from graph.parse.shared.markup import Plain
from graph.parse.shared.numbers import ORDINAL, number_of
from graph.parse.shared.speakers import Phrase, read_attribution, read_named_person
from graph.parse.summary_record.present import Present, present_line, read_present
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


def treaty_body(name: str) -> TreatyBody | None:
    """The treaty body a printed name stands for, whatever its line breaks and capitals."""
    wanted = fold_without_articles(name)
    return next((body for body in TREATY_BODIES if fold_without_articles(body.name) == wanted), None)


# --- the genre's printed conventions -------------------------------------------------------


def spaced(word: str) -> str:
    """A fixed word of the genre as a conversion may print it, broken by a space: "th e", "p artial", "c ontinued"."""
    return r"\s?".join(re.escape(letter) for letter in word)


# "Summary record of the 506th meeting", "SUMMARY RECORD (PARTIAL)* OF THE 30th MEETING", "Summary record of the
# second part (public)* of the 241st meeting", "Summary record ( p artial )* of th e 452nd meeting", "Summary
# Record of the Twenty-Sixth Meeting": the meeting's number in figures or in words.
TITLE = re.compile(
    spaced("Summary") + r"\s+" + spaced("record") + r"\b.*?\b" + spaced("of") + r"\s+" + spaced("the")
    + r"\s+(?P<meeting>" + ORDINAL + r")\s*" + spaced("meeting") + r"\b",
    re.I,
)
SYMBOL = re.compile(r"(?<![\w/])(?:[A-Z0-9][A-Za-z0-9.]*/)+SR\.\d+(?:/Add\.\d+)?(?![\w/])")
# "Held at …" inside the title's line, as a record of 1950 prints its whole heading on one line.
_HELD_AFTER_TITLE = re.compile(r"\s+Held\s+(?:at|in|via|by)\b")
_SESSION = re.compile(r"\b(?P<ordinal>" + ORDINAL + r")\s*(?P<special>special\s+)?session\b", re.I)
_HELD = re.compile(r"Held\s+(?:(?:at|in|via|by)\s+)?(?:the\s+)?(?P<place>.*?),?\s+on\s+(?=[A-Z0-9])")
_CHAIR_LINE = re.compile(
    r"(?P<office>(?:(?:Acting|Temporary|Interim)\s+)?(?:Chair(?:person|man|woman)?|President)|later)\s*:\s*(?=\S)", re.I
)
# A paragraph number: "1.\tThe Chair", "**3.** Mr. X", and glued to the first word, "1.At", "3.Mr.".
NUMBERED = re.compile(
    r"[ \t\u00a0]*(?:\*\*)?(?P<number>\d{1,4})\\?\.(?:\*\*)?(?:[ \t\u00a0]+(?=\S)|(?=[A-Z“\"‘(*]))"
)
FOOTNOTE_LINE = re.compile(r"\s*\\?(?:\*{1,3}|†|‡)[ \t\u00a0]+\S")
CALLED_TO_ORDER = re.compile(r"\bwas\s+(?:called\s+to\s+order|opened)\s+at\b", re.I)
# A partial record opens where the part it covers begins: "The discussion covered in the summary record began at …".
COVERED = re.compile(r"^The\s+discussion\s+covered\s+in\s+the\s+summary\s+record\s+began\s+at\b", re.I)
ROSE = re.compile(r"^The\s+meeting\s+rose\s+at\b", re.I)
PROCEDURAL = re.compile(
    r"^(?:The\s+(?:public\s+part\s+of\s+the\s+|closed\s+part\s+of\s+the\s+)?meeting\s+(?:was|rose|resumed)\b"
    r"|The\s+discussion\s+covered\s+in\s+the\s+summary\s+record\b"
    r"|It\s+was\s+so\s+(?:decided|agreed)\b"
    r"|At\s+the\s+invitation\s+of\s+the\s+(?:Chair|President)"
    r"|The\s+(?:Committee|meeting|participants)\s+observed\s+a\s+minute\s+of\s+silence\b"
    # "Ms. Dicko (Vice-Chair) took the Chair.", "The draft decision was adopted.": the whole line, not a speech
    # mentioning it
    r"|.{0,200}\b(?:took\s+(?:the\s+Chair|(?:a\s+)?places?\s+at\s+the\s+(?:Committee\s+)?table)"
    r"|(?:joined|left)\s+the\s+meeting|withdrew"
    r"|(?:was|were)\s+adopted(?:\s+(?:by\s+consensus|without\s+a\s+vote|as\s+(?:orally\s+)?(?:amended|revised)))?)\.?\s*$)",
    re.I,
)
# The delegation invited to the table, a record's usual first paragraph under a State party's review.
_INVITED = re.compile(r"At\s+the\s+invitation\s+of\s+the\s+(?:Chair|President)", re.I)
# Lines that time the meeting or change who chairs it: never a paragraph of the record, numbered or not.
TIMING = re.compile(
    r"^(?:The\s+(?:(?:public|closed)\s+part\s+of\s+the\s+)?meeting\s+(?:was\s+(?:called|opened|suspended|resumed|adjourned)"
    r"|rose|resumed)\b|The\s+discussion\s+covered\s+in\s+the\s+summary\s+record\b"
    r"|.{0,200}\btook\s+the\s+Chair\.?\s*$)",
    re.I,
)
# "Promotion of the Convention (continued)": the item resumed from an earlier meeting.
CONTINUED = re.compile(r"\s*\(\s*continued\s*\)\s*$", re.I)
BOILERPLATE = re.compile(r"^(?:This\s+record\s+is\s+subject\s+to\s+correction|Any\s+corrected\s+records\b)", re.I)
FURNITURE = re.compile(
    r"^(?:(?:\d{1,3}\s+)?(?:" + SYMBOL.pattern + r"|GE\.\d{2}-\d{4,6}\b.*)(?:\s+\d{1,3})?|\d{1,3}|(?i:page)\s+\d+(?:\s+of\s+\d+)?|\*?\d{5,}\*?|\[image:[^\]]*\]|(?i:United Nations))$"
)
# The first words of a body's name, as printed or in capitals ("COMMITTEE ON …"); "Ad Hoc Committee on …".
_BODY_WORDS = re.compile(r"^(?:(?:Ad\s+Hoc|Special|Standing|Preparatory|Intergovernmental)\s+)?(?:Committee|Human\s+Rights"
                         r"|Subcommittee|Conference|Council|Commission|General\s+Assembly|Working\s+Group|Meeting\s+of"
                         r"|Board|Forum)\b", re.I)


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
    present: list[Present] = field(default_factory=list)  # those a list under the chair's line names


def body_start(source: Source, all_lines: list[Line]) -> int:
    """Index of the first line of the body: called to order, where the part recorded began, the first numbered
    paragraph, or (a record printing none of them) the first paragraph after the title that opens with a speaker
    or with the delegation's invitation to the table."""
    titled = False
    for index, line in enumerate(all_lines):
        text = strip_markup(line.text)
        if NUMBERED.match(line.text) or CALLED_TO_ORDER.search(text) or COVERED.match(text):
            return index
        if titled and (read_attribution(text) is not None or _INVITED.match(text)):
            return index
        titled = titled or bool(TITLE.search(text))
    raise GenreReader.fail(source, len(source.text), "no numbered paragraph, no 'The meeting was called to order' "
                                                     "or 'The discussion covered in the summary record began' line, "
                                                     "and no paragraph opening with a speaker after the title")


def read_header(source: Source, header_lines: list[Line]) -> RecordHeader:
    """Read the lines before the body; the title and the body's session are required."""
    plain = [strip_markup(line.text) for line in header_lines]
    found = _title_lines(plain)
    if found is None:
        after = header_lines[-1].end + 1 if header_lines else 0
        raise GenreReader.fail(source, after, "no title 'Summary record of the …th meeting' before this line")
    title_at, last_at, match = found
    title_line, last_line = header_lines[title_at], header_lines[last_at]
    meeting = number_of(match["meeting"])
    if meeting is None:
        raise GenreReader.fail(source, title_line.start, f"no meeting number in the title {plain[title_at]!r}")
    held = _HELD_AFTER_TITLE.search(last_line.text)  # "… Twenty-Sixth Meeting Held at Lake Success, …"
    title_end = last_line.start + held.start() if held else last_line.end
    title = strip_markup(source.text[title_line.start : title_end]).rstrip("*†‡ ").strip()
    header = RecordHeader(title=title, title_span=trimmed(source.text, title_line.start, title_end), meeting=meeting)
    header.symbol, glued_issue = _symbol(plain, meeting)
    _read_body_and_session(source, header, header_lines, plain, title_at)
    held_text = _held_text(plain, last_at)
    if held_text is not None:
        _read_held(header, held_text)
    for line in header_lines:
        chair = _CHAIR_LINE.match(line.text.strip())
        if chair:
            _read_chair(source, header, line, chair)
        if FOOTNOTE_LINE.match(line.text):
            header.footnotes.append(trimmed(source.text, line.start, line.end))
    if header.date is None:  # no "Held …" line: the first date after the title
        dated = find_date("\n".join(plain[title_at:]))
        header.date = dated.value if dated else None
    header.issued = glued_issue or _issue_date(plain, title_at, header.date)
    header.agenda = _agenda(source, header_lines, plain)
    header.present = _present(source, header_lines, plain)
    return header


def _title_lines(plain: list[str]) -> tuple[int, int, re.Match[str]] | None:
    """The title's first and last line and its match: one line, or two where the export broke it
    ("Summary record of the" / "506th meeting")."""
    for index, text in enumerate(plain):
        match = TITLE.search(text)
        if match:
            return index, index, match
        following = next((i for i in range(index + 1, len(plain)) if plain[i]), None)
        if text and following is not None and re.search(spaced("Summary") + r"\s+" + spaced("record"), text, re.I):
            match = TITLE.search(f"{text} {plain[following]}")
            if match:
                return index, following, match
    return None


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
            body = _name_span(source.text, line.start, ordinal_start)
        else:  # the body's name on the lines above, back to the header's furniture
            first = index
            while first > 0 and not furniture_line(plain[first - 1]):
                first -= 1
            naming = [i for i in range(first, index) if _BODY_WORDS.match(plain[i])]
            if not naming:  # no line names a body: the lines just above, back to a blank line
                first = index
                while first > 0 and not header_lines[first - 1].blank and not furniture_line(plain[first - 1]):
                    first -= 1
            if first == index:
                break
            body = trimmed(source.text, header_lines[naming[-1] if naming else first].start, header_lines[index - 1].end)
        header.body = ActorMention(strip_markup(source.quote(body)), ActorKind.ORGANIZATION, body)
        break
    if header.body is None:  # no session printed: the body is the line naming one before the title, or its own
        named = next((i for i in range(title_at + 1) if _BODY_WORDS.match(plain[i])), None)
        if named is None:
            raise GenreReader.fail(source, header_lines[title_at].start,
                                   "no body (e.g. 'Committee on …') and session before the title")
        line = header_lines[named]
        title = TITLE.search(line.text) if named == title_at else None  # "Conference of …: Summary Record of …"
        span = _name_span(source.text, line.start, line.start + title.start() if title else line.end)
        header.body = ActorMention(strip_markup(source.quote(span)), ActorKind.ORGANIZATION, span)


def furniture_line(text: str) -> bool:
    """Lines that belong to the page, not to the record's content: symbol, job number, "Distr.", a lone date,
    "Contents (continued)" at a page's top."""
    return bool(FURNITURE.match(text.strip()) or re.match(r"(?:Distr\.|Original:)", text.strip())
                or find_date(text.strip()) is not None and len(text.split()) <= 4
                or re.fullmatch(r"contents\s*\(\s*continued\s*\)", text.strip(), re.I))


def _name_span(text: str, start: int, end: int) -> Span:
    """A name printed before more of its line, without the punctuation that led on: "… Problems, First Session"."""
    span = trimmed(text, start, end)
    stop = span.end
    while stop > span.start and text[stop - 1] in ",;:–—-":
        stop -= 1
    return trimmed(text, span.start, stop)


def _symbol(plain: list[str], meeting: int) -> tuple[str | None, dt.date | None]:
    """The record's symbol; and its date of issue where the export glued the two together.

    "E/C.12/2003/SR.3014 November 2003" is the record of the 30th meeting, issued on 14 November 2003: the
    title's meeting number tells where the symbol ends and the day begins.
    """
    head_text = "\n".join(plain)
    found = SYMBOL.search(head_text)
    if found is None:
        return None, None
    symbol = found.group(0)
    number = re.search(r"SR\.(\d+)", symbol)
    digits, wanted = (number.group(1), str(meeting)) if number else ("", "")
    if number and digits != wanted and digits.startswith(wanted):
        glued = find_date(digits[len(wanted) :] + head_text[found.end() :])
        if glued is not None and glued.start == 0:
            return symbol[: number.start(1)] + wanted, glued.value
    return symbol, None


def _issue_date(plain: list[str], title_at: int, meeting_date: dt.date | None) -> dt.date | None:
    """The date of issue: after "Distr." above the title; else a date printed alone on a line of the header
    (a record of 1950 prints it under its heading) that is not the meeting's own."""
    masthead = "\n".join(plain[:title_at])
    distributed = masthead.find("Distr.")
    if distributed >= 0:
        found = find_date(masthead, distributed)
        if found is not None:
            return found.value
    for text in plain:
        found = find_date(text)
        if found is not None and found.start == 0 and found.end == len(text) and found.value != meeting_date:
            return found.value
    return None


def _held_text(plain: list[str], title_end: int) -> str | None:
    """The "Held at … on …, at …" line after the title (or ending the title's last line), with its continuation
    where the export broke it ("Held at the Palais Wilson, Geneva," / "on Wednesday, 16 April 2008, at 10 a.m.")."""
    for index in range(title_end, len(plain)):
        held = _HELD_AFTER_TITLE.search(plain[index]) if index == title_end else None
        if held is None and (index == title_end or not plain[index].startswith("Held")):
            continue
        text = plain[index][held.start() :].strip() if held else plain[index]
        following = [line for line in plain[index + 1 :] if line][:2]
        while (find_date(text) is None or text.endswith(",")) and following and following[0][:1].islower():
            text = f"{text} {following.pop(0)}"
        return text
    return None


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
    """The items under "Contents" (or the heading's end), one a line (an item wrapped onto the next line is one item)."""
    start = _agenda_start(plain)
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


def _present(source: Source, header_lines: list[Line], plain: list[str]) -> list[Present]:
    """Those listed under the chair's line, before the contents (a list only older records print)."""
    chair = max((i for i, text in enumerate(plain) if _CHAIR_LINE.match(text)), default=None)
    if chair is None:
        return []
    end = next((i for i in range(chair, len(plain)) if plain[i].casefold() == "contents"), len(plain))
    return read_present(source, header_lines[chair + 1 : end])


def _agenda_start(plain: list[str]) -> int | None:
    """The line the agenda follows: "Contents"; in a record that prints no such heading, the last line of the
    heading proper (the chair's line, and the list of those present under it)."""
    contents = next((i for i, text in enumerate(plain) if text.strip().casefold() == "contents"), None)
    if contents is not None:
        return contents
    chair = max((i for i, text in enumerate(plain) if _CHAIR_LINE.match(text)), default=None)
    if chair is None:
        return None
    return max((i for i in range(chair, len(plain)) if present_line(plain[i]) or plain[i].endswith(":")), default=chair)


def mention(plain: Plain, phrase: Phrase, kind: ActorKind) -> ActorMention:
    """An actor as printed at ``phrase`` of ``plain``, anchored to the source passage."""
    start, end = plain.source_range(phrase.start, phrase.end)
    return ActorMention(" ".join(phrase.text.split()), kind, Span(start, end))
