"""Words as the index and the query both see them: found in the text, folded, stemmed in their language.

Every word is folded first (case and accents removed: "Hernández" and "hernandez" are one word) and
then stemmed with the Snowball stemmer of its language (English, French or Spanish), so "detained",
"detention" and "detain" meet on one stem while the stem of a word typed without its accents is the
stem of the word as printed (issue 13 item 1: stemming per language, accent- and case-insensitive).
A query word does not say its language: it is stemmed in all three (``query_stems``).
"""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import Any, NamedTuple

import snowballstemmer

from graph.search.families import FAMILIES, spelled

LANGUAGES = {"en": "english", "fr": "french", "es": "spanish"}
DEFAULT_LANGUAGE = "en"
# Letters and digits: what the index's tokenizer (FTS5 unicode61) keeps in a token, without "_".
WORD = re.compile(r"[^\W_]+")
# A few of the commonest words of each language, none shared by two: enough to tell which of the three a text is in.
MARKERS = {
    "en": frozenset("the and of to is that for with are this which on be have by".split()),
    "fr": frozenset("le les des et est une dans pour qui sur pas nous du au ce cette sont avec".split()),
    "es": frozenset("el los las y una para por del con se como su al sus este esta son".split()),
}


class Word(NamedTuple):
    """A word of a text: where it is printed (character offsets) and its folded form."""

    start: int
    end: int
    folded: str


@lru_cache(maxsize=500_000)
def fold(text: str) -> str:
    """Lower case without accents: what makes "Hernández" and "HERNANDEZ" the same word."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def words(text: str) -> list[Word]:
    found = [Word(*match.span(), fold(match.group())) for match in WORD.finditer(text)]
    return [word for word in found if word.folded] if not all(word.folded for word in found) else found


@lru_cache(maxsize=None)
def _stemmer(lang: str) -> Any:  # snowballstemmer has no type information
    return snowballstemmer.stemmer(LANGUAGES[lang])


def _snowball(folded: str, lang: str) -> str:
    found: str = _stemmer(lang).stemWord(spelled(folded, lang))
    return fold(found) or folded


@lru_cache(maxsize=None)
def _families(lang: str) -> dict[str, str]:
    """Stem of a family's member -> stem of the family's head (``graph.search.families``)."""
    joined = {}
    for head, members in FAMILIES.get(lang, ()):
        for member in members:
            joined[_snowball(fold(member), lang)] = _snowball(fold(head), lang)
    return joined


@lru_cache(maxsize=200_000)
def stem(folded: str, lang: str) -> str:
    """The stem of a folded word in ``lang`` (one of LANGUAGES), as its family's; itself for a number."""
    if folded.isdigit():
        return folded
    found = _snowball(folded, lang)
    return _families(lang).get(found, found)


def token(folded: str, lang: str) -> str:
    """A word as the index keeps it: its stem, marked with its language ("endetain", "frdeten").

    The mark keeps the languages apart: the Spanish stem of "Canada" is "can", which must not find
    the English "can"; a query word, whose language is not known, asks for its token in each language.
    """
    return lang + stem(folded, lang)


def tokens(text: str, lang: str) -> list[str]:
    return [token(word.folded, lang) for word in words(text)]


@lru_cache(maxsize=200_000)
def query_tokens(folded: str) -> tuple[str, ...]:
    """The tokens a query word may have in the index: one for each language, in LANGUAGES' order."""
    return tuple(token(folded, lang) for lang in LANGUAGES)


def language_of(text: str, default: str = DEFAULT_LANGUAGE) -> str:
    """The language among LANGUAGES whose common words the text uses most; ``default`` when none clearly does.

    Used only where the graph does not say a text's language (no language tag, no dcterms:language on
    the resource): a bilingual discussion is published with one language for the whole document.
    """
    counts = dict.fromkeys(MARKERS, 0)
    for word in words(text):
        for lang, common in MARKERS.items():
            if word.folded in common:
                counts[lang] += 1
    best = max(counts, key=lambda lang: counts[lang])
    others = max(count for lang, count in counts.items() if lang != best)
    return best if counts[best] >= 3 and counts[best] >= 2 * others else default
