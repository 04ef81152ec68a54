"""Sessions and documents: a record read as its sequence of statements.

A session page is the meeting as the record tells it, statement after
statement; a document page is the document as a whole, with the sessions it
records and a link to its source text.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

import pyoxigraph as ox

from api.views.printed import PrintedForm, printed_forms
from api.views.query import iri, select
from api.views.resources import RDF_TYPE, Link, labels
from api.views.statements import DocumentGroup, group_by_document, statement_summaries
from graph.vocab import DCTERMS, MRKG, PROV

MAX_STATEMENTS = 2000


@dataclass
class Fact:
    """One line of a page's summary: "Date: 27 September 2022", "Chair: Mr. Corzo Sosa"."""

    name: str
    text: str
    link: str | None = None


@dataclass
class SessionView:
    iri: str
    label: str
    kinds: list[Link]
    facts: list[Fact]
    parent: Link | None
    parts: list[tuple[Link, str | None, int]]  # sub-sessions: (session, date, statements)
    agenda: list[str]
    documents: list[Link]
    participants: list[tuple[Link, Link | None, Link | None, str | None]]  # actor, role, affiliation, position
    record: list[DocumentGroup] = field(default_factory=list)
    statement_count: int = 0
    printed: list[PrintedForm] = field(default_factory=list)  # how each record names the session


@dataclass
class DocumentView:
    iri: str
    label: str
    kinds: list[Link]
    facts: list[Fact]
    sessions: list[Link]
    source_file: str | None
    record: list[DocumentGroup] = field(default_factory=list)
    statement_count: int = 0


# Facts shown at the top of a session or document page, in this order.
SESSION_FACTS = [(MRKG.sessionNumber, "Number"), (DCTERMS.date, "Date"), (MRKG.startTime, "Started"),
                 (MRKG.endTime, "Ended"), (MRKG.place, "Place"), (MRKG.chair, "Chair"),
                 (MRKG.organizer, "Organized by"), (MRKG.postedBy, "Posted by"),
                 (MRKG.memberCount, "Members"), (MRKG.commentCount, "Comments")]
DOCUMENT_FACTS = [(DCTERMS.title, "Title"), (MRKG.symbol, "Symbol"), (DCTERMS.issued, "Issued"),
                  (DCTERMS.language, "Language"), (DCTERMS.creator, "Author"), (DCTERMS.publisher, "Publisher"),
                  (MRKG.sha256, "SHA-256 of the source")]


def _outgoing(store: ox.Store, resource: str) -> dict[str, list[str]]:
    """The resource's own triples, except its whole text (a document's nif:isString)."""
    found: dict[str, list[str]] = defaultdict(list)
    for row in select(store, f"SELECT DISTINCT ?p ?o WHERE {{ {iri(resource)} ?p ?o FILTER (?p != nif:isString) }} ORDER BY ?o"):
        found[row["p"]].append(row["o"])
    return found


def _facts(outgoing: dict[str, list[str]], wanted: list, names: dict[str, str]) -> list[Fact]:
    facts = []
    for predicate, name in wanted:
        for found in outgoing.get(str(predicate), []):
            linked = isinstance(found, str) and found in names
            facts.append(Fact(name, names[found] if linked else str(found), found if linked else None))
    return facts


def _linked(outgoing: dict[str, list[str]]) -> list[str]:
    return [v for values in outgoing.values() for v in values if isinstance(v, str) and v.startswith("http")]


def session_view(store: ox.Store, resource: str) -> SessionView:
    node = iri(resource)
    outgoing = _outgoing(store, resource)
    parts = select(store, f"""SELECT ?part (SAMPLE(?d) AS ?date) (COUNT(DISTINCT ?s) AS ?n) WHERE {{
        ?part mrkg:partOfSession {node} . OPTIONAL {{ ?part dcterms:date ?d }} OPTIONAL {{ ?s mrkg:session ?part }}
        }} GROUP BY ?part ORDER BY ?date ?part""")
    documents = [r["d"] for r in select(store, f"SELECT DISTINCT ?d WHERE {{ ?d mrkg:records {node} }}")]
    people = select(store, f"""SELECT DISTINCT ?actor ?role ?affiliation ?position WHERE {{
        ?p mrkg:inSession {node} ; mrkg:participant ?actor . OPTIONAL {{ ?p mrkg:participantRole ?role }}
        OPTIONAL {{ ?p mrkg:affiliation ?affiliation }} OPTIONAL {{ ?p mrkg:position ?position }} }}""")
    agenda = outgoing.get(str(MRKG.agendaItem), [])
    names = labels(store, [resource] + _linked(outgoing) + [p["part"] for p in parts] + documents
                   + [p[k] for p in people for k in ("actor", "role", "affiliation") if p[k]])
    where = f"?statement mrkg:session {node}"
    statements = statement_summaries(store, where, limit=MAX_STATEMENTS)
    parent = next(iter(outgoing.get(str(MRKG.partOfSession), [])), None)

    def link(value: str | None) -> Link | None:
        return Link(value, names[value]) if value else None

    return SessionView(
        iri=resource, label=names[resource], kinds=[Link(k, names[k]) for k in outgoing.get(RDF_TYPE, [])],
        facts=_facts(outgoing, SESSION_FACTS, names), parent=link(parent),
        parts=[(Link(p["part"], names[p["part"]]), p["date"], p["n"]) for p in parts],
        agenda=[names[a] for a in agenda], documents=[Link(d, names[d]) for d in documents],
        participants=[(Link(p["actor"], names[p["actor"]]), link(p["role"]), link(p["affiliation"]), p["position"])
                      for p in people],
        record=group_by_document(store, statements), statement_count=len(statements),
        printed=printed_forms(store, resource),
    )


def document_view(store: ox.Store, resource: str) -> DocumentView:
    outgoing = _outgoing(store, resource)
    names = labels(store, [resource] + _linked(outgoing))
    where = f"?statement mrkg:document {iri(resource)}"
    statements = statement_summaries(store, where, limit=MAX_STATEMENTS)
    source = next(iter(outgoing.get(str(PROV.wasDerivedFrom), [])), None)
    return DocumentView(
        iri=resource, label=names[resource], kinds=[Link(k, names[k]) for k in outgoing.get(RDF_TYPE, [])],
        facts=_facts(outgoing, DOCUMENT_FACTS, names),
        sessions=[Link(s, names[s]) for s in outgoing.get(str(MRKG.records), [])],
        source_file=source.rsplit("/", 1)[-1] if source else None,
        record=group_by_document(store, statements), statement_count=len(statements),
    )
