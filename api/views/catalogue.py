"""Instruments and their provisions: the researcher's usual way in.

A provision page answers "who said what about article 22": the provision's
place in its instrument, its title or text where the catalogue has it, and
every statement that cites it (or one of its paragraphs), grouped by document
and session.  An instrument page lists its provisions with how often each is
cited.  Every provision carries ``mrkg:instrument`` (materialised by the
build), so these are plain joins, never ``mrkg:partOf*`` paths.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

import pyoxigraph as ox

from api.views.query import iri, select
from api.views.resources import Link, labels
from api.views.statements import DocumentGroup, attach_quotes, group_by_document, statement_summaries
from graph.parse.numbers import roman_value
from graph.vocab import PREFIX_MAP

# Where a catalogue may keep what a provision says, in the order a reader wants them.
WORDING = [PREFIX_MAP[prefix] + local for prefix, local in (
    ("dcterms", "title"), ("dcterms", "description"), ("mrkg", "text"), ("skos", "definition"), ("rdfs", "comment"))]
MAX_MENTIONING = 200
# A provision's own kind (Article, Objective, Part, Preamble…): an mrkg: class, not the general one.
SPECIFIC_KIND = "FILTER (STRSTARTS(STR(?k), STR(mrkg:)) && ?k != mrkg:Provision)"


def number_key(number: str | None) -> tuple:
    """Sort "2" < "10" < "10.c" < "25(1)"; Parts in Roman numerals sort by value."""
    if not number:
        return ((2, 0, ""),)
    roman = roman_value(number)
    if roman is not None and number.isupper():
        return ((0, roman, ""),)
    return tuple((0, int(tok), "") if tok.isdigit() else (1, 0, tok) for tok in re.findall(r"\d+|[a-z]+", number.lower()))


@dataclass
class ProvisionEntry:
    """A provision as its instrument's page lists it."""

    link: Link
    number: str | None
    kind: str
    title: str | None
    citations: int
    parent: str | None
    children: list["ProvisionEntry"] = field(default_factory=list)


@dataclass
class InstrumentView:
    iri: str
    label: str
    notation: str | None
    alt_labels: list[str]
    facts: list[tuple[str, str, str | None]]  # (what, value, link)
    provisions: list[ProvisionEntry]
    mentioning: list[DocumentGroup]
    mention_count: int
    citation_count: int


@dataclass
class ProvisionView:
    iri: str
    label: str
    number: str | None
    kind: Link | None
    instrument: Link | None
    path: list[Link]  # from the instrument down to the parent
    wording: list[tuple[str, str]]  # (property label, text)
    subdivisions: list[ProvisionEntry]
    neighbours: tuple[Link | None, Link | None]  # previous and next provision under the same parent
    citing: list[DocumentGroup]
    citation_count: int


def _first(rows: list[dict], key: str) -> str | None:
    return next((row[key] for row in rows if row.get(key) is not None), None)


def provision_entries(store: ox.Store, instrument: str) -> list[ProvisionEntry]:
    """Every provision of ``instrument``, nested under its parent, with citation counts."""
    rows = select(store, f"""
        SELECT ?p (SAMPLE(?n) AS ?number) (SAMPLE(?l) AS ?label) (SAMPLE(?t) AS ?title)
               (SAMPLE(?up) AS ?parent) (SAMPLE(?k) AS ?kind) (COUNT(DISTINCT ?s) AS ?citations) WHERE {{
            ?p mrkg:instrument {iri(instrument)} .
            OPTIONAL {{ ?p mrkg:number ?n }} OPTIONAL {{ ?p rdfs:label ?l }} OPTIONAL {{ ?p dcterms:title ?t }}
            OPTIONAL {{ ?p mrkg:partOf ?up }}
            OPTIONAL {{ ?p a ?k . {SPECIFIC_KIND} }}
            OPTIONAL {{ ?s mrkg:cites ?p }}
        }} GROUP BY ?p""")
    entries = {
        row["p"]: ProvisionEntry(Link(row["p"], row["label"] or row["number"] or row["p"]), row["number"],
                                 (row["kind"] or "").rsplit("#", 1)[-1] or "Provision", row["title"],
                                 row["citations"], row["parent"])
        for row in rows
    }
    top: list[ProvisionEntry] = []
    for entry in entries.values():
        parent = entries.get(entry.parent or "")
        (parent.children if parent else top).append(entry)

    def order(items: list[ProvisionEntry]) -> list[ProvisionEntry]:
        items.sort(key=lambda e: (e.kind != "Part", number_key(e.number), e.link.iri))
        for item in items:
            order(item.children)
        return items

    return order(top)


