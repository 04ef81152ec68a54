"""States, organizations and persons named inside a statement's words, not as its speaker (issue 13, point 3).

Each becomes one more ``mentioned_actors`` entry of the statement, with the words as
printed and their offsets, so it is resolved like any other mention (``graph.extract.actors``)
and written as a ``mrkg:Mention`` with ``mrkg:mentionsActor`` (``graph.to_rdf``).

What is looked for: the curated actors' names, aliases and official names
(``data/catalogue/actors.yaml``), and the persons the document itself names as speakers,
participants or otherwise, by the form it prints them in ("Mr. Flynn").  The rules are for
the genre of these texts, not for any file:

- a name matches on word boundaries (a hyphen joins words: "UN" is not found in "UN-Women");
- names are proper names and match as written, capitals included ("Chad", not "chad"); an
  acronym ("OHCHR", "IOM") only in capitals; a leading "the" is not part of the name;
- the longest name wins where names overlap ("United States of America" over "United States",
  "OAS General Assembly" over "General Assembly");
- no match inside a longer name the catalogue does not know: a name directly after or before
  another capitalised word ("New Mexico", "Mexico City") is left out, except after a sentence's
  first word or a form of address;
- words the reference extractor read as an instrument or a provision ("GCM" is the Global Compact,
  whatever organization also uses the acronym) are not an actor;
- the words of the speaker's own heading ("Ms. Méndez Escobar (Mexico) said"), and mentions the
  reader already made, are left out, and so is the statement's speaker or the actor it speaks for:
  those are "said by or for", not "mentioned in".

Demonyms ("Mexican authorities") are not matched: "Mexican" also names people and nationality,
not the State, and a safe rule for them needs more than a name list.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterable, Iterator

from graph.catalogue import Catalogue
from graph.content_keys import fold_as_listed
from graph.documents import Span
from graph.extract.actors import all_mentions
from graph.records import ActorKind, ActorMention, KnownActor, ParsedDocument, Statement

# A name stands alone: no letter, digit or hyphen joined to either end.
_BEFORE = r"(?<![\w\-‐])"
_AFTER = r"(?![\w\-‐]|’\w{2}|'\w{2})"  # "Mexico’s" is Mexico; "Mexicos" is not
_NEXT_CAPITALISED = re.compile(r" [A-Z][a-z]")
_WORD_BEFORE = re.compile(r"([A-Z][\w’'.\-]*) $")
_ADDRESS = re.compile(r"(?:Mr|Mrs|Ms|Dr|Prof|Professor|Ambassador|H\.E|Judge|Minister|President|Senator)\.?$")


@dataclass(frozen=True)
class _Name:
    text: str
    key: str | None  # a catalogue actor's key, or None for a person of the document
    mention: ActorMention  # the form a person is printed in (resolved like it), or the catalogue actor's


_SPACE = re.compile(r"\s")
_WORD_START = re.compile(r"(?<![\w\-‐])[A-Z0-9]")  # where a proper name can begin


class _Index:
    """Names by their first three characters, each with its own anchored pattern, the longest first: only the
    few names that begin like the word at hand are tried (a catalogue of a thousand names stays cheap)."""

    def __init__(self, names: dict[str, _Name]) -> None:
        self.names = names
        self.by_start: dict[str, list[tuple[re.Pattern[str], _Name]]] = {}
        for text in sorted(names, key=len, reverse=True):
            words = r"\s+".join(map(re.escape, text.split()))
            self.by_start.setdefault(text[:3], []).append((re.compile(words + _AFTER), names[text]))

    def at(self, text: str, position: int, end: int) -> tuple[Span, _Name] | None:
        """The longest name that stands at ``position``, if any."""
        opening = _SPACE.sub(" ", text[position:position + 3])  # "UN\nWomen" begins like "UN Women"
        for key in (opening, opening[:2]):
            for pattern, entry in self.by_start.get(key, ()):
                found = pattern.match(text, position, end)
                if found is not None:
                    return Span(position, found.end()), entry
        return None


@lru_cache(maxsize=4)
def _catalogue_names(known: tuple[KnownActor, ...]) -> _Index:
    """The catalogue's names, indexed once per catalogue, not once per document."""
    names: dict[str, _Name] = {}
    for actor in known:
        for name in (actor.label, *actor.aliases):
            text = re.sub(r"^the\s+", "", " ".join(name.split()), flags=re.I)
            if len(text) >= 2 and (text[0].isupper() or text[0].isdigit()):
                names.setdefault(text, _Name(text, actor.key, ActorMention(text, actor.kind)))
    return _Index(names)


