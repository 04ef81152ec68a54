"""The OpenAPI page draws every operation with no network beyond this server (issue 14: it was blank offline).

Chromium is told to refuse every request that leaves 127.0.0.1; the page must
still draw Swagger UI from the server's own copy, without a CSP complaint.
"""
from __future__ import annotations

from urllib.parse import urlsplit

import pytest

from browser.test_browse import browser, shot  # noqa: F401  (the Chromium fixture)

pytestmark = pytest.mark.browser


def test_docs_draw_every_operation_offline(browser: object, site_url: str) -> None:  # noqa: F811
    page = browser.new_page(viewport={"width": 1200, "height": 900})  # type: ignore[attr-defined]
    outside: list[str] = []
    complaints: list[str] = []

    def only_this_server(route: object) -> None:
        url = route.request.url  # type: ignore[attr-defined]
        if urlsplit(url).hostname != "127.0.0.1":
            outside.append(url)
            route.abort()  # type: ignore[attr-defined]
        else:
            route.continue_()  # type: ignore[attr-defined]

    page.route("**/*", only_this_server)
    page.on("console", lambda message: complaints.append(message.text)
            if "Content Security Policy" in message.text else None)
    page.goto(site_url + "/docs")
    page.wait_for_selector(".opblock", timeout=20_000)
    paths = page.locator(".opblock .opblock-summary-path").all_inner_texts()
    assert "/sparql" in paths and "/health" in paths, paths
    assert page.locator(".info .title").inner_text().startswith("mrkg")
    shot(page, "docs-offline")
    assert outside == [], f"/docs asked for something beyond this server: {outside}"
    assert complaints == [], complaints
    page.close()
