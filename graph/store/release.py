"""Which build is live: ``var/current`` followed to its release, in one place.

``mrkg build`` publishes into ``var/releases/<build id>/`` and then swaps the
``var/current`` symlink (:mod:`graph.publish`).  Everything that reads the
published data — the endpoint's workers, the pages, ``mrkg query``,
``mrkg validate`` — asks here which release that is, at the moment it reads,
so a running server follows a new build from its next request on.
"""
from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from graph.memo import short_memo


@dataclass(frozen=True)
class Published:
    """The release a request should be answered from: ``var/current`` resolved at request time."""

    path: Path  # the release's store
    build_id: str

    @property
    def folder(self) -> Path:
        """The release folder (store, dumps, build record)."""
        return self.path.parent


def published_store(current_dir: str | os.PathLike[str]) -> Published:
    """Resolve the ``current`` symlink now, so a new build is served from the next request on.

    Workers compare the path with the store they hold and reopen on a change;
    the old store stays readable until they do (its files are only unlinked).
    One ``readlink`` per request: the full resolution is redone only when the
    link changes.  Callers on the query path pass the folder as a ``str``
    they keep: building and hashing a new ``Path`` cost more than the readlink.
    """
    current = os.fspath(current_dir)
    try:
        link = os.readlink(current)
    except OSError:  # not a symlink (a plain folder, or nothing yet)
        link = None
    return _resolve(current, link)


@short_memo(entries=16, longest=2 * 4096)  # two paths, each at most PATH_MAX
def _resolve(current_dir: str, link: str | None) -> Published:
    resolved = Path(os.path.realpath(current_dir))
    return Published(resolved / "store", resolved.name)
