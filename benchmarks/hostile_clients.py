"""What hostile clients cost everyone else: a page's latency alone, and while they attack (issue 10, points 3 and 7).

    .venv/bin/python -m benchmarks.hostile_clients [--var var] [--seconds 10]

Starts `mrkg serve` on a published build (``mrkg build`` first), measures the
latency of a provision page and of ``/health`` with nobody else about (the
baseline), then again while

* 40 clients send unknown ``/id/a/a/…/x`` paths of 16 KB, as fast as they are answered;
* 40 clients send unknown paths just under the length limit (about 500 steps);
* 3,000 connections from 30 loopback addresses each send half a request head and wait;
* one address opens up to 19,500 connections, 256 at a time, each with half a
  request head, and holds them (issue 10, point 7: this flood used to fill the
  room kept for refusals, and other clients' connections were dropped unanswered).

It prints p50 and worst latency per phase, the ratio to the baseline, what
the attackers were answered, and how many half-sent connections were still
open after the head's time limit.  In the last phase the page and ``/health``
are asked on a new connection each time, as a newcomer would, and the requests
left unanswered are counted.  Everything runs on 127.0.0.1 and stops by itself.
"""
from __future__ import annotations

import argparse
import asyncio
import resource
import socket
import statistics
import threading
import time
from collections import Counter
from pathlib import Path
from typing import Callable

import httpx

from benchmarks.servers import BIN, HOST, Server

PAGE = "/id/instrument/icrmw/article/22"
HEADER_TIMEOUT = 5.0
FLOOD = 19_500  # the half-sent requests of the torture campaign's full form (fewer if the file limit says so)
FLOODER = "127.0.2.1"


def sample(url: str, seconds: float, every: float = 0.1, fresh: bool = False,
           failures: list[str] | None = None) -> list[float]:
    """Latencies (ms) of GET ``url``, one request every ``every`` seconds (a failure counts as the time it took).

    ``fresh``: a new connection for every request; ``failures`` collects what went wrong.
    """
    found = []
    deadline = time.monotonic() + seconds
    headers = {"Connection": "close"} if fresh else {}
    limits = httpx.Limits(max_keepalive_connections=0 if fresh else 20)
    with httpx.Client(timeout=60, headers=headers, limits=limits) as client:
        while time.monotonic() < deadline:
            started = time.perf_counter()
            try:
                client.get(url).raise_for_status()
            except httpx.HTTPError as error:
                if failures is not None:
                    failures.append(f"{type(error).__name__}: {error}")
            found.append(1000 * (time.perf_counter() - started))
            time.sleep(every)
    return found


def flood(base: str, path: str, clients: int, stop: threading.Event, answers: Counter[int]) -> list[threading.Thread]:
    def attack() -> None:
        with httpx.Client(timeout=120) as client:
            while not stop.is_set():
                try:
                    answers[client.get(base + path).status_code] += 1
                except httpx.HTTPError:
                    answers[0] += 1

    threads = [threading.Thread(target=attack, daemon=True) for _ in range(clients)]
    for thread in threads:
        thread.start()
    return threads


def half_sent(port: int, addresses: int, each: int) -> list[socket.socket]:
    sockets = []
    for n in range(addresses):
        for _ in range(each):
            sock = socket.socket()
            sock.bind((f"127.0.1.{n + 1}", 0))
            sock.connect((HOST, port))
            sock.sendall(b"GET / HTTP/1.1\r\nHost: x\r\nX-Slow: ")
            sockets.append(sock)
    return sockets


async def flood_half_sent(port: int, count: int, seconds: float, source: str,
                          parallel: int = 256) -> list[socket.socket]:
    """Up to ``count`` connections from ``source``, each sending a request line and no end of headers.

    ``parallel`` connect at a time, for at most ``seconds``; the ones opened are
    returned, still open (the caller closes them).  A connection the server
    refuses or closes still counts once it was accepted and written to.
    """
    loop = asyncio.get_running_loop()
    opened: list[socket.socket] = []
    gate = asyncio.Semaphore(parallel)
    stop_at = time.monotonic() + seconds

    async def one(n: int) -> None:
        async with gate:
            if time.monotonic() > stop_at:
                return
            sock = socket.socket()
            sock.setblocking(False)
            try:
                sock.bind((source, 0))
                await asyncio.wait_for(loop.sock_connect(sock, (HOST, port)), 2)
                await asyncio.wait_for(loop.sock_sendall(sock, f"GET /health?n={n} HTTP/1.1\r\nHost: x\r\n".encode()), 2)
                opened.append(sock)
            except (OSError, asyncio.TimeoutError):
                sock.close()

    await asyncio.gather(*(one(n) for n in range(count)))
    return opened


