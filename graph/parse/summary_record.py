"""Reader for UN summary records: a third-person account of one meeting of a body.

A record opens with a header, in whatever order and layout the export left it::

    CMW/C/SR.506                                   symbol (optional: derived when missing)
    Distr.: General  6 October 2022                date of issue
    Committee on the Protection of the Rights …    the body, then its session
    Thirty-fifth session
    Summary record of the 506th meeting*           the title, with a footnote mark
    Held at the Palais des Nations, Geneva, on Tuesday, 27 September 2022, at 3 p.m.
    Chair:  Mr. Corzo Sosa                         also "Chairperson:", "Acting Chair:", "later:"
    Contents                                       the agenda items, one a line
    Promotion of the Convention

then the body: procedural lines ("The meeting was called to order at 3 p.m.",
"Ms. Dicko (Vice-Chair) took the Chair.", "The meeting rose at 5.55 p.m."),
agenda headings, and numbered paragraphs, each one :class:`Statement`.  A
paragraph names its speaker at the start (see :mod:`graph.extract.speakers`)
or continues the previous speaker.

Choices (the genre leaves them open):

* Unnumbered procedural lines and headings are not statements; they give the
  meeting's times and who chairs.  A *numbered* procedural paragraph ("It was
  so decided.") is a statement without a speaker, and the next unnamed
  paragraph does not continue anyone.
* "The Chair" is the person chairing at that point: the header's chair, or
  whoever a "… took the Chair" line names.  The role is "Chair" (or "Acting
  Chair" as printed); a "(Vice-Chair)" note in the header goes to the chair's
  participation as its position.
* "The representative of Mexico said" has no person: the speaker is the
  delegation ("Mexico"), role "Representative", on behalf of the same.
* A named speaker without a parenthesis is a member of the body ("Committee
  member" for a committee, else "Participant"); a parenthesis names either a
  capacity ("Country Rapporteur", "Special Rapporteur on …": the role) or for
  whom the speaker speaks (role "Representative").
* Every distinct (speaker, role, for whom) becomes a participation in the meeting.
* The meeting starts when it "was called to order" (else at the time in the
  "Held …" line); it ends when it "rose", if the record says so.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from graph import iris
from graph.documents import Source, Span
from graph.extract.speakers import Attribution, Phrase, read_attribution, read_named_person
from graph.parse.base import GenreReader, trimmed
from graph.parse.common import (
    ORDINAL,
    Line,
    Plain,
    find_date,
    find_time,
    footnote_bodies,
    footnote_marks,
    lines,
    ordinal_number,
    strip_markup,
)
from graph.records import (
    ActorKind,
    ActorMention,
    DocumentKind,
    ParsedDocument,
    Participation,
    Session,
    SessionKind,
    Statement,
)


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

_TITLE = re.compile(r"Summary\s+record\b.*?\bof\s+the\s+(?P<meeting>\d+)(?:st|nd|rd|th)\s+meeting\b", re.I)
_SYMBOL = re.compile(r"(?<![\w/])(?:[A-Z0-9][A-Za-z0-9.]*/)+SR\.\d+(?:/Add\.\d+)?(?![\w/])")
_SESSION = re.compile(r"\b(?P<ordinal>" + ORDINAL + r")\s*(?P<special>special\s+)?session\b", re.I)
_HELD = re.compile(r"Held\s+(?:(?:at|in|via|by)\s+)?(?:the\s+)?(?P<place>.*?),?\s+on\s+(?=[A-Z0-9])")
_CHAIR_LINE = re.compile(
    r"(?P<office>(?:(?:Acting|Temporary|Interim)\s+)?(?:Chair(?:person|man|woman)?|President)|later)\s*:\s*(?=\S)", re.I
)
_NUMBERED = re.compile(r"[ \t\u00a0]*(?:\*\*)?(?P<number>\d{1,4})\\?\.(?:\*\*)?[ \t\u00a0]+(?=\S)")
_FOOTNOTE_LINE = re.compile(r"\s*\\?(?:\*{1,3}|†|‡)[ \t\u00a0]+\S")
_CALLED_TO_ORDER = re.compile(r"\bwas\s+(?:called\s+to\s+order|opened)\s+at\b", re.I)
_ROSE = re.compile(r"^The\s+meeting\s+rose\s+at\b", re.I)
_PROCEDURAL = re.compile(
    r"^(?:The\s+(?:public\s+part\s+of\s+the\s+|closed\s+part\s+of\s+the\s+)?meeting\s+(?:was|rose|resumed)\b"
    r"|The\s+discussion\s+covered\s+in\s+the\s+summary\s+record\b"
    r"|It\s+was\s+so\s+(?:decided|agreed)\b"
    r"|At\s+the\s+invitation\s+of\s+the\s+Chair"
    r"|.{0,200}\btook\s+(?:the\s+Chair|(?:a\s+)?places?\s+at\s+the\s+(?:Committee\s+)?table)\b)",
    re.I,
)
_BOILERPLATE = re.compile(r"^(?:This\s+record\s+is\s+subject\s+to\s+correction|Any\s+corrected\s+records\b)", re.I)
_FURNITURE = re.compile(
    r"^(?:" + _SYMBOL.pattern + r"|GE\.\d{2}-\d{4,6}\s*\(E\).*|\d{1,3}|Page\s+\d+(?:\s+of\s+\d+)?|\[image:[^\]]*\]|United Nations)$"
)
_BODY_WORDS = re.compile(r"^(?:Committee|Human\s+Rights|Subcommittee|Conference|Council|Commission|General\s+Assembly"
                         r"|Working\s+Group|Meeting\s+of|Board|Forum)\b")
# Numbered lines shorter than this (median) mean the text was hard-wrapped.
_WRAPPED_WIDTH = 120
# Paragraph numbers may skip a few (an omitted closed part), never many.
_MAX_GAP = 10
_SENTENCE_END = re.compile(r"[.?!:;][\"”’)\]]*$")


@dataclass
class _Chair:
    mention: ActorMention
    role: str  # "Chair", "Acting Chair"
    position: str | None  # "Vice-Chair", as printed in the parenthesis


@dataclass
class _Header:
    title: str
    title_span: Span
    meeting: int
    symbol: str | None = None
    issued: object = None
    body: ActorMention | None = None
    session_ordinal: str | None = None
    session_number: int | None = None
    special: bool = False
    session_span: Span | None = None
    place: str | None = None
    date: object = None
    scheduled: object = None
    chairs: list[_Chair] = field(default_factory=list)
    agenda: list[str] = field(default_factory=list)
    footnotes: list[Span] = field(default_factory=list)


@dataclass
class _Paragraph:
    """A numbered paragraph: the source ranges of its lines (page furniture between them left out)."""

    number: int
    pieces: list[tuple[int, int]]

    @property
    def start(self) -> int:
        return self.pieces[0][0]

    @property
    def end(self) -> int:
        return self.pieces[-1][1]


class SummaryRecordReader(GenreReader):
    kind = DocumentKind.SUMMARY_RECORD

    def recognise(self, source: Source) -> float:
        text = source.text
        head = text[:6000]
        score = 0.0
        if _TITLE.search(head):
            score += 0.5
        if _SYMBOL.search(head):
            score += 0.15
        if re.search(r"\bDistr\.", head):
            score += 0.1
        if _CALLED_TO_ORDER.search(text) or re.search(r"\bThe\s+meeting\s+rose\s+at\b", text):
            score += 0.15
        if re.search(r"^\s*(?:Chair(?:person)?|President)\s*:", head, re.M):
            score += 0.1
        if len(re.findall(r"^\s*\d{1,4}\.\s+.{0,200}?\bsaid\b", text, re.M)) >= 2:
            score += 0.1
        return min(score, 1.0)

    def read(self, source: Source) -> ParsedDocument:
        all_lines = lines(source.text)
        body_start = self._body_start(source, all_lines)
        header = self._read_header(source, all_lines[:body_start])
        record = _Record(source, header)
        record.read_body(all_lines[body_start:])
        return record.document()

    # --- header ------------------------------------------------------------------------

    def _body_start(self, source: Source, all_lines: list[Line]) -> int:
        """Index of the first line of the body: called to order, or the first numbered paragraph."""
        for index, line in enumerate(all_lines):
            if _NUMBERED.match(line.text) or _CALLED_TO_ORDER.search(line.text):
                return index
        raise self.fail(source, len(source.text), "no numbered paragraph and no 'The meeting was called to order' line")

    def _read_header(self, source: Source, header_lines: list[Line]) -> _Header:
        plain = [strip_markup(line.text) for line in header_lines]
        title_at = next((i for i, text in enumerate(plain) if _TITLE.search(text)), None)
        if title_at is None:
            body_start = header_lines[-1].end + 1 if header_lines else 0
            raise self.fail(source, body_start, "no title 'Summary record of the …th meeting' before this line")
        title_line = header_lines[title_at]
        match = _TITLE.search(plain[title_at])
        title = plain[title_at].rstrip("*†‡ ").strip()
        header = _Header(title=title, title_span=trimmed(source.text, title_line.start, title_line.end),
                         meeting=int(match["meeting"]))
        head_text = "\n".join(plain)
        symbol = _SYMBOL.search(head_text)
        header.symbol = symbol.group(0) if symbol else None
        distributed = head_text.find("Distr.")
        issued = find_date(head_text, distributed) if distributed >= 0 else None
        header.issued = issued.value if issued else None
        self._read_body_and_session(source, header, header_lines, plain, title_at)
        for index, (line, text) in enumerate(zip(header_lines, plain)):
            if index > title_at and text.startswith("Held") and header.date is None:
                self._read_held(header, text)
            chair = _CHAIR_LINE.match(line.text.strip())
            if chair:
                self._read_chair(source, header, line, chair)
            if _FOOTNOTE_LINE.match(line.text):
                header.footnotes.append(trimmed(source.text, line.start, line.end))
        if header.date is None:  # no "Held …" line: the first date after the title
            found = find_date("\n".join(plain[title_at:]))
            header.date = found.value if found else None
        header.agenda = self._agenda(header_lines, plain)
        return header

    def _read_body_and_session(self, source: Source, header: _Header, header_lines: list[Line], plain: list[str],
                               title_at: int) -> None:
        """The session ordinal, and the body printed before it on its line or on the lines above."""
        for index in range(title_at, -1, -1):
            session = _SESSION.search(plain[index])
            number = ordinal_number(session["ordinal"].removeprefix("and ")) if session else None
            if session is None or number is None:
                continue
            header.session_ordinal = session["ordinal"].strip()
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
                while first > 0 and not header_lines[first - 1].blank and not self._furniture(plain[first - 1]):
                    first -= 1
                if first == index:
                    break
                named = [i for i in range(first, index) if _BODY_WORDS.match(plain[i])]
                body = trimmed(source.text, header_lines[named[-1] if named else first].start, header_lines[index - 1].end)
            header.body = ActorMention(strip_markup(source.quote(body)), ActorKind.ORGANIZATION, body)
            break
        if header.body is None:
            raise self.fail(source, header_lines[title_at].start,
                            "no body and session (e.g. 'Committee on … / Thirty-fifth session') before the title")

    @staticmethod
    def _furniture(text: str) -> bool:
        return bool(_FURNITURE.match(text.strip()) or re.match(r"(?:Distr\.|Original:)", text.strip())
                    or find_date(text.strip()) is not None and len(text.split()) <= 4)

    @staticmethod
    def _read_held(header: _Header, text: str) -> None:
        held = _HELD.match(text)
        if held:
            header.place = held["place"].strip(" ,") or None
        date = find_date(text)
        if date:
            header.date = date.value
            time = find_time(text, date.end)
            header.scheduled = time.value if time else None

    def _read_chair(self, source: Source, header: _Header, line: Line, match: re.Match[str]) -> None:
        offset = line.start + (len(line.text) - len(line.text.lstrip()))
        plain = Plain.of(source.text, offset + match.end(), line.end)
        who = read_named_person(plain.text)
        if who is None or who.person is None:
            raise self.fail(source, line.start, f"cannot read the name in the chair line {line.text.strip()!r}")
        office = match["office"]
        role = "Acting Chair" if re.match(r"Acting|Temporary|Interim", office, re.I) else "Chair"
        header.chairs.append(_Chair(_mention(plain, who.person, ActorKind.PERSON), role,
                                    who.parenthesis.text if who.parenthesis else None))

    def _agenda(self, header_lines: list[Line], plain: list[str]) -> list[str]:
        start = next((i for i, text in enumerate(plain) if text.strip().casefold() == "contents"), None)
        if start is None:
            return []
        items: list[str] = []
        for line, text in zip(header_lines[start + 1 :], plain[start + 1 :]):
            if _FOOTNOTE_LINE.match(line.text) or _BOILERPLATE.match(text) or _PROCEDURAL.match(text):
                break
            if text and not self._furniture(text):
                if items and text[:1].islower():  # an item wrapped onto the next line
                    items[-1] = f"{items[-1]} {text}"
                else:
                    items.append(text)
        return items


class _Record:
    """The body of one record being read: paragraphs, speakers, who chairs, times."""

    def __init__(self, source: Source, header: _Header) -> None:
        self.source = source
        self.header = header
        self.body_info = treaty_body(header.body.label) if header.body else None
        self.acronym = self._acronym()
        session_key = f"{self.acronym}/{'special-' if header.special else ''}{header.session_number}"
        self.session_key = session_key if header.session_number is not None else None
        self.meeting_key = f"{self.session_key or self.acronym}/meeting/{header.meeting}"
        self.chairs = list(header.chairs)
        self.chair: _Chair | None = self.chairs[0] if self.chairs else None
        self.paragraphs: list[tuple[_Paragraph, _Chair | None]] = []
        self.start_time = None
        self.end_time = None
        self.notes: list[str] = []
        self.footnotes: list[Span] = list(header.footnotes)
        self.taking_part: dict[tuple[str, str, str | None], Participation] = {}

    def _acronym(self) -> str:
        if self.body_info:
            return self.body_info.acronym.lower()
        if self.header.symbol and not self.header.symbol.startswith(("A/", "E/")):
            return iris.slug(self.header.symbol.split("/")[0])
        label = self.header.body.label if self.header.body else "body"
        return "".join(word[0] for word in label.split() if word[0].isupper()).lower() or iris.slug(label)

    # --- body lines ----------------------------------------------------------------------

    def read_body(self, body_lines: list[Line]) -> None:
        current: _Paragraph | None = None
        last_number = 0
        gap = False  # a blank line since the last line of text
        wrapped = self._hard_wrapped(body_lines)
        for line in body_lines:
            if line.blank:
                gap = True
                continue
            text = strip_markup(line.text)
            numbered = _NUMBERED.match(line.text)
            # A number far ahead ("1949. …" after a line break) is text, not the next paragraph.
            if numbered and last_number < int(numbered["number"]) <= last_number + _MAX_GAP:
                self._close(current)
                last_number = int(numbered["number"])
                current = _Paragraph(last_number, [(line.start, line.end)])
            elif numbered and current is not None:
                if int(numbered["number"]) <= last_number:  # a repeated number, not a year at a line start
                    self.notes.append(f"{self.source.name}:{self.source.line_of(line.start)}: paragraph number "
                                      f"{numbered['number']} does not follow {last_number}; read as part of paragraph {last_number}")
                current.pieces.append((line.start, line.end))
            elif _FOOTNOTE_LINE.match(line.text):
                self._close(current)
                current = None
                self.footnotes.append(trimmed(self.source.text, line.start, line.end))
            elif _FURNITURE.match(text) or _BOILERPLATE.match(text):
                continue  # page furniture may split a paragraph: it goes on after it
            elif _PROCEDURAL.match(text):
                self._close(current)
                current = None
                self._procedure(text, line)
            elif current is not None and ((wrapped and not gap) or self._continues(current, text)):
                current.pieces.append((line.start, line.end))
            else:  # an agenda heading or other unnumbered line between paragraphs
                self._close(current)
                current = None
            gap = False
        self._close(current)
        if not self.paragraphs:
            raise GenreReader.fail(self.source, body_lines[0].start if body_lines else 0, "no numbered paragraphs")

    @staticmethod
    def _hard_wrapped(body_lines: list[Line]) -> bool:
        """Whether the export broke lines inside paragraphs (short numbered lines) or kept one line each."""
        lengths = sorted(len(line.text) for line in body_lines if _NUMBERED.match(line.text))
        return bool(lengths) and lengths[len(lengths) // 2] < _WRAPPED_WIDTH

    def _close(self, paragraph: _Paragraph | None) -> None:
        if paragraph is not None and (not self.paragraphs or self.paragraphs[-1][0] is not paragraph):
            self.paragraphs.append((paragraph, self.chair))

    def _continues(self, paragraph: _Paragraph, text: str) -> bool:
        """An unnumbered line goes on with the paragraph if the paragraph stopped mid-sentence."""
        so_far = strip_markup(self.source.text[paragraph.start : paragraph.end])
        return not _SENTENCE_END.search(so_far) or text[:1].islower()

    def _procedure(self, text: str, line: Line) -> None:
        if _CALLED_TO_ORDER.search(text) and self.start_time is None:
            found = find_time(text)
            self.start_time = found.value if found else None
        elif _ROSE.match(text):
            found = find_time(text)
            self.end_time = found.value if found else None
        took = re.search(r"\btook\s+the\s+Chair\b", text)
        if took:
            self._take_chair(line, took.start())

    def _take_chair(self, line: Line, before: int) -> None:
        """"Ms. Dicko (Vice-Chair) took the Chair.": she chairs from here on."""
        plain = Plain.of(self.source.text, line.start, line.end)
        names = [m.start() for m in re.finditer(r"(?<!\w)(?:Mr|Mrs|Ms|Miss|Dr|Sir|Dame|Professor|Prof)\b\.?\s", plain.text)]
        for start in reversed([s for s in names if s < before]):
            who = read_named_person(plain.text, start)
            if who is None or who.person is None:
                continue
            label = " ".join(who.person.text.split())
            known = next((c for c in self.chairs if c.mention.label == label), None)
            if known is None:
                position = who.parenthesis.text if who.parenthesis else None
                known = _Chair(_mention(plain, who.person, ActorKind.PERSON), "Chair", position)
                self.chairs.append(known)
            self.chair = known
            return

    # --- statements ------------------------------------------------------------------------

    def document(self) -> ParsedDocument:
        header = self.header
        bodies = footnote_bodies(self.source.text)
        statements = self._statements(bodies)
        self.footnotes.extend(Span(start, end) for _, start, end in bodies)
        return ParsedDocument(
            source=self.source,
            kind=DocumentKind.SUMMARY_RECORD,
            title=header.title,
            symbol=header.symbol or self._derived_symbol(),
            date=header.issued,  # type: ignore[arg-type]
            body=header.body,
            sessions=self._sessions(),
            statements=statements,
            participations=self._participations(),
            footnotes=sorted(set(self.footnotes)),
            notes=self.notes,
        )

    def _derived_symbol(self) -> str | None:
        if self.body_info is None:
            return None
        year = self.header.date.year if self.header.date else ""  # type: ignore[attr-defined]
        return self.body_info.symbol.format(meeting=self.header.meeting, year=year)

    def _statements(self, bodies: list[tuple[str, int, int]]) -> list[Statement]:
        statements: list[Statement] = []
        previous: Statement | None = None
        for paragraph, chair in self.paragraphs:
            # Footnote texts printed inside the paragraph's lines are not part of it.
            inside = [b for b in bodies if paragraph.start <= b[1] < paragraph.end]
            end = inside[0][1] if inside else paragraph.end
            span = trimmed(self.source.text, paragraph.start, end)
            plain = Plain.of(self.source.text, span.start, span.end)
            number = _NUMBERED.match(plain.text)
            opening = number.end() if number else 0
            pieces = [(start, min(stop, span.end)) for start, stop in paragraph.pieces if start < span.end]
            words = " ".join(strip_markup(self.source.text[start:stop]) for start, stop in pieces)
            printed_number = _NUMBERED.match(words)
            statement = Statement(
                local_id=str(paragraph.number),
                span=span,
                text=" ".join(words[printed_number.end() if printed_number else 0 :].split()),
                paragraph_number=paragraph.number,
                session=self.meeting_key,
            )
            marked = {n for n, _ in footnote_marks(self.source.text, span.start, span.end)}
            statement.extra_spans = [Span(s, e) for n, s, e in bodies if n in marked]
            attribution = read_attribution(plain.text, opening)
            if _PROCEDURAL.match(statement.text):
                previous = None
            elif attribution is not None:
                self._attribute(statement, attribution, plain, chair)
                previous = statement
            elif previous is not None:  # no name: the previous speaker goes on
                statement.speaker, statement.role = previous.speaker, previous.role
                statement.on_behalf_of = previous.on_behalf_of
            statements.append(statement)
        return statements

    def _attribute(self, statement: Statement, attribution: Attribution, plain: Plain, chair: _Chair | None) -> None:
        statement.speaker_as_printed = " ".join(attribution.printed.text.split())
        represents = attribution.represents
        if attribution.presiding:
            statement.role = attribution.office
            if chair is not None:
                statement.speaker = replace(chair.mention)
            else:
                self.notes.append(f"{self.source.name}: paragraph {statement.paragraph_number} is by "
                                  f"{statement.speaker_as_printed!r} but the record names no chair")
        elif attribution.office:
            statement.role = attribution.office  # an office without a name: "The Secretary"
        elif attribution.delegation:
            statement.speaker = _mention(plain, attribution.delegation, ActorKind.ORGANIZATION)
            statement.role = "Representative"
        else:
            statement.speaker = _mention(plain, attribution.person, ActorKind.PERSON)  # type: ignore[arg-type]
            if attribution.capacity:
                statement.role = attribution.capacity
            elif represents:
                statement.role = "Representative"
            else:
                statement.role = self._member_role()
        if represents is not None:
            statement.on_behalf_of = _mention(plain, represents, ActorKind.ORGANIZATION)
        if statement.speaker is not None and statement.role is not None:
            # The affiliation printed beside the name, even when the speaker speaks for someone else.
            beside = attribution.parenthesis if attribution.parenthesis and not attribution.capacity else None
            affiliation = _mention(plain, beside, ActorKind.ORGANIZATION) if beside else statement.on_behalf_of
            position = attribution.parenthesis.text if attribution.capacity and attribution.parenthesis else None
            self._take_part(statement.speaker, statement.role, affiliation, position)

    def _member_role(self) -> str:
        """Members speak without a parenthesis: of a committee, "Committee member"."""
        label = self.header.body.label if self.header.body else ""
        return "Committee member" if "Committee" in label else "Participant"

    # --- sessions and participations -------------------------------------------------------

    def _sessions(self) -> list[Session]:
        header = self.header
        sessions: list[Session] = []
        if self.session_key is not None:
            short = self.body_info.short_name if self.body_info else header.body.label  # type: ignore[union-attr]
            ordinal = _english_ordinal(header.session_number)  # type: ignore[arg-type]
            sessions.append(Session(
                key=self.session_key, kind=SessionKind.SESSION,
                label=f"{short}, {ordinal} {'special ' if header.special else ''}session",
                date=header.date, number=str(header.session_number),  # type: ignore[arg-type]
                organizer=header.body, span=header.session_span,
            ))
        sessions.append(Session(
            key=self.meeting_key, kind=SessionKind.MEETING, label=f"{_english_ordinal(header.meeting)} meeting",
            date=header.date, parent=self.session_key, number=str(header.meeting),  # type: ignore[arg-type]
            place=header.place, start_time=self.start_time or header.scheduled,  # type: ignore[arg-type]
            end_time=self.end_time, organizer=header.body, agenda_items=list(header.agenda), span=header.title_span,
        ))
        return sessions

    def _take_part(self, actor: ActorMention, role: str, affiliation: ActorMention | None, position: str | None) -> None:
        """Record the speaker's capacity at this meeting, once per (speaker, role, affiliation)."""
        identity = (actor.label, role, affiliation.label if affiliation else None)
        if identity not in self.taking_part:
            self.taking_part[identity] = Participation(actor=actor, role=role, session=self.meeting_key,
                                                       affiliation=affiliation, position=position, span=actor.span)

    def _participations(self) -> list[Participation]:
        chairs = [Participation(actor=chair.mention, role=chair.role, session=self.meeting_key,
                                position=chair.position, span=chair.mention.span) for chair in self.chairs]
        presiding = {(chair.mention.label, chair.role, None) for chair in self.chairs}
        return chairs + [taking for identity, taking in self.taking_part.items() if identity not in presiding]


def _mention(plain: Plain, phrase: Phrase, kind: ActorKind) -> ActorMention:
    start, end = plain.source_range(phrase.start, phrase.end)
    return ActorMention(" ".join(phrase.text.split()), kind, Span(start, end))


def _english_ordinal(number: int) -> str:
    suffix = "th" if 10 <= number % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")
    return f"{number}{suffix}"
