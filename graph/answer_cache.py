"""Answers to repeated queries, kept in memory: a published build never changes.

A build's store is read-only, so the same query against the same build gives
the same answer; the cache key includes the store's path, which changes with
every build.  Nothing is cached when it could change: a writable (scratch)
store, an external server, SERVICE calls, and queries whose answers differ on
each evaluation (NOW, RAND, UUID, STRUUID, BNODE).  Least recently used
answers go first once ``capacity`` bytes are held; one answer may take at
most a sixteenth of it.
"""
from __future__ import annotations

import re
from collections import OrderedDict
from typing import Hashable

_VOLATILE = re.compile(r"\b(?:NOW|RAND|UUID|STRUUID|BNODE)\s*\(|SERVICE", re.IGNORECASE)
# In ASCII text every match of _VOLATILE contains one of these words in lower case; looking for
# them in the lower-cased text takes a fifth of the time of the case-insensitive pattern, and most
# queries contain none.
_VOLATILE_WORDS = re.compile("now|rand|uuid|bnode|service")


def cacheable(text: str) -> bool:
    """False when the query's answer may differ between two evaluations on the same store."""
    if text.isascii():  # elsewhere Unicode case folding (ſ, ı, K) could hide a word from the quick look
        if _VOLATILE_WORDS.search(text.lower()) is None:
            return True
    return _VOLATILE.search(text) is None


class AnswerCache:
    def __init__(self, capacity: int) -> None:
        self.capacity = capacity
        self.size = 0
        self.hits = 0
        self.misses = 0
        self._entries: OrderedDict[Hashable, tuple[object, int]] = OrderedDict()

    def get(self, key: Hashable) -> object | None:
        entry = self._entries.get(key)
        if entry is None:
            self.misses += 1
            return None
        self._entries.move_to_end(key)
        self.hits += 1
        return entry[0]

    def put(self, key: Hashable, answer: object, size: int) -> None:
        if self.capacity <= 0 or size > self.capacity // 16 or key in self._entries:
            return
        self._entries[key] = (answer, size)
        self.size += size
        while self.size > self.capacity:
            _, (_, dropped) = self._entries.popitem(last=False)
            self.size -= dropped
