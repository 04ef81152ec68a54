"""One client stops the server for everyone: the freezes of issue 10 (items 2, 3, 4 and 7).

Each attack runs while the bystander (:mod:`..probe`) asks for ``/health`` and
a page every 0.5 s; a probe slower than 2 s is a freeze.
"""
from __future__ import annotations

import asyncio
import random
import resource
import time

import httpx

from benchmarks.hostile_clients import flood_half_sent

from ..report import Row
from ..trial import ATTACKER, Context, Trial, async_attacker_client, attacker_client

# Runs far past any time limit: a count over the cube of the graph.
RUNAWAY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i FILTER(STR(?c) != STR(?i)) }"
QUERY_FREEZE_SECONDS = 5.0  # a small query waiting longer than this for a worker is frozen out
OPEN_FILES = 1024  # the soft limit an operator gets by default


def event_loop(context: Context) -> Row:
    """Item 2: 109 KB of ``FILTER(?o IN (0,1,…))`` naming a refused SERVICE held /health for 29 s.

    The refusal re-parsed the query in the event loop.  The list differs on
    every run, so that no remembered refusal answers it.
    """
    row = Row("refused SERVICE in 109 KB", "10.2")
    start = random.Random(context.seed).randrange(10**6)
    with Trial(context, row, probe_paths=("/health",)) as trial, attacker_client(timeout=90) as client:
        for variant in range(1 if context.budget.quick else 2):
            values = ",".join(str(start + variant * 10**6 + i) for i in range(14_000))
            text = (f"SELECT * WHERE {{ ?s ?p ?o FILTER(?o IN ({values})) "
                    f"SERVICE <http://127.0.0.1:9/sparql> {{ ?s ?p ?o }} }}")
            trial.answer(client.post(trial.url + "/sparql", content=text.encode(),
                                     headers={"Content-Type": "application/sparql-query"}),
                         f"{len(text) // 1000} KB FILTER IN with a refused SERVICE")
    return row


def deep_404(context: Context) -> Row:
    """Item 3: an unknown /id/ path costs one look-up per ancestor, in the web process.

    ``/id/a/a/…/x`` with 10,000 levels (and 30,000 in the full form), then 40
    clients at once asking for distinct unknown paths of 16 KB, while the
    bystander asks for the article page.
    """
    row = Row("deep unknown /id/ paths", "10.3")
    with Trial(context, row) as trial:
        with attacker_client(timeout=120) as client:
            for levels in context.budget.deep_404_levels:
                trial.answer(client.get(trial.url + "/id/" + "a/" * levels + "x"), f"/id/a/…({levels} levels)…/x")

        async def one(client: httpx.AsyncClient, n: int) -> None:
            path = "/id/" + "/".join(f"u{n}x{level}" for level in range(2700))[:16_000]
            trial.answer(await client.get(trial.url + path), f"16 KB unknown path #{n}")

        async def forty() -> None:
            async with async_attacker_client(timeout=180, limits=httpx.Limits(max_connections=40)) as client:
                await asyncio.gather(*(one(client, n) for n in range(40)))

        asyncio.run(forty())
    return row


def hang_up(context: Context) -> Row:
    """Item 4: two runaway queries whose clients hang up after 1 s kept both workers busy for 29 s.

    Then another client asks small queries for a few seconds; each must be
    answered within 5 s (the workers should have been freed when the clients left).
    """
    row = Row("clients hang up on runaways", "10.4")
    with Trial(context, row) as trial:
        async def runaway(n: int) -> None:
            async with async_attacker_client(timeout=1) as client:
                try:
                    await client.post(trial.url + "/sparql", data={"query": f"{RUNAWAY} # {n} {time.time()}"})
                    row.problem("a runaway query was answered within 1 s: this attack needs a slower one")
                except httpx.TimeoutException:
                    row.requests += 1  # the client hung up, as intended

        async def both() -> None:
            await asyncio.gather(runaway(1), runaway(2))

        asyncio.run(both())
        with httpx.Client(timeout=2 * QUERY_FREEZE_SECONDS) as other:
            deadline = time.monotonic() + 8
            n = 0
            while time.monotonic() < deadline:
                n += 1
                began = time.monotonic()
                try:
                    trial.answer(other.post(trial.url + "/sparql", data={"query": f"ASK {{ ?s ?p {n} }}"}),
                                 "another client's small query")
                except httpx.TimeoutException:
                    row.requests += 1
                took = time.monotonic() - began
                if took > QUERY_FREEZE_SECONDS:
                    row.freezes += 1
                    row.worst_probe = max(row.worst_probe, took)
                    row.problem(f"another client's query waited {took:.1f} s after the runaways' clients left")
                time.sleep(0.5)
    return row


def half_sent(context: Context) -> Row:
    """Item 7: 20,500 half-sent requests made every route fail until they were released.

    The server starts with the usual soft limit of 1,024 open files; the
    attacker (127.0.0.2) opens as many half-sent requests as the budget and
    its own file limit allow, holds them, and lets go.  /health and the page,
    asked from 127.0.0.1, must keep answering, and the server must be whole afterwards.
    """
    row = Row("half-sent requests", "10.7")
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if soft < hard:
        resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))
    wanted = max(0, min(context.budget.half_sent, hard - 500))
    with Trial(context, row, open_files=OPEN_FILES) as trial:
        port = int(trial.url.rsplit(":", 1)[1])
        sockets = asyncio.run(flood_half_sent(port, wanted, 30 if not context.budget.quick else 15, ATTACKER))
        row.requests = len(sockets)
        if len(sockets) < min(wanted, 2 * OPEN_FILES):
            row.problem(f"only {len(sockets)} of {wanted} connections could be opened")
        time.sleep(context.budget.half_sent_hold)
        for held in sockets:
            held.close()
        deadline = time.monotonic() + 15
        while time.monotonic() < deadline and trial.server.health(timeout=2).get("status") != "ok":
            time.sleep(0.5)
        if trial.server.health(timeout=5).get("status") != "ok":
            row.problem("/health did not answer 'ok' within 15 s of the connections being released")
    resource.setrlimit(resource.RLIMIT_NOFILE, (soft, hard))
    return row

