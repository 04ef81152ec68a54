"""Records → RDF: one named graph per source, holding what that document alone says.

The shape of what is written is documented by example in ``ontology/MODEL.md``;
the shapes in ``shapes/`` check it.  Provenance: every statement, citation and
mention carries NIF offsets into its document (a ``nif:Context`` whose
``nif:isString`` is the source text), so ``nif:anchorOf`` can be checked
against the text itself.

A session, an agenda item, an actor or a participation can be named by any
number of documents, so none of them is described here (``graph.sessions_graph``
and ``graph.actors_graph`` describe each once for the whole corpus): this graph
holds a ``mrkg:Mention`` for each place the document names one, with the words
as printed and their offsets (issue 11, point 1).
"""
from __future__ import annotations

import bisect
import datetime as dt
from typing import Protocol

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, PROV, RDF, RDFS

from graph import iris
from graph.actors_graph import membership_iri
from graph.catalogue import Provision
from graph.catalogue_reader import describe_provision
from graph.documents import Span
from graph.extract.actors import all_mentions
from graph.literals import term
from graph.records import DocumentKind, ParsedDocument, ProvisionRef, Statement, StatementKind, TopicMatch, Translation
from graph.sessions_graph import actor_iri, agenda_item_iri, participation_iri
from graph.titles import short_title, statement_label
from graph.vocab import CITO, MRKG, NIF

LANGUAGE_NAMES = {"fr": "French", "es": "Spanish", "en": "English"}
LABEL_QUOTE = 80  # characters of the printed words a mention's label quotes


class CatalogueLike(Protocol):
    def instrument_iri(self, code: str) -> str: ...
    def provision_iri(self, ref: ProvisionRef) -> str | None: ...
    def drafted(self, ref: ProvisionRef) -> Provision | None: ...


