"""Sessions and documents: a record read as its sequence of statements.

A session page is the meeting as the record tells it, statement after
statement; a document page is the document as a whole, with the sessions it
records and a link to its source text.

A session of a hundred meetings, a record of five hundred paragraphs: every
list is counted and cut by the engine, a page at a time (issue 11, point 7).
A session's meetings come by date, then number; the documents recording it by
date of issue; its participants by name; its statements by meeting date, then
document, then paragraph; a document's statements in the document's order.
"""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass


from api.views.ordering import NO_MEMO, Memo
from api.views.paging import PageRequest, Paged, paged
from api.views.printed import PrintedForms, printed_forms
from api.views.query import iri, select
from api.views.resources import RDF_TYPE, Link, labels
from api.views.statements import IN_DOCUMENT, StatementList, StatementPage, listing
from graph.store import PublishedData
from graph.vocab import DCTERMS, MRKG, PROV

SESSION_LISTS = ("statements", "meetings", "documents", "participants", "printed")
DOCUMENT_LISTS = ("statements",)


@dataclass
class Fact:
    """One line of a page's summary: "Date: 27 September 2022", "Chair: Mr. Corzo Sosa"."""

    name: str
    text: str
    link: str | None = None


Participant = tuple[Link, "Link | None", "Link | None", "str | None"]  # actor, role, affiliation, position


@dataclass
class SessionView:
    iri: str
    label: str
    kinds: list[Link]
    facts: list[Fact]
    parent: Link | None
    parts: Paged[tuple[Link, str | None, int]]  # meetings and other parts: (session, date, statements)
    agenda: list[str]
    documents: Paged[Link]
    participants: Paged[Participant]
    record: StatementPage
    printed: PrintedForms  # how each record names the session

    @property
    def statement_count(self) -> int:
        return self.record.total

    def statement_lists(self) -> list[StatementPage]:
        return [self.record]


@dataclass
class DocumentView:
    iri: str
    label: str
    kinds: list[Link]
    facts: list[Fact]
    sessions: list[Link]
    source_file: str | None
    record: StatementPage

    @property
    def statement_count(self) -> int:
        return self.record.total

    def statement_lists(self) -> list[StatementPage]:
        return [self.record]


# Facts shown at the top of a session or document page, in this order.
SESSION_FACTS = [(MRKG.sessionNumber, "Number"), (DCTERMS.date, "Date"), (MRKG.startTime, "Started"),
                 (MRKG.endTime, "Ended"), (MRKG.place, "Place"), (MRKG.chair, "Chair"),
                 (MRKG.organizer, "Organized by"), (MRKG.postedBy, "Posted by"),
                 (MRKG.memberCount, "Members"), (MRKG.commentCount, "Comments")]
DOCUMENT_FACTS = [(DCTERMS.title, "Title"), (MRKG.symbol, "Symbol"), (DCTERMS.issued, "Issued"),
                  (DCTERMS.language, "Language"), (DCTERMS.creator, "Author"), (DCTERMS.publisher, "Publisher"),
                  (MRKG.sha256, "SHA-256 of the source")]


def _outgoing(store: PublishedData, resource: str) -> dict[str, list[str]]:
    """The resource's own triples, except its whole text (a document's nif:isString)."""
    found: dict[str, list[str]] = defaultdict(list)
    for row in select(store, f"SELECT DISTINCT ?p ?o WHERE {{ {iri(resource)} ?p ?o FILTER (?p != nif:isString) }} ORDER BY ?o"):
        found[row["p"]].append(row["o"])
    return found


def _facts(outgoing: dict[str, list[str]], wanted: Sequence[tuple[str, str]], names: dict[str, str]) -> list[Fact]:
    facts = []
    for predicate, name in wanted:
        for found in outgoing.get(str(predicate), []):
            linked = isinstance(found, str) and found in names
            facts.append(Fact(name, names[found] if linked else str(found), found if linked else None))
    return facts


def _linked(outgoing: dict[str, list[str]]) -> list[str]:
    return [v for values in outgoing.values() for v in values if isinstance(v, str) and v.startswith("http")]


def session_statements(resource: str, label: str) -> StatementList:
    return StatementList("statements", f"Statements at {label}", ((str(MRKG.session), resource),))


def document_statements(resource: str, label: str) -> StatementList:
    return StatementList("statements", f"Statements in {label}", ((str(MRKG.document), resource),), IN_DOCUMENT)


def session_statement_lists(store: PublishedData, resource: str, memo: Memo = NO_MEMO) -> list[StatementList]:
    return [session_statements(resource, labels(store, [resource])[resource])]


def document_statement_lists(store: PublishedData, resource: str, memo: Memo = NO_MEMO) -> list[StatementList]:
    return [document_statements(resource, labels(store, [resource])[resource])]


def _count(store: PublishedData, variable: str, where: str) -> int:
    rows = select(store, f"SELECT (COUNT(DISTINCT {variable}) AS ?n) WHERE {{ {where} }}")
    return int(rows[0]["n"]) if rows else 0


