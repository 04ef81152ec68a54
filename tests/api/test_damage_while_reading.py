"""A store damaged while its pages are being read: every page answers, 200 or 503, and nothing spins (issue 10, point 9).

The engine, asked to read a table emptied under it, can loop inside one call
for ever (and, for a count, allocate hundreds of MB a second).  So the test
damages the store under the real `mrkg serve` many times in a row, each time
at a random moment while three clients read pages, and asks that every answer
comes within a bound — the page as published (200) or the plain 503 — and
that the server's processes are idle again afterwards (CPU time read from /proc).
Each round publishes a fresh copy of a real build first, as `mrkg build`
would, and the running server follows it.
"""
from __future__ import annotations

import json
import os
import random
import shutil
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

import httpx

from live_service import LiveServer, cpu_seconds

ROUNDS = 8
READERS = 3
ANSWER_BOUND = 5.0  # seconds: a page, or its 503, within this
CLIENT_TIMEOUT = 15.0  # seconds before the test gives up on an answer (then: no answer)
READ_ON_AFTER_DAMAGE = 1.5  # seconds the clients keep reading once the store is damaged
SEEN_WITHIN = 0.5  # seconds after which the damage is known: a page asked later answers 503
# Pages of many resources (statements, actors, provisions), as HTML and as Turtle: most reads find
# their blocks of the store not yet read, as a page of a little-visited resource would.
RESOURCES = """PREFIX mrkg: <https://w3id.org/mrkg/ontology#>
SELECT ?r WHERE { { ?r a mrkg:Statement } UNION { ?r a mrkg:Actor } UNION { ?r a mrkg:Article } }"""
ID = "https://w3id.org/mrkg/id/"
UNREADABLE = "store unreadable: the published store is damaged and cannot be read"


@dataclass
class Answer:
    path: str
    status: int | None  # None: no answer within CLIENT_TIMEOUT
    started: float  # time.monotonic(), relative to the damage (negative: before it)
    ended: float
    text: str

    @property
    def seconds(self) -> float:
        return self.ended - self.started


def publish_copy(original: Path, var: Path, name: str) -> Path:
    """A copy of ``original``'s store and build record as release ``name``, made current as `mrkg build` does."""
    release = var / "releases" / name
    shutil.copytree(original / "store", release / "store")
    record = json.loads((original / "build.json").read_text(encoding="utf-8"))
    (release / "build.json").write_text(json.dumps({**record, "build_id": name}), encoding="utf-8")
    staged = var / "current.next"
    staged.symlink_to(Path("releases") / name)
    staged.replace(var / "current")
    return release


def empty_tables(store: Path) -> None:
    for table in store.glob("*.sst"):
        os.truncate(table, 0)


def serving(server: str, build_id: str, seconds: float = 15.0) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        body = httpx.get(server + "/health", timeout=10).json()
        if body["status"] == "ok" and body["store"]["build_id"] == build_id:
            return True
        time.sleep(0.1)
    return False


def resources(server: str) -> list[str]:
    answer = httpx.post(server + "/sparql", data={"query": RESOURCES}, headers={"Accept": "text/csv"}, timeout=30)
    found = [line.strip() for line in answer.text.splitlines()[1:] if line.startswith(ID)]
    assert len(found) > 1000, answer.text[:300]
    return found


def read_pages(server: str, stop: threading.Event, found: list[tuple[str, int | None, float, float, str]],
               pages: list[str], order: random.Random) -> None:
    with httpx.Client(timeout=CLIENT_TIMEOUT) as client:
        while not stop.is_set():
            path = "/id/" + order.choice(pages)[len(ID):] + order.choice(("", ".ttl"))
            started = time.monotonic()
            try:
                response = client.get(server + path)
                status, text = response.status_code, response.text
            except httpx.HTTPError as error:
                status, text = None, f"{type(error).__name__}: {error}"
            found.append((path, status, started, time.monotonic(), text))


def process_tree_cpu(server: LiveServer) -> float:
    return sum(cpu_seconds(pid) for pid in [server.pid, *server.worker_pids()])


def test_pages_read_while_the_store_is_damaged_answer_in_time_and_nothing_spins(
        start_server: Callable[..., LiveServer], published_var: Path, tmp_path: Path) -> None:
    original = Path(os.path.realpath(published_var / "current"))
    var = tmp_path / "var"
    publish_copy(original, var, "round-0")
    server = start_server(var_dir=var, cli=True, query_workers=1)
    chance = random.Random(int(os.environ.get("MRKG_TEST_SEED", "0")) or None)
    pages = resources(server)
    answers: list[Answer] = []
    for round_number in range(ROUNDS):
        release = var / "releases" / f"round-{round_number}"
        if round_number:
            publish_copy(original, var, release.name)
        assert serving(server, release.name), f"round {round_number}: the server did not follow the new build"
        stop = threading.Event()
        found: list[tuple[str, int | None, float, float, str]] = []
        clients = [threading.Thread(target=read_pages, args=(server, stop, found, pages,
                                                             random.Random(chance.random())))
                   for _ in range(READERS)]
        for client in clients:
            client.start()
        time.sleep(chance.uniform(0.05, 0.5))  # a random moment, pages under way
        damage = time.monotonic()  # when the damage begins: a reader may meet the first emptied table at once
        empty_tables(release / "store")
        time.sleep(READ_ON_AFTER_DAMAGE)
        stop.set()
        for client in clients:
            client.join(CLIENT_TIMEOUT + 5)
        assert not any(client.is_alive() for client in clients), f"round {round_number}: a page never came back"
        answers += [Answer(path, status, started - damage, ended - damage, text)
                    for path, status, started, ended, text in found]

    for answer in answers:
        assert answer.status is not None, f"{answer.path}: no answer within {CLIENT_TIMEOUT:g} s ({answer.text})"
        assert answer.seconds < ANSWER_BOUND, f"{answer.path} answered {answer.status} after {answer.seconds:.1f} s"
        if answer.status == 200:
            resource = ID + answer.path[len("/id/"):].removesuffix(".ttl")
            assert f"<{resource}>" in answer.text or f'"{resource}"' in answer.text, (answer.path, answer.text[:300])
            assert answer.started < SEEN_WITHIN, f"{answer.path} asked {answer.started:.2f} s after the damage: 200"
        else:
            assert answer.status == 503 and UNREADABLE in answer.text, (answer.path, answer.status, answer.text[:300])
            assert answer.ended > 0, f"{answer.path} answered 503 before the store was damaged"
    assert sum(answer.started > SEEN_WITHIN for answer in answers) >= ROUNDS  # each round read on past the damage

    time.sleep(1.0)  # a reader ended for reading a damaged store is replaced by now
    before = process_tree_cpu(server)
    time.sleep(3.0)
    spent = process_tree_cpu(server) - before
    assert spent < 0.5, f"the server's processes used {spent:.2f} s of CPU in 3 s with no request to answer"
    assert server.process.poll() is None
