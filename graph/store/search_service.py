"""Answer a query's text-search SERVICE clauses in the query worker, before the engine sees the query.

Issue 13 item 2: the search inside SPARQL runs "under the same guards and
time limit as every query", so it runs here, in the worker the pool ends when
the time limit passes, on the search index of the release the query reads
(:func:`graph.search.index_file`).  Each clause is replaced by a VALUES block
of its matches (:mod:`graph.sparql.search_clause`); the rewritten text is read
and guarded again, so whatever reaches the engine has passed the guard as it
stands.  The same text then runs on the embedded store or an external server.
"""
from __future__ import annotations

from pathlib import Path

from graph.errors import QueryError
from graph.sparql.reading import Reading, shortened
from graph.sparql.search_clause import (
    SEARCH_SERVICE, Match, SearchClause, failed_silently, rewritten, search_clauses, values_block,
)

PAGE_SIZE = 100  # the most one request to the engine returns (graph.search.SearchRequest.size)


class SearchUnavailable(QueryError):
    """The release has no search index to answer from."""

    status = 503


def answer_search_clauses(text: str, reading: Reading, release_folder: Path | None) -> str:
    """The query with every search SERVICE clause replaced by its matches; ``text`` when it has none."""
    clauses = search_clauses(text, reading)
    if not clauses:
        return text
    replacements = []
    for clause in clauses:
        try:
            replacements.append((clause, values_block(clause, matches(clause, release_folder))))
        except QueryError:
            if not clause.silent:
                raise
            replacements.append((clause, failed_silently()))  # SERVICE SILENT: its failure is one empty solution
    return rewritten(text, replacements)


def matches(clause: SearchClause, release_folder: Path | None) -> list[Match]:
    """The clause's matches, best first, at most its limit (fetched a page at a time)."""
    from graph.search import SearchIndexMissing, SearchRequest, SearchRequestError, SearchSyntaxError, index_file, search

    index = index_file(release_folder) if release_folder is not None else None
    if index is None or not index.exists():
        raise _no_index()
    found: list[Match] = []
    page, size = 1, min(PAGE_SIZE, clause.limit)  # one size for every page, so that pages follow each other
    while len(found) < clause.limit:
        request = SearchRequest(text=clause.text, lang=clause.lang, page=page, size=size,
                                kinds=(clause.kind,) if clause.kind else ())
        try:
            answer = search(index, request)
        except (SearchSyntaxError, SearchRequestError) as error:
            raise QueryError(f"SERVICE <{SEARCH_SERVICE}>: the search text {shortened(clause.text, 80)!r} "
                             f"cannot be read: {error}") from None
        except SearchIndexMissing:
            raise _no_index() from None
        found += [Match(hit.id, hit.score, hit.snippet, hit.label) for hit in answer.results]
        if len(answer.results) < size or page * size >= answer.total:
            break
        page += 1
    return found[:clause.limit]


def _no_index() -> SearchUnavailable:
    return SearchUnavailable(f"SERVICE <{SEARCH_SERVICE}>: this build has no search index; `mrkg build` writes one "
                             "into each release")
