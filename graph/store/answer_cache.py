"""Answers to repeated queries, kept in memory: a published build never changes.

A build's store is read-only, so the same query against the same build gives
the same answer; the cache key includes the store's path, which changes with
every build.  Nothing is cached when it could change: a writable (scratch)
store, an external server, SERVICE calls, and queries whose answers differ on
each evaluation (NOW, RAND, UUID, STRUUID, BNODE).  Least recently used
answers go first once ``capacity`` bytes are held, counting keys, bodies and
headers (``graph.memo.BoundedCache``); one answer may take at most a sixteenth
of it.  The key holds a digest of the query text, not the text.
"""
from __future__ import annotations

import hashlib
import re
from typing import Hashable

from graph.memo import BoundedCache, footprint

# The reply's header (a dict of a few fields) and the entry's own links, beside key and body.
ANSWER_OVERHEAD = 1024
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


class AnswerCache(BoundedCache[object]):
    """Answers by (store, digest of the query text, dataset, formats, base IRI), within ``capacity`` bytes."""

    @staticmethod
    def key(store: str | None, payload: bytes, *request: Hashable) -> tuple[Hashable, ...]:
        """The query text is kept as a 16-byte digest: a key never holds a megabyte of query (issue 10 item 6)."""
        return (store, hashlib.blake2b(payload, digest_size=16).digest(), *request)

    def keep(self, key: tuple[Hashable, ...], answer: object, body_bytes: int) -> None:
        self.put(key, answer, footprint(key) + body_bytes + ANSWER_OVERHEAD)
