"""The ontology: its metadata, its terms, its alignments, what HermiT says of it, and its page."""
from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest
from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, FOAF, ORG, OWL, PROV, RDF, RDFS, SKOS

from graph.entailment import materialise
from graph.iris import PROVISION_TOKENS
from graph.ontology import check_ontology, check_with_data
from graph.ontology_docs import render_ontology_html
from graph.records import ActorKind, DocumentKind, SessionKind, StatementKind
from graph.vocab import CITO, ELI, MRKG, NIF, SCHEMA
from synthetic import synthetic_dataset, union_graph

XSD = Namespace("http://www.w3.org/2001/XMLSchema#")  # an open namespace: pytest probes module names

ROOT = Path(__file__).resolve().parents[2]
ONTOLOGY = ROOT / "ontology" / "mrkg.ttl"
ONTOLOGY_IRI = URIRef("https://w3id.org/mrkg/ontology")
VANN = "http://purl.org/vocab/vann/"
UNDO_MEETING_MINUTE = URIRef("https://w3id.org/un/ontology/undo/MeetingMinute")

CONTRACT_CLASSES = """Instrument Provision Part Article Objective GuidingPrinciple Paragraph Target Actor Person
    Organization State Group Session Meeting ThematicSession Seminar SeminarSession DiscussionSpace DiscussionThread
    Document SummaryRecord ConceptNote SeminarSummary OnlineDiscussion Statement Comment Question Submission
    ProvisionCitation InstrumentMention AgendaItem Role Participation InstrumentKind""".split()

CONTRACT_PROPERTIES = """number partOf instrument text paragraphNumber speaker speakerAsPrinted speakerRole onBehalfOf
    spokenAs session document cites mentions inReplyTo duplicateOf previousStatement nextStatement records symbol
    sha256 chair organizer partOfSession agendaItem place startTime endTime memberCount commentCount postedBy
    participant inSession participantRole affiliation position instrumentKind adoptedBy adoptionDate
    entryIntoForce""".split()

INSTRUMENT_KINDS = """Treaty ILOConvention NonBindingCompact Declaration Resolution GeneralComment Protocol Agenda
    Framework Constitution""".split()


@pytest.fixture(scope="module")
def ontology() -> Graph:
    return Graph().parse(ONTOLOGY)


def declared(ontology: Graph) -> set[URIRef]:
    return {s for s in ontology.subjects(RDF.type, None) if isinstance(s, URIRef)}


def test_ontology_header(ontology: Graph) -> None:
    assert (ONTOLOGY_IRI, RDF.type, OWL.Ontology) in ontology
    assert ontology.value(ONTOLOGY_IRI, OWL.versionIRI) == URIRef("https://w3id.org/mrkg/ontology/0.1.0")
    assert ontology.value(ONTOLOGY_IRI, DCTERMS.license) == URIRef("https://creativecommons.org/licenses/by/4.0/")
    assert ontology.value(ONTOLOGY_IRI, DCTERMS.creator) == Literal("mrkg contributors")
    assert ontology.value(ONTOLOGY_IRI, URIRef(VANN + "preferredNamespacePrefix")) == Literal("mrkg")
    assert ontology.value(ONTOLOGY_IRI, URIRef(VANN + "preferredNamespaceUri")) == Literal(str(MRKG))
    titles = {t.language for t in ontology.objects(ONTOLOGY_IRI, DCTERMS.title)}
    assert "en" in titles
    assert str(ontology.value(ONTOLOGY_IRI, DCTERMS.description)).strip()
    assert not list(ontology.objects(None, OWL.imports))


@pytest.mark.parametrize("name", CONTRACT_CLASSES)
def test_every_contract_class_is_declared_and_documented(ontology: Graph, name: str) -> None:
    cls = MRKG[name]
    assert (cls, RDF.type, OWL.Class) in ontology
    languages = {label.language for label in ontology.objects(cls, RDFS.label)}
    assert {"en", "fr"} <= languages
    assert any(c.language == "en" and len(c) > 20 for c in ontology.objects(cls, RDFS.comment))


@pytest.mark.parametrize("name", CONTRACT_PROPERTIES)
def test_every_contract_property_has_label_comment_domain_and_range(ontology: Graph, name: str) -> None:
    prop = MRKG[name]
    kinds = set(ontology.objects(prop, RDF.type)) & {OWL.ObjectProperty, OWL.DatatypeProperty}
    assert len(kinds) == 1, f"{name} must be exactly one of object or datatype property"
    assert {label.language for label in ontology.objects(prop, RDFS.label)} >= {"en", "fr"}
    assert any(c.language == "en" for c in ontology.objects(prop, RDFS.comment))
    assert ontology.value(prop, RDFS.domain) is not None
    assert ontology.value(prop, RDFS.range) is not None


