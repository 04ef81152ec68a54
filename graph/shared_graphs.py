"""The graphs of what several documents name, from every source's small record, checked once.

The actors graph and the sessions graph (``graph.actors_graph``, ``graph.sessions_graph``)
are made from the records a build keeps of each source (``graph.cross_document``), read one
at a time, never from the documents themselves.  They are written as parts: the actors graph
whole, the sessions graph one part per family of sessions; and each of their nodes is checked
once (``graph.validation_context``), and checked again only when what its check reads has
changed, so a record added to a session of 5,000 records has the nodes it touches checked,
not the whole graph (issue 11, points 4 and 5).
"""
from __future__ import annotations

import hashlib
import itertools
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field

from rdflib import Graph, URIRef
from rdflib.term import Node

from graph import iris
from graph.actors_graph import Memberships
from graph.catalogue import Catalogue
from graph.cross_document import SharedNames
from graph.entailment import Hierarchy, materialise_graph
from graph.records import Actor
from graph.graph_parts import Part, PartFiles
from graph.sessions_graph import Description, describe_sessions
from graph.validate import Shapes, ValidationReport, ValidationResult, check
from graph.validation_context import SharedIndex, Triple

CHUNK = 1500  # nodes checked together: enough to amortise a check, few enough to keep its graph small


@dataclass
class SharedGraphs:
    """The catalogue, ontology, actors and sessions graphs of one build, entailed, with their parts."""

    catalogue: Graph
    ontology: Graph
    actors: Graph
    sessions: Description
    entailed: int
    notes: list[str]

    def describers(self) -> list[Callable[[Node], Iterable[Triple]]]:
        def described_in(graph: Graph) -> Callable[[Node], Iterable[Triple]]:
            return lambda node: graph.triples((node, None, None))

        def in_sessions(node: Node) -> Iterable[Triple]:
            return self.sessions.triples([node]) if isinstance(node, URIRef) and node in self.sessions.facts else ()

        return [described_in(self.catalogue), described_in(self.ontology), described_in(self.actors), in_sessions]

    def triples(self) -> Iterator[Triple]:
        yield from itertools.chain(self.catalogue, self.ontology, self.actors, self.sessions.triples())

    def index(self, shapes: Shapes) -> SharedIndex:
        return SharedIndex(self.describers(), self.triples(), shapes.inverse_paths())

    def nodes(self) -> list[Node]:
        """The nodes checked here: what the actors and sessions graphs describe (the catalogue's are checked
        with the catalogue, ``check_catalogue``)."""
        described = dict.fromkeys(self.actors.subjects())
        described.update(dict.fromkeys(self.sessions.facts))
        return list(described)

    def write(self, parts: PartFiles, digests: Mapping[Node, str], known: Mapping[str, Part],
              overwrite: bool = False) -> tuple[list[Part], dict[str, Part]]:
        """The parts of these graphs, and each sessions family's part by the digest of what its nodes' checks
        read (``known``: those of the last build), so a family nothing changed in is not written again."""
        written = [parts.write(iris.CATALOGUE_GRAPH, "catalogue", self.catalogue, overwrite),
                   parts.write(iris.ONTOLOGY_GRAPH, "ontology", self.ontology, overwrite),
                   parts.write(iris.ACTORS_GRAPH, "actors", self.actors, overwrite)]
        families: dict[str, Part] = {}
        for family, subjects in self.sessions.families().items():
            key = hashlib.sha256("\n".join([family, *(digests[s] for s in subjects)]).encode()).hexdigest()
            part = None if overwrite else known.get(key)
            if part is None or not parts.has(part):
                part = parts.write(iris.SESSIONS_GRAPH, f"sessions/{family}", self.sessions.triples(subjects), overwrite)
            if part is not None:
                families[key] = part
        return [part for part in written if part is not None] + list(families.values()), families


