"""What a researcher sees on each kind of page (against the published fixture build)."""
from __future__ import annotations

import httpx
import pytest

from pages.support import Page

ARTICLE_22 = "/id/instrument/icrmw/article/22"
SR450_PARA_8 = "/id/statement/000_454c943b3bec582e/8"
SR506_PARA_6 = "/id/statement/001_572bfb9b02552e02/6"


def page(http: httpx.Client, path: str, status: int = 200) -> Page:
    response = http.get(path, headers={"Accept": "text/html"})
    assert response.status_code == status, response.text[:500]
    assert response.headers["content-type"].startswith("text/html")
    return Page(response.text)


def test_provision_page_places_the_article_in_its_instrument(http: httpx.Client) -> None:
    shown = page(http, ARTICLE_22)
    assert shown.h1 == ["Article 22 of the ICRMW"]
    assert "/id/instrument/icrmw" in shown.hrefs(
        "International Convention on the Protection of the Rights of All Migrant Workers and Members of Their Families")
    assert shown.hrefs("Part III of the ICRMW") == ["/id/instrument/icrmw/part/3"]
    response = http.get(ARTICLE_22)
    assert "Protection from collective expulsion" in response.text  # its title, from the catalogue
    assert shown.hrefs("Article 22(1) of the ICRMW") == ["/id/instrument/icrmw/article/22/paragraph/1"]
    assert shown.hrefs("← Article 17 of the ICRMW") == ["/id/instrument/icrmw/article/17"]
    assert shown.hrefs("Article 23 of the ICRMW →") == ["/id/instrument/icrmw/article/23"]


def test_provision_page_lists_citing_statements_by_document_and_meeting(http: httpx.Client) -> None:
    shown = page(http, ARTICLE_22)
    assert "Cited, with its subdivisions, in 2 statements" in shown.text_of("h2")
    # Documents oldest first, each with its meeting, date as a reader writes it and saying which date it is.
    assert shown.text_of("h3") == ["CMW/C/SR.450: Summary record of the 450th meeting issued 19 April 2021",
                                   "CMW/C/SR.506: Summary record of the 506th meeting issued 6 October 2022"]
    assert shown.text_of("h4") == ["450th meeting, meeting of 14 April 2021",
                                   "506th meeting, meeting of 27 September 2022"]
    paragraphs = [href for href, text in shown.links if text.startswith("Paragraph")]
    assert paragraphs == [SR450_PARA_8, SR506_PARA_6]
    assert shown.hrefs("Ms. Diallo") == ["/id/actor/diallo"]
    assert shown.hrefs("Ms. Hernández Paramo") == ["/id/actor/hernandez-paramo"]
    assert shown.hrefs("Office of the United Nations High Commissioner for Human Rights") == ["/id/actor/ohchr"]


def test_provision_page_quotes_the_citing_sentence(http: httpx.Client) -> None:
    html = http.get(ARTICLE_22).text
    assert ('Under <mark><a href="/id/instrument/icrmw/article/22" title="Article 22 of the ICRMW">article 22</a></mark>'
            ", migrant workers must not be subject to collective expulsion") in html
    assert ('in the light of <mark><a href="/id/instrument/icrmw/article/22" title="Article 22 of the ICRMW">'
            "article 22 of the Convention</a></mark>.") in html


def test_uncited_provision_says_so(http: httpx.Client) -> None:
    shown = page(http, "/id/instrument/icrmw/article/25")
    assert "Cited in 0 statements" in shown.text_of("h2")
    assert "No statement in the graph cites this provision yet." in http.get("/id/instrument/icrmw/article/25").text


def test_statement_page_highlights_citations_in_place(http: httpx.Client) -> None:
    shown = page(http, SR506_PARA_6)
    assert shown.marks == [
        ("ref citation", "/id/instrument/gcm/objective/21", "objective 21"),
        ("ref citation", "/id/instrument/icrmw/article/22", "article 22 of the Convention"),
    ]
    assert shown.nested_links == 0
    # The mention nested in the citation is listed beside the text, with the words as printed.
    html = http.get(SR506_PARA_6).text
    assert "as “the Convention”" in html


