"""The store of a new release: the current one's checkpoint with the changed parts replaced, or a full load.

A release's store is never written once published.  A build that changed a few sources starts
its store from a checkpoint of the current one (``Store.backup``: RocksDB's checkpoint, hard
links to the current store's immutable table files), removes the quads of the parts that
changed or went and adds those of the parts that changed or came (issue 11, point 4).  The
new store is a store of its own: removing the old release later leaves it whole.

It loads every part into an empty store instead when the current release is missing, says
nothing of its parts, or is damaged: a file of its store changed or went since it was
published (its size and modification time are kept in ``build.json``; a reader never changes
them), or the storage engine reports damage while it is copied (``graph.store.damage_found``);
and when most of the quads changed, which a full load does faster.
"""
from __future__ import annotations

import itertools
import json
import os
import shutil
from collections import defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

from graph.disk import kind_of
from graph.dumps import ordered
from graph.graph_parts import Part, PartFiles
from graph.store.backends import damage_found

UNRECORDED = ("LOG", "LOCK")
BATCH = 200_000  # quads per call of the bulk loader  # what RocksDB writes on its own: its log, and the lock of an open store


def store_files(store: Path) -> dict[str, list[int]]:
    """Size and modification time of each file of a closed store, to see later that none changed."""
    found = {}
    for entry in sorted(os.scandir(store), key=lambda e: e.name):
        if entry.is_file() and not entry.name.startswith(UNRECORDED):
            stat = entry.stat()
            found[entry.name] = [stat.st_size, stat.st_mtime_ns]
    return found


@dataclass(frozen=True)
class Published:
    """The current release, as a starting point: its store, its parts and its store's files when published."""

    store: Path
    parts: tuple[Part, ...]
    files: dict[str, list[int]]

    @classmethod
    def current(cls, var_dir: Path) -> "Published | None":
        """The current release, if it says what it holds and its store is as it was published."""
        current = var_dir / "current"
        try:
            record = json.loads((current / "build.json").read_text(encoding="utf-8"))
            published = cls(current.resolve() / "store", tuple(Part.from_record(p) for p in record["parts"]),
                            dict(record["store_files"]))
        except (OSError, ValueError, KeyError, TypeError):
            return None
        return published if published.intact() else None

    def intact(self) -> bool:
        try:
            return store_files(self.store) == self.files
        except OSError:
            return False


def make_store(target: Path, parts: list[Part], files: PartFiles, previous: Published | None,
               say: Callable[[str], None]) -> str:
    """Write the store of ``parts`` at ``target``; say how ("loaded …" or "updated …")."""
    if previous is not None:
        try:
            updated = _update(target, parts, files, previous)
        except (OSError, RuntimeError) as error:
            if (isinstance(error, OSError) and kind_of(error)) or damage_found(previous.store, error) is None:
                raise  # a full disk or a missing permission is said as such (graph.disk), not taken for damage
            shutil.rmtree(target, ignore_errors=True)
            say(f"the current store cannot be copied ({error}): loading every part")
            updated = None
        if updated is not None:
            return updated
    _load(target, parts, files)
    return f"loaded {sum(p.quads for p in parts):,} quads of {len(parts):,} parts"


def _update(target: Path, parts: list[Part], files: PartFiles, previous: Published) -> str | None:
    old = {part.name: part for part in previous.parts}
    new = {part.name: part for part in parts}
    gone = [part for name, part in old.items() if new.get(name) != part]
    came = [part for name, part in new.items() if old.get(name) != part]
    if 2 * sum(part.quads for part in gone + came) > sum(part.quads for part in parts):
        return None  # most of it changed: a full load is faster
    kept_graphs = {part.graph for name, part in old.items() if new.get(name) == part}
    by_graph: dict[str, list[Part]] = defaultdict(list)
    for part in gone:
        by_graph[part.graph].append(part)
    if any(graph in kept_graphs and not all(files.has(p) for p in lost) for graph, lost in by_graph.items()):
        return None  # the quads of a part that changed are no longer kept: they cannot be taken out one by one
    ox.Store.read_only(str(previous.store)).backup(str(target))
    store = ox.Store(str(target))
    try:
        for graph, lost in by_graph.items():
            if graph and graph not in kept_graphs:
                store.remove_graph(ox.NamedNode(graph))
            else:
                for quad in itertools.chain.from_iterable(files.quads(part) for part in lost):
                    store.remove(quad)
        _bulk_add(store, itertools.chain.from_iterable(files.quads(part) for part in ordered(came)))
        store.flush()
    finally:
        del store  # closed before the release moves
    return (f"updated: {len(gone):,} parts out, {len(came):,} in "
            f"({sum(p.quads for p in came):,} quads), {len(parts) - len(came):,} kept")


def _load(target: Path, parts: list[Part], files: PartFiles) -> None:
    """Every part into a new store, read from disk as it is loaded; blank node labels are kept as written
    (``bulk_load`` would relabel them, and the same data would give other quads: issue 10 item 10)."""
    store = ox.Store(str(target))
    try:
        _bulk_add(store, itertools.chain.from_iterable(files.quads(part) for part in ordered(parts)))
        store.optimize()
    finally:
        del store


def _bulk_add(store: ox.Store, quads: Iterator[ox.Quad]) -> None:
    """Add in batches: the bulk loader holds what one call gives it (1.1 GB for 1.7 million quads in one call,
    0.3 GB in batches of 200,000, for the same CPU time)."""
    while batch := list(itertools.islice(quads, BATCH)):
        store.bulk_extend(batch)
