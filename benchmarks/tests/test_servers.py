"""The real peers, started and stopped the way the benchmark does, answer the mix alike."""
from __future__ import annotations

import contextlib
import os
from pathlib import Path

import pyoxigraph as ox
import pytest

from benchmarks import datasets, servers, virtuoso_engine
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
    peers = {"oxigraph": servers.oxigraph(store, tmp_path / "oxigraph.log", timeout=30),
             "rdflib-endpoint": servers.rdflib_endpoint(small_nquads, tmp_path / "rdflib.log", ready_timeout=300)}
    counts = {"oxigraph": COUNTS, "rdflib-endpoint": COUNTS}
    with contextlib.ExitStack() as stack:
        running = {name: stack.enter_context(server) for name, server in peers.items()}
        pids = [server.process.pid for server in running.values() if server.process]
        assert len(pids) == 2
        assert all(server.endpoint.startswith("http://127.0.0.1:") for server in running.values())
        reference = Endpoint(running["oxigraph"].endpoint, 30)
        pools = find_pools(reference.column, seed=3)
        reference.close()
        answers = {query.name: measure_query(running, query, pools, counts, timeout=30) for query in chosen}
    assert not any(_alive(pid) for pid in pids)
    for query in chosen:
        runs = answers[query.name]
        for run in runs.values():
            assert run.status == "ok", run.first_problem()
            assert len(run.sequential) == 4 and len(run.concurrent) == 4
            assert run.requests_per_second and run.requests_per_second > 0
        rows = {name: [o.rows for o in run.sequential] for name, run in runs.items()}
        expected = [len(list(small_store.query(query.text(pools, i), use_default_graph_as_union=True)))
                    for i in range(4)]
        assert rows["oxigraph"] == rows["rdflib-endpoint"] == expected
        assert all(count > 0 for count in expected)


def test_a_server_that_cannot_start_says_why(tmp_path: Path) -> None:
    broken = servers.oxigraph(tmp_path / "missing-store-is-a-file", tmp_path / "broken.log", timeout=5)
    (tmp_path / "missing-store-is-a-file").write_text("not a store")
    with pytest.raises(servers.ServerError, match="oxigraph exited"):
        broken.start()
    assert broken.process is None or broken.process.poll() is not None


def test_a_request_that_times_out_is_reported_and_the_server_is_ready_after(tmp_path: Path,
                                                                           small_nquads: Path) -> None:
    page = next(q for q in MIX if q.name == "page-10000")  # rdflib needs far more than 50 ms for it
    quick = next(q for q in MIX if q.name == "point-lookup")
    server = servers.rdflib_endpoint(small_nquads, tmp_path / "rdflib.log", ready_timeout=300)
    counts = {"rdflib-endpoint": Counts(warmup=0, requests=3, concurrent_requests=3, clients=2, seconds=30)}
    with server:
        reference = Endpoint(server.endpoint, 30)
        pools = find_pools(reference.column, seed=3)
        reference.close()
        slow = measure_query({"rdflib-endpoint": server}, page, pools, counts, timeout=0.05)["rdflib-endpoint"]
        assert slow.status == "timeout"
        assert len(slow.sequential) == 1 and slow.concurrent == []  # no more of it once one timed out
        assert slow.percentile(0.5) is None
        after = measure_query({"rdflib-endpoint": server}, quick, pools, counts, timeout=30)["rdflib-endpoint"]
        assert after.status == "ok" and len(after.sequential) == 3


