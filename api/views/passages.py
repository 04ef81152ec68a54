"""Placing citations in a statement's text.

Citations and mentions record their position in the *source* (NIF offsets
into the document, markup included), while ``mrkg:text`` is the statement as
printed with markup and the paragraph number removed.  So an offset is first
made relative to the statement's own passage (its ``nif:anchorOf``, which
starts at its ``nif:beginIndex``), then carried over to the clean text by an
alignment of the two strings.  Each placement is checked against the cited
words; one that does not match is searched for nearby, and dropped from the
running text (still listed beside it) rather than shown in the wrong place.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Sequence

RESYNC_WINDOW = 12  # how far ahead in the source passage to look for a dropped character
RESYNC_LENGTH = 3   # how many characters must agree to accept a resynchronisation
SEARCH_WINDOW = 80  # how far from a misplaced highlight to look for its words
EXCERPT_REACH = 240  # characters of context on either side of a citation, at most


@dataclass(frozen=True)
class Mark:
    """Something to highlight: a span of the source and what it refers to."""

    start: int  # offsets in the source document (nif:beginIndex / nif:endIndex)
    end: int
    words: str  # nif:anchorOf, the words as printed
    target: str  # the cited provision or mentioned instrument
    kind: str  # "citation" or "mention"


@dataclass(frozen=True)
class Segment:
    """A run of text, highlighted when ``mark`` is set."""

    text: str
    mark: Mark | None = None


def _letters(text: str) -> str:
    return re.sub(r"\W+", "", text).lower()


class Alignment:
    """Maps positions in a printed passage to positions in its clean text.

    The clean text is the passage with characters dropped (markup, the
    paragraph number) and perhaps whitespace changed; a two-pointer walk
    that resynchronises on a few matching characters handles both without
    the cost of a general diff.
    """

    to_clean: list[int | None]  # for each printed position, its clean position (None: dropped)

    def __init__(self, printed: str, clean: str) -> None:
        self.printed_length, self.clean_length = len(printed), len(clean)
        self.shift = printed.find(clean) if clean else -1
        # Only a prefix (the paragraph number) or a suffix was dropped: positions are plain arithmetic, and a
        # page quoting fifty statements builds no table of each passage.
        if self.shift >= 0:
            return
        self.to_clean = [None] * (len(printed) + 1)
        i = j = 0
        while i < len(printed) and j < len(clean):
            a, b = printed[i], clean[j]
            if a == b or (a.isspace() and b.isspace()):
                self.to_clean[i] = j
                i, j = i + 1, j + 1
                continue
            ahead = self._resync(printed, clean, i, j)
            if ahead is not None:
                i = ahead  # printed[i:ahead] was dropped (markup)
            elif b.isspace():
                j += 1  # whitespace added in the clean text
            else:
                self.to_clean[i] = j  # a changed character
                i, j = i + 1, j + 1
        self.to_clean[len(printed)] = len(clean)

    @staticmethod
    def _resync(printed: str, clean: str, i: int, j: int) -> int | None:
        want = clean[j:j + RESYNC_LENGTH]
        for k in range(i + 1, min(len(printed), i + RESYNC_WINDOW) + 1):
            if printed.startswith(want, k):
                return k
        # The paragraph number and its tab can be longer than the window: look once, further.
        if i == 0 and j == 0:
            found = printed.find(clean[:max(RESYNC_LENGTH, 12)])
            return found if found > 0 else None
        return None

    def start(self, offset: int) -> int | None:
        """Clean position of a span starting at ``offset``: the next kept character."""
        if self.shift >= 0:
            position = max(offset, 0)
            if position > self.printed_length:
                return None
            return min(max(position - self.shift, 0), self.clean_length) if position < self.printed_length \
                else self.clean_length
        for position in range(max(offset, 0), len(self.to_clean)):
            if self.to_clean[position] is not None:
                return self.to_clean[position]
        return None

    def end(self, offset: int) -> int | None:
        """Clean position of a span ending at ``offset``: just after the last kept character."""
        if self.shift >= 0:
            last = min(min(offset, self.printed_length) - 1, self.shift + self.clean_length - 1)
            return last - self.shift + 1 if last >= self.shift else None
        for position in range(min(offset, len(self.to_clean) - 1) - 1, -1, -1):
            mapped = self.to_clean[position]
            if mapped is not None:
                return mapped + 1
        return None


def place(marks: Sequence[Mark], passage_start: int, printed: str, clean: str) -> list[tuple[int, int, Mark]]:
    """Clean-text spans of the marks that can be placed with confidence, in text order."""
    alignment = Alignment(printed, clean)
    placed = []
    for mark in marks:
        start, end = mark.start - passage_start, mark.end - passage_start
        if start < 0 or end > len(printed):
            continue  # e.g. in a footnote outside the passage
        s, e = alignment.start(start), alignment.end(end)
        if s is not None and e is not None and _letters(clean[s:e]) == _letters(mark.words):
            placed.append((s, e, mark))
            continue
        found = _search(clean, mark.words, s if s is not None else 0)
        if found is not None:
            placed.append((found, found + len(mark.words), mark))
    return sorted(placed, key=lambda item: (item[0], -item[1]))


def _search(clean: str, words: str, near: int) -> int | None:
    if not words:
        return None
    lo = max(0, near - SEARCH_WINDOW)
    hits = [m.start() for m in re.finditer(re.escape(words), clean[lo:near + SEARCH_WINDOW + len(words)])]
    return min((lo + h for h in hits), key=lambda h: abs(h - near), default=None)


def segments(clean: str, placed: Sequence[tuple[int, int, Mark]]) -> list[Segment]:
    """The text cut into plain and highlighted runs.

    Highlights become links, and links cannot nest, so a mark inside or
    across an earlier one ("the Convention" within "article 22 of the
    Convention") is left to the list beside the text.
    """
    out: list[Segment] = []
    cursor = 0
    for start, end, mark in placed:
        if start < cursor:
            continue
        if start > cursor:
            out.append(Segment(clean[cursor:start]))
        out.append(Segment(clean[start:end], mark))
        cursor = end
    if cursor < len(clean):
        out.append(Segment(clean[cursor:]))
    return out


# A full stop ends a sentence unless it closes a title or an abbreviation ("Ms.", "art.", "No.").
# The stop is matched first and the abbreviations looked behind it, so a scan costs little.
_ABBREVIATIONS = ("Mr", "Ms", "Mrs", "Dr", "No", "Nos", "art", "arts", "para", "paras", "St", "Prof", "vol", "p", "pp",
                  "e.g", "i.e", "cf", "Corr", "Rev", "Add")
_NOT_AFTER = "".join(rf"(?<!\b{re.escape(word)}\.)" for word in _ABBREVIATIONS)
_SENTENCE_END = re.compile(rf"[.!?]{_NOT_AFTER}[”’\"')]?\s+(?=[A-Z“\"(‘'0-9])")


def excerpt(clean: str, start: int, end: int, reach: int = EXCERPT_REACH) -> tuple[str, str, str, bool, bool]:
    """The sentence around ``clean[start:end]``: (before, cited words, after, cut before, cut after).

    The two flags say whether the sentence had to be cut (for an ellipsis).

    At most ``reach`` characters on either side, cut at a word boundary.
    """
    window = (max(0, start - reach - 4), min(len(clean), end + reach + 4))  # nothing further is shown
    ends = [m.end() for m in _SENTENCE_END.finditer(clean, *window)]
    lo = sentence_start = max((e for e in ends if e <= start), default=0)
    hi = sentence_end = min((e for e in ends if e >= end), default=len(clean))
    if start - lo > reach:
        lo = clean.find(" ", start - reach, start) + 1 or start - reach
    if hi - end > reach:
        space = clean.rfind(" ", end, end + reach)
        hi = space if space > end else end + reach
    return clean[lo:start], clean[start:end], clean[end:hi].rstrip(), lo > sentence_start, hi < sentence_end
