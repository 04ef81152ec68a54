"""The general reader: any document of prose that no genre reader is sure of (issue 11, point 2).

A press release, a record of decisions, a report's summary, a programme, or a document of a
known genre whose reader cannot follow its layout, is still read for what a researcher looks
up in it:

* its paragraphs (:mod:`graph.parse.paragraphs`), each a statement, numbered where the text
  numbers them; headings, notes in parentheses, and the lines that only time a meeting ("The
  meeting was called to order at 10 a.m.") are not statements;
* its date of issue and the date of the meeting or event it is about
  (:mod:`graph.parse.event_dates`); the event becomes a session only when the text dates it;
* who speaks in each paragraph, only where the text says so (:mod:`graph.parse.reported_speech`).
  "The Chair" is whoever the header's "Chair:" line names.  In a record of a meeting's speeches
  (it prints a presiding officer's line, or the meeting being called to order) a paragraph that
  names no speaker goes on with the last one, as records are written; anywhere else it is the
  document's own narrative, attributed to the document's author (``prov:wasAttributedTo``), never
  to the last person named;
* the persons and organizations each paragraph names (:mod:`graph.parse.named_actors`);
* citations of provisions and mentions of instruments are found afterwards for every statement of
  every document (:mod:`graph.extract.citations`), so this reader needs nothing of its own for them.
"""
from __future__ import annotations

import re

from graph import iris
from graph.documents import Source, Span
from graph.parse.base import GenreReader
from graph.parse.event_dates import event_date, issue_date
from graph.parse.footnotes import find_footnotes
from graph.parse.genre_cues import PRESIDING_LINE, PROCEDURE, PROSE_CUES
from graph.parse.keys import UniqueIds, session_key
from graph.parse.markup import laid_out, plain_text
from graph.parse.mentions import Mentions
from graph.parse.named_actors import named_actors
from graph.parse.paragraphs import Block, read_blocks, words_start
from graph.parse.reported_speech import Voice, voice_of
from graph.parse.speakers import read_named_person
from graph.records import (
    ActorKind, ActorMention, DocumentKind, ParsedDocument, Participation, Session, SessionKind, Statement,
)

# Header lines that belong to the page, not to the document's title.
_FURNITURE = re.compile(
    r"(?:skip\s+to\b|pasar\s+al\b|aller\s+au\b|help\s+improve\b|advertisement\b|document\s+\d+$|media\s+cent(?:er|re)$"
    r"|press\s+release$|news$|united\s+nations$|distr\.|original:|contents$)", re.I)
_SYMBOL = re.compile(r"[A-Z][A-Z0-9.\-]*(?:/[A-Z0-9.\-]+)+")
_AUTHOR = re.compile(r"\(?\s*(?:prepared|issued|drafted|submitted|published)\s+by\s+(?:the\s+)?(?P<who>[^()\n]+?)\)?\s*$",
                     re.I)
_JOIN = r"(?:of|for|on|and|the|to|in|OF|FOR|ON|AND|THE|TO|IN)"
_BODY_HEAD = re.compile(
    rf"(?:the\s+)?(?:[A-Z][\w’'\-]*\s+(?:{_JOIN}\s+)*)*"
    r"(?:Committee|Council|Commission|Assembly|Board|Body|Office|Organization|Organisation|Network|Secretariat"
    r"|COMMITTEE|COUNCIL|COMMISSION|ASSEMBLY|BOARD|OFFICE|ORGANIZATION|NETWORK)"
    rf"(?:\s+(?:{_JOIN}\s+)*[A-Z][\w’'\-]*)*(?:\s+\([A-Z][\w\-]*\))?")
_EVENT = re.compile(r"\b(?:meeting|seminar|workshop|panel|discussion|conference|symposium|consultation|forum"
                    r"|dialogue|event|round\s*table|debate)s?\b", re.I)
_CHAIR = re.compile(PRESIDING_LINE.pattern + r"\s*", re.I)


