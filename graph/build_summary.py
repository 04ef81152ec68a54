"""What a build did, for the person who ran it (``mrkg build``'s lines) and for ``build.json``."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any


@dataclass
class DocumentSummary:
    source: str
    genre: str
    statements: int
    citations: int
    mentions: int
    triples: int = 0
    reader: dict[str, object] = field(default_factory=dict)  # which reader read it, and why (its cues)
    read: bool = True  # read in this build; False when what it gave was kept from an earlier one


@dataclass
class Refusal:
    """A source a ``--keep-going`` build left out, and why (file and line, or the shapes' report)."""

    source: str
    reason: str


@dataclass
class BuildSummary:
    documents: list[DocumentSummary] = field(default_factory=list)
    actors: int = 0
    triples: int = 0
    entailed: int = 0
    violations: int = 0
    notes: list[str] = field(default_factory=list)
    seconds: float = 0.0
    release: Path | None = None
    refused: list[Refusal] = field(default_factory=list)
    unchanged: bool = False  # nothing changed since the current release, so nothing was published

    @property
    def statements(self) -> int:
        return sum(d.statements for d in self.documents)

    @property
    def read(self) -> list[str]:
        """The sources this build read (parsed); the others' records were kept from an earlier build."""
        return [d.source for d in self.documents if d.read]

    def as_record(self) -> dict[str, object]:
        return {
            "documents": [d.__dict__ for d in self.documents],
            "statements": self.statements,
            "actors": self.actors,
            "triples": self.triples,
            "entailed": self.entailed,
            "violations": self.violations,
            "refused": [r.__dict__ for r in self.refused],
            "notes": self.notes,
            "seconds": round(self.seconds, 3),
        }

    @classmethod
    def from_record(cls, record: dict[str, Any], release: Path) -> "BuildSummary":
        """The summary a release's ``build.json`` keeps (for a build that found nothing changed)."""
        documents = [DocumentSummary(**{**d, "read": False}) for d in record.get("documents", [])]
        refused = [Refusal(**r) for r in record.get("refused", [])]
        return cls(documents, int(record.get("actors", 0)), int(record.get("triples", 0)),
                   int(record.get("entailed", 0)), 0, list(record.get("notes", [])), 0.0, release,
                   refused, unchanged=True)
