"""Counts for the dataset description: triples, classes, properties, graphs.

These scan the whole store, so they are computed once per published build
(the caller caches them on the release), never per request.
"""
from __future__ import annotations

from dataclasses import dataclass


from api.views.query import select
from graph import iris
from graph.store import PublishedData
from graph.vocab import PREFIX_MAP


@dataclass(frozen=True)
class GraphCount:
    graph: str
    triples: int
    entities: int
    source: str | None  # the source file a source graph was built from
    label: str | None  # the document's label, for a source graph


@dataclass(frozen=True)
class Statistics:
    triples: int
    entities: int
    distinct_subjects: int
    distinct_objects: int
    classes: list[tuple[str, int]]  # class, instances
    properties: list[tuple[str, int]]  # property, triples
    graphs: list[GraphCount]
    vocabularies: list[str]
    examples: list[str]


def statistics(store: PublishedData) -> Statistics:
    totals = select(store, f"""SELECT (COUNT(*) AS ?triples) (COUNT(DISTINCT ?s) AS ?subjects)
        (COUNT(DISTINCT ?o) AS ?objects)
        (COUNT(DISTINCT IF(STRSTARTS(STR(?s), "{iris.ID}"), ?s, ?none)) AS ?entities)
        WHERE {{ SELECT DISTINCT ?s ?p ?o WHERE {{ ?s ?p ?o }} }}""")[0]
    classes = select(store, "SELECT ?c (COUNT(DISTINCT ?s) AS ?n) WHERE { ?s a ?c } GROUP BY ?c ORDER BY ?c")
    properties = select(store, """SELECT ?p (COUNT(*) AS ?n) WHERE { SELECT DISTINCT ?s ?p ?o WHERE { ?s ?p ?o } }
        GROUP BY ?p ORDER BY ?p""")
    graphs = select(store, f"""SELECT ?g (COUNT(*) AS ?n)
        (COUNT(DISTINCT IF(STRSTARTS(STR(?s), "{iris.ID}"), ?s, ?none)) AS ?e)
        WHERE {{ GRAPH ?g {{ ?s ?p ?o }} }} GROUP BY ?g ORDER BY ?g""")
    documents = {row["g"]: row for row in select(store, """SELECT ?g (SAMPLE(?file) AS ?source) (SAMPLE(?name) AS ?label)
        WHERE { GRAPH ?g { ?doc a mrkg:Document ; prov:wasDerivedFrom ?file ; rdfs:label ?name } } GROUP BY ?g""")}
    used = [row["p"] for row in properties] + [row["c"] for row in classes]
    vocabularies = sorted({ns for ns in PREFIX_MAP.values() if any(term.startswith(ns) for term in used)})
    return Statistics(
        triples=totals["triples"], entities=totals["entities"], distinct_subjects=totals["subjects"],
        distinct_objects=totals["objects"],
        classes=[(row["c"], row["n"]) for row in classes if row["c"]],
        properties=[(row["p"], row["n"]) for row in properties],
        graphs=[GraphCount(row["g"], row["n"], row["e"], documents.get(row["g"], {}).get("source"),
                           documents.get(row["g"], {}).get("label")) for row in graphs],
        vocabularies=vocabularies, examples=examples(store),
    )


def examples(store: PublishedData) -> list[str]:
    """Typical resources: the most cited provision, the statement citing most, the most active actor…"""
    picks = [
        "SELECT ?r WHERE { ?s mrkg:cites ?r } GROUP BY ?r ORDER BY DESC(COUNT(?s)) ?r LIMIT 1",
        "SELECT ?r WHERE { ?r mrkg:cites ?p } GROUP BY ?r ORDER BY DESC(COUNT(?p)) ?r LIMIT 1",
        "SELECT ?r WHERE { ?s mrkg:speaker ?r } GROUP BY ?r ORDER BY DESC(COUNT(?s)) ?r LIMIT 1",
        "SELECT ?r WHERE { ?s mrkg:onBehalfOf ?r } GROUP BY ?r ORDER BY DESC(COUNT(?s)) ?r LIMIT 1",
        "SELECT ?r WHERE { ?s mrkg:session ?r } GROUP BY ?r ORDER BY DESC(COUNT(?s)) ?r LIMIT 1",
        "SELECT ?r WHERE { ?r a mrkg:Instrument ; skos:notation ?code } ORDER BY ?code LIMIT 1",
    ]
    found: list[str] = []
    for query in picks:
        for row in select(store, query):
            if row["r"] and row["r"] not in found:
                found.append(row["r"])
    return found
