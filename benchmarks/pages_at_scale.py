"""The heaviest pages of a 5,000-record build: p50/p95, this checkout against the code before paging.

A store shaped like a build of 5,000 summary records of fifty sessions (the same members,
States and organizations speaking meeting after meeting; provisions cited thousands of
times) is made once by :mod:`benchmarks.record_corpus` — the pipeline's own readers and
writers, record by record — and kept under ``--var-root``.  Two ``mrkg serve`` processes
answer from it: this checkout, and ``--baseline`` (a git revision, unpacked with
``git archive``; by default the last revision before the pages were paginated).  They are
measured in alternating rounds, so that a busy moment of a shared machine falls on both.

The pages (issue 11, point 7): the most cited provision, the actor who spoke most, the
State most spoken for, the session with most meetings, a meeting, the instrument with most
provisions and the most mentioned one, the document with most statements, pages deep into
those lists, and RDF forms.  Each request is timed from sending it to having read the whole
body, on one keep-alive connection; p50 and p95 are nearest-rank percentiles.  The
baseline ignores ``page``: it answers the whole list, which is what its users get.

    .venv/bin/python -m benchmarks.pages_at_scale                       # 5,000 records (builds the store once)
    .venv/bin/python -m benchmarks.pages_at_scale --records 500 --sessions 10 --requests 20
    .venv/bin/python -m benchmarks.pages_at_scale --no-baseline

Prints a Markdown table on stdout (progress on stderr); exit status 0 when every page
answered 200 on this checkout, 1 otherwise.  The target: p95 under 100 ms on every page.
"""
from __future__ import annotations

import argparse
import math
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote

import httpx
import pyoxigraph as ox

from benchmarks.record_corpus import ROOT, corpus
from benchmarks.summary_records import DEFAULT_SEED
from graph import iris
from graph.vocab import PREFIX_MAP

sys.path.insert(0, str(ROOT / "tests"))

from live_service import LiveServer, stop  # noqa: E402

from benchmarks.point_latency import checkout, launch_from  # noqa: E402

BASELINE = "b98d5d7326e8281025ac175948ff835ca7de88b5"  # the pages before they were paginated
TARGET_MS = 100.0
PAGE_SIZE = 50


@dataclass(frozen=True)
class Target:
    """One page to time: what it is, its address, and words its answer must hold."""

    name: str
    path: str
    expect: str
    deep: bool = False  # a page deep into a list (the baseline answers its whole list)


@dataclass
class Timings:
    seconds: list[float] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)
    body_bytes: int = 0
    first: float | None = None  # the first request for the page since the server started (nothing kept yet)

    def percentile(self, fraction: float) -> float | None:
        if not self.seconds:
            return None
        ordered = sorted(self.seconds)  # nearest rank
        return ordered[min(len(ordered), max(1, math.ceil(fraction * len(ordered)))) - 1]


def _rows(store: ox.Store, query: str) -> list[dict[str, str]]:
    found = store.query(query, prefixes=PREFIX_MAP, use_default_graph_as_union=True)
    names = [v.value for v in found.variables]  # type: ignore[union-attr]
    return [{n: s[n].value if s[n] is not None else "" for n in names} for s in found]  # type: ignore[union-attr]


def _top(store: ox.Store, query: str) -> tuple[str, int]:
    row = _rows(store, query)[0]
    return row["r"], int(row["n"])


def _path(resource: str) -> str:
    return quote("/" + resource[len(iris.BASE):], safe="/")


