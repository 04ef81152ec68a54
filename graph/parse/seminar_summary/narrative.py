"""Seminar and panel summaries told without numbered paragraphs: a meeting summary, a news item on a panel,
a meeting report.

The genre, as UN information services, OHCHR pages, agencies' news and networks publish it:

* a page header: furniture (skip links, survey banners, a site's section name such as "Meeting
  Summaries"), the title saying what happened ("Committee … Launches General Comment …", "Panel
  discussion on …", "1st Annual Meeting of …"), sometimes the body and session a report goes to;
* paragraphs, one a block, the first often telling the event ("The Committee … today held a Day of
  General Discussion …"), sometimes after a dateline glued to the repeated title ("…Migration16
  February 2017, New York, USA - Mr. …");
* speakers introduced with name and title ("Fatimata Diallo, Committee Chair, in opening remarks,
  said"), then by surname ("Ms. Diallo said"); by role before name ("The moderator of today's panel
  discussion, Craig Mokhiber, Chief of …, said"); unnamed ("A representative from UNHCR delivered a
  speech. She focused …"); verbs other than "said";
* headings naming a session of the event ("Opening Session"), lists of points under them.

Decisions (the rules a reader of a new summary of this kind relies on):

* One statement per paragraph (:mod:`graph.parse.shared.paragraphs`); a list goes with the sentence that
  introduces it, nested entries with their entry; headings are not statements.
* A speaker only where the text says who speaks (:mod:`graph.parse.shared.reported_speech`); "He"/"She" and a
  verb of saying go on with the last speaker.  Any other paragraph is the summary's own narrative, even
  when it names people: it has no speaker and is attributed to the document's author or publishing
  body, never to the last person named.  "The panel discussion was opened by the High Commissioner",
  "Mr. X chaired a panel": who opened, chaired or moderated is a fact of the meeting (a participation),
  not the paragraph's speaker — unless the paragraph goes on to report their words ("…, who said").
* The event is a seminar (``SessionKind.SEMINAR``) dated by what the text says of the event
  (:mod:`graph.parse.shared.event_dates`): "was held on 21 February 2022", "took place on 4th March 2014", a
  title ending with its date, a press dateline whose story happens "today".  A date printed for
  something else — a later forum "to be held in Manila on …", the session a report goes to, a site's
  stamp — is not the event's; where the text prints none ("today", "this afternoon") the seminar has no
  date rather than a wrong one.
* A heading naming a session of the event opens a session of the seminar; the paragraphs after it are
  in it.
* The organizer is the body the text says held or organized the event, else the body the header names;
  it is the document's body.  Each named speaker takes part in the seminar: "Chair" or "Moderator" where
  the text calls them so, else "Speaker".
"""
from __future__ import annotations

import re
from dataclasses import replace

from graph.documents import Source, Span
from graph.parse.base import GenreReader
from graph.parse.shared.event_dates import event_date, issue_date
from graph.parse.shared.keys import session_key
from graph.parse.shared.narrative import NarrativeReading, is_furniture, without_stamp
from graph.parse.shared.paragraphs import Block
from graph.parse.shared.people import person_at
from graph.parse.shared.programme import role_title, session_token
from graph.parse.shared.reported_speech import Voice, first_sentence_end
from graph.parse.seminar_summary.layout import unnumbered
from graph.records import (
    ActorKind, ActorMention, DocumentKind, ParsedDocument, Participation, Session, SessionKind, Statement,
)

_ORG = r"[A-Z][\w’'&\-]*(?:\s+(?:(?:of|the|for|on|and|&)\s+)*[A-Z][\w’'&\-]*)*(?:\s*\([A-Z][\w&\- ]*\))?"
# "OHCHR organized a panel", "The Committee … today held an event", "The Council during its noon meeting held a
# panel", "organized by the ILO".
_ORGANIZER = re.compile(
    rf"(?i:organi[sz]ed|convened|hosted)\s+by\s+(?:the\s+)?(?P<after>{_ORG})"
    rf"|(?P<before>{_ORG})\s+(?:[a-z][\w-]*\s+){{0,5}}?"  # "… today held", "… during its noon meeting held"
    r"(?:held|organi[sz]ed|convened|hosted|co-organi[sz]ed|opened|concluded|closed|began|launched)\s+(?:a|an|its|the)\b")
