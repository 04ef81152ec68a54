"""The search language, read into a tree, and the tree written as an FTS5 MATCH expression.

    query    := either ("OR" either)*
    either   := unary (["AND"] unary)*          (words side by side must all match)
    unary    := "NOT" unary | primary
    primary  := "(" query ")" | "\"words in a phrase\"" | word | prefix*

Operators are written in capitals (a lower-case "and" or "not" is a word to find).  The user's
text never reaches FTS5 as typed: each word is folded and stemmed here (``graph.search.words``) and
every token of the MATCH expression is written quoted, so no character of the query is read as FTS5
syntax (issue 13 item 1).  A mistake is a ``SearchSyntaxError`` at its character.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from graph.search.model import SearchSyntaxError
from graph.search.words import query_tokens, words

STEMMED = "{label body}"  # the columns of stems (graph.search.index_writer)
SURFACE = "words"  # the column of folded words as printed, for prefixes
SHORTEST_PREFIX = 2
OPERATORS = ("AND", "OR", "NOT")
_TOKEN = re.compile(r'\s*(?:(?P<open>\()|(?P<close>\))|(?P<quote>")|(?P<word>[^\s()"]+))')


@dataclass(frozen=True)
class Phrase:
    """Words that must follow one another (one word is a phrase of one); ``prefix`` when the last is a start."""

    folded: tuple[str, ...]
    prefix: bool = False
    position: int = 0


@dataclass(frozen=True)
class Not:
    part: "Node"
    position: int = 0


@dataclass(frozen=True)
class All:
    parts: tuple["Node", ...]


@dataclass(frozen=True)
class Any:
    parts: tuple["Node", ...]


Node = Phrase | Not | All | Any


@dataclass(frozen=True)
class Lexeme:
    kind: str  # "open", "close", "phrase", "word", "AND", "OR", "NOT", "end"
    text: str
    position: int


def _lex(text: str) -> list[Lexeme]:
    found: list[Lexeme] = []
    at = 0
    while True:
        match = _TOKEN.match(text, at)
        if match is None:  # only blanks are left
            break
        start = match.start(match.lastgroup or 0)
        at = match.end()
        if match.lastgroup == "quote":
            closing = text.find('"', at)
            if closing < 0:
                raise SearchSyntaxError('a phrase opened with " is not closed', start)
            found.append(Lexeme("phrase", text[at:closing], start))
            at = closing + 1
        elif match.lastgroup == "word" and match.group("word") in OPERATORS:
            found.append(Lexeme(match.group("word"), match.group("word"), start))
        else:
            found.append(Lexeme(match.lastgroup or "", match.group(match.lastgroup or 0), start))
    found.append(Lexeme("end", "", len(text)))
    return found


class _Parser:
    def __init__(self, text: str) -> None:
        self.lexemes = _lex(text)
        self.at = 0

    def peek(self) -> Lexeme:
        return self.lexemes[self.at]

    def take(self) -> Lexeme:
        lexeme = self.lexemes[self.at]
        self.at += 1
        return lexeme

    def query(self) -> Node | None:
        parts = [self.either()]
        while self.peek().kind == "OR":
            self.take()
            parts.append(self.either())
        kept = tuple(p for p in parts if p is not None)
        return None if not kept else kept[0] if len(kept) == 1 else Any(kept)

    def either(self) -> Node | None:
        parts = [self.unary()]
        while self.peek().kind not in ("OR", "close", "end"):
            if self.peek().kind == "AND":
                self.take()
            parts.append(self.unary())
        kept = tuple(p for p in parts if p is not None)
        return None if not kept else kept[0] if len(kept) == 1 else All(kept)

    def unary(self) -> Node | None:
        lexeme = self.peek()
        if lexeme.kind == "NOT":
            self.take()
            part = self.unary()
            return None if part is None else Not(part, lexeme.position)
        return self.primary()

    def primary(self) -> Node | None:
        lexeme = self.take()
        if lexeme.kind == "open":
            inside = self.query()
            if self.peek().kind != "close":
                raise SearchSyntaxError("a parenthesis is not closed", lexeme.position)
            self.take()
            return inside
        if lexeme.kind == "phrase":
            return _phrase(lexeme.text, lexeme.position, prefix=False)
        if lexeme.kind == "word":
            prefix = lexeme.text.endswith("*")
            return _phrase(lexeme.text.rstrip("*") if prefix else lexeme.text, lexeme.position, prefix)
        if lexeme.kind == "close":
            raise SearchSyntaxError("a closing parenthesis without an opening one", lexeme.position)
        if lexeme.kind == "end":
            raise SearchSyntaxError(_missing(self.lexemes[self.at - 2] if self.at > 1 else None), lexeme.position)
        raise SearchSyntaxError(f"{lexeme.kind} needs a word or a phrase on each side", lexeme.position)


def _missing(before: Lexeme | None) -> str:
    if before is not None and before.kind in OPERATORS:
        return f"{before.kind} at the end of the query needs a word or a phrase after it"
    return "the query ends where a word or a phrase is expected"


def _phrase(text: str, position: int, prefix: bool) -> Phrase | None:
    folded = tuple(word.folded for word in words(text))
    if not folded:
        if prefix:
            raise SearchSyntaxError("* follows a word it completes, as in migra*", position)
        return None  # punctuation alone: nothing to find
    if prefix and len(folded[-1]) < SHORTEST_PREFIX:
        raise SearchSyntaxError(f"a prefix needs at least {SHORTEST_PREFIX} letters before *", position)
    return Phrase(folded, prefix, position)


def parse(text: str) -> Node | None:
    """The tree of ``text``; None when it has no word to find (an empty query lists what the filters select)."""
    parser = _Parser(text)
    if parser.peek().kind == "end":
        return None
    tree = parser.query()
    extra = parser.peek()
    if extra.kind == "close":
        raise SearchSyntaxError("a closing parenthesis without an opening one", extra.position)
    return tree


# -- the tree as FTS5 MATCH ------------------------------------------------------------------------

def _quoted(token: str) -> str:
    return '"' + token.replace('"', '""') + '"'


def _phrase_match(phrase: Phrase) -> str:
    if phrase.prefix:  # the words as printed, the last one completed: the column of folded words
        return f"{SURFACE} : {_quoted(' '.join(phrase.folded))} *"
    # one phrase of stems for each language the words may be in (a query does not say its language)
    by_language = zip(*(query_tokens(word) for word in phrase.folded))
    alternatives = " OR ".join(_quoted(" ".join(forms)) for forms in by_language)
    return f"{STEMMED} : ({alternatives})"


@dataclass
class Match:
    """What the index is asked: rows that ``include`` matches (None: every row) and ``exclude`` does not."""

    include: str | None
    exclude: str | None = None
    phrases: list[Phrase] = field(default_factory=list)  # to mark in snippets: the words looked for


def compile_query(tree: Node | None) -> Match:
    if tree is None:
        return Match(None)
    if isinstance(tree, Not):
        return Match(None, _match(tree.part), [])
    if isinstance(tree, All) and all(isinstance(p, Not) for p in tree.parts):
        return Match(None, " OR ".join(f"({_match(p.part)})" for p in tree.parts if isinstance(p, Not)), [])
    return Match(_match(tree), None, _wanted(tree))


def _match(node: Node) -> str:
    if isinstance(node, Phrase):
        return _phrase_match(node)
    if isinstance(node, Any):
        for part in node.parts:
            if isinstance(part, Not):
                raise SearchSyntaxError("NOT inside OR excludes from nothing: write a NOT b", part.position)
        return " OR ".join(f"({_match(p)})" for p in node.parts)
    if isinstance(node, All):
        wanted = [p for p in node.parts if not isinstance(p, Not)]
        unwanted = [p for p in node.parts if isinstance(p, Not)]
        text = " AND ".join(f"({_match(p)})" for p in wanted)
        for part in unwanted:
            text = f"({text}) NOT ({_match(part.part)})"
        return text
    raise SearchSyntaxError("NOT needs something to exclude from: write a NOT b", node.position)


def _wanted(node: Node) -> list[Phrase]:
    if isinstance(node, Phrase):
        return [node]
    if isinstance(node, Not):
        return []
    return [phrase for part in node.parts for phrase in _wanted(part)]


