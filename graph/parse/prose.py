"""How reports and notes print people, organizations, dates and lists.

Seminar summaries and concept notes introduce a person once in full — "Mr. Bacre
Waly Ndiaye, Director, Human Rights Council and Treaties Division, OHCHR, opened
the seminar" — and then by surname ("Mr. Ndiaye noted"), sometimes misspelt
("Mr. Rhus" for "Mr. Ruhs").  The functions here read those conventions:

* :func:`person_at` — an honorific and a name at a position, and the descriptor
  that follows it up to the verb;
* :func:`split_descriptor` — "Director, Human Rights Council and Treaties Division,
  OHCHR" → position "Director, Human Rights Council and Treaties Division",
  affiliation "OHCHR";
* :func:`expand_acronym` — "OHCHR" → the name printed before "(OHCHR)";
* :class:`People` — one person per document, whatever form of the name is printed;
* :func:`find_date`, :func:`blank`, :func:`clean_lines` — dates as printed, and
  text with markup removed while offsets stay those of the source.

Nothing here knows any particular person, organization or document.
"""
from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass, field
from typing import Iterable

from graph.documents import Span

# --- text ----------------------------------------------------------------------------

# Lines that end a sentence or a list entry; a line without one runs on (or is a heading).
TERMINAL = tuple(".!?:;")
CLOSING_QUOTES = "”\"’')]"
# Conversion markup that is not text: bookmarks, images, emphasis markers.
MARKUP = re.compile(r"\[(?:bookmark|image):[^\]\n]*\]|\*\*|__|(?<![\w*])\*(?=\S)|(?<=\S)\*(?![\w*])")


def line_spans(text: str, start: int = 0, end: int | None = None) -> list[Span]:
    """The lines of ``text[start:end]``, without their line breaks (a trailing ``\\r`` included)."""
    stop = len(text) if end is None else end
    spans, position = [], start
    while position <= stop:
        newline = text.find("\n", position, stop)
        line_end = stop if newline == -1 else newline
        spans.append(Span(position, line_end))
        position = line_end + 1
    return spans


def blank(text: str, spans: Iterable[Span]) -> str:
    """``text`` with each span's characters replaced by spaces (line breaks kept), so
    offsets and line numbers stay those of ``text``."""
    chars = list(text)
    for span in spans:
        for index in range(span.start, span.end):
            if chars[index] != "\n":
                chars[index] = " "
    return "".join(chars)


def markup_spans(text: str) -> list[Span]:
    return [Span(m.start(), m.end()) for m in MARKUP.finditer(text)]


def byte_order_mark(text: str) -> list[Span]:
    """The BOM a file may start with: not text, and not white space to ``str.strip`` either."""
    return [Span(0, 1)] if text.startswith("\ufeff") else []


def clean_lines(text: str) -> str:
    """Each line with its whitespace runs made single spaces; blank lines dropped."""
    return "\n".join(" ".join(line.split()) for line in text.splitlines() if line.strip())


def ends_sentence(text: str) -> bool:
    stripped = text.rstrip().rstrip(CLOSING_QUOTES).rstrip()
    return stripped.endswith(TERMINAL)


def fold(text: str) -> str:
    """Comparison form of a name: no accents, no case, single spaces."""
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return " ".join(plain.casefold().split())


# --- dates ---------------------------------------------------------------------------

MONTHS = {
    name: number
    for number, names in enumerate(
        [("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"), ("may",),
         ("june", "jun"), ("july", "jul"), ("august", "aug"), ("september", "sept", "sep"),
         ("october", "oct"), ("november", "nov"), ("december", "dec")],
        start=1,
    )
    for name in names
}
_MONTH = r"(?P<month>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_DAY_RANGE = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?(?:\s*(?:-|–|and|to)\s*\d{1,2}(?:st|nd|rd|th)?)?"
_DATES = (
    re.compile(r"\b" + _DAY_RANGE + r"\s+" + _MONTH + r",?\s+(?P<year>\d{4})\b", re.I),  # 8 October 2009
    re.compile(r"\b" + _MONTH + r"\s+" + _DAY_RANGE + r",?\s+(?P<year>\d{4})\b", re.I),  # October 8, 2009
    re.compile(r"\b(?P<year>\d{4})-(?P<month>\d{2})-(?P<day>\d{2})\b"),  # 2009-10-08
)


@dataclass(frozen=True)
class DateFound:
    value: dt.date
    start: int
    end: int


