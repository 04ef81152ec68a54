"""Long lists a page at a time (issue 11, point 7), on a real build of forty summary records.

The records come from ``benchmarks/summary_records.py`` (two sessions of twenty meetings, the
same members and States speaking again and again), built by the real pipeline and served by the
real app: a Chair who speaks hundreds of times, objectives cited in dozens of meetings, a session
of twenty meetings.  Every list is walked page by page, through the links the pages give, and
compared with what the store holds, asked independently with SPARQL and sorted here.
"""
from __future__ import annotations

import re
import shutil
from pathlib import Path
from typing import Iterator
from urllib.parse import urljoin

import httpx
import pyoxigraph as ox
import pytest

from api.views.paging import DEFAULT_SIZE, MAX_SIZE
from benchmarks.summary_records import write_records
from graph import iris
from graph.export_marks import strip_markup
from graph.pipeline import build
from graph.settings import PROJECT_ROOT, Settings
from graph.vocab import PREFIX_MAP
from pages.support import serving, Page

pytestmark = pytest.mark.slow

HYDRA = "http://www.w3.org/ns/hydra/core#"
MRKG = "https://w3id.org/mrkg/ontology#"
STATEMENT = re.compile(r"^/id/statement/[^#?]+$")


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("forty-records")
    data = root / "data"
    shutil.copytree(PROJECT_ROOT / "data" / "catalogue", data / "catalogue")
    write_records(data / "sources", sessions=2, per_session=20)
    summary = build(Settings(data_dir=data, var_dir=root / "var"))
    assert summary.violations == 0
    return root / "var"


@pytest.fixture(scope="module")
def store(built: Path) -> ox.Store:
    return ox.Store.read_only(str(built / "current" / "store"))


@pytest.fixture(scope="module")
def site(built: Path) -> Iterator[httpx.Client]:
    yield from serving(built)


def rows(store: ox.Store, query: str) -> list[dict[str, str]]:
    found = store.query(query, prefixes=PREFIX_MAP, use_default_graph_as_union=True)
    names = [v.value for v in found.variables]  # type: ignore[union-attr]
    return [{n: (s[n].value if s[n] is not None else "") for n in names} for s in found]  # type: ignore[union-attr]


def local(resource: str) -> str:
    return "/" + resource[len(iris.BASE):]


def chronological(store: ox.Store, where: str) -> list[str]:
    """The statements ``where`` binds, sorted here as the pages promise: meeting date, document, place in it."""
    found = rows(store, f"""SELECT DISTINCT ?statement ?date ?doc ?begin WHERE {{ {where}
        ?statement mrkg:document ?doc ; nif:beginIndex ?begin .
        OPTIONAL {{ ?statement mrkg:session/dcterms:date ?date }} }}""")
    assert len({row["statement"] for row in found}) == len(found), "one date, one place per statement"
    found.sort(key=lambda row: (row["date"] == "", row["date"], row["doc"], int(row["begin"]), row["statement"]))
    return [local(row["statement"]) for row in found]


def section(html: str, name: str) -> Page:
    """The ``<section id=name>`` of a page (sections nest: document groups sit inside a list's section)."""
    start = html.index(f'<section aria-labelledby="{name}"')
    depth, at = 0, start
    for match in re.finditer(r"<section\b|</section>", html[start:]):
        depth += 1 if match.group() != "</section>" else -1
        if depth == 0:
            at = start + match.end()
            break
    return Page(html[start:at])


def walk(site: httpx.Client, start: str, anchor: str) -> tuple[list[str], list[Page]]:
    """Follow the ``rel="next"`` links from ``start``; the statement links of the list ``anchor``, page after page."""
    pages: list[Page] = []
    links: list[str] = []
    address: str | None = start
    while address is not None:
        response = site.get(address, headers={"Accept": "text/html"})
        assert response.status_code == 200, response.text[:300]
        html = response.text
        links += [href for href, _ in section(html, anchor).links if STATEMENT.match(href)]
        page = Page(html)
        pages.append(page)
        following = page.rel.get("next")
        address = urljoin(str(response.url), following) if following else None
        assert len(pages) < 200
    return links, pages


def most_cited(store: ox.Store) -> str:
    return rows(store, "SELECT ?p WHERE { ?s mrkg:cites ?p } GROUP BY ?p ORDER BY DESC(COUNT(?s)) ?p LIMIT 1")[0]["p"]


def busiest_speaker(store: ox.Store) -> str:
    return rows(store, "SELECT ?a WHERE { ?s mrkg:speaker ?a } GROUP BY ?a ORDER BY DESC(COUNT(?s)) ?a LIMIT 1")[0]["a"]


