"""What the genre readers' tests share: a module-scoped fixture reading one text.

Imported by the test modules beside it (pytest puts their folder on the import path).
"""
from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from graph.documents import Source
from graph.parse.base import GenreReader
from graph.records import ParsedDocument
from graph.sources import read_source


def document_fixture(reader: type[GenreReader], path: Path) -> Any:
    """A fixture, read once per test module, holding what ``reader`` makes of the text at ``path``.

    Assign it to the fixture's name: ``note = document_fixture(ConceptNoteReader, CAM_NOTE)``.
    """

    @pytest.fixture(scope="module")
    def document() -> ParsedDocument:
        return reader().read(read_source(path))

    return document


def as_saved_and_as_windows_saves(reader: type[GenreReader], path: Path) -> tuple[ParsedDocument, ParsedDocument]:
    """What ``reader`` makes of the text at ``path``, and of the same text saved on Windows
    (``\\r\\n`` line ends, a byte order mark), for tests that both read alike."""
    text = path.read_text(encoding="utf-8")
    windows_text = "\ufeff" + text.replace("\n", "\r\n")
    return reader().read(Source(path, text)), reader().read(Source(path, windows_text))
