"""/search, /search.json and the SPARQL search SERVICE on a real server over the real build of data/ (issue 13 item 2).

The three are one answer written three ways: the same ids in the same order
for the same query; facet links narrow the results and their counts; paging
walks the whole list; bad parameters get 400 naming them.
"""
from __future__ import annotations

import re
from html.parser import HTMLParser
from typing import Any
from urllib.parse import parse_qsl, urlsplit

import httpx
import pytest

from graph.search.words import fold

pytestmark = pytest.mark.slow

MRKG = "https://w3id.org/mrkg/ontology#"
SEARCH = "https://w3id.org/mrkg/search"
WORD = "detention"
FAMILY = ("detain", "detent")  # the words the search finds for it, folded: detention, detained, Détention…
MARKED = re.compile(r"<mark>([^<]*)</mark>")


@pytest.fixture(scope="module")
def site(built_server: str) -> httpx.Client:
    with httpx.Client(base_url=built_server, timeout=60) as client:
        yield client  # type: ignore[misc]


class ResultsPage(HTMLParser):
    """What a person sees on the results page: the hits' links, the snippets' marks, the facet links."""

    def __init__(self, text: str) -> None:
        super().__init__()
        self.hits: list[str] = []
        self.marks: list[str] = []
        self.facet_links: list[tuple[str, str, str]] = []  # (facet, href, text)
        self.alerts: list[str] = []
        self._facet = ""
        self._in: list[str] = []
        self._href = ""
        self._text = ""
        self.feed(text)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        classes = (found.get("class") or "").split()
        if tag == "section" and found.get("data-facet"):
            self._facet = found["data-facet"] or ""
        if tag == "a" and "hit-label" in classes:
            self.hits.append(found.get("href") or "")
        if tag == "a" and self._facet:
            self._href, self._text = found.get("href") or "", ""
            self._in.append("facet-link")
        if tag == "mark":
            self._in.append("mark")
            self._text = ""
        if found.get("role") == "alert" or "no-results" in classes:
            self._in.append("alert")
            self._text = ""

    def handle_endtag(self, tag: str) -> None:
        if tag == "section":
            self._facet = ""
        if tag == "a" and self._in and self._in[-1] == "facet-link":
            self._in.pop()
            self.facet_links.append((self._facet, self._href, self._text.strip()))
        if tag == "mark" and self._in and self._in[-1] == "mark":
            self._in.pop()
            self.marks.append(self._text)
        if tag == "div" and self._in and self._in[-1] == "alert":
            self._in.pop()
            self.alerts.append(" ".join(self._text.split()))

    def handle_data(self, data: str) -> None:
        if self._in:
            self._text += data


def as_iri(href: str) -> str:
    return "https://w3id.org/mrkg/" + href.lstrip("/") if href.startswith("/") else href


def sparql_ids(site: httpx.Client, text: str, limit: int, extra: str = "") -> list[dict[str, Any]]:
    query = (f"PREFIX mrkg: <{MRKG}>\nSELECT ?st ?score ?snippet ?rank WHERE {{\n"
             f"  SERVICE <{SEARCH}> {{ ?st mrkg:query {text!r} ; mrkg:limit {limit} ; mrkg:score ?score ; "
             f"mrkg:snippet ?snippet ; mrkg:rank ?rank }}\n{extra}}} ORDER BY ?rank")
    response = site.get("/sparql", params={"query": query}, headers={"Accept": "application/sparql-results+json"})
    assert response.status_code == 200, response.text
    return response.json()["results"]["bindings"]  # type: ignore[no-any-return]


