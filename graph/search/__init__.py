"""Full-text search over the published graph: statements, provisions, instruments, actors, documents, topics.

The index is built by ``mrkg build`` into each release (``index_file``) from the graph as published, read
by the contract's properties, so whatever another step adds to the graph is searchable without changes here
(issue 13 item 1).  ``search`` answers a ``SearchRequest`` from a release's index.
"""
from __future__ import annotations

from pathlib import Path

from graph.search.model import (FACETS, KINDS, FacetValue, Hit, SearchAnswer, SearchIndexMissing, SearchRequest,
                                SearchRequestError, SearchSyntaxError)

__all__ = ["FACETS", "KINDS", "FacetValue", "Hit", "SearchAnswer", "SearchIndexMissing", "SearchRequest",
           "SearchRequestError", "SearchSyntaxError", "index_file", "search"]

INDEX_NAME = "search.sqlite"


def index_file(release_dir: Path) -> Path:
    """Where a release keeps its search index."""
    return release_dir / INDEX_NAME


def search(index: Path, request: SearchRequest) -> SearchAnswer:
    """The answer to ``request`` from the index at ``index`` (see ``index_file``).

    Raises ``SearchSyntaxError`` for a query not in the search language, ``SearchRequestError`` for a
    parameter out of range, ``SearchIndexMissing`` when the release has no index.
    """
    from graph.search.searcher import answer  # the engine loads only when searching

    return answer(index, request)
