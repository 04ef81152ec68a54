"""The three dumps of a release, put together from the parts' gzip members (issue 11, point 4).

Each part of the dataset was written once as three gzip members (``graph.graph_parts``).
A dump is those members end to end, in the order of (graph, part), with small members of
its own between them: the Turtle dump's prefix lines first; the JSON-LD dump's ``[``, the
commas between graph objects and ``]``.  Concatenated gzip members are one gzip file
(RFC 1952 §2.2), read whole by gzip, zcat, Python and HTTP clients.  So a build that changed
one source copies the other members as they are, never reading their quads, and a build of
the same parts, incremental or from scratch, writes the same bytes.

A triple two graphs hold is written under each in the Turtle dump; the build keeps every
triple in one graph (``tests/build/test_build.py``), so the Turtle dump is the merged graph.
"""
from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from graph.formats import JSON_LD, N_QUADS, TURTLE
from graph.graph_parts import TURTLE_HEADER, Part, PartFiles, member

DESCRIPTIONS = (
    (N_QUADS, "The whole dataset, one named graph per source (N-Quads, gzip)."),
    (TURTLE, "All graphs merged into one (Turtle, gzip)."),
    (JSON_LD, "The whole dataset with its named graphs (JSON-LD, gzip)."),
)


@dataclass(frozen=True)
class Dump:
    """One downloadable file, as listed in ``manifest.json``."""

    name: str
    media_type: str
    description: str
    bytes: int
    triples: int
    sha256: str


def ordered(parts: list[Part]) -> list[Part]:
    return sorted(parts, key=lambda part: (part.graph, part.name))


def write_dumps(parts: list[Part], files: PartFiles, directory: Path) -> list[Dump]:
    directory.mkdir(parents=True)
    parts = ordered(parts)
    quads = sum(part.quads for part in parts)
    written = []
    for fmt, description in DESCRIPTIONS:
        form, name = fmt.extension, f"mrkg.{fmt.extension}.gz"
        path = directory / name
        digest = hashlib.sha256()
        with path.open("wb") as out:
            for piece in _pieces(form, parts, files):
                if isinstance(piece, bytes):
                    out.write(piece)
                    digest.update(piece)
                else:
                    with piece.open("rb") as handle:
                        for block in iter(lambda: handle.read(1 << 20), b""):
                            out.write(block)
                            digest.update(block)
        written.append(Dump(name, fmt.media_type, description, path.stat().st_size, quads, digest.hexdigest()))
    manifest = {"dumps": [dump.__dict__ for dump in written]}
    (directory / "manifest.json").write_text(json.dumps(manifest, indent=2) + "\n")
    return written


def _pieces(form: str, parts: list[Part], files: PartFiles) -> Iterator[bytes | Path]:
    """The dump's members in order: a path is a part's member, bytes a separator of the dump's own."""
    if form == "ttl":
        yield member(TURTLE_HEADER)
    if form == "jsonld":
        yield member(b"[")
    for index, part in enumerate(parts):
        if form == "jsonld" and index:
            yield member(b",")
        yield files.path(part.digest, form)
    if form == "jsonld":
        yield member(b"]")
