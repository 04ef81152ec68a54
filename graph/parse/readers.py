"""The genre readers, most specific genre first, and the general reader that takes what none of them is sure of."""
from __future__ import annotations

from graph.parse.base import GenreReader
from graph.parse.concept_note.reader import ConceptNoteReader
from graph.parse.discussion_forum.reader import DiscussionForumReader
from graph.parse.prose.reader import ProseReader
from graph.parse.seminar_summary.reader import SeminarSummaryReader
from graph.parse.summary_record.reader import SummaryRecordReader

READERS: tuple[GenreReader, ...] = (
    SummaryRecordReader(),
    ConceptNoteReader(),
    SeminarSummaryReader(),
    DiscussionForumReader(),
)
GENERAL_READER: GenreReader = ProseReader()
