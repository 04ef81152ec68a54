"""The real peers, started and stopped the way the benchmark does, answer the mix alike."""
from __future__ import annotations

import os
from pathlib import Path

import pyoxigraph as ox
import pytest

from benchmarks import datasets, servers
from benchmarks.measure import Endpoint
from benchmarks.query_mix import MIX, find_pools
from benchmarks.run import Counts, measure_query

pytestmark = pytest.mark.slow
COUNTS = Counts(warmup=1, requests=4, concurrent_requests=4, clients=2, seconds=30)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True


def test_oxigraph_and_rdflib_endpoint_agree_request_by_request(tmp_path: Path, small_nquads: Path,
                                                               small_store: ox.Store) -> None:
    store = tmp_path / "oxigraph"
    datasets.load_oxigraph(small_nquads, store, tmp_path / "load.log", lambda line: None)
    chosen = [q for q in MIX if q.name in {"citing-statements", "citations-per-provision", "describe"}]
    rows: dict[str, dict[str, list[int | None]]] = {}
    pids = []
    for server in (servers.oxigraph(store, tmp_path / "oxigraph.log", timeout=30),
                   servers.rdflib_endpoint(small_nquads, tmp_path / "rdflib.log", ready_timeout=300)):
        with server:
            assert server.endpoint.startswith("http://127.0.0.1:")
            assert server.process is not None
            pids.append(server.process.pid)
            reference = Endpoint(server.endpoint, 30)
            pools = find_pools(reference.column, seed=3)
            reference.close()
            for query in chosen:
                run = measure_query(server, query, pools, COUNTS, timeout=30)
                assert run.status == "ok", run.first_problem()
                assert len(run.sequential) == 4 and len(run.concurrent) == 4
                assert run.requests_per_second and run.requests_per_second > 0
                rows.setdefault(query.name, {})[server.name] = [o.rows for o in run.sequential]
    assert not any(_alive(pid) for pid in pids)
    for query in chosen:
        by_server = rows[query.name]
        assert by_server["oxigraph"] == by_server["rdflib-endpoint"]
        expected = [len(list(small_store.query(query.text(pools, i), use_default_graph_as_union=True)))
                    for i in range(4)]
        assert by_server["oxigraph"] == expected
        assert all(count and count > 0 for count in expected)


def test_a_server_that_cannot_start_says_why(tmp_path: Path) -> None:
    broken = servers.oxigraph(tmp_path / "missing-store-is-a-file", tmp_path / "broken.log", timeout=5)
    (tmp_path / "missing-store-is-a-file").write_text("not a store")
    with pytest.raises(servers.ServerError, match="oxigraph exited"):
        broken.start()
    assert broken.process is None or broken.process.poll() is not None
