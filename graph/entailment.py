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

from rdflib import Dataset, Graph, URIRef
from rdflib.namespace import RDF, RDFS
from rdflib.term import Node

Hierarchy = Mapping[URIRef, frozenset[URIRef]]


def superclasses(ontology: Graph) -> Hierarchy:
    """Every named class's strict super-classes, transitively."""
    return _closure(ontology, RDFS.subClassOf)


def superproperties(ontology: Graph) -> Hierarchy:
    """Every named property's strict super-properties, transitively."""
    return _closure(ontology, RDFS.subPropertyOf)


def materialise(dataset: Dataset, ontology: Graph) -> int:
    """Add entailed types and super-property triples in each graph; return how many were added.

    Each graph only gains triples entailed by its own triples, so provenance by
    named graph is kept (a source's graph never receives facts of another).
    """
    classes = superclasses(ontology)
    properties = superproperties(ontology)
    added = 0
    for graph in list(dataset.graphs()):
        entailed = set(_entailed(graph, classes, properties))
        fresh = [(s, p, o, graph) for s, p, o in entailed if (s, p, o) not in graph]
        if fresh:
            graph.addN(fresh)
            added += len(fresh)
    return added


def _entailed(
    graph: Graph, classes: Hierarchy, properties: Hierarchy
) -> Iterable[tuple[Node, Node, Node]]:
    for s, p, o in graph:
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
