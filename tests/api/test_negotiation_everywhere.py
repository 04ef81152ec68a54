"""One table of Accept headers, sent to every route that negotiates, on a real server (issue 12, point 2).

Each row is one header and what each route must answer to it: the media type
of the body, or 406.  The body is then read with a parser of that format (not
mrkg's own), so a route that labels Turtle as JSON-LD fails here.  The routes
offer different formats, in their own order of preference, but read the
header by the same rules (``api/negotiation.py``).
"""
from __future__ import annotations

import csv
import io
import json
import xml.etree.ElementTree as ElementTree
from dataclasses import dataclass, field
from html.parser import HTMLParser

import httpx
import pytest
import rdflib

from pages.support import http, pages_settings, pages_var, site_url  # noqa: F401  (fixtures)

ARTICLE = "https://w3id.org/mrkg/id/instrument/icrmw/article/22"

SRJ, SRX = "application/sparql-results+json", "application/sparql-results+xml"
CSV, TSV = "text/csv", "text/tab-separated-values"
TTL, NT, JSONLD, RDFXML = "text/turtle", "application/n-triples", "application/ld+json", "application/rdf+xml"
NQ, TRIG = "application/n-quads", "application/trig"
HTML, JSON = "text/html", "application/json"
NO = 406
RDF = {TTL: "turtle", NT: "nt", JSONLD: "json-ld", RDFXML: "xml", NQ: "nquads", TRIG: "trig"}


@dataclass(frozen=True)
class Route:
    path: str
    offers: tuple[str, ...]  # every media type it can answer in: a 406 must name them all
    mentions: str = ""  # an IRI its RDF forms must contain
    params: dict[str, str] = field(default_factory=dict)


ROUTES = {
    "select": Route("/sparql", (SRJ, SRX, CSV, TSV),
                    params={"query": "SELECT ?n WHERE { ?x <https://w3id.org/mrkg/ontology#number> ?n } LIMIT 3"}),
    "describe": Route("/sparql", (TTL, NT, JSONLD, RDFXML, NQ, TRIG), ARTICLE, {"query": f"DESCRIBE <{ARTICLE}>"}),
    "service": Route("/sparql", (TTL, NT, JSONLD, RDFXML, NQ, TRIG, HTML),
                     "http://www.w3.org/ns/sparql-service-description#Service"),
    "resource": Route("/id/instrument/icrmw/article/22", (HTML, TTL, NT, JSONLD, RDFXML), ARTICLE),
    "ontology": Route("/ontology", (HTML, TTL, NT, JSONLD, RDFXML), "https://w3id.org/mrkg/ontology#Statement"),
    "void": Route("/.well-known/void", (TTL, NT, JSONLD, RDFXML, HTML), "https://w3id.org/mrkg/id/dataset"),
    "dumps": Route("/dumps/", (HTML, JSON)),
    "search": Route("/search", (HTML, JSON), params={"q": "article"}),
}
BROWSER = "text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8"
DEFAULTS = (SRJ, TTL, TTL, HTML, HTML, TTL, HTML)

# accept header → what select, describe, service, resource, ontology, void, dumps answer
TABLE: list[tuple[str | None, tuple[str | int, ...]]] = [
    (None, DEFAULTS),  # no Accept header at all
    ("", DEFAULTS),
    ("*/*", DEFAULTS),
    ("*", DEFAULTS),  # old clients' way of writing */*
    (BROWSER, (SRX, RDFXML, HTML, HTML, HTML, HTML, HTML)),  # application/xml is an alias of both XML forms
    ("text/turtle", (NO, TTL, TTL, TTL, TTL, TTL, NO)),
    ("TEXT/TURTLE", (NO, TTL, TTL, TTL, TTL, TTL, NO)),
    ("application/ld+json;q=0.9, text/turtle;q=0.5", (NO, JSONLD, JSONLD, JSONLD, JSONLD, JSONLD, NO)),
    ("application/json", (SRJ, JSONLD, JSONLD, JSONLD, JSONLD, JSONLD, JSON)),
    ("text/plain", (NO, NT, NT, NT, NT, NT, NO)),
    # q=0 excludes, and the most specific range decides: */* does not bring HTML back
    ("text/html;q=0, */*", (SRJ, TTL, TTL, TTL, TTL, TTL, JSON)),
    ("*/*;q=0.1, text/tab-separated-values", (TSV, TTL, TTL, HTML, HTML, TTL, HTML)),
    ("*/*;q=0", (NO, NO, NO, NO, NO, NO, NO)),
    # type/*: only a format's own type matches it, never an alias (text/xml)
    ("text/*", (CSV, TTL, TTL, HTML, HTML, TTL, HTML)),
    ("application/*", (SRJ, NT, NT, NT, NT, NT, JSON)),
    ("application/*;q=0.5, text/turtle;q=0", (SRJ, NT, NT, NT, NT, NT, JSON)),
    ("image/*", (NO, NO, NO, NO, NO, NO, NO)),
    # at the same q, a type the client names beats one it reaches only through a wildcard
    ("text/csv, */*", (CSV, TTL, TTL, HTML, HTML, TTL, HTML)),
    ("text/turtle, */*", (SRJ, TTL, TTL, TTL, TTL, TTL, HTML)),
    # a malformed element counts for nothing: not q=0, not q=1
    ("text/turtle;q=abc, application/n-triples;q=0.5", (NO, NT, NT, NT, NT, NT, NO)),
    ("application/n-triples;q=5, text/turtle;q=0.5", (NO, TTL, TTL, TTL, TTL, TTL, NO)),
    ("text/turtle;q=-1, */*;q=0.2", (SRJ, TTL, TTL, HTML, HTML, TTL, HTML)),
    ("text/html;q=high", (NO, NO, NO, NO, NO, NO, NO)),
    ("nonsense", (NO, NO, NO, NO, NO, NO, NO)),
    ("application/pdf", (NO, NO, NO, NO, NO, NO, NO)),
]
# /search offers what /dumps/ offers (HTML for people first, then JSON), so it answers as the dumps column says.
TABLE = [(accept, (*expected, expected[-1])) for accept, expected in TABLE]
CASES = [pytest.param(accept, name, expected[index], id=f"{name}-{accept!r}")
         for accept, expected in TABLE for index, name in enumerate(ROUTES)]