def test_a_provision_s_citing_statements_come_page_by_page_each_once_in_meeting_order(
        site: httpx.Client, store: ox.Store) -> None:
    provision = most_cited(store)
    expected = chronological(store, f"?statement mrkg:cites <{provision}> .")
    assert len(expected) > 15, "the records cite the objective in many meetings"
    links, pages = walk(site, local(provision) + "?size=7", "citing")
    assert links == expected  # none on two pages, none missing, in the promised order
    assert len(pages) == -(-len(expected) // 7)
    total = f"{len(expected):,}"
    assert f"Statements 1–7 of {total}, by meeting date, then document and paragraph." in pages[0].paragraphs
    last_first = 7 * (len(pages) - 1) + 1
    assert f"Statements {last_first}–{len(expected)} of {total}, by meeting date, then document and paragraph." \
        in pages[-1].paragraphs


def test_page_links_name_the_first_previous_next_last_and_nearby_pages(site: httpx.Client, store: ox.Store) -> None:
    provision = local(most_cited(store))
    shown = Page(site.get(provision + "?size=2&page=5").text)
    pages = -(-len(chronological(store, f"?statement mrkg:cites <{most_cited(store)}> .")) // 2)
    assert shown.rel["first"] == "?page=1&size=2"
    assert shown.rel["prev"] == "?page=4&size=2"
    assert shown.rel["next"] == "?page=6&size=2"
    assert shown.rel["last"] == f"?page={pages}&size=2"
    numbers = [text for href, text in shown.links if href.startswith("?page=") and text.isdigit()]
    assert numbers == ["1", "3", "4", "5", "6", "7", str(pages)]  # the ends, and two either side of page 5
    assert shown.hrefs("Next") == ["?page=6&size=2#citing"]
    assert shown.hrefs("Previous") == ["?page=4&size=2#citing"]
    assert f"Page 5 of {pages}" in shown.paragraphs
    first = Page(site.get(provision + "?size=2").text)
    assert "prev" not in first.rel and not first.hrefs("Previous") and not first.hrefs("First")


def test_the_busiest_speaker_s_statements_by_date_across_default_sized_pages(
        site: httpx.Client, store: ox.Store) -> None:
    speaker = busiest_speaker(store)
    expected = chronological(store, f"{{ ?statement mrkg:speaker <{speaker}> }} UNION "
                                    f"{{ ?statement mrkg:onBehalfOf <{speaker}> }}")
    assert len(expected) > DEFAULT_SIZE, "the Chair speaks often enough to need two pages at the default size"
    links, pages = walk(site, local(speaker), "statements")
    assert links == expected
    assert len(pages) == -(-len(expected) // DEFAULT_SIZE)
    dates = [row["date"] for row in rows(store, f"""SELECT ?s ?date WHERE {{ ?s mrkg:speaker <{speaker}> ;
        mrkg:session/dcterms:date ?date }}""")]
    assert f"Statements 1–50 of {len(expected):,}" in " ".join(pages[0].paragraphs)
    assert len(set(dates)) > 5  # the order really is across meetings and days


def test_a_document_s_statements_in_its_own_order(site: httpx.Client, store: ox.Store) -> None:
    document = rows(store, "SELECT ?d WHERE { ?s mrkg:document ?d } GROUP BY ?d ORDER BY DESC(COUNT(?s)) ?d LIMIT 1")[0]["d"]
    numbers = rows(store, f"SELECT ?s ?n WHERE {{ ?s mrkg:document <{document}> ; mrkg:paragraphNumber ?n }}")
    expected = [local(row["s"]) for row in sorted(numbers, key=lambda row: int(row["n"]))]
    links, pages = walk(site, local(document) + "?size=10", "statements")
    assert links == expected and len(pages) == -(-len(expected) // 10)


def test_a_session_s_meetings_page_by_page_by_date(site: httpx.Client, store: ox.Store) -> None:
    session = iris.session("cmw/30")
    meetings = rows(store, f"SELECT ?m ?date ?n WHERE {{ ?m mrkg:partOfSession <{session}> ; dcterms:date ?date ; "
                           f"mrkg:sessionNumber ?n }}")
    expected = [local(row["m"]) for row in sorted(meetings, key=lambda row: (row["date"], int(row["n"])))]
    assert len(expected) == 20
    seen: list[str] = []
    for number in (1, 2, 3):
        html = site.get(local(session), params={"list": "meetings", "page": number, "size": 8}).text
        shown = section(html, "meetings")
        seen += [href for href, _ in shown.links if "/meeting/" in href and "?" not in href]
        assert f"Meetings {8 * (number - 1) + 1}–{min(20, 8 * number)} of 20, by date." in shown.paragraphs
    assert seen == expected
    # The other lists of the page stay on their first page.
    html = site.get(local(session), params={"list": "meetings", "page": 2, "size": 8}).text
    assert "Page 2 of 3" in Page(html).paragraphs and html.count('aria-current="page"') == 1 + html.count(
        "Page 1 of")


def test_a_state_s_printed_form_lists_its_first_places_and_pages_through_the_rest(
        site: httpx.Client, store: ox.Store) -> None:
    mexico = iris.actor("mexico")
    places = [row for row in rows(store, f"""SELECT ?m ?doc ?b ?w WHERE {{ ?m mrkg:mentionOf <{mexico}> ;
        nif:anchorOf ?w ; nif:referenceContext ?doc ; nif:beginIndex ?b }}""")
        if " ".join(strip_markup(row["w"]).split()) == "Mexico"]
    assert len(places) > 12
    shown = section(site.get(local(mexico)).text, "printed")
    assert f"“Mexico” · {len(places)} places" in " ".join(shown.paragraphs + [""]) or \
        shown.hrefs(f"and {len(places) - 12} more") == ["?list=printed&form=Mexico#printed"]
    assert shown.hrefs(f"and {len(places) - 12} more") == ["?list=printed&form=Mexico#printed"]
    passages = lambda page: [href for href, _ in page.links  # noqa: E731
                             if href.startswith("/id/statement/") or "/mention/" in href]
    assert len(passages(shown)) >= 12
    walked: list[str] = []
    address: str | None = local(mexico) + "?list=printed&form=Mexico&size=5"
    while address:
        response = site.get(address)
        part = section(response.text, "printed")
        walked += passages(part)
        following = Page(response.text).rel.get("next")
        address = urljoin(str(response.url), following) if following else None
    assert len(walked) == len(places)
    assert f"Places 1–5 of {len(places)}." in section(site.get(local(mexico) + "?list=printed&form=Mexico&size=5").text,
                                                       "printed").paragraphs


@pytest.mark.parametrize(("query", "words"), [
    ("page=0", "the parameter page must be a whole number from 1, not '0'"),
    ("page=-2", "the parameter page must be a whole number from 1, not '-2'"),
    ("page=two", "the parameter page must be a whole number from 1, not 'two'"),
    ("page=1.5", "the parameter page must be a whole number from 1, not '1.5'"),
    ("page=99999999999999999999", "the parameter page must be a whole number from 1"),
    ("size=0", f"the parameter size must be a whole number from 1 to {MAX_SIZE}, not '0'"),
    (f"size={MAX_SIZE + 1}", f"the parameter size must be a whole number from 1 to {MAX_SIZE}, not '{MAX_SIZE + 1}'"),
    ("page=1&page=2", "the parameter page is given twice"),
    ("page=400", "there is no page 400 of the statements (citing): "),
    ("list=nothing", "has no list named 'nothing'; its lists are: citing"),
    ("form=Mexico", "the parameter form goes with list=printed"),
])
def test_bad_page_parameters_are_refused_in_words(site: httpx.Client, store: ox.Store, query: str, words: str) -> None:
    provision = local(most_cited(store))
    for accept in ("text/html", "text/turtle", "application/ld+json"):
        response = site.get(f"{provision}?{query}", headers={"Accept": accept})
        assert response.status_code == 400, (query, accept, response.text[:200])
        assert words in response.text.replace("&#39;", "'").lower()
    html = Page(site.get(f"{provision}?{query}", headers={"Accept": "text/html"}).text)
    assert html.h1 == ["No such page of the list"]
    assert html.hrefs("Back to the first page") == [provision]


def test_a_page_past_the_last_says_how_many_there_are(site: httpx.Client, store: ox.Store) -> None:
    provision = most_cited(store)
    total = len(chronological(store, f"?statement mrkg:cites <{provision}> ."))
    response = site.get(local(provision) + f".ttl?page={total + 1}&size=1")
    assert response.status_code == 400
    assert response.text == (f"400 Bad Request: there is no page {total + 1} of the statements (citing): {total} "
                             f"statements make {total} pages of 1.\n")


def hydra_walk(site: httpx.Client, resource: str, list_name: str, size: int, expected: set[str],
               cited: set[str], main: bool = False) -> list[str]:
    """The members of ``resource``'s list, following ``hydra:next`` from page 1; each page checked on the way."""
    first = f"?page=1&size={size}" if main else f"?list={list_name}&page=1&size={size}"
    members: list[str] = []
    address: str | None = str(site.base_url) + local(resource) + ".ttl" + first
    views = 0
    while address:
        response = site.get(address)
        assert response.status_code == 200 and response.headers["content-type"].startswith("text/turtle")
        graph = ox.Store()
        graph.load(response.content, ox.RdfFormat.TURTLE)
        collection = f"{site.base_url}{local(resource)}?list={list_name}"
        (total,) = graph.quads_for_pattern(ox.NamedNode(collection), ox.NamedNode(HYDRA + "totalItems"), None)
        assert int(total.object.value) == len(expected)
        page = [q.object.value for q in graph.quads_for_pattern(ox.NamedNode(collection), ox.NamedNode(HYDRA + "member"), None)]
        assert 0 < len(page) <= size
        for member in page:  # each member carries the triple that puts it in the list, and its label
            assert {q.object.value for q in graph.quads_for_pattern(ox.NamedNode(member), ox.NamedNode(MRKG + "cites"),
                                                                   None)} & cited
        members += page
        (view,) = graph.quads_for_pattern(ox.NamedNode(collection), ox.NamedNode(HYDRA + "view"), None)
        assert view.object.value == address
        following = list(graph.quads_for_pattern(view.object, ox.NamedNode(HYDRA + "next"), None))
        address = following[0].object.value if following else None
        views += 1
    assert len(members) == len(set(members)) and {local(m) for m in members} == expected
    assert views == -(-len(expected) // size)
    return members


def test_the_rdf_form_pages_through_the_citing_statements_with_hydra(site: httpx.Client, store: ox.Store) -> None:
    provision = most_cited(store)
    expected = set(chronological(store, f"?statement mrkg:cites <{provision}> ."))
    hydra_walk(site, provision, "citing", 6, expected, {provision}, main=True)


def test_the_rdf_form_of_an_instrument_reaches_every_statement_citing_its_provisions(site: httpx.Client,
                                                                                     store: ox.Store) -> None:
    (instrument,) = [row["i"] for row in rows(store, f"SELECT ?i WHERE {{ <{most_cited(store)}> mrkg:instrument ?i }}")]
    cited = {row["p"] for row in rows(store, f"SELECT DISTINCT ?p WHERE {{ ?s mrkg:cites ?p . ?p mrkg:instrument <{instrument}> }}")}
    expected = chronological(store, f"?statement mrkg:cites ?p . ?p mrkg:instrument <{instrument}> .")
    assert len(expected) > 6
    hydra_walk(site, instrument, "citing", 6, set(expected), cited)  # (RDF does not keep the members' order)
    html = site.get(local(instrument), params={"list": "citing", "size": 6}).text
    shown = list(dict.fromkeys(href for href, _ in section(html, "citing").links if STATEMENT.match(href)))
    assert shown == expected[:6]  # the same list, for people, in meeting order


def test_the_rdf_form_stays_bounded_and_refuses_lists_it_does_not_carry(site: httpx.Client, store: ox.Store) -> None:
    speaker = local(busiest_speaker(store))
    response = site.get(speaker + ".nt")
    members = [line for line in response.text.splitlines() if f"<{HYDRA}member>" in line]
    assert len(members) == DEFAULT_SIZE  # of hundreds: the first page only
    assert f"<{HYDRA}totalItems>" in response.text
    refused = site.get(speaker + ".ttl?list=capacities")
    assert refused.status_code == 400
    assert "the RDF form of this resource has no list named 'capacities'; its lists are: statements" in refused.text
    jsonld = site.get(speaker + ".jsonld?page=2")
    assert jsonld.status_code == 200 and HYDRA.rstrip("#") in jsonld.text or "hydra" in jsonld.text


def test_the_home_page_lists_the_records_a_page_at_a_time(site: httpx.Client, store: ox.Store) -> None:
    documents = rows(store, """SELECT ?d (MIN(?held) AS ?date) WHERE { ?d a mrkg:Document ; mrkg:records ?meeting .
        ?meeting dcterms:date ?held } GROUP BY ?d""")
    expected = [local(r["d"]) for r in sorted(documents, key=lambda r: (r["date"], r["d"]))]  # the meeting's date
    seen: list[str] = []
    for number in (1, 2, 3, 4):
        page = Page(site.get("/", params={"page": number, "size": 12}).text)
        seen += [href for href, _ in page.links if href.startswith("/id/document/")]
    assert seen == expected
    assert site.get("/?page=5&size=12").status_code == 400
