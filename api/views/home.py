"""The home page's entry points: instruments, records, the most active actors.

The counts over the whole graph are computed once per build (the route keeps
them with the release); the records, one per source document and as many as
the corpus has, are listed a page at a time in the corpus's order: the date of
the meeting a record records, else its date of issue (issue 11, point 7).
"""
from __future__ import annotations

from dataclasses import dataclass


from api.views.ordering import NO_MEMO, DocumentOrder, Memo, document_order
from api.views.paging import PageRequest, Paged, paged
from api.views.query import iri, select
from api.views.resources import Link, labels
from graph.store import PublishedData

TOP_ACTORS = 15
TOP_PROVISIONS = 10

# Genres whose statements are speech: a meeting's, a seminar's or a discussion's words, each by its speaker.
# A concept note's paragraphs are its author's writing, not speech (issue 14, point 1: "who spoke most" was
# topped by a note's author).
SPEECH = "?s mrkg:document ?d . ?d a ?genre FILTER (?genre IN (mrkg:SummaryRecord, mrkg:SeminarSummary, " \
         "mrkg:OnlineDiscussion))"


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


HOME_LISTS = ("records",)


@dataclass
class Overview:
    instruments: list[InstrumentEntry]
    documents: int  # how many documents the graph holds
    speakers: list[tuple[Link, int]]  # persons, by the statements they made
    represented: list[tuple[Link, int]]  # organizations and States, by the statements made by them or for them
    provisions: list[tuple[Link, int]]  # the most cited provisions, statements citing them
    statements: int


def overview(store: PublishedData) -> Overview:
    instruments = select(store, """
        SELECT ?i (SAMPLE(?code) AS ?notation) (COUNT(DISTINCT ?c) AS ?citations) (COUNT(DISTINCT ?m) AS ?mentions)
        WHERE { ?i a mrkg:Instrument . OPTIONAL { ?i skos:notation ?code }
                OPTIONAL { { ?p mrkg:instrument ?i . ?c mrkg:cites ?p } UNION { ?m mrkg:mentions ?i } } }
        GROUP BY ?i""")
    documents = select(store, "SELECT (COUNT(DISTINCT ?d) AS ?n) WHERE { ?d a mrkg:Document }")
    speakers = select(store, f"""
        SELECT ?a (COUNT(DISTINCT ?s) AS ?n)
        WHERE {{ ?s mrkg:speaker ?a . ?a a mrkg:Person . {SPEECH} }}
        GROUP BY ?a ORDER BY DESC(?n) ?a LIMIT {TOP_ACTORS}""")
    represented = select(store, f"""
        SELECT ?a (COUNT(DISTINCT ?s) AS ?n)
        WHERE {{ {{ ?s mrkg:speaker ?a }} UNION {{ ?s mrkg:onBehalfOf ?a }}
                 {{ ?a a mrkg:Organization }} UNION {{ ?a a mrkg:State }} {SPEECH} }}
        GROUP BY ?a ORDER BY DESC(?n) ?a LIMIT {TOP_ACTORS}""")
    actors = speakers + represented
    provisions = select(store, f"""
        SELECT ?p (COUNT(DISTINCT ?s) AS ?n) WHERE {{ ?s mrkg:cites ?p }}
        GROUP BY ?p ORDER BY DESC(?n) ?p LIMIT {TOP_PROVISIONS}""")
    total = select(store, "SELECT (COUNT(DISTINCT ?s) AS ?n) WHERE { ?s a mrkg:Statement }")
    names = labels(store, [r["i"] for r in instruments] + [r["a"] for r in actors] + [r["p"] for r in provisions])
    ranked = sorted(instruments, key=lambda r: (-(r["citations"] + r["mentions"]), r["notation"] or r["i"]))
    return Overview(
        instruments=[InstrumentEntry(Link(r["i"], names[r["i"]]), r["notation"], r["citations"], r["mentions"])
                     for r in ranked],
        documents=int(documents[0]["n"]) if documents else 0,
        speakers=[(Link(r["a"], names[r["a"]]), r["n"]) for r in speakers],
        represented=[(Link(r["a"], names[r["a"]]), r["n"]) for r in represented],
        provisions=[(Link(r["p"], names[r["p"]]), r["n"]) for r in provisions],
        statements=total[0]["n"] if total else 0,
    )


def records(store: PublishedData, request: PageRequest, memo: Memo = NO_MEMO) -> Paged[DocumentEntry]:
    """The documents in the corpus's order (the meeting's date, else the date of issue), statements counted.

    The order is the one every list of statements follows (:mod:`api.views.ordering`), known once per build.
    """
    order: DocumentOrder = memo("document order", lambda: document_order(store))

    def fetch(limit: int, offset: int) -> list[DocumentEntry]:
        found = list(zip(order.documents[offset:offset + limit], order.dates[offset:offset + limit]))
        counted = {row["d"]: row["n"] for row in select(store, f"""SELECT ?d (COUNT(?s) AS ?n) WHERE {{
            VALUES ?d {{ {' '.join(iri(d) for d, _ in found)} }} ?s a mrkg:Statement ; mrkg:document ?d }}
            GROUP BY ?d""")} if found else {}
        names = labels(store, [d for d, _ in found])
        return [DocumentEntry(Link(d, names[d]), date, int(counted.get(d, 0))) for d, date in found]

    return paged(request, "records", "documents", len(order.documents), fetch, main=True)
