"""A query the engine refuses, explained in plain words: where the mistake is and what would mend it.

The engine's message names the tokens its grammar would have taken where it stopped
("expected one of LATERAL, SERVICE, [_]"), often at the end of the text rather than
at the mistake.  The service's own reader (:mod:`graph.sparql`) stops where a person
should look and knows what it expected there; this module reads the query with it
and says the usual mistakes as a person would (issue 14, point 1):

* a prefixed name whose prefix is not declared: which prefix, and the ``PREFIX``
  line to add when the prefix is one this graph uses (:data:`graph.vocab.PREFIX_MAP`);
* braces that do not balance: the ``{`` never closed, or the ``}`` that closes nothing;
* two triple patterns without the ``.`` between them;
* a keyword misspelt (``LIMT``, ``SELEC``), or in the wrong place (``LIMIT`` inside
  the braces of ``WHERE``);
* otherwise: "After ``WHERE {`` the query expects a triple pattern or a ``}``, but
  finds ``LIMIT``".

It runs where the query was refused, in a query worker, and reads at most
:data:`MAX_EXPLAINED_CHARS` characters: a longer text keeps the engine's message alone.
"""
from __future__ import annotations

import difflib
import re
from dataclasses import asdict, dataclass
from typing import Any

from graph.errors import QuerySyntaxError, QueryTooDeep
from graph.sparql import DEFAULT_MAX_DEPTH, QUERY_KEYWORDS, UPDATE_KEYWORDS, _allow_recursion
from graph.sparql.reader import Mismatch
from graph.sparql.reading import line_and_column
from graph.sparql.updates import UpdateGrammar
from graph.vocab import PREFIX_MAP

MAX_EXPLAINED_CHARS = 100_000
KEYWORDS = ("SELECT", "CONSTRUCT", "DESCRIBE", "ASK", "WHERE", "PREFIX", "BASE", "FROM", "NAMED", "OPTIONAL",
            "FILTER", "BIND", "VALUES", "UNION", "MINUS", "GRAPH", "SERVICE", "DISTINCT", "REDUCED", "LIMIT",
            "OFFSET", "ORDER", "GROUP", "HAVING", "BY", "ASC", "DESC", "AS", "EXISTS", "NOT", "IN", "COUNT")
SOLUTION_MODIFIERS = ("LIMIT", "OFFSET", "ORDER", "GROUP", "HAVING")
TERM_EXPECTED = "a variable, an IRI, a literal or a blank node"
_TOKEN = re.compile(r'<[^<>\s"{}|^`\\]*>|"(?:[^"\\\n]|\\.)*"|\'(?:[^\'\\\n]|\\.)*\'|[?$]\w+|[\w.:-]*\w|\S')
_STARTS_TERM = re.compile(r'[?$]\w|<[^<>\s]*>|"|\'|[A-Za-z_][\w.-]*:|:|\d|\[')
_NOT_DECLARED = re.compile(r"the prefix '([^']*):' is not declared")


@dataclass(frozen=True)
class Explanation:
    """Where the mistake is (1-based line and column, in characters) and what it is, in a sentence."""

    line: int
    column: int
    text: str
    fix: str | None = None  # a line to add to the query, where one would mend it

    def as_dict(self) -> dict[str, Any]:
        return {name: value for name, value in asdict(self).items() if value is not None}


def explain(text: str, update: bool = False, max_depth: int = DEFAULT_MAX_DEPTH) -> Explanation | None:
    """The mistake in ``text`` in plain words; None when the service's reader accepts the text, or it is too long."""
    if len(text) > MAX_EXPLAINED_CHARS:
        return None
    reader = UpdateGrammar(text, None, max_depth, UPDATE_KEYWORDS if update else QUERY_KEYWORDS)
    _allow_recursion(min(max_depth, 3 * len(text)))
    try:
        reader.update() if update else reader.query()
    except Mismatch:
        return _explained(text, max(reader.furthest, 0), reader.expected, reader.problems)
    except (QuerySyntaxError, QueryTooDeep) as error:
        return Explanation(error.line, error.column, str(error).split(": ", 1)[-1])
    return None


