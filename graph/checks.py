"""``mrkg validate``: the published graph against the shapes and the ontology.

The build already refuses a graph that violates the shapes; this check is for
what is published now (after a change of shapes, or a store loaded by other
means), and adds the OWL reasoner, which is too slow to run on every build.
"""
from __future__ import annotations

from dataclasses import dataclass

from rdflib import Dataset, Graph

from graph.formats import N_QUADS
from graph.local_query import open_published
from graph.ontology import OntologyReport, check_with_data
from graph.settings import Settings
from graph.store import reading
from graph.validate import ValidationReport, validate


@dataclass
class PublishedCheck:
    shapes: ValidationReport
    reasoner: OntologyReport

    @property
    def conforms(self) -> bool:
        return self.shapes.conforms and self.reasoner.ok

    def text(self) -> str:
        verdict = "conforms" if self.conforms else "does NOT conform"
        return "\n\n".join([f"The published graph {verdict}.", "SHACL:\n" + self.shapes.text(),
                            self.reasoner.text()])


def published_graph(settings: Settings) -> Graph:
    """Every triple of the published store, graphs merged (as the endpoint's default graph).

    A damaged store is reported as such (``StoreDamaged``, exit code 3), whether
    the damage shows when it is opened or only when a block of it is read.
    """
    store = open_published(settings)
    with reading(settings.current_dir / "store"):
        nquads = store.dump(format=N_QUADS.rdf)
    dataset = Dataset()
    dataset.parse(data=nquads, format=N_QUADS.rdflib)  # handed from pyoxigraph to rdflib in one format
    union = Graph()
    for graph in dataset.graphs():
        union += graph
    return union


def check_published(settings: Settings, sample: int | None = None) -> PublishedCheck:
    graph = published_graph(settings)
    return PublishedCheck(validate(graph, settings.shapes_dir),
                          check_with_data(settings.ontology_dir / "mrkg.ttl", graph, sample))
