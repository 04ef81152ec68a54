"""What a descriptor says (position, affiliation), and the names acronyms stand for."""
from __future__ import annotations

import pytest

from graph.parse.shared.affiliations import expand_acronym, split_descriptor
from graph.parse.shared.names import trailing_parenthesis


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


def test_expand_acronym_spells_the_initials() -> None:
    text = "the United Nations Office of the High Commissioner for Human Rights (OHCHR) held a consultation."
    assert expand_acronym(text, "OHCHR") == "Office of the High Commissioner for Human Rights"
    text = "the Coordination of Action Research on AIDs and Mobility (CARAM Asia) noted"
    assert expand_acronym(text, "CARAM Asia") == "Coordination of Action Research on AIDs and Mobility"
    # "CAM" is the Spanish acronym; the English name does not spell it and is not taken for it.
    assert expand_acronym("successor to the Special Committee on Migration Issues (CAM), and", "CAM") is None


def test_trailing_parenthesis() -> None:
    assert trailing_parenthesis("Committee on Migration Issues (CAM) ") == ("Committee on Migration Issues", "CAM")
    assert trailing_parenthesis("Office of the High Commissioner (OHCHR), Geneva") == (
        "Office of the High Commissioner (OHCHR), Geneva", None)
    assert trailing_parenthesis("Mexico") == ("Mexico", None)
