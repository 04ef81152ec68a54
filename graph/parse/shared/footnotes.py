"""Footnotes as word processors and markdown export them to plain text.

Two forms are recognised, wherever the notes are printed (after the paragraph
that carries the mark, at the foot of the page, or at the end of the file):

* ``[footnoteRef:3]`` in the text and ``[3: the note's text]`` for the note — the
  note may run over several lines and hold brackets of its own ("[of man]"), so
  its end is found by counting brackets, not by a pattern;
* markdown: ``[^3]`` in the text and ``[^3]: the note's text`` at the start of a
  line, going on over the indented lines after it.

A reader calls :func:`find_footnotes` once per source, keeps :attr:`Footnotes.printed`
out of the paragraphs it segments (a note is not part of the paragraph that
follows it), and, once its statements are read, adds each note as a statement of
its own (:func:`footnote_statements`).  A note is written by the document's
authors, not said by the speaker of the paragraph where its mark stands: the
seminar summary's note citing article 25(1) beside a panelist's paragraph is
the summary's reference, not the panelist's (issue 14).  So the note's
citations are the note's, it has no speaker, and it keeps the paragraph that
carries its mark (``note_to``) as the place it annotates.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from graph.export_marks import FOOTNOTE_MARK
from graph.documents import Source, Span
from graph.errors import SourceError
from graph.export_marks import strip_markup
from graph.records import Statement, StatementKind

# A note's opening: "[3:  Committee on …" — a space follows the colon, unlike "[10:30]".
_NOTE_OPENING = re.compile(r"\[(\d+):(?=\s)")
_MARKDOWN_NOTE = re.compile(r"^\[\^(\w+)\]:[ \t]*", re.M)
# Stray punctuation some exports put before a note's text: "[4: . Committee on …]".
_LEADING_JUNK = re.compile(r"[\s.·]*")


@dataclass(frozen=True)
class FootnoteMark:
    label: str
    span: Span


@dataclass(frozen=True)
class Footnote:
    label: str
    note: Span  # the note as printed, brackets or "[^3]:" included
    text: Span  # the note's own text, trimmed


@dataclass
class Footnotes:
    marks: list[FootnoteMark] = field(default_factory=list)
    notes: list[Footnote] = field(default_factory=list)  # in the order printed

    @property
    def printed(self) -> list[Span]:
        """Every note as printed: what a reader keeps out of its paragraphs."""
        return [footnote.note for footnote in self.notes]

    def note_at(self, offset: int) -> Footnote | None:
        """The note printed from ``offset`` on, if one starts there."""
        return next((footnote for footnote in self.notes if footnote.note.start == offset), None)

    def marked_in(self, span: Span) -> list[Footnote]:
        """The notes whose marks lie within ``span``, in the order of the marks (the first note of a label)."""
        found: list[Footnote] = []
        for mark in self.marks:
            footnote = self._first(mark.label)
            if span.start <= mark.span.start and mark.span.end <= span.end and footnote and footnote not in found:
                found.append(footnote)
        return found

    def unmatched_marks(self) -> list[FootnoteMark]:
        return [mark for mark in self.marks if self._first(mark.label) is None]

    def _first(self, label: str) -> Footnote | None:
        return next((footnote for footnote in self.notes if footnote.label == label), None)


def find_footnotes(source: Source) -> Footnotes:
    """Every footnote mark and note of ``source``; a note never closed is an error.

    A note whose closing bracket is missing before the next note opens ends with
    its line, as exports that lose a bracket print it.
    """
    text = source.text
    footnotes = Footnotes()
    for match in FOOTNOTE_MARK.finditer(text):
        footnotes.marks.append(FootnoteMark(match[1] or match[2], Span(match.start(), match.end())))
    for match in _NOTE_OPENING.finditer(text):
        if any(footnote.note.start < match.start() < footnote.note.end for footnote in footnotes.notes):
            continue  # a note opening inside another: not a note of its own
        ending = _note_end(text, match.start())
        if ending is None:
            raise SourceError(source.name, source.line_of(match.start()),
                              f"footnote [{match[1]}: … is never closed by ']'")
        note_end, closed = ending
        text_end = note_end - 1 if closed else note_end
        footnotes.notes.append(Footnote(match[1], Span(match.start(), note_end), _trimmed(text, match.end(), text_end)))
    for match in _MARKDOWN_NOTE.finditer(text):
        end = _markdown_note_end(text, match.end())
        footnotes.notes.append(Footnote(match[1], Span(match.start(), end), _trimmed(text, match.end(), end)))
    footnotes.notes.sort(key=lambda footnote: footnote.note)
    return footnotes


def _note_end(text: str, opening: int) -> tuple[int, bool] | None:
    """Where the note opened at ``opening`` ends, and whether a bracket closes it.

    Just past its closing bracket; when another note opens first, at the end of the
    note's line (or where that note opens on it); None when neither comes.
    """
    depth = 0
    for index in range(opening, len(text)):
        char = text[index]
        if char == "[" and depth and _NOTE_OPENING.match(text, index):
            line_end = text.find("\n", opening, index)
            cut = index if line_end == -1 else line_end
            while cut > opening and text[cut - 1].isspace():
                cut -= 1
            return cut, False
        if char == "[":
            depth += 1
        elif char == "]":
            depth -= 1
            if depth == 0:
                return index + 1, True
    return None


def _markdown_note_end(text: str, start: int) -> int:
    """A markdown note runs to the end of its line and over the indented lines after it."""
    end = text.find("\n", start)
    while end != -1 and text.startswith(("\n    ", "\n\t"), end):
        end = text.find("\n", end + 1)
    end = len(text) if end == -1 else end
    while end > start and text[end - 1].isspace():
        end -= 1
    return end


def _trimmed(text: str, start: int, end: int) -> Span:
    start = _LEADING_JUNK.match(text, start, end).end()  # type: ignore[union-attr]
    while end > start and text[end - 1].isspace():
        end -= 1
    return Span(start, end)


def footnote_statements(source: Source, footnotes: Footnotes, statements: list[Statement]) -> list[Statement]:
    """Each note whose mark a statement carries, as a statement of the document's authors.

    Called once the statements are read and named, so that no rule for who speaks (a continuation
    paragraph keeps the last speaker) reaches a note. A note marked in two paragraphs is one note,
    annotating the first; its session and date are the paragraph's.
    """
    taken = {statement.local_id for statement in statements}
    made: list[Statement] = []
    seen: set[Span] = set()
    for statement in statements:
        for footnote in footnotes.marked_in(statement.span):
            if footnote.note in seen:
                continue
            seen.add(footnote.note)
            local_id, copy = f"note-{footnote.label}", 1
            while local_id in taken:
                copy += 1
                local_id = f"note-{footnote.label}-{copy}"
            taken.add(local_id)
            made.append(Statement(
                local_id=local_id, span=footnote.text, text=" ".join(strip_markup(source.quote(footnote.text)).split()),
                kind=StatementKind.FOOTNOTE, session=statement.session, date=statement.date,
                note_to=statement.local_id))
    return made

