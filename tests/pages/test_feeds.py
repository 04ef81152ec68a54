"""Atom feeds of new statements (issue 14, point 4), on the real build of the five sources and the real server."""
from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx
import pyoxigraph as ox
import pytest

from api import feeds
from api.views.ordering import NO_MEMO, per_document
from graph.store.backends import EmbeddedStore
from pages.atom_rules import NS, entry_ids, parse, problems, published, updated
from pages.support import Page

pytestmark = pytest.mark.slow

ID = "https://w3id.org/mrkg/id/"
ARTICLE_22 = "/id/instrument/icrmw/article/22"
ATOM = "application/atom+xml"
ATOM_UTF8 = "application/atom+xml; charset=utf-8"
PREFIXES = """PREFIX mrkg: <https://w3id.org/mrkg/ontology#> PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>"""


def select(store: ox.Store, query: str) -> list[str]:
    solutions = store.query(PREFIXES + query, use_default_graph_as_union=True)
    assert isinstance(solutions, ox.QuerySolutions)
    return [str(solution[0].value) for solution in solutions]  # type: ignore[union-attr]


def followed_resources(store: ox.Store) -> list[str]:
    """Everything that has a feed: instruments and provisions, actors, topics."""
    return select(store, """SELECT DISTINCT ?r WHERE {
        { ?r a mrkg:Instrument } UNION { ?r a mrkg:Provision } UNION { ?r a mrkg:Actor }
        UNION { ?r a skos:Concept . ?r skos:inScheme ?scheme } FILTER(STRSTARTS(STR(?r), "https://w3id.org/mrkg/id/")) }
        ORDER BY ?r""")


def feed_of(site: httpx.Client, path: str) -> httpx.Response:
    answer = site.get(path)
    assert answer.status_code == 200, f"{path}: {answer.status_code} {answer.text[:200]}"
    assert answer.headers["content-type"] == ATOM_UTF8
    return answer


def test_every_feed_of_the_build_keeps_the_atom_rules(real_site: httpx.Client, real_store: ox.Store) -> None:
    resources = followed_resources(real_store)
    assert len(resources) > 300  # instruments, provisions, actors and topics of the five sources

    def check(resource: str) -> tuple[str, list[str], int]:
        feed = parse(feed_of(real_site, f"/id/{resource[len(ID):]}.atom").content)
        said = problems(feed)
        entries = feed.findall("a:entry", NS)
        days = [published(entry) for entry in entries]
        dated = [day for day in days if day is not None]
        if dated != sorted(dated, reverse=True) or days != dated + [None] * (len(days) - len(dated)):
            said.append("entries are not newest first, undated last")
        if any(updated(entry) != (day or updated(feed)) for entry, day in zip(entries, days)):
            said.append("an entry is not updated on its day (or, undated, by the build)")
        if feed.findtext("a:id", namespaces=NS) != resource + ".atom":
            said.append(f"feed id {feed.findtext('a:id', namespaces=NS)!r}")
        return resource, said, len(entries)

    with ThreadPoolExecutor(max_workers=4) as pool:
        checked = list(pool.map(check, resources))
    wrong = {resource: said for resource, said, _ in checked if said}
    assert wrong == {}
    assert all(count <= 50 for _, _, count in checked)
    assert sum(count > 0 for _, _, count in checked) > 50  # feeds with entries, not only empty ones


