"""Reading one source: the reader its cues choose, its references to the catalogue, the line a build prints."""
from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from graph.catalogue import Catalogue
from graph.extract.actors_in_text import find_actors_in_text
from graph.extract.citations import extract_references
from graph.extract.topics import tag_topics
from graph.records import ParsedDocument
from graph.settings import Settings
from graph.sources import Reading, find_sources, read_document, read_source
from graph.titles import shorten_session_titles


def read_one(path: Path, catalogue: Catalogue) -> tuple[ParsedDocument, Reading, float]:
    """One source, read and linked to the catalogue; and the seconds it took."""
    started = time.perf_counter()
    source = read_source(path)
    document, reading = read_document(source)
    shorten_session_titles(document)
    # Readers note things by line; the build report names the file too.
    document.notes = [note if note.startswith(source.name) else f"{source.name}: {note}" for note in document.notes]
    document.notes.extend(extract_references(document, catalogue))
    find_actors_in_text(document, catalogue)
    tag_topics(document, catalogue)
    return document, reading, time.perf_counter() - started


def summary_of(document: ParsedDocument, reading: Reading) -> dict[str, Any]:
    """What ``build.json`` says of a document (``graph.build_summary.DocumentSummary``'s fields)."""
    return {"source": document.source.name, "genre": str(document.kind), "statements": len(document.statements),
            "citations": sum(len(s.citations) for s in document.statements),
            "mentions": sum(len(s.mentions) for s in document.statements), "reader": reading.as_record()}


def read_line(summary: dict[str, Any], seconds: float) -> str:
    """The progress line of a source read: genre, counts, and which reader read it and why."""
    return (f"  {summary['source']}: {summary['genre']}, {summary['statements']} statements, "
            f"{summary['citations']} citations, {summary['mentions']} mentions ({seconds:.2f} s); "
            f"read as {summary['reader']['why']}")


def parse_sources(settings: Settings, catalogue: Catalogue, progress: Callable[[str], None],
                  readings: dict[str, Reading] | None = None) -> list[ParsedDocument]:
    """Every source, in memory: for reports and tests on a few documents (a build reads them one at a time)."""
    documents = []
    for path in find_sources(settings.sources_dir):
        document, reading, seconds = read_one(path, catalogue)
        if readings is not None:
            readings[document.source.name] = reading
        documents.append(document)
        progress(read_line(summary_of(document, reading), seconds))
    return documents
