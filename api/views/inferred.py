"""The statements a provision's page shows as discussing it by inference, apart from those that cite it.

Read from the inferred graph only (``GRAPH id:graph/inferred``, issue 13 item 5), surest first, each
with its confidence and the words of the statement the link rests on: a researcher sees at once that
these are guesses, how sure, and why.
"""
from __future__ import annotations

from dataclasses import dataclass, field

import pyoxigraph as ox

from api.views.query import construct, iri, select
from api.views.resources import Link, labels
from graph import iris
from graph.store import PublishedData

LIMIT = 200  # a provision's inferred statements shown on its page, the surest first


@dataclass
class InferredStatement:
    statement: Link
    confidence: str  # as published: "0.62"
    evidence: list[str] = field(default_factory=list)  # the statement's words, in its order


@dataclass
class InferredStatements:
    items: list[InferredStatement]
    total: int
    threshold: str | None  # the lowest confidence the method publishes


def inferred_statements(store: PublishedData, provision: str) -> InferredStatements:
    graph = iri(iris.INFERRED_GRAPH)
    rows = select(store, f"""SELECT ?statement ?confidence ?begin ?words WHERE {{ GRAPH {graph} {{
        ?link mrkg:linkedProvision {iri(provision)} ; mrkg:linkedStatement ?statement ; mrkg:confidence ?confidence .
        OPTIONAL {{ ?link mrkg:evidence ?evidence . ?evidence nif:beginIndex ?begin ; nif:anchorOf ?words }} }} }}""")
    threshold = select(store, f"SELECT ?t WHERE {{ GRAPH {graph} {{ ?m a mrkg:InferenceMethod ; mrkg:threshold ?t }} }}")
    found: dict[str, tuple[str, list[tuple[int, str]]]] = {}
    for row in rows:
        confidence, words = found.setdefault(row["statement"], (str(row["confidence"]), []))
        if row["words"] is not None:
            words.append((int(row["begin"]), row["words"]))
    ordered = sorted(found.items(), key=lambda item: (-float(item[1][0]), item[0]))[:LIMIT]
    names = labels(store, [statement for statement, _ in ordered])
    items = [InferredStatement(Link(statement, names[statement]), confidence,
                               [words for _, words in sorted(set(evidence))])
             for statement, (confidence, evidence) in ordered]
    return InferredStatements(items, len(found), str(threshold[0]["t"]) if threshold else None)


def inferred_rdf(store: PublishedData, provision: str) -> list[ox.Triple]:
    """What the inferred graph says of the statements discussing ``provision``: each ``mrkg:discusses`` triple and
    its link's confidence and method (the evidence is on the link's own page), for the provision's RDF forms."""
    node = iri(provision)
    return construct(store, f"""CONSTRUCT {{
        ?statement mrkg:discusses {node} .
        ?link a mrkg:InferredLink ; rdfs:label ?label ; mrkg:linkedStatement ?statement ; mrkg:linkedProvision {node} ;
              mrkg:confidence ?confidence ; mrkg:inferenceMethod ?method }}
    WHERE {{ GRAPH {iri(iris.INFERRED_GRAPH)} {{
        ?statement mrkg:discusses {node} .
        ?link mrkg:linkedStatement ?statement ; mrkg:linkedProvision {node} ; rdfs:label ?label ;
              mrkg:confidence ?confidence ; mrkg:inferenceMethod ?method }} }}""")
