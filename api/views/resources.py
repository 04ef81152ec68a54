"""Any resource: what it is, what it is called, and its description.

The RDF description of a resource (served by content negotiation and shared
with ``DESCRIBE``) is a concise bounded description: every triple whose
subject is the resource, followed through blank nodes, plus the labels of
the things it links to, so that a client can show the links without a
second request.  The pages for particular kinds (provision, statement…) are
built in their own modules; this one also serves every other resource
(roles, memberships, citations, agenda items) with a plain property table.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Iterable

import pyoxigraph as ox

from api.views.paging import PageRequest, Paged, paged
from api.views.query import Value, ask, construct, iri, select, select_terms, value
from graph import iris
from graph.store import PublishedData
from graph.vocab import MRKG, SKOS

RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
RDFS_LABEL = "http://www.w3.org/2000/01/rdf-schema#label"
MAX_BLANK_DEPTH = 5
RESOURCE_LISTS = ("inbound",)

# Page kinds by class, most specific first: a Meeting is also a Session, a
# Comment also a Statement (the build materialises super-classes).
PAGE_KINDS: list[tuple[str, str]] = [
    (str(MRKG.Statement), "statement"),
    (str(MRKG.Provision), "provision"),
    (str(MRKG.Part), "provision"),
    (str(MRKG.Preamble), "provision"),
    (str(MRKG.Annex), "provision"),
    (str(MRKG.Instrument), "instrument"),
    (str(MRKG.Actor), "actor"),
    (str(MRKG.Person), "actor"),
    (str(MRKG.Organization), "actor"),
    (str(MRKG.State), "actor"),
    (str(MRKG.Group), "actor"),
    (str(MRKG.Session), "session"),
    (str(MRKG.Document), "document"),
    (str(SKOS.Concept), "topic"),
    (str(SKOS.ConceptScheme), "topics"),
]


@dataclass(frozen=True)
class Link:
    """A resource as a page links to it."""

    iri: str
    label: str


@dataclass
class Property:
    predicate: Link
    values: list[Value]


@dataclass
class ResourceView:
    """What every resource page shows, whatever the resource is."""

    iri: str
    label: str
    types: list[Link]
    properties: list[Property] = field(default_factory=list)
    inbound: Paged[tuple[Link, Link]] | None = None  # (subject, predicate): what links to it, by property


def fallback_label(resource: str) -> str:
    """A readable name for an IRI without rdfs:label.

    Our own resources read well by their last steps ("article 22"); terms of
    other vocabularies by their local name ("wasDerivedFrom" → "was derived from").
    """
    if resource.startswith(iris.ID):
        steps = [step for step in resource[len(iris.ID):].rstrip("/").split("/") if step]
        return " ".join(steps[-2:]).replace("-", " ") if steps else resource
    local = re.split(r"[#/]", resource.rstrip("/#"))[-1]
    spaced = re.sub(r"(?<=[a-z])(?=[A-Z])", " ", local).replace("_", " ")
    return spaced.lower() if spaced and not spaced.isupper() else (spaced or resource)


def preferred(labels: Iterable[tuple[str, str | None]]) -> str | None:
    """English or untagged labels first; among equals the shortest, then alphabetical (stable)."""
    ranked = sorted(labels, key=lambda item: (item[1] not in (None, "", "en"), len(item[0]), item[0]))
    return ranked[0][0] if ranked else None


def labels(store: PublishedData, resources: Iterable[str]) -> dict[str, str]:
    """Labels for many IRIs in one query; IRIs without a label get a readable fallback."""
    wanted = sorted({r for r in resources if r})
    found: dict[str, list[tuple[str, str | None]]] = {r: [] for r in wanted}
    if wanted:
        values = " ".join(iri(r) for r in wanted)
        rows = select_terms(store, f"SELECT DISTINCT ?r ?l WHERE {{ VALUES ?r {{ {values} }} ?r rdfs:label ?l }}")
        for row in rows:
            term = row["l"]
            if isinstance(term, ox.Literal):
                found[row["r"].value].append((term.value, term.language))
    return {r: preferred(found[r]) or fallback_label(r) for r in wanted}


def label(store: PublishedData, resource: str) -> str:
    return labels(store, [resource])[resource]


def link(store: PublishedData, resource: str) -> Link:
    return Link(resource, label(store, resource))


def types(store: PublishedData, resource: str) -> set[str]:
    return {row["t"] for row in select(store, f"SELECT DISTINCT ?t WHERE {{ {iri(resource)} a ?t }}")}


def exists(store: PublishedData, resource: str) -> bool:
    """Known to the graph: described, or at least linked to."""
    node = iri(resource)
    return ask(store, f"ASK {{ {{ {node} ?p ?o }} UNION {{ ?s ?p {node} }} }}")


def page_kind(resource_types: set[str]) -> str:
    for cls, kind in PAGE_KINDS:
        if cls in resource_types:
            return kind
    return "resource"


def describe(store: PublishedData, resource: str) -> list[ox.Triple]:
    """The concise bounded description of ``resource`` plus the labels of what it links to.

    One query follows the blank nodes: SPARQL cannot name a blank node, and
    its label holds only within one answer — on the embedded store and on an
    external server alike.
    """
    triples = set(construct(store, f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ {_through_blank_nodes(iri(resource))} }}"))
    linked = {t.object.value for t in triples if isinstance(t.object, ox.NamedNode)}
    linked |= {t.predicate.value for t in triples} - {RDF_TYPE, RDFS_LABEL}
    linked.discard(resource)
    if linked:
        values = " ".join(iri(r) for r in sorted(linked))
        for row in select_terms(store, f"SELECT DISTINCT ?r ?l WHERE {{ VALUES ?r {{ {values} }} ?r rdfs:label ?l }}"):
            triples.add(ox.Triple(row["r"], ox.NamedNode(RDFS_LABEL), row["l"]))
    subject = ox.NamedNode(resource)
    return sorted(triples, key=lambda t: (t.subject != subject, str(t.subject), str(t.predicate), str(t.object)))


def _through_blank_nodes(node: str) -> str:
    """A pattern binding ``?s ?p ?o`` to the triples of ``node`` and of the blank nodes it reaches (at most
    MAX_BLANK_DEPTH steps away), one UNION branch per distance.

    The last node of each branch is ``?s`` itself, with no BIND: Virtuoso 7.2's
    compiler fails on BIND beside these FILTERs ("sparp_gp_deprecate(): equiv
    replaces filter", issue 15 point 1).
    """
    branches = [f"{{ VALUES ?s {{ {node} }} ?s ?p ?o }}"]
    for depth in range(1, MAX_BLANK_DEPTH + 1):
        chain = [node, *(f"?b{k}" for k in range(1, depth)), "?s"]
        steps = [f"{chain[k]} ?q{k} {chain[k + 1]} . FILTER(isBlank({chain[k + 1]}))" for k in range(depth)]
        branches.append(f"{{ {' '.join(steps)} ?s ?p ?o }}")
    return " UNION ".join(branches)


def resource_view(store: PublishedData, resource: str, request: PageRequest = PageRequest(),
                  memo: object = None) -> ResourceView:
    """A generic page: the resource's properties, and what links to it (by property, then subject), a page at a time."""
    node = iri(resource)
    outgoing = select_terms(store, f"SELECT DISTINCT ?p ?o WHERE {{ {node} ?p ?o }} ORDER BY ?p ?o")
    names = labels(
        store,
        [row["p"].value for row in outgoing]
        + [row["o"].value for row in outgoing if isinstance(row["o"], ox.NamedNode)]
        + [resource],
    )
    properties: dict[str, Property] = {}
    type_links: list[Link] = []
    for row in outgoing:
        predicate, obj = row["p"].value, row["o"]
        if predicate == RDF_TYPE and isinstance(obj, ox.NamedNode):
            type_links.append(Link(obj.value, names[obj.value]))
            continue
        if predicate == RDFS_LABEL:
            continue
        shown = value(obj)
        if shown.iri:
            shown = Value(names.get(shown.iri, shown.text), iri=shown.iri)
        properties.setdefault(predicate, Property(Link(predicate, names[predicate]), [])).values.append(shown)
    view = ResourceView(resource, names[resource], type_links, list(properties.values()))
    linking = f"?s ?p {node} . FILTER (isIRI(?s))"
    total = select(store, f"SELECT (COUNT(*) AS ?n) WHERE {{ SELECT DISTINCT ?s ?p WHERE {{ {linking} }} }}")[0]["n"]

    def fetch(limit: int, offset: int) -> list[tuple[Link, Link]]:
        rows = select(store, f"SELECT DISTINCT ?s ?p WHERE {{ {linking} }} ORDER BY ?p ?s LIMIT {limit} OFFSET {offset}")
        found = labels(store, [row[k] for row in rows for k in ("s", "p")])
        return [(Link(row["s"], found[row["s"]]), Link(row["p"], found[row["p"]])) for row in rows]

    view.inbound = paged(request, "inbound", "links", int(total), fetch, main=True)
    return view
