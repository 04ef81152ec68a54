"""The terms the query editor completes: every class and property the ontology declares.

Completion is read from the published ontology graph (not a list kept by hand), so a
term added to ``ontology/mrkg.ttl`` is offered as soon as a build publishes it
(issue 14, point 6).  Each term is written as a query writes it, with a prefix of
:data:`graph.vocab.PREFIX_MAP` (the editor declares those prefixes itself).
"""
from __future__ import annotations

from dataclasses import asdict, dataclass

from api.views.query import select
from graph import iris
from graph.store import PublishedData
from graph.vocab import PREFIX_MAP

KINDS = {  # the ontology's declaration → what the editor calls it
    "http://www.w3.org/2002/07/owl#Class": "class",
    "http://www.w3.org/2000/01/rdf-schema#Class": "class",
    "http://www.w3.org/2002/07/owl#ObjectProperty": "property",
    "http://www.w3.org/2002/07/owl#DatatypeProperty": "property",
    "http://www.w3.org/2002/07/owl#AnnotationProperty": "property",
    "http://www.w3.org/1999/02/22-rdf-syntax-ns#Property": "property",
}


@dataclass(frozen=True)
class Term:
    name: str      # "mrkg:Statement"
    kind: str      # "class" | "property"
    label: str     # "statement"
    comment: str   # rdfs:comment, cut at 200 characters


def compact(iri: str) -> str | None:
    """``mrkg:Statement`` for the IRI, with the longest namespace that fits and a name a query can write."""
    fitting = [(name, ns) for name, ns in PREFIX_MAP.items() if iri.startswith(ns)]
    if not fitting:
        return None
    name, ns = max(fitting, key=lambda pair: len(pair[1]))
    local = iri[len(ns):]
    return f"{name}:{local}" if local and all(c.isalnum() or c in "_-." for c in local) else None


def vocabulary(store: PublishedData) -> list[dict[str, str]]:
    """Every declared class and property of the ontology graph, by prefixed name."""
    values = " ".join(f"<{kind}>" for kind in KINDS)
    rows = select(store, f"""
        SELECT ?term (SAMPLE(?declared) AS ?kind) (SAMPLE(?name) AS ?label) (SAMPLE(?note) AS ?comment)
        WHERE {{ GRAPH <{iris.ONTOLOGY_GRAPH}> {{
          VALUES ?declared {{ {values} }} ?term a ?declared . FILTER(isIRI(?term))
          OPTIONAL {{ ?term rdfs:label ?name FILTER(LANGMATCHES(LANG(?name), "en") || LANG(?name) = "") }}
          OPTIONAL {{ ?term rdfs:comment ?note FILTER(LANGMATCHES(LANG(?note), "en") || LANG(?note) = "") }}
        }} }} GROUP BY ?term""")
    terms = {}
    for row in rows:
        name = compact(str(row["term"]))
        if name is None:
            continue
        comment = str(row["comment"] or "")
        comment = comment if len(comment) <= 200 else comment[:199].rsplit(" ", 1)[0] + "…"
        terms[name] = Term(name, KINDS[str(row["kind"])], str(row["label"] or ""), comment)
    return [asdict(terms[name]) for name in sorted(terms, key=lambda n: (not n.startswith("mrkg:"), n.lower()))]
