"""Memory for what a request costs to work out again, bounded in bytes (issue 10 item 6).

A cache keyed on request data (a header, a query text) holds whatever
clients send: 2,048 entries are nothing when keys are 100 bytes and 2 GB when
they are a megabyte.  So every cache of the web process is bounded by what
its keys and values hold, not by a number of entries:

``short_memo(entries, longest)``
    ``functools.lru_cache`` for functions of short texts (headers, paths):
    arguments longer than ``longest`` characters in all are worked out every
    time and never kept, so the memo holds at most ``entries`` keys of at most
    ``longest`` characters (4 bytes each at worst) plus small answers: its
    ``capacity_bytes``.
``BoundedCache(capacity)``
    least recently used entries go first once keys and values together pass
    ``capacity`` bytes; the caller says what an entry weighs (see
    :func:`footprint`).  The answers to repeated queries live in one
    (``graph.store.answer_cache``).
"""
from __future__ import annotations

import sys
from collections import OrderedDict
from functools import lru_cache, wraps
from typing import Any, Callable, Generic, Hashable, TypeVar

F = TypeVar("F", bound=Callable[..., Any])
V = TypeVar("V")

# What one kept entry costs beside its key's text: the lru_cache or OrderedDict link, the key tuple,
# and an answer of a few small objects (a tuple of media ranges, a flag, a dataclass).
ENTRY_OVERHEAD = 512
# The widest a character of a Python str is stored (UCS-4).
BYTES_PER_CHARACTER = 4


def short_memo(entries: int, longest: int) -> Callable[[F], F]:
    """Remember answers for arguments of at most ``longest`` characters in all (str, None, tuples of str)."""

    def decorate(function: F) -> F:
        cached = lru_cache(maxsize=entries)(function)

        @wraps(function)
        def remembered(*arguments: Any) -> Any:
            if _length(arguments) <= longest:
                return cached(*arguments)
            return function(*arguments)

        remembered.cache_info = cached.cache_info  # type: ignore[attr-defined]
        remembered.cache_clear = cached.cache_clear  # type: ignore[attr-defined]
        remembered.capacity_bytes = entries * (BYTES_PER_CHARACTER * longest + ENTRY_OVERHEAD)  # type: ignore[attr-defined]
        return remembered  # type: ignore[return-value]

    return decorate


def _length(arguments: tuple[Any, ...]) -> int:
    """Characters in the arguments' texts; anything else makes them too long to keep."""
    total = 0
    for argument in arguments:
        if isinstance(argument, str):
            total += len(argument)
        elif isinstance(argument, tuple):
            total += _length(argument) + 1
        elif argument is not None and not isinstance(argument, (bool, int)):
            return sys.maxsize
    return total


def footprint(key: Hashable) -> int:
    """Bytes a key holds: its texts and byte strings, however nested in tuples (an estimate from above)."""
    if isinstance(key, (str, bytes)):
        return sys.getsizeof(key)
    if isinstance(key, tuple):
        return sys.getsizeof(key) + sum(footprint(part) for part in key)
    return sys.getsizeof(key)


class BoundedCache(Generic[V]):
    """Least recently used entries go first once keys and values together pass ``capacity`` bytes.

    One entry may take at most a sixteenth of the capacity, so that a single
    large answer never empties the cache of everything else.
    """

    def __init__(self, capacity: int) -> None:
        self.capacity = max(0, capacity)
        self.size = 0
        self.hits = 0
        self.misses = 0
        self._entries: OrderedDict[Hashable, tuple[V, int]] = OrderedDict()

    def __len__(self) -> int:
        return len(self._entries)

    def get(self, key: Hashable) -> V | None:
        entry = self._entries.get(key)
        if entry is None:
            self.misses += 1
            return None
        self._entries.move_to_end(key)
        self.hits += 1
        return entry[0]

    def put(self, key: Hashable, value: V, size: int) -> None:
        """Keep ``value``; ``size`` is what key and value hold together, in bytes."""
        if self.capacity <= 0 or size > self.capacity // 16 or key in self._entries:
            return
        self._entries[key] = (value, size)
        self.size += size
        while self.size > self.capacity:
            _, (_, dropped) = self._entries.popitem(last=False)
            self.size -= dropped
