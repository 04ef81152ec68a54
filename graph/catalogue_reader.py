"""Reading ``data/catalogue/*.yaml`` into a :class:`~graph.catalogue.Catalogue`.

The YAML files are the readable, diff-able source of truth (their schema is in
that folder's README); this module checks each entry and compiles it into the
catalogue's RDF graph and look-ups.  A catalogue mistake stops the build:
:class:`~graph.errors.CatalogueError` names the file, the line and the entry
(an unknown field, a provision whose parent is missing, a malformed number, a
code or a name used twice).
"""
from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any, Iterator

import yaml
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, FOAF, ORG, OWL, RDF, RDFS, SKOS, XSD

from graph import content_keys, iris
from graph.records import KnownActor
from graph.catalogue import Catalogue, Instrument, Name, Provision
from graph.catalogue_texts import load_texts
from graph.official_titles import load_titles
from graph.content_keys import fold_as_listed, normal_number, symbol_key
from graph.errors import CatalogueError
from graph.content_keys import roman_value
from graph.records import ActorKind
from graph.topics import read_topics
from graph.vocab import ELI, MRKG, WD

INSTRUMENT_KINDS = frozenset({
    "Treaty", "ILOConvention", "Recommendation", "NonBindingCompact", "Declaration", "Resolution",
    "GeneralComment", "Protocol", "Agenda", "Framework", "Constitution",
})
# How each kind of provision is numbered, as printed.
NUMBER_FORMS = {
    "Part": re.compile(r"[IVXLC]+"),
    "Annex": re.compile(r"[IVXLC]+|\d+"),
    "Article": re.compile(r"\d+[a-z]*"),
    "Paragraph": re.compile(r"\d+[a-z]*(\(\w+\))*"),
    "Objective": re.compile(r"\d+"),
    "GuidingPrinciple": re.compile(r"\d+(\([a-z]\))?"),
    "Goal": re.compile(r"\d+"),
    "Target": re.compile(r"\d+\.[0-9a-z]+"),
    "Indicator": re.compile(r"\d+\.[0-9a-z]+\.\d+"),
    "Preamble": re.compile(r""),
}
KIND_LABELS = {"GuidingPrinciple": "Guiding principle"}
# Plural keys that list a provision's children by number: {articles: 1-6}.
CHILD_KEYS = {"articles": "Article", "paragraphs": "Paragraph", "objectives": "Objective",
              "goals": "Goal", "targets": "Target", "indicators": "Indicator"}
INSTRUMENT_FIELDS = {
    "code", "title", "short", "kind", "adopted_by", "adopted", "in_force", "year", "page", "same_as",
    "symbols", "names", "acronyms", "variants", "exact_names", "heads", "default_for", "issued_by", "number",
    "provisions", "numbered_in_drafts",
}
TOP_LEVEL = {"instruments", "organizations", "states", "topics"}
PROVISION_FIELDS = {"kind", "number", "title", "names", "in", *CHILD_KEYS}
ORGANIZATION_FIELDS = {"key", "name", "aliases", "same_as", "part_of", "monitors"}
STATE_FIELDS = {"key", "name", "iso3", "official", "aliases", "same_as"}


class _Loader(yaml.BaseLoader):
    """Every scalar stays text (no "NO" → False); every mapping records its line."""

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        mapping = super().construct_mapping(node, deep=True)
        mapping["__line__"] = node.start_mark.line + 1
        return mapping


