"""Markup that is printed but is not text: removed from texts, kept in spans."""
from __future__ import annotations

from pathlib import Path

from graph.documents import Source, Span
from graph.parse.shared.footnotes import find_footnotes
from graph.export_marks import strip_markup
from graph.parse.shared.markup import Plain, blank, laid_out, plain_text


def test_plain_text_maps_back_to_the_source() -> None:
    source = "xx 7. **Ms. Diallo**, noting (*continued*) that[footnoteRef:3] it"
    plain = Plain.of(source, 3, len(source))
    assert plain.text == "7. Ms. Diallo, noting (continued) that it"
    start = plain.text.index("Ms. Diallo")
    begin, end = plain.source_range(start, start + len("Ms. Diallo"))
    assert source[begin:end] == "Ms. Diallo"
    assert plain.source_offset(len(plain.text)) == len(source)


def test_what_counts_as_markup() -> None:
    assert strip_markup(" **The  Chair**\tsaid ") == "The Chair said"
    assert strip_markup("Ratified by 36 States.[^a]") == "Ratified by 36 States."
    assert strip_markup("Summary record of the 506th meeting*") == "Summary record of the 506th meeting"
    assert strip_markup("[bookmark: _Hlk1]Geneva __2009__") == "Geneva 2009"
    assert strip_markup("5 * 3 = 15, a*b") == "5 * 3 = 15, a*b"  # arithmetic is text
    assert strip_markup("[^a]: a note") == "[^a]: a note"  # a note, not a mark


def test_blanking_keeps_offsets_and_lines() -> None:
    assert blank("a[x\ny]b", [Span(1, 6)]) == "a  \n  b"
    text = "\ufeff**Title**[^1]\nText\n[^1]: A note."
    layout = laid_out(Source(Path("t.txt"), text), find_footnotes(Source(Path("t.txt"), text)))
    assert layout == " **Title**[^1]\nText\n" + " " * len("[^1]: A note.")
    assert plain_text(layout) == "   Title      \nText\n" + " " * len("[^1]: A note.")
