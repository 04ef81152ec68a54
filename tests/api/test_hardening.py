"""What a browser needs to be safe with this site, and what an answer must not echo (issue 10, point 11).

Every answer — page, error, SPARQL result, dump, static file — says
``nosniff``; every HTML answer carries a Content-Security-Policy its page
satisfies, refuses framing and limits the referrer.  The client's query text
and headers are never sent back raw, the ``Host`` header never becomes a link,
and ``/health`` names no file.
"""
from __future__ import annotations

import base64
import hashlib
import re
import warnings
from html.parser import HTMLParser
from pathlib import Path

import httpx
import pytest
import rdflib

from api.app import create_app
from graph.settings import Settings
from live_service import LiveServer

BROWSER = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"
ANSWERS = [  # (method, path, headers): one of each family of answer
    ("GET", "/", {}),
    ("GET", "/id/actor/fritz", {}),
    ("GET", "/id/actor/fritz.ttl", {}),
    ("GET", "/id/actor/nobody", {}),  # 404 page
    ("GET", "/id/actor/nobody.ttl", {}),  # 404 in plain text
    ("GET", "/sparql?query=ASK%7B%7D", {}),  # the endpoint's fast path
    ("GET", "/sparql?query=ASK%7B", {}),  # its error
    ("GET", "/sparql?query=ASK%7B%7D", {"Accept": "image/png"}),  # its 406
    ("GET", "/sparql", {"Accept": "text/turtle"}),  # the service description
    ("GET", "/sparql", {"Accept": BROWSER}),  # the query page
    ("GET", "/query", {}),
    ("GET", "/health", {}),
    ("GET", "/static/site.css", {}),
    ("GET", "/static/query.js", {}),
    ("GET", "/static/nothing.js", {}),
    ("GET", "/docs/assets/swagger-ui.css", {}),
    ("GET", "/docs/assets/..%2F..%2F__init__.py", {}),
    ("GET", "/dumps/", {"Accept": BROWSER}),
    ("GET", "/dumps/index.json", {}),
    ("GET", "/sources/nothing.txt", {}),
    ("GET", "/.well-known/void", {}),
    ("GET", "/ontology", {"Accept": BROWSER}),
    ("GET", "/docs", {}),
    ("GET", "/openapi.json", {}),
    ("DELETE", "/", {}),  # 405
    ("OPTIONS", "/sparql", {"Origin": "https://yasgui.example", "Access-Control-Request-Method": "POST"}),
]


@pytest.mark.parametrize("method,path,headers", ANSWERS, ids=[f"{m} {p} {h}" for m, p, h in ANSWERS])
def test_every_answer_says_nosniff_and_html_is_locked_down(client: httpx.Client, method: str, path: str,
                                                           headers: dict[str, str]) -> None:
    response = client.request(method, path, headers=headers)
    assert response.headers["x-content-type-options"] == "nosniff"
    if response.headers.get("content-type", "").startswith("text/html"):
        policy = response.headers["content-security-policy"]
        assert "frame-ancestors 'none'" in policy and "default-src 'none'" in policy
        assert "'unsafe-inline'" not in policy and "'unsafe-eval'" not in policy
        assert response.headers["x-frame-options"] == "DENY"
        assert response.headers["referrer-policy"] == "strict-origin-when-cross-origin"


