"""Actor mentions made from what one document prints.

A document names a person in full once and by surname after ("Mr. Bacre Waly
Ndiaye" … "Mr. Ndiaye"), and an organization by its name once and by its acronym
after ("… (OHCHR)" … "OHCHR").  :class:`Mentions` keeps what the document has
said so far, so that each :class:`~graph.records.ActorMention` carries the label
as printed *and* the fuller form (``full_name``) the document gives elsewhere.
"""
from __future__ import annotations

import re

from graph.documents import Source, Span
from graph.parse.shared.affiliations import expand_acronym, split_descriptor
from graph.parse.shared.people import People, PersonPhrase
from graph.records import ActorKind, ActorMention

_ACRONYM = re.compile(r"[A-Z][A-Za-z&]*[A-Z](?:\s\w+)?")


class Mentions:
    """Makes mentions for one source; ``plain`` is its text with markup blanked out (same offsets)."""

    def __init__(self, source: Source, plain: str) -> None:
        self.source = source
        self.plain = plain
        self.people = People()

    def person(self, phrase: PersonPhrase, in_full: bool = False) -> ActorMention:
        """The person as printed here.  A full name is remembered where it is introduced: with a
        title after it, or (``in_full``) in a list of participants."""
        if len(phrase.name.split()) >= 2 and (phrase.descriptor is not None or in_full):
            full = self.people.add(phrase.name)
        else:
            full = self.people.resolve(phrase.name) or phrase.name
        return ActorMention(self.source.quote(phrase.label), ActorKind.PERSON, phrase.label, full_name=full)

    def organization(self, span: Span) -> ActorMention:
        """An organization (or, for all a reader can tell, a State) as printed at ``span``."""
        label = " ".join(self.source.quote(span).split())
        full = expand_acronym(self.plain, label) if _ACRONYM.fullmatch(label) else None
        return ActorMention(label, ActorKind.ORGANIZATION, span, full_name=full)

    def described(self, phrase: PersonPhrase) -> tuple[ActorMention | None, str | None]:
        """The affiliation and position a person is introduced with: "Director, X Division, OHCHR"
        → (OHCHR, "Director, X Division"); "(Mexico)" → (Mexico, None)."""
        if phrase.descriptor is None:
            return None, None
        if phrase.in_parentheses:
            return self.organization(phrase.descriptor), None
        described = split_descriptor(self.plain[phrase.descriptor.start:phrase.descriptor.end])
        position = " ".join(described.position.split()) if described.position else None
        if not described.affiliation:
            return None, position
        start = phrase.descriptor.start + described.affiliation_offset
        return self.organization(Span(start, start + len(described.affiliation))), position


def introduced(phrase: PersonPhrase) -> Span:
    """The person as introduced: name, then title and organization, or the "(State)" after it."""
    if phrase.descriptor is None:
        return phrase.label
    return Span(phrase.label.start, phrase.descriptor.end + (1 if phrase.in_parentheses else 0))
