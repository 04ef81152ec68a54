"""SSRF: the corpus of remote-call spellings against a listener on 127.0.0.1 (issue 10 item 1)."""
from __future__ import annotations

import httpx

from ..canary import MARKER, Canary
from ..report import Row
from ..ssrf_corpus import Spelling, query_spellings, update_spellings
from ..trial import Context, Trial, attacker_client, shown

TOKEN = "torture-token"


def ssrf(context: Context) -> Row:
    """Every spelling in the corpus, as a query and as an update, must leave the listener untouched.

    Twice: on a server with the default settings (no allowlist, read-only), and
    on a scratch one that accepts updates with a token and allows one endpoint,
    a second listener, which a query must reach (the control that shows the
    count can see a call).  A remote answer must never come back either.
    """
    row = Row("ssrf corpus", "10.1")
    reached: dict[str, list[str]] = {}  # spelling → where it got through
    with Canary() as canary, Canary() as allowed:
        queries, updates = query_spellings(canary.url), update_spellings(canary.url)
        with Trial(context, row) as trial:
            _send(trial, queries + updates, canary, "default settings", {}, reached)
        scratch = {"update_enabled": True, "update_token": TOKEN, "service_allowlist": allowed.url + "sparql"}
        with Trial(context, row, settings=scratch) as trial:
            _send(trial, queries + updates, canary, "updates on", {"Authorization": f"Bearer {TOKEN}"}, reached)
            with attacker_client() as client:
                control = f"SELECT * WHERE {{ SERVICE <{allowed.url}sparql> {{ ?s ?p ?o }} }}"
                trial.answer(client.post(trial.url + "/sparql", data={"query": control}), "the allowed SERVICE")
                if allowed.connections == 0:
                    row.problem("control: a SERVICE call to the allowlisted listener never reached it, "
                                "so this row cannot see a call")
                stored = client.post(trial.url + "/sparql", data={
                    "query": f'ASK {{ {{ ?s ?p ?o }} UNION {{ GRAPH ?g {{ ?s ?p ?o }} }} '
                             f'FILTER(CONTAINS(STR(?o), "{MARKER}")) }}'})
                trial.answer(stored, "ASK for the remote data")
                if "true" in stored.text:
                    row.problem("data fetched from the listener was stored by an update")
        row.ssrf = canary.connections
    for name, where in reached.items():
        places = "; ".join(where)
        row.problem(f"reached the listener: {name} ({places})", limit=100)
    return row


def _send(trial: Trial, spellings: list[Spelling], canary: Canary, server: str, headers: dict[str, str],
          reached: dict[str, list[str]]) -> None:
    """Each spelling by form and by body; notes in ``reached`` where each one got through."""
    with attacker_client(timeout=60) as client:
        for spelling in spellings:
            field = "update" if spelling.update else "query"
            media_type = "application/sparql-update" if spelling.update else "application/sparql-query"
            before, leaked = canary.connections, False
            for request in (
                client.build_request("POST", trial.url + "/sparql", data={field: spelling.text}, headers=headers),
                client.build_request("POST", trial.url + "/sparql", content=spelling.text.encode(),
                                     headers={**headers, "Content-Type": media_type}),
            ):
                try:
                    response = trial.answer(client.send(request), f"{spelling.name}: {shown(spelling.text)}")
                except httpx.HTTPError as error:
                    trial.row.problem(f"{spelling.name}: no answer ({type(error).__name__})")
                    continue
                leaked = leaked or MARKER in response.text
            calls = canary.connections - before
            if calls or leaked:
                answer = ", its answer came back" if leaked else ""
                reached.setdefault(spelling.name, []).append(f"{server}: {calls} calls{answer}")
