"""Markup that is printed but is not text: removed from texts, kept in spans."""
from __future__ import annotations

from graph.documents import Span
from graph.parse.markup import Plain, blank, byte_order_mark, markup_spans, strip_markup


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
    text = "\ufeff**Title**\nText"
    blanked = blank(text, [*byte_order_mark(text), *markup_spans(text)])
    assert blanked == "   Title  \nText" and len(blanked) == len(text)
    assert byte_order_mark("Title") == []