def find_date(text: str) -> DateFound | None:
    """The first calendar date printed in ``text``; for a range ("8-9 October"), its first day."""
    best: DateFound | None = None
    for form in _DATES:
        for match in form.finditer(text):
            month = match["month"]
            number = int(month) if month.isdigit() else MONTHS[month.lower()]
            try:
                value = dt.date(int(match["year"]), number, int(match["day"]))
            except ValueError:
                continue
            if best is None or match.start() < best.start:
                best = DateFound(value, match.start(), match.end())
            break
    return best


ORDINALS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
    "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12,
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "i": 1, "ii": 2, "iii": 3, "iv": 4, "v": 5, "vi": 6, "vii": 7,
    "viii": 8, "ix": 9, "x": 10,
}


def number_of(word: str) -> int | None:
    """3 for "3", "3rd", "THIRD", "three" or "III"."""
    word = word.strip().lower()
    digits = re.fullmatch(r"(\d+)(?:st|nd|rd|th)?", word)
    return int(digits[1]) if digits else ORDINALS.get(word)


# --- names ---------------------------------------------------------------------------

HONORIFIC = re.compile(
    r"(?:(?:Mr|Mrs|Ms|Mmes?|Messrs|Dr|Prof|Rev|Hon|Sr|Sra)\.?|Miss|Professor|Ambassador|Judge|Justice"
    r"|Sir|Dame|Father|Sister|Senator|H\.\s?E\.|His Excellency|Her Excellency)(?=\s)"
)
# Lower-case words that occur inside names of people and organizations.
CONNECTORS = frozenset(
    "of the and for on at to de del della der des di du da dos la le van von y et & their its with a an"
    " bin ibn al el".split()
)
# Words of a title or office, which a person's name does not hold.
TITLE_WORDS = frozenset(
    "director officer defender adviser advisor specialist coordinator chief head minister secretary president"
    " chair chairperson chairman chairwoman professor researcher representative consultant expert commissioner"
    " rapporteur manager associate assistant counsellor counselor deputy senior junior programme policy legal"
    " regional executive general permanent lawyer advocate member delegate ambassador envoy moderator panelist"
    " panellist speaker".split()
)
# Words that make a capitalised phrase an organization or a place rather than a person.
ORGANIZATION_WORDS = frozenset(
    "office organization organisation department division programme program institute university"
    " commission committee council bank fund agency ministry secretariat union association foundation"
    " centre center network forum group unit branch section service court nations states society"
    " federation alliance coalition mission caribbean america americas europe africa asia pacific"
    " region government republic kingdom".split()
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


def _capitalised(word: str) -> bool:
    core = word.lstrip("“\"‘'(")
    return bool(core) and (core[0].isupper() or core[0].isdigit())


def person_at(text: str, start: int, end: int, require_honorific: bool = True) -> PersonPhrase | None:
    """The person introduced at ``text[start:]`` ("Ms. Li Rosi", "Mr. X, Director, Y (Z) noted")."""
    honorific = HONORIFIC.match(text, start, end)
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
        if _capitalised(bare) and not (len(bare) > 1 and bare.isupper() and name_words):
            name_words.append((bare, w_start, w_start + len(bare)))
        elif bare.lower() in {"de", "del", "van", "von", "da", "dos", "bin", "al", "el", "la", "le"}:
            name_words.append((bare, w_start, w_start + len(bare)))
            continue
        else:
            break
        if word != bare:
            stop_comma = word[len(bare):].startswith(",")
            break
    while name_words and not _capitalised(name_words[-1][0]):
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
        if depth > 0 or _capitalised(bare) or bare.lower() in CONNECTORS | {"in"} or not bare or word.startswith("("):
            if depth > 0 or not bare or _capitalised(bare) or word.startswith("("):
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
            if _capitalised(words[first].group()) and _spells(candidate, letters):
                return candidate
    return None


def looks_like_person(name: str) -> bool:
    """"Carlos Rodríguez" yes; "Latin America and the Caribbean", "ILO", "United Nations" no."""
    honorific = HONORIFIC.match(name)
    words = name[honorific.end():].split() if honorific else name.split()
    if not 1 <= len(words) <= 5 or (not honorific and len(words) < 2):
        return False
    for word in words:
        bare = word.strip(",.")
        if {bare.lower(), bare.lower().rstrip("s")} & (ORGANIZATION_WORDS | TITLE_WORDS) or (len(bare) > 1 and bare.isupper()):
            return False
        if not _capitalised(bare) and bare.lower() not in {"de", "del", "van", "von", "da", "dos", "bin", "al", "el", "la", "le"}:
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
