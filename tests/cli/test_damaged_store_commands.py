"""A damaged published store, from the command line (issue 10 item 9).

Before: `mrkg validate` and `mrkg query` died with the storage engine's
traceback.  Now they say the store is damaged (exit code 3) and that `mrkg
build` replaces it; `mrkg build` never reads the published store, so it
publishes a fresh release; `mrkg serve` starts on a damaged store, answers
503, and serves the new release once it is built.  The damage is real: bytes
of a real build's store files overwritten, in two ways (found when the store
is opened, or only when a damaged block is read).
"""
from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

from live_service import free_port

pytestmark = pytest.mark.slow
ASK = "ASK { ?s a <https://w3id.org/mrkg/ontology#Statement> }"


def damage(store: Path, how: str) -> None:
    """Overwrite part of every table file: its end (footer, index, properties: the store no longer opens)
    or its start (its first data blocks: the store opens, and reading them fails)."""
    tables = sorted(path for path in store.glob("*.sst") if path.stat().st_size > 4096)
    assert tables, f"no table files in {store}"
    for table in tables:
        with table.open("r+b") as handle:
            handle.seek(-512 if how == "opening" else 100, os.SEEK_END if how == "opening" else os.SEEK_SET)
            handle.write(bytes(range(256)) * 2 if how == "opening" else b"\0" * 2000)


def mrkg(var_dir: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "graph.cli", *args], capture_output=True, text=True, timeout=900,
                          env=dict(os.environ, MRKG_VAR_DIR=str(var_dir)))


@pytest.fixture(params=["opening", "reading"])
def damaged(request: pytest.FixtureRequest, tmp_path: Path, published_var: Path) -> Path:
    """A var/ folder whose current release's store is damaged (found on opening, or on reading)."""
    var_dir = tmp_path / "var"
    shutil.copytree(published_var, var_dir, symlinks=True)
    damage((var_dir / "current").resolve() / "store", request.param)
    return var_dir


def says_damaged(result: subprocess.CompletedProcess[str], command: str) -> None:
    assert result.returncode == 3, result.stderr
    assert "Traceback" not in result.stderr
    message = result.stderr.strip().splitlines()[-1]
    assert message.startswith(f"mrkg {command}: the published store at ")
    assert "is damaged and cannot be read" in message and "run `mrkg build`" in message


def test_validate_and_query_say_the_store_is_damaged_and_how_to_repair_it(damaged: Path) -> None:
    says_damaged(mrkg(damaged, "validate"), "validate")
    says_damaged(mrkg(damaged, "query", "SELECT ?s ?p ?o WHERE { ?s ?p ?o }"), "query")


def test_build_replaces_a_damaged_store_without_reading_it(damaged: Path) -> None:
    before = (damaged / "current").resolve().name
    built = mrkg(damaged, "build")
    assert built.returncode == 0, built.stderr
    assert (damaged / "current").resolve().name != before
    answer = mrkg(damaged, "query", "--format", "json", ASK)
    assert answer.returncode == 0 and '"boolean":true' in answer.stdout.replace(" ", ""), answer.stderr


def test_serve_starts_on_a_damaged_store_answers_503_and_serves_the_next_build(tmp_path: Path,
                                                                               published_var: Path) -> None:
    var_dir = tmp_path / "var"
    shutil.copytree(published_var, var_dir, symlinks=True)
    damage((var_dir / "current").resolve() / "store", "opening")
    port = free_port()
    log = (tmp_path / "serve.log").open("wb")
    server = subprocess.Popen([sys.executable, "-m", "graph.cli", "serve", "--port", str(port)], stdout=log,
                              stderr=subprocess.STDOUT, env=dict(os.environ, MRKG_VAR_DIR=str(var_dir)))
    base = f"http://127.0.0.1:{port}"
    try:
        health = _first_answer(base + "/health", server, tmp_path / "serve.log")
        assert health.status_code == 503 and health.json()["status"] == "unavailable"
        assert "damaged" in health.text
        refused = httpx.get(base + "/sparql", params={"query": ASK}, timeout=30)
        assert refused.status_code == 503 and "damaged" in refused.text
        for page in ("/", "/id/instrument/icrmw", "/dumps/"):
            assert httpx.get(base + page, timeout=30).status_code == 503, page

        assert mrkg(var_dir, "build").returncode == 0
        health = httpx.get(base + "/health", timeout=30)
        assert health.status_code == 200 and health.json()["store"]["build_id"] == (var_dir / "current").resolve().name
        answer = httpx.get(base + "/sparql", params={"query": ASK}, timeout=30)
        assert answer.status_code == 200 and answer.json()["boolean"] is True
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=30)
        log.close()


def _first_answer(url: str, server: subprocess.Popen[bytes], log: Path) -> httpx.Response:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if server.poll() is not None:
            pytest.fail(f"mrkg serve exited with {server.returncode}:\n{log.read_text()}")
        try:
            return httpx.get(url, timeout=10)
        except httpx.TransportError:
            time.sleep(0.2)
    pytest.fail(f"mrkg serve did not answer within 60 s:\n{log.read_text()}")
