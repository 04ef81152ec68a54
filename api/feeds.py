"""Atom feeds of new statements: for a provision or instrument, an actor, a topic, and a search (issue 14, point 4).

A researcher follows "new statements citing article 22" rather than coming back to look.
Each feed is the page's main list of statements — the provision's citing statements (its
subdivisions' too, as on its page), the statements mentioning an instrument, those an actor
made or that were made for it, those on a topic, a search's statement hits — the newest first
by the day the words were said or posted (the meeting's date; a comment's own date; else the
document's date of issue), at most :data:`FEED_SIZE` of them.  A statement whose day the graph
does not know (a concept note may carry none) comes after the dated ones, dated by the build.
The feed's ``updated`` is the build's publication time, so a reader sees it change with each
build, and gets ``304`` until then.  Served at ``…/article/22.atom`` and ``/search.atom?q=…``,
or at the page's own address with ``Accept: application/atom+xml`` (:mod:`api.negotiation`).
Labels, dates and speakers are read from the published graph, never worked out here.
"""
from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass, replace
from typing import Any

from fastapi import Request
from fastapi.responses import PlainTextResponse, Response

from api.dumps import http_date, not_modified
from api.errors import shown
from api.linked_data import header_path
from api.release import Release
from api.search_parameters import DEFAULT_SIZE, SearchParameters
from api.citation_export import is_provision
from api.views.actors import actor_statement_lists
from api.views.catalogue import instrument_statement_lists, provision_statement_lists
from api.views.ordering import COUNT_WEIGHT, NO_MEMO, Memo, per_document
from api.views.query import iri, select
from api.views.statements import StatementList, StatementSummary, attach_quotes, statement_summaries
from api.views.topics import topic_statement_lists
from graph import iris
from graph.atom import Category, Entry, Feed, Person, atom_xml, instant
from graph.citations import PageOf, statement_citations
from graph.formats import ATOM
from graph.search import SearchAnswer
from graph.store import PublishedData
from graph.vocab import MRKG

LONG_LIST = 500  # statements beyond which a list is read from its newest documents, not sorted whole
FEED_SIZE = 50  # entries of one feed: a reader shows what is new, and a build adds far fewer than this to one list
# RFC 7303 §3 recommends the charset on XML media types: a browser showing the feed as text reads it right.
CONTENT_TYPE = f"{ATOM.media_type}; charset=utf-8"
PUBLISHER = Person("Migrant Rights Knowledge Graph", "https://w3id.org/mrkg/")

# Each entry's day: a comment's own date, else its meeting's, else its document's date of issue
# (graph.citations reads the same three, in the same order, for the citation's date).
SAID_ON = """?statement mrkg:document ?document .
    OPTIONAL { ?statement dcterms:date ?posted } OPTIONAL { ?statement mrkg:session/dcterms:date ?met }
    OPTIONAL { ?document dcterms:issued ?issued } OPTIONAL { ?statement nif:beginIndex ?begin }
    BIND(STR(COALESCE(?posted, ?met, ?issued)) AS ?day)"""


@dataclass(frozen=True)
class PageFeed:
    """The feed a page links to: ``<link rel="alternate">`` in its head and a visible link."""

    title: str
    href: str


def has_feed(resource: str) -> bool:
    """Instruments and their provisions, actors and topics have a feed: those are what a researcher follows."""
    return (resource.startswith((iris.ID + "instrument/", iris.ID + "actor/"))
            or (resource.startswith(iris.TOPICS) and resource != iris.TOPICS))


def followed(store: PublishedData, resource: str, memo: Memo) -> StatementList:
    """The statement list a resource's feed follows: the main list of its page."""
    if resource.startswith(iris.ID + "actor/"):
        return actor_statement_lists(store, resource, memo)[0]
    if resource.startswith(iris.TOPICS):
        return topic_statement_lists(store, resource, memo)[0]
    if is_provision(resource):
        return provision_statement_lists(store, resource, memo)[0]
    return instrument_statement_lists(store, resource, memo)[0]


