"""How reports and notes introduce people, and one person per document."""
from __future__ import annotations

import pytest

from graph.parse.shared.people import People, looks_like_person, person_at


def test_person_at_reads_name_and_title_up_to_the_verb() -> None:
    text = "5. Mr. Bacre Waly Ndiaye, Director, Human Rights Council and Treaties Division, OHCHR, in his opening remarks, said"
    person = person_at(text, 3, len(text))
    assert person.honorific == "Mr." and person.name == "Bacre Waly Ndiaye"
    assert text[person.label.start:person.label.end] == "Mr. Bacre Waly Ndiaye"
    assert text[person.descriptor.start:person.descriptor.end] == "Director, Human Rights Council and Treaties Division, OHCHR"


@pytest.mark.parametrize(("text", "name", "descriptor", "parentheses"), [
    ("Ms. Li Rosi made a number of recommendations", "Li Rosi", None, False),
    ("Professor Djajić noted", "Djajić", None, False),
    ("Mr. Abdelhamid El Jamri, Chairperson, Committee on the Protection of the Rights of Migrant Workers and Members of their Families noted",
     "Abdelhamid El Jamri", "Chairperson, Committee on the Protection of the Rights of Migrant Workers and Members of their Families", False),
    ("Mr. Salama (Office of the United Nations High Commissioner for Human Rights (OHCHR)) said", "Salama",
     "Office of the United Nations High Commissioner for Human Rights (OHCHR)", True),
    ("Dr Ana María de la Cruz, Adviser, noted", "Ana María de la Cruz", "Adviser", False),
])
def test_person_at_forms(text: str, name: str, descriptor: str | None, parentheses: bool) -> None:
    person = person_at(text, 0, len(text))
    assert person.name == name
    assert (text[person.descriptor.start:person.descriptor.end] if person.descriptor else None) == descriptor
    assert person.in_parentheses is parentheses


def test_person_at_needs_a_name() -> None:
    assert person_at("The Chairperson noted", 0, 21) is None
    assert person_at("Participants noted", 0, 18, require_honorific=False) is None


@pytest.mark.parametrize(("name", "expected"), [
    ("Carlos Rodríguez", True), ("Ms. Ana Souza", True), ("Public Defender", False), ("United Nations", False),
    ("Latin America and the Caribbean", False), ("ILO", False), ("Non-governmental Organisations", False),
])
def test_looks_like_person(name: str, expected: bool) -> None:
    assert looks_like_person(name) is expected


def test_people_resolves_short_and_misprinted_forms() -> None:
    people = People()
    for name in ("Bacre Waly Ndiaye", "Martin Ruhs", "Slobodan Djajic", "Angela Li Rosi", "Anna Ruiz", "Pedro Ruiz"):
        people.add(name)
    assert people.resolve("Ndiaye") == "Bacre Waly Ndiaye"
    assert people.resolve("Rhus") == "Martin Ruhs"  # letters swapped
    assert people.resolve("Li Rosi") == "Angela Li Rosi"
    assert people.resolve("Ruiz") is None  # two people of that name: no guess
    assert people.resolve("Smith") is None
    assert people.add("Slobodan Djajić") == "Slobodan Djajić"  # the accented form wins
    assert people.resolve("Djajic") == "Slobodan Djajić"
