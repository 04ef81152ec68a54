"""Headers and echoes a browser or a harvester can be misled by (issue 10 item 11)."""
from __future__ import annotations


import httpx

from ..raw_http import get
from ..report import Row
from ..trial import Context, Trial, attacker_client

HTML_PAGES = ("/", "/id/instrument/icrmw/article/22", "/query", "/ontology", "/dumps/", "/id/no/such/resource", "/docs")
SCRIPT = "<script>alert('mrkg')</script>"
CONTROLS = "\x1b[2J\u202e"  # a terminal escape and a right-to-left override
BULK = "q" * 3000
EVIL = "evil.example"


def hardening(context: Context) -> Row:
    """nosniff, a CSP and frame protection on every page; no raw echo; no Host in VoID; no path in /health.

    "Raw echo" as item 11 means it: an error answer may quote the request
    near the fault, but escaped (no control character reaches a terminal, no
    markup a browser would run: text/plain with nosniff) and bounded (not
    the whole of a long query or header).
    """
    row = Row("headers, echoes, Host, paths", "10.11")
    with Trial(context, row) as trial, attacker_client() as client:
        for page in HTML_PAGES:
            response = trial.answer(client.get(trial.url + page, headers={"Accept": "text/html"}), f"GET {page}")
            _security_headers(row, response, f"GET {page}")
        malformed = trial.answer(client.post(trial.url + "/sparql", data={
            "query": f'SELECT * WHERE {{ ?s ?p "{BULK}" FILTER(?o != "{CONTROLS}{SCRIPT}") BIND(1 AS 2) }}'}),
            "a malformed query")
        _security_headers(row, malformed, "a 400 answer", html=False)
        unacceptable = trial.answer(client.get(trial.url + "/sparql", params={
            "query": "SELECT * WHERE { ?s ?p ?o }", "format": f"x{CONTROLS}{SCRIPT}{BULK}"}), "an unacceptable format")
        _security_headers(row, unacceptable, "a 406 answer", html=False)
        for answer, what in ((malformed, "400"), (unacceptable, "406")):
            media_type = answer.headers.get("content-type", "")
            if any(control in answer.text for control in CONTROLS if not control.isprintable()):
                row.problem(f"the {what} answer echoes control characters raw: {answer.text.strip()[:80]!r}")
            if BULK in answer.text:
                row.problem(f"the {what} answer echoes the whole request ({len(answer.text)} characters)")
            if SCRIPT in answer.text and not media_type.startswith(("text/plain", "application/json")):
                row.problem(f"the {what} answer ({media_type}) echoes markup raw: {answer.text.strip()[:80]!r}")
        port = int(trial.url.rsplit(":", 1)[1])
        for page in ("/.well-known/void", "/sparql"):
            answer = get(port, page, host=EVIL, headers={"Accept": "text/turtle"})
            trial.count(answer.status, answer.body.decode("utf-8", "replace"), f"GET {page} with Host: {EVIL}")
            if EVIL.encode() in answer.body:
                row.problem(f"GET {page} with Host: {EVIL} names it {answer.body.count(EVIL.encode())} times "
                            "(MRKG_BASE_URL is not set)")
        health = trial.answer(httpx.get(trial.url + "/health", timeout=10), "GET /health")
        for text in _strings(health.json() if health.status_code in (200, 503) else {}):
            if text.startswith("/") or str(context.workdir) in text:
                row.problem(f"/health shows a path of the machine: {text}")
    return row


def _security_headers(row: Row, response: httpx.Response, what: str, html: bool = True) -> None:
    headers = response.headers
    if headers.get("x-content-type-options", "").lower() != "nosniff":
        row.problem(f"{what} ({response.status_code}): no X-Content-Type-Options: nosniff")
    if not html:
        return
    policy = headers.get("content-security-policy", "")
    if not policy:
        row.problem(f"{what} ({response.status_code}): no Content-Security-Policy")
    if "frame-ancestors" not in policy and headers.get("x-frame-options", "").upper() not in ("DENY", "SAMEORIGIN"):
        row.problem(f"{what} ({response.status_code}): may be framed (no X-Frame-Options, no CSP frame-ancestors)")


def _strings(value: object) -> list[str]:
    """Every string in a JSON document."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for item in value.values() for s in _strings(item)]
    if isinstance(value, list):
        return [s for item in value for s in _strings(item)]
    return []