class _Reader:
    """Builds a :class:`Catalogue` entry by entry, failing with file, line and entry."""

    def __init__(self) -> None:
        self.catalogue = Catalogue()
        self.file = ""
        # References checked once everything is read: (file, line, entry, subject key, role, target key).
        self.pending: list[tuple[str, int, str, str, str, str]] = []
        self.names: dict[str, str] = {}

    def fail(self, entry: dict[str, Any], what: str, problem: str) -> CatalogueError:
        return CatalogueError(self.file, f"line {entry.get('__line__', '?')}, {what}: {problem}")

    def read(self, directory: Path) -> Catalogue:
        if not directory.is_dir():
            raise CatalogueError(str(directory), "catalogue folder not found")
        paths = sorted(directory.glob("*.yaml"))
        if not paths:
            raise CatalogueError(str(directory), "no catalogue files (*.yaml)")
        documents = []
        for path in paths:
            self.file = path.name
            try:
                data = yaml.load(path.read_text(encoding="utf-8"), Loader=_Loader) or {}
            except (yaml.YAMLError, UnicodeDecodeError) as error:
                mark = getattr(error, "problem_mark", None)
                where = f"line {mark.line + 1}: " if mark else ""
                raise CatalogueError(path.name, f"{where}not readable YAML ({getattr(error, 'problem', error)})") from None
            if not isinstance(data, dict) or not set(data) - {"__line__"} <= TOP_LEVEL:
                raise CatalogueError(path.name, f"expected top-level lists: {', '.join(sorted(TOP_LEVEL))}")
            documents.append((path.name, data))
        # Actors first: instruments refer to them (adopted by, issued by).
        for self.file, data in documents:
            for entry in self._list(data, "organizations"):
                self.organization(entry)
            for entry in self._list(data, "states"):
                self.state(entry)
        for self.file, data in documents:
            for entry in self._list(data, "instruments"):
                self.instrument(entry)
        self._check_references()
        load_texts(directory, self.catalogue)
        load_titles(directory, self.catalogue)  # French and Spanish titles (issue 14, point 5)
        for self.file, data in documents:  # topics name provisions: read last
            read_topics(self.catalogue, self.file, self._list(data, "topics"))
        return self.catalogue

    def _list(self, data: dict[str, Any], key: str) -> list[dict[str, Any]]:
        items = data.get(key) or []
        if not isinstance(items, list) or not all(isinstance(i, dict) for i in items):
            raise CatalogueError(self.file, f"{key}: expected a list of entries")
        return items

    def _fields(self, entry: dict[str, Any], allowed: set[str], what: str, required: tuple[str, ...]) -> None:
        unknown = set(entry) - allowed - {"__line__"}
        if unknown:
            raise self.fail(entry, what, f"unknown field(s) {', '.join(sorted(unknown))}")
        for name in required:
            if not _text(entry.get(name)):
                raise self.fail(entry, what, f"missing {name}")

    def _strings(self, entry: dict[str, Any], key: str, what: str) -> list[str]:
        value = entry.get(key) or []
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
            raise self.fail(entry, what, f"{key} must be a list of texts")
        return [v.strip() for v in value]

    def _date(self, entry: dict[str, Any], key: str, what: str) -> dt.date | None:
        if key not in entry:
            return None
        try:
            return dt.date.fromisoformat(str(entry[key]))
        except ValueError:
            raise self.fail(entry, what, f"{key} {entry[key]!r} is not a date (YYYY-MM-DD)") from None

    def _same_as(self, entry: dict[str, Any], what: str) -> tuple[str, ...]:
        items = self._strings(entry, "same_as", what)
        for item in items:
            if not re.fullmatch(r"Q\d+", item):
                raise self.fail(entry, what, f"same_as {item!r} is not a Wikidata item (Q123)")
        return tuple(str(WD[item]) for item in items)

    # -- actors -----------------------------------------------------------------
    def organization(self, entry: dict[str, Any]) -> None:
        what = f"organization {entry.get('name', '?')!r}"
        self._fields(entry, ORGANIZATION_FIELDS, what, ("name",))
        actor = self._actor(entry, what, ActorKind.ORGANIZATION, self._strings(entry, "aliases", what),
                            monitors=_text(entry.get("monitors")) or None)
        node = URIRef(iris.actor(actor.key))
        if entry.get("part_of"):
            self.pending.append((self.file, entry["__line__"], what, actor.key, "part_of", entry["part_of"]))
            self.catalogue.graph.add((node, ORG.subOrganizationOf, URIRef(iris.actor(entry["part_of"]))))

    def state(self, entry: dict[str, Any]) -> None:
        what = f"state {entry.get('name', '?')!r}"
        self._fields(entry, STATE_FIELDS, what, ("name", "iso3"))
        iso3 = entry["iso3"]
        if not re.fullmatch(r"[A-Z]{3}", iso3):
            raise self.fail(entry, what, f"iso3 {iso3!r} is not an ISO 3166 alpha-3 code")
        aliases = [entry["official"]] if entry.get("official") else []
        actor = self._actor(entry, what, ActorKind.STATE, aliases + self._strings(entry, "aliases", what))
        self.catalogue.graph.add((URIRef(iris.actor(actor.key)), SKOS.notation, Literal(iso3)))

    def _actor(self, entry: dict[str, Any], what: str, kind: ActorKind, aliases: list[str],
               monitors: str | None = None) -> KnownActor:
        key = entry.get("key") or content_keys.slug(entry["name"])
        if key != content_keys.slug(key):
            raise self.fail(entry, what, f"key {key!r} must be lower-case words joined by hyphens")
        if key in self.catalogue.actors:
            raise self.fail(entry, what, f"key {key!r} is used twice")
        actor = KnownActor(key, kind, entry["name"], tuple(aliases), self._same_as(entry, what), monitors)
        for name in (actor.label, *actor.aliases):
            other = self.catalogue.actor_names.setdefault(fold_as_listed(name), actor)
            if other is not actor:
                raise self.fail(entry, what, f"name {name!r} is already {other.key!r}")
        self.catalogue.actors[key] = actor
        if monitors:
            self.pending.append((self.file, entry["__line__"], what, key, "monitors", monitors))
        node, graph = URIRef(iris.actor(key)), self.catalogue.graph
        graph.add((node, RDF.type, MRKG[kind.value]))
        graph.add((node, RDFS.label, Literal(actor.label)))
        for alias in actor.aliases:
            graph.add((node, SKOS.altLabel, Literal(alias)))
        for same in actor.same_as:
            graph.add((node, OWL.sameAs, URIRef(same)))
        return actor

    # -- instruments -------------------------------------------------------------
    def instrument(self, entry: dict[str, Any]) -> None:
        what = f"instrument {entry.get('code', '?')}"
        self._fields(entry, INSTRUMENT_FIELDS, what, ("code", "title", "kind"))
        code, kind = entry["code"], entry["kind"]
        if not re.fullmatch(r"[A-Z0-9]+(?:-[A-Z0-9]+)*", code):
            raise self.fail(entry, what, "code must be UPPER-KEBAB (letters, digits, hyphens)")
        if code in self.catalogue.instruments:
            raise self.fail(entry, what, "code is used twice")
        if kind not in INSTRUMENT_KINDS:
            raise self.fail(entry, what, f"kind {kind!r} is not one of {', '.join(sorted(INSTRUMENT_KINDS))}")
        adopted, in_force = self._date(entry, "adopted", what), self._date(entry, "in_force", what)
        if adopted and in_force and in_force < adopted:
            raise self.fail(entry, what, "in_force is before adopted")
        year = entry.get("year") or (adopted and str(adopted.year))
        if year and not re.fullmatch(r"\d{4}", str(year)):
            raise self.fail(entry, what, f"year {year!r} is not a year")
        committees = self._strings(entry, "issued_by", what)
        numbers = self._strings(entry, "number", what)
        if len(committees) != len(numbers):
            raise self.fail(entry, what, "issued_by and number must pair up (one number per committee)")
        drafted = tuple(self._strings(entry, "numbered_in_drafts", what))
        if not set(drafted) <= {"Paragraph"}:
            raise self.fail(entry, what, "numbered_in_drafts may only list Paragraph (a draft numbers its paragraphs)")
        instrument = Instrument(
            code, entry["title"], entry.get("short") or f"the {code}", kind, iris.instrument(code),
            names=self._names(entry, what), heads=tuple(self._strings(entry, "heads", what)),
            default_for=tuple(self._strings(entry, "default_for", what)),
            year=int(year) if year else None, symbols=tuple(self._strings(entry, "symbols", what)),
            committees=tuple(zip(committees, numbers)), numbered_in_drafts=drafted,
        )
        self.catalogue.instruments[code] = instrument
        for symbol in instrument.symbols:
            self.catalogue.instruments_by_symbol[symbol_key(symbol)] = code
        for role, key in [("issued_by", c) for c in committees] + [("adopted_by", entry.get("adopted_by"))]:
            if key:
                self.pending.append((self.file, entry["__line__"], what, code, role, key))
        self._instrument_triples(instrument, entry, adopted, in_force)
        for provision in ProvisionTree(self, instrument, entry).build():
            self._provision_triples(provision)

    def _names(self, entry: dict[str, Any], what: str) -> list[Name]:
        names = [Name(entry["title"])]
        for key, exact, hidden in (("names", False, False), ("acronyms", True, False),
                                   ("variants", False, True), ("exact_names", True, False)):
            for text in self._strings(entry, key, what):
                lang = "en"
                tagged = re.fullmatch(r"(.*)@([a-z]{2})", text)
                if tagged:
                    text, lang = tagged.group(1).strip(), tagged.group(2)
                names.append(Name(text, lang, exact, hidden))
        for name in names:
            folded = re.sub(r"^the ", "", fold_as_listed(name.text))
            owner = self.names.setdefault(folded, entry["code"])
            if owner != entry["code"]:
                raise self.fail(entry, what, f"name {name.text!r} already names {owner}")
        return names

    def _instrument_triples(self, instrument: Instrument, entry: dict[str, Any],
                            adopted: dt.date | None, in_force: dt.date | None) -> None:
        graph, node = self.catalogue.graph, URIRef(instrument.iri)
        graph.add((node, RDF.type, MRKG.Instrument))
        graph.add((node, RDF.type, ELI.LegalResource))
        graph.add((node, SKOS.notation, Literal(instrument.code)))
        graph.add((node, RDFS.label, Literal(instrument.title, lang="en")))
        graph.add((node, DCTERMS.title, Literal(instrument.title, lang="en")))
        for name in instrument.names[1:]:
            literal = Literal(re.sub(r"^the ", "", name.text), lang=name.lang)
            graph.add((node, SKOS.hiddenLabel if name.hidden else SKOS.altLabel, literal))
        graph.add((node, MRKG.instrumentKind, MRKG[instrument.kind]))
        if entry.get("adopted_by"):
            graph.add((node, MRKG.adoptedBy, URIRef(iris.actor(entry["adopted_by"]))))
        if adopted:
            graph.add((node, MRKG.adoptionDate, Literal(adopted.isoformat(), datatype=XSD.date)))
        elif instrument.year:
            graph.add((node, DCTERMS.date, Literal(str(instrument.year), datatype=XSD.gYear)))
        if in_force:
            graph.add((node, MRKG.entryIntoForce, Literal(in_force.isoformat(), datatype=XSD.date)))
        if entry.get("page"):
            graph.add((node, FOAF.page, URIRef(entry["page"])))
        for symbol in instrument.symbols:
            graph.add((node, MRKG.symbol, Literal(symbol)))
        for same in self._same_as(entry, f"instrument {instrument.code}"):
            graph.add((node, OWL.sameAs, URIRef(same)))

    def _provision_triples(self, provision: Provision) -> None:
        describe_provision(self.catalogue.graph, provision, self.catalogue.instruments[provision.instrument].iri)

    def _check_references(self) -> None:
        catalogue = self.catalogue
        for file, line, what, subject, role, target in self.pending:
            known = catalogue.instruments if role == "monitors" else catalogue.actors
            if target not in known:
                kind = "instrument" if role == "monitors" else "actor"
                raise CatalogueError(file, f"line {line}, {what}: {role} {target!r} is not a catalogued {kind}")
            if role == "monitors":
                catalogue.graph.add((URIRef(iris.actor(subject)), MRKG.monitors, URIRef(catalogue.instruments[target].iri)))


