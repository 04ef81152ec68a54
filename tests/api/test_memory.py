"""Memory held by query texts stays bounded (issue 10 item 6).

Before: 2,200 distinct queries of 0.9 MB raised the web process to 1.8 GB,
never freed, even with ``MRKG_RESULT_CACHE_MB=0``: caches keyed on whole query
texts kept them.  Here the same load goes to a real service, and the web
process's resident memory is read from /proc before and after.
"""
from __future__ import annotations

import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Callable

import httpx
import pytest

from live_service import LiveServer

QUERIES = 2_200
QUERY_BYTES = 900_000
CLIENTS = 2
# What the process may keep after the load: the answer cache's own figure (reported by /health,
# bounded by MRKG_RESULT_CACHE_MB), plus this for the allocator's pools and the memos, which are
# bounded by construction (graph.memo).  The load sends 2 GB of query text.
SLACK_BYTES = 48 * 2**20


def resident_bytes(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) * 1024
    raise AssertionError(f"no VmRSS for process {pid}")


def large_query(number: int) -> str:
    """A valid query of about QUERY_BYTES bytes, distinct for each number, cheap to evaluate."""
    filler = f"{number:08d}" + "m" * (QUERY_BYTES - 120)
    return f'SELECT ?s WHERE {{ ?s <https://w3id.org/mrkg/ontology#text> "{filler}" }} LIMIT 1'


def send_load(server: str) -> dict[int, int]:
    """Every query once, from CLIENTS clients at a time; the statuses seen, counted."""
    def send(numbers: range) -> dict[int, int]:
        seen: dict[int, int] = {}
        with httpx.Client(timeout=60) as client:
            for number in numbers:
                response = client.post(server + "/sparql", content=large_query(number).encode(),
                                       headers={"Content-Type": "application/sparql-query"})
                seen[response.status_code] = seen.get(response.status_code, 0) + 1
        return seen

    share = QUERIES // CLIENTS
    with ThreadPoolExecutor(CLIENTS) as pool:
        results = list(pool.map(send, [range(i * share, (i + 1) * share) for i in range(CLIENTS)]))
    total: dict[int, int] = {}
    for seen in results:
        for status, count in seen.items():
            total[status] = total.get(status, 0) + count
    return total


# Run in a fresh interpreter: the modules the web process imports, and no others.
_AUDIT = """
import sys
from api.app import create_app
create_app()
for name, module in sorted(sys.modules.items()):
    if not name.startswith(("api.", "graph.")):
        continue
    for attribute, value in vars(module).items():
        if callable(value) and getattr(value, "__module__", None) == name and hasattr(value, "cache_info"):
            if not hasattr(value, "capacity_bytes"):
                print(f"{name}.{attribute} (up to {value.cache_info().maxsize} entries of any size)")
"""


def unbounded_memos() -> list[str]:
    """functools caches of the web process that keep arguments of any length (graph.memo's do not)."""
    audit = subprocess.run([sys.executable, "-c", _AUDIT], capture_output=True, text=True, timeout=120,
                           cwd=Path(__file__).resolve().parents[2])
    return audit.stdout.split("\n")[:-1] if audit.returncode == 0 else [f"(audit failed: {audit.stderr[-500:]})"]


def held_after_load(server: LiveServer) -> tuple[int, dict[str, object], dict[int, int]]:
    httpx.get(server + "/health", timeout=30).raise_for_status()  # the service is up before it is measured
    before = resident_bytes(server.pid)
    statuses = send_load(server)
    time.sleep(1.0)
    grown = resident_bytes(server.pid) - before
    return grown, httpx.get(server + "/health", timeout=30).json()["cache"], statuses


def explain(grown: int, cache: dict[str, object]) -> str:
    cached = int(cache["bytes"])  # type: ignore[call-overload]
    suspects = "; ".join(unbounded_memos()) or "none found"
    return (f"the web process grew by {grown / 2**20:.0f} MB after {QUERIES} distinct queries of "
            f"{QUERY_BYTES / 1e6:.1f} MB; the answer cache holds {cached / 2**20:.1f} MB of it "
            f"({cache['capacity_bytes']} bytes allowed); caches that keep whole arguments: {suspects}")


@pytest.mark.slow
@pytest.mark.parametrize("cache_mb", [None, 0], ids=["default settings", "MRKG_RESULT_CACHE_MB=0"])
def test_distinct_large_queries_leave_the_web_process_as_it_was(
        start_server: Callable[..., LiveServer], cache_mb: int | None) -> None:
    server = start_server(**({} if cache_mb is None else {"result_cache_mb": cache_mb}))
    grown, cache, statuses = held_after_load(server)
    assert statuses == {200: QUERIES}, f"every query is answered: {statuses}"
    bound = int(cache["bytes"]) + SLACK_BYTES  # type: ignore[call-overload]
    print(f"web process grew by {grown / 2**20:.1f} MB (bound {bound / 2**20:.1f} MB); "
          f"answer cache {int(cache['bytes']) / 2**20:.1f} MB")  # type: ignore[call-overload]
    assert grown < bound, explain(grown, cache)


@pytest.mark.slow
def test_dataset_descriptions_for_many_host_names_are_not_all_kept(start_server: Callable[..., LiveServer]) -> None:
    """Without MRKG_BASE_URL the description's URLs follow the Host header: one description per name was kept."""
    from api.dataset import DESCRIPTIONS_BYTES

    server = start_server()
    with httpx.Client(timeout=30) as client:
        client.get(server + "/.well-known/void", headers={"Accept": "text/turtle"})
        before = resident_bytes(server.pid)
        for number in range(600):
            response = client.get(server + "/.well-known/void",
                                  headers={"Accept": "text/turtle", "Host": f"mirror-{number}.example"})
            assert response.status_code == 200 and "void:Dataset" in response.text
        grown = resident_bytes(server.pid) - before
    print(f"600 host names: the web process grew by {grown / 2**20:.1f} MB")
    assert grown < DESCRIPTIONS_BYTES + 24 * 2**20, (
        f"600 host names grew the web process by {grown / 2**20:.0f} MB: a description per name is kept "
        f"(api/dataset.py, bounded to {DESCRIPTIONS_BYTES / 2**20:.0f} MB)")
