"""A statement's words as its source prints them again in other languages (issue 14, point 5).

A discussion thread's question is posted in English and then in French: the graph
keeps one question with its translations (``mrkg:translation``), and its page shows them.
"""
from __future__ import annotations

from api.views.query import iri, select
from graph.store import PublishedData


def translations(store: PublishedData, resource: str) -> list[tuple[str, str]]:
    """(language, words) of each translation of the statement, by language."""
    rows = select(store, f"""SELECT ?words (LANG(?words) AS ?language) WHERE {{
        {iri(resource)} mrkg:translation ?translation . ?translation mrkg:translatedText ?words }}
        ORDER BY ?language""")
    return [(row["language"], row["words"]) for row in rows if row.get("language")]
