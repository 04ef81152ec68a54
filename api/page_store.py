"""The published store as the pages read it: through reader processes that can be ended.

Pages run their own fixed queries, a dozen per page, from FastAPI's thread
pool.  They used to run them on a store opened in the web process, and a
store whose tables are emptied under the running server made the engine
spin inside one call for ever — a CPU held, a page never answered, and for
some queries (a count) memory growing by hundreds of MB a second — and a
thread cannot be stopped (issue 10, point 9; measured on pyoxigraph 0.5.13).
A process can: each read of a page goes to a reader, a ``graph.query_worker``
with the SPARQL workers' settings but read-only, in a pool of its own
(:class:`~graph.blocking_pool.BlockingPool`, as many as ``MRKG_QUERY_WORKERS``),
so that runaway queries at the endpoint never hold a page, and called from the
page's own thread, so that a busy event loop never delays it.

:class:`PageStore` offers the two calls the views make, ``query`` and
``quads_for_pattern``, and answers with Oxigraph's own objects, read back from
what the reader wrote.  Before each read it asks the release whether its
files are still as published (a stat of its files, at most once per
``api.release.CHECK_INTERVAL``); while a read runs it keeps asking, every
``graph.blocking_pool.WATCH_STEP``, and the reader is ended as soon as they
changed, so the page gets 503 in words within a fraction of a second instead
of a hung thread.  A read past ``MRKG_QUERY_TIMEOUT`` is ended the same way.
"""
from __future__ import annotations

import logging
from dataclasses import replace
from pathlib import Path
from typing import Any, Callable, Iterable

import pyoxigraph as ox

from graph.blocking_pool import BlockingPool
from graph.errors import QueryTimeout, StoreDamaged, StoreError
from graph.quad_pattern import Term, pattern_header, read_quads
from graph.query_pool import Reply
from graph.query_worker import WorkerConfig
from graph.settings import Settings
from graph.store import published_store

log = logging.getLogger("mrkg.api")

# A page's query is bounded by the page itself (a LIMIT, one resource): never cut by the endpoint's row cap.
UNCAPPED_ROWS = 2**40
WARM_UP = "ASK { ?s ?p ?o }"


class PageReaders:
    """The reader processes of the pages, started and stopped with the application."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.pool: BlockingPool | None = None

    def start(self, config: WorkerConfig) -> None:
        """Start the readers (with the SPARQL workers' ``config``, read-only); each opens the published store first."""
        reader = replace(config, writable=False, external_endpoint="", external_update_endpoint="", sandbox=True,
                         allowlist=(), describe_store=False, guard=False)
        self.pool = BlockingPool(reader, self.settings.query_workers, opening=self._opening)
        self.pool.start()

    def close(self) -> None:
        if self.pool is not None:
            self.pool.close()

    def read(self, header: dict[str, Any], payload: bytes, intact: Callable[[], None]) -> Reply:
        """One read, in the calling thread; ``intact`` raises once the store is found damaged, ending the read."""
        if self.pool is None:
            raise StoreError("the pages' readers are not running")
        return self.pool.call(header, payload, self.settings.query_timeout, intact)

    def _opening(self) -> tuple[dict[str, Any], bytes] | None:
        store = published_store(self.settings.current_dir).path
        return (_query_header(str(store), False), WARM_UP.encode()) if store.is_dir() else None


class PageStore:
    """One release's store, read by :class:`PageReaders`; what the views are given instead of an ``ox.Store``."""

    def __init__(self, readers: PageReaders, path: Path, check: Callable[[], None],
                 found_damaged: Callable[[str], None]) -> None:
        self.readers = readers
        self.path = path
        self._check = check  # raises StoreError once the release's files are found changed
        self._found_damaged = found_damaged  # a reader met damage the files did not show: the release is unreadable

    def query(self, query: str, *, prefixes: dict[str, str] | None = None,
              use_default_graph_as_union: bool = False) -> ox.QuerySolutions | ox.QueryBoolean | list[ox.Triple]:
        """As ``ox.Store.query``: solutions or a boolean as Oxigraph's objects, a graph as a list of triples.

        For the service's own queries only: the readers skip the guard that
        every text sent to ``/sparql`` goes through (they are cut off from the
        network all the same).
        """
        # Only the prefixes the text may use: each declaration costs the reader's parser time on every read.
        declared = "".join(f"PREFIX {name}: <{namespace}>\n" for name, namespace in (prefixes or {}).items()
                           if f"{name}:" in query)
        header = _query_header(str(self.path), use_default_graph_as_union)
        reply = self._read(header, (declared + query).encode("utf-8"))
        if reply.header.get("format") == "ntriples":
            return list(ox.parse(reply.body, format=ox.RdfFormat.N_TRIPLES))
        return ox.parse_query_results(reply.body, format=ox.QueryResultsFormat.JSON)

    def quads_for_pattern(self, subject: Term | None, predicate: Term | None, object: Term | None,
                          graph_name: Term | None = None) -> Iterable[ox.Quad]:
        """As ``ox.Store.quads_for_pattern`` (blank nodes keep the store's labels, so a page can follow them)."""
        header = {"op": "quads", "store": str(self.path), **pattern_header(subject, predicate, object, graph_name)}
        return read_quads(self._read(header, b"").body)

    def _read(self, header: dict[str, Any], payload: bytes) -> Reply:
        self._check()
        try:
            reply = self.readers.read(header, payload, self._check)
        except QueryTimeout:
            raise QueryTimeout(f"reading this page took longer than the time limit of "
                               f"{self.readers.settings.query_timeout:g} s and was stopped; try again later") from None
        if reply.status == 503:
            reason = str(reply.header.get("error") or "store unreadable")
            if reason == StoreDamaged.public:  # the worker met damage (graph.query_worker says so in these words)
                self._found_damaged(reason)
            raise StoreError(reason)
        if reply.status != 200:  # a page's own query refused: a fault of the service, logged as such
            raise RuntimeError(f"a page's read was refused ({reply.status}): {reply.header.get('error')}")
        return reply


def _query_header(store: str, union: bool) -> dict[str, Any]:
    return {"op": "query", "store": store, "default_graphs": [], "named_graphs": [], "union": union,
            "results": "json", "graph": "ntriples", "max_rows": UNCAPPED_ROWS, "gzip": False, "base": None}
