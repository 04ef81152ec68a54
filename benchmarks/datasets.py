"""The two datasets, each made ready for all three servers from the same quads.

* ``built``: the graph ``mrkg build`` makes from ``data/`` (run with its own
  ``MRKG_VAR_DIR``); Oxigraph server and rdflib-endpoint load the build's own
  N-Quads dump, so all three hold exactly the published quads.
* ``synthetic``: :mod:`benchmarks.synthetic` writes the N-Quads; mrkg gets them
  the way a build is published (:func:`graph.publish.publish`), Oxigraph server
  through ``oxigraph load``.

Prepared files live under the work folder (git-ignored) and the synthetic
one is reused while its size, seed and generator are unchanged; a file
``ready`` marks each finished step, so an interrupted run starts that step over.
"""
from __future__ import annotations

import gzip
import hashlib
import json
import os
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from benchmarks import synthetic
from benchmarks import virtuoso_engine
from benchmarks.servers import BIN, ServerError

Progress = Callable[[str], None]


class DatasetError(RuntimeError):
    """A dataset could not be prepared; the message says which step and why."""


@dataclass(frozen=True)
class Footprint:
    """What one back-end cost before its first query: the time to load the quads, the room they take."""

    backend: str
    load_seconds: float | None
    disk_bytes: int | None
    note: str = ""


@dataclass(frozen=True)
class Dataset:
    name: str
    nquads: Path  # what Oxigraph server and rdflib-endpoint load
    oxigraph_store: Path
    mrkg_var: Path  # MRKG_VAR_DIR for `mrkg serve`
    quads: int

    @property
    def virtuoso_db(self) -> Path:
        return self.nquads.parent / "virtuoso"

    def footprint(self, servers: list[str]) -> list[Footprint]:
        """Per back-end, from the marks the preparing steps left (a reused store keeps its first load time)."""
        found = [Footprint("N-Quads file", None, _size(self.nquads), "what the peers load")]
        if "oxigraph" in servers or "mrkg-oxigraph" in servers:
            found.append(Footprint("Oxigraph server", _load_seconds(self.oxigraph_store), _size(self.oxigraph_store),
                                   "`oxigraph load` and `optimize`; mrkg-oxigraph reads the same store"))
        if "mrkg" in servers:
            release = (self.mrkg_var / "current").resolve()
            found.append(Footprint("mrkg, embedded", _load_seconds(self.mrkg_var), _size(release),
                                   "the release: store, dumps and search index"
                                   + (" (the time is the whole `mrkg build`)" if self.name == "built" else "")))
        if "virtuoso" in servers or "mrkg-virtuoso" in servers:
            found.append(Footprint("Virtuoso", _load_seconds(self.virtuoso_db), _size(self.virtuoso_db),
                                   "bulk loader and checkpoint; mrkg-virtuoso reads the same database"))
        if "rdflib-endpoint" in servers:
            found.append(Footprint("rdflib-endpoint", None, None, "in memory, loaded at start"))
        return found


def _done(folder: Path) -> bool:
    return (folder / "ready").exists()


def _mark_done(folder: Path, seconds: float | None = None) -> None:
    if seconds is not None:
        (folder / "load-seconds").write_text(f"{seconds:.1f}\n")
    (folder / "ready").write_text(time.strftime("%Y-%m-%dT%H:%M:%S%z") + "\n")


def _step_timeout(path: Path) -> float:
    """Seconds a preparing step may take: half an hour, and more for a large file (a shared machine loads ten
    million quads in about that much time, publishing them for mrkg in twice as much)."""
    try:
        size = path.stat().st_size
    except OSError:
        size = 0
    return max(1800.0, size / 250_000)  # 2.7 GB of N-Quads: three hours


def _load_seconds(folder: Path) -> float | None:
    try:
        return float((folder / "load-seconds").read_text())
    except (OSError, ValueError):
        return None


def _size(path: Path) -> int | None:
    """Bytes on disk of a file or a folder's files (symbolic links not followed)."""
    if path.is_file():
        return path.stat().st_size
    if not path.is_dir():
        return None
    return sum(entry.stat().st_size for entry in path.rglob("*") if entry.is_file() and not entry.is_symlink())


def _count_lines(path: Path) -> int:
    with path.open("rb") as handle:
        return sum(1 for line in handle if line.strip() and not line.startswith(b"#"))


def _run(step: str, command: list[str], env: dict[str, str] | None, timeout: float, log: Path) -> None:
    log.parent.mkdir(parents=True, exist_ok=True)
    with log.open("ab") as output:
        output.write(f"\n$ {' '.join(command)}\n".encode())
        output.flush()
        try:
            finished = subprocess.run(command, stdout=output, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                                      env={**os.environ, **(env or {})}, timeout=timeout)
        except subprocess.TimeoutExpired:
            raise DatasetError(f"{step}: not done within {timeout:.0f} s (log: {log})") from None
    if finished.returncode != 0:
        tail = "\n".join(log.read_text(errors="replace").splitlines()[-15:])
        raise DatasetError(f"{step}: `{' '.join(command)}` exited with status {finished.returncode}; "
                           f"last lines of {log}:\n{tail}")


