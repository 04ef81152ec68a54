"""The runner: build once, run each attack on its own server, print the table, exit 1 on a FAIL.

    python -m tests.torture [--quick] [--only NAME]... [--seed N] [--keep]
"""
from __future__ import annotations

import argparse
import random
import shutil
import signal
import sys
import tempfile
import threading
import time
from contextlib import contextmanager
from pathlib import Path
from typing import Callable, Iterator, Sequence

from .attacks.bad_input import bad_input
from .attacks.hardening import hardening
from .attacks.builds import full_disk, kill_build, rebuilt_dumps
from .attacks.corrupt_store import corrupt_store
from .attacks.freezes import deep_404, event_loop, half_sent, hang_up
from .attacks.fuzz import fuzz_openapi, fuzz_raw_http, fuzz_sparql
from .attacks.load import load
from .attacks.memory import memory_default, memory_no_cache
from .attacks.nesting import nesting
from .attacks.ssrf import ssrf
from .budget import FULL, QUICK, Budget
from .instance import scratch_build
from .report import Row, table
from .trial import Context

Attack = Callable[[Context], Row]

# In the order of issue 10's points.
ATTACKS: dict[str, Attack] = {
    "ssrf": ssrf,
    "fuzz-sparql": fuzz_sparql,
    "event-loop": event_loop,
    "deep-404": deep_404,
    "hang-up": hang_up,
    "nesting": nesting,
    "memory": memory_default,
    "memory-no-cache": memory_no_cache,
    "half-sent": half_sent,
    "bad-input": bad_input,
    "fuzz-openapi": fuzz_openapi,
    "fuzz-raw-http": fuzz_raw_http,
    "hardening": hardening,
    "load": load,
    "corrupt-store": corrupt_store,
    "kill-build": kill_build,
    "full-disk": full_disk,
    "rebuild": rebuilt_dumps,
}


class PastBound(Exception):
    """Raised in an attack that ran past the budget's hard bound (the servers it started are then stopped)."""


@contextmanager
def hard_bound(seconds: float) -> Iterator[None]:
    """Interrupt the body after ``seconds`` (an alarm in the main thread; elsewhere, no bound)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def expire(signum: int, frame: object) -> None:
        raise PastBound(f"stopped after its hard bound of {seconds:.0f} s")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def run(budget: Budget, only: Sequence[str] = (), seed: int | None = None, keep: bool = False,
        progress: Callable[[str], None] = lambda line: print(line, file=sys.stderr, flush=True)) -> dict[str, Row]:
    """Run the chosen attacks (all by default) and return their rows by attack name."""
    unknown = set(only) - set(ATTACKS)
    if unknown:
        raise ValueError(f"no attack named {', '.join(sorted(unknown))}; the attacks: {', '.join(ATTACKS)}")
    seed = random.randrange(2**32) if seed is None else seed
    workdir = Path(tempfile.mkdtemp(prefix="mrkg-torture-"))
    rows: dict[str, Row] = {}
    try:
        started = time.monotonic()
        progress(f"torture ({budget.name}, seed {seed}): building the scratch release in {workdir}")
        scratch_build(workdir / "scratch-var")
        context = Context(budget, workdir, workdir / "scratch-var", seed)
        for name, attack in ATTACKS.items():
            if only and name not in only:
                continue
            progress(f"  {name} …")
            began = time.monotonic()
            try:
                with hard_bound(budget.attack_bound):
                    row = attack(context)
            except Exception as error:  # noqa: BLE001 - one attack that cannot run must not stop the others
                row = Row(name, "?")
                row.problem(f"the attack could not run: {type(error).__name__}: {error}")
            finally:
                for server in context.servers:  # already stopped, unless the attack was cut short
                    server.stop()
                context.servers.clear()
            row.seconds = time.monotonic() - began
            rows[name] = row
            progress(f"  {name}: {row.result} in {row.seconds:.0f} s")
        progress(f"torture ({budget.name}) took {time.monotonic() - started:.0f} s")
    finally:
        if keep:
            progress(f"kept {workdir}")
        else:
            shutil.rmtree(workdir, ignore_errors=True)
    return rows


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.torture", description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="the quick form (a few minutes), as the test suite runs it")
    parser.add_argument("--only", action="append", default=[], metavar="NAME",
                        help=f"run only this attack (repeatable): {', '.join(ATTACKS)}")
    parser.add_argument("--seed", type=int, help="seed of the fuzzers and of the random kill moments")
    parser.add_argument("--keep", action="store_true", help="keep the scratch folder (server logs) afterwards")
    args = parser.parse_args(argv)
    rows = run(QUICK if args.quick else FULL, args.only, args.seed, args.keep)
    print(table(rows.values()))
    return 0 if all(row.passed for row in rows.values()) else 1
