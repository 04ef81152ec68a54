"""The HTTP face: ``create_app(settings)`` gives the FastAPI application.

    /sparql     SPARQL 1.1 Protocol (api.sparql); GET without a query: service description,
                or the query page to a browser
    /health     is the store loaded, how many triples, which build (JSON)
    /docs       OpenAPI documentation
    /, /id/…, /ontology, /query, /dumps, …   linked data (api.linked_data)

The application holds its settings and its :class:`~graph.query_pool.QueryService`
on ``app.state``; the worker processes start and stop with the application.
Run it with ``mrkg serve`` (uvicorn, uvloop, httptools).
"""
from __future__ import annotations

from contextlib import asynccontextmanager
from typing import AsyncIterator

from fastapi import FastAPI, Request
from starlette.middleware.cors import CORSMiddleware
from starlette.responses import JSONResponse, Response
from starlette.types import Receive, Scope, Send

from api import errors
from api.linked_data import include_linked_data
from api.sparql import CACHE_HEADER, LIMIT_HEADER, TRUNCATED_HEADER, answer, request_headers
from api.sparql import router as sparql_router
from graph.errors import MrkgError
from graph.query_service import QueryService
from graph.settings import Settings
from graph.vocab import PREFIX_MAP


def create_app(settings: Settings | None = None) -> FastAPI:
    settings = settings or Settings.from_env()
    if settings.update_enabled and not settings.update_token:
        raise MrkgError("MRKG_UPDATE_ENABLED needs MRKG_UPDATE_TOKEN: updates must be authenticated")
    queries = QueryService(settings, prefixes=PREFIX_MAP)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        await queries.start()
        try:
            yield
        finally:
            await queries.close()

    app = MrkgApplication(
        title="mrkg — Migrant Rights Knowledge Graph",
        summary="SPARQL 1.1 endpoint over the international instruments on migrant workers' rights, "
                "their provisions, and who said what about them.",
        version="0.1.0",
        lifespan=lifespan,
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
    app.add_api_route("/health", health, methods=["GET"], summary="Is the store loaded? Triple count, build id")
    include_linked_data(app, settings)  # pages, resource IRIs, dumps, dataset description, the query page
    return app


HEALTH_TIMEOUT = 5.0  # seconds /health waits for a worker before it answers with what it knows
EXPOSED_HEADERS = (TRUNCATED_HEADER, LIMIT_HEADER, CACHE_HEADER)


class MrkgApplication(FastAPI):
    """FastAPI, with ``GET``/``POST /sparql`` answered before FastAPI's request machinery.

    Routing, dependency solving and the middleware stack cost FastAPI about a
    quarter of a millisecond per request, more than evaluating a point query;
    the endpoint is the service's hot path, so it is dispatched here, to the
    same :func:`api.sparql.answer` the documented route calls, with the same
    error handler and the same CORS headers.  Everything else (and CORS
    preflight) goes through FastAPI as usual.
    """

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and scope["path"] == "/sparql" and scope["method"] in ("GET", "POST"):
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
        origin = headers.get("origin")
        if origin is not None:
            _allow_origin(response, origin, settings.cors_origins)
        await response(scope, receive, send)


def _allow_origin(response: Response, origin: str, allowed: tuple[str, ...]) -> None:
    """The CORS headers of a simple request, as CORSMiddleware writes them."""
    if "*" in allowed:
        response.headers["Access-Control-Allow-Origin"] = "*"
    elif origin in allowed:
        response.headers["Access-Control-Allow-Origin"] = origin
        response.headers.append("Vary", "Origin")
    else:
        return
    response.headers["Access-Control-Expose-Headers"] = ", ".join(EXPOSED_HEADERS)


async def health(request: Request) -> JSONResponse:
    """200 when the store answers, with its triple count and build id; 503 otherwise."""
    queries: QueryService = request.app.state.queries
    settings: Settings = request.app.state.settings
    published = queries.store()
    known = queries.pool.state.store
    if published is not None and known.get("path") != str(published.path):
        try:  # a new build was published, or the store was missing: ask a worker
            reply = await queries.status(timeout=HEALTH_TIMEOUT)
            if reply.status != 200:
                known = {"error": reply.header.get("error")}
            else:
                known = reply.header.get("store", known)
        except MrkgError as error:
            known = {"error": str(error)}
    loaded = "triples" in known
    body = {
        "status": "ok" if loaded else "unavailable",
        "backend": queries.backend,
        "store": {
            "loaded": loaded,
            "build_id": published.build_id if published else None,
            "path": str(published.path) if published else settings.external_endpoint,
            "triples": known.get("triples"),
            **({"error": known["error"]} if "error" in known else {}),
        },
        "workers": {"count": queries.pool.size, "restarts": queries.pool.state.restarts,
                    "timeouts": queries.pool.state.timeouts,
                    # graph.sandbox: whether the workers are shut off from the network
                    "sandbox": queries.pool.state.sandbox},
        "cache": {"capacity_bytes": queries.cache.capacity, "bytes": queries.cache.size,
                  "hits": queries.cache.hits, "misses": queries.cache.misses},
        "limits": {"query_timeout_seconds": settings.query_timeout, "max_rows": settings.max_rows,
                   "update_enabled": settings.update_enabled},
    }
    return JSONResponse(body, 200 if loaded else 503)


def app_from_environment() -> FastAPI:
    """For ``uvicorn --factory api.app:app_from_environment`` (settings from MRKG_ variables)."""
    return create_app(Settings.from_env())
