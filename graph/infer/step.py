"""The build's ``infer`` step: each source's inferred links, as parts of the inferred graph.

Run after every source's graph is checked: the links of a source are inferred from its stored
quads and the catalogue (``graph.infer.statements``, ``graph.infer.method``), written with their
evidence (``graph.infer.links_rdf``), entailed and checked against the shapes with the classes of
what they point to, and kept as the part ``inferred/<stem>`` of ``id:graph/inferred``; the method's
description is the part ``inferred``.  A source's links depend on its graph and on how it is read
(the reading digest covers the catalogue and this code), so they are kept in
``var/build/inferred/`` under those two digests and taken as they were when neither changed.
"""
from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterable
from pathlib import Path

import pyoxigraph as ox
from rdflib import Graph, URIRef
from rdflib.namespace import RDF, RDFS

from graph import iris
from graph.build_inputs import BuildInputs
from graph.disk import write_atomically
from graph.entailment import materialise_graph
from graph.errors import ValidationFailed
from graph.graph_parts import Part, PartFiles
from graph.infer.links_rdf import link_triples, method_triples
from graph.infer.method import Link, infer
from graph.infer.provisions import ProvisionIndex
from graph.infer.statements import SourceStatements
from graph.validate import check
from graph.vocab import MRKG


class InferredParts:
    """The inferred graph of one build, source by source."""

    def __init__(self, inputs: BuildInputs, parts: PartFiles, cache_root: Path, full: bool = False) -> None:
        self.inputs, self.parts, self.full = inputs, parts, full
        self.folder = cache_root / "inferred"
        self._index: ProvisionIndex | None = None
        self.inferred = self.kept = self.links = 0
        self.keys: set[str] = set()  # the cache entries this build used: the rest is pruned (BuildCache.prune)

    @property
    def index(self) -> ProvisionIndex:
        if self._index is None:
            self._index = ProvisionIndex.of(self.inputs.catalogue.graph)
        return self._index

    def of(self, sources: Iterable[Part], advance: Callable[[], None] = lambda: None) -> list[Part]:
        """The parts of the inferred graph for these source parts (the method's description first)."""
        found = [self.parts.write(iris.INFERRED_GRAPH, "inferred", method_triples(), self.full)]
        for source in sources:
            found.append(self._source(source))
            advance()
        return [part for part in found if part is not None]

    def summary(self) -> str:
        return (f"inferred links: {self.links:,} from {self.inferred:,} sources"
                + (f", {self.kept:,} as they were" if self.kept else ""))

    def _source(self, source: Part) -> Part | None:
        key = hashlib.sha256(f"{self.inputs.reading}\n{source.digest}".encode()).hexdigest()
        path = self.folder / key[:2] / f"{key}.json"
        self.keys.add(key)
        if not self.full:
            kept = _kept(path)
            if kept == "none":
                self.kept += 1
                return None
            if isinstance(kept, Part) and self.parts.has(kept):
                self.kept += 1
                return kept
        links = infer(SourceStatements.of(self.parts.quads(source), self.index.instrument_of), self.index)
        graph = self._graph(links)
        self._check(graph, source)
        part = self.parts.write(iris.INFERRED_GRAPH, f"inferred/{source.name.removeprefix('source/')}", graph,
                                self.full)
        write_atomically(path, json.dumps(part.as_record() if part else "none").encode())
        self.inferred += 1
        self.links += len(links)
        return part

    def _graph(self, links: list[Link]) -> Graph:
        labels = {profile.iri: profile.label for profile in self.index.profiles}
        graph = Graph(identifier=URIRef(iris.INFERRED_GRAPH))
        for triple in link_triples(links, labels):
            graph.add(triple)
        materialise_graph(graph, self.inputs.hierarchy)
        return graph

    def _check(self, graph: Graph, source: Part) -> None:
        """The links' own nodes against the shapes, with the classes of the statements, documents and
        provisions they point to (their descriptions are checked where they live)."""
        if not len(graph):
            return
        data = Graph()
        data += graph
        pointed = {o for o in graph.objects() if isinstance(o, URIRef)} | {s for s in graph.subjects()
                                                                         if isinstance(s, URIRef)}
        for quad in self.parts.quads(source):
            subject, value = quad.subject, quad.object
            if (quad.predicate.value == str(RDF.type) and isinstance(subject, ox.NamedNode)
                    and isinstance(value, ox.NamedNode) and URIRef(subject.value) in pointed):
                data.add((URIRef(subject.value), RDF.type, URIRef(value.value)))
        catalogue = self.inputs.catalogue.graph
        for node in pointed:
            for kind in catalogue.objects(node, RDF.type):
                data.add((node, RDF.type, kind))
            for label in catalogue.objects(node, RDFS.label):
                data.add((node, RDFS.label, label))
        materialise_graph(data, self.inputs.hierarchy)
        report = check(data, self.inputs.shapes, inferred_nodes(graph))
        if report.violations:
            raise ValidationFailed(f"the links inferred from {source.name} do not conform to the shapes:\n"
                                   + report.text(), len(report.violations))


def _kept(path: Path) -> Part | str | None:
    try:
        record = json.loads(path.read_text(encoding="utf-8"))
        return record if record == "none" else Part.from_record(record)
    except (OSError, ValueError, KeyError, TypeError):
        return None


def pointed_classes(graph: Graph, elsewhere: Iterable[Graph]) -> Graph:
    """The classes the statements and documents ``graph`` points to have in the graphs that describe them
    (a check of the inferred graph on its own needs them: ``graph.validate_by_graph``)."""
    pointed = {o for o in graph.objects() if isinstance(o, URIRef)}
    found = Graph()
    for other in elsewhere:
        for node in pointed:
            for kind in other.objects(node, RDF.type):
                found.add((node, RDF.type, kind))
    return found


def inferred_nodes(graph: Graph) -> set[URIRef]:
    """The nodes the inferred graph describes itself (links, evidence, the method); the statements it
    links are described, and checked, in their sources' graphs."""
    own = (MRKG.InferredLink, MRKG.Evidence, MRKG.InferenceMethod)
    return {s for kind in own for s in graph.subjects(RDF.type, kind) if isinstance(s, URIRef)}
