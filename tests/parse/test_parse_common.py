"""Dates, times, ordinals, names and markup as the documents print them."""
from __future__ import annotations

import pytest

from graph.parse.common import (
    footnote_bodies,
    footnote_marks,
)


def test_footnotes_as_word_processors_export_them() -> None:
    text = "rights;[footnoteRef:2] and care.[footnoteRef:3] [2:  Article 25(1).]  [3:  General comment No. 14 [draft], para. 34.]"
    assert [number for number, _ in footnote_marks(text)] == ["2", "3"]
    bodies = footnote_bodies(text)
    assert [text[start:end] for _, start, end in bodies] == [
        "[2:  Article 25(1).]", "[3:  General comment No. 14 [draft], para. 34.]"]


def test_markdown_footnotes() -> None:
    text = "Ratified by 36 States.[^a] See below.\n\n[^a]: As at 1 October 2023.  \nNext line [^b]: not a note."
    assert footnote_marks(text) == [("a", text.index("[^a]"))]
    assert [(n, text[s:e]) for n, s, e in footnote_bodies(text)] == [("a", "[^a]: As at 1 October 2023.")]


def test_a_note_without_its_closing_bracket_stops_at_the_line_end() -> None:
    text = "[6:  Santa Cruz Declaration, available at: http://www.nhri.net/\nNext paragraph [7: other.]"
    assert [text[s:e] for _, s, e in footnote_bodies(text)] == [
        "[6:  Santa Cruz Declaration, available at: http://www.nhri.net/", "[7: other.]"]
