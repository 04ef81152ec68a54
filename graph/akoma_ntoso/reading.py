"""What an Akoma Ntoso document is made of, read from the published graph (issue 14, item 3).

Only SPARQL through :class:`graph.store.PublishedData`: the same rendering comes from the
embedded store a build has just written and from the store a server reads, and never from a
reader's internals.  Each query returns plain records, ordered so that the same graph always
gives the same records in the same order (the serialisation depends on nothing else).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Iterator

import pyoxigraph as ox

from graph.store import PublishedData
from graph.vocab import PREFIX_MAP

# The genres served as Akoma Ntoso, by their class in the ontology.
GENRES = ("SummaryRecord", "SeminarSummary", "OnlineDiscussion", "ConceptNote", "ProseDocument")


@dataclass(frozen=True)
class Party:
    """A person, organization, State or role a document names: one TLC reference."""

    iri: str
    label: str
    kind: str  # "person", "organization" or "role"


@dataclass(frozen=True)
class Citation:
    """A provision cited in a statement: the words as printed and where they sit in the source."""

    provision: str
    words: str
    begin: int  # offset in the source text, as the graph's evidence gives it


@dataclass
class Statement:
    iri: str
    text: str
    passage: str  # nif:anchorOf: the passage exactly as printed
    begin: int  # nif:beginIndex of the passage
    number: int | None
    speaker: str | None
    on_behalf_of: str | None
    role: str | None
    printed_speaker: str | None
    date: str | None
    session: str | None
    citations: list[Citation] = field(default_factory=list)
    notes: list["Statement"] = field(default_factory=list)  # the authors' footnotes marked in it, in order


@dataclass
class Record:
    """A document and what its Akoma Ntoso form needs to say of it."""

    iri: str
    genre: str
    title: str
    label: str
    symbol: str | None
    language: str
    issued: str | None
    meeting_date: str | None
    publisher: str | None
    source: str | None
    statements: list[Statement]
    sessions: dict[str, str]  # session IRI → label
    parties: dict[str, Party]


def _rows(store: PublishedData, text: str) -> Iterator[dict[str, ox.NamedNode | ox.Literal | None]]:
    answer = store.query(text, prefixes=PREFIX_MAP)
    if not isinstance(answer, ox.QuerySolutions):
        raise TypeError(f"a SELECT query was expected to give solutions, not {type(answer).__name__}")
    variables = [v.value for v in answer.variables]
    for solution in answer:
        yield {name: solution[name] for name in variables}


def _value(term: object) -> str | None:
    return term.value if isinstance(term, (ox.NamedNode, ox.Literal)) else None


def genre_of(store: PublishedData, document: str) -> str | None:
    """The document's genre among :data:`GENRES`, or None when it is not a document served as Akoma Ntoso."""
    values = " ".join(f"mrkg:{genre}" for genre in GENRES)
    for row in _rows(store, f"SELECT ?t WHERE {{ VALUES ?t {{ {values} }} <{document}> a ?t }} ORDER BY ?t LIMIT 1"):
        return _value(row["t"]).rsplit("#", 1)[-1]  # type: ignore[union-attr]
    return None


def documents(store: PublishedData) -> list[str]:
    """Every document served as Akoma Ntoso, in IRI order."""
    values = " ".join(f"mrkg:{genre}" for genre in GENRES)
    query = f"SELECT DISTINCT ?d WHERE {{ VALUES ?t {{ {values} }} ?d a ?t }} ORDER BY ?d"
    return [str(_value(row["d"])) for row in _rows(store, query)]


def read_record(store: PublishedData, document: str) -> Record | None:
    genre = genre_of(store, document)
    if genre is None:
        return None
    head = next(_rows(store, f"""
        SELECT ?title ?label ?symbol ?language ?issued ?publisher ?source
               (MIN(STR(?date)) AS ?meeting) WHERE {{
          OPTIONAL {{ <{document}> dcterms:title ?title }}
          OPTIONAL {{ <{document}> rdfs:label ?label }}
          OPTIONAL {{ <{document}> mrkg:symbol ?symbol }}
          OPTIONAL {{ <{document}> dcterms:language ?language }}
          OPTIONAL {{ <{document}> dcterms:issued ?issued }}
          OPTIONAL {{ <{document}> dcterms:publisher ?publisher }}
          OPTIONAL {{ <{document}> prov:wasDerivedFrom ?source }}
          OPTIONAL {{ <{document}> mrkg:records/dcterms:date ?date }}
        }} GROUP BY ?title ?label ?symbol ?language ?issued ?publisher ?source
        ORDER BY ?title ?label ?symbol ?language ?issued ?publisher ?source LIMIT 1"""), {})
    statements = _statements(store, document)
    sessions = _labels(store, sorted({s.session for s in statements if s.session}))
    parties = _parties(store, statements, _value(head.get("publisher")))
    title = _value(head.get("title")) or _value(head.get("label")) or document.rsplit("/", 1)[-1]
    return Record(
        iri=document, genre=genre, title=title, label=_value(head.get("label")) or title,
        symbol=_value(head.get("symbol")), language=_value(head.get("language")) or "en",
        issued=_date(_value(head.get("issued"))), meeting_date=_date(_value(head.get("meeting"))),
        publisher=_value(head.get("publisher")), source=_value(head.get("source")),
        statements=statements, sessions=sessions, parties=parties)


