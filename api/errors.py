"""Every error the HTTP face answers, in words, and one handler that writes them.

Errors are :class:`graph.errors.MrkgError`s; ``QueryError.status`` is the HTTP
status.  The body is plain text — what SPARQL clients show their users — unless
the client prefers JSON (``{"error": {"status", "message", "line", "column"}}``)
or HTML.  No traceback ever reaches a client, and the client's own input is
never sent back raw (issue 10, point 11): what a message quotes of it goes
through :func:`shown` (control characters escaped, length bounded), and every
message is bounded again when it is written.
"""
from __future__ import annotations

import logging
import re
import unicodedata
from typing import Any, Sequence

import orjson
from fastapi import Request
from fastapi.exceptions import RequestValidationError
from starlette.exceptions import HTTPException
from starlette.responses import Response

from api.negotiation import choose, format_names, offered_types
from graph.errors import MrkgError, QueryError, QueryTimeout, StoreDamaged, StoreError
from graph.formats import HTML, JSON, PLAIN_TEXT, Format
from graph.store.backends import damage_found

log = logging.getLogger("mrkg.api")


class ProtocolError(QueryError):
    """A request the SPARQL protocol does not allow; ``headers`` go into the answer."""

    def __init__(self, message: str, status: int = 400, headers: dict[str, str] | None = None,
                 line: int | None = None, column: int | None = None,
                 explanation: dict[str, object] | None = None) -> None:
        super().__init__(message, status)
        self.headers = headers or {}
        self.line = line
        self.column = column
        self.explanation = explanation  # a malformed query's mistake in plain words (graph.sparql.mistakes)


# -- quoting the client's input ---------------------------------------------------

SHOWN_CHARS = 200  # of one quoted value
EXCERPT_CHARS = 120  # of a query line around the column a parser points at
MESSAGE_CHARS = 4000  # of a whole message
_INVISIBLE = {"Cc", "Cf", "Cs", "Zl", "Zp"}  # controls, bidi and other format marks, lone surrogates, line breaks


def escaped(text: str, keep_newlines: bool = False) -> str:
    """``text`` with every invisible or control character written as an escape (``\\x1b``, ``\\u202e``)."""
    if text.isprintable():
        return text
    out = []
    for char in text:
        if (char == "\n" and keep_newlines) or char == " " or unicodedata.category(char) not in _INVISIBLE:
            out.append(char)
        else:
            out.append(f"\\x{ord(char):02x}" if ord(char) < 0x100 else f"\\u{ord(char):04x}")
    return "".join(out)


def shown(value: str, limit: int = SHOWN_CHARS) -> str:
    """A value the client sent, as a message may quote it: escaped, and cut after ``limit`` characters."""
    if len(value) > limit:
        return f"{escaped(value[:limit])}… ({len(value)} characters)"
    return escaped(value)


