"""Publish a validated build atomically: store and dumps, then one symlink swap.

Layout under ``var/``::

    releases/<build id>/store/        pyoxigraph store (RocksDB), one named graph per source
    releases/<build id>/dumps/        mrkg.nq.gz, mrkg.ttl.gz, mrkg.jsonld.gz, manifest.json
    releases/<build id>/build.json    what the build counted and how long it took
    current -> releases/<build id>    swapped with one rename(2): readers see the old or the new, never half

A build that fails before the swap leaves ``current`` and everything it
points to untouched.  Older releases are pruned, keeping a few so that a
server still reading one is not pulled from under its feet.
"""
from __future__ import annotations

import datetime as dt
import gzip
import hashlib
import json
import os
import shutil
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

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
    store = ox.Store(str(directory))
    store.bulk_load(nquads, ox.RdfFormat.N_QUADS)
    store.optimize()
    return store


def write_dumps(store: ox.Store, directory: Path) -> list[Dump]:
    directory.mkdir(parents=True)
    quads = list(store)
    union = {ox.Triple(q.subject, q.predicate, q.object) for q in quads}
    written: list[Dump] = []

    def emit(name: str, media_type: str, description: str, payload: bytes, triples: int) -> None:
        path = directory / name
        _gzip_write(path, payload)
        written.append(Dump(name, media_type, description, path.stat().st_size, triples, _sha256(path)))

    emit("mrkg.nq.gz", "application/n-quads", "The whole dataset, one named graph per source (N-Quads, gzip).",
         ox.serialize(quads, format=ox.RdfFormat.N_QUADS), len(quads))
    emit("mrkg.ttl.gz", "text/turtle", "All graphs merged into one (Turtle, gzip).",
         ox.serialize(sorted(union, key=str), format=ox.RdfFormat.TURTLE, prefixes=PREFIX_MAP), len(union))
    emit("mrkg.jsonld.gz", "application/ld+json", "The whole dataset with its named graphs (JSON-LD, gzip).",
         ox.serialize(quads, format=ox.RdfFormat.JSON_LD), len(quads))
    manifest = {"dumps": [dump.__dict__ for dump in written]}
    (directory / "manifest.json").write_text(json.dumps(manifest, indent=2) + "\n")
    return written


def new_build_id(content_digest: str) -> str:
    stamp = dt.datetime.now(dt.timezone.utc).strftime("%Y%m%dT%H%M%S%fZ")
    return f"{stamp}-{content_digest[:8]}"


def publish(nquads: bytes, var_dir: Path, summary: dict[str, object]) -> Path:
    """Write store and dumps into a new release, then make it current."""
    releases = var_dir / "releases"
    releases.mkdir(parents=True, exist_ok=True)
    build_id = new_build_id(hashlib.sha256(nquads).hexdigest())
    staging = releases / f".staging-{build_id}"
    try:
        staging.mkdir()  # RocksDB creates the store's own folder, not its parents
        store = load_store(nquads, staging / "store")
        dumps = write_dumps(store, staging / "dumps")
        del store  # close RocksDB before the directory moves
        record = dict(summary, build_id=build_id, published=dt.datetime.now(dt.timezone.utc).isoformat(),
                      dumps=[dump.__dict__ for dump in dumps])
        (staging / "build.json").write_text(json.dumps(record, indent=2, default=str) + "\n")
        release = releases / build_id
        staging.rename(release)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    link = var_dir / ".current-next"
    if link.is_symlink() or link.exists():
        link.unlink()
    link.symlink_to(Path("releases") / build_id)
    os.replace(link, var_dir / "current")
    _prune(releases, keep=build_id)
    return release


def _prune(releases: Path, keep: str) -> None:
    finished = sorted(p for p in releases.iterdir() if not p.name.startswith("."))
    for old in finished[:-KEEP_RELEASES]:
        if old.name != keep:
            shutil.rmtree(old, ignore_errors=True)