def _explained(text: str, at: int, expected: list[str], problems: list[str]) -> Explanation:
    found = _token_at(text, at)
    line, column = line_and_column(text, at)
    if problems:
        return _problem(problems[0], line, column)
    braces = _unbalanced(text, at, found)
    if braces is not None:
        return braces
    before = _tokens_before(text, at)
    if found and _STARTS_TERM.match(found) and before and _ends_term(before[-1]) and _group_could_end(expected):
        return Explanation(line, column, f"Two triple patterns need a `.` between them: a new pattern starts with "
                                         f"`{found}` after `{' '.join(before[-3:])}`. Put a `.` before `{found}`.")
    if found in ('"', "'"):
        return Explanation(line, column, f"This string opened with `{found}` is not closed on its line: end it with "
                                         f"`{found}` (or write a long string between triple quotes).")
    word = found.upper() if found.isalpha() else ""
    if word in SOLUTION_MODIFIERS and _inside_braces(text, at):
        return Explanation(line, column, f"`{found}` comes after the `}}` that closes the WHERE clause, "
                                         f"not inside its braces.")
    if word and word not in KEYWORDS:
        wanted = [w for item in expected for w in re.findall(r"\b[A-Z]{2,}\b", item)] + list(KEYWORDS)
        close = difflib.get_close_matches(word, wanted, n=1, cutoff=0.75)
        if close:
            return Explanation(line, column, f"`{found}` is not a SPARQL keyword: did you mean `{close[0]}`?")
    after = f"After `{' '.join(before[-2:])}` the query" if before else "The query"
    finds = f"but finds `{found}`" if found else "but the query ends there"
    return Explanation(line, column, f"{after} expects {_plain(expected, before)}, {finds}.")


def _problem(problem: str, line: int, column: int) -> Explanation:
    prefix = _NOT_DECLARED.match(problem)
    if prefix is None:
        return Explanation(line, column, problem[:1].upper() + problem[1:] + ".")
    name = prefix.group(1)
    if name in PREFIX_MAP:
        return Explanation(line, column, f"The prefix `{name}:` is not declared. Add this line at the top of the "
                                         f"query:", f"PREFIX {name}: <{PREFIX_MAP[name]}>")
    known = ", ".join(sorted(PREFIX_MAP))
    return Explanation(line, column, f"The prefix `{name}:` is not declared, and it is not one this graph uses "
                                     f"({known}). Declare it at the top of the query: PREFIX {name}: <namespace>, "
                                     f"or write the IRI in full between < and >.")


def _unbalanced(text: str, at: int, found: str) -> Explanation | None:
    """A ``{`` left open at the end of the text, or a ``}`` at ``at`` that closes nothing."""
    opened: list[int] = []
    for match in _TOKEN.finditer(_without_comments(text)):
        if match.group() == "{":
            opened.append(match.start())
        elif match.group() == "}":
            if not opened:
                if match.start() == at:
                    line, column = line_and_column(text, at)
                    return Explanation(line, column, "This `}` closes no `{`: there is one `}` too many.")
                return None
            opened.pop()
    if opened and not found:
        line, column = line_and_column(text, opened[-1])
        return Explanation(line, column, f"This `{{` is never closed: the query ends before its `}}`. "
                                         f"Add {len(opened)} `}}`" + (" (one for each `{` left open)."
                                                                       if len(opened) > 1 else "."))
    return None


def _without_comments(text: str) -> str:
    """Comments blanked (same length), strings and IRIs kept: a ``#`` inside them is no comment."""
    out = []
    for match in re.finditer(r'<[^<>\s"{}|^`\\]*>|"(?:[^"\\\n]|\\.)*"|\'(?:[^\'\\\n]|\\.)*\'|#[^\n]*|[^<"\'#]+|.',
                             text, re.S):
        piece = match.group()
        out.append(" " * len(piece) if piece.startswith("#") else piece)
    return "".join(out)


def _inside_braces(text: str, at: int) -> bool:
    depth = 0
    for match in _TOKEN.finditer(_without_comments(text[:at])):
        depth += {"{": 1, "}": -1}.get(match.group(), 0)
    return depth > 0


def _token_at(text: str, at: int) -> str:
    match = _TOKEN.match(text, at)
    return match.group()[:40] if match else ""


def _tokens_before(text: str, at: int) -> list[str]:
    start = max(0, at - 200)
    return [token[:40] for token in _TOKEN.findall(_without_comments(text[start:at]))][-3:]


def _ends_term(token: str) -> bool:
    return bool(re.fullmatch(r'[?$]\w+|<[^<>\s]*>|".*"|\'.*\'|[\w.-]*:[\w.:-]*|\d[\w.]*|\]|\)', token)) \
        and token not in ("(",)


def _group_could_end(expected: list[str]) -> bool:
    return "'}'" in expected or "'.'" in expected


def _plain(expected: list[str], before: list[str]) -> str:
    wanted = set(expected)
    if "'}'" in wanted and any(item.startswith("a group") or item == TERM_EXPECTED for item in wanted):
        return "a triple pattern or a `}`"
    if TERM_EXPECTED in wanted:
        role = "the object of the triple pattern" if len(before) >= 2 and all(map(_ends_term, before[-2:])) \
            else "a term"
        return f"{role}: a variable (?x), an IRI (<…> or prefix:name), a literal or a blank node"
    shown = [item.replace("'", "`") if item.startswith("'") else item for item in sorted(wanted)[:8]]
    return shown[0] if len(shown) == 1 else ", ".join(shown[:-1]) + " or " + shown[-1] if shown else "something else"
