"""The general reader: any document of prose that no genre reader is sure of (issue 11, point 2).

A press release, a record of decisions, a report's summary, a programme, or a document of a
known genre whose reader cannot follow its layout, is still read for what a researcher looks
up in it:

* its paragraphs (:mod:`graph.parse.shared.paragraphs`), each a statement, numbered where the text
  numbers them; headings, notes in parentheses, and the lines that only time a meeting ("The
  meeting was called to order at 10 a.m.") are not statements;
* its date of issue and the date of the meeting or event it is about
  (:mod:`graph.parse.shared.event_dates`); the event becomes a session only when the text dates it;
* who speaks in each paragraph, only where the text says so (:mod:`graph.parse.shared.reported_speech`).
  "The Chair" is whoever the header's "Chair:" line names.  In a record of a meeting's speeches
  (it prints a presiding officer's line, or the meeting being called to order) a paragraph that
  names no speaker goes on with the last one, as records are written; anywhere else it is the
  document's own narrative, attributed to the document's author (``prov:wasAttributedTo``), never
  to the last person named;
* the persons and organizations each paragraph names (:mod:`graph.parse.shared.named_actors`);
* citations of provisions and mentions of instruments are found afterwards for every statement of
  every document (:mod:`graph.extract.citations`), so this reader needs nothing of its own for them.
"""
from __future__ import annotations

from graph.documents import Source
from graph.parse.base import GenreReader
from graph.parse.shared.event_dates import event_date, issue_date
from graph.parse.genre_cues import PROCEDURE, PROSE_CUES
from graph.parse.shared.keys import session_key
from graph.parse.shared.narrative import NarrativeReading
from graph.records import DocumentKind, ParsedDocument, Participation, Session, SessionKind


class ProseReader(GenreReader):
    kind = DocumentKind.PROSE_DOCUMENT
    cues = PROSE_CUES

    def read(self, source: Source) -> ParsedDocument:
        return _ProseReading(source).read()


class _ProseReading(NarrativeReading):
    """One pass over one document: its header, its paragraphs, who speaks in each."""

    def read(self) -> ParsedDocument:
        if not self.paragraphs:
            raise GenreReader.fail(self.source, len(self.source.text), "no paragraph of prose found")
        title = self.title()
        body = self.body()
        issued = issue_date(self.plain, self.header)
        event = event_date(self.plain, self.header, self.paragraphs, issued.date if issued else None)
        sessions: list[Session] = []
        if event is not None:
            # Keyed by the document: a general reading cannot tell whether two documents' events are one.
            label = self.event_title() or title
            sessions.append(Session(session_key(None, event.date, label, self.source.stem), SessionKind.MEETING,
                                    label, date=event.date, organizer=body, span=event.span))
        chair = self.chair()
        session = sessions[0].key if sessions else None
        # In a record of a meeting's speeches (a presiding officer's line, or the meeting called to order) a
        # paragraph naming no speaker goes on with the last one, as records are written.
        records_speech = chair is not None or any(PROCEDURE.search(block.text) for block in self.blocks)
        statements = self.statements(chair, lambda block: session, goes_on_unnamed=records_speech)
        participations = []
        if chair is not None and session:
            participations.append(Participation(chair, "Chair", session, span=chair.span))
        return ParsedDocument(
            source=self.source, kind=DocumentKind.PROSE_DOCUMENT, title=title, symbol=self.symbol(),
            date=issued.date if issued else None, author=self.author(), body=body, sessions=sessions,
            statements=statements, participations=participations,
        )
