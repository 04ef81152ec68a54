"""What every attack on a server shares: a fresh instance, the bystander, and the counting of answers.

``with Trial(context, row, …) as trial:`` starts the attack's own server (a copy
of the scratch build), reads its worker restarts, and runs the bystander
(:mod:`.probe`); the body attacks ``trial.url`` and hands each answer to
:meth:`Trial.answer`.  On leaving, the row gets the freezes, the restarts, the
peak memory and the time, and the server is stopped.
"""
from __future__ import annotations

import itertools
import sys
import time
import traceback
from dataclasses import dataclass, field
from pathlib import Path
from typing import Collection, Mapping, Sequence

import httpx

from .budget import Budget
from .instance import MEMORY_CEILING_MB, Instance, copy_var
from .probe import ARTICLE_PAGE, FREEZE_SECONDS, Probe
from .report import Row

ATTACKER = "127.0.0.2"  # where hostile requests come from; the bystander is 127.0.0.1


@dataclass
class Context:
    """The campaign's: its budget, a scratch folder, the one scratch build, the random seed."""

    budget: Budget
    workdir: Path
    release: Path
    seed: int
    servers: list[Instance] = field(default_factory=list)  # every server started, stopped again after each attack
    _names: itertools.count = field(default_factory=itertools.count)

    def fresh_var(self, name: str) -> Path:
        """A copy of the scratch build's var/ folder for one instance."""
        return copy_var(self.release, self.workdir / f"{name}-{next(self._names)}-var")

    def log(self, name: str) -> Path:
        return self.workdir / f"{name}-{next(self._names)}.log"


def attacker_client(timeout: float = 30, address: str = ATTACKER, **options: object) -> httpx.Client:
    return httpx.Client(timeout=timeout, transport=httpx.HTTPTransport(local_address=address), **options)  # type: ignore[arg-type]


def async_attacker_client(timeout: float = 30, address: str = ATTACKER, **options: object) -> httpx.AsyncClient:
    return httpx.AsyncClient(timeout=timeout, transport=httpx.AsyncHTTPTransport(local_address=address),
                             **options)  # type: ignore[arg-type]


def first_line(text: str, width: int = 160) -> str:
    line = text.strip().splitlines()[0] if text.strip() else "(empty body)"
    return line if len(line) <= width else line[:width] + "…"


def shown(text: str, width: int = 90) -> str:
    """A request's text as a finding names it: escaped, and cut in the middle when long."""
    text = text.encode("unicode_escape").decode("ascii")
    return text if len(text) <= width else f"{text[:width // 2]}…({len(text)} chars)…{text[-width // 3:]}"


def is_time_limit(response: httpx.Response) -> bool:
    """The documented answer to a query past MRKG_QUERY_TIMEOUT: 503 with Retry-After, not a fault."""
    return response.status_code == 503 and "retry-after" in response.headers


class Trial:
    """One attack on one fresh server (see the module's docstring)."""

    def __init__(self, context: Context, row: Row, settings: Mapping[str, object] | None = None,
                 probe_paths: Sequence[str] = ("/health", ARTICLE_PAGE), open_files: int | None = None,
                 var_dir: Path | None = None, freeze_seconds: float = FREEZE_SECONDS) -> None:
        self.context = context
        self.row = row
        self.server = Instance(var_dir or context.fresh_var(row.attack), context.log(row.attack), settings, open_files)
        context.servers.append(self.server)
        self.probe = Probe(self.server.url, probe_paths, freeze_seconds)
        self.started = time.monotonic()
        self._restarts_before: int | None = 0

    @property
    def url(self) -> str:
        return self.server.url

    def __enter__(self) -> "Trial":
        self.server.start()
        self._restarts_before = self.server.restarts()
        self.probe.__enter__()
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None, tb: object) -> bool:
        self.probe.__exit__(None, None, None)
        after = self.server.restarts()
        self.server.stop()
        row = self.row
        row.freezes += self.probe.result.freezes
        row.worst_probe = max(row.worst_probe, self.probe.result.worst)
        for example in self.probe.result.examples:
            row.problem(f"freeze: {example}")
        if after is None or self._restarts_before is None:
            row.restarts = None
        else:
            row.restarts = (row.restarts or 0) + after - self._restarts_before
            if row.restarts_must_be_zero and after > self._restarts_before:
                row.problem(f"query workers restarted {after - self._restarts_before} times (crashed)")
        if self.server.stopped_for_memory:
            row.problem(f"the server passed {MEMORY_CEILING_MB} MB and was stopped")
        row.peak_web_mb = max(row.peak_web_mb, self.server.peak_web_mb)
        row.peak_worker_mb = max(row.peak_worker_mb, self.server.peak_worker_mb)
        row.seconds += time.monotonic() - self.started
        if error is not None and not isinstance(error, KeyboardInterrupt):
            traceback.print_exception(kind, error, error.__traceback__, file=sys.stderr)
            row.problem(f"the attack itself broke off: {type(error).__name__}: {first_line(str(error))} "
                        f"(server log: {self.server.log})")
            return True
        return False

    def answer(self, response: httpx.Response, what: str, expected: Collection[int] = (),
               kind: str | None = None) -> httpx.Response:
        """Count one answer; a 5xx is a server error unless it is the time limit's or ``expected``.

        Server errors are grouped by ``kind`` in the table (by default, what
        was asked, up to its first 24 characters).
        """
        self.count(response.status_code, response.text, what, expected, is_time_limit(response), kind)
        return response

    def send(self, client: httpx.Client, method: str, url: str, what: str, expected: Collection[int] = (),
             kind: str | None = None, **options: object) -> httpx.Response | None:
        """Send and count; a connection the server drops without an answer counts as a server error."""
        try:
            response = client.request(method, url, **options)  # type: ignore[arg-type]
        except httpx.TransportError as error:
            self.row.requests += 1
            self.row.server_error(f"{kind or what[:24]} no answer", f"{what}: no answer ({type(error).__name__})")
            return None
        return self.answer(response, what, expected, kind)

    def count(self, status: int | None, body: str, what: str, expected: Collection[int] = (),
              time_limit: bool = False, kind: str | None = None) -> None:
        """Count an answer read some other way (``status`` None: no answer, which is not counted as an error)."""
        self.row.requests += 1
        if status is not None and status >= 500 and status not in expected and not time_limit:
            self.row.server_error(f"{kind or what[:24]} {status}", f"{what} → {status} {first_line(body)}")