def instrument_view(store: ox.Store, resource: str) -> InstrumentView:
    node = iri(resource)
    rows = select(store, f"""SELECT ?label ?notation ?alt ?kind ?adopted ?force ?by ?page WHERE {{
        {node} rdfs:label ?label .
        OPTIONAL {{ {node} skos:notation ?notation }} OPTIONAL {{ {node} skos:altLabel ?alt }}
        OPTIONAL {{ {node} mrkg:instrumentKind ?kind }} OPTIONAL {{ {node} mrkg:adoptionDate ?adopted }}
        OPTIONAL {{ {node} mrkg:entryIntoForce ?force }} OPTIONAL {{ {node} mrkg:adoptedBy ?by }}
        OPTIONAL {{ {node} foaf:page ?page }} }}""")
    names = labels(store, [resource] + [r[k] for r in rows for k in ("kind", "by") if r[k]])
    facts: list[tuple[str, str, str | None]] = []
    for what, key, linked in (("Kind", "kind", True), ("Adopted", "adopted", False), ("Adopted by", "by", True),
                              ("Entry into force", "force", False), ("Official text", "page", False)):
        found = _first(rows, key)
        if found:
            shown = names.get(found, found) if linked else found
            facts.append((what, shown, found if linked or key == "page" else None))
    provisions = provision_entries(store, resource)
    where = f"?statement mrkg:mentions {node}"
    mentioning = statement_summaries(store, where, limit=MAX_MENTIONING)
    attach_quotes(store, mentioning, where, {resource}, kind="mention")
    counted = select(store, f"""SELECT (COUNT(DISTINCT ?statement) AS ?n) WHERE {{ {where} }}""")
    return InstrumentView(
        iri=resource, label=names[resource], notation=_first(rows, "notation"),
        alt_labels=sorted({r["alt"] for r in rows if r["alt"]}), facts=facts, provisions=provisions,
        mentioning=group_by_document(store, mentioning), mention_count=counted[0]["n"] if counted else 0,
        citation_count=sum(_total(p) for p in provisions),
    )


def _total(entry: ProvisionEntry) -> int:
    return entry.citations + sum(_total(child) for child in entry.children)


def provision_view(store: ox.Store, resource: str) -> ProvisionView:
    node = iri(resource)
    rows = select(store, f"""SELECT ?label ?number ?instrument ?parent ?kind WHERE {{
        OPTIONAL {{ {node} rdfs:label ?label }} OPTIONAL {{ {node} mrkg:number ?number }}
        OPTIONAL {{ {node} mrkg:instrument ?instrument }} OPTIONAL {{ {node} mrkg:partOf ?parent }}
        OPTIONAL {{ {node} a ?kind . {SPECIFIC_KIND.replace("?k", "?kind")} }} }}""")
    wording_rows = select(store, f"""SELECT ?p ?text WHERE {{
        VALUES ?p {{ {' '.join(iri(w) for w in WORDING)} }} {node} ?p ?text }}""")
    instrument, parent, kind = _first(rows, "instrument"), _first(rows, "parent"), _first(rows, "kind")
    path = _ancestors(store, parent, instrument)
    top = provision_entries(store, instrument) if instrument else []
    index = _index(top)
    subdivisions = index[resource].children if resource in index else []
    siblings = top if parent == instrument else index[parent].children if parent in index else []
    position = next((i for i, e in enumerate(siblings) if e.link.iri == resource), None)
    before = siblings[position - 1].link if position else None
    after = siblings[position + 1].link if position is not None and position + 1 < len(siblings) else None
    cited = {resource} | set(_index(subdivisions))  # the provision and everything below it
    values = " ".join(iri(c) for c in sorted(cited))
    where = f"VALUES ?cited {{ {values} }} ?statement mrkg:cites ?cited"
    statements = statement_summaries(store, where)
    attach_quotes(store, statements, where, cited)
    names = labels(store, [resource] + [x for x in (kind, instrument) if x] + [r["p"] for r in wording_rows])
    return ProvisionView(
        iri=resource, label=names[resource], number=_first(rows, "number"),
        kind=Link(kind, names[kind]) if kind else None,
        instrument=Link(instrument, names[instrument]) if instrument else None, path=path,
        wording=[(names[r["p"]], r["text"]) for r in sorted(wording_rows, key=lambda r: WORDING.index(r["p"]))],
        subdivisions=subdivisions, neighbours=(before, after),
        citing=group_by_document(store, statements), citation_count=len(statements),
    )


def _index(entries: list[ProvisionEntry]) -> dict[str, ProvisionEntry]:
    index: dict[str, ProvisionEntry] = {}
    stack = list(entries)
    while stack:
        entry = stack.pop()
        index[entry.link.iri] = entry
        stack.extend(entry.children)
    return index


def _ancestors(store: ox.Store, parent: str | None, instrument: str | None) -> list[Link]:
    """Instrument, Part, article…: each step up is one lookup (a provision is a few levels deep at most)."""
    chain: list[str] = []
    step = parent
    while step and step not in chain and len(chain) < 8:
        chain.append(step)
        if step == instrument:
            break
        rows = select(store, f"SELECT ?up WHERE {{ {iri(step)} mrkg:partOf ?up }} LIMIT 1")
        step = rows[0]["up"] if rows else None
    if instrument and instrument not in chain:
        chain.append(instrument)
    names = labels(store, chain)
    return [Link(step, names[step]) for step in reversed(chain)]
