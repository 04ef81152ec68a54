"""Statements: the full page of one, and the listings other pages group them into.

A listing is what a researcher scans: who spoke, for whom, when, at which
meeting, and the passage.  Provision, actor, session and document pages all
list statements, so the query, the order and the grouping live here once; each
page only says which statements (a :class:`StatementList`: the triples that
link them to the page's resource) and in which order.  A list is counted,
sorted and cut by the engine, a page at a time (issue 11, point 7); only the
page's statements are then described and quoted.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Iterable


from api.views.occasion import Occasion, occasion
from api.views.ordering import (
    COUNT_WEIGHT, NO_MEMO, DocumentOrder, Memo, document_order, page_in_documents, per_document,
)
from api.views.translations import translations
from api.views.paging import PageRequest, Paged, paged
from api.views.passages import Mark, Segment, excerpt, place, segments
from api.views.query import Row, iri, select
from api.views.resources import Link, labels
from graph.export_marks import FOOTNOTE_MARK
from graph.store import PublishedData
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
    passage: str | None = None  # the paragraph as printed in the source (nif:anchorOf), markup included
    quotes: list[Quote] = field(default_factory=list)

    @property
    def place(self) -> str:
        """Where the statement is in its document, for a list grouped under the document: "Comment 11" out
        of "Discussion Spaces: …, comment 11 (Kate Barth), 22 March 2022" (graph.titles writes labels so);
        speaker and date are shown beside it.  The whole label where it does not begin with the document's."""
        rest = self.label.removeprefix(self.document.label + ", ")
        if rest == self.label:
            return self.label
        place = rest.split(" (")[0].split(", ")[0]
        return place[:1].upper() + place[1:]


@dataclass
class SessionGroup:
    session: Link | None
    date: str | None
    statements: list[StatementSummary] = field(default_factory=list)
    when: str = "held"  # what the date is: "meeting of", "opened", "held" (beside a document's "issued")


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
    OPTIONAL { ?statement nif:anchorOf ?anchor }
    OPTIONAL { ?statement mrkg:paragraphNumber ?number }
    OPTIONAL { ?statement mrkg:session ?session }
    OPTIONAL { ?statement mrkg:speaker ?speaker }
    OPTIONAL { ?statement mrkg:speakerAsPrinted ?printed }
    OPTIONAL { ?statement mrkg:onBehalfOf ?behalf }
    OPTIONAL { ?statement dcterms:date ?date }
"""


def statement_summaries(store: PublishedData, statements: list[str]) -> list[StatementSummary]:
    """The summaries of ``statements`` (a page of them), in the order given.

    Plain joins and optionals from the statements given, no grouping in the query
    (a statement with two labels gives two rows, merged here, the first kept): a page
    listing fifty statements is a few milliseconds of query.
    """
    if not statements:
        return []
    found: dict[str, Row] = {}
    for row in select(store, f"SELECT * WHERE {{ VALUES ?statement {{ {' '.join(map(iri, statements))} }} "
                             f"{STATEMENT_FIELDS} }}"):
        kept = found.setdefault(row["statement"], row)
        for key, value in row.items():
            if kept[key] is None:
                kept[key] = value
        if row["begin"] is not None and row["begin"] < kept["begin"]:
            kept["begin"] = row["begin"]
    names = labels(store, [row[k] for row in found.values() for k in ("document", "session", "speaker", "behalf")
                           if row[k]])

    def link(key: str | None) -> Link | None:
        return Link(key, names[key]) if key else None

    return [
        StatementSummary(
            iri=row["statement"], label=row["label"] or row["statement"], number=row["number"], text=row["text"] or "",
            begin=row["begin"] or 0, document=Link(row["document"], names[row["document"]]),
            session=link(row["session"]), speaker=link(row["speaker"]), speaker_as_printed=row["printed"],
            on_behalf_of=link(row["behalf"]), date=row["date"], passage=row["anchor"],
        )
        for row in (found[statement] for statement in statements if statement in found)
    ]


# -- lists of statements, a page at a time (issue 11, point 7) --------------------------------

CHRONOLOGICAL = "chronological"  # the meeting's date, the document, the place in it (api.views.ordering)
IN_DOCUMENT = "in document"  # the place in the document (a document's own page)


@dataclass(frozen=True)
class StatementList:
    """The statements a page lists: those with one of the ``links`` (predicate, object) triples.

    ``name`` is the list's name on its page (the ``list`` parameter), ``title`` what a
    reader calls it ("Statements citing article 22"), ``order`` CHRONOLOGICAL or IN_DOCUMENT.
    """

    name: str
    title: str
    links: tuple[tuple[str, str], ...]
    order: str = CHRONOLOGICAL

    @property
    def where(self) -> str:
        return " UNION ".join(f"{{ ?statement {iri(predicate)} {iri(target)} }}" for predicate, target in self.links)


def _in_document(store: PublishedData, statements: StatementList, limit: int, offset: int) -> list[str]:
    """One page of a document's own statements, by place in it: sorted and cut by the engine."""
    rows = select(store, f"""SELECT ?statement WHERE {{ {statements.where} OPTIONAL {{ ?statement nif:beginIndex ?b }} }}
        GROUP BY ?statement ORDER BY (MIN(?b)) ?statement LIMIT {int(limit)} OFFSET {int(offset)}""")
    return [row["statement"] for row in rows]


