"""Find the source texts and decide which reader takes each, and why.

Each genre reader weighs its genre's cues on the source's opening; the most
confident one at or above :data:`MIN_CONFIDENCE` reads it.  When none is sure
enough, the general reader for prose documents takes it (issue 11, point 2):
nothing is refused for its genre alone.  A genre reader that cannot follow a
document it claimed (a layout it does not know) hands it to the general reader
too, and the build says so.

What is refused, by name (and line where that makes sense): a file that is
empty, binary, not UTF-8, not a text (a CSV file, or rows of a table in a text
file), or has no paragraph that any reader can parse.
"""
from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

from graph.documents import Source
from graph.errors import SourceError
from graph.parse import GENERAL_READER, READERS
from graph.parse.base import GenreReader
from graph.parse.cues import Glance, Recognition
from graph.records import ParsedDocument

SOURCE_SUFFIXES = {".txt", ".md"}
# Below this, a genre reader is not sure enough: the general reader takes the file instead.
MIN_CONFIDENCE = 0.5


@dataclass(frozen=True)
class Reading:
    """Which reader reads a source, and why: every reader's confidence with the cues behind it."""

    reader: GenreReader
    recognitions: tuple[Recognition, ...]  # the genre readers', best first, then the general reader's
    fallback: str | None = None  # why the genre reader chosen first could not read the source

    @property
    def kind(self) -> str:
        return str(self.reader.kind)

    @property
    def why(self) -> str:
        """One line for the progress report: the chosen reader's cues, and what it was preferred to."""
        chosen = next(r for r in self.recognitions if r.kind == self.kind)
        others = [r for r in self.recognitions if r.kind != self.kind and r.kind != str(GENERAL_READER.kind)]
        best_other = max(others, key=lambda r: r.score, default=None)
        if self.fallback is not None:
            return f"{self.fallback}; {chosen}"
        if self.reader is GENERAL_READER:
            return f"no genre reader reaches {MIN_CONFIDENCE} (best {best_other.kind} {best_other.score:.2f}); {chosen}" \
                if best_other else str(chosen)
        runner_up = f"; next {best_other.kind} {best_other.score:.2f}" if best_other and best_other.score else ""
        return f"{chosen}{runner_up}"

    def as_record(self) -> dict[str, object]:
        return {
            "reader": self.kind,
            "why": self.why,
            "fallback": self.fallback,
            "confidence": {r.kind: r.as_record()["score"] for r in self.recognitions},
            "cues": {r.kind: dict(r.cues) for r in self.recognitions if r.cues},
        }


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
        what = "a table (CSV), " if path.suffix.lower() in {".csv", ".tsv"} else ""
        raise SourceError(path.name, None, f"{what}not a text source (expected {', '.join(sorted(SOURCE_SUFFIXES))})")
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


def choose_reader(source: Source) -> Reading:
    """The most confident genre reader at or above :data:`MIN_CONFIDENCE`, else the general reader;
    a text with no paragraph of prose, or rows of a table, is refused."""
    glance = Glance.of(source)
    genres = sorted((reader.recognition(glance) for reader in READERS), key=lambda r: -r.score)
    general = GENERAL_READER.recognition(glance)
    recognitions = (*genres, general)
    if genres and genres[0].score >= MIN_CONFIDENCE:
        best = next(reader for reader in READERS if str(reader.kind) == genres[0].kind)
        return Reading(best, recognitions)
    if general.score >= MIN_CONFIDENCE:
        return Reading(GENERAL_READER, recognitions)
    known = ", ".join(str(reader.kind) for reader in READERS)
    if any(name == "rows of a table" for name, _ in general.cues):
        raise SourceError(source.name, 1, "rows of a table (comma-, semicolon- or tab-separated values), "
                                          "not a text: unknown genre")
    raise SourceError(source.name, 1, f"unknown genre: not recognised as any of {known}, "
                                      "and no paragraph of prose found")


def reader_for(source: Source) -> GenreReader:
    return choose_reader(source).reader


def read_document(source: Source) -> tuple[ParsedDocument, Reading]:
    """Read ``source`` with the reader :func:`choose_reader` picks.

    A genre reader that cannot read the document it claimed hands it to the general reader,
    and the document's notes say why; if the general reader finds no paragraph either, the
    genre reader's own error (file and line) stops the build.
    """
    reading = choose_reader(source)
    try:
        return reading.reader.read(source), reading
    except SourceError as error:
        general = reading.recognitions[-1]
        if reading.reader is GENERAL_READER or general.score < MIN_CONFIDENCE:
            raise
        try:
            document = GENERAL_READER.read(source)
        except SourceError:
            raise error from None
        fallback = f"{reading.kind} {reading.recognitions[0].score:.2f} could not read it (line {error.line}: " \
                   f"{error.message})"
        document.notes.append(f"read as a prose document: the {reading.kind} reader could not read it "
                              f"(line {error.line}: {error.message})")
        return document, replace(reading, reader=GENERAL_READER, fallback=fallback)
