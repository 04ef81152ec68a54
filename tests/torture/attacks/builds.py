"""The operator's side (issue 10 item 10): killed builds, a full disk, dumps that change at every build."""
from __future__ import annotations

import json
import os
import random
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

from ..instance import MRKG, PROJECT_ROOT, mrkg_env
from ..release_check import damage, dump_checksums, leftovers, published, store_triples
from ..report import Row
from ..trial import Context

EXIT_CODES_TAKEN = {0: "success", 1: "the graph does not conform", 2: "bad input or nothing built"}


def _build(var: Path, timeout: float = 600) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*MRKG, "build"], cwd=PROJECT_ROOT, env=mrkg_env(var), capture_output=True, text=True,
                          timeout=timeout)


def _entries(var: Path) -> set[Path]:
    return {entry for folder in (var, var / "releases") if folder.is_dir() for entry in folder.iterdir()}


def kill_build(context: Context) -> Row:
    """``mrkg build`` killed with SIGKILL at random moments, half of them once it has started to publish.

    After each kill the published release must be whole (its dumps match
    their manifest, its store opens); after the kills, one complete build
    must succeed and leave no staging folder behind (the issue found 20 MB
    after 10 kills).
    """
    row = Row("kill -9 during builds", "10.10")
    started = time.monotonic()
    var = context.fresh_var("kill-build")
    draw = random.Random(context.seed)
    publishing_kills = 0
    for n in range(context.budget.build_kills):
        before = _entries(var)
        log = context.log("kill-build").open("wb")
        process = subprocess.Popen([*MRKG, "build"], cwd=PROJECT_ROOT, env=mrkg_env(var), stdout=log,
                                   stderr=subprocess.STDOUT)
        try:
            if n % 2 == 0:  # once the build writes under var/, a moment into publishing
                deadline = time.monotonic() + 120
                while process.poll() is None and _entries(var) == before and time.monotonic() < deadline:
                    time.sleep(0.01)
                time.sleep(draw.uniform(0, 0.6))
            else:
                time.sleep(draw.uniform(0.2, 8))
            if process.poll() is None:
                publishing_kills += _entries(var) != before
        finally:
            if process.poll() is None:
                process.kill()
            process.wait()
            log.close()
        row.requests += 1
        for problem in damage(var):
            row.problem(f"after kill {n + 1}: {problem}")
        if store_triples(var) is None:
            row.problem(f"after kill {n + 1}: the published store does not open")
    left_by_kills = leftovers(var)  # a killed build cannot clean up after itself: the next one must
    complete = _build(var)
    row.requests += 1
    if complete.returncode != 0:
        row.problem(f"the build after the kills failed ({complete.returncode}): {complete.stderr.strip()[-300:]}")
    for problem in damage(var):
        row.problem(f"after a complete build: {problem}")
    for left in leftovers(var):
        row.problem(f"still there after a complete build: {left}")
    row.notes.append(f"{context.budget.build_kills} builds killed, {publishing_kills} while writing under var/; "
                     f"they left {len(left_by_kills)} folders for the next build to clear")
    row.seconds = time.monotonic() - started
    return row


def rebuilt_dumps(context: Context) -> Row:
    """Two builds of the same data must give the same dumps, byte for byte (so ETags hold for harvesters)."""
    row = Row("dumps of a second build", "10.10")
    var = context.fresh_var("rebuild")
    first = dump_checksums(published(var))  # type: ignore[arg-type]
    result = _build(var)
    row.requests = 1
    if result.returncode != 0:
        row.problem(f"the second build failed ({result.returncode}): {result.stderr.strip()[-300:]}")
        return row
    second = dump_checksums(published(var))  # type: ignore[arg-type]
    for name in sorted(first):
        if first[name] != second.get(name):
            row.problem(f"{name} differs between two builds of the same data")
    return row


def full_disk(context: Context) -> Row:
    """``mrkg build`` onto a full disk: a tmpfs of 64 MB mounted in a private mount namespace, filled up.

    With almost no room, and (in the full form) with room for the store's
    final size but not for the build's other writes.  The build must fail with its own exit
    code (not 1, "does not conform") and a message that says the disk is
    full, no traceback; what was published must be untouched and nothing
    half-written left.  Where no tmpfs can be mounted (neither as root nor
    in a user namespace), the row is skipped and says why.
    """
    row = Row("full disk", "10.10")
    unshare = shutil.which("unshare")
    if unshare is None:
        row.skipped = "not permitted here: no unshare(1) to mount a tmpfs of our own"
        return row
    store_bytes = sum(f.stat().st_size for f in (published(context.release) / "store").rglob("*") if f.is_file())  # type: ignore[operator]
    config = {"mount": str(context.workdir / "full-disk"), "scratch": str(context.release),
              "leave_bytes": [256 * 1024] + ([] if context.budget.quick else [store_bytes + 512 * 1024])}
    command = [unshare, "--mount", "--propagation", "private", *(["--map-root-user"] if os.geteuid() else []),
               sys.executable, str(Path(__file__).resolve().parent.parent / "disk_full.py"), json.dumps(config)]
    inner = subprocess.run(command, capture_output=True, text=True, timeout=900)
    if inner.returncode != 0 or not inner.stdout.strip():
        row.skipped = f"not permitted here: {inner.stderr.strip().splitlines()[-1] if inner.stderr.strip() else inner.returncode}"
        return row
    report = json.loads(inner.stdout.strip().splitlines()[-1])
    if "skipped" in report:
        row.skipped = f"not permitted here: {report['skipped']}"
        return row
    for run in report["runs"]:
        row.requests += 1
        where = f"with {run['free_bytes'] // 1024} KB free"
        code = run["exit"]
        if code in EXIT_CODES_TAKEN or code < 0 or code >= 128:
            row.problem(f"{where}: exit code {code} ({EXIT_CODES_TAKEN.get(code, 'a signal')}), not one of its own")
        if "Traceback" in run["stderr"]:
            row.problem(f"{where}: a raw traceback: …{run['stderr'].strip().splitlines()[-1][:160]}")
        elif not re.search(r"\b(space|full)\b", run["stderr"], re.IGNORECASE):
            row.problem(f"{where}: the message does not say the disk is full: {run['stderr'].strip()[-160:]!r}")
        if run["published_after"] != run["published_before"]:
            row.problem(f"{where}: var/current moved from {run['published_before']} to {run['published_after']}")
        for problem in run["damage"]:
            row.problem(f"{where}: {problem}")
        for left in run["leftovers"]:
            row.problem(f"{where}: left behind: {left}")
    return row
