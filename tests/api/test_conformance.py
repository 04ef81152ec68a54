"""The W3C SPARQL 1.1 test suites (query, update, syntax, protocol) against a scratch mrkg service.

The harness is not part of the project: its location comes from MRKG_W3C_HARNESS
(default ``../shared/tools/sparql_conformance.py`` from the project root), and
the test is skipped when it is not there.  The harness empties the store, so
it runs against a scratch service with updates enabled.  Every failure must be
listed, with its reason, in ``tests/fixtures/w3c-known-failures.txt``.
"""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Callable

import pytest

from live_service import FIXTURES, PROJECT_ROOT

HARNESS = Path(os.environ.get("MRKG_W3C_HARNESS", PROJECT_ROOT.parent / "shared" / "tools" / "sparql_conformance.py"))
KNOWN_FAILURES = FIXTURES / "w3c-known-failures.txt"
TOKEN = "w3c-scratch-token"

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not HARNESS.is_file(), reason=f"W3C SPARQL harness not found at {HARNESS} (set MRKG_W3C_HARNESS)"),
]


def run_harness(server: str, tmp_path: Path, *options: str) -> dict:
    report = tmp_path / "w3c-report.json"
    endpoint = server + "/sparql"
    completed = subprocess.run(
        [sys.executable, str(HARNESS), "--endpoint", endpoint, "--update-url", endpoint, "--mode", "all",
         "--header", f"Authorization: Bearer {TOKEN}", "--known-failures", str(KNOWN_FAILURES),
         "--report", str(report), *options],
        capture_output=True, text=True, timeout=900,
    )
    print(completed.stdout[-3000:])
    assert report.exists(), completed.stderr[-3000:]
    result = json.loads(report.read_text())
    unexpected = [f"{f['test']}: {f['reason']}" for f in result["failures"] if not f["known"]]
    assert not unexpected, "\n".join(unexpected)
    assert completed.returncode == 0, completed.stderr[-3000:]
    return result


def test_w3c_suites_with_the_stores_own_default_graph(start_server: Callable[..., str], tmp_path: Path) -> None:
    server = start_server(var_dir=tmp_path / "var", update_enabled=True, update_token=TOKEN, union_default_graph=False)
    totals = run_harness(server, tmp_path)["totals"]
    assert totals["passed"] >= 510, totals  # Oxigraph server itself passes 511 of these


def test_w3c_suites_with_the_union_default_graph(start_server: Callable[..., str], tmp_path: Path) -> None:
    server = start_server(var_dir=tmp_path / "var", update_enabled=True, update_token=TOKEN)
    totals = run_harness(server, tmp_path, "--union-default-graph")["totals"]
    assert totals["passed"] >= 420, totals
