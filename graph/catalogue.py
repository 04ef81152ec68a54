"""The catalogue: instruments, their provisions, and the actors texts name.

Curated in ``data/catalogue/*.yaml`` and read by :mod:`graph.catalogue_reader`
into a :class:`Catalogue`: an RDF graph (as ``ontology/MODEL.md`` shows) and
the look-ups the reference extractor needs: which instrument a name, an
acronym, a symbol or an ILO number designates, and which provision a
:class:`~graph.records.ProvisionRef` is.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from typing import TYPE_CHECKING

from rdflib import Graph

from graph import iris
from graph.content_keys import fold_as_listed, normal_number, symbol_key
from graph.records import KnownActor, ProvisionRef

if TYPE_CHECKING:
    from graph.topics import Topic

# A draft's paragraph numbers: "32", "39bis", "42ter", "9quater" (inserted between two adopted ones).
DRAFT_NUMBER = re.compile(r"\d{1,3}(?:bis|ter|quater|quinquies)?")


@dataclass(frozen=True)
class Name:
    """One way of naming an instrument; ``exact`` names match only as written."""

    text: str
    lang: str = "en"
    exact: bool = False
    hidden: bool = False  # a variant found in texts, kept out of display labels


@dataclass
class Instrument:
    """An instrument as the extractor needs it; the rest of what is known is in the graph."""

    code: str
    title: str
    short: str
    kind: str
    iri: str
    names: list[Name] = field(default_factory=list)
    heads: tuple[str, ...] = ()  # "the Convention" may designate it
    default_for: tuple[str, ...] = ()  # heads it is when nothing else is ("the Compact")
    year: int | None = None
    symbols: tuple[str, ...] = ()
    committees: tuple[tuple[str, str], ...] = ()  # general comments: (issuing body key, number)
    numbered_in_drafts: tuple[str, ...] = ()  # kinds cited by the numbers of its drafts (issue 14)


@dataclass
class Provision:
    """A provision of the catalogue: where it sits (its IRI path and parent) and how it is named."""

    instrument: str
    kind: str
    number: str  # as printed; "" for a preamble
    iri: str
    steps: list[tuple[str, str]]
    parent_iri: str
    label: str
    title: str | None = None
    names: tuple[str, ...] = ()
    text: str | None = None  # its official words, where data/catalogue/texts/ gives them
    source: str | None = None  # the URL of the official text they are taken from
    drafted: bool = False  # numbered as a draft under negotiation numbers it, not listed in the catalogue

    @property
    def ref(self) -> ProvisionRef:
        return ProvisionRef(self.instrument, self.kind, self.number)


class Catalogue:
    """Everything in ``data/catalogue/``: an RDF graph and the indexes over it."""

    def __init__(self) -> None:
        self.graph = Graph()
        self.instruments: dict[str, Instrument] = {}
        self.provisions: dict[tuple[str, str, str], Provision] = {}
        self.actors: dict[str, KnownActor] = {}  # by key
        self.actor_names: dict[str, KnownActor] = {}  # by each name, folded (fold_as_listed)
        self.instruments_by_symbol: dict[str, str] = {}  # symbol_key → instrument code
        self.topics: dict[str, Topic] = {}  # by key (graph.topics)
        self.drafts: dict[tuple[str, str, str], Provision] = {}  # drafted provisions met so far (Catalogue.drafted)

    # -- instruments ----------------------------------------------------------
    def instrument_iri(self, code: str) -> str:
        """IRI of an instrument; ``KeyError`` for a code the catalogue lacks."""
        return self.instruments[code].iri

    def instrument(self, code: str) -> Instrument:
        return self.instruments[code]

    def by_symbol(self, symbol: str) -> str | None:
        """The instrument a document symbol designates: "A/RES/73/195", "AG/RES. 2910"."""
        return self.instruments_by_symbol.get(symbol_key(symbol))

    def ilo_instrument(self, letter: str, number: int) -> str | None:
        """ILO Convention (``C``) or Recommendation (``R``) by its number, if catalogued."""
        code = f"ILO-{letter.upper()}{number:03d}"
        return code if code in self.instruments else None

    def general_comments(self, number: str, committee: str | None = None) -> list[str]:
        """General comments numbered ``number`` (by the committee whose actor key is given)."""
        return [code for code, instrument in self.instruments.items()
                if any(n == number and (committee is None or c == committee) for c, n in instrument.committees)]

    def with_year(self, head: str, year: int) -> list[str]:
        """Instruments a text may call "the {year} {head}" ("the 1951 Convention")."""
        return [code for code, i in self.instruments.items() if i.year == year and head in i.heads]

    def default_for(self, head: str) -> str | None:
        """The instrument a bare "the {head}" designates when nothing in context decides."""
        return next((code for code, i in self.instruments.items() if head in i.default_for), None)

    def provision_kinds(self, code: str) -> set[str]:
        return {kind for instrument, kind, _ in self.provisions if instrument == code}

    def holding(self, kind: str) -> list[str]:
        """Instruments that have provisions of ``kind`` (only the Compact has objectives)."""
        return sorted({code for code, k, _ in self.provisions if k == kind})

    # -- provisions -----------------------------------------------------------
    def provision(self, ref: ProvisionRef) -> Provision | None:
        """The catalogued provision, or a paragraph of a text still in drafts, as its drafts number it."""
        return self.provisions.get((ref.instrument, ref.kind, normal_number(ref.number))) or self.drafted(ref)

    def drafted(self, ref: ProvisionRef) -> Provision | None:
        """A provision of an instrument cited while it was negotiated ("paragraph 39bis" of the Progress
        Declaration's Rev. 3): its drafts' numbers are not listed, so any well-formed one names a provision
        (issue 14). The number is the drafts', which the adopted text may renumber: the label says so."""
        instrument = self.instruments.get(ref.instrument)
        number = normal_number(ref.number)
        if instrument is None or ref.kind not in instrument.numbered_in_drafts or not DRAFT_NUMBER.fullmatch(number):
            return None
        key = (ref.instrument, ref.kind, number)
        if key not in self.drafts:
            steps = [(ref.kind, number)]
            self.drafts[key] = Provision(
                ref.instrument, ref.kind, number, iris.provision(ref.instrument, steps), steps, instrument.iri,
                f"{ref.kind} {number} of {instrument.short} (as numbered in its drafts)", drafted=True)
        return self.drafts[key]

    def drafted_instruments(self, kind: str) -> list[str]:
        """Instruments whose provisions of ``kind`` are cited by their drafts' numbers."""
        return sorted(code for code, instrument in self.instruments.items() if kind in instrument.numbered_in_drafts)

    def provision_iri(self, ref: ProvisionRef) -> str | None:
        """IRI of the provision cited, or ``None`` when the catalogue lacks it (never invented)."""
        provision = self.provision(ref)
        return provision.iri if provision else None

    def enclosing(self, ref: ProvisionRef) -> Provision | None:
        """The closest catalogued provision containing an uncatalogued sub-provision.

        "article 16 (4)" when only article 16 is catalogued gives article 16.
        """
        number = normal_number(ref.number)
        while (shorter := re.sub(r"\([^()]*\)$", "", number)) != number:
            number = shorter
            for kind in dict.fromkeys((ref.kind, "Article", "Paragraph")):
                found = self.provisions.get((ref.instrument, kind, number))
                if found:
                    return found
        return None

    def provision_named(self, code: str, kind: str, name: str) -> Provision | None:
        """A provision by its title or another name ("gender-responsive", "guiding principles")."""
        wanted = fold_as_listed(name)
        for (instrument, k, _), provision in self.provisions.items():
            if instrument == code and k == kind and wanted in {fold_as_listed(n) for n in provision.names}:
                return provision
        return None

    def named_provisions(self, kind: str) -> list[tuple[str, Provision]]:
        """Every (name, provision) of a kind, for matching names in text."""
        return [(name, p) for (_, k, _), p in self.provisions.items() if k == kind for name in p.names]

    # -- actors ---------------------------------------------------------------
    def known_actors(self) -> list[KnownActor]:
        return list(self.actors.values())

    def actor(self, key: str) -> KnownActor:
        return self.actors[key]

    def actor_named(self, name: str) -> KnownActor | None:
        return self.actor_names.get(fold_as_listed(name))
