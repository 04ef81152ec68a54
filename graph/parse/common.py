"""Small helpers that several genre readers need.

* :func:`lines` — the lines of a source with their offsets (``\\r\\n`` and a BOM tolerated);
* :class:`Plain` — a passage with its markup removed, keeping the way back to source offsets;
* :func:`find_date`, :func:`parse_time`, :func:`ordinal_number` — dates, clock times and
  ordinals as English-language UN and OAS documents print them;
* :func:`split_honorific` (forms of address: :data:`graph.extract.speakers.HONORIFICS`) — "Ms. Hernández Paramo" → ("Ms.", "Hernández Paramo");
* :func:`footnote_marks`, :func:`footnote_bodies` — footnotes as word processors export them
  (``[footnoteRef:3]`` in the text, ``[3: …]`` for the note) and as markdown writes them (``[^3]``).

Everything here is about how documents are printed, never about particular documents.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

# --- lines -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Line:
    """One line of a source: ``text`` is ``source.text[start:end]`` (no line break)."""

    start: int
    end: int
    text: str

    @property
    def blank(self) -> bool:
        return not self.text.strip()


def lines(text: str) -> list[Line]:
    """Split ``text`` into lines, keeping offsets into it; a trailing ``\\r`` and a BOM are left out."""
    result: list[Line] = []
    position = 0
    for raw in text.split("\n"):
        start, end = position, position + len(raw)
        position = end + 1
        if raw.endswith("\r"):
            end -= 1
        if start == 0 and text.startswith("\ufeff"):
            start += 1
        result.append(Line(start, end, text[start:end]))
    return result


# --- markup ------------------------------------------------------------------------------

# Emphasis as markdown-ish exports print it (**bold**, *italic*, __bold__) and footnote marks.
_MARKUP = re.compile(r"\[footnoteRef:\d+\]|\[\^\w+\](?!:)|\*\*|__|\*(?=\S)|(?<=\S)\*")


@dataclass(frozen=True)
class Plain:
    """A passage with markup removed; ``offsets[i]`` is the source offset of ``text[i]``.

    Parsing the plain text and mapping positions back keeps every extracted phrase
    anchored to the exact printed passage.
    """

    text: str
    offsets: tuple[int, ...]
    end: int  # source offset just past the passage

    @classmethod
    def of(cls, source_text: str, start: int, end: int) -> "Plain":
        chars: list[str] = []
        offsets: list[int] = []
        position = start
        for match in _MARKUP.finditer(source_text, start, end):
            for index in range(position, match.start()):
                chars.append(source_text[index])
                offsets.append(index)
            position = match.end()
        for index in range(position, end):
            chars.append(source_text[index])
            offsets.append(index)
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


def strip_markup(text: str) -> str:
    """``text`` without emphasis markers and footnote marks, whitespace runs made single spaces."""
    return " ".join(_MARKUP.sub("", text).split())


# --- footnotes ---------------------------------------------------------------------------

# Marks in the text: "[footnoteRef:3]" (word processor export) or "[^3]" (markdown).
FOOTNOTE_MARK = re.compile(r"\[footnoteRef:(\d+)\]|\[\^(\w+)\](?!:)")
# The notes: "[3:  Committee on …]" — on one line, which may hold bracketed words — or a
# markdown definition "[^3]: Committee on …" at the start of a line.
FOOTNOTE_BODY = re.compile(
    r"\[(\d+):\s[^\[\]\n]*(?:\[[^\[\]\n]*\][^\[\]\n]*)*\]?|^\[\^(\w+)\]:[^\r\n]*[^\s]", re.M
)


def footnote_marks(text: str, start: int = 0, end: int | None = None) -> list[tuple[str, int]]:
    """Footnote numbers marked in ``text[start:end]`` with the offset of each mark."""
    stop = len(text) if end is None else end
    return [(m[1] or m[2], m.start()) for m in FOOTNOTE_MARK.finditer(text, start, stop)]


def footnote_bodies(text: str, start: int = 0, end: int | None = None) -> list[tuple[str, int, int]]:
    """Footnote texts in ``text[start:end]``: (number, start, end), the number as marked."""
    stop = len(text) if end is None else end
    return [(m[1] or m[2], m.start(), m.end()) for m in FOOTNOTE_BODY.finditer(text, start, stop)]
