"""A researcher's path through the site in a real headless Chromium.

Home page → article 22 of the Convention → a statement citing it → the query
page, where an example query runs and its results appear as a table.
Screenshots are kept in tests/artifacts/ (git-ignored).  Debian's chromium is
used as installed (never `playwright install`).
"""
from __future__ import annotations

import re
import shutil
from pathlib import Path
from typing import Iterator

import pytest

playwright = pytest.importorskip("playwright.sync_api")

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]
ARTIFACTS = Path(__file__).resolve().parent.parent / "artifacts"

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    if not Path(CHROMIUM).exists() and not shutil.which("chromium"):
        pytest.fail("Debian's chromium is not installed: run `make browser` (apt-get install chromium)")
    ARTIFACTS.mkdir(exist_ok=True)
    with playwright.sync_playwright() as driver:
        chromium = driver.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield chromium
        chromium.close()


def shot(page: object, name: str) -> None:
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)  # type: ignore[attr-defined]


def test_from_home_to_a_citing_statement(browser: object, site_url: str) -> None:
    page = browser.new_page(viewport={"width": 1100, "height": 900}, java_script_enabled=False)  # type: ignore[attr-defined]
    page.goto(site_url + "/")
    assert page.locator("h1").inner_text() == "Migrant Rights Knowledge Graph"
    shot(page, "01-home")

    page.get_by_role("link", name="article 22 of the Convention", exact=True).click()
    page.wait_for_url("**/id/instrument/icrmw/article/22")
    assert page.locator("h1").inner_text() == "Article 22 of the ICRMW"
    assert page.get_by_role("heading", name=re.compile(r"^Cited.* in 2 statements$")).is_visible()
    shot(page, "02-article-22")

    citing = page.locator("li.statement").filter(has_text="Ms. Hernández Paramo")
    citing.get_by_role("link", name="Paragraph 6").click()
    page.wait_for_url("**/id/statement/001_572bfb9b02552e02/6")
    assert page.locator("h1").inner_text() == "CMW/C/SR.506, para. 6 (Ms. Hernández Paramo), 27 September 2022"
    # When, before which body, at which session: read as a researcher cites it (issue 14, point 1).
    assert page.title().startswith("CMW/C/SR.506, para. 6 (Ms. Hernández Paramo), 27 September 2022")
    assert page.locator("dd.occasion-date").inner_text() == "27 September 2022"
    assert page.locator("dd.occasion-body").inner_text().startswith("Committee on the Protection of the Rights")
    assert page.locator("dd.occasion-session").inner_text() == \
        "Committee on Migrant Workers, 35th session › 506th meeting"
    assert page.locator("p.kinds").count() == 0  # no class names under the title
    highlighted = page.locator(".statement-text a.ref.citation")
    assert highlighted.all_inner_texts() == ["objective 21", "article 22"]
    assert "the Convention" in page.locator(".statement-text a.ref.mention").all_inner_texts()
    assert highlighted.nth(1).get_attribute("href") == "/id/instrument/icrmw/article/22"
    shot(page, "03-statement")

    page.get_by_role("link", name="Next: CMW/C/SR.506, para. 7", exact=False).click()
    page.wait_for_url("**/id/statement/001_572bfb9b02552e02/7")
    page.close()


def test_from_a_state_to_where_each_record_prints_it(browser: object, site_url: str) -> None:
    """Mexico's page lists the words each record prints and opens the paragraph that prints them."""
    page = browser.new_page(viewport={"width": 1100, "height": 900}, java_script_enabled=False)  # type: ignore[attr-defined]
    page.goto(site_url + "/id/actor/mexico")
    printed = page.locator("section[aria-labelledby=printed]")
    assert printed.get_by_role("heading", name="As printed").is_visible()
    assert printed.locator("q").all_inner_texts() == ["Mexico"]
    shot(page, "05-state-as-printed")
    printed.get_by_role("link", name="para. 29").click()
    page.wait_for_url("**/id/statement/000_454c943b3bec582e/29")
    assert page.locator("h1").inner_text().startswith("CMW/C/SR.450, para. 29")

    page.goto(site_url + "/id/session/cmw/35")
    page.locator("section[aria-labelledby=printed]").get_by_role("link", name="characters 336–356").click()
    page.wait_for_url("**/id/document/001_572bfb9b02552e02/mention/session/cmw/35/336-356")
    assert "Thirty-fifth session" in page.locator("main").inner_text()
    page.close()


def test_statement_page_reads_on_a_phone(browser: object, site_url: str) -> None:
    page = browser.new_page(viewport={"width": 390, "height": 844}, java_script_enabled=False)  # type: ignore[attr-defined]
    page.goto(site_url + "/id/statement/000_454c943b3bec582e/8")
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, f"the page scrolls sideways on a phone ({width}px)"
    shot(page, "04-statement-phone")
    page.close()


