"""Statements: the full page of one, and the listings other pages group them into.

A listing is what a researcher scans: who spoke, for whom, when, at which
meeting, and the passage.  Provision, actor, session and document pages all
list statements, so the query and the grouping live here once; each page
only says which statements (a WHERE fragment binding ``?statement``).
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

import pyoxigraph as ox

from api.views.passages import Mark, Segment, excerpt, place, segments
from api.views.query import iri, select
from api.views.resources import RDF_TYPE, Link, labels
from graph.vocab import MRKG, NIF, PROV

PROVISION_CITATION = str(MRKG.ProvisionCitation)


@dataclass
class Quote:
    """A citation shown in its sentence."""

    before: str
    words: str
    after: str
    cut_before: bool
    cut_after: bool
    cited: Link


@dataclass
class StatementSummary:
    iri: str
    label: str
    number: int | None
    text: str
    begin: int
    document: Link
    session: Link | None = None
    speaker: Link | None = None
    speaker_as_printed: str | None = None
    on_behalf_of: Link | None = None
    date: str | None = None
    quotes: list[Quote] = field(default_factory=list)


@dataclass
class SessionGroup:
    session: Link | None
    date: str | None
    statements: list[StatementSummary] = field(default_factory=list)


@dataclass
class DocumentGroup:
    document: Link
    date: str | None
    sessions: list[SessionGroup] = field(default_factory=list)

    @property
    def count(self) -> int:
        return sum(len(group.statements) for group in self.sessions)


STATEMENT_FIELDS = """
    ?statement mrkg:document ?document .
    OPTIONAL { ?statement mrkg:text ?text }
    OPTIONAL { ?statement rdfs:label ?label }
    OPTIONAL { ?statement nif:beginIndex ?begin }
    OPTIONAL { ?statement mrkg:paragraphNumber ?number }
    OPTIONAL { ?statement mrkg:session ?session }
    OPTIONAL { ?statement mrkg:speaker ?speaker }
    OPTIONAL { ?statement mrkg:speakerAsPrinted ?printed }
    OPTIONAL { ?statement mrkg:onBehalfOf ?behalf }
    OPTIONAL { ?statement dcterms:date ?date }
