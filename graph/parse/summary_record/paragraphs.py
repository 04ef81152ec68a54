"""A summary record's body cut into its paragraphs, as the genre lays them out.

Records number their paragraphs ("1.\tThe Chair said …", "**3.** Mr. X …", or glued to the first word:
"1.At the invitation …", "3.Mr. Lima Magne …"), or, in many exports, print them unnumbered: then each
paragraph is a line of prose (with or without a blank line between paragraphs), and in a text the export
hard-wrapped, a line that opens with a speaker ("Mr. X (Mexico) said …") starts a new one.  Between the
paragraphs the body prints agenda headings, lines that time the meeting ("The meeting was called to order at
3 p.m.", "The discussion covered in the summary record began at 5.35 p.m.", "The meeting rose at 6 p.m."), a
change of who chairs ("Ms. Dicko (Vice-Chair) took the Chair."), footnotes and page furniture.

Choices (the genre leaves them open):

* A record numbers its paragraphs when its first paragraph is numbered: a numbered list inside an unnumbered
  record does not make it a numbered one.
* In a numbered record only a number starts a paragraph; an unnumbered line goes on with the open paragraph
  when the paragraph stopped mid-sentence (a page break), when the line is a list item or starts in lower
  case, or when it is prose; in hard-wrapped exports, when no blank line separates them.  Unnumbered
  procedural lines ("At the invitation of the Chair, …") are procedure, not paragraphs.
* In an unnumbered record a block of prose is a paragraph, procedural sentences included ("At the invitation
  of the Chair, the delegation … joined the meeting.", "It was so decided."); only the lines that time the
  meeting or change who chairs are procedure.  A block that is not prose (no full stop, few words in lower
  case) is a heading.
* A heading between two paragraphs is noted on the second: a new agenda item begins there.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from graph.documents import Source, Span
from graph.parse.base import trimmed
from graph.parse.shared.footnotes import Footnotes
from graph.parse.shared.layout import BULLET, Line, ends_sentence
from graph.export_marks import strip_markup
from graph.parse.shared.paragraphs import wrap_width
from graph.parse.shared.speakers import read_attribution
from graph.parse.summary_record.header import BOILERPLATE, FOOTNOTE_LINE, FURNITURE, NUMBERED, PROCEDURAL, TIMING

# Numbered lines shorter than this (median) mean the text was hard-wrapped.
_WRAPPED_WIDTH = 120
# Paragraph numbers may skip a few (an omitted closed part), never many.
_MAX_GAP = 10
# "(a) …", "• …": items of a list the paragraph introduced.
_LIST_ITEM = re.compile(rf"(?:\(?[a-z]{{1,4}}\)|\d{{1,2}}\)|{BULLET})\s")
# In a hard-wrapped text, a line this full (of the width) runs on into the next; one that ends a sentence
# ends its paragraph only when it stops short of the width.
_RUNS_ON, _FILLS_WIDTH = 0.7, 0.85
# A text is hard-wrapped when at least this many lines of words, and this share of them, come close to the longest.
_FILLED_LINES, _FILLED_SHARE = 5, 0.6
# A block of prose whose full stop was not printed (the stored page broke off): long, and wordy.
_CUT_SHORT_WORDS, _CUT_SHORT_LOWER = 25, 12


@dataclass
class Paragraph:
    """A paragraph: its number if printed, and the source ranges of its lines (page furniture left out)."""

    number: int | None
    pieces: list[tuple[int, int]]
    after_heading: bool = False  # an agenda heading stands between it and the paragraph before

    @property
    def start(self) -> int:
        return self.pieces[0][0]

    @property
    def end(self) -> int:
        return self.pieces[-1][1]


@dataclass(frozen=True)
class Procedure:
    """A line that times the meeting or changes who chairs it, in its place among the paragraphs."""

    line: Line
    text: str  # markup removed


@dataclass
class Body:
    """The body as read: paragraphs and procedure in printed order, the footnotes, what the build should hear."""

    parts: list[Paragraph | Procedure] = field(default_factory=list)
    footnotes: list[Span] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    numbered: bool = True


def cut_body(source: Source, body_lines: list[Line], notes: Footnotes) -> Body:
    """The paragraphs and procedure of the body's lines, numbered or not (see the module's choices)."""
    cutter = _Cutter(source, notes, numbered=numbers_its_paragraphs(body_lines))
    if cutter.body.numbered:
        cutter.numbered(body_lines)
    else:
        cutter.unnumbered(body_lines)
    return cutter.body


def numbers_its_paragraphs(body_lines: list[Line]) -> bool:
    """Whether the first paragraph is numbered: the first line numbered 1 to 10, or of prose other than procedure."""
    for line in body_lines:
        text = strip_markup(line.text)
        number = NUMBERED.match(line.text)
        if number and 0 < int(number["number"]) <= _MAX_GAP:
            return True
        if (text and not PROCEDURAL.match(text) and not FOOTNOTE_LINE.match(line.text) and not FURNITURE.match(text)
                and ends_sentence(text, ".!?") and _is_prose(text)):
            return False
    return False


def _is_prose(text: str) -> bool:
    """A paragraph's words, not a heading's: a sentence with a few words in lower case (or a long one cut short)."""
    lower = [word for word in re.findall(r"[^\W\d_]+", text) if word.islower() and len(word) > 1]
    if text.startswith("(") and text.rstrip(".").endswith(")"):
        return False  # a note on the text: "(continued)", "(Received from …)"
    if ends_sentence(text, ".!?"):
        return len(text.split()) >= 4 and len(lower) >= 3
    return len(text.split()) >= _CUT_SHORT_WORDS and len(lower) >= _CUT_SHORT_LOWER


class _Cutter:
    """One pass over the body's lines."""

    def __init__(self, source: Source, notes: Footnotes, numbered: bool) -> None:
        self.source = source
        self.notes = notes
        self.body = Body(numbered=numbered)
        self.heading = False  # a heading since the last paragraph

    # --- what every line may be, numbered record or not ----------------------------------------

    def _note(self, line: Line, current: Paragraph | None) -> bool:
        """A footnote line, or a note read with its marks: it ends the open paragraph."""
        if FOOTNOTE_LINE.match(line.text):
            self._close(current)
            self.body.footnotes.append(trimmed(self.source.text, line.start, line.end))
            return True
        if self.notes.note_at(line.start + len(line.text) - len(line.text.lstrip())):
            self._close(current)  # a note on its own line: read with the marks
            return True
        return False

    def _close(self, paragraph: Paragraph | None) -> None:
        if paragraph is None or (self.body.parts and self.body.parts[-1] is paragraph):
            return
        if paragraph.number is None and not _is_prose(self._words(paragraph)):
            self.heading = True  # an unnumbered block that is not prose: a heading
            return
        paragraph.after_heading = self.heading
        self.heading = False
        self.body.parts.append(paragraph)

    def _procedure(self, current: Paragraph | None, line: Line, text: str) -> None:
        self._close(current)
        self.body.parts.append(Procedure(line, text))

    def _words(self, paragraph: Paragraph) -> str:
        return strip_markup(" ".join(self.source.text[start:end] for start, end in paragraph.pieces))

    # --- numbered records ------------------------------------------------------------------------

    def numbered(self, body_lines: list[Line]) -> None:
        current: Paragraph | None = None
        last_number = 0
        gap = False  # a blank line since the last line of text
        wrapped = _hard_wrapped(body_lines)
        for line in body_lines:
            if line.blank:
                gap = True
                continue
            text = strip_markup(line.text)
            numbered = NUMBERED.match(line.text)
            # A number far ahead ("1949. …" after a line break) is text, not the next paragraph.
            if numbered and last_number < int(numbered["number"]) <= last_number + _MAX_GAP:
                self._close(current)
                last_number = int(numbered["number"])
                current = Paragraph(last_number, [(line.start, line.end)])
            elif numbered and current is not None:
                if int(numbered["number"]) <= last_number:  # a repeated number, not a year at a line start
                    self.body.notes.append(
                        f"{self.source.name}:{self.source.line_of(line.start)}: paragraph number "
                        f"{numbered['number']} does not follow {last_number}; read as part of paragraph {last_number}")
                current.pieces.append((line.start, line.end))
            elif self._note(line, current):
                current = None
            elif FURNITURE.match(text) or BOILERPLATE.match(text):
                continue  # page furniture may split a paragraph: it goes on after it
            elif PROCEDURAL.match(text):
                self._procedure(current, line, text)
                current = None
            elif current is not None and ((wrapped and not gap) or self._continues(current, text)):
                current.pieces.append((line.start, line.end))
            else:  # an agenda heading or other unnumbered line between paragraphs
                self._close(current)
                current = None
                self.heading = True
            gap = False
        self._close(current)

    def _continues(self, paragraph: Paragraph, text: str) -> bool:
        """Whether an unnumbered line goes on with the open numbered paragraph.

        It does when the paragraph stopped mid-sentence (a page break), when the
        line is a list item or starts in lower case, or when it is prose (ends a
        sentence); a line without a final stop after a finished paragraph is a heading.
        """
        so_far = self._words(paragraph)
        return (not ends_sentence(so_far, stops=".?!") or text[:1].islower() or bool(_LIST_ITEM.match(text))
                or ends_sentence(text, stops=".?!"))

    # --- unnumbered records ----------------------------------------------------------------------

    def unnumbered(self, body_lines: list[Line]) -> None:
        current: Paragraph | None = None
        gap = page_break = False
        width = _wrap_width(body_lines)
        for line in body_lines:
            if line.blank:
                gap = True
                continue
            text = strip_markup(line.text)
            if self._note(line, current):
                current = None
            elif FURNITURE.match(text) or BOILERPLATE.match(text):
                page_break = True
                continue
            elif TIMING.match(text):
                self._procedure(current, line, text)
                current = None
            elif current is not None and self._runs_on(current, text, gap, page_break, width):
                current.pieces.append((line.start, line.end))
            else:
                self._close(current)
                current = Paragraph(None, [(line.start, line.end)])
            gap = page_break = False
        self._close(current)

    def _runs_on(self, paragraph: Paragraph, text: str, gap: bool, page_break: bool, width: int | None) -> bool:
        """Whether a line goes on with the open unnumbered paragraph rather than starting one.

        A line in lower case or a list item goes on (a wrapped line, the rest of a sentence after a page
        break, an item of the list the paragraph introduced).  At a speaker's name a paragraph starts.  A
        paragraph that stopped mid-sentence goes on after a page break when it is long prose, and on the next
        line when it opened as a paragraph does (with a speaker, or "At the invitation of the Chair, …").  In a
        hard-wrapped text a line runs on from one that fills the width; otherwise a line, or a blank line,
        ends the paragraph.
        """
        if text[:1].islower() or _LIST_ITEM.match(text):
            return True  # a list's items belong to the paragraph that introduced them
        if read_attribution(text) is not None:
            return False
        so_far = self._words(paragraph)
        if not ends_sentence(so_far, ".!?"):
            if page_break and _is_prose(so_far):
                return True
            if not gap and _opens_a_paragraph(so_far):
                return True
        if gap or width is None:
            return False
        start, end = paragraph.pieces[-1]
        last = self.source.text[start:end].strip()
        if not ends_sentence(so_far, ".!?"):
            return len(last) >= width * _RUNS_ON
        return len(last) >= width * _FILLS_WIDTH


def _opens_a_paragraph(text: str) -> bool:
    """Whether a block opens as a paragraph does, not as a heading: with a speaker, or with procedure."""
    return read_attribution(text) is not None or bool(PROCEDURAL.match(text))


def _wrap_width(body_lines: list[Line]) -> int | None:
    """The width an export hard-wrapped the body at, or None: where lines break mid-sentence (see
    :func:`graph.parse.shared.paragraphs.wrap_width`), or where many long lines all come close to the longest."""
    width = wrap_width(body_lines)
    if width is not None:
        return width
    lengths = [len(line.bare) for line in body_lines if len(line.bare.split()) >= 6]
    longest = max(lengths, default=0)
    filled = [length for length in lengths if length >= longest * _FILLS_WIDTH]
    return longest if len(filled) >= _FILLED_LINES and len(filled) >= len(lengths) * _FILLED_SHARE else None


def _hard_wrapped(body_lines: list[Line]) -> bool:
    """Whether the export broke lines inside numbered paragraphs (short numbered lines) or kept one line each."""
    lengths = sorted(len(line.text) for line in body_lines if NUMBERED.match(line.text))
    return bool(lengths) and lengths[len(lengths) // 2] < _WRAPPED_WIDTH
