"""How sure a link from a statement to a provision is: the provision's telling words the statement uses.

The method (issue 13, item 5), measured against the explicit citations it is not shown
(``tests/inference_report.py``; figures in the README):

1. **Words.** The statement's words and each provision's title, names and text are cut to stems
   (``graph.infer.words``); each stem weighs by how few provisions use it (``graph.infer.provisions``).
2. **Coverage.** For a title or a name, the share of its weight the statement's words cover: all of
   "child-sensitive", half of "use migration detention only as a measure of last resort and work
   towards alternatives" for "alternatives to detention".  For a provision's text, which is long, the
   weight covered saturates (``TEXT_HALF``): many of its telling words are needed, not all.  The
   fields combine as independent evidence (1 − Π(1 − s)).
3. **Context.** A statement that names the provision's instrument (or cites another of its provisions)
   keeps the score; one whose document names it elsewhere keeps ``DOCUMENT_CONTEXT`` of it; where neither names
   it, its provisions are no candidates.  "Alternatives to detention" is objective 13 when the Compact is being
   discussed (measured: links to instruments out of view were almost all unconfirmed).
   A word the statement says again weighs more (saturating, ``REPEAT_K``); a word most statements of the
   same source use weighs less (``SOURCE_DAMPING``); the weight met must also be large in itself
   (``MASS_SCALE``), so two words that make up a short title are less sure than the same share of a long one.
4. **Evidence.** A provision with a title or names needs ``MIN_STEMS`` of their words (or one said twice, or
   a whole title or name); one known by its text alone, ``MIN_TEXT_STEMS`` of its words.  A provision the
   statement cites, or one part of or containing a cited one, is never a candidate; at most
   ``PER_STATEMENT`` links per statement, the surest first.

The confidence is that score, rounded to ``DIGITS`` places (the same input, the same bytes), and never above
``MOST``: a guess is never certain.
"""
from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass

from graph.infer.provisions import Field, Profile, ProvisionIndex
from graph.infer.statements import SourceStatements, StatementWords, instruments_of
from graph.infer.words import Word, words

METHOD = "term-coverage-1"  # the name the graph records; change it when the scoring changes
THRESHOLD = 0.4  # the lowest confidence published (chosen on the table in the README)
TEXT_HALF = 20.0  # the weight of a provision's text a statement must cover for a share of one half
TYPICAL_STEMS = 40  # distinct telling words of a statement of a few sentences (longer ones need more)
DOCUMENT_CONTEXT = 0.8  # the share of its score a link keeps when only the statement's document names the instrument
MIN_STEMS = 2  # words of a title or names a statement must use (or one of them twice, or a whole title)
MIN_TEXT_STEMS = 3  # words of its text, for a provision known by its text alone
PER_STATEMENT = 3
MASS_SCALE = 4.0  # the weight met for a factor 1 − 1/e ≈ 0.63
REPEAT_K = 1.2  # how fast a repeated word's weight saturates (BM25's k1)
SOURCE_DAMPING = 0.8  # how much a word every statement of the source uses loses of its weight
MIN_STATEMENTS_FOR_SOURCE_WEIGHT = 8
DIGITS = 3
MOST = 0.999


@dataclass(frozen=True)
class Evidence:
    """Words of the statement (document offsets, as printed) and what of the provision they met."""

    begin: int
    end: int
    words: str
    field: str  # "title", "name" or "text"
    matched: str  # the provision's own words, as printed in that field


@dataclass(frozen=True)
class Link:
    statement: str
    document: str
    provision: str
    confidence: float
    evidence: tuple[Evidence, ...]


def infer(source: SourceStatements, index: ProvisionIndex, threshold: float = THRESHOLD) -> list[Link]:
    """The links of every statement of ``source`` at or above ``threshold``, in a fixed order."""
    links = []
    weight = _source_weight(source, index.weight)
    for statement in source.statements:
        context = source.document_instruments.get(statement.document, frozenset())
        links += statement_links(statement, context, index, threshold, weight)
    return links


def _source_weight(source: SourceStatements, weight: dict[str, float]) -> dict[str, float]:
    """The catalogue's weights, lowered for the words most of this source's statements use: a record of a
    day on detention says "detention" everywhere, and a statement is about what sets it apart."""
    if len(source.statements) < MIN_STATEMENTS_FOR_SOURCE_WEIGHT:
        return weight
    used: Counter[str] = Counter()
    for statement in source.statements:
        used.update({word.stem for word in words(statement.passage)})
    total = len(source.statements)
    return {stem: value * (1.0 - SOURCE_DAMPING * used[stem] / total) for stem, value in weight.items()}


