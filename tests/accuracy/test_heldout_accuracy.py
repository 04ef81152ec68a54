"""Accuracy on the held-out documents (tests/fixtures/heldout/): a ratchet that is never tuned against.

The 25 held-out documents were collected and annotated after the readers had been improved on the 38
unseen ones, and no reader was changed while looking at them: their figures are the honest measure of
how the readers do on documents of their genres they have never met (issue 11, point 3).  This test
only keeps those figures from falling; raising them means improving a reader by its genre's conventions
elsewhere and seeing these move, never editing a reader while reading these files.
"""
from __future__ import annotations

import pytest

from test_unseen_accuracy import README
from unseen_report import HELD_OUT, SCORED, by_genre, load_unseen, markdown_table, measure

# genre → category → (precision, recall), as measured when the set was first scored.
FLOORS: dict[str, dict[str, tuple[float, float]]] = {
    "summary_record": {"statements": (0.95, 1.00), "speakers": (1.00, 1.00), "provisions": (1.00, 0.67),
                       "instruments": (1.00, 1.00), "date": (1.00, 0.88)},
    "concept_note": {"statements": (0.83, 0.77), "instruments": (1.00, 1.00), "date": (1.00, 0.50)},
    "seminar_summary": {"statements": (1.00, 1.00), "speakers": (0.88, 1.00), "instruments": (1.00, 0.00)},
    "online_discussion": {"statements": (1.00, 1.00), "speakers": (1.00, 1.00), "instruments": (1.00, 1.00)},
    "other": {"statements": (0.92, 0.92), "speakers": (0.50, 0.33), "provisions": (1.00, 0.00),
              "instruments": (1.00, 0.67), "date": (1.00, 0.50)},
    "all": {"statements": (0.94, 0.94), "speakers": (0.95, 0.95), "provisions": (1.00, 0.50),
            "instruments": (1.00, 0.80), "date": (1.00, 0.75)},
}


@pytest.fixture(scope="module")
def outcomes() -> list:
    return measure(load_unseen(HELD_OUT))


@pytest.mark.slow
def test_no_held_out_figure_falls(outcomes: list) -> None:
    fallen = []
    for genre, sums in by_genre(outcomes).items():
        for category in SCORED:
            floor = FLOORS[genre].get(category)
            tally = sums[category]
            if floor is None or tally.true_positives + tally.false_negatives + tally.false_positives == 0:
                continue
            now = (round(tally.precision, 2), round(tally.recall, 2))
            if now[0] < floor[0] or now[1] < floor[1]:
                fallen.append(f"{genre} {category}: P/R {now[0]:.2f}/{now[1]:.2f}, was {floor[0]:.2f}/{floor[1]:.2f}")
    assert not fallen, "\n".join(fallen)


@pytest.mark.slow
def test_the_readme_shows_the_held_out_figures(outcomes: list) -> None:
    assert markdown_table(outcomes) in README.read_text(encoding="utf-8"), \
        "README.md's held-out table is stale: paste `python tests/unseen_report.py --heldout --markdown`"
