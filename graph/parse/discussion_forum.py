"""Reader for the discussion forum genre (being written)."""
from __future__ import annotations

from graph.documents import Source
from graph.parse.base import GenreReader
from graph.records import DocumentKind, ParsedDocument


class DiscussionForumReader(GenreReader):
    kind = DocumentKind.ONLINE_DISCUSSION

    def recognise(self, source: Source) -> float:
        return 0.0

    def read(self, source: Source) -> ParsedDocument:
        raise self.fail(source, 0, "reader not available yet")
