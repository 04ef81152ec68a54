"""Sessions, their agenda items and who took part in them: the graph ``id:graph/sessions``.

A session of the Committee has fifteen to twenty meetings, each with its own
summary record; a seminar may be framed by a concept note and summed up in a
report.  So a session, an agenda item or a participation can be named by any
number of documents (issue 11, point 1): each is described once, here, from
every document that names it, in the order of the source files, and what each
document printed, and where, is a ``mrkg:Mention`` in that document's own
graph (``graph.to_rdf``).  A triple lives in one graph only: the endpoint's
union default graph would count it once per graph that holds it.

Documents can disagree.  A fact the shapes allow once (a meeting's start time,
a participant's position) keeps the value of the first source that gives it,
and the build notes the other; another name for the same session becomes a
``skos:altLabel``.
"""
from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any, Protocol

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, RDF, RDFS, SKOS
from rdflib.term import Node

from graph import iris
from graph.records import Actor
from graph.literals import term
from graph.documents import Source
from graph.records import ActorMention, AgendaItem, Participation, Session
from graph.vocab import MRKG, curie

# Properties the shapes allow once per resource (an rdfs:label once per language).
SINGLE_VALUED = frozenset({MRKG.sessionNumber, MRKG.startTime, MRKG.endTime, MRKG.partOfSession, MRKG.postedBy,
                           MRKG.memberCount, MRKG.commentCount, MRKG.position})

CHAIRING_ROLES = {"Chair", "Acting Chair", "Moderator"}


def agenda_item_iri(session: Session, item: AgendaItem) -> str:
    """An item of the agenda of the meeting's session: each meeting takes up some of the session's items."""
    return iris.agenda_item(session.parent or session.key, item.title)


class NamesShared(Protocol):
    """What this graph reads of a document: a :class:`~graph.records.ParsedDocument`, or the small record a
    build keeps of one (:class:`graph.cross_document.SharedNames`)."""

    @property
    def source(self) -> Source: ...
    @property
    def sessions(self) -> list[Session]: ...
    @property
    def participations(self) -> list[Participation]: ...


def participation_iri(participation: Participation, document: NamesShared) -> str | None:
    """Keyed by who, in what role, for whom and in which session (the document, where no session is named)."""
    if participation.actor.key is None:
        return None
    affiliation = participation.affiliation.key if participation.affiliation else None
    return iris.participation("|".join([participation.actor.key, participation.role, affiliation or "",
                                        participation.session or document.source.stem]))


def actor_iri(mention: ActorMention | None) -> URIRef | None:
    if mention is None or mention.key is None:
        return None
    return URIRef(iris.actor(mention.key))


class Description:
    """One description of each resource, told by the first source that tells each fact.

    Held as plain dictionaries, not an rdflib graph: at 5,000 records the sessions graph has half a
    million triples (issue 11, point 5).  Each resource belongs to the *family* of the session it
    is part of (a meeting, its agenda items and who took part in it, to the session of the
    Committee), fixed by the first source that names it; a build keeps, validates and publishes
    the graph family by family, so one more record of a session touches that session's family only.
    """

    def __init__(self) -> None:
        self.facts: dict[URIRef, dict[URIRef, list[Node]]] = {}
        self.family: dict[URIRef, str] = {}
        self.named_by: dict[URIRef, list[str]] = {}  # the sources that tell anything of each resource
        self.told_by: dict[tuple[URIRef, URIRef], str] = {}
        self.notes: list[str] = []
        self.source = ""  # the file whose account is being added
        self._terms: dict[Node, Any] = {}  # each term to the one equal object kept (of its own kind)

    def add(self, subject: URIRef, predicate: URIRef, value: object, family: str) -> None:
        told = term(value)
        if told is None:
            return
        # One object per term: the same actors, roles, sessions and classes recur in every record.
        subject, predicate, told = (self._terms.setdefault(t, t) for t in (subject, predicate, told))
        facts = self.facts.get(subject)
        if facts is None:
            facts = self.facts[subject] = {}
            self.family[subject] = family
        tellers = self.named_by.setdefault(subject, [])
        if not tellers or tellers[-1] != self.source:
            tellers.append(self.source)
        if predicate == RDFS.label:
            labels = facts.get(RDFS.label)
            if labels and labels[0] != told:
                predicate = SKOS.altLabel  # the same session under another name
        elif predicate in SINGLE_VALUED:
            first = facts.get(predicate)
            if first:
                if first[0] != told:
                    self.notes.append(
                        f"{self.source}: {self._name(subject)} has {curie(predicate)} {told}, where "
                        f"{self.told_by[(subject, predicate)]} gives {first[0]}; the first is kept")
                return
            self.told_by[(subject, predicate)] = self.source
        values = facts.setdefault(predicate, [])
        if told not in values:
            values.append(told)

    def triples(self, subjects: Iterable[URIRef] | None = None) -> Iterator[tuple[URIRef, URIRef, Node]]:
        for subject in self.facts if subjects is None else subjects:
            for predicate, values in self.facts[subject].items():
                for value in values:
                    yield subject, predicate, value

    def families(self) -> dict[str, list[URIRef]]:
        """The resources of each family, families and resources in the order first named."""
        grouped: dict[str, list[URIRef]] = {}
        for subject, family in self.family.items():
            grouped.setdefault(family, []).append(subject)
        return grouped

    def graph(self) -> Graph:
        graph = Graph(identifier=URIRef(iris.SESSIONS_GRAPH))
        for triple in self.triples():
            graph.add(triple)
        return graph

    def _name(self, subject: URIRef) -> str:
        labels = self.facts.get(subject, {}).get(RDFS.label)
        return f"“{labels[0]}” ({curie(subject)})" if labels else curie(subject)


