"""The SPARQL 1.1 Protocol endpoint, ``/sparql``.

Queries by GET (``?query=``), by POST of a form, or by POST of the query itself
(``application/sparql-query``); updates by POST only, when enabled.  The
dataset is chosen with ``default-graph-uri`` / ``named-graph-uri`` (updates:
``using-graph-uri`` / ``using-named-graph-uri``).  Without them, the default
graph is the union of all named graphs (the ontology, the catalogue, the actors
and one graph per source), so a query joins across them without ``GRAPH``.

A GET without a query answers with the service description (RDF, by content
negotiation) or, to a browser, a query page.

The route reads the parameters, calls :func:`handle_query` or
:func:`handle_update`, and returns what they answer.  ``api.app`` also calls
:func:`answer` directly, outside FastAPI's request machinery, because the
endpoint's speed is the service's (see ``MrkgApplication``).
"""
from __future__ import annotations

import codecs
from functools import partial
from typing import Mapping, NamedTuple, Sequence
from urllib.parse import unquote_to_bytes

from fastapi import APIRouter, Request
from pyoxigraph import NamedNode
from starlette.responses import Response
from starlette.types import Receive, Scope

from api import errors, guards
from api.negotiation import accepts_gzip, format_names, negotiate
from api.service_description import describe_service, endpoint_url
from graph.hang_up import HangUp
from graph.store.workers import Reply
from graph.store.endpoint import QueryService
from graph.formats import SPARQL_FORMATS
from graph.settings import Settings
from graph.sparql.quick_look import usual_shape
from graph.store.backends import Dataset

router = APIRouter()

TRUNCATED_HEADER = "Mrkg-Result-Truncated"
CACHE_HEADER = "Mrkg-Cache"  # "hit": answered from graph.store.answer_cache, without evaluation
LIMIT_HEADER = "Mrkg-Result-Limit"
MAX_FORM_FIELDS = 1000


class ProtocolRequest(NamedTuple):
    """The protocol's parameters, from the URL and the body together."""

    query: str | None = None
    update: str | None = None
    default_graphs: tuple[str, ...] = ()
    named_graphs: tuple[str, ...] = ()
    using_graphs: tuple[str, ...] = ()
    using_named_graphs: tuple[str, ...] = ()
    formats: tuple[str, ...] = ()  # "format" may repeat: SPARQLWrapper sends a name and a media type


def request_headers(scope: Scope) -> dict[str, str]:
    """The request's headers by (lower-case) name, read once.

    A header sent twice counts as one with the values joined by commas, which
    is what repeating a list-valued header such as Accept means (RFC 9110 §5.3).
    """
    raw: list[tuple[bytes, bytes]] = scope["headers"]
    headers = {name.decode("latin-1"): value.decode("latin-1") for name, value in raw}
    if len(headers) < len(raw):  # a name came twice
        headers = {}
        for raw_name, raw_value in raw:
            name, value = raw_name.decode("latin-1"), raw_value.decode("latin-1")
            headers[name] = f"{headers[name]}, {value}" if name in headers else value
    return headers


async def read_protocol_request(request: Request, headers: Mapping[str, str], limit: int) -> ProtocolRequest:
    query_string: bytes = request.scope.get("query_string", b"")
    if len(query_string) > limit:
        raise errors.too_large(limit)
    values = _form_fields(query_string, "the URL's query string")
    if request.method == "POST":
        media_type, charset = _content_type(headers.get("content-type", ""))
        body = await _read_body(request, headers.get("content-length", ""), limit)
        if media_type == "application/x-www-form-urlencoded":
            for name, more in _form_fields(body, "the form").items():
                values.setdefault(name, []).extend(more)
        elif media_type == "application/sparql-query":
            values.setdefault("query", []).append(_decode(body, charset))
        elif media_type == "application/sparql-update":
            values.setdefault("update", []).append(_decode(body, charset))
        else:
            raise errors.unsupported_media_type(media_type)
    if len(values) == 1 and len(query := values.get("query", [])) == 1:
        return ProtocolRequest(query=query[0])  # the usual request: one query, nothing else
    query, update = values.get("query", []), values.get("update", [])
    for name, given in (("query", query), ("update", update)):
        if len(given) > 1:
            raise errors.bad_parameter(f"the {name!r} parameter is given {len(given)} times; give it once")
    if query and update:
        raise errors.bad_parameter("a request carries either a query or an update, not both")
    return ProtocolRequest(
        query=_single(query),
        update=_single(update),
        default_graphs=_iris(values.get("default-graph-uri", ()), "default-graph-uri"),
        named_graphs=_iris(values.get("named-graph-uri", ()), "named-graph-uri"),
        using_graphs=_iris(values.get("using-graph-uri", ()), "using-graph-uri"),
        using_named_graphs=_iris(values.get("using-named-graph-uri", ()), "using-named-graph-uri"),
        formats=tuple(value.strip() for value in values.get("format", ()) if value.strip()),
    )


