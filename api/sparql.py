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

from collections import defaultdict
from dataclasses import dataclass
from urllib.parse import unquote_to_bytes

from fastapi import APIRouter, Request
from pyoxigraph import NamedNode
from starlette.responses import Response

from api import errors, guards
from api.negotiation import accepts_gzip, negotiate
from api.query_text import DatasetConflict, query_shape, with_using
from api.service_description import describe_service, endpoint_url
from graph.query_service import QueryService
from graph.result_formats import FORMATS
from graph.settings import Settings
from graph.store import Dataset

router = APIRouter()

TRUNCATED_HEADER = "Mrkg-Result-Truncated"
CACHE_HEADER = "Mrkg-Cache"  # "hit": answered from graph.answer_cache, without evaluation
LIMIT_HEADER = "Mrkg-Result-Limit"
MAX_FORM_FIELDS = 1000


@dataclass(frozen=True)
class ProtocolRequest:
    """The protocol's parameters, from the URL and the body together."""

    query: str | None = None
    update: str | None = None
    default_graphs: tuple[str, ...] = ()
    named_graphs: tuple[str, ...] = ()
    using_graphs: tuple[str, ...] = ()
    using_named_graphs: tuple[str, ...] = ()
    formats: tuple[str, ...] = ()  # "format" may repeat: SPARQLWrapper sends a name and a media type


async def read_protocol_request(request: Request, limit: int) -> ProtocolRequest:
    query_string: bytes = request.scope.get("query_string", b"")
    if len(query_string) > limit:
        raise errors.too_large(limit)
    pairs = _form_fields(query_string, "the URL's query string")
    if request.method == "POST":
        media_type, charset = _content_type(request.headers.get("content-type", ""))
        body = await _read_body(request, limit)
        if media_type == "application/x-www-form-urlencoded":
            pairs += _form_fields(body, "the form")
        elif media_type == "application/sparql-query":
            pairs.append(("query", _decode(body, charset)))
        elif media_type == "application/sparql-update":
            pairs.append(("update", _decode(body, charset)))
        else:
            raise errors.unsupported_media_type(media_type)
    values: dict[str, list[str]] = defaultdict(list)
    for name, value in pairs:
        values[name].append(value)
    for name in ("query", "update"):
        if len(values[name]) > 1:
            raise errors.bad_parameter(f"the {name!r} parameter is given {len(values[name])} times; give it once")
    if values["query"] and values["update"]:
        raise errors.bad_parameter("a request carries either a query or an update, not both")
    return ProtocolRequest(
        query=_single(values["query"]),
        update=_single(values["update"]),
        default_graphs=_iris(values["default-graph-uri"], "default-graph-uri"),
        named_graphs=_iris(values["named-graph-uri"], "named-graph-uri"),
        using_graphs=_iris(values["using-graph-uri"], "using-graph-uri"),
        using_named_graphs=_iris(values["using-named-graph-uri"], "using-named-graph-uri"),
        formats=tuple(value.strip() for value in values["format"] if value.strip()),
    )


def _single(values: list[str]) -> str | None:
    return values[0] if values else None


def _content_type(header: str) -> tuple[str, str]:
    media_type, *parameters = (part.strip() for part in header.split(";"))
    charset = "utf-8"
    for parameter in parameters:
        name, _, value = parameter.partition("=")
        if name.strip().lower() == "charset":
            charset = value.strip().strip('"') or "utf-8"
    return media_type.lower(), charset


async def _read_body(request: Request, limit: int) -> bytes:
    declared = request.headers.get("content-length", "")
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
        raise errors.ProtocolError(f"unsupported charset {charset!r}: SPARQL queries and updates are sent in UTF-8", 415)
    try:
        return body.decode("utf-8")
    except UnicodeDecodeError as error:
        raise errors.bad_parameter(f"the request body is not valid UTF-8: {error.reason} at byte {error.start}") from None


def _form_fields(raw: bytes, where: str) -> list[tuple[str, str]]:
    """``application/x-www-form-urlencoded`` pairs (also the URL's query string), decoded as UTF-8."""
    if not raw:
        return []
    parts = raw.split(b"&")
    if len(parts) > MAX_FORM_FIELDS:
        raise errors.bad_parameter(f"{where} has more than {MAX_FORM_FIELDS} fields")
    fields = []
    try:
        for part in parts:
            if part:
                name, _, value = part.partition(b"=")
                fields.append((_unquote(name), _unquote(value)))
    except UnicodeDecodeError as error:
        raise errors.bad_parameter(f"{where} is not valid percent-encoded UTF-8: {error.reason}") from None
    return fields


