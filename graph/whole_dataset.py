"""Every named graph of a few documents in one rdflib dataset: for reports and tests, not a build's way.

A build never holds the union (``graph.pipeline``); a report that scores a handful of
documents against their annotation, or a test of the ontology, reads them more simply so.
"""
from __future__ import annotations

from rdflib import Dataset, Graph, URIRef

from graph import iris
from graph.actors_graph import actors_graph
from graph.build_summary import BuildSummary, DocumentSummary
from graph.catalogue import Catalogue
from graph.entailment import materialise
from graph.extract.actors import resolve_actors
from graph.records import ParsedDocument
from graph.sessions_graph import sessions_graph
from graph.to_rdf import source_graph


def assemble(documents: list[ParsedDocument], catalogue: Catalogue, ontology: Graph) -> tuple[Dataset, BuildSummary]:
    """Every named graph of ``documents``, with entailed triples added."""
    summary = BuildSummary()
    actors = resolve_actors(documents, catalogue.known_actors())
    summary.actors = len(actors)
    sessions, disagreements = sessions_graph(documents, actors)
    graphs = [ontology, catalogue.graph, _named(actors_graph(actors, documents) - catalogue.graph, iris.ACTORS_GRAPH),
              sessions]
    for document in documents:
        graph = source_graph(document, catalogue)
        graphs.append(graph)
        summary.documents.append(DocumentSummary(
            document.source.name, str(document.kind), len(document.statements),
            sum(len(s.citations) for s in document.statements),
            sum(len(s.mentions) for s in document.statements), len(graph)))
        summary.notes.extend(document.notes)
    dataset = Dataset()
    for graph in graphs:
        named = dataset.graph(graph.identifier)
        for triple in graph:
            named.add(triple)
    summary.notes.extend(disagreements)
    summary.entailed = materialise(dataset, ontology)
    summary.triples = sum(1 for _ in dataset.quads((None, None, None, None)))
    return dataset, summary


def _named(graph: Graph, name: str) -> Graph:
    named = Graph(identifier=URIRef(name))
    named += graph
    return named
