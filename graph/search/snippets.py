"""The words of a hit that the query found, marked in a short passage of its text.

FTS5 holds stems, not the text as printed, so its own ``snippet()`` cannot quote it: the passage is
found here.  Each word of the hit's text, as printed, is tested once per query the way the index
reads it (folded, stemmed in each language: ``graph.search.words``); the words that pass become a
regular expression (a phrase: its words in order, with only spaces or punctuation between), which
finds the places to mark.  The text is HTML-escaped; only the ``<mark>`` elements are markup
(issue 13 item 1: highlighted snippets).
"""
from __future__ import annotations

import html
import re
from collections.abc import Callable

from graph.search.query import Phrase
from graph.search.words import WORD, fold, query_tokens

WIDTH = 260  # characters in a passage, about forty words
BEFORE = 50  # characters shown before the first mark
Test = Callable[[str], bool]  # on a word as printed


class Marker:
    """The phrases of one query as tests on the words of a text, each word's answer remembered."""

    def __init__(self, phrases: list[Phrase]) -> None:
        self.phrases = [[_remembered(test) for test in _tests(phrase)] for phrase in phrases]

    @classmethod
    def of(cls, phrases: list[Phrase]) -> "Marker":
        return cls(phrases)

    def spans(self, text: str) -> list[tuple[int, int]]:
        """Character spans of ``text`` that a phrase of the query matches, in order, overlaps merged."""
        printed = set(WORD.findall(text))
        found = []
        for tests in self.phrases:
            forms = [sorted((word for word in printed if test(word)), key=len, reverse=True) for test in tests]
            if all(forms):
                pattern = r"[\W_]+".join("(?:" + "|".join(map(re.escape, words)) + ")" for words in forms)
                found += [m.span() for m in re.finditer(rf"(?<![^\W_])(?:{pattern})(?![^\W_])", text)]
        merged: list[tuple[int, int]] = []
        for start, end in sorted(found):
            if merged and start <= merged[-1][1]:
                merged[-1] = (merged[-1][0], max(merged[-1][1], end))
            else:
                merged.append((start, end))
        return merged


def _remembered(test: Test) -> Test:
    answers: dict[str, bool] = {}

    def remembered(word: str) -> bool:
        found = answers.get(word)
        if found is None:
            found = answers[word] = test(word)
        return found
    return remembered


def _tests(phrase: Phrase) -> list[Test]:
    """One test for each word of the phrase: is a word of the text that word (or does it start so)?"""
    tests: list[Test] = []
    for at, folded in enumerate(phrase.folded):
        if phrase.prefix and at == len(phrase.folded) - 1:
            tests.append(_starts_with(folded))
        else:
            tests.append(_same_word(frozenset(query_tokens(folded))))
    return tests


def _starts_with(start: str) -> Test:
    return lambda word: fold(word).startswith(start)


def _same_word(wanted: frozenset[str]) -> Test:
    return lambda word: not wanted.isdisjoint(query_tokens(fold(word)))


def snippet(text: str, marker: Marker, width: int = WIDTH) -> str:
    """The passage of ``text`` with the most marks, escaped, with the marks; its start when none."""
    spans = marker.spans(text)
    begin = 0
    if spans:  # the span followed by most others within the width, from a little before it
        counts = [sum(1 for other in spans[at:] if other[0] < start + width - BEFORE)
                  for at, (start, _) in enumerate(spans)]
        first = spans[counts.index(max(counts))][0]
        begin = _word_start(text, max(0, first - BEFORE))
    end = _word_end(text, min(len(text), begin + width))
    pieces = ["…" if begin > 0 else ""]
    at = begin
    for start, stop in spans:
        if stop <= begin or start >= end:
            continue
        start, stop = max(start, begin), min(stop, end)
        pieces.append(html.escape(text[at:start]) + "<mark>" + html.escape(text[start:stop]) + "</mark>")
        at = stop
    pieces.append(html.escape(text[at:end]) + ("…" if end < len(text) else ""))
    return "".join(pieces).strip()


def _word_start(text: str, at: int) -> int:
    """``at``, moved forward to the start of a word if it falls inside one."""
    if at == 0 or not text[at - 1].isalnum():
        return at
    match = re.compile(r"[\W_]+").search(text, at)
    return match.end() if match else at


def _word_end(text: str, at: int) -> int:
    """``at``, moved forward to the end of the word it falls inside."""
    match = WORD.match(text, at) if at < len(text) and text[at].isalnum() else None
    return match.end() if match else at
