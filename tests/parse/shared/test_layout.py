"""Lines and sentence ends, whatever the export left at line ends."""
from __future__ import annotations

from graph.parse.shared.layout import clean_lines, ends_sentence, lines


def test_lines_keep_offsets_without_line_breaks() -> None:
    text = "\ufeffone\r\ntwo\n\u200b\nthree"
    found = lines(text)
    assert [line.text for line in found] == ["one", "two", "\u200b", "three"]
    assert all(text[line.start : line.end] == line.text for line in found)
    assert [line.blank for line in found] == [False, False, True, False]
    assert [line.number for line in found] == [0, 1, 2, 3]


def test_lines_of_part_of_a_text_keep_the_whole_text_s_offsets_and_numbers() -> None:
    text = "ab\n\ncd\r\nef"
    found = lines(text, 4, 9)
    assert [(line.number, line.start, line.end, line.text) for line in found] == [(2, 4, 6, "cd"), (3, 8, 9, "e")]
    assert [(line.start, line.end) for line in lines("ab\n\ncd")] == [(0, 2), (3, 3), (4, 6)]


def test_a_line_bare_of_space_and_invisible_characters() -> None:
    assert lines("  \ufeff Florence Kim\u200b \n")[0].bare == "Florence Kim"


def test_sentence_ends() -> None:
    assert ends_sentence("…were protected.”") and ends_sentence("including:") and not ends_sentence("Session 1")
    assert ends_sentence("(see annex.)  ") and ends_sentence("[as amended.]")
    assert not ends_sentence("the State party should:", stops=".!?")
    assert ends_sentence("It was so decided.", stops=".!?")


def test_clean_lines() -> None:
    assert clean_lines("  A   list:\n\n  (a)\tone\n") == "A list:\n(a) one"
