"""One actor per real person, organization or State across all sources.

Parsers report actors as printed (:class:`~graph.records.ActorMention`).  This
step gives each mention a key, so that "Mr. Flynn" in one record and "Michael
Flynn" in another discussion become one person, "(Mexico)" becomes the State
of the catalogue, and "Office of the United Nations High Commissioner for
Human Rights (OHCHR)" becomes the catalogue's OHCHR.

Rules, in order:

1. A mention whose name (or the acronym in its trailing parenthesis) is a
   label or alias of a catalogue actor is that actor; the catalogue also
   decides its kind (this is how a parenthesis becomes a State).
2. A group ("Participants") is one actor per document: the participants of
   one seminar are not those of another.
3. A person is keyed by the fullest form of their name found in the corpus:
   a surname-only mention ("Mr. Flynn") joins the one person whose name ends
   with that surname, when exactly one does; otherwise it stays on its own.
4. Any other organization is keyed by its name without the acronym.

The labels as printed are kept: the most frequent printed form becomes
``rdfs:label``, the others ``skos:altLabel``.
"""
from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Iterable, Iterator, Protocol

from graph import content_keys
from graph.content_keys import fold_without_the
from graph.parse.shared import names
from graph.records import ActorKind, ActorMention, ParsedDocument

# Forms of address before a name: "Ms. ", "H.E. Ambassador ".
_HONORIFICS = re.compile(rf"^(?:{names.HONORIFIC}\.?\s+)+")


def _is_acronym(text: str) -> bool:
    letters = [ch for ch in text if ch.isalpha()]
    capitals = sum(ch.isupper() for ch in letters)
    # "OHCHR", "UN-Women", "CARAM" are acronyms; "Japan" and "Thailand" are not.
    leading_capitals = text[:2].isupper()
    return " " not in text.strip() and capitals >= 2 and (leading_capitals or capitals * 2 >= len(letters))


def without_acronym(label: str) -> str:
    """"Global Detention Project (GDP)" → "Global Detention Project"; other parentheses stay.

    Only an acronym-like parenthesis is dropped from a key: "Ministry of Labour (Japan)" and
    "Ministry of Labour (Thailand)" are two ministries.
    """
    name, inside = names.trailing_parenthesis(label)
    if inside is not None and _is_acronym(inside) and name.strip():
        return name.strip()
    return label


def trailing_acronym(label: str) -> str | None:
    inside = names.trailing_parenthesis(label)[1]
    return inside if inside is not None and _is_acronym(inside) else None


class KnownActorLike(Protocol):
    key: str
    kind: ActorKind
    label: str
    aliases: tuple[str, ...]
    same_as: tuple[str, ...]


@dataclass
class Actor:
    """An actor resolved across the corpus."""

    key: str
    kind: ActorKind
    printed: Counter[str] = field(default_factory=Counter)
    same_as: tuple[str, ...] = ()
    in_catalogue: bool = False
    catalogue_label: str | None = None

    @property
    def label(self) -> str:
        if self.catalogue_label:
            return self.catalogue_label
        if self.kind is ActorKind.PERSON:
            # The most complete printed form: "Mr. Bacre Waly Ndiaye" rather than "Mr. Ndiaye".
            return max(self.printed, key=lambda form: (len(bare_name(form).split()), self.printed[form], form))
        return max(self.printed.items(), key=lambda pair: (pair[1], len(pair[0]), pair[0]))[0]

    @property
    def alt_labels(self) -> list[str]:
        return sorted(form for form in self.printed if form != self.label)


def bare_name(label: str) -> str:
    """A person's name without honorifics, in reading order.

    "Ms. Hernández Paramo" → "Hernández Paramo"; "Van Loon, Hans" → "Hans Van Loon".
    """
    name = _HONORIFICS.sub("", label.strip()).strip()
    surname, comma, given = name.partition(",")
    if comma and given.strip() and "," not in given and len(given.split()) <= 3:
        name = f"{given.strip()} {surname.strip()}"
    return name


def all_mentions(document: ParsedDocument) -> Iterator[ActorMention]:
    """Every actor mention a parsed document holds, wherever it sits."""
    for mention in (document.author, document.body):
        if mention:
            yield mention
    for session in document.sessions:
        for mention in (session.organizer, session.posted_by):
            if mention:
                yield mention
    for statement in document.statements:
        for mention in (statement.speaker, statement.on_behalf_of, *statement.mentioned_actors):
            if mention:
                yield mention
    for participation in document.participations:
        yield participation.actor
        if participation.affiliation:
            yield participation.affiliation


class ActorResolver:
    def __init__(self, known: Iterable[KnownActorLike]) -> None:
        self.actors: dict[str, Actor] = {}
        self._known_by_name: dict[str, KnownActorLike] = {}
        for actor in known:
            for name in (actor.label, *actor.aliases):
                self._known_by_name.setdefault(fold_without_the(name), actor)

    def resolve(self, documents: list[ParsedDocument]) -> dict[str, Actor]:
        persons: list[ActorMention] = []
        for document in documents:
            for mention in all_mentions(document):
                known = self._catalogue_match(mention)
                if known is not None:
                    mention.kind = known.kind
                    self._record(mention, known.key, known=known)
                elif mention.kind is ActorKind.GROUP:
                    self._record(mention, f"{content_keys.slug(mention.label)}-{document.source.stem}")
                elif mention.kind is ActorKind.PERSON:
                    persons.append(mention)
                else:
                    self._record(mention, content_keys.slug(without_acronym(mention.label)))
        self._resolve_persons(persons)
        return self.actors

    def _catalogue_match(self, mention: ActorMention) -> KnownActorLike | None:
        candidates = [mention.label, mention.full_name or ""]
        acronym = trailing_acronym(mention.label)
        if acronym:
            candidates += [acronym, without_acronym(mention.label)]
        if mention.kind is ActorKind.PERSON:
            # A person is never a catalogue organization, whatever the name.
            candidates = []
        for name in candidates:
            known = self._known_by_name.get(fold_without_the(name)) if name else None
            if known is not None:
                return known
        return None

    def _resolve_persons(self, persons: list[ActorMention]) -> None:
        full_names = {fold_without_the(bare_name(m.full_name or m.label)) for m in persons}
        by_surname: dict[str, set[str]] = defaultdict(set)
        for name in full_names:
            words = name.split()
            for i in range(1, len(words)):
                by_surname[" ".join(words[i:])].add(name)
        for mention in persons:
            name = fold_without_the(bare_name(mention.full_name or mention.label))
            longer = by_surname.get(name, set()) - {name}
            if len(longer) == 1:
                name = next(iter(longer))
            self._record(mention, content_keys.slug(name))

    def _record(self, mention: ActorMention, key: str, known: KnownActorLike | None = None) -> None:
        mention.key = key
        actor = self.actors.get(key)
        if actor is None:
            actor = self.actors[key] = Actor(key, mention.kind)
        actor.printed[mention.label] += 1
        if known is not None:
            actor.in_catalogue = True
            actor.catalogue_label = known.label
            actor.same_as = known.same_as


def resolve_actors(documents: list[ParsedDocument], known: Iterable[KnownActorLike]) -> dict[str, Actor]:
    """Fill ``key`` (and the kind, where the catalogue knows better) of every mention."""
    return ActorResolver(known).resolve(documents)
