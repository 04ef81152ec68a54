"""Dates, times, ordinals, names and markup as the documents print them."""
from __future__ import annotations

import datetime as dt

import pytest

from graph.parse.common import (
    Plain,
    find_date,
    footnote_bodies,
    footnote_marks,
    lines,
    ordinal_number,
    parse_date,
    parse_time,
    split_honorific,
    strip_markup,
)


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Held on Wednesday, 14 April 2021, at 4 p.m.", dt.date(2021, 4, 14)),
        ("6 October 2022", dt.date(2022, 10, 6)),
        ("Mar 02, 2022 at 10:14", dt.date(2022, 3, 2)),
        ("entered into force on December 18, 1990.", dt.date(1990, 12, 18)),
        ("published 2022-05-17", dt.date(2022, 5, 17)),
        ("Geneva, 8 October 2009", dt.date(2009, 10, 8)),
        ("31 February 2021 and 1 March 2021", dt.date(2021, 3, 1)),
        ("no date here, only 2021", None),
    ],
)
def test_dates(text: str, expected: dt.date | None) -> None:
    assert parse_date(text) == expected


def test_a_date_says_where_it_was_printed() -> None:
    text = "Held on Tuesday, 27 September 2022, at 3 p.m."
    found = find_date(text)
    assert text[found.start : found.end] == "Tuesday, 27 September 2022"


@pytest.mark.parametrize(
    "text, expected",
    [("at 4 p.m.", dt.time(16)), ("at 5.55 p.m.", dt.time(17, 55)), ("at 10.05 a.m.", dt.time(10, 5)),
     ("at 12 noon", dt.time(12)), ("at 12.30 p.m.", dt.time(12, 30)), ("at 12 a.m.", dt.time(0)),
     ("10:14", dt.time(10, 14)), ("at 13 p.m.", None), ("no time", None)],
)
def test_times(text: str, expected: dt.time | None) -> None:
    assert parse_time(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [("Thirty-fifth", 35), ("Thirty-second", 32), ("FIRST", 1), ("Hundred and ninth", 109),
     ("One hundred and thirty-seventh", 137), ("135th", 135), ("Twentieth", 20), ("Eleventh", 11), ("session", None)],
)
def test_ordinals(text: str, expected: int | None) -> None:
    assert ordinal_number(text) == expected


def test_honorifics() -> None:
    assert split_honorific("Ms. Hernández Paramo") == ("Ms.", "Hernández Paramo")
    assert split_honorific("Professor van der Berg") == ("Professor", "van der Berg")
    assert split_honorific("Paul Tacon") == (None, "Paul Tacon")
    assert split_honorific("Mrs.Smith") == (None, "Mrs.Smith")


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