class SourceGraphWriter:
    """Writes one parsed document into its own graph."""

    def __init__(self, document: ParsedDocument, catalogue: CatalogueLike) -> None:
        self.document = document
        self.catalogue = catalogue
        self.stem = document.source.stem
        self.graph = Graph(identifier=URIRef(iris.source_graph(self.stem)))
        self.doc = URIRef(iris.document(self.stem))
        self.source_file = URIRef(iris.source_file(document.source.name))
        self.title = short_title(document.title, document.source.text)
        self.where = document.symbol or self.title
        ordered = sorted(document.statements, key=lambda s: s.span.start)
        self.places = _places(document, ordered)
        self.statement_starts = [s.span.start for s in ordered]
        self.ordered_statements = ordered
        self.mentioned: set[URIRef] = set()

    def add(self, subject: URIRef, predicate: URIRef, value: object) -> None:
        """Add one triple; ``None`` values are skipped so callers stay flat."""
        told = term(value)
        if told is not None:
            self.graph.add((subject, predicate, told))

    def write(self) -> Graph:
        self._document()
        # Footnotes stand beside the flow of statements, not in it: the next paragraph follows the one before.
        flow = [s for s in self.document.statements if s.kind is not StatementKind.FOOTNOTE]
        for index, statement in enumerate(flow):
            before = flow[index - 1] if index else None
            after = flow[index + 1] if index + 1 < len(flow) else None
            self._statement(statement, before, after)
        for statement in self.document.statements:
            if statement.kind is StatementKind.FOOTNOTE:
                self._statement(statement, None, None)
        self._mentions()
        return self.graph

    def _document(self) -> None:
        document, doc = self.document, self.doc
        source = document.source
        self.add(doc, RDF.type, MRKG[str(document.kind)])
        self.add(doc, RDF.type, NIF.Context)
        label = f"{document.symbol}: {self.title}" if document.symbol else self.title
        self.add(doc, RDFS.label, Literal(label, lang="en"))
        self.add(doc, DCTERMS.title, Literal(document.title, lang="en"))
        self.add(doc, MRKG.symbol, document.symbol)
        self.add(doc, DCTERMS.issued, document.date)
        self.add(doc, DCTERMS.language, document.language)
        self.add(doc, DCTERMS.creator, actor_iri(document.author))
        self.add(doc, DCTERMS.publisher, actor_iri(document.body))
        self.add(doc, PROV.wasDerivedFrom, self.source_file)
        self.add(doc, MRKG.sha256, source.sha256)
        self.add(doc, NIF.isString, source.text)
        self.add(doc, NIF.beginIndex, 0)
        self.add(doc, NIF.endIndex, len(source.text))
        self.add(self.source_file, RDF.type, PROV.Entity)
        self.add(self.source_file, RDFS.label, source.name)
        self.add(self.source_file, DCTERMS.format, "text/plain")
        for session in document.sessions:
            # A document records its innermost sessions: the meeting, not the whole session.
            if not any(other.parent == session.key for other in document.sessions):
                self.add(doc, MRKG.records, URIRef(iris.session(session.key)))

    def _statement_iri(self, local_id: str) -> URIRef:
        return URIRef(iris.statement(self.stem, local_id))

    def _statement(self, statement: Statement, before: Statement | None, after: Statement | None) -> None:
        node = self._statement_iri(statement.local_id)
        self.add(node, RDF.type, MRKG[str(statement.kind)] if statement.kind != "Paragraph" else MRKG.Statement)
        speaker = statement.speaker.label if statement.speaker else None
        day = statement.date or _meeting_date(self.document, statement.session)
        label = statement_label(self.where, self.places[statement.local_id], speaker, day)
        self.add(node, RDFS.label, Literal(label, lang="en"))
        self.add(node, MRKG.text, Literal(statement.text))  # a plain string, as the contract and shapes say
        self.add(node, MRKG.paragraphNumber, statement.paragraph_number)
        self.add(node, MRKG.document, self.doc)
        self.add(node, PROV.wasDerivedFrom, self.source_file)
        self.add(node, DCTERMS.date, statement.date)
        if statement.session:
            self.add(node, MRKG.session, URIRef(iris.session(statement.session)))
        speaker_iri = actor_iri(statement.speaker)
        self.add(node, MRKG.speaker, speaker_iri)
        document = self.document
        if speaker_iri is None and (_narrated(document, statement) or statement.kind is StatementKind.FOOTNOTE):
            # A paragraph nobody is said to speak is the document's own narrative (issue 11, points 2 and 3).
            self.add(node, PROV.wasAttributedTo, actor_iri(document.author or document.body))
        for named in statement.mentioned_actors:
            self.add(node, MRKG.mentionsActor, actor_iri(named))
        self.add(node, MRKG.speakerAsPrinted, statement.speaker_as_printed)
        behalf = actor_iri(statement.on_behalf_of)
        self.add(node, MRKG.onBehalfOf, behalf)
        if statement.role:
            self.add(node, MRKG.speakerRole, URIRef(iris.role(statement.role)))
        if statement.speaker and statement.speaker.key:
            self.add(node, MRKG.spokenAs, URIRef(membership_iri(statement, self.document)))
        if statement.in_reply_to:
            self.add(node, MRKG.inReplyTo, self._statement_iri(statement.in_reply_to))
        if statement.duplicate_of:
            self.add(node, MRKG.duplicateOf, self._statement_iri(statement.duplicate_of))
        if statement.note_to:
            self.add(node, MRKG.footnoteTo, self._statement_iri(statement.note_to))
        if before is not None:
            self.add(node, MRKG.previousStatement, self._statement_iri(before.local_id))
        if after is not None:
            self.add(node, MRKG.nextStatement, self._statement_iri(after.local_id))
        self._offsets(node, statement.span)
        for citation in statement.citations:
            provision = self.catalogue.provision_iri(citation.provision)
            if provision is None:
                continue  # reported by the extractor; never invented
            self._reference(node, MRKG.ProvisionCitation, URIRef(provision), citation.span)
            self.add(node, MRKG.cites, URIRef(provision))
            drafted = self.catalogue.drafted(citation.provision)
            if drafted:
                # A paragraph numbered by the drafts is in no catalogue: the graph citing it describes it.
                describe_provision(self.graph, drafted, self.catalogue.instrument_iri(drafted.instrument))
        for mention in statement.mentions:
            instrument = URIRef(self.catalogue.instrument_iri(mention.instrument))
            self._reference(node, MRKG.InstrumentMention, instrument, mention.span)
            self.add(node, MRKG.mentions, instrument)
        for match in statement.topics:
            self._topic_match(node, match)
        for translation in statement.translations:
            self._translation(node, translation)

    def _translation(self, statement: URIRef, translation: Translation) -> None:
        """The statement's words in another language, as the source prints them beside it (issue 14, point 5)."""
        node = URIRef(iris.translation(str(statement), translation.language))
        self.add(statement, MRKG.translation, node)
        self.add(node, RDF.type, MRKG.Translation)
        name = LANGUAGE_NAMES.get(translation.language, translation.language)
        self.add(node, RDFS.label, Literal(f"{self.graph.value(statement, RDFS.label)}, in {name}", lang="en"))
        self.add(node, MRKG.translatedText, Literal(translation.text, lang=translation.language))
        self.add(node, DCTERMS.language, translation.language)
        self._offsets(node, translation.span)

    def _topic_match(self, statement: URIRef, match: TopicMatch) -> None:
        """The statement is about a topic because these words match its labels (issue 13, point 4)."""
        topic = URIRef(iris.topic(match.topic))
        node = URIRef(iris.topic_match(str(statement), match.topic, match.span.start, match.span.end))
        self.add(statement, DCTERMS.subject, topic)
        self.add(node, RDF.type, MRKG.TopicMatch)
        self.add(node, RDFS.label, Literal(f"“{self.document.source.quote(match.span)}” ({match.topic})", lang="en"))
        self.add(node, MRKG.taggedStatement, statement)
        self.add(node, MRKG.topic, topic)
        self.add(node, MRKG.matchMethod, MRKG.LexicalLabelMatch)
        self.add(node, DCTERMS.language, match.lang)
        self._offsets(node, match.span)

    def _reference(self, statement: URIRef, kind: URIRef, cited: URIRef, span: Span) -> None:
        node = URIRef(iris.reference(str(statement), span.start, span.end))
        quote = self.document.source.quote(span)
        self.add(node, RDF.type, kind)
        self.add(node, RDFS.label, Literal(f"“{quote}”", lang="en"))
        self.add(node, CITO.hasCitingEntity, statement)
        self.add(node, CITO.hasCitedEntity, cited)
        self._offsets(node, span)

    def _offsets(self, node: URIRef, span: Span) -> None:
        self.add(node, NIF.beginIndex, span.start)
        self.add(node, NIF.endIndex, span.end)
        self.add(node, NIF.anchorOf, self.document.source.quote(span))
        self.add(node, NIF.referenceContext, self.doc)

    # --- where the document names what other documents can name too ---------------------

    def _mentions(self) -> None:
        document = self.document
        for session in document.sessions:
            self._mention(iris.session(session.key), session.span)
            for item in session.agenda_items:
                self._mention(agenda_item_iri(session, item), item.span)
        for participation in document.participations:
            self._mention(participation_iri(participation, document), participation.span)
        for actor in all_mentions(document):
            self._mention(iris.actor(actor.key) if actor.key else None, actor.span)

    def _mention(self, resource: str | None, span: Span | None) -> None:
        """The words at ``span`` name ``resource``: a node of this document's own, never the resource's."""
        if resource is None or span is None:
            return
        quote = self.document.source.quote(span)
        node = URIRef(iris.mention(self.stem, resource, span.start, span.end))
        if not quote.strip() or node in self.mentioned:
            return
        self.mentioned.add(node)
        words = " ".join(quote.split())
        words = words if len(words) <= LABEL_QUOTE else words[: LABEL_QUOTE - 1] + "…"
        self.add(node, RDF.type, MRKG.Mention)
        self.add(node, RDFS.label, Literal(f"“{words}” in {self.where}", lang="en"))
        self.add(node, MRKG.mentionOf, URIRef(resource))
        self.add(node, NIF.superString, self._statement_around(span))
        self._offsets(node, span)

    def _statement_around(self, span: Span) -> URIRef | None:
        """The statement whose passage holds ``span``, if any (a heading or a chair line is in none)."""
        index = bisect.bisect_right(self.statement_starts, span.start) - 1
        if index < 0:
            return None
        statement = self.ordered_statements[index]
        return self._statement_iri(statement.local_id) if span.end <= statement.span.end else None


