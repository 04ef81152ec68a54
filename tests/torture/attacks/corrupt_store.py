"""A store damaged under a running server (issue 10 item 9)."""
from __future__ import annotations

import os
import re
import subprocess
import time

import httpx

from ..instance import MRKG, PROJECT_ROOT, mrkg_env
from ..release_check import published
from ..report import Row
from ..trial import Context, Trial, attacker_client

# The engine can read a damaged store until the time limit (an ASK did, here): a short one keeps the row short.
DAMAGED_SETTINGS = {"query_timeout": 5}
ANSWER_SECONDS = 10  # an answer slower than this counts as none
PROLOGUE = "PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>\n"
SCAN = ("SELECT (COUNT(*) AS ?n) (SUM(STRLEN(STR(?o))) AS ?chars) WHERE { GRAPH ?g { ?s ?p ?o "
        "FILTER(isLiteral(?o) && DATATYPE(?o) != xsd:integer) } }")  # reads the text of every literal
ROUTES = ("/id/instrument/icrmw/article/22", "/", "/dumps/", "/.well-known/void", "/id/instrument/icrmw", "/ontology",
          "/sparql?query=ASK%20%7B%3Fs%20a%20%3Fo%7D")


def corrupt_store(context: Context) -> Row:
    """Empty the published store's data files under a running server, as a crash can leave them.

    Emptied, not filled with noise: noise where the engine reads makes it
    allocate without bound (22 GB on this machine before the kernel stepped
    in) or answer wrongly without a word, which tests the engine and the
    machine rather than the service.  Nothing is read before the damage.

    Under the running server, no route may answer a 5xx other than 503, nor
    show a path of the machine or the engine's message.  Then a server
    started on the damaged store (the operator's restart) must answer its
    queries and pages 503 with a plain message, and /health must say the store
    is unusable and why; one ``mrkg build`` must then bring that server back
    without a restart.
    """
    row = Row("corrupted store", "10.9")
    var = context.fresh_var("corrupt-store")
    with Trial(context, row, var_dir=var, settings=DAMAGED_SETTINGS) as trial, \
            attacker_client(timeout=ANSWER_SECONDS) as client:
        for data in sorted((published(var) / "store").glob("*.sst")):  # type: ignore[operator]
            os.truncate(data, 0)
        _every_route(trial, client, "under the running server")
    with Trial(context, row, var_dir=var, settings=DAMAGED_SETTINGS) as trial, \
            attacker_client(timeout=ANSWER_SECONDS) as client:
        for what, answer in _every_route(trial, client, "after a restart").items():
            if what in ("a query", "the article page") and answer is not None and answer.status_code != 503:
                row.problem(f"{what} after a restart on the damaged store → {answer.status_code}, not 503")
        health = trial.send(client, "GET", trial.url + "/health", "/health", expected=(503,))
        if health is not None:
            try:
                status = health.json().get("status")
            except ValueError:
                status = None
            if status == "ok":
                row.problem(f"/health says 'ok' ({health.status_code}) about a damaged store")
            elif "error" not in health.text and "reason" not in health.text:
                row.problem(f"/health does not say why the store is unusable: {health.text[:120]!r}")
            _no_machine_paths(row, health.text, "/health", context)
        rebuilt = subprocess.run([*MRKG, "build"], cwd=PROJECT_ROOT, env=mrkg_env(var), capture_output=True,
                                 text=True, timeout=600)
        row.requests += 1
        if rebuilt.returncode != 0:
            row.problem(f"mrkg build on the damaged var/ failed ({rebuilt.returncode}): {rebuilt.stderr.strip()[-200:]}")
        deadline = time.monotonic() + 15
        while time.monotonic() < deadline and trial.server.health(timeout=2).get("status") != "ok":
            time.sleep(0.5)
        again = trial.send(client, "POST", trial.url + "/sparql", "the query after a new build",
                           data={"query": PROLOGUE + SCAN + " # again"}, headers={"Accept": "text/csv"})
        if again is None or again.status_code != 200 or not re.search(r"\n\d+,\d+", again.text):
            row.problem(f"the query after a new build → {again.status_code if again else 'no answer'}, "
                        f"{again.text.strip()[:60] if again else ''!r}")
        page = trial.send(client, "GET", trial.url + ROUTES[0], f"GET {ROUTES[0]} after a new build")
        if page is not None and page.status_code != 200:
            row.problem(f"GET {ROUTES[0]} after a new build → {page.status_code}")
        if trial.server.health().get("status") != "ok":
            row.problem("/health is not 'ok' after a new build")
    return row


def _every_route(trial: Trial, client: httpx.Client, when: str) -> dict[str, httpx.Response | None]:
    """The query and every route, each counted (503 expected) and read for paths."""
    answers = {"a query": trial.send(client, "POST", trial.url + "/sparql", f"a query {when}", expected=(503,),
                                     data={"query": PROLOGUE + SCAN})}
    for route in ROUTES:
        what = "the article page" if route == ROUTES[0] else f"GET {route}"
        answers[what] = trial.send(client, "GET", trial.url + route, f"{what} {when}", expected=(503,))
    for what, answer in answers.items():
        if answer is not None:
            _no_machine_paths(trial.row, answer.text, f"{what} {when}", trial.context)
    return answers


def _no_machine_paths(row: Row, text: str, what: str, context: Context) -> None:
    for sign in (str(context.workdir), "/releases/", ".sst", "Corruption:"):
        if sign in text:
            row.problem(f"{what} shows {sign!r} to the client: …{text[max(text.find(sign) - 30, 0):][:100]!r}")
            return