def _date(value: str | None) -> str | None:
    return value[:10] if value else None


def _statements(store: PublishedData, document: str) -> list[Statement]:
    found: dict[str, Statement] = {}
    for row in _rows(store, f"""
        SELECT ?s ?text ?passage ?begin ?number ?speaker ?for ?role ?printed ?date ?session WHERE {{
          ?s mrkg:document <{document}> ; mrkg:text ?text ; nif:anchorOf ?passage ; nif:beginIndex ?begin .
          OPTIONAL {{ ?s mrkg:paragraphNumber ?number }}
          OPTIONAL {{ ?s mrkg:speaker ?speaker }}
          OPTIONAL {{ ?s mrkg:onBehalfOf ?for }}
          OPTIONAL {{ ?s mrkg:speakerRole ?role }}
          OPTIONAL {{ ?s mrkg:speakerAsPrinted ?printed }}
          OPTIONAL {{ ?s dcterms:date ?date }}
          OPTIONAL {{ ?s mrkg:session ?session }}
          FILTER NOT EXISTS {{ ?s a mrkg:Footnote }}
        }} ORDER BY ?begin ?s ?speaker ?for ?role ?printed ?date ?session"""):
        iri = str(_value(row["s"]))
        if iri in found:  # a second speaker or session: the first (in IRI order) is kept
            continue
        number = _value(row["number"])
        found[iri] = Statement(
            iri=iri, text=str(_value(row["text"])), passage=str(_value(row["passage"])),
            begin=int(str(_value(row["begin"]))), number=int(number) if number else None,
            speaker=_value(row["speaker"]), on_behalf_of=_value(row["for"]), role=_value(row["role"]),
            printed_speaker=_value(row["printed"]), date=_date(_value(row["date"])), session=_value(row["session"]))
    notes: dict[str, Statement] = {}
    for row in _rows(store, f"""
        SELECT ?n ?s ?text ?passage ?begin WHERE {{
          ?n a mrkg:Footnote ; mrkg:document <{document}> ; mrkg:footnoteTo ?s ; mrkg:text ?text ;
             nif:anchorOf ?passage ; nif:beginIndex ?begin .
        }} ORDER BY ?begin ?n"""):
        noted = found.get(str(_value(row["s"])))
        if noted is None:
            continue
        note = Statement(iri=str(_value(row["n"])), text=str(_value(row["text"])), passage=str(_value(row["passage"])),
                         begin=int(str(_value(row["begin"]))), number=None, speaker=None, on_behalf_of=None, role=None,
                         printed_speaker=None, date=None, session=noted.session)
        notes[note.iri] = note
        noted.notes.append(note)
    for row in _rows(store, f"""
        SELECT DISTINCT ?citing ?provision ?words ?begin WHERE {{
          ?citing mrkg:document <{document}> ; mrkg:cites ?provision .
          ?c a mrkg:ProvisionCitation ; cito:hasCitingEntity ?citing ; cito:hasCitedEntity ?provision ;
             nif:anchorOf ?words ; nif:beginIndex ?begin .
        }} ORDER BY ?citing ?begin ?provision"""):
        statement = found.get(str(_value(row["citing"]))) or notes.get(str(_value(row["citing"])))
        if statement is not None:
            statement.citations.append(Citation(str(_value(row["provision"])), str(_value(row["words"])),
                                                int(str(_value(row["begin"])))))
    return sorted(found.values(), key=lambda s: (s.begin, s.iri))


def _labels(store: PublishedData, resources: list[str]) -> dict[str, str]:
    if not resources:
        return {}
    values = " ".join(f"<{r}>" for r in resources)
    labels: dict[str, str] = {}
    for row in _rows(store, f"""SELECT ?r ?l WHERE {{ VALUES ?r {{ {values} }} ?r rdfs:label ?l .
                                 FILTER(LANG(?l) = "" || LANGMATCHES(LANG(?l), "en")) }} ORDER BY ?r STRLEN(?l) ?l"""):
        labels.setdefault(str(_value(row["r"])), str(_value(row["l"])))
    return {r: labels.get(r, r.rsplit("/", 1)[-1]) for r in resources}


def _parties(store: PublishedData, statements: list[Statement], publisher: str | None) -> dict[str, Party]:
    """Everyone a TLC reference is needed for: speakers, whom they spoke for, their roles, the publisher."""
    named = [s.speaker for s in statements] + [s.on_behalf_of for s in statements] + [publisher]
    actors = sorted({a for a in named if a})
    roles = sorted({s.role for s in statements if s.role})
    labels = _labels(store, actors + roles)
    persons: set[str] = set()
    if actors:
        values = " ".join(f"<{a}>" for a in actors)
        persons = {str(_value(row["a"])) for row in _rows(
            store, f"SELECT DISTINCT ?a WHERE {{ VALUES ?a {{ {values} }} ?a a mrkg:Person }}")}
    parties = {a: Party(a, labels[a], "person" if a in persons else "organization") for a in actors}
    parties.update({r: Party(r, labels[r], "role") for r in roles})
    return parties
