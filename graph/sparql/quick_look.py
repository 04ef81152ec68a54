"""What can be told of a query without reading it: cheap enough for the web process and for every query.

* :func:`usual_shape`: the form, whether the query names its own dataset, and
  its LIMIT, for queries written the usual way (PREFIX and BASE, the form's
  keyword, no FROM, a plain tail).  The web process uses it to answer 406
  before any work and to choose the dataset; any other query is read by the
  worker (:mod:`graph.sparql`), off the event loop.
* :func:`within_depth`: whether a bound on how deep a reading of the text
  could go (:attr:`~graph.sparql.reading.Reading.depth`) is within the limit;
  such a text needs no reading for the limit's sake.
"""
from __future__ import annotations

import re
from typing import NamedTuple

from graph.sparql.terminals import LARGEST_COUNT


class QueryShape(NamedTuple):
    """``limit`` is the LIMIT of a SELECT as a whole when its text plainly ends with one: no answer has more rows."""

    form: str
    names_dataset: bool
    limit: int | None = None


# The usual opening of a query: PREFIX and BASE declarations, then the form's keyword, in ASCII, without comments.
_USUAL_OPENING = re.compile(
    r"""(?:[ \t\r\n]*(?:PREFIX[ \t\r\n]+(?:[A-Za-z][A-Za-z0-9_\-]*)?:|BASE)[ \t\r\n]*<[^<>"{}|^`\\\x00-\x20]*>)*"""
    r"[ \t\r\n]*(SELECT|ASK|DESCRIBE)(?=[ \t\r\n*?$({<])",
    re.IGNORECASE | re.ASCII,
)
# Characters that could hide a "{" from a plain search: strings, comments, escapes in names.
_HIDING = re.compile(r"""["'#\\]""")


def usual_shape(text: str) -> QueryShape | None:
    """The shape of a query written the usual way; None for any other (the worker reads it).

    After a usual opening, the text up to the first ``{`` holds no dataset
    clause when it does not contain "from" at all, and that ``{`` is the first
    group when nothing before it is a string, a comment or an escape.
    """
    opening = _USUAL_OPENING.match(text)
    if opening is None:
        return None
    first_group = text.find("{", opening.end())
    head = text[opening.end():first_group] if first_group >= 0 else text[opening.end():]
    if "from" in head.lower() or _HIDING.search(head):
        return None
    form = opening.group(1).upper()
    if form != "SELECT":
        return QueryShape(form, False)
    limit = plain_limit(text)
    if limit is not None and limit > LARGEST_COUNT:
        return None  # the worker's reading says, in words, that the engine cannot take it
    return QueryShape(form, False, limit)


# What may follow the WHERE clause of a query that ends with its LIMIT: GROUP BY and ORDER BY on
# variables, then LIMIT and OFFSET, in ASCII; no strings, comments, escapes or groups.
_PLAIN_TAIL = re.compile(
    r"""[ \t\r\n]*
    (?:GROUP[ \t\r\n]+BY(?:[ \t\r\n]+[?$]\w+)+[ \t\r\n]*)?
    (?:ORDER[ \t\r\n]+BY(?:[ \t\r\n]*(?:(?:ASC|DESC)[ \t\r\n]*\([ \t\r\n]*[?$]\w+[ \t\r\n]*\)|[?$]\w+))+[ \t\r\n]*)?
    (?:LIMIT[ \t\r\n]+(\d+)(?:[ \t\r\n]+OFFSET[ \t\r\n]+\d+)?|OFFSET[ \t\r\n]+\d+[ \t\r\n]+LIMIT[ \t\r\n]+(\d+))
    [ \t\r\n]*\Z""",
    re.VERBOSE | re.IGNORECASE | re.ASCII,
)


def plain_limit(text: str) -> int | None:
    """The LIMIT that applies to the whole query, when the text plainly ends with it; else None.

    The last ``}`` closes the WHERE clause when everything after it is
    solution modifiers: a string around it would have to close after it, in
    text that has no quotes, and a comment around it would start before it on
    its line (such a line is not trusted).  A LIMIT there bounds the answer
    whatever the WHERE clause holds (SPARQL 1.1 Query §18.2.5).
    """
    close = text.rfind("}")
    if close < 0 or "#" in text[text.rfind("\n", 0, close) + 1:close]:
        return None
    tail = _PLAIN_TAIL.match(text, close + 1)
    if tail is None:
        return None
    return int(tail.group(1) or tail.group(2))


# Each level a reading counts (graph.sparql.reading.Reading.depth) is charged to one of these characters:
# a group or bracket opens, an operator or path step joins, "<" starts a reified triple or an IRI
# (a DESCRIBE item), ":" a prefixed name, "?" a path modifier or an ORDER BY variable.  No character
# is charged more than three times (a "{" opens a group, is an item of its group, and is followed by
# a triples block); tests/graph/sparql/test_sparql_guard.py checks the bound on generated texts.
_CHARGED = "{([|/^&+-*!<=>~?:"
_CHARGES_PER_CHARACTER = 3


def depth_bound(text: str) -> int:
    """An upper bound on the depth a reading of ``text`` reaches."""
    return sum(map(text.count, _CHARGED)) * _CHARGES_PER_CHARACTER


def within_depth(text: str, max_depth: int) -> bool:
    """True when no reading of ``text`` can go deeper than ``max_depth``: most texts are too short to."""
    return len(text) * _CHARGES_PER_CHARACTER <= max_depth or depth_bound(text) <= max_depth
