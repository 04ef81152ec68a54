"""A damaged store is the server's fault, said plainly, and a new build cures it (issue 10, point 9).

A real `mrkg build` of data/ is copied, served by the real `mrkg serve`, and
its store files are damaged the way a failing disk or a careless operator
would: table files truncated, the manifest overwritten.  Every route then
answers 503 in words that name no path and quote no storage engine, and
``/health`` says why; a new `mrkg build` makes everything answer again
without a restart.
"""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path
from typing import Callable

import httpx
import pytest

from live_service import LiveServer

ARTICLE_22 = "/id/instrument/icrmw/article/22"
ASK = {"query": "ASK { ?s ?p ?o }"}
BROWSER = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"
ENGINE_WORDS = ("Corruption", "MANIFEST", ".sst", "RocksDB", "IO error")


def copy_of(published_var: Path, var: Path) -> Path:
    """A var/ folder of our own holding the same release, and that release's folder."""
    release = Path(os.path.realpath(published_var / "current"))
    own = var / "releases" / release.name
    shutil.copytree(release, own)
    (var / "current").symlink_to(Path("releases") / release.name)
    return own


def damage(store: Path) -> None:
    for table in store.glob("*.sst"):
        with table.open("r+b") as file:
            file.truncate(100)
    for manifest in store.glob("MANIFEST-*"):
        manifest.write_bytes(b"not a manifest\n" * 4)


def wait_for_health(server: str, status: int, seconds: float = 15.0) -> httpx.Response:
    deadline = time.monotonic() + seconds
    while True:
        response = httpx.get(server + "/health", timeout=10)
        if response.status_code == status or time.monotonic() > deadline:
            return response
        time.sleep(0.2)


def assert_plain(response: httpx.Response, var: Path) -> None:
    assert response.status_code == 503, (response.request.url, response.status_code, response.text[:300])
    assert "store unreadable" in response.text and "mrkg build" in response.text, response.text
    assert str(var) not in response.text and "/releases/" not in response.text, response.text
    assert not any(word in response.text for word in ENGINE_WORDS), response.text


def every_route(server: str) -> list[httpx.Response]:
    return [
        httpx.get(server + "/sparql", params=ASK, timeout=30),
        httpx.post(server + "/sparql", data=ASK, timeout=30),
        httpx.get(server + ARTICLE_22, headers={"Accept": BROWSER}, timeout=30),
        httpx.get(server + ARTICLE_22 + ".ttl", timeout=30),
        httpx.get(server + "/", timeout=30),
        httpx.get(server + "/dumps/", timeout=30),
        httpx.get(server + "/dumps/mrkg.nq.gz", timeout=30),
        httpx.get(server + "/.well-known/void", timeout=30),
    ]


def test_a_store_damaged_under_the_server_is_a_503_until_a_new_build(
        start_server: Callable[..., LiveServer], published_var: Path, tmp_path: Path) -> None:
    var = tmp_path / "var"
    release = copy_of(published_var, var)
    server = start_server(var_dir=var, cli=True)
    assert httpx.get(server + ARTICLE_22, timeout=30).status_code == 200

    damage(release / "store")
    health = wait_for_health(server, 503)
    assert health.status_code == 503
    store = health.json()["store"]
    assert (store["state"], store["loaded"], store["build_id"]) == ("store unreadable", False, release.name)
    assert_plain(health, var)
    for response in every_route(server):
        assert_plain(response, var)

    rebuilt = subprocess.run([sys.executable, "-m", "graph.cli", "build"], capture_output=True, text=True,
                             env=dict(os.environ, MRKG_VAR_DIR=str(var)), timeout=900)
    assert rebuilt.returncode == 0, rebuilt.stderr
    health = wait_for_health(server, 200)
    assert health.status_code == 200 and health.json()["store"]["state"] == "ok"
    assert health.json()["store"]["build_id"] != release.name
    assert server.process.poll() is None  # the same process: no restart
    answers = every_route(server)
    assert [response.status_code for response in answers] == [200] * len(answers)
    assert answers[0].json()["boolean"] is True
    assert "<h1>Article 22 of the ICRMW</h1>" in answers[2].text


def test_a_server_started_on_a_damaged_store_says_so(
        start_server: Callable[..., LiveServer], published_var: Path, tmp_path: Path) -> None:
    var = tmp_path / "var"
    damage(copy_of(published_var, var) / "store")
    server = start_server(var_dir=var, cli=True)
    health = wait_for_health(server, 503)
    assert health.json()["store"]["state"] == "store unreadable"
    assert_plain(health, var)
    for response in every_route(server):
        assert_plain(response, var)
    log = Path(server.log).read_text()
    assert "Traceback" not in log  # an expected fault: logged in one line, with the engine's words, for the operator
    assert "cannot read the store at" in log


@pytest.mark.parametrize("kind", ["html", "json"])
def test_the_503_is_in_the_form_the_client_prefers(start_server: Callable[..., LiveServer], published_var: Path,
                                                   tmp_path: Path, kind: str) -> None:
    var = tmp_path / "var"
    damage(copy_of(published_var, var) / "store")
    server = start_server(var_dir=var, cli=True, query_workers=1)
    wait_for_health(server, 503)
    accept = BROWSER if kind == "html" else "application/json"
    response = httpx.get(server + ARTICLE_22, headers={"Accept": accept}, timeout=30)
    assert_plain(response, var)
    assert response.headers["content-type"].startswith("text/html" if kind == "html" else "application/json")


def test_a_scratch_store_written_by_updates_is_not_taken_for_a_damaged_one(
        start_server: Callable[..., LiveServer], tmp_path: Path) -> None:
    token = {"Authorization": "Bearer a token long enough"}
    server = start_server(var_dir=tmp_path, update_enabled=True, update_token="a token long enough")
    for number in range(3):
        update = {"update": f"INSERT DATA {{ GRAPH <urn:g> {{ <urn:a> <urn:b> {number} }} }}"}
        assert httpx.post(server + "/sparql", data=update, headers=token, timeout=30).status_code == 204
        time.sleep(1.2)  # past the interval at which the published build's files are looked at
    health = httpx.get(server + "/health", timeout=30)
    assert health.status_code == 200 and health.json()["store"]["state"] == "ok", health.text
    answer = httpx.get(server + "/sparql", params={"query": "SELECT (COUNT(*) AS ?n) { <urn:a> <urn:b> ?o }"}, timeout=30)
    assert answer.json()["results"]["bindings"][0]["n"]["value"] == "3"
