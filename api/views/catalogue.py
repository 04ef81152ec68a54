"""Instruments and their provisions: the researcher's usual way in.

A provision page answers "who said what about article 22": the provision's
place in its instrument, its title or text where the catalogue has it, and
every statement that cites it (or one of its paragraphs), a page at a time in
the order of the meetings (date, then document, then paragraph), grouped by
document and meeting.  An instrument page lists its provisions in the
instrument's own order, a page at a time, with how often each is cited, and
the statements that mention the instrument.  Every provision carries
``mrkg:instrument`` (materialised by the build), so these are plain joins,
never ``mrkg:partOf*`` paths.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field


from api.views.inferred import InferredStatements, inferred_statements
from api.views.official_titles import official_titles
from api.views.ordering import NO_MEMO, Memo
from api.views.paging import PageRequest, Paged, paged
from api.views.provision_words import ProvisionWords, provision_words
from api.views.query import Row, iri, select
from api.views.resources import Link, labels
from api.views.statements import StatementList, StatementPage, attach_quotes, listing
from graph.content_keys import roman_value
from graph.store import PublishedData
from graph.vocab import MRKG, PREFIX_MAP

# Where a catalogue may keep what a provision says, in the order a reader wants them.
WORDING = [PREFIX_MAP[prefix] + local for prefix, local in (
    ("dcterms", "title"), ("dcterms", "description"), ("mrkg", "text"), ("skos", "definition"), ("rdfs", "comment"))]
# A provision's own kind (Article, Objective, Part, Preamble…): an mrkg: class, not the general one.
SPECIFIC_KIND = "FILTER (STRSTARTS(STR(?k), STR(mrkg:)) && ?k != mrkg:Provision)"


def number_key(number: str | None) -> tuple[tuple[int, int, str], ...]:
    """Sort "2" < "10" < "10.c" < "25(1)"; Parts in Roman numerals sort by value."""
    if not number:
        return ((2, 0, ""),)
    roman = roman_value(number)
    if roman is not None and number.isupper():
        return ((0, roman, ""),)
    return tuple((0, int(tok), "") if tok.isdigit() else (1, 0, tok) for tok in re.findall(r"\d+|[a-z]+", number.lower()))


@dataclass
class ProvisionEntry:
    """A provision as its instrument's page lists it."""

    link: Link
    number: str | None
    kind: str
    title: str | None
    citations: int
    parent: str | None
    children: list["ProvisionEntry"] = field(default_factory=list)
    depth: int = 0  # 0 for a provision directly under the instrument


# The lists of each page: their names as the ``list`` parameter takes them, the main one first.
INSTRUMENT_LISTS = ("provisions", "mentioning", "citing")
PROVISION_LISTS = ("citing",)


@dataclass
class InstrumentView:
    iri: str
    label: str
    notation: str | None
    alt_labels: list[str]
    facts: list[tuple[str, str, str | None]]  # (what, value, link)
    provisions: Paged[ProvisionEntry]  # the page's provisions, in the instrument's order
    continued: list[ProvisionEntry]  # the Part (and article) the page's first provision belongs to
    mentioning: StatementPage
    citation_count: int
    citing: StatementPage | None = None  # statements citing any of its provisions
    titles: dict[str, str] = field(default_factory=dict)  # official titles by language (issue 14, point 5)

    @property
    def mention_count(self) -> int:
        return self.mentioning.total

    def statement_lists(self) -> list[StatementPage]:
        return [self.mentioning] + ([self.citing] if self.citing is not None else [])


@dataclass
class ProvisionView:
    iri: str
    label: str
    number: str | None
    kind: Link | None
    instrument: Link | None
    path: list[Link]  # from the instrument down to the parent
    wording: list[tuple[str, str]]  # (property label, text)
    subdivisions: list[ProvisionEntry]
    neighbours: tuple[Link | None, Link | None]  # previous and next provision under the same parent
    citing: StatementPage
    inferred: InferredStatements | None = None  # discussing it by inference, apart from the citing ones
    words: ProvisionWords | None = None  # its official words and place (issue 13, point 6)
    titles: dict[str, str] = field(default_factory=dict)  # official titles by language (issue 14, point 5)

    @property
    def citation_count(self) -> int:
        return self.citing.total

    def statement_lists(self) -> list[StatementPage]:
        return [self.citing]


