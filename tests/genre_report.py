"""Which reader takes which text: the confusion matrix of genre detection.

Three sets of texts, each with the genre a person gives it:

unseen
    the 38 real documents of ``tests/fixtures/unseen/`` (openings of 910–1,984 characters), by the folder
    they are filed in; those filed under ``other`` are of no genre a genre reader handles, and should go to
    the general reader (``ProseDocument``);
openings
    the first 1,500 and the first 2,000 characters (cut at a line end) of the five sources and of every text
    in the genre folders of ``tests/fixtures/``: detection must work on a short opening as on a long text;
whole
    the same texts in full.

Run it to see the matrix and every text detected wrongly, with the cues behind the choice::

    python tests/genre_report.py
"""
from __future__ import annotations

import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from graph.documents import Source  # noqa: E402
from graph.errors import SourceError  # noqa: E402

UNSEEN = ROOT / "tests" / "fixtures" / "unseen"
SOURCES = ROOT / "data" / "sources"
FIXTURES = ROOT / "tests" / "fixtures"
GENRES = {
    "summary_record": "SummaryRecord",
    "concept_note": "ConceptNote",
    "seminar_summary": "SeminarSummary",
    "online_discussion": "OnlineDiscussion",
    "discussion_forum": "OnlineDiscussion",
    "other": "ProseDocument",
}
SOURCE_GENRES = {"000": "SummaryRecord", "001": "SummaryRecord", "002": "ConceptNote", "003": "SeminarSummary",
                 "004": "OnlineDiscussion"}
OPENINGS = (1500, 2000)
REFUSED = "refused"


@dataclass(frozen=True)
class Detection:
    name: str
    expected: str
    detected: str
    why: str

    @property
    def right(self) -> bool:
        return self.expected == self.detected


def opening(text: str, limit: int) -> str:
    """The first ``limit`` characters, cut after the last complete line."""
    if len(text) <= limit:
        return text
    return text[: text.rfind("\n", 0, limit) + 1]


def detect(name: str, text: str, expected: str) -> Detection:
    source = Source(Path(name), text)
    try:
        from graph.sources import choose_reader
    except ImportError:  # a checkout from before the general reader: genre readers only
        return _detect_genres_only(name, source, expected)
    try:
        reading = choose_reader(source)
    except SourceError as error:
        return Detection(name, expected, REFUSED, error.message)
    return Detection(name, expected, reading.kind, reading.why)


def _detect_genres_only(name: str, source: Source, expected: str) -> Detection:
    from graph.sources import reader_for

    try:
        return Detection(name, expected, str(reader_for(source).kind), "")
    except SourceError as error:
        return Detection(name, expected, REFUSED, error.message)


def unseen() -> list[Detection]:
    return [detect(f"{path.parent.name}/{path.name}", path.read_text(encoding="utf-8"), GENRES[path.parent.name])
            for path in sorted(UNSEEN.glob("*/*.txt"))]


def _known_texts() -> list[tuple[str, str, str]]:
    texts = [(path.name, path.read_text(encoding="utf-8"), SOURCE_GENRES[path.name[:3]])
             for path in sorted(SOURCES.glob("*.txt"))]
    for folder in ("summary_record", "concept_note", "seminar_summary", "discussion_forum"):
        texts += [(f"{folder}/{path.name}", path.read_text(encoding="utf-8"), GENRES[folder])
                  for path in sorted((FIXTURES / folder).glob("*.txt"))]
    return texts


def openings() -> list[Detection]:
    return [detect(f"{name} [first {limit}]", opening(text, limit), genre)
            for name, text, genre in _known_texts() for limit in OPENINGS]


def whole() -> list[Detection]:
    return [detect(name, text, genre) for name, text, genre in _known_texts()]


def matrix(detections: list[Detection]) -> str:
    """Rows: the genre a person gives the text; columns: the reader that takes it."""
    labels = [g for g in dict.fromkeys(GENRES.values())]
    columns = labels + [REFUSED]
    counts = Counter((d.expected, d.detected) for d in detections)
    width = max(len(c) for c in columns) + 1
    lines = [f"{'given / read as':<18}" + "".join(f"{c:>{width}}" for c in columns)]
    for label in labels:
        if any(d.expected == label for d in detections):
            lines.append(f"{label:<18}" + "".join(f"{counts[label, c] or '.':>{width}}" for c in columns))
    right = sum(d.right for d in detections)
    lines.append(f"right: {right} of {len(detections)}")
    return "\n".join(lines)


def report() -> str:
    parts = []
    for title, detections in (("unseen documents", unseen()), ("openings of known texts", openings()),
                              ("known texts in full", whole())):
        parts += [f"== {title}", matrix(detections)]
        parts += [f"  wrong: {d.name}: {d.expected} read as {d.detected} — {d.why}" for d in detections if not d.right]
        parts.append("")
    return "\n".join(parts)


if __name__ == "__main__":
    print(report())
