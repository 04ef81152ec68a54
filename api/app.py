"""The HTTP face: ``create_app(settings)`` gives the FastAPI application.

    /sparql     SPARQL 1.1 Protocol (api.sparql); GET without a query: service description
    /health     is the store loaded, how many triples, which build (JSON)
    /docs       OpenAPI documentation

The application holds its settings and its :class:`~graph.query_pool.QueryService`
on ``app.state``; the worker processes start and stop with the application.
Run it with ``mrkg serve`` (uvicorn, uvloop, httptools).
"""
from __future__ import annotations

from contextlib import asynccontextmanager
from typing import AsyncIterator

from fastapi import FastAPI, Request
from starlette.middleware.cors import CORSMiddleware
from starlette.responses import JSONResponse

from api import errors
from api.sparql import LIMIT_HEADER, TRUNCATED_HEADER
from api.sparql import router as sparql_router
from graph.errors import MrkgError
from graph.query_pool import QueryService
from graph.settings import Settings
from graph.vocab import PREFIXES


def create_app(settings: Settings | None = None) -> FastAPI:
    settings = settings or Settings.from_env()
    if settings.update_enabled and not settings.update_token:
        raise MrkgError("MRKG_UPDATE_ENABLED needs MRKG_UPDATE_TOKEN: updates must be authenticated")
    queries = QueryService(settings, prefixes={name: str(ns) for name, ns in PREFIXES.items()})

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        await queries.start()
        try:
            yield
        finally:
            await queries.close()

    app = FastAPI(
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
        expose_headers=[TRUNCATED_HEADER, LIMIT_HEADER],
        max_age=3600,
    )
    errors.install(app)
    app.include_router(sparql_router)
    app.add_api_route("/health", health, methods=["GET"], summary="Is the store loaded? Triple count, build id")
    return app


async def health(request: Request) -> JSONResponse:
    """200 when the store answers, with its triple count and build id; 503 otherwise."""
    queries: QueryService = request.app.state.queries
    settings: Settings = request.app.state.settings
    published = queries.store()
    known = queries.pool.state.store
    if published is not None and known.get("path") != str(published.path):
        try:  # a new build was published, or the store was missing: ask a worker
            reply = await queries.status()
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
                    "timeouts": queries.pool.state.timeouts},
        "limits": {"query_timeout_seconds": settings.query_timeout, "max_rows": settings.max_rows,
                   "update_enabled": settings.update_enabled},
    }
    return JSONResponse(body, 200 if loaded else 503)


def app_from_environment() -> FastAPI:
    """For ``uvicorn --factory api.app:app_from_environment`` (settings from MRKG_ variables)."""
    return create_app(Settings.from_env())
