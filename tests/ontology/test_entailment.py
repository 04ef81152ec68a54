"""Materialised super-classes and super-properties, checked triple by triple."""
from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import BNode, Dataset, Graph, Literal, Namespace, URIRef
from rdflib.namespace import FOAF, ORG, OWL, PROV, RDF, RDFS

from graph.entailment import materialise, superclasses, superproperties
from graph.vocab import CITO, ELI, MRKG, NIF, SCHEMA
from synthetic import synthetic_dataset

ONTOLOGY = Path(__file__).resolve().parents[2] / "ontology" / "mrkg.ttl"
ID = Namespace("https://w3id.org/mrkg/id/")
SOURCE = URIRef(ID["graph/source/sr506"])
CATALOGUE = URIRef(ID["graph/catalogue"])


@pytest.fixture(scope="module")
def ontology() -> Graph:
    return Graph().parse(ONTOLOGY)


def test_class_closure_reaches_outside_vocabularies(ontology: Graph) -> None:
    parents = superclasses(ontology)
    assert parents[MRKG.Article] == {MRKG.Provision, ELI.LegalResourceSubdivision}
    assert parents[MRKG.Person] == {MRKG.Actor, FOAF.Person, PROV.Person, FOAF.Agent, PROV.Agent}
    assert parents[MRKG.SummaryRecord] == {MRKG.Document, FOAF.Document, PROV.Entity, NIF.Context}
    assert parents[MRKG.Meeting] == {MRKG.Session, SCHEMA.Event}
    assert ORG.Organization in parents[MRKG.State]


def test_property_closure(ontology: Graph) -> None:
    parents = superproperties(ontology)
    assert parents[MRKG.cites] == {CITO.cites}
    assert parents[MRKG.partOf] == {ELI.is_part_of}
    assert parents[MRKG.speaker] == {PROV.wasAttributedTo}
    assert parents[MRKG.number] == {ELI.number}
    assert MRKG.text not in parents


def test_closure_is_transitive_and_survives_cycles_and_restrictions() -> None:
    ex = Namespace("http://example.org/")
    graph = Graph()
    graph.add((ex.A, RDFS.subClassOf, ex.B))
    graph.add((ex.B, RDFS.subClassOf, ex.C))
    graph.add((ex.C, RDFS.subClassOf, ex.B))  # B and C are equivalent
    restriction = BNode()
    graph.add((restriction, RDF.type, OWL.Restriction))
    graph.add((ex.A, RDFS.subClassOf, restriction))
    parents = superclasses(graph)
    assert parents[ex.A] == {ex.B, ex.C}
    assert parents[ex.B] == {ex.C}
    assert parents[ex.C] == {ex.B}


def _small_dataset() -> Dataset:
    dataset = Dataset()
    catalogue = dataset.graph(CATALOGUE)
    article = ID["instrument/icrmw/article/22"]
    catalogue.add((article, RDF.type, MRKG.Article))
    catalogue.add((article, MRKG.number, Literal("22")))
    catalogue.add((article, MRKG.partOf, ID["instrument/icrmw"]))
    source = dataset.graph(SOURCE)
    statement = ID["statement/sr506/3"]
    source.add((statement, RDF.type, MRKG.Statement))
    source.add((statement, MRKG.speaker, ID["actor/salama"]))
    source.add((statement, MRKG.cites, article))
    source.add((statement, MRKG.text, Literal("Mr. Salama said that …")))
    source.add((ID["actor/salama"], RDF.type, MRKG.Person))
    return dataset


def test_materialise_adds_exactly_the_entailed_triples_in_the_same_graph(ontology: Graph) -> None:
    dataset = _small_dataset()
    before = {g.identifier: set(g) for g in dataset.graphs()}
    added = materialise(dataset, ontology)
    after = {g.identifier: set(g) for g in dataset.graphs()}
    article = ID["instrument/icrmw/article/22"]
    statement = ID["statement/sr506/3"]
    salama = ID["actor/salama"]
    assert after[CATALOGUE] - before[CATALOGUE] == {
        (article, RDF.type, MRKG.Provision),
        (article, RDF.type, ELI.LegalResourceSubdivision),
        (article, ELI.number, Literal("22")),
        (article, ELI.is_part_of, ID["instrument/icrmw"]),
    }
    assert after[SOURCE] - before[SOURCE] == {
        (statement, RDF.type, PROV.Entity),
        (statement, RDF.type, NIF.String),
        (statement, PROV.wasAttributedTo, salama),
        (statement, CITO.cites, article),
        (salama, RDF.type, MRKG.Actor),
        (salama, RDF.type, FOAF.Person),
        (salama, RDF.type, PROV.Person),
        (salama, RDF.type, FOAF.Agent),
        (salama, RDF.type, PROV.Agent),
    }
    assert before[SOURCE] <= after[SOURCE] and before[CATALOGUE] <= after[CATALOGUE]
    assert added == 4 + 9


def test_materialise_is_idempotent(ontology: Graph) -> None:
    dataset = _small_dataset()
    materialise(dataset, ontology)
    size = sum(len(g) for g in dataset.graphs())
    assert materialise(dataset, ontology) == 0
    assert sum(len(g) for g in dataset.graphs()) == size


def test_consumers_of_outside_vocabularies_get_answers(ontology: Graph) -> None:
    dataset = _small_dataset()
    query = """
        PREFIX cito: <http://purl.org/spar/cito/>  PREFIX eli: <http://data.europa.eu/eli/ontology#>
        PREFIX prov: <http://www.w3.org/ns/prov#>   PREFIX foaf: <http://xmlns.com/foaf/0.1/>
        SELECT ?statement ?provision ?instrument ?person WHERE {
            ?statement cito:cites ?provision ; prov:wasAttributedTo ?person .
            ?provision eli:is_part_of ?instrument .
            ?person a foaf:Person .
        }"""
    union = Graph()
    for s, p, o, _ in dataset.quads((None, None, None, None)):
        union.add((s, p, o))
    assert list(union.query(query)) == []
    materialise(dataset, ontology)
    union = Graph()
    for s, p, o, _ in dataset.quads((None, None, None, None)):
        union.add((s, p, o))
    rows = [tuple(row) for row in union.query(query)]
    assert rows == [
        (ID["statement/sr506/3"], ID["instrument/icrmw/article/22"], ID["instrument/icrmw"], ID["actor/salama"])
    ]


def test_tens_of_thousands_of_triples_are_materialised_once(ontology: Graph) -> None:
    """Its speed is the build benchmark's to measure (``make build-benchmark``), not a timed unit test's."""
    dataset = synthetic_dataset(sources=3, statements_per_source=300)
    size = sum(len(g) for g in dataset.graphs())
    added = materialise(dataset, ontology)
    assert size > 35_000
    assert added > 10_000
    assert sum(len(g) for g in dataset.graphs()) == size + added
    assert materialise(dataset, ontology) == 0  # a fixed point: nothing is added twice
