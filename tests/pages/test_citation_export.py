"""Citations to copy and export (issue 14, point 2), on the real build and the real server."""
from __future__ import annotations

import json
import re

import httpx
import pytest

from pages.support import Page

pytestmark = pytest.mark.slow

SR506_PARA_6 = "/id/statement/001_572bfb9b02552e02/6"
ARTICLE_22 = "/id/instrument/icrmw/article/22"
FORMS = {"csl": "application/vnd.citationstyles.csl+json", "ris": "application/x-research-info-systems",
         "bib": "application/x-bibtex"}


def test_a_statement_page_shows_its_citation_and_what_reference_managers_read(real_site: httpx.Client) -> None:
    html = real_site.get(SR506_PARA_6, headers={"Accept": "text/html"}).text
    page = Page(html)
    shown = re.search(r'<output id="citation-text"[^>]*>([^<]*)</output>', html)
    assert shown and shown.group(1) == ("CMW/C/SR.506, para. 6 (Ms. Hernández Paramo, on behalf of OHCHR), "
                                        "27 September 2022")
    for extension, label in (("csl", "CSL-JSON"), ("ris", "RIS"), ("bib", "BibTeX")):
        assert page.hrefs(label) and set(page.hrefs(label)) == {f"{SR506_PARA_6}.{extension}"}
    meta = dict(re.findall(r'<meta name="(citation_[a-z_]+)" content="([^"]*)"', html))
    assert meta["citation_author"] == "Ms. Hernández Paramo" and meta["citation_date"] == "2022/09/27"
    assert meta["citation_technical_report_number"] == "CMW/C/SR.506"


@pytest.mark.parametrize("extension", FORMS)
def test_negotiation_and_extension_give_the_same_citation(real_site: httpx.Client, extension: str) -> None:
    by_accept = real_site.get(SR506_PARA_6, headers={"Accept": FORMS[extension]})
    by_extension = real_site.get(f"{SR506_PARA_6}.{extension}")
    assert by_accept.status_code == by_extension.status_code == 200
    assert by_accept.headers["content-type"].startswith(FORMS[extension])
    assert by_accept.content == by_extension.content
    assert "Hernández Paramo" in by_accept.text and "CMW/C/SR.506" in by_accept.text


def test_a_provision_exports_the_statements_citing_it(real_site: httpx.Client) -> None:
    items = json.loads(real_site.get(f"{ARTICLE_22}.csl").text)
    assert [item["id"].rsplit("/id/", 1)[1] for item in items] == [
        "statement/000_454c943b3bec582e/8", "statement/001_572bfb9b02552e02/6"]  # by document, then place
    ris = real_site.get(ARTICLE_22, headers={"Accept": FORMS["ris"]}).text
    assert ris.count("TY  - ") == 2 and ris.count("ER  -") == 2


def test_what_has_no_citation_says_so(real_site: httpx.Client) -> None:
    refused = real_site.get("/id/actor/mexico.ris")
    assert refused.status_code == 404 and "has no citation form" in refused.text
    assert real_site.get("/id/actor/mexico", headers={"Accept": FORMS["ris"]}).status_code == 406
    browser = real_site.get(SR506_PARA_6, headers={"Accept": "*/*"})
    assert browser.headers["content-type"].startswith("text/html")  # the page stays the default