"""


def statement_summaries(store: ox.Store, where: str, limit: int | None = None) -> list[StatementSummary]:
    """Statements bound to ``?statement`` by ``where``, in document order.

    One row per statement: plain joins and optionals, no property paths, so
    a page listing fifty statements stays a few milliseconds of query.
    """
    cap = f"LIMIT {int(limit)}" if limit else ""
    rows = select(store, f"""
        SELECT ?statement (SAMPLE(?document) AS ?doc) (SAMPLE(?text) AS ?t) (SAMPLE(?label) AS ?l)
               (MIN(?begin) AS ?b) (SAMPLE(?number) AS ?n) (SAMPLE(?session) AS ?s) (SAMPLE(?speaker) AS ?sp)
               (SAMPLE(?printed) AS ?pr) (SAMPLE(?behalf) AS ?bh) (SAMPLE(?date) AS ?d)
        WHERE {{ {{ SELECT DISTINCT ?statement WHERE {{ {where} }} }} {STATEMENT_FIELDS} }}
        GROUP BY ?statement ORDER BY ?doc ?b ?statement {cap}""")
    names = labels(store, [row[k] for row in rows for k in ("doc", "s", "sp", "bh") if row[k]])

    def link(key: str | None) -> Link | None:
        return Link(key, names[key]) if key else None

    return [
        StatementSummary(
            iri=row["statement"], label=row["l"] or row["statement"], number=row["n"], text=row["t"] or "",
            begin=row["b"] or 0, document=Link(row["doc"], names[row["doc"]]), session=link(row["s"]),
            speaker=link(row["sp"]), speaker_as_printed=row["pr"], on_behalf_of=link(row["bh"]), date=row["d"],
        )
        for row in rows
    ]


def group_by_document(store: ox.Store, statements: list[StatementSummary]) -> list[DocumentGroup]:
    """Documents (oldest first), each with its sessions (by date) and their statements in order."""
    dated = _dates(store, {s.document.iri for s in statements} | {s.session.iri for s in statements if s.session})
    documents: dict[str, DocumentGroup] = {}
    sessions: dict[tuple[str, str | None], SessionGroup] = {}
    for statement in statements:
        doc = documents.setdefault(
            statement.document.iri, DocumentGroup(statement.document, dated.get(statement.document.iri)))
        key = (statement.document.iri, statement.session.iri if statement.session else None)
        if key not in sessions:
            when = dated.get(key[1]) if key[1] else None
            sessions[key] = SessionGroup(statement.session, when)
            doc.sessions.append(sessions[key])
        sessions[key].statements.append(statement)
    for doc in documents.values():
        doc.sessions.sort(key=lambda g: (g.date or "", g.statements[0].begin))
        for group in doc.sessions:
            group.statements.sort(key=lambda s: s.begin)
    return sorted(documents.values(), key=lambda d: (d.date or "", d.document.label))


def _dates(store: ox.Store, resources: set[str]) -> dict[str, str]:
    """dcterms:date of sessions, dcterms:issued of documents."""
    if not resources:
        return {}
    values = " ".join(iri(r) for r in sorted(resources))
    rows = select(store, f"""SELECT ?r (MIN(STR(?d)) AS ?date) WHERE {{
        VALUES ?r {{ {values} }} {{ ?r dcterms:date ?d }} UNION {{ ?r dcterms:issued ?d }} }} GROUP BY ?r""")
    return {row["r"]: row["date"] for row in rows if row["date"]}


def references(store: ox.Store, where: str, targets: set[str] | None = None) -> dict[str, list[Mark]]:
    """Citations and mentions made by the statements bound by ``where`` (to ``targets`` only, if given)."""
    only = f"VALUES ?target {{ {' '.join(iri(t) for t in sorted(targets))} }}" if targets else ""
    rows = select(store, f"""
        SELECT DISTINCT ?statement ?kind ?target ?b ?e ?words WHERE {{
            {{ SELECT DISTINCT ?statement WHERE {{ {where} }} }}
            {only}
            ?ref cito:hasCitingEntity ?statement ; a ?kind ; cito:hasCitedEntity ?target ;
                 nif:beginIndex ?b ; nif:endIndex ?e .
            OPTIONAL {{ ?ref nif:anchorOf ?words }}
            FILTER (?kind IN (mrkg:ProvisionCitation, mrkg:InstrumentMention))
        }}""")
    found: dict[str, list[Mark]] = defaultdict(list)
    for row in rows:
        kind = "citation" if row["kind"] == PROVISION_CITATION else "mention"
        found[row["statement"]].append(Mark(row["b"], row["e"], row["words"] or "", row["target"], kind))
    return found


def passages(store: ox.Store, statements: list[str]) -> dict[str, tuple[int, str]]:
    """Each statement's printed passage: (nif:beginIndex, nif:anchorOf)."""
    if not statements:
        return {}
    values = " ".join(iri(s) for s in sorted(set(statements)))
    rows = select(store, f"""SELECT ?s (MIN(?b) AS ?begin) (SAMPLE(?a) AS ?anchor) WHERE {{
        VALUES ?s {{ {values} }} ?s nif:beginIndex ?b ; nif:anchorOf ?a }} GROUP BY ?s""")
    return {row["s"]: (row["begin"], row["anchor"]) for row in rows}


def attach_quotes(store: ox.Store, statements: list[StatementSummary], where: str, cited: set[str],
                  kind: str = "citation") -> None:
    """Give each statement the sentences in which it cites (or mentions, ``kind="mention"``) one of ``cited``."""
    marks = references(store, where, cited)
    printed = passages(store, [s.iri for s in statements])
    names = labels(store, cited)
    for statement in statements:
        wanted = [m for m in marks.get(statement.iri, []) if m.target in cited and m.kind == kind]
        begin, anchor = printed.get(statement.iri, (statement.begin, statement.text))
        seen: set[tuple[int, int]] = set()
        for start, end, mark in place(wanted, begin, anchor, statement.text):
            if (start, end) in seen:
                continue
            seen.add((start, end))
            before, words, after, cut_before, cut_after = excerpt(statement.text, start, end)
            statement.quotes.append(Quote(before, words, after, cut_before, cut_after,
                                          Link(mark.target, names[mark.target])))


