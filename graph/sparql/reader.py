"""The machinery every production shares: position, backtracking, depth, terminals, what was found.

The grammar is a set of methods on one class, split by subject over the
modules of this package (expressions, triples, groups, queries, updates).
Each method reads one production at ``self.pos``: it returns what it read and
leaves ``self.pos`` after it, or raises :class:`Mismatch`, the engine's "this
alternative does not match here".  :meth:`Reader.attempt` is the engine's
ordered choice: try a production, and on a mismatch put the position (and
what was recorded since) back.  Like the engine, it does not undo the
parser's other state (declared prefixes, blank node labels seen, aggregates),
so a text is accepted exactly when the engine accepts it.
"""
from __future__ import annotations

import bisect
import re
from enum import Enum
from typing import Callable, Final, NoReturn, TypeVar

from graph.errors import QuerySyntaxError, QueryTooDeep
from graph.sparql import terminals as t
from graph.sparql.iris import Iri, IriError, parse_iri, resolve
from graph.sparql.language_tags import is_well_formed
from graph.sparql.reading import RemoteCall, line_and_column, shortened

T = TypeVar("T")


class Mismatch(Exception):
    """The production does not match at this position."""


class _Miss(Enum):
    """A one-member enum, so that ``found is MISS`` narrows ``found`` for the type checker."""
    MISS = "MISS"

    def __repr__(self) -> str:
        return "MISS"


MISS: Final = _Miss.MISS  # what attempt() returns when the production did not match
DEPTH_SETTING = "MRKG_MAX_QUERY_DEPTH"


