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

from collections import Counter, defaultdict
from typing import Iterable, Iterator, Mapping, NamedTuple

from graph import content_keys
from graph.content_keys import bare_name, fold_without_the
from graph.parse.shared import names
from graph.records import Actor, ActorKind, ActorMention, KnownActor, ParsedDocument

# Forms of address before a name: "Ms. ", "H.E. Ambassador ".


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


class Printed(NamedTuple):
    """An actor as printed, as far as resolution reads it: every mention with these fields resolves alike.

    A build resolves actors across the whole corpus from these and their counts alone (issue 11,
    point 5: each source's are kept in ``var/`` beside it, so the corpus is never held in memory);
    ``group_of`` is the document's stem for a group, which is one actor per document.
    """

    label: str
    kind: ActorKind
    full_name: str | None
    group_of: str | None

    @classmethod
    def of(cls, mention: ActorMention, stem: str) -> "Printed":
        return cls(mention.label, mention.kind, mention.full_name,
                   stem if mention.kind is ActorKind.GROUP else None)


def printed_in(document: ParsedDocument) -> Counter[Printed]:
    """How often each printed form occurs in ``document``, in the order they first occur."""
    return Counter(Printed.of(mention, document.source.stem) for mention in all_mentions(document))


class ActorResolver:
    def __init__(self, known: Iterable[KnownActor]) -> None:
        self.actors: dict[str, Actor] = {}
        self.resolved: dict[Printed, tuple[str, ActorKind]] = {}
        self._known_by_name: dict[str, KnownActor] = {}
        for actor in known:
            for name in (actor.label, *actor.aliases):
                self._known_by_name.setdefault(fold_without_the(name), actor)

    def resolve(self, documents: list[ParsedDocument]) -> dict[str, Actor]:
        corpus: Counter[Printed] = Counter()
        for document in documents:
            corpus.update(printed_in(document))
        self.resolve_printed(corpus.items())
        for document in documents:
            apply_resolution(document, self.resolved)
        return self.actors

    def resolve_printed(self, printed: Iterable[tuple[Printed, int]]) -> dict[Printed, tuple[str, ActorKind]]:
        """Key (and kind) of every printed form, given in corpus order (documents in file order, each
        document's forms in the order they first occur) with how often each occurs."""
        persons: list[tuple[Printed, int]] = []
        for form, count in printed:
            known = self._catalogue_match(form)
            if known is not None:
                self._record(form, count, known.key, known.kind, known=known)
            elif form.kind is ActorKind.GROUP:
                self._record(form, count, f"{content_keys.slug(form.label)}-{form.group_of}", form.kind)
            elif form.kind is ActorKind.PERSON:
                persons.append((form, count))
            else:
                self._record(form, count, content_keys.slug(without_acronym(form.label)), form.kind)
        self._resolve_persons(persons)
        return self.resolved

    def _catalogue_match(self, form: Printed) -> KnownActor | None:
        if form.kind is ActorKind.PERSON:
            return None  # a person is never a catalogue organization, whatever the name
        candidates = [form.label, form.full_name or ""]
        acronym = trailing_acronym(form.label)
        if acronym:
            candidates += [acronym, without_acronym(form.label)]
        for name in candidates:
            known = self._known_by_name.get(fold_without_the(name)) if name else None
            if known is not None:
                return known
        return None

    def _resolve_persons(self, persons: list[tuple[Printed, int]]) -> None:
        full_names = {fold_without_the(bare_name(form.full_name or form.label)) for form, _ in persons}
        by_surname: dict[str, set[str]] = defaultdict(set)
        for name in full_names:
            words = name.split()
            for i in range(1, len(words)):
                by_surname[" ".join(words[i:])].add(name)
        for form, count in persons:
            name = fold_without_the(bare_name(form.full_name or form.label))
            longer = by_surname.get(name, set()) - {name}
            if len(longer) == 1:
                name = next(iter(longer))
            self._record(form, count, content_keys.slug(name), form.kind)

    def _record(self, form: Printed, count: int, key: str, kind: ActorKind,
                known: KnownActor | None = None) -> None:
        self.resolved[form] = (key, kind)
        actor = self.actors.get(key)
        if actor is None:
            actor = self.actors[key] = Actor(key, kind)
        actor.printed[form.label] += count
        if known is not None:
            actor.in_catalogue = True
            actor.catalogue_label = known.label
            actor.same_as = known.same_as


def apply_resolution(document: ParsedDocument, resolved: Mapping[Printed, tuple[str, ActorKind]]) -> None:
    """Fill ``key`` (and the kind, where the catalogue knows better) of every mention of ``document``."""
    mentions = list(all_mentions(document))  # one mention object can sit in two places: read every form first
    forms = [Printed.of(mention, document.source.stem) for mention in mentions]
    for mention, form in zip(mentions, forms):
        mention.key, mention.kind = resolved[form]


def resolve_actors(documents: list[ParsedDocument], known: Iterable[KnownActor]) -> dict[str, Actor]:
    """Fill ``key`` (and the kind, where the catalogue knows better) of every mention."""
    return ActorResolver(known).resolve(documents)
