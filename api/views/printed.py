"""How documents print a session or an actor: the words of each mention, where they are.

A session, an actor or an agenda item is named by any number of documents; each
document's words and offsets are a ``mrkg:Mention`` in that document's own graph
(issue 11, point 1).  A page shows the printed forms, most printed first, each with
how many places print it and the first of them: the statement it stands in (its
paragraph), or else the mention itself, whose page gives the offsets into the source
text.  A State named in thousands of paragraphs has thousands of places: the page
lists the first few of each form, and ``?list=printed&form=…`` pages through all
the places of one form (issue 11, point 7).

The forms are counted by the engine (one row per spelling as printed, markup
included); spellings that differ only by markup or spacing are one form.
"""
from __future__ import annotations

from dataclasses import dataclass, field

import pyoxigraph as ox

from api.views.paging import BadPaging, PageRequest, Paged, paged, quoted
from api.views.query import iri, select
from api.views.resources import Link, labels
from graph.parse.markup import strip_markup

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
    count: int  # places that print it
    spellings: tuple[str, ...] = ()  # the words exactly as printed (markup included) that read as ``words``
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


def _read(words: object) -> str:
    return " ".join(strip_markup(str(words)).split())


def printed_forms(store: ox.Store, resource: str, request: PageRequest = PageRequest()) -> PrintedForms:
    """Every form ``resource`` is printed in, most printed first, with the first places of each."""
    node = iri(resource)
    counted: dict[str, PrintedForm] = {}
    for row in select(store, f"""SELECT ?words (COUNT(?mention) AS ?n) WHERE {{
            ?mention mrkg:mentionOf {node} ; nif:anchorOf ?words }} GROUP BY ?words"""):
        words = _read(row["words"])
        form = counted.setdefault(words, PrintedForm(words, 0))
        form.count += int(row["n"])
        form.spellings += (str(row["words"]),)
    ranked = sorted(counted.values(), key=lambda form: (-form.count, form.words))
    chosen = request.form if request.list == LIST else None
    # With one form chosen, page and size are its places': the forms show their first page.
    forms = paged(PageRequest() if chosen else request, LIST, "printed forms", len(ranked),
                  lambda limit, offset: ranked[offset:offset + limit])
    for form in forms.items:
        if form.words != chosen:
            form.places = places(store, resource, form, PLACES_SHOWN, 0)
    if chosen is None:
        return PrintedForms(forms)
    if chosen not in counted:
        raise BadPaging(f"no document prints this resource as {quoted(chosen)}; its printed forms are: "
                        + "; ".join(quoted(form.words) for form in ranked[:20]))
    form = counted[chosen]
    page = paged(request, LIST, "places", form.count,
                 lambda limit, offset: places(store, resource, form, limit, offset), extra={"form": chosen})
    form.places = page.items
    return PrintedForms(forms, form, page)


def places(store: ox.Store, resource: str, form: PrintedForm, limit: int, offset: int) -> list[Place]:
    """Where ``form`` is printed, by document and place in it."""
    spellings = " ".join(str(ox.Literal(words)) for words in form.spellings)
    rows = select(store, f"""SELECT ?mention ?doc ?begin ?end ?statement ?number WHERE {{
        VALUES ?words {{ {spellings} }}
        ?mention mrkg:mentionOf {iri(resource)} ; nif:anchorOf ?words ; nif:referenceContext ?doc ;
                 nif:beginIndex ?begin ; nif:endIndex ?end .
        OPTIONAL {{ ?mention nif:superString ?statement OPTIONAL {{ ?statement mrkg:paragraphNumber ?number }} }}
    }} ORDER BY ?doc ?begin ?mention LIMIT {int(limit)} OFFSET {int(offset)}""")
    names = labels(store, [row["doc"] for row in rows] + [row["statement"] for row in rows if row["statement"]])
    return [Place(Link(row["doc"], names[row["doc"]]), _passage(row, names)) for row in rows]


def _passage(row: dict, names: dict[str, str]) -> Link:
    """The paragraph the words stand in, or (in a heading, a list of participants) the mention itself."""
    if row["statement"]:
        text = f"para. {row['number']}" if row["number"] is not None else names[row["statement"]]
        return Link(row["statement"], text)
    return Link(row["mention"], f"characters {row['begin']}–{row['end']}")
