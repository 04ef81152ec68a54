"""Memory held by query texts (issue 10 item 6): 2,200 distinct 0.9 MB queries raised the web process to 1.8 GB."""
from __future__ import annotations

import random

from ..report import Row
from ..trial import Context, Trial, attacker_client

QUERY_BYTES = 900_000
GROWTH_LIMIT_MB = 256  # the web process may grow by this much over the whole attack
SECOND_HALF_LIMIT_MB = 64  # and by this much over its second half: memory bounded, not merely large


def memory_default(context: Context) -> Row:
    """With the default settings (a 64 MB answer cache)."""
    return _memory(context, Row("0.9 MB queries, default cache", "10.6"), {})


def memory_no_cache(context: Context) -> Row:
    """With ``MRKG_RESULT_CACHE_MB=0``: the issue saw the same growth, so other caches held the texts."""
    return _memory(context, Row("0.9 MB queries, no answer cache", "10.6"), {"result_cache_mb": 0})


def _memory(context: Context, row: Row, settings: dict[str, object]) -> Row:
    """Distinct, valid, cheap 0.9 MB queries one after another; the web process's memory before, halfway, after."""
    count = context.budget.memory_queries
    draw = random.Random(context.seed)
    with Trial(context, row, settings=settings) as trial, attacker_client(timeout=60) as client:
        def send(n: int) -> None:
            tag = f"{n} {draw.random()}"
            padding = "x" * (QUERY_BYTES - 100)
            if n % 2:  # half carry the bulk in a comment, half in a string the engine must read
                text = f"SELECT * WHERE {{ ?s ?p ?o }} LIMIT 1 # {tag} {padding}"
            else:
                text = f'SELECT * WHERE {{ ?s ?p ?o FILTER(?o != "{tag} {padding}") }} LIMIT 1'
            trial.answer(client.post(trial.url + "/sparql", content=text.encode(),
                                     headers={"Content-Type": "application/sparql-query"}), "a 0.9 MB query",
                         kind="0.9 MB query")

        for n in range(20):  # the server's own start-up allocations settle first
            send(-n - 1)
        before = trial.server.rss_mb()
        for n in range(count // 2):
            send(n)
        halfway = trial.server.rss_mb()
        for n in range(count // 2, count):
            send(n)
        after = trial.server.rss_mb()
    row.notes.append(f"web process {before:.0f} MB → {halfway:.0f} MB after {count // 2} queries → {after:.0f} MB "
                     f"after {count}")
    if after - before > GROWTH_LIMIT_MB:
        row.problem(f"the web process grew by {after - before:.0f} MB over {count} queries "
                    f"(limit {GROWTH_LIMIT_MB} MB)")
    if after - halfway > SECOND_HALF_LIMIT_MB:
        row.problem(f"and was still growing: {after - halfway:.0f} MB over the last {count - count // 2} "
                    f"(limit {SECOND_HALF_LIMIT_MB} MB)")
    return row