def page_feed(resource: str, view: Any) -> PageFeed | None:
    """What a resource's page says of its feed, titled after the page's main list ("Statements citing article 22")."""
    lists = view.statement_lists() if has_feed(resource) and hasattr(view, "statement_lists") else []
    if not lists:
        return None
    return PageFeed(new(lists[0].title), f"/id/{header_path(resource[len(iris.ID):])}.atom")


def new(title: str) -> str:
    """"Statements citing article 22" → "New statements citing article 22"."""
    return f"New {title[:1].lower()}{title[1:]}"


def newest(store: PublishedData, statements: StatementList, memo: Memo = NO_MEMO, most: int = FEED_SIZE) -> list[str]:
    """The newest ``most`` statements of a list: by day, newest first, then by document and place in it.

    Sorting a whole list by day costs a lookup of each statement's date: seven seconds for the
    Convention's eleven thousand mentions in a 1,000-record build.  A long list is read instead
    from the documents that can hold its newest statements (:func:`from_newest_documents`).
    """
    counts = memo.bounded(("per document", statements.where),
                          lambda: per_document(store, statements.where, distinct=len(statements.links) > 1),
                          lambda found: COUNT_WEIGHT * len(found))
    if sum(counts.values()) > LONG_LIST:
        found = from_newest_documents(store, statements, counts, memo("latest days", lambda: latest_days(store)),
                                      most)
        if found is not None:
            return found
    return ranked(store, f"{{ {statements.where} }}", most)


def ranked(store: PublishedData, where: str, most: int) -> list[str]:
    rows = select(store, f"""SELECT ?statement (MAX(?day) AS ?latest) (MIN(?document) AS ?doc) (MIN(?begin) AS ?at)
        WHERE {{ {where} {SAID_ON} }}
        GROUP BY ?statement ORDER BY DESC(?latest) ?doc ?at ?statement LIMIT {int(most)}""")
    return [row["statement"] for row in rows]


def latest_days(store: PublishedData) -> dict[str, str]:
    """For each document graph, a day no statement of it is newer than: once per build, in index scans.

    The latest of its comments' dates, its meetings' dates and its date of issue: at least each
    statement's own day (:data:`SAID_ON` takes one of the three), never less, which is all
    :func:`from_newest_documents` needs; worked out statement by statement it took seconds.
    """
    found: dict[str, str] = {}
    for query in ("""SELECT ?g (MAX(STR(?d)) AS ?day) WHERE { GRAPH ?g { ?x dcterms:date ?d } } GROUP BY ?g""",
                  """SELECT ?g (MAX(STR(?d)) AS ?day) WHERE {
                       { SELECT DISTINCT ?g ?session WHERE { GRAPH ?g { ?s mrkg:session ?session } } }
                       ?session dcterms:date ?d } GROUP BY ?g""",
                  """SELECT ?g (MAX(STR(?d)) AS ?day) WHERE { GRAPH ?g { ?doc a mrkg:Document }
                       ?doc dcterms:issued ?d } GROUP BY ?g"""):
        for row in select(store, query):
            if row["day"] and row["day"] > found.get(row["g"], ""):
                found[row["g"]] = row["day"]
    return found


def from_newest_documents(store: PublishedData, statements: StatementList, counts: dict[str, int],
                          latest: dict[str, str], most: int) -> list[str] | None:
    """The newest statements, read from the documents whose latest day is newest until nothing older can beat them.

    Documents are taken newest first until they hold ``most`` statements; then every other
    document whose latest day reaches the ``most``-th day found is added, until none is left.
    None when the answer would need undated statements: the whole list decides then.
    """
    graphs = sorted(counts, key=lambda graph: (latest.get(graph, ""), graph), reverse=True)
    chosen: set[str] = set()
    held = 0
    for graph in graphs:
        if held >= most:
            break
        chosen.add(graph)
        held += counts[graph]
    while True:
        where = f"VALUES ?g {{ {' '.join(iri(graph) for graph in sorted(chosen))} }} GRAPH ?g {{ {statements.where} }}"
        found = ranked(store, where, most)
        days = dict(select_days(store, found[-1:]))
        cutoff = days.get(found[-1]) if found else None
        if len(found) < most or cutoff is None:
            return None if len(chosen) < len(graphs) else found
        more = {graph for graph in graphs if graph not in chosen and latest.get(graph, "") >= cutoff}
        if not more:
            return found
        chosen |= more


