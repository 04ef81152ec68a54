"""The pages over a real `mrkg build` of data/ (slow: builds once per run, then visits every resource)."""
from __future__ import annotations

import hashlib
import re
from pathlib import Path

import httpx
import pyoxigraph as ox
import pytest

from api.examples import EXAMPLES
from graph import iris
from graph.vocab import PREFIX_MAP
from pages.support import Page

pytestmark = pytest.mark.slow

FORMS = {"ttl": ox.RdfFormat.TURTLE, "jsonld": ox.RdfFormat.JSON_LD, "nt": ox.RdfFormat.N_TRIPLES,
         "rdf": ox.RdfFormat.RDF_XML}

STORE_EXAMPLES = [e for e in EXAMPLES if not e.searches]  # a bare store has no search SERVICE


def resources(store: ox.Store) -> list[str]:
    return sorted({q.subject.value for q in store.quads_for_pattern(None, None, None, None)
                   if isinstance(q.subject, ox.NamedNode) and q.subject.value.startswith(iris.ID)})


def test_every_resource_has_a_page(real_site: httpx.Client, real_store: ox.Store) -> None:
    failed = []
    for resource in resources(real_store):
        response = real_site.get("/id/" + resource[len(iris.ID):], headers={"Accept": "text/html"})
        if response.status_code != 200 or len(Page(response.text).h1) != 1:
            failed.append((response.status_code, resource))
    assert failed == []


def test_rdf_forms_parse(real_site: httpx.Client, real_store: ox.Store) -> None:
    failed = []
    for resource in resources(real_store)[::7]:
        for extension, rdf_format in FORMS.items():
            response = real_site.get(f"/id/{resource[len(iris.ID):]}.{extension}")
            try:
                assert response.status_code == 200
                assert any(q.subject.value == resource for q in ox.parse(response.content, format=rdf_format))
            except (AssertionError, SyntaxError) as error:
                failed.append((resource, extension, str(error)[:200]))
    assert failed == []


def test_article_22_lists_both_committee_records(real_site: httpx.Client) -> None:
    shown = Page(real_site.get("/id/instrument/icrmw/article/22").text)
    documents = " ".join(shown.text_of("h3"))
    assert "CMW/C/SR.450" in documents and "CMW/C/SR.506" in documents
    statements = [href for href, text in shown.links if text.startswith("Paragraph")]
    assert any(href.startswith("/id/statement/000_454c943b3bec582e/") for href in statements)
    assert any(href.startswith("/id/statement/001_572bfb9b02552e02/") for href in statements)


@pytest.mark.parametrize("example", STORE_EXAMPLES, ids=[e.key for e in STORE_EXAMPLES])
def test_examples_answer_on_the_real_graph(real_store: ox.Store, example: object) -> None:
    rows = list(real_store.query(example.query, prefixes=PREFIX_MAP, use_default_graph_as_union=True))  # type: ignore[attr-defined]
    assert rows


def test_home_void_and_dumps(real_site: httpx.Client, real_store: ox.Store) -> None:
    headings = {"/": "Migrant Rights Knowledge Graph", "/dumps/": "Downloads", "/query": "Query the graph",
                "/ontology": "Migrant Rights Knowledge Graph ontology", "/id/dataset": "Migrant Rights Knowledge Graph"}
    for path, heading in headings.items():
        response = real_site.get(path)
        assert response.status_code == 200, path
        assert Page(response.text).h1 == [heading], path
    void = real_site.get("/.well-known/void")
    assert void.status_code == 200
    described = list(ox.parse(void.content, format=ox.RdfFormat.TURTLE))
    triples = {int(t.object.value) for t in described
               if t.subject.value == iris.DATASET and t.predicate.value == "http://rdfs.org/ns/void#triples"}
    assert triples == {len(set((q.subject, q.predicate, q.object) for q in real_store))}


def test_source_texts_are_listed_beside_their_documents(real_site: httpx.Client, published_var: Path) -> None:
    """/sources/ lists every source file of the release with the document it became (issue 14: it was a 404)."""
    response = real_site.get("/sources/", headers={"Accept": "text/html"})
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/html")
    listed = re.findall(r'<a href="/sources/([^"]+)">', response.text)
    on_disk = sorted(path.name for path in (Path(__file__).resolve().parents[2] / "data" / "sources").glob("*.txt"))
    assert listed == on_disk
    assert '<a href="/id/document/001_572bfb9b02552e02">CMW/C/SR.506: Summary record of the 506th meeting</a>' \
        in response.text
    digest = hashlib.sha256(real_site.get("/sources/001_572bfb9b02552e02.txt").content).hexdigest()
    assert digest in response.text


def test_home_counts_add_up(real_site: httpx.Client, real_store: ox.Store) -> None:
    """The home page's total of statements is the sum of its list of records (issue 14: 292 against 416)."""
    html = real_site.get("/", params={"size": 100}).text
    total = int(re.search(r"([\d,]+) statements from", html).group(1).replace(",", ""))  # type: ignore[union-attr]
    records = re.search(r'<section aria-labelledby="records">(.*?)</section>', html, re.S)
    assert records is not None  # the list of records, not the counts of who spoke most
    listed = sum(int(n.replace(",", "")) for n in re.findall(r'<span class="count">([\d,]+) statements?</span>',
                                                            records.group(1)))
    in_store = next(iter(real_store.query("SELECT (COUNT(DISTINCT ?s) AS ?n) WHERE { ?s a mrkg:Statement }",
                                          prefixes=PREFIX_MAP, use_default_graph_as_union=True)))["n"].value
    assert total == listed == int(in_store)


SEMINAR = iris.ID + "statement/003_3a65919e68961041/"


def test_the_progress_declarations_draft_paragraphs_list_the_comments_citing_them(real_site: httpx.Client) -> None:
    """Issue 14: "paragraphs 38 and 39bis" of Rev. 3 are the declaration's paragraphs, each listing its citations."""
    shown = Page(real_site.get("/id/instrument/imrf-pd/paragraph/39bis").text)
    assert "39bis" in " ".join(shown.h1)
    citing = {href for href, _ in shown.links if href.startswith("/id/statement/004_78fd61f76d543e46/")}
    assert len(citing) >= 2  # the Women in Migration Network's comment and Kate Barth's
    assert "/id/instrument/imrf-pd/paragraph/39bis" in real_site.get("/id/instrument/imrf-pd").text


def test_the_seminars_footnote_is_the_summarys_citation_not_the_panelists(real_site: httpx.Client,
                                                                           real_store: ox.Store) -> None:
    """Issue 14: the note citing article 25(1) beside Mr. Ndiaye's paragraph 7 is the summary's own."""
    article = iris.ID + "instrument/icrmw/article/25/paragraph/1"
    query = f"""SELECT ?who WHERE {{ <{SEMINAR}note-2> mrkg:cites <{article}> ; mrkg:footnoteTo <{SEMINAR}7> ;
                                     prov:wasAttributedTo ?who FILTER NOT EXISTS {{ <{SEMINAR}7> mrkg:cites <{article}> }} }}"""
    answers = real_store.query(query, prefixes=PREFIX_MAP, use_default_graph_as_union=True)
    assert isinstance(answers, ox.QuerySolutions)
    assert [row["who"].value for row in answers] == [iris.ID + "actor/ohchr"]
    shown = Page(real_site.get("/id/instrument/icrmw/article/25/paragraph/1").text)
    assert "/id/statement/003_3a65919e68961041/note-2" in {href for href, _ in shown.links}
