"""What the index holds, read from the published store by the contract's properties.

Each indexed resource is an ``Entry``: its text in pieces, each with its language (a label in
French is stemmed as French), and its facet values.  Everything is read with SPARQL over the
union of the store's graphs, never from the build's own records, so what another step of the
build adds to the graph (topics by ``dcterms:subject``, provision texts by ``mrkg:provisionText``,
new labels) is searchable as soon as it is published (issue 13 item 1).
"""
from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

import pyoxigraph as ox

from graph import iris
from graph.search.words import DEFAULT_LANGUAGE, LANGUAGES, language_of
from graph.vocab import PREFIX_MAP

TOPICS = iris.ID + "topic/"  # the topic scheme of the contract's second part
MRKG = PREFIX_MAP["mrkg"]
# statement property -> facet, with the type its value must have (None: any)
STATEMENT_LINKS = (
    ("speaker", "mrkg:speaker", None),
    ("onBehalfOf", "mrkg:onBehalfOf", None),
    ("provision", "mrkg:cites", "mrkg:Provision"),
    ("instrument", "mrkg:mentions", "mrkg:Instrument"),
    ("topic", "dcterms:subject", None),
    ("document", "mrkg:document", None),
    ("session", "mrkg:session/mrkg:partOfSession*", None),
)
# the names a resource is searched by, the one shown first
LABELS = ("rdfs:label", "skos:prefLabel", "dcterms:title", "skos:altLabel", "skos:notation", "mrkg:number")
TEXTS = ("mrkg:provisionText", "skos:definition")
DATES = ("dcterms:issued", "dcterms:date")


def _expanded(name: str) -> str:
    prefix, local = name.split(":")
    return PREFIX_MAP[prefix] + local


@dataclass
class Entry:
    """A resource as the index keeps it: ``pieces`` are (text, language); ``text`` is what snippets quote."""

    iri: str
    kind: str
    label: str = ""
    text: str = ""
    lang: str = DEFAULT_LANGUAGE
    date: str | None = None
    labels: list[tuple[int, str, str]] = field(default_factory=list)  # (rank of the property, text, language)
    pieces: list[tuple[str, str]] = field(default_factory=list)
    facets: set[tuple[str, str]] = field(default_factory=set)


Term = ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple


def _select(store: ox.Store, query: str, subjects: Iterable[str] | None = None) -> Iterator[list[Term | None]]:
    """Rows of ``query``, whose subject variable is ?s, restricted to ``subjects`` when given."""
    values = "" if subjects is None else "VALUES ?s { " + " ".join(f"<{s}>" for s in subjects) + " }\n"
    text = query.replace("#SUBJECTS", values)
    solutions = store.query(text, prefixes=PREFIX_MAP, use_default_graph_as_union=True)
    assert isinstance(solutions, ox.QuerySolutions)
    width = len(solutions.variables)
    for solution in solutions:
        yield [solution[i] for i in range(width)]


def _value(term: Term | None) -> str | None:
    return None if term is None or isinstance(term, ox.Triple) else term.value


def _lang(term: Term | None) -> str | None:
    language = getattr(term, "language", None)
    if language:
        short = language.split("-")[0].lower()
        return short if short in LANGUAGES else None
    return None


def read_entries(store: ox.Store, subjects: set[str] | None = None) -> list[Entry]:
    """Every indexed resource of ``store`` (or those of ``subjects``), with its texts and facets."""
    chunks = [None] if subjects is None else [sorted(subjects)[i:i + 500] for i in range(0, len(subjects), 500)]
    found: list[Entry] = []
    for chunk in chunks:
        if chunk == []:
            continue
        found += _statements(store, chunk)
        found += _labelled(store, chunk)
    return found


def _statements(store: ox.Store, subjects: list[str] | None) -> list[Entry]:
    genres = _genres(store)
    session_dates = {_value(r[0]): _value(r[1]) for r in _select(
        store, "SELECT ?s ?d WHERE { ?s a mrkg:Session ; dcterms:date ?d }")}
    doc_langs = {_value(r[0]): _value(r[1]) for r in _select(
        store, "SELECT ?s ?l WHERE { ?s a mrkg:Document ; dcterms:language ?l }")}
    entries: dict[str, Entry] = {}
    for s, text, label, own_lang, date, session, document in _select(store, """
        SELECT ?s ?text (SAMPLE(?l) AS ?label) (SAMPLE(?sl) AS ?lang) (SAMPLE(?d) AS ?date)
               (SAMPLE(?session) AS ?ses) (SAMPLE(?doc) AS ?document) WHERE {
          #SUBJECTS
          ?s a mrkg:Statement ; mrkg:text ?text .
          OPTIONAL { ?s rdfs:label ?l } OPTIONAL { ?s dcterms:language ?sl } OPTIONAL { ?s dcterms:date ?d }
          OPTIONAL { ?s mrkg:session ?session } OPTIONAL { ?s mrkg:document ?doc }
        } GROUP BY ?s ?text""", subjects):
        iri, body = _value(s) or "", _value(text) or ""
        lang = (_lang(text) or _value(own_lang)
                or language_of(body, default=doc_langs.get(_value(document)) or DEFAULT_LANGUAGE))
        lang = lang if lang in LANGUAGES else DEFAULT_LANGUAGE
        day = _value(date) or session_dates.get(_value(session))
        entry = entries.setdefault(iri, Entry(iri, "statement", _value(label) or body[:80], body, lang, day))
        if entry.text != body:  # a statement with two texts: both are searched
            entry.text += "\n" + body
        entry.pieces.append((body, lang))
        entry.facets.update({("lang", lang), ("kind", "statement")} | ({("year", day[:4])} if day else set()))
        genre = genres.get(_value(document))
        if genre:
            entry.facets.add(("genre", genre))
    for name, path, kind in STATEMENT_LINKS:
        typed = f"?o a {kind} ." if kind else ""
        query = f"SELECT DISTINCT ?s ?o WHERE {{ #SUBJECTS ?s a mrkg:Statement ; {path} ?o . {typed} }}"
        for s, o in _select(store, query, subjects):
            linked = entries.get(_value(s) or "")
            if linked is not None and isinstance(o, ox.NamedNode):
                linked.facets.add((name, o.value))
    return list(entries.values())


