"""Citations of provisions and mentions of instruments, statement by statement.

``extract_references(document, catalogue)`` fills ``statement.citations`` (a
:class:`~graph.records.ProvisionRef` and the span that cites it) and
``statement.mentions`` (an instrument code and its span) for every statement,
reading the source text over ``statement.span`` and each of
``statement.extra_spans``. Spans are offsets into ``document.source.text``.

Provisions are cited as texts cite them: "article 22 of the Convention",
"articles 7 and 8", "article 25 (1)", "article 25, paragraph 1", "Art.34",
"objectives 5, 6, 14, 18, 19 and 22", "Obj. 6", "GCM objective 20", "GCM2",
"paragraph 27 (f) of the Global Compact", "GCM, para 15(g)", "para. 48 of
general comment No. 5", "SDG target 10.c", "SDG 10.c", "SDG indicators 8.8.1",
"the guiding principle of gender-responsiveness", "its guiding principles",
"the Compact's preamble". Which instrument a provision belongs to is decided
by what the text attaches to it ("of the Convention", "thereof", "GCM …",
"CESCR General Comment No. 18: …, para. 23") and otherwise by the rules in
:mod:`graph.extract.context`.

Nothing is invented: a reference the catalogue lacks becomes a note
("004_….txt:312: 'article 99 of the Convention' cites a provision not in the
catalogue (ICRMW Article 99)"), and a sub-paragraph the catalogue lacks is
cited as the closest catalogued provision that holds it, with a note.
"""
from __future__ import annotations

import itertools
import re
from collections.abc import Callable
from dataclasses import dataclass, field

from graph.catalogue import Catalogue, Provision
from graph.documents import Span
from graph.extract.context import DocumentContext, owned_elsewhere, sentence_of, sentence_starts
from graph.extract.instruments import Hit, finder_for, name_pattern
from graph.parse.shared.layout import BULLET
from graph.records import Citation, Mention, ParsedDocument, ProvisionRef, Statement

_SUB = r"(?:\s?\(\s?[0-9a-z]{1,3}\s?\))"
_LIST = r"(?:\s*,\s*(?:and\s+|or\s+)?|\s+(?:and|or|to|through)\s+|\s*[-–]\s*)"
# Per kind: the keyword(s) and how one number is printed.
_NUMBERS = {
    "Article": rf"(?:\d{{1,3}}(?:bis|ter|quater)?{_SUB}*|\(\s?\d{{1,3}}\s?\))",
    "Paragraph": rf"\d{{1,3}}(?:-?(?:bis|ter|quater)\b)?{_SUB}*",
    "Objective": r"\d{1,2}",
    "Target": r"\d{1,2}\.(?:\d{1,2}|[a-z])(?![\w.]*\.\d)",
    "Indicator": r"\d{1,2}\.(?:\d{1,2}|[a-z])\.\d{1,2}",
    "Goal": r"\d{1,2}(?![.\d])",
    "Part": r"[IVX]{1,5}(?![\w])",
    "Annex": r"(?:[IVX]{1,4}|\d{1,2})(?![\w])",
}
_KEYWORDS = {
    "Article": r"(?:[Aa]rticles?|ARTICLES?|[Aa]rts?\.)\s*",
    "Paragraph": r"(?:[Pp]aragraphs?|PARAGRAPHS?|[Pp]aras?\.?|[Ss]ections?|§§?|OP)\s*",
    "Objective": r"(?:[Oo]bjectives?|OBJECTIVES?|[Oo]bjs?\.?)\s*",
    "Target": r"(?:(?:SDGs?|Sustainable\s+Development\s+Goals?)\s+targets?\s*|[Tt]argets?\s*|SDGs?\s+(?=\d{1,2}\.[0-9a-z]\b(?!\.\d)))",
    "Indicator": r"(?:SDGs?\s+)?[Ii]ndicators?\s*",
    "Goal": r"(?:SDGs?|Sustainable\s+Development\s+Goals?|[Gg]oals?)\s*",
    "Part": r"Parts?\s+",
    "Annex": r"Annex(?:es)?\s+",
}
DESIGNATORS = {
    kind: re.compile(rf"(?<![\w-]){_KEYWORDS[kind]}(?P<numbers>{_NUMBERS[kind]}(?:{_LIST}{_NUMBERS[kind]})*)")
    for kind in _KEYWORDS
}
ARTICLE_PARAGRAPH = re.compile(
    r"(?<![\w-])(?:[Aa]rticle|[Aa]rt\.)\s*(?P<article>\d{1,3}),?\s+[Pp]aragraphs?\s+"
    r"(?P<paragraphs>\d{1,2}(?:(?:\s*,\s*|\s+and\s+|\s*,\s*and\s+)\d{1,2}(?!\.\d))*)\b"
    r"|(?<![\w-])[Pp]aragraph\s+(?P<paragraph>\d{1,2})\s+of\s+[Aa]rticle\s+(?P<article2>\d{1,3})\b"
)
# A list of provisions by number under a line that introduces them: "… the following GCM objectives:" then
# "• 4 – Legal identity and documentation", "• 8 – Save lives" (issue 11, point 3).
LIST_INTRO = re.compile(r"(?<![\w-])(?P<keyword>[Oo]bjectives|OBJECTIVES)\b(?P<rest>[^\n:.;]{0,60}):[ \t]*$", re.M)
LISTED_NUMBER = re.compile(
    rf"[ \t]*(?:{BULLET}[ \t]*)?(?:[Oo]bjective\s+)?(?P<number>\d{{1,2}})(?:[ \t]*[–—:.)\-][ \t]*|[ \t]+)(?=[A-Z])")
