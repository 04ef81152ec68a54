"""The words of a hit that the query found, marked in a short passage of its text.

FTS5 holds stems, not the text as printed, so its own ``snippet()`` cannot quote it: the passage is
found here, by reading the hit's text word by word as the index did (``graph.search.words``) and
marking each word, or run of words for a phrase, that the query asked for.  The text is HTML-escaped;
only the ``<mark>`` elements are markup (issue 13 item 1: highlighted snippets).
"""
from __future__ import annotations

import html
from collections.abc import Callable
from dataclasses import dataclass

from graph.search.query import Phrase
from graph.search.words import LANGUAGES, Word, token, words

WINDOW = 36  # words in a passage
Test = Callable[[Word], bool]


@dataclass(frozen=True)
class Marker:
    """The phrases of a query as tests on the words of a text."""

    phrases: tuple[tuple[Test, ...], ...]

    @classmethod
    def of(cls, phrases: list[Phrase]) -> "Marker":
        return cls(tuple(_tests(phrase) for phrase in phrases))

    def spans(self, found: list[Word]) -> list[tuple[int, int]]:
        """(first word, last word) of each place in ``found`` that a phrase matches."""
        spans = []
        for start in range(len(found)):
            for tests in self.phrases:
                end = start + len(tests)
                if end <= len(found) and all(test(word) for test, word in zip(tests, found[start:end])):
                    spans.append((start, end - 1))
        return spans


def _tests(phrase: Phrase) -> tuple[Test, ...]:
    tests: list[Test] = []
    for at, folded in enumerate(phrase.folded):
        if phrase.prefix and at == len(phrase.folded) - 1:
            tests.append(lambda word, start=folded: word.folded.startswith(start))
        else:
            wanted = {token(folded, lang) for lang in LANGUAGES}
            tests.append(lambda word, wanted=wanted: any(token(word.folded, lang) in wanted for lang in LANGUAGES))
    return tuple(tests)


def snippet(text: str, marker: Marker, window: int = WINDOW) -> str:
    """The passage of ``text`` with the most marked words, escaped, with the marks; its start when none."""
    found = list(words(text))
    if not found:
        return html.escape(text[:200])
    spans = marker.spans(found)
    marked = [0] * len(found)
    for first, last in spans:
        for at in range(first, last + 1):
            marked[at] = 1
    best, best_count, count = 0, -1, 0
    for end in range(len(found)):  # a sliding window over the words
        count += marked[end]
        if end >= window:
            count -= marked[end - window]
        if count > best_count:
            best_count, best = count, max(0, end - window + 1)
    first = max(0, best - 4) if best_count > 0 else 0  # a few words of context before the first mark
    last = min(len(found), first + window) - 1
    begin = found[first].start if first > 0 else 0
    stop = found[last].end if last < len(found) - 1 else len(text)
    pieces = ["…" if first > 0 else ""]
    at = begin
    for span_first, span_last in _merged(spans):
        if span_last < first or span_first > last:
            continue
        start, end = found[max(span_first, first)].start, found[min(span_last, last)].end
        pieces.append(html.escape(text[at:start]) + "<mark>" + html.escape(text[start:end]) + "</mark>")
        at = end
    pieces.append(html.escape(text[at:stop]) + ("…" if stop < len(text) else ""))
    return "".join(pieces).strip()


def _merged(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for first, last in sorted(spans):
        if merged and first <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], last))
        else:
            merged.append((first, last))
    return merged
