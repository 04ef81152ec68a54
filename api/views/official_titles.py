"""A resource's titles in other languages (issue 14, point 5): its ``skos:prefLabel`` by language.

Read whatever the reader's language, so a view stays the same for every reader
(views are memoized per build); the template picks the title in the page's language.
"""
from __future__ import annotations

from api.views.query import iri, select
from graph.store import PublishedData


def official_titles(store: PublishedData, resource: str) -> dict[str, str]:
    """{"fr": …, "es": …}: the resource's preferred labels in each language that has one."""
    rows = select(store, f"""SELECT ?title (LANG(?title) AS ?language) WHERE {{
        {iri(resource)} skos:prefLabel ?title FILTER (LANG(?title) != "") }}""")
    return {row["language"]: row["title"] for row in rows if row.get("language")}


def every_official_title(store: PublishedData) -> dict[str, dict[str, str]]:
    """IRI → {language: title} for every resource with a preferred label in a language (a hundred at most:
    the catalogue's titles and the topics).

    Read once per build, so that every link to them on a page can show the title in the page's language.
    """
    rows = select(store, """SELECT ?resource ?title (LANG(?title) AS ?language) WHERE {
        ?resource skos:prefLabel ?title FILTER (LANG(?title) != "") }""")
    found: dict[str, dict[str, str]] = {}
    for row in rows:
        if row.get("language"):
            found.setdefault(row["resource"], {})[row["language"]] = row["title"]
    return found