def select_days(store: PublishedData, statements: list[str]) -> list[tuple[str, str | None]]:
    if not statements:
        return []
    rows = select(store, f"""SELECT ?statement (MAX(?day) AS ?latest) WHERE {{
        VALUES ?statement {{ {' '.join(iri(statement) for statement in statements)} }} {SAID_ON} }}
        GROUP BY ?statement""")
    return [(row["statement"], row["latest"]) for row in rows]


def resource_response(request: Request, release: Release, resource: str, base_url: str, memo: Memo,
                      headers: dict[str, str]) -> Response:
    """The resource's feed, or 404 in words for a resource that has none."""
    if not has_feed(resource):
        return PlainTextResponse(f"404 Not Found: {shown(resource)} has no feed; instruments and provisions, "
                                 "actors and topics have one (the statements mentioning or citing them, made by or "
                                 "for them, or on them), "
                                 "and so has a search (/search.atom?q=…).\n", status_code=404)
    unchanged = conditional(request, release, base_url, headers)
    if unchanged is not None:
        return unchanged
    # Kept per build while they fit (readers poll a feed far more often than a build changes it).
    body = memo.bounded(("feed", resource, base_url), lambda: resource_feed(release, resource, base_url, memo), len)
    return Response(body, media_type=CONTENT_TYPE, headers=headers)


def resource_feed(release: Release, resource: str, base_url: str, memo: Memo) -> bytes:
    statements = followed(release.store, resource, memo)
    local = "/id/" + header_path(resource[len(iris.ID):])
    return atom_xml(Feed(id=resource + ".atom", title=new(statements.title),
                         updated=release.published, self_link=f"{base_url}{local}.atom", page=base_url + local,
                         author=PUBLISHER, subtitle="Migrant Rights Knowledge Graph: the newest first, "
                                                    f"at most {FEED_SIZE}, updated by each build",
                         entries=entries(release.store, newest(release.store, statements, memo), base_url,
                                         release.published, statements)))


def conditional(request: Request, release: Release, base_url: str, headers: dict[str, str]) -> Response | None:
    """304 for a reader that holds this build's feed already (RFC 9110 §13.2.2); else None, the headers noted.

    A feed changes only with a build: its ``Last-Modified`` is the build's publication, its ``ETag``
    the build's and the base URL's (its links are absolute).
    """
    tag = hashlib.sha256(f"{release.build_id} {base_url}".encode()).hexdigest()[:20]
    headers.update({"ETag": f'"{tag}"', "Last-Modified": http_date(release.published),
                    "Cache-Control": "public, no-cache"})
    if not_modified(request, f'"{tag}"', release.published):
        return Response(status_code=304, headers=headers)
    return None


def search_parameters(asked: SearchParameters) -> SearchParameters:
    """What a search feed runs: the same search, statements only, newest first, one page of :data:`FEED_SIZE`."""
    return SearchParameters(q=asked.q, filters=asked.filters, date_from=asked.date_from, date_to=asked.date_to,
                            lang=asked.lang, kinds=("statement",), sort="date", page=1, size=FEED_SIZE)


def search_response(request: Request, release: Release, asked: SearchParameters, found: SearchAnswer,
                    base_url: str, headers: dict[str, str]) -> Response:
    """A search's statement hits as a feed, in the search's own order (newest first)."""
    unchanged = conditional(request, release, base_url, headers)
    if unchanged is not None:
        return unchanged
    self_link = base_url + search_link(asked, "/search.atom")  # urlencoded already
    feed = Feed(id=self_link, title=search_title(asked), updated=release.published, self_link=self_link,
                page=base_url + search_link(asked, "/search"), author=PUBLISHER,
                subtitle=f"Migrant Rights Knowledge Graph search: the newest first, at most {FEED_SIZE}, "
                         "updated by each build",
                entries=entries(release.store, [hit.id for hit in found.results if hit.kind == "statement"],
                                base_url, release.published))
    return Response(atom_xml(feed), media_type=CONTENT_TYPE, headers=headers)


