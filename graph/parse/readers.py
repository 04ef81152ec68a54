"""The genre readers, most specific genre first."""
from __future__ import annotations

from graph.parse.base import GenreReader
from graph.parse.concept_note import ConceptNoteReader
from graph.parse.discussion_forum import DiscussionForumReader
from graph.parse.seminar_summary import SeminarSummaryReader
from graph.parse.summary_record import SummaryRecordReader

READERS: tuple[GenreReader, ...] = (
    SummaryRecordReader(),
    ConceptNoteReader(),
    SeminarSummaryReader(),
    DiscussionForumReader(),
)
