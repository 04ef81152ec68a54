"""The published data read from threads, through worker processes that can be ended.

This is the door of the pages, ``mrkg query`` and ``mrkg validate``
(:class:`PooledData`, a :class:`graph.store.PublishedData`); ``/sparql``
has its own, async one (:mod:`graph.store.endpoint`).  Both send their
queries to the same workers (:mod:`graph.store.worker`), which hold the same
backend: the published build, or the external server when
``MRKG_EXTERNAL_ENDPOINT`` is set — so the pages of a deployment on an
external server show what its endpoint answers.

Why processes, even for the pages' own fixed queries: they used to run on a
store opened in the web process, and a store whose tables are emptied under
the running server made the engine spin inside one call for ever — a CPU
held, a page never answered, and for some queries (a count) memory growing by
hundreds of MB a second — and a thread cannot be stopped (issue 10, point 9;
measured on pyoxigraph 0.5.13).  A process can: each read goes to a reader in
a pool of its own (:class:`~graph.store.blocking_pool.BlockingPool`, as many
as ``MRKG_QUERY_WORKERS``), so that runaway queries at the endpoint never
hold a page, and called from the page's own thread, so that a busy event loop
never delays it.

Before each read :class:`PooledData` asks its release whether its files are
still as published (``check``: a stat of its files, at most once per
``api.release.CHECK_INTERVAL``); while a read runs it keeps asking, every
``graph.store.blocking_pool.WATCH_STEP``, and the reader is ended as soon as
they changed, so the page gets 503 in words within a fraction of a second
instead of a hung thread.  A read past ``MRKG_QUERY_TIMEOUT`` is ended the same way.
"""
from __future__ import annotations

import logging
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path
from typing import Any, Callable, Iterator, Mapping, NamedTuple

import pyoxigraph as ox

from graph.errors import QueryError, QueryTimeout, StoreDamaged, StoreError
from graph.settings import Settings
from graph.store.backends import UNION, Answer, Dataset, declare
from graph.store.blocking_pool import BlockingPool
from graph.store.release import published_store
from graph.store.worker import WorkerConfig
from graph.store.workers import Reply

log = logging.getLogger("mrkg.store")

# A page's query is bounded by the page itself (a LIMIT, one resource): never cut by the endpoint's row cap.
UNCAPPED_ROWS = 2**40
WARM_UP = "ASK { ?s ?p ?o }"


class Read(NamedTuple):
    """An answer, and whether the row cap cut it."""

    answer: Answer
    truncated: bool


class Readers:
    """Reader processes, started and stopped with whoever reads through them (the application, a command).

    ``guard``: texts are read for remote calls and depth first, as on
    ``/sparql`` (the pages' own queries skip it: see ``WorkerConfig.guard``).
    ``row_cap``: answers are cut past it (the pages' are bounded by the page).
    ``warm``: each reader opens the store before its first caller comes (a
    server's readers; a command's one reader goes straight to its query).
    """

    def __init__(self, settings: Settings, *, guard: bool = False, row_cap: int = UNCAPPED_ROWS,
                 size: int | None = None, warm: bool = True) -> None:
        self.settings = settings
        self.guard = guard
        self.row_cap = row_cap
        self.size = size or settings.query_workers
        self.warm = warm
        self.pool: BlockingPool | None = None

    def start(self, config: WorkerConfig | None = None) -> None:
        """Start the readers (with the SPARQL workers' ``config``, read-only); each opens the published store first."""
        config = config or WorkerConfig.for_settings(self.settings)
        allowlist = config.allowlist if self.guard else ()
        reader = replace(config, writable=False, external_update_endpoint="", allowlist=allowlist,
                         sandbox=not config.external_endpoint and not allowlist, describe_store=False,
                         guard=self.guard)
        self.pool = BlockingPool(reader, self.size, opening=self._opening if self.warm else lambda: None)
        self.pool.start()

    def close(self) -> None:
        if self.pool is not None:
            self.pool.close()

    def read(self, header: dict[str, Any], payload: bytes, intact: Callable[[], None]) -> Reply:
        """One read, in the calling thread; ``intact`` raises once the store is found damaged, ending the read."""
        if self.pool is None:
            raise StoreError("the readers of the published data are not running")
        return self.pool.call(header, payload, self.settings.query_timeout, intact)

    def _opening(self) -> tuple[dict[str, Any], bytes] | None:
        store = published_store(self.settings.current_dir).path
        if not store.is_dir() and not self.settings.external_endpoint:
            return None
        return query_header(str(store), UNION, UNCAPPED_ROWS), WARM_UP.encode()