@dataclass
class Reference:
    """One provision or instrument a statement refers to, with the words used each time."""

    target: Link
    words: list[tuple[str, int]]  # (words as printed, how many times)
    outside_text: int = 0  # references not in the running text (e.g. in a footnote of the passage)


def _gather(marks: list[Mark], placed: list[tuple[int, int, Mark]], names: dict[str, str], kind: str) -> list[Reference]:
    in_text = {id(mark) for _, _, mark in placed}
    found: dict[str, Reference] = {}
    for mark in sorted(marks, key=lambda m: m.start):
        if mark.kind != kind:
            continue
        reference = found.setdefault(mark.target, Reference(Link(mark.target, names[mark.target]), []))
        counts = dict(reference.words)
        counts[mark.words] = counts.get(mark.words, 0) + 1
        reference.words = list(counts.items())
        reference.outside_text += id(mark) not in in_text
    return list(found.values())


# What a statement links to, besides its speaker and session (fetched with the summary).
LINKED = (MRKG.speakerRole, MRKG.previousStatement, MRKG.nextStatement, MRKG.inReplyTo, MRKG.duplicateOf)


@dataclass
class StatementView:
    """The page of one statement."""

    summary: StatementSummary
    kinds: list[Link]
    segments: list[Segment]
    citations: list["Reference"]  # provisions cited, in order of first citation
    mentions: list["Reference"]  # instruments mentioned, in order of first mention
    role: Link | None
    passage: str
    passage_begin: int
    passage_end: int
    source_file: str | None
    previous: Link | None
    next: Link | None
    in_reply_to: Link | None
    duplicate_of: Link | None
    replies: list[Link]
    target_labels: dict[str, str]  # label of each cited provision and mentioned instrument

    @property
    def label(self) -> str:
        return self.summary.label


def statement_view(store: ox.Store, resource: str) -> StatementView | None:
    node = iri(resource)
    where = f"VALUES ?statement {{ {node} }}"
    found = statement_summaries(store, where)
    if not found:
        return None
    summary = found[0]
    rows = select(store, f"""SELECT ?p ?o WHERE {{ {node} ?p ?o .
        FILTER (?p IN (rdf:type, mrkg:speakerRole, mrkg:previousStatement, mrkg:nextStatement, mrkg:inReplyTo,
                       mrkg:duplicateOf, nif:endIndex, nif:anchorOf, prov:wasDerivedFrom)) }}""")
    by: dict[str, list[object]] = defaultdict(list)
    for row in rows:
        by[row["p"]].append(row["o"])
    replies = [row["r"] for row in select(store, f"SELECT DISTINCT ?r ?b WHERE {{ ?r mrkg:inReplyTo {node} "
                                                 f"OPTIONAL {{ ?r nif:beginIndex ?b }} }} ORDER BY ?b")]
    marks = references(store, where).get(resource, [])
    related = [RDF_TYPE] + [str(p) for p in LINKED]
    names = labels(store, [m.target for m in marks] + replies + [str(v) for p in related for v in by[p]])

    def single(predicate: object) -> object | None:
        return next(iter(by[str(predicate)]), None)

    def link(predicate: object) -> Link | None:
        value = single(predicate)
        return Link(str(value), names[str(value)]) if value else None

    anchor = str(single(NIF.anchorOf) or summary.text)
    placed = place(marks, summary.begin, anchor, summary.text)
    end = single(NIF.endIndex)
    source = single(PROV.wasDerivedFrom)
    return StatementView(
        summary=summary,
        kinds=[Link(str(t), names[str(t)]) for t in sorted(map(str, by[RDF_TYPE]))],
        segments=segments(summary.text, placed),
        citations=_gather(marks, placed, names, "citation"),
        mentions=_gather(marks, placed, names, "mention"),
        role=link(MRKG.speakerRole),
        passage=anchor,
        passage_begin=summary.begin,
        passage_end=end if isinstance(end, int) else summary.begin + len(anchor),
        source_file=str(source).rsplit("/", 1)[-1] if source else None,
        previous=link(MRKG.previousStatement),
        next=link(MRKG.nextStatement),
        in_reply_to=link(MRKG.inReplyTo),
        duplicate_of=link(MRKG.duplicateOf),
        replies=[Link(r, names[r]) for r in replies],
        target_labels={m.target: names[m.target] for m in marks},
    )
