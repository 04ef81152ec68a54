"""A researcher copies a statement's citation and opens its export, in a real headless Chromium (issue 14)."""
from __future__ import annotations

import pytest

from browser.test_browse import browser, shot  # noqa: F401  (the Chromium fixture)

pytestmark = pytest.mark.browser
expect = pytest.importorskip("playwright.sync_api").expect


def test_copy_the_citation_and_open_an_export(browser: object, site_url: str) -> None:  # noqa: F811
    context = browser.new_context(permissions=["clipboard-read", "clipboard-write"])  # type: ignore[attr-defined]
    page = context.new_page()
    page.goto(site_url + "/id/statement/001_572bfb9b02552e02/6")
    cite = page.locator("section.cite")
    expected = "CMW/C/SR.506, para. 6 (Ms. Hernández Paramo, on behalf of OHCHR), 27 September 2022"
    assert cite.locator("output").inner_text() == expected
    cite.get_by_role("button", name="Copy").click()
    expect(cite.get_by_role("button", name="Copied")).to_be_visible(timeout=5_000)
    assert page.evaluate("navigator.clipboard.readText()") == expected
    shot(page, "cite-statement")
    with page.expect_download() as download:
        cite.get_by_role("link", name="RIS").click()
    text = open(download.value.path(), encoding="utf-8").read()
    assert text.startswith("TY  - GOVDOC") and "AU  - Ms. Hernández Paramo" in text
    context.close()
