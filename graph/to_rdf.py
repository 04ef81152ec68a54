"""Records → RDF: one named graph per source, plus the actors' graph.

The shape of what is written is documented by example in ``ontology/MODEL.md``;
the shapes in ``shapes/`` check it.  Provenance: every statement, citation and
mention carries NIF offsets into its document (a ``nif:Context`` whose
``nif:isString`` is the source text), so ``nif:anchorOf`` can be checked
against the text itself.
"""
from __future__ import annotations

import datetime as dt
from typing import Iterable, Protocol

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, ORG, OWL, PROV, RDF, RDFS, SKOS, XSD

from graph import iris
from graph.documents import Span
from graph.extract.actors import Actor
from graph.records import (
    ActorMention, DocumentKind, ParsedDocument, Participation, ProvisionRef, Session, Statement, StatementKind,
)
from graph.vocab import CITO, MRKG, NIF

ACTORS_GRAPH = iris.ID + "graph/actors"


class CatalogueLike(Protocol):
    def instrument_iri(self, code: str) -> str: ...
    def provision_iri(self, ref: ProvisionRef) -> str | None: ...


def _date(value: dt.date) -> Literal:
    return Literal(value.isoformat(), datatype=XSD.date)


def _time(value: dt.time) -> Literal:
    return Literal(value.strftime("%H:%M:%S"), datatype=XSD.time)


