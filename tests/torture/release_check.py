"""Is a published release whole, and did a build leave anything behind? (issue 10 item 10).

Used by the build attacks, and by :mod:`.disk_full` inside its own mount
namespace, where it is imported as a plain module: it needs nothing else here.
"""
from __future__ import annotations

import hashlib
import json
from pathlib import Path


def published(var_dir: Path) -> Path | None:
    current = var_dir / "current"
    return current.resolve() if current.exists() else None


def damage(var_dir: Path) -> list[str]:
    """What is wrong with the release ``current`` points to: missing parts, dumps that differ from their manifest."""
    release = published(var_dir)
    if release is None:
        return ["var/current is missing or points nowhere"]
    problems = [f"{release.name}: no {part}" for part in ("store", "dumps/manifest.json", "build.json")
                if not (release / part).exists()]
    if (release / "dumps/manifest.json").exists():
        try:
            manifest = json.loads((release / "dumps/manifest.json").read_text())
            for dump in manifest["dumps"]:
                path = release / "dumps" / dump["name"]
                if not path.exists() or hashlib.sha256(path.read_bytes()).hexdigest() != dump["sha256"]:
                    problems.append(f"{release.name}: {dump['name']} differs from its manifest")
        except (ValueError, KeyError, TypeError) as error:
            problems.append(f"{release.name}: unreadable manifest ({error})")
    if (release / "store").is_dir() and not any((release / "store").iterdir()):
        problems.append(f"{release.name}: the store is empty")
    return problems


def store_triples(var_dir: Path) -> int | None:
    """The published store's size as the engine reads it (None when it cannot be opened)."""
    import pyoxigraph

    release = published(var_dir)
    try:
        return len(pyoxigraph.Store.read_only(str(release / "store"))) if release else None
    except OSError:
        return None


def leftovers(var_dir: Path) -> list[str]:
    """Folders under var/ that are neither releases/ nor a finished release (one with its build.json), with sizes;
    and, in var/build/ (what builds keep of each source on purpose, issue 11 point 4), a half-written file."""
    found = [f"{path.relative_to(var_dir)} (half-written)" for path in (var_dir / "build").rglob(".*")
             if path.is_file()]
    for folder in [var_dir, var_dir / "releases"]:
        if not folder.is_dir():
            continue
        for entry in folder.iterdir():
            if entry.is_symlink() or not entry.is_dir() or entry in (var_dir / "releases", var_dir / "build"):
                continue
            if folder == var_dir / "releases" and (entry / "build.json").exists():
                continue
            size = sum(f.stat().st_size for f in entry.rglob("*") if f.is_file() and not f.is_symlink())
            found.append(f"{entry.relative_to(var_dir)} ({size / 2**20:.1f} MB)")
    return found


def dump_checksums(release: Path) -> dict[str, str]:
    manifest = json.loads((release / "dumps" / "manifest.json").read_text())
    return {dump["name"]: dump["sha256"] for dump in manifest["dumps"]}
