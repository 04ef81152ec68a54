"""Reading sources: one reader per genre (:data:`READERS`), over modules named after what they read
(dates, numbers, names, people, footnotes, markup, layout).

:func:`graph.sources.reader_for` picks the most confident reader.  The readers are
loaded when :data:`READERS` is first asked for, not when the package is: modules of
``graph.extract`` use the forms of address defined here (:mod:`graph.parse.names`), and the
summary record reader uses ``graph.extract.speakers`` in turn, so loading the
readers with the package would make that a cycle.
"""
from __future__ import annotations

from typing import Any


def __getattr__(name: str) -> Any:
    if name == "READERS":
        from graph.parse.readers import READERS

        return READERS
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
