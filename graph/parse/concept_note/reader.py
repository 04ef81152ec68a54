"""Reader for concept notes: the note a committee's chair circulates before a thematic session.

The genre, as the OAS Committee on Migration Issues and similar bodies issue it:

* a header — "CONCEPT NOTE", the session's title (possibly over several lines), who
  prepared it ("(Prepared by the Chair of CAM with the support of the Technical
  Secretariat)"), sometimes "Date:"/"Venue:" lines;
* unnumbered paragraphs, one a line or separated by blank lines, with the odd
  sub-heading; footnote marks exported from PDF as lines starting with "/": the mark
  stands where the line breaks, and the text after it ("/ as this enables…") runs on
  in the same paragraph;
* near the end, the panelists the session will hear ("Carlos Rodríguez, ILO Regional
  Director for …, Michelle Leighton, Chief of …, and Betilde Muñoz, Director of …
  will participate") and the questions proposed for debate, one a bullet.

Notes printed without the "/" marks — a PDF's hard-wrapped text with no blank line, a web page, a
word-processor's copy on a document-sharing site — are laid out as :mod:`graph.parse.concept_note.layout`
reads them: the hosting site's boilerplate is neither title nor paragraph, paragraphs are told apart by
one-word headings and sentences ending short of the line's width, and the event's date is what the note says
of the event (its date line, "will be held on …"), never a resolution's.

Decisions:

* One statement per paragraph (``local_id`` "p-<digest>"); each question proposed for
  debate is a statement of kind Question ("q-<digest>"); a list introduced by a colon
  continues its paragraph; headings are not statements.
* A "/" is never text.  The text after a "/" mark (on the mark's line or after it)
  continues the paragraph when it runs on mid-sentence — it starts with a lower-case
  word, or the sentence before the mark was left open ("…Regular Migration,\n/ as this
  enables…"); a new sentence after a mark starts a new paragraph, as lines do in this
  genre.  A paragraph's span covers the "/" marks it runs across, not a mark that
  ends it.
* The author is who the note says prepared it.  When that is an office of a body ("the
  Chair of CAM"), the speaker is the office-holder — a person, labelled "Chair of CAM",
  since the note does not name them — speaking on behalf of the body (CAM), role
  "Author"; the body is also the session's organizer and the document's body.
  Supporting units ("with the support of the Technical Secretariat") take part as
  "Secretary".  A named author ("Prepared by Ms. X, Chair of …") is that person.
* Panelists announced → participations (role "Panelist", position and affiliation as
  printed); organizations whose representatives "will also participate" → role
  "Participant".
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, replace

from graph import content_keys
from graph.documents import Source, Span
from graph.parse.shared.affiliations import split_descriptor
from graph.parse.base import GenreReader, trimmed
from graph.parse.concept_note.layout import (
    AUTHOR_LINE, GENRE_LABEL, HEADER_FIELD, LIST_ITEM, Piece, Unit, field_name, laid_out_units, read_laid_out_header,
)
from graph.parse.genre_cues import CONCEPT_NOTE_CUES
from graph.parse.shared.footnotes import find_footnotes, footnote_statements
from graph.parse.shared.mentions import Mentions
from graph.parse.shared.numbers import number_of
from graph.parse.shared.programme import ROLE_LINE, Announced, announced_on, announcements, people_listed, role_title
from graph.parse.shared.dates import find_date
from graph.parse.shared.keys import UniqueIds, session_key
from graph.parse.shared.layout import ends_sentence, lines
from graph.parse.shared.markup import blank, laid_out, plain_text
from graph.parse.shared.people import person_at
from graph.records import (
    ActorKind, ActorMention, DocumentKind, ParsedDocument, Participation, Session, SessionKind, Statement,
    StatementKind,
)

SLASH_MARK = re.compile(r"^[ \t]*(/)(?=[ \t\r]|$)", re.M)
SUPPORT = re.compile(r"\s+with\s+(?:the\s+)?(?:support|assistance|help|collaboration|cooperation)\s+of\s+(?:the\s+)?", re.I)
OFFICE = re.compile(
    r"(?P<office>(?:Acting\s+|Vice[-\s])?Chair(?:person|man|woman)?|(?:Vice-)?President|Chief|Director|Coordinator"
    r"|Executive\s+Secretary|Secretary(?:-General)?|Rapporteur)\s+of\s+(?:the\s+)?(?P<body>.+)",
    re.I,
)
QUESTIONS_CUE = re.compile(r"\bquestions?\b", re.I)
SESSION_WORDS = re.compile(r"(?:(?P<ordinal>\w+)\s+)?(?P<kind>THEMATIC\s+SESSION|SESSION|SEMINAR|WORKSHOP|PANEL|DIALOGUE|ROUND\s*TABLE|CONSULTATION|CONFERENCE)\b", re.I)


@dataclass
class _Authorship:
    """What "Prepared by …" says."""

    author: ActorMention | None = None
    body: ActorMention | None = None  # the body the author acts for
    position: str | None = None  # the author's office: "Chair"
    span: Span | None = None
    supporter: ActorMention | None = None


class ConceptNoteReader(GenreReader):
    kind = DocumentKind.CONCEPT_NOTE

    cues = CONCEPT_NOTE_CUES

    def read(self, source: Source) -> ParsedDocument:
        return _NoteReading(source).read()


class _NoteReading:
    """One pass over one note: header, author, paragraphs, questions and who will take part."""

    def __init__(self, source: Source) -> None:
        self.source = source
        self.footnotes = find_footnotes(source)
        layout = laid_out(source, self.footnotes)
        self.marks = [Span(m.start(1), m.end(1)) for m in SLASH_MARK.finditer(layout)]
        # Spans are cut from ``printed`` (footnote marks and emphasis belong to the passage as
        # printed, "/" marks at its edges do not); texts are read from ``plain``.
        self.printed = blank(layout, self.marks)
        self.plain = blank(plain_text(layout), self.marks)
        self.mentions = Mentions(source, self.plain)
        self.lines = [(line.start, line.end) for line in lines(self.plain)]
        self.slash_lines = {self._line_index(mark.start) for mark in self.marks}
        self.participations: list[Participation] = []
        self.notes: list[str] = []

    def _line_index(self, offset: int) -> int:
        return self.source.text.count("\n", 0, offset)

    def _line(self, index: int) -> str:
        start, end = self.lines[index]
        return self.plain[start:end]

    # --- the note as a whole ----------------------------------------------------------

    def read(self) -> ParsedDocument:
        laid_out = None if self.marks else read_laid_out_header(self.plain)
        if laid_out is not None:  # no "/" marks: the layout of a PDF's text, a web page, a word processor's copy
            title, header_end, printed_by, fields = laid_out.title, laid_out.body_start, laid_out.printed_by, laid_out.fields
            units = laid_out_units(self.plain, self.printed, header_end)
        else:
            title, header_end, printed_by, fields = self._header()
            units = self._units(header_end)
        authorship = self._author(printed_by)
        author, support = authorship.author, authorship.supporter
        body = authorship.body or self._organization_field(fields) or (
            self.mentions.organization(laid_out.body) if laid_out and laid_out.body else None)
        date = self._date(fields, header_end) if laid_out is None else self._field_date(fields) or laid_out.date
        session = Session(
            key=session_key(body, date, title[0], self.source.stem), kind=_session_kind(title[0]), label=title[0], date=date,
            number=_session_number(title[0]), place=self._field(fields, "venue", "place", "location"),
            organizer=body, span=title[1],
        )
        if author:
            self.participations.append(Participation(
                replace(author), "Author", session.key, replace(body) if body and author.kind is ActorKind.PERSON else None,
                authorship.position, authorship.span))
        if support:
            self.participations.append(Participation(support, "Secretary", session.key, span=support.span))
        statements = self._statements(units, session, author, body, printed_by)
        if not statements:
            raise GenreReader.fail(self.source, header_end, "no paragraphs found after the concept note's header")
        if date is None:
            self.notes.append("the concept note prints no date for its session")
        return ParsedDocument(
            source=self.source, kind=DocumentKind.CONCEPT_NOTE, title=title[0], author=author, body=body,
            sessions=[session], statements=statements, participations=self.participations, notes=self.notes,
        )

    def _header(self) -> tuple[tuple[str, Span], int, tuple[str, Span] | None, dict[str, tuple[str, Span]]]:
        """Title, where the body starts, the "Prepared by" phrase and "Field: value" lines."""
        index = 0
        while index < len(self.lines) and not self._line(index).strip():
            index += 1
        if index == len(self.lines):
            raise GenreReader.fail(self.source, 0, "the concept note is empty")
        label = GENRE_LABEL.match(self._line(index))
        title_pieces: list[Span] = []
        if label and self._line(index)[label.end():].strip():
            start, end = self.lines[index]
            title_pieces.append(trimmed(self.plain, start + label.end(), end))
        index += 1 if label else 0
        printed_by: tuple[str, Span] | None = None
        fields: dict[str, tuple[str, Span]] = {}
        in_title = True
        while index < len(self.lines):
            text = self._line(index).strip()
            start, end = self.lines[index]
            if not text:
                in_title = in_title and not title_pieces
                index += 1
                continue
            author = AUTHOR_LINE.match(text)
            header_field = HEADER_FIELD.match(text)
            if author and printed_by is None:
                printed = author["enclosed"] or author["printed"]
                at = start + self._line(index).index(printed)
                printed_by = (printed, Span(at, at + len(printed)))
            elif header_field:
                at = start + self._line(index).index(header_field["value"])
                value = header_field["value"].strip()
                fields[field_name(header_field["field"])] = (value, Span(at, at + len(value)))
            elif in_title and len(text.split()) <= 60 and not (title_pieces and _is_prose(text)):
                title_pieces.append(trimmed(self.plain, start, end))
            else:
                break
            index += 1
        if not title_pieces:
            raise GenreReader.fail(self.source, self.lines[min(index, len(self.lines) - 1)][0],
                                   "no title: a concept note names its session before its first paragraph")
        span = Span(title_pieces[0].start, title_pieces[-1].end)
        title = " ".join(" ".join(self.plain[p.start:p.end].split()) for p in title_pieces)
        body_start = self.lines[index][0] if index < len(self.lines) else len(self.plain)
        return (title, span), body_start, printed_by, fields

    def _author(self, printed_by: tuple[str, Span] | None) -> _Authorship:
        """Who prepared the note, for which body, in which office, and with whose support."""
        if printed_by is None:
            return _Authorship()
        printed, span = printed_by
        who_at = span.start + re.match(r"\w+\s+by\s+", printed, re.I).end()  # type: ignore[union-attr]
        who = self.plain[who_at:span.end]
        support = SUPPORT.search(who)
        supporter = self.mentions.organization(trimmed(self.plain, who_at + support.end(), span.end)) if support else None
        main = trimmed(self.plain, who_at, who_at + (support.start() if support else len(who)))
        if self.plain.startswith("the ", main.start):
            main = Span(main.start + 4, main.end)
        person = person_at(self.plain, main.start, main.end)
        if person:  # "Ambassador Rita Claverie, Chair of the Committee on Migration Issues (CAM)"
            author = ActorMention(self.source.quote(person.label), ActorKind.PERSON, person.label, full_name=person.name)
            if person.descriptor is None:
                return _Authorship(author, None, None, person.label, supporter)
            described = split_descriptor(self.plain[person.descriptor.start:person.descriptor.end])
            body = None
            if described.affiliation:
                at = person.descriptor.start + described.affiliation_offset
                body = self.mentions.organization(Span(at, at + len(described.affiliation)))
            office = OFFICE.match(described.position or "")
            position = office["office"] if office else described.position
            return _Authorship(author, body, position, Span(person.label.start, person.descriptor.end), supporter)
        office = OFFICE.fullmatch(self.plain[main.start:main.end])
        if office:  # "the Chair of CAM": the office-holder, whom the note does not name
            body = self.mentions.organization(Span(main.start + office.start("body"), main.end))
            author = ActorMention(self.source.quote(main), ActorKind.PERSON, main)
            return _Authorship(author, body, office["office"], main, supporter)
        author = self.mentions.organization(main)
        return _Authorship(author, replace(author), None, main, supporter)

    def _organization_field(self, fields: dict[str, tuple[str, Span]]) -> ActorMention | None:
        for name in ("organized by", "organizer", "convened by"):
            if name in fields:
                return self.mentions.organization(fields[name][1])
        return None

    @staticmethod
    def _field(fields: dict[str, tuple[str, Span]], *names: str) -> str | None:
        return next((fields[name][0] for name in names if name in fields), None)

    @staticmethod
    def _field_date(fields: dict[str, tuple[str, Span]]) -> dt.date | None:
        for name in ("date", "dates"):
            if name in fields:
                found = find_date(fields[name][0])
                if found:
                    return found.value
        return None

    def _date(self, fields: dict[str, tuple[str, Span]], header_end: int) -> dt.date | None:
        """The session's date: a "Date:" line, a date in the header, or one the note says it
        "will be held" on — never the dates the note's history cites."""
        if (from_field := self._field_date(fields)) is not None:
            return from_field
        found = find_date(self.plain[:header_end])
        if found:
            return found.value
        for match in re.finditer(r"\b(?:will\s+be\s+held|to\s+be\s+held|will\s+take\s+place|is\s+scheduled|will\s+meet)\b[^.\n]{0,80}", self.plain):
            found = find_date(match.group())
            if found:
                return found.value
        return None

    # --- the body -------------------------------------------------------------------------

    def _units(self, start: int) -> list[Unit]:
        """Paragraphs, list items and headings, with the "/" marks read as the genre prints them."""
        units: list[Unit] = []
        gap = False
        first = self._line_index(start)
        for index in range(first, len(self.lines)):
            line_start, line_end = self.lines[index]
            text = self.plain[line_start:line_end]
            slash = index in self.slash_lines
            if not text.strip():
                if slash and units:
                    units[-1].ended_by_mark = True
                else:
                    gap = True
                continue
            piece = trimmed(self.printed, line_start, line_end)
            stripped = text.strip()
            previous = units[-1] if units else None
            if previous and self._continues(previous, stripped, slash, gap):
                joiner = "\n" if previous.kind == "item" and LIST_ITEM.match(stripped) else " "
                previous.pieces.append(Piece(piece, joiner))
                previous.ended_by_mark = False
            else:
                kind = "item" if LIST_ITEM.match(stripped) else "paragraph"
                units.append(Unit(kind, [Piece(piece, "")]))
            gap = False
        for index, unit in enumerate(units):
            text = self._text(unit)
            following_gap = index + 1 == len(units) or self._gap_between(unit, units[index + 1])
            if (unit.kind == "paragraph" and len(unit.pieces) == 1 and not ends_sentence(text)
                    and len(text.split()) <= (20 if following_gap else 12) and text[:1].isupper()
                    and not unit.ended_by_mark):
                unit.kind = "heading"
        return units

    def _continues(self, previous: Unit, text: str, slash: bool, gap: bool) -> bool:
        so_far = self._text(previous)
        open_sentence = not ends_sentence(so_far)
        lower = text[:1].islower()
        if LIST_ITEM.match(text):
            return False
        if previous.ended_by_mark or slash:
            # Paragraphs are set apart by blank lines; a footnote mark sits inside its paragraph,
            # so the text after it runs on, whether mid-sentence ("Migration,\n/ as this
            # enables…") or with a new sentence ("…workers.\n/ Twenty-six (26) percent…").
            return not gap or lower
        if gap or not open_sentence or previous.kind == "heading":
            return False
        # A line that follows an unfinished one runs on (hard-wrapped text), unless the
        # unfinished one is a short heading right above its paragraph.
        return lower or len(previous.pieces) > 1 or len(so_far.split()) > 12

    def _gap_between(self, unit: Unit, following: Unit) -> bool:
        return bool(re.search(r"\n[ \t]*\n", self.plain[unit.span.end:following.span.start]))

    def _text(self, unit: Unit) -> str:
        return "".join(piece.joiner + " ".join(self.plain[piece.span.start:piece.span.end].split()) for piece in unit.pieces).strip()

    def _take_part(self, announced: list[Announced], session: str) -> None:
        for entry in announced:
            self.participations.append(Participation(entry.actor, entry.role, session, entry.affiliation,
                                                     entry.position, entry.span))

    def _statements(self, units: list[Unit], session: Session, author: ActorMention | None,
                    body: ActorMention | None, printed_by: tuple[str, Span] | None) -> list[Statement]:
        statements: list[Statement] = []
        questions = False
        previous: Unit | None = None
        roster: str | None = None  # the role of the people listed under a "Panelists" heading
        for unit in units:
            text = self._text(unit)
            if unit.kind == "heading":
                questions = bool(QUESTIONS_CUE.search(text))
                roster = _roster_role(text)
                previous = unit
                continue
            role_line = ROLE_LINE.match(self.plain, unit.span.start, unit.span.end)
            if role_line and len(text) < 300:  # "Moderator: Ms. X, Title, Organization"
                self._take_part(announced_on(role_line, 0, self.mentions), session.key)  # offsets already absolute
                continue
            if roster and (unit.kind == "item" or len(text.split()) < 30):  # under a "Panelists" heading
                marker = LIST_ITEM.match(text)
                start = unit.span.start + (marker.end() if marker else 0)
                self._take_part(people_listed(self.plain[start:unit.span.end], start, self.mentions, roster), session.key)
                continue
            roster = None
            is_item = unit.kind == "item"
            if is_item and (questions or text.rstrip().endswith("?")):
                kind = StatementKind.QUESTION
                text = LIST_ITEM.sub("", text, count=1)
            elif is_item and statements and previous is not None and (
                previous.kind == "item" or (previous.kind == "paragraph" and self._text(previous).endswith(":"))
            ):
                statements[-1].span = Span(statements[-1].span.start, unit.span.end)
                statements[-1].text += "\n" + text
                previous = unit
                continue
            else:
                kind = StatementKind.QUESTION if questions and text.endswith("?") else StatementKind.PARAGRAPH
                questions = bool(QUESTIONS_CUE.search(text)) and text.endswith(":")
                if kind is StatementKind.PARAGRAPH:
                    self._take_part(announcements(self.plain, unit.span, self.mentions), session.key)
            statements.append(Statement(
                local_id="", span=unit.span, text=text, kind=kind,
                speaker=replace(author) if author else None,
                speaker_as_printed=printed_by[0] if printed_by else None,
                role="Author" if author else None,
                on_behalf_of=replace(body) if body and author and author.kind is ActorKind.PERSON else None,
                session=session.key,
            ))
            previous = unit
        unique = UniqueIds()
        for statement in statements:
            statement.local_id = unique(("q-" if statement.kind is StatementKind.QUESTION else "p-") + content_keys.digest(statement.text))
        return statements + footnote_statements(self.source, self.footnotes, statements)


def _roster_role(heading: str) -> str | None:
    """The role of the people listed under a heading ("Panelists", "Moderator"), if it lists people."""
    match = re.search(r"\b(?:moderat|facilitat|chair|panel+ist|speaker|presenter|keynote)\w*", heading, re.I)
    return role_title(match.group()) if match else None


def _is_prose(text: str) -> bool:
    return len(text.split()) > 25 and ends_sentence(text)


def _session_kind(title: str) -> SessionKind:
    match = SESSION_WORDS.search(title)
    if match is None or "session" in match["kind"].lower():
        return SessionKind.THEMATIC_SESSION
    return SessionKind.SEMINAR


def _session_number(title: str) -> str | None:
    match = SESSION_WORDS.search(title)
    number = number_of(match["ordinal"]) if match and match["ordinal"] else None
    return str(number) if number else None
