"""Genre detection: which reader takes a text, on openings as on whole documents (issue 11, point 2).

The confusion matrices of ``tests/genre_report.py`` (printed with ``pytest -s``) must be diagonal on the
38 unseen documents, on the first 1,500 and 2,000 characters of every known text, and on the known texts
in full.  Short texts written here to the genres' conventions — not copied from any fixture — check that
the cues are the genre's, and the refusals check what no reader takes.
"""
from __future__ import annotations

from pathlib import Path

import pytest

from genre_report import matrix, openings, unseen, whole
from graph.documents import Source
from graph.errors import SourceError
from graph.parse.cues import Glance
from graph.parse.genre_cues import SUMMARY_RECORD_CUES
from graph.sources import choose_reader


@pytest.mark.parametrize("texts", [unseen, openings, whole], ids=["unseen", "openings", "whole"])
def test_every_text_goes_to_the_reader_of_its_genre(texts) -> None:  # noqa: ANN001 - a report function
    detections = texts()
    print(matrix(detections))
    wrong = [f"{d.name}: {d.expected} read as {d.detected} ({d.why})" for d in detections if not d.right]
    assert not wrong, "\n".join(wrong)


def test_the_unseen_set_has_every_genre_and_other_prose() -> None:
    genres = {d.expected for d in unseen()}
    assert genres == {"SummaryRecord", "ConceptNote", "SeminarSummary", "OnlineDiscussion", "ProseDocument"}


def _kind(text: str) -> str:
    return choose_reader(Source(Path("text.txt"), text)).kind


SHORT_TEXTS = {
    "SummaryRecord": (
        "Committee on Enforced Disappearances\nTwentieth session\nSummary record of the 301st meeting\n"
        "Held at the Palais Wilson, Geneva, on Monday, 4 April 2022, at 3 p.m.\nChairperson: Ms. Villa Quintana\n\n"
        "The meeting was called to order at 3.05 p.m.\n\nThe Chairperson said that the dialogue would resume.\n"),
    "ConceptNote": (
        "Expert workshop on labour migration statistics\nThursday, 12 May 2022, 10:00-13:00, Room XVII\n\n"
        "Background\nMigrant workers are counted differently in each country of the region.\n\n"
        "Objectives\nThe workshop aims to:\n• compare the definitions used by statistical offices;\n"
        "• agree on a common table.\n"),
    "SeminarSummary": (
        "Regional seminar on access to justice for migrant workers\n\nSummary of discussions\n\n"
        "The seminar was opened by the Director of the Regional Office, who welcomed the participants.\n\n"
        "Ms. Amina Yusuf, Legal Officer, stressed that labour courts rarely heard migrant workers.\n\n"
        "Mr. Yusuf added that legal aid took place too late.\n"),
    "OnlineDiscussion": (
        "Discussion Spaces\n\nDiscussion Questions & Comments\n\nHow should the review count returnees?\n\n"
        "Log in to reply\n\nIn reply to by Jane Roe\n"),
    "ProseDocument": (
        "PRESS RELEASE\n\nGENEVA, 3 May -- The Committee on Migrant Workers today adopted its report on the session.\n\n"
        "The Chairperson said that the Committee had reviewed four States.\n"),
}


@pytest.mark.parametrize("kind", SHORT_TEXTS)
def test_a_short_text_written_to_a_genre_s_conventions_goes_to_its_reader(kind: str) -> None:
    assert _kind(SHORT_TEXTS[kind]) == kind


def test_a_reading_says_why_with_the_cues_and_their_weights() -> None:
    reading = choose_reader(Source(Path("record.txt"), SHORT_TEXTS["SummaryRecord"]))
    assert reading.why.startswith("SummaryRecord 0.90 (title 'Summary record of the …th meeting' +0.50")
    assert "presiding officer's line ('Chair:') +0.10" in reading.why
    record = reading.as_record()
    assert record["reader"] == "SummaryRecord" and record["fallback"] is None
    assert record["confidence"]["ProseDocument"] == 1.0
    assert record["cues"]["SummaryRecord"]["the meeting's procedure ('called to order')"] == 0.15


def test_prose_that_no_genre_reader_claims_says_which_came_closest() -> None:
    reading = choose_reader(Source(Path("release.txt"), SHORT_TEXTS["ProseDocument"]))
    assert reading.why.startswith("no genre reader reaches 0.5 (best ")
    assert reading.why.endswith("ProseDocument 1.00 (paragraphs of sentences +1.00)")


def test_cues_see_the_opening_only() -> None:
    """What lies past the opening (a long document's later pages) changes nothing."""
    record = SHORT_TEXTS["SummaryRecord"]
    padded = record + "\n" + "Mr. X said that the time was short.\n" * 200 + "Summary record of the 2nd meeting\n"
    assert Glance.of(padded).text.startswith(record.rstrip("\n"))
    assert len(Glance.of(padded).text) <= 3000
    weights = dict(choose_reader(Source(Path("a.txt"), padded)).recognitions[0].cues)
    assert set(weights) <= {cue.name for cue in SUMMARY_RECORD_CUES}


@pytest.mark.parametrize(("text", "message"), [
    ("Shopping list\n\neggs\nmilk\n", "unknown genre: not recognised as any of SummaryRecord, ConceptNote, "
                                      "SeminarSummary, OnlineDiscussion, and no paragraph of prose found"),
    ("name,country,date\nAna,Chile,2022-05-01\nLi,China,2022-05-02\n", "rows of a table"),
    ("session;meeting;chair\n35;506;Corzo Sosa\n", "rows of a table"),
])
def test_what_no_reader_takes_is_refused_in_words(text: str, message: str) -> None:
    with pytest.raises(SourceError) as refused:
        choose_reader(Source(Path("data.txt"), text))
    assert refused.value.file == "data.txt" and refused.value.line == 1
    assert message in refused.value.message
