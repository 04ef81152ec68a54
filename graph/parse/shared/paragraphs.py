"""The paragraphs of a prose text as laid out, whatever exported it.

A document of no known genre is still paragraphs under headings, and its
layout is one of a few: paragraphs separated by blank lines, one paragraph a
line, or lines hard-wrapped at a fixed width (a PDF's text) with no blank line
anywhere.  :func:`read_blocks` cuts the text into :class:`Block` s:

* a line that stops mid-sentence runs on into the next when the next starts in
  lower case, or, in hard-wrapped text, when the line fills the width; a
  hard-wrapped line that ends a sentence but stops well short of the width ends
  its paragraph;
* a list goes with the sentence that introduces it ("… aims to:" followed by
  "• Illustrate …", "1. Safe and regular …"), blank lines between them or not;
  bullets that are sentences of their own, introduced by nothing, are paragraphs;
* a paragraph ends a sentence, or is a sentence introducing a list ("… reviews
  the following objectives:" and its entries, sentences or not); a block that
  does neither (a title, "Background", "Skip to main content", a date line, a
  name under a programme slot) is a heading; a line wholly in parentheses ("(Received from a UN Information
  Officer.)") is a note on the text, not a paragraph;
* a number printed before a paragraph ("3.", "3.Mr. X", "12. The …") is its
  paragraph number.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from graph.documents import Span
from graph.parse.shared.layout import BULLET, Line, ends_sentence, lines

# An entry of a list: "• …", "- …", "1. …", "1) …", "(a) …", "a) …", "§ …".
LIST_ITEM = re.compile(rf"[ \t]*(?:{BULLET}|§|\d{{1,2}}[.)]|\(?[a-z]{{1,3}}\))[ \t]+\S")
# A printed paragraph number, glued to the first word or not: "3.Mr. Lima Magne", "12. The".
PARAGRAPH_NUMBER = re.compile(r"[ \t]*(?P<number>\d{1,3})\.[ \t]*(?=[A-Z“\"‘(])")
_MARK = re.compile(rf"[ \t]*(?:{BULLET}|§)(?:[ \t]*§)?[ \t]+")
# A meeting's place and date, alone or closing a title: "Held at the Palais Wilson, Geneva, on Monday, 24 March
# 2025, at 10 a.m.", "… Twenty-Sixth Meeting Held at Lake Success, New York, on Friday, 10 February 1950, at 2.15 p.m."
_PLACE_AND_DATE = re.compile(r"(?:^|\s)Held\s+(?:at|in|via)\b[^.]*?\d{4}(?:,?\s*at\s+[\d.:]+\s*[ap]\.\s?m\.)?\s*$")
# A hard-wrapped line ending a sentence this far short of the width ends its paragraph.
_SHORT_OF_WIDTH = 0.85


@dataclass
class Block:
    """A paragraph, heading or note: its lines as printed, and what it is."""

    lines: list[Line] = field(default_factory=list)
    kind: str = "paragraph"  # "paragraph" | "heading" | "note"
    number: int | None = None
    has_list: bool = False

    @property
    def span(self) -> Span:
        first, last = self.lines[0], self.lines[-1]
        start = first.start + len(first.text) - len(first.text.lstrip())
        return Span(start, last.start + len(last.text.rstrip()))

    @property
    def text(self) -> str:
        """The words as read: lines joined by a space (list entries each on a line of their own)."""
        return self._joined(0)

    @property
    def words(self) -> str:
        """The text without the bullet or paragraph number printed before it."""
        first = self.lines[0]
        return self._joined(words_start(first) - first.start)

    def _joined(self, skip: int) -> str:
        parts: list[str] = []
        for index, line in enumerate(self.lines):
            bare = " ".join((line.text[skip:] if index == 0 else line.text).split())
            if index and LIST_ITEM.match(line.text):
                parts.append("\n" + bare)
            else:
                parts.append((" " if parts else "") + bare)
        return "".join(parts)


def read_blocks(text: str) -> list[Block]:
    """Every block of ``text``, in order; offsets are ``text``'s own."""
    all_lines = lines(text)
    width = wrap_width(all_lines)
    blocks: list[Block] = []
    current: Block | None = None
    gap = True
    for line in all_lines:
        if line.blank:
            gap = True
            continue
        if current is not None and _continues(current, line, gap, width):
            current.has_list = current.has_list or bool(LIST_ITEM.match(line.text))
            current.lines.append(line)
        else:
            current = Block([line])
            blocks.append(current)
        gap = False
    seen_paragraph = False
    for block in blocks:
        _classify(block)
        if block.kind == "heading" and seen_paragraph and _cut_short(block.text):
            block.kind = "paragraph"  # a teaser or an export cut it before its full stop
        seen_paragraph = seen_paragraph or block.kind == "paragraph"
    return blocks


