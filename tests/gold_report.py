"""How closely the published graph agrees with an independent reading of the sources.

The gold annotations in ``tests/fixtures/gold/`` were made by reading the five
source texts, not by looking at what the pipeline produces: for every statement
its first words and its speaker as a reader resolves it ("The Chair" is the
person chairing), and for every reference to a provision or an instrument its
exact quote and what it refers to.  This module locates those annotations in
the text (by line and quote, so they survive no change of offsets), reads the
statements, speakers, citations and mentions of a published store, and counts
agreement as precision and recall per source and per category.

Run it on a build to see every disagreement::

    python tests/gold_report.py var/current/store
    python tests/gold_report.py --pipeline      # the pipeline's graph before SHACL validation

Matching rules (kept deliberately simple so a disagreement is easy to read):

statements
    A published statement matches a gold statement when its span contains the
    gold statement's first words and starts after the previous gold statement
    ends (so a number, a bold name, or a comment's date and author line before
    the words are fine, but a span that swallows the previous statement is not).
    Each side matches at most once.  Whether the span also ends where the gold
    statement ends is reported as *extent*, apart from the count.
speakers
    Scored over (statement, speaker) pairs.  Names match when one's words are
    all among the other's, ignoring titles (Mr., Ms., Professor…), accents,
    case and a truncation mark, so "Mr. Corzo Sosa" matches "Corzo Sosa" and
    "Van Loon, Hans" matches "Hans van Loon".  A gold speaker may list several
    acceptable answers, ``null`` among them where "no speaker" is also right.
provisions, instruments
    A published citation or mention matches a gold reference when their spans
    overlap and they refer to the same thing (instrument code; for provisions
    also kind and number as printed, "25(1)", "27(f)", "10.c").  References
    marked ``optional`` in the gold (an anaphor such as "the general comment",
    an instrument named inside a provision citation, an instrument outside the
    contract's table) neither count for nor against.
genuine ambiguities
    Optional statements and references, places where a statement may or may
    not be split, and speakers with several acceptable answers are *moot*: the
    report lists what the pipeline did at each, sums them by kind, and prints a
    worst case that settles every one against the pipeline.
"""
from __future__ import annotations

import re
import sys
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable, Iterator

import yaml

GOLD_DIR = Path(__file__).parent / "fixtures" / "gold"
SOURCES_DIR = Path(__file__).resolve().parent.parent / "data" / "sources"
CATEGORIES = ("statements", "speakers", "provisions", "instruments")

# Provision kinds as the gold writes them → the ontology's class local names.
PROVISION_KINDS = {
    "article": "Article",
    "objective": "Objective",
    "paragraph": "Paragraph",
    "target": "Target",
    "principle": "GuidingPrinciple",
}


class GoldError(ValueError):
    """A gold annotation that cannot be located in its source (file and statement named)."""


# --------------------------------------------------------------------------- the gold side


@dataclass(frozen=True)
class Referent:
    """What a reference points at: an instrument, or one of its provisions."""

    instrument: str
    kind: str | None = None  # None: the instrument itself
    number: str | None = None
    alternatives: tuple["Referent", ...] = ()  # the same text under another name ("paragraph 15(g)" = principle (g))

    @classmethod
    def parse(cls, text: str) -> "Referent":
        """``"GCM"``, ``"ICRMW article 22"``, ``"AGENDA-2030 target 10.c"``; ``" | "`` separates names of
        one and the same provision (``"GCM paragraph 15(g) | GCM principle 15(g)"``)."""
        first, *others = [cls._parse_one(part.strip()) for part in text.split("|")]
        return cls(first.instrument, first.kind, first.number, tuple(others))

    def accepts(self, other: "Referent") -> bool:
        return any(name == (other.instrument, other.kind, other.number)
                   for name in [(self.instrument, self.kind, self.number)]
                   + [(a.instrument, a.kind, a.number) for a in self.alternatives])

    @classmethod
    def _parse_one(cls, text: str) -> "Referent":
        parts = text.split()
        if len(parts) == 1:
            return cls(parts[0])
        if len(parts) == 3 and parts[1] in PROVISION_KINDS:
            return cls(parts[0], PROVISION_KINDS[parts[1]], normal_number(parts[2]))
        raise ValueError(f"not a referent: {text!r} (expected CODE or 'CODE kind number')")

    @property
    def is_provision(self) -> bool:
        return self.kind is not None

    def __str__(self) -> str:
        return self.instrument if self.kind is None else f"{self.instrument} {self.kind} {self.number}"


