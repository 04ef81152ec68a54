"""The index of a release being published: read again whole, or the current release's updated.

Called by ``graph.publish`` once the release's store is written.  The current release's index is
the starting point when the build starts from the current store and the index is as that release
recorded it (its SHA-256 in ``build.json``): an index that changed or went since is not trusted, and
every row is read again, as for a full build (issue 13 item 1: updated incrementally with the build).
"""
from __future__ import annotations

import errno
import json
import os
import sqlite3
from collections.abc import Callable
from pathlib import Path

from graph.disk import kind_of
from graph.graph_parts import Part
from graph.search import index_file
from graph.search.index_writer import digest_of, usable, write_index
from graph.store_update import Published

RECORD_KEY = "search_index"  # build.json: the SHA-256 of the release's index


def publish_index(release: Path, parts: list[Part], previous: Published | None,
                  say: Callable[[str], None] = lambda line: None) -> str:
    """Write ``release``'s index from its store (``release/store``, closed); return the index's digest.

    SQLite's "disk is full" and "readonly database" are raised as the OSError they are, so that
    ``graph.publish`` says them as it says the store's (issue 10 item 10: a full disk is not a traceback).
    """
    try:
        return _publish(release, parts, previous, say)
    except sqlite3.OperationalError as error:
        words = str(error).lower()
        if "full" in words:
            raise OSError(errno.ENOSPC, f"{os.strerror(errno.ENOSPC)} (search index: {error})") from error
        if "readonly" in words or "unable to open" in words:
            raise OSError(errno.EACCES, f"{os.strerror(errno.EACCES)} (search index: {error})") from error
        raise


def _publish(release: Path, parts: list[Part], previous: Published | None, say: Callable[[str], None]) -> str:
    target, store = index_file(release), release / "store"
    start = _starting_point(previous)
    if start is not None and previous is not None:
        changed = {part.graph for part in set(previous.parts) ^ set(parts)}
        if 2 * sum(p.quads for p in set(previous.parts) ^ set(parts)) <= sum(p.quads for p in parts):
            try:
                return write_index(target, store, changed, start, previous.store, say)
            except (OSError, RuntimeError, sqlite3.Error) as error:
                if isinstance(error, OSError) and kind_of(error) or _disk(error):
                    raise  # a full disk or a permission: said as such by graph.publish, not taken for a stale index
                say(f"search index: the current one cannot be updated ({error}): reading every entry")
    return write_index(target, store, say=say)


def _disk(error: Exception) -> bool:
    words = str(error).lower()
    return isinstance(error, sqlite3.OperationalError) and ("full" in words or "readonly" in words)


def _starting_point(previous: Published | None) -> Path | None:
    """The current release's index, if it is the one that release published."""
    if previous is None:
        return None
    release = previous.store.parent
    index = index_file(release)
    try:
        recorded = json.loads((release / "build.json").read_text(encoding="utf-8")).get(RECORD_KEY)
        if recorded and index.is_file() and digest_of(index) == recorded and usable(index):
            return index
    except (OSError, ValueError, AttributeError):
        pass
    return None
