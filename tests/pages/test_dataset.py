"""The dataset description (VoID, DCAT) at /.well-known/void and at the dataset's own IRI."""
from __future__ import annotations

import json
from pathlib import Path

import httpx
import pyoxigraph as ox
import pytest
from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, RDF, VOID

from pages.support import Page

DCAT = Namespace("http://www.w3.org/ns/dcat#")  # rdflib's closed namespace trips pytest's introspection
SPDX = Namespace("http://spdx.org/rdf/terms#")
MRKG = Namespace("https://w3id.org/mrkg/ontology#")
DATASET = URIRef("https://w3id.org/mrkg/id/dataset")


@pytest.fixture(scope="module")
def void(http: httpx.Client) -> Graph:
    response = http.get("/.well-known/void", headers={"Accept": "*/*"})
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/turtle")
    return Graph().parse(data=response.text, format="turtle")


@pytest.fixture(scope="module")
def store(pages_var: Path) -> ox.Store:
    return ox.Store.read_only(str(pages_var / "current" / "store"))


def count(store: ox.Store, query: str) -> int:
    return int(next(iter(store.query(query, use_default_graph_as_union=True)))[0].value)


def test_title_licence_publisher_dates(void: Graph) -> None:
    assert (DATASET, RDF.type, VOID.Dataset) in void
    assert (DATASET, RDF.type, DCAT.Dataset) in void
    assert void.value(DATASET, DCTERMS.title) == Literal("Migrant Rights Knowledge Graph", lang="en")
    assert void.value(DATASET, DCTERMS.description)
    assert void.value(DATASET, DCTERMS.license) == URIRef("https://creativecommons.org/licenses/by/4.0/")
    assert void.value(DATASET, DCTERMS.publisher) is not None
    assert void.value(DATASET, DCTERMS.issued) is not None and void.value(DATASET, DCTERMS.modified) is not None


def test_endpoint_and_uri_space(void: Graph, site_url: str) -> None:
    assert void.value(DATASET, VOID.sparqlEndpoint) == URIRef(site_url + "/sparql")
    assert str(void.value(DATASET, VOID.uriSpace)) == "https://w3id.org/mrkg/id/"


def test_distributions_carry_size_and_checksum_from_the_manifest(void: Graph, pages_var: Path, site_url: str) -> None:
    written = json.loads((pages_var / "current" / "dumps" / "manifest.json").read_text())["dumps"]
    for dump in written:
        url = URIRef(f"{site_url}/dumps/{dump['name']}")
        (distribution,) = list(void.subjects(DCAT.downloadURL, url))
        assert (DATASET, DCAT.distribution, distribution) in void
        assert int(void.value(distribution, DCAT.byteSize)) == dump["bytes"]
        checksum = void.value(distribution, SPDX.checksum)
        assert void.value(checksum, SPDX.algorithm) == SPDX.checksumAlgorithm_sha256
        assert str(void.value(checksum, SPDX.checksumValue)) == dump["sha256"]
        if dump["name"] == "mrkg-akn.zip":  # Akoma Ntoso XML: a distribution, not an RDF dump (issue 14, item 3)
            assert (DATASET, VOID.dataDump, url) not in void
            assert void.value(distribution, VOID.triples) is None
            assert void.value(distribution, DCAT.mediaType) == URIRef("https://www.iana.org/assignments/media-types/application/zip")
            continue
        assert (DATASET, VOID.dataDump, url) in void
        assert int(void.value(distribution, VOID.triples)) == dump["triples"]
        assert void.value(distribution, DCAT.compressFormat) == URIRef("https://www.iana.org/assignments/media-types/application/gzip")
    assert "mrkg-akn.zip" in {dump["name"] for dump in written}


def test_counts_match_the_store(void: Graph, store: ox.Store) -> None:
    triples = count(store, "SELECT (COUNT(*) AS ?n) WHERE { SELECT DISTINCT ?s ?p ?o WHERE { ?s ?p ?o } }")
    assert int(void.value(DATASET, VOID.triples)) == triples
    statements = count(store, "SELECT (COUNT(DISTINCT ?s) AS ?n) WHERE { ?s a <https://w3id.org/mrkg/ontology#Statement> }")
    (partition,) = [p for p in void.objects(DATASET, VOID.classPartition) if void.value(p, VOID["class"]) == MRKG.Statement]
    assert int(void.value(partition, VOID.entities)) == statements == 7
    cites = count(store, "SELECT (COUNT(*) AS ?n) WHERE { ?s <https://w3id.org/mrkg/ontology#cites> ?o }")
    (partition,) = [p for p in void.objects(DATASET, VOID.propertyPartition) if void.value(p, VOID.property) == MRKG.cites]
    assert int(void.value(partition, VOID.triples)) == cites


def test_one_subset_per_named_graph(void: Graph, store: ox.Store) -> None:
    graphs = {g.value for g in store.named_graphs()}
    subsets = {str(s) for s in void.objects(DATASET, VOID.subset)}
    assert subsets == graphs
    source = URIRef("https://w3id.org/mrkg/id/graph/source/001_572bfb9b02552e02")
    expected = count(store, f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{source}> {{ ?s ?p ?o }} }}")
    assert int(void.value(source, VOID.triples)) == expected


def test_examples_and_vocabularies(void: Graph) -> None:
    examples = set(void.objects(DATASET, VOID.exampleResource))
    assert URIRef("https://w3id.org/mrkg/id/instrument/icrmw/article/22") in examples  # the most cited provision
    vocabularies = {str(v) for v in void.objects(DATASET, VOID.vocabulary)}
    assert {"https://w3id.org/mrkg/ontology#", "http://purl.org/spar/cito/",
            "http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#"} <= vocabularies
    assert "http://rdfs.org/ns/void#" not in vocabularies  # not used in the data itself


def test_other_rdf_forms(http: httpx.Client) -> None:
    response = http.get("/.well-known/void", headers={"Accept": "application/ld+json"})
    assert response.headers["content-type"].startswith("application/ld+json")
    assert any(node.get("@id") == str(DATASET) for node in response.json())


def test_browsers_get_a_page(http: httpx.Client) -> None:
    response = http.get("/.well-known/void", headers={"Accept": "text/html,*/*;q=0.8"})
    assert response.headers["content-type"].startswith("text/html")
    shown = Page(response.text)
    assert shown.h1 == ["Migrant Rights Knowledge Graph"]
    assert shown.hrefs("mrkg.nq.gz") == ["/dumps/mrkg.nq.gz"]


def test_the_dataset_iri_resolves(http: httpx.Client) -> None:
    assert Page(http.get("/id/dataset").text).h1 == ["Migrant Rights Knowledge Graph"]
    turtle = Graph().parse(data=http.get("/id/dataset.ttl").text, format="turtle")
    assert (DATASET, RDF.type, VOID.Dataset) in turtle


def test_graph_iris_resolve_to_their_subset(http: httpx.Client) -> None:
    response = http.get("/id/graph/catalogue.ttl")
    assert response.status_code == 200
    graph = Graph().parse(data=response.text, format="turtle")
    assert int(graph.value(URIRef("https://w3id.org/mrkg/id/graph/catalogue"), VOID.triples)) > 0
    assert Page(http.get("/id/graph/catalogue").text).h1 == ["The catalogue graph"]