GCM_SHORTHAND = re.compile(r"(?<![\w-])GCM\s?(?P<number>\d{1,2})(?!\w|\.\d)")
PREAMBLE = re.compile(r"(?<![\w-])[Pp]reamble\b")
AFTER = re.compile(r"\s*,?\s*(?:of|in|under|to|from)\s+")
THEREOF = re.compile(r"\s*(?:thereof|of\s+(?:that|this|the\s+same)\s+instrument)\b")
# Between an instrument and the provision that follows it: "GCM objective 20", "the Compact's
# preamble", "CESCR General Comment No. 18: The right to work, para. 23", "76/141, OP31".
BEFORE = re.compile(r"(?:['’]s)?\s*|\s*,\s*|\s*[:,][^.;()\[\]]{0,160}?,\s*")
RESPECTIVE = re.compile(r"\b(?:both|two|respective(?:ly)?)\b", re.IGNORECASE)


@dataclass
class Designator:
    """One provision reference as printed, before its instrument is known."""

    kind: str
    number: str  # normalised: "25(1)", "27(f)", "10.c"
    span: Span
    group: int  # references printed together ("articles 7 and 8") share a group
    code: str | None = None  # decided by an attachment ("of the Convention")
    via_thereof: bool = False
    possessive_its: bool = False
    provision: Provision | None = None  # a guiding principle found by its name


@dataclass
class StatementReading:
    """One statement's text, its instrument hits and its provision references."""

    statement: Statement
    regions: list[Span]
    hits: list[Hit] = field(default_factory=list)
    designators: list[Designator] = field(default_factory=list)


def extract_references(document: ParsedDocument, catalogue: Catalogue) -> list[str]:
    """Fill citations and mentions of every statement; return notes on what the catalogue lacks."""
    return ReferenceExtractor(document, catalogue).run()


