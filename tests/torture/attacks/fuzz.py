"""Property-based fuzzing of every route (issue 10 item 8: 134 server errors in 22,000 fuzzed requests).

Three fuzzers, each on its own server, each a Hypothesis search bounded in
examples and seconds:

* the routes the server publishes in ``/openapi.json``, with path and query
  values made of bad percent-escapes, long and odd text, odd Accept headers
  and bodies of every content type;
* SPARQL: queries from the grammar and mutations of real ones
  (:mod:`..sparql_grammar`), by GET, form and body, with any SERVICE aimed at a
  listener, so an SSRF shows in the row too;
* raw HTTP: malformed request lines, headers, Host values and framing.

The property is the same for all: no answer is a 5xx (but the time limit's
503), no query worker crashes, nothing reaches the listener, and the
bystander is never kept waiting.
"""
from __future__ import annotations

import time
from typing import Any, Callable
from urllib.parse import quote

import httpx
from hypothesis import HealthCheck, Phase, given, seed, settings
from hypothesis import strategies as st

from ..canary import Canary
from ..raw_http import exchange
from ..report import Row
from ..sparql_grammar import SPARQL_TEXT, mutated_queries, queries
from ..trial import Context, Trial, attacker_client, shown

FUZZ_SETTINGS = {"query_timeout": 5}  # a costly random query is cut at 5 s rather than holding the run
ESCAPES = ("%ED%A0%80", "%FF", "%", "%zz", "%2F", "%00", "%C0%AF", "%25", "%E2%82", "..", "/", "a", "é", "~", ";", "?",
           "#", "%F0%9F%92%A9", "%F4%90%80%80", "+", " ", "\\", "%0D%0A")
ACCEPTS = ("text/html", "application/json", "*/*", "text/turtle", "application/sparql-results+json;q=0.5, */*;q=0",
           "text/csv;q=2", "image/png", "text/*;q=abc", "application/ld+json, text/html;q=0.9", ",,,", "*/*;q=-1", "")
CONTENT_TYPES = ("application/x-www-form-urlencoded", "application/sparql-query", "application/sparql-update",
                 "application/json", "multipart/form-data; boundary=x", "text/plain; charset=latin-1",
                 "application/sparql-query; charset=utf-16", "application/x-www-form-urlencoded; charset=nope", "")


def _explore(strategy: st.SearchStrategy[Any], attempt: Callable[[Any], None], context: Context, salt: int) -> None:
    """Run ``attempt`` on up to the budget's examples of ``strategy``, for at most its seconds.

    No shrinking: an attempt never raises, it counts what it finds in the row.
    """
    deadline = time.monotonic() + context.budget.fuzz_seconds

    @seed(context.seed + salt)
    @settings(max_examples=context.budget.fuzz_examples, deadline=None, database=None, phases=[Phase.generate],
              suppress_health_check=list(HealthCheck))
    @given(strategy)
    def explore(example: Any) -> None:
        if time.monotonic() < deadline:
            attempt(example)

    explore()