class ProvisionTree:
    """The provisions of one instrument: entries and runs expanded, parents found, IRIs derived."""

    def __init__(self, reader: _Reader, instrument: Instrument, entry: dict[str, Any]) -> None:
        self.reader, self.instrument, self.entry = reader, instrument, entry
        self.nodes: dict[tuple[str, str], Provision] = {}

    def build(self) -> list[Provision]:
        specs = list(self._specs())
        for spec in specs:  # first every node, so that "in:" may point forward
            self._node(spec)
        built = []
        for spec in specs:
            provision = self.nodes[(spec["kind"], normal_number(spec["number"]))]
            provision.parent_iri, provision.steps = self._placement(spec, provision)
            provision.iri = iris.provision(self.instrument.code, provision.steps)
            built.append(provision)
        for provision in built:
            key = (self.instrument.code, provision.kind, normal_number(provision.number))
            self.reader.catalogue.provisions[key] = provision
        for provision in built:  # "paragraph 15 (g)" is also guiding principle 15(g)
            if "(" in provision.number:
                key = (self.instrument.code, "Paragraph", normal_number(provision.number))
                self.reader.catalogue.provisions.setdefault(key, provision)
        return built

    def _specs(self) -> Iterator[dict[str, Any]]:
        what = f"instrument {self.instrument.code}"
        provisions = self.entry.get("provisions") or []
        if not isinstance(provisions, list):
            raise self.reader.fail(self.entry, what, "provisions must be a list")
        for item in provisions:
            if not isinstance(item, dict):
                raise self.reader.fail(self.entry, what, f"provision {item!r} must be a mapping")
            self.reader._fields(item, PROVISION_FIELDS, f"{what}, provision", ())
            own = None
            if item.get("kind"):
                own = {**item, "number": _text(item.get("number"))}
                yield own
            for key, kind in CHILD_KEYS.items():
                if key in item:
                    for number in self._numbers(item, key):
                        yield {"kind": kind, "number": number, "__line__": item["__line__"],
                               "parent": (own["kind"], own["number"]) if own else None}

    def _numbers(self, item: dict[str, Any], key: str) -> list[str]:
        numbers = []
        for part in _text(item[key]).split(","):
            bounds = part.strip().split("-")
            if len(bounds) == 2 and all(b.strip().isdigit() for b in bounds) and int(bounds[0]) <= int(bounds[1]):
                numbers += [str(n) for n in range(int(bounds[0]), int(bounds[1]) + 1)]
            elif len(bounds) == 1 and bounds[0].strip():
                numbers.append(bounds[0].strip())
            else:
                raise self.reader.fail(item, f"instrument {self.instrument.code}", f"{key} {item[key]!r} is not a list of numbers")
        return numbers

    def _node(self, spec: dict[str, Any]) -> None:
        kind, number = spec["kind"], spec["number"]
        what = f"instrument {self.instrument.code}, provision {kind} {number}".rstrip()
        if kind not in NUMBER_FORMS:
            raise self.reader.fail(spec, what, f"kind must be one of {', '.join(sorted(NUMBER_FORMS))}")
        if not NUMBER_FORMS[kind].fullmatch(number):
            raise self.reader.fail(spec, what, f"number {number!r} is not how a {kind} is numbered")
        key = (kind, normal_number(number))
        if key in self.nodes:
            raise self.reader.fail(spec, what, "listed twice")
        title = _text(spec.get("title")) or None
        names = tuple(dict.fromkeys(([title] if title else []) + self.reader._strings(spec, "names", what)))
        label = f"{KIND_LABELS.get(kind, kind)} {number}".strip() + f" of {self.instrument.short}"
        if kind == "Paragraph" and "(" in number and spec.get("in", "").startswith("Article"):
            label = f"Article {number} of {self.instrument.short}"
        if kind == "GuidingPrinciple" and title:
            label = f"{label} ({title})"
        self.nodes[key] = Provision(self.instrument.code, kind, number, "", [], "", label, title, names)

    def _placement(self, spec: dict[str, Any], provision: Provision) -> tuple[str, list[tuple[str, str]]]:
        """The parent's IRI and the IRI path: nested only where the number extends the parent's."""
        parent_ref = spec.get("parent")
        if spec.get("in"):
            match = re.fullmatch(r"(\w+)\s+(\S+)", _text(spec["in"]))
            if not match:
                raise self.reader.fail(spec, f"instrument {self.instrument.code}, provision {provision.kind} {provision.number}",
                                       f"in {spec['in']!r} is not 'Kind number'")
            parent_ref = (match.group(1), match.group(2))
        own_step = (provision.kind, _iri_key(provision.kind, provision.number))
        if parent_ref is None:
            return self.instrument.iri, [own_step]
        parent = self.nodes.get((parent_ref[0], normal_number(parent_ref[1])))
        if parent is None:
            raise self.reader.fail(spec, f"instrument {self.instrument.code}, provision {provision.kind} {provision.number}",
                                   f"parent {parent_ref[0]} {parent_ref[1]} is not listed")
        if not parent.steps:  # parents are placed before their children are asked for
            parent.parent_iri, parent.steps = self._placement(self._spec_of(parent), parent)
            parent.iri = iris.provision(self.instrument.code, parent.steps)
        extension = re.fullmatch(re.escape(normal_number(parent.number)) + r"\((\w+)\)", normal_number(provision.number))
        if extension and parent.number:
            return parent.iri, [*parent.steps, (provision.kind, extension.group(1))]
        return parent.iri, [own_step]

    def _spec_of(self, provision: Provision) -> dict[str, Any]:
        for spec in self._specs():
            if spec["kind"] == provision.kind and normal_number(spec["number"]) == normal_number(provision.number):
                return spec
        raise KeyError(provision.number)