def test_statement_page_highlights_through_markup(http: httpx.Client) -> None:
    # Paragraph 7 of SR.450 is printed "7. **Ms. Diallo**, noting…": offsets count the markup.
    shown = page(http, "/id/statement/000_454c943b3bec582e/7")
    assert shown.marks == [
        ("ref mention", "/id/instrument/icrmw", "the Convention"),
        ("ref citation", "/id/instrument/icrmw/article/7", "article 7"),
    ]


def test_statement_page_gives_speaker_behalf_session_and_neighbours(http: httpx.Client) -> None:
    shown = page(http, SR506_PARA_6)
    assert shown.h1 == ["CMW/C/SR.506, para. 6 (Ms. Hernández Paramo)"]
    assert "/id/actor/hernandez-paramo" in shown.hrefs("Ms. Hernández Paramo")
    assert "/id/actor/ohchr" in shown.hrefs("Office of the United Nations High Commissioner for Human Rights")
    assert "/id/session/cmw/35/meeting/506" in shown.hrefs("506th meeting")
    assert shown.hrefs("← Previous: CMW/C/SR.506, para. 5 (Ms. Hernández Paramo (OHCHR))") == [
        "/id/statement/001_572bfb9b02552e02/5"]
    assert [href for href, text in shown.links if text.startswith("Next:")] == ["/id/statement/001_572bfb9b02552e02/7"]
    assert shown.hrefs("001_572bfb9b02552e02.txt") == ["/sources/001_572bfb9b02552e02.txt"]


def test_statement_source_link_serves_the_passage_at_its_offsets(http: httpx.Client) -> None:
    html = http.get(SR450_PARA_8).text
    begin, end = 5372, 6126  # nif:beginIndex / nif:endIndex in the fixture
    assert f"Characters {begin}–{end} of" in html
    source = http.get("/sources/000_454c943b3bec582e.txt")
    assert source.status_code == 200
    assert source.headers["content-type"] == "text/plain; charset=utf-8"
    assert source.text[begin:end].startswith("8. To comply with article 14")


def test_sources_serves_only_listed_files(http: httpx.Client) -> None:
    assert "no source text named 'nope.txt'" in http.get("/sources/nope.txt").text
    for path in ("/sources/nope.txt", "/sources/..%2Fpyproject.toml", "/sources/%2E%2E"):
        response = http.get(path)
        assert response.status_code == 404, path
        assert "[project]" not in response.text, path


def test_actor_page_gathers_statements_made_on_its_behalf(http: httpx.Client) -> None:
    shown = page(http, "/id/actor/ohchr")
    assert shown.h1 == ["Office of the United Nations High Commissioner for Human Rights"]
    assert "2 statements made on its behalf" in " ".join(http.get("/id/actor/ohchr").text.split())
    assert shown.hrefs("http://www.wikidata.org/entity/Q656812") == ["http://www.wikidata.org/entity/Q656812"]
    assert shown.hrefs("Ms. Hernández Paramo")  # who spoke for it
    paragraphs = [href for href, text in shown.links if text.startswith("Paragraph")]
    assert paragraphs == ["/id/statement/001_572bfb9b02552e02/5", SR506_PARA_6]


def test_person_page_shows_capacities(http: httpx.Client) -> None:
    html = " ".join(http.get("/id/actor/hernandez-paramo").text.split())
    assert "2 statements made" in html
    shown = page(http, "/id/actor/hernandez-paramo")
    assert shown.hrefs("representative") == ["/id/role/representative"]


def test_state_page(http: httpx.Client) -> None:
    shown = page(http, "/id/actor/mexico")
    assert shown.h1 == ["Mexico"]
    assert [href for href, text in shown.links if text.startswith("Paragraph")] == ["/id/statement/000_454c943b3bec582e/29"]
    assert shown.json_ld()[0]["@type"] == "Country"
    assert shown.json_ld()[0]["sameAs"] == ["http://www.wikidata.org/entity/Q96"]


