"""A dataset checked graph by graph, as a build checks it: never the union in one rdflib graph.

The build checks each source's graph as it makes it and the cross-document graphs node by
node (``graph.pipeline``); this module does the same to a dataset already made (its named
graphs given whole), for ``mrkg validate`` on a large store and for the test that holds the
two ways to the same verdict as one check of the union (``tests/shapes/test_validation_by_graph.py``).
"""
from __future__ import annotations

import itertools
from collections.abc import Mapping

from rdflib import Graph, URIRef

from graph import iris
from graph.shared_graphs import check_catalogue, check_shared
from graph.source_graphs import check_graph
from graph.validate import Shapes, ValidationReport
from graph.validation_context import SharedIndex

SHARED = (iris.CATALOGUE_GRAPH, iris.ONTOLOGY_GRAPH, iris.ACTORS_GRAPH, iris.SESSIONS_GRAPH)


def check_dataset(graphs: Mapping[str, Graph], shapes: Shapes) -> ValidationReport:
    """Every graph of ``graphs`` (graph name → its triples, entailed) against the shapes, graph by graph."""
    shared = [graphs.get(name, Graph()) for name in SHARED]
    index = SharedIndex([lambda node, g=g: g.triples((node, None, None)) for g in shared],  # type: ignore[misc]
                        itertools.chain(*shared), shapes.inverse_paths())
    results = []
    for name, graph in graphs.items():
        if name in SHARED:
            continue
        copy = Graph(identifier=URIRef(name))
        copy += graph
        report, _, backlinks = check_graph(copy, shapes, index)
        results += report.results
        index.add_backlinks(backlinks)
    catalogue, ontology, actors, sessions = shared
    nodes = dict.fromkeys(itertools.chain(actors.subjects(), sessions.subjects()))
    found = check_shared({node: index.inputs_digest(node) for node in nodes}, index, shapes, {})
    results += found.violations + found.warnings
    results += check_catalogue(catalogue, ontology, nodes, shapes).results
    results.sort(key=lambda r: (r.severity != "Violation", r.source_file or "~", r.line or 0, r.focus_node))
    return ValidationReport(results, sum(len(g) for g in graphs.values()))
