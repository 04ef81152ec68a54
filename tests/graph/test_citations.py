"""How statements are cited, on the real build: the text a researcher pastes, and CSL-JSON, RIS and BibTeX."""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from graph import iris
from graph.citations import Citation, PageOf, bibtex, csl_json, ris, statement_citations
from graph.store.backends import EmbeddedStore

SR506_PARA_6 = iris.ID + "statement/001_572bfb9b02552e02/6"
COMMENT = iris.ID + "statement/004_78fd61f76d543e46/c-8e78e5c9a8"


@pytest.fixture(scope="module")
def cited(published_var: Path) -> list[Citation]:
    store = EmbeddedStore(published_var / "current" / "store")
    return statement_citations(store, [SR506_PARA_6, COMMENT, iris.ID + "statement/nowhere/1"],
                               PageOf(iris.ID, "http://127.0.0.1:8000/id/"))


def test_a_paragraph_of_a_summary_record_is_cited_by_symbol_paragraph_speaker_and_meeting_date(
        cited: list[Citation]) -> None:
    assert [c.iri for c in cited] == [SR506_PARA_6, COMMENT]  # the one not in the graph is left out
    assert cited[0].text() == ("CMW/C/SR.506, para. 6 (Ms. Hernández Paramo, on behalf of OHCHR), "
                               "27 September 2022")
    assert cited[0].issued == "2022-10-06"  # the date of issue is kept apart from the meeting's


def test_a_comment_is_cited_by_its_author_and_day_without_internal_keys(cited: list[Citation]) -> None:
    assert cited[1].text() == "Discussion Spaces: Discussion Questions & Comments (Kate Barth), 10 March 2022"
    assert "c-8e78e5c9a8" not in cited[1].text()


def test_csl_json_carries_what_reference_managers_file(cited: list[Citation]) -> None:
    items = json.loads(csl_json(cited))
    assert [item["type"] for item in items] == ["speech", "post"]
    first = items[0]
    assert first["author"] == [{"literal": "Ms. Hernández Paramo"}]
    assert first["number"] == "CMW/C/SR.506" and first["section"] == "para. 6"
    assert first["issued"] == {"date-parts": [[2022, 9, 27]]}
    assert first["URL"] == "http://127.0.0.1:8000/id/statement/001_572bfb9b02552e02/6"


def test_ris_records_are_closed_and_tagged(cited: list[Citation]) -> None:
    text = ris(cited).decode("utf-8")
    records = [r for r in text.split("ER  -") if r.strip()]
    assert len(records) == 2
    first = dict(line.split("  - ", 1) for line in records[0].strip().splitlines())
    assert first["TY"] == "GOVDOC" and first["AU"] == "Ms. Hernández Paramo" and first["DA"] == "2022/09/27"
    assert first["M1"] == "CMW/C/SR.506" and first["SE"] == "para. 6"
    assert all(re.match(r"[A-Z][A-Z0-9]  -( |$)", line) for line in text.splitlines() if line), "every line a tag"


def test_bibtex_keeps_a_name_whole_and_escapes_tex(cited: list[Citation]) -> None:
    text = bibtex(cited).decode("utf-8")
    assert "@misc{CMW-C-SR-506-para-6," in text
    assert "author = {{Ms. Hernández Paramo}}" in text
    assert r"Questions \& Comments" in text  # the ampersand of the discussion's title, escaped
    assert text.count("@misc{") == 2 and text.count("{") == text.count("}")
