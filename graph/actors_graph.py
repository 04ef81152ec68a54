"""Actors, roles and memberships as resolved across every source: the graph ``id:graph/actors``.

An actor, a role or a membership can be named by any number of documents, so
it is described once, here, and never in a source's graph; where each
document names an actor is a ``mrkg:Mention`` in that document's graph
(``graph.to_rdf``).  "For whom" someone spoke is a fact of the statement
(``mrkg:spokenAs`` a membership), not of the person.
"""
from __future__ import annotations

from typing import Iterable

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import ORG, OWL, RDF, RDFS, SKOS

from graph import iris
from graph.extract.actors import Actor
from graph.records import ParsedDocument, Statement
from graph.vocab import MRKG

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


def actors_graph(actors: dict[str, Actor], documents: Iterable[ParsedDocument]) -> Graph:
    """Actors as resolved across sources, with the roles and memberships they spoke in."""
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
