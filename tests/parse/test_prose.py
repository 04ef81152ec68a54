"""How names, titles, organizations and dates are read from report prose."""
from __future__ import annotations

import datetime as dt

import pytest

from graph.documents import Span
from graph.parse.prose import (
    People, blank, ends_sentence, expand_acronym, find_date, line_spans, looks_like_person, number_of, person_at,
    split_descriptor,
)


@pytest.mark.parametrize(("descriptor", "position", "affiliation"), [
    ("Director, Human Rights Council and Treaties Division, OHCHR",
     "Director, Human Rights Council and Treaties Division", "OHCHR"),
    ("Coordinator, Human Rights, Economic and Social Issues Unit, OHCHR",
     "Coordinator, Human Rights, Economic and Social Issues Unit", "OHCHR"),
    ("Senior Researcher, Centre on Migration, Policy and Society (COMPAS), University of Oxford",
     "Senior Researcher", "Centre on Migration, Policy and Society (COMPAS), University of Oxford"),
    ("Training Associate, the United Nations Institute for Training & Research (UNITAR)",
     "Training Associate", "United Nations Institute for Training & Research (UNITAR)"),
    ("Director, Migration Policy and Research, International Organization for Migration (IOM)",
     "Director, Migration Policy and Research", "International Organization for Migration (IOM)"),
    ("ILO Regional Director for Latin American and the Caribbean",
     "ILO Regional Director for Latin American and the Caribbean", "ILO"),
    ("Chief of the Labour Migration Branch of the ILO in Geneva",
     "Chief of the Labour Migration Branch of the ILO in Geneva", "ILO"),
    ("Chair of the Committee on Migration Issues (CAM)",
     "Chair of the Committee on Migration Issues (CAM)", "Committee on Migration Issues (CAM)"),
    ("Professor of International Economics, Graduate Institute of International and Development Studies",
     "Professor of International Economics", "Graduate Institute of International and Development Studies"),
    ("Consultant", "Consultant", None),
])
def test_split_descriptor(descriptor: str, position: str, affiliation: str | None) -> None:
    described = split_descriptor(descriptor)
    assert (described.position, described.affiliation) == (position, affiliation)
    if affiliation:
        assert descriptor[described.affiliation_offset:].startswith(affiliation)


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


def test_expand_acronym_spells_the_initials() -> None:
    text = "the United Nations Office of the High Commissioner for Human Rights (OHCHR) held a consultation."
    assert expand_acronym(text, "OHCHR") == "Office of the High Commissioner for Human Rights"
    text = "the Coordination of Action Research on AIDs and Mobility (CARAM Asia) noted"
    assert expand_acronym(text, "CARAM Asia") == "Coordination of Action Research on AIDs and Mobility"
    # "CAM" is the Spanish acronym; the English name does not spell it and is not taken for it.
    assert expand_acronym("successor to the Special Committee on Migration Issues (CAM), and", "CAM") is None


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


@pytest.mark.parametrize(("text", "expected"), [
    ("Palais des Nations, Room XII, Geneva, 8 October 2009", dt.date(2009, 10, 8)),
    ("Bangkok, 12-13 March 2015", dt.date(2015, 3, 12)),
    ("will be held on March 5, 2020 in Washington", dt.date(2020, 3, 5)),
    ("Date: 2019-05-15", dt.date(2019, 5, 15)),
    ("on 31 February 2020", None),
    ("in 2017 there were 258 million", None),
])
def test_find_date(text: str, expected: dt.date | None) -> None:
    found = find_date(text)
    assert (found.value if found else None) == expected


def test_small_text_functions() -> None:
    assert blank("a[x\ny]b", [Span(1, 6)]) == "a  \n  b"
    assert [tuple(s.__dict__.values()) for s in line_spans("ab\n\ncd")] == [(0, 2), (3, 3), (4, 6)]
    assert ends_sentence("…were protected.”") and ends_sentence("including:") and not ends_sentence("Session 1")
    assert [number_of(w) for w in ("3", "3rd", "THIRD", "three", "III", "many")] == [3, 3, 3, 3, 3, None]
