"""Accuracy on documents the readers never saw: precision and recall per genre (issue 11, point 3).

``tests/fixtures/unseen/`` holds 38 real public documents — openings of 910–1,984 characters — of every
genre the pipeline reads and of a few it does not, each annotated by hand before any reader ran on it
(see its README).  This module builds them all with the pipeline's own steps (read, extract, to RDF;
SHACL validation is the build test's business), and scores what is published against the annotation
with the rules of :mod:`gold_report` (statements, speakers, provisions, instruments: matching, optional
and moot references, worst case), adding one category:

date
    the date of the meeting or event the document is about (the gold's ``meeting.date``, or any day of
    its ``meeting.period``), against the ``dcterms:date`` of the sessions the document ``mrkg:records``
    (a discussion thread's date is its question's, not a meeting's, and is left out).  A right date is a
    true positive; a date published where the gold has another or none is a false positive; a gold date
    not published is a false negative.

The table is per genre, the genre being the folder a document is filed in (``other`` holds genres no
genre reader handles, left to the general reader).  Run it to see the table and every disagreement::

    python tests/unseen_report.py            # the per-genre table
    python tests/unseen_report.py -v         # and every disagreement, document by document
    python tests/unseen_report.py --heldout  # the same on tests/fixtures/heldout/, which no reader was tuned on
"""
from __future__ import annotations

import datetime as dt
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from gold_report import (
    CATEGORIES, ID, MRKG, Comparison, GoldDocument, Tally, _rows, compare, load_gold, read_published, totals,
)

UNSEEN = Path(__file__).resolve().parent / "fixtures" / "unseen"
HELD_OUT = Path(__file__).resolve().parent / "fixtures" / "heldout"  # never looked at while a reader changes
ROOT = Path(__file__).resolve().parent.parent
GENRES = {
    "summary_record": "summary records",
    "concept_note": "concept notes",
    "seminar_summary": "seminar summaries",
    "online_discussion": "online discussions",
    "other": "other genres",
}
SCORED = (*CATEGORIES, "date")
READ_AS = {"SummaryRecord": "summary record reader", "ConceptNote": "concept note reader",
           "SeminarSummary": "seminar summary reader", "OnlineDiscussion": "discussion reader",
           "ProseDocument": "general reader"}


@dataclass
class UnseenDocument:
    genre: str  # the folder it is filed in
    gold: GoldDocument
    meeting_date: dt.date | None  # the meeting's or event's own date, never a page's
    period: tuple[dt.date, dt.date] | None  # "2006-06-28/2006-06-30": any day of it is right
    text: Path | None = None  # the document's words



@dataclass
class Outcome:
    """One document's comparison, with its date scored."""

    document: UnseenDocument
    comparison: Comparison
    date: Tally = field(default_factory=Tally)
    date_note: str = ""
    read_as: str = ""  # the document class it was published as: the reader that read it

    def tally(self, category: str) -> Tally:
        return self.date if category == "date" else self.comparison.tallies[category]


def load_unseen(folder: Path = UNSEEN) -> list[UnseenDocument]:
    documents = []
    for path in sorted(folder.glob("*/*.gold.yaml")):
        spec = yaml.safe_load(path.read_text(encoding="utf-8"))
        meeting = spec.get("meeting") or {}
        gold = load_gold(path, sources_dir=path.parent)
        documents.append(UnseenDocument(path.parent.name, gold, _date(meeting.get("date")),
                                        _period(meeting.get("period")), path.parent / gold.source))
    return documents


def _date(value: Any) -> dt.date | None:
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value)) if value else None
    except ValueError:
        return None


def _period(value: Any) -> tuple[dt.date, dt.date] | None:
    first, _, last = str(value or "").partition("/")
    start, end = _date(first), _date(last)
    return (start, end) if start and end else None


def pipeline_store(documents: list[UnseenDocument]) -> Any:
    """The graph the pipeline makes of the unseen texts, built together as one corpus."""
    from graph.settings import Settings
    from gold_report import store_from_pipeline

    with tempfile.TemporaryDirectory() as scratch:
        data = Path(scratch) / "data"
        (data / "sources").mkdir(parents=True)
        (data / "catalogue").symlink_to(ROOT / "data" / "catalogue")
        for document in documents:
            (data / "sources" / document.gold.source).symlink_to(document.text or UNSEEN / document.genre / document.gold.source)
        return store_from_pipeline(Settings.from_env(data_dir=data))


def published_dates(store: Any, stem: str) -> set[dt.date]:
    found = _rows(store, f"""
        SELECT ?date WHERE {{
          <{ID}document/{stem}> mrkg:records ?session . ?session <http://purl.org/dc/terms/date> ?date .
          FILTER NOT EXISTS {{ ?session a mrkg:DiscussionThread }}
          FILTER NOT EXISTS {{ ?session a mrkg:DiscussionSpace }}
        }}""")
    return {dt.date.fromisoformat(row["date"]) for row in found}


