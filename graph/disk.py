"""The disk under var/: what to tell the operator when a build cannot write there (issue 10 item 10).

A full disk or a folder mrkg may not write is not a fault of the data: it
gets its own exit code (3, ``EnvironmentFault``) and a message that says what
was being written, where, how much room there is, and what to do, instead
of a traceback and the exit code of a graph that does not conform.

The storage engine (RocksDB) reports these conditions as an ``OSError``
without an ``errno``, in words ("IO error: No space left on device: …"), so
both the number and the words are read.
"""
from __future__ import annotations

import errno
import os
import shutil
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

from graph.errors import DiskFull, EnvironmentFault, NoPermission

NO_SPACE = {errno.ENOSPC, errno.EDQUOT}
NO_PERMISSION = {errno.EACCES, errno.EPERM, errno.EROFS}
_NO_SPACE_WORDS = (os.strerror(errno.ENOSPC), os.strerror(errno.EDQUOT))
_NO_PERMISSION_WORDS = (os.strerror(errno.EACCES), os.strerror(errno.EPERM), os.strerror(errno.EROFS))


def megabytes(size: int) -> str:
    return f"{size / 1e6:.1f} MB"


def usage(path: Path) -> tuple[int, int]:
    """(total, free) bytes of the file system holding ``path`` (or its nearest existing parent)."""
    for candidate in (path, *path.parents):
        try:
            found = shutil.disk_usage(candidate)
            return found.total, found.free
        except OSError:
            continue
    return 0, 0


def folder_bytes(path: Path) -> int:
    """What the files under ``path`` take (0 when it is not there)."""
    total = 0
    for folder, _, files in os.walk(path):
        for name in files:
            try:
                total += os.lstat(os.path.join(folder, name)).st_size
            except OSError:
                continue
    return total


def kind_of(error: OSError) -> type[EnvironmentFault] | None:
    """DiskFull or NoPermission when the error is one of those, else None."""
    message = str(error)
    if error.errno in NO_SPACE or any(words in message for words in _NO_SPACE_WORDS):
        return DiskFull
    if error.errno in NO_PERMISSION or any(words in message for words in _NO_PERMISSION_WORDS):
        return NoPermission
    return None


def explain(error: OSError, what: str, where: Path, needed: int | None = None, after: str = "") -> EnvironmentFault | None:
    """The operator's message for ``error`` met while writing ``what`` in ``where``; None if it is not the disk's.

    ``needed`` is what the write is likely to take (e.g. the size of the last
    release); ``after`` says what is left as it was.
    """
    kind = kind_of(error)
    if kind is None:
        return None
    if kind is DiskFull:
        total, free = usage(where)
        room = f"{megabytes(free)} free of {megabytes(total)}"
        wanted = f"about {megabytes(needed)}" if needed else "more room"
        message = (f"no space left on the disk holding {where} while writing {what} ({room}). {after}"
                   f"Free {wanted} there, or set MRKG_VAR_DIR to a folder on a larger disk, then run the "
                   "command again.")
    else:
        message = (f"no permission to write {what} in {where} ({error.strerror or error}). {after}"
                   f"Make {where} writable for this user (uid {os.getuid()}), or set MRKG_VAR_DIR to a folder "
                   "it may write, then run the command again.")
    return kind(message)


@contextmanager
def writing(what: str, where: Path, needed: int | None = None, after: str = "") -> Iterator[None]:
    """Around a write: a full disk or a missing permission becomes DiskFull / NoPermission, in words."""
    try:
        yield
    except OSError as error:
        fault = explain(error, what, where, needed, after)
        if fault is None:
            raise
        raise fault from None


def write_atomically(path: Path, payload: bytes) -> bool:
    """Write ``payload`` to ``path`` by a rename, so that no reader, and no later build after this one is killed,
    finds half a file (a half-written one is a dot-file the next build removes); whether ``path`` is new."""
    path.parent.mkdir(parents=True, exist_ok=True)
    existed = path.exists()
    temporary = path.with_name(f".{path.name}.{os.getpid()}")
    try:
        temporary.write_bytes(payload)
        os.replace(temporary, path)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
    return not existed