def test_article_22s_feed_has_exactly_the_statements_citing_it(real_site: httpx.Client, real_store: ox.Store) -> None:
    feed = parse(feed_of(real_site, f"{ARTICLE_22}.atom").content)
    citing = select(real_store, f"""SELECT DISTINCT ?s WHERE {{
        ?s mrkg:cites ?p . ?p mrkg:partOf* <{ID}instrument/icrmw/article/22> }}""")
    assert sorted(entry_ids(feed)) == sorted(citing) and len(citing) == 2
    assert entry_ids(feed) == [ID + "statement/001_572bfb9b02552e02/6", ID + "statement/000_454c943b3bec582e/8"]
    assert feed.findtext("a:title", namespaces=NS) == "New statements citing Article 22 of the ICRMW"
    first = feed.find("a:entry", NS)
    assert first is not None
    label = select(real_store, f"SELECT ?l WHERE {{ <{ID}statement/001_572bfb9b02552e02/6> rdfs:label ?l }}")
    assert first.findtext("a:title", namespaces=NS) in label  # the graph's own label, not one made here
    assert first.findtext("a:updated", namespaces=NS) == "2022-09-27T00:00:00Z"  # the meeting's date
    assert first.findtext("a:author/a:name", namespaces=NS) == "Ms. Hernández Paramo, on behalf of OHCHR"
    assert first.findtext("a:author/a:uri", namespaces=NS).endswith("/id/actor/hernandez-paramo")  # type: ignore[union-attr]
    page = first.find("a:link[@rel='alternate']", NS)
    assert page is not None and page.get("href") == str(real_site.base_url).rstrip("/") + \
        "/id/statement/001_572bfb9b02552e02/6"
    terms = {c.get("term"): c.get("label") for c in first.findall("a:category", NS)}
    assert terms[ID + "instrument/icrmw/article/22"] == "Article 22 of the ICRMW"
    assert ID + "topic/expulsion-and-return" in terms
    assert first.findtext("a:summary", namespaces=NS) == (  # the citing sentence, as the page quotes it
        "For instance, guidance could be provided on the implementation of objective 21, which was related to return, "
        "readmission and reintegration, in the light of article 22 of the Convention.")
    assert (first.findtext("a:content", namespaces=NS) or "").startswith(
        "The successful implementation of the Global Compact for Migration relied on full respect")


def test_actor_and_topic_feeds_follow_their_pages_lists(real_site: httpx.Client, real_store: ox.Store) -> None:
    mexico = select(real_store, f"""SELECT DISTINCT ?s WHERE {{
        {{ ?s mrkg:speaker <{ID}actor/mexico> }} UNION {{ ?s mrkg:onBehalfOf <{ID}actor/mexico> }} }}""")
    assert 0 < len(mexico) <= 50
    spoken = parse(feed_of(real_site, "/id/actor/mexico.atom").content)
    assert sorted(entry_ids(spoken)) == sorted(mexico)
    texts = select(real_store, f"SELECT ?t WHERE {{ <{entry_ids(spoken)[0]}> mrkg:text ?t }}")
    assert spoken.findtext("a:entry/a:summary", namespaces=NS) in texts  # the whole statement, nothing quoted
    assert spoken.find("a:entry/a:content", NS) is None
    on_detention = select(real_store, f"SELECT DISTINCT ?s WHERE {{ ?s dcterms:subject <{ID}topic/detention> }}")
    detention = parse(feed_of(real_site, "/id/topic/detention.atom").content)
    assert len(on_detention) <= 50 and sorted(entry_ids(detention)) == sorted(on_detention)


def test_the_search_feed_holds_the_searchs_statements(real_site: httpx.Client) -> None:
    feed = parse(feed_of(real_site, "/search.atom?q=detention").content)
    found = real_site.get("/search.json", params={"q": "detention", "kind": "statement", "sort": "date",
                                                   "size": 50}).json()
    assert found["total"] > 5
    assert entry_ids(feed) == [hit["id"] for hit in found["results"]]
    assert feed.findtext("a:title", namespaces=NS) == "New statements matching “detention”"
    assert problems(feed) == []
    self_link = feed.find("a:link[@rel='self']", NS)
    assert self_link is not None and self_link.get("href", "").endswith("/search.atom?q=detention")