def _genres(store: ox.Store) -> dict[str | None, str]:
    """Document -> the local name of its most specific genre class (SummaryRecord, ConceptNote…)."""
    found: dict[str | None, str] = {}
    for document, genre in _select(store, """SELECT ?s ?t WHERE {
            ?s a mrkg:Document ; a ?t . ?t rdfs:subClassOf+ mrkg:Document .
            FILTER NOT EXISTS { ?s a ?u . ?u rdfs:subClassOf+ ?t . FILTER(?u != ?t) } }"""):
        found[_value(document)] = (_value(genre) or "").rsplit("#", 1)[-1]
    return found


_LABELS = [_expanded(name) for name in LABELS]
_DATES = {_expanded(name) for name in DATES}
KIND_QUERIES = (
    ("provision", "?s a mrkg:Provision ."),
    ("instrument", "?s a mrkg:Instrument ."),
    ("actor", "?s a mrkg:Actor ."),
    ("document", "?s a mrkg:Document ."),
    ("topic", f'?s a skos:Concept . FILTER(STRSTARTS(STR(?s), "{TOPICS}"))'),
)


def _labelled(store: ox.Store, subjects: list[str] | None) -> list[Entry]:
    """Provisions, instruments, actors, documents and topics: by their labels, titles and texts."""
    entries: dict[str, Entry] = {}
    for kind, pattern in KIND_QUERIES:
        query = f"""SELECT ?s ?p ?o WHERE {{ #SUBJECTS {pattern}
            ?s ?p ?o . VALUES ?p {{ {" ".join(LABELS + TEXTS + DATES)} }} }}"""
        for s, p, o in _select(store, query, subjects):
            iri = _value(s) or ""
            entry = entries.setdefault(iri, Entry(iri, kind))
            if entry.kind != kind:
                continue  # a resource of two kinds is indexed as the first
            value, lang, predicate = _value(o) or "", _lang(o), _value(p) or ""
            if predicate in _DATES:
                entry.date = min(filter(None, (entry.date, value[:10])))
            elif predicate in _LABELS:
                entry.labels.append((_LABELS.index(predicate), value, lang or DEFAULT_LANGUAGE))
            else:
                entry.pieces.append((value, lang or language_of(value)))
    for entry in entries.values():
        _finish(entry)
    return [entry for entry in entries.values() if entry.labels or entry.pieces]


def _finish(entry: Entry) -> None:
    """The label shown (rdfs:label in English first), the text quoted, the facets every resource has."""
    entry.labels = sorted(set(entry.labels), key=lambda ranked: (ranked[0], ranked[2] != "en", ranked[1]))
    entry.pieces = sorted(set(entry.pieces))
    entry.label = entry.labels[0][1] if entry.labels else entry.pieces[0][0][:80]
    names = " · ".join(dict.fromkeys(text for rank, text, _ in entry.labels if rank < len(LABELS) - 1))
    entry.text = "\n".join([names] + [text for text, _ in entry.pieces])
    entry.lang = entry.pieces[0][1] if entry.pieces else (entry.labels[0][2] if entry.labels else DEFAULT_LANGUAGE)
    entry.facets.update({("lang", entry.lang), ("kind", entry.kind)})
    if entry.date:
        entry.facets.add(("year", entry.date[:4]))


def facet_labels(store: ox.Store, values: Iterable[str]) -> dict[str, str]:
    """A label for each facet value that names a resource (English first, then untagged, then any), and the
    genres' labels."""
    best: dict[str, tuple[int, str]] = {}
    named = sorted(value for value in values if value.startswith(("https://", "http://")))
    for at in range(0, len(named), 500):
        for s, label in _select(store, "SELECT ?s ?l WHERE { #SUBJECTS ?s rdfs:label|skos:prefLabel|dcterms:title ?l }",
                                named[at:at + 500]):
            language = getattr(label, "language", None) or ""
            rank = 0 if language == "en" else 1 if not language else 2
            iri = _value(s) or ""
            if iri not in best or (rank, len(_value(label) or "")) < (best[iri][0], len(best[iri][1])):
                best[iri] = (rank, _value(label) or "")
    found = {iri: label for iri, (_, label) in best.items()}
    for genre, label in _select(store, """SELECT ?t ?l WHERE { ?t rdfs:subClassOf+ mrkg:Document ;
            rdfs:label ?l FILTER(LANGMATCHES(LANG(?l), "en")) }"""):
        found[(_value(genre) or "").rsplit("#", 1)[-1]] = _value(label) or ""
    return found


def subjects_in(store: ox.Store, graphs: Iterable[str]) -> set[str]:
    """The resources described in ``graphs`` (their rows change when those graphs do)."""
    found: set[str] = set()
    for graph in graphs:
        name = ox.NamedNode(graph) if graph else ox.DefaultGraph()
        for quad in store.quads_for_pattern(None, None, None, name):
            if isinstance(quad.subject, ox.NamedNode):
                found.add(quad.subject.value)
    return found
