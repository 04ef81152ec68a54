"""Official French and Spanish titles in data/catalogue/titles/: what the real files give, the RDF, bad files by line."""
from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Literal, URIRef
from rdflib.namespace import RDFS, SKOS

from graph import iris
from graph.catalogue import Catalogue
from graph.catalogue_reader import load_catalogue
from graph.errors import CatalogueError
from graph.settings import PROJECT_ROOT
from tests.graph.test_catalogue import MINIMAL, write

DATA = PROJECT_ROOT / "data" / "catalogue"
ICRMW_FR = ("Convention internationale sur la protection des droits de tous les travailleurs migrants "
            "et des membres de leur famille")
ICRMW_ES = ("Convención Internacional sobre la protección de los derechos de todos los trabajadores migratorios "
            "y de sus familiares")


@pytest.fixture(scope="module")
def catalogue() -> Catalogue:
    return load_catalogue(DATA)


def titles(catalogue: Catalogue, node: str, predicate: URIRef = SKOS.prefLabel) -> dict[str, str]:
    return {o.language: str(o) for o in catalogue.graph.objects(URIRef(node), predicate)
            if isinstance(o, Literal) and o.language in ("fr", "es")}


def test_the_convention_and_the_compact_carry_their_official_titles(catalogue: Catalogue) -> None:
    icrmw, gcm = iris.instrument("ICRMW"), iris.instrument("GCM")
    assert titles(catalogue, icrmw) == {"fr": ICRMW_FR, "es": ICRMW_ES}
    assert titles(catalogue, icrmw, RDFS.label) == {"fr": ICRMW_FR, "es": ICRMW_ES}
    assert titles(catalogue, gcm) == {"fr": "Pacte mondial pour des migrations sûres, ordonnées et régulières",
                                      "es": "Pacto Mundial para la Migración Segura, Ordenada y Regular"}
    # The English label is untouched: one label per language.
    assert (URIRef(icrmw), RDFS.label, Literal(catalogue.instruments["ICRMW"].title, lang="en")) in catalogue.graph


def test_a_preferred_title_is_not_also_an_alternative_one(catalogue: Catalogue) -> None:
    gcm = URIRef(iris.instrument("GCM"))
    french = Literal("Pacte mondial pour des migrations sûres, ordonnées et régulières", lang="fr")
    assert (gcm, SKOS.prefLabel, french) in catalogue.graph
    assert (gcm, SKOS.altLabel, french) not in catalogue.graph


def test_objectives_take_their_titles_as_preferred_labels_only(catalogue: Catalogue) -> None:
    objective = iris.provision("GCM", [("Objective", "13")])
    assert titles(catalogue, objective)["fr"].startswith("Ne recourir au placement en rétention administrative")
    assert titles(catalogue, objective)["es"].startswith("Utilizar la detención de migrantes solo como último recurso")
    assert titles(catalogue, objective, RDFS.label) == {}  # its label names it by number, in English


TITLES = """\
instrument: ICRMW
titles:
  - of: Instrument
    fr: Convention internationale
    fr_source: https://example.org/fr
  - of: Part III
    es: Derechos humanos de todos los trabajadores migratorios
    es_source: https://example.org/es
"""


def with_titles(tmp_path: Path, text: str) -> Path:
    folder = write(tmp_path, MINIMAL)
    (folder / "titles").mkdir(exist_ok=True)
    (folder / "titles" / "icrmw.yaml").write_text(text, encoding="utf-8")
    return folder


def test_a_part_takes_its_title(tmp_path: Path) -> None:
    catalogue = load_catalogue(with_titles(tmp_path, TITLES))
    part = catalogue.provisions[("ICRMW", "Part", "iii")].iri
    assert titles(catalogue, part) == {"es": "Derechos humanos de todos los trabajadores migratorios"}


@pytest.mark.parametrize("change, message", [
    (("of: Part III", "of: Part XII"), "titles/icrmw.yaml: line 6: 'Part XII': ICRMW has no such provision"),
    (("    fr_source: https://example.org/fr\n", ""), "titles/icrmw.yaml: line 4: Instrument: fr_source must be the URL"),
    (("fr_source: https://example.org/fr", "fr_source: the OHCHR site"), "titles/icrmw.yaml: line 5: Instrument: fr_source must be the URL"),
    (("of: Part III", "of: Instrument"), "titles/icrmw.yaml: line 6: Instrument: its titles are given twice"),
    (("instrument: ICRMW", "instrument: ICRMW-2"), "titles/icrmw.yaml: line 1: instrument 'ICRMW-2' is not catalogued"),
    (("    es: Derechos", "    de: Derechos"), "titles/icrmw.yaml: line 7: unknown field 'de'"),
    (("    fr: Convention internationale\n    fr_source: https://example.org/fr\n", ""),
     "titles/icrmw.yaml: line 3: Instrument: no title"),
])
def test_a_bad_titles_file_is_named_by_line(tmp_path: Path, change: tuple[str, str], message: str) -> None:
    with pytest.raises(CatalogueError) as raised:
        load_catalogue(with_titles(tmp_path, TITLES.replace(*change)))
    assert message in str(raised.value)
