"""One build publishes into a var/ folder at a time (issue 10 item 10).

``mrkg build`` holds ``var/.publish.lock`` (``flock(2)``) from the moment it
creates its staging folder until ``current`` points to its release.  The
kernel drops the lock when the process ends, however it ends (``kill -9``
too), so:

* a build that cannot take the lock waits for the one that holds it (and
  says so), rather than both writing releases and swapping ``current`` at once;
* a build that holds the lock owns every staging folder there is: any other
  ``.staging-*`` was left by a build that was killed, and is removed.
"""
from __future__ import annotations

import fcntl
import os
import shutil
from contextlib import contextmanager
from pathlib import Path
from typing import Callable, Iterator

from graph.disk import folder_bytes, megabytes, writing

LOCK_NAME = ".publish.lock"
STAGING_PREFIX = ".staging-"


@contextmanager
def publishing(var_dir: Path, progress: Callable[[str], None] = lambda line: None) -> Iterator[None]:
    """Hold the publish lock of ``var_dir`` (waiting for another build to finish), then tidy up after killed builds."""
    path = var_dir / LOCK_NAME
    with writing("the publish lock", var_dir):
        var_dir.mkdir(parents=True, exist_ok=True)
        handle = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = os.pread(handle, 32, 0).decode("ascii", "replace").strip() or "?"
            progress(f"another build (process {holder}) is publishing into {var_dir}: waiting for it to finish")
            fcntl.flock(handle, fcntl.LOCK_EX)
        with writing("the publish lock", var_dir):
            os.ftruncate(handle, 0)
            os.pwrite(handle, f"{os.getpid()}\n".encode(), 0)
        removed = remove_stale_staging(var_dir / "releases")
        if removed:
            progress(f"removed {len(removed)} unfinished release(s) left by interrupted builds "
                     f"({megabytes(sum(removed.values()))})")
        yield
    finally:
        os.close(handle)  # releases the lock


def remove_stale_staging(releases: Path) -> dict[str, int]:
    """Remove every staging folder under ``releases`` (call with the lock held); their names and sizes."""
    removed: dict[str, int] = {}
    if not releases.is_dir():
        return removed
    for folder in releases.iterdir():
        if folder.name.startswith(STAGING_PREFIX) and folder.is_dir() and not folder.is_symlink():
            removed[folder.name] = folder_bytes(folder)
            shutil.rmtree(folder, ignore_errors=True)
    return removed
