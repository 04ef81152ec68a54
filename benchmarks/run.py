"""Run the benchmark: each dataset, each server in turn, the whole query mix.

    python -m benchmarks.run                          # both datasets, all three servers
    python -m benchmarks.run --datasets synthetic --servers oxigraph,mrkg --requests 100

All servers of a dataset are up at once, but only one is asked at a time:
the sequential requests go to each server in turn (request i to Oxigraph
server, to mrkg, to rdflib-endpoint, then request i+1), so that a change in
the machine's load falls on all alike; the throughput runs follow one server
after the other.  The query parameters are drawn from Oxigraph server's
answers (it is started first), the same for every server.  Progress goes to stderr; the
tables go to stdout and, with the raw latencies, to
``benchmarks/results/<date-time>/`` (``results.md``, ``results.json``,
``logs/``).  Exit status: 0 when done (targets met or not: the tables say),
1 when a server or a dataset failed, 2 for bad options.
"""
from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import importlib.metadata
import os
import platform
import signal
import sys
import time
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from types import FrameType

from benchmarks import datasets, report, servers, virtuoso_engine
from benchmarks.measure import Endpoint, Outcome, Run, concurrent
from benchmarks.query_mix import MIX, Pools, Query, find_pools
from benchmarks.synthetic import DEFAULT_SEED, DEFAULT_TRIPLES

ROOT = Path(__file__).resolve().parent.parent
SERVER_ORDER = ("oxigraph", "mrkg", "mrkg-processes", "mrkg-oxigraph", "virtuoso", "mrkg-virtuoso",
                "rdflib-endpoint")  # a server after the one it fronts
SERVING_PROCESSES = 2  # mrkg-processes: `mrkg serve` with MRKG_SERVER_PROCESSES=2, queries evaluated in-process


@dataclass(frozen=True)
class Counts:
    """How many requests of each query one server gets, and for how long the throughput run goes on."""

    warmup: int
    requests: int
    concurrent_requests: int  # at most, in the throughput run
    clients: int
    seconds: float  # at most, in the throughput run
    compressed: bool = True  # offer to take gzip answers, as most clients do


def _progress(line: str) -> None:
    print(line, file=sys.stderr, flush=True)


def measure_query(running: dict[str, servers.Server], query: Query, pools: Pools, counts: dict[str, Counts],
                  timeout: float) -> dict[str, Run]:
    """One query on every server: warm-up, sequential requests, then each server's throughput run.

    The sequential requests are interleaved (request i goes to each server in
    turn), so that a change in the machine's load falls on all servers alike.
    A server that lets a request time out gets no more of this query; it is
    waited for, or restarted, before the next.
    """
    runs = {name: Run() for name in running}
    endpoints = {name: Endpoint(server.endpoint, timeout, counts[name].compressed)
                 for name, server in running.items()}
    active = set(running)

    def give_up(name: str) -> None:
        active.discard(name)
        endpoints[name].close()
        running[name].recover(timeout)
        endpoints[name] = Endpoint(running[name].endpoint, timeout, counts[name].compressed)

    # Request i is the same string on every server; warm-up strings come after all measured ones.
    try:
        for name in running:
            after = counts[name].requests + counts[name].concurrent_requests
            for k in range(counts[name].warmup):
                outcome = endpoints[name].ask(query.text(pools, after + k), query.form)
                if outcome.status == "timeout":
                    runs[name].sequential.append(Outcome(outcome.seconds, None, "timeout", "timed out in warm-up"))
                    give_up(name)
                    break
        for i in range(max(counts[name].requests for name in running)):
            text = query.text(pools, i)
            for name in running:
                if name in active and i < counts[name].requests:
                    outcome = endpoints[name].ask(text, query.form)
                    runs[name].sequential.append(outcome)
                    if outcome.status == "timeout":
                        give_up(name)
    finally:
        for endpoint in endpoints.values():
            endpoint.close()
    for name, run in runs.items():
        mine = counts[name]
        together = [query.text(pools, mine.requests + k) for k in range(mine.concurrent_requests)]
        warm = [query.text(pools, mine.requests + mine.concurrent_requests + k) for k in range(mine.warmup)]
        measured = [query.text(pools, i) for i in range(mine.requests)]
        run.repeated = len(warm + measured + together) - len(set(warm + measured + together))
        if name not in active or not together:
            continue
        cpu_before = running[name].cpu_seconds()
        run.concurrent, run.concurrent_seconds = concurrent(running[name].endpoint, together, query.form,
                                                            mine.clients, timeout, mine.seconds, mine.compressed)
        run.concurrent_cpu_seconds = running[name].cpu_seconds() - cpu_before
        run.clients = mine.clients
        if any(outcome.status == "timeout" for outcome in run.concurrent):
            running[name].recover(timeout)
    return runs