def search_title(asked: SearchParameters) -> str:
    return new(f"Statements matching “{asked.q}”" if asked.q.strip() else "Statements found by this search")


def search_link(asked: SearchParameters, path: str) -> str:
    """The search's address without what a feed sets itself (its page, size and order)."""
    return replace(asked, page=1, size=DEFAULT_SIZE, sort="relevance").link(path)


def entries(store: PublishedData, statements: list[str], base_url: str, built: dt.datetime,
            quoted: StatementList | None = None) -> list[Entry]:
    """One entry per statement, in the order given: its label, page, speaker, day, words and what it is about.

    A statement whose day the graph does not know is dated by the build (RFC 4287 §4.1.2 requires ``updated``).
    In the feed of a provision or an instrument (``quoted``), the summary is the sentence that cites or
    mentions it, as on its page, and the whole text is the content; elsewhere the summary is the whole text.
    """
    page_of = PageOf(iris.ID, base_url + "/id/")
    summaries = {s.iri: s for s in statement_summaries(store, statements)}
    if quoted is not None:
        for predicate, kind in ((str(MRKG.cites), "citation"), (str(MRKG.mentions), "mention")):
            targets = {target for linked_by, target in quoted.links if linked_by == predicate}
            if targets:
                attach_quotes(store, list(summaries.values()), targets, kind)
    citations = {c.iri: c for c in statement_citations(store, statements, page_of)}
    about = categories(store, statements)
    made: list[Entry] = []
    for statement in statements:
        summary, citation = summaries.get(statement), citations.get(statement)
        if summary is None or citation is None:
            continue
        day = instant(citation.said_on) if citation.said_on else None
        author = citation.who or citation.body or citation.document_symbol
        speaker = summary.speaker or summary.on_behalf_of
        made.append(Entry(id=statement, title=summary.label, page=page_of(statement), updated=day or built,
                          published=day, summary=sentences(summary) or summary.text,
                          content=summary.text if summary.quotes else "",
                          authors=(Person(author, page_of(speaker.iri) if speaker else None),),
                          categories=tuple(about.get(statement, ()))))
    return made


def sentences(summary: StatementSummary) -> str:
    """The sentences quoted for the list (``…`` where one was cut), one after the other."""
    return " ".join(f"{'…' if q.cut_before else ''}{q.before}{q.words}{q.after}{'…' if q.cut_after else ''}"
                    for q in summary.quotes)


def categories(store: PublishedData, statements: list[str]) -> dict[str, list[Category]]:
    """The provisions each statement cites (under their instrument) and its topics (under the topic scheme)."""
    if not statements:
        return {}
    values = " ".join(iri(statement) for statement in statements)
    rows: list[dict[str, Any]] = select(store, f"""SELECT DISTINCT ?statement ?term ?label ?scheme WHERE {{
        VALUES ?statement {{ {values} }}
        {{ ?statement mrkg:cites ?term . OPTIONAL {{ ?term mrkg:instrument ?scheme }}
           OPTIONAL {{ ?term rdfs:label ?label }} }}
        UNION {{ ?statement dcterms:subject ?term . OPTIONAL {{ ?term skos:prefLabel ?label FILTER(LANG(?label) = "en") }}
                 BIND(<{iris.TOPICS}> AS ?scheme) }} }} ORDER BY ?statement ?term""")
    found: dict[str, dict[str, Category]] = {}
    for row in rows:
        kept = found.setdefault(row["statement"], {})
        if row["term"] not in kept or (row["label"] and not kept[row["term"]].label):
            kept[row["term"]] = Category(row["term"], row["label"] or row["term"], row["scheme"])
    return {statement: list(terms.values()) for statement, terms in found.items()}