def statement_links(statement: StatementWords, document_context: frozenset[str], index: ProvisionIndex,
                    threshold: float, weight: dict[str, float] | None = None) -> list[Link]:
    said = words(statement.passage)
    if not said:
        return []
    stems = Counter(word.stem for word in said)
    own = instruments_of(statement, index.instrument_of)
    scored = []
    for profile in index.profiles:
        if any(index.related(profile.iri, cited) for cited in statement.cites):
            continue  # cited already: an inference adds nothing (and is never a citation)
        if profile.instrument in own:
            factor = 1.0
        elif profile.instrument in document_context:
            factor = DOCUMENT_CONTEXT
        else:
            continue  # an instrument nobody here names: the same words are about something else
        score, met = _coverage(profile, stems, index.weight if weight is None else weight)
        if not met:
            continue
        confidence = min(round(score * factor, DIGITS), MOST)  # a guess is never certain
        if confidence >= threshold:
            scored.append((confidence, profile, met))
    scored.sort(key=lambda found: (-found[0], found[1].iri))
    return [Link(statement.iri, statement.document, profile.iri, confidence, _evidence(statement, said, met))
            for confidence, profile, met in scored[:PER_STATEMENT]]


def _coverage(profile: Profile, stems: Counter[str], weight: dict[str, float]) -> tuple[float, dict[str, Field]]:
    """The provision's score for these stems, and each stem met with the field it is best evidence from."""
    missing = 1.0
    met: dict[str, Field] = {}
    whole = False
    for found in profile.fields:
        own = found.stems
        common = own & stems.keys()
        if not common:
            continue
        # A word the statement says again is what it is about: its weight grows with each use, less and less.
        covered = sum(weight.get(s, 0.0) * _repeated(stems[s]) for s in common)
        if found.kind == "text":
            # A long statement meets more of a long text by chance: the half-way weight grows with its length.
            share = covered / (covered + TEXT_HALF * max(1.0, len(stems) / TYPICAL_STEMS))
        else:
            share = min(1.0, covered / sum(weight.get(s, 0.0) for s in own))
            whole = whole or common == own
        missing *= 1.0 - share
        for stem in sorted(common):
            met.setdefault(stem, found)  # fields come title, names, text: the first is the best evidence
    if not _enough(profile, met, stems, whole):
        return 0.0, {}
    mass = sum(weight.get(s, 0.0) * _repeated(stems[s]) for s in met)
    # Two common words that make up a short title ("international cooperation") are less sure than the same
    # share of a long one: the weight met must also be large in itself.
    return (1.0 - missing) * (1.0 - math.exp(-mass / MASS_SCALE)), met


def _enough(profile: Profile, met: dict[str, Field], stems: Counter[str], whole: bool) -> bool:
    """Evidence enough to name a provision: a provision with a title or names is discussed in their words (its
    text only adds to them): ``MIN_STEMS`` of them, one said again, or a whole title or name; a provision known by
    its text alone needs ``MIN_TEXT_STEMS`` of its words."""
    if any(f.kind != "text" for f in profile.fields):
        named = [s for s, f in met.items() if f.kind != "text"]
        return whole or len(named) >= MIN_STEMS or any(stems[s] >= 2 for s in named)
    return len(met) >= MIN_TEXT_STEMS


def _repeated(count: int) -> float:
    return count * (1 + REPEAT_K) / (count + REPEAT_K)


def _evidence(statement: StatementWords, said: list[Word], met: dict[str, Field]) -> tuple[Evidence, ...]:
    """The first place the statement uses each word met, runs of neighbouring words joined into one span."""
    first: dict[str, Word] = {}
    for word in said:
        if word.stem in met and word.stem not in first:
            first[word.stem] = word
    chosen = sorted(first.values(), key=lambda w: w.begin)
    spans: list[list[Word]] = []
    for word in chosen:
        previous = spans[-1][-1] if spans else None
        if previous is not None and met[previous.stem] is met[word.stem] and _neighbours(statement.passage, previous, word):
            spans[-1].append(word)
        else:
            spans.append([word])
    found = []
    for span in spans:
        begin, end = span[0].begin, span[-1].end
        source = met[span[0].stem]
        found.append(Evidence(statement.begin + begin, statement.begin + end, statement.passage[begin:end],
                              source.kind, source.printed(w.stem for w in span)))
    return tuple(found)


def _neighbours(passage: str, left: Word, right: Word) -> bool:
    """Two words with at most a few function words between them ("alternatives to detention")."""
    between = passage[left.end:right.begin]
    return len(between) <= 12 and not any(mark in between for mark in ".;:()\n")