def normal_number(number: str) -> str:
    """Numbers as printed, compared without spaces or case: "27 (f)" = "27(f)"."""
    return re.sub(r"\s+", "", number).lower()


@dataclass
class GoldReference:
    quote: str
    referent: Referent | None  # None: an instrument outside the contract's table (always optional)
    optional: bool
    start: int
    end: int
    why: str = ""  # what makes an optional reference a genuine ambiguity: "nested", "anaphor", …


@dataclass
class GoldStatement:
    key: str  # how the report names it: "¶4" or "line 22"
    number: int | None
    first_line: int
    last_line: int
    line_start: int  # offset of the first line's start
    anchor: int  # offset of the first words
    end: int  # offset just after the last non-blank character
    speakers: tuple[tuple[str, ...] | None, ...]  # acceptable answers: an actor's names, or None for "no speaker"
    optional: bool
    references: list[GoldReference]
    splits: list[tuple[int, int]] = field(default_factory=list)  # (line start, first words) where a split is moot
    moot: dict[str, str] = field(default_factory=dict)  # why the statement, a split or the speaker is ambiguous

    def split_at(self, offset: int) -> bool:
        """Is ``offset`` a place where starting or ending a statement is a genuine ambiguity?"""
        return any(line_start - 2 <= offset <= anchor for line_start, anchor in self.splits)

    @property
    def needs_speaker(self) -> bool:
        return None not in self.speakers


@dataclass
class GoldDocument:
    source: str
    text: str
    statements: list[GoldStatement]
    # References printed outside every statement (a title, an agenda heading): real, but a reader that makes
    # no statement of a heading publishes none of them, so they count neither for nor against.
    outside: list[GoldReference] = field(default_factory=list)

    @property
    def stem(self) -> str:
        return Path(self.source).stem

    def statement_at(self, offset: int) -> GoldStatement | None:
        for statement in self.statements:
            if statement.line_start <= offset < statement.end:
                return statement
        return None


def line_offsets(text: str) -> list[int]:
    starts = [0]
    starts.extend(i + 1 for i, ch in enumerate(text) if ch == "\n")
    return starts


def find_quote(text: str, quote: str, start: int, end: int) -> tuple[int, int, int] | None:
    """Where ``quote`` first occurs as whole words in ``text[start:end]``: (match start, span start, span end).

    Any run of white space in the quote matches any run in the text, since sources carry no-break spaces
    ("No.\u00a0143") and line breaks where a reader sees a plain space.  A quote may carry context around
    the annotated words in double brackets: "[[GCM]] objective 20" annotates "GCM" where it begins
    "GCM objective 20".
    """
    before, inner, after = _bracketed(quote)
    words = lambda part: r"\s+".join(re.escape(w) for w in part.split())  # noqa: E731
    pattern = "".join([
        r"(?<!\w)" if (before or inner)[:1].isalnum() else "",
        words(before) + (r"\s*" if before else ""),
        f"({words(inner)})",
        (r"\s*" if after else "") + words(after),
        r"(?!\w)" if (after or inner)[-1:].isalnum() else "",
    ])
    match = re.compile(pattern).search(text, start, end)
    return (match.start(), *match.span(1)) if match else None


def _bracketed(quote: str) -> tuple[str, str, str]:
    if "[[" not in quote:
        return "", quote, ""
    before, rest = quote.split("[[", 1)
    inner, after = rest.split("]]", 1)
    return before, inner, after


def load_gold(path: Path, sources_dir: Path = SOURCES_DIR) -> GoldDocument:
    """Read one gold file and locate every annotation in its source text."""
    spec = yaml.safe_load(path.read_text(encoding="utf-8"))
    source = spec["source"]
    text = (sources_dir / source).read_text(encoding="utf-8")
    starts = line_offsets(text)
    statements: list[GoldStatement] = []
    for entry in spec["statements"]:
        statements.append(_gold_statement(path, source, text, starts, entry))
    for before, after in zip(statements, statements[1:]):
        if after.anchor < before.end:
            raise GoldError(f"{path.name}: {after.key} starts before {before.key} ends")
    outside = _outside_references(path, text, (spec.get("meeting") or {}).get("refs_outside_statements") or [])
    return GoldDocument(source, text, statements, outside)


