"""SPARQL read as the engine reads it, for the service's guard and for what it needs to know before running a query.

The engine (pyoxigraph 0.5) parses every query itself but shows us nothing
of its parse, can fetch from the network (SERVICE, LOAD) and has no hook to
refuse that, and crashes on deep nesting.  So the service reads each query
that could call out or nest deeply with its own parser, a recursive descent
over the W3C SPARQL 1.1 Query and Update grammars (§19) as the engine
implements them, with the SPARQL 1.2 and SEP-0006 additions the engine
accepts (triple terms, reifiers and annotations, VERSION, LATERAL, ADJUST).
Where the engine departs from the grammar the parser follows the engine: the
guard must see the query the engine will run (see :mod:`.terminals`).
``tests/graph/sparql/test_differential.py`` checks on the W3C test suites that
both accept the same texts.

A :class:`~.reading.Reading` gives the form, the dataset clauses, the LIMIT,
every SERVICE and LOAD with its endpoint resolved as the engine resolves it,
and how deep the query goes.  Reading runs in the query workers, under the
time limit, never in the web process's event loop: it is pure Python, about a
quarter of a second for a query of 1 MB, and most queries need none (see
:func:`.guard.admit`).

    terminals, iris, language_tags   the lexical level: tokens, IRI resolution, language tags
    reader                           position, backtracking, depth, what was found
    terms, expressions, triples      the productions, one module per part of the grammar
    groups, select, queries, updates
    guard                            the policy: which remote calls are refused, the quick look
    quick_look                       what the web process reads without parsing
"""
from __future__ import annotations

import re
import sys
from dataclasses import replace

from graph.sparql.reader import Mismatch
from graph.sparql.reading import Reading, RemoteCall
from graph.sparql.updates import UpdateGrammar

__all__ = ["Reading", "RemoteCall", "read_query", "read_update", "QUERY_KEYWORDS", "UPDATE_KEYWORDS"]

QUERY_KEYWORDS = re.compile("service", re.IGNORECASE | re.ASCII)  # what can make a query call out
UPDATE_KEYWORDS = re.compile("service|load", re.IGNORECASE | re.ASCII)
DEFAULT_MAX_DEPTH = 1000
_FRAMES_PER_LEVEL = 24  # the reader's Python frames for one level of nesting, with room to spare


def read_query(text: str, base_iri: str | None = None, max_depth: int = DEFAULT_MAX_DEPTH) -> Reading:
    """Read a query; QuerySyntaxError or QueryTooDeep (with line and column) when the engine must not get it."""
    return _read(text, base_iri, max_depth, update=False)


def read_update(text: str, base_iri: str | None = None, max_depth: int = DEFAULT_MAX_DEPTH) -> Reading:
    return _read(text, base_iri, max_depth, update=True)


def _read(text: str, base_iri: str | None, max_depth: int, update: bool) -> Reading:
    reader = UpdateGrammar(text, base_iri, max_depth, UPDATE_KEYWORDS if update else QUERY_KEYWORDS)
    _allow_recursion(min(max_depth, 3 * len(text)))  # a level takes at least one character (quick_look.depth_bound)
    try:
        reading = reader.update() if update else reader.query()
    except Mismatch:
        raise reader.syntax_error() from None
    calls = tuple(sorted(reader.calls, key=lambda call: call.offset))
    placed = set(reader.covered) | {call.offset for call in calls}
    unaccounted = tuple(offset for offset in reader.watched if offset not in placed)
    base = reader.base.value if reader.base is not None else None
    return replace(reading, remote_calls=calls, depth=reader.deepest, unaccounted=unaccounted,
                   prefixes=tuple(reader.prefixes.items()), base=base)


def _allow_recursion(max_depth: int) -> None:
    """The reader recurses once per level; the depth limit, not Python's default of 1,000 frames, bounds it.

    Python 3.11 keeps calls between Python functions off the C stack, so the
    frames are cheap; the query workers also read on a thread with a large
    stack (graph.store.worker).
    """
    needed = max_depth * _FRAMES_PER_LEVEL + 1000
    if sys.getrecursionlimit() < needed:
        sys.setrecursionlimit(needed)
