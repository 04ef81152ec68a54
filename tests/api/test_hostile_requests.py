"""Requests no browser would send get a 4xx in words, never a 500 (issue 10, point 8).

Sent over raw sockets to the real `mrkg serve`, byte for byte as written
(an HTTP client would normalise the path or refuse the Host header): bad
percent-escapes on every route family, hostile ``Host`` headers on every page
and on the service description, and a Hypothesis search over paths, query
strings and headers that asserts no 5xx and no traceback ever comes back.
"""
from __future__ import annotations

import socket
from typing import Callable
from urllib.parse import urlsplit

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from live_service import LiveServer

BAD_ESCAPES = [
    "%ED%A0%80",  # a lone surrogate, encoded as UTF-8 would if it could
    "%C0%AF",  # an overlong "/"
    "%E2%82",  # a sequence cut short
    "%FF%FE",  # bytes that never start UTF-8
    "%zz",  # not hexadecimal
    "%",  # nothing after it
    "%00",  # NUL
    "%0D%0AX-Injected:%20yes",  # CR LF: a header of its own, if it reached one
    "%2e%2e%2f%2e%2e%2fpyproject.toml",  # the way out of a folder
]
ROUTE_FAMILIES = [
    "/id/{}", "/id/{}.ttl", "/id/instrument/icrmw/{}", "/id/actor/fritz{}", "/sources/{}", "/dumps/{}",
    "/ontology{}", "/ontology.{}", "/static/{}", "/static/site.css{}", "/{}", "/query?query={}", "/sparql?query={}",
    "/id/actor/fritz?x={}", "/.well-known/void{}",
]
HOSTS = ["a b", "[::1", "<script>alert(1)</script>", "evil.example", "evil.example:99999", "", "ex\u00e9mple",
         "a\x7fb", "x" * 5000]
PAGES = ["/", "/sparql", "/query", "/.well-known/void", "/id/dataset", "/id/actor/fritz", "/dumps/", "/dumps/index.json",
         "/ontology", "/health", "/id/instrument/icrmw/article/99"]


@pytest.fixture(scope="module")
def served(start_server: Callable[..., LiveServer]) -> LiveServer:
    return start_server(cli=True, query_workers=1)


def exchange(server: str, request: bytes, seconds: float = 20.0) -> tuple[int, dict[str, str], bytes]:
    """Send ``request`` as it is; the status, headers and body of the answer."""
    where = urlsplit(server)
    with socket.create_connection((where.hostname, where.port), timeout=seconds) as sock:
        sock.sendall(request)
        received = b""
        while chunk := sock.recv(65536):
            received += chunk
    head, _, body = received.partition(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    assert lines[0].startswith("HTTP/1.1 "), received[:200]
    headers = {}
    for line in lines[1:]:
        name, _, value = line.partition(":")
        headers[name.strip().lower()] = value.strip()
    return int(lines[0].split()[1]), headers, body


def get(server: str, target: str, host: str = "127.0.0.1", accept: str = "*/*") -> tuple[int, dict[str, str], bytes]:
    request = f"GET {target} HTTP/1.1\r\nHost: {host}\r\nAccept: {accept}\r\nConnection: close\r\n\r\n"
    return exchange(server, request.encode("latin-1"))


def assert_clean(status: int, headers: dict[str, str], body: bytes, what: str) -> None:
    assert status < 500, f"{what}: {status} {body[:300]!r}"
    assert b"Traceback" not in body and b'File "' not in body, what
    assert "x-injected" not in headers, what


@pytest.mark.parametrize("route", ROUTE_FAMILIES)
def test_bad_percent_escapes_are_4xx_on_every_route(served: LiveServer, route: str) -> None:
    for escape in BAD_ESCAPES:
        for accept in ("*/*", "text/html", "text/turtle"):
            target = route.format(escape)
            status, headers, body = get(served, target, accept=accept)
            assert_clean(status, headers, body, f"{target} ({accept})")


def test_the_surrogate_path_of_the_report_is_a_404(served: LiveServer) -> None:
    status, _, body = get(served, "/id/%ED%A0%80.ttl")
    assert status == 404
    assert b"is not in the graph" in body


@pytest.mark.parametrize("page", PAGES)
def test_hostile_host_headers_are_never_a_500_nor_echoed(served: LiveServer, page: str) -> None:
    for host in HOSTS:
        for accept in ("text/turtle", "text/html", "application/json"):
            status, headers, body = get(served, page, host=host, accept=accept)
            assert_clean(status, headers, body, f"{page} with Host {host!r} ({accept})")
            if len(host) > 3:
                assert host.encode("latin-1") not in body, f"{page} echoes Host {host!r}"


def test_relative_iris_in_queries_resolve_against_the_servers_own_address(served: LiveServer) -> None:
    query = "SELECT%20(%3Cx%3E%20AS%20%3Fx)%20%7B%7D"  # SELECT (<x> AS ?x) {}
    status, _, body = get(served, f"/sparql?query={query}", host="evil.example",
                          accept="application/sparql-results+json")
    assert status == 200
    assert f'"{served}/x"'.encode() in body and b"evil" not in body


# -- the fuzzer ---------------------------------------------------------------------

_TEXT = st.sampled_from(list("aZ09-._~!$&'()*+,;=:@/?#[]<>\"{}|\\^` é中")) | st.sampled_from(BAD_ESCAPES)
_ESCAPE = st.builds(lambda a, b: f"%{a}{b}", st.sampled_from("0123456789abcdefABCDEFgz%"),
                    st.sampled_from("0123456789abcdefABCDEFgz"))
_SEGMENT = st.lists(_TEXT | _ESCAPE, max_size=12).map("".join)
_PREFIX = st.sampled_from(["/id/", "/id/instrument/icrmw/", "/sources/", "/dumps/", "/static/", "/ontology", "/ontology.",
                           "/sparql", "/query", "/", "/.well-known/void", "/health", "/docs", "/id/dataset/"])
_PATH = st.builds(lambda prefix, segments: prefix + "/".join(segments), _PREFIX, st.lists(_SEGMENT, max_size=4))
_QUERY = st.lists(st.tuples(st.sampled_from(["query", "format", "example", "q", "default-graph-uri", "x"]), _SEGMENT),
                  max_size=3).map(lambda pairs: "&".join(f"{k}={v}" for k, v in pairs))
_HOST = st.text(st.characters(min_codepoint=0x20, max_codepoint=0xFF, blacklist_characters="\x7f"), max_size=40)
_ACCEPT = st.sampled_from(["*/*", "text/html", "text/turtle", "application/json", "application/ld+json;q=0",
                           "text/*;q=0.5, */*;q=0", "nonsense", ""])


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                  HealthCheck.too_slow])
@given(path=_PATH, query=_QUERY, host=_HOST, accept=_ACCEPT, method=st.sampled_from(["GET", "HEAD"]))
def test_fuzzed_requests_never_get_a_5xx(served: LiveServer, path: str, query: str, host: str, accept: str,
                                         method: str) -> None:
    target = path.replace(" ", "%20").replace("#", "%23") + (f"?{query.replace(' ', '%20').replace('#', '%23')}"
                                                             if query else "")
    request = f"{method} {target} HTTP/1.1\r\nHost: {host}\r\nAccept: {accept}\r\nConnection: close\r\n\r\n"
    status, headers, body = exchange(served, request.encode("utf-8"))
    assert_clean(status, headers, body, f"{method} {target!r} Host {host!r} Accept {accept!r}")
