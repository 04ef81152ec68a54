"""What every genre reader shares.

A reader says how sure it is that a source belongs to its genre, weighing the
genre's cues on the source's opening (:meth:`GenreReader.recognition`, with the
cues behind it; :mod:`graph.parse.genre_cues`), and turns the source into a
:class:`~graph.records.ParsedDocument` (:meth:`GenreReader.read`).  Readers
work from the genre's conventions (headers, numbering, attribution phrases),
never from lists of names or offsets of particular files.
"""
from __future__ import annotations

from abc import ABC, abstractmethod
from typing import ClassVar

from graph.documents import Source, Span
from graph.errors import SourceError
from graph.parse.cues import Cue, Glance, Recognition, recognise
from graph.records import DocumentKind, ParsedDocument


class GenreReader(ABC):
    kind: ClassVar[DocumentKind]
    cues: ClassVar[tuple[Cue, ...]]

    def recognition(self, source: Source | Glance) -> Recognition:
        """How sure this reader is that ``source`` is of its genre, and the cues it shows."""
        return recognise(str(self.kind), self.cues, source)

    def recognise(self, source: Source) -> float:
        """Confidence in [0, 1] that ``source`` is of this reader's genre."""
        return self.recognition(source).score

    @abstractmethod
    def read(self, source: Source) -> ParsedDocument:
        """Parse the source; raise :class:`SourceError` (file and line) when it cannot."""

    @staticmethod
    def fail(source: Source, offset: int, message: str) -> SourceError:
        """An error at a character offset, reported as file:line."""
        return SourceError(source.name, source.line_of(offset), message)


def trimmed(text: str, start: int, end: int) -> Span:
    """The span of ``text[start:end]`` without surrounding whitespace."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return Span(start, end)
