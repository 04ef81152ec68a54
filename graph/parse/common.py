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