def _outside_references(path: Path, text: str, items: list[list[Any]]) -> list[GoldReference]:
    """``meeting.refs_outside_statements`` of the unseen documents' gold, located in text order, all optional."""
    references = []
    cursor = 0
    for item in items:
        quote, referent = str(item[0]), item[1]
        found = find_quote(text, quote, cursor, len(text))
        if found is None:
            raise GoldError(f"{path.name}: reference outside statements {quote!r} not found after offset {cursor}")
        references.append(GoldReference(quote, Referent.parse(str(referent)) if referent else None, True,
                                        *found[1:], "outside statements"))
        cursor = found[0] + 1
    return references


def _gold_statement(path: Path, source: str, text: str, starts: list[int], entry: dict[str, Any]) -> GoldStatement:
    first, last = entry["lines"]
    number = entry.get("n")
    key = f"¶{number}" if number is not None else (f"“{entry['id']}”" if "id" in entry else f"line {first}")
    where = f"{path.name}: {key}"
    if not 1 <= first <= last < len(starts) + 1:
        raise GoldError(f"{where}: lines {first}-{last} outside {source}")
    line_start = starts[first - 1]
    line_end = starts[first] - 1 if first < len(starts) else len(text)
    found = find_quote(text, entry["starts"], line_start, line_end)
    if found is None:
        raise GoldError(f"{where}: {entry['starts']!r} not on line {first}")
    anchor = found[1]
    last_end = starts[last] - 1 if last < len(starts) else len(text)
    end = len(text[:last_end].rstrip())
    if end <= anchor:
        raise GoldError(f"{where}: line {last} is blank or before the first words")
    answers = entry.get("speaker")
    answers = answers if isinstance(answers, list) else [answers]
    speakers = tuple(None if a is None else tuple(n.strip() for n in str(a).split(" = ")) for a in answers)
    references: list[GoldReference] = []
    taken: set[tuple[int, int]] = set()
    cursor = anchor
    for item in entry.get("refs") or []:
        quote, referent = item[0], item[1]
        flag = str(item[2]) if len(item) > 2 else ""
        optional = flag.startswith("optional")
        why = flag.removeprefix("optional").lstrip(": ")
        if referent is None and not optional:
            raise GoldError(f"{where}: {quote!r} refers to no listed instrument, so it must be optional")
        # Refs are listed in text order.  Words inside an earlier annotation are skipped ("the Global Compact"
        # inside "the Global Compact declaration") unless the quote brackets them on purpose.
        explicit = "[[" in str(quote)
        found = find_quote(text, str(quote), cursor, end)
        while found is not None and (found[1:] in taken or (not explicit and any(
                a <= found[1] and found[2] <= b for a, b in taken))):
            found = find_quote(text, str(quote), found[0] + 1, end)
        if found is None:
            raise GoldError(f"{where}: {quote!r} not found after offset {cursor} (refs are listed in text order)")
        span = found[1:]
        references.append(GoldReference(str(quote), Referent.parse(str(referent)) if referent else None,
                                        optional, *span, why))
        taken.add(span)
        cursor = found[0]
    splits = []
    for quote in entry.get("splits") or []:
        found = find_quote(text, quote, anchor + 1, end)
        if found is None:
            raise GoldError(f"{where}: split point {quote!r} not found in the statement")
        splits.append((text.rfind("\n", 0, found[1]) + 1, found[1]))
    return GoldStatement(key, number, first, last, line_start, anchor, end, speakers,
                         bool(entry.get("optional")), references, splits, dict(entry.get("moot") or {}))


def load_all(gold_dir: Path = GOLD_DIR, sources_dir: Path = SOURCES_DIR) -> list[GoldDocument]:
    return [load_gold(path, sources_dir) for path in sorted(gold_dir.glob("*.yaml"))]


# --------------------------------------------------------------------------- the published side


@dataclass
class PublishedStatement:
    iri: str
    start: int
    end: int
    number: int | None
    speakers: list[list[str]] = field(default_factory=list)  # each speaker's labels (rdfs:label, skos:altLabel)

    @property
    def speaker_names(self) -> list[str]:
        return [labels[0] for labels in self.speakers]


@dataclass
class PublishedReference:
    statement: str
    start: int
    end: int
    anchor: str
    referent: Referent


@dataclass
class PublishedDocument:
    statements: list[PublishedStatement]
    citations: list[PublishedReference]
    mentions: list[PublishedReference]


PREFIXES = {
    "mrkg": "https://w3id.org/mrkg/ontology#",
    "nif": "http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#",
    "cito": "http://purl.org/spar/cito/",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
}
ID = "https://w3id.org/mrkg/id/"
MRKG = PREFIXES["mrkg"]


