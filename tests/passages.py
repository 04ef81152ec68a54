"""Checks of a published store's passages against the source files themselves (not against the graph).

Shared by the provenance test of the five sources and the tests of corpora where several
documents name the same session, actor or agenda item (issue 11, point 1).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox

from graph import iris
from graph.vocab import PREFIX_MAP

# What any number of documents can name: it holds no offsets of its own.
SHARED_CLASSES = ("mrkg:Session", "mrkg:AgendaItem", "mrkg:Actor", "mrkg:Participation", "mrkg:Role", "org:Membership")


def rows(store: ox.Store, query: str) -> list[dict[str, str]]:
    solutions = store.query(query, prefixes=PREFIX_MAP, use_default_graph_as_union=True)
    names = [v.value for v in solutions.variables]  # type: ignore[union-attr]
    return [{name: (row[name].value if row[name] is not None else None) for name in names} for row in solutions]


@dataclass
class SlicedPassages:
    checked: int = 0
    wrong: list[str] = field(default_factory=list)  # passages whose quote is not their source's text
    by_kind: dict[str, int] = field(default_factory=dict)


def slice_every_passage(store: ox.Store, sources_dir: Path) -> SlicedPassages:
    """Each passage against the text of the file its own graph's document was read from.

    The offsets are read inside one named graph together with that graph's document and
    file, so a passage that sits in another document's graph cannot be checked against the
    right text by accident.  The one graph whose passages quote other graphs' documents is the
    inferred graph (issue 13, item 5: the evidence of a link, kept apart from what was read):
    its spans are checked against the file of the document they name, wherever that lives.
    """
    found = rows(store, f"""
        SELECT ?node ?kind ?begin ?end ?quote ?file WHERE {{
          {{ GRAPH ?g {{ ?node nif:beginIndex ?begin ; nif:endIndex ?end ; nif:anchorOf ?quote ; nif:referenceContext ?doc .
                       ?doc prov:wasDerivedFrom ?file .
                       OPTIONAL {{ ?node a ?kind FILTER (?kind IN (mrkg:Statement, mrkg:ProvisionCitation,
                                                                 mrkg:InstrumentMention, mrkg:Mention)) }} }} }}
          UNION
          {{ GRAPH <{iris.INFERRED_GRAPH}> {{ ?node nif:beginIndex ?begin ; nif:endIndex ?end ; nif:anchorOf ?quote ;
                                                 nif:referenceContext ?doc }}
            GRAPH ?source {{ ?doc prov:wasDerivedFrom ?file }}
            BIND ("Evidence" AS ?kind) }} }}""")
    texts: dict[str, str] = {}
    result = SlicedPassages()
    for row in found:
        name = row["file"].rsplit("/", 1)[-1]
        if name not in texts:
            texts[name] = (sources_dir / name).read_bytes().decode("utf-8")
        begin, end = int(row["begin"]), int(row["end"])
        if texts[name][begin:end] != row["quote"]:
            result.wrong.append(f"{row['node']}: offsets {begin}-{end} of {name}")
        kind = (row["kind"] or "other").rsplit("#", 1)[-1]
        result.by_kind[kind] = result.by_kind.get(kind, 0) + 1
        result.checked += 1
    return result


def passages_outside_their_documents_graph(store: ox.Store) -> list[dict[str, str]]:
    """Passages written in a graph that does not hold the document they point into (the inferred graph's
    evidence excepted, which must point into a document some source graph holds)."""
    return rows(store, f"""
        SELECT ?node ?g ?doc WHERE {{
          GRAPH ?g {{ ?node nif:referenceContext ?doc }}
          FILTER NOT EXISTS {{ GRAPH ?g {{ ?doc nif:isString ?text }} }}
          FILTER (?g != <{iris.INFERRED_GRAPH}> || NOT EXISTS {{ GRAPH ?source {{ ?doc nif:isString ?text }} }}) }}""")


def shared_resources_with_offsets(store: ox.Store) -> list[dict[str, str]]:
    classes = ", ".join(SHARED_CLASSES)
    return rows(store, f"""
        SELECT DISTINCT ?node WHERE {{
          ?node a ?class FILTER (?class IN ({classes}))
          {{ ?node nif:referenceContext ?d }} UNION {{ ?node nif:beginIndex ?b }} UNION {{ ?node nif:anchorOf ?a }} }}""")


def triples_in_several_graphs(store: ox.Store) -> int:
    """Triples held by more than one named graph: the union default graph would count each twice."""
    [row] = rows(store, """
        SELECT (COUNT(*) AS ?n) WHERE {
          GRAPH ?g { ?s ?p ?o } GRAPH ?h { ?s ?p ?o } FILTER (STR(?g) < STR(?h)) }""")
    return int(row["n"])