def _single(values: Sequence[str]) -> str | None:
    return values[0] if values else None


def _content_type(header: str) -> tuple[str, str]:
    media_type, *parameters = (part.strip() for part in header.split(";"))
    charset = "utf-8"
    for parameter in parameters:
        name, _, value = parameter.partition("=")
        if name.strip().lower() == "charset":
            charset = value.strip().strip('"') or "utf-8"
    return media_type.lower(), charset


async def _read_body(request: Request, declared: str, limit: int) -> bytes:
    if declared.isdigit() and int(declared) > limit:
        raise errors.too_large(limit)
    body = bytearray()
    async for chunk in request.stream():
        body += chunk
        if len(body) > limit:
            raise errors.too_large(limit)
    return bytes(body)


UTF8_NAMES = {"utf-8", "utf8", "us-ascii", "ascii"}


def _decode(body: bytes, charset: str) -> str:
    """The body as text: the protocol has queries and updates in UTF-8 (§2.1.3, §2.2.2)."""
    if charset.lower() not in UTF8_NAMES:
        raise errors.ProtocolError(f"unsupported charset {errors.shown(repr(charset))}: SPARQL queries and updates are sent in UTF-8", 415)
    try:
        return body.decode("utf-8")
    except UnicodeDecodeError as error:
        raise errors.bad_parameter(f"the request body is not valid UTF-8: {error.reason} at byte {error.start}") from None


def _form_fields(raw: bytes, where: str) -> dict[str, list[str]]:
    """``application/x-www-form-urlencoded`` fields (also the URL's query string), decoded as UTF-8."""
    fields: dict[str, list[str]] = {}
    if not raw:
        return fields
    parts = raw.split(b"&")
    if len(parts) > MAX_FORM_FIELDS:
        raise errors.bad_parameter(f"{where} has more than {MAX_FORM_FIELDS} fields")
    try:
        for part in parts:
            if part:
                name, _, value = part.partition(b"=")
                fields.setdefault(_unquote(name), []).append(_unquote(value))
    except UnicodeDecodeError as error:
        raise errors.bad_parameter(f"{where} is not valid percent-encoded UTF-8: {error.reason}") from None
    return fields


def _unquote(raw: bytes) -> str:
    """Percent-decoded UTF-8, ``+`` read as a space.

    Every query arrives this way, so the usual case is done by a C codec: once
    each backslash is doubled, each ``%`` can become the ``\\x`` of a
    ``unicode_escape`` sequence, and no other escape can arise.  A malformed
    sequence (``%zz``, a ``%`` at the end) makes the codec fail; urllib then
    reads it leniently, as a literal ``%``.
    """
    if b"+" in raw:
        raw = raw.replace(b"+", b" ")
    if b"%" in raw:
        try:
            raw = codecs.decode(raw.replace(b"\\", b"\\\\").replace(b"%", b"\\x"), "unicode_escape").encode("latin-1")
        except UnicodeDecodeError:
            raw = unquote_to_bytes(raw)
    return raw.decode("utf-8")