class ReferenceExtractor:
    def __init__(self, document: ParsedDocument, catalogue: Catalogue) -> None:
        self.document, self.catalogue = document, catalogue
        self.text = document.source.text
        self.finder = finder_for(catalogue)
        self.context = DocumentContext(document, catalogue)
        self.notes: list[str] = []
        self._titles = _names_pattern(catalogue, "GuidingPrinciple")
        self._groups = itertools.count()  # references printed together share a number

    def run(self) -> list[str]:
        readings = []
        for statement in self.document.statements:
            reading = StatementReading(statement, [statement.span, *statement.extra_spans])
            for region in reading.regions:
                reading.hits += self.finder.find(self.text, region.start, region.end, self.context.local_acronyms)
            readings.append(reading)
        self.context.learn([hit for reading in readings for hit in reading.hits])
        for reading in readings:
            self._resolve_instruments(reading)
            for region in reading.regions:
                reading.designators += self._designators(region, reading)
            self._resolve_provisions(reading)
            self.context.remember(reading.hits)
        return self.notes

    def note(self, span: Span, message: str) -> None:
        line = self.document.source.line_of(span.start)
        self.notes.append(f"{self.document.source.name}:{line}: '{self.text[span.start:span.end]}' {message}")

    # -- instruments -----------------------------------------------------------
    def _resolve_instruments(self, reading: StatementReading) -> None:
        resolved: list[Hit] = []
        for hit in reading.hits:
            region = next(r for r in reading.regions if r.start <= hit.start < r.end)
            if not hit.explicit:
                hit.code = self.context.resolve_anaphor(hit, resolved)
            elif hit.how == "general-comment":
                hit.code = self.context.general_comment(hit, self.text, region.start)
                if hit.code is None:
                    self.note(Span(hit.start, hit.end), "names a general comment not in the catalogue")
            elif hit.code is None:
                self.note(Span(hit.start, hit.end), f"names an instrument not in the catalogue ({hit.detail})")
            if hit.code:
                resolved.append(hit)
                reading.statement.mentions.append(Mention(hit.code, Span(hit.start, hit.end)))
        reading.hits = resolved

    # -- provisions ------------------------------------------------------------
    def _designators(self, region: Span, reading: StatementReading) -> list[Designator]:
        found: list[Designator] = []
        taken = [(h.start, h.end) for h in reading.hits]

        def free(start: int, end: int) -> bool:
            return all(end <= s or start >= e for s, e in taken)

        for match in ARTICLE_PARAGRAPH.finditer(self.text, region.start, region.end):
            # "article 25, paragraph 1", "article 16, paragraphs 1 and 2", "paragraph 1 of article 25"
            group, article = next(self._groups), match.group("article") or match.group("article2")
            if match.group("paragraph"):
                found.append(Designator("Article", f"{article}({match.group('paragraph')})",
                                        Span(match.start(), match.end()), group))
            else:
                for index, number in enumerate(re.finditer(r"\d+", match.group("paragraphs"))):
                    begin = match.start() if index == 0 else match.start("paragraphs") + number.start()
                    found.append(Designator("Article", f"{article}({number.group()})",
                                            Span(begin, match.start("paragraphs") + number.end()), group))
            taken.append((match.start(), match.end()))
        for kind, pattern in DESIGNATORS.items():
            for match in pattern.finditer(self.text, region.start, region.end):
                if not free(match.start(), match.end()):
                    continue
                group = next(self._groups)
                for index, (designation, start, end) in enumerate(_numbers(match, kind)):
                    begin = match.start() if index == 0 else start
                    found.append(Designator(kind, designation, Span(begin, end), group))
                taken.append((match.start(), match.end()))
        for match in GCM_SHORTHAND.finditer(self.text, region.start, region.end):
            if free(match.start(), match.end()):
                found.append(Designator("Objective", match.group("number"), Span(match.start(), match.end()),
                                        next(self._groups), "GCM"))
                reading.statement.mentions.append(Mention("GCM", Span(match.start(), match.start() + 3)))
        found += self._listed(region, reading, free)
        found += self._guiding_principles(region)
        for match in PREAMBLE.finditer(self.text, region.start, region.end):
            found.append(Designator("Preamble", "", Span(match.start(), match.end()), next(self._groups)))
        found.sort(key=lambda d: d.span.start)
        for designator in found:
            self._attach(designator, found, reading)
        return found

    def _listed(self, region: Span, reading: StatementReading, free: Callable[[int, int], bool]) -> list[Designator]:
        """Objectives listed by number, one an entry, under the line that introduces them: "Roundtable 2
        focuses on reviewing the following GCM objectives:" / "• 4 – Legal identity and documentation".

        The instrument is the one the introducing line attaches to "objectives" ("GCM objectives",
        "objectives of the Compact"), else whichever holds objectives.
        """
        found: list[Designator] = []
        for intro in LIST_INTRO.finditer(self.text, region.start, region.end):
            group = next(self._groups)
            code = self._attached_to_keyword(intro, reading)
            position = intro.end() + 1
            while position < region.end:
                line_end = self.text.find("\n", position, region.end)
                line_end = region.end if line_end < 0 else line_end
                line = self.text[position:line_end]
                if line.strip():
                    item = LISTED_NUMBER.match(line)
                    if item is None:
                        break
                    start = position + item.start("number")
                    if free(start, position + item.end("number")):
                        found.append(Designator("Objective", item["number"], Span(start, position + item.end("number")),
                                                group, code))
                position = line_end + 1
        return found

    @staticmethod
    def _attached_to_keyword(intro: re.Match[str], reading: StatementReading) -> str | None:
        """The instrument printed right before "objectives" ("GCM objectives") or after it ("of the GCM")."""
        for hit in reading.hits:
            if hit.end <= intro.start("keyword") and re.fullmatch(r"(?:['’]s)?\s*", intro.string[hit.end:intro.start("keyword")]):
                return hit.code
            if intro.start("rest") <= hit.start < intro.end("rest") and AFTER.match(intro.string, intro.end("keyword")):
                return hit.code
        return None

    def _guiding_principles(self, region: Span) -> list[Designator]:
        """ "guiding principles on people-centred, … and child-sensitive", "gender responsive GP".

        Only words that pick out particular principles cite: "the guiding principles" or "10 guiding
        principles" name the class as a whole and cite nothing, like "the objectives of the Compact".
        """
        found: list[Designator] = []
        if self._titles is None:
            return found
        title, text = self._titles.pattern, self.text
        listed = re.compile(rf"\bguiding\s+principles?\s+(?:of|on)\s+(?:the\s+)?(?P<list>(?:{title})(?:(?:\s*,\s*(?:and\s+)?|\s+and\s+)(?:{title}))*)\b",
                            re.IGNORECASE)
        used: list[tuple[int, int]] = []
        for match in listed.finditer(text, region.start, region.end):
            group = next(self._groups)
            for item in re.finditer(title, match.group("list"), re.IGNORECASE):
                start = match.start("list") + item.start()
                provision = self._named(item.group())
                if provision:
                    found.append(Designator(provision.kind, provision.number, Span(start, start + len(item.group())),
                                            group, provision.instrument, provision=provision))
            used.append((match.start(), match.end()))
        suffixed = re.compile(rf"\b(?P<title>{title})\s+(?:guiding\s+principle|GP)\b", re.IGNORECASE)
        for match in suffixed.finditer(text, region.start, region.end):
            provision = self._named(match.group("title"))
            if provision and all(match.end() <= s or match.start() >= e for s, e in used):
                found.append(Designator(provision.kind, provision.number, Span(match.start(), match.end()),
                                        next(self._groups), provision.instrument, provision=provision))
                used.append((match.start(), match.end()))
        return found

    def _named(self, name: str) -> Provision | None:
        for code in self.catalogue.holding("GuidingPrinciple"):
            provision = self.catalogue.provision_named(code, "GuidingPrinciple", re.sub(r"\s+", " ", name))
            if provision:
                return provision
        return None

    def _attach(self, designator: Designator, found: list[Designator], reading: StatementReading) -> None:
        """The instrument the text attaches to a reference: "… of X", "thereof", "X …", "its …"."""
        if designator.code:
            return
        last = max((d for d in found if d.group == designator.group), key=lambda d: d.span.end)
        after = AFTER.match(self.text, last.span.end)
        if after:
            hit = next((h for h in reading.hits if h.start == after.end()), None)
            if hit:
                designator.code = hit.code
                return
        if THEREOF.match(self.text, last.span.end):
            designator.via_thereof = True
            return
        first = min((d for d in found if d.group == designator.group), key=lambda d: d.span.start)
        before = [h for h in reading.hits if h.end <= first.span.start]
        if before and BEFORE.fullmatch(self.text, before[-1].end, first.span.start):
            designator.code = before[-1].code
            return
        if re.search(r"\b[Ii]ts\s+$", self.text[max(0, first.span.start - 5):first.span.start]):
            designator.possessive_its = True

    def _resolve_provisions(self, reading: StatementReading) -> None:
        self._respective(reading)
        starts = {r.start: sentence_starts(self.text, r.start, r.end) for r in reading.regions}
        explicit = [h for h in reading.hits if h.explicit]
        drafted = set(self.catalogue.drafted_instruments("Paragraph"))
        for designator in reading.designators:
            code = designator.code or self._contextual(designator, reading, explicit, starts)
            if code in drafted and designator.kind == "Paragraph" and designator.code and self._owned_elsewhere(designator, reading):
                continue  # "the Progress Declaration, see the Beijing Platform Review Outcome, para. 5" (rule 5)
            if code is None:
                if designator.kind in {"Article", "Part", "Annex"}:
                    self.note(designator.span, "cites a provision of no instrument named in context")
                continue
            self._cite(reading.statement, designator, code)

    def _owned_elsewhere(self, designator: Designator, reading: StatementReading) -> bool:
        """Whether words next to a paragraph attached to a text in drafts give it another owner."""
        group = [d for d in reading.designators if d.group == designator.group]
        return owned_elsewhere(self.text, group[0].span.start, group[-1].span.end)

    def _contextual(self, designator: Designator, reading: StatementReading, explicit: list[Hit],
                    starts: dict[int, list[int]]) -> str | None:
        kind = designator.kind
        if designator.via_thereof:
            return explicit[0].code if explicit else None
        if designator.possessive_its or kind == "Preamble":
            before = [h for h in reading.hits if h.end <= designator.span.start]
            return before[-1].code if designator.possessive_its and before else None
        holders = self.catalogue.holding(kind)
        if kind not in {"Article", "Part", "Annex", "Paragraph"} and len(holders) == 1:
            return holders[0]
        if kind == "Paragraph":
            group = [d for d in reading.designators if d.group == designator.group]
            words = " ".join(self.text[r.start:r.end] for r in reading.regions)
            return self.context.drafted_paragraph_of(self.text, group[0].span.start, group[-1].span.end,
                                                     reading.hits, words)
        if kind not in {"Article", "Part", "Annex"}:
            return None
        region = next(r for r in reading.regions if r.start <= designator.span.start < r.end)
        sentence = sentence_of(starts[region.start], designator.span.start)
        bearing = [h for h in reading.hits if h.end <= designator.span.start and self.context.has_articles(h.code or "")]
        in_sentence = [h for h in bearing if h.start >= sentence]
        for candidates in (in_sentence, bearing):
            if candidates:
                return candidates[-1].code
        return self.context.own_treaty or self.context.main_instrument

    def _respective(self, reading: StatementReading) -> None:
        """ "both Conventions contained an article on Naturalization (Art.34 and Art.32)": one each, in order."""
        loose = [d for d in reading.designators if d.code is None and d.kind == "Article" and not d.via_thereof]
        runs: list[list[Designator]] = []
        for designator in loose:
            if runs and re.fullmatch(r"\s*(?:,|and|,\s*and)\s*", self.text[runs[-1][-1].span.end:designator.span.start]):
                runs[-1].append(designator)
            else:
                runs.append([designator])
        for run in runs:
            opened = self.text[:run[0].span.start].rstrip().endswith("(")
            sentence = self.text[max(0, run[0].span.start - 200):run[0].span.start]
            sentence = re.split(r"[.;]\s", sentence)[-1]
            if len(run) < 2 or not opened or not RESPECTIVE.search(sentence):
                continue
            named: list[str] = []
            for hit in reading.hits:
                if hit.explicit and hit.end <= run[0].span.start and hit.code and hit.code not in named:
                    named.append(hit.code)
            if len(named) >= len(run):
                for designator, code in zip(run, named[-len(run):]):
                    designator.code = code

    def _cite(self, statement: Statement, designator: Designator, code: str) -> None:
        ref = ProvisionRef(code, designator.kind, designator.number)
        if designator.kind == "Article" and "(" in designator.number:
            ref = ProvisionRef(code, "Paragraph", designator.number)
        provision = designator.provision or self.catalogue.provision(ref)
        if provision is None and ref.kind == "Paragraph" and re.fullmatch(r"\d+", ref.number):
            provision = self.catalogue.provision(ProvisionRef(code, "Paragraph", ref.number))
        if provision is None:
            enclosing = self.catalogue.enclosing(ref)
            what = f"{code} {ref.kind} {ref.number}".rstrip()
            if enclosing is None:
                self.note(designator.span, f"cites a provision not in the catalogue ({what})")
                return
            self.note(designator.span, f"cites {what}, not in the catalogue: cited as {enclosing.label}")
            provision = enclosing
        statement.citations.append(Citation(provision.ref, designator.span))


