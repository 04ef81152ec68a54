"""rdflib-endpoint over the benchmark's N-Quads, as its README serves a dataset.

An rdflib ``Dataset`` with ``default_union=True`` so that, like the other two
servers, a query without ``GRAPH`` sees the union of all named graphs; served
at ``/sparql`` by uvicorn on 127.0.0.1.  Run by :mod:`benchmarks.servers`::

    python -m benchmarks.rdflib_endpoint_app --data graph.nq --port 8001
"""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import uvicorn
from rdflib import Dataset
from rdflib_endpoint import SparqlEndpoint


def main(argv: list[str] | None = None) -> int:
    options = argparse.ArgumentParser(prog="python -m benchmarks.rdflib_endpoint_app")
    options.add_argument("--data", type=Path, required=True, help="N-Quads file to serve")
    options.add_argument("--port", type=int, required=True)
    args = options.parse_args(argv)
    if not args.data.is_file():
        options.error(f"--data {args.data}: no such file")
    started = time.perf_counter()
    dataset = Dataset(default_union=True)
    dataset.parse(str(args.data), format="nquads")
    print(f"{len(dataset)} triples loaded in {time.perf_counter() - started:.1f} s", file=sys.stderr, flush=True)
    app = SparqlEndpoint(graph=dataset, path="/sparql", cors_enabled=False,
                         public_url=f"http://127.0.0.1:{args.port}/sparql")
    uvicorn.run(app, host="127.0.0.1", port=args.port, log_level="warning", access_log=False)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