def load_oxigraph(nquads: Path, store: Path, log: Path, progress: Progress) -> None:
    if _done(store):
        return
    shutil.rmtree(store, ignore_errors=True)
    store.mkdir(parents=True)
    started = time.perf_counter()
    _run("oxigraph load", [str(BIN / "oxigraph"), "load", "--location", str(store), "--file", str(nquads)],
         None, _step_timeout(nquads), log)
    _run("oxigraph optimize", [str(BIN / "oxigraph"), "optimize", "--location", str(store)], None,
         _step_timeout(nquads), log)
    _mark_done(store, time.perf_counter() - started)
    progress(f"oxigraph: store loaded in {time.perf_counter() - started:.1f} s")


def built(work: Path, log: Path, progress: Progress) -> Dataset:
    """Run ``mrkg build`` into a var folder of the benchmark's own, then give its dump to the peers."""
    folder = work / "built"
    shutil.rmtree(folder, ignore_errors=True)  # always the current sources and code
    var = folder / "mrkg-var"
    started = time.perf_counter()
    _run("mrkg build", [str(BIN / "mrkg"), "build"], {"MRKG_VAR_DIR": str(var)}, 1800, log)
    dump = var / "current" / "dumps" / "mrkg.nq.gz"
    if not dump.exists():
        raise DatasetError(f"mrkg build published no {dump}")
    nquads = folder / "data.nq"
    with gzip.open(dump, "rb") as packed, nquads.open("wb") as plain:
        shutil.copyfileobj(packed, plain)
    quads = _count_lines(nquads)
    _mark_done(var, time.perf_counter() - started)
    progress(f"built: mrkg build published {quads} quads in {time.perf_counter() - started:.1f} s")
    load_oxigraph(nquads, folder / "oxigraph", log, progress)
    return Dataset("built", nquads, folder / "oxigraph", var, quads)


def synthetic_graph(work: Path, triples: int, seed: int, log: Path, progress: Progress, fresh: bool,
                    with_mrkg: bool = True) -> Dataset:
    """The synthetic graph, generated once per (size, seed, generator, ontology) and reused after."""
    made_from = Path(synthetic.__file__).read_bytes()
    made_from += b"".join(path.read_bytes() for path in sorted(synthetic.ONTOLOGY_DIR.glob("*.ttl")))
    key = hashlib.sha256(made_from + f"|{triples}|{seed}".encode()).hexdigest()[:10]
    folder = work / f"synthetic-{triples}-{seed}-{key}"
    if fresh:
        shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True, exist_ok=True)
    nquads = folder / "data.nq"
    if not nquads.exists():
        started = time.perf_counter()
        written = synthetic.write_nquads(nquads, triples, seed)
        progress(f"synthetic: {written} quads generated in {time.perf_counter() - started:.1f} s")
    quads = _count_lines(nquads)
    load_oxigraph(nquads, folder / "oxigraph", log, progress)
    var = folder / "mrkg-var"
    if with_mrkg and not _done(var):
        publish_for_mrkg(nquads, var, {"source": "benchmarks.synthetic", "triples": triples, "seed": seed},
                         log, progress)
    return Dataset("synthetic", nquads, folder / "oxigraph", var, quads)


def publish_for_mrkg(nquads: Path, var: Path, summary: dict[str, object], log: Path, progress: Progress) -> None:
    """Publish the quads as a build would, in a child process (it holds the whole file in memory)."""
    shutil.rmtree(var, ignore_errors=True)
    started = time.perf_counter()
    script = ("import json, sys; from pathlib import Path; from graph.publish import publish; "
              "publish(Path(sys.argv[1]).read_bytes(), Path(sys.argv[2]), json.loads(sys.argv[3]))")
    _run("publish for mrkg", [sys.executable, "-c", script, str(nquads), str(var), json.dumps(summary)],
         None, _step_timeout(nquads), log)
    _mark_done(var, time.perf_counter() - started)
    progress(f"mrkg: release published in {time.perf_counter() - started:.1f} s")


def load_virtuoso(dataset: Dataset, log: Path, progress: Progress) -> None:
    """Virtuoso's database of the dataset, made once by its bulk loader (``benchmarks.virtuoso_engine``)."""
    if _done(dataset.virtuoso_db):
        return
    if not virtuoso_engine.installed():
        raise DatasetError("Virtuoso is not installed (Debian package virtuoso-opensource-7; `make virtuoso`)")
    try:
        seconds = virtuoso_engine.load(dataset.nquads, dataset.virtuoso_db, log)
    except ServerError as error:
        raise DatasetError(f"virtuoso load: {error}") from None
    _mark_done(dataset.virtuoso_db, seconds)
    progress(f"virtuoso: database loaded in {seconds:.1f} s")
