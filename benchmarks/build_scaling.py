"""How a build grows with the corpus: 100, 1,000 and 5,000 summary records, then one more, then nothing new.

    python -m benchmarks.build_scaling                       # 100, 1,000 and 5,000 records (about an hour)
    python -m benchmarks.build_scaling --sizes 100,500       # a quick look

For each size, realistic records (``benchmarks/summary_records.py``: sessions of the Committee
with recurring members, States and agenda items, citations) are written into a scratch folder
and built by ``mrkg build`` in a child process with its own var folder.  For each build: wall
and CPU time (the child's own, from ``wait4``), time per record and its ratio to the smallest
size's (the target: within 1.2× at 5,000), the child's peak resident memory, the quads, the
store's and the dumps' size.  Then one record (one more meeting of the last session) is added
to the largest corpus and built (the target: seconds, not minutes), and the same corpus is
built once more with nothing changed (the target: almost nothing).

Progress on stderr; the table on stdout, and the figures as JSON in
``benchmarks/results/build-scaling-<date-time>.json``.
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass
from pathlib import Path

from benchmarks.summary_records import write_records

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_SIZES = (100, 1000, 5000)
MOST_SESSIONS = 70  # the records print sessions in words up to the ninety-ninth, from the thirtieth


@dataclass
class Figures:
    """One build, measured."""

    label: str
    records: int
    wall: float  # seconds
    cpu: float  # seconds, user + system, of the build's own process
    peak_mb: float  # the build process's peak resident memory
    quads: int
    store_mb: float
    dumps_mb: float
    read: int  # sources the build read (parsed)

    @property
    def cpu_per_record(self) -> float:
        return self.cpu / self.records

    @property
    def wall_per_record(self) -> float:
        return self.wall / self.records


def sessions_for(records: int) -> int:
    """As many sessions as a tenth of the records, at most 70, dividing the records evenly."""
    target = min(MOST_SESSIONS, max(1, records // 10))
    return max(n for n in range(1, target + 1) if records % n == 0)


def corpus(folder: Path, records: int, more: Path | None = None) -> Path:
    data = folder / "data"
    shutil.copytree(ROOT / "data" / "catalogue", data / "catalogue")
    sessions = sessions_for(records)
    write_records(data / "sources", sessions=sessions, per_session=records // sessions, one_more=more)
    return data


def run_build(data: Path, var: Path, label: str, records: int) -> Figures:
    """``mrkg build`` in a child process; its own CPU time and peak memory from ``wait4``."""
    env = dict(os.environ, MRKG_DATA_DIR=str(data), MRKG_VAR_DIR=str(var))
    log = var.parent / f"{label}.log"
    before = (var / "current").resolve() if (var / "current").exists() else None
    started = time.perf_counter()
    with log.open("wb") as stderr:
        child = subprocess.Popen([sys.executable, "-m", "graph.cli", "build"], cwd=ROOT, env=env,
                                 stdout=subprocess.DEVNULL, stderr=stderr)
        _, status, usage = os.wait4(child.pid, 0)
    wall = time.perf_counter() - started
    child.returncode = os.waitstatus_to_exitcode(status)
    if child.returncode != 0:
        raise SystemExit(f"{label}: mrkg build exited with {child.returncode}; see {log}")
    release = (var / "current").resolve()
    record = json.loads((release / "build.json").read_text())
    read = 0 if release == before else sum(1 for d in record["documents"] if d["read"])  # nothing published
    return Figures(label, records, wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024,
                   int(record["triples"]), _megabytes(release / "store"),
                   sum(d["bytes"] for d in record["dumps"]) / 1e6, read)


def _megabytes(folder: Path) -> float:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file()) / 1e6


def table(builds: list[Figures], baseline: Figures) -> str:
    head = ("| build | records | wall | CPU | CPU per record | × at " + f"{baseline.records:,}"
            + " | wall per record | peak memory | quads | store | dumps | read |")
    lines = [head, "|" + "---|" * 12]
    for f in builds:
        whole = f.read == f.records  # a build of the whole corpus: its time is per record
        cpu = f"{f.cpu_per_record * 1000:,.0f} ms" if whole else "–"
        wall = f"{f.wall_per_record * 1000:,.0f} ms" if whole else "–"
        ratio = f"{f.cpu_per_record / baseline.cpu_per_record:.2f}" if whole else "–"
        lines.append(f"| {f.label} | {f.records:,} | {f.wall:,.1f} s | {f.cpu:,.1f} s | {cpu} | {ratio} | {wall} "
                     f"| {f.peak_mb:,.0f} MB | {f.quads:,} | {f.store_mb:,.0f} MB | {f.dumps_mb:,.1f} MB | {f.read:,} |")
    return "\n".join(lines)


def machine() -> str:
    cpus = os.cpu_count()
    memory = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    model = ""
    try:
        model = next(line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                     if line.startswith("model name"))
    except (OSError, StopIteration):
        pass
    return f"{platform.system()} {platform.machine()}, {cpus} CPUs ({model}), {memory:.0f} GB, Python {platform.python_version()}"


def main(argv: list[str] | None = None) -> int:
    options = argparse.ArgumentParser(prog="python -m benchmarks.build_scaling", description=__doc__.split("\n\n")[0])
    options.add_argument("--sizes", default=",".join(map(str, DEFAULT_SIZES)),
                         help="numbers of records, comma separated, smallest first (default: 100,1000,5000)")
    options.add_argument("--scratch", type=Path, default=None,
                         help="folder for the corpora and builds (default: a temporary folder, removed after)")
    args = options.parse_args(argv)
    try:
        sizes = sorted({int(size) for size in args.sizes.split(",")})
    except ValueError:
        options.error("--sizes: whole numbers, comma separated")
    if not sizes or sizes[0] <= 0:
        options.error("--sizes: at least one positive number")
    scratch = args.scratch or Path(tempfile.mkdtemp(prefix="mrkg-build-scaling-"))
    scratch.mkdir(parents=True, exist_ok=True)
    started = dt.datetime.now().astimezone()
    print(f"build scaling, {started:%Y-%m-%d %H:%M}, on {machine()}; scratch {scratch}", file=sys.stderr)
    builds: list[Figures] = []
    try:
        for size in sizes:
            folder = scratch / f"records-{size}"
            shutil.rmtree(folder, ignore_errors=True)
            more = folder / "one-more" if size == sizes[-1] else None
            data = corpus(folder, size, more)
            print(f"{size:,} records of {sessions_for(size)} sessions: building…", file=sys.stderr, flush=True)
            builds.append(run_build(data, folder / "var", f"{size:,} records", size))
            _said(builds[-1])
        largest = scratch / f"records-{sizes[-1]}"
        added = next((largest / "one-more").iterdir())
        shutil.copy(added, largest / "data" / "sources" / added.name)
        print(f"adding {added.name} to the {sizes[-1]:,} records: building…", file=sys.stderr, flush=True)
        builds.append(run_build(largest / "data", largest / "var", "one record added", sizes[-1] + 1))
        _said(builds[-1])
        builds.append(run_build(largest / "data", largest / "var", "nothing changed", sizes[-1] + 1))
        _said(builds[-1])
    finally:
        if args.scratch is None:
            shutil.rmtree(scratch, ignore_errors=True)
    print(table(builds, builds[0]))
    results = ROOT / "benchmarks" / "results"
    results.mkdir(parents=True, exist_ok=True)
    out = results / f"build-scaling-{started:%Y%m%dT%H%M%S}.json"
    out.write_text(json.dumps({"date": started.isoformat(), "machine": machine(),
                               "builds": [asdict(b) for b in builds]}, indent=2) + "\n")
    print(f"figures: {out}", file=sys.stderr)
    return 0


def _said(figures: Figures) -> None:
    print(f"  {figures.label}: {figures.wall:,.1f} s wall, {figures.cpu:,.1f} s CPU, "
          f"{figures.peak_mb:,.0f} MB peak, {figures.quads:,} quads, {figures.read:,} read", file=sys.stderr, flush=True)


if __name__ == "__main__":
    sys.exit(main())