def test_every_mrkg_term_is_labelled_and_commented(ontology: Graph) -> None:
    own = {t for t in declared(ontology) if str(t).startswith(str(MRKG))}
    assert len(own) > 80
    for term in own:
        assert ontology.value(term, RDFS.label) is not None, term
        assert ontology.value(term, RDFS.comment) is not None, term


def test_datatype_ranges(ontology: Graph) -> None:
    assert ontology.value(MRKG.paragraphNumber, RDFS.range) == XSD.integer
    assert ontology.value(MRKG.text, RDFS.range) == XSD.string
    assert ontology.value(MRKG.number, RDFS.range) == XSD.string
    # xsd:date and xsd:time are outside the OWL 2 datatype map, so those ranges stay rdfs:Literal
    for name in ("adoptionDate", "entryIntoForce", "startTime", "endTime"):
        assert ontology.value(MRKG[name], RDFS.range) == RDFS.Literal


@pytest.mark.parametrize("name", INSTRUMENT_KINDS)
def test_instrument_kinds_are_concepts_of_one_scheme(ontology: Graph, name: str) -> None:
    kind = MRKG[name]
    assert (kind, RDF.type, MRKG.InstrumentKind) in ontology
    assert (kind, SKOS.inScheme, MRKG.InstrumentKinds) in ontology
    assert (MRKG.InstrumentKind, RDFS.subClassOf, SKOS.Concept) in ontology


@pytest.mark.parametrize(
    "kinds, parent",
    [(DocumentKind, MRKG.Document), (SessionKind, MRKG.Session), (ActorKind, MRKG.Actor)],
)
def test_record_kinds_name_classes_of_the_ontology(ontology: Graph, kinds: type, parent: URIRef) -> None:
    for kind in kinds:
        cls = MRKG[kind.value]
        assert (cls, RDF.type, OWL.Class) in ontology, kind
        assert cls == parent or (cls, RDFS.subClassOf, parent) in ontology, kind


def test_statement_kinds_and_provision_kinds(ontology: Graph) -> None:
    for kind in StatementKind:
        if kind is StatementKind.PARAGRAPH:
            # A paragraph of a record is a plain mrkg:Statement; mrkg:Paragraph is a provision.
            assert (MRKG.Paragraph, RDFS.subClassOf, MRKG.Provision) in ontology
            continue
        assert (MRKG[kind.value], RDFS.subClassOf, MRKG.Statement) in ontology, kind
    for kind in PROVISION_TOKENS:
        assert (MRKG[kind], RDFS.subClassOf, MRKG.Provision) in ontology, kind


@pytest.mark.parametrize(
    "term, relation, outside",
    [
        (MRKG.Instrument, RDFS.subClassOf, ELI.LegalResource),
        (MRKG.Provision, RDFS.subClassOf, ELI.LegalResourceSubdivision),
        (MRKG.partOf, RDFS.subPropertyOf, ELI.is_part_of),
        (MRKG.number, RDFS.subPropertyOf, ELI.number),
        (MRKG.cites, RDFS.subPropertyOf, CITO.cites),
        (MRKG.ProvisionCitation, RDFS.subClassOf, CITO.Citation),
        (MRKG.InstrumentMention, RDFS.subClassOf, CITO.Citation),
        (MRKG.Person, RDFS.subClassOf, FOAF.Person),
        (MRKG.Organization, RDFS.subClassOf, ORG.Organization),
        (MRKG.Role, RDFS.subClassOf, ORG.Role),
        (MRKG.speaker, RDFS.subPropertyOf, PROV.wasAttributedTo),
        (MRKG.Statement, RDFS.subClassOf, PROV.Entity),
        (MRKG.Session, RDFS.subClassOf, SCHEMA.Event),
        (MRKG.partOfSession, RDFS.subPropertyOf, SCHEMA.superEvent),
        (MRKG.Document, RDFS.subClassOf, NIF.Context),
        (MRKG.SummaryRecord, SKOS.closeMatch, UNDO_MEETING_MINUTE),
    ],
)
def test_alignment_axioms(ontology: Graph, term: URIRef, relation: URIRef, outside: URIRef) -> None:
    assert (term, relation, outside) in ontology


def test_alignment_uses_no_equivalence_and_not_eli_cites(ontology: Graph) -> None:
    assert not list(ontology.triples((None, OWL.equivalentClass, None)))
    assert not list(ontology.triples((None, OWL.equivalentProperty, None)))
    assert ELI.cites not in set(ontology.all_nodes())


