"""Publish a validated build atomically: store and dumps, then one symlink swap.

Layout under ``var/``::

    releases/<build id>/store/        pyoxigraph store (RocksDB), one named graph per source
    releases/<build id>/dumps/        mrkg.nq.gz, mrkg.ttl.gz, mrkg.jsonld.gz, manifest.json
    releases/<build id>/search.sqlite the search index (``graph.search``), read from the store
    releases/<build id>/build.json    what the build counted, its parts, its store's files
    current -> releases/<build id>    swapped with one rename(2): readers see the old or the new, never half
    build/                            what builds keep of each source (``graph.build_cache``)

A build that fails before the swap leaves ``current`` and everything it
points to untouched.  Older releases are pruned, keeping a few so that a
server still reading one is not pulled from under its feet.

A release is made of parts (``graph.graph_parts``), already on disk when it is published: its
store is the current store's checkpoint with the changed parts replaced, or every part loaded
(``graph.store_update``), and its dumps are the parts' gzip members end to end
(``graph.dumps``).  No step holds the quads in memory, and the same parts give the same
dumps, byte for byte, and the same content digest in the build id, whichever way the store
was made (issue 10 item 10, issue 11 point 4).
"""
from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import shutil
import traceback
from collections import defaultdict
from contextlib import contextmanager
from pathlib import Path
from typing import Callable, Iterator

import pyoxigraph as ox

from graph.disk import explain, folder_bytes, megabytes, writing
from graph.dumps import Dump, write_dumps
from graph.graph_parts import Part, PartFiles
from graph.publish_lock import STAGING_PREFIX, publishing
from graph.search.release import RECORD_KEY, publish_index
from graph.store_update import Published, make_store, store_files

KEEP_RELEASES = 3

__all__ = ["Dump", "publish", "publish_parts", "parts_digest", "KEEP_RELEASES"]


def parts_digest(parts: list[Part]) -> str:
    """SHA-256 of the dataset as a set of parts: the same quads give the same digest, however they were built."""
    digest = hashlib.sha256()
    for part in sorted(parts, key=lambda p: (p.graph, p.name)):
        digest.update(f"{part.graph} {part.name} {part.digest}\n".encode())
    return digest.hexdigest()


def new_build_id(content_digest: str) -> str:
    stamp = dt.datetime.now(dt.timezone.utc).strftime("%Y%m%dT%H%M%S%fZ")
    return f"{stamp}-{content_digest[:8]}"


def publish(nquads: bytes, var_dir: Path, summary: dict[str, object],
            progress: Callable[[str], None] = lambda line: None) -> Path:
    """Publish N-Quads that were not built from sources (a fixture, a synthetic graph): one part per graph."""
    by_graph: dict[str, list[ox.Quad]] = defaultdict(list)
    for quad in ox.parse(nquads, format=ox.RdfFormat.N_QUADS):
        graph = quad.graph_name
        by_graph[graph.value if isinstance(graph, ox.NamedNode) else ""].append(quad)
    files = PartFiles(var_dir / "build" / "parts")
    with writing("the parts of the graph", var_dir):
        parts = [files.write_quads(graph, f"graph/{graph}", quads) for graph, quads in sorted(by_graph.items())]
    return publish_parts([p for p in parts if p is not None], files, var_dir, summary, progress)


def publish_parts(parts: list[Part], files: PartFiles, var_dir: Path, summary: dict[str, object],
                  progress: Callable[[str], None] = lambda line: None, start_from_current: bool = True) -> Path:
    """Write store and dumps of ``parts`` into a new release, then make it current.

    One build publishes at a time, and the one that does removes what killed
    builds left (``graph.publish_lock``).  A full disk or a folder that may not
    be written stops the build with ``DiskFull`` / ``NoPermission`` (exit code
    3), its staging folder removed and ``current`` as it was.
    """
    releases = var_dir / "releases"
    with publishing(var_dir, progress):
        build_id = new_build_id(parts_digest(parts))
        needed, after = _what_a_failure_leaves(var_dir)
        with writing("the releases folder", releases, needed, after):
            releases.mkdir(parents=True, exist_ok=True)
        staging = releases / f"{STAGING_PREFIX}{build_id}"
        previous = Published.current(var_dir) if start_from_current else None
        try:
            _stage(parts, files, staging, dict(summary, build_id=build_id), previous, progress)
            release = releases / build_id
            staging.rename(release)
        except BaseException as error:
            shutil.rmtree(staging, ignore_errors=True)  # first: the message says how much room is left
            if isinstance(error, _PartFailed):
                fault = explain(error.error, f"{error.part} of build {build_id}", var_dir, needed, after)
                raise fault or error.error from None
            raise
        with writing(f"the link to build {build_id}", var_dir, needed, after):
            link = var_dir / ".current-next"
            if link.is_symlink() or link.exists():
                link.unlink()
            link.symlink_to(Path("releases") / build_id)
            os.replace(link, var_dir / "current")
        _prune(releases, keep=build_id)
    return release


class _PartFailed(Exception):
    """An OSError met while writing one part of a release (``part`` says which, for the operator)."""

    def __init__(self, part: str, error: OSError) -> None:
        super().__init__(part, error)
        self.part = part
        self.error = error


@contextmanager
def _writing_part(part: str) -> Iterator[None]:
    try:
        yield
    except OSError as error:
        traceback.clear_frames(error.__traceback__)  # frames that still hold the store let go of it
        raise _PartFailed(part, error) from error


def _stage(parts: list[Part], files: PartFiles, staging: Path, record: dict[str, object],
           previous: Published | None, progress: Callable[[str], None]) -> None:
    """Store, dumps and build record in ``staging``; the store is closed before it returns or fails."""
    with _writing_part("the store"):
        staging.mkdir()  # RocksDB creates the store's own folder, not its parents
        how = make_store(staging / "store", parts, files, previous, progress)
        progress(f"store: {how}")
    with _writing_part("the search index"):
        record = dict(record, **{RECORD_KEY: publish_index(staging, parts, previous, progress)})
    with _writing_part("the dumps"):
        dumps = write_dumps(parts, files, staging / "dumps")
    record = dict(record, published=dt.datetime.now(dt.timezone.utc).isoformat(),
                  dumps=[dump.__dict__ for dump in dumps], parts=[part.as_record() for part in parts],
                  store_files=store_files(staging / "store"))
    with _writing_part("the build record"):
        (staging / "build.json").write_text(json.dumps(record, indent=2, default=str) + "\n")


def _what_a_failure_leaves(var_dir: Path) -> tuple[int | None, str]:
    """The room a build needs, if known, and what stays published: for the operator's message."""
    current = var_dir / "current"
    before = current.resolve() if current.is_symlink() else None
    if before is None or not before.is_dir():
        return None, "Nothing was published. "
    # While it writes, a build needs about twice the room its release takes in the end (RocksDB's
    # bulk files beside the store): measured 10.5 MB for a release of 6.4 MB.
    last = folder_bytes(before)
    return 2 * last, (f"Nothing was published: {current} still points to {before.name}. A build needs about "
                      f"twice the size of a release while it writes (the last: {megabytes(last)}). ")


def _prune(releases: Path, keep: str) -> None:
    finished = sorted(p for p in releases.iterdir() if not p.name.startswith("."))
    for old in finished[:-KEEP_RELEASES]:
        if old.name != keep:
            shutil.rmtree(old, ignore_errors=True)