def _rows(store: Any, query: str) -> Iterator[dict[str, str]]:
    for row in store.query(query, prefixes=PREFIXES, use_default_graph_as_union=True):
        yield {name: (row[name].value if row[name] is not None else None) for name in _variables(query)}


def _variables(query: str) -> list[str]:
    head = query.split("WHERE", 1)[0]
    return list(dict.fromkeys(re.findall(r"\?(\w+)", head)))


def read_published(store: Any, stem: str) -> PublishedDocument:
    """Statements, speakers, citations and mentions of one source, from a pyoxigraph store."""
    doc = f"<{ID}document/{stem}>"
    statements: dict[str, PublishedStatement] = {}
    for row in _rows(store, f"""
        SELECT ?s ?begin ?end ?number WHERE {{
          ?s mrkg:document {doc} ; mrkg:text ?text ; nif:beginIndex ?begin ; nif:endIndex ?end .
          OPTIONAL {{ ?s mrkg:paragraphNumber ?number }}
          FILTER NOT EXISTS {{ ?s a mrkg:Footnote }}  # the gold annotates paragraphs; a note's references by position
        }}"""):
        statements[row["s"]] = PublishedStatement(row["s"], int(row["begin"]), int(row["end"]),
                                                  int(row["number"]) if row["number"] else None)
    labels: dict[tuple[str, str], list[str]] = {}
    for row in _rows(store, f"""
        SELECT ?s ?speaker ?label ?alt WHERE {{
          ?s mrkg:document {doc} ; mrkg:text ?text ; mrkg:speaker ?speaker .
          FILTER NOT EXISTS {{ ?s a mrkg:Footnote }}
          OPTIONAL {{ ?speaker rdfs:label ?label }}
          OPTIONAL {{ ?speaker skos:altLabel ?alt }}
        }}"""):
        names = labels.setdefault((row["s"], row["speaker"]), [])
        for name in (row["label"], row["alt"]):
            if name and name not in names:
                names.append(name)
    for (iri, speaker), names in labels.items():
        statements[iri].speakers.append(names or [speaker.rsplit("/", 1)[-1]])
    references: dict[str, list[PublishedReference]] = {"ProvisionCitation": [], "InstrumentMention": []}
    for row in _rows(store, f"""
        SELECT ?c ?type ?s ?begin ?end ?anchor ?cited ?number ?code ?kind WHERE {{
          ?c cito:hasCitingEntity ?s ; cito:hasCitedEntity ?cited ; nif:beginIndex ?begin ; nif:endIndex ?end ;
             a ?type .
          ?s mrkg:document {doc} .
          FILTER (?type IN (mrkg:ProvisionCitation, mrkg:InstrumentMention))
          OPTIONAL {{ ?c nif:anchorOf ?anchor }}
          OPTIONAL {{ ?cited mrkg:number ?number }}
          OPTIONAL {{ ?cited skos:notation ?code }}
          OPTIONAL {{ ?cited mrkg:instrument/skos:notation ?code }}
          OPTIONAL {{ ?cited a ?kind . FILTER (?kind IN (mrkg:Article, mrkg:Objective, mrkg:Paragraph,
                                                         mrkg:Target, mrkg:GuidingPrinciple)) }}
        }}"""):
        kind = row["type"].removeprefix(MRKG)
        referent = _referent(row["cited"], row["code"], row["kind"], row["number"], kind == "ProvisionCitation")
        references[kind].append(PublishedReference(row["s"], int(row["begin"]), int(row["end"]),
                                                   row["anchor"] or "", referent))
    return PublishedDocument(sorted(statements.values(), key=lambda s: (s.start, s.end)),
                             _unique(references["ProvisionCitation"]), _unique(references["InstrumentMention"]))


def _unique(references: list[PublishedReference]) -> list[PublishedReference]:
    """One row per reference even where OPTIONALs multiply rows (e.g. two classes)."""
    seen: dict[tuple[str, int, int, Referent], PublishedReference] = {}
    for reference in references:
        seen.setdefault((reference.statement, reference.start, reference.end, reference.referent), reference)
    return sorted(seen.values(), key=lambda r: (r.start, r.end))