def targets(var_dir: Path) -> list[Target]:
    """The heaviest pages of the store, found by asking it."""
    store = ox.Store.read_only(str(var_dir / "current" / "store"))
    provision, citations = _top(store, "SELECT ?r (COUNT(DISTINCT ?s) AS ?n) WHERE { ?s mrkg:cites ?r } "
                                       "GROUP BY ?r ORDER BY DESC(?n) ?r LIMIT 1")
    speaker, spoken = _top(store, "SELECT ?r (COUNT(?s) AS ?n) WHERE { ?s mrkg:speaker ?r } "
                                  "GROUP BY ?r ORDER BY DESC(?n) ?r LIMIT 1")
    speaker_total = int(_rows(store, f"""SELECT (COUNT(DISTINCT ?s) AS ?n) WHERE {{ {{ ?s mrkg:speaker <{speaker}> }}
        UNION {{ ?s mrkg:onBehalfOf <{speaker}> }} }}""")[0]["n"])
    state, represented = _top(store, "SELECT ?r (COUNT(?s) AS ?n) WHERE { ?s mrkg:onBehalfOf ?r } "
                                     "GROUP BY ?r ORDER BY DESC(?n) ?r LIMIT 1")
    session, meetings = _top(store, "SELECT ?r (COUNT(?m) AS ?n) WHERE { ?m mrkg:partOfSession ?r } "
                                    "GROUP BY ?r ORDER BY DESC(?n) ?r LIMIT 1")
    meeting, said = _top(store, "SELECT ?r (COUNT(?s) AS ?n) WHERE { ?s mrkg:session ?r } "
                                "GROUP BY ?r ORDER BY DESC(?n) ?r LIMIT 1")
    instrument, provisions = _top(store, "SELECT ?r (COUNT(?p) AS ?n) WHERE { ?p mrkg:instrument ?r } "
                                         "GROUP BY ?r ORDER BY DESC(?n) ?r LIMIT 1")
    mentioned, mentions = _top(store, "SELECT ?r (COUNT(?s) AS ?n) WHERE { ?s mrkg:mentions ?r } "
                                      "GROUP BY ?r ORDER BY DESC(?n) ?r LIMIT 1")
    document, paragraphs = _top(store, "SELECT ?r (COUNT(?s) AS ?n) WHERE { ?s mrkg:document ?r } "
                                       "GROUP BY ?r ORDER BY DESC(?n) ?r LIMIT 1")
    del store

    def last(total: int, size: int = PAGE_SIZE) -> int:
        return max(1, -(-total // size))

    return [
        Target("home page", "/", "Records and documents"),
        Target(f"provision cited {citations:,} times", _path(provision), "Cited"),
        Target("the same, last page", f"{_path(provision)}?page={last(citations)}", "Cited", deep=True),
        Target("the same as Turtle, last page", f"{_path(provision)}.ttl?page={last(citations)}", "@prefix", deep=True),
        Target(f"person who spoke most ({spoken:,} statements)", _path(speaker), "Statements by or for"),
        Target("the same, middle page", f"{_path(speaker)}?page={last(speaker_total) // 2 + 1}", "Statements by or for",
               deep=True),
        Target(f"State spoken for most ({represented:,} statements)", _path(state), "Statements by or for"),
        Target("the same, last page", f"{_path(state)}?page={last(represented)}", "Statements by or for", deep=True),
        Target(f"session of {meetings:,} meetings", _path(session), "Meetings and parts"),
        Target("the same, last page of meetings", f"{_path(session)}?list=meetings&page={last(meetings)}",
               "Meetings and parts", deep=True),
        Target(f"meeting of {said:,} statements", _path(meeting), "The record"),
        Target(f"instrument of {provisions:,} provisions", _path(instrument), "Provisions"),
        Target("the same, last page", f"{_path(instrument)}?page={last(provisions)}", "Provisions", deep=True),
        Target(f"instrument mentioned {mentions:,} times", _path(mentioned), "Statements mentioning it"),
        Target("the same, middle page of mentions", f"{_path(mentioned)}?list=mentioning&page={last(mentions) // 2}",
               "Statements mentioning it", deep=True),
        Target(f"document of {paragraphs:,} statements", _path(document), "statements"),
    ]


def time_page(client: httpx.Client, target: Target, requests: int, timings: Timings) -> None:
    for _ in range(requests):
        started = time.perf_counter()
        try:
            response = client.get(target.path, headers={"Accept": "text/turtle" if ".ttl" in target.path
                                                        else "text/html"})
        except httpx.HTTPError as error:
            timings.failures.append(f"{type(error).__name__}")
            return
        elapsed = time.perf_counter() - started
        if response.status_code != 200 or target.expect not in response.text:
            timings.failures.append(f"{response.status_code}: {response.text[:120]!r}")
            return
        timings.seconds.append(elapsed)
        timings.body_bytes = len(response.content)


def _ms(value: float | None) -> str:
    return f"{1000 * value:,.1f}" if value is not None else "–"


def report(pages: list[Target], results: dict[tuple[str, str], Timings], servers: list[str]) -> str:
    lines = ["| page | " + " | ".join(f"{name} first ms | {name} p50 ms | {name} p95 ms | {name} KB" for name in servers)
             + (" | baseline/this p95 |" if len(servers) == 2 else " |"),
             "|---|" + "---:|---:|---:|---:|" * len(servers) + ("---:|" if len(servers) == 2 else "")]
    for target in pages:
        cells = []
        for name in servers:
            timing = results[name, target.path]
            failed = f" ({timing.failures[0][:40]})" if timing.failures and not timing.seconds else ""
            cells += [_ms(timing.first), _ms(timing.percentile(0.5)) + failed, _ms(timing.percentile(0.95)),
                      f"{timing.body_bytes / 1024:,.0f}" if timing.seconds else "–"]
        ratio = ""
        if len(servers) == 2:
            base, this = (results[name, target.path].percentile(0.95) for name in servers)
            ratio = f" {base / this:,.0f}× |" if base and this else " – |"
        lines.append(f"| {target.name} `{target.path}` | " + " | ".join(cells) + " |" + ratio)
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--records", type=int, default=5000, help="summary records in the store (default 5000)")
    parser.add_argument("--sessions", type=int, default=50, help="sessions they are of (default 50)")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    parser.add_argument("--var-root", type=Path, default=ROOT / "var" / "benchmark" / "pages",
                        help="where the store is made and kept (default var/benchmark/pages)")
    parser.add_argument("--requests", type=int, default=40, help="timed requests per page and round (default 40)")
    parser.add_argument("--rounds", type=int, default=2, help="alternating rounds (default 2)")
    parser.add_argument("--baseline", default=BASELINE, help="git revision to compare with (default: before paging)")
    parser.add_argument("--baseline-requests", type=int, default=5,
                        help="timed requests per page and round on the baseline, which is slow (default 5)")
    parser.add_argument("--no-baseline", action="store_true", help="time this checkout only")
    parser.add_argument("--timeout", type=float, default=120.0, help="seconds a request may take (default 120)")
    options = parser.parse_args(argv)
    if options.records <= 0 or options.sessions <= 0 or options.records % options.sessions:
        parser.error("--records must be a positive multiple of --sessions")

    started = time.perf_counter()
    var_dir = corpus(options.var_root, options.records, options.sessions, options.seed)
    pages = targets(var_dir)
    print(f"store ready, pages chosen ({time.perf_counter() - started:.0f} s)", file=sys.stderr)
    with tempfile.TemporaryDirectory(prefix="mrkg-pages-") as scratch:
        logs = Path(scratch) / "logs"
        logs.mkdir()
        servers: dict[str, LiveServer] = {}
        trees = {"this": ROOT} if options.no_baseline else {
            "baseline": checkout(options.baseline, Path(scratch) / "baseline"), "this": ROOT}
        requests = {"this": options.requests, "baseline": options.baseline_requests}
        results = {(name, target.path): Timings() for name in trees for target in pages}
        try:
            for name, tree in trees.items():
                servers[name] = launch_from(tree, var_dir, logs, cli=True, query_timeout=options.timeout)
            for round_number in range(options.rounds):
                order = list(trees) if round_number % 2 == 0 else list(reversed(trees))
                for name in order:
                    with httpx.Client(base_url=servers[name], timeout=options.timeout) as client:
                        for target in pages:
                            print(f"  round {round_number + 1}, {name}: {target.name}", file=sys.stderr)
                            first = Timings()
                            time_page(client, target, 1, first)  # warm: what the build's pages keep
                            timings = results[name, target.path]
                            if timings.first is None and first.seconds:
                                timings.first = first.seconds[0]
                            time_page(client, target, requests[name], timings)
        finally:
            for server in servers.values():
                stop(server)
    names = list(trees)
    print(f"\nPages of a {options.records:,}-record store ({options.sessions} sessions), {options.rounds} rounds × "
          f"{options.requests} requests (baseline {options.baseline_requests}), p50/p95 in ms, "
          f"baseline {options.baseline[:12]}\n")
    print(report(pages, results, names))
    slow = [t.path for t in pages if (results["this", t.path].percentile(0.95) or 1e9) * 1000 >= TARGET_MS]
    failed = [t.path for t in pages if not results["this", t.path].seconds]
    print(f"\ntarget p95 < {TARGET_MS:.0f} ms: " + ("met on every page" if not slow else "missed on " + "; ".join(slow)))
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
