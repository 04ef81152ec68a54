"""Caches bounded by what they hold (issue 10 item 6): keys and values counted in bytes."""
from __future__ import annotations

import sys

from graph.store.answer_cache import AnswerCache
from graph.memo import BoundedCache, footprint, short_memo
from graph.store.backends import Dataset


def test_a_short_memo_keeps_short_arguments_and_works_out_long_ones_every_time() -> None:
    calls: list[str] = []

    @short_memo(entries=4, longest=10)
    def upper(text: str) -> str:
        calls.append(text)
        return text.upper()

    assert upper("accept") == upper("accept") == "ACCEPT"
    assert calls == ["accept"]
    long = "x" * 11
    assert upper(long) == upper(long) == long.upper()
    assert calls == ["accept", long, long]
    assert upper.cache_info().currsize == 1  # type: ignore[attr-defined]
    assert upper.capacity_bytes == 4 * (4 * 10 + 512)  # type: ignore[attr-defined]


def test_a_short_memo_counts_every_argument_and_refuses_what_it_cannot_measure() -> None:
    @short_memo(entries=4, longest=10)
    def joined(first: str | None, rest: tuple[str, ...]) -> str:
        return (first or "") + "".join(rest)

    assert joined("abcd", ("ef",)) == "abcdef"
    assert joined.cache_info().currsize == 1  # type: ignore[attr-defined]
    assert joined("abcd", ("efgh", "ij")) == "abcdefghij"  # 4 + 4 + 2 + one per tuple: too long to keep
    assert joined(None, ()) == ""
    assert joined.cache_info().currsize == 2  # type: ignore[attr-defined]


def test_a_bounded_cache_drops_the_least_recently_used_once_full() -> None:
    cache: BoundedCache[str] = BoundedCache(1600)
    for name in "abc":
        cache.put(name, name * 2, 100)
    assert cache.get("a") == "aa"  # now the most recent
    for name in "defghijklmnopq":
        cache.put(name, name, 100)
    assert cache.size <= 1600 and len(cache) == 16
    assert cache.get("a") == "aa" and cache.get("b") is None
    cache.put("large", "…", 101)  # more than a sixteenth of the capacity: never kept
    assert cache.get("large") is None


def test_an_answer_key_holds_a_digest_not_the_query_text() -> None:
    text = "SELECT * WHERE { ?s ?p \"" + "m" * 900_000 + "\" }"
    key = AnswerCache.key("/var/releases/b/store", text.encode(), Dataset(), "json", None, False, None)
    assert footprint(key) < 2_000 < sys.getsizeof(text)
    cache = AnswerCache(64 * 2**20)
    cache.keep(key, b"answer", 6)
    assert cache.get(AnswerCache.key("/var/releases/b/store", text.encode(), Dataset(), "json", None, False, None))
    assert cache.size < 3_000