def _referent(iri: str, code: str | None, kind: str | None, number: str | None, provision: bool) -> Referent:
    """The cited thing as (code, kind, number), from its triples or, failing those, its IRI's path."""
    path = iri.removeprefix(ID + "instrument/").split("/")
    code = code or path[0].upper()
    if not provision:
        return Referent(code)
    steps = list(zip(path[1::2], path[2::2]))
    if kind is None and steps:
        token = steps[-1][0]
        kind = next((k for k in PROVISION_KINDS.values() if k.lower() == token.replace("-", "")), token)
    if number is None and steps:
        number = steps[0][1] + "".join(f"({n})" for _, n in steps[1:])
    return Referent(code, (kind or "").removeprefix(MRKG) or None, normal_number(number or ""))


# --------------------------------------------------------------------------- comparing


@dataclass
class Tally:
    """Counts for one category.  ``moot_found``: what the pipeline published where the gold marks a genuine
    ambiguity; ``moot_missing``: ambiguous places where it published nothing.  Neither counts in precision or
    recall; the worst case counts both against the pipeline, as if every ambiguity were settled the other way."""

    true_positives: int = 0
    false_positives: int = 0
    false_negatives: int = 0
    moot_found: int = 0
    moot_missing: int = 0

    def add(self, other: "Tally") -> None:
        for name in self.__dataclass_fields__:
            setattr(self, name, getattr(self, name) + getattr(other, name))

    @property
    def precision(self) -> float:
        found = self.true_positives + self.false_positives
        return self.true_positives / found if found else 1.0

    @property
    def recall(self) -> float:
        expected = self.true_positives + self.false_negatives
        return self.true_positives / expected if expected else 1.0

    def worst_case(self) -> "Tally":
        return Tally(self.true_positives, self.false_positives + self.moot_found,
                     self.false_negatives + self.moot_missing)


@dataclass
class Disagreement:
    source: str
    category: str  # one of CATEGORIES, "extent", or "moot" (a genuine ambiguity and what the pipeline chose)
    where: str  # "¶4 (line 43)"
    what: str

    def __str__(self) -> str:
        return f"{self.source} {self.category:<11} {self.where}: {self.what}"


@dataclass
class Comparison:
    """The outcome for one source: a tally per category and every disagreement."""

    source: str
    tallies: dict[str, Tally] = field(default_factory=lambda: {c: Tally() for c in CATEGORIES})
    extent_errors: int = 0
    disagreements: list[Disagreement] = field(default_factory=list)

    moot: Counter[tuple[str, str, str]] = field(default_factory=Counter)  # (category, why, found/missing)

    def note(self, category: str, where: str, what: str) -> None:
        self.disagreements.append(Disagreement(self.source, category, where, what))

    def moot_case(self, category: str, why: str, found: bool, where: str, what: str) -> None:
        """A genuine ambiguity: tally what the pipeline did there, apart from precision and recall."""
        tally = self.tallies[category]
        if found:
            tally.moot_found += 1
        else:
            tally.moot_missing += 1
        why = why or "unexplained"
        self.moot[category, why, "found" if found else "missing"] += 1
        self.note("moot", where, f"[{category}: {why}] {what}")


FOOTNOTE_BODY = re.compile(r"\s*(?:\[footnoteRef:\d+\]\s*)*\[\d+:")  # "[2:  International Convention …]"
TITLES = {"mr", "mrs", "ms", "miss", "dr", "prof", "professor", "h", "e", "he", "ambassador", "amb", "sir", "madam"}


def name_words(name: str) -> frozenset[str]:
    """The words of a name, without titles, accents, case or a truncation mark."""
    folded = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii").lower()
    return frozenset(w for w in re.findall(r"[a-z0-9]+", folded) if w not in TITLES)


def same_actor(names: Iterable[str], labels: Iterable[str]) -> bool:
    """Does any of the gold's names for one actor match any of the published labels?"""
    for name in names:
        wanted = name_words(name)
        for label in labels:
            words = name_words(label)
            if wanted and words and (wanted <= words or words <= wanted):
                return True
    return False


def _where(gold: GoldStatement) -> str:
    return f"{gold.key} (line {gold.first_line})"


def _line(text: str, offset: int) -> int:
    return text.count("\n", 0, offset) + 1


def compare(gold: GoldDocument, published: PublishedDocument) -> Comparison:
    result = Comparison(gold.source)
    pairs = _match_statements(gold, published, result)
    _compare_speakers(gold, published, pairs, result)
    _compare_references(gold, published.citations, "provisions", True, result)
    _compare_references(gold, published.mentions, "instruments", False, result)
    return result


