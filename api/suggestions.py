"""What a 404 page offers beside the nearest ancestor: resources whose IRI or name is close to the one typed.

A reader who types ``/id/actor/mexic`` or ``/id/instrument/icrmw/article/222`` wants
``/id/actor/mexico`` or article 22 (issue 14, point 1).  Two looks, both bounded
whatever the path (the path is hostile input, issue 10, point 3):

* **by IRI**: the resources in the same folder of IRIs (the typed IRI's parent)
  whose last step shares the longest start with the typed one.  One query, to a
  query worker, under the time limit of every query; it returns at most
  :data:`MAX_SIBLINGS` rows, and only the typed step's first :data:`MAX_STEP_CHARS`
  characters are read.  A sibling is offered only when it shares at least half of
  the typed step, so a nonsense step is offered nothing rather than any name that
  happens to start with the same letter.
* **by name**: the typed step's words, the last one completed, looked up in the
  release's search index among named resources (not statements): ``mexic`` finds
  "Mexico".  At most :data:`MAX_WORDS` words are read.
"""
from __future__ import annotations

import re
from pathlib import Path

from api.nearest import _is_iri
from api.views.resources import RDFS_LABEL, Link, fallback_label
from graph import iris
from graph.errors import MrkgError
from graph.search import SearchRequest, index_file, search
from graph.search.model import KINDS
from graph.search.query import SHORTEST_PREFIX
from graph.store.endpoint import QueryService

MAX_STEP_CHARS = 64
MAX_SIBLINGS = 1000  # rows the IRI look-up reads at most (a document's statements are a few hundred)
MAX_WORDS = 4
SHOWN = 5  # suggestions of each kind
NAMED_KINDS = tuple(kind for kind in KINDS if kind != "statement")  # a statement's "name" is its text


def _parent_and_step(resource: str) -> tuple[str, str] | None:
    if not resource.startswith(iris.ID):
        return None
    parent, _, step = resource.rpartition("/")
    if not step or len(parent) < len(iris.ID) - 1:
        return None
    return parent + "/", step[:MAX_STEP_CHARS]


def shared_start(one: str, other: str) -> int:
    count = 0
    for a, b in zip(one.lower(), other.lower()):
        if a != b:
            break
        count += 1
    return count


def ranked_siblings(step: str, parent: str, siblings: list[tuple[str, str | None]]) -> list[Link]:
    """The siblings close enough to ``step``: sharing at least half of it, the most shared first, then the shortest."""
    scored = []
    for sibling, label in siblings:
        last = sibling[len(parent):]
        shared = shared_start(step, last)
        if shared and 2 * shared >= len(step) and last != step:
            scored.append((-shared, len(last), last, Link(sibling, label or fallback_label(sibling))))
    return [found[-1] for found in sorted(scored, key=lambda item: item[:3])[:SHOWN]]


async def by_iri(queries: QueryService, resource: str) -> list[Link]:
    """Resources in the typed IRI's folder whose last step starts as the typed one does."""
    split = _parent_and_step(resource)
    if split is None or not _is_iri(split[0] + split[1][:1]):
        return []
    parent, step = split
    start = parent + step[:1]
    query = ('SELECT ?r (SAMPLE(?l) AS ?label) WHERE { ?r <' + RDFS_LABEL + '> ?l . '
             'FILTER (isIRI(?r) && STRSTARTS(STR(?r), "' + _quoted(start) + '") '
             '&& !CONTAINS(STRAFTER(STR(?r), "' + _quoted(parent) + '"), "/")) } '
             f'GROUP BY ?r LIMIT {MAX_SIBLINGS}')
    try:
        rows = await queries.select(query)
    except MrkgError:
        return []  # a 404 page without suggestions is still a 404 page
    siblings = [(row["r"]["value"], row["label"]["value"] if "label" in row else None) for row in rows]
    return ranked_siblings(step, parent, siblings)


def _quoted(text: str) -> str:
    """A SPARQL string's content: the IRI was accepted by the engine, but a quote or backslash is escaped anyway."""
    return text.replace("\\", "\\\\").replace('"', '\\"')


def search_text(resource: str) -> str | None:
    """The typed step as a search: its words (``-`` and ``_`` split them), the last one completed."""
    split = _parent_and_step(resource)
    if split is None:
        return None
    words = [word for word in re.split(r"[^\w]+|_", split[1]) if word][:MAX_WORDS]
    if not words or len(words[-1]) < SHORTEST_PREFIX:
        return None
    return " ".join(words) + "*"


def by_name(release_path: Path, resource: str) -> list[Link]:
    """Named resources (actors, provisions, instruments, documents, topics) whose labels hold the typed words."""
    text = search_text(resource)
    index = index_file(release_path)
    if text is None or not index.exists():
        return []
    try:
        found = search(index, SearchRequest(text, size=SHOWN, kinds=NAMED_KINDS))
    except MrkgError:  # a step the search language cannot read: nothing to offer by name
        return []
    return [Link(hit.id, hit.label) for hit in found.results if hit.id != resource]