def statement_window(store: PublishedData, statements: StatementList, request: PageRequest, main: bool = False,
                     memo: Memo = NO_MEMO) -> Paged[str]:
    """The IRIs of the requested page of ``statements``, in the list's order, with the list's total."""
    if statements.order == IN_DOCUMENT:
        total = select(store, f"SELECT (COUNT(DISTINCT ?statement) AS ?n) WHERE {{ {statements.where} }}")[0]["n"]
        return paged(request, statements.name, "statements", int(total),
                     lambda limit, offset: _in_document(store, statements, limit, offset), main=main)
    counts = memo.bounded(("per document", statements.where),
                          lambda: per_document(store, statements.where, distinct=len(statements.links) > 1),
                          lambda found: COUNT_WEIGHT * len(found))
    order: DocumentOrder = memo("document order", lambda: document_order(store))
    return paged(request, statements.name, "statements", sum(counts.values()),
                 lambda limit, offset: page_in_documents(store, statements.where, order, counts, limit, offset),
                 main=main)


def values_of(statements: Iterable[StatementSummary]) -> str:
    """A WHERE fragment binding ``?statement`` to exactly these statements."""
    return f"VALUES ?statement {{ {' '.join(iri(s.iri) for s in statements)} }}"


@dataclass
class StatementPage(Paged[StatementSummary]):
    """A page of a statement list, with its statements grouped for reading."""

    groups: list[DocumentGroup] = field(default_factory=list)
    title: str = ""


def listing(store: PublishedData, statements: StatementList, request: PageRequest, main: bool = False,
            memo: Memo = NO_MEMO) -> StatementPage:
    """The requested page of ``statements``, summarised and grouped by document and meeting."""
    page = statement_window(store, statements, request, main, memo)
    items = statement_summaries(store, page.items)
    return StatementPage(page.name, page.noun, items, page.total, page.number, page.size, page.main,
                         page.extra, groups=group_runs(store, items), title=statements.title)


def group_runs(store: PublishedData, statements: list[StatementSummary]) -> list[DocumentGroup]:
    """Consecutive statements of one document (and within it, of one meeting) under one heading, order kept.

    A list sorted by date visits a document's statements together; where another
    document's statements come between, the document gets a heading again.
    """
    dated = _dates(store, {s.document.iri for s in statements} | {s.session.iri for s in statements if s.session})
    documents: list[DocumentGroup] = []
    for statement in statements:
        session = statement.session.iri if statement.session else None
        if not documents or documents[-1].document.iri != statement.document.iri:
            documents.append(DocumentGroup(statement.document, dated.get(statement.document.iri)))
        runs = documents[-1].sessions
        if not runs or (runs[-1].session.iri if runs[-1].session else None) != session:
            runs.append(SessionGroup(statement.session, dated.get(session) if session else None,
                                     when=dated.get(f"{session} when", "held")))
        runs[-1].statements.append(statement)
    return documents


# What a session's date is, said beside a document's issue date (issue 14, point 1: two dates side by side
# read as one unless each says what it is).
SESSION_DATE_WORDS = {str(MRKG.Meeting): "meeting of", str(MRKG.DiscussionThread): "opened"}


def _dates(store: PublishedData, resources: set[str]) -> dict[str, str]:
    """dcterms:date of sessions, dcterms:issued of documents; and under "IRI when", what a session's date is."""
    if not resources:
        return {}
    values = " ".join(iri(r) for r in sorted(resources))
    kinds = ", ".join(map(iri, SESSION_DATE_WORDS))
    rows = select(store, f"""SELECT ?r (MIN(STR(?d)) AS ?date) (SAMPLE(?kind) AS ?k) WHERE {{
        VALUES ?r {{ {values} }} {{ ?r dcterms:date ?d }} UNION {{ ?r dcterms:issued ?d }}
        OPTIONAL {{ ?r a ?kind FILTER (?kind IN ({kinds})) }} }} GROUP BY ?r""")
    dates = {row["r"]: row["date"] for row in rows if row["date"]}
    dates.update({f"{row['r']} when": SESSION_DATE_WORDS[row["k"]] for row in rows if row["k"]})
    return dates