def _match_statements(gold: GoldDocument, published: PublishedDocument,
                      result: Comparison) -> dict[int, PublishedStatement]:
    """Pair gold statements (by index) with published ones; tally and explain the rest."""
    tally = result.tallies["statements"]
    pairs: dict[int, PublishedStatement] = {}
    used: set[str] = set()
    previous_end = 0
    for index, statement in enumerate(gold.statements):
        pair = next((c for c in published.statements if c.iri not in used
                     and previous_end <= c.start <= statement.anchor < c.end), None)
        previous_end = statement.end
        if pair is not None:
            pairs[index] = pair
            used.add(pair.iri)
            _check_extent(gold, index, pair, result)
        if statement.optional:
            result.moot_case("statements", statement.moot.get("statement", ""), pair is not None, _where(statement),
                             f"optional statement {'published' if pair else 'not published'}: "
                             f"{_excerpt(gold.text, statement.anchor)}")
        elif pair is not None:
            tally.true_positives += 1
        else:
            tally.false_negatives += 1
            result.note("statements", _where(statement),
                        f"missed: {_excerpt(gold.text, statement.anchor)} {_covering(gold, published, statement)}")
        for line_start, anchor in statement.splits:
            if not any(line_start - 2 <= c.start <= anchor for c in published.statements):
                result.moot_case("statements", statement.moot.get("splits", ""), False,
                                 f"line {_line(gold.text, anchor)}",
                                 f"no statement starts at the possible split {_excerpt(gold.text, anchor)}")
    for candidate in published.statements:
        if candidate.iri in used:
            continue
        where = f"line {_line(gold.text, candidate.start)}"
        owner = _moot_owner(gold, candidate)
        if owner is not None:
            why = owner.moot.get("statement" if owner.optional else "splits", "")
            result.moot_case("statements", why, True, where, f"statement {candidate.iri.rsplit('/', 1)[-1]} starts "
                             f"at a possible split: {_excerpt(gold.text, candidate.start)}")
            continue
        tally.false_positives += 1
        result.note("statements", where, f"extra statement {candidate.iri.rsplit('/', 1)[-1]}: "
                    f"{_excerpt(gold.text, candidate.start)}")
    return pairs


def _moot_owner(gold: GoldDocument, candidate: PublishedStatement) -> GoldStatement | None:
    """The gold statement that makes a published statement's presence a genuine ambiguity: an optional one it
    starts in, or one that may or may not be split where it starts."""
    owner = gold.statement_at(candidate.start)
    if owner is None:
        owner = next((s for s in gold.statements if candidate.start <= s.anchor < candidate.end), None)
    return owner if owner is not None and (owner.optional or owner.split_at(candidate.start)) else None


def _covering(gold: GoldDocument, published: PublishedDocument, statement: GoldStatement) -> str:
    for candidate in published.statements:
        if candidate.start <= statement.anchor < candidate.end:
            return f"(inside published statement starting line {_line(gold.text, candidate.start)})"
    return "(no published statement covers it)"


def _check_extent(gold: GoldDocument, index: int, candidate: PublishedStatement, result: Comparison) -> None:
    """Does the published span end where the statement ends, without taking in the next one?"""
    statement = gold.statements[index]
    later = [s for s in gold.statements[index + 1:] if not s.optional]
    following = later[0].anchor if later else len(gold.text)
    problems = []
    if candidate.end < statement.end:
        rest = gold.text[candidate.end:statement.end]
        # Ending where inline footnotes begin is fair: they are not the paragraph's own words.
        if not FOOTNOTE_BODY.match(rest) and not any(
                not gold.text[candidate.end:anchor].strip(" \t\n/") for _, anchor in statement.splits):
            problems.append(f"ends early, before {_excerpt(gold.text, candidate.end, 40)}")
    elif candidate.end > following:
        problems.append(f"runs into the next statement ({_excerpt(gold.text, following, 40)})")
    else:
        spill = gold.text[statement.end:candidate.end]
        skipped = sum(len("".join(gold.text[s.line_start:s.end].split()))
                      for s in gold.statements if s.optional and statement.end <= s.anchor < candidate.end)
        if len("".join(spill.split())) - skipped > 120:
            problems.append(f"takes in {len(spill.strip())} characters after it: {_excerpt(spill.strip(), 0, 60)}")
    if statement.number is not None and candidate.number not in (None, statement.number):
        problems.append(f"paragraph number {candidate.number}, not {statement.number}")
    if problems:
        result.extent_errors += 1
        result.note("extent", _where(statement), "; ".join(problems))


def _excerpt(text: str, start: int, length: int = 50) -> str:
    snippet = " ".join(text[start:start + length].split())
    return repr(snippet + ("…" if len(text) > start + length else ""))


