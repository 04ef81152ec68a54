"""The interface in English, French and Spanish (issue 14, point 5), against the fixture build.

The language comes from the ``interface`` parameter (the switch's links), else the
cookie the switch sets, else ``Accept-Language``; the page says which (``<html lang>``,
``Content-Language``) and varies with it.
"""
from __future__ import annotations

import json
import re
from pathlib import Path

import httpx
import pytest

from api import interface_language
from graph import iris
from api.interface_language import LANGUAGES, catalogue, negotiate, preferences
from api.templating import script_words
from pages.support import Page

TEMPLATES = Path(interface_language.__file__).parent / "templates"
ARTICLE_22 = "/id/instrument/icrmw/article/22"
STATEMENT = "/id/statement/000_454c943b3bec582e/8"


def html_lang(html: str) -> str:
    found = re.search(r"<html lang=\"([^\"]+)\"", html)
    assert found, html[:300]
    return found.group(1)


def test_every_message_has_french_and_spanish() -> None:
    for english, translations in catalogue().messages.items():
        for language in LANGUAGES[1:]:
            assert translations.get(language, "").strip(), f"{english!r} has no {language} text"
        assert set(translations) <= set(LANGUAGES), f"{english!r} names a language the interface does not have"
        for language, text in translations.items():  # the values a page fills in are kept in each language
            assert set(re.findall(r"\{(\w+)\}", text)) == set(re.findall(r"\{(\w+)\}", english)), (english, language)


def test_every_template_message_is_in_the_catalogue() -> None:
    missing = []
    for template in sorted(TEMPLATES.glob("*.html")):
        for found in re.finditer(r"_\(\s*\"((?:[^\"\\]|\\.)*)\"", template.read_text(encoding="utf-8")):
            english = found.group(1).replace('\\"', '"')
            if english not in catalogue().messages:
                missing.append(f"{template.name}: {english}")
    assert not missing, "not in api/interface_messages.yaml:\n" + "\n".join(missing)
    assert len(catalogue().messages) > 150  # the check above did read the templates' messages


def test_every_message_a_script_says_is_in_the_catalogue() -> None:
    said = script_words("query.js")
    assert "Running…" in said and "Done in {seconds} s." in said  # the scripts' messages were found
    missing = [english for english in said if english not in catalogue().messages]
    assert not missing, f"not in api/interface_messages.yaml: {missing}"


def test_the_query_page_hands_its_script_the_words_in_french(site_url: str) -> None:
    with own_client(site_url) as http:
        page = http.get("/query?interface=fr").text
    found = re.search(r'<script type="application/json" id="interface-messages">(.*?)</script>', page, re.S)
    assert found, "the query page carries no messages for its script"
    words = json.loads(found.group(1))
    assert words["Running…"] == "Exécution…"
    assert words["The endpoint refused the query ({status})."] == "Le point d’accès a refusé la requête ({status})."
    assert "<h1>Interroger le graphe</h1>" in page


@pytest.mark.parametrize("header, expected", [
    ("fr", "fr"),
    ("es-MX,es;q=0.9,en;q=0.8", "es"),
    ("fr-CA", "fr"),  # a regional range finds its language
    ("en;q=0.5, fr;q=0.8", "fr"),  # by weight, not by order
    ("de, es;q=0.2", "es"),  # German is not offered; Spanish is accepted
    ("fr;q=0, *", "en"),  # q=0: not French; the wildcard takes the first other
    ("fr;q=1.5, es", "es"),  # a q-value above 1 is malformed: that member is dropped
    ("de", None),
    ("", None),
    ("fr;q=0.500, es;q=0.5", "fr"),  # equal weights: the one listed first
])
def test_accept_language_is_read_with_its_weights(header: str, expected: str | None) -> None:
    assert negotiate(header) == expected


def test_malformed_members_are_dropped_alone() -> None:
    assert preferences("fr;q=abc, es;q=0.3, !!, en") == [("es", 0.3), ("en", 1.0)]


def test_french_by_accept_language(http: httpx.Client) -> None:
    response = http.get(ARTICLE_22, headers={"Accept": "text/html", "Accept-Language": "fr-FR,fr;q=0.9,en;q=0.5"})
    assert response.status_code == 200
    assert html_lang(response.text) == "fr"
    assert response.headers["content-language"] == "fr"
    assert "Accept-Language" in response.headers["vary"] and "Accept" in response.headers["vary"].split(", ")
    shown = Page(response.text)
    assert "Citée, avec ses subdivisions, dans 2 déclarations" in shown.text_of("h2")
    assert "Dispositions" in response.text or "Disposition" in response.text
    assert shown.hrefs("Téléchargements")  # the navigation too
    assert "set-cookie" not in response.headers  # a header chooses for one request; only the switch remembers


def test_spanish_by_accept_language(http: httpx.Client) -> None:
    response = http.get("/", headers={"Accept": "text/html", "Accept-Language": "es"})
    assert html_lang(response.text) == "es"
    assert response.headers["content-language"] == "es"
    headings = Page(response.text).text_of("h2")
    assert "Empezar por una disposición" in headings and "Instrumentos" in headings


def test_english_without_a_preference(http: httpx.Client) -> None:
    response = http.get("/", headers={"Accept": "text/html"})
    assert html_lang(response.text) == "en"
    assert response.headers["content-language"] == "en"
    assert "Start from a provision" in Page(response.text).text_of("h2")


