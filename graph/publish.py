"""Publish a validated build atomically: store and dumps, then one symlink swap.

Layout under ``var/``::

    releases/<build id>/store/        pyoxigraph store (RocksDB), one named graph per source
    releases/<build id>/dumps/        mrkg.nq.gz, mrkg.ttl.gz, mrkg.jsonld.gz, manifest.json
    releases/<build id>/build.json    what the build counted and how long it took
    current -> releases/<build id>    swapped with one rename(2): readers see the old or the new, never half

A build that fails before the swap leaves ``current`` and everything it
points to untouched.  Older releases are pruned, keeping a few so that a
server still reading one is not pulled from under its feet.

The same quads give the same dumps, byte for byte, and the same content
digest in the build id: the ontology's blank nodes have labels derived from
their content (``graph.pipeline.load_ontology``), the store keeps them, and
gzip writes no time stamp (issue 10 item 10).
"""
from __future__ import annotations

import datetime as dt
import gzip
import hashlib
import json
import os
import shutil
import traceback
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterator, Sequence

import pyoxigraph as ox

from graph.disk import explain, folder_bytes, megabytes, writing
from graph.formats import JSON_LD, N_QUADS, TURTLE, Format
from graph.publish_lock import STAGING_PREFIX, publishing
from graph.vocab import PREFIX_MAP

KEEP_RELEASES = 3


@dataclass(frozen=True)
class Dump:
    """One downloadable file, as listed in ``manifest.json``."""

    name: str
    media_type: str
    description: str
    bytes: int
    triples: int
    sha256: str


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _gzip_write(path: Path, payload: bytes) -> None:
    # mtime=0: the same graph gives byte-identical dumps, so checksums and ETags only change with content.
    with path.open("wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", mtime=0, filename="") as packed:
        packed.write(payload)


def load_store(nquads: bytes, directory: Path) -> ox.Store:
    """The quads in a new store at ``directory``, blank node labels kept as written.

    ``bulk_load`` would give every blank node a new random label, and the
    dumps, written from the store, would change at every build (issue 10
    item 10); the parser keeps them, and the store keeps what it is given.
    """
    store = ox.Store(str(directory))
    try:
        store.bulk_extend(ox.parse(nquads, format=ox.RdfFormat.N_QUADS))
        store.optimize()
    except BaseException:
        del store  # close it before the caller removes its files (an open file keeps its space)
        raise
    return store


def write_dumps(store: ox.Store, directory: Path) -> list[Dump]:
    directory.mkdir(parents=True)
    quads = list(store)
    union = {ox.Triple(q.subject, q.predicate, q.object) for q in quads}
    written: list[Dump] = []

    def emit(fmt: Format, description: str, statements: Sequence[ox.Quad | ox.Triple],
             prefixes: dict[str, str] | None = None) -> None:
        assert fmt.rdf is not None
        name = f"mrkg.{fmt.extension}.gz"
        path = directory / name
        _gzip_write(path, ox.serialize(statements, format=fmt.rdf, prefixes=prefixes))
        written.append(Dump(name, fmt.media_type, description, path.stat().st_size, len(statements), _sha256(path)))

    emit(N_QUADS, "The whole dataset, one named graph per source (N-Quads, gzip).", quads)
    emit(TURTLE, "All graphs merged into one (Turtle, gzip).", sorted(union, key=str), PREFIX_MAP)
    emit(JSON_LD, "The whole dataset with its named graphs (JSON-LD, gzip).", quads)
    manifest = {"dumps": [dump.__dict__ for dump in written]}
    (directory / "manifest.json").write_text(json.dumps(manifest, indent=2) + "\n")
    return written


def content_digest(nquads: bytes) -> str:
    """SHA-256 of the quads as a set: the same graph gives the same digest, in whatever order it was written."""
    digest = hashlib.sha256()
    for line in sorted(nquads.splitlines()):
        if line:
            digest.update(line + b"\n")
    return digest.hexdigest()


def new_build_id(content_digest: str) -> str:
    stamp = dt.datetime.now(dt.timezone.utc).strftime("%Y%m%dT%H%M%S%fZ")
    return f"{stamp}-{content_digest[:8]}"


def publish(nquads: bytes, var_dir: Path, summary: dict[str, object],
            progress: Callable[[str], None] = lambda line: None) -> Path:
    """Write store and dumps into a new release, then make it current.

    One build publishes at a time, and the one that does removes what killed
    builds left (``graph.publish_lock``).  A full disk or a folder that may not
    be written stops the build with ``DiskFull`` / ``NoPermission`` (exit code
    3), its staging folder removed and ``current`` as it was.
    """
    releases = var_dir / "releases"
    with publishing(var_dir, progress):
        build_id = new_build_id(content_digest(nquads))
        needed, after = _what_a_failure_leaves(var_dir)
        with writing("the releases folder", releases, needed, after):
            releases.mkdir(parents=True, exist_ok=True)
        staging = releases / f"{STAGING_PREFIX}{build_id}"
        try:
            _stage(nquads, staging, dict(summary, build_id=build_id))
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


def _stage(nquads: bytes, staging: Path, record: dict[str, object]) -> None:
    """Store, dumps and build record in ``staging``; the store is closed before it returns or fails."""
    with _writing_part("the store"):
        staging.mkdir()  # RocksDB creates the store's own folder, not its parents
        store = load_store(nquads, staging / "store")
    try:
        with _writing_part("the dumps"):
            dumps = write_dumps(store, staging / "dumps")
    finally:
        del store  # close RocksDB before the directory moves (or is removed: an open file keeps its space)
    record = dict(record, published=dt.datetime.now(dt.timezone.utc).isoformat(),
                  dumps=[dump.__dict__ for dump in dumps])
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