def _places(document: ParsedDocument, ordered: list[Statement]) -> dict[str, str]:
    """Where each statement is in its document, as a citation says it: the paragraph number as printed
    ("para. 6" in a document with a symbol, "paragraph 6" otherwise), else its place in reading order
    among statements of its kind ("comment 3", "question 2")."""
    places: dict[str, str] = {}
    counted: dict[StatementKind, int] = {}
    for statement in ordered:
        if statement.note_to:
            continue  # placed by the statement that carries its mark, below
        counted[statement.kind] = counted.get(statement.kind, 0) + 1
        if statement.paragraph_number is not None:
            word = "para." if document.symbol else "paragraph"
            places[statement.local_id] = f"{word} {statement.paragraph_number}"
        else:
            places[statement.local_id] = f"{str(statement.kind).lower()} {counted[statement.kind]}"
    for note in ordered:
        if note.note_to:  # the authors' footnote: "footnote 2 to para. 7"
            places[note.local_id] = (f"footnote {note.local_id.removeprefix('note-')} to "
                                     f"{places.get(note.note_to, note.note_to)}")
    return places


def _meeting_date(document: ParsedDocument, key: str | None) -> dt.date | None:
    """The date of the meeting (or of the session around it) where the statement was made."""
    sessions = {session.key: session for session in document.sessions}
    while key is not None and key in sessions:
        if sessions[key].date is not None:
            return sessions[key].date
        key = sessions[key].parent
    return None


def source_graph(document: ParsedDocument, catalogue: CatalogueLike) -> Graph:
    return SourceGraphWriter(document, catalogue).write()


# Genres told by their author: a paragraph that names no speaker is the author's own account.
_NARRATED = frozenset({DocumentKind.PROSE_DOCUMENT, DocumentKind.SEMINAR_SUMMARY, DocumentKind.CONCEPT_NOTE})


def _narrated(document: ParsedDocument, statement: Statement) -> bool:
    """A paragraph of a narrated genre, or a discussion page's own description of its space — not a question
    or comment whose poster the page does not show (that is unknown, not the site's)."""
    return document.kind in _NARRATED or (
        document.kind == DocumentKind.ONLINE_DISCUSSION and statement.kind == StatementKind.PARAGRAPH)