def references(store: PublishedData, where: str, targets: set[str] | None = None) -> dict[str, list[Mark]]:
    """Citations and mentions made by the statements bound by ``where`` (to ``targets`` only, if given).

    The statements come first and the targets are a filter: bound up front, a target
    cited fifty thousand times would be read whole before the join (seconds, not milliseconds).
    """
    only = f"&& ?target IN ({', '.join(iri(t) for t in sorted(targets))})" if targets else ""
    rows = select(store, f"""
        SELECT DISTINCT ?statement ?kind ?target ?b ?e ?words WHERE {{
            {where}
            ?ref cito:hasCitingEntity ?statement ; cito:hasCitedEntity ?target ; a ?kind ;
                 nif:beginIndex ?b ; nif:endIndex ?e .
            OPTIONAL {{ ?ref nif:anchorOf ?words }}
            FILTER (?kind IN (mrkg:ProvisionCitation, mrkg:InstrumentMention) {only})
        }}""")
    found: dict[str, list[Mark]] = defaultdict(list)
    for row in rows:
        kind = "citation" if row["kind"] == PROVISION_CITATION else "mention"
        found[row["statement"]].append(Mark(row["b"], row["e"], row["words"] or "", row["target"], kind))
    return found


def attach_quotes(store: PublishedData, statements: list[StatementSummary], cited: set[str], kind: str = "citation") -> None:
    """Give each statement the sentences in which it cites (or mentions, ``kind="mention"``) one of ``cited``."""
    if not statements:
        return
    marks = references(store, values_of(statements), cited)
    names = labels(store, cited)
    for statement in statements:
        wanted = [m for m in marks.get(statement.iri, []) if m.target in cited and m.kind == kind]
        begin, anchor = statement.begin, statement.passage or statement.text
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
    occasion: Occasion
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
    replies: Paged[Link]  # in the document's order
    target_labels: dict[str, str]  # label of each cited provision and mentioned instrument
    translations: list[tuple[str, str]] = field(default_factory=list)  # (language, words) printed beside it

    @property
    def label(self) -> str:
        return self.summary.label

    @property
    def passage_parts(self) -> list[tuple[str, str | None]]:
        """The passage as printed, its footnote marks ("[footnoteRef:2]") told apart to be shown as the
        superscript the printed page has (issue 14, point 1): (words, None) or ("", the note's number)."""
        parts: list[tuple[str, str | None]] = []
        last = 0
        for mark in FOOTNOTE_MARK.finditer(self.passage):
            parts.append((self.passage[last : mark.start()], None))
            parts.append(("", mark.group(1) or mark.group(2)))
            last = mark.end()
        parts.append((self.passage[last:], None))
        return [part for part in parts if part != ("", None)]


STATEMENT_LISTS = ("replies",)


def replies(store: PublishedData, resource: str, request: PageRequest) -> Paged[Link]:
    """The comments replying to a statement, in the document's order."""
    where = f"?reply mrkg:inReplyTo {iri(resource)}"
    total = select(store, f"SELECT (COUNT(DISTINCT ?reply) AS ?n) WHERE {{ {where} }}")[0]["n"]

    def fetch(limit: int, offset: int) -> list[Link]:
        rows = select(store, f"""SELECT ?reply WHERE {{ {where} OPTIONAL {{ ?reply nif:beginIndex ?b }} }}
            GROUP BY ?reply ORDER BY (MIN(?b)) ?reply LIMIT {limit} OFFSET {offset}""")
        names = labels(store, [row["reply"] for row in rows])
        return [Link(row["reply"], names[row["reply"]]) for row in rows]

    return paged(request, "replies", "replies", int(total), fetch, main=True)


def statement_view(store: PublishedData, resource: str, request: PageRequest = PageRequest(),
                   memo: Memo = NO_MEMO) -> StatementView | None:
    node = iri(resource)
    where = f"VALUES ?statement {{ {node} }}"
    found = statement_summaries(store, [resource])
    if not found:
        return None
    summary = found[0]
    rows = select(store, f"""SELECT ?p ?o WHERE {{ {node} ?p ?o .
        FILTER (?p IN (mrkg:speakerRole, mrkg:previousStatement, mrkg:nextStatement, mrkg:inReplyTo,
                       mrkg:duplicateOf, nif:endIndex, nif:anchorOf, prov:wasDerivedFrom)) }}""")
    by: dict[str, list[object]] = defaultdict(list)
    for row in rows:
        by[row["p"]].append(row["o"])
    marks = references(store, where).get(resource, [])
    related = [str(p) for p in LINKED]
    names = labels(store, [m.target for m in marks] + [str(v) for p in related for v in by[p]])

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
        occasion=occasion(store, resource),
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
        replies=replies(store, resource, request),
        target_labels={m.target: names[m.target] for m in marks},
        translations=translations(store, resource),
    )
