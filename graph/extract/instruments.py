"""Where a text names an instrument, and which one it is.

Candidates come from the catalogue and from the ways instruments are cited:

- a name, acronym or variant of a catalogued instrument ("the Global Compact
  for Migration", "ICRMW", "Universal Declaration Human Rights");
- an ILO number ("Convention No. 143", "ILO Conventions 97 and 143", "C-97",
  "…Convention, 1949 (No. 97)"), a resolution symbol ("resolution 73/195",
  "AG/RES. 2910 (XLVII-O/17)", "Security Council resolution 1244 (1999)"),
  a general comment ("general comment No. 5", "CESCR General Comment No. 18");
- "the {year} {Convention}" ("the 1951 Convention");
- an anaphor: "the Convention", "this Compact", "the Declaration", whose
  instrument is decided later, in context (:mod:`graph.extract.context`).

Where candidates overlap, the longest wins: "Convention on the Rights of the
Child" is the CRC, not "the Convention"; "Global Compact on Refugees" is not the
Compact for Migration; "Committee on the Protection of the Rights of All Migrant
Workers…" names no instrument at all, since no catalogue name is inside it.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from graph.catalogue import Catalogue, Instrument, Name

# Spelling the sources vary on, matched either way.
_SPELLINGS = (
    (r"labour", r"labou?r"), (r"organisation", r"organi[sz]ation"), (r"organization", r"organi[sz]ation"),
    (r"programme", r"program(?:me)?"), (r"co\\-operation", r"co-?operation"), (r"cooperation", r"co-?operation"),
)
# Heads that "the …" may stand for; a capitalised head is a reference, "the convention" is not.
ANAPHOR = re.compile(
    r"(?<![\w-])(?i:the|this|that|said|same)\s+(?:(?P<year>1[89]\d\d|20\d\d)\s+)?"
    r"(?P<head>Global\s+Compact|Convention|Compact|Covenant|Declaration|Protocol|Programme|Program|Resolution|Treaty)"
    r"(?![\w-])(?!\s+(?:on|for|relating|concerning|against|of\s+(?:the\s+)?[A-Z]|No\b|\d))"
)
# Lower-case "the general comment", "this resolution", "this instrument": only an instrument named
# earlier in the same statement can be meant (graph.extract.context).
LOWER_ANAPHOR = re.compile(
    r"(?<![\w-])(?i:the|this|that)\s+(?P<head>general\s+comment|resolution|declaration|convention|compact|covenant|protocol"
    r"|(?<=[Tt]his\s)instrument)(?![\w-])(?!\s+(?:on|of|for|relating|concerning|against|No\b|\d))"
)
# "Convention standards" in a treaty body's record: its own treaty, named without "the".
BARE_HEAD = re.compile(r"(?<![\w-])Convention(?=\s+[a-z])(?!\s+(?:on|of|for|relating|concerning|against|to|in|and|or)\b)")
ILO_TITLED = re.compile(
    r"\b(?P<head>Convention|Recommendation)(?:\s*\(Revised\))?,?\s*(?:of\s+)?(?:(?:1[89]|20)\d\d,?\s*)?\(\s*No\.?\s*(?P<number>\d{1,3})\s*\)"
)
ILO_NUMBERED = re.compile(
    r"(?<![\w-])(?:(?:ILO|International\s+Labou?r\s+Organi[sz]ation)\s+)?(?:(?:1[89]|20)\d\d\s+)?"
    r"(?P<head>Convention|Recommendation)s?\s+(?:No\.?\s*|Nos\.?\s*)?(?P<number>\d{1,3})(?![\w/]|\.\d)"
)
ILO_MORE = re.compile(r"\s*(?:,|and|&|or)\s*(?:No\.?\s*)?(?P<number>\d{1,3})(?![\w/]|\.\d)")
ILO_CODE = re.compile(r"(?<![\w-])(?P<letter>[CR])-?0*(?P<number>\d{2,3})(?![\w-])")
UN_RESOLUTION = re.compile(
    r"(?P<body>(?:(?:UN|United\s+Nations)\s+)?(?:General\s+Assembly|GA|UNGA|Human\s+Rights\s+Council|HRC)\s*(?:\(UNGA\)\s*)?)?"
    r"(?<![\w])[Rr]esolutions?\s+(?:A/(?:HRC/)?RES/)?(?P<session>\d{1,2})/(?P<number>\d{1,3})(?![\w/])"
)
UN_SYMBOL = re.compile(r"(?<![\w/])A/(?P<hrc>HRC/)?RES/(?P<session>\d{1,2})/(?P<number>\d{1,3})(?![\w/])")
BARE_SYMBOL = re.compile(r"(?<![\w/.])(?P<session>\d{2})/(?P<number>\d{3})(?![\w/])")
SC_RESOLUTION = re.compile(r"\bSecurity\s+Council\s+[Rr]esolutions?\s+(?P<number>\d{2,4})(?:\s*\(\d{4}\))?")
OAS_RESOLUTION = re.compile(r"\bAG/RES\.\s*(?P<number>\d{3,4})(?:\s*\([^()]{2,20}\))?")
GENERAL_COMMENT = re.compile(
    r"(?:(?P<prefix>[A-Z]{2,6})\s+)?(?i:(?:joint\s+)?general\s+comments?)\s+(?i:No\.?|Nos\.?|number)?\s*(?P<number>\d{1,3})\b"
)
# "(GCM)" after a name is that name's acronym: the initials decide whose.
PARENTHESIS = re.compile(r"\s*\(\s*(?P<acronym>[A-Z][A-Z0-9-]{1,9})\s*\)")
LINKING_WORDS = {"of", "on", "for", "and", "the", "in", "to", "against", "de", "la", "le", "des", "du"}


ANAPHORIC = {"anaphor", "lower-anaphor", "bare-head"}


@dataclass
class Hit:
    """A reference to an instrument at [start, end) of the source text."""

    start: int
    end: int
    code: str | None  # None: an anaphor, or a number the catalogue lacks
    how: str  # name, acronym, anaphor, lower-anaphor, bare-head, year, ilo, resolution, general-comment
    head: str | None = None  # an anaphor's head: "Convention", "Compact"…
    detail: str = ""  # what was cited, for notes: "ILO Convention No. 181"
    prefix: str | None = None  # a general comment's committee as printed ("CESCR")
    number: str | None = None  # a general comment's number

    @property
    def explicit(self) -> bool:
        return self.how not in ANAPHORIC


def name_pattern(text: str) -> str:
    """A name as a pattern: any spacing, optional commas, either apostrophe, either spelling."""
    words = [w for w in re.split(r"[\s,]+", text.strip()) if w]
    pattern = r",?\s+".join(re.escape(w) for w in words)
    pattern = re.sub("['’]", "['’]", pattern).replace(r"\-", r"[-‐‑\s]?")
    for plain, flexible in _SPELLINGS:
        pattern = re.sub(plain, flexible.replace("\\", "\\\\"), pattern, flags=re.IGNORECASE)
    return pattern


class InstrumentFinder:
    """Compiled once per catalogue; finds candidate references in a stretch of text."""

    def __init__(self, catalogue: Catalogue) -> None:
        self.catalogue = catalogue
        self._folded: list[tuple[re.Pattern[str], str]] = []  # name → code, longest first
        self._exact: list[tuple[re.Pattern[str], str]] = []
        for instrument in catalogue.instruments.values():
            for name in instrument.names:
                self._add(instrument, name)
        self._folded.sort(key=lambda pair: -len(pair[0].pattern))
        self._exact.sort(key=lambda pair: -len(pair[0].pattern))
        self.names = self._alternation([p for p, _ in self._folded], re.IGNORECASE)
        self.acronyms = self._alternation([p for p, _ in self._exact], 0)

    def _add(self, instrument: Instrument, name: Name) -> None:
        text = re.sub(r"^the\s+", "", name.text, flags=re.IGNORECASE)
        pattern = re.compile(name_pattern(text), 0 if name.exact else re.IGNORECASE)
        (self._exact if name.exact else self._folded).append((pattern, instrument.code))

    @staticmethod
    def _alternation(patterns: list[re.Pattern[str]], flags: int) -> re.Pattern[str]:
        body = "|".join(f"(?:{p.pattern})" for p in patterns) or r"(?!x)x"
        return re.compile(rf"(?<![\w-])(?:{body})(?![\w-])", flags)

    def _code_of(self, matched: str, table: list[tuple[re.Pattern[str], str]]) -> str:
        return next(code for pattern, code in table if pattern.fullmatch(matched))

    def find(self, text: str, start: int, end: int, local_acronyms: dict[str, str]) -> list[Hit]:
        """Non-overlapping references in ``text[start:end]`` (offsets into ``text``).

        ``local_acronyms`` holds the acronyms the document has defined so far ("the Progress
        Declaration (PD)"); those defined here are added to it, and count from where they are defined.
        """
        hits = self._candidates(text, start, end, local_acronyms)
        chosen = self._settle(hits, text)
        defined = self.define_acronyms(chosen, text, local_acronyms)
        if defined:
            local = re.compile(r"(?<![\w-])(?:%s)(?![\w-])" % "|".join(map(re.escape, defined)))
            hits += [Hit(m.start(), m.end(), defined[m.group()], "acronym") for m in local.finditer(text, start, end)
                     if m.start() > min(h.end for h in chosen if h.code == defined[m.group()])]
            chosen = self._settle(hits, text)
        return chosen

    def _settle(self, hits: list[Hit], text: str) -> list[Hit]:
        chosen = self._longest([Hit(h.start, h.end, h.code, h.how, h.head, h.detail, h.prefix, h.number) for h in hits])
        for hit in chosen:
            self._extend(hit, text)
        return self._drop_echoes(chosen, text)

    def _candidates(self, text: str, start: int, end: int, local_acronyms: dict[str, str]) -> list[Hit]:
        hits: list[Hit] = []
        for match in _overlapping(self.names, text, start, end):
            hits.append(Hit(match.start(), match.end(), self._code_of(match.group(), self._folded), "name"))
        for match in _overlapping(self.acronyms, text, start, end):
            hits.append(Hit(match.start(), match.end(), self._code_of(match.group(), self._exact), "acronym"))
        if local_acronyms:
            local = re.compile(r"(?<![\w-])(?:%s)(?![\w-])" % "|".join(map(re.escape, local_acronyms)))
            hits += [Hit(m.start(), m.end(), local_acronyms[m.group()], "acronym") for m in local.finditer(text, start, end)]
        hits += self._numbered(text, start, end)
        for match in ANAPHOR.finditer(text, start, end):
            head = re.sub(r"\s+", " ", match.group("head"))
            if match.group("year"):
                found = self.catalogue.with_year(head, int(match.group("year")))
                if len(found) == 1:
                    hits.append(Hit(match.start(), match.end(), found[0], "year", head))
            else:
                hits.append(Hit(match.start(), match.end(), None, "anaphor", head))
        for match in LOWER_ANAPHOR.finditer(text, start, end):
            hits.append(Hit(match.start(), match.end(), None, "lower-anaphor", re.sub(r"\s+", " ", match.group("head"))))
        for match in BARE_HEAD.finditer(text, start, end):
            hits.append(Hit(match.start(), match.end(), None, "bare-head", "Convention"))
        return hits

    def _numbered(self, text: str, start: int, end: int) -> list[Hit]:
        hits = []
        for match in ILO_TITLED.finditer(text, start, end):
            letter = match.group("head")[0]
            hits.append(self._ilo(self._title_start(text, match.start(), start), match.end(), letter, match.group("number")))
        for match in ILO_NUMBERED.finditer(text, start, end):
            letter = match.group("head")[0]
            if letter == "R" and not re.search(r"ILO|Labou?r|No", match.group()):
                continue  # "Recommendation 5" of a report is no ILO instrument
            hits.append(self._ilo(match.start(), match.end(), letter, match.group("number")))
            position = match.end()
            while (more := ILO_MORE.match(text, position, end)) is not None:
                hits.append(self._ilo(more.start("number"), more.end(), letter, more.group("number")))
                position = more.end()
        for match in ILO_CODE.finditer(text, start, end):
            code = self.catalogue.ilo_instrument(match.group("letter"), int(match.group("number")))
            if code:
                hits.append(Hit(match.start(), match.end(), code, "ilo"))
        for match in UN_RESOLUTION.finditer(text, start, end):
            council = match.group("body") and re.search(r"Human|HRC", match.group("body"))
            symbol = f"A/{'HRC/' if council else ''}RES/{match.group('session')}/{match.group('number')}"
            hits.append(self._resolution(match, symbol))
        for match in UN_SYMBOL.finditer(text, start, end):
            hits.append(self._resolution(match, match.group()))
        for match in BARE_SYMBOL.finditer(text, start, end):
            code = self.catalogue.by_symbol(f"A/RES/{match.group('session')}/{match.group('number')}")
            if code:  # a bare "76/141" is a resolution only when the catalogue says so
                hits.append(Hit(match.start(), match.end(), code, "resolution"))
        for match in SC_RESOLUTION.finditer(text, start, end):
            hits.append(self._resolution(match, f"S/RES/{match.group('number')}"))
        for match in OAS_RESOLUTION.finditer(text, start, end):
            hits.append(self._resolution(match, f"AG/RES. {match.group('number')}"))
        for match in GENERAL_COMMENT.finditer(text, start, end):
            hits.append(Hit(match.start(), match.end(), None, "general-comment", detail=match.group(),
                            prefix=match.group("prefix"), number=match.group("number")))
        return hits

    def _ilo(self, start: int, end: int, letter: str, number: str) -> Hit:
        kind = "Convention" if letter == "C" else "Recommendation"
        return Hit(start, end, self.catalogue.ilo_instrument(letter, int(number)), "ilo",
                   detail=f"ILO {kind} No. {int(number)}")

    def _resolution(self, match: re.Match[str], symbol: str) -> Hit:
        return Hit(match.start(), match.end(), self.catalogue.by_symbol(symbol), "resolution", detail=symbol)

    @staticmethod
    def _title_start(text: str, position: int, floor: int) -> int:
        """Walk back over a title's words: "…ILO Migrant Workers (Supplementary Provisions) Convention"."""
        start = position
        for word in reversed(list(re.finditer(r"\([^()]{1,60}\)|[\w'’.-]+", text[floor:position]))):
            token, gap = word.group(), text[floor + word.end():start]
            capitalised = token[0].isupper() or (token.startswith("(") and token[1:2].isupper())
            if gap.strip() or token.lower() == "the" or not (capitalised or token.lower() in LINKING_WORDS):
                break
            start = floor + word.start()
        while (first := re.match(r"(?:of|on|for|and|in|to|against)\s+", text[start:position])) is not None:
            start += first.end()  # a title does not begin with a linking word
        return start

    @staticmethod
    def _longest(hits: list[Hit]) -> list[Hit]:
        chosen: list[Hit] = []
        # Longest first; at equal length an explicit name beats an anaphor or a number.
        for hit in sorted(hits, key=lambda h: (-(h.end - h.start), not h.explicit, h.start)):
            if all(hit.end <= other.start or hit.start >= other.end for other in chosen):
                chosen.append(hit)
        return sorted(chosen, key=lambda h: h.start)

    def _extend(self, hit: Hit, text: str) -> None:
        """Take in a leading "the" (and "1951" in "the 1951 Convention relating to…"), and an ILO
        title's ", 1949 (No. 97)"."""
        year = self.catalogue.instruments[hit.code].year if hit.code else None
        dated = re.search(r"(?<![\w-])(1[89]\d\d|20\d\d)\s+$", text[max(0, hit.start - 6):hit.start])
        if hit.how == "name" and dated and year == int(dated.group(1)):
            hit.start -= len(dated.group())
        if hit.code and hit.code.startswith("ILO-"):
            before = re.search(r"(?<![\w-])(?:ILO|International\s+Labou?r\s+Organi[sz]ation)\s+$", text[max(0, hit.start - 40):hit.start])
            if before:
                hit.start -= len(before.group())
        if hit.how in {"name", "acronym", "ilo"}:
            before = re.search(r"(?<![\w-])(?i:the)\s+$", text[max(0, hit.start - 6):hit.start])
            if before:
                hit.start -= len(before.group())
        if hit.how == "name" and hit.code and hit.code.startswith("ILO-"):
            tail = re.match(r",?\s*(?:of\s+)?(?:(?:1[89]|20)\d\d,?\s*)?\(\s*No\.?\s*\d{1,3}\s*\)", text[hit.end:hit.end + 30])
            if tail:
                hit.end += tail.end()

    def _drop_echoes(self, hits: list[Hit], text: str) -> list[Hit]:
        """Drop a name repeated in parentheses right after the name ("the ILO (Declaration of Philadelphia)"
        after its title), and "(GCM)" after a name it is not the acronym of.

        An acronym in parentheses right after the instrument's full name ("… Members of their Families
        (ICMW)") is kept as a mention of its own: the text names the instrument a second time, by the
        acronym it goes on to use, and a reader looking up that acronym finds it there (issue 11, point 3).
        """
        kept: list[Hit] = []
        for hit in hits:
            previous = kept[-1] if kept else None
            if (previous and previous.code and hit.code == previous.code and hit.how != "acronym"
                    and _in_parentheses(text, previous.end, hit)):
                continue
            if hit.how == "acronym" and _abbreviates_other_name(text, hit, previous):
                continue
            kept.append(hit)
        return kept

    def define_acronyms(self, hits: list[Hit], text: str, local_acronyms: dict[str, str]) -> dict[str, str]:
        """ "the Progress Declaration (PD)": from here on, "PD" in this document is that instrument."""
        defined: dict[str, str] = {}
        for hit in hits:
            parenthesis = PARENTHESIS.match(text, hit.end)
            if hit.code and parenthesis and parenthesis.group("acronym").isupper():
                acronym = parenthesis.group("acronym")
                if acronym not in local_acronyms and not self.acronyms.fullmatch(acronym) and not ILO_CODE.fullmatch(acronym):
                    local_acronyms[acronym] = defined[acronym] = hit.code
        return defined


def _overlapping(pattern: re.Pattern[str], text: str, start: int, end: int) -> list[re.Match[str]]:
    """Matches at every starting point, so that "the 1951 Convention relating to the Status of
    Refugees" also yields the full title that begins inside the shorter "1951 Convention"."""
    found, position = [], start
    while (match := pattern.search(text, position, end)) is not None:
        found.append(match)
        position = match.start() + 1
    return found


def _abbreviates_other_name(text: str, hit: Hit, previous: Hit | None) -> bool:
    """ "Global Coalition on Migration (GCM)": the words before spell the acronym, and are no instrument."""
    acronym = text[hit.start:hit.end]
    if not (text[hit.start - 1:hit.start] == "(" and text[hit.end:hit.end + 1] == ")"):
        return False
    initials: list[str] = []
    for word in reversed(re.findall(r"[\w'’-]+", text[max(0, hit.start - 150):hit.start - 1])):
        if word.lower() in LINKING_WORDS:
            continue
        if not word[0].isupper() or len(initials) == len(acronym):
            break
        initials.insert(0, word[0])
    named_here = previous is not None and previous.end >= hit.start - 3
    return "".join(initials).upper() == acronym.upper() and not named_here


def _in_parentheses(text: str, after: int, hit: Hit) -> bool:
    return bool(re.fullmatch(r"\s*\(\s*", text[after:hit.start])) and text[hit.end:hit.end + 2].lstrip().startswith(")")


@lru_cache(maxsize=8)
def finder_for(catalogue: Catalogue) -> InstrumentFinder:
    return InstrumentFinder(catalogue)


@lru_cache(maxsize=8)
def committee_pattern(catalogue: Catalogue) -> re.Pattern[str]:
    """Names of treaty bodies (actors that monitor a treaty), and a bare "the Committee"."""
    names = sorted({n for actor in catalogue.known_actors() if actor.monitors for n in (actor.label, *actor.aliases)},
                   key=len, reverse=True)
    body = "|".join(name_pattern(n) if not n.isupper() else f"(?-i:{re.escape(n)})" for n in names)
    return re.compile(rf"(?<![\w-])(?:(?P<name>{body})|(?P<bare>the\s+Committee)(?!\s+(?:on|against|for)\b))(?![\w-])",
                      re.IGNORECASE)
