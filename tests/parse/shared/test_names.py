"""Forms of address: one list for every reader and for actor keys."""
from __future__ import annotations

import re
import subprocess
import sys

import pytest

from graph.parse.shared.authorship import is_organisation_name
from graph.content_keys import HONORIFICS, bare_name, fold
from graph.parse.shared.names import FORM_OF_ADDRESS
from graph.parse.shared.people import looks_like_person, person_at
from graph.parse.shared.speakers import read_named_person


@pytest.mark.parametrize(("printed", "form"), [
    ("Mr. Charef", "Mr."), ("Mr Charef", "Mr"), ("Mrs. Li", "Mrs."), ("Dr Lena Sørensen", "Dr"),
    ("H.E. Ambassador Claverie", "H.E."), ("H. E. Ms. Claverie", "H. E."), ("Professor Djajić", "Professor"),
    ("His Excellency Mr. Rodríguez", "His Excellency"), ("Mme. Dupont", "Mme."),
])
def test_a_form_of_address_as_printed(printed: str, form: str) -> None:
    found = FORM_OF_ADDRESS.match(printed)
    assert found is not None and found.group() == form


@pytest.mark.parametrize("printed", ["Mrsmith", "Drive", "Justices", "Sisterhood", "Messrsx"])
def test_a_word_that_begins_like_a_form_of_address_is_none(printed: str) -> None:
    assert FORM_OF_ADDRESS.match(printed) is None


@pytest.mark.parametrize("form", HONORIFICS)
def test_every_reader_knows_every_form(form: str) -> None:
    """A summary record's speaker, a seminar's person and an actor key agree on the list."""
    printed = f"{form} Wanza"
    assert bare_name(printed) == "Wanza", printed
    who = read_named_person(printed)
    assert who is not None and who.person is not None and who.person.text == printed
    person = person_at(printed, 0, len(printed))
    assert person is not None and person.name == "Wanza", printed


def test_no_form_is_listed_with_its_full_stop() -> None:
    assert not [form for form in HONORIFICS if form.endswith(".")]
    assert len(set(HONORIFICS)) == len(HONORIFICS)
    assert all(re.fullmatch(r"[A-Z][A-Za-z. ]*", form) for form in HONORIFICS)


def test_fold_compares_names_across_accents_and_case() -> None:
    assert fold("Slobodan  Djajić") == fold("SLOBODAN DJAJIC") == "slobodan djajic"


@pytest.mark.parametrize("module", ["graph.parse.shared.speakers", "graph.extract.actors", "graph.parse.shared.names",
                                    "graph.parse.summary_record.reader", "graph.sources"])
def test_each_module_imports_first_without_a_cycle(module: str) -> None:
    """Speakers and actors use the names here, and the summary record reader uses speakers."""
    result = subprocess.run([sys.executable, "-c", f"import {module}"], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr


def test_organization_words_tell_organizations_from_people_in_every_genre() -> None:
    """A seminar's list of panelists and a forum's bylines read an organization's name alike."""
    for name in ("Migrant Forum Asia", "Jesuit Refugee Service", "Caritas Internationalis", "Domestic Workers Platform"):
        assert is_organisation_name(name) and not looks_like_person(name), name
    assert not is_organisation_name("Florence Kim") and looks_like_person("Florence Kim")