def start_server(name: str, dataset: datasets.Dataset, logs: Path, timeout: float,
                 running: dict[str, servers.Server]) -> servers.Server:
    log = logs / f"{dataset.name}-{name}.log"
    if name == "oxigraph":
        return servers.oxigraph(dataset.oxigraph_store, log, timeout)
    if name == "mrkg":
        return servers.mrkg(dataset.mrkg_var, log, timeout)
    if name == "mrkg-processes":
        return servers.mrkg(dataset.mrkg_var, log, timeout, name=name, server_processes=SERVING_PROCESSES)
    if name == "mrkg-oxigraph":
        if "oxigraph" not in running:
            raise servers.ServerError("mrkg-oxigraph fronts Oxigraph server: add oxigraph to --servers")
        return servers.mrkg(dataset.mrkg_var, log, timeout, name=name, external_endpoint=running["oxigraph"].endpoint)
    if name == "virtuoso":
        return virtuoso_engine.server(dataset.virtuoso_db, dataset.nquads.parent, log)
    if name == "mrkg-virtuoso":
        if "virtuoso" not in running:
            raise servers.ServerError("mrkg-virtuoso fronts Virtuoso: add virtuoso to --servers")
        return servers.mrkg(dataset.mrkg_var, log, timeout, name=name, external_endpoint=running["virtuoso"].endpoint)
    return servers.rdflib_endpoint(dataset.nquads, log, ready_timeout=900)


def measure_dataset(dataset: datasets.Dataset, names: list[str], mix: list[Query], counts: dict[str, Counts],
                    timeout: float, seed: int, logs: Path) -> dict[str, dict[str, Run]]:
    """All servers up at once (an idle server takes no CPU), the mix measured query by query."""
    results: dict[str, dict[str, Run]] = defaultdict(dict)
    with contextlib.ExitStack() as stack:  # every server started is stopped, whatever happens
        running: dict[str, servers.Server] = {}
        for name in names:
            started = time.perf_counter()
            _progress(f"{dataset.name}: starting {name}")
            running[name] = stack.enter_context(start_server(name, dataset, logs, timeout, running))
            _progress(f"{dataset.name}: {name} answering at {running[name].endpoint} "
                      f"({time.perf_counter() - started:.1f} s to start)")
        reference = Endpoint(running[names[0]].endpoint, timeout)
        try:
            pools = find_pools(reference.column, seed)
        finally:
            reference.close()
        _progress(f"{dataset.name}: parameters drawn from {names[0]}: {len(pools.statements)} statements, "
                  f"{len(pools.provisions)} provisions, {len(pools.instruments)} instruments, {len(pools.words)} words")
        for query in mix:
            for name, run in measure_query(running, query, pools, counts, timeout).items():
                results[query.name][name] = run
                p50, p95, rps = run.percentile(0.5), run.percentile(0.95), run.requests_per_second
                _progress(f"{dataset.name}: {name:<15} {query.name:<24} "
                          + (f"p50 {p50 * 1000:9.2f} ms  p95 {p95 * 1000:9.2f} ms" if p50 and p95 else run.status)
                          + (f"  {rps:8.1f} req/s" if rps else "")
                          + (f"  {run.cpu_ms_per_request:6.2f} CPU ms/req" if run.cpu_ms_per_request else "")
                          + (f"  [{run.status}: {run.first_problem()}]" if run.status != "ok" else ""))
    return results