class ProseReader(GenreReader):
    kind = DocumentKind.PROSE_DOCUMENT
    cues = PROSE_CUES

    def read(self, source: Source) -> ParsedDocument:
        return _ProseReading(source).read()


class _ProseReading:
    """One pass over one document: its header, its paragraphs, who speaks in each."""

    def __init__(self, source: Source) -> None:
        self.source = source
        self.plain = plain_text(laid_out(source, find_footnotes(source)))
        self.mentions = Mentions(source, self.plain)
        self.blocks = read_blocks(self.plain)

    def read(self) -> ParsedDocument:
        paragraphs = [block for block in self.blocks if block.kind == "paragraph" and not self._procedure(block)]
        if not paragraphs:
            raise GenreReader.fail(self.source, len(self.source.text), "no paragraph of prose found")
        first = self.blocks.index(paragraphs[0])
        header = self.blocks[:first]
        title = self._title(header, paragraphs[0])
        body = self._body(header)
        author = self._author(header)
        issued = issue_date(self.plain, header)
        event = event_date(self.plain, header, paragraphs, issued.date if issued else None)
        sessions: list[Session] = []
        if event is not None:
            # Keyed by the document: a general reading cannot tell whether two documents' events are one.
            label = self._event_title(header) or title
            sessions.append(Session(session_key(None, event.date, label, self.source.stem), SessionKind.MEETING,
                                    label, date=event.date, organizer=body, span=event.span))
        chair = self._chair(header)
        session_key_ = sessions[0].key if sessions else None
        statements = self._statements(paragraphs, chair, session_key_)
        participations = []
        if chair is not None and session_key_:
            participations.append(Participation(chair, "Chair", session_key_, span=chair.span))
        return ParsedDocument(
            source=self.source, kind=DocumentKind.PROSE_DOCUMENT, title=title, symbol=self._symbol(header),
            date=issued.date if issued else None, author=author, body=body, sessions=sessions,
            statements=statements, participations=participations,
        )

    # --- the header ---------------------------------------------------------------------------

    def _procedure(self, block: Block) -> bool:
        """A line that only times the meeting: "The meeting was called to order at 10.05 a.m."."""
        return bool(PROCEDURE.search(block.text)) and len(block.text.split()) <= 16

    def _title(self, header: list[Block], first: Block) -> str:
        for block in header:
            text = block.text
            words = re.findall(r"[^\W\d_]{2,}", text)
            if (len(words) >= 2 and not _FURNITURE.match(text) and not _SYMBOL.fullmatch(text)
                    and not _CHAIR.match(text) and not text.startswith("(")):
                return text
        words = first.text.split()
        return " ".join(words[:12]) + ("…" if len(words) > 12 else "")

    def _event_title(self, header: list[Block]) -> str | None:
        """The header line naming the meeting or event: one naming a meeting, panel, seminar… before one that
        names only a session."""
        for words in (_EVENT, re.compile(r"\bsession\b", re.I)):
            for block in header:
                if words.search(block.text) and not _FURNITURE.match(block.text):
                    return block.text
        return None

    def _symbol(self, header: list[Block]) -> str | None:
        for block in header:
            for line in block.lines:
                if _SYMBOL.fullmatch(line.bare):
                    return line.bare
        return None

    def _body(self, header: list[Block]) -> ActorMention | None:
        """The body that issues the document: a header line that is a body's name ("Human Rights Committee",
        "Special Committee on Migration Issues (CEAM)"), run on over the next line where the export broke it
        ("Committee on the Protection of the Rights of All" / "Migrant Workers and Members of Their Families")."""
        for index, block in enumerate(header):
            if len(block.text.split()) > 16 or not _BODY_HEAD.fullmatch(block.text):
                continue
            span = block.span
            if index + 1 < len(header) and _BODY_HEAD.fullmatch(f"{block.text} {header[index + 1].text}") \
                    and block.text.split()[-1] in {"All", "ALL", "of", "OF", "and", "AND", "for", "FOR", "the", "THE"}:
                span = Span(span.start, header[index + 1].span.end)
            return self.mentions.organization(span)
        return None

    def _author(self, header: list[Block]) -> ActorMention | None:
        for block in header:
            match = _AUTHOR.match(block.text)
            if match:
                line = block.lines[0]
                at = self.plain.find(match["who"], line.start)
                if at >= 0:
                    return self.mentions.organization(Span(at, at + len(match["who"])))
        return None

    def _chair(self, header: list[Block]) -> ActorMention | None:
        """The person a "Chair:" line names ("Chair:Mr. Corzo Sosa", "Chairperson: Ms. BONOAN-DANDAN")."""
        for block in header:
            line = block.lines[0]
            match = _CHAIR.match(line.text)
            if match is None:
                continue
            who = read_named_person(self.plain, line.start + match.end())
            if who is not None and who.person is not None:
                span = Span(who.person.start, who.person.end)
                return ActorMention(self.source.quote(span), ActorKind.PERSON, span)
        return None

    # --- the paragraphs -----------------------------------------------------------------------

    def _statements(self, paragraphs: list[Block], chair: ActorMention | None, session: str | None) -> list[Statement]:
        records_speech = chair is not None or any(PROCEDURE.search(block.text) for block in self.blocks)
        unique = UniqueIds()
        statements: list[Statement] = []
        previous: Statement | None = None
        last_speaking: Statement | None = None  # whom "She added …" refers to
        for block in paragraphs:
            start = words_start(block.lines[0])
            span = Span(start, block.span.end)
            statement = Statement("", span, block.words, paragraph_number=block.number, session=session)
            voice = voice_of(self.plain, span.start, span.end)
            if voice is not None and not voice.continues:
                self._speaks(statement, voice, chair)
            elif voice is not None and last_speaking is not None:
                _goes_on(statement, last_speaking)
            elif previous is not None and records_speech and self._adjacent(previous, block):
                _goes_on(statement, previous)
            leave_out = voice.printed if voice is not None and not voice.continues else None
            statement.mentioned_actors = [
                actor for actor in named_actors(self.plain, span, self.mentions, leave_out)
                if not _same_words(actor, statement.speaker)
            ]
            base = str(block.number) if block.number is not None else f"p-{iris.digest(statement.text)}"
            statement.local_id = unique(base)
            statements.append(statement)
            previous = statement
            if statement.speaker is not None or statement.role is not None:
                last_speaking = statement
        return statements

    def _adjacent(self, previous: Statement, block: Block) -> bool:
        """No heading between the previous paragraph and this one (a new agenda item starts afresh)."""
        between = [b for b in self.blocks if previous.span.end <= b.span.start < block.span.start]
        return not any(b.kind == "heading" for b in between)

    def _speaks(self, statement: Statement, voice: Voice, chair: ActorMention | None) -> None:
        statement.speaker_as_printed = " ".join(self.plain[voice.printed.start:voice.printed.end].split())
        if voice.presiding:
            statement.speaker, statement.role = chair, "Chair"
        elif voice.office is not None:
            label = re.sub(r"^the\s+", "", statement.speaker_as_printed, flags=re.I)
            statement.speaker = ActorMention(label, ActorKind.PERSON, voice.printed)
        elif voice.delegation is not None:
            statement.speaker = self.mentions.organization(voice.delegation)
            statement.on_behalf_of = self.mentions.organization(voice.delegation)
            statement.role = "Representative"
        elif voice.person is not None:
            statement.speaker = self.mentions.person(voice.person, in_full=voice.person.descriptor is not None)
            statement.role = voice.capacity
            if voice.behalf is not None:
                statement.on_behalf_of = self.mentions.organization(voice.behalf)


def _goes_on(statement: Statement, previous: Statement) -> None:
    """A paragraph that continues the previous speaker's statement."""
    statement.speaker, statement.on_behalf_of = previous.speaker, previous.on_behalf_of
    statement.role = previous.role


def _same_words(actor: ActorMention, speaker: ActorMention | None) -> bool:
    return speaker is not None and actor.span is not None and speaker.span is not None \
        and actor.span.start < speaker.span.end and speaker.span.start < actor.span.end

