"""What each provision of the catalogue can be recognised by: its title, its other names and its words.

The catalogue's graph is read as it is published (``dcterms:title``, ``skos:altLabel`` and, where
the official text is in the catalogue, ``mrkg:provisionText``), so whatever the catalogue learns
to say of a provision the inference uses without a change here.  A provision with none of these
cannot be recognised by its words (most articles of most instruments, until their texts are in
the catalogue) and is no candidate.

How telling a word is comes from the catalogue alone: a word found in few provisions ("detention",
"remittances") tells more than one found in many ("migrants", "rights").  Nothing here depends on
the sources, so a source's inferred links depend on that source and the catalogue only, and are
kept per source (``graph.infer.step``).
"""
from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, SKOS

from graph.infer.words import Word, words
from graph.vocab import MRKG

FIELDS = ("title", "name", "text")  # in the order evidence prefers them


@dataclass(frozen=True)
class Field:
    """One thing a provision is known by: its title, one of its names, or its text."""

    kind: str  # one of FIELDS
    text: str
    words: tuple[Word, ...]

    @property
    def stems(self) -> frozenset[str]:
        return frozenset(word.stem for word in self.words)

    def printed(self, stems: Iterable[str]) -> str:
        """The field's own words for ``stems``, as printed, in its order ("detention … alternatives")."""
        wanted, shown = set(stems), []
        for word in self.words:
            if word.stem in wanted:
                wanted.discard(word.stem)
                shown.append(self.text[word.begin:word.end])
        return " … ".join(shown)


@dataclass(frozen=True)
class Profile:
    """A provision as a candidate: its IRI, instrument, fields, and the provisions a citation of it covers."""

    iri: str
    instrument: str
    label: str
    fields: tuple[Field, ...]
    lineage: frozenset[str]  # itself and the provisions it is part of


@dataclass
class ProvisionIndex:
    """Every provision that has words, with how telling each word stem is across them."""

    profiles: list[Profile]
    weight: dict[str, float] = field(default_factory=dict)
    lineage: dict[str, frozenset[str]] = field(default_factory=dict)  # every provision, with or without words
    instrument_of: dict[str, str] = field(default_factory=dict)  # every provision → its instrument

    @classmethod
    def of(cls, catalogue: Graph) -> "ProvisionIndex":
        parents = {str(s): str(o) for s, o in catalogue.subject_objects(MRKG.partOf)}
        # Every provision carries its instrument (the catalogue's graph is read before entailment adds
        # ``a mrkg:Provision`` to its articles and objectives).
        provisions = sorted({str(s) for s in catalogue.subjects(MRKG.instrument, None)})
        lineage = {iri: _lineage(iri, parents) for iri in provisions}
        profiles = []
        for iri in provisions:
            node = URIRef(iri)
            instrument = catalogue.value(node, MRKG.instrument)
            fields = _fields(catalogue, node, _names(catalogue, instrument))
            if fields and instrument is not None:
                label = str(catalogue.value(node, URIRef("http://www.w3.org/2000/01/rdf-schema#label")) or iri)
                profiles.append(Profile(iri, str(instrument), label, fields, lineage[iri]))
        found_in: Counter[str] = Counter()
        for profile in profiles:
            found_in.update(frozenset().union(*(f.stems for f in profile.fields)))
        total = len(profiles)
        weight = {stem: math.log(1 + total / count) for stem, count in found_in.items()}
        instrument_of = {str(s): str(o) for s, o in catalogue.subject_objects(MRKG.instrument)}
        return cls(profiles, weight, lineage, instrument_of)

    def related(self, a: str, b: str) -> bool:
        """Whether ``a`` and ``b`` are one provision or one is part of the other (article 25 and 25(1))."""
        return a in self.lineage.get(b, frozenset({b})) or b in self.lineage.get(a, frozenset({a}))


def _lineage(iri: str, parents: dict[str, str]) -> frozenset[str]:
    found = [iri]
    while found[-1] in parents and parents[found[-1]] not in found:
        found.append(parents[found[-1]])
    return frozenset(found)


def _names(catalogue: Graph, instrument: object) -> frozenset[str]:
    """The stems of an instrument's own names ("Global Compact for Safe, Orderly and Regular Migration")."""
    if not isinstance(instrument, URIRef):
        return frozenset()
    named = [o for p in (DCTERMS.title, SKOS.altLabel) for o in catalogue.objects(instrument, p) if _english(o)]
    return frozenset(word.stem for name in named for word in words(str(name)))


def _fields(catalogue: Graph, node: URIRef, instrument_names: frozenset[str]) -> tuple[Field, ...]:
    """Its title, names and text; a text's words that name its own instrument ("the Global Compact promotes")
    are the instrument's, not the provision's subject."""
    found: list[Field] = []
    for kind, predicate in (("title", DCTERMS.title), ("name", SKOS.altLabel), ("text", MRKG.provisionText)):
        texts = sorted(str(o) for o in catalogue.objects(node, predicate) if _english(o))
        for text in texts:
            parsed = tuple(w for w in words(text) if kind != "text" or w.stem not in instrument_names)
            if parsed and all(text != f.text for f in found):
                found.append(Field(kind, text, parsed))
    return tuple(found)


def _english(term: object) -> bool:
    return isinstance(term, Literal) and (term.language is None or term.language.lower().startswith("en"))
