"""The hot path before and after a change: p50 of a point query, this checkout against another revision.

Both services answer from the same store (``tests/fixtures/sample.trig``
published once), with the same settings, on 127.0.0.1; they are measured in
alternating rounds, so that a busy moment on a shared machine falls on both.
Two paths are timed: a point query evaluated by a worker every time
(``MRKG_RESULT_CACHE_MB=0``; each request asks for another statement) and
the same query repeated, answered from the answer cache.

    .venv/bin/python -m benchmarks.point_latency --baseline main
    .venv/bin/python -m benchmarks.point_latency --baseline HEAD~3 --requests 2000 --rounds 6

Prints one line per path: p50 and p90 of each, and the ratio (this / baseline).
"""
from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tarfile
import tempfile
import time
from io import BytesIO
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from live_service import SAMPLE, LiveServer, build_store, launch, stop  # noqa: E402

POINT = ("PREFIX mrkg: <https://w3id.org/mrkg/ontology#> "
         "SELECT ?text WHERE {{ ?s mrkg:paragraphNumber {number} ; mrkg:text ?text }} LIMIT 1")


def checkout(revision: str, into: Path) -> Path:
    """The tree of ``revision`` (``git archive``), to be served as it was."""
    archive = subprocess.run(["git", "archive", "--format=tar", revision], cwd=ROOT, capture_output=True, check=True)
    with tarfile.open(fileobj=BytesIO(archive.stdout)) as tar:
        tar.extractall(into, filter="data")
    return into


def launch_from(tree: Path, var_dir: Path, logs: Path, **settings: object) -> LiveServer:
    """``tests.live_service.launch``, run from another tree: its ``api`` and ``graph`` are imported first."""
    import live_service

    saved = live_service.PROJECT_ROOT
    live_service.PROJECT_ROOT = tree
    try:
        return launch(var_dir, logs, **settings)
    finally:
        live_service.PROJECT_ROOT = saved


def timed(client: httpx.Client, url: str, queries: list[str]) -> list[float]:
    seconds = []
    for query in queries:
        started = time.perf_counter()
        response = client.get(url, params={"query": query})
        elapsed = time.perf_counter() - started
        if response.status_code != 200 or b'"text"' not in response.content:
            raise SystemExit(f"unexpected answer from {url}: {response.status_code} {response.text[:200]}")
        seconds.append(elapsed)
    return seconds


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--baseline", default="main", help="git revision to compare with (default: main)")
    parser.add_argument("--requests", type=int, default=1000, help="requests per server and round (default: 1000)")
    parser.add_argument("--rounds", type=int, default=4, help="alternating rounds (default: 4)")
    options = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="mrkg-latency-") as scratch:
        work = Path(scratch)
        var_dir = work / "var"
        build_store(SAMPLE, var_dir)
        logs = work / "logs"
        logs.mkdir()
        trees = {"baseline": checkout(options.baseline, work / "baseline"), "this": ROOT}
        numbers = [n for n in range(1, 63)]
        paths = {
            "worker": [POINT.format(number=numbers[i % len(numbers)]) + f" # {i}" for i in range(options.requests)],
            "cache hit": [POINT.format(number=22)] * options.requests,
        }
        servers: dict[tuple[str, str], LiveServer] = {}
        try:
            for name, tree in trees.items():
                servers[name, "worker"] = launch_from(tree, var_dir, logs, result_cache_mb=0)
                servers[name, "cache hit"] = launch_from(tree, var_dir, logs)
            seconds: dict[tuple[str, str], list[float]] = {key: [] for key in servers}
            for round_number in range(options.rounds):
                for path, queries in paths.items():
                    order = list(trees) if round_number % 2 == 0 else list(reversed(trees))
                    for name in order:
                        url = servers[name, path] + "/sparql"
                        with httpx.Client(timeout=30) as client:
                            timed(client, url, queries[:50])  # warm: connection, worker, caches
                            seconds[name, path] += timed(client, url, queries)
        finally:
            for server in servers.values():
                stop(server)
        print(f"point query p50 / p90 in ms, {options.rounds} rounds × {options.requests} requests, "
              f"baseline {options.baseline}")
        for path in paths:
            base, this = seconds["baseline", path], seconds["this", path]
            ratio = statistics.median(this) / statistics.median(base)
            print(f"  {path:9}  baseline {1000 * percentile(base, 0.5):.3f} / {1000 * percentile(base, 0.9):.3f}"
                  f"   this {1000 * percentile(this, 0.5):.3f} / {1000 * percentile(this, 0.9):.3f}"
                  f"   ratio of p50 {ratio:.3f}")
        shutil.rmtree(logs, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
