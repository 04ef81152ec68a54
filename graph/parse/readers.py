"""The genre readers, most specific genre first, and the general reader that takes what none of them is sure of."""
from __future__ import annotations

from graph.parse.base import GenreReader
from graph.parse.concept_note import ConceptNoteReader
from graph.parse.discussion_forum import DiscussionForumReader
from graph.parse.prose_document import ProseReader
from graph.parse.seminar_summary import SeminarSummaryReader
from graph.parse.summary_record import SummaryRecordReader

READERS: tuple[GenreReader, ...] = (
    SummaryRecordReader(),
    ConceptNoteReader(),
    SeminarSummaryReader(),
    DiscussionForumReader(),
)
GENERAL_READER: GenreReader = ProseReader()
