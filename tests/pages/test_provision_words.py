"""A provision's own words on its page and in its RDF, over a real `mrkg build` of data/ (issue 13, point 6)."""
from __future__ import annotations


import httpx
import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS

from graph import iris
from graph.vocab import MRKG
from pages.support import Page

pytestmark = pytest.mark.slow

OHCHR = "https://www.ohchr.org/en/instruments-mechanisms/instruments/international-convention-protection-rights-all-migrant-workers"
ARTICLE_23 = ("Migrant workers and members of their families shall have the right to have recourse to the protection and "
              "assistance of the consular or diplomatic authorities of their State of origin")
PART_III = "Part III — Human rights of all migrant workers and members of their families"


def test_an_article_page_shows_its_words_its_part_and_the_official_text(real_site: httpx.Client) -> None:
    page = Page(real_site.get("/id/instrument/icrmw/article/23").text)
    assert any(p.startswith(ARTICLE_23) for p in page.paragraphs)
    assert PART_III in page.paragraphs
    assert (OHCHR, OHCHR) in page.links
    assert ("/id/instrument/icrmw/part/3", "Part III") in page.links


def test_numbered_paragraphs_and_a_catalogued_paragraph_have_their_own_lines(real_site: httpx.Client) -> None:
    article = Page(real_site.get("/id/instrument/icrmw/article/25").text).paragraphs
    assert any(p.startswith("1. Migrant workers shall enjoy treatment not less favourable") for p in article)
    assert any(p.startswith("2. It shall not be lawful to derogate") for p in article)
    paragraph = Page(real_site.get("/id/instrument/icrmw/article/25/paragraph/1").text).paragraphs
    assert any(p.startswith("(b) Other terms of employment") for p in paragraph)
    assert not any(p.startswith("2. It shall not be lawful") for p in paragraph)


def test_article_22_shows_its_part_and_no_words_the_catalogue_lacks(real_site: httpx.Client) -> None:
    page = Page(real_site.get("/id/instrument/icrmw/article/22").text)
    assert PART_III in page.paragraphs
    assert "Text" not in [text for _, text in page.headings]


def test_an_objective_page_shows_its_commitment(real_site: httpx.Client) -> None:
    page = Page(real_site.get("/id/instrument/gcm/objective/13").text)
    assert any(p.startswith("We commit to ensure that any detention in the context of international migration")
               for p in page.paragraphs)
    assert ("https://undocs.org/A/RES/73/195", "https://undocs.org/A/RES/73/195") in page.links


def test_the_words_and_their_source_are_in_the_turtle(real_site: httpx.Client) -> None:
    response = real_site.get("/id/instrument/icrmw/article/23.ttl")
    assert response.status_code == 200
    graph = Graph().parse(data=response.text, format="turtle")
    article = URIRef(iris.provision("ICRMW", [("Article", "23")]))
    [words] = list(graph.objects(article, MRKG.provisionText))
    assert isinstance(words, Literal) and words.language == "en" and str(words).startswith(ARTICLE_23)
    assert (article, DCTERMS.source, URIRef(OHCHR)) in graph