def _unquote(raw: bytes) -> str:
    if b"%" in raw or b"+" in raw:
        raw = unquote_to_bytes(raw.replace(b"+", b" "))
    return raw.decode("utf-8")


def _iris(values: list[str], parameter: str) -> tuple[str, ...]:
    for value in values:
        try:
            NamedNode(value)
        except ValueError as error:
            raise errors.bad_parameter(f"{parameter}={value!r} is not an absolute IRI: {error}") from None
    return tuple(values)


# -- the core -------------------------------------------------------------------------


async def handle_query(params: ProtocolRequest, service: QueryService, settings: Settings,
                       accept: str | None, accepts_gzip: bool, base_iri: str | None = None) -> Response:
    """Check, negotiate, evaluate (in a worker), and answer.  Relative IRIs resolve against ``base_iri``."""
    assert params.query is not None
    text = params.query
    guards.check_remote_calls(text, settings.service_allowlist)
    shape = query_shape(text)
    formats = negotiate(accept, params.formats)
    if formats.for_form(shape.form) is None:
        raise errors.not_acceptable("results" if shape.form in ("SELECT", "ASK") else "graph", accept, params.formats)
    dataset = Dataset(params.default_graphs, params.named_graphs,
                      settings.union_default_graph and not shape.names_dataset)
    reply = await service.query(
        text, dataset,
        formats.results.name if formats.results else None,
        formats.graph.name if formats.graph else None,
        gzip=accepts_gzip, base_iri=base_iri,
    )
    if reply.status == 406:
        raise errors.not_acceptable(reply.header["kind"], accept, params.formats)
    if reply.status != 200:
        raise _refusal(reply.header, text)
    headers = {"Vary": "Accept, Accept-Encoding", CACHE_HEADER: "hit" if reply.header.get("cached") else "miss"}
    if reply.header.get("gzip"):
        headers["Content-Encoding"] = "gzip"
    if reply.header.get("truncated"):
        headers[TRUNCATED_HEADER] = "true"
        headers[LIMIT_HEADER] = str(settings.max_rows)
    return Response(reply.body, 200, headers, FORMATS[reply.header["format"]].content_type)


async def handle_update(params: ProtocolRequest, service: QueryService, settings: Settings,
                        authorization: str | None, base_iri: str | None = None) -> Response:
    assert params.update is not None
    guards.check_update_allowed(settings, authorization)
    guards.check_remote_calls(params.update, settings.service_allowlist, update=True)
    guards.check_remote_calls(params.update, settings.service_allowlist, keyword="LOAD", update=True)
    try:
        text = with_using(params.update, params.using_graphs, params.using_named_graphs)
    except DatasetConflict as conflict:
        raise errors.bad_parameter(str(conflict)) from None
    reply = await service.update(text, base_iri)
    if reply.status // 100 != 2:
        raise _refusal(reply.header, text)
    return Response(status_code=204)


def _refusal(header: dict[str, object], text: str) -> errors.ProtocolError:
    message = str(header.get("error", "the query failed"))
    status = int(header["status"])  # type: ignore[call-overload]
    if status == 400 and "line" in header:
        return errors.malformed_query(message, text, header.get("line"), header.get("column"))  # type: ignore[arg-type]
    return errors.ProtocolError(message, status)


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
     "description": "Overrides the Accept header: json, xml, csv, tsv (SELECT, ASK); turtle, ntriples, jsonld, "
                    "rdfxml, nquads, trig (CONSTRUCT, DESCRIBE); or a media type."},
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
    return await answer(request, request.app.state.queries, request.app.state.settings)


async def answer(request: Request, service: QueryService, settings: Settings) -> Response:
    """Read the parameters, call the core, return its response (errors are raised)."""
    params = await read_protocol_request(request, settings.max_request_bytes)
    headers = request.headers
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
                              accepts_gzip(headers.get("accept-encoding")), endpoint_url(request, settings))