def describe_provision(graph: Graph, provision: Provision, instrument_iri: str) -> None:
    """A provision's own triples: the catalogue's, and a drafted paragraph's in the graph of a source citing it."""
    node = URIRef(provision.iri)
    graph.add((node, RDF.type, MRKG[provision.kind]))
    if provision.number:
        graph.add((node, MRKG.number, Literal(provision.number)))
        graph.add((node, ELI.number, Literal(provision.number)))
    graph.add((node, MRKG.partOf, URIRef(provision.parent_iri)))
    graph.add((node, MRKG.instrument, URIRef(instrument_iri)))
    graph.add((node, RDFS.label, Literal(provision.label, lang="en")))
    if provision.title:
        graph.add((node, DCTERMS.title, Literal(provision.title, lang="en")))
    for name in provision.names:
        if name != provision.title:
            graph.add((node, SKOS.altLabel, Literal(name, lang="en")))


def _iri_key(kind: str, number: str) -> str:
    """The IRI step of a number: Roman Part numbers become Arabic (…/part/3), as MODEL.md shows."""
    if kind in {"Part", "Annex"} and re.fullmatch(r"[IVXLC]+", number):
        return str(roman_value(number))
    return number


def _text(value: Any) -> str:
    return value.strip() if isinstance(value, str) else ""


def load_catalogue(directory: Path) -> Catalogue:
    """Read and check every ``*.yaml`` in ``directory``; raise :class:`CatalogueError` on bad data."""
    return _Reader().read(directory)
