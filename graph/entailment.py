"""Materialise the ontology's sub-class and sub-property axioms into the graph.

A consumer who asks for ``?s cito:cites ?o`` or ``?x a foaf:Person`` should
get answers from the plain SPARQL endpoint, which runs no reasoner.  So the
build adds, next to every asserted triple and in the same named graph, the
triples that RDFS rules rdfs7 (sub-property) and rdfs9 (sub-class) entail
from the ontology's hierarchy, including the alignment to outside
vocabularies (ELI, CiTO, PROV-O, FOAF, ORG, schema.org, NIF).

Only the hierarchy is used: domains and ranges are not turned into types,
since a wrong value would then silently retype its subject instead of being
reported by the shapes.
"""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from rdflib import Dataset, Graph, URIRef
from rdflib.namespace import RDF, RDFS
from rdflib.term import Node

Hierarchies = Mapping[URIRef, frozenset[URIRef]]


def superclasses(ontology: Graph) -> Hierarchies:
    """Every named class's strict super-classes, transitively."""
    return _closure(ontology, RDFS.subClassOf)


def superproperties(ontology: Graph) -> Hierarchies:
    """Every named property's strict super-properties, transitively."""
    return _closure(ontology, RDFS.subPropertyOf)


@dataclass(frozen=True)
class Hierarchy:
    """The ontology's class and property hierarchies, computed once and applied to every graph of a build."""

    classes: Hierarchies
    properties: Hierarchies

    @classmethod
    def of(cls, ontology: Graph) -> "Hierarchy":
        return cls(superclasses(ontology), superproperties(ontology))

    def entailed(self, triples: Iterable[tuple[Node, Node, Node]]) -> set[tuple[Node, Node, Node]]:
        """What the triples entail by rdfs7 and rdfs9 (the triples themselves included where they entail each other)."""
        return set(_entailed(triples, self.classes, self.properties))


def materialise(dataset: Dataset, ontology: Graph) -> int:
    """Add entailed types and super-property triples in each graph; return how many were added.

    Each graph only gains triples entailed by its own triples, so provenance by
    named graph is kept (a source's graph never receives facts of another).
    """
    hierarchy = Hierarchy.of(ontology)
    return sum(materialise_graph(graph, hierarchy) for graph in list(dataset.graphs()))


def materialise_graph(graph: Graph, hierarchy: Hierarchy) -> int:
    """Add what ``graph``'s own triples entail to it; return how many triples were added."""
    fresh = [(s, p, o, graph) for s, p, o in hierarchy.entailed(graph) if (s, p, o) not in graph]
    if fresh:
        graph.addN(fresh)
    return len(fresh)


def _entailed(
    triples: Iterable[tuple[Node, Node, Node]], classes: Hierarchies, properties: Hierarchies
) -> Iterable[tuple[Node, Node, Node]]:
    for s, p, o in triples:
        if p == RDF.type:
            for parent in classes.get(o, ()):  # type: ignore[call-overload]
                yield s, RDF.type, parent
        else:
            for parent in properties.get(p, ()):  # type: ignore[call-overload]
                yield s, parent, o


def _closure(ontology: Graph, relation: URIRef) -> dict[URIRef, frozenset[URIRef]]:
    """Transitive closure of ``relation`` between IRIs (restrictions and other blank nodes are skipped)."""
    direct: dict[URIRef, set[URIRef]] = defaultdict(set)
    for child, parent in ontology.subject_objects(relation):
        if isinstance(child, URIRef) and isinstance(parent, URIRef) and child != parent:
            direct[child].add(parent)
    closed: dict[URIRef, frozenset[URIRef]] = {}
    for node in direct:
        # A walk per node: the hierarchy has a few hundred terms at most, and
        # a walk stays right when someone writes a cycle (an equivalence).
        seen: set[URIRef] = set()
        todo = list(direct[node])
        while todo:
            parent = todo.pop()
            if parent not in seen:
                seen.add(parent)
                todo.extend(direct.get(parent, ()))
        seen.discard(node)
        closed[node] = frozenset(seen)
    return closed
