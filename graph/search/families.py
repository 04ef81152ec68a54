"""Word families the Snowball stemmers do not join: a noun and the verb it is made from.

A stemmer strips inflections ("detained" → "detain", "detentions" → "detent") but not derivations:
"detention" and "detain" keep two stems, and a search for "detention" would miss "children detained in
Mexico" (issue 13: "detention" must find every statement that discusses detention).  These families are
general language, chosen among the nouns of migration law whose verb is irregular (Latin -tion, -sion,
-ance nouns); each word is stemmed in its language and its stem is taken as the stem of the family's
first word.  English spellings in -ise/-isation and -our are read as -ize/-ization and -or.
"""
from __future__ import annotations

import re

# language -> (the family's head word, the words that join it)
FAMILIES: dict[str, tuple[tuple[str, tuple[str, ...]], ...]] = {
    "en": (
        ("detain", ("detention", "detainee")),
        ("retain", ("retention",)),
        ("abstain", ("abstention",)),
        ("expel", ("expulsion",)),
        ("compel", ("compulsion", "compulsory")),
        ("admit", ("admission", "admissible")),
        ("remit", ("remittance",)),
        ("permit", ("permission",)),
        ("submit", ("submission",)),
        ("transmit", ("transmission",)),
        ("omit", ("omission",)),
        ("include", ("inclusion", "inclusive")),
        ("exclude", ("exclusion",)),
        ("conclude", ("conclusion",)),
        ("decide", ("decision",)),
        ("receive", ("reception",)),
        ("reduce", ("reduction",)),
        ("produce", ("production",)),
        ("assume", ("assumption",)),
        ("resolve", ("resolution",)),
        ("describe", ("description",)),
        ("intervene", ("intervention",)),
        ("extend", ("extension",)),
        ("recruit", ("recruitment",)),
    ),
    "fr": (
        ("détenir", ("détention", "détenu", "détenue")),
        ("expulser", ("expulsion",)),
        ("régulariser", ("régularisation",)),
        ("admettre", ("admission",)),
    ),
    "es": (
        ("detener", ("detención", "detenido")),
        ("expulsar", ("expulsión",)),
        ("regularizar", ("regularización",)),
        ("admitir", ("admisión",)),
    ),
}

_BRITISH_IZE = re.compile(r"(?<=...)is(e|ed|es|ing|er|ers|ation|ations)$")
_BRITISH_OR = re.compile(r"(?<=...)our(s|ed|er|ers|ing|able|ably|ite|ites)?$")


def spelled(folded: str, lang: str) -> str:
    """An English word in its -ize and -or spelling (the index and the query both read it so)."""
    if lang != "en":
        return folded
    return _BRITISH_OR.sub(r"or\1", _BRITISH_IZE.sub(r"iz\1", folded))
