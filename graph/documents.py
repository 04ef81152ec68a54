"""Source texts and positions in them.

Every fact in the graph points back to a :class:`Span` of its source: offsets
are Python string indices (Unicode code points) into the text decoded as
UTF-8, so ``source.text[span.start:span.end]`` is the quoted passage.  NIF's
``beginIndex``/``endIndex`` count the same way.
"""
from __future__ import annotations

import bisect
import hashlib
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path


@dataclass(frozen=True, order=True)
class Span:
    start: int
    end: int

    def __post_init__(self) -> None:
        if not 0 <= self.start <= self.end:
            raise ValueError(f"bad span {self.start}..{self.end}")

    def __len__(self) -> int:
        return self.end - self.start


@dataclass(frozen=True)
class Source:
    """One source text as read from ``data/sources/``."""

    path: Path
    text: str = field(repr=False)

    @property
    def name(self) -> str:
        """The file name, which is the source's identity in IRIs and dumps."""
        return self.path.name

    @property
    def stem(self) -> str:
        return self.path.stem

    @cached_property
    def sha256(self) -> str:
        return hashlib.sha256(self.text.encode("utf-8")).hexdigest()

    @cached_property
    def _line_starts(self) -> list[int]:
        starts = [0]
        starts.extend(i + 1 for i, ch in enumerate(self.text) if ch == "\n")
        return starts

    def line_of(self, offset: int) -> int:
        """1-based line number of a character offset (for error messages)."""
        return bisect.bisect_right(self._line_starts, offset)

    def quote(self, span: Span) -> str:
        return self.text[span.start : span.end]
