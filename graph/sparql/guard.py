"""Which remote calls a query or update may make: the policy, applied to a reading, never to the bare text.

* Every SERVICE clause and LOAD operation found by the reading must name, as
  the engine resolves it, an endpoint that is exactly on the allowlist
  (``Settings.service_allowlist``); an endpoint given by a variable is
  refused (it is known only when the query runs).  403.  The one exception
  is the text search of a query, ``SERVICE <https://w3id.org/mrkg/search>``,
  which the service answers itself (:mod:`graph.sparql.search_clause`) and
  which never reaches the engine.
* A text that could call out (:func:`may_call_out`) and cannot be read is
  refused with the reader's error and position, never run.  400.
* The safety net: every occurrence of the keyword, in any case, that is not
  inside a string, IRI, name or comment must be a clause the reading found.
  The engine replaces ``\\u`` escapes only inside IRIs and strings, so the
  keyword it reads is spelled in the text as it stands.  An occurrence the
  reading cannot place means the reader and the engine may disagree: refused.
"""
from __future__ import annotations

import re

from graph.errors import RemoteCallRefused
from graph.sparql import QUERY_KEYWORDS, UPDATE_KEYWORDS, read_query, read_update
from graph.sparql.quick_look import within_depth
from graph.sparql.reading import Reading, RemoteCall, line_and_column, shortened
from graph.sparql.search_clause import SEARCH_SERVICE
from graph.sparql.terminals import code_point

_ESCAPE = re.compile(r"\\u(.{4})|\\U(.{8})", re.DOTALL)


def may_call_out(text: str, update: bool = False) -> bool:
    """Could this text hold a SERVICE (or, in an update, a LOAD)?  False only when it certainly cannot.

    The quick look that spares most queries a reading: the engine's keywords
    are ASCII letters in any case, so a text in which the keyword appears
    nowhere, even with its ``\\u`` escapes replaced, has no such clause.
    (Lower-casing is exact for ASCII text, and several times quicker than a
    case-insensitive search.)
    """
    keywords = UPDATE_KEYWORDS if update else QUERY_KEYWORDS
    if text.isascii():
        lowered = text.lower()
        if "service" in lowered or (update and "load" in lowered):
            return True
    elif keywords.search(text) is not None:
        return True
    return "\\" in text and _ESCAPE.search(text) is not None and keywords.search(_replace_escapes(text)) is not None


def _replace_escapes(text: str) -> str:
    """The text with every ``\\u`` escape that names a character replaced by it (Query §19.2's reading)."""
    def replace(match: re.Match[str]) -> str:
        digits = match.group(1) or match.group(2)
        return code_point(digits, len(digits)) or match.group()

    return _ESCAPE.sub(replace, text)


def check_remote_calls(reading: Reading, text: str, allowlist: tuple[str, ...], answered_here: bool = False) -> None:
    """Raise RemoteCallRefused for the first call that is not allowed (and for any the reading cannot place).

    ``answered_here``: the text is a query whose search SERVICE clauses the
    service answers itself before the engine runs it.
    """
    allowed = ", ".join(f"<{iri}>" for iri in allowlist) if allowlist else "none"
    for call in reading.remote_calls:
        if call.iri is not None and call.iri in allowlist:
            continue
        if call.iri == SEARCH_SERVICE and call.keyword == "SERVICE" and answered_here:
            continue
        line, column = line_and_column(text, call.offset)
        if call.iri == SEARCH_SERVICE:
            raise RemoteCallRefused(
                f"{call.keyword} <{SEARCH_SERVICE}> is refused at line {line}, column {column}: the text search is "
                "answered in the SERVICE clause of a query only, not in an update or a LOAD", line, column)
        if call.iri is None:
            raise RemoteCallRefused(
                f"{call.keyword} {shortened(call.written)} is refused at line {line}, column {column}: its endpoint is "
                f"a variable, known only when the query runs; this server calls only the endpoints on its allowlist "
                f"({allowed})", line, column)
        raise RemoteCallRefused(
            f"{call.keyword} <{shortened(call.iri)}> is refused at line {line}, column {column}: this server calls "
            f"only the endpoints on its allowlist ({allowed})", line, column)
    for offset in reading.unaccounted:
        line, column = line_and_column(text, offset)
        raise RemoteCallRefused(
            f"{shortened(text[offset:offset + 7])!r} at line {line}, column {column} is refused: the service cannot "
            "tell whether the engine would read it as a remote call", line, column)


def admit(text: str, base_iri: str | None, allowlist: tuple[str, ...], max_depth: int, update: bool = False,
          must_read: bool = False, search_here: bool = True) -> Reading | None:
    """Read the text if it could call out or nest too deeply (or when ``must_read``) and apply the policy.

    None when the quick looks show that no reading is needed: the engine may
    run the text as it is.  Raises QuerySyntaxError, QueryTooDeep or
    RemoteCallRefused (each with line and column) for a text it must not run.
    A query may keep its search SERVICE clauses (``search_here``): the caller
    answers them (:mod:`graph.store.search_service`) before the engine runs it.
    """
    if not must_read and not may_call_out(text, update) and within_depth(text, max_depth):
        return None
    reading = (read_update if update else read_query)(text, base_iri, max_depth)
    check_remote_calls(reading, text, allowlist, answered_here=search_here and not update)
    return reading


def failed_call(calls: tuple[RemoteCall, ...]) -> str:
    """What a client is told when an allowlisted endpoint fails: which one, never what it answered."""
    endpoints = sorted({call.iri for call in calls if call.iri is not None})
    keywords = " or ".join(sorted({call.keyword for call in calls}))
    if len(endpoints) == 1:
        return f"the {keywords} call to <{shortened(endpoints[0])}> failed"
    named = ", ".join(f"<{shortened(iri)}>" for iri in endpoints[:5])
    return f"a {keywords} call to one of {named} failed"
