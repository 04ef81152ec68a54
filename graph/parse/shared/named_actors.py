"""Persons and organizations a paragraph names, whoever speaks in it.

Two printed forms are read, as any reader of UN and OAS prose would read them:

* a person under a form of address: "Ms. Louise Arbour", "His Excellency Mr. Jürg Lauber",
  "Ambassador Hachani" (the name, not the title that may follow it);
* an organization by its proper name ending in (or built on) a word that names a body —
  Office, Division, Committee, Council, Assembly, Organization, Network … — with the acronym
  it may carry: "the Economic Commission for Africa (ECA)", "United Nations Population
  Division", "the Human Rights Council"; an acronym the document has spelled out before
  ("(OHCHR)" … "OHCHR") names the same body.

Names of instruments ("International Convention on …", "Council resolution 16/21") and days
("International Migrants Day") are not actors.  Who an organization is across documents (a
State, a catalogue actor) is decided later by :mod:`graph.extract.actors`.
"""
from __future__ import annotations

import re

from graph.documents import Span
from graph.parse.shared.mentions import Mentions
from graph.parse.shared.names import FORM_OF_ADDRESS
from graph.parse.shared.people import person_at
from graph.records import ActorMention

# Words that make a capitalised phrase the name of a body.
_BODY_HEADS = frozenset(
    """office organization organisation department division programme program institute university commission
    committee council assembly bank fund agency ministry secretariat union association foundation federation
    alliance confederation coalition league network platform group unit branch section service court mission
    government parliament nations board body""".split()
)
# Words that make it something else: an instrument, a resolution, a day, a document.
_NOT_ACTORS = frozenset(
    """convention covenant compact declaration protocol agenda resolution resolutions charter treaty guidelines
    principles report reports comment recommendation recommendations goals day days framework plan strategy
    decision rules procedure member secretary-general president director chair chairperson commissioner
    rapporteur representative ambassador minister""".split()
)
# Capitalised words that open a sentence or a phrase without being part of the name after them.
_OPENERS = frozenset(
    """the a an according other several prior following as in on for to by with from at this these those its their
    his her our all both each many some under during after before since""".split()
)
_NAME = re.compile(
    r"(?:(?<=\bthe\s)|(?<=^)|(?<=[\s(“\"]))(?P<name>[A-Z][\w’'\-]*(?:\s+(?:(?:of|for|on|and|the|in|to)\s+)*"
    r"[A-Z][\w’'\-]*)*)(?P<acronym>\s+\([A-Z][A-Za-z\-&]*[A-Z]\))?"
)
_ACRONYM = re.compile(r"\b[A-Z][A-Z\-&]{1,9}\b")


def named_actors(plain: str, span: Span, mentions: Mentions, leave_out: Span | None = None) -> list[ActorMention]:
    """The persons and organizations named in ``plain[span]`` (not the words in ``leave_out``), in text order."""
    found: list[ActorMention] = []
    taken: list[Span] = [leave_out] if leave_out else []
    for match in FORM_OF_ADDRESS.finditer(plain, span.start, span.end):
        phrase = person_at(plain, match.start(), span.end)
        if phrase is None or _overlaps(phrase.label, taken):
            continue
        taken.append(phrase.label)
        found.append(mentions.person(phrase, in_full=phrase.descriptor is not None))
    defined: set[str] = set()
    for match in _NAME.finditer(plain, span.start, span.end):
        for where, acronym in _names_in(plain, match):
            lower = [word.lower().strip("’'") for word in plain[where.start:where.end].split()]
            if len(lower) < 2 or not _BODY_HEADS & set(lower) or _NOT_ACTORS & set(lower) or _overlaps(where, taken):
                continue
            taken.append(where)
            if acronym:
                defined.add(acronym)
            found.append(mentions.organization(where))
    for match in _ACRONYM.finditer(plain, span.start, span.end):
        where = Span(match.start(), match.end())
        known = match.group() in defined or mentions.organization(where).full_name is not None
        if known and not _overlaps(where, taken):
            taken.append(where)
            found.append(mentions.organization(where))
    return sorted(found, key=lambda mention: mention.span.start if mention.span else 0)


def _names_in(plain: str, match: re.Match[str]) -> list[tuple[Span, str | None]]:
    """The names a run of capitalised words holds: without a sentence's opening words ("According to
    OAS …"), cut where "and the" joins two names; the acronym printed after it goes with the last."""
    start, end = match.start("name"), match.end("name")
    while True:
        opener = re.match(r"([A-Z][a-z]+)\s+", plain[start:end])
        if opener is None or opener.group(1).lower() not in _OPENERS:
            break
        start += opener.end()
        while plain[start:start + 1].islower():  # "According to OAS": the lower-case words after it too
            start = plain.index(" ", start, end) + 1 if " " in plain[start:end] else end
    pieces = []
    cursor = start
    for joint in re.finditer(r"\s+and\s+the\s+", plain[start:end]):
        pieces.append(Span(cursor, start + joint.start()))
        cursor = start + joint.end()
    pieces.append(Span(cursor, match.end("acronym") if match["acronym"] else end))
    acronym = match["acronym"].strip(" ()") if match["acronym"] else None
    return [(piece, acronym if index == len(pieces) - 1 else None) for index, piece in enumerate(pieces)
            if piece.end > piece.start]


def _overlaps(span: Span, taken: list[Span]) -> bool:
    return any(span.start < other.end and other.start < span.end for other in taken)
