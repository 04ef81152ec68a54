"""A synthetic mrkg graph of about any size, with the shape of a real build.

The benchmark needs a graph far larger than the five sources give, shaped
like the real one so that the query mix exercises the same joins: a catalogue
of instruments whose provisions form a ``mrkg:partOf`` hierarchy (article →
part → instrument) with the materialised ``mrkg:instrument`` link; States,
organizations and people with their memberships; and one named graph per
source holding its document (a ``nif:Context`` with the whole text), its
sessions, its statements (text, speaker, on behalf of, session, document,
``mrkg:cites``, ``mrkg:mentions``, NIF offsets) and a citation node for every
reference, whose offsets point at the words printed in the document text.

Everything comes from one seeded :class:`random.Random`, so the same seed,
size and ontology give byte-identical N-Quads.  The project's ontology
(``ontology/*.ttl``) is included in its own named graph, as in a build.  IRIs follow :mod:`graph.iris`, terms
:mod:`graph.vocab` (the data model is ``ontology/MODEL.md``); the
super-class and super-property triples that ``graph.entailment`` adds to a
real build are added here too, so union queries see the same shape.

Command line (N-Quads to a file, progress on stderr)::

    python -m benchmarks.synthetic --triples 1000000 --seed 1990 --output synthetic.nq
"""
from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import random
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator

import pyoxigraph as ox
from rdflib.namespace import DCTERMS, FOAF, ORG, PROV, RDF, RDFS, SKOS, XSD

from graph import content_keys, iris
from graph.vocab import CITO, ELI, MRKG, NIF

DEFAULT_SEED = 1990
ONTOLOGY_DIR = Path(__file__).resolve().parent.parent / "ontology"
DEFAULT_TRIPLES = 1_000_000
ACTORS_GRAPH = iris.ID + "graph/actors"

TOPICS = [
    "Recruitment", "Detention", "Remittances", "Consular Assistance", "Domestic Work", "Social Security",
    "Family Reunification", "Labour Inspection", "Return and Reintegration", "Integration", "Border Governance",
    "Trafficking in Persons", "Smuggling of Migrants", "Statelessness", "Migrant Children", "Decent Work",
    "Skills Recognition", "Migration Data", "Xenophobia", "Health Care", "Education", "Housing", "Wages",
    "Regularization", "Seasonal Work", "Climate Displacement", "Diaspora Engagement", "Access to Justice",
    "Gender Equality", "Freedom of Association", "Portability of Benefits", "Missing Migrants",
    "Search and Rescue", "Private Employment Agencies", "Forced Labour", "Occupational Safety",
    "Identity Documents", "Pre-departure Orientation", "Circular Migration", "Local Governance",
]

# Phrases the texts are made of: realistic words for the text filter to find, in varied proportions.
SUBJECTS = [
    "the Committee", "the State party", "the Government", "civil society organizations", "trade unions",
    "employers' organizations", "national human rights institutions", "the Special Rapporteur", "the delegation",
    "local authorities", "countries of origin", "countries of destination", "the international community",
]
VERBS = [
    "should ensure", "had taken steps to guarantee", "was concerned about", "welcomed", "called for",
    "recommended", "noted with appreciation", "stressed the importance of", "asked for information on",
    "reported on", "had adopted legislation on", "would continue to work towards", "regretted the lack of",
]
OBJECTS = [
    "access to justice for migrant workers", "fair and ethical recruitment", "alternatives to immigration detention",
    "consular assistance abroad", "the portability of social security benefits", "regularization programmes",
    "labour inspection in domestic work", "the protection of unaccompanied children", "lower remittance costs",
    "safe and regular pathways", "firewalls between public services and immigration enforcement",
    "data disaggregated by migration status", "the ratification of the Convention", "hate speech and xenophobia",
    "decent work for all", "the recognition of skills and qualifications", "sustainable reintegration",
    "the rights of women migrant workers", "victims of trafficking", "access to health care",
    "birth registration", "the right to education", "equal treatment in wages", "freedom of association",
    "occupational safety and health", "the identification of missing migrants", "search and rescue at sea",
    "visa facilitation", "seasonal agricultural workers", "climate-related displacement",
]
QUALIFIERS = [
    "in countries of origin", "in countries of transit", "in countries of destination", "during the pandemic",
    "at the regional level", "in the informal economy", "in line with its international obligations",
    "without discrimination", "regardless of migration status", "in cooperation with civil society",
    "in the agricultural sector", "along migration routes", "in bilateral labour agreements",
]
ROLES = ["Representative", "Committee member", "Observer", "Panelist", "Rapporteur"]
TITLES = ["Mr.", "Ms."]
SYLLABLES = [
    "ka", "lo", "me", "ri", "sa", "to", "va", "ne", "di", "ra", "mo", "li", "be", "zu", "fa", "go", "hi",
    "ta", "mi", "no", "pe", "su", "ba", "do", "ki", "ma", "ni", "ro", "se", "ve", "ya", "co", "ga", "lu",
]


