"""Where this service says it is: the root of the absolute links it writes.

The links in VoID, DCAT, the service description, the dumps' index and the
pages' schema.org data, and the base IRI of queries, are rooted here.  The
``Host`` header is the client's to write, so it is never used (issue 10,
point 11: ``Host: evil.example`` came back as ``http://evil.example/sparql``;
``Host: a b`` made a 500): ``MRKG_BASE_URL`` when it is set, otherwise the
address the connection actually reached — the one ``mrkg serve --host/--port``
listens on, or, on a wildcard address, the interface the client came in by.
"""
from __future__ import annotations

import ipaddress
from functools import lru_cache

from starlette.types import Scope

from graph.settings import Settings

FALLBACK = "http://localhost"  # no socket address at all (an in-process test client)


def base_url(scope: Scope, settings: Settings) -> str:
    """The public base URL, without a trailing slash."""
    if settings.base_url:
        return settings.base_url.rstrip("/")
    server = scope.get("server")
    if not server or server[1] is None:  # a Unix socket: no address a client could use
        return FALLBACK
    root_path: str = scope.get("root_path", "")
    return _root(server[0], server[1], scope.get("scheme", "http")) + root_path


@lru_cache(maxsize=64)
def _root(host: str, port: int, scheme: str) -> str:
    try:
        if ipaddress.ip_address(host).version == 6:
            host = "[" + host.replace("%", "%25") + "]"  # a zone (fe80::1%eth0) is written %25 in a URL
    except ValueError:
        pass
    scheme = "https" if scheme in ("https", "wss") else "http"
    default = 443 if scheme == "https" else 80
    return f"{scheme}://{host}" + ("" if port == default else f":{port}")
