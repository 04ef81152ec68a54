"""The query mix: what a legal researcher and a linked-data client ask of mrkg.

Every request carries a distinct query string, so that no server's parse or
result cache flatters it: the query's parameter (a statement, a provision, an
instrument, a word) is drawn in turn from a pool found in the data itself
(:func:`find_pools`, the same for every server), and a ``LIMIT`` above any
answer's size (``OFFSET`` for the page of 10,000 rows) changes with each
request without changing the answer.  Request ``i`` is the same string on
every server, so their answers can be compared request by request.

Two forms of the researcher's traversal statement → provision → instrument
are measured: the plain join over the materialised ``mrkg:instrument`` link,
and the arbitrary-length path ``mrkg:partOf*`` that the link replaces.
"""
from __future__ import annotations

import random
import re
from collections import Counter
from dataclasses import dataclass
from typing import Callable, Literal, Sequence

from graph.vocab import MRKG

PREFIXES = {
    "mrkg": str(MRKG),
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "dcterms": "http://purl.org/dc/terms/",
}
UNREACHED_LIMIT = 50_000  # above every answer in the mix; below mrkg's default row cap (100,000)
PAGE_ROWS = 10_000


@dataclass(frozen=True)
class Pools:
    """Values the queries are parameterised with, found in the data being measured."""

    statements: Sequence[str]
    provisions: Sequence[str]  # cited by at least one statement
    instruments: Sequence[str]  # with at least one cited provision
    words: Sequence[str]  # in some statements' text, not in most


@dataclass(frozen=True)
class Query:
    name: str
    what: str
    form: Literal["select", "graph"]
    write: Callable[[Pools, int], str]
    target: Literal["join", "aggregate", ""] = ""  # where mrkg must beat rdflib-endpoint tenfold (the issue's)

    def text(self, pools: Pools, request: int) -> str:
        body = self.write(pools, request)
        used = [name for name in PREFIXES if f"{name}:" in body]
        return "".join(f"PREFIX {name}: <{PREFIXES[name]}>\n" for name in used) + body


def _pick(pool: Sequence[str], request: int) -> str:
    if not pool:
        raise ValueError("the data has nothing to parameterise this query with")
    return pool[request % len(pool)]


def _limit(request: int) -> int:
    return UNREACHED_LIMIT + request


MIX: list[Query] = [
    Query(
        "point-lookup", "every property of one statement", "select",
        lambda pools, i: f"SELECT ?property ?value WHERE {{ <{_pick(pools.statements, i)}> ?property ?value }}\n"
                         f"LIMIT {_limit(i)}",
    ),
    Query(
        "citing-statements", "provision → the statements citing it, with speaker, meeting date and text", "select",
        lambda pools, i: f"""SELECT ?statement ?speaker ?date ?text WHERE {{
  ?statement mrkg:cites <{_pick(pools.provisions, i)}> ; mrkg:text ?text ; mrkg:session ?session .
  OPTIONAL {{ ?statement mrkg:speaker ?actor . ?actor rdfs:label ?speaker }}
  OPTIONAL {{ ?session dcterms:date ?date }}
}}
LIMIT {_limit(i)}""",
        target="join",
    ),
    Query(
        "instrument-join", "statement → provision → instrument over the materialised mrkg:instrument link", "select",
        lambda pools, i: f"""SELECT ?statement ?provision WHERE {{
  ?statement mrkg:cites ?provision .
  ?provision mrkg:instrument <{_pick(pools.instruments, i)}> .
}}
LIMIT {_limit(i)}""",
    ),
    Query(
        "instrument-path", "the same traversal over the property path mrkg:partOf*", "select",
        lambda pools, i: f"""SELECT ?statement ?provision WHERE {{
  ?statement mrkg:cites ?provision .
  ?provision mrkg:partOf* <{_pick(pools.instruments, i)}> .
}}
LIMIT {_limit(i)}""",
    ),
    Query(
        "citations-per-provision", "GROUP BY: how many statements cite each provision, most cited first", "select",
        lambda pools, i: f"""SELECT ?provision (COUNT(?statement) AS ?citations) WHERE {{
  ?statement mrkg:cites ?provision .
}}
GROUP BY ?provision
ORDER BY DESC(?citations)
LIMIT {_limit(i)}""",
        target="aggregate",
    ),
    Query(
        "text-search", "statements whose text contains a word (case-insensitive)", "select",
        lambda pools, i: f"""SELECT ?statement WHERE {{
  ?statement mrkg:text ?text .
  FILTER(CONTAINS(LCASE(?text), "{_pick(pools.words, i)}"))
}}
LIMIT {_limit(i)}""",
    ),
    Query(
        "describe", "DESCRIBE one statement", "graph",
        lambda pools, i: f"DESCRIBE <{_pick(pools.statements, i)}>",
    ),
    Query(
        "page-10000", "a page of 10,000 rows from all triples", "select",
        lambda pools, i: f"SELECT ?subject ?property ?value WHERE {{ ?subject ?property ?value }}\n"
                         f"LIMIT {PAGE_ROWS} OFFSET {i}",
    ),
]

# What find_pools asks; each answers one column of IRIs or texts, in a fixed order.
POOL_QUERIES = {
    "statements": "SELECT ?value WHERE { ?value a mrkg:Statement } ORDER BY ?value",
    "provisions": "SELECT DISTINCT ?value WHERE { ?statement mrkg:cites ?value } ORDER BY ?value",
    "instruments": "SELECT DISTINCT ?value WHERE { ?statement mrkg:cites ?provision . "
                   "?provision mrkg:instrument ?value } ORDER BY ?value",
    "texts": "SELECT ?value WHERE { ?statement mrkg:text ?value } ORDER BY ?statement LIMIT 3000",
}


def pool_query(name: str) -> str:
    return f"PREFIX mrkg: <{PREFIXES['mrkg']}>\n{POOL_QUERIES[name]}"


def find_pools(answer: Callable[[str], list[str]], seed: int, size: int = 5000) -> Pools:
    """Draw the parameters from the data, with ``answer`` running a one-column query on a reference server.

    The draw is seeded, so every server gets the same requests in the same order.
    """
    rng = random.Random(seed)

    def sample(values: list[str]) -> list[str]:
        return rng.sample(values, min(size, len(values)))

    texts = answer(pool_query("texts"))
    pools = Pools(
        statements=sample(answer(pool_query("statements"))),
        provisions=sample(answer(pool_query("provisions"))),
        instruments=sample(answer(pool_query("instruments"))),
        words=sample(searchable_words(texts)),
    )
    for name in ("statements", "provisions", "instruments", "words"):
        if not getattr(pools, name):
            raise ValueError(f"the data has no {name} to parameterise the query mix with")
    return pools


def searchable_words(texts: list[str]) -> list[str]:
    """Words in at least two texts and at most a quarter of them: a search that finds some, not all."""
    frequency: Counter[str] = Counter()
    for text in texts:
        frequency.update(set(re.findall(r"[a-z]{6,}", text.lower())))
    most = max(2, len(texts) // 4)
    return sorted(word for word, count in frequency.items() if 2 <= count <= most)
