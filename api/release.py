"""The published build being served: its store, dumps and build record.

``mrkg build`` publishes into ``var/releases/<build id>/`` and then swaps the
``var/current`` symlink (see :mod:`graph.publish`).  A running server must
follow that swap without a restart, so every request asks :class:`Releases`
for the current release (:mod:`graph.store.release` says which it is); its
store is opened once per build, to see that it opens, and read by the pages
through reader processes (:class:`~graph.store.readers.PooledData`) until
``current`` points elsewhere.
Anything computed once per build (the dataset description's counts) is cached
on the :class:`Release`.  A release that cannot be read is said to be so
(:class:`StoreState`), for ``/health`` and for every page (issue 10, point 9);
its files are looked at before each of a page's reads, and while one runs.
"""
from __future__ import annotations

import datetime as dt
import json
import os
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, TypeVar

from graph.errors import StoreDamaged, StoreError
from graph.settings import Settings
from graph.store.backends import EmbeddedStore, unreadable
from graph.store.readers import PooledData, Readers
from graph.store.release import published_store

T = TypeVar("T")


@dataclass
class Release:
    """One published build, opened read-only."""

    path: Path
    store: PooledData
    record: dict[str, Any]
    _cache: dict[str, Any] = field(default_factory=dict, repr=False)
    _lock: threading.RLock = field(default_factory=threading.RLock, repr=False)

    @property
    def build_id(self) -> str:
        return str(self.record.get("build_id") or self.path.name)

    @property
    def published(self) -> dt.datetime:
        """When the build was published (the build record, else the release folder's time)."""
        stamp = self.record.get("published")
        if isinstance(stamp, str):
            try:
                return dt.datetime.fromisoformat(stamp)
            except ValueError:
                pass
        return dt.datetime.fromtimestamp(self.path.stat().st_mtime, dt.timezone.utc)

    @property
    def dumps_dir(self) -> Path:
        return self.path / "dumps"

    def manifest(self) -> list[dict[str, Any]]:
        """The dumps listed in ``dumps/manifest.json`` (name, media_type, bytes, triples, sha256…)."""
        return self.cached("manifest", self._read_manifest)

    def _read_manifest(self) -> list[dict[str, Any]]:
        path = self.dumps_dir / "manifest.json"
        if not path.exists():
            return []
        return list(json.loads(path.read_text(encoding="utf-8")).get("dumps", []))

    def cached(self, key: str, compute: Callable[[], T]) -> T:
        """Compute once per build: a release never changes after it is published."""
        with self._lock:
            if key not in self._cache:
                self._cache[key] = compute()
            return self._cache[key]  # type: ignore[no-any-return]


@dataclass(frozen=True)
class StoreState:
    """What ``/health`` says about the published build: ``ok``, ``store unreadable`` or ``nothing published``."""

    state: str
    build_id: str | None = None
    reason: str | None = None
    path: Path | None = None  # the release folder; for the server's own use, never shown to clients

    @property
    def readable(self) -> bool:
        return self.state == OK


OK, UNREADABLE, NOTHING = "ok", "store unreadable", "nothing published"
# Seconds between two looks at a release's files, at most: a look is a stat of each file of the store
# (tens of microseconds), and a page's read that outlasts it is ended this soon after the files change.
CHECK_INTERVAL = 0.1


def fingerprint(store: Path) -> dict[str, tuple[int, int]]:
    """Name → (size, modification time) of every file of a store.

    A published store is never written again (its release folder is
    read-only by convention, and opening it read-only changes no file), so a
    file that changed, shrank or went away means the store was damaged under
    the running server.  The engine does not say so: reads of a truncated or
    overwritten table come back *empty*, without an error (checked on
    pyoxigraph 0.5), and the service would answer "no results" for a broken disk.
    """
    found: dict[str, tuple[int, int]] = {}
    with os.scandir(store) as entries:
        for entry in entries:
            if entry.is_file(follow_symlinks=False):
                stat = entry.stat(follow_symlinks=False)
                found[entry.name] = (stat.st_size, stat.st_mtime_ns)
    return found


