"""Accuracy on the 38 unseen documents, per genre: a ratchet (issue 11, point 3).

``tests/unseen_report.py`` builds the unseen documents with the pipeline and scores them against their
hand annotation.  The figures below are what it measured when this test was written (and what the
README's "Accuracy on unseen documents" table shows); the test fails if any of them falls.  When a
reader improves, raise the figures here and in the README together — never lower them to let a change
through.  Run ``pytest -s tests/accuracy/test_unseen_accuracy.py`` to see the table and every disagreement.
"""
from __future__ import annotations

from pathlib import Path

import pytest

from unseen_report import SCORED, by_genre, disagreements, load_unseen, markdown_table, measure, table

README = Path(__file__).resolve().parents[2] / "README.md"

# genre → category → (precision, recall), as measured.
FLOORS: dict[str, dict[str, tuple[float, float]]] = {
    "summary_record": {"statements": (1.00, 1.00), "speakers": (1.00, 1.00), "provisions": (1.00, 1.00),
                       "instruments": (1.00, 1.00), "date": (1.00, 1.00)},
    "concept_note": {"statements": (1.00, 1.00), "speakers": (1.00, 1.00), "provisions": (1.00, 1.00),
                     "instruments": (1.00, 1.00), "date": (1.00, 1.00)},
    "seminar_summary": {"statements": (1.00, 1.00), "speakers": (1.00, 1.00), "provisions": (1.00, 1.00),
                        "instruments": (1.00, 1.00), "date": (1.00, 1.00)},
    "online_discussion": {"statements": (1.00, 1.00), "speakers": (1.00, 1.00), "provisions": (1.00, 1.00),
                          "instruments": (1.00, 1.00), "date": (1.00, 1.00)},
    "other": {"statements": (1.00, 1.00), "speakers": (1.00, 1.00), "provisions": (1.00, 1.00),
              "instruments": (1.00, 1.00), "date": (1.00, 0.75)},
    "all": {"statements": (1.00, 1.00), "speakers": (1.00, 1.00), "provisions": (1.00, 1.00),
            "instruments": (1.00, 1.00), "date": (1.00, 0.96)},
}

# genre → (the document class its own reader publishes, how many of the genre's documents it read), as measured:
# a document its reader hands to the general reader counts against it.
OWN_READER: dict[str, tuple[str, int]] = {
    "summary_record": ("SummaryRecord", 14), "concept_note": ("ConceptNote", 5),
    "seminar_summary": ("SeminarSummary", 8), "online_discussion": ("OnlineDiscussion", 6),
}


@pytest.fixture(scope="module")
def outcomes() -> list:
    return measure()


def test_every_unseen_document_is_scored() -> None:
    documents = load_unseen()
    assert len(documents) == 38
    assert {d.genre for d in documents} == {"summary_record", "concept_note", "seminar_summary",
                                            "online_discussion", "other"}


def test_no_figure_falls_below_what_was_measured(outcomes: list) -> None:
    print(table(outcomes))
    print(disagreements(outcomes))
    fallen = []
    for genre, sums in by_genre(outcomes).items():
        for category in SCORED:
            tally = sums[category]
            floor = FLOORS[genre][category]
            now = (round(tally.precision, 2), round(tally.recall, 2))
            if now[0] < floor[0] or now[1] < floor[1]:
                fallen.append(f"{genre} {category}: P/R {now[0]:.2f}/{now[1]:.2f}, was {floor[0]:.2f}/{floor[1]:.2f}")
    assert not fallen, "\n".join(fallen)


def test_no_genre_reader_reads_fewer_of_its_documents_than_measured(outcomes: list) -> None:
    fewer = []
    for genre, (kind, floor) in OWN_READER.items():
        read = sum(1 for o in outcomes if o.document.genre == genre and o.read_as == kind)
        if read < floor:
            fewer.append(f"{genre}: {read} read by its own reader, was {floor}")
    assert not fewer, "\n".join(fewer)


def test_the_date_is_scored_against_the_meeting_not_the_page(outcomes: list) -> None:
    """A page's or a release's own date is not the meeting's: the scoring can tell them apart."""
    release = next(o for o in outcomes if o.document.gold.source == "oas-press-release-e-266-07.txt")
    assert str(release.document.meeting_date) == "2007-10-24"
    assert release.date.true_positives == 1 and release.date.false_positives == 0
    ungeneva = next(o for o in outcomes if o.document.gold.source == "ungeneva-cmw-gfmd-debate-2008.txt")
    assert ungeneva.document.meeting_date is None and ungeneva.date.true_positives == 0


def test_the_readme_shows_the_table_as_measured(outcomes: list) -> None:
    assert markdown_table(outcomes) in README.read_text(encoding="utf-8"), \
        "README.md's accuracy table is stale: paste `python tests/unseen_report.py --markdown`"