class Inline(HTMLParser):
    """What a policy must allow in a page: inline scripts and styles, style attributes, handlers."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=False)
        self.scripts: list[tuple[dict[str, str], str]] = []
        self.styles: list[str] = []
        self.attributes: list[str] = []
        self._open: tuple[str, dict[str, str]] | None = None
        self._text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = {name: value or "" for name, value in attrs}
        self.attributes += [name for name in attributes if name == "style" or name.startswith("on")]
        self.attributes += [f"{name}={value}" for name, value in attributes.items()
                            if value.strip().lower().startswith("javascript:")]
        if tag in ("script", "style"):
            self._open, self._text = (tag, attributes), []

    def handle_data(self, data: str) -> None:
        if self._open is not None:
            self._text.append(data)

    def handle_endtag(self, tag: str) -> None:
        if self._open is not None and tag == self._open[0]:
            text = "".join(self._text)
            if tag == "script":
                self.scripts.append((self._open[1], text))
            else:
                self.styles.append(text)
            self._open = None


def allows(policy: str, directive: str, inline: str) -> bool:
    digest = base64.b64encode(hashlib.sha256(inline.encode("utf-8")).digest()).decode()
    sources = next((part.split()[1:] for part in policy.split(";") if part.split()[:1] == [directive]), [])
    return f"'sha256-{digest}'" in sources


@pytest.mark.parametrize("path", ["/", "/id/actor/fritz", "/id/actor/nobody", "/query", "/id/dataset", "/ontology",
                                  "/dumps/", "/docs"])
def test_pages_satisfy_their_own_policy(client: httpx.Client, path: str) -> None:
    response = client.get(path, headers={"Accept": BROWSER})
    policy = response.headers["content-security-policy"]
    page = Inline()
    page.feed(response.text)
    assert page.attributes == [], f"{path}: inline style or script attributes {page.attributes}"
    for attributes, text in page.scripts:
        if "src" in attributes:
            continue
        # A JSON data block is not a script: CSP does not apply to it (HTML §4.12.1.1).
        assert attributes.get("type") in ("application/ld+json", "application/json") or allows(
            policy, "script-src", text), f"{path}: an inline script the policy blocks"
    for text in page.styles:
        assert allows(policy, "style-src", text), f"{path}: an inline style the policy blocks"


# -- nothing echoed raw ---------------------------------------------------------------


def test_a_malformed_query_shows_its_line_near_the_error_escaped_and_bounded(client: httpx.Client) -> None:
    secret = "x" * 3000
    line = f'SELECT * WHERE {{ ?s ?p "{secret}" . FILTER(?o != "\x1b[2J\u202e") BIND(1 AS 2) }}'
    response = client.post("/sparql", content=line.encode(), headers={"Content-Type": "application/sparql-query"})
    assert response.status_code == 400
    text = response.text
    assert len(text) < 1000
    assert secret not in text  # not the whole query
    assert "\x1b" not in text and "\u202e" not in text  # no terminal or bidi control reaches the client raw
    assert '"\\x1b[2J\\u202e") BIND(1 AS 2) }' in text  # the part of the line at the error, escaped
    shown, caret = text.splitlines()[1:3]
    assert shown[caret.index("^")] == "2"  # the caret still points at the error


def test_an_unacceptable_accept_header_is_not_sent_back_whole(client: httpx.Client) -> None:
    accept = "image/png; x=" + "y" * 20_000
    response = client.get("/sparql", params={"query": "ASK {}"}, headers={"Accept": accept})
    assert response.status_code == 406
    assert len(response.text) < 1500 and "y" * 300 not in response.text
    assert "image/png; x=yyy" in response.text  # enough of it to see which header was meant
    response = client.get("/sparql", params={"query": "ASK {}", "format": "x\x1b[31m" + "y" * 5000})
    assert response.status_code == 406
    assert len(response.text) < 1500 and "\x1b" not in response.text and "x\\x1b[31myyy" in response.text


def test_errors_escape_control_characters_in_what_they_quote(client: httpx.Client) -> None:
    response = client.get("/sparql", params={"query": "ASK {}", "default-graph-uri": "not an iri\x1b[31m"})
    assert response.status_code == 400
    assert "\x1b" not in response.text and "\\x1b[31m" in response.text


# -- the Host header ----------------------------------------------------------------------


def test_the_host_header_never_becomes_a_link(live_server: LiveServer) -> None:
    evil = {"Host": "evil.example"}
    void = httpx.get(live_server + "/.well-known/void", headers={**evil, "Accept": "text/turtle"})
    description = httpx.get(live_server + "/sparql", headers={**evil, "Accept": "text/turtle"})
    home = httpx.get(live_server + "/", headers=evil)
    for response in (void, description, home):
        assert response.status_code == 200
        assert "evil" not in response.text
    graph = rdflib.Graph().parse(data=void.text, format="turtle")
    endpoints = set(graph.objects(None, rdflib.URIRef("http://rdfs.org/ns/void#sparqlEndpoint")))
    assert endpoints == {rdflib.URIRef(live_server + "/sparql")}  # the address the server listens on
    graph = rdflib.Graph().parse(data=description.text, format="turtle")
    assert (rdflib.URIRef(live_server + "/sparql"), rdflib.RDF.type,
            rdflib.URIRef("http://www.w3.org/ns/sparql-service-description#Service")) in graph
    assert f'"url": "{live_server}/"' in home.text


def test_base_url_setting_wins(start_server: "object") -> None:
    server = start_server(base_url="https://data.example.org/mrkg/", query_workers=1)  # type: ignore[operator]
    void = httpx.get(server + "/.well-known/void", headers={"Accept": "text/turtle", "Host": "evil.example"})
    assert "<https://data.example.org/mrkg/sparql>" in void.text and "evil" not in void.text


# -- /health ------------------------------------------------------------------------------


def test_health_names_no_file(live_server: LiveServer) -> None:
    response = httpx.get(live_server + "/health")
    assert response.status_code == 200
    assert str(live_server.var_dir) not in response.text
    assert not re.search(r'"/[^"]*/', response.text), response.text  # no absolute path of any kind
    store = response.json()["store"]
    assert (store["state"], store["build_id"], store["triples"]) == ("ok", "test-build", 306)


def test_the_docs_page_names_only_this_servers_assets(client: httpx.Client) -> None:
    """/docs works offline (issue 14): its script and style come from here, and nothing else can be asked for."""
    page = client.get("/docs").text
    sources = re.findall(r'(?:src|href)="([^"]+)"', page)
    assert sources and all(source.startswith("/") for source in sources), sources
    style = client.get(next(s for s in sources if "swagger-ui.css" in s))
    assert style.headers["content-type"].startswith("text/css") and ".swagger-ui" in style.text
    assert "immutable" in style.headers["cache-control"]
    script = client.get(next(s for s in sources if "swagger-ui-bundle.js" in s))
    assert script.headers["content-type"].startswith("text/javascript") and "SwaggerUIBundle" in script.text
    for name in ("redoc.standalone.js", "favicon.png", "__init__.py"):
        refused = client.get(f"/docs/assets/{name}")
        assert refused.status_code == 404 and "no such documentation asset" in refused.text
    escaped = client.get("/docs/assets/..%2F..%2F__init__.py")
    assert escaped.status_code == 404 and "import" not in escaped.text


def test_the_openapi_description_is_written_without_warnings(tmp_path: Path) -> None:
    """Opening /docs logged nine "Duplicate Operation ID" warnings (issue 14): the ids are unique, and nothing warns."""
    app = create_app(Settings(var_dir=tmp_path))
    with warnings.catch_warnings(record=True) as said:
        warnings.simplefilter("always")
        schema = app.openapi()
    assert [str(w.message) for w in said] == []
    ids = [operation["operationId"] for path in schema["paths"].values() for operation in path.values()]
    assert len(ids) == len(set(ids)) and len(ids) > 10