def get(client: httpx.Client, route: Route, accept: str | None) -> httpx.Response:
    request = client.build_request("GET", route.path, params=route.params)
    if accept is None:
        del request.headers["accept"]  # httpx sends */* unless told otherwise
    else:
        request.headers["accept"] = accept
    return client.send(request)


@pytest.mark.parametrize(("accept", "name", "expected"), CASES)
def test_every_route_reads_accept_alike(http: httpx.Client, accept: str | None, name: str,  # noqa: F811
                                        expected: str | int) -> None:
    route = ROUTES[name]
    response = get(http, route, accept)
    if expected == NO:
        assert response.status_code == 406, response.text[:300]
        assert "accept" in response.headers["vary"].lower()
        for media_type in route.offers:  # the message says what is on offer
            assert media_type in response.text, (media_type, response.text)
        assert f"Accept: {accept!r}" in response.text  # and what the client asked for
        return
    assert response.status_code == 200, response.text[:300]
    assert response.headers["content-type"].split(";")[0] == expected
    assert_body_is(response, str(expected), route)


def assert_body_is(response: httpx.Response, media_type: str, route: Route) -> None:
    """Read the body in the format its Content-Type names, with a parser mrkg does not use to write it."""
    if media_type in RDF:
        graph = rdflib.Dataset() if media_type in (NQ, TRIG) else rdflib.Graph()
        graph.parse(data=response.content, format=RDF[media_type])
        terms = {str(term) for triple in graph.triples((None, None, None)) for term in triple}
        assert route.mentions in terms
    elif media_type == SRJ:
        answer = json.loads(response.content)
        assert answer["head"]["vars"] == ["n"] and len(answer["results"]["bindings"]) == 3
    elif media_type == SRX:
        names = "{http://www.w3.org/2005/sparql-results#}"
        root = ElementTree.fromstring(response.content)
        assert [v.get("name") for v in root.iter(names + "variable")] == ["n"]
        assert len(list(root.iter(names + "result"))) == 3
    elif media_type in (CSV, TSV):
        rows = list(csv.reader(io.StringIO(response.text), delimiter="," if media_type == CSV else "\t"))
        assert rows[0] == (["n"] if media_type == CSV else ["?n"]) and len(rows) == 4
    elif media_type == JSON and route.path == "/search":
        answer = json.loads(response.content)
        assert answer["total"] >= len(answer["results"]) > 0 and set(answer["results"][0]) >= {"id", "label", "score",
                                                                                                "snippet"}
    elif media_type == JSON:
        assert "mrkg.nq.gz" in [entry["name"] for entry in json.loads(response.content)["dumps"]]
    else:
        assert media_type == HTML
        page = Titled()
        page.feed(response.text)
        assert response.text.lstrip().lower().startswith("<!doctype html") and page.title.strip()


class Titled(HTMLParser):
    """Just the <title> of a page."""

    def __init__(self) -> None:
        super().__init__()
        self.title, self._inside = "", False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._inside = tag == "title"

    def handle_endtag(self, tag: str) -> None:
        self._inside = False

    def handle_data(self, data: str) -> None:
        if self._inside:
            self.title += data
