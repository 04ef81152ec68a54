"""A search's statements exported as CSL-JSON, RIS and BibTeX (issue 14, point 2), on the real build and server.

Every export of "detention" is checked against the search's own JSON answer: the same
statements, in the same order, each with the citation its page shows.
"""
from __future__ import annotations

import json
import re

import httpx
import pytest

from api.search_export import EXPORT_HEADER

pytestmark = pytest.mark.slow

FORMS = {"csl": "application/vnd.citationstyles.csl+json", "ris": "application/x-research-info-systems",
         "bib": "application/x-bibtex"}
SR450_PARA_8 = "https://w3id.org/mrkg/id/statement/000_454c943b3bec582e/8"  # "…migrant detention centres…"


def matching_statements(site: httpx.Client, **filters: str) -> list[str]:
    """The statements the search finds, in its order, read page by page from its JSON answer."""
    found: list[str] = []
    page = 1
    while True:
        answer = site.get("/search.json", params={"q": "detention", "kind": "statement", "size": 100,
                                                  "page": page, **filters}).json()
        found += [hit["id"] for hit in answer["results"]]
        if len(found) >= answer["total"]:
            return found
        page += 1


@pytest.fixture(scope="module")
def detention(real_site: httpx.Client) -> list[str]:
    found = matching_statements(real_site)
    assert len(found) >= 20 and SR450_PARA_8 in found
    return found


def test_csl_json_holds_every_matching_statement_in_the_search_order(real_site: httpx.Client,
                                                                     detention: list[str]) -> None:
    response = real_site.get("/search", params={"q": "detention"}, headers={"Accept": FORMS["csl"]})
    assert response.status_code == 200 and response.headers["content-type"].startswith(FORMS["csl"])
    items = json.loads(response.text)
    assert [item["id"] for item in items] == detention  # statements only, all of them, not a page of twenty
    item = next(item for item in items if item["id"] == SR450_PARA_8)
    assert item["number"] == "CMW/C/SR.450" and item["section"] == "para. 8"
    assert item["title"].startswith("CMW/C/SR.450, para. 8") and item["issued"]["date-parts"] == [[2021, 4, 14]]
    assert item["URL"].endswith("/id/statement/000_454c943b3bec582e/8")
    assert response.headers[EXPORT_HEADER] == f"{len(detention)} of {len(detention)} matching statements"
    assert re.match(r'attachment; filename="search-detention\.csl"', response.headers["content-disposition"])


def test_ris_has_one_record_per_statement(real_site: httpx.Client, detention: list[str]) -> None:
    response = real_site.get("/search", params={"q": "detention"}, headers={"Accept": FORMS["ris"]})
    assert response.status_code == 200 and response.headers["content-type"].startswith(FORMS["ris"])
    records = [record for record in response.text.split("\r\n\r\n") if record.strip()]
    assert len(records) == len(detention)
    assert [re.search(r"^ID  - (\S+)\r?$", record, re.M).group(1) for record in records] == detention  # type: ignore[union-attr]
    ours = records[detention.index(SR450_PARA_8)]
    assert "TI  - CMW/C/SR.450, para. 8" in ours and "DA  - 2021/04/14" in ours and ours.rstrip().endswith("ER  -")


def test_bibtex_has_one_entry_per_statement_with_distinct_keys(real_site: httpx.Client, detention: list[str]) -> None:
    response = real_site.get("/search.bib", params={"q": "detention"})
    assert response.status_code == 200 and response.headers["content-type"].startswith(FORMS["bib"])
    keys = re.findall(r"^@misc\{([^,]+),$", response.text, re.M)
    assert len(keys) == len(detention) == len(set(keys))
    assert "@misc{CMW-C-SR-450-para-8," in response.text and "number = {CMW/C/SR.450}" in response.text


def test_an_export_keeps_the_filters_of_the_search(real_site: httpx.Client) -> None:
    sr450 = "https://w3id.org/mrkg/id/document/000_454c943b3bec582e"
    narrowed = matching_statements(real_site, document=sr450)
    assert SR450_PARA_8 in narrowed and len(narrowed) < len(matching_statements(real_site))
    items = real_site.get("/search.csl", params={"q": "detention", "document": sr450}).json()
    assert [item["id"] for item in items] == narrowed
    assert {item["number"] for item in items} == {"CMW/C/SR.450"}


def test_an_unreadable_search_is_refused_in_words(real_site: httpx.Client) -> None:
    response = real_site.get("/search.ris", params={"q": "detention AND"})
    assert response.status_code == 400 and response.headers["content-type"].startswith("text/plain")
    assert "AND at the end of the query needs a word or a phrase after it" in response.text
    assert real_site.get("/search.bib").status_code == 400  # nothing asked: nothing to export


def test_the_search_page_links_the_three_exports(real_site: httpx.Client) -> None:
    html = real_site.get("/search", params={"q": "detention"}).text
    links = re.findall(r'<a class="export" href="([^"]+)" type="([^"]+)" download>', html)
    assert [(href, kind) for href, kind in links] == [
        (f"/search.{extension}?q=detention", FORMS[extension]) for extension in ("csl", "ris", "bib")]