def _numbers(match: re.Match[str], kind: str) -> list[tuple[str, int, int]]:
    """Each number of "articles 7, 8 and 9" (ranges "8 to 12" spelled out) with its own span."""
    one = re.compile(_NUMBERS[kind])
    items: list[tuple[str, int, int]] = []
    position = match.start("numbers")
    previous_end = position
    for item in one.finditer(match.string, position, match.end("numbers")):
        gap = match.string[previous_end:item.start()]
        number = _normal(item.group(), kind)
        if items and re.search(r"\b(?:to|through)\b|[-–]", gap) and number.isdigit() and items[-1][0].isdigit():
            low, high = int(items[-1][0]), int(number)
            if 0 < high - low <= 60:  # "articles 8 to 10": article 9 is cited by the range as a whole
                items += [(str(n), items[-1][1], item.end()) for n in range(low + 1, high)]
        items.append((number, item.start(), item.end()))
        previous_end = item.end()
    return items


def _normal(number: str, kind: str) -> str:
    plain = re.sub(r"\s+", "", number).strip("()") if number.strip().startswith("(") else re.sub(r"\s+", "", number)
    plain = re.sub(r"-(?=bis|ter|quater)", "", plain)  # a draft's "42-ter" is its "42ter"
    return plain if kind in {"Part", "Annex"} else plain.lower()


def _names_pattern(catalogue: Catalogue, kind: str) -> re.Pattern[str] | None:
    names = sorted({name for name, _ in catalogue.named_provisions(kind)}, key=len, reverse=True)
    return re.compile("|".join(f"(?:{name_pattern(n)})" for n in names), re.IGNORECASE) if names else None