def score_date(document: UnseenDocument, dates: set[dt.date]) -> tuple[Tally, str]:
    def right(value: dt.date) -> bool:
        if document.period:
            return document.period[0] <= value <= document.period[1]
        return value == document.meeting_date

    tally = Tally()
    expected = document.meeting_date or (document.period[1] if document.period else None)
    hits = {value for value in dates if expected is not None and right(value)}
    tally.true_positives = 1 if hits else 0
    tally.false_negatives = 1 if expected is not None and not hits else 0
    tally.false_positives = len(dates - hits)
    shown = ", ".join(sorted(str(value) for value in dates)) or "none"
    note = "" if not tally.false_positives and not tally.false_negatives else \
        f"meeting date published {shown}; expected {expected or 'none'}"
    return tally, note


def measure(documents: list[UnseenDocument] | None = None) -> list[Outcome]:
    documents = documents if documents is not None else load_unseen()
    store = pipeline_store(documents)
    outcomes = []
    for document in documents:
        comparison = compare(document.gold, read_published(store, document.gold.stem))
        tally, note = score_date(document, published_dates(store, document.gold.stem))
        outcomes.append(Outcome(document, comparison, tally, note, published_kind(store, document.gold.stem)))
    return outcomes


def published_kind(store: Any, stem: str) -> str:
    kinds = {row["kind"].removeprefix(MRKG) for row in _rows(store, f"""
        SELECT ?kind WHERE {{ <{ID}document/{stem}> a ?kind }}""")}
    return next((kind for kind in sorted(kinds) if kind in READ_AS), "")


def readers(outcomes: list[Outcome]) -> str:
    """Which readers read the documents of a genre: "SummaryRecord 2, general 12"."""
    counts: dict[str, int] = {}
    for outcome in outcomes:
        name = READ_AS.get(outcome.read_as, outcome.read_as or "none")
        counts[name] = counts.get(name, 0) + 1
    return ", ".join(f"{name} {count}" for name, count in sorted(counts.items(), key=lambda item: -item[1]))


def by_genre(outcomes: list[Outcome]) -> dict[str, dict[str, Tally]]:
    """Tallies summed per genre (in the order of :data:`GENRES`) and over all documents ("all")."""
    result: dict[str, dict[str, Tally]] = {}
    for genre in [*GENRES, "all"]:
        chosen = [o for o in outcomes if genre in ("all", o.document.genre)]
        if not chosen:
            continue
        sums = totals([o.comparison for o in chosen])
        sums["date"] = Tally()
        for outcome in chosen:
            sums["date"].add(outcome.date)
        result[genre] = sums
    return result


def _chosen(outcomes: list[Outcome], genre: str) -> list[Outcome]:
    return [o for o in outcomes if genre in ("all", o.document.genre)]


def _cell(tally: Tally, width: int = 7) -> tuple[str, str]:
    """Precision and recall as printed; "–" where there was nothing to find and nothing was found."""
    if tally.true_positives + tally.false_positives + tally.false_negatives == 0:
        return f"{'–':>{width}}", f"{'–':>{width}}"
    return f"{tally.precision:>{width}.2f}", f"{tally.recall:>{width}.2f}"


def table(outcomes: list[Outcome]) -> str:
    """Precision and recall per genre and category (n: what the gold expects, counted)."""
    header = f"{'genre':<20}{'docs':>5}" + "".join(f"{c:>20}" for c in SCORED)
    lines = [header, f"{'':<25}" + "".join(f"{'P':>7}{'R':>7}{'n':>6}" for _ in SCORED)]
    for genre, sums in by_genre(outcomes).items():
        chosen = _chosen(outcomes, genre)
        cells = "".join("".join(_cell(t)) + f"{t.true_positives + t.false_negatives:>6}"
                        for t in (sums[c] for c in SCORED))
        lines.append(f"{GENRES.get(genre, genre):<20}{len(chosen):>5}{cells}   {readers(chosen)}")
    return "\n".join(lines)


def markdown_table(outcomes: list[Outcome]) -> str:
    """The same figures as a Markdown table, as the README prints them: precision / recall (n)."""
    lines = ["| genre | documents | read by | " + " | ".join(SCORED) + " |",
             "|---|---|---|" + "---|" * len(SCORED)]
    for genre, sums in by_genre(outcomes).items():
        chosen = _chosen(outcomes, genre)
        cells = " | ".join(f"{' / '.join(part.strip() for part in _cell(sums[c]))} "
                           f"({sums[c].true_positives + sums[c].false_negatives})" for c in SCORED)
        lines.append(f"| {GENRES.get(genre, genre)} | {len(chosen)} | {readers(chosen)} | {cells} |")
    return "\n".join(lines)


def disagreements(outcomes: list[Outcome]) -> str:
    lines = []
    for outcome in outcomes:
        wrong = [d for d in outcome.comparison.disagreements if d.category != "moot"]
        if outcome.date_note:
            lines.append(f"{outcome.document.gold.source} date: {outcome.date_note}")
        lines.extend(str(d) for d in wrong)
    return "\n".join(lines)


def main(argv: list[str]) -> int:
    outcomes = measure(load_unseen(HELD_OUT) if "--heldout" in argv else None)
    print(table(outcomes))
    if "--markdown" in argv:
        print()
        print(markdown_table(outcomes))
    if "-v" in argv:
        print()
        print(disagreements(outcomes))
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    sys.exit(main(sys.argv[1:]))
