"""Reading sources: one reader per genre (:data:`READERS`), over modules named after what they read
(dates, numbers, names, people, speakers, footnotes, markup, layout).

:func:`graph.sources.choose_reader` picks the most confident genre reader, or the general reader for
prose (:data:`GENERAL_READER`) when none is sure enough.
"""
from graph.parse.readers import GENERAL_READER, READERS

__all__ = ["GENERAL_READER", "READERS"]
