"""The published build being served: its store, dumps and build record.

``mrkg build`` publishes into ``var/releases/<build id>/`` and then swaps the
``var/current`` symlink (see :mod:`graph.publish`).  A running server must
follow that swap without a restart, so every request asks :class:`Releases`
for the current release; the read-only store is opened once per build and
reused until ``current`` points elsewhere.  Anything computed once per build
(the dataset description's counts) is cached on the :class:`Release`.
"""
from __future__ import annotations

import datetime as dt
import json
import os
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, TypeVar

import pyoxigraph as ox

from graph.errors import StoreError
from graph.settings import Settings
from graph.store import EmbeddedStore

T = TypeVar("T")


@dataclass
class Release:
    """One published build, opened read-only."""

    path: Path
    store: ox.Store
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


class Releases:
    """Follows ``var/current`` and hands out the release it points to."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self._current: Release | None = None
        self._lock = threading.Lock()

    def current(self) -> Release:
        link = self.settings.current_dir
        target = Path(os.path.realpath(link))
        if not (target / "store").is_dir():
            raise StoreError(f"nothing is published in {self.settings.var_dir} yet: run `mrkg build`")
        with self._lock:
            if self._current is None or self._current.path != target:
                self._current = self._open(target)
            return self._current

    @staticmethod
    def _open(path: Path) -> Release:
        store = EmbeddedStore(path / "store").store
        record_path = path / "build.json"
        record = json.loads(record_path.read_text(encoding="utf-8")) if record_path.exists() else {}
        return Release(path=path, store=store, record=record)