def test_session_page_is_the_record_in_order(http: httpx.Client) -> None:
    shown = page(http, "/id/session/cmw/32/meeting/450")
    assert shown.h1 == ["450th meeting"]
    paragraphs = [text for _, text in shown.links if text.startswith("Paragraph")]
    assert paragraphs == ["Paragraph 1", "Paragraph 7", "Paragraph 8", "Paragraph 29"]
    assert shown.hrefs("Mr. Ünver")  # the chair
    assert shown.hrefs("Committee on Migrant Workers, 32nd session") == ["/id/session/cmw/32"]
    html = http.get("/id/session/cmw/32/meeting/450").text
    assert "Promotion of the Convention" in html  # agenda item
    assert "said that she wished to remind States parties of their obligations" in html  # full text


def test_parent_session_lists_its_meetings(http: httpx.Client) -> None:
    shown = page(http, "/id/session/cmw/35")
    assert shown.hrefs("506th meeting") == ["/id/session/cmw/35/meeting/506"]
    assert "3 statements" in http.get("/id/session/cmw/35").text


def test_session_page_shows_how_each_record_prints_it(http: httpx.Client) -> None:
    """The words come from the record's own mention (issue 11, point 1); the session holds no offsets."""
    shown = page(http, "/id/session/cmw/35")
    assert "As printed" in [text for _, text in shown.headings]
    html = " ".join(http.get("/id/session/cmw/35").text.split())
    assert "<q>Thirty-fifth session</q>" in html
    mention = "/id/document/001_572bfb9b02552e02/mention/session/cmw/35/336-356"
    assert shown.hrefs("characters 336–356") == [mention]
    assert "/id/document/001_572bfb9b02552e02" in shown.hrefs("CMW/C/SR.506: Summary record of the 506th meeting")
    passage = page(http, mention)
    assert passage.hrefs("Committee on Migrant Workers, 35th session") == ["/id/session/cmw/35"]
    assert "Thirty-fifth session" in http.get(mention).text


def test_actor_page_shows_the_printed_names_with_their_paragraphs(http: httpx.Client) -> None:
    shown = page(http, "/id/actor/mexico")
    html = " ".join(http.get("/id/actor/mexico").text.split())
    assert "<q>Mexico</q>" in html
    assert shown.hrefs("para. 29") == ["/id/statement/000_454c943b3bec582e/29"]
    shown = page(http, "/id/actor/ohchr")
    assert shown.hrefs("para. 5") == ["/id/statement/001_572bfb9b02552e02/5"]
    assert "<q>OHCHR</q>" in " ".join(http.get("/id/actor/ohchr").text.split())


def test_an_actor_named_by_no_document_has_no_printed_section(http: httpx.Client) -> None:
    shown = page(http, "/id/actor/united-nations-general-assembly")
    assert "As printed" not in [text for _, text in shown.headings]


def test_document_page(http: httpx.Client) -> None:
    shown = page(http, "/id/document/001_572bfb9b02552e02")
    assert shown.h1 == ["CMW/C/SR.506: Summary record of the 506th meeting"]
    assert shown.hrefs("001_572bfb9b02552e02.txt") == ["/sources/001_572bfb9b02552e02.txt"]
    assert set(shown.hrefs("506th meeting")) == {"/id/session/cmw/35/meeting/506"}
    assert len([text for _, text in shown.links if text.startswith("Paragraph")]) == 3