def _first(rows: list[Row], key: str) -> str | None:
    return next((row[key] for row in rows if row.get(key) is not None), None)


def _provision_rows(store: PublishedData, instrument: str) -> list[Row]:
    # Two queries: the provision's kind in the same one, an optional with a filter, costs ten times as much.
    rows = select(store, f"""
        SELECT ?p (SAMPLE(?n) AS ?number) (SAMPLE(?l) AS ?label) (SAMPLE(?t) AS ?title) (SAMPLE(?up) AS ?parent)
        WHERE {{ ?p mrkg:instrument {iri(instrument)} .
            OPTIONAL {{ ?p mrkg:number ?n }} OPTIONAL {{ ?p rdfs:label ?l }} OPTIONAL {{ ?p dcterms:title ?t }}
            OPTIONAL {{ ?p mrkg:partOf ?up }} }} GROUP BY ?p""")
    kinds = {row["p"]: row["k"] for row in select(store, f"""SELECT ?p (SAMPLE(?k) AS ?k) WHERE {{
        ?p mrkg:instrument {iri(instrument)} ; a ?k . {SPECIFIC_KIND} }} GROUP BY ?p""")}
    return [{**row, "kind": kinds.get(row["p"])} for row in rows]


def provision_tree(store: PublishedData, instrument: str, memo: Memo = NO_MEMO) -> list[ProvisionEntry]:
    """Every provision of ``instrument``, nested under its parent, in the instrument's order.

    The tree is the catalogue's (a few hundred provisions at most, whatever the corpus),
    read once per build, as are the citations of each provision (:func:`instrument_citations`).
    """
    rows = memo(f"provisions of {instrument}", lambda: _provision_rows(store, instrument))
    entries = {
        row["p"]: ProvisionEntry(Link(row["p"], row["label"] or row["number"] or row["p"]), row["number"],
                                 (row["kind"] or "").rsplit("#", 1)[-1] or "Provision", row["title"], 0,
                                 row["parent"])
        for row in rows
    }
    top: list[ProvisionEntry] = []
    for entry in entries.values():
        parent = entries.get(entry.parent or "")
        (parent.children if parent else top).append(entry)

    def order(items: list[ProvisionEntry], depth: int) -> list[ProvisionEntry]:
        items.sort(key=lambda e: (e.kind != "Part", number_key(e.number), e.link.iri))
        for item in items:
            item.depth = depth
            order(item.children, depth + 1)
        return items

    return order(top, 0)


def flatten(entries: list[ProvisionEntry]) -> list[ProvisionEntry]:
    """The tree in reading order: each provision followed by its subdivisions."""
    out: list[ProvisionEntry] = []
    stack = list(reversed(entries))
    while stack:
        entry = stack.pop()
        out.append(entry)
        stack.extend(reversed(entry.children))
    return out


def instrument_citations(store: PublishedData, instrument: str, memo: Memo = NO_MEMO) -> dict[str, int]:
    """How many statements cite each provision of ``instrument`` (itself, not below it): counted once per build.

    One entry per provision cited, so at most the catalogue's size, however large the corpus.
    A triple is in one graph only: no statement is counted twice.
    """
    return memo(f"citations of {instrument}", lambda: {row["p"]: int(row["n"]) for row in select(store, f"""
        SELECT ?p (COUNT(?s) AS ?n) WHERE {{ ?p mrkg:instrument {iri(instrument)} . ?s mrkg:cites ?p }} GROUP BY ?p""")})


def citation_counts(entries: list[ProvisionEntry], counted: dict[str, int]) -> None:
    """Set each entry's ``citations``: the statements citing that provision itself."""
    for entry in entries:
        entry.citations = counted.get(entry.link.iri, 0)


