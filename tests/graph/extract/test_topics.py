"""Topics (issue 13, point 4): the scheme read from the catalogue, and statements tagged in their own language."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from graph.catalogue import Catalogue
from graph.catalogue_reader import load_catalogue
from graph.documents import Source, Span
from graph.errors import CatalogueError
from graph.extract.topics import stem, tag_topics
from graph.records import DocumentKind, ParsedDocument, Statement

ROOT = Path(__file__).resolve().parents[3]


@pytest.fixture(scope="module")
def catalogue() -> Catalogue:
    return load_catalogue(ROOT / "data" / "catalogue")


def tagged(catalogue: Catalogue, text: str, language: str = "en") -> list[tuple[str, str]]:
    """(topic, words) for each match in ``text``, printed as one paragraph of a document in ``language``."""
    statement = Statement("1", Span(0, len(text)), text)
    document = ParsedDocument(Source(Path("zz_test.txt"), text), DocumentKind.CONCEPT_NOTE, "A note",
                              language=language, statements=[statement])
    tag_topics(document, catalogue)
    return [(match.topic, text[match.span.start:match.span.end]) for match in statement.topics]


def test_every_topic_is_labelled_in_three_languages_and_governed(catalogue: Catalogue) -> None:
    assert len(catalogue.topics) >= 19
    for topic in catalogue.topics.values():
        assert set(topic.pref) == {"en", "fr", "es"} and all(topic.pref.values())
        assert topic.governed_by, topic.key
    detention = catalogue.topics["detention"]
    assert detention.iri == "https://w3id.org/mrkg/id/topic/detention"
    assert {"https://w3id.org/mrkg/id/instrument/icrmw/article/16", "https://w3id.org/mrkg/id/instrument/icrmw/article/17",
            "https://w3id.org/mrkg/id/instrument/gcm/objective/13"} <= set(detention.governed_by)


def test_inflected_forms_match_their_label() -> None:
    assert stem("detained", "en") == stem("detain", "en")
    assert stem("detentions", "en") == stem("detention", "en")
    assert stem("Détentions", "fr") == stem("détention", "fr")
    assert stem("detenidas", "es") == stem("detenido", "es")


def test_english_statement(catalogue: Catalogue) -> None:
    found = tagged(catalogue, "Children were detained for months; alternatives to detention and family "
                              "reunification were rarely offered to undocumented workers.")
    assert found == [("children", "Children"), ("detention", "detained"), ("detention", "alternatives to detention"),
                     ("family-reunification", "family reunification"), ("irregular-status", "undocumented")]


def test_each_statement_is_matched_in_its_own_language(catalogue: Catalogue) -> None:
    # A French paragraph in an English document is matched with the French labels.
    assert tagged(catalogue, "Les enfants migrants ne doivent pas être placés en rétention administrative, "
                             "et les envois de fonds sont protégés.") == [
        ("children", "enfants migrants"), ("detention", "rétention administrative"), ("remittances", "envois de fonds")]
    assert tagged(catalogue, "Los niños detenidos en la frontera y la trata de personas preocupan al Comité.",
                  language="es") == [("children", "niños"), ("detention", "detenidos"), ("trafficking", "trata de personas")]


def test_the_words_of_a_label_stand_together(catalogue: Catalogue) -> None:
    assert tagged(catalogue, "They spoke of the family. Reunification came later.") == []
    assert tagged(catalogue, "A minor point: in return for data, nothing.") == [("migration-data", "data")]


def test_a_topic_mistake_names_the_file_and_line(tmp_path: Path) -> None:
    folder = tmp_path / "catalogue"
    shutil.copytree(ROOT / "data" / "catalogue", folder)
    text = (folder / "topics.yaml").read_text(encoding="utf-8")
    (folder / "topics.yaml").write_text(text.replace("GCM Objective 13,", "GCM Objective 99,", 1), encoding="utf-8")
    with pytest.raises(CatalogueError) as error:
        load_catalogue(folder)
    assert "topics.yaml" in str(error.value) and "line 8" in str(error.value)
    assert "GCM Objective 99" in str(error.value) and "no such provision" in str(error.value)
    (folder / "topics.yaml").write_text(text.replace("    es: Remesas\n", "", 1), encoding="utf-8")
    with pytest.raises(CatalogueError, match=r"topics\.yaml.*line \d+, topic 'remittances': missing its es label"):
        load_catalogue(folder)