def _iri(value: object) -> ox.NamedNode:
    return ox.NamedNode(str(value))


# The terms, built once: the generator writes about a million quads.
TYPE, LABEL, ALT_LABEL, NOTATION = _iri(RDF.type), _iri(RDFS.label), _iri(SKOS.altLabel), _iri(SKOS.notation)
TITLE, DATE, ISSUED, LANGUAGE, CREATOR = (_iri(DCTERMS.title), _iri(DCTERMS.date), _iri(DCTERMS.issued),
                                          _iri(DCTERMS.language), _iri(DCTERMS.creator))
DERIVED_FROM, ATTRIBUTED_TO, ENTITY = _iri(PROV.wasDerivedFrom), _iri(PROV.wasAttributedTo), _iri(PROV.Entity)
MEMBER, ORG_ROLE, ORGANIZATION, MEMBERSHIP = (_iri(ORG.member), _iri(ORG.role), _iri(ORG.organization),
                                              _iri(ORG.Membership))
ORG_ORGANIZATION, ORG_ROLE_CLASS, FOAF_PERSON = _iri(ORG.Organization), _iri(ORG.Role), _iri(FOAF.Person)
CITO_CITES, CITO_CITATION = _iri(CITO.cites), _iri(CITO.Citation)
CITING, CITED = _iri(CITO.hasCitingEntity), _iri(CITO.hasCitedEntity)
BEGIN, END, ANCHOR, CONTEXT, IS_STRING = (_iri(NIF.beginIndex), _iri(NIF.endIndex), _iri(NIF.anchorOf),
                                          _iri(NIF.referenceContext), _iri(NIF.isString))
NIF_CONTEXT, ELI_PART_OF, ELI_NUMBER, ELI_RESOURCE = (_iri(NIF.Context), _iri(ELI.is_part_of), _iri(ELI.number),
                                                      _iri(ELI.LegalResource))
M = {name: _iri(MRKG[name]) for name in (
    "Instrument", "Provision", "Part", "Article", "Objective", "GuidingPrinciple", "Paragraph", "Target", "Goal",
    "Actor", "Person", "State", "Organization", "Role", "Session", "Meeting", "DiscussionThread", "Document",
    "SummaryRecord", "OnlineDiscussion", "Statement", "Comment", "ProvisionCitation", "InstrumentMention",
    "Participation", "number", "partOf", "instrument", "text", "paragraphNumber", "speaker", "speakerAsPrinted",
    "speakerRole", "onBehalfOf", "spokenAs", "session", "document", "cites", "mentions", "previousStatement",
    "nextStatement", "inReplyTo", "partOfSession", "chair", "organizer", "records", "symbol", "sha256", "participant",
    "inSession", "participantRole", "affiliation", "instrumentKind", "Treaty", "NonBindingCompact", "Agenda",
)}


def _integer(value: int) -> ox.Literal:
    return ox.Literal(str(value), datatype=_iri(XSD.integer))


def _date(value: dt.date) -> ox.Literal:
    return ox.Literal(value.isoformat(), datatype=_iri(XSD.date))


def _en(text: str) -> ox.Literal:
    return ox.Literal(text, language="en")


@dataclass(frozen=True)
class Provision:
    """A citable provision, with the words a speaker would print to cite it."""

    iri: ox.NamedNode
    printed: str
    instrument: "Instrument"


