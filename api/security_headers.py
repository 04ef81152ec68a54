"""The headers every answer carries so that a browser cannot be turned against its user (issue 10, point 11).

Every response (pages, errors, SPARQL results, dumps, static files):
``X-Content-Type-Options: nosniff`` — a query result or a source text is
never run as a script or a page because its bytes look like one.

Every HTML response, as well: a ``Content-Security-Policy`` that the pages
satisfy as they are (scripts and styles only from this server; the one inline
style block, the ontology documentation's, allowed by its hash; JSON data
blocks are not scripts and need nothing), no framing (``frame-ancestors
'none'`` and, for older browsers, ``X-Frame-Options: DENY``) and a
``Referrer-Policy`` that sends other sites no more than this site's origin.

The headers are added where the application sends a response's start, so
the SPARQL fast path, error handlers and static files all get them.
"""
from __future__ import annotations

import base64
import hashlib

from starlette.types import Message, Send

from graph.ontology_docs import STYLE as ONTOLOGY_STYLE


def csp_hash(inline: str) -> str:
    """The CSP source expression that allows one inline ``<script>`` or ``<style>`` with exactly this text."""
    digest = hashlib.sha256(inline.encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(digest).decode("ascii") + "'"


PAGE_POLICY = "; ".join([
    "default-src 'none'",
    "script-src 'self'",
    f"style-src 'self' {csp_hash(ONTOLOGY_STYLE)}",
    "img-src 'self' data:",
    "connect-src 'self'",  # the query editor sends its queries to /sparql
    "form-action 'self'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
])
# The OpenAPI page runs Swagger UI, served by this server (api.swagger_assets); its start-up is /static/docs.js.
DOCS_POLICY = "; ".join([
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    "connect-src 'self'",
    "form-action 'self'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
])

_EVERY = [(b"x-content-type-options", b"nosniff")]
_HTML = [(b"x-frame-options", b"DENY"), (b"referrer-policy", b"strict-origin-when-cross-origin")]
_PAGE = [*_HTML, (b"content-security-policy", PAGE_POLICY.encode("ascii"))]
_DOCS = [*_HTML, (b"content-security-policy", DOCS_POLICY.encode("ascii"))]
DOCS_PATH = "/docs"


def protected(send: Send, path: str) -> Send:
    """``send``, with the headers above added to the response's start."""
    html_headers = _DOCS if path == DOCS_PATH else _PAGE

    async def send_with_headers(message: Message) -> None:
        if message["type"] == "http.response.start":
            headers = list(message.get("headers", ()))
            headers += _EVERY
            if any(name == b"content-type" and value.startswith(b"text/html") for name, value in headers):
                headers += html_headers
            message = {**message, "headers": headers}
        await send(message)

    return send_with_headers