def shared_graphs(records: Iterable[SharedNames], actors: dict[str, Actor],
                  catalogue: Catalogue, ontology: Graph, hierarchy: Hierarchy) -> SharedGraphs:
    """The four graphs; ``records`` gives every source's record, resolved, in the order of the files,
    each read once for both the actors and the sessions graph."""
    entailed_catalogue = _entailed_copy(catalogue.graph, hierarchy)
    entailed_ontology = _entailed_copy(ontology, hierarchy)
    spoken = Memberships()

    def each() -> Iterator[SharedNames]:
        for names in records:
            spoken.add(names)
            yield names

    sessions = describe_sessions(each(), actors)
    # Oxigraph's union default graph repeats a triple held by two graphs, so a triple lives in one
    # graph only: what the catalogue says is not said again.
    named = spoken.graph(actors) - catalogue.graph
    entailed_actors = _entailed_copy(named, hierarchy, iris.ACTORS_GRAPH)
    entailed = _entail_description(sessions, hierarchy) + sum(
        len(after) - len(before) for before, after in ((catalogue.graph, entailed_catalogue),
                                                      (ontology, entailed_ontology), (named, entailed_actors)))
    return SharedGraphs(entailed_catalogue, entailed_ontology, entailed_actors, sessions, entailed,
                        list(sessions.notes))


def _entailed_copy(graph: Graph, hierarchy: Hierarchy, name: str | None = None) -> Graph:
    copy = Graph(identifier=URIRef(name) if name else graph.identifier)
    copy += graph
    materialise_graph(copy, hierarchy)
    return copy


def _entail_description(description: Description, hierarchy: Hierarchy) -> int:
    added = 0
    for subject, facts in description.facts.items():
        for s, p, o in hierarchy.entailed(description.triples([subject])):
            values = facts.setdefault(p, [])  # type: ignore[arg-type]
            if o not in values:
                values.append(o)
                added += 1
    return added


@dataclass
class SharedCheck:
    """What checking the nodes of the cross-document graphs found."""

    checked: int = 0
    conforming: dict[str, str] = field(default_factory=dict)  # node → digest of what its check read
    violations: list[ValidationResult] = field(default_factory=list)
    warnings: list[ValidationResult] = field(default_factory=list)


def check_shared(digests: Mapping[Node, str], index: SharedIndex, shapes: Shapes, already: Mapping[str, str],
                 advance: Callable[[int], None] = lambda steps: None) -> SharedCheck:
    """Check every node whose inputs changed since it last conformed (``already``: node → digest of its inputs)."""
    result = SharedCheck()
    todo: list[tuple[Node, str]] = []
    for node, digest in digests.items():
        if already.get(str(node)) == digest:
            result.conforming[str(node)] = digest
        else:
            todo.append((node, digest))
    advance(len(digests) - len(todo))
    for start in range(0, len(todo), CHUNK):
        chunk = todo[start:start + CHUNK]
        data = Graph()
        for node, _ in chunk:
            for triple in index.inputs(node):
                data.add(triple)
        report = check(data, shapes, [node for node, _ in chunk if isinstance(node, URIRef)])
        failed = {r.focus_node for r in report.violations}
        for node, digest in chunk:
            if str(node) not in failed:
                result.conforming[str(node)] = digest
        result.violations += report.violations
        result.warnings += report.warnings
        result.checked += len(chunk)
        advance(len(chunk))
    return result


def check_catalogue(catalogue: Graph, ontology: Graph, elsewhere: Iterable[Node], shapes: Shapes) -> ValidationReport:
    """The catalogue with the ontology, whole: their shapes read further than the classes of what a node
    points to (a provision's parent's number, every instrument's code), and no document describes them.
    Their nodes that the actors graph describes too (``elsewhere``) are checked there, with all that is
    said of them."""
    data = Graph()
    for triple in itertools.chain(catalogue, ontology):
        data.add(triple)
    skip = set(elsewhere)
    return check(data, shapes, {node for node in data.subjects() if isinstance(node, URIRef) and node not in skip})
