"""What the service reads from a query's text before the engine runs it.

The engine (Oxigraph) parses every query itself but does not show us the parse,
so the service reads the text for three things:

* the query form (SELECT and ASK answer with result sets, CONSTRUCT and DESCRIBE
  with graphs), so that content negotiation can answer 406 before any work is done;
* whether the query names its own dataset (``FROM``/``FROM NAMED``): the engine's
  union-default-graph switch would otherwise override it (SPARQL 1.1 Query §13.2);
* every endpoint that a ``SERVICE`` clause (or an update's ``LOAD``) would make
  the server call.

The first two are conveniences read with a small tokenizer; the engine stays the
judge of what the query means.  The third guards the server against being used
as a proxy, so it does not trust any tokenizer's idea of where strings, IRIs and
comments end (``FILTER(?a<?b)SERVICE?x#>`` is a comparison, a SERVICE clause
and a comment to Oxigraph, but one IRI to a naive lexer).  It looks at every
occurrence of the keyword anywhere in the text, skips only those that are
certainly the tail of a variable or prefixed name, and reports the target of
each: a few harmless words in a string literal may be refused, a real clause is
never missed.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterator, NamedTuple

# -- tokens ------------------------------------------------------------------

_TOKEN = re.compile(
    r"""
      (?P<ws>[ \t\r\n]+)
    | (?P<comment>\#[^\r\n]*)
    | (?P<iri><[^<>"{}|^`\\\x00-\x20]*>)
    | (?P<string>'''(?:'{0,2}(?:[^'\\]|\\.))*'''|\"\"\"(?:"{0,2}(?:[^"\\]|\\.))*\"\"\"
                |'(?:[^'\\\r\n]|\\.)*'|"(?:[^"\\\r\n]|\\.)*")
    | (?P<var>[?$]\w+)
    | (?P<pname>(?:[^\W\d_](?:[\w.\-\u00b7]*[\w\-\u00b7])?)?:(?:(?:[\w:%]|\\.)(?:(?:[\w.:%\-\u00b7]|\\.)*(?:[\w:%\-\u00b7]|\\.))?)?)
    | (?P<number>\d+(?:\.\d+)?(?:[eE][+-]?\d+)?|\.\d+(?:[eE][+-]?\d+)?)
    | (?P<word>[A-Za-z_]\w*)
    | (?P<punct>.)
    """,
    re.VERBOSE | re.DOTALL,
)


class Token(NamedTuple):  # a tuple: made for every token, and a frozen dataclass costs three times as much
    kind: str
    text: str
    start: int

    def is_word(self, *words: str) -> bool:
        return self.kind == "word" and self.text.upper() in words


def tokens(text: str) -> Iterator[Token]:
    """The query's tokens, without white space and comments."""
    for match in _TOKEN.finditer(text):
        kind = match.lastgroup or "punct"
        if kind not in ("ws", "comment"):
            yield Token(kind, match.group(), match.start())


# -- the shape of a query ----------------------------------------------------

FORMS = ("SELECT", "ASK", "CONSTRUCT", "DESCRIBE")


@dataclass(frozen=True, slots=True)
class QueryShape:
    """``form`` is None when the text does not start like a query (the engine will say why).

    ``limit`` is the LIMIT of a SELECT query as a whole when its text plainly
    ends with one (see :func:`plain_limit`): no answer has more rows.
    """

    form: str | None
    names_dataset: bool
    limit: int | None = None


# The usual opening of a query: PREFIX and BASE declarations, then the form's keyword, in ASCII,
# without comments, written so that the tokenizer would read exactly these tokens.
_USUAL_OPENING = re.compile(
    r"""(?:[ \t\r\n]*(?:PREFIX[ \t\r\n]+(?:[A-Za-z][A-Za-z0-9_\-]*)?:|BASE)[ \t\r\n]*<[^<>"{}|^`\\\x00-\x20]*>)*"""
    r"[ \t\r\n]*(SELECT|ASK|DESCRIBE)(?=[ \t\r\n*?$({<])",
    re.IGNORECASE | re.ASCII,
)
# Characters that could hide a "{" from a plain search: strings, comments, escapes in names.
_HIDING = re.compile(r"""["'#\\]""")


@lru_cache(maxsize=2048)
def query_shape(text: str) -> QueryShape:
    """The form of the query and whether it has FROM / FROM NAMED clauses.

    Dataset clauses sit between the form's head and its WHERE clause, never in
    subqueries, so reading stops at the first group at depth zero (after a
    CONSTRUCT template, which is also a group).

    Most queries are read without the tokenizer, which costs a microsecond per
    token: after a usual opening, the text up to the first ``{`` holds no
    dataset clause when it does not contain "from" at all, and that ``{`` is
    the first group when nothing before it is a string, a comment or an escape.
    Anything else is read token by token.
    """
    opening = _USUAL_OPENING.match(text)
    if opening is not None:
        first_group = text.find("{", opening.end())
        head = text[opening.end():first_group] if first_group >= 0 else text[opening.end():]
        if "from" not in head.lower() and not _HIDING.search(head):
            return _with_limit(QueryShape(opening.group(1).upper(), False), text)
    return _with_limit(_read_shape(text), text)


def _with_limit(shape: QueryShape, text: str) -> QueryShape:
    return QueryShape(shape.form, shape.names_dataset, plain_limit(text)) if shape.form == "SELECT" else shape


def _read_shape(text: str) -> QueryShape:
    """:func:`query_shape`, token by token."""
    stream = tokens(text)
    form = None
    for token in stream:
        if token.is_word("BASE", "PREFIX"):
            continue
        if token.kind in ("iri", "pname"):
            continue  # the operands of BASE and PREFIX
        if token.is_word(*FORMS):
            form = token.text.upper()
        break
    if form is None:
        return QueryShape(None, False)
    depth = 0
    template_pending = form == "CONSTRUCT"
    for token in stream:
        if token.text == "(":
            depth += 1
        elif token.text == ")":
            depth -= 1
        elif depth:
            continue
        elif token.text == "{":
            if not template_pending:
                break
            _skip_group(stream)
        elif token.is_word("FROM"):
            return QueryShape(form, True)
        elif token.is_word("WHERE"):
            break
        template_pending = False
    return QueryShape(form, False)


# What may follow the WHERE clause of a query that ends with its LIMIT: GROUP BY and ORDER BY on
# variables, then LIMIT and OFFSET, in ASCII; no strings, comments, escapes or groups.
_PLAIN_TAIL = re.compile(
    r"""[ \t\r\n]*
    (?:GROUP[ \t\r\n]+BY(?:[ \t\r\n]+[?$]\w+)+[ \t\r\n]*)?
    (?:ORDER[ \t\r\n]+BY(?:[ \t\r\n]*(?:(?:ASC|DESC)[ \t\r\n]*\([ \t\r\n]*[?$]\w+[ \t\r\n]*\)|[?$]\w+))+[ \t\r\n]*)?
    (?:LIMIT[ \t\r\n]+(\d+)(?:[ \t\r\n]+OFFSET[ \t\r\n]+\d+)?|OFFSET[ \t\r\n]+\d+[ \t\r\n]+LIMIT[ \t\r\n]+(\d+))
    [ \t\r\n]*\Z""",
    re.VERBOSE | re.IGNORECASE | re.ASCII,
)


def plain_limit(text: str) -> int | None:
    """The LIMIT that applies to the whole query, when the text plainly ends with it; else None.

    The last ``}`` closes the WHERE clause when everything after it is
    solution modifiers: a string around it would have to close after it, in
    text that has no quotes, and a comment around it would start before it on
    its line (such a line is not trusted).  A LIMIT there bounds the answer
    whatever the WHERE clause holds (SPARQL 1.1 Query §18.2.5).  A trailing
    VALUES clause, or anything else, gives None: the answer is then counted.
    """
    close = text.rfind("}")
    if close < 0 or "#" in text[text.rfind("\n", 0, close) + 1:close]:
        return None
    tail = _PLAIN_TAIL.match(text, close + 1)
    if tail is None:
        return None
    return int(tail.group(1) or tail.group(2))


def _skip_group(stream: Iterator[Token]) -> None:
    depth = 1
    for token in stream:
        if token.text == "{":
            depth += 1
        elif token.text == "}":
            depth -= 1
            if depth == 0:
                return


# -- endpoints the server would call -----------------------------------------


@dataclass(frozen=True, slots=True)
class EndpointReference:
    """One place where the query would make the server call out.

    ``iri`` is the absolute IRI called, or None when the text does not fix it:
    a variable (``SERVICE ?x``), a relative IRI, or a prefix that is not
    declared (or declared more than once with different IRIs: then one
    reference per declaration).
    """

    keyword: str
    written: str
    iri: str | None
    offset: int


MAX_KEYWORD_OCCURRENCES = 256
_LONGEST_NAME = 128
_NAME_CHARS = re.compile(r"[\w\u00b7\u0300-\u036f\u203f\u2040\-]")
_SKIP = re.compile(r"(?:\s|\#[^\r\n]*)*")
_SILENT = re.compile(r"silent", re.IGNORECASE)
_TARGET_IRI = re.compile(r"<([^>]{0,4096})>")
_TARGET_VAR = re.compile(r"[?$]\w+")
_TARGET_PNAME = re.compile(r"([\w.\-\u00b7\u0300-\u036f\u203f\u2040]{0,512}):((?:[\w.:%\-\u00b7\u0300-\u036f\u203f\u2040]|\\.){0,4096})")
_PREFIX_DECL = re.compile(r"prefix(?:\s|\#[^\r\n]*\n)*([\w.\-\u00b7\u0300-\u036f\u203f\u2040]*):(?:\s|\#[^\r\n]*\n)*<([^>]*)>", re.IGNORECASE)
_SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.\-]*:")
_CODEPOINT = re.compile(r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})")
_LOCAL_ESCAPE = re.compile(r"\\(.)")


def endpoint_references(text: str, keyword: str) -> list[EndpointReference]:
    """Every ``keyword`` clause (SERVICE, LOAD) in the text, with the IRI it would call.

    SPARQL asks for ``\\u`` escapes to be replaced before parsing (Query §19.2);
    Oxigraph replaces them only inside IRIs and strings.  Both readings are
    checked.

    An ASCII text with no backslash (so no escape can spell the keyword) and
    without the keyword in any case has none: most queries are settled by
    that look alone.
    """
    if text.isascii() and "\\" not in text and keyword.lower() not in text.lower():
        return []
    return _every_reference(text, keyword)


def _every_reference(text: str, keyword: str) -> list[EndpointReference]:
    """:func:`endpoint_references` without the quick look."""
    found = _references(text, keyword)
    if "\\u" in text or "\\U" in text:
        found += _references(_unescape_codepoints(text), keyword)
    return found


def _references(text: str, keyword: str) -> list[EndpointReference]:
    pattern = re.compile(re.escape(keyword), re.IGNORECASE)
    prefixes: dict[str, set[str | None]] = {}
    found: list[EndpointReference] = []
    for seen, match in enumerate(pattern.finditer(text)):
        if seen == MAX_KEYWORD_OCCURRENCES:
            # Reading stays linear in the length of the text; no real query
            # needs this many, and refusing is the safe answer.
            found.append(EndpointReference(keyword.upper(), f"{keyword} (more than {seen} times)", None, match.start()))
            break
        if _is_name_tail(text, match.start()):
            continue
        if not prefixes:
            prefixes = _prefix_declarations(text)
        for written, iri in _targets(text, match.end(), prefixes):
            found.append(EndpointReference(keyword.upper(), written, iri, match.start()))
    return found


def _is_name_tail(text: str, start: int) -> bool:
    """True when the keyword at ``start`` is certainly the end of a variable or prefixed name.

    ``?customerservice`` and ``ex:customer-service`` are names; ``trueSERVICE``
    is the literal ``true`` followed by the keyword to Oxigraph, so a run of
    name characters counts only after ``?``, ``$`` or ``:``.
    """
    begin = start
    while begin > 0 and _NAME_CHARS.match(text[begin - 1]):
        begin -= 1
        if start - begin > _LONGEST_NAME:
            return False
    run = text[begin:start]
    before = text[begin - 1] if begin > 0 else ""
    if before and before in "?$":
        return "-" not in run  # variable names have no hyphen
    if before == ":":
        return not run.startswith("-")  # a local name cannot start with one
    return False


def _targets(text: str, end: int, prefixes: dict[str, set[str | None]]) -> list[tuple[str, str | None]]:
    """The targets written after the keyword, in every way the text can be read."""
    position = _SKIP.match(text, end).end()  # type: ignore[union-attr]
    readings = [position]
    silent = _SILENT.match(text, position)
    if silent:
        readings.append(_SKIP.match(text, silent.end()).end())  # type: ignore[union-attr]
    targets: list[tuple[str, str | None]] = []
    for at in readings:
        if iri := _TARGET_IRI.match(text, at):
            targets.append((iri.group(), _absolute(_unescape_codepoints(iri.group(1)))))
        elif var := _TARGET_VAR.match(text, at):
            targets.append((var.group(), None))
        elif pname := _TARGET_PNAME.match(text, at):
            local = _LOCAL_ESCAPE.sub(r"\1", pname.group(2).rstrip("."))
            for namespace in sorted(prefixes.get(pname.group(1), {None}), key=str):
                targets.append((pname.group(), None if namespace is None else namespace + local))
    return targets


def _prefix_declarations(text: str) -> dict[str, set[str | None]]:
    """Every IRI each prefix is declared with anywhere in the text (relative ones as None)."""
    declared: dict[str, set[str | None]] = {"\0": set()}  # never empty: computed once per text
    for match in _PREFIX_DECL.finditer(text):
        declared.setdefault(match.group(1), set()).add(_absolute(_unescape_codepoints(match.group(2))))
    return declared


def _absolute(iri: str) -> str | None:
    return iri if _SCHEME.match(iri) else None


def _unescape_codepoints(text: str) -> str:
    def replace(match: re.Match[str]) -> str:
        code = int(match.group(1) or match.group(2), 16)
        return chr(code) if code <= 0x10FFFF else match.group()

    return _CODEPOINT.sub(replace, text)


# -- the dataset of an update ------------------------------------------------


class DatasetConflict(ValueError):
    """The update names its own dataset (WITH, USING) and the request names one too."""


def with_using(update: str, using: tuple[str, ...], using_named: tuple[str, ...]) -> str:
    """The update with ``USING`` clauses for the protocol's ``using-graph-uri`` parameters.

    The engine takes no dataset for updates, so the clauses are written into
    the text, before the WHERE of each DELETE/INSERT operation (Update §3.1.3;
    Protocol §2.2.3 forbids giving both).
    """
    if not using and not using_named:
        return update
    clauses = "".join(f" USING <{iri}>" for iri in using) + "".join(f" USING NAMED <{iri}>" for iri in using_named)
    insert_at: list[int] = []
    depth = 0
    previous: Token | None = None
    for token in tokens(update):
        if token.text == "{":
            depth += 1
        elif token.text == "}":
            depth -= 1
        elif depth == 0 and token.is_word("WITH", "USING"):
            raise DatasetConflict("the update has its own WITH or USING clause; the request may not also give "
                                  "using-graph-uri or using-named-graph-uri")
        elif depth == 0 and token.is_word("WHERE") and not (previous and previous.is_word("DELETE")):
            insert_at.append(token.start)
        previous = token
    for position in reversed(insert_at):
        update = update[:position] + clauses.lstrip() + " " + update[position:]
    return update
