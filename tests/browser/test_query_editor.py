"""The query editor as a researcher uses it (issue 14, point 6), in a real headless Chromium.

A shared link opens with its results; each run is a step of the history, so the
back button brings the previous query and its results back; prefixes, classes and
properties are completed from the ontology; results show labels beside IRIs and
download as CSV and JSON — with no request leaving the server.
"""
from __future__ import annotations

import json
from urllib.parse import quote, urlsplit

import pytest

from browser.test_browse import browser, shot  # noqa: F401  (the Chromium fixture)

pytestmark = pytest.mark.browser
expect = pytest.importorskip("playwright.sync_api").expect

WHO_CITED_22 = ("SELECT ?statement ?speaker WHERE { ?statement mrkg:cites "
                "<https://w3id.org/mrkg/id/instrument/icrmw/article/22> ; mrkg:speaker ?speaker } ORDER BY ?statement")
MEXICO = "SELECT ?state WHERE { VALUES ?state { <https://w3id.org/mrkg/id/actor/mexico> } }"


def offline_page(browser: object) -> tuple[object, list[str]]:  # noqa: F811
    page = browser.new_page(viewport={"width": 1100, "height": 900}, accept_downloads=True)  # type: ignore[attr-defined]
    outside: list[str] = []

    def only_this_server(route: object) -> None:
        url = route.request.url  # type: ignore[attr-defined]
        if urlsplit(url).hostname != "127.0.0.1" and not url.startswith("blob:"):
            outside.append(url)
            route.abort()  # type: ignore[attr-defined]
        else:
            route.continue_()  # type: ignore[attr-defined]

    page.route("**/*", only_this_server)  # type: ignore[attr-defined]
    return page, outside


def test_a_shared_link_opens_with_labelled_results_and_the_back_button_returns(
        browser: object, site_url: str) -> None:  # noqa: F811
    page, outside = offline_page(browser)
    page.goto(f"{site_url}/query?query={quote(WHO_CITED_22)}")  # type: ignore[attr-defined]
    table = page.locator("#results table.results")  # type: ignore[attr-defined]
    table.wait_for(timeout=20_000)
    assert table.locator("caption").inner_text() == "2 rows"
    speakers = table.locator("tbody td:nth-child(2) a")
    page.locator("#results td .iri").nth(3).wait_for(timeout=20_000)  # type: ignore[attr-defined]
    assert sorted(speakers.all_inner_texts()) == ["Ms. Diallo", "Ms. Hernández Paramo"]  # labels, not IRIs
    assert table.locator("tbody td:nth-child(1) .iri").first.inner_text().startswith("id/statement/")
    assert speakers.first.get_attribute("href").startswith("/id/actor/")
    share = page.get_by_role("link", name="Link to this query")  # type: ignore[attr-defined]
    assert page.evaluate(  # type: ignore[attr-defined]
        "new URL(document.getElementById('share').href).searchParams.get('query')") == WHO_CITED_22
    assert share.is_visible()

    editor = page.locator("#query")  # type: ignore[attr-defined]
    editor.fill(MEXICO)
    editor.press("Control+Enter")
    expect(page.locator("#results caption")).to_have_text("1 row", timeout=20_000)  # type: ignore[attr-defined]
    assert page.evaluate("new URL(location.href).searchParams.get('query')") == MEXICO  # type: ignore[attr-defined]
    page.go_back()  # type: ignore[attr-defined]
    expect(page.locator("#results caption")).to_have_text("2 rows", timeout=20_000)  # type: ignore[attr-defined]
    assert editor.input_value() == WHO_CITED_22
    shot(page, "query-shared-link")
    assert outside == [], outside
    page.close()  # type: ignore[attr-defined]


def test_terms_of_the_ontology_are_completed(browser: object, site_url: str) -> None:  # noqa: F811
    page, outside = offline_page(browser)
    page.goto(site_url + "/query")  # type: ignore[attr-defined]
    editor = page.locator("#query")  # type: ignore[attr-defined]
    editor.fill("")
    editor.type("SELECT * WHERE { ?s a mrkg:Stat")
    listbox = page.get_by_role("listbox", name="Completions")  # type: ignore[attr-defined]
    listbox.wait_for(timeout=5_000)
    offered = listbox.locator(".term").all_inner_texts()
    assert "mrkg:Statement" in offered and all(term.lower().startswith("mrkg:stat") for term in offered)
    while page.locator("#completions [aria-selected=true] .term").inner_text() != "mrkg:Statement":  # type: ignore[attr-defined]
        editor.press("ArrowDown")
    editor.press("Tab")
    assert editor.input_value() == "SELECT * WHERE { ?s a mrkg:Statement"
    assert listbox.is_hidden()
    editor.type(" ; dcter")
    listbox.wait_for(timeout=5_000)
    assert "dcterms:" in listbox.locator(".term").all_inner_texts()  # a prefix is offered too
    editor.press("Escape")
    assert listbox.is_hidden()
    assert outside == [], outside
    page.close()  # type: ignore[attr-defined]


def test_results_download_as_csv_and_json(browser: object, site_url: str) -> None:  # noqa: F811
    page, outside = offline_page(browser)
    page.goto(f"{site_url}/query?query={quote(WHO_CITED_22)}")  # type: ignore[attr-defined]
    page.locator("#results table.results").wait_for(timeout=20_000)  # type: ignore[attr-defined]
    with page.expect_download() as csv_download:  # type: ignore[attr-defined]
        page.get_by_role("button", name="Download CSV").click()  # type: ignore[attr-defined]
    csv_text = open(csv_download.value.path(), encoding="utf-8").read()
    assert csv_download.value.suggested_filename == "mrkg-results.csv"
    assert csv_text.splitlines()[0] == "statement,speaker" and len(csv_text.strip().splitlines()) == 3
    with page.expect_download() as json_download:  # type: ignore[attr-defined]
        page.get_by_role("button", name="Download JSON").click()  # type: ignore[attr-defined]
    answer = json.load(open(json_download.value.path(), encoding="utf-8"))
    assert answer["head"]["vars"] == ["statement", "speaker"] and len(answer["results"]["bindings"]) == 2
    assert outside == [], outside
    page.close()  # type: ignore[attr-defined]


def test_a_malformed_query_is_explained_at_its_place_in_the_editor(browser: object, site_url: str) -> None:  # noqa: F811
    page, outside = offline_page(browser)
    page.goto(f"{site_url}/query")  # type: ignore[attr-defined]
    typed = "SELECT ?s WHERE {\n  ?s mrkg:text ?t\n  ?s mrkg:speaker ?who\n}"  # a dot missing after line 2
    editor = page.locator("#query")  # type: ignore[attr-defined]
    editor.fill(typed)
    editor.press("Control+Enter")
    shown = page.locator("#results pre.error")  # type: ignore[attr-defined]
    shown.wait_for(timeout=20_000)
    lines = shown.inner_text().splitlines()
    # the editor's own line 3 (the mrkg: prefix the page declares for it is not counted)
    assert lines[0] == ("Line 3, column 3: Two triple patterns need a `.` between them: a new pattern starts with "
                        "`?s` after `?s mrkg:text ?t`. Put a `.` before `?s`.")
    assert lines[1:3] == ["  ?s mrkg:speaker ?who", "  ^"]
    assert any(line.startswith("The parser's own words: error at ") for line in lines)
    assert page.evaluate("document.getElementById('query').selectionStart") == typed.index("  ?s mrkg:speaker") + 2  # type: ignore[attr-defined]
    shot(page, "query-editor-mistake")
    assert outside == []
    page.close()  # type: ignore[attr-defined]
