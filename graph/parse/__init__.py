"""Reading sources: one reader per genre (:data:`READERS`), a folder each (``summary_record/``,
``concept_note/``, ``seminar_summary/``, ``discussion_forum/``, and ``prose/`` for the general reader),
over the helpers they share in ``shared/`` (dates, numbers, names, people, speakers, footnotes, markup,
layout). ``base``, ``cues``, ``genre_cues`` and ``readers`` are how a reader is chosen.

:func:`graph.sources.choose_reader` picks the most confident genre reader, or the general reader for
prose (:data:`GENERAL_READER`) when none is sure enough.
"""
from graph.parse.readers import GENERAL_READER, READERS

__all__ = ["GENERAL_READER", "READERS"]