def mentioning_list(resource: str, label: str) -> StatementList:
    return StatementList("mentioning", f"Statements mentioning {label}", ((str(MRKG.mentions), resource),))


def instrument_view(store: PublishedData, resource: str, request: PageRequest = PageRequest(),
                    memo: Memo = NO_MEMO) -> InstrumentView:
    node = iri(resource)
    rows = select(store, f"""SELECT ?label ?notation ?alt ?kind ?adopted ?force ?by ?page WHERE {{
        {node} rdfs:label ?label .
        OPTIONAL {{ {node} skos:notation ?notation }} OPTIONAL {{ {node} skos:altLabel ?alt }}
        OPTIONAL {{ {node} mrkg:instrumentKind ?kind }} OPTIONAL {{ {node} mrkg:adoptionDate ?adopted }}
        OPTIONAL {{ {node} mrkg:entryIntoForce ?force }} OPTIONAL {{ {node} mrkg:adoptedBy ?by }}
        OPTIONAL {{ {node} foaf:page ?page }} }}""")
    names = labels(store, [resource] + [r[k] for r in rows for k in ("kind", "by") if r[k]])
    facts: list[tuple[str, str, str | None]] = []
    for what, key, linked in (("Kind", "kind", True), ("Adopted", "adopted", False), ("Adopted by", "by", True),
                              ("Entry into force", "force", False), ("Official text", "page", False)):
        found = _first(rows, key)
        if found:
            shown = names.get(found, found) if linked else found
            facts.append((what, shown, found if linked or key == "page" else None))
    tree = provision_tree(store, resource, memo)
    provisions = flatten(tree)
    page = paged(request, "provisions", "provisions", len(provisions),
                 lambda limit, offset: provisions[offset:offset + limit], main=True)
    counted = instrument_citations(store, resource, memo)
    citation_counts(page.items, counted)
    mentioning = listing(store, mentioning_list(resource, names[resource]), request, memo=memo)
    attach_quotes(store, mentioning.items, {resource}, kind="mention")
    citing = listing(store, citing_any_provision(store, resource, names[resource], memo), request, memo=memo)
    return InstrumentView(
        iri=resource, label=names[resource], notation=_first(rows, "notation"),
        alt_labels=sorted({r["alt"] for r in rows if r["alt"]}), facts=facts, provisions=page,
        continued=_continued(next(iter(page.items), None), _index(tree)), mentioning=mentioning,
        citation_count=sum(counted.values()), citing=citing, titles=official_titles(store, resource),
    )


def _continued(first: ProvisionEntry | None, index: dict[str, ProvisionEntry]) -> list[ProvisionEntry]:
    """The Part and article a page's first provision belongs to, outermost first (none when it starts a Part)."""
    chain: list[ProvisionEntry] = []
    parent = index.get(first.parent or "") if first else None
    while parent is not None and len(chain) < 8:
        chain.append(parent)
        parent = index.get(parent.parent or "")
    return list(reversed(chain))


def _citing(resource: str, label: str, below: set[str]) -> StatementList:
    """The statements citing ``resource`` or any provision ``below`` it (a Part gathers its articles' citations)."""
    title = f"Statements citing {label}" + (" or one of its subdivisions" if below else "")
    return StatementList("citing", title, tuple((str(MRKG.cites), cited) for cited in sorted({resource} | below)))


def provision_statement_lists(store: PublishedData, resource: str, memo: Memo = NO_MEMO) -> list[StatementList]:
    instrument = next((row["i"] for row in select(store, f"SELECT ?i WHERE {{ {iri(resource)} mrkg:instrument ?i }}")),
                      None)
    index = _index(provision_tree(store, instrument, memo)) if instrument else {}
    below = set(_index(index[resource].children)) if resource in index else set()
    return [_citing(resource, labels(store, [resource])[resource], below)]


def instrument_statement_lists(store: PublishedData, resource: str, memo: Memo = NO_MEMO) -> list[StatementList]:
    label = labels(store, [resource])[resource]
    return [mentioning_list(resource, label), citing_any_provision(store, resource, label, memo)]


