"""How documents print a session or an actor: the words of each mention, where they are.

A session, an actor or an agenda item is named by any number of documents; each
document's words and offsets are a ``mrkg:Mention`` in that document's own graph
(issue 11, point 1).  A page shows the printed forms, most printed first, each with
how many places print it and the first of them: the statement it stands in (its
paragraph), or else the mention itself, whose page gives the offsets into the source
text.  A State named in thousands of paragraphs has thousands of places: the page
lists the first few of each form, and ``?list=printed&form=…`` pages through all
the places of one form (issue 11, point 7), in the corpus's order (the meeting's date,
the document, the place in it: :mod:`api.views.ordering`).

The engine counts each spelling in each document's graph; spellings that differ only
by markup or spacing are one form.
"""
from __future__ import annotations

from collections import Counter
from typing import Any
from dataclasses import dataclass, field

import pyoxigraph as ox

from api.views.ordering import COUNT_WEIGHT, NO_MEMO, DocumentOrder, Memo, document_order, page_in_documents
from api.views.paging import BadPaging, PageRequest, Paged, paged, quoted
from api.views.query import iri, select
from api.views.resources import Link, labels
from graph.export_marks import strip_markup
from graph.store import PublishedData
from graph.vocab import PREFIX_MAP

PLACES_SHOWN = 12  # places listed under each form on the page itself
LIST = "printed"


@dataclass(frozen=True)
class Place:
    """One place a document prints the words: the document, and the passage to open."""

    document: Link
    passage: Link


@dataclass
class PrintedForm:
    words: str  # as printed, without markup such as ** and with runs of white space as one space
    count: int = 0  # places that print it
    spellings: set[str] = field(default_factory=set)  # the words exactly as printed (markup included)
    per_document: Counter[str] = field(default_factory=Counter)  # document graph → places in it
    places: list[Place] = field(default_factory=list)  # the first places, or the requested page of them

    @property
    def more(self) -> int:
        return self.count - len(self.places)


@dataclass
class PrintedForms:
    """The printed forms of a resource, and (when one form is asked for) a page of all its places."""

    forms: Paged[PrintedForm]
    chosen: PrintedForm | None = None
    places: Paged[Place] | None = None
    all_words: list[str] = field(default_factory=list)  # every form, on any page of the list


def _read(words: object) -> str:
    return " ".join(strip_markup(str(words)).split())


def printed_forms(store: PublishedData, resource: str, request: PageRequest = PageRequest(),
                  memo: Memo = NO_MEMO) -> PrintedForms:
    """Every form ``resource`` is printed in, most printed first, with the first places of each."""
    # A copy of each kept form: the places listed under it are this request's.
    counted = {words: PrintedForm(words, form.count, set(form.spellings), form.per_document)
               for words, form in memo.bounded(("printed forms", resource), lambda: _count_forms(store, resource),
                                               _weight).items()}
    ranked = sorted(counted.values(), key=lambda form: (-form.count, form.words))
    chosen = request.form if request.list == LIST else None
    # With one form chosen, page and size are its places': the forms show their first page.
    forms = paged(PageRequest() if chosen else request, LIST, "printed forms", len(ranked),
                  lambda limit, offset: ranked[offset:offset + limit])
    order: DocumentOrder = memo("document order", lambda: document_order(store))
    for form in forms.items:
        if form.words != chosen:
            form.places = places(store, resource, form, order, PLACES_SHOWN, 0)
    every = [form.words for form in ranked]
    if chosen is None:
        return PrintedForms(forms, all_words=every)
    if chosen not in counted:
        raise BadPaging(f"no document prints this resource as {quoted(chosen)}; its printed forms are: "
                        + "; ".join(quoted(form.words) for form in ranked[:20]))
    form = counted[chosen]
    page = paged(request, LIST, "places", form.count,
                 lambda limit, offset: places(store, resource, form, order, limit, offset), extra={"form": chosen})
    form.places = page.items
    return PrintedForms(forms, form, page, every)


def _count_forms(store: PublishedData, resource: str) -> dict[str, PrintedForm]:
    """Each form's places, per document: the engine counts each spelling in each document's graph."""
    counted: dict[str, PrintedForm] = {}
    read: dict[str, str] = {}  # spelling → form: a few spellings, printed in thousands of documents
    solutions = store.query(f"""SELECT ?g ?words (COUNT(?mention) AS ?n) WHERE {{
            GRAPH ?g {{ ?mention mrkg:mentionOf {iri(resource)} ; nif:anchorOf ?words }} }} GROUP BY ?g ?words""",
                            prefixes=PREFIX_MAP)
    assert isinstance(solutions, ox.QuerySolutions)
    for graph, spelling, number in solutions:
        words = read.get(spelling.value) or read.setdefault(spelling.value, _read(spelling.value))
        form = counted.get(words) or counted.setdefault(words, PrintedForm(words))
        count = int(number.value)
        form.count += count
        form.spellings.add(spelling.value)
        form.per_document[graph.value] += count
    return counted


def _weight(counted: dict[str, PrintedForm]) -> int:
    return sum(COUNT_WEIGHT * (len(form.per_document) + len(form.spellings)) for form in counted.values())


def places(store: PublishedData, resource: str, form: PrintedForm, order: DocumentOrder, limit: int,
           offset: int) -> list[Place]:
    """Where ``form`` is printed, in the corpus's order: read from the documents the page falls in."""
    spellings = ", ".join(str(ox.Literal(words)) for words in sorted(form.spellings))
    where = f"?mention mrkg:mentionOf {iri(resource)} ; nif:anchorOf ?words . FILTER (?words IN ({spellings}))"
    mentions = page_in_documents(store, where, order, form.per_document, limit, offset, item="mention")
    if not mentions:
        return []
    rows = select(store, f"""SELECT ?mention ?doc ?begin ?end ?statement ?number WHERE {{
        VALUES ?mention {{ {' '.join(map(iri, mentions))} }}
        ?mention nif:referenceContext ?doc ; nif:beginIndex ?begin ; nif:endIndex ?end .
        OPTIONAL {{ ?mention nif:superString ?statement OPTIONAL {{ ?statement mrkg:paragraphNumber ?number }} }} }}""")
    found = {row["mention"]: row for row in rows}
    names = labels(store, [row["doc"] for row in rows] + [row["statement"] for row in rows if row["statement"]])
    return [Place(Link(found[m]["doc"], names[found[m]["doc"]]), _passage(found[m], names)) for m in mentions
            if m in found]


def _passage(row: dict[str, Any], names: dict[str, str]) -> Link:
    """The paragraph the words stand in, or (in a heading, a list of participants) the mention itself."""
    if row["statement"]:
        text = f"para. {row['number']}" if row["number"] is not None else names[row["statement"]]
        return Link(row["statement"], text)
    return Link(row["mention"], f"characters {row['begin']}–{row['end']}")
