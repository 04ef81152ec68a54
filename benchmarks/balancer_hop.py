"""What the balancer costs and gives: one node reached directly against the same nodes behind HAProxy.

Three nodes of ``tests/fixtures/sample.trig`` behind HAProxy on 127.0.0.1
(:mod:`graph.cluster`), each with one query worker and no answer cache, so
every request is evaluated.  Measured in alternating rounds, so that a busy
moment on a shared machine falls on both paths:

- latency: one client, a point query (another statement each time), straight
  to the first node and through the balancer; p50 and p90 of each, the ratio;
- throughput: four clients for a few seconds, against one node and against
  the balancer (three nodes); answers a second of each, the ratio.

    .venv/bin/python -m benchmarks.balancer_hop
    .venv/bin/python -m benchmarks.balancer_hop --requests 2000 --rounds 6 --seconds 10
"""
from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from graph.cluster.nodes import free_port  # noqa: E402
from graph.cluster.rollout import Cluster  # noqa: E402
from graph.settings import Settings  # noqa: E402
from live_service import SAMPLE, build_store  # noqa: E402

POINT = ("PREFIX mrkg: <https://w3id.org/mrkg/ontology#> "
         "SELECT ?text WHERE {{ ?s mrkg:paragraphNumber {number} ; mrkg:text ?text }} LIMIT 1")
ACCEPT = {"Accept": "application/sparql-results+json"}


def timed(url: str, requests: int, offset: int) -> list[float]:
    seconds = []
    with httpx.Client(base_url=url, timeout=30) as client:
        for index in range(requests):
            query = POINT.format(number=1 + (offset + index) % 60)
            began = time.perf_counter()
            reply = client.get("/sparql", params={"query": query}, headers=ACCEPT)
            seconds.append(time.perf_counter() - began)
            if reply.status_code != 200:
                raise SystemExit(f"{url}: {reply.status_code} {reply.text[:200]}")
    return seconds


def throughput(url: str, clients: int, seconds: float) -> float:
    answered = [0] * clients
    stop = time.monotonic() + seconds

    def client(slot: int) -> None:
        with httpx.Client(base_url=url, timeout=30) as http:
            index = slot
            while time.monotonic() < stop:
                reply = http.get("/sparql", params={"query": POINT.format(number=1 + index % 60)}, headers=ACCEPT)
                if reply.status_code == 200:
                    answered[slot] += 1
                index += clients

    threads = [threading.Thread(target=client, args=(slot,)) for slot in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return sum(answered) / seconds


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=500, help="point queries per path and round (default 500)")
    parser.add_argument("--rounds", type=int, default=4, help="alternating rounds (default 4)")
    parser.add_argument("--seconds", type=float, default=5.0, help="seconds of each throughput round (default 5)")
    parser.add_argument("--clients", type=int, default=4, help="clients in the throughput rounds (default 4)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="mrkg-balancer-") as scratch:
        var = Path(scratch) / "var"
        build_store(SAMPLE, var, "benchmark")
        cluster = Cluster(Settings.from_env(environ={}, var_dir=var), port=free_port(), size=3,
                          node_settings={"MRKG_QUERY_WORKERS": "1", "MRKG_RESULT_CACHE_MB": "0"})
        cluster.start()
        try:
            paths = {"one node, directly": cluster.nodes[0].url, "three nodes, through HAProxy": cluster.balancer.url}
            for url in paths.values():
                timed(url, 50, 0)  # warm up: connections, the workers' first plans
            latency: dict[str, list[float]] = {name: [] for name in paths}
            rate: dict[str, list[float]] = {name: [] for name in paths}
            for round_ in range(args.rounds):
                for name, url in paths.items():
                    latency[name] += timed(url, args.requests, round_ * args.requests)
                    rate[name].append(throughput(url, args.clients, args.seconds))
        finally:
            cluster.stop()
    direct, balanced = paths
    for name in paths:
        cuts = statistics.quantiles(latency[name], n=10)
        print(f"{name:30} p50 {statistics.median(latency[name]) * 1000:6.2f} ms  p90 {cuts[8] * 1000:6.2f} ms  "
              f"{statistics.median(rate[name]):7.0f} answers/s with {args.clients} clients")
    print(f"ratio (through HAProxy / directly): p50 "
          f"{statistics.median(latency[balanced]) / statistics.median(latency[direct]):.2f}, throughput "
          f"{statistics.median(rate[balanced]) / statistics.median(rate[direct]):.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
