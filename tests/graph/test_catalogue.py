"""The catalogue in data/catalogue/: what it holds, the RDF it makes, and how it fails on bad data."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from rdflib import Literal, URIRef
from rdflib.namespace import DCTERMS, OWL, RDF, RDFS, SKOS

from graph import iris
from graph.catalogue import Catalogue
from graph.catalogue_reader import load_catalogue
from graph.errors import CatalogueError
from graph.extract.actors import resolve_actors
from graph.records import ActorKind, ActorMention, DocumentKind, ParsedDocument, ProvisionRef, Statement
from graph.documents import Source, Span
from graph.settings import PROJECT_ROOT
from graph.vocab import MRKG, WD

DATA = PROJECT_ROOT / "data" / "catalogue"
CONTRACT_CODES = {
    "ICRMW", "GCM", "ILO-C097", "ILO-C143", "ILO-C029", "ILO-C105", "ILO-C182", "ILO-C189", "ILO-C190", "ICCPR",
    "ICESCR", "CAT", "UDHR", "CRC", "REFUGEE-1951", "STATELESS-1954", "ACHR", "ADRDM", "SAN-SALVADOR", "CMW-GC5",
    "CESCR-GC13", "CESCR-GC14", "CESCR-GC18", "CESCR-GC19", "CRC-GC6", "ILO-MFLM", "IMRF-PD", "AGENDA-2030",
    "NY-DECL-2016", "GCR", "ILO-CONSTITUTION", "DECL-PHILADELPHIA", "UNGA-45-158", "UNGA-73-195",
}
# The only Wikidata items verified for the actors of the sources (design notes).
VERIFIED = {"Q1065", "Q54129", "Q740308", "Q641576", "Q656812", "Q205650", "Q123759",
            "Q96", "Q739", "Q252", "Q717", "Q965", "Q227", "Q837", "Q948"}


@pytest.fixture(scope="module")
def catalogue() -> Catalogue:
    return load_catalogue(DATA)


def node(path: str) -> URIRef:
    return URIRef(iris.ID + path)


def numbers(catalogue: Catalogue, parent: URIRef, kind: str) -> list[str]:
    graph = catalogue.graph
    return sorted((str(graph.value(child, MRKG.number)) for child in graph.subjects(MRKG.partOf, parent)
                   if (child, RDF.type, MRKG[kind]) in graph), key=lambda n: (len(n), n))


def test_every_code_of_the_contract_is_catalogued(catalogue: Catalogue) -> None:
    assert CONTRACT_CODES <= set(catalogue.instruments)
    for code in catalogue.instruments:
        assert (URIRef(catalogue.instrument_iri(code)), SKOS.notation, Literal(code)) in catalogue.graph
    with pytest.raises(KeyError):
        catalogue.instrument_iri("NO-SUCH-CODE")


def test_the_convention_has_93_articles_in_nine_parts(catalogue: Catalogue) -> None:
    icrmw = node("instrument/icrmw")
    parts = {str(catalogue.graph.value(part, MRKG.number)): part for part in catalogue.graph.subjects(MRKG.partOf, icrmw)
             if (part, RDF.type, MRKG.Part) in catalogue.graph}
    assert list(parts) == ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX"] or sorted(parts) == sorted(
        ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX"])
    ranges = {"I": (1, 6), "II": (7, 7), "III": (8, 35), "IV": (36, 56), "V": (57, 63), "VI": (64, 71),
              "VII": (72, 78), "VIII": (79, 84), "IX": (85, 93)}
    for number, (low, high) in ranges.items():
        assert numbers(catalogue, parts[number], "Article") == [str(n) for n in range(low, high + 1)]
    assert parts["III"] == node("instrument/icrmw/part/3")
    article = node("instrument/icrmw/article/22")
    assert catalogue.graph.value(article, RDFS.label) == Literal("Article 22 of the ICRMW", lang="en")
    assert catalogue.graph.value(article, MRKG.instrument) == icrmw
    assert catalogue.graph.value(article, DCTERMS.title) is None  # article headings are not official
    assert (node("instrument/icrmw/article/25/paragraph/1"), MRKG.partOf, node("instrument/icrmw/article/25")) \
        in catalogue.graph


def test_the_compact_has_23_objectives_and_10_guiding_principles(catalogue: Catalogue) -> None:
    gcm = node("instrument/gcm")
    assert numbers(catalogue, gcm, "Objective") == [str(n) for n in range(1, 24)]
    principles = numbers(catalogue, node("instrument/gcm/paragraph/15"), "GuidingPrinciple")
    assert principles == [f"15({letter})" for letter in "abcdefghij"]
    graph = catalogue.graph
    assert graph.value(node("instrument/gcm/objective/13"), DCTERMS.title) == Literal(
        "Use migration detention only as a measure of last resort and work towards alternatives", lang="en")
    # Objective n is set out in paragraph 16 + n; an action of it is a lettered sub-paragraph.
    assert (node("instrument/gcm/paragraph/27"), MRKG.partOf, node("instrument/gcm/objective/11")) in graph
    assert (node("instrument/gcm/paragraph/27/paragraph/f"), MRKG.partOf, node("instrument/gcm/paragraph/27")) in graph
    assert catalogue.provision_iri(ProvisionRef("GCM", "Paragraph", "27 (f)")) == iris.provision(
        "GCM", [("Paragraph", "27"), ("Paragraph", "f")])
    assert catalogue.provision_iri(ProvisionRef("GCM", "Paragraph", "15(g)")) == catalogue.provision_iri(
        ProvisionRef("GCM", "GuidingPrinciple", "15(g)"))


def test_ilo_conventions_97_and_143(catalogue: Catalogue) -> None:
    assert numbers(catalogue, node("instrument/ilo-c097"), "Article") == [str(n) for n in range(1, 24)]
    assert numbers(catalogue, node("instrument/ilo-c097"), "Annex") == ["I", "II", "III"]
    parts = sorted(catalogue.graph.subjects(MRKG.partOf, node("instrument/ilo-c143")))
    assert [numbers(catalogue, p, "Article") for p in parts] == [
        [str(n) for n in range(1, 10)], [str(n) for n in range(10, 15)], [str(n) for n in range(15, 25)]]


def test_targets_hang_from_goals_of_the_2030_agenda(catalogue: Catalogue) -> None:
    graph = catalogue.graph
    target = URIRef(catalogue.provision_iri(ProvisionRef("AGENDA-2030", "Target", "10.c")))
    assert target == node("instrument/agenda-2030/target/10.c")
    goal = graph.value(target, MRKG.partOf)
    assert goal == node("instrument/agenda-2030/goal/10") and graph.value(goal, MRKG.partOf) == node("instrument/agenda-2030")
    assert numbers(catalogue, node("instrument/agenda-2030"), "Goal") == [str(n) for n in range(1, 18)]
    assert graph.value(node("instrument/agenda-2030/indicator/8.8.1"), MRKG.partOf) == node("instrument/agenda-2030/target/8.8")


def test_every_provision_reaches_its_instrument_and_is_labelled(catalogue: Catalogue) -> None:
    graph = catalogue.graph
    instruments = set(graph.subjects(RDF.type, MRKG.Instrument))
    for provision in graph.subjects(MRKG.instrument, None):
        seen, current = set(), provision
        while current not in instruments:
            assert current not in seen, f"cycle at {current}"
            seen.add(current)
            current = graph.value(current, MRKG.partOf)
            assert current is not None, f"{provision} does not reach an instrument"
        assert current == graph.value(provision, MRKG.instrument)
    for subject in set(graph.subjects(RDF.type, None)):
        assert graph.value(subject, RDFS.label), f"{subject} has no rdfs:label"


def test_missing_provisions_are_none_never_invented(catalogue: Catalogue) -> None:
    assert catalogue.provision_iri(ProvisionRef("ICRMW", "Article", "99")) is None
    assert catalogue.provision_iri(ProvisionRef("GCM", "Objective", "24")) is None
    enclosing = catalogue.enclosing(ProvisionRef("ICRMW", "Paragraph", "16(4)"))
    assert enclosing is not None and enclosing.iri == iris.provision("ICRMW", [("Article", "16")])


def test_instrument_facts(catalogue: Catalogue) -> None:
    graph = catalogue.graph
    icrmw = node("instrument/icrmw")
    assert graph.value(icrmw, MRKG.instrumentKind) == MRKG.Treaty
    assert graph.value(icrmw, MRKG.adoptedBy) == node("actor/united-nations-general-assembly")
    assert str(graph.value(icrmw, MRKG.adoptionDate)) == "1990-12-18"
    assert str(graph.value(icrmw, MRKG.entryIntoForce)) == "2003-07-01"
    assert str(graph.value(node("instrument/ilo-c143"), MRKG.entryIntoForce)) == "1978-12-09"
    assert graph.value(node("instrument/gcm"), MRKG.instrumentKind) == MRKG.NonBindingCompact
    for kind in graph.objects(None, MRKG.instrumentKind):
        assert str(kind).removeprefix(str(MRKG)) in {
            "Treaty", "ILOConvention", "Recommendation", "NonBindingCompact", "Declaration", "Resolution",
            "GeneralComment", "Protocol", "Agenda", "Framework", "Constitution"}


def test_wikidata_links_only_where_verified(catalogue: Catalogue) -> None:
    linked = {str(o).removeprefix(str(WD)) for o in catalogue.graph.objects(None, OWL.sameAs)}
    assert linked == VERIFIED
    for unconfirmed in ("instrument/icrmw", "instrument/gcm", "instrument/ilo-c097", "instrument/ilo-c143",
                        "actor/committee-on-migrant-workers"):
        assert catalogue.graph.value(node(unconfirmed), OWL.sameAs) is None


def test_all_member_states_and_observers_with_iso_codes(catalogue: Catalogue) -> None:
    states = [a for a in catalogue.known_actors() if a.kind is ActorKind.STATE]
    assert len(states) == 193 + 2
    codes = [str(catalogue.graph.value(URIRef(iris.actor(s.key)), SKOS.notation)) for s in states]
    assert len(set(codes)) == len(codes) and all(len(c) == 3 and c.isupper() for c in codes)
    venezuela = catalogue.actor_named("Bolivarian Republic of Venezuela")
    assert venezuela and venezuela.key == "venezuela" and venezuela.same_as == (str(WD.Q717),)
    assert catalogue.actor_named("Venezuela (Bolivarian Republic of)") is venezuela
    assert catalogue.actor("mexico").label == "Mexico"
    assert catalogue.actor_named("Holy See") and catalogue.actor_named("State of Palestine")


def test_organizations_with_acronyms_and_treaty_bodies(catalogue: Catalogue) -> None:
    ohchr = catalogue.actor_named("OHCHR")
    assert ohchr and ohchr.key == "ohchr" and ohchr.kind is ActorKind.ORGANIZATION
    assert catalogue.actor_named("UN-Women").key == "un-women"
    cmw = catalogue.actor_named("Committee on Migrant Workers")
    assert cmw.key == "committee-on-migrant-workers" and cmw.monitors == "ICRMW"
    assert (node("actor/committee-on-migrant-workers"), MRKG.monitors, node("instrument/icrmw")) in catalogue.graph
    assert catalogue.actor_named("CAM").key == "committee-on-migration-issues"


def test_actor_resolution_recognises_catalogue_states_and_organizations(catalogue: Catalogue) -> None:
    document = ParsedDocument(Source(Path("r.txt"), "x"), DocumentKind.SUMMARY_RECORD, "r")
    for number, behalf in enumerate(["Bolivarian Republic of Venezuela", "Mexico", "United Nations Children's Fund (UNICEF)",
                                     "Office of the Commissioner for Human Rights (Ombudsman), Azerbaijan"]):
        document.statements.append(Statement(str(number), Span(0, 1), "x", speaker=ActorMention("Mr. X", ActorKind.PERSON),
                                             on_behalf_of=ActorMention(behalf, ActorKind.ORGANIZATION)))
    resolve_actors([document], catalogue.known_actors())
    assert [(s.on_behalf_of.key, s.on_behalf_of.kind) for s in document.statements] == [
        ("venezuela", ActorKind.STATE), ("mexico", ActorKind.STATE), ("unicef", ActorKind.ORGANIZATION),
        ("azerbaijan-ombudsman", ActorKind.ORGANIZATION)]


# -- bad data stops the load with file, line and entry ---------------------------------------
MINIMAL = """\
organizations:
  - {key: united-nations-general-assembly, name: United Nations General Assembly}
