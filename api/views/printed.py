"""How documents print a session or an actor: the words of each mention, where they are.

A session, an actor or an agenda item is named by any number of documents; each
document's words and offsets are a ``mrkg:Mention`` in that document's own graph
(issue 11, point 1).  A page shows the printed forms, each with the places that print
it: the statement it stands in (its paragraph), or else the mention itself, whose page
gives the offsets into the source text.
"""
from __future__ import annotations

from dataclasses import dataclass, field

import pyoxigraph as ox

from api.views.query import iri, select
from api.views.resources import Link, labels
from graph.parse.markup import strip_markup

MAX_MENTIONS = 500  # a State named in thousands of paragraphs: the first places of each form are enough
MAX_PLACES = 12  # places listed for one printed form


@dataclass(frozen=True)
class Place:
    """One place a document prints the words: the document, and the passage to open."""

    document: Link
    passage: Link


@dataclass
class PrintedForm:
    words: str  # as printed, without markup such as ** and with runs of white space as one space
    places: list[Place] = field(default_factory=list)
    more: int = 0  # places beyond those listed


def printed_forms(store: ox.Store, resource: str) -> list[PrintedForm]:
    """Every form ``resource`` is printed in, most printed first, with where each is printed."""
    rows = select(store, f"""SELECT ?mention ?words ?doc ?begin ?end ?statement ?number WHERE {{
        ?mention mrkg:mentionOf {iri(resource)} ; nif:anchorOf ?words ; nif:referenceContext ?doc ;
                 nif:beginIndex ?begin ; nif:endIndex ?end .
        OPTIONAL {{ ?mention nif:superString ?statement OPTIONAL {{ ?statement mrkg:paragraphNumber ?number }} }}
    }} ORDER BY ?doc ?begin LIMIT {MAX_MENTIONS}""")
    names = labels(store, [row["doc"] for row in rows] + [row["statement"] for row in rows if row["statement"]])
    forms: dict[str, PrintedForm] = {}
    for row in rows:
        words = " ".join(strip_markup(str(row["words"])).split())
        form = forms.setdefault(words, PrintedForm(words))
        if len(form.places) >= MAX_PLACES:
            form.more += 1
            continue
        form.places.append(Place(Link(row["doc"], names[row["doc"]]), _passage(row, names)))
    return sorted(forms.values(), key=lambda form: (-(len(form.places) + form.more), form.words))


def _passage(row: dict, names: dict[str, str]) -> Link:
    """The paragraph the words stand in, or (in a heading, a list of participants) the mention itself."""
    if row["statement"]:
        text = f"para. {row['number']}" if row["number"] is not None else names[row["statement"]]
        return Link(row["statement"], text)
    return Link(row["mention"], f"characters {row['begin']}–{row['end']}")