class SourceGraphWriter:
    """Writes one parsed document into its own graph."""

    def __init__(self, document: ParsedDocument, catalogue: CatalogueLike) -> None:
        self.document = document
        self.catalogue = catalogue
        self.graph = Graph(identifier=URIRef(iris.source_graph(document.source.stem)))
        self.doc = URIRef(iris.document(document.source.stem))
        self.source_file = URIRef(iris.source_file(document.source.name))
        self.participations: set[URIRef] = set()

    def add(self, subject: URIRef, predicate: URIRef, value: object) -> None:
        """Add one triple; ``None`` values are skipped so callers stay flat."""
        if value is None:
            return
        if isinstance(value, (URIRef, Literal)):
            term = value
        elif isinstance(value, dt.date):
            term = _date(value)
        elif isinstance(value, dt.time):
            term = _time(value)
        elif isinstance(value, bool):
            term = Literal(value)
        elif isinstance(value, int):
            term = Literal(value, datatype=XSD.integer)
        else:
            term = Literal(str(value))
        self.graph.add((subject, predicate, term))

    def write(self) -> Graph:
        self._document()
        for session in self.document.sessions:
            self._session(session)
        statements = self.document.statements
        for index, statement in enumerate(statements):
            before = statements[index - 1] if index else None
            after = statements[index + 1] if index + 1 < len(statements) else None
            self._statement(statement, before, after)
        for participation in self.document.participations:
            self._participation(participation)
        return self.graph

    def _document(self) -> None:
        document, doc = self.document, self.doc
        source = document.source
        self.add(doc, RDF.type, MRKG[str(document.kind)])
        self.add(doc, RDF.type, NIF.Context)
        label = f"{document.symbol}: {document.title}" if document.symbol else document.title
        self.add(doc, RDFS.label, Literal(label, lang="en"))
        self.add(doc, DCTERMS.title, Literal(document.title, lang="en"))
        self.add(doc, MRKG.symbol, document.symbol)
        self.add(doc, DCTERMS.issued, document.date)
        self.add(doc, DCTERMS.language, document.language)
        self.add(doc, DCTERMS.creator, self._actor(document.author))
        self.add(doc, DCTERMS.publisher, self._actor(document.body))
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

    def _actor(self, mention: ActorMention | None) -> URIRef | None:
        if mention is None or mention.key is None:
            return None
        return URIRef(iris.actor(mention.key))

    def _session(self, session: Session) -> None:
        node = URIRef(iris.session(session.key))
        self.add(node, RDF.type, MRKG[str(session.kind)])
        self.add(node, RDFS.label, Literal(session.label, lang="en"))
        self.add(node, MRKG.sessionNumber, session.number)
        self.add(node, DCTERMS.date, session.date)
        self.add(node, MRKG.startTime, session.start_time)
        self.add(node, MRKG.endTime, session.end_time)
        self.add(node, MRKG.place, session.place)
        self.add(node, MRKG.organizer, self._actor(session.organizer))
        self.add(node, MRKG.postedBy, self._actor(session.posted_by))
        self.add(node, MRKG.memberCount, session.member_count)
        self.add(node, MRKG.commentCount, session.comment_count)
        if session.parent:
            self.add(node, MRKG.partOfSession, URIRef(iris.session(session.parent)))
        for item in session.agenda_items:
            agenda = URIRef(iris.agenda_item(session.key, item))
            self.add(node, MRKG.agendaItem, agenda)
            self.add(agenda, RDF.type, MRKG.AgendaItem)
            self.add(agenda, RDFS.label, Literal(item, lang="en"))
        if session.span:
            self._offsets(node, session.span)

    def _statement_iri(self, local_id: str) -> URIRef:
        return URIRef(iris.statement(self.document.source.stem, local_id))

    def _statement(self, statement: Statement, before: Statement | None, after: Statement | None) -> None:
        node = self._statement_iri(statement.local_id)
        document = self.document
        self.add(node, RDF.type, MRKG[str(statement.kind)] if statement.kind != "Paragraph" else MRKG.Statement)
        where = document.symbol or document.title
        number = f"para. {statement.paragraph_number}" if statement.paragraph_number is not None else statement.local_id
        who = f" ({statement.speaker.label})" if statement.speaker else ""
        self.add(node, RDFS.label, Literal(f"{where}, {number}{who}", lang="en"))
        self.add(node, MRKG.text, Literal(statement.text))  # a plain string, as the contract and shapes say
        self.add(node, MRKG.paragraphNumber, statement.paragraph_number)
        self.add(node, MRKG.document, self.doc)
        self.add(node, PROV.wasDerivedFrom, self.source_file)
        self.add(node, DCTERMS.date, statement.date)
        if statement.session:
            self.add(node, MRKG.session, URIRef(iris.session(statement.session)))
        speaker = self._actor(statement.speaker)
        self.add(node, MRKG.speaker, speaker)
        if speaker is None and _narrated(document, statement):
            # A paragraph nobody is said to speak is the document's own narrative (issue 11, points 2 and 3).
            self.add(node, PROV.wasAttributedTo, self._actor(document.author or document.body))
        for named in statement.mentioned_actors:
            self.add(node, MRKG.mentionsActor, self._actor(named))
        self.add(node, MRKG.speakerAsPrinted, statement.speaker_as_printed)
        behalf = self._actor(statement.on_behalf_of)
        self.add(node, MRKG.onBehalfOf, behalf)
        if statement.role:
            self.add(node, MRKG.speakerRole, URIRef(iris.role(statement.role)))
        if statement.speaker and statement.speaker.key:
            self.add(node, MRKG.spokenAs, URIRef(membership_iri(statement, self.document)))
        if statement.in_reply_to:
            self.add(node, MRKG.inReplyTo, self._statement_iri(statement.in_reply_to))
        if statement.duplicate_of:
            self.add(node, MRKG.duplicateOf, self._statement_iri(statement.duplicate_of))
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
        for mention in statement.mentions:
            instrument = URIRef(self.catalogue.instrument_iri(mention.instrument))
            self._reference(node, MRKG.InstrumentMention, instrument, mention.span)
            self.add(node, MRKG.mentions, instrument)

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

    def _participation(self, participation: Participation) -> None:
        actor = self._actor(participation.actor)
        if actor is None:
            return
        affiliation = participation.affiliation.key if participation.affiliation else ""
        key = "|".join([participation.actor.key or "", participation.role, affiliation or "",
                        participation.session or self.document.source.stem])
        node = URIRef(iris.participation(key))
        if node in self.participations:
            # The same person in the same role and session, printed twice (a cut-short name and the
            # full one): one participation, described where it is first printed.
            return
        self.participations.add(node)
        self.add(node, RDF.type, MRKG.Participation)
        session = f" in {participation.session}" if participation.session else ""
        self.add(node, RDFS.label, Literal(f"{participation.actor.label} as {participation.role}{session}", lang="en"))
        self.add(node, MRKG.participant, actor)
        self.add(node, MRKG.participantRole, URIRef(iris.role(participation.role)))
        if participation.session:
            self.add(node, MRKG.inSession, URIRef(iris.session(participation.session)))
        self.add(node, MRKG.affiliation, self._actor(participation.affiliation))
        self.add(node, MRKG.position, participation.position)
        self.add(node, MRKG.document, self.doc)
        if participation.span:
            self._offsets(node, participation.span)
        if participation.role in CHAIRING_ROLES and participation.session:
            self.add(URIRef(iris.session(participation.session)), MRKG.chair, actor)


