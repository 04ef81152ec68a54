"""A researcher finds the feed of a provision on its page, follows it, and reads it (issue 14, point 4)."""
from __future__ import annotations

from urllib.parse import urlsplit

import pytest
from lxml import etree

from browser.test_browse import browser  # noqa: F401  (the Chromium fixture)

pytestmark = pytest.mark.browser
NS = {"a": "http://www.w3.org/2005/Atom"}


def test_follow_article_22s_feed_from_its_page(browser: object, site_url: str) -> None:  # noqa: F811
    page = browser.new_page(java_script_enabled=False)  # type: ignore[attr-defined]
    page.goto(site_url + "/id/instrument/icrmw/article/22")
    announced = page.locator('link[rel="alternate"][type="application/atom+xml"]')
    assert announced.get_attribute("title") == "New statements citing Article 22 of the ICRMW"
    link = page.get_by_role("link", name="Atom feed: New statements citing Article 22 of the ICRMW")
    href = link.get_attribute("href")
    assert href == announced.get_attribute("href") == "/id/instrument/icrmw/article/22.atom"
    listed = {urlsplit(a.get_attribute("href") or "").path
              for a in page.locator('a[href^="/id/statement/"]').all()}
    answer = page.request.get(site_url + href)
    assert answer.status == 200 and answer.headers["content-type"] == "application/atom+xml; charset=utf-8"
    feed = etree.fromstring(answer.body())
    assert feed.findtext("a:title", namespaces=NS) == "New statements citing Article 22 of the ICRMW"
    pages = [urlsplit(entry.find("a:link", NS).get("href")).path for entry in feed.findall("a:entry", NS)]
    assert pages == ["/id/statement/001_572bfb9b02552e02/6", "/id/statement/000_454c943b3bec582e/8"]
    assert set(pages) <= listed  # the feed's statements are the ones the page lists
    authors = [entry.findtext("a:author/a:name", namespaces=NS) for entry in feed.findall("a:entry", NS)]
    assert authors == ["Ms. Hernández Paramo, on behalf of OHCHR", "Ms. Diallo"]
    page.goto(site_url + href)  # followed as a link: the browser is given the feed itself
    assert "<name>Ms. Hernández Paramo, on behalf of OHCHR</name>" in page.inner_text("body")  # read as UTF-8
    page.close()
