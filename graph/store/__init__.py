"""The published data, and the one door through which code reaches it.

Every reader of the published graph — ``/sparql``, every page, ``mrkg query``,
``mrkg validate`` — holds a :class:`PublishedData` and calls its ``query``;
which build is live is decided in one place (:mod:`graph.store.release`).

    release.py         var/current → the live release (resolved per request)
    backends.py        where a query meets an engine: the embedded pyoxigraph store or an external
                       SPARQL 1.1 server (both answer with Oxigraph's result objects)
    worker.py          a process holding one backend; the guard, the row cap and the result formats
                       are applied there, and the service ends it when a query outlives the time limit
    worker_pool.py     workers driven from the event loop (the SPARQL endpoint)
    blocking_pool.py   workers called from threads (the pages, the command line)
    workers.py         how a worker is started, whichever pool asks for it
    thread_pool.py     queries evaluated in threads of a serving process instead (MRKG_SERVER_PROCESSES):
                       a runaway query retires its whole process
    readers.py         PooledData: the door for the pages and the command line, over a blocking pool
    endpoint.py        QueryService: the door for /sparql, over the async pool, with the answer cache
    answer_cache.py    answers to repeated queries on the same build
    result_formats.py  answers written in the negotiated format, cut at the row cap
    terminal.py        answers printed for a person at the terminal (``mrkg query``)

The same time limit (``MRKG_QUERY_TIMEOUT``) holds at every door, and the same
backend (``MRKG_EXTERNAL_ENDPOINT`` when set, the published build otherwise).
What differs does so on purpose, and is said where it is set:

- ``/sparql`` takes texts as clients wrote them: no predefined prefixes, the
  guard on every text, answers cut at ``MRKG_MAX_ROWS``.
- the pages run the service's own queries: ``PREFIX_MAP`` is declared for them,
  they skip the guard (their variable parts are IRIs the engine parsed, bounded
  numbers and literals the engine wrote), and their rows are bounded by the
  page itself (a LIMIT, one resource), never by the endpoint's row cap.
- ``mrkg query`` is a person at a terminal: ``PREFIX_MAP`` is declared for
  convenience, the guard and the row cap hold as on ``/sparql``.
- ``mrkg validate`` reads the whole graph (``CONSTRUCT``) with no row cap: a
  check of part of the graph would not be a check.
"""
from __future__ import annotations

from typing import Mapping, Protocol

from graph.store.backends import UNION, Answer, Dataset, declare, triples_of


class PublishedData(Protocol):
    """The published graph, whatever holds it: what the pages, the CLI and the checks are given."""

    def query(self, text: str, dataset: Dataset = UNION, *,
              prefixes: Mapping[str, str] | None = None) -> Answer:
        """Evaluate ``text`` on ``dataset``, with ``prefixes`` declared for it (only those it uses)."""
        ...


__all__ = ["Answer", "Dataset", "PublishedData", "UNION", "declare", "triples_of"]