def test_page_json_and_sparql_give_the_same_ids_in_the_same_order(site: httpx.Client) -> None:
    answer = site.get("/search.json", params={"q": WORD, "size": 100}).json()
    ids = [hit["id"] for hit in answer["results"]]
    assert answer["total"] >= 20 and len(ids) == min(answer["total"], 100)
    for hit in answer["results"][:10]:
        assert MARKED.findall(hit["snippet"]) and all(fold(word).startswith(FAMILY) for word in
                                                      MARKED.findall(hit["snippet"])), hit

    page = ResultsPage(site.get("/search", params={"q": WORD, "size": 100}).text)
    assert [as_iri(href) for href in page.hits] == ids
    assert page.marks and all(fold(mark).startswith(FAMILY) for mark in page.marks), sorted(set(page.marks))

    rows = sparql_ids(site, WORD, 100)
    assert [row["st"]["value"] for row in rows] == ids
    assert [float(row["score"]["value"]) for row in rows] == [hit["score"] for hit in answer["results"]]
    assert [row["snippet"]["value"] for row in rows] == [hit["snippet"] for hit in answer["results"]]
    negotiated = site.get("/search", params={"q": WORD, "size": 100}, headers={"Accept": "application/json"})
    assert negotiated.headers["content-type"] == "application/json" and negotiated.json() == answer
    assert "accept" in negotiated.headers["vary"].lower()


def test_the_service_joins_with_the_rest_of_the_query(site: httpx.Client) -> None:
    plain = {row["st"]["value"] for row in sparql_ids(site, WORD, 1000)}
    spoken = sparql_ids(site, WORD, 1000, "  ?st mrkg:speaker ?who .\n")
    assert spoken and {row["st"]["value"] for row in spoken} < plain
    speakers = site.get("/sparql", params={"query": f"PREFIX mrkg: <{MRKG}> SELECT DISTINCT ?st WHERE "
                                                    "{ ?st mrkg:speaker ?who }"}).json()["results"]["bindings"]
    assert {row["st"]["value"] for row in spoken} == plain & {row["st"]["value"] for row in speakers}


def test_a_facet_link_narrows_the_results_and_its_count_is_the_new_total(site: httpx.Client) -> None:
    whole = site.get("/search.json", params={"q": WORD}).json()
    page = ResultsPage(site.get("/search", params={"q": WORD}).text)
    facet, href, label = next(link for link in page.facet_links if link[0] == "onBehalfOf")
    chosen = next(v for v in whole["facets"]["onBehalfOf"] if v["label"] == label)
    assert 0 < chosen["count"] < whole["total"]
    parameters = parse_qsl(urlsplit(href).query)
    assert ("onBehalfOf", chosen["value"]) in parameters and ("q", WORD) in parameters
    narrowed = site.get("/search.json", params=parameters).json()
    assert narrowed["total"] == chosen["count"]
    assert {hit["id"] for hit in narrowed["results"]} <= {hit["id"] for hit in site.get(
        "/search.json", params={"q": WORD, "size": 100}).json()["results"]}
    assert [v["count"] for v in narrowed["facets"]["onBehalfOf"] if v["value"] == chosen["value"]] == [chosen["count"]]
    # the facet link now removes the filter
    filtered = ResultsPage(site.get("/search", params=parameters).text)
    removing = [href for name, href, _ in filtered.facet_links if name == "onBehalfOf" and chosen["value"] not in
                dict(parse_qsl(urlsplit(href).query)).get("onBehalfOf", "")]
    assert any(dict(parse_qsl(urlsplit(h).query)) == {"q": WORD} for h in removing)


def test_paging_walks_every_result_once(site: httpx.Client) -> None:
    whole = site.get("/search.json", params={"q": WORD, "size": 100}).json()
    walked: list[str] = []
    for number in range(1, 100):
        answer = site.get("/search.json", params={"q": WORD, "size": 7, "page": number}).json()
        if not answer["results"]:
            break
        assert answer["total"] == whole["total"] and answer["page"] == number
        walked += [hit["id"] for hit in answer["results"]]
    assert walked == [hit["id"] for hit in whole["results"]]
    html = site.get("/search", params={"q": WORD, "size": 7, "page": 2}).text
    assert re.search(r'<a href="/search\?q=detention&amp;size=7" rel="prev">', html)
    assert re.search(r'<a href="/search\?q=detention&amp;page=3&amp;size=7" rel="next">', html)