@dataclass
class Instrument:
    iri: ox.NamedNode
    code: str
    short_name: str
    provisions: list[Provision] = field(default_factory=list)


@dataclass(frozen=True)
class Actor:
    key: str
    label: str

    @property
    def iri(self) -> ox.NamedNode:
        return _iri(iris.actor(self.key))


@dataclass(frozen=True)
class Membership:
    """A person's capacity: as what and for whom they speak."""

    iri: ox.NamedNode
    person: Actor
    role: str
    organization: Actor


class Quads:
    """Collects quads for one named graph at a time, counting them."""

    def __init__(self) -> None:
        self.graph: ox.NamedNode = _iri(iris.CATALOGUE_GRAPH)
        self.pending: list[ox.Quad] = []

    def add(self, subject: ox.NamedNode, predicate: ox.NamedNode, value: ox.NamedNode | ox.Literal) -> None:
        self.pending.append(ox.Quad(subject, predicate, value, self.graph))

    def offsets(self, node: ox.NamedNode, document: ox.NamedNode, text: str, start: int, end: int) -> None:
        self.add(node, BEGIN, _integer(start))
        self.add(node, END, _integer(end))
        self.add(node, ANCHOR, ox.Literal(text[start:end]))
        self.add(node, CONTEXT, document)

    def take(self) -> list[ox.Quad]:
        taken, self.pending = self.pending, []
        return taken