def test_pages_link_their_feeds(real_site: httpx.Client) -> None:
    for path in (ARTICLE_22, "/id/actor/mexico", "/id/topic/detention", "/id/instrument/icrmw",
                 "/search?q=detention"):
        page = Page(real_site.get(path, headers={"Accept": "text/html"}).text)
        href = page.alternates.get(ATOM)
        assert href, f"{path} has no <link rel=alternate type={ATOM}>"
        shown = [link for link, text in page.links if link == href and text.startswith("Atom feed: New statements")]
        assert shown, f"{path} shows no link to its feed"
        feed = parse(feed_of(real_site, href).content)
        self_link = feed.find("a:link[@rel='self']", NS)
        assert self_link is not None and self_link.get("href", "").endswith(href)
    statement = Page(real_site.get("/id/statement/001_572bfb9b02552e02/6").text)
    assert ATOM not in statement.alternates  # a statement is an entry, not something to follow


def test_negotiation_gives_the_feed_and_refusals_are_in_words(real_site: httpx.Client) -> None:
    by_accept = real_site.get(ARTICLE_22, headers={"Accept": ATOM})
    assert by_accept.headers["content-type"] == ATOM_UTF8
    assert by_accept.headers["content-location"] == f"{ARTICLE_22}.atom"
    assert entry_ids(parse(by_accept.content)) == entry_ids(parse(feed_of(real_site, f"{ARTICLE_22}.atom").content))
    assert f'<{ARTICLE_22}.atom>; rel="alternate"; type="{ATOM}"' in by_accept.headers["link"]
    assert real_site.get(ARTICLE_22, headers={"Accept": "*/*"}).headers["content-type"].startswith("text/html")
    searched = real_site.get("/search", params={"q": "detention"}, headers={"Accept": ATOM})
    assert searched.headers["content-type"] == ATOM_UTF8 and entry_ids(parse(searched.content))
    none = real_site.get("/id/statement/001_572bfb9b02552e02/6.atom")
    assert none.status_code == 404 and "has no feed" in none.text
    assert real_site.get("/id/statement/001_572bfb9b02552e02/6", headers={"Accept": ATOM}).status_code == 406
    empty = real_site.get("/search.atom")
    assert empty.status_code == 400 and "give words to search for (q)" in empty.text
    bad = real_site.get("/search.atom", params={"q": "detention", "from": "yesterday"})
    assert bad.status_code == 400 and "'from'" in bad.text


def test_a_reader_polling_a_feed_gets_304_until_a_build_changes_it(real_site: httpx.Client) -> None:
    for path in (f"{ARTICLE_22}.atom", "/search.atom?q=detention"):
        first = feed_of(real_site, path)
        modified, tag = first.headers["last-modified"], first.headers["etag"]
        assert modified.endswith(" GMT") and tag.startswith('"')
        assert real_site.get(path, headers={"If-Modified-Since": modified}).status_code == 304
        again = real_site.get(path, headers={"If-None-Match": tag})
        assert again.status_code == 304 and again.content == b"" and again.headers["etag"] == tag
        older = real_site.get(path, headers={"If-Modified-Since": "Thu, 01 Jan 2015 00:00:00 GMT"})
        assert older.status_code == 200 and older.content == first.content
        assert real_site.get(path, headers={"If-None-Match": '"another-build"'}).content == first.content


def test_long_lists_read_from_their_newest_documents_give_what_sorting_the_whole_list_gives(
        published_var: Path) -> None:
    """The shortcut for long lists (api.feeds.from_newest_documents) against the plain sort, on every list."""
    store = EmbeddedStore(published_var / "current" / "store")
    latest = feeds.latest_days(store)
    compared = 0
    for resource in followed_resources(store.store):  # type: ignore[arg-type]
        statements = feeds.followed(store, resource, NO_MEMO)
        counts = per_document(store, statements.where)
        for most in (1, 3, 50):
            whole = feeds.ranked(store, f"{{ {statements.where} }}", most)
            shortcut = feeds.from_newest_documents(store, statements, counts, latest, most)
            assert shortcut is None or shortcut == whole, resource
            compared += shortcut is not None and len(whole) == most
    assert compared > 100  # lists longer than the feed, where the shortcut had to choose