def citing_any_provision(store: PublishedData, instrument: str, label: str, memo: Memo = NO_MEMO) -> StatementList:
    """The statements citing any provision of ``instrument`` (issue 14, point 1: from an instrument's RDF to every
    citation of it).  Only the provisions cited at all are named (counted once per build), so the list's query
    grows with what is cited, not with the catalogue; with none cited, the one link names the instrument, which no
    statement cites (``mrkg:cites`` names provisions), and the list is empty."""
    cited = sorted(instrument_citations(store, instrument, memo)) or [instrument]
    return StatementList("citing", f"Statements citing a provision of {label}",
                         tuple((str(MRKG.cites), provision) for provision in cited))


def provision_view(store: PublishedData, resource: str, request: PageRequest = PageRequest(),
                   memo: Memo = NO_MEMO) -> ProvisionView:
    node = iri(resource)
    rows = select(store, f"""SELECT ?label ?number ?instrument ?parent ?kind WHERE {{
        OPTIONAL {{ {node} rdfs:label ?label }} OPTIONAL {{ {node} mrkg:number ?number }}
        OPTIONAL {{ {node} mrkg:instrument ?instrument }} OPTIONAL {{ {node} mrkg:partOf ?parent }}
        OPTIONAL {{ {node} a ?kind . {SPECIFIC_KIND.replace("?k", "?kind")} }} }}""")
    wording_rows = select(store, f"""SELECT ?p ?text WHERE {{
        VALUES ?p {{ {' '.join(iri(w) for w in WORDING)} }} {node} ?p ?text }}""")
    instrument, parent, kind = _first(rows, "instrument"), _first(rows, "parent"), _first(rows, "kind")
    path = _ancestors(store, parent, instrument)
    top = provision_tree(store, instrument, memo) if instrument else []
    index = _index(top)
    subdivisions = index[resource].children if resource in index else []
    citation_counts(subdivisions, instrument_citations(store, instrument, memo) if instrument else {})
    siblings = top if parent == instrument else index[parent].children if parent in index else []
    position = next((i for i, e in enumerate(siblings) if e.link.iri == resource), None)
    before = siblings[position - 1].link if position else None
    after = siblings[position + 1].link if position is not None and position + 1 < len(siblings) else None
    names = labels(store, [resource] + [x for x in (kind, instrument) if x] + [r["p"] for r in wording_rows])
    below = set(_index(subdivisions))
    citing = listing(store, _citing(resource, names[resource], below), request, main=True, memo=memo)
    attach_quotes(store, citing.items, {resource} | below)
    return ProvisionView(
        iri=resource, label=names[resource], number=_first(rows, "number"),
        kind=Link(kind, names[kind]) if kind else None,
        instrument=Link(instrument, names[instrument]) if instrument else None, path=path,
        wording=[(names[r["p"]], r["text"]) for r in sorted(wording_rows, key=lambda r: WORDING.index(r["p"]))],
        subdivisions=subdivisions, neighbours=(before, after), citing=citing,
        inferred=inferred_statements(store, resource),
        words=provision_words(store, resource, path), titles=official_titles(store, resource),
    )


def _index(entries: list[ProvisionEntry]) -> dict[str, ProvisionEntry]:
    index: dict[str, ProvisionEntry] = {}
    stack = list(entries)
    while stack:
        entry = stack.pop()
        index[entry.link.iri] = entry
        stack.extend(entry.children)
    return index


def _ancestors(store: PublishedData, parent: str | None, instrument: str | None) -> list[Link]:
    """Instrument, Part, article…: each step up is one lookup (a provision is a few levels deep at most)."""
    chain: list[str] = []
    step = parent
    while step and step not in chain and len(chain) < 8:
        chain.append(step)
        if step == instrument:
            break
        rows = select(store, f"SELECT ?up WHERE {{ {iri(step)} mrkg:partOf ?up }} LIMIT 1")
        step = rows[0]["up"] if rows else None
    if instrument and instrument not in chain:
        chain.append(instrument)
    names = labels(store, chain)
    return [Link(step, names[step]) for step in reversed(chain)]
