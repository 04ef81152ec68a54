"""Actors named in the text and topics, on the real build of data/ served by the real server (issue 13, points 3-4).

Slow: builds the five sources once per run and starts ``mrkg``'s app under uvicorn.
"""
from __future__ import annotations

import re

import httpx
import pyoxigraph as ox
import pytest

from pages.support import Page

pytestmark = pytest.mark.slow

ID = "https://w3id.org/mrkg/id/"
MEXICO = ID + "actor/mexico"
SR506 = "001_572bfb9b02552e02"
SEMINAR = "003_3a65919e68961041"
PREFIXES = """PREFIX mrkg: <https://w3id.org/mrkg/ontology#> PREFIX nif: <http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#>
PREFIX dcterms: <http://purl.org/dc/terms/> PREFIX skos: <http://www.w3.org/2004/02/skos/core#> """
# The test's own word scan for detention, in the three languages: any statement it finds discusses detention.
DETENTION_WORDS = re.compile(r"(?i)\b(?:detention|detain\w*|d[ée]tention|r[ée]tention|detenci[oó]n|detenid\w*)\b")


@pytest.fixture(scope="module")
def site(built_server: str) -> httpx.Client:
    with httpx.Client(base_url=built_server, timeout=60) as client:
        yield client


def sparql(site: httpx.Client, query: str) -> list[dict[str, str]]:
    response = site.post("/sparql", data={"query": PREFIXES + query},
                         headers={"Accept": "application/sparql-results+json"})
    assert response.status_code == 200, response.text
    return [{name: cell["value"] for name, cell in row.items()} for row in response.json()["results"]["bindings"]]


def section(html: str, anchor: str) -> str:
    """The HTML of the page's section labelled ``anchor``, with the sections nested in it."""
    start = html.find(f'<section aria-labelledby="{anchor}">')
    assert start >= 0, f"no section {anchor}"
    depth, position = 0, start
    for tag in re.finditer(r"<section\b|</section>", html[start:]):
        depth += 1 if tag.group() == "<section" else -1
        if depth == 0:
            position = start + tag.end()
            break
    return html[start:position]


def statement_links(html: str) -> set[str]:
    return set(re.findall(r'href="/id/(statement/[^"#?]+)"', html))


def test_mexico_page_lists_what_it_said_apart_from_where_it_is_mentioned(site: httpx.Client) -> None:
    html = site.get("/id/actor/mexico", headers={"Accept": "text/html"}).text
    said, mentioned = statement_links(section(html, "statements")), statement_links(section(html, "mentioning"))
    # SR.506 para. 16: Ms. Méndez Escobar (Mexico) spoke for Mexico.
    assert f"statement/{SR506}/16" in said
    # SR.506 para. 23 (children detained in Mexico) and the seminar's paragraph on the Mexico–Canada programme.
    assert {f"statement/{SR506}/23", f"statement/{SEMINAR}/55"} <= mentioned
    assert not said & mentioned
    page = Page(html)
    assert "Mentioned in" in [text for _, text in page.headings]
    printed = next(p for p in page.paragraphs if p.startswith("Other names"))
    assert "United Mexican States" in printed
    assert not any("United Mexican States" in p for p in page.paragraphs if p.startswith("Also printed as"))


def test_a_statement_names_mexico_with_offsets_that_slice_its_words(site: httpx.Client) -> None:
    turtle = site.get(f"/id/statement/{SR506}/23.ttl")
    assert turtle.status_code == 200
    triples = list(ox.parse(turtle.content, format=ox.RdfFormat.TURTLE))
    assert any(t.predicate.value.endswith("#mentionsActor") and t.object.value == MEXICO for t in triples)
    rows = sparql(site, f"""SELECT ?begin ?end ?words WHERE {{ ?m mrkg:mentionOf <{MEXICO}> ;
        nif:superString <{ID}statement/{SR506}/23> ; nif:beginIndex ?begin ; nif:endIndex ?end ; nif:anchorOf ?words }}""")
    assert rows
    source = site.get(f"/sources/{SR506}.txt").text
    for row in rows:
        assert source[int(row["begin"]):int(row["end"])] == row["words"] == "Mexico"