def _pieces(max_size: int = 12) -> st.SearchStrategy[str]:
    """Path or parameter values: escapes and odd characters, strung together, sometimes very long."""
    piece = st.one_of(st.sampled_from(ESCAPES), SPARQL_TEXT.map(lambda t: quote(t, safe="/%")),
                      st.sampled_from(["instrument/icrmw/article/22", "mrkg.nq.gz", "ttl", "manifest.json"]))
    return st.one_of(st.lists(piece, max_size=max_size).map("".join),
                     st.integers(1, 20_000).map(lambda n: "a/" * (n // 2) + "x"))


def fuzz_openapi(context: Context) -> Row:
    """Every operation of ``/openapi.json`` with generated path values, parameters, headers and bodies."""
    row = Row("fuzz: OpenAPI routes", "10.8", restarts_must_be_zero=True)
    with Canary() as canary, Trial(context, row, settings=FUZZ_SETTINGS) as trial, \
            attacker_client(timeout=30, headers={"Connection": "close"}) as client:
        schema = client.get(trial.url + "/openapi.json").json()
        operations = [(method.upper(), path, [p for p in spec.get("parameters", []) if "name" in p])
                      for path, methods in schema["paths"].items() for method, spec in methods.items()]
        if not operations:
            row.problem("/openapi.json lists no operation")
            return row

        @st.composite
        def requests(draw: st.DrawFn) -> tuple[str, str, dict[str, str], bytes | None]:
            method, template, parameters = draw(st.sampled_from(operations))
            path = template
            query: list[str] = []
            for parameter in parameters:
                value = draw(_pieces())
                if parameter.get("in") == "path":
                    path = path.replace("{" + parameter["name"] + "}", value)
                elif draw(st.booleans()):
                    query.append(f"{parameter['name']}={value}")
            if draw(st.booleans()):
                query.append(f"{draw(st.sampled_from(['x', 'query', 'format', 'page', '']))}={draw(_pieces(4))}")
            target = path + ("?" + "&".join(query) if query else "")
            headers = {"Accept": draw(st.sampled_from(ACCEPTS))}
            if draw(st.booleans()):
                headers[draw(st.sampled_from(["If-None-Match", "If-Modified-Since", "Origin", "Range"]))] = draw(
                    st.sampled_from(['"x"', "*", "yesterday", "bytes=0-1", "bytes=9-1", "null", "Sun, 06 Nov 1994"]))
            body = None
            if method == "POST":
                headers["Content-Type"] = draw(st.sampled_from(CONTENT_TYPES))
                body = draw(st.one_of(st.binary(max_size=200), queries(canary.url).map(str.encode),
                                      _pieces().map(lambda v: f"query={v}".encode())))
            return method, target, headers, body

        def attempt(request: tuple[str, str, dict[str, str], bytes | None]) -> None:
            method, target, headers, body = request
            # Escapes stay as generated, raw or broken; what may not travel raw in a request line is escaped.
            raw = quote(target, safe="".join(chr(c) for c in range(0x21, 0x7F))).encode("ascii")
            try:
                url = httpx.URL(trial.url, raw_path=raw)
                response = client.request(method, url, headers=headers, content=body)
            except (httpx.InvalidURL, httpx.LocalProtocolError, UnicodeEncodeError):
                return  # not a request this client can send: the raw fuzzer covers malformed ones
            except httpx.TransportError as error:
                row.requests += 1
                row.server_error(f"{method} {target.split('?')[0][:20]} no answer",
                                 f"{method} {shown(target)}: no answer ({type(error).__name__})")
                return
            trial.answer(response, f"{method} {shown(target)} ({headers.get('Content-Type', '')})",
                         kind=f"{method} {template_of(target, operations)}")

        _explore(requests(), attempt, context, salt=1)
        row.ssrf += canary.connections
    return row


def template_of(target: str, operations: list[tuple[str, str, list[Any]]]) -> str:
    """The documented route a generated target came from, to group its server errors."""
    path = target.split("?", 1)[0]
    for _, template, _ in operations:
        if path.startswith(template.split("{", 1)[0]) and "{" in template:
            return template
    return path[:24]


def fuzz_sparql(context: Context) -> Row:
    """Queries from the grammar and mutated real queries, sent by GET, by form and as a body."""
    row = Row("fuzz: SPARQL grammar, mutations", "10.1 10.5 10.8", restarts_must_be_zero=True)
    with Canary() as canary, Trial(context, row, settings=FUZZ_SETTINGS) as trial, \
            attacker_client(timeout=30, headers={"Connection": "close"}) as client:
        strategy = st.tuples(st.one_of(queries(canary.url), mutated_queries(canary.url)),
                             st.sampled_from(["GET", "form", "body"]), st.sampled_from(ACCEPTS))

        def attempt(example: tuple[str, str, str]) -> None:
            text, how, accept = example
            headers = {"Accept": accept}
            before = canary.connections
            try:
                if how == "GET" and len(text) < 6000:
                    response = client.get(trial.url + "/sparql", params={"query": text}, headers=headers)
                elif how == "form":
                    response = client.post(trial.url + "/sparql", data={"query": text}, headers=headers)
                else:
                    response = client.post(trial.url + "/sparql", content=text.encode("utf-8", "surrogatepass"),
                                           headers={**headers, "Content-Type": "application/sparql-query"})
            except httpx.TransportError as error:
                row.requests += 1
                row.server_error("no answer", f"{shown(text)}: no answer ({type(error).__name__})")
                return
            trial.answer(response, shown(text, 160), kind=f"{response.status_code} {response.text[:30]}")
            if canary.connections > before:
                row.problem(f"reached the listener: {shown(text, 200)}")

        _explore(strategy, attempt, context, salt=2)
        row.ssrf += canary.connections
    return row


METHODS = ("GET", "POST", "HEAD", "OPTIONS", "PUT", "DELETE", "TRACE", "CONNECT", "PATCH", "get", "BREW", "G\x00T", "")
VERSIONS = ("HTTP/1.1", "HTTP/1.0", "HTTP/2.0", "HTTP/9.9", "HTTP/1.1 x", "", "http/1.1", "HTTP/1.")
TARGETS = ("/", "/sparql", "/health", "/id/instrument/icrmw/article/22", "/dumps/", "*", "http://127.0.0.1/sparql",
           "//sparql", "/id/", "/.well-known/void", "/query")
HOSTS = ("127.0.0.1", "a b", "[::1", "<script>", "evil.example", "", "x" * 9000, "[::1]:99999", "é", "\x00", ":")


@st.composite
def raw_requests(draw: st.DrawFn) -> bytes:
    """A request as bytes: request line, headers and body, each sometimes malformed."""
    target = draw(st.sampled_from(TARGETS)) + draw(st.one_of(st.just(""), _pieces(6), _pieces(3).map(lambda v: "?query=" + v)))
    line = f"{draw(st.sampled_from(METHODS))} {target} {draw(st.sampled_from(VERSIONS))}"
    headers = []
    hosts = draw(st.lists(st.sampled_from(HOSTS), max_size=2))
    headers += [f"Host: {host}" for host in hosts]
    body = draw(st.one_of(st.just(b""), st.binary(max_size=100), st.just(b"query=ASK%7B%7D")))
    framing = draw(st.sampled_from(["length", "none", "chunked", "bad-length", "both"]))
    if framing == "length":
        headers.append(f"Content-Length: {len(body)}")
    elif framing == "chunked":
        headers.append("Transfer-Encoding: chunked")
        body = draw(st.sampled_from([b"0\r\n\r\n", b"zz\r\nab\r\n0\r\n\r\n", b"5\r\nab", f"{len(body):x}\r\n".encode() + body + b"\r\n0\r\n\r\n"]))
    elif framing == "bad-length":
        headers.append(f"Content-Length: {draw(st.sampled_from(['-1', 'abc', '1e3', '0x10', ' 0', '0, 0']))}")
    elif framing == "both":
        headers += [f"Content-Length: {len(body)}", "Transfer-Encoding: chunked"]
    headers += draw(st.lists(st.sampled_from([
        "Accept: */*", "Accept: text/html", "Content-Type: application/sparql-query", "X: " + "y" * 20_000,
        "Bad Header: x", ":empty", "X-Fold: a\r\n folded", "Accept-Encoding: gzip, deflate, br, zstd, *;q=0",
        "Cookie: " + "c=1; " * 400, "Connection: keep-alive, Upgrade", "Upgrade: websocket", "X:\x00",
        "Accept-Language: \xff\xfe"]), max_size=4))
    ending = draw(st.sampled_from(["\r\n", "\n", "\r\n"]))
    head = ending.join([line, *headers, "Connection: close"]) + ending + ending
    return head.encode("utf-8", "surrogateescape") + body


def fuzz_raw_http(context: Context) -> Row:
    """Malformed requests on a raw socket: bad request lines, Host values, framing and headers."""
    row = Row("fuzz: raw HTTP requests", "10.8", restarts_must_be_zero=True)
    with Trial(context, row, settings=FUZZ_SETTINGS) as trial:
        port = int(trial.url.rsplit(":", 1)[1])

        def attempt(request: bytes) -> None:
            answer = exchange(port, request, timeout=3)
            trial.count(answer.status, answer.body.decode("utf-8", "replace"),
                        shown(request.split(b"\r\n")[0].decode("latin-1"), 120),
                        kind=request.split(b" ", 1)[0].decode("latin-1")[:8])

        _explore(raw_requests(), attempt, context, salt=3)
    return row