def excerpt(line: str, column: int, width: int = EXCERPT_CHARS) -> tuple[str, int]:
    """The part of ``line`` around ``column`` (1-based) and where that column falls in it."""
    start = max(0, min(column - 1 - width // 2, len(line) - width))
    end = start + width
    before, after = escaped(line[start:column - 1]), escaped(line[column - 1:end])
    head, tail = ("…" if start > 0 else ""), ("…" if end < len(line) else "")
    return head + before + after + tail, len(head) + len(before)


# -- the named errors -------------------------------------------------------------


def read_only() -> ProtocolError:
    return ProtocolError("the server is read-only: SPARQL Update is not enabled here", 403)


def update_unauthorised(reason: str) -> ProtocolError:
    return ProtocolError(f"SPARQL Update needs a valid bearer token: {reason}", 401,
                         {"WWW-Authenticate": 'Bearer realm="mrkg", error="invalid_token"'})


def unsupported_media_type(content_type: str) -> ProtocolError:
    return ProtocolError(
        f"unsupported media type {shown(repr(content_type or '(none)'))}: send application/x-www-form-urlencoded, "
        "application/sparql-query or application/sparql-update", 415)


def _asked(accept: str | None, format_parameters: tuple[str, ...]) -> str:
    if format_parameters:
        return " ".join(f"format={shown(repr(value))}" for value in format_parameters)
    return f"Accept: {shown(repr(accept))}"


def not_acceptable(kind: str, accept: str | None, format_parameters: tuple[str, ...] = ()) -> ProtocolError:
    """A query whose kind of answer the client accepts in no format."""
    answer = "a result set" if kind == "results" else "a graph"
    return ProtocolError(f"this query answers with {answer}, which cannot be sent as "
                         f"{_asked(accept, format_parameters)}; formats: {format_names()}", 406, {"Vary": "Accept"})


def unavailable(what: str, offers: Sequence[Format], accept: str | None,
                format_parameters: tuple[str, ...] = ()) -> ProtocolError:
    """Anything else the client accepts in no format: what is offered, by media type (RFC 9110 §15.5.7)."""
    return ProtocolError(f"{what} is available as {offered_types(offers)}, and none of them is acceptable to "
                         f"{_asked(accept, format_parameters)}", 406, {"Vary": "Accept"})


def too_large(limit: int) -> ProtocolError:
    return ProtocolError(f"the request is larger than the limit of {limit} bytes", 413)


def bad_parameter(message: str) -> ProtocolError:
    return ProtocolError(message, 400)


def method_not_allowed(message: str, allow: str) -> ProtocolError:
    return ProtocolError(message, 405, {"Allow": allow})


def malformed_query(message: str, text: str, line: int | None, column: int | None,
                    explanation: dict[str, Any] | None = None) -> ProtocolError:
    """The parser's own message, then the part of the line the mistake is on with a caret, and the mistake in words.

    Oxigraph lists the character classes it expected (``['A' ..= 'Z' | …]``); they
    say nothing to a person and are shortened to "a name".  The engine often stops
    past the mistake (at the end of the text); the explanation, where there is one
    (:mod:`graph.sparql.mistakes`), points at the mistake itself, and the caret
    goes under it.  The line is shown only around the column, with control
    characters escaped: enough to find the mistake, never the query sent back whole.
    The first line stays the engine's ("malformed query: error at L:C: …"), and the
    JSON form keeps its ``line`` and ``column``: clients read them.
    """
    message = _CHARACTER_CLASSES.sub("a name", message)
    said = ""
    if explanation:
        line_at, column_at = int(explanation["line"]), int(explanation["column"])
        said = _pointed(text, line_at, column_at)
        said += f"\nLine {line_at}, column {column_at}: {shown(str(explanation['text']), 600)}"
        if explanation.get("fix"):
            said += f"\n{shown(str(explanation['fix']), 600)}"
    elif line is not None and column is not None:
        said = _pointed(text, line, column)
    return ProtocolError(f"malformed query: {shown(message, MESSAGE_CHARS)}{said}", 400, line=line, column=column,
                         explanation=explanation)


def _pointed(text: str, line: int, column: int) -> str:
    """The part of ``line`` around ``column`` and a caret under it, on two lines of their own."""
    lines = text.splitlines() or [""]
    if not 1 <= line <= len(lines):
        return ""
    part, caret = excerpt(lines[line - 1].expandtabs(1), max(column, 1))
    return f"\n{part}\n{' ' * caret}^"


_CHARACTER_CLASSES = re.compile(r"\[[^\[\]]*\.\.=[^\[\]]*\](?:, \[[^\[\]]*\.\.=[^\[\]]*\])*")


# -- writing them -----------------------------------------------------------------

_ERROR_OFFERS = (PLAIN_TEXT, JSON, HTML)


def error_response(request: Request, error: Exception) -> Response:
    status, message = _status_and_message(error)
    if len(message) > MESSAGE_CHARS:
        message = message[:MESSAGE_CHARS] + "… (cut)"
    message = escaped(message, keep_newlines=True)
    headers = dict(getattr(error, "headers", None) or {})
    if isinstance(error, QueryTimeout):
        headers.setdefault("Retry-After", "1")
    kind = choose(request.headers.get("accept"), _ERROR_OFFERS) or PLAIN_TEXT  # an error is sent in any case
    if kind is JSON:
        detail: dict[str, object] = {"status": status, "message": message}
        for name in ("line", "column", "explanation"):
            if getattr(error, name, None) is not None:
                detail[name] = getattr(error, name)
        return Response(orjson.dumps({"error": detail}), status, headers, "application/json")
    if kind is HTML:
        from html import escape

        body = f"<!doctype html><title>{status}</title><h1>Error {status}</h1><pre>{escape(message)}</pre>\n"
        return Response(body, status, headers, "text/html; charset=utf-8")
    return Response(message + "\n", status, headers, "text/plain; charset=utf-8")


def _status_and_message(error: Exception) -> tuple[int, str]:
    if isinstance(error, QueryError):
        return error.status, str(error)
    if isinstance(error, StoreDamaged):
        return 503, error.public
    if isinstance(error, StoreError):
        return 503, str(error)
    if isinstance(error, MrkgError):
        return 400, str(error)
    if isinstance(error, HTTPException):
        return error.status_code, str(error.detail)
    if isinstance(error, RequestValidationError):
        return 400, "; ".join(f"{'.'.join(map(str, e['loc']))}: {e['msg']}" for e in error.errors())
    if (damage := damage_found(None, error)) is not None:  # the store failed while a page read it: said plainly
        return 503, damage.public
    log.exception("unexpected error", exc_info=error)
    return 500, "internal error"


def install(app: object) -> None:
    """Route every error through :func:`error_response`."""
    async def handle(request: Request, error: Exception) -> Response:
        return error_response(request, error)

    # Exception: what nothing else catches is answered here too (a 503 for a store that fails mid-read,
    # else a plain 500) and then logged with its traceback by Starlette.
    for kind in (MrkgError, HTTPException, RequestValidationError, Exception):
        app.add_exception_handler(kind, handle)  # type: ignore[attr-defined]