def machine() -> dict[str, str]:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    memory = ""
    try:
        pages = os.sysconf("SC_PHYS_PAGES") * os.sysconf("SC_PAGE_SIZE")
        memory = f"{pages / 2**30:.0f} GiB"
    except (ValueError, OSError):
        pass

    def version(package: str) -> str:
        try:
            return importlib.metadata.version(package)
        except importlib.metadata.PackageNotFoundError:
            return "not installed"

    return {
        "date": dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
        # other work on the machine moves every number: say how busy it was when the run began
        "load average": " ".join(f"{load:.1f}" for load in os.getloadavg()),
        "cpu": f"{cpu}, {os.cpu_count()} logical CPUs", "memory": memory,
        "system": f"{platform.system()} {platform.release()}", "python": platform.python_version(),
        **{name: version(name) for name in ("mrkg", "pyoxigraph", "oxigraph", "rdflib", "rdflib-endpoint",
                                            "httpx", "uvicorn")},
    }


def options() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.run", description=__doc__.split("\n\n")[0],
                                     epilog="See benchmarks/README.md.")
    parser.add_argument("--datasets", default="built,synthetic", help="comma separated: built, synthetic")
    parser.add_argument("--servers", default=",".join(SERVER_ORDER), help="comma separated, from: "
                        + ", ".join(SERVER_ORDER) + " (oxigraph is always run first: it gives the parameters)")
    parser.add_argument("--queries", default=",".join(q.name for q in MIX), help="comma separated query names")
    parser.add_argument("--requests", type=int, default=50, help="measured sequential requests per query (50)")
    parser.add_argument("--warmup", type=int, default=10, help="unmeasured requests before them (10)")
    parser.add_argument("--clients", type=int, default=4, help="parallel clients in the throughput run (4)")
    parser.add_argument("--throughput-seconds", type=float, default=3.0,
                        help="how long the throughput run of each query goes on, at most (3)")
    parser.add_argument("--concurrent-requests", type=int, default=200,
                        help="requests per query in the throughput run, at most (200)")
    parser.add_argument("--rdflib-requests", type=int, default=12,
                        help="measured sequential requests per query for rdflib-endpoint (12)")
    parser.add_argument("--rdflib-concurrent-requests", type=int, default=12,
                        help="throughput-run requests per query for rdflib-endpoint, at most (12)")
    parser.add_argument("--uncompressed", action="store_true",
                        help="ask for answers without compression (Accept-Encoding: identity); by default the "
                             "client offers gzip, as most HTTP libraries do")
    parser.add_argument("--timeout", type=float, default=30.0, help="seconds before a request counts as timeout (30)")
    parser.add_argument("--triples", type=int, default=DEFAULT_TRIPLES, help="size of the synthetic graph (1000000)")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED, help="seed of the synthetic graph and the draws")
    parser.add_argument("--fresh", action="store_true", help="regenerate the synthetic graph and its stores")
    parser.add_argument("--work", type=Path, default=ROOT / "var" / "benchmark", help="prepared data and stores")
    parser.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "results", help="where results go")
    return parser


def _choose(parser: argparse.ArgumentParser, option: str, given: str, allowed: list[str]) -> list[str]:
    chosen = [part.strip() for part in given.split(",") if part.strip()]
    unknown = [part for part in chosen if part not in allowed]
    if unknown or not chosen:
        parser.error(f"--{option}: unknown {', '.join(unknown) or '(none given)'}; choose from {', '.join(allowed)}")
    return chosen


def _interrupted(signum: int, frame: FrameType | None) -> None:
    raise KeyboardInterrupt(f"signal {signum}")  # unwinds through every server's `with`, which stops it


