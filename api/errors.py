"""Every error the HTTP face answers, in words, and one handler that writes them.

Errors are :class:`graph.errors.MrkgError`s; ``QueryError.status`` is the HTTP
status.  The body is plain text — what SPARQL clients show their users — unless
the client prefers JSON (``{"error": {"status", "message", "line", "column"}}``)
or HTML.  No traceback ever reaches a client.
"""
from __future__ import annotations

import logging
import re

import orjson
from fastapi import Request
from fastapi.exceptions import RequestValidationError
from starlette.exceptions import HTTPException
from starlette.responses import Response

from api.negotiation import choose, format_names
from graph.errors import MrkgError, QueryError, QueryTimeout, StoreError

log = logging.getLogger("mrkg.api")


class ProtocolError(QueryError):
    """A request the SPARQL protocol does not allow; ``headers`` go into the answer."""

    def __init__(self, message: str, status: int = 400, headers: dict[str, str] | None = None,
                 line: int | None = None, column: int | None = None) -> None:
        super().__init__(message, status)
        self.headers = headers or {}
        self.line = line
        self.column = column


# -- the named errors -------------------------------------------------------------


def read_only() -> ProtocolError:
    return ProtocolError("the server is read-only: SPARQL Update is not enabled here", 403)


def update_unauthorised(reason: str) -> ProtocolError:
    return ProtocolError(f"SPARQL Update needs a valid bearer token: {reason}", 401,
                         {"WWW-Authenticate": 'Bearer realm="mrkg", error="invalid_token"'})


def unsupported_media_type(content_type: str) -> ProtocolError:
    return ProtocolError(
        f"unsupported media type {content_type or '(none)'!r}: send application/x-www-form-urlencoded, "
        "application/sparql-query or application/sparql-update", 415)


def not_acceptable(kind: str, accept: str | None, format_parameters: tuple[str, ...] = ()) -> ProtocolError:
    asked = " ".join(f"format={value!r}" for value in format_parameters) if format_parameters else f"Accept: {accept!r}"
    answer = "a result set" if kind == "results" else "a graph"
    return ProtocolError(f"this query answers with {answer}, which cannot be sent as {asked}; "
                         f"formats: {format_names()}", 406)


def too_large(limit: int) -> ProtocolError:
    return ProtocolError(f"the request is larger than the limit of {limit} bytes", 413)


def bad_parameter(message: str) -> ProtocolError:
    return ProtocolError(message, 400)


def method_not_allowed(message: str, allow: str) -> ProtocolError:
    return ProtocolError(message, 405, {"Allow": allow})


def malformed_query(message: str, text: str, line: int | None, column: int | None) -> ProtocolError:
    """The parser's own message, with the line it points at and a caret under the column.

    Oxigraph lists the character classes it expected (``['A' ..= 'Z' | …]``); they
    say nothing to a person and are shortened to "a name".
    """
    message = _CHARACTER_CLASSES.sub("a name", message)
    where = ""
    if line is not None and column is not None:
        lines = text.splitlines() or [""]
        if 1 <= line <= len(lines):
            shown = lines[line - 1].expandtabs(1)
            where = f"\n{shown}\n{' ' * max(column - 1, 0)}^"
    return ProtocolError(f"malformed query: {message}{where}", 400, line=line, column=column)


_CHARACTER_CLASSES = re.compile(r"\[[^\[\]]*\.\.=[^\[\]]*\](?:, \[[^\[\]]*\.\.=[^\[\]]*\])*")


# -- writing them -----------------------------------------------------------------

_ERROR_OFFERS = [(("text/plain",), "text"), (("application/json",), "json"), (("text/html",), "html")]


def error_response(request: Request, error: Exception) -> Response:
    status, message = _status_and_message(error)
    headers = dict(getattr(error, "headers", None) or {})
    if isinstance(error, QueryTimeout):
        headers.setdefault("Retry-After", "1")
    kind = choose(request.headers.get("accept"), _ERROR_OFFERS) or "text"
    if kind == "json":
        detail: dict[str, object] = {"status": status, "message": message}
        for name in ("line", "column"):
            if getattr(error, name, None) is not None:
                detail[name] = getattr(error, name)
        return Response(orjson.dumps({"error": detail}), status, headers, "application/json")
    if kind == "html":
        from html import escape

        body = f"<!doctype html><title>{status}</title><h1>Error {status}</h1><pre>{escape(message)}</pre>\n"
        return Response(body, status, headers, "text/html; charset=utf-8")
    return Response(message + "\n", status, headers, "text/plain; charset=utf-8")


def _status_and_message(error: Exception) -> tuple[int, str]:
    if isinstance(error, QueryError):
        return error.status, str(error)
    if isinstance(error, StoreError):
        return 503, str(error)
    if isinstance(error, MrkgError):
        return 400, str(error)
    if isinstance(error, HTTPException):
        return error.status_code, str(error.detail)
    if isinstance(error, RequestValidationError):
        return 400, "; ".join(f"{'.'.join(map(str, e['loc']))}: {e['msg']}" for e in error.errors())
    log.exception("unexpected error", exc_info=error)
    return 500, "internal error"


def install(app: object) -> None:
    """Route every error through :func:`error_response`."""
    async def handle(request: Request, error: Exception) -> Response:
        return error_response(request, error)

    for kind in (MrkgError, HTTPException, RequestValidationError):
        app.add_exception_handler(kind, handle)  # type: ignore[attr-defined]
