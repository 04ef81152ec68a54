"""What one document names that other documents can name too, kept small enough for a corpus.

The cross-document graphs (``graph.actors_graph``, ``graph.sessions_graph``) and the
resolution of actors across documents (``graph.extract.actors``) need little of a document:
its sessions and participations, who spoke in what role and for whom, and how each actor is
printed and how often.  A build keeps this record for every source in ``var/`` (issue 11,
point 5), so those steps run over 5,000 small records instead of 5,000 documents held in
memory, and a source that did not change is not read again to take part in them.

A record has the attributes of a :class:`~graph.records.ParsedDocument` that those steps
read (``source``, ``body``, ``sessions``, ``participations``, ``statements``), so they take
either.
"""
from __future__ import annotations

import copy
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from graph.documents import Source
from graph.extract.actors import Printed, printed_in
from graph.records import ActorKind, ActorMention, ParsedDocument, Participation, Session


@dataclass
class Spoken:
    """Who spoke, in what role and for whom: what a membership is made of (``graph.actors_graph``)."""

    speaker: ActorMention | None
    role: str | None
    on_behalf_of: ActorMention | None


@dataclass
class SharedNames:
    """One document's account of the sessions, participations and actors several documents can name."""

    source: Source  # name and stem only: the text stays in the document's own graph
    body: ActorMention | None
    sessions: list[Session]
    participations: list[Participation]
    statements: list[Spoken]  # each distinct (speaker, role, on behalf of) once
    printed: list[tuple[Printed, int]] = field(default_factory=list)  # in the order first printed

    @classmethod
    def of(cls, document: ParsedDocument) -> "SharedNames":
        spoken: dict[tuple[object, ...], Spoken] = {}
        for statement in document.statements:
            key = (_form(statement.speaker, document), statement.role, _form(statement.on_behalf_of, document))
            spoken.setdefault(key, Spoken(statement.speaker, statement.role, statement.on_behalf_of))
        # A copy: resolving the record's mentions leaves the document's as its reader printed them.
        return copy.deepcopy(cls(Source(Path(document.source.name), ""), document.body, list(document.sessions),
                                 list(document.participations), list(spoken.values()),
                                 list(printed_in(document).items())))

    def apply(self, resolved: Mapping[Printed, tuple[str, ActorKind]]) -> None:
        """Give every actor mention its key across the corpus (as ``graph.extract.actors.apply_resolution``)."""
        stem = self.source.stem
        mentions = [m for m in self.mentions() if m is not None]
        forms = [Printed.of(mention, stem) for mention in mentions]
        for mention, form in zip(mentions, forms):
            mention.key, mention.kind = resolved[form]

    def mentions(self) -> list[ActorMention | None]:
        """Every actor mention the record holds (None where a document has none)."""
        found: list[ActorMention | None] = [self.body]
        for session in self.sessions:
            found += [session.organizer, session.posted_by]
        for spoken in self.statements:
            found += [spoken.speaker, spoken.on_behalf_of]
        for participation in self.participations:
            found += [participation.actor, participation.affiliation]
        return found


def _form(mention: ActorMention | None, document: ParsedDocument) -> Printed | None:
    return Printed.of(mention, document.source.stem) if mention is not None else None
