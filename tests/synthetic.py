"""A synthetic graph shaped like a real build, of any size, for tests and timings.

It follows ``ontology/MODEL.md``: a catalogue graph (instruments, provisions),
an actors graph (people, States, organizations, roles, memberships) and one
graph per "source", whose document text is made of the statements' passages so
that every offset and quoted passage is right.  It conforms to the shapes; a
test that needs a violation changes one triple.
"""
from __future__ import annotations

import datetime as dt
import hashlib

from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, ORG, PROV, RDF, RDFS, SKOS

from graph import iris
from graph.vocab import CITO, MRKG, NIF

ARTICLES = 30
OBJECTIVES = 23


def synthetic_dataset(sources: int = 5, statements_per_source: int = 300) -> Dataset:
    """About 27 triples per statement plus a few hundred for catalogue and actors."""
    dataset = Dataset()
    _catalogue(dataset)
    _actors(dataset)
    for number in range(sources):
        _source(dataset, f"{number:03d}_synthetic", statements_per_source, number)
    return dataset


def _catalogue(dataset: Dataset) -> None:
    graph = dataset.graph(URIRef(iris.CATALOGUE_GRAPH))
    for code, kind, articles, token in (
        ("ICRMW", MRKG.Treaty, ARTICLES, "Article"),
        ("GCM", MRKG.NonBindingCompact, OBJECTIVES, "Objective"),
    ):
        instrument = URIRef(iris.instrument(code))
        graph.add((instrument, RDF.type, MRKG.Instrument))
        graph.add((instrument, SKOS.notation, Literal(code)))
        graph.add((instrument, RDFS.label, Literal(f"The instrument {code}", lang="en")))
        graph.add((instrument, MRKG.instrumentKind, kind))
        graph.add((instrument, MRKG.adoptionDate, Literal(dt.date(1990, 12, 18))))
        for n in range(1, articles + 1):
            provision = URIRef(iris.provision(code, [(token, str(n))]))
            graph.add((provision, RDF.type, MRKG[token]))
            graph.add((provision, MRKG.number, Literal(str(n))))
            graph.add((provision, MRKG.partOf, instrument))
            graph.add((provision, MRKG.instrument, instrument))
            graph.add((provision, RDFS.label, Literal(f"{token} {n} of the {code}", lang="en")))
            if token == "Article":
                paragraph = URIRef(iris.provision(code, [(token, str(n)), ("Paragraph", "1")]))
                graph.add((paragraph, RDF.type, MRKG.Paragraph))
                graph.add((paragraph, MRKG.number, Literal(f"{n}(1)")))
                graph.add((paragraph, MRKG.partOf, provision))
                graph.add((paragraph, MRKG.instrument, instrument))
                graph.add((paragraph, RDFS.label, Literal(f"Article {n}(1) of the {code}", lang="en")))


def _actors(dataset: Dataset) -> None:
    graph = dataset.graph(URIRef(iris.ID + "graph/actors"))
    for key, kind, label in (
        ("chair-person", MRKG.Person, "Mr. Chair"),
        ("speaker-a", MRKG.Person, "Ms. Alpha"),
        ("speaker-b", MRKG.Person, "Mr. Beta"),
        ("mexico", MRKG.State, "Mexico"),
        ("ohchr", MRKG.Organization, "Office of the United Nations High Commissioner for Human Rights"),
        ("committee", MRKG.Organization, "Committee on Migrant Workers"),
    ):
        graph.add((URIRef(iris.actor(key)), RDF.type, kind))
        graph.add((URIRef(iris.actor(key)), RDFS.label, Literal(label)))
    for name in ("Chair", "Representative"):
        graph.add((URIRef(iris.role(name)), RDF.type, MRKG.Role))
        graph.add((URIRef(iris.role(name)), RDFS.label, Literal(name, lang="en")))
    membership = URIRef(iris.membership("speaker-a", "Representative", "mexico"))
    graph.add((membership, RDF.type, ORG.Membership))
    graph.add((membership, RDFS.label, Literal("Ms. Alpha, representative of Mexico")))
    graph.add((membership, ORG.member, URIRef(iris.actor("speaker-a"))))
    graph.add((membership, ORG.role, URIRef(iris.role("Representative"))))
    graph.add((membership, ORG.organization, URIRef(iris.actor("mexico"))))


