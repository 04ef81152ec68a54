"""An unknown IRI costs bounded work, under the limits of every query (issue 10, point 3).

The nearest-resource search of a 404 page used to run one query per
ancestor in the web process: ``/id/a/a/…(10,000 times)…/x`` took seconds.
Now a long path is refused at once, and the search is one query, sent to a
query worker (counted here by the query service's cache, which every
worker query passes through).
"""
from __future__ import annotations

import httpx

from api.nearest import MAX_ANCESTORS, MAX_PATH_CHARS, ancestors
from pages.support import Page

QUERIES_PER_404 = 1  # the nearest ancestor and the typed IRI cut short, looked up together (api.suggestions)
ICRMW = "International Convention on the Protection of the Rights of All Migrant Workers and Members of Their Families"


def queries_sent(http: httpx.Client) -> int:
    cache = http.get("/health").json()["cache"]
    return int(cache["hits"]) + int(cache["misses"])


def test_a_path_past_the_limit_is_refused_at_once_saying_the_limit(http: httpx.Client) -> None:
    for path in ("/id/" + "a/" * 10_000 + "x", "/id/" + "a" * (MAX_PATH_CHARS + 1)):
        before = queries_sent(http)
        response = http.get(path)
        assert response.status_code == 414
        assert f"a resource path here has at most {MAX_PATH_CHARS} characters" in response.text
        assert queries_sent(http) == before  # nothing was looked up


def test_the_nearest_resource_is_one_query_to_a_worker(http: httpx.Client) -> None:
    before = queries_sent(http)
    shown = Page(http.get("/id/instrument/icrmw/article/99/paragraph/7/x/y/z/w").text)
    assert shown.hrefs(ICRMW) == ["/id/instrument/icrmw"]
    assert queries_sent(http) == before + QUERIES_PER_404


def test_a_deep_path_within_the_limit_is_still_one_query(http: httpx.Client) -> None:
    path = "/id/instrument/icrmw/" + "a/" * 495 + "x"
    assert len(path) - len("/id/") <= MAX_PATH_CHARS
    before = queries_sent(http)
    response = http.get(path)
    assert response.status_code == 404
    assert Page(response.text).hrefs(ICRMW) == ["/id/instrument/icrmw"]  # found among the first steps
    assert queries_sent(http) == before + QUERIES_PER_404


def test_candidates_are_the_first_steps_deepest_first() -> None:
    found = ancestors("https://w3id.org/mrkg/id/" + "/".join(f"s{n}" for n in range(40)))
    assert len(found) == MAX_ANCESTORS
    assert found[0].endswith(f"/s{MAX_ANCESTORS - 1}") and found[-1].endswith("/id/s0")
    # a step that is empty ("a/") or that the engine refuses as an IRI ("%zz") is not looked up
    assert ancestors("https://w3id.org/mrkg/id/a//b/%zz/c") == ["https://w3id.org/mrkg/id/a//b",
                                                                "https://w3id.org/mrkg/id/a"]


# -- what a 404 page suggests (issue 14, point 1): resources by IRI and by name ----------------------------------

def suggested(http: httpx.Client, path: str) -> list[str]:
    response = http.get(path)
    assert response.status_code == 404
    page = Page(response.text)
    # (the language switch links to the page asked for, in another language: not a suggestion)
    return [href for href, _ in page.links if href.startswith("/id/") and href.split("?")[0] != path]


def test_the_typed_step_is_cut_short_down_to_half_of_it() -> None:
    from api.suggestions import MAX_STEP_CHARS, shorter

    article = "https://w3id.org/mrkg/id/instrument/icrmw/article/"
    assert shorter(article + "222") == [article + "22"]
    assert shorter(article + "2201") == [article + "220", article + "22"]
    assert len(shorter(article + "9" * 900)) == MAX_STEP_CHARS // 2  # the step is read to 64 characters
    assert shorter("https://example.org/x/222") == []


def test_actor_mexic_suggests_mexico(http: httpx.Client) -> None:
    found = suggested(http, "/id/actor/mexic")
    assert found[0] == "/id/actor/mexico"
    assert Page(http.get("/id/actor/mexic").text).hrefs("Mexico")[0] == "/id/actor/mexico"


def test_article_222_suggests_article_22_first(http: httpx.Client) -> None:
    found = suggested(http, "/id/instrument/icrmw/article/222")
    assert found[0] == "/id/instrument/icrmw/article/22"
    assert "/id/instrument/icrmw/article/22/paragraph/1" not in found  # the same folder only, not below it


def test_a_name_typed_with_another_start_is_found_by_its_label(http: httpx.Client) -> None:
    # "mexi" in another folder of IRIs: nothing there starts so, but a resource is named so
    found = suggested(http, "/id/instrument/mexi")
    assert "/id/actor/mexico" in found


def test_a_nonsense_path_suggests_nothing_in_bounded_work(http: httpx.Client) -> None:
    for path in ("/id/actor/zzqxw", "/id/instrument/icrmw/article/" + "9" * 900, "/id/%22%5C%7D/x"):
        before = queries_sent(http)
        response = http.get(path)
        assert response.status_code == 404
        assert "Did you mean" not in response.text
        assert queries_sent(http) - before <= QUERIES_PER_404