def test_query_page_runs_an_example(browser: object, site_url: str) -> None:
    page = browser.new_page(viewport={"width": 1100, "height": 900})  # type: ignore[attr-defined]
    failed: list[str] = []
    page.on("requestfailed", lambda request: failed.append(request.url))
    page.goto(site_url + "/query")
    page.get_by_label("Examples").select_option(label="Who cited article 22 of the Convention, for whom, and where?")
    assert "mrkg:cites" in page.locator("#query").input_value()
    assert page.locator("#highlight .tok-keyword").first.inner_text() == "SELECT"  # highlighted as typed
    page.get_by_role("button", name="Run query").click()
    table = page.locator("#results table.results")
    table.wait_for(timeout=20_000)
    assert table.locator("caption").inner_text() == "2 rows"
    headers = table.locator("thead th").all_inner_texts()
    assert headers == ["statement", "speaker", "behalf", "session", "text"]
    cells = table.locator("tbody td:nth-child(2)").all_inner_texts()
    assert sorted(cells) == ["Ms. Diallo", "Ms. Hernández Paramo"]
    assert table.locator("tbody td a").first.get_attribute("href").startswith("/id/statement/")
    shot(page, "05-query")
    assert failed == [], f"requests failed (the page must work offline): {failed}"
    page.close()


def test_query_page_shows_graphs_and_errors(browser: object, site_url: str) -> None:
    page = browser.new_page(viewport={"width": 1100, "height": 900})  # type: ignore[attr-defined]
    page.goto(site_url + "/query")
    editor = page.locator("#query")
    editor.fill("DESCRIBE <https://w3id.org/mrkg/id/actor/mexico>")
    editor.press("Control+Enter")
    answer = page.locator("#results pre.turtle")
    answer.wait_for(timeout=20_000)
    assert "Mexico" in answer.inner_text()
    editor.fill("SELECT ?s WHERE { ?s ?p }")  # malformed
    page.get_by_role("button", name="Run query").click()
    error = page.locator("#results pre.error")
    error.wait_for(timeout=20_000)
    assert error.inner_text().strip()
    assert "refused" in page.locator("#status").inner_text()
    shot(page, "06-query-error")
    page.close()


RECORD_VIOLATIONS = """
window.__violations = [];
document.addEventListener("securitypolicyviolation", function (event) {
  window.__violations.push(event.violatedDirective + " " + (event.blockedURI || "inline") + " " + event.sourceFile);
});
"""


def test_the_content_security_policy_blocks_nothing_the_site_needs(browser: object, site_url: str) -> None:
    """Each kind of page under its real policy, in the browser that enforces it: nothing is blocked, the editor runs."""
    page = browser.new_page(viewport={"width": 1100, "height": 900})  # type: ignore[attr-defined]
    page.add_init_script(RECORD_VIOLATIONS)
    console: list[str] = []
    page.on("console", lambda message: console.append(message.text) if message.type == "error" else None)
    for path in ("/", "/id/instrument/icrmw/article/22", "/id/statement/001_572bfb9b02552e02/6", "/id/actor/mexico",
                 "/id/dataset", "/ontology", "/dumps/", "/id/nothing/here"):
        response = page.goto(site_url + path)
        assert "frame-ancestors 'none'" in response.headers["content-security-policy"], path
        assert page.evaluate("window.__violations") == [], path
    page.goto(site_url + "/query")
    page.get_by_label("Examples").select_option(label="Who cited article 22 of the Convention, for whom, and where?")
    page.get_by_role("button", name="Run query").click()
    table = page.locator("#results table.results")
    table.wait_for(timeout=20_000)
    assert table.locator("caption").inner_text() == "2 rows"
    assert page.evaluate("window.__violations") == []
    assert not [text for text in console if "Content Security Policy" in text], console
    page.close()


def test_long_lists_are_walked_with_page_links_without_javascript(browser: object, site_url: str) -> None:
    """The Convention's provisions come a page at a time; page links, Next and Previous need no script."""
    page = browser.new_page(viewport={"width": 1100, "height": 900}, java_script_enabled=False)  # type: ignore[attr-defined]
    page.goto(site_url + "/id/instrument/icrmw")
    provisions = page.locator("section[aria-labelledby=provisions]")
    assert re.match(r"Provisions 1–50 of \d+, in the order of the instrument\.", provisions.locator("p.range").inner_text())
    pages = provisions.get_by_role("navigation", name="Pages of the provisions")
    assert pages.get_by_role("link", name="1", exact=True).get_attribute("aria-current") == "page"
    pages.get_by_role("link", name="Next").click()
    page.wait_for_url("**/id/instrument/icrmw?page=2#provisions")
    assert provisions.locator("p.range").inner_text().startswith("Provisions 51–100 of ")
    continued = provisions.locator("li.continued")
    assert continued.count() >= 1 and "(continued)" in continued.first.inner_text()  # the Part page 2 opens in
    shot(page, "06-instrument-page-2")
    pages.get_by_role("link", name="Previous").click()
    page.wait_for_url("**/id/instrument/icrmw?page=1#provisions")
    assert provisions.locator("p.range").inner_text().startswith("Provisions 1–50 of ")

    page.goto(site_url + "/id/instrument/icrmw/article/22?size=1")
    first = page.locator("li.statement a").first.inner_text()
    page.get_by_role("navigation", name="Pages of the statements").get_by_role("link", name="Next").click()
    page.wait_for_url("**/id/instrument/icrmw/article/22?page=2&size=1#citing")
    assert page.locator("li.statement").count() == 1
    assert page.locator("li.statement a").first.inner_text() != first
    page.close()


def test_page_links_fit_a_phone(browser: object, site_url: str) -> None:
    page = browser.new_page(viewport={"width": 390, "height": 844}, java_script_enabled=False)  # type: ignore[attr-defined]
    page.goto(site_url + "/id/instrument/icrmw?page=2")
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, f"the page scrolls sideways on a phone ({width}px)"
    shot(page, "07-pages-on-a-phone")
    page.close()
