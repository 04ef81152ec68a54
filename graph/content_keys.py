"""Content keys: the forms under which the build names and compares what it reads.

An IRI is made of content keys (:mod:`graph.iris`), a reader keys the paragraphs
it finds, the catalogue and the cross-document resolution compare names; if
each wrote its own folding, "Djajić" could match "DJAJIC" in one place and not
in the next.  So every key is made here, once, and the parsing layer, the
extraction, the catalogue, the IRIs and the pages import it from here rather
than from each other (issue 12, point 3).

A person is compared by :func:`bare_name` (forms of address dropped: :data:`HONORIFICS`,
the one list every reader agrees on), and names under one of four named foldings, each
for a reason:

* :func:`fold` — people's and bodies' names as different documents print them:
  no accents, no case, single spaces;
* :func:`fold_without_the` — the same, with a leading "the" dropped ("the
  International Labour Organization" is the catalogue's "International Labour
  Organization");
* :func:`fold_without_articles` — every "the" dropped, for the formal names of
  treaty bodies, which headers print with and without them;
* :func:`fold_as_listed` — the catalogue's own names, which keep their accents
  (two listed names may differ by one), with curly apostrophes made straight.
"""
from __future__ import annotations

import hashlib
import re
import unicodedata

# Abbreviated forms of address, printed with or without their full stop ("Mr." and "Mr").
_ABBREVIATED = (
    "Mr", "Mrs", "Ms", "Mx", "Messrs", "Mme", "Mmes", "M", "Dr", "Prof", "Rev", "Hon", "Amb", "Sr", "Sra",
    "H.E", "HE",
)
# Forms of address printed in full.
_SPELLED_OUT = (
    "Miss", "Professor", "Sir", "Dame", "Lord", "Lady", "Judge", "Justice", "Ambassador", "Senator",
    "Father", "Sister", "Monsignor", "Archbishop", "Bishop", "His Excellency", "Her Excellency",
)
# Forms of address printed before a name in UN, OAS and NGO documents, without a final full stop.
HONORIFICS: tuple[str, ...] = _ABBREVIATED + _SPELLED_OUT


def _alternatives(forms: tuple[str, ...]) -> str:
    """Longest first, so that "Mrs" is tried before "Mr"; "H.E" also as printed "H. E"."""
    ordered = sorted(forms, key=len, reverse=True)
    return "|".join(re.escape(form).replace(r"\.", r"\.\s?") for form in ordered)


# One form of address as printed ("Mr.", "Mr", "H.E.", "Professor"), ending where the word ends.
HONORIFIC = rf"(?:(?:{_alternatives(_ABBREVIATED)})\.?|{_alternatives(_SPELLED_OUT)})(?!\w)"
_HONORIFICS_LEADING = re.compile(rf"^(?:{HONORIFIC}\.?\s+)+")

_ROMAN_DIGITS = {"i": 1, "v": 5, "x": 10, "l": 50, "c": 100}


def slug(text: str) -> str:
    """Lower-case ASCII words joined by hyphens: "Corzo Sosa" → "corzo-sosa"."""
    words = re.findall(r"[a-z0-9]+(?:\.[a-z0-9]+)*", _without_accents(text).lower())
    return "-".join(words) or "unnamed"


def digest(text: str, length: int = 10) -> str:
    """A short content hash, for things that have no printed number (white space does not count)."""
    normal = " ".join(text.split())
    return hashlib.sha1(normal.encode("utf-8")).hexdigest()[:length]


def bare_name(label: str) -> str:
    """A person's name without forms of address, in reading order: what compares across documents.

    "Ms. Hernández Paramo" → "Hernández Paramo"; "Van Loon, Hans" → "Hans Van Loon".
    """
    name = _HONORIFICS_LEADING.sub("", label.strip()).strip()
    surname, comma, given = name.partition(",")
    if comma and given.strip() and "," not in given and len(given.split()) <= 3:
        name = f"{given.strip()} {surname.strip()}"
    return name


def fold(name: str) -> str:
    """Comparison form of a name: no accents, no case, single spaces ("Djajić" and "DJAJIC" agree)."""
    return " ".join(_without_accents(name).casefold().split())


def fold_without_the(name: str) -> str:
    """:func:`fold`, without a leading "the"."""
    return fold(name).removeprefix("the ")


def fold_without_articles(name: str) -> str:
    """Case and every "the" aside: "Committee on the Rights of …" and "COMMITTEE ON RIGHTS OF …" agree."""
    return " ".join(re.sub(r"\bthe\b", " ", name.casefold()).split())


def fold_as_listed(name: str) -> str:
    """A catalogue name's comparison form: case, white space and curly apostrophes aside, accents kept."""
    return re.sub(r"[\s\u00a0]+", " ", name.replace("’", "'")).strip().casefold()


def normal_number(number: str) -> str:
    """Comparison form of a provision number: "25 (1)" and "25(1)" are one."""
    return re.sub(r"\s+", "", number).lower()


def symbol_key(symbol: str) -> str:
    """Comparison form of a symbol: spaces dropped; an OAS resolution by its number alone,
    a Security Council resolution without its year ("S/RES/1244(1999)" is "S/RES/1244")."""
    plain = re.sub(r"\s+", "", symbol).upper()
    oas = re.match(r"AG/RES\.?(\d+)", plain)
    if oas:
        return f"AG/RES.{oas.group(1)}"
    return re.sub(r"^(S/RES/\d+)\(\d{4}\)$", r"\1", plain)


def roman_value(numeral: str) -> int | None:
    """The value of a Roman numeral up to the hundreds, in either case ("IV" 4, "xii" 12, "XCIX" 99);
    None if ``numeral`` is not made of I, V, X, L and C.  Parts and annexes are numbered so."""
    if not numeral or any(char not in _ROMAN_DIGITS for char in numeral.lower()):
        return None
    values = [_ROMAN_DIGITS[char] for char in numeral.lower()]
    return sum(-value if i + 1 < len(values) and value < values[i + 1] else value for i, value in enumerate(values))


def _without_accents(text: str) -> str:
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