instruments:
  - code: ICRMW
    title: International Convention on the Protection of the Rights of All Migrant Workers and Members of Their Families
    kind: Treaty
    adopted_by: united-nations-general-assembly
    adopted: 1990-12-18
    provisions:
      - {kind: Part, number: III, title: Human rights of all migrant workers, articles: 8-35}
      - {kind: Paragraph, number: 25(1), in: Article 25}
"""


def write(tmp_path: Path, text: str) -> Path:
    folder = tmp_path / "catalogue"
    folder.mkdir(exist_ok=True)
    (folder / "instruments.yaml").write_text(text, encoding="utf-8")
    return folder


def test_a_minimal_catalogue_loads(tmp_path: Path) -> None:
    catalogue = load_catalogue(write(tmp_path, MINIMAL))
    assert catalogue.provision_iri(ProvisionRef("ICRMW", "Paragraph", "25(1)")) == iris.provision(
        "ICRMW", [("Article", "25"), ("Paragraph", "1")])
    assert len(catalogue.provisions) == 1 + 28 + 1


@pytest.mark.parametrize("change, message", [
    (("- {kind: Paragraph, number: 25(1), in: Article 25}", "- {kind: Paragraph, number: 25(1), in: Article 125}"),
     "line 11, instrument ICRMW, provision Paragraph 25(1): parent Article 125 is not listed"),
    (("number: 25(1), in", "number: 25-1, in"), "line 11, instrument ICRMW, provision Paragraph 25-1: number '25-1' is not how a Paragraph is numbered"),
    (("number: III,", "number: 3a,"), "line 10, instrument ICRMW, provision Part 3a: number '3a' is not how a Part is numbered"),
    (("adopted: 1990-12-18", "adopted: 18 December 1990"), "line 4, instrument ICRMW: adopted '18 December 1990' is not a date (YYYY-MM-DD)"),
    (("adopted_by: united-nations-general-assembly", "adopted_by: general-assembly"),
     "line 4, instrument ICRMW: adopted_by 'general-assembly' is not a catalogued actor"),
    (("    kind: Treaty\n", "    kind: Treaty\n    entered: 2003-07-01\n"), "line 4, instrument ICRMW: unknown field(s) entered"),
    (("kind: Treaty", "kind: Convention"), "line 4, instrument ICRMW: kind 'Convention' is not one of"),
    (("code: ICRMW", "code: icrmw"), "line 4, instrument icrmw: code must be UPPER-KEBAB"),
    (("articles: 8-35}", 'articles: "8-35, 8"}'), "line 10, instrument ICRMW, provision Article 8: listed twice"),
    (("provisions:", "provisions: [\n"), "not readable YAML"),
])
def test_bad_data_is_named_with_file_line_and_entry(tmp_path: Path, change: tuple[str, str], message: str) -> None:
    with pytest.raises(CatalogueError) as error:
        load_catalogue(write(tmp_path, MINIMAL.replace(*change)))
    assert str(error.value).startswith("instruments.yaml: ")
    assert message in str(error.value)


def test_a_code_or_name_used_twice_is_an_error(tmp_path: Path) -> None:
    twice = MINIMAL + "  - {code: ICRMW, title: Another, kind: Treaty}\n"
    with pytest.raises(CatalogueError, match=r"line 12, instrument ICRMW: code is used twice"):
        load_catalogue(write(tmp_path, twice))
    same_name = MINIMAL + "  - {code: OTHER, title: Another, kind: Treaty, names: [International Convention on the " \
                          "Protection of the Rights of All Migrant Workers and Members of Their Families]}\n"
    with pytest.raises(CatalogueError, match="already names ICRMW"):
        load_catalogue(write(tmp_path, same_name))


def test_a_missing_or_empty_folder_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(CatalogueError, match="catalogue folder not found"):
        load_catalogue(tmp_path / "nowhere")
    (tmp_path / "empty").mkdir()
    with pytest.raises(CatalogueError, match="no catalogue files"):
        load_catalogue(tmp_path / "empty")


def test_the_real_catalogue_fails_cleanly_when_an_actor_is_removed(tmp_path: Path) -> None:
    folder = tmp_path / "catalogue"
    shutil.copytree(DATA, folder)
    actors = (folder / "actors.yaml").read_text(encoding="utf-8")
    (folder / "actors.yaml").write_text(actors.replace("key: ilo\n", "key: ilo-renamed\n"), encoding="utf-8")
    with pytest.raises(CatalogueError) as error:
        load_catalogue(folder)
    assert "part_of 'ilo' is not a catalogued actor" in str(error.value) and str(error.value).startswith("actors.yaml: line ")
