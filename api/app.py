"""The HTTP face: ``create_app(settings)`` gives the FastAPI application.

    /sparql     SPARQL 1.1 Protocol (api.sparql); GET without a query: service description,
                or the query page to a browser
    /health     is the store readable, how many triples, which build (JSON; api.health)
    /docs       OpenAPI documentation
    /search     full-text search with facets: HTML, or JSON (also /search.json; api.search)
    /, /id/…, /ontology, /query, /dumps, …   linked data (api.linked_data)

The application holds its settings and its :class:`~graph.store.endpoint.QueryService`
on ``app.state``; the worker processes, the pages' readers (:mod:`graph.store.readers`)
and the watch over the published build (:func:`api.health.watch_store`) start
and stop with the application.
Every response carries the headers of :mod:`api.security_headers`.
Run it with ``mrkg serve`` (uvicorn, uvloop, httptools, and the connection
limits of :mod:`api.connection_guard`).
"""
from __future__ import annotations

import asyncio
import contextlib
import warnings
from contextlib import asynccontextmanager
from typing import Any, AsyncIterator

from fastapi import FastAPI, Request
from starlette.middleware.cors import CORSMiddleware
from starlette.responses import HTMLResponse, Response
from starlette.types import Receive, Scope, Send

from api import errors, interface_language
from api.health import health, watch_store
from api.linked_data import include_linked_data
from api.search import router as search_router
from api.security_headers import DOCS_PATH, protected
from api.sparql import CACHE_HEADER, LIMIT_HEADER, TRUNCATED_HEADER, answer, request_headers
from api.sparql import router as sparql_router
from api.swagger_assets import ASSETS_PATH, asset_url, swagger_asset
from graph.errors import MrkgError
from graph.store.endpoint import QueryService
from graph.settings import Settings
from graph.vocab import PREFIX_MAP


def create_app(settings: Settings | None = None, in_process: bool = False) -> FastAPI:
    """``in_process``: one of several serving processes (``api.server_processes``), evaluating queries in threads."""
    settings = settings or Settings.from_env()
    if settings.update_enabled and not settings.update_token:
        raise MrkgError("MRKG_UPDATE_ENABLED needs MRKG_UPDATE_TOKEN: updates must be authenticated")
    queries = QueryService(settings, prefixes=PREFIX_MAP, in_process=in_process)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        await queries.start()
        releases = app.state.linked_data.releases
        await asyncio.to_thread(releases.readers.start, queries.pool.config)
        watch = asyncio.get_running_loop().create_task(watch_store(releases, queries))
        try:
            yield
        finally:
            watch.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await watch
            await asyncio.to_thread(releases.readers.close)
            await queries.close()

    app = MrkgApplication(
        title="mrkg — Migrant Rights Knowledge Graph",
        summary="SPARQL 1.1 endpoint over the international instruments on migrant workers' rights, "
                "their provisions, and who said what about them.",
        version="0.1.0",
        lifespan=lifespan,
        # FastAPI's own documentation pages run inline scripts; /docs is served below without them.
        docs_url=None, redoc_url=None, swagger_ui_oauth2_redirect_url=None,
    )
    app.state.settings = settings
    app.state.queries = queries
    app.add_middleware(
        CORSMiddleware,
        allow_origins=list(settings.cors_origins),
        allow_methods=["GET", "POST", "OPTIONS"],
        allow_headers=["Accept", "Authorization", "Content-Type"],
        expose_headers=list(EXPOSED_HEADERS),
        max_age=3600,
    )
    errors.install(app)
    app.include_router(sparql_router)
    app.add_api_route("/health", health, methods=["GET"], summary="Is the store readable? Triple count, build id")
    site = include_linked_data(app, settings)  # pages, resource IRIs, dumps, dataset description, the query page
    app.include_router(search_router(site))  # /search and /search.json (api.search)

    async def documentation(request: Request) -> HTMLResponse:
        return site.templates.TemplateResponse(request, "docs.html", {
            "title": app.title, "script": asset_url("swagger-ui-bundle.js"), "style": asset_url("swagger-ui.css")})

    app.add_api_route(DOCS_PATH, documentation, methods=["GET"], include_in_schema=False)
    app.add_api_route(ASSETS_PATH + "/{name}", swagger_asset, methods=["GET"], include_in_schema=False)
    return app