def test_mrkg_in_front_of_oxigraph_server_answers_as_the_server_and_the_footprint_is_counted(
        tmp_path: Path, small_nquads: Path) -> None:
    store, var = tmp_path / "oxigraph", tmp_path / "mrkg-var"
    datasets.load_oxigraph(small_nquads, store, tmp_path / "load.log", lambda line: None)
    datasets.publish_for_mrkg(small_nquads, var, {"source": "test"}, tmp_path / "publish.log", lambda line: None)
    chosen = [q for q in MIX if q.name in {"point-lookup", "citing-statements"}]
    with contextlib.ExitStack() as stack:
        oxigraph = stack.enter_context(servers.oxigraph(store, tmp_path / "oxigraph.log", timeout=30))
        fronting = stack.enter_context(servers.mrkg(var, tmp_path / "mrkg.log", 30, name="mrkg-oxigraph",
                                                        external_endpoint=oxigraph.endpoint))
        running = {"oxigraph": oxigraph, "mrkg-oxigraph": fronting}
        reference = Endpoint(oxigraph.endpoint, 30)
        pools = find_pools(reference.column, seed=3)
        reference.close()
        counts = {name: COUNTS for name in running}
        for query in chosen:
            runs = measure_query(running, query, pools, counts, timeout=30)
            assert all(run.status == "ok" for run in runs.values()), [r.first_problem() for r in runs.values()]
            rows = {name: [o.rows for o in run.sequential] for name, run in runs.items()}
            assert rows["mrkg-oxigraph"] == rows["oxigraph"] and all(count > 0 for count in rows["oxigraph"])
    dataset = datasets.Dataset("synthetic", small_nquads, store, var, quads=1)
    footprint = {row.backend: row for row in dataset.footprint(["oxigraph", "mrkg", "mrkg-oxigraph"])}
    assert footprint["Oxigraph server"].load_seconds is not None and footprint["Oxigraph server"].disk_bytes
    assert footprint["mrkg, embedded"].load_seconds is not None and footprint["mrkg, embedded"].disk_bytes
    assert footprint["N-Quads file"].disk_bytes == small_nquads.stat().st_size


@pytest.mark.skipif(not virtuoso_engine.installed(), reason="Virtuoso is not installed (`make virtuoso`)")
def test_virtuoso_loaded_by_its_bulk_loader_answers_as_oxigraph_server(tmp_path: Path, small_nquads: Path) -> None:
    store, var = tmp_path / "oxigraph", tmp_path / "mrkg-var"
    datasets.load_oxigraph(small_nquads, store, tmp_path / "load.log", lambda line: None)
    datasets.publish_for_mrkg(small_nquads, var, {"source": "test"}, tmp_path / "publish.log", lambda line: None)
    dataset = datasets.Dataset("synthetic", small_nquads, store, var, quads=1)
    datasets.load_virtuoso(dataset, tmp_path / "virtuoso-load.log", lambda line: None)
    chosen = [q for q in MIX if q.name in {"point-lookup", "citing-statements", "citations-per-provision"}]
    with contextlib.ExitStack() as stack:
        oxigraph = stack.enter_context(servers.oxigraph(store, tmp_path / "oxigraph.log", timeout=30))
        virtuoso = stack.enter_context(virtuoso_engine.server(dataset.virtuoso_db, small_nquads.parent,
                                                              tmp_path / "virtuoso.log"))
        fronting = stack.enter_context(servers.mrkg(var, tmp_path / "mrkg.log", 30, name="mrkg-virtuoso",
                                                    external_endpoint=virtuoso.endpoint))
        running = {"oxigraph": oxigraph, "virtuoso": virtuoso, "mrkg-virtuoso": fronting}
        reference = Endpoint(oxigraph.endpoint, 30)
        pools = find_pools(reference.column, seed=3)
        reference.close()
        for query in chosen:
            runs = measure_query(running, query, pools, {name: COUNTS for name in running}, timeout=30)
            assert all(run.status == "ok" for run in runs.values()), [r.first_problem() for r in runs.values()]
            rows = {name: [o.rows for o in run.sequential] for name, run in runs.items()}
            assert rows["virtuoso"] == rows["mrkg-virtuoso"] == rows["oxigraph"], query.name
    footprint = {row.backend: row for row in dataset.footprint(["virtuoso"])}
    assert footprint["Virtuoso"].load_seconds is not None and footprint["Virtuoso"].disk_bytes
