"""Attribution phrases at the start of a reported paragraph, as the genre prints them."""
from __future__ import annotations

import pytest

from graph.parse.shared.speakers import capacity_of, office_role, read_attribution, read_named_person


def parts(text: str) -> tuple:
    found = read_attribution(text)
    assert found is not None, text
    assert text[found.printed.start : found.printed.end] == found.printed.text
    return (
        found.printed.text,
        found.person.text if found.person else None,
        found.office,
        found.delegation.text if found.delegation else None,
        found.parenthesis.text if found.parenthesis else None,
        found.capacity,
        found.represents.text if found.represents else None,
    )


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Mr. Charef said that migration",
         ("Mr. Charef", "Mr. Charef", None, None, None, None, None)),
        ("Ms. Diallo, noting that the pandemic had had an impact, said that",
         ("Ms. Diallo", "Ms. Diallo", None, None, None, None, None)),
        ("Mr. Salama (Office of the United Nations High Commissioner for Human Rights (OHCHR)) said",
         ("Mr. Salama (Office of the United Nations High Commissioner for Human Rights (OHCHR))", "Mr. Salama", None,
          None, "Office of the United Nations High Commissioner for Human Rights (OHCHR)", None,
          "Office of the United Nations High Commissioner for Human Rights (OHCHR)")),
        ("Mr. González Morales (Special Rapporteur on the human rights of migrants), speaking via video link, said",
         ("Mr. González Morales (Special Rapporteur on the human rights of migrants)", "Mr. González Morales", None, None,
          "Special Rapporteur on the human rights of migrants", "Special Rapporteur", None)),
        ("Ms. Hernández Paramo (OHCHR) said",
         ("Ms. Hernández Paramo (OHCHR)", "Ms. Hernández Paramo", None, None, "OHCHR", None, "OHCHR")),
        ("The Chair, declaring open the half day of general discussion, said that",
         ("The Chair", None, "Chair", None, None, None, None)),
        ("The Chairperson invited the delegation to reply.",
         ("The Chairperson", None, "Chair", None, None, None, None)),
        ("The Acting Chairperson said", ("The Acting Chairperson", None, "Acting Chair", None, None, None, None)),
        ("Mr. Tall (Country Rapporteur) said",
         ("Mr. Tall (Country Rapporteur)", "Mr. Tall", None, None, "Country Rapporteur", "Country Rapporteur", None)),
        ("Ms. de la Vega (Chile), speaking on behalf of the Group of Latin American and Caribbean States, said",
         ("Ms. de la Vega (Chile)", "Ms. de la Vega", None, None, "Chile", None,
          "Group of Latin American and Caribbean States")),
        ("Mr. Ndoye, speaking on behalf of Senegal, Mali and the Niger, said",
         ("Mr. Ndoye", "Mr. Ndoye", None, None, None, None, "Senegal, Mali and the Niger")),
        ("The representative of the Bolivarian Republic of Venezuela said",
         ("The representative of the Bolivarian Republic of Venezuela", None, None, "Bolivarian Republic of Venezuela",
          None, None, "Bolivarian Republic of Venezuela")),
        ("The observer for the International Labour Organization (ILO) said",
         ("The observer for the International Labour Organization (ILO)", None, None,
          "International Labour Organization (ILO)", None, None, "International Labour Organization (ILO)")),
        ("Mr. Ünver also noted that", ("Mr. Ünver", "Mr. Ünver", None, None, None, None, None)),
        ("Mr. Taghi-Zada said", ("Mr. Taghi-Zada", "Mr. Taghi-Zada", None, None, None, None, None)),
        ("Mr. al-Khalifa asked whether", ("Mr. al-Khalifa", "Mr. al-Khalifa", None, None, None, None, None)),
        ("Professor van der Berg (Universiteit Leiden) said",
         ("Professor van der Berg (Universiteit Leiden)", "Professor van der Berg", None, None, "Universiteit Leiden",
          None, "Universiteit Leiden")),
        ("Mr. Corzo\nSosa (Mexico) said", ("Mr. Corzo\nSosa (Mexico)", "Mr. Corzo\nSosa", None, None, "Mexico", None, "Mexico")),
        # Older records print the presiding office in capitals.
        ("The CHAIRMAN asked the Committee to continue", ("The CHAIRMAN", None, "Chair", None, None, None, None)),
        ("THE CHAIRPERSON declared open the session", ("THE CHAIRPERSON", None, "Chair", None, None, None, None)),
        ("Mr. HENKIN (Ruritania) said", ("Mr. HENKIN (Ruritania)", "Mr. HENKIN", None, None, "Ruritania", None, "Ruritania")),
        # A second principal: the organization in the parenthesis, and the one spoken for "also".
        ("Mr. Okafor (Office of the High Commissioner), speaking also on behalf of the Secretary-General, said",
         ("Mr. Okafor (Office of the High Commissioner)", "Mr. Okafor", None, None, "Office of the High Commissioner",
          None, "Secretary-General")),
        # A post, then the organization: the organization is whom the speaker works for.
        ("Mr. Okafor (Director, Treaty Mechanisms Division, OHCHR) said",
         ("Mr. Okafor (Director, Treaty Mechanisms Division, OHCHR)", "Mr. Okafor", None, None,
          "Director, Treaty Mechanisms Division, OHCHR", None, "OHCHR")),
        ("A representative of Ruritania, recalling that the federal structure was complex, said",
         ("A representative of Ruritania", None, None, "Ruritania", None, None, "Ruritania")),
    ],
)
def test_attributions(text: str, expected: tuple) -> None:
    assert parts(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "The Committee had established a working group.",
        "The representatives were thanked.",
        "Mr. Salama's proposal was welcomed.",
        "The Chair's proposal was adopted.",
        "The President of the Republic had signed the law.",
        "Mr. Flynn had previously raised the matter.",
        "In Mexico, the right to health was ensured.",
        "Migrants' vulnerability had long been recognized.",
        "Paul Tacon said that",  # without a form of address, only when asked for
        "Mr. Salama (Office of the High Commissioner said",  # an unclosed parenthesis
        "the chair of the working group said that",  # a common noun, not the office naming the speaker
    ],
)
def test_no_attribution(text: str) -> None:
    assert read_attribution(text) is None


