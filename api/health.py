"""``/health``, and the watch over the published build that keeps it true.

``/health`` answers 200 when the store answers, with its build id, triple
count, workers, cache and limits; 503 otherwise, saying why in words: the
state is ``ok``, ``store unreadable`` or ``nothing published``.  It shows no
file path (issue 10, point 11): a build id and a state say enough.

A store damaged under a running server does not fail loudly: its reads come
back empty (see :func:`api.release.fingerprint`).  So the web process looks
at the published build's files every second (in a thread) and tells the
query service which store it must not answer from; pages and dumps ask
:class:`~api.release.Releases` directly.  A new build is a new folder, so
publishing one clears the state by itself.
"""
from __future__ import annotations

import asyncio
import logging

from fastapi import Request
from starlette.responses import JSONResponse

from api.release import UNREADABLE, Releases, StoreState
from graph.errors import MrkgError
from graph.store.endpoint import QueryService
from graph.settings import Settings

log = logging.getLogger("mrkg.api")

HEALTH_TIMEOUT = 5.0  # seconds /health waits for a worker before it answers with what it knows
WATCH_INTERVAL = 1.0  # seconds between two looks at the published build


async def watch_store(releases: Releases, queries: QueryService, interval: float = WATCH_INTERVAL) -> None:
    """Until cancelled: keep ``queries.unreadable`` in step with the published build's state."""
    while True:
        try:
            state = await asyncio.to_thread(releases.state)
        except Exception:  # noqa: BLE001 - the watch must outlive any one failure; the next look tries again
            log.exception("cannot look at the published build")
        else:
            _tell(queries, state)
        await asyncio.sleep(interval)


def _tell(queries: QueryService, state: StoreState) -> None:
    if state.state == UNREADABLE and state.path is not None:
        queries.unreadable = {str(state.path / "store"): state.reason or UNREADABLE}
    elif queries.unreadable:
        queries.unreadable = {}


async def health(request: Request) -> JSONResponse:
    """200 when the store answers, with its triple count and build id; 503 with the reason otherwise."""
    queries: QueryService = request.app.state.queries
    settings: Settings = request.app.state.settings
    store: dict[str, object]
    if queries.backend == "embedded":
        state = await asyncio.to_thread(request.app.state.linked_data.releases.state)
        _tell(queries, state)
        store = {"state": state.state, "build_id": state.build_id}
        if state.readable:
            store.update(await _worker_view(queries))
        else:
            store["error"] = state.reason
    else:
        store = {"state": "ok", "build_id": None, **await _worker_view(queries)}
    loaded = "triples" in store and "error" not in store
    if not loaded and store["state"] == "ok":
        store["state"] = "store unreadable"
    body = {
        "status": "ok" if loaded else "unavailable",
        "backend": queries.backend,
        "store": {"loaded": loaded, **store},
        "workers": {"count": queries.pool.size, "restarts": queries.pool.state.restarts,
                    "timeouts": queries.pool.state.timeouts, "cancelled": queries.pool.state.cancelled,
                    # graph.sandbox: whether the workers are shut off from the network
                    "sandbox": queries.pool.state.sandbox},
        "cache": {"capacity_bytes": queries.cache.capacity, "bytes": queries.cache.size,
                  "hits": queries.cache.hits, "misses": queries.cache.misses},
        "limits": {"query_timeout_seconds": settings.query_timeout, "max_rows": settings.max_rows,
                   "update_enabled": settings.update_enabled},
    }
    return JSONResponse(body, 200 if loaded else 503)


async def _worker_view(queries: QueryService) -> dict[str, object]:
    """The triple count a worker reported for the published store (asking one when the build changed)."""
    published = queries.store()
    known = queries.pool.state.store
    if published is None or known.get("path") != str(published.path):
        try:  # a new build was published, or the store was missing: ask a worker
            reply = await queries.status(timeout=HEALTH_TIMEOUT)
            if reply.status != 200:
                return {"error": reply.header.get("error")}
            known = reply.header.get("store", known)
        except MrkgError as error:
            return {"error": str(error)}
    if "triples" not in known:
        return {"error": known.get("error", "the store has not answered yet")}
    return {"triples": known["triples"]}
