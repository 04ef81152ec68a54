"""How reports and notes introduce people, and one person per document.

Seminar summaries and concept notes introduce a person once in full — "Mr. Bacre
Waly Ndiaye, Director, Human Rights Council and Treaties Division, OHCHR, opened
the seminar" — and then by surname ("Mr. Ndiaye noted"), sometimes misspelt
("Mr. Rhus" for "Mr. Ruhs"):

* :func:`person_at` reads a form of address and a name at a position, and the
  descriptor that follows it up to the verb (what the descriptor says is read by
  :mod:`graph.parse.shared.affiliations`);
* :func:`looks_like_person` tells "Carlos Rodríguez" from "Latin America and the Caribbean";
* :class:`People` keeps one person per document, whatever form of the name is printed.

Nothing here knows any particular person, organization or document.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from graph.documents import Span
from graph.content_keys import fold
from graph.parse.shared.names import CONNECTORS, FORM_OF_ADDRESS, ORGANIZATION_WORDS, PARTICLES, capitalised

# Words of a title or office, which a person's name does not hold.
TITLE_WORDS = frozenset(
    "director officer defender adviser advisor specialist coordinator chief head minister secretary president"
    " chair chairperson chairman chairwoman professor researcher representative consultant expert commissioner"
    " rapporteur manager associate assistant counsellor counselor deputy senior junior programme policy legal"
    " regional executive general permanent lawyer advocate member delegate ambassador envoy moderator panelist"
    " panellist speaker".split()
)


@dataclass(frozen=True)
class PersonPhrase:
    """A person as introduced at one place: the name, and what is said of them there."""

    honorific: str | None
    name: str  # without the honorific: "Bacre Waly Ndiaye"
    label: Span  # honorific and name, as printed
    descriptor: Span | None = None  # "Director, …, OHCHR" or the "(Mexico)" after the name
    in_parentheses: bool = False


def _words(text: str, start: int, end: int) -> list[tuple[str, int, int]]:
    return [(m.group(), m.start(), m.end()) for m in re.finditer(r"\S+", text[:end]) if m.start() >= start]


def person_at(text: str, start: int, end: int, require_honorific: bool = True) -> PersonPhrase | None:
    """The person introduced at ``text[start:]`` ("Ms. Li Rosi", "Mr. X, Director, Y (Z) noted")."""
    honorific = FORM_OF_ADDRESS.match(text, start, end)
    if honorific is None and require_honorific:
        return None
    position = honorific.end() if honorific else start
    name_words: list[tuple[str, int, int]] = []
    stop_comma = False
    for word, w_start, w_end in _words(text, position, end):
        bare = word.rstrip(",;:.")
        if word.startswith("("):
            break
        if re.fullmatch(r"(?:[A-Z]\.-?){1,3}", word):  # an initial: "A." in "Ms. A. Uno", "J.-P."
            name_words.append((word, w_start, w_end))
            continue
        if capitalised(bare) and not (len(bare) > 1 and bare.isupper() and name_words):
            name_words.append((bare, w_start, w_start + len(bare)))
        elif bare.lower() in PARTICLES:
            name_words.append((bare, w_start, w_start + len(bare)))
            continue
        else:
            break
        if word != bare:
            stop_comma = word[len(bare):].startswith(",")
            break
    while name_words and not capitalised(name_words[-1][0]):
        name_words.pop()
    if not name_words or (honorific is None and len(name_words) < 2):
        return None
    label = Span(honorific.start() if honorific else name_words[0][1], name_words[-1][2])
    name = text[name_words[0][1]:name_words[-1][2]]
    after = label.end
    while after < end and text[after] in " \t":
        after += 1
    if after < end and text[after] == "(":
        close = text.find(")", after, end)
        nested = text.find("(", after + 1, end)
        while close != -1 and nested != -1 and nested < close:  # "(Office of … (OHCHR))"
            close = text.find(")", close + 1, end)
            nested = text.find("(", nested + 1, end)
        if close != -1:
            return PersonPhrase(honorific.group() if honorific else None, name, label,
                                Span(after + 1, close), in_parentheses=True)
    if stop_comma:
        descriptor = _descriptor(text, label.end + 1, end)
        return PersonPhrase(honorific.group() if honorific else None, name, label, descriptor)
    return PersonPhrase(honorific.group() if honorific else None, name, label)


def _descriptor(text: str, start: int, end: int) -> Span | None:
    """Capitalised words, acronyms and connectors up to the first other lower-case word (the verb)."""
    last = None
    depth = 0
    for word, _, w_end in _words(text, start, end):
        bare = word.strip(",;:.")
        depth += word.count("(") - word.count(")")
        if depth > 0 or capitalised(bare) or bare.lower() in CONNECTORS | {"in"} or not bare or word.startswith("("):
            if depth > 0 or not bare or capitalised(bare) or word.startswith("("):
                last = w_end  # a descriptor never ends on a connector: "…, OHCHR, in his remarks" stops at OHCHR
            continue
        break
    if last is None:
        return None
    while start < last and text[start] in " \t":
        start += 1
    while last > start and text[last - 1] in ",;: \t":
        last -= 1
    return Span(start, last) if last > start else None


def looks_like_person(name: str) -> bool:
    """"Carlos Rodríguez" yes; "Latin America and the Caribbean", "ILO", "United Nations" no."""
    honorific = FORM_OF_ADDRESS.match(name)
    words = name[honorific.end():].split() if honorific else name.split()
    if not 1 <= len(words) <= 5 or (not honorific and len(words) < 2):
        return False
    for word in words:
        bare = word.strip(",.")
        if {bare.lower(), bare.lower().rstrip("s")} & (ORGANIZATION_WORDS | TITLE_WORDS) or (len(bare) > 1 and bare.isupper()):
            return False
        if not capitalised(bare) and bare.lower() not in PARTICLES:
            return False
    return True


# --- one person per document ---------------------------------------------------------


def _edits(a: str, b: str) -> int:
    """Optimal string alignment distance (a transposition counts one): "rhus" ~ "ruhs"."""
    rows = [[i + j if i * j == 0 else 0 for j in range(len(b) + 1)] for i in range(len(a) + 1)]
    for i in range(1, len(a) + 1):
        for j in range(1, len(b) + 1):
            cost = a[i - 1] != b[j - 1]
            rows[i][j] = min(rows[i - 1][j] + 1, rows[i][j - 1] + 1, rows[i - 1][j - 1] + cost)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                rows[i][j] = min(rows[i][j], rows[i - 2][j - 2] + 1)
    return rows[-1][-1]


def _marks(name: str) -> int:
    return sum(not char.isascii() for char in name)


@dataclass
class People:
    """The people a document names, so that "Mr. Ndiaye" is "Mr. Bacre Waly Ndiaye" printed short."""

    full_names: list[str] = field(default_factory=list)

    def add(self, name: str) -> str:
        """Record a name as printed in full; returns the fullest known form of it."""
        known = self.resolve(name)
        if known and (len(known.split()), _marks(known)) >= (len(name.split()), _marks(name)):
            return known  # the fuller form, and the one with its accents ("Djajić", not "Djajic")
        if known:
            self.full_names.remove(known)
        self.full_names.append(name)
        return name

    def resolve(self, name: str) -> str | None:
        """The one known full name that ``name`` is a form of: the same words, its last words,
        or its surname with one slip of the pen (letters swapped, one letter wrong)."""
        wanted = fold(name).split()
        if not wanted:
            return None
        exact = [n for n in self.full_names if fold(n).split()[-len(wanted):] == wanted]
        if len(exact) == 1:
            return exact[0]
        if exact:
            return None
        surname = " ".join(wanted)
        near = [
            n for n in self.full_names
            if len(surname) >= 4 and any(
                _edits(" ".join(fold(n).split()[i:]), surname) <= 1 for i in range(1, len(n.split()))
            )
        ]
        return near[0] if len(near) == 1 else None
