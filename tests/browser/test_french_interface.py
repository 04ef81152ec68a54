"""The French interface in a real headless Chromium (issue 14, point 5).

An English reader clicks "Français" in the header: the page comes back in French,
says so (``<html lang="fr">``), and the next page, reached by a link without the
parameter, stays in French (the switch's cookie).  The query page's script speaks
French too.  Debian's chromium is used as installed.
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

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    if not Path(CHROMIUM).exists() and not shutil.which("chromium"):
        pytest.fail("Debian's chromium is not installed: run `make browser` (apt-get install chromium)")
    with playwright.sync_playwright() as driver:
        chromium = driver.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield chromium
        chromium.close()


def test_the_switch_turns_the_site_french(browser: object, site_url: str) -> None:
    context = browser.new_context(locale="en-GB")  # type: ignore[attr-defined]
    page = context.new_page()
    page.goto(site_url + "/")
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.get_by_role("heading", name="Start from a provision").is_visible()

    page.get_by_role("navigation", name="Language of the interface").get_by_role("link", name="Français").click()
    page.wait_for_url("**/?interface=fr")
    assert page.locator("html").get_attribute("lang") == "fr"
    assert page.get_by_role("heading", name="Partir d’une disposition").is_visible()
    assert page.get_by_role("heading", name="Instruments", exact=True).is_visible()
    assert page.get_by_role("link", name="Téléchargements").first.is_visible()

    page.get_by_role("link", name="l’article 22 de la Convention").click()
    page.wait_for_url("**/id/instrument/icrmw/article/22")
    assert page.locator("html").get_attribute("lang") == "fr"  # the choice followed the reader
    headings = page.locator("h2").all_inner_texts()
    assert any(re.fullmatch(r"Citée(, avec ses subdivisions,)? dans \d+ déclarations", h) for h in headings), headings

    page.goto(site_url + "/query?query=ASK%20%7B%7D")
    assert page.get_by_role("heading", name="Interroger le graphe").is_visible()
    page.wait_for_function("document.getElementById('status').textContent.startsWith('Terminé en')")
    assert page.locator("#results").inner_text().startswith("Réponse : oui (true)")
    # A table of results, its caption in French (the script's words must not break what it draws).
    page.goto(site_url + "/query?query=SELECT%20%3Fs%20WHERE%20%7B%20%3Fs%20a%20mrkg%3AInstrument%20%7D%20LIMIT%202")
    page.locator("#results table.results").wait_for()
    assert page.locator("#results table.results caption").inner_text() == "2 lignes"
    context.close()


def test_a_french_browser_gets_french_pages(browser: object, site_url: str) -> None:
    context = browser.new_context(locale="fr-FR")  # type: ignore[attr-defined]
    page = context.new_page()
    page.goto(site_url + "/id/instrument/icrmw")
    assert page.locator("html").get_attribute("lang") == "fr"
    assert page.locator("h1").inner_text() == ("Convention internationale sur la protection des droits de tous les "
                                               "travailleurs migrants et des membres de leur famille")
    assert page.get_by_role("heading", name="Dispositions", exact=True).is_visible()
    context.close()
