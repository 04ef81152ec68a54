"""Footnotes as word processors export them: marks, notes, and which paragraph carries which."""
from __future__ import annotations

from pathlib import Path

import pytest

from graph.documents import Source, Span
from graph.errors import SourceError
from graph.parse.footnotes import find_footnotes

TEXT = (
    "7. The right to equal treatment;[footnoteRef:2] and the right to education.[footnoteRef:3]  "
    "[2:  Convention, article 25(1). See [of man] also para. 38.]  [3: . General Comment No. 13,\npara. 34.\n] \n"
    "8. Another paragraph with a markdown note.[^a]\n\n"
    "[^a]: CESCR General Comment No. 18, para. 23.\n"
    "    continued on an indented line.\n"
    "9. A mark without a note.[footnoteRef:9]\n"
)


def source(text: str = TEXT) -> Source:
    return Source(Path("notes.txt"), text)


def test_notes_are_found_with_their_brackets_balanced() -> None:
    footnotes = find_footnotes(source())
    texts = {label: TEXT[span.start:span.end] for label, span in footnotes.texts.items()}
    assert texts["2"] == "Convention, article 25(1). See [of man] also para. 38."
    assert texts["3"] == "General Comment No. 13,\npara. 34."  # stray ". " before the text left out
    assert texts["a"] == "CESCR General Comment No. 18, para. 23.\n    continued on an indented line."
    assert [TEXT[n.start:n.end][:4] for n in footnotes.notes] == ["[2: ", "[3: ", "[^a]"]


def test_each_paragraph_gets_the_notes_it_marks() -> None:
    footnotes = find_footnotes(source())
    seven = Span(0, TEXT.index("  [2:"))
    assert [TEXT[s.start:s.end][:10] for s in footnotes.texts_marked_in(seven)] == ["Convention", "General Co"]
    eight = Span(TEXT.index("8."), TEXT.index("[^a]") + 4)
    assert [TEXT[s.start:s.end][:5] for s in footnotes.texts_marked_in(eight)] == ["CESCR"]
    assert [m.label for m in footnotes.unmatched_marks()] == ["9"]


def test_an_unclosed_note_names_its_line() -> None:
    with pytest.raises(SourceError) as caught:
        find_footnotes(source("Text.[footnoteRef:1]\n\n[1: never closed\n"))
    assert (caught.value.file, caught.value.line) == ("notes.txt", 3)
