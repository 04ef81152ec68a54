"""Fifty clients and one runaway (what held in issue 10: 50 clients × 60 s with no error; kept so it stays so)."""
from __future__ import annotations

import asyncio
import random
import statistics
import time

import httpx

from api.examples import EXAMPLES
from graph.vocab import PREFIX_MAP

from ..report import Row
from ..trial import Context, Trial, async_attacker_client, first_line, is_time_limit
from .freezes import RUNAWAY

PROLOGUE = "".join(f"PREFIX {name}: <{iri}>\n" for name, iri in PREFIX_MAP.items())
CLIENTS = 50
THINK_SECONDS = 0.05  # between one client's requests: fifty people, not fifty loops
# The load saturates the machine on purpose: the bystander waits its turn behind fifty clients (on a shared
# 2-CPU machine, up to 4 s was seen), so here a freeze is a probe slower than this.
LOAD_FREEZE_SECONDS = 6.0


def _requests(draw: random.Random) -> tuple[str, str, dict[str, str] | None]:
    """(kind, path, form) of one client's next request: SPARQL (some repeated, most not), pages, data."""
    roll = draw.random()
    if roll < 0.25:
        example = draw.choice(EXAMPLES)
        return "example query", "/sparql", {"query": PROLOGUE + example.query}
    if roll < 0.5:
        return "small query", "/sparql", {"query": f"{PROLOGUE}SELECT ?s ?o WHERE {{ ?s rdfs:label ?o }} LIMIT {draw.randrange(1, 400)}"}
    return "page", draw.choice(("/", "/id/instrument/icrmw/article/22", "/id/instrument/icrmw", "/health",
                                "/.well-known/void", "/dumps/", "/id/actor/mexico", "/ontology")), None


def load(context: Context) -> Row:
    """50 clients, each from its own loopback address, for a bounded time; one more sends a runaway query.

    Every answer to the 50 must be a success (the runaway's own time-limit
    answer is expected), and the bystander must be answered within
    :data:`LOAD_FREEZE_SECONDS`; the notes give the latencies (p50, p95).
    """
    row = Row("50 clients and a runaway", "10 (held)")
    latencies: list[float] = []
    with Trial(context, row, freeze_seconds=LOAD_FREEZE_SECONDS) as trial:
        deadline = time.monotonic() + context.budget.load_seconds

        async def client(number: int) -> None:
            draw = random.Random(context.seed * 100 + number)
            address = f"127.0.1.{number + 1}"
            async with async_attacker_client(timeout=30, address=address) as http:
                while time.monotonic() < deadline:
                    kind, path, form = _requests(draw)
                    began = time.monotonic()
                    try:
                        if form is None:
                            response = await http.get(trial.url + path)
                        else:
                            response = await http.post(trial.url + path, data=form)
                    except httpx.HTTPError as error:
                        row.requests += 1
                        row.server_error(f"{kind} no answer", f"{path}: {type(error).__name__}")
                        continue
                    latencies.append(time.monotonic() - began)
                    trial.answer(response, f"{kind} {path}", kind=kind)
                    if response.status_code >= 400 and response.status_code != 404:
                        row.problem(f"{kind} {path} → {response.status_code} {first_line(response.text)}")
                    await asyncio.sleep(THINK_SECONDS)

        async def runaway() -> None:
            async with async_attacker_client(timeout=120, address="127.0.2.1") as http:
                while time.monotonic() < deadline:
                    try:
                        response = await asyncio.wait_for(
                            http.post(trial.url + "/sparql", data={"query": f"{RUNAWAY} # {time.time()}"}),
                            max(deadline - time.monotonic(), 0.1))
                    except asyncio.TimeoutError:
                        return  # still running when the load ended
                    trial.answer(response, "the runaway query", kind="runaway")
                    if not is_time_limit(response):
                        row.problem(f"the runaway query got {response.status_code}, not the time limit's 503")

        async def everyone() -> None:
            await asyncio.gather(runaway(), *(client(n) for n in range(CLIENTS)))

        asyncio.run(everyone())
    if latencies:
        cuts = statistics.quantiles(latencies, n=20)
        row.notes.append(f"{len(latencies)} answers to the 50 clients: p50 {statistics.median(latencies) * 1000:.0f} ms, "
                         f"p95 {cuts[18] * 1000:.0f} ms, {len(latencies) / context.budget.load_seconds:.0f}/s")
    return row
