"""What the genre readers' tests share: a module-scoped fixture reading one text.

Imported by the test modules beside it (pytest puts their folder on the import path).
"""
from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

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
