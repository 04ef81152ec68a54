"""Reading sources: one reader per genre (:data:`READERS`), over modules named after what they read
(dates, numbers, names, people, speakers, footnotes, markup, layout).

:func:`graph.sources.reader_for` picks the most confident reader.
"""
from graph.parse.readers import READERS

__all__ = ["READERS"]
