"""A researcher finds a record's Akoma Ntoso form from its page, and it is valid (issue 14, item 3)."""
from __future__ import annotations

import pytest
from lxml import etree

from akoma_ntoso_schema import NS, invalid
from test_browse import browser  # noqa: F401  (the fixture: Debian's Chromium, as the other walks use it)

pytestmark = pytest.mark.browser


def test_from_a_statement_to_its_record_in_akoma_ntoso(browser: object, site_url: str) -> None:  # noqa: F811
    page = browser.new_page(java_script_enabled=False)  # type: ignore[attr-defined]
    page.goto(site_url + "/id/document/001_572bfb9b02552e02")
    alternate = page.locator('link[rel="alternate"][type="application/akn+xml"]')
    assert alternate.get_attribute("href") == "/id/document/001_572bfb9b02552e02.akn"
    link = page.get_by_role("link", name="Akoma Ntoso", exact=True)
    href = link.get_attribute("href")
    answer = page.request.get(site_url + href)
    assert answer.status == 200 and answer.headers["content-type"] == "application/akn+xml"
    xml = answer.body()
    assert invalid(xml) == []
    speech = next(s for s in etree.fromstring(xml).iterfind(".//a:speech", NS) if s.findtext("a:num", namespaces=NS) == "6.")
    assert speech.get("by") == "#hernandez-paramo" and speech.get("as") == "#ohchr"
    page.close()
