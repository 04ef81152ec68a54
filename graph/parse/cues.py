"""How sure a reader is that a text belongs to its genre, and why: named cues with weights.

A genre shows itself in conventions a person recognises at a glance — a summary
record's title and "Chair:" line, a concept note's "Background" and "Objectives"
headings, a discussion page's "In reply to by" — and those sit at the top of a
document.  So every cue looks at the same :class:`Glance`: the opening of the text
(its first :data:`OPENING` characters), never the whole of it, and a short opening
(1,500–2,000 characters, as a web page's stored copy or a first page gives it) is
judged as its long document is (issue 11, point 2).

A :class:`Recognition` keeps the cues a text shows with their weights, so that the
build can say why a reader took a file (``SummaryRecord 0.85: title +0.50, chair
line +0.10, …``).
"""
from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property

from graph.documents import Source

# Characters of a text the cues look at; the rest of a long document is not needed to tell its genre.
OPENING = 3000


@dataclass(frozen=True)
class Glance:
    """The opening of a text as the cues see it."""

    text: str  # the first OPENING characters, cut at a line end, without a byte order mark

    @classmethod
    def of(cls, source: Source | str) -> "Glance":
        text = source.text if isinstance(source, Source) else source
        opening = text[:OPENING]
        if len(text) > OPENING and "\n" in opening:
            opening = opening[: opening.rindex("\n")]
        return cls(opening.lstrip("\ufeff").replace("\r\n", "\n"))

    @cached_property
    def lines(self) -> tuple[str, ...]:
        """The non-blank lines, stripped (of white space and zero-width spaces)."""
        return tuple(bare for line in self.text.split("\n") if (bare := line.strip().strip("\u200b").strip()))

    @cached_property
    def head(self) -> str:
        """The first lines, where titles, labels and header fields are printed."""
        return "\n".join(self.lines[:12])

    def count(self, pattern: re.Pattern[str]) -> int:
        return sum(1 for _ in pattern.finditer(self.text))

    def lines_matching(self, pattern: re.Pattern[str]) -> list[str]:
        return [line for line in self.lines if pattern.fullmatch(line)]


@dataclass(frozen=True)
class Cue:
    """One convention of a genre: ``weight`` (negative for another genre's convention) counts when
    ``shows`` finds it; ``shows`` may return a number in [0, 1] for a cue that shows by degrees."""

    name: str
    weight: float
    shows: Callable[[Glance], bool | float]

    def strength(self, glance: Glance) -> float:
        found = self.shows(glance)
        return max(0.0, min(1.0, float(found)))


@dataclass(frozen=True)
class Recognition:
    """How sure one reader is about one text, and the cues behind it."""

    kind: str
    score: float
    cues: tuple[tuple[str, float], ...]  # (cue, weight it added), in the order the genre lists them

    def __str__(self) -> str:
        why = ", ".join(f"{name} {weight:+.2f}" for name, weight in self.cues) or "no cue"
        return f"{self.kind} {self.score:.2f} ({why})"

    def as_record(self) -> dict[str, object]:
        return {"kind": self.kind, "score": self.score, "cues": {name: weight for name, weight in self.cues}}


def recognise(kind: str, cues: tuple[Cue, ...], source: Source | str | Glance) -> Recognition:
    """Weigh ``cues`` on a text: the sum of what each shows, kept within [0, 1]."""
    glance = source if isinstance(source, Glance) else Glance.of(source)
    shown = []
    for cue in cues:
        strength = cue.strength(glance)
        if strength:
            shown.append((cue.name, round(cue.weight * strength, 3)))
    score = round(max(0.0, min(1.0, sum(weight for _, weight in shown))), 3)
    return Recognition(kind, score, tuple(shown))


def pattern(regex: str, flags: int = re.I | re.M) -> re.Pattern[str]:
    return re.compile(regex, flags)


def found(regex: re.Pattern[str], where: str = "text") -> Callable[[Glance], bool]:
    """A cue shown when ``regex`` occurs in the opening (``where="head"``: in its first lines)."""
    return lambda glance: regex.search(getattr(glance, where)) is not None


def counted(regex: re.Pattern[str], full: int) -> Callable[[Glance], float]:
    """A cue that shows by degrees: each occurrence adds 1/``full`` of its weight."""
    return lambda glance: glance.count(regex) / full


def line_found(regex: re.Pattern[str], within: int | None = None) -> Callable[[Glance], bool]:
    """A cue shown by a whole line (of the first ``within`` lines, if given)."""
    return lambda glance: any(regex.fullmatch(line) for line in glance.lines[:within])


def distinct_lines(regex: re.Pattern[str], full: int) -> Callable[[Glance], float]:
    """A cue shown by several different lines of one kind (headings): each adds 1/``full``."""
    return lambda glance: len({line.lower() for line in glance.lines if regex.fullmatch(line)}) / full