CHAIRING_ROLES = {"Chair", "Acting Chair", "Moderator"}

# Roles held within the body whose record it is: the membership is of that body,
# though the speaker speaks on behalf of no one (mrkg:onBehalfOf stays empty).
BODY_ROLES = {"Chair", "Vice-Chair", "Acting Chair", "Committee member", "Special Rapporteur", "Secretary"}


def membership_organization(statement: Statement, document: ParsedDocument) -> str | None:
    if statement.on_behalf_of and statement.on_behalf_of.key:
        return statement.on_behalf_of.key
    if statement.role in BODY_ROLES and document.body and document.body.key:
        return document.body.key
    return None


def membership_iri(statement: Statement, document: ParsedDocument) -> str:
    assert statement.speaker and statement.speaker.key
    return iris.membership(statement.speaker.key, statement.role, membership_organization(statement, document))


def source_graph(document: ParsedDocument, catalogue: CatalogueLike) -> Graph:
    return SourceGraphWriter(document, catalogue).write()


def actors_graph(actors: dict[str, Actor], documents: Iterable[ParsedDocument]) -> Graph:
    """Actors as resolved across sources, with the roles and memberships they spoke in."""
    graph = Graph(identifier=URIRef(ACTORS_GRAPH))
    for actor in actors.values():
        node = URIRef(iris.actor(actor.key))
        if not actor.in_catalogue:
            graph.add((node, RDF.type, MRKG[str(actor.kind)]))
            graph.add((node, RDFS.label, Literal(actor.label)))
        for form in actor.alt_labels:
            graph.add((node, SKOS.altLabel, Literal(form)))
        for same in actor.same_as:
            graph.add((node, OWL.sameAs, URIRef(same)))
    roles: set[str] = set()
    for document in documents:
        for statement in document.statements:
            if statement.role:
                roles.add(statement.role)
            speaker = statement.speaker
            if speaker is None or speaker.key is None:
                continue
            behalf = membership_organization(statement, document)
            membership = URIRef(membership_iri(statement, document))
            graph.add((membership, RDF.type, ORG.Membership))
            graph.add((membership, ORG.member, URIRef(iris.actor(speaker.key))))
            label = actors[speaker.key].label if speaker.key in actors else speaker.label
            if statement.role:
                graph.add((membership, ORG.role, URIRef(iris.role(statement.role))))
                label += f" as {statement.role}"
            if behalf:
                graph.add((membership, ORG.organization, URIRef(iris.actor(behalf))))
                label += f" for {actors[behalf].label if behalf in actors else behalf}"
            graph.set((membership, RDFS.label, Literal(label)))
        roles.update(p.role for p in document.participations)
    for role in roles:
        node = URIRef(iris.role(role))
        graph.add((node, RDF.type, MRKG.Role))
        graph.add((node, RDFS.label, Literal(role, lang="en")))
    return graph


# Genres told by their author: a paragraph that names no speaker is the author's own account.
_NARRATED = frozenset({DocumentKind.PROSE_DOCUMENT, DocumentKind.SEMINAR_SUMMARY, DocumentKind.CONCEPT_NOTE})


def _narrated(document: ParsedDocument, statement: Statement) -> bool:
    """A paragraph of a narrated genre, or a discussion page's own description of its space — not a question
    or comment whose poster the page does not show (that is unknown, not the site's)."""
    return document.kind in _NARRATED or (
        document.kind == DocumentKind.ONLINE_DISCUSSION and statement.kind == StatementKind.PARAGRAPH)
