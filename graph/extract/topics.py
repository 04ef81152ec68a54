"""Tagging statements with topics: where a statement's words match a topic's labels (issue 13, point 4).

The method, recorded on every match (``MATCH_METHOD``): a lexical match on the topic's
labels (preferred, alternative and hidden) in the statement's own language, on word
boundaries, ignoring case and accents, each word reduced to a light stem (plural and
inflectional endings: "detained" is "detain", "détentions" is "détention", "detenidos"
is "detenid"), the words of a label in sequence with nothing but spaces or hyphens
between them.  The language is told by the statement's function words, else the
document's; a record in English quoting a Spanish sentence is matched in English.

It is a rule for the genre of the texts (UN and OAS records, notes and discussions in
the three languages), not for the files: nothing here names a document.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterable, Iterator

from graph.catalogue import Catalogue
from graph.documents import Span
from graph.parse.discussion_forum.reader import language
from graph.records import ParsedDocument, TopicMatch
from graph.topics import LANGUAGES, Topic

MATCH_METHOD = ("lexical match on the topic's labels (en/fr/es, stemmed): the statement's words, in its own "
                "language, matched on word boundaries ignoring case and accents, each word reduced to a light "
                "stem (plural and inflectional endings)")
_WORD = re.compile(r"[^\W\d_]+")
_JOINER = re.compile(r"[\s\-‐–'’*]*")  # what may stand between the words of a label: spaces, hyphens, markup


def plain(word: str) -> str:
    """Lower case, without accents: "Détention" → "detention"."""
    return unicodedata.normalize("NFKD", word.casefold()).encode("ascii", "ignore").decode("ascii")


@lru_cache(maxsize=65536)
def stem(word: str, lang: str) -> str:
    """A light stem: the plural and the commonest inflections taken off, so a label matches its forms."""
    word = plain(word)
    if lang == "en":
        if len(word) > 4 and word.endswith("ies"):
            return word[:-3] + "y"
        if len(word) > 4 and re.search(r"(?:ss|x|ch|sh)es$", word):
            word = word[:-2]
        elif len(word) > 3 and word.endswith("s") and not re.search(r"(?:ss|us|is)$", word):
            word = word[:-1]
        if len(word) > 5 and word.endswith("ing"):
            return word[:-3]
        if len(word) > 4 and word.endswith("ed"):
            return word[:-2]
        return word
    if lang == "fr":
        if len(word) > 3 and word[-1] in "sx":
            word = word[:-1]
        return word[:-1] if len(word) > 4 and word.endswith("e") else word
    if lang == "es":
        if len(word) > 4 and word.endswith("es"):
            word = word[:-2]
        elif len(word) > 3 and word.endswith("s"):
            word = word[:-1]
        return word[:-1] if len(word) > 4 and word[-1] in "aoe" else word
    return word


@dataclass(frozen=True)
class _Term:
    topic: str
    stems: tuple[str, ...]


class TopicTagger:
    """The topics' labels, stemmed per language, looked up by their first word."""

    def __init__(self, topics: Iterable[Topic]) -> None:
        self.by_first: dict[str, dict[str, list[_Term]]] = {lang: {} for lang in LANGUAGES}
        for topic in topics:
            for lang in LANGUAGES:
                for label in topic.terms(lang):
                    stems = tuple(stem(word, lang) for word in _WORD.findall(label))
                    if stems:
                        self.by_first[lang].setdefault(stems[0], []).append(_Term(topic.key, stems))
        for table in self.by_first.values():
            for terms in table.values():
                terms.sort(key=lambda term: -len(term.stems))  # the longest label first

    def matches(self, text: str, span: Span, lang: str) -> Iterator[TopicMatch]:
        """Each place in ``text[span]`` a topic's label stands, in text order; at most one topic per word."""
        table = self.by_first.get(lang, {})
        words = list(_WORD.finditer(text, span.start, span.end))
        stems = [stem(word.group(), lang) for word in words]
        index = 0
        while index < len(words):
            found = None
            for term in table.get(stems[index], ()):
                end = index + len(term.stems)
                if tuple(stems[index:end]) == term.stems and _joined(text, words[index:end]):
                    found = term
                    break
            if found is None:
                index += 1
                continue
            last = words[index + len(found.stems) - 1]
            yield TopicMatch(found.topic, Span(words[index].start(), last.end()), lang)
            index += len(found.stems)


def _joined(text: str, words: list[re.Match[str]]) -> bool:
    """The words stand together: only spaces, hyphens or markup between them (not a full stop or a comma)."""
    return all(_JOINER.fullmatch(text, a.end(), b.start()) for a, b in zip(words, words[1:]))


def statement_language(text: str, default: str) -> str:
    """The statement's language by its function words; the document's where too short to tell."""
    found = language(text)
    return found if found in LANGUAGES else (default if default in LANGUAGES else "en")


def tag_topics(document: ParsedDocument, catalogue: Catalogue) -> None:
    """Fill each statement's ``topics`` with the places its words match a topic's labels."""
    if not catalogue.topics:
        return
    tagger = catalogue_tagger(catalogue)
    text = document.source.text
    for statement in document.statements:
        lang = statement_language(statement.text, document.language)
        statement.topics = list(tagger.matches(text, statement.span, lang))


def catalogue_tagger(catalogue: Catalogue) -> TopicTagger:
    """One tagger per catalogue: a build reads every source with the same one."""
    tagger = _TAGGERS.get(id(catalogue))
    if tagger is None or tagger[0] is not catalogue:
        tagger = _TAGGERS[id(catalogue)] = (catalogue, TopicTagger(catalogue.topics.values()))
    return tagger[1]


_TAGGERS: dict[int, tuple[Catalogue, TopicTagger]] = {}
