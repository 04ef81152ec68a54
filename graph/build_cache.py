"""What a build keeps in ``var/build/`` of each source, keyed by content, so the next build need not redo it.

    records/<key>.pickle     what the source names that other documents can name too, its counts and
                             notes (``graph.cross_document``); every build reads every record
    documents/<key>.pickle   the document as its reader read it, to write its graph again without
                             reading the text again when the actors it names resolve otherwise
    graphs/<key>.json        its graph as written and checked: the part's digest, what it points to and
                             the classes those had, the shapes' verdict
    parts/                   the quads of every graph and part of a graph (``graph.graph_parts``)
    shared/<reading>.pickle  the nodes of the cross-document graphs already checked, with the digest of
                             what their check read

``<key>`` is :func:`graph.build_inputs.source_key` (a source's name, its content and the
reading digest) or, for a graph, that and how the actors it names were resolved.  Nothing is
keyed by time: a file is right for whatever build finds it.  Files are written whole (a
temporary name, then a rename), so a build killed half way leaves none half written; a build
stopped by a full disk removes the files it created (``forget_created``).  A build that
publishes prunes what it no longer uses (``prune``).
"""
from __future__ import annotations

import json
import pickle
import shutil
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from graph.cross_document import SharedNames
from graph.disk import write_atomically
from graph.graph_parts import Part, PartFiles
from graph.records import ParsedDocument
from graph.validation_context import BackLink



@dataclass
class SourceRecord:
    """One source as the build reports it and as the cross-document steps need it."""

    name: str
    key: str
    summary: dict[str, Any]  # genre, counts, which reader read it and why
    notes: list[str]
    names: SharedNames


@dataclass
class CheckedGraph:
    """A source's graph as written and checked (``graph.source_graphs``)."""

    key: str
    part: Part
    triples: int
    entailed: int
    references: dict[str, list[str]]  # what it points to and does not describe → their classes when checked
    backlinks: list[BackLink]
    violations: list[dict[str, Any]] = field(default_factory=list)
    warnings: int = 0

    @property
    def conforms(self) -> bool:
        return not self.violations

    def as_record(self) -> dict[str, Any]:
        return {"key": self.key, "part": self.part.as_record(), "triples": self.triples, "entailed": self.entailed,
                "references": self.references, "backlinks": self.backlinks, "violations": self.violations,
                "warnings": self.warnings}

    @classmethod
    def from_record(cls, record: dict[str, Any]) -> "CheckedGraph":
        return cls(record["key"], Part.from_record(record["part"]), record["triples"], record["entailed"],
                   record["references"], [(s, p, o, classes) for s, p, o, classes in record["backlinks"]],
                   record["violations"], record["warnings"])


class BuildCache:
    def __init__(self, var_dir: Path) -> None:
        self.root = var_dir / "build"
        self.parts = PartFiles(self.root / "parts")
        self._created: list[Path] = []

    # -- records and documents ------------------------------------------------------------

    def record(self, key: str) -> SourceRecord | None:
        return self._load(self._path("records", key, "pickle"))  # type: ignore[return-value]

    def document(self, key: str) -> ParsedDocument | None:
        return self._load(self._path("documents", key, "pickle"))  # type: ignore[return-value]

    def keep_read(self, record: SourceRecord, document: ParsedDocument) -> None:
        self._write(self._path("documents", record.key, "pickle"), pickle.dumps(document, protocol=5))
        self._write(self._path("records", record.key, "pickle"), pickle.dumps(record, protocol=5))

    # -- checked graphs -------------------------------------------------------------------

    def checked(self, key: str) -> CheckedGraph | None:
        path = self._path("graphs", key, "json")
        try:
            checked = CheckedGraph.from_record(json.loads(path.read_text(encoding="utf-8")))
        except (OSError, ValueError, KeyError, TypeError):
            return None
        return checked if self.parts.has(checked.part) else None

    def keep_checked(self, checked: CheckedGraph) -> None:
        self._write(self._path("graphs", checked.key, "json"), json.dumps(checked.as_record()).encode())

    # -- the cross-document graphs: nodes already checked, sessions families already written ---

    def shared(self, reading: str) -> dict[str, Any]:
        """``nodes``: node → digest of what its check read, for the nodes that conformed; ``families``:
        digest of a sessions family's nodes → its part."""
        found = self._load(self.root / "shared" / f"{reading}.pickle")
        return found if isinstance(found, dict) else {}

    def keep_shared(self, reading: str, nodes: dict[str, str], families: dict[str, Part]) -> None:
        payload = {"nodes": nodes, "families": families}
        self._write(self.root / "shared" / f"{reading}.pickle", pickle.dumps(payload, protocol=5))

    # -- housekeeping ---------------------------------------------------------------------

    def forget_created(self) -> None:
        """Remove what this build created (it could not finish: a full disk), so it takes no room."""
        for path in self._created + self.parts.created:
            path.unlink(missing_ok=True)
        self._created.clear()
        self.parts.created.clear()

    def prune(self, sources: Iterable[str], graphs: Iterable[str], parts: Iterable[Part], reading: str,
              written_before: float, inferred: Iterable[str] = ()) -> None:
        """Remove the artifacts of sources, graphs, parts, inferred links and readings no longer in use.

        What was written since ``written_before`` (this build's start) stays: another build, started
        meanwhile, may be about to use it (one builds, the other waits to publish)."""
        keep = {"records": set(sources), "documents": set(sources), "graphs": set(graphs), "shared": {reading},
                "parts": {part.digest for part in parts}, "inferred": set(inferred)}
        for folder, names in keep.items():
            for path in _files(self.root / folder):
                if path.name.split(".", 1)[0] not in names and _older(path, written_before):
                    path.unlink(missing_ok=True)

    def clear(self) -> None:
        shutil.rmtree(self.root, ignore_errors=True)

    def _path(self, folder: str, key: str, suffix: str) -> Path:
        return self.root / folder / key[:2] / f"{key}.{suffix}"

    def _load(self, path: Path) -> object | None:
        try:
            with path.open("rb") as handle:
                loaded: object = pickle.load(handle)
                return loaded
        except (OSError, EOFError, pickle.UnpicklingError, AttributeError, ImportError, TypeError, ValueError):
            return None  # not there, or written by other code: made again

    def _write(self, path: Path, payload: bytes) -> None:
        if write_atomically(path, payload):
            self._created.append(path)


def _older(path: Path, moment: float) -> bool:
    try:
        return path.stat().st_mtime < moment
    except OSError:
        return False


def _files(folder: Path) -> list[Path]:
    return [path for path in folder.rglob("*") if path.is_file()] if folder.is_dir() else []