def test_sort_by_date_and_date_range(site: httpx.Client) -> None:
    dated = site.get("/search.json", params={"q": WORD, "sort": "date", "size": 100}).json()["results"]
    dates = [hit["date"] for hit in dated if hit["date"]]
    assert dates == sorted(dates, reverse=True) and len(set(dates)) > 1
    early = site.get("/search.json", params={"q": WORD, "to": "2021", "size": 100}).json()
    assert early["results"] and all(hit["date"] is None or hit["date"] <= "2021-12-31" for hit in early["results"])
    assert early["total"] < site.get("/search.json", params={"q": WORD}).json()["total"]


@pytest.mark.parametrize("parameters, named", [
    ({"q": WORD, "page": "0"}, "page"),
    ({"q": WORD, "size": "1000"}, "size"),
    ({"q": WORD, "from": "notadate"}, "from"),
    ({"q": WORD, "speaker": "Mexico"}, "speaker"),
    ({"q": WORD, "lang": "de"}, "lang"),
    ({"q": WORD, "sort": "alphabet"}, "sort"),
    ({"q": WORD, "from": "2022-01-01", "to": "2021-01-01"}, "from"),
])
def test_a_bad_parameter_gets_400_that_names_it(site: httpx.Client, parameters: dict[str, str], named: str) -> None:
    response = site.get("/search.json", params=parameters)
    assert response.status_code == 400
    error = response.json()["error"]
    assert error["parameter"] == named and f"'{named}'" in error["message"]
    page = site.get("/search", params=parameters)
    assert page.status_code == 400 and f"parameter &#39;{named}&#39;" in page.text


def test_a_search_text_that_cannot_be_read_says_where(site: httpx.Client) -> None:
    response = site.get("/search.json", params={"q": 'detention AND ("children'})
    assert response.status_code == 400
    error = response.json()["error"]
    assert error["parameter"] == "q" and isinstance(error["position"], int) and "character" in error["message"]
    page = ResultsPage(site.get("/search", params={"q": 'detention AND ("children'}).text)
    assert page.alerts and "cannot be read" in page.alerts[0]
    sparql = site.get("/sparql", params={"query": f'PREFIX mrkg: <{MRKG}> SELECT * WHERE {{ SERVICE <{SEARCH}> '
                                                  f'{{ ?s mrkg:query "detention AND (\\"children" }} }}'})
    assert sparql.status_code == 400 and "cannot be read" in sparql.text


def test_no_result_is_said_plainly(site: httpx.Client) -> None:
    assert site.get("/search.json", params={"q": "zzyzxqwv"}).json()["total"] == 0
    page = ResultsPage(site.get("/search", params={"q": "zzyzxqwv"}).text)
    assert page.hits == [] and page.alerts and page.alerts[0].startswith("Nothing matches")


def test_a_variable_search_text_is_refused_with_why(site: httpx.Client) -> None:
    response = site.get("/sparql", params={"query": f"PREFIX mrkg: <{MRKG}> SELECT * WHERE {{ VALUES ?q {{ 'x' }} "
                                                    f"SERVICE <{SEARCH}> {{ ?s mrkg:query ?q }} }}"})
    assert response.status_code == 400 and "mrkg:query must be a constant" in response.text


def test_service_silent_and_other_services(site: httpx.Client) -> None:
    silent = site.get("/sparql", params={"query": f"PREFIX mrkg: <{MRKG}> SELECT (COUNT(*) AS ?n) WHERE {{ "
                                                  f"SERVICE SILENT <{SEARCH}> {{ ?s mrkg:query '\"unclosed' }} }}"})
    assert silent.status_code == 200 and silent.json()["results"]["bindings"][0]["n"]["value"] == "1"
    found = site.get("/sparql", params={"query": f"PREFIX mrkg: <{MRKG}> SELECT (COUNT(*) AS ?n) WHERE {{ "
                                                 f"SERVICE SILENT <{SEARCH}> {{ ?s mrkg:query '{WORD}' }} }}"})
    assert int(found.json()["results"]["bindings"][0]["n"]["value"]) >= 20
    other = site.get("/sparql", params={"query": f"PREFIX mrkg: <{MRKG}> SELECT * WHERE {{ "
                                                 f"SERVICE <{SEARCH}> {{ ?s mrkg:query '{WORD}' }} "
                                                 "SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }"})
    assert other.status_code == 403 and "http://127.0.0.1:9/sparql" in other.text