class Reader:
    """The state of one reading of one text."""

    def __init__(self, text: str, base_iri: str | None, max_depth: int, keywords: re.Pattern[str] | None) -> None:
        self.text = text
        self.pos = 0
        self.base: Iri | None = _base(base_iri)
        self.prefixes: dict[str, str] = {}
        self.max_depth = max_depth
        self.depth = 0
        self.deepest = 0
        self.furthest = -1
        self.expected: list[str] = []
        self.problems: list[str] = []
        self.bnodes_used: set[str] = set()  # labels of finished groups: a label may not come back
        self.bnodes_current: set[str] = set()
        self.bnode_count = 0  # blank nodes written or implied so far (DELETE and DELETE DATA take none)
        self.data_labels: set[str] | None = None  # the labels of the INSERT DATA being read
        self.aggregate_frames: list[int] = []  # aggregates seen in each open SELECT
        self.calls: list[RemoteCall] = []
        self.notes: list[tuple[str, int]] = []  # ("where" | "with" | "using", offset) of an update's operations
        self.watched = [match.start() for match in keywords.finditer(text)] if keywords else []
        self.covered: list[int] = []  # watched offsets inside strings, IRIs, names and comments
        self._iri_cache: dict[str, str | IriError] = {}
        self._next_gt = (-1, -1)  # (from, at): no ">" between them
        self._fresh = 0

    # -- backtracking -------------------------------------------------------------

    def save(self) -> tuple[int, int, int, int, int, int]:
        return self.pos, len(self.calls), len(self.covered), len(self.notes), self.bnode_count, self.depth

    def restore(self, saved: tuple[int, int, int, int, int, int]) -> None:
        self.pos, calls, covered, notes, self.bnode_count, self.depth = saved
        del self.calls[calls:], self.covered[covered:], self.notes[notes:]

    def attempt(self, production: Callable[[], T]) -> T | _Miss:
        saved = self.save()
        try:
            return production()
        except Mismatch:
            self.restore(saved)
            return MISS

    def fail(self, expected: str) -> NoReturn:
        """This production does not match: note what was expected here, for the message, and give way."""
        self._note(expected, problem=False)
        raise Mismatch

    def reject(self, problem: str, at: int | None = None) -> NoReturn:
        """A failure that is not a missing token: the engine's own checks (scope, blank nodes, IRIs…)."""
        if at is not None:
            self.pos = at
        self._note(problem, problem=True)
        raise Mismatch

    def _note(self, what: str, problem: bool) -> None:
        """Keep what went wrong furthest into the text: that is where a person should look."""
        if self.pos > self.furthest:
            self.furthest = self.pos
            self.expected, self.problems = [], []
        if self.pos == self.furthest:
            kept = self.problems if problem else self.expected
            if what not in kept:
                kept.append(what)

    def syntax_error(self) -> QuerySyntaxError:
        line, column = line_and_column(self.text, max(self.furthest, 0))
        if self.problems:
            what = self.problems[0]
        elif self.expected:
            shown = sorted(self.expected)[:12]
            what = "expected " + (shown[0] if len(shown) == 1 else ", ".join(shown[:-1]) + " or " + shown[-1])
        else:
            what = "unexpected text"
        ending = ""
        if not self.problems:
            found = self.text[self.furthest:self.furthest + 20]
            ending = f", found {found!r}" if found else " (the text ends here)"
        return QuerySyntaxError(f"error at {line}:{column}: {what}{ending}", line, column)

    # -- depth --------------------------------------------------------------------

    def enter(self) -> int:
        """One level deeper (a nested group or parenthesis, or a link of a chain); the level to return to."""
        outer = self.depth
        self.depth = outer + 1
        if self.depth > self.deepest:
            self.deepest = self.depth
            if self.depth > self.max_depth:
                line, column = line_and_column(self.text, self.pos)
                raise QueryTooDeep(
                    f"the query is nested too deeply: at line {line}, column {column} it is more than "
                    f"{self.max_depth:,} levels deep (each nested group or parenthesis, and each FILTER, pattern, "
                    f"UNION branch or operator of a chain counts one); this server accepts at most "
                    f"{self.max_depth:,} ({DEPTH_SETTING})", line, column)
        return outer

    # -- characters and keywords --------------------------------------------------

    def skip(self) -> None:
        """White space and comments (the grammar's ``_``)."""
        match = t.WHITESPACE.match(self.text, self.pos)
        assert match is not None
        end = match.end()
        if end != self.pos:
            if self.watched and self.text.find("#", self.pos, end) >= 0:
                for comment in t.COMMENT.finditer(self.text, self.pos, end):
                    self.opaque(comment.start(), comment.end())
            self.pos = end

    def at(self, token: str) -> bool:
        return self.text.startswith(token, self.pos)

    def char(self) -> str:
        return self.text[self.pos:self.pos + 1]

    def punct(self, token: str) -> None:
        if not self.text.startswith(token, self.pos):
            self.fail(f"'{token}'")
        self.pos += len(token)

    def at_keyword(self, word: str) -> bool:
        """The next characters spell ``word`` (ASCII letters, any case): the engine looks no further."""
        chunk = self.text[self.pos:self.pos + len(word)]
        return chunk.upper() == word and chunk.isascii()

    def keyword(self, word: str) -> None:
        if not self.at_keyword(word):
            self.fail(word)
        self.pos += len(word)

    def opaque(self, start: int, end: int) -> None:
        """Text that is a string, IRI, name or comment: a keyword in it is not one."""
        if self.watched:
            index = bisect.bisect_left(self.watched, start)
            while index < len(self.watched) and self.watched[index] < end:
                self.covered.append(self.watched[index])
                index += 1

    # -- terminals ----------------------------------------------------------------

    def variable(self) -> str:
        match = t.VARIABLE.match(self.text, self.pos)
        if match is None:
            self.fail("a variable")
        self.opaque(self.pos, match.end())
        self.pos = match.end()
        return match.group(1)

    def iri(self) -> str:
        """IRIREF or a prefixed name: the absolute IRI the engine makes of it."""
        return self.iriref() if self.at("<") else self.prefixed_name()

    def iriref(self) -> str:
        start = self.pos
        if not self.at("<"):
            self.fail("an IRI")
        close = self._find_gt(start + 1)
        if close < 0:
            self.fail("an IRI")
        value = self._resolved(self.text[start + 1:close])
        if isinstance(value, IriError):
            self.reject(f"<{shortened(self.text[start + 1:close], 60)}> is not an IRI: {value}", start)
        self.opaque(start, close + 1)
        self.pos = close + 1
        return value

    def _resolved(self, body: str) -> str | IriError:
        cached = self._iri_cache.get(body)
        if cached is None:
            unescaped = t.unescape_iri(body)
            try:
                if unescaped is None:
                    raise IriError("only \\uXXXX and \\UXXXXXXXX escapes, naming a character, are allowed")
                cached = resolve(self.base, unescaped).value
            except IriError as error:
                cached = error
            self._iri_cache[body] = cached
        return cached

    def _find_gt(self, start: int) -> int:
        """The next ">" from ``start``, remembered: a text of many "<" is not searched again and again."""
        searched_from, found = self._next_gt
        if 0 <= searched_from <= start and (found < 0 or start <= found):
            return found
        found = self.text.find(">", start)
        self._next_gt = (start, found)
        return found

    def prefixed_name(self) -> str:
        start = self.pos
        namespace_end = t.PNAME_NS.match(self.text, start)
        if namespace_end is None:
            self.fail("a prefixed name")
        prefix = self.text[start:namespace_end.end() - 1]
        namespace = self.prefixes.get(prefix)
        if namespace is None:
            self.reject(f"the prefix '{shortened(prefix, 60)}:' is not declared", start)
        self.pos = namespace_end.end()
        local = t.PN_LOCAL.match(self.text, self.pos)
        if local is not None:
            value = namespace + t.local_name(local.group())
            try:
                parse_iri(value)
            except IriError:
                local = None  # the engine then reads the namespace alone, and the local part as what follows
            else:
                self.pos = local.end()
                self.opaque(start, self.pos)
                return value
        self.opaque(start, self.pos)
        return namespace

    def blank_node(self) -> None:
        if self.at("_:"):
            match = t.BLANK_NODE_LABEL.match(self.text, self.pos)
            if match is None:
                self.fail("a blank node")
            label = match.group(1)
            if label in self.bnodes_used:
                self.reject(f"the blank node _:{shortened(label, 40)} is used in another group or operation")
            self.bnodes_current.add(label)
            if self.data_labels is not None:
                self.data_labels.add(label)
            self.opaque(self.pos, match.end())
            self.pos = match.end()
        elif self.at("["):
            self.anonymous()
        else:
            self.fail("a blank node")
        self.bnode_count += 1

    def anonymous(self) -> None:
        """ANON: ``[`` and ``]`` with only white space between (no comment)."""
        after = t.BLANKS.match(self.text, self.pos + 1)
        assert after is not None
        if not self.at("[") or not self.text.startswith("]", after.end()):
            self.fail("'[]'")
        self.pos = after.end() + 1

    def nil(self) -> None:
        """NIL: ``(`` and ``)`` with only white space between (no comment)."""
        after = t.BLANKS.match(self.text, self.pos + 1)
        assert after is not None
        if not self.at("(") or not self.text.startswith(")", after.end()):
            self.fail("'()'")
        self.pos = after.end() + 1

    def flush_blank_nodes(self) -> None:
        """A group opens or closes: labels used so far may not be used again (Query §4.1.4)."""
        self.bnodes_used |= self.bnodes_current
        self.bnodes_current.clear()

    def string(self) -> str:
        first = self.char()
        if first not in ("'", '"'):
            self.fail("a string")
        for opener in (first * 3, first):
            match = t.STRINGS[opener].match(self.text, self.pos)
            if match is not None:
                value = t.unescape_string(match.group(1))
                if value is not None:
                    self.opaque(self.pos, match.end())
                    self.pos = match.end()
                    return value
        self.fail("a string")

    def number(self) -> None:
        """NumericLiteral: unsigned, or a sign, white space allowed, then the digits."""
        start = self.pos
        if self.char() in ("+", "-"):
            self.pos += 1
            self.skip()
        for pattern in (t.DOUBLE, t.DECIMAL, t.INTEGER):
            match = pattern.match(self.text, self.pos)
            if match is not None:
                self.pos = match.end()
                return
        self.pos = start
        self.fail("a number")

    def boolean(self) -> None:
        for word in ("true", "false"):  # lower case only, unlike keywords
            if self.at(word):
                self.pos += len(word)
                return
        self.fail("true or false")

    def literal(self) -> None:
        """RDFLiteral: a string, then ``^^`` and a datatype IRI, or a language tag, or nothing."""
        self.string()
        after = self.pos
        self.skip()
        if self.at("^^"):
            self.pos += 2
            self.skip()
            if self.attempt(self.iri) is not MISS:
                return
            self.pos = after
            self.skip()
        if self.at("@") and self.attempt(self.language) is not MISS:
            return
        self.pos = after

    def language(self) -> None:
        match = t.LANGUAGE.match(self.text, self.pos)
        if match is None:
            self.fail("a language tag")
        if not is_well_formed(match.group(1)):
            self.reject(f"@{shortened(match.group(1), 40)} is not a well-formed language tag")
        if match.group(2) not in ("", "--ltr", "--rtl"):
            self.reject("the only base directions are --ltr and --rtl")
        self.opaque(self.pos, match.end())
        self.pos = match.end()

    def count(self, clause: str) -> int:
        """The INTEGER after LIMIT or OFFSET, which the engine keeps in a machine word."""
        match = t.INTEGER.match(self.text, self.pos)
        if match is None:
            self.fail("an integer")
        value = int(match.group())
        if value > t.LARGEST_COUNT:
            self.reject(f"{clause} {shortened(match.group(), 40)} is larger than the largest the engine accepts "
                        f"({t.LARGEST_COUNT})")
        self.pos = match.end()
        return value

    def fresh_variable(self) -> str:
        """A variable no query can name (the engine's own for aggregates and expressions)."""
        self._fresh += 1
        return f" {self._fresh}"


def _base(base_iri: str | None) -> Iri | None:
    if base_iri is None:
        return None
    try:
        return parse_iri(base_iri)
    except IriError as error:
        raise QuerySyntaxError(f"the base IRI {shortened(base_iri, 80)!r} is not an IRI: {error}", 1, 1) from None
