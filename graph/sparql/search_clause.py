"""The text-search SERVICE of the contract, read from a query and written back as the engine's own VALUES.

    SERVICE <https://w3id.org/mrkg/search> { ?st mrkg:query "detention" ; mrkg:score ?score ; mrkg:snippet ?snip }

is answered by the service itself (design notes, "the contract, second
part"): the clause is found in the parsed query, where the guard finds every
SERVICE, with its endpoint resolved the way the engine resolves it (a
prefixed name, a BASE-relative IRI, ``\\u`` escapes), never by matching the
text.  Its pattern must be a few triples on one subject variable:

    mrkg:query "words"      required, a constant string: the search text (its syntax is the search box's)
    mrkg:kind "statement"   optional, constant: only resources of this kind (statement, provision, actor…)
    mrkg:lang "en"          optional, constant: only statements in this language
    mrkg:limit 50           optional, constant integer: at most this many (DEFAULT_LIMIT, at most MAX_LIMIT)
    mrkg:score ?v  mrkg:snippet ?v  mrkg:label ?v  mrkg:rank ?v     what to bind (rank: 1 for the best)

:func:`values_block` writes the matches as an inline ``VALUES`` block that
takes the clause's place, so the engine joins them with the rest of the query
as it would the SERVICE's solutions.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from graph.errors import PositionedQueryError
from graph.sparql import terminals as t
from graph.sparql.reader import MISS, Mismatch, Reader
from graph.sparql.reading import Reading, RemoteCall, line_and_column, shortened

SEARCH_SERVICE = "https://w3id.org/mrkg/search"
MRKG = "https://w3id.org/mrkg/ontology#"
DEFAULT_LIMIT = 100
MAX_LIMIT = 1000
INPUTS = ("query", "kind", "lang", "limit")
OUTPUTS = ("score", "snippet", "label", "rank")
KINDS = ("statement", "provision", "instrument", "actor", "document", "topic")  # graph.search.SearchRequest.kinds
LANGUAGES = ("en", "fr", "es")
XSD = "http://www.w3.org/2001/XMLSchema#"


class SearchClauseError(PositionedQueryError):
    """A search SERVICE clause the service cannot answer: what is wrong, at which line and column."""

    status = 400


@dataclass(frozen=True)
class SearchClause:
    """One search SERVICE clause: where it is in the text, what it asks, which variables it binds."""

    start: int
    end: int
    silent: bool
    subject: str  # the variable bound to each matching resource
    text: str
    kind: str | None = None
    lang: str | None = None
    limit: int = DEFAULT_LIMIT
    outputs: dict[str, str] = field(default_factory=dict)  # "score" | "snippet" | "label" | "rank" -> variable


@dataclass(frozen=True)
class Match:
    """One matching resource, as the search engine ranked it."""

    iri: str
    score: float
    snippet: str
    label: str


def search_calls(reading: Reading) -> list[RemoteCall]:
    return [call for call in reading.remote_calls if call.keyword == "SERVICE" and call.iri == SEARCH_SERVICE]


def search_clauses(text: str, reading: Reading) -> list[SearchClause]:
    """Every search SERVICE clause of a query that the reading found, read for what it asks."""
    found = []
    for call in search_calls(reading):
        reader = _PatternReader(text, reading, call)
        found.append(reader.clause())
    _check_not_nested(found, text)
    return found


def _check_not_nested(clauses: list[SearchClause], text: str) -> None:
    # The pattern of one holds only triples, so two clauses can only be apart; said plainly if that ever breaks.
    spans = sorted((clause.start, clause.end) for clause in clauses)
    for (_, end), (start, _) in zip(spans, spans[1:]):
        if start < end:
            line, column = line_and_column(text, start)
            raise SearchClauseError(f"a search SERVICE at line {line}, column {column} is inside another", line, column)


class _PatternReader(Reader):
    """Reads the group of one search SERVICE with the query's prefixes and base."""

    def __init__(self, text: str, reading: Reading, call: RemoteCall) -> None:
        super().__init__(text, reading.base, max_depth=1, keywords=None)
        self.prefixes = dict(reading.prefixes)
        self.call = call
        self.pos = call.body

    def refuse(self, problem: str, at: int | None = None) -> SearchClauseError:
        line, column = line_and_column(self.text, self.pos if at is None else at)
        return SearchClauseError(f"the search SERVICE <{SEARCH_SERVICE}> at line {line}, column {column}: {problem}",
                                 line, column)

    def clause(self) -> SearchClause:
        try:
            return self._clause()
        except Mismatch:
            raise self.refuse("its pattern must be triples on one subject variable, with mrkg:query \"text\" and "
                              "optionally mrkg:kind, mrkg:lang, mrkg:limit, mrkg:score ?v, mrkg:snippet ?v, "
                              "mrkg:label ?v, mrkg:rank ?v") from None

    def _clause(self) -> SearchClause:
        self.punct("{")
        self.skip()
        subject: str | None = None
        values: dict[str, tuple[str | int, int]] = {}
        while not self.at("}"):
            at = self.pos
            if self.char() not in ("?", "$"):
                if self.char() in ("<", "_", "[", '"', "'") or self.attempt(self.prefixed_name) is not MISS:
                    raise self.refuse("the subject of its pattern must be a variable (bound to each matching "
                                      "resource)", at)
                raise Mismatch  # a FILTER, a group, another pattern: the general message says what it takes
            name = self.variable()
            if subject is not None and name != subject:
                raise self.refuse(f"its pattern has two subjects, ?{shortened(subject, 40)} and "
                                  f"?{shortened(name, 40)}; it binds one", at)
            subject = name
            self.skip()
            self._properties(values)
            if self.at("."):
                self.pos += 1
                self.skip()
        self.pos += 1
        if subject is None or "query" not in values:
            raise self.refuse("its pattern must give the search text: ?resource mrkg:query \"words\"")
        return self._made(subject, values)

    def _properties(self, values: dict[str, tuple[str | int, int]]) -> None:
        while True:
            at = self.pos
            name = self._property()
            self.skip()
            if name in values:
                raise self.refuse(f"mrkg:{name} is given twice", at)
            values[name] = (self._value(name), at)
            self.skip()
            if not self.at(";"):
                return
            while self.at(";"):
                self.pos += 1
                self.skip()
            if self.at(".") or self.at("}"):
                return

    def _property(self) -> str:
        at = self.pos
        if self.char() in ("?", "$"):
            raise self.refuse("a property of its pattern is a variable; name one of mrkg:" + ", mrkg:".join(
                INPUTS + OUTPUTS))
        iri = self.iri()
        name = iri[len(MRKG):] if iri.startswith(MRKG) else ""
        if name not in INPUTS + OUTPUTS:
            raise self.refuse(f"<{shortened(iri, 80)}> is not a property of the search; it takes mrkg:"
                              + ", mrkg:".join(INPUTS + OUTPUTS), at)
        return name

    def _value(self, name: str) -> str | int:
        if name in OUTPUTS:
            if self.char() not in ("?", "$"):
                raise self.refuse(f"mrkg:{name} binds a variable: write mrkg:{name} ?{name}")
            return self.variable()
        if self.char() in ("?", "$"):
            raise self.refuse(f"mrkg:{name} must be a constant, written in the query: the search runs before the "
                              f"rest of the query, so a variable has no value yet")
        if name == "limit":
            match = t.INTEGER.match(self.text, self.pos)
            if match is None or not 1 <= int(match.group()) <= MAX_LIMIT:
                raise self.refuse(f"mrkg:limit must be a whole number from 1 to {MAX_LIMIT}")
            self.pos = match.end()
            return int(match.group())
        if self.char() not in ("'", '"'):
            raise self.refuse(f"mrkg:{name} must be a string, e.g. mrkg:{name} \"…\"")
        value = self.string()
        if self.at("@"):
            self.language()
        elif self.at("^^"):
            self.pos += 2
            self.skip()
            self.iri()
        return value

    def _made(self, subject: str, values: dict[str, tuple[str | int, int]]) -> SearchClause:
        outputs = {name: str(values[name][0]) for name in OUTPUTS if name in values}
        taken = [subject, *outputs.values()]
        if len(set(taken)) < len(taken):
            raise self.refuse("its pattern binds one variable to two things; give each its own")
        text = str(values["query"][0])
        if not text.strip():
            raise self.refuse("mrkg:query is empty: give words to search for", values["query"][1])
        kind = values.get("kind")
        if kind and kind[0] not in KINDS:
            raise self.refuse(f"mrkg:kind {shortened(str(kind[0]), 40)!r} is not a kind of resource; "
                              f"one of {', '.join(KINDS)}", kind[1])
        lang = values.get("lang")
        if lang and lang[0] not in LANGUAGES:
            raise self.refuse(f"mrkg:lang {shortened(str(lang[0]), 40)!r} is not a language of the statements; "
                              f"one of {', '.join(LANGUAGES)}", lang[1])
        limit = values.get("limit")
        return SearchClause(self.call.offset, self.call.end, self.call.silent, subject, text,
                            str(kind[0]) if kind else None, str(lang[0]) if lang else None,
                            int(limit[0]) if limit else DEFAULT_LIMIT, outputs)