def test_every_term_used_in_an_axiom_is_declared_once(ontology: Graph) -> None:
    """OWL 2 DL: outside terms are declared, and no IRI is both an object and a datatype property."""
    known = declared(ontology) | {RDFS.Literal, XSD.string, XSD.integer}
    for relation in (RDFS.subClassOf, RDFS.subPropertyOf, RDFS.domain, RDFS.range, SKOS.closeMatch):
        for term in ontology.objects(None, relation):
            if isinstance(term, URIRef):
                assert term in known, f"{term} is used with {relation} but not declared"
    kinds = (OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty)
    for term in declared(ontology):
        assert sum((term, RDF.type, kind) in ontology for kind in kinds) <= 1, term


def mrkg_names_in(source: str) -> set[str]:
    """Names in ``MRKG.name`` and ``MRKG["name"]`` in code (not in docstrings or comments)."""
    names = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.value.id == "MRKG":
            names.add(node.attr)
        elif (
            isinstance(node, ast.Subscript)
            and isinstance(node.value, ast.Name)
            and node.value.id == "MRKG"
            and isinstance(node.slice, ast.Constant)
            and isinstance(node.slice.value, str)
        ):
            names.add(node.slice.value)
    return names


def test_the_code_scanner_finds_attribute_and_item_uses() -> None:
    code = 'g.add((s, RDF.type, MRKG.Statement))\nMRKG["speakerAsPrinted"]\nMRKG[kind]\nMRKG.Nonexistent\n"""MRKG.x"""\n'
    assert mrkg_names_in(code) == {"Statement", "speakerAsPrinted", "Nonexistent"}


def test_every_mrkg_term_the_code_uses_is_declared(ontology: Graph) -> None:
    used: dict[str, set[str]] = {}
    for folder in ("graph", "api"):
        for path in sorted((ROOT / folder).rglob("*.py")):
            for name in mrkg_names_in(path.read_text(encoding="utf-8")):
                used.setdefault(name, set()).add(str(path.relative_to(ROOT)))
    missing = {name: files for name, files in used.items() if MRKG[name] not in declared(ontology)}
    assert missing == {}, f"mrkg terms used by code but not declared in ontology/mrkg.ttl: {missing}"


# -- HermiT ---------------------------------------------------------------


def test_hermit_finds_the_ontology_consistent_with_no_unsatisfiable_class() -> None:
    report = check_ontology(ONTOLOGY)
    assert report.consistent, report.text()
    assert report.unsatisfiable == [], report.text()
    assert report.ok
    assert report.text().startswith("HermiT: consistent, no unsatisfiable class")


def test_an_individual_of_two_disjoint_classes_is_reported_in_words(tmp_path: Path) -> None:
    broken = tmp_path / "broken.ttl"
    broken.write_text(
        ONTOLOGY.read_text(encoding="utf-8")
        + "\n<https://w3id.org/mrkg/id/actor/mexico> a mrkg:State , mrkg:Person ; rdfs:label \"Mexico\" .\n",
        encoding="utf-8",
    )
    report = check_ontology(broken)
    assert not report.consistent
    assert report.problems == [
        "<https://w3id.org/mrkg/id/actor/mexico> is both a mrkg:Person (typed mrkg:Person) and a mrkg:State "
        "(typed mrkg:State), which the ontology declares disjoint"
    ]
    assert "INCONSISTENT" in report.text() and "declares disjoint" in report.text()


def test_an_unsatisfiable_class_is_named_with_its_disjoint_parents(tmp_path: Path) -> None:
    broken = tmp_path / "unsatisfiable.ttl"
    broken.write_text(
        ONTOLOGY.read_text(encoding="utf-8")
        + "\nmrkg:Delegation a owl:Class ; rdfs:subClassOf mrkg:Person , mrkg:State ;"
        + ' rdfs:label "delegation"@en ; rdfs:comment "A thing that cannot exist."@en .\n',
        encoding="utf-8",
    )
    report = check_ontology(broken)
    assert report.consistent
    assert report.unsatisfiable == [str(MRKG.Delegation)]
    assert report.problems == [
        "mrkg:Delegation can have no members: it falls under both mrkg:Person and mrkg:State, which are declared disjoint"
    ]


def test_a_bad_ontology_file_is_reported_with_its_name(tmp_path: Path) -> None:
    from graph.errors import MrkgError

    broken = tmp_path / "syntax.ttl"
    broken.write_text("@prefix mrkg: <https://w3id.org/mrkg/ontology#> .\nmrkg:A a \n", encoding="utf-8")
    with pytest.raises(MrkgError, match="syntax.ttl: not valid Turtle"):
        check_ontology(broken)
    with pytest.raises(MrkgError, match="not found"):
        check_ontology(tmp_path / "absent.ttl")