def test_the_switch_links_every_language_and_remembers_the_choice(site_url: str) -> None:
    with own_client(site_url) as browser_like:
        home = browser_like.get("/?page=1", headers={"Accept-Language": "en"})
        shown = Page(home.text)
        assert shown.hrefs("Français") == ["/?page=1&interface=fr"]  # the page's own parameters are kept
        assert shown.hrefs("Español") == ["/?page=1&interface=es"]
        chosen = browser_like.get(shown.hrefs("Français")[0], headers={"Accept-Language": "en"})
        assert html_lang(chosen.text) == "fr"
        assert "Partir d’une disposition" in Page(chosen.text).text_of("h2")
        assert "interface=fr" in chosen.headers["set-cookie"] and "Path=/" in chosen.headers["set-cookie"]
        # The next page, without the parameter, stays in French (the cookie), though the browser says English.
        after = browser_like.get(STATEMENT, headers={"Accept-Language": "en"})
        assert html_lang(after.text) == "fr"
        assert "<dt>Orateur ou oratrice</dt>" in after.text
        assert "Vary" in after.headers and "Cookie" in after.headers["vary"]


def own_client(site_url: str) -> httpx.Client:
    """A client of its own: the switch sets a cookie, which must not follow the other tests' requests."""
    return httpx.Client(base_url=site_url, timeout=30)


def test_dates_and_counts_are_written_as_each_language_writes_them(site_url: str) -> None:
    with own_client(site_url) as http:
        french = Page(http.get(ARTICLE_22 + "?interface=fr").text).text_of("h4")
        spanish = Page(http.get(ARTICLE_22 + "?interface=es").text).text_of("h4")
    assert "450th meeting, séance du 14 avril 2021" in french  # the date labelled: what it is the date of
    assert "450th meeting, sesión del 14 de abril de 2021" in spanish


def test_an_interface_language_we_do_not_have_is_said_in_words(site_url: str) -> None:
    with own_client(site_url) as http:
        response = http.get("/?interface=de", headers={"Accept-Language": "es"})
    assert response.status_code == 200
    assert html_lang(response.text) == "es"  # the reader's next preference
    assert "La interfaz no está disponible en «de»" in response.text
    assert "set-cookie" not in response.headers


def test_data_answers_do_not_vary_with_the_interface(http: httpx.Client) -> None:
    response = http.get(ARTICLE_22 + ".ttl", headers={"Accept-Language": "fr"})
    assert response.status_code == 200
    assert "content-language" not in response.headers
    assert "Accept-Language" not in response.headers.get("vary", "")


def test_instrument_and_objective_pages_show_the_official_title_in_the_readers_language(real_site: httpx.Client) -> None:
    french = real_site.get("/id/instrument/icrmw", headers={"Accept": "text/html", "Accept-Language": "fr"}).text
    assert Page(french).h1 == ["Convention internationale sur la protection des droits de tous les travailleurs migrants "
                               "et des membres de leur famille"]
    spanish = real_site.get("/id/instrument/gcm/objective/13", headers={"Accept": "text/html", "Accept-Language": "es"})
    assert ('<p class="official-title" lang="es">Utilizar la detención de migrantes solo como último recurso y buscar '
            'otras alternativas</p>') in spanish.text
    english = real_site.get("/id/instrument/icrmw", headers={"Accept": "text/html", "Accept-Language": "en"}).text
    assert Page(english).h1 == ["International Convention on the Protection of the Rights of All Migrant Workers and "
                                "Members of Their Families"]
    # Where no official title was read (the Compact's objective 2), the page says nothing in its place.
    other = real_site.get("/id/instrument/gcm/objective/2", headers={"Accept": "text/html", "Accept-Language": "es"})
    assert other.status_code == 200 and 'class="official-title"' not in other.text


def test_a_question_shows_its_translation_in_its_own_language(real_site: httpx.Client) -> None:
    question = "/id/statement/004_78fd61f76d543e46/q-2a9a7917e5"
    page = real_site.get(question, headers={"Accept": "text/html", "Accept-Language": "es"}).text
    assert ('<span class="what">Tal como figura impreso en francés:</span> <span lang="fr">Comment pouvons-nous évaluer '
            'les progrès réalisés dans la mise en œuvre du Pacte mondial') in page
    # One question, not one per language: the French words are not a statement of their own.
    found = real_site.get("/search.json", params={"q": '"Comment pouvons-nous évaluer les progrès"'}).json()
    assert not [hit for hit in found["results"] if hit["id"] != iris.statement("004_78fd61f76d543e46", "q-2a9a7917e5")
                and "/statement/" in hit["id"]]


def test_links_to_an_instrument_show_its_title_in_the_readers_language(real_site: httpx.Client) -> None:
    french = Page(real_site.get("/", headers={"Accept": "text/html", "Accept-Language": "fr"}).text)
    assert french.hrefs("Pacte mondial pour des migrations sûres, ordonnées et régulières") == ["/id/instrument/gcm"]
    english = Page(real_site.get("/", headers={"Accept": "text/html", "Accept-Language": "en"}).text)
    assert english.hrefs("Global Compact for Safe, Orderly and Regular Migration") == ["/id/instrument/gcm"]
    assert english.hrefs("Pacte mondial pour des migrations sûres, ordonnées et régulières") == []
