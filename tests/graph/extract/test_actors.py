"""Actors are resolved across documents by rule, not by lists of names."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from graph.documents import Source, Span
from graph.content_keys import fold_without_the as fold
from graph.content_keys import bare_name
from graph.extract.actors import resolve_actors
from graph.records import ActorKind, ActorMention, DocumentKind, ParsedDocument, Statement


@dataclass(frozen=True)
class Known:
    key: str
    kind: ActorKind
    label: str
    aliases: tuple[str, ...] = ()
    same_as: tuple[str, ...] = ()


CATALOGUE = [
    Known("mexico", ActorKind.STATE, "Mexico", ("United Mexican States",), ("http://www.wikidata.org/entity/Q96",)),
    Known("ohchr", ActorKind.ORGANIZATION,
          "Office of the United Nations High Commissioner for Human Rights", ("OHCHR",)),
]


def document(stem: str, *speakers: tuple[str, ActorKind, str | None]) -> ParsedDocument:
    parsed = ParsedDocument(Source(Path(f"{stem}.txt"), "x" * 100), DocumentKind.SUMMARY_RECORD, "t")
    for n, (label, kind, behalf) in enumerate(speakers, start=1):
        parsed.statements.append(Statement(
            str(n), Span(0, 1), "x", speaker=ActorMention(label, kind),
            on_behalf_of=ActorMention(behalf, ActorKind.ORGANIZATION) if behalf else None))
    return parsed


def test_surname_only_mention_joins_the_one_full_name_in_another_document() -> None:
    first = document("a", ("Mr. Flynn", ActorKind.PERSON, "Global Detention Project"))
    second = document("b", ("Michael Flynn", ActorKind.PERSON, None))
    actors = resolve_actors([first, second], CATALOGUE)
    assert first.statements[0].speaker.key == second.statements[0].speaker.key == "michael-flynn"
    assert actors["michael-flynn"].alt_labels == ["Mr. Flynn"] or actors["michael-flynn"].label == "Mr. Flynn"


def test_ambiguous_surname_stays_apart() -> None:
    doc = document("a", ("Mr. Flynn", ActorKind.PERSON, None), ("Michael Flynn", ActorKind.PERSON, None),
                   ("Anne Flynn", ActorKind.PERSON, None))
    resolve_actors([doc], CATALOGUE)
    assert [s.speaker.key for s in doc.statements] == ["flynn", "michael-flynn", "anne-flynn"]


def test_parenthesis_naming_a_catalogue_state_becomes_that_state() -> None:
    doc = document("a", ("Ms. Méndez Escobar", ActorKind.PERSON, "Mexico"))
    actors = resolve_actors([doc], CATALOGUE)
    behalf = doc.statements[0].on_behalf_of
    assert behalf.key == "mexico" and behalf.kind is ActorKind.STATE
    assert actors["mexico"].same_as == ("http://www.wikidata.org/entity/Q96",)


def test_acronym_in_parentheses_finds_the_catalogue_organization() -> None:
    doc = document("a", ("Mr. Salama", ActorKind.PERSON,
                         "Office of the United Nations High Commissioner for Human Rights (OHCHR)"))
    actors = resolve_actors([doc], CATALOGUE)
    assert doc.statements[0].on_behalf_of.key == "ohchr"
    assert actors["ohchr"].label == "Office of the United Nations High Commissioner for Human Rights"
    assert "Office of the United Nations High Commissioner for Human Rights (OHCHR)" in actors["ohchr"].alt_labels


def test_unknown_organization_is_keyed_without_its_acronym() -> None:
    doc = document("a", ("Mr. Flynn", ActorKind.PERSON, "Global Detention Project (GDP)"))
    resolve_actors([doc], CATALOGUE)
    assert doc.statements[0].on_behalf_of.key == "global-detention-project"


def test_groups_are_per_document() -> None:
    a = document("a", ("Participants", ActorKind.GROUP, None))
    b = document("b", ("Participants", ActorKind.GROUP, None))
    resolve_actors([a, b], CATALOGUE)
    assert a.statements[0].speaker.key != b.statements[0].speaker.key


def test_accents_and_honorifics_do_not_split_a_person() -> None:
    a = document("a", ("Ms. Hernández Paramo", ActorKind.PERSON, None))
    b = document("b", ("Mrs. Hernandez Paramo", ActorKind.PERSON, None))
    resolve_actors([a, b], CATALOGUE)
    assert a.statements[0].speaker.key == b.statements[0].speaker.key == "hernandez-paramo"
    assert bare_name("Dr. Prof. Ana Díaz") == "Ana Díaz"
    assert fold("The  Committée") == "committee"


def test_a_parenthesis_that_is_not_an_acronym_keeps_organizations_apart() -> None:
    doc = document("a", ("Ms. A", ActorKind.PERSON, "Ministry of Labour (Japan)"),
                   ("Mr. B", ActorKind.PERSON, "Ministry of Labour (Thailand)"))
    resolve_actors([doc], CATALOGUE)
    assert doc.statements[0].on_behalf_of.key != doc.statements[1].on_behalf_of.key


def test_surname_first_with_a_comma_is_the_same_person() -> None:
    a = document("a", ("Van Loon, Hans", ActorKind.PERSON, None))
    b = document("b", ("Mr. Hans van Loon", ActorKind.PERSON, None))
    actors = resolve_actors([a, b], CATALOGUE)
    assert a.statements[0].speaker.key == b.statements[0].speaker.key == "hans-van-loon"
    assert actors["hans-van-loon"].label == "Mr. Hans van Loon" or actors["hans-van-loon"].label == "Van Loon, Hans"


def test_a_person_is_labelled_with_the_most_complete_printed_name() -> None:
    doc = document("a", ("Mr. Ndiaye", ActorKind.PERSON, None), ("Mr. Ndiaye", ActorKind.PERSON, None),
                   ("Mr. Bacre Waly Ndiaye", ActorKind.PERSON, None))
    actors = resolve_actors([doc], CATALOGUE)
    assert actors["bacre-waly-ndiaye"].label == "Mr. Bacre Waly Ndiaye"
    assert actors["bacre-waly-ndiaye"].alt_labels == ["Mr. Ndiaye"]


def test_mixed_case_acronyms_are_acronyms() -> None:
    doc = document("a", ("Ms. X", ActorKind.PERSON, "United Nations Entity for Gender Equality (UN-Women)"))
    resolve_actors([doc], [Known("un-women", ActorKind.ORGANIZATION, "UN-Women")])
    assert doc.statements[0].on_behalf_of.key == "un-women"
