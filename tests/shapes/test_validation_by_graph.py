"""Checking graph by graph finds what checking the union finds (issue 11, point 5).

A build checks each source's graph with the classes of the shared nodes it points to, and each
node of the cross-document graphs once, with what points back to it; it never holds the union.
Here the published graph of the five sources is checked both ways: as published (both find it
conforms, with the same warnings) and with faults put in of each kind a shape can catch across
graphs (a class looked up in another graph, ``sh:not``/``sh:or`` of classes on a value the
check does not focus on, a link followed backwards from another graph, a count over a shared
node, a document's passages against its text, the catalogue's own checks).  Both ways must
report the same results, and every fault.
"""
from __future__ import annotations

import gzip
from pathlib import Path

import pytest
from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, RDF, RDFS

from graph import iris
from graph.settings import PROJECT_ROOT
from graph.validate import Shapes, ValidationReport, check
from graph.validate_by_graph import check_dataset
from graph.vocab import MRKG, NIF

pytestmark = pytest.mark.slow

SR506 = "001_572bfb9b02552e02"
SR450 = "000_454c943b3bec582e"


def published_graphs(var: Path) -> dict[str, Graph]:
    dataset = Dataset()
    with gzip.open(var / "current" / "dumps" / "mrkg.nq.gz", "rb") as packed:
        dataset.parse(packed, format="nquads")
    graphs = {}
    for graph in dataset.graphs():
        if isinstance(graph.identifier, URIRef) and len(graph):
            copy = Graph(identifier=graph.identifier)
            copy += graph
            graphs[str(graph.identifier)] = copy
    return graphs


def union(graphs: dict[str, Graph]) -> Graph:
    merged = Graph()
    for graph in graphs.values():
        merged += graph
    return merged


def verdicts(report: ValidationReport) -> set[tuple[str | None, ...]]:
    return {(r.severity, r.focus_node, r.shape, r.path, r.value, r.message) for r in report.results}


@pytest.fixture(scope="module")
def shapes() -> Shapes:
    return Shapes.load(PROJECT_ROOT / "shapes")


def test_the_published_graph_conforms_both_ways_with_the_same_warnings(published_var: Path, shapes: Shapes) -> None:
    graphs = published_graphs(published_var)
    whole = check(union(graphs), shapes)
    by_graph = check_dataset(graphs, shapes)
    assert whole.conforms and by_graph.conforms
    assert verdicts(by_graph) == verdicts(whole)


def test_every_kind_of_fault_is_found_both_ways(published_var: Path, shapes: Shapes) -> None:
    graphs = published_graphs(published_var)
    source = graphs[iris.source_graph(SR506)]
    sessions = graphs[iris.SESSIONS_GRAPH]
    statement = URIRef(iris.statement(SR506, "3"))
    meeting = URIRef(iris.session("cmw/35/meeting/506"))
    other_meeting = URIRef(iris.session("cmw/32/meeting/450"))
    record_session = URIRef(iris.session("cmw/32"))
    provision = URIRef(iris.ID + "instrument/icrmw/article/22")
    mention = next(s for s in source.subjects(MRKG.mentionOf, meeting))
    passage = next(source.subjects(NIF.referenceContext, URIRef(iris.document(SR450))), None) or \
        next(graphs[iris.source_graph(SR450)].subjects(NIF.referenceContext, URIRef(iris.document(SR450))))
    actor = next(s for s in graphs[iris.ACTORS_GRAPH].subjects(RDF.type, MRKG.Person))
    catalogue = graphs[iris.CATALOGUE_GRAPH]

    source.remove((statement, MRKG.text, None))                      # a count on a source's own node
    source.add((statement, MRKG.cites, meeting))                      # sh:class, the class held by another graph
    source.set((mention, MRKG.mentionOf, provision))                  # sh:or of classes on a value not in focus
    sessions.set((meeting, MRKG.partOfSession, other_meeting))       # sh:not of a class on a value not in focus
    sessions.remove((record_session, DCTERMS.date, None))            # sh:or with a link back from a document
    sessions.add((meeting, NIF.beginIndex, Literal(3)))              # offsets on a node several documents name
    graphs[iris.source_graph(SR450)].set((passage, NIF.anchorOf, Literal("not what the text says")))
    graphs[iris.ACTORS_GRAPH].add((actor, RDFS.label, Literal("another name", lang="en")))
    graphs[iris.ACTORS_GRAPH].add((actor, RDFS.label, Literal("yet another name", lang="en")))
    catalogue.remove((provision, MRKG.partOf, None))                  # the catalogue's own shapes

    whole = check(union(graphs), shapes)
    by_graph = check_dataset(graphs, shapes)
    assert verdicts(by_graph) == verdicts(whole)
    found = {(r.focus_node, r.shape) for r in by_graph.violations}
    expected = {
        (str(statement), "mrkgsh:StatementShape"),
        (str(mention), "mrkgsh:MentionShape"),
        (str(meeting), "mrkgsh:MeetingShape"),
        (str(record_session), "mrkgsh:SessionShape"),
        (str(meeting), "mrkgsh:NamedByManyShape"),
        (iris.document(SR450), "mrkgsh:DocumentShape"),
        (str(actor), "mrkgsh:label"),  # two English labels: the reused property shape of every label
        (str(provision), "mrkgsh:ProvisionShape"),
    }
    assert expected <= found, expected - found
    cited = [r for r in by_graph.violations if r.focus_node == str(statement) and r.path == "mrkg:cites"]
    assert cited and "mrkg:cites names a provision" in cited[0].message
