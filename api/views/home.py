"""The home page's entry points: instruments, records, the most active actors."""
from __future__ import annotations

from dataclasses import dataclass

import pyoxigraph as ox

from api.views.query import select
from api.views.resources import Link, labels

TOP_ACTORS = 15
TOP_PROVISIONS = 10


@dataclass
class InstrumentEntry:
    link: Link
    notation: str | None
    citations: int  # statements citing one of its provisions
    mentions: int  # statements mentioning it as a whole


@dataclass
class DocumentEntry:
    link: Link
    date: str | None
    statements: int


@dataclass
class Overview:
    instruments: list[InstrumentEntry]
    documents: list[DocumentEntry]
    actors: list[tuple[Link, int]]  # actor, statements by or for them
    provisions: list[tuple[Link, int]]  # the most cited provisions, statements citing them
    statements: int


def overview(store: ox.Store) -> Overview:
    instruments = select(store, """
        SELECT ?i (SAMPLE(?code) AS ?notation) (COUNT(DISTINCT ?c) AS ?citations) (COUNT(DISTINCT ?m) AS ?mentions)
        WHERE { ?i a mrkg:Instrument . OPTIONAL { ?i skos:notation ?code }
                OPTIONAL { { ?p mrkg:instrument ?i . ?c mrkg:cites ?p } UNION { ?m mrkg:mentions ?i } } }
        GROUP BY ?i""")
    documents = select(store, """
        SELECT ?d (SAMPLE(?issued) AS ?date) (COUNT(DISTINCT ?s) AS ?n)
        WHERE { ?d a mrkg:Document . OPTIONAL { ?d dcterms:issued ?issued } OPTIONAL { ?s mrkg:document ?d } }
        GROUP BY ?d ORDER BY ?date ?d""")
    actors = select(store, f"""
        SELECT ?a (COUNT(DISTINCT ?s) AS ?n)
        WHERE {{ {{ ?s mrkg:speaker ?a }} UNION {{ ?s mrkg:onBehalfOf ?a }} }}
        GROUP BY ?a ORDER BY DESC(?n) ?a LIMIT {TOP_ACTORS}""")
    provisions = select(store, f"""
        SELECT ?p (COUNT(DISTINCT ?s) AS ?n) WHERE {{ ?s mrkg:cites ?p }}
        GROUP BY ?p ORDER BY DESC(?n) ?p LIMIT {TOP_PROVISIONS}""")
    total = select(store, "SELECT (COUNT(DISTINCT ?s) AS ?n) WHERE { ?s a mrkg:Statement }")
    names = labels(store, [r["i"] for r in instruments] + [r["d"] for r in documents] + [r["a"] for r in actors]
                   + [r["p"] for r in provisions])
    ranked = sorted(instruments, key=lambda r: (-(r["citations"] + r["mentions"]), r["notation"] or r["i"]))
    return Overview(
        instruments=[InstrumentEntry(Link(r["i"], names[r["i"]]), r["notation"], r["citations"], r["mentions"])
                     for r in ranked],
        documents=[DocumentEntry(Link(r["d"], names[r["d"]]), r["date"], r["n"]) for r in documents],
        actors=[(Link(r["a"], names[r["a"]]), r["n"]) for r in actors],
        provisions=[(Link(r["p"], names[r["p"]]), r["n"]) for r in provisions],
        statements=total[0]["n"] if total else 0,
    )
