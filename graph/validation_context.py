"""What the check of one graph needs from the others, so that no check holds the whole union (issue 11, point 5).

A source's graph points into the graphs that describe what several documents name (the
catalogue, the ontology, the actors, the sessions): a statement cites a provision, is spoken
by an actor, in a session.  The shapes read no more of those nodes than their classes
(``sh:class``, ``sh:not``/``sh:or`` of classes), so a source's graph is checked with the
classes of what it points to and does not describe (:meth:`SharedIndex.context`), and only its
own nodes are focus nodes (``graph.validate.check``).

A node of the cross-document graphs is checked once, with everything its shapes read: its
description (from whichever of those graphs says something of it), the classes of what it
points to, and the nodes that point to it by a property some shape follows backwards
(``sh:inversePath``: a session known only from a concept note, a role someone holds), with
their classes.  Those back-links can come from any graph; one per property, target and
class of pointing node is enough for the counts the shapes ask of them (``sh:minCount``,
``sh:qualifiedMinCount``), so a role held in 5,000 records is checked with a handful.

``inputs_digest`` names exactly what a node's check read: a build checks again only the
nodes whose digest changed since it was last found to conform.
"""
from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable, Iterator
from typing import Sequence

from rdflib import Graph, URIRef
from rdflib.namespace import RDF
from rdflib.term import Node

Triple = tuple[Node, Node, Node]
Describer = Callable[[Node], Iterable[Triple]]
BackLink = tuple[str, str, str, Sequence[str]]  # (subject, property, target, the subject's classes)


class SharedIndex:
    """The catalogue, ontology, actors and sessions graphs as checks read them."""

    def __init__(self, describers: Sequence[Describer], triples: Iterable[Triple], inverse: frozenset[URIRef]) -> None:
        self.describers = describers
        self.inverse = inverse
        types: dict[Node, set[URIRef]] = {}
        links: list[Triple] = []
        for s, p, o in triples:
            if p == RDF.type and isinstance(o, URIRef):
                types.setdefault(s, set()).add(o)
            elif p in inverse:
                links.append((s, p, o))
        interned: dict[frozenset[URIRef], frozenset[URIRef]] = {}
        self.types: dict[Node, frozenset[URIRef]] = {
            node: interned.setdefault(frozenset(found), frozenset(found)) for node, found in types.items()}
        self.backlinks: dict[Node, dict[tuple[Node, frozenset[URIRef]], Node]] = {}
        for s, p, o in links:
            self.add_backlink(s, p, o, self.types.get(s, frozenset()))

    def add_backlink(self, subject: Node, predicate: Node, target: Node, classes: frozenset[URIRef]) -> None:
        self.backlinks.setdefault(target, {}).setdefault((predicate, classes), subject)

    def add_backlinks(self, links: Iterable[BackLink]) -> None:
        for subject, predicate, target, classes in links:
            self.add_backlink(URIRef(subject), URIRef(predicate), URIRef(target),
                              frozenset(URIRef(c) for c in classes))

    def classes(self, node: Node) -> frozenset[URIRef]:
        return self.types.get(node, frozenset())

    # -- a source's graph ----------------------------------------------------------------

    def references(self, graph: Graph) -> dict[str, list[str]]:
        """What ``graph`` points to and does not describe, with the classes the shared graphs give it."""
        described = set(graph.subjects())
        found: dict[str, list[str]] = {}
        for _, p, o in graph:
            if p != RDF.type and isinstance(o, URIRef) and o not in described and str(o) not in found:
                found[str(o)] = sorted(str(c) for c in self.classes(o))
        return found

    def still_valid(self, references: dict[str, list[str]]) -> bool:
        """Whether what a graph points to has the classes it had when the graph was checked."""
        return all(sorted(str(c) for c in self.classes(URIRef(node))) == classes
                   for node, classes in references.items())

    @staticmethod
    def context(references: dict[str, list[str]]) -> Iterator[Triple]:
        for node, classes in references.items():
            for cls in classes:
                yield URIRef(node), RDF.type, URIRef(cls)

    def source_backlinks(self, graph: Graph) -> list[BackLink]:
        """The links from ``graph`` to nodes it does not describe, by properties shapes follow backwards."""
        described = set(graph.subjects())
        found: dict[tuple[str, str, tuple[str, ...]], str] = {}
        for predicate in self.inverse:
            for s, o in graph.subject_objects(predicate):
                if o not in described:
                    classes = tuple(sorted(str(c) for c in graph.objects(s, RDF.type)))
                    found.setdefault((str(predicate), str(o), classes), str(s))
        return [(s, p, o, list(classes)) for (p, o, classes), s in sorted(found.items())]

    # -- a node of the shared graphs -------------------------------------------------------

    def inputs(self, node: Node) -> list[Triple]:
        """Everything the check of ``node`` reads (see the module's docstring)."""
        found: list[Triple] = []
        for describe in self.describers:
            found.extend(describe(node))
        for _, p, o in list(found):
            if p != RDF.type and isinstance(o, URIRef):
                found.extend((o, RDF.type, cls) for cls in self.classes(o))
        for (predicate, classes), subject in self.backlinks.get(node, {}).items():
            found.append((subject, predicate, node))
            found.extend((subject, RDF.type, cls) for cls in classes)
        return found

    def inputs_digest(self, node: Node) -> str:
        lines = sorted({f"{s.n3()} {p.n3()} {o.n3()}" for s, p, o in self.inputs(node)})
        return hashlib.sha256("\n".join(lines).encode()).hexdigest()
