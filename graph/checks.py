"""``mrkg validate``: the published graph against the shapes and the ontology.

The build already refuses a graph that violates the shapes; this check is for
what is published now (after a change of shapes, or a store loaded by other
means), and adds the OWL reasoner, which is too slow to run on every build.
"""
from __future__ import annotations

from dataclasses import dataclass

import pyoxigraph as ox
from rdflib import Graph

from graph.formats import N_TRIPLES, written
from graph.ontology import OntologyReport, check_with_data
from graph.settings import Settings
from graph.store import triples_of
from graph.store.readers import UNCAPPED_ROWS, published_data
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
    """Every triple of the published data, graphs merged (as the endpoint's default graph).

    Read through the same door as ``mrkg query`` (so from the external server
    when one is set, and within ``MRKG_QUERY_TIMEOUT``), whole: no row cap,
    since a check of part of the graph would not be a check.  A damaged store is reported as such
    (``StoreDamaged``, exit code 3), whether the damage shows when it is
    opened or only when a block of it is read.
    """
    with published_data(settings, guard=False, row_cap=UNCAPPED_ROWS) as data:
        triples = triples_of(data.query("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }"))
    union = Graph()
    union.parse(data=written(ox.serialize(triples, format=N_TRIPLES.rdf)), format=N_TRIPLES.rdflib)  # one format between the two
    return union


def check_published(settings: Settings, sample: int | None = None) -> PublishedCheck:
    graph = published_graph(settings)
    return PublishedCheck(validate(graph, settings.shapes_dir),
                          check_with_data(settings.ontology_dir / "mrkg.ttl", graph, sample))
