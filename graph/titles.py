"""Titles a researcher reads: the short form of a long or ALL-CAPS heading, and the label of a statement.

Sources print headings in capitals ("SECOND THEMATIC SESSION: “INTERNATIONAL NORMATIVE
INSTRUMENTS …”, sixty words).  Labels, page titles and headings show a short form, in
sentence case and cut at a word boundary; the title as printed stays in ``dcterms:title``
(issue 14, point 1).

Sentence case loses what capitals meant: "CAM" and "ILO" are acronyms, "Americas" a name.
The document itself says how it writes each word where it is not shouting, so a word keeps
the case the running text gives it; a word the running text never writes stays in lower case.
"""
from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from graph.records import ParsedDocument

SHORT_TITLE = 90  # characters of a short title, "…" included
SHOUTING = 0.8  # share of capital letters above which a line is written in capitals

_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*", re.UNICODE)
_ROMAN = re.compile(r"^(?=[IVXLC]{1,6}$)C{0,3}(?:XC|XL|L?X{0,3})(?:IX|IV|V?I{0,3})$")
# Where a sentence or a quoted title begins: the next word is capitalised in any case.
_OPENS = tuple(".!?:;“\"(‘«—")
_QUOTES = {"“": "”", "‘": "’", "«": "»", "\"": "\""}


def shouting(text: str) -> bool:
    """Written in capitals: nearly all its letters are upper case (and there are a few of them)."""
    letters = [ch for ch in text if ch.isalpha()]
    return len(letters) >= 4 and sum(ch.isupper() for ch in letters) >= SHOUTING * len(letters)


@dataclass(frozen=True)
class Casing:
    """How a document writes each word in its running text (not its headings), by the word in lower case."""

    forms: dict[str, str]

    def of(self, word: str) -> str:
        lower = word.lower()
        if _ROMAN.match(word) and len(word) > 1:
            return word  # "Part II", "SESSION IV"
        return self.forms.get(lower, lower)


@lru_cache(maxsize=16)
def casing(text: str) -> Casing:
    """The form each word keeps inside sentences of the text's lines not written in capitals.

    A word at the start of a sentence says nothing of its case and is not counted.
    """
    counts: dict[str, Counter[str]] = {}
    for line in text.splitlines():
        if shouting(line):
            continue
        for match in _WORD.finditer(line):
            before = line[: match.start()].rstrip()
            if not before or before.endswith(_OPENS):
                continue
            word = match.group()
            form = word if word.isupper() and len(word) > 1 else (word if word[0].isupper() else word.lower())
            counts.setdefault(word.lower(), Counter())[form] += 1
    return Casing({lower: _kept_form(lower, forms) for lower, forms in counts.items()})


def _kept_form(lower: str, forms: Counter[str]) -> str:
    """An acronym where capitals outnumber lower case; a name only where never written in lower case
    ("International Labour Organization" does not make "international" a name)."""
    upper = lower.upper()
    if forms[upper] > forms[lower]:
        return upper
    capitalised = [form for form in forms if form not in (upper, lower)]
    if capitalised and not forms[lower]:
        return max(capitalised, key=lambda form: forms[form])
    return lower


def sentence_case(title: str, text: str = "") -> str:
    """``title`` in sentence case, each word as ``text`` writes it; the first word of the title, of a part
    after a colon and of a quotation capitalised."""
    cased = casing(text)
    out: list[str] = []
    last = 0
    for match in _WORD.finditer(title):
        before = title[last : match.start()]
        out.append(before)
        word = cased.of(match.group())
        so_far = ("".join(out)).rstrip()
        if not so_far or so_far.endswith(_OPENS):
            word = word[0].upper() + word[1:]
        out.append(word)
        last = match.end()
    out.append(title[last:])
    return "".join(out)


def short_title(title: str, text: str = "", limit: int = SHORT_TITLE) -> str:
    """The title to show: white space folded, sentence case if printed in capitals, cut at a word boundary
    with "…" beyond ``limit`` characters (a quotation left open is closed)."""
    words = " ".join(title.split())
    if shouting(words):
        words = sentence_case(words, text)
    if len(words) <= limit:
        return words
    cut = words[: limit - 1]
    if " " in cut:
        cut = cut[: cut.rindex(" ")]
    cut = cut.rstrip(" ,;:–—-") + "…"
    for opening, closing in _QUOTES.items():
        if opening != closing and cut.count(opening) > cut.count(closing):
            cut += closing
    return cut


def long_date(day: dt.date) -> str:
    """ "27 September 2022", the way UN documents write a date."""
    return f"{day.day} {day:%B %Y}"


def statement_label(where: str, place: str, speaker: str | None, day: dt.date | None) -> str:
    """What a researcher cites: "CMW/C/SR.506, para. 6 (Ms. Diallo), 27 September 2022"; a document without
    a symbol goes by its short title ("…, comment 3 (Paul Tacon), 11 March 2022")."""
    label = f"{where}, {place}"
    if speaker:
        label += f" ({speaker})"
    if day is not None:
        label += f", {long_date(day)}"
    return label


def shorten_session_titles(document: ParsedDocument) -> None:
    """Give each session of ``document`` its short title as label, keeping the heading as printed as its
    title: a seminar's "SESSION 2: PRACTICAL EXPERIENCES OF …" is read on every statement of that session."""
    for session in document.sessions:
        short = short_title(session.label, document.source.text)
        if short != session.label:
            session.title = session.title or session.label
            session.label = short
