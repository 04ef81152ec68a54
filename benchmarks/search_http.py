"""What the search costs over HTTP: /search.json, the /search page and the SPARQL search SERVICE, against a plain query.

The engine's own latency is ``benchmarks/search_latency.py``; this measures
what a client meets on top of it: the route, the negotiation, the template,
and for SPARQL the worker's reading of the query, the rewrite into VALUES,
the second guard and the engine's join.  The baseline, measured in the same
run on the same server, is a SPARQL query that lists the same number of
statements by a plain pattern, with no search.

    .venv/bin/python -m benchmarks.search_http                  # builds data/ into a temporary var/ first
    .venv/bin/python -m benchmarks.search_http --var var        # an existing build (with its search index)
"""
from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

from benchmarks.servers import mrkg

PREFIX = "PREFIX mrkg: <https://w3id.org/mrkg/ontology#>\n"
WORDS = ("detention", "children", "remittances", "family reunification", "\"domestic workers\"", "migra*")


def _service(words: str) -> str:
    text = words.replace('"', '\\"')
    return (PREFIX + "SELECT ?st ?score ?snippet WHERE { SERVICE <https://w3id.org/mrkg/search> { "
            f'?st mrkg:query "{text}" ; mrkg:limit 20 ; mrkg:score ?score ; mrkg:snippet ?snippet }} }}')


def _joined(words: str) -> str:
    text = words.replace('"', '\\"')
    return (PREFIX + "SELECT ?st ?who WHERE { SERVICE <https://w3id.org/mrkg/search> { "
            f'?st mrkg:query "{text}" ; mrkg:limit 20 }} ?st mrkg:speaker/<http://www.w3.org/2000/01/rdf-schema#label> ?who }}')


BASELINE = PREFIX + "SELECT ?st ?text WHERE { ?st a mrkg:Statement ; mrkg:text ?text } LIMIT 20"


def timed(client: httpx.Client, requests: list[tuple[str, dict[str, str], dict[str, str]]], rounds: int) -> list[float]:
    """Milliseconds per request, every request ``rounds`` times in turn (after one warm-up round)."""
    seconds = []
    for round_number in range(rounds + 1):
        for path, params, headers in requests:
            started = time.perf_counter()
            response = client.get(path, params=params, headers=headers)
            elapsed = time.perf_counter() - started
            if response.status_code != 200:
                raise SystemExit(f"{path} {params} answered {response.status_code}: {response.text[:300]}")
            if round_number:
                seconds.append(elapsed * 1000)
    return seconds


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--var", type=Path, help="a var/ folder with a published build (default: build data/ now)")
    parser.add_argument("--rounds", type=int, default=50, help="times each request is sent (default 50)")
    options = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as scratch:
        var = options.var
        if var is None:
            var = Path(scratch) / "var"
            print("building data/ …", file=sys.stderr)
            subprocess.run([sys.executable, "-m", "graph.cli", "build"], check=True, capture_output=True,
                           env={**os.environ, "MRKG_VAR_DIR": str(var)})
        # Answers from memory would time the cache, not the search: the result cache is off.
        server = mrkg(var, Path(scratch) / "server.log", 30.0)
        server.env["MRKG_RESULT_CACHE_MB"] = "0"
        with server.start(), httpx.Client(base_url=server.endpoint.removesuffix("/sparql"), timeout=60) as client:
            sparql = {"Accept": "application/sparql-results+json"}
            cases = {
                "baseline: SPARQL, 20 statements": [("/sparql", {"query": BASELINE}, sparql)],
                "/search.json": [("/search.json", {"q": w}, {}) for w in WORDS],
                "/search (HTML)": [("/search", {"q": w}, {"Accept": "text/html"}) for w in WORDS],
                "SPARQL SERVICE, 20 matches": [("/sparql", {"query": _service(w)}, sparql) for w in WORDS],
                "SPARQL SERVICE joined with speaker": [("/sparql", {"query": _joined(w)}, sparql) for w in WORDS],
            }
            results = {name: timed(client, requests, options.rounds) for name, requests in cases.items()}
    base = statistics.median(results["baseline: SPARQL, 20 statements"])
    print(f"{'request':40} {'p50 ms':>8} {'p95 ms':>8} {'× baseline p50':>15}")
    for name, values in results.items():
        p50 = statistics.median(values)
        print(f"{name:40} {p50:8.2f} {percentile(values, 0.95):8.2f} {p50 / base:15.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