class NamesInText:
    """The names one document's statements are searched for: the catalogue's, and the persons it prints."""

    def __init__(self, known: Iterable[KnownActor], document: ParsedDocument) -> None:
        self.catalogue = _catalogue_names(tuple(known))
        persons: dict[str, _Name] = {}
        for mention in all_mentions(document):
            label = " ".join(mention.label.split())
            if mention.kind is ActorKind.PERSON and _person_form(label) and label not in self.catalogue.names:
                persons.setdefault(label, _Name(label, None, mention))
        self.persons = _Index(persons)

    def find(self, text: str, span: Span) -> Iterator[tuple[Span, _Name]]:
        """Every name standing alone in ``text[span]``, the longest where they overlap, in text order."""
        found: list[tuple[Span, _Name]] = []
        for start in _WORD_START.finditer(text, span.start, span.end):
            for index in (self.catalogue, self.persons):
                hit = index.at(text, start.start(), span.end)
                if hit is not None and not _inside_longer_name(text, hit[0].start, hit[0].end, span.start):
                    found.append(hit)
        taken: list[Span] = []
        for where, entry in sorted(found, key=lambda pair: (pair[0].start, -len(pair[0]))):
            if not any(where.start < t.end and t.start < where.end for t in taken):
                taken.append(where)
                yield where, entry


def _person_form(label: str) -> bool:
    """A person's printed form worth looking for: two words at least ("Mr. Flynn", "Michael Flynn")."""
    return len(label.split()) >= 2 and label[0].isupper()


def _inside_longer_name(text: str, start: int, end: int, floor: int) -> bool:
    """The words are part of a longer proper name: a capitalised word joined after them, or before them
    where that word does not open a sentence and is not a form of address ("Mr.")."""
    if _NEXT_CAPITALISED.match(text, end):
        return True
    window = text[max(floor, start - 60):start]
    before = _WORD_BEFORE.search(window)
    if before is None or _ADDRESS.fullmatch(before.group(1)):
        return False
    ahead = window[:before.start()].rstrip(" *")
    return bool(ahead) and ahead[-1] not in ".!?:;\n\t(“\"'‘"


def find_actors_in_text(document: ParsedDocument, catalogue: Catalogue) -> None:
    """Add to each statement the actors its words name, other than its speaker and whom it speaks for."""
    names = NamesInText(catalogue.known_actors(), document)
    text = document.source.text
    for statement in document.statements:
        taken = _taken(statement, text)
        own = _own_keys(statement, catalogue)
        found: list[ActorMention] = []
        for where, entry in names.find(text, statement.span):
            if any(where.start < t.end and t.start < where.end for t in taken):
                continue
            if entry.key in own or (entry.key is None and _same_person(entry.mention, statement.speaker)):
                continue
            taken.append(where)
            found.append(ActorMention(text[where.start:where.end], entry.mention.kind, where,
                                      entry.mention.full_name))
        statement.mentioned_actors = sorted([*statement.mentioned_actors, *found],
                                            key=lambda m: m.span.start if m.span else 0)


def _taken(statement: Statement, text: str) -> list[Span]:
    """What is already someone's words: the speaker's heading and the reader's own mentions."""
    taken = [m.span for m in (statement.speaker, statement.on_behalf_of, *statement.mentioned_actors)
             if m is not None and m.span is not None]
    # Words that name an instrument or cite a provision ("the GCM", "ILO Convention No. 143") are not an actor.
    taken += [mention.span for mention in statement.mentions] + [citation.span for citation in statement.citations]
    if statement.speaker_as_printed:
        words = [re.escape(word) for word in statement.speaker_as_printed.split()]
        heading = re.compile(r"[\s*]*".join(words)).search(text, statement.span.start, statement.span.end)
        if heading is not None:
            taken.append(Span(heading.start(), heading.end()))
    return taken


def _own_keys(statement: Statement, catalogue: Catalogue) -> set[str | None]:
    """The catalogue keys of the statement's speaker and of whom it speaks for."""
    keys: set[str | None] = set()
    for mention in (statement.speaker, statement.on_behalf_of):
        if mention is None:
            continue
        for name in (mention.label, mention.full_name):
            known = catalogue.actor_named(name) if name else None
            if known is not None:
                keys.add(known.key)
    return keys


def _same_person(person: ActorMention, speaker: ActorMention | None) -> bool:
    return speaker is not None and fold_as_listed(person.label) == fold_as_listed(speaker.label)
