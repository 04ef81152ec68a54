"""A researcher searches in a real headless Chromium: the box on a page, the results, a facet, the marks.

Article 22's page → type "detention" in the search box of the header → the
results page with snippets whose matched words are marked → click a facet →
the results narrowed to it, the filter shown in force and removable.  Run
without JavaScript: the search must work with plain links and a GET form.
"""
from __future__ import annotations

import re

import pytest

from browser.test_browse import browser, shot  # noqa: F401  (the Chromium fixture)
from search_marks import found_word

pytestmark = pytest.mark.browser


def _total(page: object) -> int:
    heading = page.locator("#results-heading").inner_text()  # type: ignore[attr-defined]
    match = re.match(r"([\d,]+) results?", heading)
    assert match, heading
    return int(match.group(1).replace(",", ""))


def test_search_from_a_page_then_narrow_by_a_facet(browser: object, site_url: str) -> None:  # noqa: F811
    page = browser.new_page(viewport={"width": 1200, "height": 900}, java_script_enabled=False)  # type: ignore[attr-defined]
    page.goto(site_url + "/id/instrument/icrmw/article/22")
    box = page.get_by_role("searchbox", name="Search statements, provisions, actors")
    box.fill("detention")
    box.press("Enter")
    page.wait_for_url("**/search?q=detention")
    assert page.locator("h1").inner_text() == "Search"
    total = _total(page)
    assert total >= 20
    marks = page.locator("li.hit .snippet mark").all_inner_texts()
    assert marks and all(found_word(mark) for mark in marks), marks
    shot(page, "search-01-results")

    facet = page.locator('section.facet[data-facet="onBehalfOf"] li a').first
    chosen = facet.inner_text()
    count = int(page.locator('section.facet[data-facet="onBehalfOf"] li .count').first.inner_text().replace(",", ""))
    assert 0 < count < total
    facet.click()
    page.wait_for_url(re.compile(r".*onBehalfOf=.*"))
    assert _total(page) == count
    assert chosen in page.locator(".active-filters").inner_text()
    assert page.locator("li.hit").count() == min(count, 20)
    assert page.locator("li.hit .snippet mark").count() > 0
    shot(page, "search-02-facet")

    page.locator(".active-filters a.remove").first.click()
    page.wait_for_url("**/search?q=detention")
    assert _total(page) == total
    page.close()


def test_a_query_that_cannot_be_read_shows_where(browser: object, site_url: str) -> None:  # noqa: F811
    page = browser.new_page(java_script_enabled=False)  # type: ignore[attr-defined]
    page.goto(site_url + "/")
    box = page.get_by_role("searchbox", name="Search statements, provisions, actors")
    box.fill('"unclosed phrase')
    box.press("Enter")
    alert = page.get_by_role("alert")
    assert "cannot be read" in alert.inner_text() and "character" in alert.inner_text()
    assert page.locator("pre.search-position").inner_text().splitlines()[-1].strip() == "^"
    page.close()


def test_export_the_statements_found_from_the_search_page(browser: object, site_url: str) -> None:  # noqa: F811
    page = browser.new_page(accept_downloads=True, java_script_enabled=False)  # type: ignore[attr-defined]
    page.goto(site_url + "/search?q=detention&kind=statement")
    total = _total(page)
    with page.expect_download() as download:
        page.locator("a.export", has_text="RIS").click()
    assert download.value.suggested_filename == "search-detention.ris"
    text = open(download.value.path(), encoding="utf-8").read()
    assert text.count("TY  - ") == total  # every statement found, not only the page shown
    assert "TI  - CMW/C/SR.450, para. 8" in text
    with page.expect_download() as download:
        page.locator("a.export", has_text="BibTeX").click()
    assert open(download.value.path(), encoding="utf-8").read().count("@misc{") == total
    shot(page, "search-03-export")
    page.close()