def wrap_width(all_lines: list[Line]) -> int | None:
    """The width a hard-wrapped text was cut at, or None if its lines were not wrapped.

    A text is hard-wrapped when at least three lines break where no writer ends a line — after
    a comma or a lower-case word, the next line right under them — and the width is what the
    longest of those lines reach.  Titles and headings end on a name or a parenthesis instead.
    """
    breaks = sorted(
        len(line.bare) for line, after in zip(all_lines, all_lines[1:])
        if not line.blank and not after.blank and len(line.bare.split()) >= 6 and _breaks_mid_sentence(line.bare)
        and not LIST_ITEM.match(after.text)
    )
    return breaks[-1] if len(breaks) >= 3 else None


def _breaks_mid_sentence(text: str) -> bool:
    last = text.split()[-1]
    return not ends_sentence(text) and (text.endswith((",", "-")) or last[:1].islower() or last.isdigit())


def _continues(block: Block, line: Line, gap: bool, width: int | None) -> bool:
    """Whether ``line`` goes on with ``block`` rather than starting a block of its own."""
    last = block.lines[-1].bare
    item = bool(LIST_ITEM.match(line.text))
    introduces_list = last.endswith(":") or block.has_list
    if item:
        # A list goes on with the sentence that introduced it, its entries indented under it when that
        # sentence is an entry itself; a bullet after a closed sentence is its own, and so is one after a
        # blank line that follows an entry ending in a full stop.
        opening = block.lines[0]
        nested = not LIST_ITEM.match(opening.text) or _indent(line) > _indent(opening)
        open_list = last.endswith(":") or (block.has_list and last.endswith((";", ",", " and", " or")))
        return introduces_list and nested and (not gap or open_list)
    if gap:
        return False
    if block.has_list:
        return not ends_sentence(last, ".!?") and line.bare[:1].islower()
    if _parenthesised(line.bare) or _parenthesised(block.lines[0].bare):
        return False
    if not ends_sentence(last, ".!?;"):
        if line.bare[:1].islower() or line.bare[:1] in "(“\"‘":
            return True
        return width is not None and len(last) >= width * 0.7 and len(last.split()) >= 6
    # A sentence ends the line: in hard-wrapped text it ends the paragraph only short of the width.
    return width is not None and len(last) >= width * _SHORT_OF_WIDTH and not PARAGRAPH_NUMBER.match(line.text)


def _indent(line: Line) -> int:
    return len(line.text) - len(line.text.lstrip())


def _parenthesised(text: str) -> bool:
    return text.startswith("(") and text.rstrip(".").endswith(")") and text.count("(") == text.count(")")


def _classify(block: Block) -> None:
    text = block.text
    last = text.rsplit("\n", 1)[-1]
    introduction = text.split("\n", 1)[0]
    if _parenthesised(text):
        block.kind = "note"
    elif ends_sentence(last, ".!?") and _is_sentence(text):
        block.kind = "paragraph"
    elif block.has_list and introduction.endswith(":") and _is_sentence(introduction) and len(introduction.split()) >= 8:
        block.kind = "paragraph"  # a sentence and the list it introduces, whose entries are not sentences
    else:
        block.kind = "heading"
    number = PARAGRAPH_NUMBER.match(block.lines[0].text)
    if block.kind == "paragraph" and number:
        block.number = int(number["number"])


def _is_sentence(text: str) -> bool:
    """Words that make a sentence: a few of them in lower case (not a date line such as "Tuesday, 22 March
    2016, from 12 to 3 p.m."), and not a meeting's place-and-date line ("Held at … on …, at 10 a.m.")."""
    lower = [word for word in re.findall(r"[^\W\d_]+", text) if word.islower() and len(word) > 1]
    return len(text.split()) >= 4 and len(lower) >= 3 and not _PLACE_AND_DATE.search(text)


def _cut_short(text: str) -> bool:
    """Too long and too wordy for a heading: a paragraph whose end was not printed ("… and  read more")."""
    lower = [word for word in re.findall(r"[^\W\d_]+", text) if word.islower()]
    return len(text.split()) >= 25 and len(lower) >= 12 and not text.startswith("(")


def words_start(line: Line) -> int:
    """Offset of the first word of a line, past a bullet or a paragraph number."""
    offset = line.start
    mark = _MARK.match(line.text) or PARAGRAPH_NUMBER.match(line.text)
    if mark:
        offset += mark.end()
    while offset < line.end and line.text[offset - line.start].isspace():
        offset += 1
    return offset
