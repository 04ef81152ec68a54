"""Actors, roles and memberships as resolved across every source: the graph ``id:graph/actors``.

An actor, a role or a membership can be named by any number of documents, so
it is described once, here, and never in a source's graph; where each
document names an actor is a ``mrkg:Mention`` in that document's graph
(``graph.to_rdf``).  "For whom" someone spoke is a fact of the statement
(``mrkg:spokenAs`` a membership), not of the person.
"""
from __future__ import annotations

from typing import Iterable, Protocol

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import ORG, OWL, RDF, RDFS, SKOS

from graph import iris
from graph.records import Actor
from graph.records import ActorMention, Participation
from graph.vocab import MRKG

# Roles held within the body whose record it is: the membership is of that body,
# though the speaker speaks on behalf of no one (mrkg:onBehalfOf stays empty).
BODY_ROLES = {"Chair", "Vice-Chair", "Acting Chair", "Committee member", "Special Rapporteur", "Secretary"}


class Speaking(Protocol):
    """Who spoke, in what role, for whom: a :class:`~graph.records.Statement` or what a build keeps of one."""

    @property
    def speaker(self) -> ActorMention | None: ...
    @property
    def role(self) -> str | None: ...
    @property
    def on_behalf_of(self) -> ActorMention | None: ...


class NamesActors(Protocol):
    """What this graph reads of a document (a ParsedDocument, or ``graph.cross_document.SharedNames``)."""

    @property
    def body(self) -> ActorMention | None: ...
    @property
    def statements(self) -> Iterable[Speaking]: ...
    @property
    def participations(self) -> list[Participation]: ...


def membership_organization(statement: Speaking, document: NamesActors) -> str | None:
    if statement.on_behalf_of and statement.on_behalf_of.key:
        return statement.on_behalf_of.key
    if statement.role in BODY_ROLES and document.body and document.body.key:
        return document.body.key
    return None


def membership_iri(statement: Speaking, document: NamesActors) -> str:
    assert statement.speaker and statement.speaker.key
    return iris.membership(statement.speaker.key, statement.role, membership_organization(statement, document))


def actors_graph(actors: dict[str, Actor], documents: Iterable[NamesActors]) -> Graph:
    """Actors as resolved across sources, with the roles and memberships they spoke in."""
    spoken = Memberships()
    for document in documents:
        spoken.add(document)
    return spoken.graph(actors)


class Memberships:
    """The memberships and roles the documents' statements speak in, gathered one document at a time
    (a build reads each source's record once, for this graph and the sessions graph together)."""

    def __init__(self) -> None:
        self.memberships: dict[str, tuple[str, str, str | None, str | None]] = {}  # IRI → speaker, label, role, for
        self.roles: set[str] = set()

    def add(self, document: NamesActors) -> None:
        for statement in document.statements:
            if statement.role:
                self.roles.add(statement.role)
            speaker = statement.speaker
            if speaker is None or speaker.key is None:
                continue
            self.memberships.setdefault(membership_iri(statement, document), (
                speaker.key, speaker.label, statement.role, membership_organization(statement, document)))
        self.roles.update(p.role for p in document.participations)

    def graph(self, actors: dict[str, Actor]) -> Graph:
        graph = Graph(identifier=URIRef(iris.ACTORS_GRAPH))
        for actor in actors.values():
            node = URIRef(iris.actor(actor.key))
            if not actor.in_catalogue:
                graph.add((node, RDF.type, MRKG[str(actor.kind)]))
                graph.add((node, RDFS.label, Literal(actor.label)))
            for form in actor.alt_labels:
                graph.add((node, SKOS.altLabel, Literal(form)))
            for same in actor.same_as:
                graph.add((node, OWL.sameAs, URIRef(same)))
        for iri, (key, printed, role, behalf) in self.memberships.items():
            membership = URIRef(iri)
            graph.add((membership, RDF.type, ORG.Membership))
            graph.add((membership, ORG.member, URIRef(iris.actor(key))))
            label = actors[key].label if key in actors else printed
            if role:
                graph.add((membership, ORG.role, URIRef(iris.role(role))))
                label += f" as {role}"
            if behalf:
                graph.add((membership, ORG.organization, URIRef(iris.actor(behalf))))
                label += f" for {actors[behalf].label if behalf in actors else behalf}"
            graph.add((membership, RDFS.label, Literal(label)))
        for role in self.roles:
            node = URIRef(iris.role(role))
            graph.add((node, RDF.type, MRKG.Role))
            graph.add((node, RDFS.label, Literal(role, lang="en")))
        return graph