def describe_sessions(documents: Iterable[NamesShared], actors: dict[str, Actor]) -> Description:
    """Every session, agenda item and participation the documents name, in the order of the files."""
    description = Description()
    for document in documents:
        description.source = document.source.name
        parents = {session.key: session.parent for session in document.sessions}
        for session in document.sessions:
            _session(description, session)
        described: set[str] = set()
        for participation in document.participations:
            node = participation_iri(participation, document)
            if node is not None and node not in described:
                # The same person in the same role and session, printed twice in one document (a
                # cut-short name and the full one): described as it is first printed.
                described.add(node)
                where = participation.session
                family = (parents.get(where) or where) if where else f"document/{document.source.stem}"
                _participation(description, URIRef(node), participation, actors, family)
    return description


def sessions_graph(documents: Iterable[NamesShared], actors: dict[str, Actor]) -> tuple[Graph, list[str]]:
    """The graph, and notes on facts that two documents give differently."""
    description = describe_sessions(documents, actors)
    return description.graph(), description.notes


def _session(description: Description, session: Session) -> None:
    family = session.parent or session.key
    node = URIRef(iris.session(session.key))

    def add(subject: URIRef, predicate: URIRef, value: object) -> None:
        description.add(subject, predicate, value, family)

    add(node, RDF.type, MRKG[str(session.kind)])
    add(node, RDFS.label, Literal(session.label, lang="en"))
    if session.title:
        add(node, DCTERMS.title, Literal(session.title, lang="en"))
    add(node, MRKG.sessionNumber, session.number)
    add(node, DCTERMS.date, session.date)
    add(node, MRKG.startTime, session.start_time)
    add(node, MRKG.endTime, session.end_time)
    add(node, MRKG.place, session.place)
    add(node, MRKG.organizer, actor_iri(session.organizer))
    add(node, MRKG.postedBy, actor_iri(session.posted_by))
    add(node, MRKG.memberCount, session.member_count)
    add(node, MRKG.commentCount, session.comment_count)
    parent = URIRef(iris.session(session.parent)) if session.parent else None
    add(node, MRKG.partOfSession, parent)
    for item in session.agenda_items:
        agenda = URIRef(agenda_item_iri(session, item))
        add(agenda, RDF.type, MRKG.AgendaItem)
        add(agenda, RDFS.label, Literal(item.title, lang="en"))
        add(node, MRKG.agendaItem, agenda)  # taken up at this meeting…
        if parent is not None:
            add(parent, MRKG.agendaItem, agenda)  # …on the agenda of its session


def _participation(description: Description, node: URIRef, participation: Participation,
                   actors: dict[str, Actor], family: str) -> None:
    key = participation.actor.key

    def add(subject: URIRef, predicate: URIRef, value: object) -> None:
        description.add(subject, predicate, value, family)

    actor = URIRef(iris.actor(key)) if key else None
    name = actors[key].label if key in actors else participation.actor.label
    session = URIRef(iris.session(participation.session)) if participation.session else None
    where = f" in {participation.session}" if participation.session else ""
    add(node, RDF.type, MRKG.Participation)
    add(node, RDFS.label, Literal(f"{name} as {participation.role}{where}", lang="en"))
    add(node, MRKG.participant, actor)
    add(node, MRKG.participantRole, URIRef(iris.role(participation.role)))
    add(node, MRKG.inSession, session)
    add(node, MRKG.affiliation, actor_iri(participation.affiliation))
    add(node, MRKG.position, participation.position)
    if participation.role in CHAIRING_ROLES and session is not None:
        add(session, MRKG.chair, actor)
