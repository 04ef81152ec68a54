"""The inference method on the real catalogue: words meet by stem, citations are never inferred, the confidence
is bounded and rounded, the evidence quotes the statement at its offsets, and the shapes refuse a bad link."""
from __future__ import annotations

from decimal import Decimal

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF

from graph.catalogue_reader import load_catalogue
from graph.infer.links_rdf import METHOD_IRI, link_iri, link_triples
from graph.infer.method import THRESHOLD, infer
from graph.infer.provisions import ProvisionIndex
from graph.infer.statements import SourceStatements, StatementWords
from graph.infer.words import stem, words
from graph.settings import PROJECT_ROOT
from graph.validate import Shapes, check
from graph.vocab import MRKG, NIF

GCM = "https://w3id.org/mrkg/id/instrument/gcm"
OBJECTIVE_13 = f"{GCM}/objective/13"
DOCUMENT = "https://w3id.org/mrkg/id/document/x"


@pytest.fixture(scope="module")
def index() -> ProvisionIndex:
    return ProvisionIndex.of(load_catalogue(PROJECT_ROOT / "data" / "catalogue").graph)


def source(*passages: str, begin: int = 100, cites: frozenset[str] = frozenset(),
           mentions: frozenset[str] = frozenset({GCM})) -> SourceStatements:
    statements = [StatementWords(f"https://w3id.org/mrkg/id/statement/x/{n}", DOCUMENT, begin, text, cites, mentions)
                  for n, text in enumerate(passages, 1)]
    return SourceStatements(statements, {DOCUMENT: mentions})


def test_words_meet_on_stems_and_leave_out_function_and_citation_words() -> None:
    assert stem("alternatives") == stem("alternative")
    assert stem("migrants") == stem("migration")
    assert stem("détention") == stem("detention")
    assert [w.stem for w in words("the objective of the Convention on detention")] == [stem("detention")]
    said = "Child-sensitive"
    assert [said[w.begin:w.end] for w in words(said)] == ["Child", "sensitive"]


def test_alternatives_to_detention_in_the_compact_is_objective_13(index: ProvisionIndex) -> None:
    passage = ("The Global Compact could inform the general comment in relation to alternatives to detention, "
               "as detention of children should end.")
    links = infer(source(passage), index)
    assert [link.provision for link in links][0] == OBJECTIVE_13
    link = links[0]
    assert THRESHOLD <= link.confidence <= 1
    assert round(link.confidence, 3) == link.confidence
    quoted = {evidence.words for evidence in link.evidence}
    assert "alternatives to detention" in quoted
    for evidence in link.evidence:
        assert passage[evidence.begin - 100:evidence.end - 100] == evidence.words  # document offsets
        assert evidence.field in {"title", "name", "text"} and evidence.matched


def test_a_cited_provision_or_one_related_to_it_is_never_inferred(index: ProvisionIndex) -> None:
    passage = "Alternatives to detention, as a measure of last resort, are what the Compact asks of States."
    assert OBJECTIVE_13 in {link.provision for link in infer(source(passage), index)}
    for cited in (OBJECTIVE_13, GCM + "/paragraph/29"):
        if cited in index.instrument_of:
            assert OBJECTIVE_13 not in {link.provision for link in infer(source(passage, cites=frozenset({cited})),
                                                                           index)}


def test_the_instrument_in_view_decides_whether_and_how_sure(index: ProvisionIndex) -> None:
    passage = "Alternatives to detention and the detention of children were discussed at length."
    named = {link.provision: link.confidence for link in infer(source(passage), index, threshold=0.0)}
    statement = source(passage, mentions=frozenset()).statements[0]
    in_document = SourceStatements([statement], {DOCUMENT: frozenset({GCM})})
    elsewhere = {link.provision: link.confidence for link in infer(in_document, index, threshold=0.0)}
    assert elsewhere[OBJECTIVE_13] < named[OBJECTIVE_13]
    assert infer(SourceStatements([statement], {DOCUMENT: frozenset()}), index, threshold=0.0) == []


def test_hiding_citations_blanks_their_words(index: ProvisionIndex) -> None:
    text = "He recalled objective 13 of the Compact."
    statement = StatementWords("https://w3id.org/mrkg/id/statement/x/1", DOCUMENT, 10, text,
                               frozenset({OBJECTIVE_13}), frozenset({GCM}), ((10 + 12, 10 + 24),),
                               ((10 + 32, 10 + 39, GCM),))
    hidden = SourceStatements([statement]).without_citations(index.instrument_of).statements[0]
    assert hidden.passage == "He recalled              of the Compact." and not hidden.cites
    assert hidden.mentions == {GCM}  # named outside the citation: still named


def test_the_link_graph_conforms_and_a_bad_confidence_is_refused(index: ProvisionIndex) -> None:
    passage = "Alternatives to detention in the Global Compact."
    links = infer(source(passage), index)
    graph = Graph()
    for triple in link_triples(links, {}):
        graph.add(triple)
    node = URIRef(link_iri(links[0].statement, OBJECTIVE_13))
    assert (node, MRKG.inferenceMethod, URIRef(METHOD_IRI)) in graph
    assert (URIRef(links[0].statement), MRKG.discusses, URIRef(OBJECTIVE_13)) in graph
    assert not list(graph.triples((None, MRKG.cites, None)))
    shapes = Shapes.load(PROJECT_ROOT / "shapes")
    context = Graph()
    context += graph
    context.add((URIRef(links[0].statement), RDF.type, MRKG.Statement))
    context.add((URIRef(DOCUMENT), RDF.type, MRKG.Document))
    for provision in {link.provision for link in links}:
        context.add((URIRef(provision), RDF.type, MRKG.Provision))
    for evidence in graph.subjects(RDF.type, MRKG.Evidence):
        context.add((evidence, RDF.type, NIF.String))
    own = [s for s in graph.subjects() if isinstance(s, URIRef) and "/discusses/" in str(s)]
    assert check(context, shapes, own).violations == []
    context.set((node, MRKG.confidence, Literal(Decimal("1.5"))))
    messages = [v.message for v in check(context, shapes, own).violations]
    assert any("mrkg:confidence" in message for message in messages), messages
    context.remove((URIRef(links[0].statement), MRKG.discusses, URIRef(OBJECTIVE_13)))
    messages = [v.message for v in check(context, shapes, own).violations]
    assert any("not mirrored" in message for message in messages), messages
