"""What a 404 page offers beside the nearest ancestor: resources whose IRI or name is close to the one typed.

A reader who types ``/id/actor/mexic`` or ``/id/instrument/icrmw/article/222`` wants
``/id/actor/mexico`` or article 22 (issue 14, point 1).  Two looks, both bounded
whatever the path (the path is hostile input, issue 10, point 3):

* **by IRI**: the typed IRI cut short, a character at a time, down to half its last
  step (``…/article/222`` → ``…/article/22``): at most :data:`MAX_STEP_CHARS` / 2
  candidates, looked up in the one query that also finds the nearest ancestor
  (:func:`api.nearest.known_among`: ``VALUES``, in a worker, under the time limit).
  A query that scanned the graph's names for IRIs *starting* with the typed step
  cost a third of a second on the five sources; looking up a few IRIs costs what
  the ancestor look-up costs.
* **by name**: the typed step's words, the last one completed, looked up in the
  release's search index among named resources (not statements): ``mexic`` finds
  "Mexico".  At most :data:`MAX_WORDS` words are read; resources in the typed IRI's
  own folder, and those whose last step starts with the typed one, come first.

A nonsense step is offered nothing: nothing cut from it exists, and no name holds its words.
"""
from __future__ import annotations

import re
from pathlib import Path

from api.nearest import is_iri
from api.views.resources import Link
from graph import iris
from graph.errors import MrkgError
from graph.search import SearchRequest, index_file, search
from graph.search.model import KINDS
from graph.search.query import SHORTEST_PREFIX

MAX_STEP_CHARS = 64
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


def shorter(resource: str) -> list[str]:
    """The typed IRI with its last step cut short, longest first, down to half the step (IRIs the engine accepts)."""
    split = _parent_and_step(resource)
    if split is None:
        return []
    parent, step = split
    kept = range(len(step) - 1, (len(step) + 1) // 2 - 1, -1)
    return [parent + step[:k] for k in kept if k and is_iri(parent + step[:k])]


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
    split = _parent_and_step(resource)
    parent, step = split if split is not None else ("", "")

    def nearer(hit: Link) -> tuple[bool, bool]:
        return not hit.iri.startswith(parent), not hit.iri[len(parent):].startswith(step)

    hits = [Link(hit.id, hit.label) for hit in found.results if hit.id != resource]
    return sorted(hits, key=nearer)  # stable: the search's own order within each