def _compare_speakers(gold: GoldDocument, published: PublishedDocument, pairs: dict[int, PublishedStatement],
                      result: Comparison) -> None:
    tally = result.tallies["speakers"]
    for index, statement in enumerate(gold.statements):
        if statement.optional:
            continue
        answers = [names for names in statement.speakers if names is not None]
        expected = " or ".join(names[0] for names in answers) + (" or none" if not statement.needs_speaker else "")
        given = pairs[index].speakers if index in pairs else []
        right = [labels for labels in given if any(same_actor(names, labels) for names in answers)]
        wrong = [labels for labels in given if labels not in right]
        if len(statement.speakers) > 1:  # several acceptable answers: whichever the pipeline chose is moot
            if not wrong:
                result.moot_case("speakers", statement.moot.get("speaker", ""), bool(right), _where(statement),
                                 f"speaker {', '.join(label for label, *_ in given) or 'none'} (acceptable: {expected})")
        elif right:
            tally.true_positives += 1
        elif statement.needs_speaker:
            tally.false_negatives += 1
        tally.false_positives += len(wrong)
        if wrong or (not right and statement.needs_speaker and len(statement.speakers) == 1):
            shown = ", ".join(labels[0] for labels in given) or "no speaker"
            result.note("speakers", _where(statement), f"{shown}; expected {expected}")
    matched = {p.iri for p in pairs.values()}
    for candidate in published.statements:
        if candidate.iri not in matched and candidate.speakers:
            owner = _moot_owner(gold, candidate)
            if owner is not None:
                result.moot_case("speakers", owner.moot.get("statement" if owner.optional else "splits", ""), True,
                                 f"line {_line(gold.text, candidate.start)}",
                                 f"speaker {candidate.speakers[0][0]} of a statement that may not exist")
            else:
                tally.false_positives += len(candidate.speakers)


def _compare_references(gold: GoldDocument, found: list[PublishedReference], category: str, provisions: bool,
                        result: Comparison) -> None:
    """Pair gold references with published ones of the same category by overlap and referent."""
    tally = result.tallies[category]
    expected = [r for s in gold.statements for r in s.references
                if r.referent is None or r.referent.is_provision == provisions]
    expected += [r for r in gold.outside if r.referent is None or r.referent.is_provision == provisions]
    used: set[int] = set()
    for reference in expected:
        hit = next((i for i, f in enumerate(found) if i not in used and reference.referent is not None
                    and reference.referent.accepts(f.referent)
                    and f.start < reference.end and reference.start < f.end), None)
        where = _reference_where(gold, reference.start)
        if hit is not None:
            used.add(hit)
        if reference.optional:
            # An optional reference to something outside the contract's table only shields what overlaps it.
            if hit is not None or reference.referent is not None:
                shown = f"published as {found[hit].referent}" if hit is not None else "not published"
                result.moot_case(category, reference.why, hit is not None, where, f"{reference.quote!r} {shown}")
        elif hit is not None:
            tally.true_positives += 1
        else:
            tally.false_negatives += 1
            result.note(category, where, f"missed {reference.quote!r} → {reference.referent}{_nearby(found, reference)}")
    for index, reference in enumerate(found):
        if index in used:
            continue
        where = _reference_where(gold, reference.start)
        overlapping = [r for r in expected if r.start < reference.end and reference.start < r.end]
        optional = next((r for r in overlapping if r.optional), None)
        repeated = any(r.referent is not None and r.referent.accepts(reference.referent) for r in overlapping)
        if optional is not None or repeated:
            # optional words, or a second reference for words already matched ("(MWC)" after the full name)
            why = optional.why if optional is not None else "second reference to the same words"
            result.moot_case(category, why, True, where, f"{reference.anchor!r} published as {reference.referent}")
            continue
        tally.false_positives += 1
        result.note(category, where, f"extra {reference.anchor!r} → {reference.referent}")


def _reference_where(gold: GoldDocument, offset: int) -> str:
    owner = gold.statement_at(offset)
    line = _line(gold.text, offset)
    return f"{owner.key} (line {line})" if owner else f"line {line}"


def _nearby(found: list[PublishedReference], reference: GoldReference) -> str:
    for other in found:
        if other.start < reference.end and reference.start < other.end:
            return f" (published {other.anchor!r} → {other.referent})"
    return ""


# --------------------------------------------------------------------------- reporting


