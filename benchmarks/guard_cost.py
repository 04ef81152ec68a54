"""What the SERVICE guard and the depth limit cost the queries of the mix, which need neither.

Every query goes through the web process's quick look at its shape
(``graph.sparql.quick_look.usual_shape``) and the worker's two quick looks
(``graph.sparql.guard.may_call_out`` and ``graph.sparql.quick_look.depth_bound``);
only a text that could call out or nest too deeply is read in full.  This
prints, per query of the mix, the microseconds each takes, what a full reading
would take, and the engine's own time to parse and plan the same text on an
empty store, measured in the same run: the smallest work the engine does for
any query.

    .venv/bin/python -m benchmarks.guard_cost [--rounds N]
"""
from __future__ import annotations

import argparse
import statistics
import time
from typing import Callable

import pyoxigraph

from benchmarks.query_mix import MIX, Pools
from graph.sparql import read_query
from graph.sparql.guard import may_call_out
from graph.sparql.quick_look import usual_shape, within_depth

ID = "https://w3id.org/mrkg/id/"
POOLS = Pools(  # the shapes of the built graph's IRIs and words; the values do not change the cost
    statements=[f"{ID}statement/cmw-sr-450/paragraph-{n}" for n in range(1, 60)],
    provisions=[f"{ID}eli/un/convention/1990/icrmw/art_{n}" for n in range(1, 90)],
    instruments=[f"{ID}eli/un/convention/1990/icrmw", f"{ID}eli/un/compact/2018/gcm"],
    words=["detention", "remittances", "smuggling", "domestic"],
)


def microseconds(work: Callable[[], object], rounds: int) -> float:
    """The median of ``rounds`` timings of ``work``, each over enough calls to take about a millisecond."""
    calls = 1
    while True:
        started = time.perf_counter()
        for _ in range(calls):
            work()
        if time.perf_counter() - started > 1e-3 or calls > 100_000:
            break
        calls *= 4
    timings = []
    for _ in range(rounds):
        started = time.perf_counter()
        for _ in range(calls):
            work()
        timings.append((time.perf_counter() - started) / calls * 1e6)
    return statistics.median(timings)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=15, help="timings per figure, the median is shown (15)")
    rounds = parser.parse_args().rounds
    store = pyoxigraph.Store()
    print("| query | chars | shape (web) | quick looks (worker) | full reading | engine parse+plan | quick looks / engine |")
    print("|---|---|---|---|---|---|---|")
    ratios = []
    for query in MIX:
        text = query.text(POOLS, 7)
        shape = microseconds(lambda: usual_shape(text), rounds)
        looks = microseconds(lambda: (may_call_out(text), within_depth(text, 1000)), rounds)
        reading = microseconds(lambda: read_query(text, "http://127.0.0.1:8000/sparql"), rounds)
        engine = microseconds(lambda: store.query(text, base_iri="http://127.0.0.1:8000/sparql"), rounds)
        ratios.append((shape + looks) / engine)
        print(f"| {query.name} | {len(text)} | {shape:.1f} µs | {looks:.1f} µs | {reading:.0f} µs | {engine:.0f} µs "
              f"| {ratios[-1]:.1%} |")
    print(f"\nThe quick looks add {statistics.median(ratios):.1%} (median; at most {max(ratios):.1%}) to the least "
          "the engine spends on the same query.")


if __name__ == "__main__":
    main()