def _source(dataset: Dataset, stem: str, count: int, seed: int) -> None:
    graph = dataset.graph(URIRef(iris.source_graph(stem)))
    document = URIRef(iris.document(stem))
    source_file = URIRef(iris.source_file(stem + ".txt"))
    session = URIRef(iris.session(f"cmw/{30 + seed}"))
    meeting = URIRef(iris.session(f"cmw/{30 + seed}/meeting/{400 + seed}"))
    agenda = URIRef(f"{meeting}/agenda/promotion-of-the-convention")
    day = Literal(dt.date(2021, 4, 14) + dt.timedelta(days=seed))

    for node, kind, label in (
        (session, MRKG.Session, f"Committee on Migrant Workers, {30 + seed}th session"),
        (meeting, MRKG.Meeting, f"{400 + seed}th meeting"),
    ):
        graph.add((node, RDF.type, kind))
        graph.add((node, RDFS.label, Literal(label)))
        graph.add((node, DCTERMS.date, day))
        graph.add((node, MRKG.organizer, URIRef(iris.actor("committee"))))
    graph.add((meeting, MRKG.partOfSession, session))
    graph.add((meeting, MRKG.sessionNumber, Literal(str(400 + seed))))
    graph.add((meeting, MRKG.startTime, Literal(dt.time(15, 0))))
    graph.add((meeting, MRKG.endTime, Literal(dt.time(18, 0))))
    graph.add((meeting, MRKG.place, Literal("Palais des Nations, Geneva")))
    graph.add((meeting, MRKG.chair, URIRef(iris.actor("chair-person"))))
    graph.add((meeting, MRKG.agendaItem, agenda))
    graph.add((agenda, RDF.type, MRKG.AgendaItem))
    graph.add((agenda, RDFS.label, Literal("Promotion of the Convention", lang="en")))

    pieces: list[str] = []
    offset = 0
    previous: URIRef | None = None
    for number in range(1, count + 1):
        speaker = ("speaker-a", "speaker-b", "chair-person")[number % 3]
        article = number % ARTICLES + 1
        objective = number % OBJECTIVES + 1
        printed = f"{number}.\tMs. Alpha (Mexico) said that article {article} and objective {objective} of the Global Compact mattered."
        text = printed.split("\t", 1)[1]
        statement = URIRef(iris.statement(stem, str(number)))
        start, end = offset, offset + len(printed)
        graph.add((statement, RDF.type, MRKG.Statement))
        graph.add((statement, RDFS.label, Literal(f"SR.{400 + seed}, para. {number}")))
        graph.add((statement, MRKG.text, Literal(text)))
        graph.add((statement, MRKG.paragraphNumber, Literal(number)))
        graph.add((statement, MRKG.speaker, URIRef(iris.actor(speaker))))
        graph.add((statement, MRKG.speakerAsPrinted, Literal("Ms. Alpha (Mexico)")))
        graph.add((statement, MRKG.onBehalfOf, URIRef(iris.actor("mexico"))))
        graph.add((statement, MRKG.session, meeting))
        graph.add((statement, MRKG.document, document))
        graph.add((statement, NIF.beginIndex, Literal(start)))
        graph.add((statement, NIF.endIndex, Literal(end)))
        graph.add((statement, NIF.anchorOf, Literal(printed)))
        graph.add((statement, NIF.referenceContext, document))
        graph.add((statement, PROV.wasDerivedFrom, source_file))
        if previous is not None:
            graph.add((statement, MRKG.previousStatement, previous))
            graph.add((previous, MRKG.nextStatement, statement))
        previous = statement

        for phrase, target, kind, link in (
            (f"article {article}", iris.provision("ICRMW", [("Article", str(article))]), MRKG.ProvisionCitation, MRKG.cites),
            (f"objective {objective}", iris.provision("GCM", [("Objective", str(objective))]), MRKG.ProvisionCitation, MRKG.cites),
            ("the Global Compact", iris.instrument("GCM"), MRKG.InstrumentMention, MRKG.mentions),
        ):
            at = start + printed.index(phrase)
            reference = URIRef(iris.reference(str(statement), at, at + len(phrase)))
            graph.add((statement, link, URIRef(target)))
            graph.add((reference, RDF.type, kind))
            graph.add((reference, RDFS.label, Literal(f"“{phrase}” in para. {number}")))
            graph.add((reference, CITO.hasCitingEntity, statement))
            graph.add((reference, CITO.hasCitedEntity, URIRef(target)))
            graph.add((reference, NIF.beginIndex, Literal(at)))
            graph.add((reference, NIF.endIndex, Literal(at + len(phrase))))
            graph.add((reference, NIF.anchorOf, Literal(phrase)))
            graph.add((reference, NIF.referenceContext, document))
        pieces.append(printed + "\n\n")
        offset += len(printed) + 2

    whole = "".join(pieces)
    graph.add((document, RDF.type, MRKG.SummaryRecord))
    graph.add((document, RDFS.label, Literal(f"CMW/C/SR.{400 + seed}: Summary record", lang="en")))
    graph.add((document, MRKG.symbol, Literal(f"CMW/C/SR.{400 + seed}")))
    graph.add((document, DCTERMS.issued, day))
    graph.add((document, MRKG.records, meeting))
    graph.add((document, PROV.wasDerivedFrom, source_file))
    graph.add((document, MRKG.sha256, Literal(hashlib.sha256(whole.encode("utf-8")).hexdigest())))
    graph.add((document, NIF.isString, Literal(whole)))
    graph.add((document, NIF.beginIndex, Literal(0)))
    graph.add((document, NIF.endIndex, Literal(len(whole))))


def union_graph(dataset: Dataset) -> Graph:
    """All named graphs as one rdflib graph (what validation and the reasoner see)."""
    union = Graph()
    for s, p, o, _ in dataset.quads((None, None, None, None)):
        union.add((s, p, o))
    return union
