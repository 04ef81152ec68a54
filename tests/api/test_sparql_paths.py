"""``/sparql`` answers alike through the fast path and through the documented route (issue 12, point 5).

``MrkgApplication`` answers ``GET``/``POST /sparql`` before FastAPI's routing,
so the route FastAPI documents is never reached in service.  Two real servers
over the same build, one each way, are sent the same requests — queries in
every form, and every error the protocol has — and must give the same status,
headers and body.
"""
from __future__ import annotations

from pathlib import Path
from typing import Iterator
from urllib.parse import urlencode

import httpx
import pytest
from rdflib import Graph
from rdflib.compare import isomorphic

from api.app import MrkgApplication, create_app
from graph.settings import Settings
from pages.support import LiveServer, pages_var  # noqa: F401  (fixture)

SELECT = "SELECT ?n WHERE { ?x <https://w3id.org/mrkg/ontology#number> ?n } ORDER BY ?n LIMIT 3"
DESCRIBE = "DESCRIBE <https://w3id.org/mrkg/id/instrument/icrmw/article/22>"
FORM = {"content-type": "application/x-www-form-urlencoded"}
# What may differ between two servers answering the same request: the clock, and whether one has seen it before.
UNEQUAL = {"date", "mrkg-cache"}

REQUESTS: list[tuple[str, list[tuple[str, str]], dict[str, str], bytes | None, int, str]] = [
    # (method, URL parameters, headers, body, the status both must give, what it shows)
    ("GET", [("query", SELECT)], {"accept": "application/sparql-results+json"}, None, 200, "a SELECT by GET"),
    ("GET", [("query", SELECT), ("format", "csv")], {}, None, 200, "the format parameter"),
    ("GET", [("query", SELECT)], {"accept": "text/tab-separated-values", "origin": "https://example.org"}, None, 200,
     "a cross-origin request"),
    ("POST", [], {**FORM, "accept": "text/turtle"}, urlencode({"query": DESCRIBE}).encode(), 200, "a DESCRIBE by form"),
    ("POST", [], {"content-type": "application/sparql-query", "accept": "application/rdf+xml"},
     DESCRIBE.encode(), 200, "a query as the body"),
    ("POST", [("default-graph-uri", "https://w3id.org/mrkg/id/graph/catalogue")],
     {"content-type": "application/sparql-query"}, b"ASK { ?s ?p ?o }", 200, "a dataset given in the URL"),
    ("GET", [], {"accept": "text/turtle"}, None, 200, "the service description"),
    ("GET", [], {"accept": "text/html"}, None, 200, "the query page"),
    ("GET", [("query", "SELEC ?x")], {}, None, 400, "a malformed query"),
    ("GET", [("query", "SELEC ?x")], {"accept": "application/json"}, None, 400, "an error in JSON"),
    ("GET", [("query", SELECT)], {"accept": "application/pdf"}, None, 406, "nothing acceptable"),
    ("GET", [("query", SELECT), ("query", "ASK {}")], {}, None, 400, "a repeated query"),
    ("GET", [("update", "CLEAR ALL")], {}, None, 405, "an update by GET"),
    ("POST", [], {"content-type": "application/sparql-update"}, b"CLEAR ALL", 403, "an update on a read-only server"),
    ("POST", [], {"content-type": "text/plain"}, b"ASK {}", 415, "an unsupported media type"),
    ("POST", [], FORM, b"", 400, "a POST without a query"),
    ("POST", [], {"content-type": "application/sparql-query; charset=latin-1"}, b"ASK {}", 415,
     "an unsupported charset"),
    ("POST", [], {"content-type": "application/sparql-query"}, b"ASK {}" + b" " * 1_100_000, 413,
     "a body over the limit"),
    ("GET", [("default-graph-uri", "not an iri"), ("query", "ASK {}")], {}, None, 400, "a graph that is not an IRI"),
]


def _serve(settings: Settings, sparql_first: bool) -> LiveServer:
    app = create_app(settings)
    assert isinstance(app, MrkgApplication)
    app.sparql_first = sparql_first
    return LiveServer(app)


@pytest.fixture(scope="module")
def both(pages_var: Path) -> Iterator[tuple[httpx.Client, httpx.Client]]:  # noqa: F811
    settings = Settings(var_dir=pages_var, base_url="http://mrkg.test")  # the same links from both servers
    fast, routed = _serve(settings, sparql_first=True), _serve(settings, sparql_first=False)
    fast_url, routed_url = fast.start(), routed.start()
    with httpx.Client(base_url=fast_url, timeout=60) as one, httpx.Client(base_url=routed_url, timeout=60) as other:
        yield one, other
    fast.stop()
    routed.stop()


@pytest.mark.parametrize(("method", "params", "headers", "body", "status", "shows"), REQUESTS,
                         ids=[r[-1] for r in REQUESTS])
def test_fast_path_and_documented_route_answer_alike(both: tuple[httpx.Client, httpx.Client], method: str,
                                                     params: list[tuple[str, str]], headers: dict[str, str],
                                                     body: bytes | None, status: int, shows: str) -> None:
    fast, routed = (client.request(method, "/sparql", params=params, headers=headers, content=body)
                    for client in both)
    assert fast.status_code == routed.status_code == status, (fast.text[:300], routed.text[:300])
    assert fast.content  # a body to compare (every answer here has one)
    unequal = set(UNEQUAL)
    if fast.headers["content-type"].startswith("text/turtle"):  # the service description has blank nodes
        assert isomorphic(Graph().parse(data=fast.content, format="turtle"),
                          Graph().parse(data=routed.content, format="turtle"))
        unequal.add("content-length")
    else:
        assert fast.content == routed.content
    assert _comparable(fast.headers, unequal) == _comparable(routed.headers, unequal)


def _comparable(headers: httpx.Headers, unequal: set[str]) -> list[tuple[str, str]]:
    return sorted((name, value) for name, value in headers.multi_items() if name not in unequal)


def test_the_documented_route_is_what_the_second_server_reached(both: tuple[httpx.Client, httpx.Client]) -> None:
    # Only FastAPI's routing answers an unsupported method with 405: a route for /sparql is there.
    fast, routed = both
    assert routed.put("/sparql").status_code == fast.put("/sparql").status_code == 405
    assert "/sparql" in routed.get("/openapi.json").json()["paths"]
