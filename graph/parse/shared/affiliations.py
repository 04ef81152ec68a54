"""What a person's descriptor says: their position and the organization they belong to.

"Director, Human Rights Council and Treaties Division, OHCHR" is a position and an
affiliation; "Centre on Migration, Policy and Society (COMPAS), University of Oxford"
is one affiliation with commas of its own; "Chief of the Labour Migration Branch of
the ILO" names the organization inside the position.  An acronym stands for the
name printed before it in parentheses ("… (OHCHR)"), whose initials spell it.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from graph.parse.shared.names import CONNECTORS, capitalised


def split_top_level(text: str, separator: str = ",") -> list[tuple[str, int]]:
    """Parts of ``text`` between separators outside parentheses, each with its offset, trimmed."""
    parts, depth, begin = [], 0, 0
    for index, char in enumerate(text + separator):
        if char == "(":
            depth += 1
        elif char == ")":
            depth = max(0, depth - 1)
        elif char == separator and depth == 0 and (index == len(text) or text[index:index + 1] == separator):
            piece = text[begin:index]
            stripped = piece.strip()
            if stripped:
                parts.append((stripped, begin + piece.index(stripped)))
            begin = index + 1
    return parts


_ACRONYM_IN_PARENS = re.compile(r"\(([A-Z][A-Za-z&./\- ]*[A-Z][A-Za-z]*)\)\s*$")


@dataclass(frozen=True)
class Described:
    """What a descriptor says: a position and an affiliation, each as printed (offsets in the descriptor)."""

    position: str | None
    affiliation: str | None
    affiliation_offset: int = 0


def split_descriptor(descriptor: str) -> Described:
    """Position and affiliation of "Title, [Unit, ]Organization": the organization is the last part,
    or the name that carries an acronym in parentheses ("Centre on Migration, Policy and Society
    (COMPAS), University of Oxford"); a single part yields the organization after "of"/"for"."""
    parts = split_top_level(descriptor)
    if not parts:
        return Described(None, None)
    if len(parts) == 1:
        return _single_part(descriptor.strip(), parts[0][1])
    first_org = len(parts) - 1
    for index in range(len(parts) - 1, 0, -1):
        acronym = _ACRONYM_IN_PARENS.search(parts[index][0])
        if acronym:
            first_org = index
            letters = acronym[1].split()[0]
            name = _ACRONYM_IN_PARENS.sub("", parts[index][0])
            while first_org > 1 and _spells(", ".join([*(p for p, _ in parts[first_org - 1:index]), name]), letters):
                first_org -= 1
            break
    position = descriptor[: parts[first_org - 1][1] + len(parts[first_org - 1][0])].strip()
    offset = parts[first_org][1]
    affiliation = descriptor[offset:].strip().rstrip(".")
    the = re.match(r"the\s+", affiliation)
    if the:
        affiliation, offset = affiliation[the.end():], offset + the.end()
    return Described(position, affiliation, offset)


_OF_ORGANIZATION = re.compile(
    r"\b(?:of|for|at|with)\s+(?:the\s+)?((?:[A-Z][\w’'&.\-]*)(?:\s+(?:(?:of|the|for|on|and|&)\s+)*[A-Z][\w’'&.\-]*)*)"
)


def _single_part(part: str, offset: int) -> Described:
    """"Chair of the Committee on Migration Issues (CAM)" → that committee; "ILO Regional Director
    for Latin America", "Chief of the Labour Migration Branch of the ILO" → "ILO"."""
    organization = _OF_ORGANIZATION.search(part)
    if organization:
        acronym = re.match(r"\s*\([A-Z][\w&\- ]*\)", part[organization.end(1):])
        if acronym:
            return Described(part, part[organization.start(1):organization.end(1) + acronym.end()],
                             offset + organization.start(1))
    acronym = re.search(r"\b[A-Z][A-Z&]{1,9}\b", part)
    if acronym:
        return Described(part, acronym.group(), offset + acronym.start())
    if organization:
        return Described(part, organization[1], offset + organization.start(1))
    return Described(part, None)


def _spells(name: str, acronym: str) -> bool:
    """Whether the initials of ``name``'s words (connectors optional) spell ``acronym``, all of them."""
    words = re.findall(r"[^\W_][\w’'\-]*", name)
    letters = [c.lower() for c in acronym if c.isalpha()]

    def match(word: int, letter: int) -> bool:
        if letter == len(letters):
            return all(w.lower() in CONNECTORS for w in words[word:])
        if word == len(words):
            return False
        current = words[word]
        if current[0].lower() == letters[letter] and match(word + 1, letter + 1):
            return True
        return current.lower() in CONNECTORS and match(word + 1, letter)

    return bool(words) and match(0, 0)


def expand_acronym(text: str, acronym: str) -> str | None:
    """The name printed before "(ACRONYM)" in ``text`` whose initials spell it, if any."""
    letters = acronym.split()[0]
    for match in re.finditer(r"\(\s*" + re.escape(acronym) + r"\s*\)", text):
        window = text[max(0, match.start() - 300):match.start()]
        window = re.split(r"[.;:\n]\s", window)[-1]
        words = list(re.finditer(r"\S+", window))
        for first in range(len(words) - 1, -1, -1):
            candidate = window[words[first].start():].strip().rstrip(",")
            if capitalised(words[first].group()) and _spells(candidate, letters):
                return candidate
    return None
