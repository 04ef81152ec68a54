"""Topics: the scheme's index, a topic's page, and the topics a statement or a provision is linked to.

A topic page (issue 13, point 4) gives the topic's labels in English, French and
Spanish, its UNBIS concept where one was verified, the provisions that govern it,
and every statement tagged with it (``dcterms:subject``), a page at a time in the
order of the meetings, like every statement list; each statement's matched words
are on its own page (the topic matches in its source graph).
"""
from __future__ import annotations

from dataclasses import dataclass, field

from api.views.ordering import NO_MEMO, Memo
from api.views.query import iri, select
from api.views.paging import PageRequest
from api.views.resources import Link, labels
from api.views.statements import StatementList, StatementPage, listing
from graph import iris
from graph.store import PublishedData
from graph.vocab import DCTERMS

TOPIC_LISTS = ("statements",)
SCHEME_LISTS: tuple[str, ...] = ()
LANGUAGE_NAMES = {"en": "English", "fr": "French", "es": "Spanish"}


@dataclass
class TopicView:
    iri: str
    label: str
    pref_labels: list[tuple[str, str]]  # (language name, label)
    alt_labels: list[str]
    close_matches: list[str]
    provisions: list[Link]  # what governs the topic
    statements: StatementPage

    def statement_lists(self) -> list[StatementPage]:
        return [self.statements]


@dataclass
class TopicEntry:
    link: Link
    statements: int
    labels: dict[str, str] = field(default_factory=dict)


@dataclass
class TopicsView:
    iri: str
    label: str
    description: str | None
    topics: list[TopicEntry]


def statements_on(resource: str, label: str) -> StatementList:
    return StatementList("statements", f"Statements on {label}", ((str(DCTERMS.subject), resource),))


def topic_statement_lists(store: PublishedData, resource: str, memo: Memo = NO_MEMO) -> list[StatementList]:
    return [statements_on(resource, labels(store, [resource])[resource])]


def topic_view(store: PublishedData, resource: str, request: PageRequest = PageRequest(),
               memo: Memo = NO_MEMO) -> TopicView:
    node = iri(resource)
    rows = select(store, f"""SELECT ?pref ?alt ?close ?provision WHERE {{
        {{ {node} skos:prefLabel ?pref }} UNION {{ {node} skos:altLabel ?alt }}
        UNION {{ {node} skos:closeMatch ?close }} UNION {{ {node} mrkg:governedBy ?provision }} }}""")
    prefs = {}
    for row in select(store, f"SELECT ?l (LANG(?l) AS ?lang) WHERE {{ {node} skos:prefLabel ?l }}"):
        prefs[row["lang"]] = row["l"]
    governing = sorted({r["provision"] for r in rows if r["provision"]})
    names = labels(store, [resource, *governing])
    label = names[resource]
    return TopicView(
        iri=resource, label=label,
        pref_labels=[(LANGUAGE_NAMES[lang], prefs[lang]) for lang in LANGUAGE_NAMES if lang in prefs],
        alt_labels=sorted({r["alt"] for r in rows if r["alt"]}),
        close_matches=sorted({r["close"] for r in rows if r["close"]}),
        provisions=sorted((Link(p, names[p]) for p in governing), key=lambda link: link.iri),
        statements=listing(store, statements_on(resource, label), request, main=True, memo=memo),
    )


def topics_view(store: PublishedData, resource: str = iris.TOPICS, request: PageRequest = PageRequest(),
                memo: Memo = NO_MEMO) -> TopicsView:
    """The scheme: every topic, with how many statements are tagged with it (a few dozen topics, one page)."""
    node = iri(resource)
    rows = select(store, f"""SELECT ?topic ?lang ?l (COUNT(DISTINCT ?statement) AS ?n) WHERE {{
        ?topic skos:inScheme {node} ; skos:prefLabel ?l . BIND (LANG(?l) AS ?lang)
        OPTIONAL {{ ?statement dcterms:subject ?topic }} }} GROUP BY ?topic ?lang ?l""")
    entries: dict[str, TopicEntry] = {}
    names = labels(store, [resource, *(r["topic"] for r in rows)])
    for row in rows:
        entry = entries.setdefault(row["topic"], TopicEntry(Link(row["topic"], names[row["topic"]]), int(row["n"])))
        entry.labels[row["lang"]] = row["l"]
    description = select(store, f"SELECT ?d WHERE {{ {node} dcterms:description ?d }} LIMIT 1")
    return TopicsView(resource, names[resource], description[0]["d"] if description else None,
                      sorted(entries.values(), key=lambda e: e.link.label.casefold()))


def topics_of(store: PublishedData, resource: str, kind: str) -> list[Link]:
    """The topics a statement is tagged with, or a provision governs; for the links on their pages."""
    pattern = {"statement": f"{iri(resource)} dcterms:subject ?topic",
               "provision": f"?topic mrkg:governedBy {iri(resource)}"}.get(kind)
    if pattern is None:
        return []
    found = [row["topic"] for row in select(store, f"SELECT DISTINCT ?topic WHERE {{ {pattern} }}")]
    names = labels(store, found)
    return sorted((Link(topic, names[topic]) for topic in found), key=lambda link: link.label.casefold())
