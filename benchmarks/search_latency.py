"""Search latency on a 5,000-record build: p50/p95 per kind of query, against a SPARQL scan of the texts.

The store is the one ``benchmarks.record_corpus`` makes (5,000 summary records of fifty sessions and the
five real sources, written by the build's own readers and writers; made once under ``--var-root`` and
reused), and its search index is written by the build's own ``graph.search.index_writer`` (timed).
Each query is answered by ``graph.search.search`` as a page of ``/search`` is: the total, twenty hits
with their snippets, and every facet counted over all matches.  The kinds: single words, phrases,
prefixes, booleans, words with filters (a speaker, a year), sorted by date, and filters without words.

The baseline, measured in the same run on the same store: the statements whose ``mrkg:text`` contains
the word, by SPARQL (``CONTAINS(LCASE(?text), …)`` and ``REGEX(…, "i")``) with pyoxigraph, counted
and not paged: what a user had before there was an index, and less work than one search answers.

    .venv/bin/python -m benchmarks.search_latency                  # or: make search-benchmark
    .venv/bin/python -m benchmarks.search_latency --var-dir var    # the build of data/ instead
    .venv/bin/python -m benchmarks.search_latency --var-dir DIR --write-index   # the index again, same corpus

Prints a Markdown table on stdout, progress on stderr.  Target (issue 13 item 2): a keyword query
with its facets answers in p50 ≤ 20 ms.
"""
from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pyoxigraph as ox

from benchmarks.point_latency import percentile
from benchmarks.record_corpus import ROOT, corpus
from graph.search import SearchRequest, index_file, search
from graph.search.index_writer import write_index
from graph.vocab import PREFIX_MAP

TARGET_MS = 20.0
WORDS = ["detention", "remittances", "children", "xenophobia", "recruitment", "women", "trafficking", "Mexico",
         "pandemic", "labour", "discrimination", "families"]
MIX: dict[str, list[SearchRequest]] = {
    "word (with facets)": [SearchRequest(word) for word in WORDS],
    "phrase": [SearchRequest(text) for text in ('"alternatives to detention"', '"domestic workers"',
                                                '"Global Compact"', '"migrant workers"', '"human rights"')],
    "prefix": [SearchRequest(text) for text in ("migra*", "detain*", "regulari*", "xeno*", "remit*")],
    "boolean": [SearchRequest(text) for text in ("detention AND children", "(Mexico OR Canada) AND workers",
                                                 "remittances NOT pandemic", "women AND (domestic OR care)")],
    "word + filters": [SearchRequest(word, kinds=("statement",), date_from="2021", date_to="2022")
                       for word in WORDS[:6]],
    "word, by date": [SearchRequest(word, sort="date") for word in WORDS[:6]],
}


def timed(run: Callable[[], object], rounds: int, cpu: list[float]) -> list[float]:
    """Wall-clock seconds of each run; the process's CPU seconds of each are appended to ``cpu``."""
    run()  # once before the clock, as a server that has answered before
    seconds = []
    for _ in range(rounds):
        started, started_cpu = time.perf_counter(), time.process_time()
        run()
        seconds.append(time.perf_counter() - started)
        cpu.append(time.process_time() - started_cpu)
    return seconds


def row(name: str, seconds: list[float], cpu: list[float], matches: str) -> str:
    return (f"| {name} | {len(seconds)} | {percentile(seconds, 0.5) * 1000:,.1f} ms "
            f"| {percentile(seconds, 0.95) * 1000:,.1f} ms | {percentile(cpu, 0.5) * 1000:,.1f} ms | {matches} |")


def main(argv: list[str] | None = None) -> int:
    options = argparse.ArgumentParser(prog="python -m benchmarks.search_latency", description=__doc__.split("\n")[0])
    options.add_argument("--var-root", type=Path, default=ROOT / "var" / "benchmark" / "search",
                         help="where the 5,000-record store is made and kept (default var/benchmark/search)")
    options.add_argument("--var-dir", type=Path, default=None, help="a published var/ folder to use instead")
    options.add_argument("--rounds", type=int, default=20, help="times each search is timed (default 20)")
    options.add_argument("--baseline-rounds", type=int, default=3, help="times each SPARQL scan is timed")
    options.add_argument("--write-index", action="store_true",
                         help="write the release's search index again from its store (after the index's code "
                              "changed; the corpus is kept)")
    args = options.parse_args(argv)
    var_dir = args.var_dir or corpus(args.var_root)
    release = (var_dir / "current").resolve()
    index = index_file(release)
    if args.write_index or not index.is_file():
        started = time.perf_counter()
        write_index(index, release / "store", say=lambda line: print(line, file=sys.stderr))
        print(f"index written in {time.perf_counter() - started:,.1f} s, "
              f"{index.stat().st_size / 1e6:,.0f} MB", file=sys.stderr)
    store = ox.Store.read_only(str(release / "store"))
    statements = next(iter(store.query("SELECT (COUNT(*) AS ?n) WHERE { ?s a mrkg:Statement }",
                                       prefixes=PREFIX_MAP, use_default_graph_as_union=True)))[0].value  # type: ignore[index]
    load = os.getloadavg()[0]
    print("| query | timed | p50 | p95 | CPU p50 | matches (median) |\n|---|---|---|---|---|---|")
    figures: dict[str, float] = {}
    for kind, requests in MIX.items():
        seconds: list[float] = []
        cpu: list[float] = []
        totals = []
        for request in requests:
            seconds += timed(lambda: search(index, request), args.rounds, cpu)
            totals.append(search(index, request).total)
        figures[kind] = percentile(seconds, 0.5)
        print(row(kind, seconds, cpu, f"{statistics.median(totals):,.0f}"), flush=True)
    for name, condition in (("SPARQL CONTAINS scan (baseline)", 'CONTAINS(LCASE(?t), "{w}")'),
                            ("SPARQL REGEX scan (baseline)", 'REGEX(?t, "{w}", "i")')):
        seconds, cpu, totals = [], [], []
        for word in WORDS[:4]:
            query = ("SELECT (COUNT(?s) AS ?n) WHERE { ?s a mrkg:Statement ; mrkg:text ?t FILTER("
                     + condition.format(w=word.lower()) + ") }")
            def scan() -> int:
                found = store.query(query, prefixes=PREFIX_MAP, use_default_graph_as_union=True)
                return int(next(iter(found))[0].value)  # type: ignore[call-overload, index]
            seconds += timed(scan, args.baseline_rounds, cpu)
            totals.append(scan())
        figures[name] = percentile(seconds, 0.5)
        print(row(name, seconds, cpu, f"{statistics.median(totals):,.0f}"), flush=True)
    word = figures["word (with facets)"]
    print(f"\n{statements} statements.  Keyword query with facets: p50 {word * 1000:.1f} ms "
          f"(target ≤ {TARGET_MS:.0f} ms: {'met' if word * 1000 <= TARGET_MS else 'NOT met'}); "
          f"{figures['SPARQL CONTAINS scan (baseline)'] / word:,.0f}× faster than the CONTAINS scan, "
          f"{figures['SPARQL REGEX scan (baseline)'] / word:,.0f}× than the REGEX scan.  Load average "
          f"{load:.1f} before, {os.getloadavg()[0]:.1f} after, on {os.cpu_count()} CPUs.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
