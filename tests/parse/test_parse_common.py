"""Dates, times, ordinals, names and markup as the documents print them."""
from __future__ import annotations

import pytest

from graph.parse.common import (
    Plain,
    footnote_bodies,
    footnote_marks,
    lines,
    strip_markup,
)


def test_lines_keep_offsets_without_line_breaks() -> None:
    text = "\ufeffone\r\ntwo\n\nthree"
    found = lines(text)
    assert [line.text for line in found] == ["one", "two", "", "three"]
    assert all(text[line.start : line.end] == line.text for line in found)
    assert [line.blank for line in found] == [False, False, True, False]


def test_plain_text_maps_back_to_the_source() -> None:
    source = "xx 7. **Ms. Diallo**, noting (*continued*) that[footnoteRef:3] it"
    plain = Plain.of(source, 3, len(source))
    assert plain.text == "7. Ms. Diallo, noting (continued) that it"
    start = plain.text.index("Ms. Diallo")
    begin, end = plain.source_range(start, start + len("Ms. Diallo"))
    assert source[begin:end] == "Ms. Diallo"
    assert strip_markup(" **The  Chair**\tsaid ") == "The Chair said"


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
    assert strip_markup("Ratified by 36 States.[^a]") == "Ratified by 36 States."


def test_a_note_without_its_closing_bracket_stops_at_the_line_end() -> None:
    text = "[6:  Santa Cruz Declaration, available at: http://www.nhri.net/\nNext paragraph [7: other.]"
    assert [text[s:e] for _, s, e in footnote_bodies(text)] == [
        "[6:  Santa Cruz Declaration, available at: http://www.nhri.net/", "[7: other.]"]
