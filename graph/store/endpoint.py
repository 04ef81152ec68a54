"""The SPARQL endpoint's door to the data: which store, which worker, which cache.

``/sparql`` calls a :class:`QueryService`: it picks the store a request is
answered from, sends the request to a worker of its
:class:`~graph.store.worker_pool.QueryPool` (a worker can be ended when its query
runs past the time limit), and keeps answers to repeated queries
(:mod:`graph.store.answer_cache`).  It is async, and answers in bytes already
written in the client's format; the pages and the command line read the same
workers' answers as Oxigraph objects, from threads (:mod:`graph.store.readers`).
"""
from __future__ import annotations

import asyncio
import os
from typing import Any

import orjson

from graph.store.answer_cache import AnswerCache, cacheable
from graph.errors import QueryError, StoreError
from graph.hang_up import HangUp
from graph.store.thread_pool import ThreadPool
from graph.store.worker_pool import QueryPool
from graph.store.workers import Reply
from graph.store.worker import WorkerConfig
from graph.settings import Settings
from graph.store.backends import Dataset
from graph.store.release import Published, published_store


class QueryService:
    """The one way into the data for the HTTP face and anything else that queries.

    It owns the worker pool and knows which store a request is answered from:
    the published build (``var/current/store``, read-only, resolved per request
    so that ``mrkg build`` can swap it under a running service), the scratch
    store (one read-write worker, when SPARQL Update is enabled), or an
    external SPARQL server.
    """

    def __init__(self, settings: Settings, prefixes: dict[str, str] | None = None, in_process: bool = False) -> None:
        self.settings = settings
        config = WorkerConfig.for_settings(settings, prefixes)
        writable = config.writable
        # A read-write store has one writer: a single worker serialises updates and queries.
        # ``in_process``: this is one of several serving processes, which evaluate in threads (graph.store.thread_pool).
        self.pool: QueryPool | ThreadPool = (ThreadPool(config, settings.query_workers) if in_process and not writable
                                             else QueryPool(config, 1 if writable else settings.query_workers))
        self._fixed_store = (settings.current_dir / "store") if writable else None
        self._current_dir = os.fspath(settings.current_dir)  # read per request: kept as a str (graph.store)
        # Only a published build never changes: no cache for a scratch store or an external server.
        immutable = not writable and not settings.external_endpoint
        self.cache = AnswerCache(settings.result_cache_mb * 2**20 if immutable else 0)
        # Store path → why it cannot be read: set by whoever watches the published build (api.health),
        # since a damaged store's reads come back empty rather than failing (issue 10, point 9).
        self.unreadable: dict[str, str] = {}

    @property
    def backend(self) -> str:
        return "external" if self.settings.external_endpoint else "embedded"

    async def start(self) -> None:
        await self.pool.start()
        # Open the store in every worker now, so the first queries do not pay for it.
        await asyncio.gather(*(self.status() for _ in range(self.pool.size)), return_exceptions=True)

    async def close(self) -> None:
        await self.pool.close()

    def store(self) -> Published | None:
        if self.settings.external_endpoint:
            return None
        if self._fixed_store is not None:
            return Published(self._fixed_store, self._fixed_store.parent.name)
        return published_store(self._current_dir)

    def _store_path(self) -> str | None:
        store = self.store()
        return str(store.path) if store else None

    def _header(self, op: str) -> dict[str, Any]:
        return {"op": op, "store": self._store_path()}

    def expect_query(self) -> None:
        """A request that may carry a query has arrived: let a worker get ready while it is read."""
        if not self.settings.external_endpoint:
            self.pool.wake()

    async def query(self, text: str, dataset: Dataset, results: str | None, graph: str | None,
                    gzip: bool = False, base_iri: str | None = None, row_bound: int | None = None,
                    read: bool = False, hang_up: HangUp | None = None) -> Reply:
        """Evaluate in a worker; ``results``/``graph`` name the format for each kind of answer (None: refuse).

        ``row_bound`` is a number of rows the query cannot exceed (its own LIMIT,
        read by the caller): an answer within the row cap is then not counted.
        ``read``: the caller could not tell the query's form, dataset clauses or
        LIMIT at a glance; the worker reads them (``dataset`` then assumes no FROM).
        ``hang_up`` returns when the client has gone: the query is then stopped
        (``QueryAbandoned``, see ``graph.store.worker_pool``).

        A repeated query on the same build is answered from :mod:`graph.store.answer_cache`
        (the reply's header then has ``"cached": True``).
        """
        store = self._store_path()
        if store in self.unreadable:
            raise StoreError(self.unreadable[store])
        payload = text.encode("utf-8")
        key = None
        if self.cache.capacity and cacheable(text):
            key = self.cache.key(store, payload, dataset, results, graph, gzip, base_iri)
            cached = self.cache.get(key)
            if cached is not None:
                return cached  # type: ignore[return-value]
        header = {"op": "query", "store": store, "default_graphs": dataset.default_graphs,
                  "named_graphs": dataset.named_graphs, "union": dataset.union_default_graph,
                  "results": results, "graph": graph, "max_rows": self.settings.max_rows, "bound": row_bound,
                  "gzip": gzip, "base": base_iri, "read": read}
        reply = await self.pool.call(header, payload, self.settings.query_timeout, hang_up)
        if key is not None and reply.status == 200:
            self.cache.keep(key, Reply({**reply.header, "cached": True}, reply.body), len(reply.body))
        return reply

    async def update(self, text: str, base_iri: str | None = None, using: tuple[str, ...] = (),
                     using_named: tuple[str, ...] = ()) -> Reply:
        """Apply an update in the worker; ``using``/``using_named`` are the protocol's using-graph-uri parameters."""
        header = {**self._header("update"), "base": base_iri, "using": using, "using_named": using_named}
        return await self.pool.call(header, text.encode("utf-8"), self.settings.query_timeout)

    async def status(self, timeout: float | None = None) -> Reply:
        """Open the store in a worker (if needed) and report its path and triple count."""
        return await self.pool.call(self._header("status"), b"", timeout or self.settings.query_timeout)

    async def select(self, text: str) -> list[dict[str, Any]]:
        """A SELECT query's rows as SPARQL JSON bindings ({variable: {"type", "value", …}})."""
        reply = await self.query(text, Dataset(union_default_graph=self.settings.union_default_graph), "json", None)
        if reply.status != 200:
            raise QueryError(reply.header.get("error", "query failed"), reply.status)
        return orjson.loads(reply.body)["results"]["bindings"]  # type: ignore[no-any-return]
