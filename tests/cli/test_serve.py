"""`mrkg serve` as a user runs it: a real uvicorn process on 127.0.0.1 answering SPARQL."""
from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Iterator

import httpx
import pytest

from live_service import free_port

STATEMENT_23 = "https://w3id.org/mrkg/id/statement/001_572bfb9b02552e02/23"


def start(var: Path, port: int, log: Path) -> subprocess.Popen[bytes]:
    env = dict(os.environ, MRKG_VAR_DIR=str(var), MRKG_QUERY_WORKERS="1")
    return subprocess.Popen([sys.executable, "-m", "graph.cli", "serve", "--host", "127.0.0.1", "--port", str(port)],
                            stdout=log.open("wb"), stderr=subprocess.STDOUT, env=env)


def wait_until_up(process: subprocess.Popen[bytes], url: str, log: Path, seconds: float) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise AssertionError(f"mrkg serve exited with {process.returncode}:\n{log.read_text()}")
        try:
            if httpx.get(url + "health", timeout=2).status_code == 200:
                return
        except httpx.TransportError:
            time.sleep(0.2)
    raise AssertionError(f"mrkg serve did not answer within {seconds} s:\n{log.read_text()}")


def stop(process: subprocess.Popen[bytes]) -> None:
    if process.poll() is None:
        process.send_signal(signal.SIGINT)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


@pytest.fixture(scope="module")
def served(published_var: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    port = free_port()
    log = tmp_path_factory.mktemp("serve") / "serve.log"
    process = start(published_var, port, log)
    url = f"http://127.0.0.1:{port}/"
    try:
        wait_until_up(process, url, log, 60)
        yield url, log
    finally:
        stop(process)


def test_serve_prints_the_url_to_open(served: tuple[str, Path]) -> None:
    url, log = served
    assert url in log.read_text()


def test_serve_answers_a_sparql_query_with_the_right_content(served: tuple[str, Path]) -> None:
    url, _ = served
    query = """PREFIX mrkg: <https://w3id.org/mrkg/ontology#> PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
               SELECT ?speaker ?behalf ?number WHERE {
                 <%s> mrkg:speaker/rdfs:label ?speaker ; mrkg:onBehalfOf/rdfs:label ?behalf ; mrkg:paragraphNumber ?number }""" % STATEMENT_23
    response = httpx.post(url + "sparql", data={"query": query}, headers={"Accept": "application/sparql-results+json"})
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("application/sparql-results+json")
    rows = response.json()["results"]["bindings"]
    assert [(r["speaker"]["value"], r["behalf"]["value"], r["number"]["value"]) for r in rows] == [
        ("Mr. Flynn", "Global Detention Project", "23")]


def test_serve_builds_first_when_nothing_is_published(tmp_path: Path) -> None:
    port, log = free_port(), tmp_path / "serve.log"
    process = start(tmp_path / "var", port, log)
    try:
        wait_until_up(process, f"http://127.0.0.1:{port}/", log, 240)
        output = log.read_text()
        assert "building first" in output and re.search(r"built 5 documents, \d+ statements", output)
        assert (tmp_path / "var" / "current" / "store").is_dir()
    finally:
        stop(process)
