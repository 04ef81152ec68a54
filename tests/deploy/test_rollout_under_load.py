"""Three nodes behind HAProxy under load: a node killed, a release rolled out, and no client any the worse.

Four clients query the balancer without pause, each on its own keep-alive
connection, each request sent only once the previous answer is in (as a
person or a crawler does).  Meanwhile one node is killed (SIGKILL) and a new
release, with one statement more, is rolled out.  Each answer's content (the
statement count) says which release answered; it must agree with the
``X-Mrkg-Release`` header.  Counted: failed requests (0) and answers from the
old release after one from the new (0).
"""
from __future__ import annotations

import os
import signal
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

import httpx
import pyoxigraph
import pytest

from graph.cluster.nodes import free_port
from graph.cluster.rollout import Cluster
from graph.errors import MrkgError
from graph.settings import Settings
from live_service import SAMPLE, build_store

pytestmark = pytest.mark.slow

CLIENTS = 4
MOST_REQUESTS = 20_000  # per client: the load stops by itself even if the scenario hangs
LONGEST = 240.0  # seconds any client keeps sending
COUNT = ("PREFIX mrkg: <https://w3id.org/mrkg/ontology#> "
         "SELECT (COUNT(?statement) AS ?n) WHERE { ?statement a mrkg:Statement }")
ADDED = """
<https://w3id.org/mrkg/id/graph/rollout-check> {
  <https://w3id.org/mrkg/id/statement/rollout-check/1> a <https://w3id.org/mrkg/ontology#Statement> ;
    <http://www.w3.org/2000/01/rdf-schema#label> "A statement only the second release has" .
}
"""


@dataclass
class Answer:
    sent: float
    release: str
    statements: int


@dataclass
class Client:
    answers: list[Answer] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)


def statement_count(source: Path) -> int:
    store = pyoxigraph.Store()
    store.bulk_load(path=str(source), format=pyoxigraph.RdfFormat.TRIG)
    rows = list(store.query(COUNT.replace("WHERE {", "WHERE { GRAPH ?g {") + " }"))  # type: ignore[arg-type]
    return int(rows[0]["n"].value)


def query_without_pause(url: str, client: Client, stop: threading.Event) -> None:
    deadline = time.monotonic() + LONGEST
    with httpx.Client(base_url=url, timeout=60) as http:
        for _ in range(MOST_REQUESTS):
            if stop.is_set() or time.monotonic() > deadline:
                return
            sent = time.monotonic()
            try:
                reply = http.get("/sparql", params={"query": COUNT},
                                 headers={"Accept": "application/sparql-results+json"})
            except httpx.HTTPError as error:
                client.failures.append(f"{type(error).__name__}: {error}")
                continue
            if reply.status_code != 200:
                client.failures.append(f"{reply.status_code}: {reply.text[:200]}")
                continue
            count = int(reply.json()["results"]["bindings"][0]["n"]["value"])
            client.answers.append(Answer(sent, reply.headers.get("x-mrkg-release", ""), count))


def wait_for(condition: object, timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():  # type: ignore[operator]
            return
        time.sleep(0.05)
    raise AssertionError(f"not within {timeout:.0f} s: {what}")


def test_node_lost_and_release_rolled_out_under_load(tmp_path: Path) -> None:
    second_source = tmp_path / "second.trig"
    second_source.write_text(SAMPLE.read_text(encoding="utf-8") + ADDED, encoding="utf-8")
    expected = {"release-1": statement_count(SAMPLE), "release-2": statement_count(second_source)}
    assert expected["release-2"] == expected["release-1"] + 1

    var = tmp_path / "var"
    build_store(SAMPLE, var, "release-1")
    cluster = Cluster(Settings.from_env(environ={}, var_dir=var), port=free_port(), size=3,
                      node_settings={"MRKG_QUERY_WORKERS": "1"})
    clients = [Client() for _ in range(CLIENTS)]
    stop = threading.Event()
    threads = [threading.Thread(target=query_without_pause, args=(cluster.balancer.url, client, stop), daemon=True)
               for client in clients]
    cluster.start()
    try:
        first_nodes = list(cluster.nodes)
        assert [node.release for node in first_nodes] == ["release-1"] * 3
        for thread in threads:
            thread.start()
        wait_for(lambda: all(len(client.answers) >= 20 for client in clients), 60, "every client answered 20 times")

        victim = first_nodes[1]
        os.kill(victim.pid, signal.SIGKILL)
        killed_at = time.monotonic()
        wait_for(lambda: cluster.balancer.status("blue")[2].startswith("DOWN"), 15,
                 "HAProxy's checks mark the killed node down")
        time.sleep(1.0)

        build_store(second_source, var, "release-2")  # what `mrkg build` does: a new release, var/current swapped
        done = cluster.rollout()
        rolled_out_at = time.monotonic()
        assert (done.previous, done.release, done.slot) == ("release-1", "release-2", "green")
        time.sleep(2.0)
    finally:
        stop.set()
        for thread in threads:
            thread.join(timeout=90)
        blue = {row["svname"]: row for row in cluster.balancer.statistics() if row["pxname"] == "blue"}
        cluster.stop()

    failures = [failure for client in clients for failure in client.failures]
    answers = [answer for client in clients for answer in client.answers]
    # Which release answered is read from the answer's content (the second release has one statement more).
    backwards = sum(1 for client in clients
                    for before, after in zip(client.answers, client.answers[1:])
                    if before.statements > after.statements)
    print(f"\n{len(answers)} answers, {len(failures)} failed; answers older than one already seen: {backwards}; "
          f"HAProxy on the old release: {blue['BACKEND']['wretr']} retries, {blue['BACKEND']['wredis']} redispatches")
    assert failures == []
    assert backwards == 0
    # Every answer's content is the release its header names, and nothing but the two releases answered.
    assert {(answer.release, answer.statements) for answer in answers} == set(expected.items())
    for client in clients:
        counts = [answer.statements for answer in client.answers]
        assert counts == sorted(counts), "a client saw the releases out of order"
        assert any(answer.sent > killed_at and answer.statements == expected["release-1"] for answer in client.answers), \
            "the load went on through the loss of a node"
        after = [answer.statements for answer in client.answers if answer.sent > rolled_out_at]
        assert after and set(after) == {expected["release-2"]}, "every request sent after the rollout is answered by it"
    assert not victim.alive() and all(not node.alive() for node in first_nodes)
    assert all(not node.folder.exists() for node in first_nodes), "the old release's copies are removed"


def test_refuses_nodes_that_accept_updates(tmp_path: Path) -> None:
    with pytest.raises(MrkgError, match="MRKG_UPDATE_ENABLED"):
        Cluster(Settings.from_env(environ={}, var_dir=tmp_path, update_enabled=True, update_token="t"), port=free_port())
