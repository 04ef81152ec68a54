"""The bystander: ``/health`` and one page, each asked every 0.5 s while an attack runs.

A probe slower than :data:`FREEZE_SECONDS`, or one that gets no answer at all,
is a freeze: the server stopped answering someone who did nothing wrong
(issue 10 items 2, 3, 4 and 7).  The bystander runs in a process of its own,
so the attack's own work in this process never delays it; it connects from
127.0.0.1, the attackers from other loopback addresses.

Run as a script it prints one JSON line per probe until its standard input closes.
"""
from __future__ import annotations

import json
import subprocess
import sys
import time
from dataclasses import dataclass, field
from typing import Sequence

FREEZE_SECONDS = 2.0
INTERVAL = 0.5
PROBE_TIMEOUT = 10.0
ARTICLE_PAGE = "/id/instrument/icrmw/article/22"


@dataclass
class ProbeResult:
    probes: int = 0
    freezes: int = 0
    worst: float = 0.0
    examples: list[str] = field(default_factory=list)


class Probe:
    """A context manager: the bystander runs while the ``with`` body attacks."""

    def __init__(self, url: str, paths: Sequence[str] = ("/health", ARTICLE_PAGE),
                 freeze_seconds: float = FREEZE_SECONDS) -> None:
        self.url = url
        self.paths = tuple(paths)
        self.freeze_seconds = freeze_seconds
        self.process: subprocess.Popen[str] | None = None
        self.result = ProbeResult()

    def __enter__(self) -> "Probe":
        self.process = subprocess.Popen([sys.executable, __file__, self.url, *self.paths], stdin=subprocess.PIPE,
                                        stdout=subprocess.PIPE, text=True)
        return self

    def __exit__(self, *exc: object) -> None:
        assert self.process is not None
        try:  # communicate() closes its standard input: the bystander finishes the probe under way, then stops
            output, _ = self.process.communicate(timeout=PROBE_TIMEOUT + 10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            output, _ = self.process.communicate()
        for line in output.splitlines():
            sample = json.loads(line)
            self.result.probes += 1
            self.result.worst = max(self.result.worst, sample["seconds"])
            if sample["seconds"] > self.freeze_seconds or sample["error"]:
                self.result.freezes += 1
                if len(self.result.examples) < 3:
                    if sample["error"]:
                        self.result.examples.append(f"GET {sample['path']}: no answer after {sample['seconds']:.1f} s "
                                                    f"({sample['error']})")
                    else:
                        self.result.examples.append(f"GET {sample['path']} took {sample['seconds']:.1f} s "
                                                    f"(answered {sample['status']})")


def _bystander(url: str, paths: Sequence[str]) -> None:
    import os
    import threading

    import httpx

    stop = threading.Event()

    def watch_stdin() -> None:
        while os.read(sys.stdin.fileno(), 4096):
            pass
        stop.set()

    threading.Thread(target=watch_stdin, daemon=True).start()
    # A new connection for every probe: a bystander that keeps its socket would miss a server that accepts no more.
    while not stop.is_set():
        for path in paths:
            started = time.perf_counter()
            status, error = None, ""
            try:
                status = httpx.get(url + path, timeout=PROBE_TIMEOUT, headers={"Connection": "close"}).status_code
            except httpx.HTTPError as failure:
                error = f"{type(failure).__name__}: {failure}"[:200] or type(failure).__name__
            seconds = time.perf_counter() - started
            print(json.dumps({"path": path, "seconds": round(seconds, 3), "status": status, "error": error}), flush=True)
        stop.wait(INTERVAL)


if __name__ == "__main__":
    _bystander(sys.argv[1], sys.argv[2:])
