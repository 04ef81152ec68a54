"""Footnotes as word processors export them: marks, notes, and which paragraph carries which."""
from __future__ import annotations

from pathlib import Path

import pytest

from graph.documents import Source, Span
from graph.errors import SourceError
from graph.parse.shared.footnotes import find_footnotes, footnote_statements
from graph.records import ActorKind, ActorMention, Statement, StatementKind

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
    texts = {note.label: TEXT[note.text.start:note.text.end] for note in footnotes.notes}
    assert texts["2"] == "Convention, article 25(1). See [of man] also para. 38."
    assert texts["3"] == "General Comment No. 13,\npara. 34."  # stray ". " before the text left out
    assert texts["a"] == "CESCR General Comment No. 18, para. 23.\n    continued on an indented line."
    assert [TEXT[n.start:n.end][:4] for n in footnotes.printed] == ["[2: ", "[3: ", "[^a]"]


def test_each_paragraph_gets_the_notes_it_marks() -> None:
    footnotes = find_footnotes(source())
    seven = Span(0, TEXT.index("  [2:"))
    assert [TEXT[n.text.start:n.text.end][:10] for n in footnotes.marked_in(seven)] == ["Convention", "General Co"]
    eight = Span(TEXT.index("8."), TEXT.index("[^a]") + 4)
    assert [TEXT[n.text.start:n.text.end][:5] for n in footnotes.marked_in(eight)] == ["CESCR"]
    assert [m.label for m in footnotes.unmatched_marks()] == ["9"]


def test_each_note_is_a_statement_of_the_authors_annotating_the_paragraph_that_marks_it() -> None:
    """Issue 14: a note beside a speaker's paragraph is not the speaker's; it keeps the paragraph it annotates."""
    text = source()
    footnotes = find_footnotes(text)
    speaker = ActorMention("Ms. Arvidsson", ActorKind.PERSON)
    seven = Statement("7", Span(0, TEXT.index("  [2:")), "The right …", paragraph_number=7, speaker=speaker,
                      session="seminar/1")
    eight = Statement("8", Span(TEXT.index("8."), TEXT.index("[^a]") + 4), "Another …", paragraph_number=8,
                      speaker=speaker, session="seminar/2")
    notes = footnote_statements(text, footnotes, [seven, eight])
    assert [(n.local_id, n.note_to, n.session, n.kind) for n in notes] == [
        ("note-2", "7", "seminar/1", StatementKind.FOOTNOTE), ("note-3", "7", "seminar/1", StatementKind.FOOTNOTE),
        ("note-a", "8", "seminar/2", StatementKind.FOOTNOTE)]
    assert all(n.speaker is None and n.paragraph_number is None for n in notes)
    assert notes[0].text == "Convention, article 25(1). See [of man] also para. 38."
    assert notes[1].text == "General Comment No. 13, para. 34."  # its lines run on
    assert [TEXT[n.span.start:n.span.end] for n in notes][0] == notes[0].text
    # A note marked again further on stays one note, annotating the paragraph that marks it first.
    again = Statement("9", Span(0, len(TEXT)), "All of it", paragraph_number=9)
    assert [n.note_to for n in footnote_statements(text, footnotes, [seven, again])] == ["7", "7", "9"]


def test_an_unclosed_note_names_its_line() -> None:
    with pytest.raises(SourceError) as caught:
        find_footnotes(source("Text.[footnoteRef:1]\n\n[1: never closed\n"))
    assert (caught.value.file, caught.value.line) == ("notes.txt", 3)


def test_notes_as_printed_and_the_paragraphs_that_mark_them() -> None:
    text = "rights;[footnoteRef:2] and care.[footnoteRef:3] [2:  Article 25(1).]  [3:  General comment No. 14 [draft], para. 34.]"
    footnotes = find_footnotes(source(text))
    assert [mark.label for mark in footnotes.marks] == ["2", "3"]
    assert [text[n.start:n.end] for n in footnotes.printed] == [
        "[2:  Article 25(1).]", "[3:  General comment No. 14 [draft], para. 34.]"]
    care = Span(0, text.index(" [2:"))
    assert [text[n.note.start:n.note.end][:3] for n in footnotes.marked_in(care)] == ["[2:", "[3:"]
    assert footnotes.note_at(text.index("[3:")).label == "3" and footnotes.note_at(0) is None


def test_markdown_notes_end_with_their_text() -> None:
    text = "Ratified by 36 States.[^a] See below.\n\n[^a]: As at 1 October 2023.  \r\nNext line [^b]: not a note."
    footnotes = find_footnotes(source(text))
    assert [(m.label, m.span.start) for m in footnotes.marks] == [("a", text.index("[^a]"))]
    assert [text[n.start:n.end] for n in footnotes.printed] == ["[^a]: As at 1 October 2023."]


def test_a_note_without_its_closing_bracket_ends_with_its_line_when_another_opens() -> None:
    text = "[6:  Santa Cruz Declaration, available at: http://www.nhri.net/\nNext paragraph [7: other.]"
    footnotes = find_footnotes(source(text))
    assert [text[n.start:n.end] for n in footnotes.printed] == [
        "[6:  Santa Cruz Declaration, available at: http://www.nhri.net/", "[7: other.]"]
    assert text[footnotes.notes[0].text.start:footnotes.notes[0].text.end].endswith("nhri.net/")


def test_a_time_in_brackets_is_no_note() -> None:
    assert find_footnotes(source("The meeting resumed [10:30] after a break.")).notes == []