class Synthesiser:
    """Writes the catalogue, the actors and as many sources as asked, from one seed."""

    def __init__(self, seed: int = DEFAULT_SEED, instruments: int = 40, states: int = 150,
                 organizations: int = 250, people: int = 3000) -> None:
        self.rng = random.Random(seed)
        self.quads = Quads()
        self.instruments: list[Instrument] = []
        self.provisions: list[Provision] = []
        self.states: list[Actor] = []
        self.organizations: list[Actor] = []
        self.memberships: list[Membership] = []
        self.sizes = (instruments, states, organizations, people)
        self.used_names: set[str] = set()

    # -- catalogue -----------------------------------------------------------------------------------------------

    def catalogue(self) -> list[ox.Quad]:
        count = self.sizes[0]
        for number in range(1, count + 1):
            topic = TOPICS[(number - 1) % len(TOPICS)]
            shape = ("treaty", "compact", "agenda")[number % 3]
            code = f"SYN-{shape.upper()}-{number:02d}"
            title = {"treaty": f"Convention on {topic}", "compact": f"Compact on {topic}",
                     "agenda": f"Agenda on {topic}"}[shape]
            short = {"treaty": f"the {topic} Convention", "compact": f"the {topic} Compact",
                     "agenda": f"the {topic} Agenda"}[shape]
            instrument = Instrument(_iri(iris.instrument(code)), code, short)
            self._instrument(instrument, title, shape)
            self.instruments.append(instrument)
            self.provisions.extend(instrument.provisions)
        return self.quads.take()

    def _instrument(self, instrument: Instrument, title: str, shape: str) -> None:
        add, node = self.quads.add, instrument.iri
        add(node, TYPE, M["Instrument"])
        add(node, TYPE, ELI_RESOURCE)
        add(node, NOTATION, ox.Literal(instrument.code))
        add(node, LABEL, _en(title))
        add(node, ALT_LABEL, _en(instrument.short_name))
        add(node, M["instrumentKind"], M[{"treaty": "Treaty", "compact": "NonBindingCompact", "agenda": "Agenda"}[shape]])
        if shape == "treaty":
            article = 0
            for part in range(1, self.rng.randint(3, 9) + 1):
                part_node = self._provision(instrument, [("Part", _roman(part))], "Part", _roman(part), node, None)
                for _ in range(self.rng.randint(4, 12)):
                    article += 1
                    steps = [("Article", str(article))]
                    art = self._provision(instrument, steps, "Article", str(article), part_node,
                                          f"article {article} of {instrument.short_name}")
                    for paragraph in range(1, self.rng.choice((0, 0, 2, 3, 4)) + 1):
                        self._provision(instrument, steps + [("Paragraph", str(paragraph))], "Paragraph",
                                        f"{article}({paragraph})", art,
                                        f"article {article} ({paragraph}) of {instrument.short_name}")
        elif shape == "compact":
            for principle in range(1, self.rng.randint(5, 10) + 1):
                self._provision(instrument, [("GuidingPrinciple", str(principle))], "GuidingPrinciple",
                                str(principle), node, f"guiding principle {principle} of {instrument.short_name}")
            for objective in range(1, self.rng.randint(10, 25) + 1):
                steps = [("Objective", str(objective))]
                obj = self._provision(instrument, steps, "Objective", str(objective), node,
                                      f"objective {objective} of {instrument.short_name}")
                for letter in "abcdefghijk"[: self.rng.randint(0, 11)]:
                    self._provision(instrument, steps + [("Paragraph", letter)], "Paragraph",
                                    f"{objective}({letter})", obj,
                                    f"objective {objective} ({letter}) of {instrument.short_name}")
        else:
            for goal in range(1, self.rng.randint(10, 17) + 1):
                goal_node = self._provision(instrument, [("Goal", str(goal))], "Goal", str(goal), node,
                                            f"goal {goal} of {instrument.short_name}")
                for target in range(1, self.rng.randint(3, 10) + 1):
                    number = f"{goal}.{target if target < 8 else 'abc'[target - 8]}"
                    self._provision(instrument, [("Target", number)], "Target", number, goal_node,
                                    f"target {number} of {instrument.short_name}")

    def _provision(self, instrument: Instrument, steps: list[tuple[str, str]], kind: str, number: str,
                   parent: ox.NamedNode, printed: str | None) -> ox.NamedNode:
        add = self.quads.add
        node = _iri(iris.provision(instrument.code, steps))
        add(node, TYPE, M[kind])
        add(node, TYPE, M["Provision"])
        add(node, M["number"], ox.Literal(number))
        add(node, ELI_NUMBER, ox.Literal(number))
        add(node, M["partOf"], parent)
        add(node, ELI_PART_OF, parent)
        add(node, M["instrument"], instrument.iri)
        add(node, LABEL, _en(f"{kind} {number} of {instrument.code}"))
        if printed:  # parts are not cited by number in the texts
            instrument.provisions.append(Provision(node, printed, instrument))
        return node

    # -- actors --------------------------------------------------------------------------------------------------

    def actors(self) -> list[ox.Quad]:
        _, states, organizations, people = self.sizes
        quads = self.quads
        for _ in range(states):  # curated, like the real catalogue's States
            self.states.append(self._actor("State", f"Republic of {self._name()}", iris.CATALOGUE_GRAPH))
        for index in range(organizations):
            kind = ("Association", "Network", "Federation", "Institute", "Foundation")[index % 5]
            self.organizations.append(self._actor("Organization", f"{self._name()} Migrants {kind}",
                                                  iris.CATALOGUE_GRAPH))
        quads.graph = _iri(ACTORS_GRAPH)
        for role in ROLES:
            node = _iri(iris.role(role))
            quads.add(node, TYPE, M["Role"])
            quads.add(node, TYPE, ORG_ROLE_CLASS)
            quads.add(node, LABEL, _en(role))
        for _ in range(people):
            person = self._actor("Person", f"{self.rng.choice(TITLES)} {self._name()}", ACTORS_GRAPH)
            for _ in range(self.rng.choice((1, 1, 2, 3))):
                role = self.rng.choice(ROLES)
                for_whom = self.rng.choice(self.states if self.rng.random() < 0.6 else self.organizations)
                node = _iri(iris.membership(person.key, role, for_whom.key))
                quads.add(node, TYPE, MEMBERSHIP)
                quads.add(node, MEMBER, person.iri)
                quads.add(node, ORG_ROLE, _iri(iris.role(role)))
                quads.add(node, ORGANIZATION, for_whom.iri)
                quads.add(node, LABEL, ox.Literal(f"{person.label} as {role} for {for_whom.label}"))
                self.memberships.append(Membership(node, person, role, for_whom))
        return quads.take()

    def _name(self) -> str:
        while True:
            name = "".join(self.rng.choice(SYLLABLES) for _ in range(self.rng.randint(2, 4))).capitalize()
            if name not in self.used_names:
                self.used_names.add(name)
                return name

    def _actor(self, kind: str, label: str, graph: str) -> Actor:
        quads = self.quads
        quads.graph = _iri(graph)
        actor = Actor(content_keys.slug(label), label)
        quads.add(actor.iri, TYPE, M[kind])
        quads.add(actor.iri, TYPE, M["Actor"])
        quads.add(actor.iri, TYPE, FOAF_PERSON if kind == "Person" else ORG_ORGANIZATION)
        quads.add(actor.iri, LABEL, ox.Literal(label))
        return actor

    # -- sources -------------------------------------------------------------------------------------------------

    def source(self, index: int) -> list[ox.Quad]:
        """One source's named graph: a meeting record, or (one in four) an online discussion thread."""
        discussion = index % 4 == 3
        stem = f"{index:04d}_{content_keys.digest(f'synthetic source {index}', 16)}"
        quads = self.quads
        quads.graph = _iri(iris.source_graph(stem))
        document = _iri(iris.document(stem))
        source_file = _iri(iris.source_file(f"{stem}.txt"))
        day = dt.date(2004, 1, 5) + dt.timedelta(days=index * 11 + self.rng.randint(0, 6))
        committee = self.organizations[index % 7]
        if discussion:
            session = _iri(iris.session(f"synthetic-forum/thread/{index}"))
            quads.add(session, TYPE, M["DiscussionThread"])
            quads.add(session, LABEL, _en(f"Discussion thread {index}: {self.rng.choice(OBJECTS)}"))
        else:
            parent = _iri(iris.session(f"synthetic-committee/{index // 6 + 1}"))
            session = _iri(iris.session(f"synthetic-committee/{index // 6 + 1}/meeting/{index + 100}"))
            if index % 6 == 0:
                # Described once, in its first meeting's graph: a triple repeated in several named graphs
                # is counted once by rdflib's union default graph and once per graph by Oxigraph's.
                quads.add(parent, TYPE, M["Session"])
                quads.add(parent, LABEL, _en(f"Synthetic committee, session {index // 6 + 1}"))
                quads.add(parent, M["organizer"], committee.iri)
                quads.add(parent, DATE, _date(day))
            quads.add(session, TYPE, M["Meeting"])
            quads.add(session, M["partOfSession"], parent)
            quads.add(session, LABEL, _en(f"{index + 100}th meeting"))
            quads.add(session, M["number"], ox.Literal(str(index + 100)))
        quads.add(session, TYPE, M["Session"])
        quads.add(session, DATE, _date(day))
        cast = self.rng.sample(self.memberships, 14)
        chair = cast[0]
        if not discussion:
            quads.add(session, M["chair"], chair.person.iri)
        text, statements = self._text(index, discussion, cast)
        symbol = None if discussion else f"SYN/C/SR.{index + 100}"
        self._document(document, source_file, stem, text, day, committee, session, symbol)
        previous: ox.NamedNode | None = None
        nodes = [_iri(iris.statement(stem, str(number))) for number, *_ in statements]
        for position, (number, start, end, speaker, references) in enumerate(statements):
            node = nodes[position]
            self._statement(node, number, text, start, end, speaker, references, document, source_file, session,
                            day, discussion, previous, nodes[position + 1] if position + 1 < len(nodes) else None)
            if discussion and position > 1 and self.rng.random() < 0.3:
                quads.add(node, M["inReplyTo"], nodes[self.rng.randrange(1, position)])
            previous = node
        for member in cast:
            participation = _iri(f"{iris.ID}participation/{content_keys.digest(f'{member.iri.value}|{stem}', 12)}")
            quads.add(participation, TYPE, M["Participation"])
            quads.add(participation, LABEL, _en(f"{member.person.label} as {member.role}"))
            quads.add(participation, M["participant"], member.person.iri)
            quads.add(participation, M["inSession"], session)
            quads.add(participation, M["participantRole"], _iri(iris.role(member.role)))
            quads.add(participation, M["affiliation"], member.organization.iri)
        return quads.take()

    def _text(self, index: int, discussion: bool, cast: list[Membership]
              ) -> tuple[str, list[tuple[int, int, int, Membership | None, list[tuple[int, int, object]]]]]:
        """The document text and, per statement: number, span, speaker, references (span, cited)."""
        rng = self.rng
        pieces = [f"Synthetic record {index}\n\n"]
        offset = len(pieces[0])
        statements = []
        for number in range(1, rng.randint(150, 250) + 1):
            speaker = None if rng.random() < 0.08 else rng.choice(cast)
            prefix = f"{number}.\t" if not discussion else ""
            if speaker is None:
                body = f"The meeting was called to order at {rng.randint(10, 12)}.{rng.choice(('00', '05', '10'))} a.m."
            else:
                body = f"{speaker.person.label} ({speaker.organization.label}) said that "
            references: list[tuple[int, int, object]] = []
            for _ in range(rng.randint(1, 5) if speaker else 0):
                sentence = f"{rng.choice(SUBJECTS)} {rng.choice(VERBS)} {rng.choice(OBJECTS)} {rng.choice(QUALIFIERS)}"
                body += sentence
                roll = rng.random()
                if roll < 0.35:
                    cited: object = rng.choice(self.provisions)
                    printed = cited.printed  # type: ignore[attr-defined]
                elif roll < 0.65:
                    cited = rng.choice(self.instruments)
                    printed = cited.short_name  # type: ignore[attr-defined]
                else:
                    cited, printed = None, ""
                if cited is not None:
                    body += ", as set out in "
                    start = offset + len(prefix) + len(body)
                    body += printed
                    references.append((start, start + len(printed), cited))
                body += ". "
            body = body.rstrip()
            paragraph = prefix + body
            statements.append((number, offset, offset + len(paragraph), speaker, references))
            pieces.append(paragraph + "\n\n")
            offset += len(paragraph) + 2
        return "".join(pieces), statements

    def _document(self, document: ox.NamedNode, source_file: ox.NamedNode, stem: str, text: str, day: dt.date,
                  committee: Actor, session: ox.NamedNode, symbol: str | None) -> None:
        """A summary record has a document symbol; a discussion thread has none."""
        add = self.quads.add
        add(document, TYPE, M["SummaryRecord" if symbol else "OnlineDiscussion"])
        add(document, TYPE, M["Document"])
        add(document, TYPE, NIF_CONTEXT)
        title = f"Summary record of meeting {symbol.rsplit('.', 1)[1]}" if symbol else f"Discussion {stem}"
        add(document, LABEL, _en(f"{symbol}: {title}" if symbol else title))
        add(document, TITLE, _en(title))
        if symbol:
            add(document, M["symbol"], ox.Literal(symbol))
        add(document, ISSUED, _date(day + dt.timedelta(days=9)))
        add(document, LANGUAGE, ox.Literal("en"))
        add(document, CREATOR, committee.iri)
        add(document, M["records"], session)
        add(document, DERIVED_FROM, source_file)
        add(document, IS_STRING, ox.Literal(text))
        add(document, M["sha256"], ox.Literal(hashlib.sha256(text.encode("utf-8")).hexdigest()))
        add(document, BEGIN, _integer(0))
        add(document, END, _integer(len(text)))
        add(source_file, TYPE, ENTITY)
        add(source_file, LABEL, ox.Literal(f"{stem}.txt"))

    def _statement(self, node: ox.NamedNode, number: int, text: str, start: int, end: int,
                   speaker: Membership | None, references: list[tuple[int, int, object]], document: ox.NamedNode,
                   source_file: ox.NamedNode, session: ox.NamedNode, day: dt.date, discussion: bool,
                   previous: ox.NamedNode | None, following: ox.NamedNode | None) -> None:
        quads = self.quads
        add = quads.add
        add(node, TYPE, M["Statement"])
        if discussion:
            add(node, TYPE, M["Comment"])
            add(node, DATE, _date(day + dt.timedelta(days=number // 20)))
        else:
            add(node, M["paragraphNumber"], _integer(number))
        who = f" ({speaker.person.label})" if speaker else ""
        add(node, LABEL, _en(f"Synthetic record, para. {number}{who}"))
        paragraph = text[start:end]
        add(node, M["text"], ox.Literal(paragraph.split("\t", 1)[-1]))
        add(node, M["document"], document)
        add(node, M["session"], session)
        add(node, DERIVED_FROM, source_file)
        if speaker is not None:
            add(node, M["speaker"], speaker.person.iri)
            add(node, ATTRIBUTED_TO, speaker.person.iri)
            add(node, M["speakerAsPrinted"], ox.Literal(speaker.person.label))
            add(node, M["speakerRole"], _iri(iris.role(speaker.role)))
            add(node, M["onBehalfOf"], speaker.organization.iri)
            add(node, M["spokenAs"], speaker.iri)
        if previous is not None:
            add(node, M["previousStatement"], previous)
        if following is not None:
            add(node, M["nextStatement"], following)
        quads.offsets(node, document, text, start, end)
        for begin, finish, cited in references:
            reference = _iri(iris.reference(node.value, begin, finish))
            if isinstance(cited, Provision):
                add(reference, TYPE, M["ProvisionCitation"])
                add(node, M["cites"], cited.iri)
                add(node, CITO_CITES, cited.iri)
                target = cited.iri
            else:
                assert isinstance(cited, Instrument)
                add(reference, TYPE, M["InstrumentMention"])
                add(node, M["mentions"], cited.iri)
                target = cited.iri
            add(reference, TYPE, CITO_CITATION)
            add(reference, LABEL, _en(f"“{text[begin:finish]}”"))
            add(reference, CITING, node)
            add(reference, CITED, target)
            quads.offsets(reference, document, text, begin, finish)


def _roman(number: int) -> str:
    numerals = [(10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")]
    out = ""
    for value, letters in numerals:
        while number >= value:
            out += letters
            number -= value
    return out


def ontology_quads(folder: Path = ONTOLOGY_DIR) -> list[ox.Quad]:
    """The project's ontology in its own named graph, as a build publishes it.

    Without it, the instrument kinds and roles the data points to would be
    untyped.  Blank nodes are named in the order they are read, so the same
    ontology gives the same quads.
    """
    graph = _iri(iris.ONTOLOGY_GRAPH)
    names: dict[str, ox.BlankNode] = {}

    def stable(term: object) -> object:
        if isinstance(term, ox.BlankNode):
            return names.setdefault(term.value, ox.BlankNode(f"ontology{len(names)}"))
        return term

    quads = []
    for path in sorted(folder.glob("*.ttl")):
        for triple in ox.parse(path=str(path), format=ox.RdfFormat.TURTLE):
            quads.append(ox.Quad(stable(triple.subject), triple.predicate, stable(triple.object), graph))  # type: ignore[arg-type]
    return quads


def synthetic_quads(triples: int = DEFAULT_TRIPLES, seed: int = DEFAULT_SEED) -> Iterator[ox.Quad]:
    """Quads until at least ``triples`` are written (the last source is finished whole)."""
    synthesiser = Synthesiser(seed)
    written = 0
    for batch in (ontology_quads(), synthesiser.catalogue(), synthesiser.actors()):
        written += len(batch)
        yield from batch
    index = 0
    while written < triples:
        batch = synthesiser.source(index)
        written += len(batch)
        index += 1
        yield from batch


def write_nquads(path: Path, triples: int = DEFAULT_TRIPLES, seed: int = DEFAULT_SEED) -> int:
    """Write the synthetic graph as N-Quads; returns the number of quads written."""
    counted = 0

    def counting() -> Iterator[ox.Quad]:
        nonlocal counted
        for quad in synthetic_quads(triples, seed):
            counted += 1
            yield quad

    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(path.name + ".partial")
    with partial.open("wb") as output:
        ox.serialize(counting(), output, ox.RdfFormat.N_QUADS)
    partial.replace(path)
    return counted


def main(argv: list[str] | None = None) -> int:
    options = argparse.ArgumentParser(prog="python -m benchmarks.synthetic", description=__doc__.split("\n\n")[0])
    options.add_argument("--triples", type=int, default=DEFAULT_TRIPLES, help="about how many quads to write")
    options.add_argument("--seed", type=int, default=DEFAULT_SEED, help="the same seed gives the same graph")
    options.add_argument("--output", type=Path, required=True, help="N-Quads file to write")
    args = options.parse_args(argv)
    if args.triples <= 0:
        options.error("--triples must be positive")
    written = write_nquads(args.output, args.triples, args.seed)
    print(f"{written} quads written to {args.output}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
