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
* footnotes exported inline (``[footnoteRef:2]`` and ``[2: …]``, see :mod:`graph.parse.shared.footnotes`);
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
  are the group "Participants".  Paragraphs outside the sessions that name no one (an
  introduction, the report's own account) have no speaker.
* A short form of a name ("Mr. Ndiaye", even "Mr. Rhus" for "Mr. Ruhs") is the one
  person the document names in full that way; ``full_name`` carries the full form.
* Role: the programme's for that person and session (Panelist, Moderator); otherwise
  "Chair"/"Moderator" as the text says, "Participant" in a discussion or outside
  sessions, "Keynote speaker" in an opening session, "Panelist" in a numbered session.
* On behalf of: the organization the person is introduced with (their affiliation).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace

from graph import content_keys
from graph.documents import Source, Span
from graph.parse.base import GenreReader
from graph.parse.genre_cues import SEMINAR_SUMMARY_CUES
from graph.parse.shared.event_dates import date_told_of_event
from graph.parse.shared.footnotes import Footnotes, find_footnotes, footnote_statements
from graph.parse.shared.keys import UniqueIds, session_key
from graph.parse.shared.layout import clean_lines
from graph.parse.shared.markup import laid_out, plain_text
from graph.parse.shared.mentions import Mentions, introduced
from graph.content_keys import fold
from graph.parse.shared.names import trailing_parenthesis
from graph.parse.shared.people import TITLE_WORDS, PersonPhrase, looks_like_person, person_at
from graph.parse.shared.programme import (
    OPENING, ROLE_LINE, Programme, SessionToken, announced_on, read_programme, role_title, session_token,
)
from graph.parse.shared.reported_speech import voice_of
from graph.parse.seminar_summary.narrative import narrative_summary
from graph.parse.seminar_summary.layout import (
    ANNEX_LINE, DISCUSSION_HEADING, NUMBERED, SEMINAR_SECTION, Unit, capitals, read_header, read_units, unnumbered,
)
from graph.records import (
    ActorKind, ActorMention, DocumentKind, ParsedDocument, Participation, Session, SessionKind, Statement,
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
ACCOUNT, DISCUSSION = "account", "discussion"


@dataclass
class _Voice:
    """Who speaks in a statement, carried over to paragraphs that continue it."""

    speaker: ActorMention
    role: str
    on_behalf_of: ActorMention | None = None


class SeminarSummaryReader(GenreReader):
    kind = DocumentKind.SEMINAR_SUMMARY

    cues = SEMINAR_SUMMARY_CUES

    def read(self, source: Source) -> ParsedDocument:
        if told_in_numbered_paragraphs(source):
            return _SummaryReading(source).read()
        return narrative_summary(source)


def told_in_numbered_paragraphs(source: Source) -> bool:
    """A secretariat's account in numbered paragraphs (or with a programme annexed), rather than a summary told in
    unnumbered paragraphs (:mod:`graph.parse.seminar_summary.narrative`): two numbered paragraphs are enough to
    tell, on an opening as on a whole document — not the numbered entries of a list a sentence introduces
    ("The recommendations were:" / "1. Strengthen …")."""
    layout = laid_out(source, find_footnotes(source))
    plain = plain_text(layout)
    numbered = 0
    in_list = False
    for unit in read_units(layout, plain, 0, len(layout)):
        if unit.number is None:
            in_list = ends_with_colon(plain, unit.span)
        elif not in_list and unit.kind == "paragraph":
            numbered += 1
    return numbered >= 2 or ANNEX_LINE.search(layout) is not None


class _SummaryReading:
    """One pass over one summary; the state is what a reader keeps in mind while reading."""

    def __init__(self, source: Source) -> None:
        self.source = source
        self.footnotes: Footnotes = find_footnotes(source)
        self.layout = laid_out(source, self.footnotes)
        self.plain = plain_text(self.layout)
        self.mentions = Mentions(source, self.plain)
        self.notes: list[str] = []
        self.participations: dict[tuple[str, str, str], Participation] = {}
        self.chairs: dict[str, _Voice] = {}
        self.sessions: dict[SessionToken, Session] = {}

    # --- the document as a whole ------------------------------------------------------

    def read(self) -> ParsedDocument:
        annex = ANNEX_LINE.search(self.layout)
        body_end = annex.start() if annex else len(self.layout)
        programme = read_programme(self.plain, body_end, self.mentions) if annex else Programme()
        header = read_header(self.source, self.plain, body_end)
        units = header.role_lines + read_units(self.layout, self.plain, header.end, body_end)
        date = header.date
        if date is None:  # told in the first paragraphs instead: "The seminar, held on 8 October 2009, …"
            told = (date_told_of_event(self.plain, u.span.start, u.span.end) for u in units[:6] if u.kind == "paragraph")
            found = next((dated for dated in told if dated is not None), None)
            date = found.date if found else None
        if date is None:
            # Not a date the text gives anything else (a later forum's): the seminar is left undated (issue 11, point 3).
            self.notes.append("the summary prints no date for its seminar: the seminar is left undated")
        organizer = self._organizer([Span(0, header.end), *(u.span for u in units[:4])])
        self.seminar = Session(
            key=session_key(organizer, date, header.title, self.source.stem), kind=SessionKind.SEMINAR,
            label=header.title, date=date, place=header.place, organizer=organizer, span=header.title_span,
        )
        self.programme = programme
        statements = self._walk(units)
        if not statements:
            raise GenreReader.fail(self.source, header.end, "no paragraphs found in the summary")
        self._adopt_programme(programme)
        statements += footnote_statements(self.source, self.footnotes, statements)
        for mark in self.footnotes.unmatched_marks():
            self.notes.append(f"footnote mark {mark.label} (line {self.source.line_of(mark.span.start)}) has no note text")
        return ParsedDocument(
            # The summary's own date of issue is not printed (the seminar's date is the session's).
            source=self.source, kind=DocumentKind.SEMINAR_SUMMARY, title=header.title, date=None, body=organizer,
            sessions=[self.seminar, *self.sessions.values()], statements=statements,
            participations=list(self.participations.values()), notes=self.notes,
        )

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

    # --- the body -------------------------------------------------------------------------

    def _walk(self, units: list[Unit]) -> list[Statement]:
        statements: list[Statement] = []
        self.session: Session | None = None
        self.mode = ACCOUNT
        self.voice: _Voice | None = None
        previous: Unit | None = None
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
        self._assign_ids(statements)
        return statements

    def _heading(self, unit: Unit) -> None:
        printed = " ".join(self.plain[unit.span.start:unit.span.end].split())
        text = unnumbered(printed)
        token = session_token(text)
        if token:
            self.session = self._session(token, printed, unit.span)
            self.mode, self.voice = ACCOUNT, None
        elif DISCUSSION_HEADING.match(text):
            self.mode, self.voice = DISCUSSION, None
        elif SEMINAR_SECTION.match(text) or capitals(text):
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

    def _statement(self, unit: Unit) -> Statement:
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
        reported = voice_of(text, start, end)  # "In her opening statement, the Deputy High Commissioner, Ms. X, said"
        if reported is not None and reported.person is not None:
            phrase = introduced(reported.person)
            return self._person(reported.person), " ".join(text[phrase.start:phrase.end].split())
        if self.mode == DISCUSSION:
            return self._participants(None), None
        # A presentation goes on over paragraphs that name no one; outside the seminar's sessions (an introduction,
        # a report's own account) such a paragraph is the summary's own, not the last person's named.
        return (self.voice if self.session is not None else None), None

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
        presiding_voice = (self.chairs.get(self.session.key if self.session else self.seminar.key)
                           or self._programme_chair() or self.chairs.get(self.seminar.key))
        if presiding_voice is None:
            self.notes.append(f"line {self.source.line_of(reference.start())}: '{reference.group()}' names no one and no chair is known")
            return None
        self.voice = _Voice(presiding_voice.speaker, role, presiding_voice.on_behalf_of)
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

    def _role_line(self, unit: Unit) -> bool:
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
        unique = UniqueIds()
        for statement in statements:
            base = str(statement.paragraph_number) if statement.paragraph_number is not None else f"p-{content_keys.digest(statement.text)}"
            statement.local_id = unique(base)
            if statement.local_id != base and statement.paragraph_number is not None:
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


def _organization_keys(label: str) -> set[str]:
    """Forms under which an organization may be printed: its name and its acronym."""
    name, acronym = trailing_parenthesis(label)
    return {fold(name), fold(acronym)} if acronym else {fold(name)}


def ends_with_colon(text: str, span: Span) -> bool:
    return text[span.start:span.end].rstrip().endswith(":")
