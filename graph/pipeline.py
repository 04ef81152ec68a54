"""``build()``: every step of the data flow, in order.

    sources ─parse─▶ documents ─extract─▶ records ─to RDF─▶ quads
        + ontology + catalogue ─materialise─▶ ─validate (SHACL)─▶ ─publish─▶ store + dumps

Each step reports one progress line.  Any error stops the build before
``publish``, so what is already published stays as it was.
"""
from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

import pyoxigraph as ox
from rdflib import Dataset, Graph, URIRef
from rdflib.compare import to_canonical_graph

from graph import iris
from graph.actors_graph import actors_graph
from graph.catalogue import Catalogue
from graph.catalogue_reader import load_catalogue
from graph.entailment import materialise
from graph.errors import ValidationFailed
from graph.extract.actors import resolve_actors
from graph.extract.citations import extract_references
from graph.external_load import load_into_external
from graph.ontology import load_ontology as load_ontology_file
from graph.publish import publish
from graph.records import ParsedDocument
from graph.settings import Settings
from graph.sessions_graph import sessions_graph
from graph.sources import Reading, find_sources, read_document, read_source
from graph.to_rdf import source_graph
from graph.validate import validate

Progress = Callable[[str], None]


@dataclass
class DocumentSummary:
    source: str
    genre: str
    statements: int
    citations: int
    mentions: int
    triples: int = 0
    reader: dict[str, object] = field(default_factory=dict)  # which reader read it, and why (its cues)


@dataclass
class BuildSummary:
    documents: list[DocumentSummary] = field(default_factory=list)
    actors: int = 0
    triples: int = 0
    entailed: int = 0
    violations: int = 0
    notes: list[str] = field(default_factory=list)
    seconds: float = 0.0
    release: Path | None = None

    @property
    def statements(self) -> int:
        return sum(d.statements for d in self.documents)

    def as_record(self) -> dict[str, object]:
        return {
            "documents": [d.__dict__ for d in self.documents],
            "statements": self.statements,
            "actors": self.actors,
            "triples": self.triples,
            "entailed": self.entailed,
            "violations": self.violations,
            "notes": self.notes,
            "seconds": round(self.seconds, 3),
        }


def load_ontology(directory: Path) -> Graph:
    """Every ``*.ttl`` of the ontology folder, as the ontology's named graph (a file that is not
    valid Turtle stops the build with its name).

    Its blank nodes (restrictions, unions, lists) get labels derived from the
    triples around them (rdflib's canonical labelling), not the random ones of
    the Turtle parser, so that the same ontology gives byte-identical dumps and
    the same build digest (issue 10 item 10).  They stay blank nodes: OWL reads
    an anonymous class expression only as one.
    """
    merged = Graph()
    for path in sorted(directory.glob("*.ttl")):
        merged += load_ontology_file(path)
    ontology = Graph(identifier=URIRef(iris.ONTOLOGY_GRAPH))
    for triple in to_canonical_graph(merged):
        ontology.add(triple)
    return ontology


def parse_sources(settings: Settings, catalogue: Catalogue, progress: Progress,
                  readings: dict[str, Reading] | None = None) -> list[ParsedDocument]:
    """Every source, read by the reader its cues choose; ``readings`` (if given) keeps each choice by file name."""
    documents = []
    for path in find_sources(settings.sources_dir):
        started = time.perf_counter()
        source = read_source(path)
        document, reading = read_document(source)
        if readings is not None:
            readings[source.name] = reading
        # Readers note things by line; the build report names the file too.
        document.notes = [note if note.startswith(source.name) else f"{source.name}: {note}" for note in document.notes]
        document.notes.extend(extract_references(document, catalogue))
        documents.append(document)
        citations = sum(len(s.citations) for s in document.statements)
        mentions = sum(len(s.mentions) for s in document.statements)
        progress(
            f"  {source.name}: {document.kind}, {len(document.statements)} statements, "
            f"{citations} citations, {mentions} mentions ({time.perf_counter() - started:.2f} s); "
            f"read as {reading.why}"
        )
    return documents


def _add_graph(dataset: Dataset, name: str, graph: Graph) -> None:
    named = dataset.graph(URIRef(name))
    for triple in graph:
        named.add(triple)


def assemble(documents: list[ParsedDocument], catalogue: Catalogue, ontology: Graph) -> tuple[Dataset, BuildSummary]:
    """Every named graph of the build, with entailed triples added."""
    summary = BuildSummary()
    actors = resolve_actors(documents, catalogue.known_actors())
    summary.actors = len(actors)
    dataset = Dataset()
    _add_graph(dataset, iris.ONTOLOGY_GRAPH, ontology)
    _add_graph(dataset, iris.CATALOGUE_GRAPH, catalogue.graph)
    # Oxigraph's union default graph repeats a triple held by two graphs, so a
    # triple lives in one graph only: what the catalogue says is not said again.
    _add_graph(dataset, iris.ACTORS_GRAPH, actors_graph(actors, documents) - catalogue.graph)
    # What several documents can name is described once (issue 11, point 1); each source's graph
    # holds only where that document names it.
    sessions, disagreements = sessions_graph(documents, actors)
    _add_graph(dataset, iris.SESSIONS_GRAPH, sessions)
    for document in documents:
        graph = source_graph(document, catalogue)
        _add_graph(dataset, str(graph.identifier), graph)
        summary.documents.append(DocumentSummary(
            document.source.name, str(document.kind), len(document.statements),
            sum(len(s.citations) for s in document.statements),
            sum(len(s.mentions) for s in document.statements), len(graph)))
        summary.notes.extend(document.notes)
    summary.notes.extend(disagreements)
    summary.entailed = materialise(dataset, ontology)
    summary.triples = sum(1 for _ in dataset.quads((None, None, None, None)))
    return dataset, summary


def build(settings: Settings, progress: Progress = lambda line: None) -> BuildSummary:
    started = time.perf_counter()
    progress(f"catalogue: {settings.catalogue_dir}")
    catalogue = load_catalogue(settings.catalogue_dir)
    ontology = load_ontology(settings.ontology_dir)
    progress(f"sources: {settings.sources_dir}")
    readings: dict[str, Reading] = {}
    documents = parse_sources(settings, catalogue, progress, readings)
    dataset, summary = assemble(documents, catalogue, ontology)
    for described in summary.documents:
        described.reader = readings[described.source].as_record()
    progress(f"graph: {summary.triples} quads ({summary.entailed} entailed), {summary.actors} actors")
    # The ontology's graph is part of what is checked: sh:class constraints find the
    # instrument kinds and roles it declares.
    report = validate(dataset, settings.shapes_dir)
    summary.violations = len(report.violations)
    progress(f"shapes: {'conforms' if report.conforms else f'{summary.violations} violations'}")
    if not report.conforms:
        raise ValidationFailed(report.text(), summary.violations)
    summary.seconds = time.perf_counter() - started
    nquads = dataset.serialize(format="nquads", encoding="utf-8")
    if settings.external_update_endpoint:
        # Before the local swap: a server that refuses the build leaves the local store as it was.
        in_memory = ox.Store()
        in_memory.load(nquads, ox.RdfFormat.N_QUADS)
        sent = load_into_external(in_memory, settings.external_update_endpoint)
        progress(f"external server: {sent} named graphs replaced at {settings.external_update_endpoint}")
    summary.release = publish(nquads, settings.var_dir, summary.as_record(), progress)
    progress(f"published: {summary.release}")
    summary.seconds = time.perf_counter() - started
    return summary
