"""The words of provisions in data/catalogue/texts/: what the real files give, the RDF, and bad files named by line."""
from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Literal, URIRef
from rdflib.namespace import DCTERMS

from graph import iris
from graph.catalogue import Catalogue
from graph.catalogue_reader import load_catalogue
from graph.catalogue_texts import paragraph
from graph.errors import CatalogueError
from graph.records import ProvisionRef
from graph.settings import PROJECT_ROOT
from graph.vocab import MRKG
from tests.graph.test_catalogue import MINIMAL, write

DATA = PROJECT_ROOT / "data" / "catalogue"
OHCHR = "https://www.ohchr.org/en/instruments-mechanisms/instruments/international-convention-protection-rights-all-migrant-workers"


@pytest.fixture(scope="module")
def catalogue() -> Catalogue:
    return load_catalogue(DATA)


def words(catalogue: Catalogue, code: str, kind: str, number: str) -> str | None:
    provision = catalogue.provision(ProvisionRef(code, kind, number))
    assert provision is not None, f"{code} {kind} {number} is not catalogued"
    return provision.text


# -- the real texts ---------------------------------------------------------------------------
def test_known_sentences_are_given_exactly(catalogue: Catalogue) -> None:
    assert words(catalogue, "ICRMW", "Article", "24") == (
        "Every migrant worker and every member of his or her family shall have the right to recognition "
        "everywhere as a person before the law.")
    assert words(catalogue, "ICRMW", "Article", "20").splitlines()[0] == (
        "1. No migrant worker or member of his or her family shall be imprisoned merely on the ground of failure "
        "to fulfil a contractual obligation.")
    assert (words(catalogue, "GCM", "Objective", "13") or "").startswith(
        "We commit to ensure that any detention in the context of international migration follows due process,")
    assert (words(catalogue, "ILO-C097", "Article", "2") or "").startswith(
        "Each Member for which this Convention is in force undertakes to maintain")


def test_paragraphs_and_lettered_items_keep_their_own_lines(catalogue: Catalogue) -> None:
    lines = (words(catalogue, "ICRMW", "Article", "66") or "").splitlines()
    assert [line.split(" ", 1)[0] for line in lines] == ["1.", "(a)", "(b)", "(c)", "2."]


def test_every_text_is_rdf_with_its_source(catalogue: Catalogue) -> None:
    given = [p for p in catalogue.provisions.values() if p.text]
    assert {p.instrument for p in given} >= {"ICRMW", "GCM", "ILO-C097", "ILO-C143"}
    for provision in given:
        node = URIRef(provision.iri)
        assert (node, MRKG.provisionText, Literal(provision.text, lang="en")) in catalogue.graph
        assert list(catalogue.graph.objects(node, DCTERMS.source)) == [URIRef(provision.source)]
        assert provision.source and provision.source.startswith("https://")
    article = URIRef(iris.provision("ICRMW", [("Article", "24")]))
    assert catalogue.graph.value(article, DCTERMS.source) == URIRef(OHCHR)


def test_every_text_is_one_line_a_paragraph_without_stray_spaces(catalogue: Catalogue) -> None:
    for provision in catalogue.provisions.values():
        for line in (provision.text or "").splitlines():
            assert line == " ".join(line.split()) and line, provision.label


def test_the_objectives_titles_are_the_resolutions(catalogue: Catalogue) -> None:
    """Checked against the list of objectives in A/RES/73/195 ("migration detention", not the draft's "immigration")."""
    objective = catalogue.provision(ProvisionRef("GCM", "Objective", "13"))
    assert objective is not None and objective.title == (
        "Use migration detention only as a measure of last resort and work towards alternatives")


# -- the reader on small files --------------------------------------------------------------
ARTICLE_25 = """\
instrument: ICRMW
symbol: A/RES/45/158
source: https://example.org/icrmw
provisions:
  Article 25: |
    1. Migrant workers shall enjoy treatment   not less favourable.
    (a) Other conditions of work;
    2. It shall not be lawful to derogate.
  Article 22: |
    1. Migrant workers and members of their families shall not be subject to measures of collective expulsion.
"""


def with_texts(tmp_path: Path, text: str, name: str = "icrmw.yaml") -> Path:
    folder = write(tmp_path, MINIMAL)
    (folder / "texts").mkdir(exist_ok=True)
    (folder / "texts" / name).write_text(text, encoding="utf-8")
    return folder


def test_a_paragraph_of_an_article_takes_its_lines(tmp_path: Path) -> None:
    catalogue = load_catalogue(with_texts(tmp_path, ARTICLE_25))
    article = catalogue.provision(ProvisionRef("ICRMW", "Article", "25"))
    first = catalogue.provision(ProvisionRef("ICRMW", "Paragraph", "25(1)"))
    assert article is not None and first is not None
    assert article.text == ("1. Migrant workers shall enjoy treatment not less favourable.\n(a) Other conditions of work;\n"
                            "2. It shall not be lawful to derogate.")
    assert first.text == "1. Migrant workers shall enjoy treatment not less favourable.\n(a) Other conditions of work;"
    assert first.source == "https://example.org/icrmw"
    assert (URIRef(first.iri), MRKG.provisionText, Literal(first.text, lang="en")) in catalogue.graph


def test_paragraph_stops_at_the_next_numbered_paragraph() -> None:
    text = "1. One.\n(a) a;\n2. Two.\n3. Three."
    assert paragraph(text, "2") == "2. Two."
    assert paragraph(text, "1") == "1. One.\n(a) a;"
    assert paragraph(text, "4") is None


@pytest.mark.parametrize("change, message", [
    (("Article 22:", "Article 99:"), "texts/icrmw.yaml: line 9: Article 99: ICRMW has no such provision in the catalogue"),
    (("Article 22:", "Art. 22 bis:"), "texts/icrmw.yaml: line 9: 'Art. 22 bis' is not 'Kind number'"),
    (("Article 22:", "Article 25:"), "texts/icrmw.yaml: line 9: 'Article 25' is given twice (first on line 5)"),
    (("instrument: ICRMW", "instrument: ICRMW-2"), "texts/icrmw.yaml: line 1: instrument 'ICRMW-2' is not catalogued"),
    (("source: https://example.org/icrmw", "source: the OHCHR site"), "texts/icrmw.yaml: line 3: source 'the OHCHR site' is not a URL"),
    (("symbol: A/RES/45/158\n", ""), "texts/icrmw.yaml: missing symbol"),
    (("symbol: A/RES/45/158\n", "symbol: A/RES/45/158\nlanguage: en\n"), "texts/icrmw.yaml: line 3: unknown field 'language'"),
    (("    1. Migrant workers shall enjoy", "    Migrant workers shall enjoy"),
     "texts/icrmw.yaml: line 5: Article 25 of the ICRMW: the catalogue lists Article 25(1) of the ICRMW, "
     "but the text has no paragraph numbered 1"),
    (("  Article 22: |\n    1. Migrant", "  Article 22: [\n    1. Migrant"), "texts/icrmw.yaml: line "),
    (("  Article 22: |\n    1. Migrant workers and members of their families shall not be subject to measures of collective expulsion.\n",
      "  Article 22: {a: b}\n"), "texts/icrmw.yaml: line 9: Article 22: expected the provision's words as text"),
])
def test_a_malformed_texts_file_is_named_with_file_and_line(tmp_path: Path, change: tuple[str, str], message: str) -> None:
    text = ARTICLE_25.replace(*change)
    assert text != ARTICLE_25
    with pytest.raises(CatalogueError) as error:
        load_catalogue(with_texts(tmp_path, text))
    assert str(error.value).startswith(message)