def test_the_openapi_page_documents_both_routes(site: httpx.Client) -> None:
    spec = site.get("/openapi.json").json()
    operations = [op for path in spec["paths"].values() for op in path.values()]
    ids = [op["operationId"] for op in operations]
    assert len(ids) == len(set(ids))
    search = spec["paths"]["/search"]["get"]
    assert {"q", "speaker", "onBehalfOf", "provision", "from", "to", "lang", "page", "size"} <= {
        p["name"] for p in search["parameters"]}
    answer = search["responses"]["200"]["content"]["application/json"]
    assert answer["example"]["results"][0]["snippet"]
    schema = spec["components"]["schemas"]["SearchAnswerModel"]
    assert {"total", "results", "facets"} <= set(schema["properties"])
    assert "/search.json" in spec["paths"]


def test_resource_pages_link_to_the_search_filtered_to_them(site: httpx.Client) -> None:
    for path, parameter in (("/id/instrument/icrmw/article/22", "provision"), ("/id/actor/mexico", "onBehalfOf"),
                            ("/id/session/cmw/35", "session")):
        html = site.get(path).text
        links = re.findall(r'href="(/search\?[^"]+)"', html)
        wanted = [link for link in links if dict(parse_qsl(urlsplit(link.replace("&amp;", "&")).query)).get(
            parameter) == as_iri(path)]
        assert wanted, (path, links)
        answer = site.get(wanted[0].replace("&amp;", "&"), headers={"Accept": "application/json"}).json()
        assert answer["total"] > 0, path
    assert 'id="site-search-q"' in site.get("/").text


def test_the_query_editors_search_example_answers(site: httpx.Client) -> None:
    from api.examples import EXAMPLES
    from graph.vocab import sparql_prefixes

    [example] = [e for e in EXAMPLES if e.searches]
    response = site.get("/sparql", params={"query": sparql_prefixes() + example.query})
    assert response.status_code == 200, response.text
    rows = response.json()["results"]["bindings"]
    assert len(rows) == 20 and any("speaker" in row for row in rows)
    statements = site.get("/search.json", params={"q": "detention", "kind": "statement", "size": 100}).json()
    snippets = {hit["id"]: hit["snippet"] for hit in statements["results"]}
    assert all(row["snippet"]["value"] == snippets[row["statement"]["value"]] for row in rows)
    assert sum("<mark>" in row["snippet"]["value"] for row in rows) >= 10


def test_the_service_runs_under_the_time_limit(start_server: Any, published_var: Any) -> None:
    limited = start_server(var_dir=published_var, query_timeout=2)
    query = (f"PREFIX mrkg: <{MRKG}> SELECT (COUNT(*) AS ?n) WHERE {{ SERVICE <{SEARCH}> {{ ?st mrkg:query '{WORD}' ; "
             "mrkg:limit 1000 } ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }")
    response = httpx.get(limited + "/sparql", params={"query": query}, timeout=30)
    assert response.status_code == 503 and "time limit of 2 s" in response.text
    quick = httpx.get(limited + "/sparql", params={"query": f"PREFIX mrkg: <{MRKG}> SELECT ?st WHERE {{ "
                                                          f"SERVICE <{SEARCH}> {{ ?st mrkg:query '{WORD}' }} }}"})
    assert quick.status_code == 200 and len(quick.json()["results"]["bindings"]) >= 20