def values_block(clause: SearchClause, matches: list[Match]) -> str:
    """The clause's solutions as an inline VALUES block (rank 1 for the best)."""
    names = [clause.subject, *clause.outputs.values()]
    rows = []
    for rank, found in enumerate(matches, start=1):
        cells = [_iri(found.iri)]
        for output in clause.outputs:
            cells.append({"score": lambda: f'"{float(found.score)!r}"^^<{XSD}double>',
                          "snippet": lambda: _string(found.snippet),
                          "label": lambda: _string(found.label),
                          "rank": lambda: f'"{rank}"^^<{XSD}integer>'}[output]())
        rows.append("(" + " ".join(cells) + ")")
    head = " ".join(f"?{name}" for name in names)
    return f"VALUES ({head}) {{ {' '.join(rows)} }}"


def failed_silently() -> str:
    """What a SERVICE SILENT that failed leaves (Query §8.3.1 of the federation spec): one empty solution."""
    return "{}"


def _iri(value: str) -> str:
    for char in '<>"{}|^`\\':
        value = value.replace(char, f"%{ord(char):02X}")
    return "<" + "".join(c if ord(c) > 0x20 else f"%{ord(c):02X}" for c in value) + ">"


def _string(value: str) -> str:
    escaped = (value.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\r", "\\r")
               .replace("\t", "\\t"))
    return f'"{escaped}"'


def rewritten(text: str, replacements: list[tuple[SearchClause, str]]) -> str:
    """The text with each clause replaced (from the last, so the offsets of the others stay true)."""
    for clause, replacement in sorted(replacements, key=lambda pair: pair[0].start, reverse=True):
        text = text[:clause.start] + replacement + text[clause.end:]
    return text
