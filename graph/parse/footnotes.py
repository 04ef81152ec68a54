"""Footnotes as word processors export them to plain text.

Two forms are recognised, wherever the notes are printed (after the paragraph
that carries the mark, at the foot of the page, or at the end of the file):

* ``[footnoteRef:3]`` in the text and ``[3: the note's text]`` for the note — the
  note may run over several lines and hold brackets of its own ("[of man]"), so
  its end is found by counting brackets, not by a pattern;
* markdown: ``[^3]`` in the text and ``[^3]: the note's text`` at the start of a line.

A reader uses :func:`find_footnotes` once per source, blanks :attr:`Footnotes.notes`
out of the text it segments into paragraphs (a note is not part of the paragraph
that follows it), and gives each statement :meth:`Footnotes.texts_marked_in` as
``extra_spans`` so that a citation printed in a note belongs to the paragraph
that carries its mark.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from graph.documents import Source, Span
from graph.errors import SourceError

_MARK = re.compile(r"\[footnoteRef:(\w+)\]|\[\^(\w+)\](?!:)")
_NOTE_OPENING = re.compile(r"\[(\d+):")
_MARKDOWN_NOTE = re.compile(r"^\[\^(\w+)\]:[ \t]*", re.M)
# Stray punctuation some exports put before a note's text: "[4: . Committee on …]".
_LEADING_JUNK = re.compile(r"[\s.·]*")


@dataclass(frozen=True)
class FootnoteMark:
    label: str
    span: Span


@dataclass
class Footnotes:
    marks: list[FootnoteMark] = field(default_factory=list)
    texts: dict[str, Span] = field(default_factory=dict)  # label → the note's text, trimmed
    notes: list[Span] = field(default_factory=list)  # each note as printed, brackets included

    def texts_marked_in(self, span: Span) -> list[Span]:
        """Texts of the notes whose marks lie within ``span``, in the order of the marks."""
        found: list[Span] = []
        for mark in self.marks:
            text = self.texts.get(mark.label)
            if span.start <= mark.span.start and mark.span.end <= span.end and text and text not in found:
                found.append(text)
        return found

    def unmatched_marks(self) -> list[FootnoteMark]:
        return [mark for mark in self.marks if mark.label not in self.texts]


def find_footnotes(source: Source) -> Footnotes:
    """Every footnote mark and note text of ``source``; an unclosed note is an error."""
    text = source.text
    footnotes = Footnotes()
    for match in _MARK.finditer(text):
        footnotes.marks.append(FootnoteMark(match[1] or match[2], Span(match.start(), match.end())))
    for match in _NOTE_OPENING.finditer(text):
        close = _closing_bracket(text, match.start())
        if close is None:
            raise SourceError(source.name, source.line_of(match.start()),
                              f"footnote [{match[1]}: … is never closed by ']'")
        footnotes.notes.append(Span(match.start(), close + 1))
        footnotes.texts.setdefault(match[1], _trimmed(text, match.end(), close))
    for match in _MARKDOWN_NOTE.finditer(text):
        end = _markdown_note_end(text, match.end())
        footnotes.notes.append(Span(match.start(), end))
        footnotes.texts.setdefault(match[1], _trimmed(text, match.end(), end))
    footnotes.notes.sort()
    return footnotes


def _closing_bracket(text: str, opening: int) -> int | None:
    depth = 0
    for index in range(opening, len(text)):
        char = text[index]
        if char == "[":
            depth += 1
        elif char == "]":
            depth -= 1
            if depth == 0:
                return index
    return None


def _markdown_note_end(text: str, start: int) -> int:
    """A markdown note runs to the end of its line and over the indented lines after it."""
    end = text.find("\n", start)
    while end != -1 and text.startswith(("\n    ", "\n\t"), end):
        end = text.find("\n", end + 1)
    return len(text) if end == -1 else end


def _trimmed(text: str, start: int, end: int) -> Span:
    start = _LEADING_JUNK.match(text, start, end).end()  # type: ignore[union-attr]
    while end > start and text[end - 1].isspace():
        end -= 1
    return Span(start, end)