def test_instrument_page_lists_provisions_with_counts(http: httpx.Client) -> None:
    html = " ".join(http.get("/id/instrument/icrmw").text.split())
    shown = page(http, "/id/instrument/icrmw")
    assert shown.h1 == ["International Convention on the Protection of the Rights of All Migrant Workers and Members of Their Families"]
    order = [text for _, text in shown.links if text.startswith(("Part", "Article"))]
    assert order[:4] == ["Part II of the ICRMW", "Article 7 of the ICRMW", "Part III of the ICRMW", "Article 14 of the ICRMW"]
    assert order.index("Article 22 of the ICRMW") < order.index("Article 22(1) of the ICRMW") < order.index("Article 23 of the ICRMW")
    assert 'Article 22 of the ICRMW</a> — Protection from collective expulsion <span class="count">2 citing statements</span>' in html
    assert "the 1990 Convention" in html


def test_generic_resource_page(http: httpx.Client) -> None:
    shown = page(http, "/id/role/representative")
    assert shown.h1 == ["representative"]
    # What links to it: the statements made in that capacity, and the membership.
    linked = [href for href, _ in shown.links]
    assert "/id/statement/001_572bfb9b02552e02/5" in linked
    assert "/id/membership/0a1b2c3d4e5f" in linked


def test_home_page_has_entry_points(http: httpx.Client) -> None:
    shown = page(http, "/")
    assert shown.h1 == ["Migrant Rights Knowledge Graph"]
    assert shown.hrefs("article 22 of the Convention") == [ARTICLE_22]
    assert shown.hrefs("Global Compact for Safe, Orderly and Regular Migration") == ["/id/instrument/gcm"]
    assert "/id/document/000_454c943b3bec582e" in [href for href, _ in shown.links]
    assert any(href.startswith("/query?example=") for href, _ in shown.links)
    assert shown.json_ld()[0]["@type"] == "Dataset"


def test_unknown_iri_is_a_helpful_404(http: httpx.Client) -> None:
    shown = page(http, "/id/instrument/icrmw/article/99", status=404)
    assert shown.h1 == ["Not in the graph"]
    assert shown.hrefs("International Convention on the Protection of the Rights of All Migrant Workers and Members "
                       "of Their Families") == ["/id/instrument/icrmw"]
    response = http.get("/id/instrument/icrmw/article/99", headers={"Accept": "text/turtle"})
    assert response.status_code == 404
    assert "is not in the graph" in response.text
    assert http.get("/id/instrument/icrmw/article/99.ttl").status_code == 404


@pytest.mark.parametrize("path", ["/id/has space", "/id/<script>", '/id/a"b'])
def test_impossible_iris_are_404_not_errors(http: httpx.Client, path: str) -> None:
    response = http.get(path)
    assert response.status_code == 404
    assert Page(response.text).h1 == ["Not in the graph"]


def test_trailing_slash_redirects(http: httpx.Client) -> None:
    response = http.get(ARTICLE_22 + "/")
    assert response.status_code == 301
    assert response.headers["location"] == ARTICLE_22


@pytest.mark.parametrize("path", ["/", ARTICLE_22, SR506_PARA_6, "/id/actor/ohchr", "/id/session/cmw/35/meeting/506",
                                  "/id/document/001_572bfb9b02552e02", "/id/instrument/icrmw", "/id/role/chair",
                                  "/id/dataset", "/dumps/", "/ontology", "/query"])
def test_every_page_is_well_formed_and_accessible(http: httpx.Client, path: str) -> None:
    shown = page(http, path)
    assert shown.lang == "en"
    assert len(shown.h1) == 1
    assert shown.nested_links == 0
    assert not [text for href, text in shown.links if not text], "every link has text"
    assert ("#content", "Skip to content") in shown.links


@pytest.mark.parametrize("path", [ARTICLE_22, SR506_PARA_6, "/id/actor/ohchr", "/id/session/cmw/35/meeting/506",
                                  "/id/document/001_572bfb9b02552e02", "/id/instrument/icrmw", "/id/role/chair"])
