"""Find the source texts and decide which genre reader takes each.

A file that is empty, binary, not UTF-8, or of no known genre stops the
build with an error naming the file (and the line where that makes sense).
"""
from __future__ import annotations

from pathlib import Path

from graph.documents import Source
from graph.errors import SourceError
from graph.parse import READERS
from graph.parse.base import GenreReader

SOURCE_SUFFIXES = {".txt", ".md"}
# Below this, no reader is sure enough: better to stop than to guess a genre.
MIN_CONFIDENCE = 0.5


def find_sources(directory: Path) -> list[Path]:
    if not directory.is_dir():
        raise SourceError(str(directory), None, "source directory not found")
    paths = sorted(p for p in directory.iterdir() if p.is_file() and not p.name.startswith("."))
    if not paths:
        raise SourceError(str(directory), None, "no source texts found")
    return paths


def read_source(path: Path) -> Source:
    raw = path.read_bytes()
    if path.suffix.lower() not in SOURCE_SUFFIXES:
        raise SourceError(path.name, None, f"not a text source (expected {', '.join(sorted(SOURCE_SUFFIXES))})")
    if not raw.strip():
        raise SourceError(path.name, None, "the file is empty")
    if b"\x00" in raw:
        line = raw.count(b"\n", 0, raw.index(b"\x00")) + 1
        raise SourceError(path.name, line, "binary content (NUL byte): not a text source")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw.count(b"\n", 0, error.start) + 1
        raise SourceError(path.name, line, f"not valid UTF-8 at byte {error.start}") from None
    # The text is kept exactly as decoded (no newline translation, BOM kept) so
    # that offsets slice the file itself; readers tolerate "\r\n".
    return Source(path, text)


def reader_for(source: Source) -> GenreReader:
    scored = sorted(((reader.recognise(source), reader) for reader in READERS), key=lambda pair: -pair[0])
    confidence, best = scored[0] if scored else (0.0, None)
    if best is None or confidence < MIN_CONFIDENCE:
        known = ", ".join(str(reader.kind) for reader in READERS)
        raise SourceError(source.name, 1, f"unknown genre: not recognised as any of {known}")
    return best
