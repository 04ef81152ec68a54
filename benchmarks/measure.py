"""Time queries over HTTP: one keep-alive connection in sequence, then N clients at once.

The same client code measures every server: httpx, SPARQL 1.1 Protocol GET
(``?query=``), the same Accept header.  A request's latency runs from
sending it to having read the whole response body; the answer is parsed
(to count its rows) only after the clock stops, so the client's parsing
is charged to no server.
"""
from __future__ import annotations

import math
import threading
import time
from dataclasses import dataclass, field
from typing import Literal

import httpx
import orjson
import pyoxigraph as ox

ACCEPT = {
    "select": "application/sparql-results+json",
    # rdflib-endpoint offers no graph format for DESCRIBE; it answers RDF/XML labelled as XML results.
    "graph": "application/n-triples, text/turtle;q=0.9, application/rdf+xml;q=0.8",
}
Status = Literal["ok", "timeout", "error"]


@dataclass(frozen=True)
class Outcome:
    """One request: how long it took, how many rows (or triples) it answered, or what went wrong."""

    seconds: float
    rows: int | None
    status: Status
    detail: str = ""
    wire_bytes: int = 0  # as sent, compressed or not


@dataclass
class Run:
    """The requests of one query on one server: sequential latencies, then throughput with N clients."""

    sequential: list[Outcome] = field(default_factory=list)
    concurrent: list[Outcome] = field(default_factory=list)
    concurrent_seconds: float = 0.0
    clients: int = 0
    concurrent_cpu_seconds: float | None = None  # the server's CPU time over the throughput run (all its processes)
    repeated: int = 0  # requests whose query string an earlier one already sent (a pool smaller than the count)

    @property
    def latencies(self) -> list[float]:
        return [outcome.seconds for outcome in self.sequential if outcome.status == "ok"]

    @property
    def status(self) -> Status:
        for wanted in ("timeout", "error"):
            if any(outcome.status == wanted for outcome in self.sequential + self.concurrent):
                return wanted  # type: ignore[return-value]
        return "ok"

    def percentile(self, fraction: float) -> float | None:
        """Nearest-rank percentile of the successful sequential latencies, in seconds."""
        values = sorted(self.latencies)
        if not values:
            return None
        return values[max(0, math.ceil(fraction * len(values)) - 1)]

    @property
    def requests_per_second(self) -> float | None:
        done = sum(1 for outcome in self.concurrent if outcome.status == "ok")
        if not done or self.concurrent_seconds <= 0:
            return None
        return done / self.concurrent_seconds

    @property
    def cpu_ms_per_request(self) -> float | None:
        """The server's CPU time per answered request in the throughput run, in milliseconds."""
        done = sum(1 for outcome in self.concurrent if outcome.status == "ok")
        if not done or self.concurrent_cpu_seconds is None:
            return None
        return 1000 * self.concurrent_cpu_seconds / done

    def first_problem(self) -> str:
        for outcome in self.sequential + self.concurrent:
            if outcome.status != "ok":
                return outcome.detail
        return ""


def count_rows(body: bytes, content_type: str, form: str) -> int:
    """Rows of a SELECT answer, or triples of a DESCRIBE/CONSTRUCT answer."""
    if form == "select":
        return len(orjson.loads(body)["results"]["bindings"])
    media = content_type.split(";")[0].strip().lower()
    formats = {
        "application/n-triples": ox.RdfFormat.N_TRIPLES, "text/turtle": ox.RdfFormat.TURTLE,
        "application/rdf+xml": ox.RdfFormat.RDF_XML, "application/ld+json": ox.RdfFormat.JSON_LD,
        "application/n-quads": ox.RdfFormat.N_QUADS,
    }
    if media not in formats and b"<rdf:RDF" in body[:2000]:
        media = "application/rdf+xml"  # rdflib-endpoint's DESCRIBE, see ACCEPT
    if media not in formats:
        raise ValueError(f"a graph answer in {media or 'no media type'}")
    return sum(1 for _ in ox.parse(body, formats[media]))