def _nothing(*_: object) -> None:
    return None


class PooledData:
    """One release's data, read by :class:`Readers`: what the views are given, and the command line uses.

    ``check`` raises StoreError once the release's files are found changed;
    ``found_damaged`` is told when a reader met damage the files did not show.
    """

    def __init__(self, readers: Readers, path: Path, check: Callable[[], None] = _nothing,
                 found_damaged: Callable[[str], None] = _nothing) -> None:
        self.readers = readers
        self.path = path
        self._check = check
        self._found_damaged = found_damaged

    def query(self, text: str, dataset: Dataset = UNION, *, prefixes: Mapping[str, str] | None = None) -> Answer:
        """Solutions or a boolean as Oxigraph's objects, a graph as a list of triples.

        Blank nodes keep the labels of one answer: a page follows them inside
        one query (``api.views.resources.describe``), never across two.
        """
        return self.read(text, dataset, prefixes=prefixes).answer

    def read(self, text: str, dataset: Dataset = UNION, *, prefixes: Mapping[str, str] | None = None) -> Read:
        """As :meth:`query`, saying whether the row cap cut the answer."""
        header = query_header(str(self.path), dataset, self.readers.row_cap)
        reply = self._read(header, declare(prefixes, text).encode("utf-8"))
        truncated = bool(reply.header.get("truncated"))
        if reply.header.get("format") == "ntriples":
            return Read([quad.triple for quad in ox.parse(reply.body, format=ox.RdfFormat.N_TRIPLES)], truncated)
        return Read(ox.parse_query_results(reply.body, format=ox.QueryResultsFormat.JSON), truncated)

    def _read(self, header: dict[str, Any], payload: bytes) -> Reply:
        self._check()
        try:
            reply = self.readers.read(header, payload, self._check)
        except QueryTimeout:
            raise QueryTimeout(f"the read took longer than the time limit of {self.readers.settings.query_timeout:g} s"
                               " (MRKG_QUERY_TIMEOUT) and was stopped; try again later") from None
        if reply.status == 503:
            reason = str(reply.header.get("error") or "store unreadable")
            if reason == StoreDamaged.public:  # the worker met damage (graph.store.worker says so in these words)
                self._found_damaged(reason)
                raise StoreDamaged(str(self.path), "found while reading it")
            raise StoreError(reason)
        if reply.status != 200 and self.readers.guard:  # someone's own text: refused in words
            raise QueryError(_refusal(reply.header), reply.status)
        if reply.status != 200:  # a page's own query refused: a fault of the service, logged as such
            raise RuntimeError(f"a page's read was refused ({reply.status}): {reply.header.get('error')}")
        return reply


def _refusal(header: dict[str, Any]) -> str:
    error = str(header.get("error") or "the query was refused")
    return f"malformed query: {error}" if header.get("syntax") or "line" in header else error


def query_header(store: str, dataset: Dataset, row_cap: int) -> dict[str, Any]:
    """A query request to a worker (``graph.store.worker``), answered as SPARQL JSON or N-Triples."""
    return {"op": "query", "store": store, "default_graphs": list(dataset.default_graphs),
            "named_graphs": list(dataset.named_graphs), "union": dataset.union_default_graph,
            "results": "json", "graph": "ntriples", "max_rows": row_cap, "gzip": False, "base": None}


@contextmanager
def published_data(settings: Settings, *, guard: bool, row_cap: int) -> Iterator[PooledData]:
    """The live release, read by one reader of its own: for a command that reads and ends.

    The reader is a worker like the endpoint's, so a query at the terminal
    meets the same time limit, and Ctrl+C ends its process as a timeout would.
    """
    release = published_store(settings.current_dir)
    if not settings.external_endpoint and not release.path.is_dir():
        raise StoreError("no published store: run `mrkg build` first")
    readers = Readers(settings, guard=guard, row_cap=row_cap, size=1, warm=False)
    readers.start()
    try:
        yield PooledData(readers, release.path)
    finally:
        readers.close()