def test_resource_pages_link_their_rdf_forms_and_say_schema_org(http: httpx.Client, path: str) -> None:
    shown = page(http, path)
    forms = {"text/turtle": f"{path}.ttl", "application/ld+json": f"{path}.jsonld",
             "application/n-triples": f"{path}.nt", "application/rdf+xml": f"{path}.rdf"}
    if path.startswith("/id/document/"):  # a document also has its Akoma Ntoso form (issue 14, item 3)
        forms["application/akn+xml"] = f"{path}.akn"
    if path.startswith(("/id/statement/", "/id/instrument/icrmw/")):  # and citations to export (issue 14, item 2)
        forms.update({"application/vnd.citationstyles.csl+json": f"{path}.csl",
                      "application/x-research-info-systems": f"{path}.ris", "application/x-bibtex": f"{path}.bib"})
    if path.startswith(("/id/instrument/", "/id/actor/")):  # and a feed of new statements (issue 14, item 4)
        forms["application/atom+xml"] = f"{path}.atom"
    assert shown.alternates == forms
    for href in shown.alternates.values():
        assert http.get(href).status_code == 200
    (schema,) = shown.json_ld()
    assert schema["@context"] == "https://schema.org"
    assert schema["@id"] == "https://w3id.org/mrkg" + path


@pytest.mark.parametrize("path", ["/", ARTICLE_22, SR506_PARA_6, "/id/actor/ohchr", "/id/session/cmw/35/meeting/506",
                                  "/dumps/", "/id/dataset"])
def test_pages_work_without_javascript(http: httpx.Client, path: str) -> None:
    shown = page(http, path)
    # The one script a page may load only adds a copy button beside a citation already in the page.
    assert [a for a, _ in shown.scripts if a.get("type") != "application/ld+json"
            and a.get("src") != "/static/cite.js"] == []


def test_home_page_lists_the_most_cited_provisions(http: httpx.Client) -> None:
    html = " ".join(http.get("/").text.split())
    assert '<a href="/id/instrument/icrmw/article/22">Article 22 of the ICRMW</a> <span class="count">2</span>' in html
    assert '<a href="/id/instrument/gcm/objective/21">Objective 21 of the GCM</a> <span class="count">1</span>' in html


def test_instrument_page_quotes_the_mentions(http: httpx.Client) -> None:
    html = http.get("/id/instrument/gcm").text
    assert ('<mark><a href="/id/instrument/gcm" title="Global Compact for Safe, Orderly and Regular Migration">'
            "the Global Compact for Migration</a></mark>") in html


def test_a_part_gathers_the_citations_of_its_articles(http: httpx.Client) -> None:
    shown = page(http, "/id/instrument/icrmw/part/3")
    assert shown.h1 == ["Part III of the ICRMW"]
    assert "Cited, with its subdivisions, in 2 statements" in shown.text_of("h2")
    paragraphs = [href for href, text in shown.links if text.startswith("Paragraph")]
    assert paragraphs == [SR450_PARA_8, SR506_PARA_6]
    html = http.get("/id/instrument/icrmw/part/3").text
    for article in ("14", "17", "22", "23"):  # each quoted where it is cited
        assert f'<a href="/id/instrument/icrmw/article/{article}" title="Article {article} of the ICRMW">' in html


def test_ontology_iri_serves_documentation_and_turtle(http: httpx.Client) -> None:
    import pyoxigraph as ox

    ontology = ox.NamedNode("https://w3id.org/mrkg/ontology")
    for response in (http.get("/ontology", headers={"Accept": "text/turtle"}), http.get("/ontology.ttl")):
        assert response.headers["content-type"].startswith("text/turtle")
        triples = list(ox.parse(response.content, format=ox.RdfFormat.TURTLE))
        assert any(t.subject == ontology for t in triples)
        assert any(t.subject.value == "https://w3id.org/mrkg/ontology#Statement" for t in triples)
    html = http.get("/ontology", headers={"Accept": "text/html"})
    assert html.headers["content-type"].startswith("text/html")
    assert "mrkg:Statement" in html.text or "ontology#Statement" in html.text
    assert http.get("/ontology.pdf").status_code == 404
