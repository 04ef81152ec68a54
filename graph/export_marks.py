"""Marks that exports print but that are not words: footnote references, converters' anchors, emphasis.

Readers see past them while keeping offsets (``graph.parse.shared.markup``); the pages
compare the printed forms of a name without them ("**Mexico**" is "Mexico").  Both read
the same patterns from here, so the web layer needs no parsing code (issue 12, point 3).
"""
from __future__ import annotations

import re

# "[footnoteRef:3]" (Word exports) or "[^3]" (Markdown), but not a Markdown note's own "[^3]:".
FOOTNOTE_MARK = re.compile(r"\[footnoteRef:(\w+)\]|\[\^(\w+)\](?!:)")

MARKUP = re.compile(
    FOOTNOTE_MARK.pattern
    + r"|\[(?:bookmark|image):[^\]\n]*\]"
    # Emphasis: "**", "__", and a single "*" at the edge of a word ("*continued*", "meeting*"),
    # not one inside a word or standing alone ("5 * 3").
    + r"|\*\*|__|(?<![\w*])\*(?=\S)|(?<=\S)\*(?![\w*])"
)


def strip_markup(text: str) -> str:
    """``text`` without markup, white space runs made single spaces."""
    return " ".join(MARKUP.sub("", text).split())
