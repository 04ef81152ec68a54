"""Markup that is printed in an export but is not text, and how to see past it.

Markdown-ish exports print emphasis (``**The Chair**``, ``*continued*``, ``__x__``),
footnote marks (``[footnoteRef:3]``, ``[^3]``) and anchors a converter leaves
(``[bookmark: _Hlk1]``, ``[image: …]``).  A statement's text leaves them out, but
its span must still quote the source as printed.  Two ways keep both:

* :class:`Plain` removes the markup from a passage and keeps, for each remaining
  character, its source offset (a reader that parses a paragraph's plain text
  maps what it finds back with :meth:`Plain.source_range`);
* :func:`blank` overwrites spans with spaces, so that the whole text can be
  searched as plain while every offset and line number stays the source's.
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from graph.documents import Source, Span
from graph.export_marks import MARKUP
from graph.parse.shared.footnotes import Footnotes

@dataclass(frozen=True)
class Plain:
    """A passage with markup removed; ``offsets[i]`` is the source offset of ``text[i]``."""

    text: str
    offsets: tuple[int, ...]
    end: int  # source offset just past the passage

    @classmethod
    def of(cls, source_text: str, start: int, end: int) -> "Plain":
        chars: list[str] = []
        offsets: list[int] = []
        position = start
        for match in MARKUP.finditer(source_text, start, end):
            chars.extend(source_text[position : match.start()])
            offsets.extend(range(position, match.start()))
            position = match.end()
        chars.extend(source_text[position:end])
        offsets.extend(range(position, end))
        return cls("".join(chars), tuple(offsets), end)

    def source_offset(self, index: int) -> int:
        """Source offset of plain index ``index`` (``len(text)`` maps to the passage end)."""
        return self.offsets[index] if index < len(self.offsets) else self.end

    def source_range(self, start: int, end: int) -> tuple[int, int]:
        """Source offsets of the plain range ``[start, end)``, tight around its characters."""
        if end <= start:
            at = self.source_offset(start)
            return at, at
        return self.offsets[start], self.offsets[end - 1] + 1


def blank(text: str, spans: Iterable[Span]) -> str:
    """``text`` with each span's characters replaced by spaces (line breaks kept), so
    offsets and line numbers stay those of ``text``."""
    chars = list(text)
    for span in spans:
        for index in range(span.start, span.end):
            if chars[index] != "\n":
                chars[index] = " "
    return "".join(chars)


def laid_out(source: Source, footnotes: Footnotes) -> str:
    """The source with its notes blanked out: paragraphs as laid out, offsets kept.

    A byte order mark is blanked too: it is not text, and ``str.strip`` does not take
    it for white space either.
    """
    byte_order_mark = [Span(0, 1)] if source.text.startswith("\ufeff") else []
    return blank(source.text, [*footnotes.printed, *byte_order_mark])


def plain_text(text: str) -> str:
    """``text`` with its markup (footnote marks included) blanked out: the words as read, offsets kept."""
    return blank(text, [Span(match.start(), match.end()) for match in MARKUP.finditer(text)])
