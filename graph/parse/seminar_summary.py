"""Reader for seminar summaries: a secretariat's account of an experts' seminar.

The genre, as OHCHR and similar secretariats issue it:

* a header — the seminar's title, then place and date ("Palais des Nations, Room XII,
  Geneva, 8 October 2009"), often a subtitle ("SUMMARY OF DISCUSSIONS");
* sections under upper-case headings: an introduction, an opening session, numbered
  sessions ("SESSION 1: …"), "DISCUSSION" after a session's presentations (with
  sub-headings per theme), closing remarks;
* numbered paragraphs ("5. Mr. X, Director, Y Division, OHCHR, opened the seminar…"),
  sometimes followed by unnumbered ones, and bulleted or lettered lists that continue
  the paragraph introducing them (which ends with a colon);
* footnotes exported inline (``[footnoteRef:2]`` and ``[2: …]``, see :mod:`graph.parse.footnotes`);
* annexes: the programme (sessions with times, moderators, panelists with titles and
  affiliations) and sometimes the list of participants.

Decisions (the rules a reader of a new summary of this genre relies on):

* One statement per paragraph of the body; a list continues the paragraph before it.
  Headings and annexes are not statements: the programme only tells who took part in
  which session in which role (participations) and when sessions ran.
* Speaker: the person named at the start of the paragraph (after an optional leading
  phrase ending in a comma: "Furthermore, Professor Djajić noted"); "The Chairperson"
  is the chair of the current session, else the chair of the seminar (a chair named
  before the first numbered session presides over the seminar); "He"/"She", and in a
  presentation any paragraph that names no one, continue the previous speaker;
  "Participants …" and, in a discussion section, every paragraph that names no one,
  are the group "Participants".  Introductory paragraphs that name no one have no speaker.
* A short form of a name ("Mr. Ndiaye", even "Mr. Rhus" for "Mr. Ruhs") is the one
  person the document names in full that way; ``full_name`` carries the full form.
* Role: the programme's for that person and session (Panelist, Moderator); otherwise
  "Chair"/"Moderator" as the text says, "Participant" in a discussion or outside
  sessions, "Keynote speaker" in an opening session, "Panelist" in a numbered session.
* On behalf of: the organization the person is introduced with (their affiliation).
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, replace

from graph import iris
from graph.documents import Source, Span
from graph.parse.base import GenreReader, trimmed
from graph.parse.footnotes import Footnotes, find_footnotes
from graph.parse.mentions import Mentions, introduced
from graph.parse.programme import (
    OPENING, ROLE_LINE, Programme, SessionToken, announced_on, read_programme, role_title, session_token,
)
from graph.parse.prose import (
    TITLE_WORDS, PersonPhrase, blank, byte_order_mark, clean_lines, ends_sentence, find_date, fold, line_spans, looks_like_person,
    markup_spans, person_at,
)
from graph.records import (
    ActorKind, ActorMention, DocumentKind, ParsedDocument, Participation, Session, SessionKind, Statement,
)

NUMBERED = re.compile(r"(\d{1,3})\.(?=\s)")
LIST_ITEM = re.compile(r"(?:[·•▪◦‣●○■□➢►\-–—*]|[a-z]\.|\(?[a-z]\)|\(?[ivx]{1,4}\)|\d{1,2}\))\s")
ANNEX_LINE = re.compile(r"[ \t]*(?:ANNEX|Annex|APPENDIX|Appendix)\b[^\n.]{0,40}$", re.M)
DISCUSSION_HEADING = re.compile(
    r"(?:(?:GENERAL|OPEN|INTERACTIVE|PLENARY)\s+)?(?:DISCUSSIONS?|DIALOGUE|DEBATE)\b|QUESTIONS\s+AND\s+ANSWERS", re.I
)
CHAIR_REFERENCE = re.compile(
    r"the\s+(?P<title>acting\s+chair(?:person)?|vice[-\s]chair(?:person)?|co-chair(?:person)?"
    r"|chair(?:person|man|woman)?|moderator|facilitator)\b",
    re.I,
)
PARTICIPANTS = re.compile(
    r"(?:(?:some|several|many|most|a\s+few|a\s+number\s+of|other|all|the|one|two|three|various)\s+)*participants?\b", re.I
)
REPRESENTATIVE = re.compile(
    r"(?i:the\s+(?:representative|delegate|delegation|observer)s?\s+(?:of|for|from)\s+(?:the\s+)?)"
    r"(?P<for>[A-Z][\w’'&.\-]*(?:\s+(?:(?:of|the|for|on|and|&)\s+)*[A-Z][\w’'&.\-]*)*(?:\s*\([A-Z][\w&\- ]*\))?)"
)
PRONOUN = re.compile(r"(?:he|she|they)\b", re.I)
ORGANIZER = re.compile(
    r"(?i:organi[sz]ed|convened|hosted|held)\s+by\s+(?:the\s+)?(?P<after>{org})|(?P<before>{org})\s+(?:held|organi[sz]ed|convened|hosted)\b"
    .format(org=r"[A-Z][\w’'&\-]*(?:\s+(?:(?:of|the|for|on|and|&)\s+)*[A-Z][\w’'&\-]*)*(?:\s*\([A-Z][\w&\- ]*\))?")
)
SEMINAR_SECTION = re.compile(
    r"(?:INTRODUCTION|BACKGROUND|OPENING\s+REMARKS|CLOSING\s+REMARKS|CLOSING\s+OF\s+THE|CONCLUSIONS?"
    r"|RECOMMENDATIONS|SUMMARY|OVERVIEW|WELCOME)\b",
    re.I,
)
ORGANIZED_BY = re.compile(r"(?:organi[sz]ed|convened|hosted|co-organi[sz]ed)\s+by\b", re.I)
ACCOUNT, DISCUSSION = "account", "discussion"


@dataclass
class _Unit:
    """A heading, a paragraph or a list item, as laid out in the source."""

    kind: str  # "heading" | "paragraph" | "item"
    span: Span
    number: int | None = None


@dataclass
class _Voice:
    """Who speaks in a statement, carried over to paragraphs that continue it."""

    speaker: ActorMention
    role: str
    on_behalf_of: ActorMention | None = None


class SeminarSummaryReader(GenreReader):
    kind = DocumentKind.SEMINAR_SUMMARY

    def recognise(self, source: Source) -> float:
        """Title lines naming a seminar, a summary subtitle, numbered paragraphs introducing
        speakers, session headings and "Participants noted…"; a summary record, a concept
        note or a discussion thread is something else."""
        lines = [line.strip() for line in source.text[:4000].splitlines() if line.strip()][:8]
        title = "\n".join(line for line in lines if len(line) < 200)
        body = source.text
        score = 0.0
        if re.search(r"\b(?:SEMINAR|WORKSHOP|CONSULTATION|SYMPOSIUM|COLLOQUIUM|EXPERTS?\s+MEETING|ROUND\s*TABLE)\b", title, re.I):
            score += 0.3
        if re.search(r"SUMMARY\s+OF\s+(?:THE\s+)?DISCUSSIONS?|SUMMARY\s+REPORT|REPORT\s+OF\s+THE|CHAIR.{0,3}S\s+SUMMARY", title, re.I):
            score += 0.2
        if re.search(r"^[ \t]*(?:SESSION|PANEL)\s+(?:\d+|[IVX]+)\b(?:\s*[:.\-–]|[ \t]*$)", body, re.M | re.I):
            score += 0.15
        if re.search(r"^[ \t]*(?:\d{1,3}\.\s+)?(?:\w+\s+){0,2}participants\s+(?:noted|discussed|emphasi[sz]ed|agreed|stressed|raised|underlined|highlighted|asked)",
                     body, re.M | re.I):
            score += 0.15
        if len(re.findall(r"^[ \t]*\d{1,3}\.\s", body, re.M)) >= 3:
            score += 0.1
        if len(re.findall(r"^[ \t]*\d{1,3}\.\s+(?:The\s+Chair\w*,\s+)?(?:Mr|Ms|Mrs|Dr)\.\s", body, re.M)) >= 2:
            score += 0.1
        if re.search(r"summary\s+record\s+of\s+the|concept\s+(?:note|paper)", title, re.I) or re.search(
                r"^In\s+reply\s+to\b", body, re.M):
            score -= 0.5
        return max(0.0, min(1.0, score))

    def read(self, source: Source) -> ParsedDocument:
        return _SummaryReading(source, self).read()


class _SummaryReading:
    """One pass over one summary; the state is what a reader keeps in mind while reading."""

    def __init__(self, source: Source, reader: GenreReader) -> None:
        self.source = source
        self.reader = reader
        self.footnotes: Footnotes = find_footnotes(source)
        self.layout = blank(source.text, [*self.footnotes.notes, *byte_order_mark(source.text)])
        self.plain = blank(self.layout, [m.span for m in self.footnotes.marks] + markup_spans(self.layout))
        self.mentions = Mentions(source, self.plain)
        self.notes: list[str] = []
        self.participations: dict[tuple[str, str, str], Participation] = {}
        self.chairs: dict[str, _Voice] = {}
        self.sessions: dict[SessionToken, Session] = {}
        self.header_roles: list[_Unit] = []

    # --- the document as a whole ------------------------------------------------------

    def read(self) -> ParsedDocument:
        annex = ANNEX_LINE.search(self.layout)
        body_end = annex.start() if annex else len(self.layout)
        programme = read_programme(self.plain, body_end, self.mentions) if annex else Programme()
        title, date, place, header_end = self._header(body_end)
        units = self.header_roles + self._units(header_end, body_end)
        if date is None:
            found = next((find_date(self.plain[u.span.start:u.span.end]) for u in units[:6] if u.kind == "paragraph"), None)
            date = found.value if found else None
        organizer = self._organizer([Span(0, header_end), *(u.span for u in units[:4])])
        self.seminar = Session(
            key=self._seminar_key(organizer, date, title[0]), kind=SessionKind.SEMINAR, label=title[0], date=date,
            place=place, organizer=organizer, span=title[1],
        )
        self.programme = programme
        statements = self._walk(units)
        if not statements:
            raise self.reader.fail(self.source, header_end, "no paragraphs found in the summary")
        self._adopt_programme(programme)
        for mark in self.footnotes.unmatched_marks():
            self.notes.append(f"footnote mark {mark.label} (line {self.source.line_of(mark.span.start)}) has no note text")
        if date is None:
            self.notes.append("the seminar's date is not printed; its sessions have none")
        return ParsedDocument(
            # The summary's own date of issue is not printed (the seminar's date is the session's).
            source=self.source, kind=DocumentKind.SEMINAR_SUMMARY, title=title[0], date=None, body=organizer,
            sessions=[self.seminar, *self.sessions.values()], statements=statements,
            participations=list(self.participations.values()), notes=self.notes,
        )

    def _units(self, start: int, end: int) -> list[_Unit]:
        """Headings, paragraphs and list items; a block of lines is one paragraph unless its
        lines start with paragraph numbers or list marks."""
        units: list[_Unit] = []
        block: list[_Unit] = []

        def close_block() -> None:
            if len(block) == 1 and block[0].kind == "paragraph" and block[0].number is None:
                text = clean_lines(self.plain[block[0].span.start:block[0].span.end])
                if len(text.splitlines()) <= 3 and len(text.split()) <= 30 and text[:1].isupper() and (
                        not ends_sentence(text) or _heading_with_colon(text)):
                    block[0].kind = "heading"
            units.extend(block)
            block.clear()

        for line_span in line_spans(self.layout, start, end):
            if not self.layout[line_span.start:line_span.end].strip():
                close_block()
                continue
            span = trimmed(self.layout, line_span.start, line_span.end)
            plain_line = self.plain[span.start:span.end].strip()
            numbered = NUMBERED.match(plain_line)
            if block and block[-1].kind == "paragraph" and self._heading_line(block[-1].span):
                block[-1].kind = "heading"  # a heading printed right above its text, no blank line between
            starts_unit = numbered or LIST_ITEM.match(plain_line) or ROLE_LINE.match(plain_line) or not block
            if starts_unit or block[-1].kind == "heading" or self._heading_line(span):
                kind = "item" if not numbered and LIST_ITEM.match(plain_line) else "paragraph"
                block.append(_Unit(kind, span, int(numbered[1]) if numbered else None))
            else:
                block[-1].span = Span(block[-1].span.start, span.end)
        close_block()
        return units

    def _heading_line(self, span: Span) -> bool:
        """One line that can only be a heading: a session heading, or capitals without a full stop."""
        text = " ".join(self.plain[span.start:span.end].split())
        if "\n" in self.plain[span.start:span.end].strip() or not text or len(text.split()) > 30:
            return False
        if ends_sentence(text):
            return _heading_with_colon(text)
        if NUMBERED.match(text) or LIST_ITEM.match(text):
            return False
        return bool(session_token(_unnumbered(text))) or _capitals(text)

    def _header(self, body_end: int) -> tuple[tuple[str, Span], dt.date | None, str | None, int]:
        """Title, date, place and where the body starts: the title is the first block of lines;
        the first short line with a date, in the first blocks, gives date and place."""
        blocks: list[list[Span]] = [[]]
        for line_span in line_spans(self.plain, 0, body_end):
            line = self.plain[line_span.start:line_span.end].strip()
            if not line:
                if blocks[-1]:
                    blocks.append([])
                continue
            if NUMBERED.match(line) or (len(line.split()) > 25 and ends_sentence(line)) or len(blocks) > 4:
                break
            blocks[-1].append(trimmed(self.plain, line_span.start, line_span.end))
        title_lines: list[Span] = []
        date = place = None
        header_end = 0
        for index, block in enumerate(blocks):
            for line_span in block:
                line = self.plain[line_span.start:line_span.end]
                found = find_date(line)
                if found and date is None and len(line) < 150:
                    date = found.value
                    rest = (line[:found.start] + line[found.end:]).strip(" ,;–-")
                    place = " ".join(re.sub(r"\s*,\s*,", ",", rest).split()) or None
                    header_end = line_span.end
                elif ROLE_LINE.match(line):  # "Chair: Ms. X (OHCHR)" under the title
                    self.header_roles.append(_Unit("paragraph", line_span))
                    header_end = max(header_end, line_span.end)
                elif index == 0 and not ORGANIZED_BY.match(line):
                    title_lines.append(line_span)
                    header_end = max(header_end, line_span.end)
            if date:
                break
        if not title_lines:
            raise self.reader.fail(self.source, 0, "no title: a seminar summary starts with the seminar's title")
        span = Span(title_lines[0].start, title_lines[-1].end)
        title = " ".join(self.plain[span.start:span.end].split())
        return (title, span), date, place, header_end

    def _organizer(self, spans: list[Span]) -> ActorMention | None:
        for span in spans:
            match = ORGANIZER.search(self.plain, span.start, span.end)
            if match:
                group = "after" if match["after"] else "before"
                start, end = match.start(group), match.end(group)
                if self.plain.startswith("the ", start):
                    start += 4
                return self.mentions.organization(Span(start, end))
        return None

    def _seminar_key(self, organizer: ActorMention | None, date: dt.date | None, title: str) -> str:
        if organizer:
            acronym = re.search(r"\(([^()]+)\)\s*$", organizer.label)
            holder = iris.slug(acronym[1] if acronym else organizer.label)
        else:
            holder = self.source.stem
        name = iris.slug(title)[:60].rsplit("-", 1)[0] if len(iris.slug(title)) > 60 else iris.slug(title)
        return "/".join(part for part in (holder, date.isoformat() if date else None, name) if part)

    # --- the body -------------------------------------------------------------------------

    def _walk(self, units: list[_Unit]) -> list[Statement]:
        statements: list[Statement] = []
        self.session: Session | None = None
        self.mode = ACCOUNT
        self.voice: _Voice | None = None
        previous: _Unit | None = None
        for unit in units:
            if unit.kind == "heading":
                self._heading(unit)
            elif unit.kind == "item" and statements and previous is not None and previous.kind != "heading" and (
                previous.kind == "item" or ends_with_colon(self.plain, previous.span)
            ):
                statements[-1].span = Span(statements[-1].span.start, unit.span.end)
            elif not self._role_line(unit):
                statements.append(self._statement(unit))
            previous = unit
        for statement in statements:
            statement.text = self._text(statement.span)
            statement.extra_spans = self.footnotes.texts_marked_in(statement.span)
        self._assign_ids(statements)
        return statements

    def _heading(self, unit: _Unit) -> None:
        printed = " ".join(self.plain[unit.span.start:unit.span.end].split())
        text = _unnumbered(printed)
        token = session_token(text)
        if token:
            self.session = self._session(token, printed, unit.span)
            self.mode, self.voice = ACCOUNT, None
        elif DISCUSSION_HEADING.match(text):
            self.mode, self.voice = DISCUSSION, None
        elif SEMINAR_SECTION.match(text) or _capitals(text):
            self.session, self.mode, self.voice = None, ACCOUNT, None  # a section of the whole seminar

    def _session(self, token: SessionToken, label: str, span: Span | None) -> Session:
        if token not in self.sessions:
            suffix = f"session/{token.number}" if token.kind == "session" else token.kind
            label = re.sub(r"[^\w”’\")]+$", "", label)
            self.sessions[token] = Session(
                key=f"{self.seminar.key}/{suffix}", kind=SessionKind.SEMINAR_SESSION, label=label,
                date=self.seminar.date, parent=self.seminar.key,
                number=str(token.number) if token.kind == "session" else None, span=span,
            )
        return self.sessions[token]

    @property
    def _token(self) -> SessionToken | None:
        return next((t for t, s in self.sessions.items() if s is self.session), None)

    def _statement(self, unit: _Unit) -> Statement:
        start = unit.span.start
        if unit.number is not None:
            start = NUMBERED.search(self.plain, start).end()  # type: ignore[union-attr]
        voice, as_printed = self._attribute(start, unit.span.end)
        return Statement(
            local_id="", span=unit.span, text="", paragraph_number=unit.number,
            speaker=replace(voice.speaker) if voice else None, speaker_as_printed=as_printed,
            role=voice.role if voice else None, on_behalf_of=replace(voice.on_behalf_of) if voice and voice.on_behalf_of else None,
            session=(self.session or self.seminar).key,
        )

    def _attribute(self, start: int, end: int) -> tuple[_Voice | None, str | None]:
        """Who speaks in the paragraph at ``plain[start:end]``, and how the text says so."""
        text = self.plain
        while start < end and text[start].isspace():
            start += 1
        first_sentence = re.search(r"[.;:](?:\s|$)", text[start:min(end, start + 160)])
        limit = start + (first_sentence.start() if first_sentence else min(end - start, 160))
        candidates = [start] + [start + m.end() for m in re.finditer(r",\s+", text[start:limit])]
        for at in candidates:
            chair = CHAIR_REFERENCE.match(text, at, end)
            if chair:
                return self._chair(chair, end), " ".join(text[at:self._phrase_end(chair.end(), end)].split())
            person = person_at(text, at, end) or (self._unaddressed_person(at, end) if at == start else None)
            if person:
                phrase = introduced(person)
                return self._person(person), " ".join(text[phrase.start:phrase.end].split())
            representative = REPRESENTATIVE.match(text, at, end)
            if representative:
                return self._representative(representative), " ".join(representative.group().split())
            participants = PARTICIPANTS.match(text, at, end)
            if participants:
                return self._participants(Span(participants.start(), participants.end())), None
            pronoun = PRONOUN.match(text, at, end)
            if pronoun and self.voice:
                return self.voice, pronoun.group()
        if self.mode == DISCUSSION:
            return self._participants(None), None
        return self.voice, None

    def _unaddressed_person(self, at: int, end: int) -> PersonPhrase | None:
        """"Bacre Waly Ndiaye, Director, …, opened": a name without a form of address counts
        only when a title follows it."""
        person = person_at(self.plain, at, end, require_honorific=False)
        if person is None or person.descriptor is None or not looks_like_person(person.name):
            return None
        first = self.plain[person.descriptor.start:person.descriptor.end].split(",")[0].lower().split()
        return person if set(first) & TITLE_WORDS else None

    def _representative(self, match: re.Match[str]) -> _Voice:
        """"The representative of Mexico said": the State or organization speaks, through someone unnamed."""
        speaker = self.mentions.organization(Span(match.start("for"), match.end("for")))
        self.voice = _Voice(speaker, "Representative", replace(speaker))
        return self.voice

    def _phrase_end(self, after_title: int, end: int) -> int:
        named = re.match(r",\s+", self.plain[after_title:end])
        if named:
            person = person_at(self.plain, after_title + named.end(), end)
            if person:
                return person.descriptor.end if person.descriptor else person.label.end
        return after_title

    def _chair(self, reference: re.Match[str], end: int) -> _Voice | None:
        role = role_title(reference["title"])
        named = re.match(r",\s+", self.plain[reference.end():end])
        person = person_at(self.plain, reference.end() + named.end(), end) if named else None
        presiding = self._presiding_key()
        if person:
            voice = self._person(person, role=role, session_key=presiding)
            self.chairs[presiding] = voice
            return voice
        voice = (self.chairs.get(self.session.key if self.session else self.seminar.key)
                 or self._programme_chair() or self.chairs.get(self.seminar.key))
        if voice is None:
            self.notes.append(f"line {self.source.line_of(reference.start())}: '{reference.group()}' names no one and no chair is known")
            return None
        self.voice = _Voice(voice.speaker, role, voice.on_behalf_of)
        return self.voice

    def _presiding_key(self) -> str:
        """Whom a chair named here presides over: the seminar, when named outside the numbered sessions."""
        if self.session is None or self._token == OPENING:
            return self.seminar.key
        return self.session.key

    def _programme_chair(self) -> _Voice | None:
        """The person the programme names to chair or moderate the current session."""
        token = self._token
        for entry in self.programme.announced:
            if token and entry.token == token and entry.role in ("Chair", "Moderator") and entry.actor.kind is ActorKind.PERSON:
                return _Voice(replace(entry.actor), entry.role, replace(entry.affiliation) if entry.affiliation else None)
        return None

    def _person(self, phrase: PersonPhrase, role: str | None = None, session_key: str | None = None) -> _Voice:
        speaker = self.mentions.person(phrase)
        affiliation, position = self.mentions.described(phrase)
        key = fold(speaker.full_name or phrase.name)
        if role is None:
            role = self._role(key)
            if role in ("Chair", "Moderator") and session_key is None:
                session_key = self._presiding_key()
        if affiliation is None:  # introduced earlier in the document with an affiliation
            earlier = next((p for (k, _, _), p in self.participations.items() if k == key and p.affiliation), None)
            affiliation = replace(earlier.affiliation) if earlier and earlier.affiliation else None
        session = session_key or (self.session or self.seminar).key
        self._participate(Participation(speaker, role, session, affiliation, position, introduced(phrase)))
        self.voice = _Voice(speaker, role, affiliation)
        return self.voice

    def _participants(self, span: Span | None) -> _Voice:
        self.voice = _Voice(ActorMention("Participants", ActorKind.GROUP, span), "Participant")
        return self.voice

    def _role(self, person_key: str) -> str:
        token = self._token
        listed = next((a.role for a in self.programme.announced
                       if a.token == token and fold(a.actor.full_name or a.actor.label) == person_key), None)
        if listed:
            return listed
        for chair in (self.chairs.get((self.session or self.seminar).key), self.chairs.get(self.seminar.key)):
            if chair and fold(chair.speaker.full_name or chair.speaker.label) == person_key:
                return chair.role
        if self.mode == DISCUSSION or self.session is None:
            return "Participant"
        return "Keynote speaker" if token == OPENING else "Panelist"

    def _participate(self, participation: Participation) -> None:
        actor = participation.actor
        key = (fold(actor.full_name or actor.label), participation.role, participation.session or "")
        known = self.participations.get(key)
        if known is None:
            self.participations[key] = participation
            return
        known.affiliation = known.affiliation or participation.affiliation
        known.position = known.position or participation.position

    def _role_line(self, unit: _Unit) -> bool:
        """"Chair: Ms. X, Title, Organization" under a session heading: a participation, not a statement."""
        text = self.plain[unit.span.start:unit.span.end].strip()
        match = ROLE_LINE.match(text)
        if match is None or len(text) > 300 or "\n" in text:
            return False
        printed = self.plain[unit.span.start:unit.span.end]
        offset = unit.span.start + len(printed) - len(printed.lstrip())
        announced = announced_on(match, offset, self.mentions, self._token)
        for entry in announced:
            self._participate(Participation(entry.actor, entry.role, (self.session or self.seminar).key,
                                            entry.affiliation, entry.position, entry.span))
            if entry.role in ("Chair", "Moderator") and entry.actor.kind is ActorKind.PERSON:
                self.chairs[(self.session or self.seminar).key] = _Voice(entry.actor, entry.role, entry.affiliation)
        return bool(announced)

    def _text(self, span: Span) -> str:
        text = clean_lines(self.plain[span.start:span.end])
        return NUMBERED.sub("", text, count=1).lstrip() if NUMBERED.match(text) else text

    def _assign_ids(self, statements: list[Statement]) -> None:
        seen: dict[str, int] = {}
        for statement in statements:
            base = str(statement.paragraph_number) if statement.paragraph_number is not None else f"p-{iris.digest(statement.text)}"
            seen[base] = seen.get(base, 0) + 1
            statement.local_id = base if seen[base] == 1 else f"{base}-{seen[base]}"
            if seen[base] > 1 and statement.paragraph_number is not None:
                self.notes.append(f"paragraph {base} is numbered twice (line {self.source.line_of(statement.span.start)})")

    # --- the programme ----------------------------------------------------------------

    def _adopt_programme(self, programme: Programme) -> None:
        """Sessions, times and participations the programme adds to what the body says."""
        for token, (label, span) in programme.labels.items():
            if token not in self.sessions:
                self._session(token, label, span)
        times = [t for values in programme.times.values() for t in values]
        if times:
            self.seminar.start_time, self.seminar.end_time = min(times), max(times)
        for token, values in programme.times.items():
            if token in self.sessions:
                self.sessions[token].start_time, self.sessions[token].end_time = min(values), max(values)
        for entry in programme.announced:
            session = self.sessions[entry.token].key if entry.token in self.sessions else self.seminar.key
            if entry.actor.kind is ActorKind.ORGANIZATION and self._named_chair_from(session, entry.actor):
                continue  # the body names the person who moderated for that organization
            self._participate(Participation(entry.actor, entry.role, session, entry.affiliation, entry.position, entry.span))

    def _named_chair_from(self, session: str, organization: ActorMention) -> bool:
        wanted = _organization_keys(organization.label)
        return any(
            p.session == session and p.role in ("Chair", "Moderator") and p.affiliation
            and wanted & _organization_keys(p.affiliation.label)
            for p in self.participations.values()
        )


def _heading_with_colon(text: str) -> bool:
    """"DISCUSSION:", "Session 2:" — a heading printed with a colon, not a sentence introducing a list."""
    if not text.endswith(":") or len(text.split()) > 8:
        return False
    bare = _unnumbered(text[:-1].strip())
    return bool(session_token(bare) or DISCUSSION_HEADING.fullmatch(bare) or SEMINAR_SECTION.match(bare) or _capitals(bare))


def _unnumbered(heading: str) -> str:
    """"II. SESSION 1: …" → "SESSION 1: …"; "B. Discussion" → "Discussion"."""
    return re.sub(r"^(?:[IVXL]+|[A-Z]|\d{1,2})[.)]\s+", "", heading)


def _capitals(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return bool(letters) and sum(c.isupper() for c in letters) >= 0.8 * len(letters)


def _organization_keys(label: str) -> set[str]:
    """Forms under which an organization may be printed: its name and its acronym."""
    keys = {fold(re.sub(r"\s*\([^()]*\)\s*$", "", label))}
    acronym = re.search(r"\(([^()]+)\)\s*$", label)
    if acronym:
        keys.add(fold(acronym[1]))
    return keys


def ends_with_colon(text: str, span: Span) -> bool:
    return text[span.start:span.end].rstrip().endswith(":")