def _iris(values: Sequence[str], parameter: str) -> tuple[str, ...]:
    for value in values:
        try:
            NamedNode(value)
        except ValueError as error:
            raise errors.bad_parameter(f"{parameter}={errors.shown(repr(value))} is not an absolute IRI: {error}") from None
    return tuple(values)


# -- the core -------------------------------------------------------------------------


async def handle_query(params: ProtocolRequest, service: QueryService, settings: Settings,
                       accept: str | None, accepts_gzip: bool, base_iri: str | None = None,
                       hang_up: HangUp | None = None) -> Response:
    """Negotiate, evaluate (in a worker, which applies the SERVICE guard), and answer.

    Relative IRIs resolve against ``base_iri``.  A query written the usual way
    is judged at a glance (form, dataset, LIMIT); any other is read by the
    worker, never here in the event loop.  ``hang_up`` returns when the client
    has gone; the query is then stopped (issue 10 item 4).
    """
    assert params.query is not None
    text = params.query
    shape = usual_shape(text)
    formats = negotiate(accept, params.formats)
    if shape is not None and formats.for_form(shape.form) is None:
        raise errors.not_acceptable("results" if shape.form in ("SELECT", "ASK") else "graph", accept, params.formats)
    dataset = Dataset(params.default_graphs, params.named_graphs,
                      settings.union_default_graph and not (shape is not None and shape.names_dataset))
    reply = await service.query(
        text, dataset,
        formats.results.name if formats.results else None,
        formats.graph.name if formats.graph else None,
        gzip=accepts_gzip, base_iri=base_iri, row_bound=shape.limit if shape is not None else None,
        read=shape is None, hang_up=hang_up,
    )
    if reply.status == 406:
        raise errors.not_acceptable(reply.header["kind"], accept, params.formats)
    if reply.status != 200:
        raise _refusal(reply.header, text)
    return AnswerResponse(reply, settings.max_rows)


async def handle_update(params: ProtocolRequest, service: QueryService, settings: Settings,
                        authorization: str | None, base_iri: str | None = None) -> Response:
    assert params.update is not None
    guards.check_update_allowed(settings, authorization)
    reply = await service.update(params.update, base_iri, params.using_graphs, params.using_named_graphs)
    if reply.status // 100 != 2:
        raise _refusal(reply.header, params.update)
    return Response(status_code=204)


class AnswerResponse(Response):
    """A worker's answer, sent with headers encoded in advance: the same few for every query.

    It sets what Starlette's ``Response`` sends (status, body, raw headers)
    without its ``__init__``, which would encode each header name and value
    again on every request.
    """

    _content_types = {name: (b"content-type", fmt.content_type.encode("latin-1")) for name, fmt in SPARQL_FORMATS.items()}
    _vary = (b"vary", b"Accept, Accept-Encoding")
    _hit, _miss = (CACHE_HEADER.lower().encode(), b"hit"), (CACHE_HEADER.lower().encode(), b"miss")
    _gzip = (b"content-encoding", b"gzip")
    _truncated = (TRUNCATED_HEADER.lower().encode(), b"true")

    def __init__(self, reply: Reply, max_rows: int) -> None:
        header = reply.header
        self.status_code = 200
        self.body = reply.body
        self.background = None
        self.raw_headers = [(b"content-length", b"%d" % len(reply.body)), self._content_types[header["format"]],
                            self._vary, self._hit if header.get("cached") else self._miss]
        if header.get("gzip"):
            self.raw_headers.append(self._gzip)
        if header.get("truncated"):
            limit = int(header.get("limit") or max_rows)  # an external server's cap, when it cut first
            self.raw_headers += [self._truncated, (LIMIT_HEADER.lower().encode(), b"%d" % limit)]


def _refusal(header: dict[str, object], text: str) -> errors.ProtocolError:
    message = str(header.get("error", "the query failed"))
    status = int(header["status"])  # type: ignore[call-overload]
    line, column = header.get("line"), header.get("column")
    explanation = header.get("explanation")
    if status == 400 and (line is not None or explanation) and header.get("syntax", True):
        return errors.malformed_query(message, text, line, column, explanation)  # type: ignore[arg-type]
    return errors.ProtocolError(message, status, line=line, column=column)  # type: ignore[arg-type]