# Who opened, chaired or moderated the event: "was opened by the High Commissioner", "Mr. X … chaired today a Panel".
_EVENT_WORD = (r"(?:meeting|seminar|session|panel(?:\s+discussion)?|discussion|workshop|consultation|dialogue|event"
               r"|conference|forum|debate|round\s*table|launch)")
_OPENED_BY = re.compile(
    rf"\b{_EVENT_WORD}\s+was\s+(?P<verb>opened|chaired|moderated|facilitated|presided\s+over|closed)\s+by\s+", re.I)
_CHAIRED = re.compile(
    rf"\s+(?P<verb>chaired|moderated|facilitated|opened|closed)\s+(?:(?:today|yesterday)\s+)?(?:a|an|the)\s+"
    rf"(?:[\w-]+\s+){{0,4}}?{_EVENT_WORD}\b", re.I)
_OFFICE = re.compile(r"(?:the\s+)?(?P<office>(?:Deputy\s+)?High\s+Commissioner|Secretary-General|President|Chair(?:person)?"
                     r"|Director(?:-General)?|Special\s+Rapporteur)(?:\s+(?:of|for)\s+(?:the\s+)?" + _ORG + ")?")
_MEETING_OFFICE = re.compile(r"\b(?:chair(?:person|man|woman)?|moderator|facilitator|co-chair)\b", re.I)
# The office a speaker is introduced by, printed right before the name: "The moderator of today's panel,",
# "Committee Chairperson" (not "Responding to the Chair's questions,").
_INTRODUCED_AS = re.compile(r"(?:the\s+)?(?:[\w’'-]+\s+){0,2}?(?P<office>chair(?:person|man|woman)?|moderator|facilitator"
                            r"|co-chair)\b(?![’']s)", re.I)
_ROLES = {"opened": "Opening speaker", "closed": "Closing speaker", "chaired": "Chair", "presided over": "Chair",
          "moderated": "Moderator", "facilitated": "Moderator"}


def narrative_summary(source: Source) -> ParsedDocument:
    """A seminar summary told in unnumbered paragraphs (see the module)."""
    return _NarrativeSummary(source).read()


