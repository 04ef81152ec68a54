"""The statement lists of a page, in its RDF forms: Hydra collections, a page at a time.

The RDF form of a resource is its concise bounded description (:func:`api.views.resources.describe`),
which holds only the resource's own triples: what cites a provision, who spoke in a meeting, are
triples of *other* resources.  A program reading ``…/article/22.ttl`` still needs to get to them,
without the description carrying two thousand statements (issue 11, point 7; issue 14, point 1).
So the RDF form carries, for each statement list of the page, a ``hydra:Collection``:

    <…/article/22> hydra:collection <BASE/id/…/article/22?list=citing> .
    <BASE/id/…/article/22?list=citing> a hydra:Collection ; rdfs:label "Statements citing …" ;
        hydra:totalItems 2000 ; hydra:member <statement>, … ;            # this page's fifty
        hydra:view <BASE/id/…/article/22.ttl?page=2> .
    <BASE/id/…/article/22.ttl?page=2> a hydra:PartialCollectionView ;
        hydra:first <…?page=1> ; hydra:previous <…?page=1> ; hydra:next <…?page=3> ; hydra:last <…?page=40> .
    <statement> rdfs:label "…" ; mrkg:cites <…/article/22> .          # the triple that puts it in the list

The collection is named by the page that shows it (with ``list=``); its views are the same
representation with ``page`` (and ``size``), so a client follows ``hydra:next`` and keeps getting
Turtle (or JSON-LD…).  The order of the members is the page's (see :mod:`api.views.statements`).
"""
from __future__ import annotations

import pyoxigraph as ox

from api.views.ordering import NO_MEMO, Memo
from api.views.paging import PageRequest
from api.views.query import iri, select_terms
from api.views.statements import StatementList, statement_window
from graph.store import PublishedData
from graph.vocab import HYDRA, RDF, RDFS

XSD_INTEGER = ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer")


def _node(term: object) -> ox.NamedNode:
    return ox.NamedNode(str(term))


def collections(store: PublishedData, resource: str, lists: list[StatementList], request: PageRequest,
                page: str, representation: str, memo: Memo = NO_MEMO) -> list[ox.Triple]:
    """Hydra triples for each list (the first is the page's main list).

    ``page`` is the absolute address of the resource's page (it names the collections),
    ``representation`` that of the representation asked for (it names the views).
    """
    triples: list[ox.Triple] = []
    subject = ox.NamedNode(resource)
    for position, statements in enumerate(lists):
        shown = statement_window(store, statements, request, main=position == 0, memo=memo)
        total = shown.total
        collection = ox.NamedNode(f"{page}?list={statements.name}")
        view = ox.NamedNode(representation + shown.query(shown.number))
        triples += [
            ox.Triple(subject, _node(HYDRA.collection), collection),
            ox.Triple(collection, _node(RDF.type), _node(HYDRA.Collection)),
            ox.Triple(collection, _node(RDFS.label), ox.Literal(statements.title)),
            ox.Triple(collection, _node(HYDRA.totalItems), ox.Literal(str(total), datatype=XSD_INTEGER)),
            ox.Triple(collection, _node(HYDRA.view), view),
            ox.Triple(view, _node(RDF.type), _node(HYDRA.PartialCollectionView)),
        ]
        controls = {"first": HYDRA.first, "prev": HYDRA.previous, "next": HYDRA.next, "last": HYDRA.last}
        triples += [ox.Triple(view, _node(controls[rel]), ox.NamedNode(representation + query))
                    for rel, query in shown.links()]
        triples += [ox.Triple(collection, _node(HYDRA.member), ox.NamedNode(member)) for member in shown.items]
        triples += _members(store, statements, shown.items)
    return _by_subject(triples)


def _by_subject(triples: list[ox.Triple]) -> list[ox.Triple]:
    """The same triples, each subject's together (in order of first appearance), so Turtle writes each once."""
    order: dict[object, int] = {}
    for triple in triples:
        order.setdefault(triple.subject, len(order))
    return sorted(triples, key=lambda triple: order[triple.subject])


def _members(store: PublishedData, statements: StatementList, members: list[str]) -> list[ox.Triple]:
    """Each member's label and the triple that puts it in the list (``mrkg:cites <…/article/22>``)."""
    if not members:
        return []
    pairs = " ".join(f"({iri(predicate)} {iri(target)})" for predicate, target in statements.links)
    rows = select_terms(store, f"""SELECT ?statement ?link ?target ?label WHERE {{
        VALUES ?statement {{ {' '.join(map(iri, members))} }}
        {{ VALUES (?link ?target) {{ {pairs} }} ?statement ?link ?target }}
        UNION {{ ?statement rdfs:label ?label }} }}""")
    triples = set()
    for row in rows:
        member = row["statement"]
        if row["label"] is not None:
            triples.add(ox.Triple(member, _node(RDFS.label), row["label"]))
        else:
            triples.add(ox.Triple(member, row["link"], row["target"]))
    return sorted(triples, key=str)
