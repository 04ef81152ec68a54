"""Paragraphs of a text cited while it was negotiated, by its drafts' numbers (issue 14).

The catalogue lists no paragraph of the IMRF Progress Declaration: it says the declaration's paragraphs are
numbered as its drafts number them (``numbered_in_drafts``). A bare "paragraph 39bis" is the declaration's
when the statement names it, or speaks of a draft on a page that named it; never when the words around it give
it another owner, never in a record where nothing names the declaration.
"""
from __future__ import annotations

from pathlib import Path

import pytest

from graph import iris
from graph.catalogue import Catalogue
from graph.catalogue_reader import load_catalogue
from graph.records import DocumentKind, ProvisionRef
from tests.graph.extract.test_citations import read

ROOT = Path(__file__).resolve().parents[3]
DISCUSSION = DocumentKind.ONLINE_DISCUSSION


@pytest.fixture(scope="module")
def catalogue() -> Catalogue:
    return load_catalogue(ROOT / "data" / "catalogue")


def test_a_paragraph_of_the_declaration_named_in_the_statement(catalogue: Catalogue) -> None:
    found, _ = read(catalogue, "We welcome the zero draft of the Progress Declaration and propose an addition to "
                               "paragraph 27 and to paras 12bis and 14-ter.", kind=DISCUSSION)
    assert ("paragraph 27", "IMRF-PD Paragraph 27") in found
    assert ("paras 12bis", "IMRF-PD Paragraph 12bis") in found and ("14-ter", "IMRF-PD Paragraph 14ter") in found


def test_a_later_comment_on_a_revision_cites_the_declaration_the_page_named(catalogue: Catalogue) -> None:
    found, _ = read(catalogue, "Comments on the IMRF Progress Declaration.",
                    "In Rev. 2, paragraph 51's new wording weakens the commitment.", "We agree with paragraph 8.",
                    kind=DISCUSSION)
    assert ("paragraph 51", "IMRF-PD Paragraph 51") in found
    assert not any(quote == "paragraph 8" for quote, _ in found)  # no draft named or spoken of: not guessed


def test_a_paragraph_another_text_owns_is_not_the_declarations(catalogue: Catalogue) -> None:
    found, _ = read(catalogue, "On the Progress Declaration, see the Beijing Platform Review Outcome, para. 5, and "
                               "paragraph 9 of the report of the Secretary-General.", kind=DISCUSSION)
    assert [target for _, target in found if target.startswith("IMRF-PD ")] == []


def test_a_record_that_names_no_draft_keeps_its_own_paragraphs(catalogue: Catalogue) -> None:
    found, _ = read(catalogue, "The Progress Declaration was adopted in May.",
                    "As stated in paragraph 3 above, the draft was discussed.", kind=DocumentKind.SUMMARY_RECORD)
    assert [target for _, target in found if target.startswith("IMRF-PD ")] == []


def test_a_drafted_paragraph_is_a_provision_with_the_contracts_iri(catalogue: Catalogue) -> None:
    drafted = catalogue.provision(ProvisionRef("IMRF-PD", "Paragraph", "39 bis"))
    assert drafted is not None and drafted.drafted and drafted.number == "39bis"
    assert drafted.iri == iris.ID + "instrument/imrf-pd/paragraph/39bis"
    assert drafted.parent_iri == iris.instrument("IMRF-PD") and "as numbered in its drafts" in drafted.label
    assert catalogue.provision(ProvisionRef("IMRF-PD", "Article", "3")) is None  # only paragraphs
    assert catalogue.provision(ProvisionRef("IMRF-PD", "Paragraph", "3(a)(ii)")) is None  # not a draft's number
    assert catalogue.provision(ProvisionRef("NY-DECL-2016", "Paragraph", "999")) is None  # not in drafts
    assert catalogue.drafted_instruments("Paragraph") == ["IMRF-PD"]
