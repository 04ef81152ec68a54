"""The query worker on its own: what it sends back for a query, without a process around it."""
from __future__ import annotations

import gzip

import orjson
import pytest

from live_service import SAMPLE, build_store
from graph.store.worker import GZIP_MIN_BYTES, QueryWorker, WorkerConfig


@pytest.fixture(scope="module")
def worker(tmp_path_factory: pytest.TempPathFactory) -> QueryWorker:
    store = build_store(SAMPLE, tmp_path_factory.mktemp("var")).resolve()
    worker = QueryWorker(WorkerConfig())
    worker.handle({"op": "status", "store": str(store)}, b"")
    return worker


def ask(worker: QueryWorker, text: str, accepts_gzip: bool) -> tuple[dict[str, object], bytes]:
    request = {"op": "query", "store": worker.store_path, "default_graphs": [], "named_graphs": [], "union": True,
               "results": "json", "graph": "ntriples", "max_rows": 100_000, "gzip": accepts_gzip, "base": None}
    return worker.handle(request, text.encode("utf-8"))


def test_answers_within_the_initial_congestion_window_are_sent_as_they_are(worker: QueryWorker) -> None:
    text = "SELECT ?s ?p ?o WHERE { ?s ?p ?o } ORDER BY ?s ?p ?o LIMIT 20"
    header, body = ask(worker, text, accepts_gzip=True)
    assert header["status"] == 200 and header["gzip"] is False
    assert 1460 < len(body) < GZIP_MIN_BYTES  # more than a packet, less than ten
    assert len(orjson.loads(body)["results"]["bindings"]) == 20


def test_longer_answers_are_gzipped_when_the_client_accepts_it(worker: QueryWorker) -> None:
    text = "SELECT ?s ?p ?o WHERE { ?s ?p ?o }"
    header, body = ask(worker, text, accepts_gzip=True)
    assert header["gzip"] is True
    plain = gzip.decompress(body)
    assert len(plain) >= GZIP_MIN_BYTES and len(orjson.loads(plain)["results"]["bindings"]) == 306
    header, body = ask(worker, text, accepts_gzip=False)
    assert header["gzip"] is False and body == plain
