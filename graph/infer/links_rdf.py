"""Inferred links as triples of the inferred graph: the link, its confidence, its evidence, its method.

The link itself is ``<statement> mrkg:discusses <provision>``, a plain triple a query can join
on; what makes it a guess is said beside it, on a node of its own (``mrkg:InferredLink``, under
the statement's IRI): how sure (``mrkg:confidence``, an xsd:decimal from 0 to 1), by which method
(``mrkg:inferenceMethod``), and on what evidence (``mrkg:evidence``: the statement's words at their
offsets in the document, and what of the provision they met, its title, a name or its text).
Everything here goes to ``id:graph/inferred`` only, never to a source's graph, and nothing here is
``mrkg:cites`` (the contract, second part).
"""
from __future__ import annotations

from collections.abc import Iterable, Iterator
from rdflib import Literal, URIRef
from rdflib.term import Node

from graph import iris
from graph.infer import method
from graph.vocab import MRKG, NIF, RDF, RDFS, XSD

Triple = tuple[Node, Node, Node]
METHOD_IRI = f"{iris.ID}method/{method.METHOD}"


def link_iri(statement: str, provision: str) -> str:
    return f"{statement}/discusses/{provision.removeprefix(iris.ID)}"


def decimal(value: float) -> Literal:
    """The canonical xsd:decimal form ("0.4", "1.0"): the same number is the same term in every writer."""
    return Literal(decimal_text(value), datatype=XSD.decimal)


def decimal_text(value: float) -> str:
    text = f"{value:.{method.DIGITS}f}".rstrip("0")
    return text + "0" if text.endswith(".") else text


def link_triples(links: Iterable[method.Link], labels: dict[str, str]) -> Iterator[Triple]:
    """``labels``: each provision's label, for the label of its links."""
    for link in links:
        statement, provision, node = URIRef(link.statement), URIRef(link.provision), URIRef(link_iri(link.statement,
                                                                                                   link.provision))
        yield statement, MRKG.discusses, provision
        yield node, RDF.type, MRKG.InferredLink
        yield node, RDFS.label, Literal(f"Discusses {labels.get(link.provision, link.provision)} "
                                        f"(inferred, confidence {decimal_text(link.confidence)})", lang="en")
        yield node, MRKG.linkedStatement, statement
        yield node, MRKG.linkedProvision, provision
        yield node, MRKG.confidence, decimal(link.confidence)
        yield node, MRKG.inferenceMethod, URIRef(METHOD_IRI)
        for evidence in link.evidence:
            span = URIRef(f"{node}/evidence/{evidence.begin}-{evidence.end}")
            yield node, MRKG.evidence, span
            yield span, RDF.type, MRKG.Evidence
            yield span, RDFS.label, Literal(f"“{evidence.words}” meets the {evidence.field} “{evidence.matched}”",
                                            lang="en")
            yield span, NIF.beginIndex, Literal(evidence.begin, datatype=XSD.integer)
            yield span, NIF.endIndex, Literal(evidence.end, datatype=XSD.integer)
            yield span, NIF.anchorOf, Literal(evidence.words)
            yield span, NIF.referenceContext, URIRef(link.document)
            yield span, NIF.superString, statement
            yield span, MRKG.matchedField, Literal(evidence.field)
            yield span, MRKG.matchedWords, Literal(evidence.matched)


def method_triples() -> Iterator[Triple]:
    """The method, described once in the inferred graph: what it is and the threshold it was published at."""
    node = URIRef(METHOD_IRI)
    yield node, RDF.type, MRKG.InferenceMethod
    yield node, RDFS.label, Literal(f"Provision links by term coverage ({method.METHOD})", lang="en")
    yield node, RDFS.comment, Literal(
        "A statement discusses a provision when it uses the provision's telling words (its title, names and "
        "text, cut to stems and weighted by how few provisions use them), in the context of the provision's "
        "instrument; cited provisions are never inferred. Measured against the explicit citations it was not "
        "shown: see the README, section Inferred provision links.", lang="en")
    yield node, MRKG.threshold, decimal(method.THRESHOLD)
