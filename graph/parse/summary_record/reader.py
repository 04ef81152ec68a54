"""Reader for UN summary records: a third-person account of one meeting of a body.

The header (:mod:`graph.parse.summary_record.header`) gives the body, its
session, the meeting and who chairs it.  The body is procedural lines ("The
meeting was called to order at 3 p.m.", "Ms. Dicko (Vice-Chair) took the
Chair.", "The meeting rose at 5.55 p.m."), agenda headings, and paragraphs,
numbered or not (:mod:`graph.parse.summary_record.paragraphs`), each one
:class:`Statement`.  A paragraph names its speaker at the start
(:mod:`graph.parse.shared.speakers`) or continues the previous speaker.

Choices (the genre leaves them open):

* Procedural lines and headings are not statements; they give the meeting's
  times and who chairs.  A procedural *paragraph* ("It was so decided.", "At
  the invitation of the Chair, the delegation … joined the meeting.", numbered,
  or a paragraph of an unnumbered record) is a statement without a speaker, and
  the next unnamed paragraph does not continue anyone; nor does an unnamed
  paragraph under a new agenda heading, or one that names a new speaker in
  words the attribution forms do not read ("Replying to …, Mr. X said" is
  read; "The High Commissioner stressed" names no one the record can resolve,
  so the paragraph has no speaker rather than the previous one).
* "The Chair" is the person chairing at that point: the header's chair, or
  whoever a "… took the Chair" line names.  The role is "Chair" (or "Acting
  Chair" as printed); a "(Vice-Chair)" note in the header goes to the chair's
  participation as its position.  Another office without a name ("The
  Secretary of the Committee") gives a role and no speaker.
* "The representative of Mexico said" has no person: the speaker is the
  delegation ("Mexico"), role "Representative", on behalf of the same.
* A named speaker without a parenthesis is a member of the body ("Committee
  member" for a committee, else "Participant"); a parenthesis names either a
  capacity ("Country Rapporteur", "Special Rapporteur on …": the role) or for
  whom the speaker speaks (role "Representative"; "(Director, … Division,
  OHCHR)" is a post, then the organization).  "Speaking on behalf of X"
  makes X the one spoken for in that statement; "speaking also on behalf of
  X" too, the parenthesis staying the participation's affiliation (two
  principals, one each).
* Every distinct (speaker, role, affiliation) becomes a participation in the
  meeting, beside the chairs and those a list under the chair's line names.
* Keys: the session is "<acronym>/<number>" ("cmw/35", the acronym from the
  treaty body table, else from the printed symbol, else the name's initials),
  the meeting "<session key>/meeting/<number>"; a record printing no session
  keeps its meeting ("cat/meeting/2100") and says so in ``notes``.
* The meeting starts when it "was called to order" (else at the time in the
  "Held …" line); it ends when it "rose", if the record says so.
* Page furniture (symbol, job number, page number) is left out of the text;
  a paragraph without a printed number gets a local id from its words.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import replace

from graph import content_keys
from graph.documents import Source, Span
from graph.parse.base import GenreReader, trimmed
from graph.parse.shared.dates import find_time
from graph.parse.shared.footnotes import find_footnotes, footnote_statements
from graph.parse.genre_cues import SUMMARY_RECORD_CUES
from graph.parse.shared.keys import UniqueIds
from graph.parse.shared.layout import Line, lines
from graph.export_marks import strip_markup
from graph.parse.shared.markup import Plain
from graph.content_keys import HONORIFIC
from graph.parse.shared.names import CONNECTORS
from graph.parse.shared.numbers import ordinal
from graph.parse.shared.reported_speech import voice_of
from graph.parse.shared.speakers import Attribution, read_attribution, read_named_person
from graph.parse.summary_record.header import (
    CALLED_TO_ORDER, NUMBERED, PROCEDURAL, ROSE, Chair, RecordHeader, body_start, mention, read_header, treaty_body,
)
from graph.parse.summary_record.paragraphs import Paragraph, Procedure, cut_body
from graph.records import (
    ActorKind, ActorMention, DocumentKind, ParsedDocument, Participation, Session, SessionKind, Statement,
)


class SummaryRecordReader(GenreReader):
    kind = DocumentKind.SUMMARY_RECORD

    cues = SUMMARY_RECORD_CUES

    def read(self, source: Source) -> ParsedDocument:
        all_lines = lines(source.text)
        start = body_start(source, all_lines)
        record = _Record(source, read_header(source, all_lines[:start]))
        record.read_body(all_lines[start:])
        return record.document()


class _Record:
    """The body of one record being read: paragraphs, speakers, who chairs, times."""

    def __init__(self, source: Source, header: RecordHeader) -> None:
        self.source = source
        self.header = header
        self.body_info = treaty_body(header.body.label) if header.body else None
        self.acronym = self._acronym()
        session_key = f"{self.acronym}/{'special-' if header.special else ''}{header.session_number}"
        self.session_key = session_key if header.session_number is not None else None
        self.meeting_key = f"{self.session_key or self.acronym}/meeting/{header.meeting}"
        self.chairs = list(header.chairs)
        self.chair: Chair | None = self.chairs[0] if self.chairs else None
        self.paragraphs: list[tuple[Paragraph, Chair | None]] = []
        self.start_time: dt.time | None = None  # called to order
        self.end_time: dt.time | None = None  # rose
        self.notes: list[str] = []
        self.marked_notes = find_footnotes(source)  # "[1: …]", "[^1]: …" notes, read with their marks
        self.footnotes: list[Span] = list(header.footnotes)
        self.taking_part: dict[tuple[str, str, str | None], Participation] = {}
        for present in header.present:  # "Mr. CUVELIER Belgium" under the chair's line
            affiliation = mention(present.line, present.affiliation, ActorKind.ORGANIZATION) if present.affiliation else None
            self._take_part(mention(present.line, present.person, ActorKind.PERSON), present.role, affiliation,
                            present.position)
        if header.session_number is None:
            self.notes.append(f"{source.name}: no session printed; the meeting {self.meeting_key} has no enclosing session")

    def _acronym(self) -> str:
        if self.body_info:
            return self.body_info.acronym.lower()
        if self.header.symbol and not self.header.symbol.startswith(("A/", "E/")):
            return content_keys.slug(self.header.symbol.split("/")[0])
        label = self.header.body.label if self.header.body else "body"
        initials = [word[0] for word in label.split() if word[0].isupper() and word.casefold() not in CONNECTORS]
        return "".join(initials).lower() or content_keys.slug(label)

    # --- body lines ----------------------------------------------------------------------

    def read_body(self, body_lines: list[Line]) -> None:
        body = cut_body(self.source, body_lines, self.marked_notes)
        for part in body.parts:
            if isinstance(part, Procedure):
                self._procedure(part.text, part.line)
            else:
                self.paragraphs.append((part, self.chair))
        self.footnotes.extend(body.footnotes)
        self.notes.extend(body.notes)
        if not self.paragraphs:
            at = body_lines[0].start if body_lines else len(self.source.text)
            raise GenreReader.fail(self.source, at, "no paragraph in the record's body from this line on: an opening "
                                                    "that ends before the record's first paragraph")

    def _procedure(self, text: str, line: Line) -> None:
        if CALLED_TO_ORDER.search(text) and self.start_time is None:
            found = find_time(text)
            self.start_time = found.value if found else None
        elif ROSE.match(text):
            found = find_time(text)
            self.end_time = found.value if found else None
        took = re.search(r"\btook\s+the\s+Chair\b", text)
        if took:
            self._take_chair(line, took.start())

    def _take_chair(self, line: Line, before: int) -> None:
        """"Ms. Dicko (Vice-Chair) took the Chair.": she chairs from here on."""
        plain = Plain.of(self.source.text, line.start, line.end)
        named: list[Attribution] = []
        for title in re.finditer(r"(?<!\w)" + HONORIFIC, plain.text[:before]):
            if named and title.start() < named[-1].printed.end:
                continue  # an initial inside the name just read: "Ms. M. Klein"
            who = read_named_person(plain.text, title.start())
            if who is not None and who.person is not None:
                named.append(who)
        if not named:
            return
        who = named[-1]  # the name nearest the verb takes the Chair
        label = " ".join(who.person.text.split())  # type: ignore[union-attr]
        known = next((c for c in self.chairs if c.mention.label == label), None)
        if known is None:
            position = who.parenthesis.text if who.parenthesis else None
            known = Chair(mention(plain, who.person, ActorKind.PERSON), "Chair", position)  # type: ignore[arg-type]
            self.chairs.append(known)
        self.chair = known

    # --- statements ------------------------------------------------------------------------

    def document(self) -> ParsedDocument:
        header = self.header
        statements = self._statements()
        statements += footnote_statements(self.source, self.marked_notes, statements)
        self.footnotes.extend(self.marked_notes.printed)
        return ParsedDocument(
            source=self.source,
            kind=DocumentKind.SUMMARY_RECORD,
            title=header.title,
            symbol=header.symbol or self._derived_symbol(),
            date=header.issued,
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
        year = self.header.date.year if self.header.date else ""
        return self.body_info.symbol.format(meeting=self.header.meeting, year=year)

    def _statements(self) -> list[Statement]:
        statements: list[Statement] = []
        previous: Statement | None = None
        unique = UniqueIds()
        for paragraph, chair in self.paragraphs:
            # Footnote texts printed inside the paragraph's lines are not part of it.
            inside = [note for note in self.marked_notes.printed if paragraph.start <= note.start < paragraph.end]
            end = inside[0].start if inside else paragraph.end
            span = trimmed(self.source.text, paragraph.start, end)
            plain = Plain.of(self.source.text, span.start, span.end)
            numbered = paragraph.number is not None
            number = NUMBERED.match(plain.text) if numbered else None
            opening = number.end() if number else 0
            pieces = [(start, min(stop, span.end)) for start, stop in paragraph.pieces if start < span.end]
            words = " ".join(strip_markup(self.source.text[start:stop]) for start, stop in pieces)
            printed_number = NUMBERED.match(words) if numbered else None
            text = " ".join(words[printed_number.end() if printed_number else 0 :].split())
            statement = Statement(
                local_id=unique(str(paragraph.number) if numbered else f"p-{content_keys.digest(text)}"),
                span=span,
                text=text,
                paragraph_number=paragraph.number,
                session=self.meeting_key,
            )
            attribution = read_attribution(plain.text, opening)
            new_voice = _someone_else_speaks(plain.text, opening) if attribution is None else None
            if new_voice is not None:  # after an opening clause: "Replying to questions, Mr. X (Mexico) said"
                attribution = read_attribution(plain.text, new_voice)
            if paragraph.after_heading:
                previous = None  # a new agenda item: an unnamed paragraph under it continues no one
            if PROCEDURAL.match(statement.text):
                previous = None
            elif attribution is not None:
                self._attribute(statement, attribution, plain, chair)
                previous = statement
            elif new_voice is not None:
                previous = None  # someone else speaks, in words the genre's forms do not name: no one is guessed
            elif previous is not None:  # no name: the previous speaker goes on
                statement.speaker, statement.role = previous.speaker, previous.role
                statement.on_behalf_of = previous.on_behalf_of
            statements.append(statement)
        return statements

    def _attribute(self, statement: Statement, attribution: Attribution, plain: Plain, chair: Chair | None) -> None:
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
            statement.speaker = mention(plain, attribution.delegation, ActorKind.ORGANIZATION)
            statement.role = "Representative"
        else:
            statement.speaker = mention(plain, attribution.person, ActorKind.PERSON)  # type: ignore[arg-type]
            if attribution.capacity:
                statement.role = attribution.capacity
            elif represents:
                statement.role = "Representative"
            else:
                statement.role = self._member_role()
        if represents is not None:
            statement.on_behalf_of = mention(plain, represents, ActorKind.ORGANIZATION)
        if statement.speaker is not None and statement.role is not None:
            # The affiliation printed beside the name, even when the speaker speaks for someone else.
            beside = attribution.affiliation
            affiliation = mention(plain, beside, ActorKind.ORGANIZATION) if beside else statement.on_behalf_of
            position = attribution.position
            self._take_part(statement.speaker, statement.role, affiliation, position)

    def _member_role(self) -> str:
        """Members speak without a parenthesis: of a committee, "Committee member"."""
        label = self.header.body.label if self.header.body else ""
        return "Committee member" if "committee" in label.casefold() else "Participant"

    # --- sessions and participations -------------------------------------------------------

    def _sessions(self) -> list[Session]:
        header = self.header
        sessions: list[Session] = []
        if self.session_key is not None:
            short = self.body_info.short_name if self.body_info else header.body.label  # type: ignore[union-attr]
            number = ordinal(header.session_number)  # type: ignore[arg-type]
            sessions.append(Session(
                key=self.session_key, kind=SessionKind.SESSION,
                label=f"{short}, {number} {'special ' if header.special else ''}session",
                date=header.date, number=str(header.session_number),
                organizer=header.body, span=header.session_span,
            ))
        sessions.append(Session(
            key=self.meeting_key, kind=SessionKind.MEETING, label=f"{ordinal(header.meeting)} meeting",
            date=header.date, parent=self.session_key, number=str(header.meeting),
            place=header.place, start_time=self.start_time or header.scheduled,
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


def _someone_else_speaks(text: str, start: int) -> int | None:
    """Where a paragraph with no attribution at its start still names a new speaker ("Replying to …, Mr. X
    said", "The High Commissioner stressed"), or None: such a paragraph does not continue the previous one."""
    voice = voice_of(text, start, len(text))
    if voice is None or voice.continues:
        return None
    # A record's speaker reports what offices did ("At the same time, the Special Rapporteur recommended …"):
    # an office names a new speaker only when it opens the paragraph; a person or a delegate may follow an
    # opening clause ("Replying to …, Mr. X said").
    if voice.office and voice.person is None and voice.delegation is None and voice.printed.start > start:
        return None
    return voice.printed.start