EXPOSED_HEADERS = (TRUNCATED_HEADER, LIMIT_HEADER, CACHE_HEADER)


class MrkgApplication(FastAPI):
    """FastAPI, with ``GET``/``POST /sparql`` answered before FastAPI's request machinery.

    Routing, dependency solving and the middleware stack cost FastAPI about a
    quarter of a millisecond per request, more than evaluating a point query;
    the endpoint is the service's hot path, so it is dispatched here, to the
    same :func:`api.sparql.answer` the documented route calls, with the same
    error handler and the same CORS headers.  Everything else (and CORS
    preflight) goes through FastAPI as usual.

    With ``sparql_first`` off, ``/sparql`` too goes through FastAPI to the
    documented route (:func:`api.sparql.sparql`): the test that both paths
    answer alike (``tests/api/test_sparql_paths.py``) runs one server each way.
    """

    sparql_first = True

    def openapi(self) -> dict[str, Any]:
        """FastAPI's description, with one operation id per operation.

        FastAPI gives every method of a route the same operation id, and
        OpenAPI requires ids to be unique: the HEAD twin of a GET route is left
        out (HEAD is GET without the body, RFC 9110 §9.3.2), and the other
        methods of one route (GET and POST /sparql) are told apart by their name.
        FastAPI warns of the shared ids while it writes the description; they are
        made unique here, so its warnings would only fill the log (issue 14).
        """
        if self.openapi_schema is None:
            with warnings.catch_warnings():
                warnings.filterwarnings("ignore", message="Duplicate Operation ID", category=UserWarning)
                schema = super().openapi()
            for operations in schema.get("paths", {}).values():
                if "get" in operations:
                    operations.pop("head", None)
                shared = [op.get("operationId") for op in operations.values()]
                for method, operation in operations.items():
                    if shared.count(operation.get("operationId")) > 1:
                        stem = operation["operationId"].rsplit("_", 1)[0]
                        operation["operationId"] = f"{stem}_{method}"
        return super().openapi()

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await super().__call__(scope, receive, send)
            return
        send = protected(send, scope["path"])
        send = interface_language.answered_in(scope, send)  # pages in English, French or Spanish (issue 14)
        if self.sparql_first and scope["path"] == "/sparql" and scope["method"] in ("GET", "POST"):
            await self._answer_sparql(scope, receive, send)
        else:
            await super().__call__(scope, receive, send)

    async def _answer_sparql(self, scope: Scope, receive: Receive, send: Send) -> None:
        scope["app"] = self  # as Starlette sets it: the query page renders templates with url_for
        scope.setdefault("router", self.router)
        queries: QueryService = self.state.queries
        request = Request(scope, receive)
        headers = request_headers(scope)
        settings: Settings = self.state.settings
        try:
            queries.expect_query()  # first: a worker primes itself while the request is read
            response = await answer(request, headers, queries, settings)
        except Exception as error:  # noqa: BLE001 - every error is answered in words (api.errors)
            response = errors.error_response(request, error)
        _allow_origin(response, headers.get("origin"), settings.cors_origins)
        await response(scope, receive, send)


def _allow_origin(response: Response, origin: str | None, allowed: tuple[str, ...]) -> None:
    """The CORS headers of a simple request, as CORSMiddleware writes them.

    ``Vary: Origin`` on every answer, with or without an Origin: whether the
    CORS headers are there depends on it, so a cache must not hand an answer
    without them to a page from another origin.
    """
    vary = [*response.headers.getlist("vary"), "Origin"]
    response.headers["Vary"] = ", ".join(vary)
    if origin is None or not ("*" in allowed or origin in allowed):
        return
    response.headers["Access-Control-Allow-Origin"] = "*" if "*" in allowed else origin
    response.headers["Access-Control-Expose-Headers"] = ", ".join(EXPOSED_HEADERS)


def app_from_environment() -> FastAPI:
    """For ``uvicorn --factory api.app:app_from_environment`` (settings from MRKG_ variables)."""
    return create_app(Settings.from_env())