def test_bare_names_when_the_genre_prints_them() -> None:
    found = read_attribution("Paul Tacon said that", require_title=False)
    assert found is not None and found.person.text == "Paul Tacon"
    assert read_attribution("Migration said", require_title=False) is None


def test_reading_starts_where_asked() -> None:
    text = "7.\tMs. Diallo said"
    found = read_attribution(text, 2)
    assert found is not None and (found.person.start, found.person.end) == (3, 13)


def test_named_person_needs_no_verb() -> None:
    found = read_named_person("Mr. Ünver (Vice-Chair)")
    assert found.person.text == "Mr. Ünver" and found.capacity == "Vice-Chair"
    assert read_named_person("to be announced") is None


@pytest.mark.parametrize(
    "printed, name",
    [("Mr. CHANCE Canada", "Mr. CHANCE"), ("Sir Leslie BRASS United Kingdom of Great Britain", "Sir Leslie BRASS"),
     ("Mr. PEREZ PEROZO Venezuela", "Mr. PEREZ PEROZO"), ("Ms. BONOAN-DANDAN", "Ms. BONOAN-DANDAN"),
     ("Mr. El Jamri", "Mr. El Jamri")],
)
def test_a_surname_in_capitals_ends_the_name(printed: str, name: str) -> None:
    """Lists of those present print the surname in capitals, then the State, with nothing between (written
    for the test after a 1950 record's layout)."""
    assert read_named_person(printed).person.text == name


@pytest.mark.parametrize(
    "printed, role",
    [("Special Rapporteur on the human rights of migrants", "Special Rapporteur"), ("Country Rapporteur", "Country Rapporteur"),
     ("Vice-Chairperson", "Vice-Chair"), ("Secretary of the Committee", "Secretary"), ("Mexico", None),
     ("Office of the Special Rapporteur", None), ("Secretary-General of Amnesty International", None)],
)
def test_capacities(printed: str, role: str | None) -> None:
    assert capacity_of(printed) == role


def test_offices_are_normalised() -> None:
    assert office_role("Chairperson") == "Chair"
    assert office_role("Acting  Chairperson") == "Acting Chair"
    assert office_role("Moderator") == "Moderator"


@pytest.mark.parametrize(
    "text, position, affiliation",
    [("Mr. Okafor (Human Rights Officer, OHCHR) said", "Human Rights Officer", "OHCHR"),
     ("Ms. Lind (Chief, Petitions Section, Office of the High Commissioner) said", "Chief, Petitions Section",
      "Office of the High Commissioner"),
     ("Mr. Tall (Country Rapporteur) said", "Country Rapporteur", None),
     ("Ms. Varga (Ruritania) said", None, "Ruritania")],
)
def test_a_post_in_the_parenthesis_is_the_position_and_the_organization_after_it_the_affiliation(
        text: str, position: str | None, affiliation: str | None) -> None:
    found = read_attribution(text)
    assert found.position == position
    assert (found.affiliation.text if found.affiliation else None) == affiliation