class Releases:
    """Follows ``var/current``, hands out the release it points to, and knows whether it can be read.

    A release whose store cannot be opened, or whose files change after it
    was opened, is *unreadable*: every page and dump then answers 503 in words
    (no path, no engine message) until a new build is published, or the files
    change again (a repair in place), when it is opened afresh.
    """

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.readers = Readers(settings)
        self._current: Release | None = None
        self._files: dict[str, tuple[int, int]] = {}
        self._checked = 0.0
        self._broken: StoreState | None = None
        self._broken_files: dict[str, tuple[int, int]] | None = None
        # A scratch store that SPARQL Update writes to changes by design: only a published build is watched.
        self._immutable = not settings.update_enabled
        self._lock = threading.Lock()

    def current(self) -> Release:
        """The release to answer from; :class:`StoreError` (a 503) when there is none or it cannot be read."""
        target = published_store(self.settings.current_dir).folder
        if not (target / "store").is_dir():
            raise StoreError("nothing is published yet: run `mrkg build` first")
        with self._lock:
            if self._broken is not None and self._broken.path == target:
                self._retry_broken(target)
            elif self._current is None or self._current.path != target:
                self._open_release(target)
            elif self._immutable and time.monotonic() - self._checked >= CHECK_INTERVAL:
                self._verify(target)
            if self._broken is not None:
                raise StoreError(self._broken.reason or UNREADABLE)
            assert self._current is not None
            return self._current

    def check(self, path: Path) -> None:
        """:class:`StoreError` (a 503) when the release at ``path`` is unreadable; its files are looked at if due."""
        with self._lock:
            current = self._current is not None and self._current.path == path
            if current and self._immutable and time.monotonic() - self._checked >= CHECK_INTERVAL:
                self._verify(path)
            if self._broken is not None and self._broken.path == path:
                raise StoreError(self._broken.reason or UNREADABLE)

    def found_damaged(self, path: Path, reason: str) -> None:
        """A read of the release at ``path`` met damage that its files' sizes and times do not show."""
        with self._lock:
            if self._broken is None or self._broken.path != path:
                self._mark_broken(path, reason)

    def state(self) -> StoreState:
        """The state of what ``var/current`` points to now (opening or checking it if due)."""
        try:
            release = self.current()
        except StoreError as error:
            broken = self._broken
            if broken is not None and broken.path == published_store(self.settings.current_dir).folder:
                return broken
            return StoreState(NOTHING, reason=str(error))
        return StoreState(OK, release.build_id, path=release.path)

    def _open_release(self, target: Path) -> None:
        self._current, self._broken = None, None
        try:
            files = fingerprint(target / "store")
            self._current = self._open(target)
        except StoreDamaged as error:
            self._mark_broken(target, error.public)
            return
        except StoreError as error:
            self._mark_broken(target, str(error))
            return
        except (OSError, ValueError) as error:  # a file gone, or a build record that is not JSON
            self._mark_broken(target, unreadable(error, target / "store").public)
            return
        self._files, self._checked = files, time.monotonic()

    def _verify(self, target: Path) -> None:
        self._checked = time.monotonic()
        try:
            same = fingerprint(target / "store") == self._files
        except OSError:
            same = False
        if not same:
            error = RuntimeError("the store's files changed after it was opened")
            self._mark_broken(target, unreadable(error, target / "store").public)

    def _mark_broken(self, target: Path, reason: str) -> None:
        self._current = None
        self._broken = StoreState(UNREADABLE, target.name, reason, target)
        try:
            self._broken_files = fingerprint(target / "store")
        except OSError:
            self._broken_files = None

    def _retry_broken(self, target: Path) -> None:
        """Open a broken release again only once its files have changed (a repair in place)."""
        if time.monotonic() - self._checked < CHECK_INTERVAL:
            return
        self._checked = time.monotonic()
        try:
            files = fingerprint(target / "store")
        except OSError:
            return
        if files != self._broken_files:
            self._open_release(target)

    def _open(self, path: Path) -> Release:
        EmbeddedStore(path / "store").close()  # it opens (else StoreDamaged); the pages read it in their readers
        record_path = path / "build.json"
        record = json.loads(record_path.read_text(encoding="utf-8")) if record_path.exists() else {}
        store = PooledData(self.readers, path / "store", check=lambda: self.check(path),
                           found_damaged=lambda reason: self.found_damaged(path, reason))
        return Release(path=path, store=store, record=record)