def test_the_reasoner_over_data_reports_range_clashes_and_bad_literals(ontology: Graph) -> None:
    data = Graph()
    first, second = URIRef("https://w3id.org/mrkg/id/statement/x/1"), URIRef("https://w3id.org/mrkg/id/statement/x/2")
    data.add((first, RDF.type, MRKG.Statement))
    data.add((second, RDF.type, MRKG.Statement))
    data.add((first, MRKG.speaker, second))  # a statement cannot be an actor
    data.add((first, MRKG.paragraphNumber, Literal("three", datatype=XSD.integer)))
    data.add((first, URIRef("http://rdfs.org/ns/void#inDataset"), URIRef("https://w3id.org/mrkg/id/dataset")))
    report = check_with_data(ONTOLOGY, data)
    assert not report.consistent
    assert (
        "<https://w3id.org/mrkg/id/statement/x/2> is both a mrkg:Actor (it is the mrkg:speaker of "
        "<https://w3id.org/mrkg/id/statement/x/1>) and a mrkg:Statement (typed mrkg:Statement), "
        "which the ontology declares disjoint"
    ) in report.problems
    assert "<https://w3id.org/mrkg/id/statement/x/1> mrkg:paragraphNumber 'three' is not a valid xsd:integer" in report.problems
    assert any("void:inDataset" in note for note in report.notes)


@pytest.mark.slow
def test_the_reasoner_finds_a_build_shaped_graph_consistent_and_says_when_it_samples(ontology: Graph) -> None:
    dataset = synthetic_dataset(sources=1, statements_per_source=60)
    materialise(dataset, ontology)
    data = union_graph(dataset)
    full = check_with_data(ONTOLOGY, data)
    assert full.ok, full.text()
    assert not any("sampled" in note for note in full.notes)
    sampled = check_with_data(ONTOLOGY, data, sample=100)
    assert sampled.ok, sampled.text()
    [note] = [n for n in sampled.notes if n.startswith("sampled")]
    assert note.startswith("sampled 100 of ")


@pytest.mark.slow
def test_the_ontology_and_the_graph_built_from_the_sources_are_consistent(ontology: Graph) -> None:
    from graph.pipeline import assemble, load_catalogue, parse_sources
    from graph.settings import Settings

    settings = Settings()
    catalogue = load_catalogue(settings.catalogue_dir)
    documents = parse_sources(settings, catalogue, lambda line: None)
    dataset, _ = assemble(documents, catalogue, ontology)
    data = Graph()
    for graph in dataset.graphs():
        if str(graph.identifier) != "https://w3id.org/mrkg/id/graph/ontology":
            data += graph
    report = check_with_data(ONTOLOGY, data)
    assert report.ok, report.text()
    assert not [note for note in report.notes if "not declared" in note], report.text()


# -- documentation page ---------------------------------------------------


def test_the_page_has_an_anchor_for_every_term(ontology: Graph) -> None:
    html = render_ontology_html(ONTOLOGY)
    anchors = set(re.findall(r'<section class="term" id="([^"]+)"', html))
    own = {str(t)[len(str(MRKG)) :] for t in declared(ontology) if str(t).startswith(str(MRKG))}
    assert own == anchors


def test_the_page_shows_hierarchy_labels_domains_and_alignments() -> None:
    html = render_ontology_html(ONTOLOGY)
    statement = html[html.index('id="Statement"') :]
    statement = statement[: statement.index("</section>")]
    assert "statement" in statement and "intervention" in statement  # English and French labels
    assert 'href="#Comment"' in statement  # a sub-class
    assert 'href="http://www.w3.org/ns/prov#Entity"' in statement  # an alignment
    assert 'href="#speaker"' in statement  # a property whose domain it is
    part_of = html[html.index('id="partOf"') :]
    part_of = part_of[: part_of.index("</section>")]
    assert '<a href="#Instrument" title="instrument">mrkg:Instrument</a> or <a href="#Provision"' in part_of
    hierarchy = html[html.index('id="hierarchy"') : html.index('id="classes"')]
    assert hierarchy.index("mrkg:Provision") < hierarchy.index("mrkg:Article") < hierarchy.index("mrkg:Role")
    alignments = html[html.index('id="alignments"') :]
    assert "eli:LegalResource" in alignments and "cito:Citation" in alignments
    assert "https://w3id.org/un/ontology/undo/MeetingMinute" in alignments
    assert "Licence" in html and "https://creativecommons.org/licenses/by/4.0/" in html
    assert "<script" not in html
    assert '<a class="skip" href="#content">Skip to content</a>' in html and '<main id="content">' in html