class _NarrativeSummary(NarrativeReading):
    def read(self) -> ParsedDocument:
        if not self.paragraphs:
            raise GenreReader.fail(self.source, len(self.source.text), "no paragraphs found in the summary")
        title = self.title()
        organizer = self._organizer()
        issued = issue_date(self.plain, self.header)
        event = event_date(self.plain, self.header, self.paragraphs, issued.date if issued else None)
        label = self.event_title(sessions=False) or title
        self.seminar = Session(
            key=session_key(organizer, event.date if event else None, label, self.source.stem),
            kind=SessionKind.SEMINAR, label=label, date=event.date if event else None, organizer=organizer,
            span=event.span if event else self._title_span(title),
        )
        self.sessions = self._sessions()
        self.presiding: ActorMention | None = None
        statements = self.statements(None, self._session_of, goes_on_unnamed=False)
        notes = [] if event else ["the summary prints no date for its event: the seminar is left undated"]
        return ParsedDocument(
            source=self.source, kind=DocumentKind.SEMINAR_SUMMARY, title=title, symbol=self.symbol(),
            date=issued.date if issued else None, author=self.author(), body=organizer,
            sessions=[self.seminar, *self.sessions.values()], statements=statements,
            participations=self._participations(statements), notes=notes,
        )

    def speaks(self, statement: Statement, voice: Voice, chair: ActorMention | None) -> None:
        """As the general reader; the role is the office the speaker is introduced with where it is one a meeting
        gives ("Fatimata Diallo, Committee Chair, …", "The moderator of today's panel, Craig Mokhiber, …")."""
        super().speaks(statement, voice, chair or self.presiding)
        if statement.role is not None or statement.speaker is None:
            return
        named_at = voice.person.label.start if voice.person is not None else voice.printed.start
        before = self.plain[statement.span.start:named_at].split(",")[-2:]  # "The moderator of today's panel, X"
        described = self.plain[voice.person.descriptor.start:voice.person.descriptor.end] \
            if voice.person is not None and voice.person.descriptor is not None else ""
        office = next((found for found in (*(_INTRODUCED_AS.match(part.strip()) for part in before),
                                           _MEETING_OFFICE.search(described), _MEETING_OFFICE.search(voice.office or ""))
                       if found), None)
        if office:
            statement.role = role_title(office.group("office") if "office" in office.re.groupindex else office.group())
            if statement.role == "Chair" and statement.speaker.kind is ActorKind.PERSON:
                self.presiding = statement.speaker  # whom "the Chairperson" stands for from here on

    def _title_span(self, title: str) -> Span | None:
        for block in self.header:
            if without_stamp(block.text) == title:
                return block.span
        return None

    def _organizer(self) -> ActorMention | None:
        """Who held the event, as the first paragraphs say; else the body the header names."""
        for block in self.paragraphs[:3]:
            match = _ORGANIZER.search(self.plain, block.span.start, block.span.end)
            if match:
                group = "after" if match["after"] else "before"
                start, end = match.start(group), match.end(group)
                words = self.plain[start:end].split()
                if words[0] in ("The", "the") and len(words) > 1:
                    start = self.plain.index(words[1], start)
                return self.mentions.organization(Span(start, end))
        return self.body()

    # --- sessions of the event --------------------------------------------------------------

    def _sessions(self) -> dict[int, Session]:
        """A session of the seminar for each heading after the first paragraph that names one ("Opening Session")."""
        sessions: dict[int, Session] = {}
        first = self.paragraphs[0].span.start
        for block in self.blocks:
            if block.kind != "heading" or block.span.start < first or is_furniture(block.text):
                continue
            token = session_token(unnumbered(block.text))
            if token is None:
                continue
            suffix = f"session/{token.number}" if token.kind == "session" else token.kind
            sessions[block.span.start] = Session(
                key=f"{self.seminar.key}/{suffix}", kind=SessionKind.SEMINAR_SESSION, label=block.text,
                date=self.seminar.date, parent=self.seminar.key,
                number=str(token.number) if token.kind == "session" else None, span=block.span)
        return sessions

    def _session_of(self, block: Block) -> str:
        opened = [start for start in self.sessions if start < block.span.start]
        return self.sessions[max(opened)].key if opened else self.seminar.key

    # --- who took part ------------------------------------------------------------------------

    def _participations(self, statements: list[Statement]) -> list[Participation]:
        """Speakers take part in their session; who opened, chaired or moderated the event, as the text says."""
        taken: dict[tuple[str, str, str], Participation] = {}

        def take(actor: ActorMention, role: str, session: str, span: Span | None) -> None:
            taken.setdefault((actor.full_name or actor.label, role, session),
                             Participation(replace(actor), role, session, span=span))

        for block in self.paragraphs:
            for actor, role, span in self._meeting_roles(block):
                take(actor, role, self._session_of(block), span)
        speaking = [s for s in statements if s.speaker is not None and s.session is not None]
        for statement in sorted(speaking, key=lambda s: s.role is None):  # a role the text gives comes first
            speaker = statement.speaker
            assert speaker is not None and statement.session is not None
            known = any(name == (speaker.full_name or speaker.label) and session == statement.session
                        for name, _, session in taken)
            if statement.role is not None or not known:
                take(speaker, statement.role or "Speaker", statement.session, speaker.span)
        return list(taken.values())

    def _meeting_roles(self, block: Block) -> list[tuple[ActorMention, str, Span]]:
        """"The panel discussion was opened by the High Commissioner", "Mr. Nikhil Seth, … chaired today a Panel"."""
        found: list[tuple[ActorMention, str, Span]] = []
        for match in _OPENED_BY.finditer(self.plain, block.span.start, block.span.end):
            actor = self._named_at(match.end(), block.span.end)
            if actor is not None and actor.span is not None:
                found.append((actor, _ROLES[" ".join(match["verb"].lower().split())], actor.span))
        for match in _CHAIRED.finditer(self.plain, block.span.start, block.span.end):
            sentence = block.span.start
            while (following := first_sentence_end(self.plain, sentence, match.start())) < match.start():
                sentence = following + 1
            dateline = re.search(r"\s[-–—]\s+(?=[A-Z])", self.plain[sentence:match.start()])
            actor = self._named_at(sentence + (dateline.end() if dateline else 0), match.start())
            if actor is not None and actor.span is not None:
                found.append((actor, _ROLES[match["verb"].lower()], actor.span))
        return found

    def _named_at(self, at: int, end: int) -> ActorMention | None:
        """A person under a form of address, or an office ("the High Commissioner"), at ``at``."""
        person = person_at(self.plain, at, end)
        if person is not None:
            return self.mentions.person(person, in_full=person.descriptor is not None)
        office = _OFFICE.match(self.plain, at, end)
        if office is not None:
            span = Span(office.start("office"), office.end())
            return ActorMention(" ".join(self.plain[span.start:span.end].split()), ActorKind.PERSON, span)
        return None