# -- the route ------------------------------------------------------------------------

_PARAMETERS = [
    {"name": "query", "in": "query", "required": False, "schema": {"type": "string"},
     "description": "A SPARQL 1.1 query (GET, or POST as a form field). Without it, GET answers with the "
                    "service description."},
    {"name": "default-graph-uri", "in": "query", "required": False,
     "schema": {"type": "array", "items": {"type": "string"}},
     "description": "Graphs whose merge is the default graph (replaces the union of all named graphs)."},
    {"name": "named-graph-uri", "in": "query", "required": False,
     "schema": {"type": "array", "items": {"type": "string"}}, "description": "Graphs available to GRAPH."},
    {"name": "format", "in": "query", "required": False, "schema": {"type": "string"},
     "description": f"Overrides the Accept header, by name or media type: {format_names()}."},
]
_BODIES = {
    "content": {
        "application/sparql-query": {"schema": {"type": "string"}},
        "application/sparql-update": {"schema": {"type": "string"}},
        "application/x-www-form-urlencoded": {"schema": {"type": "object", "properties": {
            "query": {"type": "string"}, "update": {"type": "string"},
            "default-graph-uri": {"type": "array", "items": {"type": "string"}},
            "named-graph-uri": {"type": "array", "items": {"type": "string"}},
            "using-graph-uri": {"type": "array", "items": {"type": "string"}},
            "using-named-graph-uri": {"type": "array", "items": {"type": "string"}}}}},
    }
}
_RESPONSES = {
    "200": {"description": "The answer, in the negotiated format. A result cut at the row limit carries "
                           f"`{TRUNCATED_HEADER}: true` and `{LIMIT_HEADER}: <max rows>`."},
    "204": {"description": "The update was applied."},
    "400": {"description": "Malformed query (with the parser's message, line and column) or bad parameters."},
    "401": {"description": "An update without the right bearer token."},
    "403": {"description": "Update on a read-only server, or a SERVICE endpoint not on the allowlist."},
    "406": {"description": "No acceptable format for this kind of answer."},
    "413": {"description": "The request is larger than the configured limit."},
    "415": {"description": "Unsupported Content-Type."},
    "503": {"description": "The query ran past the time limit and was stopped, or the store is not available."},
}


@router.api_route(
    "/sparql", methods=["GET", "POST"], name="sparql", summary="SPARQL 1.1 Protocol endpoint",
    response_class=Response, responses=_RESPONSES,  # type: ignore[arg-type]
    openapi_extra={"parameters": _PARAMETERS, "requestBody": _BODIES},
)
async def sparql(request: Request) -> Response:
    """SPARQL 1.1 queries (and updates, when enabled). The default graph is the union of all named graphs."""
    return await answer(request, request_headers(request.scope), request.app.state.queries, request.app.state.settings)


async def answer(request: Request, headers: Mapping[str, str], service: QueryService, settings: Settings) -> Response:
    """Read the parameters, call the core, return its response (errors are raised)."""
    params = await read_protocol_request(request, headers, settings.max_request_bytes)
    if params.update is not None:
        if request.method != "POST":
            raise errors.method_not_allowed("SPARQL Update must be sent with POST", "POST")
        return await handle_update(params, service, settings, headers.get("authorization"),
                                   endpoint_url(request, settings))
    if params.query is None:
        if request.method == "POST":
            raise errors.bad_parameter("missing parameter: send a 'query' (or 'update')")
        return await describe_service(request, service, settings, params.formats)
    return await handle_query(params, service, settings, headers.get("accept"),
                              accepts_gzip(headers.get("accept-encoding")), endpoint_url(request, settings),
                              partial(_disconnected, request.receive))


async def _disconnected(receive: Receive) -> None:
    """Returns once the client has closed the connection (the request itself has been read by then)."""
    while (await receive())["type"] != "http.disconnect":
        pass