def meetings(store: PublishedData, resource: str, request: PageRequest) -> Paged[tuple[Link, str | None, int]]:
    """The session's meetings (or other parts), by date, then number; each with its statements counted."""
    where = f"?part mrkg:partOfSession {iri(resource)}"

    def fetch(limit: int, offset: int) -> list[tuple[Link, str | None, int]]:
        rows = select(store, f"""SELECT ?part (MIN(STR(?d)) AS ?date) WHERE {{
            {where} OPTIONAL {{ ?part dcterms:date ?d }} OPTIONAL {{ ?part mrkg:sessionNumber ?number }}
        }} GROUP BY ?part ORDER BY (!BOUND(?date)) ?date (MIN(xsd:integer(?number))) ?part
        LIMIT {limit} OFFSET {offset}""")
        parts = [row["part"] for row in rows]
        counted = {row["part"]: row["n"] for row in select(store, f"""SELECT ?part (COUNT(?s) AS ?n) WHERE {{
            VALUES ?part {{ {' '.join(map(iri, parts))} }} ?s mrkg:session ?part }} GROUP BY ?part""")} if parts else {}
        names = labels(store, parts)
        return [(Link(r["part"], names[r["part"]]), r["date"], int(counted.get(r["part"], 0))) for r in rows]

    return paged(request, "meetings", "meetings", _count(store, "?part", where), fetch)


def recording_documents(store: PublishedData, resource: str, request: PageRequest) -> Paged[Link]:
    """The documents that record the session, by date of issue, then identifier."""
    where = f"?doc mrkg:records {iri(resource)}"

    def fetch(limit: int, offset: int) -> list[Link]:
        rows = select(store, f"""SELECT ?doc WHERE {{ {where} OPTIONAL {{ ?doc dcterms:issued ?issued }} }}
            GROUP BY ?doc ORDER BY (MIN(STR(?issued))) ?doc LIMIT {limit} OFFSET {offset}""")
        names = labels(store, [row["doc"] for row in rows])
        return [Link(row["doc"], names[row["doc"]]) for row in rows]

    return paged(request, "documents", "documents", _count(store, "?doc", where), fetch)


def participants(store: PublishedData, resource: str, request: PageRequest) -> Paged[Participant]:
    """Who took part, by name, then role."""
    where = f"""?p mrkg:inSession {iri(resource)} ; mrkg:participant ?actor . OPTIONAL {{ ?p mrkg:participantRole ?role }}
        OPTIONAL {{ ?p mrkg:affiliation ?affiliation }} OPTIONAL {{ ?p mrkg:position ?position }}"""
    distinct = f"SELECT DISTINCT ?actor ?role ?affiliation ?position WHERE {{ {where} }}"
    total = int(select(store, f"SELECT (COUNT(*) AS ?n) WHERE {{ {distinct} }}")[0]["n"])
    # The labels sorted by, nested so that an absent role stays absent.
    sorted_where = f"""?p mrkg:inSession {iri(resource)} ; mrkg:participant ?actor . OPTIONAL {{ ?actor rdfs:label ?al }}
        OPTIONAL {{ ?p mrkg:participantRole ?role OPTIONAL {{ ?role rdfs:label ?rl }} }}
        OPTIONAL {{ ?p mrkg:affiliation ?affiliation }} OPTIONAL {{ ?p mrkg:position ?position }}"""

    def fetch(limit: int, offset: int) -> list[Participant]:
        rows = select(store, f"""SELECT ?actor ?role ?affiliation ?position WHERE {{ {sorted_where} }}
        GROUP BY ?actor ?role ?affiliation ?position
        ORDER BY (MIN(STR(?al))) ?actor (MIN(STR(?rl))) ?role ?affiliation ?position LIMIT {limit} OFFSET {offset}""")
        names = labels(store, [r[k] for r in rows for k in ("actor", "role", "affiliation") if r[k]])

        def link(value: str | None) -> Link | None:
            return Link(value, names[value]) if value else None

        return [(Link(r["actor"], names[r["actor"]]), link(r["role"]), link(r["affiliation"]), r["position"])
                for r in rows]

    return paged(request, "participants", "participants", total, fetch)


def session_view(store: PublishedData, resource: str, request: PageRequest = PageRequest(),
                 memo: Memo = NO_MEMO) -> SessionView:
    outgoing = _outgoing(store, resource)
    agenda = outgoing.get(str(MRKG.agendaItem), [])
    names = labels(store, [resource] + _linked(outgoing))
    parent = next(iter(outgoing.get(str(MRKG.partOfSession), [])), None)
    return SessionView(
        iri=resource, label=names[resource], kinds=[Link(k, names[k]) for k in outgoing.get(RDF_TYPE, [])],
        facts=_facts(outgoing, SESSION_FACTS, names), parent=Link(parent, names[parent]) if parent else None,
        parts=meetings(store, resource, request), agenda=[names[a] for a in agenda],
        documents=recording_documents(store, resource, request),
        participants=participants(store, resource, request),
        record=listing(store, session_statements(resource, names[resource]), request, main=True, memo=memo),
        printed=printed_forms(store, resource, request, memo),
    )


def document_view(store: PublishedData, resource: str, request: PageRequest = PageRequest(),
                  memo: Memo = NO_MEMO) -> DocumentView:
    outgoing = _outgoing(store, resource)
    names = labels(store, [resource] + _linked(outgoing))
    source = next(iter(outgoing.get(str(PROV.wasDerivedFrom), [])), None)
    return DocumentView(
        iri=resource, label=names[resource], kinds=[Link(k, names[k]) for k in outgoing.get(RDF_TYPE, [])],
        facts=_facts(outgoing, DOCUMENT_FACTS, names),
        sessions=[Link(s, names[s]) for s in outgoing.get(str(MRKG.records), [])],
        source_file=source.rsplit("/", 1)[-1] if source else None,
        record=listing(store, document_statements(resource, names[resource]), request, main=True),
    )