def table(comparisons: list[Comparison]) -> str:
    """Precision/recall per source and category, the totals, and the totals in the worst case."""
    header = f"{'source':<26}" + "".join(f"{c:>29}" for c in CATEGORIES) + f"{'extent':>8}"
    lines = [header, f"{'':<26}" + "".join(f"{'P':>8}{'R':>7}{'n':>7}{'moot':>7}" for _ in CATEGORIES)]
    for comparison in comparisons:
        cells = "".join(_cells(comparison.tallies[c]) for c in CATEGORIES)
        lines.append(f"{Path(comparison.source).stem:<26}{cells}{comparison.extent_errors:>8}")
    overall = totals(comparisons)
    lines.append(f"{'all':<26}" + "".join(_cells(overall[c]) for c in CATEGORIES)
                 + f"{sum(c.extent_errors for c in comparisons):>8}")
    lines.append(f"{'all, worst case':<26}" + "".join(_cells(overall[c].worst_case()) for c in CATEGORIES))
    lines.append("(moot: places the gold marks as genuinely ambiguous, found+missing; the worst case settles "
                 "every one against the pipeline)")
    return "\n".join(lines)


def _cells(tally: Tally) -> str:
    expected = tally.true_positives + tally.false_negatives
    moot = f"{tally.moot_found}+{tally.moot_missing}" if tally.moot_found or tally.moot_missing else ""
    return f"{tally.precision:>8.3f}{tally.recall:>7.3f}{expected:>7}{moot:>7}"


def totals(comparisons: list[Comparison]) -> dict[str, Tally]:
    result = {c: Tally() for c in CATEGORIES}
    for comparison in comparisons:
        for category in CATEGORIES:
            result[category].add(comparison.tallies[category])
    return result


def compare_store(store: Any, golds: list[GoldDocument]) -> list[Comparison]:
    return [compare(gold, read_published(store, gold.stem)) for gold in golds]


def moot_summary(comparisons: list[Comparison]) -> str:
    """The genuine ambiguities by kind: how often the pipeline published something there, and how often not."""
    counts: Counter[tuple[str, str, str]] = Counter()
    for comparison in comparisons:
        counts.update(comparison.moot)
    kinds = sorted({(category, why) for category, why, _ in counts})
    lines = [f"{'ambiguity':<52}{'published':>10}{'not':>6}"]
    lines += [f"{category + ': ' + why:<52}{counts[category, why, 'found']:>10}{counts[category, why, 'missing']:>6}"
              for category, why in kinds]
    return "\n".join(lines)


def report(comparisons: list[Comparison]) -> str:
    lines = [table(comparisons), "", moot_summary(comparisons), ""]
    counts = Counter(d.category for c in comparisons for d in c.disagreements)
    lines.append("disagreements: " + ", ".join(f"{k} {v}" for k, v in sorted(counts.items())))
    for comparison in comparisons:
        lines.extend(str(d) for d in comparison.disagreements)
    return "\n".join(lines)


def store_from_pipeline(settings: Any = None) -> Any:
    """The graph the build would publish, made by calling the pipeline's steps up to (not including) SHACL
    validation, in an in-memory store: a way to see the agreement while a build is refused by its shapes.
    ``settings`` (a :class:`graph.settings.Settings`) defaults to the environment's."""
    import pyoxigraph

    from graph import pipeline
    from graph.catalogue_reader import load_catalogue
    from graph.settings import Settings

    settings = settings or Settings.from_env()
    catalogue = load_catalogue(settings.catalogue_dir)
    documents = pipeline.parse_sources(settings, catalogue, lambda line: None)
    dataset, _ = pipeline.assemble(documents, catalogue, pipeline.load_ontology(settings.ontology_dir))
    store = pyoxigraph.Store()
    store.load(dataset.serialize(format="nquads").encode("utf-8"), format=pyoxigraph.RdfFormat.N_QUADS)
    return store


def main(argv: list[str]) -> int:
    import pyoxigraph

    if len(argv) != 1:
        print("usage: python tests/gold_report.py STORE_DIR | --pipeline\n"
              "  STORE_DIR   a published store, e.g. var/current/store\n"
              "  --pipeline  run the pipeline's steps (without SHACL validation) instead", file=sys.stderr)
        return 2
    if argv[0] == "--pipeline":
        store = store_from_pipeline()
    elif Path(argv[0]).is_dir():
        store = pyoxigraph.Store.read_only(argv[0])
    else:
        print(f"no store at {argv[0]}", file=sys.stderr)
        return 2
    print(report(compare_store(store, load_all())))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
