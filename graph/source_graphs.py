"""One source's graph: written, entailed, checked with what it points to, kept as a part (issue 11, point 5).

Each source is done on its own and let go before the next: its graph (``graph.to_rdf``), what
the ontology's hierarchy entails in it (``graph.entailment``), its check against the shapes
with the classes of the shared nodes it points to (``graph.validation_context``; its own
nodes only are focus nodes), and its quads written to disk (``graph.graph_parts``).  The
cost of a source does not depend on how many others there are, and neither does the memory.

A graph already checked is taken as it is when nothing it was made from changed (its key:
the source, how it is read, how the actors it names resolve) and what it points to still has
the classes it was checked with; when only those classes changed it is checked again from its
stored quads, without reading the source.
"""
from __future__ import annotations

import hashlib
from collections.abc import Mapping

from rdflib import Graph, URIRef

from graph.build_cache import CheckedGraph
from graph.build_inputs import BuildInputs
from graph.cross_document import SharedNames
from graph.entailment import Hierarchy, materialise_graph
from graph.extract.actors import Printed, apply_resolution
from graph.graph_parts import Part, PartFiles
from graph.records import ActorKind, ParsedDocument
from graph.to_rdf import source_graph
from graph.validate import Shapes, ValidationReport, check
from graph.validation_context import BackLink, SharedIndex


def graph_key(source_key: str, names: SharedNames, resolved: Mapping[Printed, tuple[str, ActorKind]]) -> str:
    """A source's graph depends on the source and on the keys its actors got across the corpus."""
    digest = hashlib.sha256(source_key.encode())
    for form, _ in sorted(names.printed, key=lambda pair: repr(pair[0])):
        key, kind = resolved[form]
        digest.update(f"\n{form!r} {key} {kind}".encode())
    return digest.hexdigest()


def make_source_graph(document: ParsedDocument, key: str, inputs: BuildInputs, hierarchy: Hierarchy,
                      resolved: Mapping[Printed, tuple[str, ActorKind]], index: SharedIndex,
                      parts: PartFiles, overwrite: bool = False) -> CheckedGraph:
    apply_resolution(document, resolved)
    graph = source_graph(document, inputs.catalogue)
    triples = len(graph)
    entailed = materialise_graph(graph, hierarchy)
    part = parts.write(str(graph.identifier), f"source/{document.source.stem}", graph, overwrite)
    assert part is not None  # a document has at least its own description
    return _checked(key, part, graph, triples, entailed, inputs, index)


def check_again(checked: CheckedGraph, inputs: BuildInputs, index: SharedIndex, parts: PartFiles) -> CheckedGraph:
    """The stored graph, checked with the classes its shared nodes have now."""
    graph = parts.graph(checked.part)
    return _checked(checked.key, checked.part, graph, checked.triples, checked.entailed, inputs, index)


def _checked(key: str, part: Part, graph: Graph, triples: int, entailed: int, inputs: BuildInputs,
             index: SharedIndex) -> CheckedGraph:
    report, references, backlinks = check_graph(graph, inputs.shapes, index)
    return CheckedGraph(key, part, triples, entailed, references, backlinks,
                        [result.__dict__ for result in report.violations], len(report.warnings))


def check_graph(graph: Graph, shapes: Shapes,
                index: SharedIndex) -> tuple[ValidationReport, dict[str, list[str]], list[BackLink]]:
    """Check one source's graph: its own nodes, with the classes of the shared nodes it points to (added to
    ``graph``); also what it points to, with those classes, and its links back to shared nodes."""
    own = {node for node in graph.subjects() if isinstance(node, URIRef)}
    references = index.references(graph)
    backlinks = index.source_backlinks(graph)
    for triple in index.context(references):
        graph.add(triple)
    for node in own & index.types.keys():
        # A node the shared graphs describe too (no writer does this today): checked with all that is said of it.
        for triple in index.inputs(node):
            graph.add(triple)
    return check(graph, shapes, own), references, backlinks
