"""The statements a provision's page shows as discussing it by inference, apart from those that cite it.

Read from the inferred graph only (``GRAPH id:graph/inferred``, issue 13 item 5), surest first, each
with its confidence and the words of the statement the link rests on: a researcher sees at once that
these are guesses, how sure, and why.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from api.views.query import iri, select
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