def test_topic_page_lists_its_statements_and_governing_provisions(site: httpx.Client) -> None:
    response = site.get("/id/topic/detention", headers={"Accept": "text/html"})
    assert response.status_code == 200
    html = response.text
    governing = section(html, "governing")
    for provision in ("instrument/icrmw/article/16", "instrument/icrmw/article/17", "instrument/gcm/objective/13"):
        assert f'href="/id/{provision}"' in governing
    tagged = {row["st"] for row in sparql(site, f"SELECT ?st WHERE {{ ?st dcterms:subject <{ID}topic/detention> }}")}
    listed = section(html, "statements")
    assert f"Statements 1–{len(tagged)} of {len(tagged)}" in re.sub(r"<[^>]+>", "", listed)
    assert statement_links(listed) == {s[len(ID):] for s in tagged}
    # A page at a time, like every statement list: the pages together list every tagged statement once.
    pages = [section(site.get("/id/topic/detention", params={"size": 10, "page": n}).text, "statements")
             for n in (1, 2, 3)]
    assert f"Statements 1–10 of {len(tagged)}" in re.sub(r"<[^>]+>", "", pages[0])
    assert set().union(*map(statement_links, pages)) == statement_links(listed)
    # The other representations of a topic, by negotiation, as every /id/ resource.
    turtle = site.get("/id/topic/detention", headers={"Accept": "text/turtle"})
    assert turtle.status_code == 200 and "skos:prefLabel" in turtle.text and "@fr" in turtle.text


def test_detention_tags_every_statement_that_discusses_detention(site: httpx.Client) -> None:
    texts = {row["st"]: row["text"] for row in sparql(site, "SELECT ?st ?text WHERE { ?st mrkg:text ?text }")}
    scanned = {st for st, text in texts.items() if DETENTION_WORDS.search(text)}
    tagged = {row["st"] for row in sparql(site, f"SELECT ?st WHERE {{ ?st dcterms:subject <{ID}topic/detention> }}")}
    assert len(scanned) >= 20
    assert scanned - tagged == set()
    # Each tag has its evidence: the words, where they are, and how they were matched.
    evidence = sparql(site, f"""SELECT ?st ?words ?method WHERE {{ ?m mrkg:taggedStatement ?st ;
        mrkg:topic <{ID}topic/detention> ; nif:anchorOf ?words ; mrkg:matchMethod ?method }}""")
    assert {row["st"] for row in evidence} == tagged
    assert {row["method"] for row in evidence} == {"https://w3id.org/mrkg/ontology#LexicalLabelMatch"}


def test_topics_index_is_linked_from_home_and_statements_and_provisions_link_topics(site: httpx.Client) -> None:
    home = Page(site.get("/", headers={"Accept": "text/html"}).text)
    assert "/id/topic/" in [href for href, _ in home.links]
    index = site.get("/id/topic/", headers={"Accept": "text/html"})
    assert index.status_code == 200
    bare = site.get("/id/topic", headers={"Accept": "text/html"})
    assert bare.status_code == 301 and bare.headers["location"] == "/id/topic/"
    scheme = site.get("/id/topic/", headers={"Accept": "text/turtle"})
    assert scheme.status_code == 200 and "skos:ConceptScheme" in scheme.text
    topics = Page(index.text)
    linked = {href for href, _ in topics.links if href.startswith("/id/topic/") and href != "/id/topic/"}
    assert {"/id/topic/detention", "/id/topic/remittances", "/id/topic/family-reunification"} <= linked
    assert len(linked) >= 19
    statement = section(site.get(f"/id/statement/{SR506}/23", headers={"Accept": "text/html"}).text, "topics")
    assert 'href="/id/topic/detention"' in statement and 'href="/id/topic/children"' in statement
    provision = section(site.get("/id/instrument/gcm/objective/13", headers={"Accept": "text/html"}).text, "topics")
    assert 'href="/id/topic/detention"' in provision