def main(argv: list[str] | None = None) -> int:
    parser = options()
    args = parser.parse_args(argv)
    names = _choose(parser, "servers", args.servers, list(SERVER_ORDER))
    names = [name for name in SERVER_ORDER if name in names]
    wanted = _choose(parser, "queries", args.queries, [q.name for q in MIX])
    mix = [query for query in MIX if query.name in wanted]
    chosen_sets = _choose(parser, "datasets", args.datasets, ["built", "synthetic"])
    for option in ("requests", "rdflib_requests", "clients", "triples"):
        if getattr(args, option) < 1:
            parser.error(f"--{option.replace('_', '-')} must be at least 1")
    for option in ("warmup", "concurrent_requests", "rdflib_concurrent_requests"):
        if getattr(args, option) < 0:
            parser.error(f"--{option.replace('_', '-')} must not be negative")
    if args.timeout <= 0 or args.throughput_seconds <= 0:
        parser.error("--timeout and --throughput-seconds must be positive")
    compressed = not args.uncompressed
    normal = Counts(args.warmup, args.requests, args.concurrent_requests, args.clients, args.throughput_seconds,
                    compressed)
    slow = Counts(min(args.warmup, 2), args.rdflib_requests, args.rdflib_concurrent_requests, args.clients,
                  args.throughput_seconds, compressed)
    counts = {"oxigraph": normal, "mrkg": normal, "mrkg-processes": normal, "mrkg-oxigraph": normal,
              "virtuoso": normal, "mrkg-virtuoso": normal, "rdflib-endpoint": slow}

    signal.signal(signal.SIGTERM, _interrupted)
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    out = args.out / stamp
    logs = out / "logs"
    logs.mkdir(parents=True, exist_ok=True)
    about = machine()
    document: dict[str, object] = {"machine": about, "options": {k: str(v) for k, v in vars(args).items()},
                                   "datasets": {}}
    markdown = [f"# SPARQL benchmark, {about['date']}", "",
                "Machine: " + "; ".join(f"{k} {v}" for k, v in about.items() if k != "date"), "",
                "Query mix:", report.describe_mix(), ""]
    failed = False
    started = time.perf_counter()
    try:
        for name in chosen_sets:
            try:
                if name == "built":
                    dataset = datasets.built(args.work, logs / "built-prepare.log", _progress)
                else:
                    dataset = datasets.synthetic_graph(args.work, args.triples, args.seed,
                                                       logs / "synthetic-prepare.log", _progress, args.fresh,
                                                       with_mrkg=any(name.startswith("mrkg") for name in names))
                if "virtuoso" in names:
                    datasets.load_virtuoso(dataset, logs / f"{name}-virtuoso-load.log", _progress)
                results = measure_dataset(dataset, names, mix, counts, args.timeout, args.seed, logs)
            except (datasets.DatasetError, servers.ServerError, ValueError) as error:
                _progress(f"{name}: FAILED: {error}")
                failed = True
                continue
            rows = report.rows_of(results)
            verdicts = report.verdicts(results)
            title = f"{dataset.name} graph: {dataset.quads:,} quads"
            print(f"\n{title}\n\n{report.text_table(rows)}\n")
            footprint = report.footprint_table(dataset.footprint(names))
            print(f"Loading and disk, per back-end:\n\n{footprint}\n")
            print("\n".join(verdicts))
            markdown += [f"## {title}", "", report.markdown_table(rows), "", footprint, ""] + [f"- {line}" for line in verdicts] + [""]
            document["datasets"][dataset.name] = {"quads": dataset.quads, "rows": report.as_json(results),  # type: ignore[index]
                                                   "verdicts": verdicts}
    except KeyboardInterrupt:
        _progress("interrupted: servers stopped")
        failed = True
    finally:
        document["seconds"] = round(time.perf_counter() - started, 1)
        report.write_json(out / "results.json", document)
        (out / "results.md").write_text("\n".join(markdown) + "\n")
        _progress(f"results in {out} ({document['seconds']} s in all)")
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