class Endpoint:
    """One keep-alive HTTP connection to one SPARQL endpoint.

    Like most HTTP libraries (and browsers) it offers to take compressed
    answers (``Accept-Encoding: gzip, deflate``); ``compressed=False`` asks for
    them as they are.  Of the three servers only mrkg compresses.
    """

    def __init__(self, url: str, timeout: float, compressed: bool = True) -> None:
        self.url = url
        self.client = httpx.Client(
            timeout=httpx.Timeout(timeout, connect=10.0),
            limits=httpx.Limits(max_connections=1, max_keepalive_connections=1),
            headers={"Accept-Encoding": "gzip, deflate" if compressed else "identity"},
        )

    def ask(self, query: str, form: Literal["select", "graph"]) -> Outcome:
        started = time.perf_counter()
        try:
            response = self.client.get(self.url, params={"query": query}, headers={"Accept": ACCEPT[form]})
            body = response.content
        except httpx.TimeoutException:
            return Outcome(time.perf_counter() - started, None, "timeout", "no answer within the time limit")
        except httpx.HTTPError as error:
            return Outcome(time.perf_counter() - started, None, "error", f"{type(error).__name__}: {error}")
        seconds = time.perf_counter() - started
        wire = response.num_bytes_downloaded
        if response.status_code != 200:
            status: Status = "timeout" if response.status_code in (503, 504) else "error"
            return Outcome(seconds, None, status, f"HTTP {response.status_code}: {body[:200]!r}", wire)
        try:
            rows = count_rows(body, response.headers.get("content-type", ""), form)
        except (ValueError, KeyError, SyntaxError) as error:
            return Outcome(seconds, None, "error", f"unreadable answer: {error}", wire)
        return Outcome(seconds, rows, "ok", wire_bytes=wire)

    def column(self, query: str) -> list[str]:
        """The values of a one-column SELECT, in order (for drawing the query parameters)."""
        response = self.client.get(self.url, params={"query": query}, headers={"Accept": ACCEPT["select"]})
        response.raise_for_status()
        answer = orjson.loads(response.content)
        (name,) = answer["head"]["vars"]
        return [row[name]["value"] for row in answer["results"]["bindings"] if name in row]

    def close(self) -> None:
        self.client.close()


def concurrent(url: str, queries: list[str], form: Literal["select", "graph"], clients: int,
               timeout: float, seconds: float, compressed: bool = True) -> tuple[list[Outcome], float]:
    """``clients`` threads, each with its own keep-alive connection, send the requests in turn for ``seconds``.

    No request is started after ``seconds`` (or once all are sent, or after a
    timeout); those under way are awaited.  Returns the outcomes and the wall time.
    """
    outcomes: list[Outcome | None] = [None] * len(queries)
    next_request = iter(range(len(queries)))
    lock = threading.Lock()
    start = threading.Barrier(clients + 1)
    gave_up = threading.Event()  # after a timeout, the clients take no further requests
    deadline = [0.0]

    def client() -> None:
        endpoint = Endpoint(url, timeout, compressed)
        try:
            start.wait()
            while not gave_up.is_set() and time.perf_counter() < deadline[0]:
                with lock:
                    index = next(next_request, None)
                if index is None:
                    return
                outcomes[index] = outcome = endpoint.ask(queries[index], form)
                if outcome.status == "timeout":
                    gave_up.set()
        finally:
            endpoint.close()

    threads = [threading.Thread(target=client, daemon=True) for _ in range(clients)]
    for thread in threads:
        thread.start()
    began = time.perf_counter()
    deadline[0] = began + seconds
    start.wait()
    for thread in threads:
        thread.join()
    wall = time.perf_counter() - began
    return [outcome for outcome in outcomes if outcome is not None], wall
