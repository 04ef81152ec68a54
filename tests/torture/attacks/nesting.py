"""Deep nesting crashes the engine's worker (issue 10 item 5)."""
from __future__ import annotations

import asyncio
import time

from ..report import Row
from ..trial import Context, Trial, async_attacker_client

CLIENTS = 4


def deep_queries(n: int) -> list[tuple[str, str]]:
    """(name, text): 3,000 nested groups, 10,000 nested parentheses, 0.9 MB of FILTERs; ``n`` makes each distinct."""
    return [
        ("3,000 nested {", f"SELECT * WHERE {'{' * 3000} ?s ?p {n} {'}' * 3000}"),
        ("10,000 nested (", f"SELECT * WHERE {{ ?s ?p ?o FILTER({'(' * 10_000}?o != {n}{')' * 10_000}) }}"),
        ("0.9 MB FILTER chain", f"SELECT * WHERE {{ ?s ?p ?o {'FILTER(?o != 1) ' * 56_000} FILTER(?o != {n}) }}"),
        ("0.9 MB && chain", f"SELECT * WHERE {{ ?s ?p ?o FILTER({' && '.join(['?o != 1'] * 80_000)} && ?o != {n}) }}"),
    ]


def nesting(context: Context) -> Row:
    """Four clients send what the engine cannot take; none may get a 5xx, and no worker may die.

    On the code of the issue each crashed a worker (464 restarts in 20 s) and
    the client was told it "may have run out of memory".
    """
    row = Row("deep nesting, four clients", "10.5", restarts_must_be_zero=True)
    with Trial(context, row) as trial:
        async def client(number: int) -> None:
            deadline = time.monotonic() + context.budget.nesting_seconds
            n = number * 10**6
            async with async_attacker_client(timeout=60) as http:
                while time.monotonic() < deadline:
                    for name, text in deep_queries(n):
                        n += 1
                        trial.answer(await http.post(trial.url + "/sparql", content=text.encode(),
                                                     headers={"Content-Type": "application/sparql-query"}),
                                     name, kind=name)

        async def all_clients() -> None:
            await asyncio.gather(*(client(number) for number in range(CLIENTS)))

        asyncio.run(all_clients())
    return row