def still_open(sockets: list[socket.socket]) -> int:
    count = 0
    for sock in sockets:
        sock.setblocking(False)
        try:
            data = sock.recv(1)
            count += 0 if data is not None else 1
        except BlockingIOError:
            count += 1
        except OSError:
            pass
    return count


def line(name: str, page: list[float], health: list[float], baseline: tuple[float, float], extra: str) -> str:
    p50, h50 = statistics.median(page), statistics.median(health)
    return (f"| {name} | {p50:.1f} | {max(page):.0f} | {p50 / baseline[0]:.1f}× | {h50:.1f} | {max(health):.0f} | "
            f"{h50 / baseline[1]:.1f}× | {extra} |")


def main() -> int:
    options = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    options.add_argument("--var", type=Path, default=Path("var"), help="a var/ folder holding a published build")
    options.add_argument("--seconds", type=float, default=10.0, help="length of each phase")
    args = options.parse_args()
    log = Path("benchmarks/results/hostile-clients.log")
    server = Server("mrkg", [str(BIN / "python"), "-m", "graph.cli", "serve", "--host", HOST, "--port", "{port}"],
                    "/sparql", log, env={"MRKG_VAR_DIR": str(args.var.resolve()),
                                         "MRKG_HEADER_TIMEOUT": str(HEADER_TIMEOUT)})
    with server:
        base = f"http://{HOST}:{server.port}"
        measure: Callable[[], tuple[list[float], list[float]]] = lambda: _both(base, args.seconds)  # noqa: E731
        page, health = measure()
        baseline = (statistics.median(page), statistics.median(health))
        rows = [line("nobody else", page, health, baseline, "")]
        for name, path in (("40 clients, 16 KB unknown paths", "/id/" + "a/" * 8000 + "x"),
                           ("40 clients, unknown paths of 1,000 characters", "/id/" + "a/" * 498 + "x")):
            stop, answers = threading.Event(), Counter[int]()
            threads = flood(base, path, 40, stop, answers)
            page, health = measure()
            stop.set()
            for thread in threads:
                thread.join(timeout=130)
            rate = sum(answers.values()) / args.seconds
            shown = ", ".join(f"{status or 'failed'}: {count}" for status, count in sorted(answers.items()))
            rows.append(line(name, page, health, baseline, f"{shown} ({rate:.0f}/s)"))
        sockets = half_sent(server.port, 30, 100)
        started = time.monotonic()
        page, health = measure()
        time.sleep(max(0.0, started + HEADER_TIMEOUT + 2 - time.monotonic()))
        rows.append(line("3,000 half-sent requests", page, health, baseline,
                         f"open {HEADER_TIMEOUT + 2:g} s later: {still_open(sockets)}"))
        for sock in sockets:
            sock.close()
        rows.append(one_address_flood(base, server.port, args.seconds, baseline))
    print("| while | page p50 ms | page worst ms | page p50 ratio | /health p50 ms | /health worst ms | "
          "/health ratio | attackers |")
    print("|---|---|---|---|---|---|---|---|")
    print("\n".join(rows))
    return 0


def one_address_flood(base: str, port: int, seconds: float, baseline: tuple[float, float]) -> str:
    """The last phase: one address floods half-sent requests while a newcomer asks for the page and /health."""
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))
    count = max(0, min(FLOOD, hard - 500))
    failures: list[str] = []
    held: list[socket.socket] = []
    flooding = threading.Thread(target=lambda: held.extend(asyncio.run(flood_half_sent(port, count, seconds, FLOODER))))
    flooding.start()
    page, health = _both(base, seconds, fresh=True, failures=failures)
    flooding.join()
    for sock in held:
        sock.close()
    resource.setrlimit(resource.RLIMIT_NOFILE, (soft, hard))
    asked = len(page) + len(health)
    return line(f"{len(held):,} half-sent requests from one address", page, health, baseline,
                f"unanswered: {len(failures)} of {asked} (new connections){': ' + failures[0] if failures else ''}")


def _both(base: str, seconds: float, fresh: bool = False,
          failures: list[str] | None = None) -> tuple[list[float], list[float]]:
    results: dict[str, list[float]] = {}
    threads = [threading.Thread(target=lambda key=key, url=url: results.__setitem__(
                   key, sample(url, seconds, fresh=fresh, failures=failures)))
               for key, url in (("page", base + PAGE), ("health", base + "/health"))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results["page"], results["health"]


if __name__ == "__main__":
    raise SystemExit(main())
