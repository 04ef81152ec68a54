"""Expressions (Query §17, grammar rules 110–139): operators, built-in calls, aggregates.

Every method returns the variables the expression needs bound
(:class:`~graph.sparql.scope.Needs`), which the SELECT checks of
:mod:`graph.sparql.queries` use.  Each operand of a chain of ``||``, ``&&``,
``+``/``-`` or ``*``/``/`` is one level deeper than the one before: the
engine builds those chains as nested pairs.
"""
from __future__ import annotations

from typing import Callable

from graph.sparql.reader import MISS
from graph.sparql.scope import NOTHING, Bare, Needs, Scope, needs
from graph.sparql.terms import TermGrammar

# Built-in calls: the keyword, then how its arguments are written ("3?": three, or one more; "()": none, white
# space allowed before; "list": an expression list right after the keyword; the others have their own rules).
_BUILT_INS: dict[str, str] = {
    **dict.fromkeys(("STR", "LANG", "LANGDIR", "DATATYPE", "IRI", "URI", "ABS", "CEIL", "FLOOR", "ROUND", "STRLEN",
                     "UCASE", "LCASE", "ENCODE_FOR_URI", "YEAR", "MONTH", "DAY", "HOURS", "MINUTES", "SECONDS",
                     "TIMEZONE", "TZ", "MD5", "SHA1", "SHA256", "SHA384", "SHA512", "ISIRI", "ISURI", "ISBLANK",
                     "ISLITERAL", "ISNUMERIC", "HASLANG", "HASLANGDIR", "SUBJECT", "PREDICATE", "OBJECT", "ISTRIPLE"),
                    "1"),
    **dict.fromkeys(("LANGMATCHES", "CONTAINS", "STRSTARTS", "STRENDS", "STRBEFORE", "STRAFTER", "STRLANG", "STRDT",
                     "SAMETERM", "ADJUST"), "2"),
    **dict.fromkeys(("IF", "STRLANGDIR", "TRIPLE"), "3"),
    "SUBSTR": "2?", "REGEX": "2?", "REPLACE": "3?",
    **dict.fromkeys(("RAND", "NOW", "UUID", "STRUUID"), "()"),
    "CONCAT": "list", "COALESCE": "coalesce", "BOUND": "bound", "BNODE": "bnode", "EXISTS": "exists", "NOT": "exists",
}
_BY_FIRST_LETTER: dict[str, list[str]] = {}
for _word in _BUILT_INS:
    _BY_FIRST_LETTER.setdefault(_word[0], []).append(_word)
_AGGREGATES = ("COUNT", "SUM", "MIN", "MAX", "AVG", "SAMPLE", "GROUP_CONCAT")
_RELATIONS = ("=", "!=", ">=", ">", "<=", "<")  # in the engine's order: "<=" before "<"


class ExpressionGrammar(TermGrammar):
    def group_graph_pattern(self) -> Scope:  # graph.sparql.groups
        raise NotImplementedError

    # -- operators ----------------------------------------------------------------

    def expression(self) -> Needs:
        """ConditionalOrExpression: operands joined by ``||``; each eats the white space after it."""
        return self._chain(("||",), self._conjunction)

    def _conjunction(self) -> Needs:
        return self._chain(("&&",), self._relation)

    def _relation(self) -> Needs:
        """RelationalExpression: a comparison, IN or NOT IN, or a numeric expression alone."""
        left = self._sum()
        self.skip()
        for operator in _RELATIONS:
            if self.at(operator):
                right = self.attempt(lambda: self._operand_after(operator))
                return left if right is MISS else needs(left, right)
        for negated in (False, True):
            if self.at_keyword("NOT" if negated else "IN"):
                members = self.attempt(lambda: self._membership(negated))
                if members is not MISS:
                    return needs(left, members)
        return left

    def _operand_after(self, operator: str) -> Needs:
        self.pos += len(operator)
        outer = self.enter()
        self.skip()
        right = self._sum()
        self.depth = outer
        return right

    def _membership(self, negated: bool) -> Needs:
        if negated:
            self.keyword("NOT")
            self.skip()
        self.keyword("IN")
        self.skip()
        return self.expression_list()

    def _sum(self) -> Needs:
        return self._chain(("+", "-"), self._product)

    def _product(self) -> Needs:
        return self._chain(("*", "/"), self._unary)

    def _chain(self, operators: tuple[str, ...], operand: Callable[[], Needs]) -> Needs:
        """``operand (operator _ operand)*``: each operand after the first is one level deeper."""
        outer = self.depth
        first = operand()
        self.skip()
        parts = [first]
        while (operator := next((o for o in operators if self.at(o)), None)) is not None:
            saved = self.save()
            self.pos += len(operator)
            self.skip()
            self.enter()
            part = self.attempt(operand)
            if part is MISS:
                self.restore(saved)
                break
            parts.append(part)
            self.skip()
        self.depth = outer
        return first if len(parts) == 1 else needs(*parts)

    def _unary(self) -> Needs:
        """UnaryExpression: ``!`` (any number), or one of ``!``, ``+``, ``-``, then a primary expression."""
        if self.at("!"):
            saved = self.save()
            self.pos += 1
            outer = self.enter()
            self.skip()
            inner = self.attempt(self._unary)
            if inner is not MISS:
                self.depth = outer
                return needs(inner)
            self.restore(saved)
        signed = self.char() in ("!", "+", "-")
        if signed:
            self.pos += 1
        self.skip()
        primary = self.primary()
        return needs(primary) if signed else primary

    def primary(self) -> Needs:
        """PrimaryExpression, in the engine's order; built-in calls come last."""
        first = self.char()
        if first == "(":
            return self.bracketted()
        if self.at("<<("):
            found = self.attempt(self._expression_triple_term)
            if found is not MISS:
                return found
        if first in ("?", "$"):
            return Bare((self.variable(),))
        if first == "<" or first not in ("'", '"') and first not in "0123456789.+-":
            call = self.attempt(self._iri_or_function)
            if call is not MISS:
                return call
        if first in ("'", '"'):
            self.literal()
            return NOTHING
        if first and first in "0123456789.+-":
            self.number()
            return NOTHING
        if self.attempt(self.boolean) is not MISS:
            return NOTHING
        return self.built_in_call()

    def bracketted(self) -> Needs:
        self.punct("(")
        outer = self.enter()
        self.skip()
        inner = self.expression()
        self.skip()
        self.punct(")")
        self.depth = outer
        return inner

    def _iri_or_function(self) -> Needs:
        self.iri()
        after = self.pos
        self.skip()
        if self.at("("):
            arguments = self.attempt(self.argument_list)
            if arguments is not MISS:
                return needs(arguments)
        self.pos = after
        return NOTHING

    def function_call(self) -> Needs:
        """FunctionCall: an IRI and its arguments (the engine knows no custom aggregates)."""
        self.iri()
        self.skip()
        return needs(self.argument_list())

    def argument_list(self) -> Needs:
        """ArgList: NIL, or expressions between parentheses, separated by commas."""
        return self.expression_list()

    def expression_list(self) -> Needs:
        """ExpressionList (and ArgList, the same here): NIL, or expressions in parentheses, separated by commas."""
        if self.attempt(self.nil) is not MISS:
            return NOTHING
        return self._parenthesised_list()

    def _parenthesised_list(self) -> Needs:
        self.punct("(")
        outer = self.enter()
        self.skip()
        parts = [self.expression()]
        self.skip()
        while self.at(","):
            saved = self.save()
            self.pos += 1
            self.skip()
            part = self.attempt(self.expression)
            if part is MISS:
                self.restore(saved)
                break
            parts.append(part)
            self.skip()
        self.punct(")")
        self.depth = outer
        return needs(*parts)

    def _expression_triple_term(self) -> Needs:
        """ExprTripleTerm ``<<( s p o )>>`` in an expression: terms, variables or nested triple terms."""
        self.punct("<<(")
        outer = self.enter()
        self.skip()
        found = set(self._expression_triple_term_part())
        self.skip()
        found |= self.verb()
        self.skip()
        found |= self._expression_triple_term_part()
        self.skip()
        self.punct(")>>")
        self.depth = outer
        return needs(frozenset(found))

    def _expression_triple_term_part(self) -> frozenset[str]:
        if self.at("<<("):
            return self._expression_triple_term()
        first = self.char()
        if first in ("?", "$"):
            return frozenset((self.variable(),))
        if first in ("'", '"'):
            self.literal()
        elif first and first in "0123456789.+-":
            self.number()
        elif self.attempt(self.iri) is MISS:
            self.boolean()
        return frozenset()

    # -- built-in calls -----------------------------------------------------------

    def constraint(self) -> Needs:
        """Constraint (FILTER, HAVING, ORDER BY): a bracketted expression, a function call, or a built-in call."""
        if self.at("("):
            return self.bracketted()
        call = self.attempt(self.function_call)
        if call is not MISS:
            return call
        return self.built_in_call()

    def built_in_call(self) -> Needs:
        """A built-in call: aggregates first, as the engine tries them, then the one whose keyword is here."""
        if any(self.at_keyword(word) for word in _AGGREGATES):
            found = self.attempt(self.aggregate)
            if found is not MISS:
                return found
        for word in _BY_FIRST_LETTER.get(self.char().upper(), ()):
            if self.at_keyword(word):  # STR before STRLEN: the wrong one fails at its "(" and gives way
                found = self.attempt(lambda: self._built_in(word, _BUILT_INS[word]))
                if found is not MISS:
                    return found
        self.fail("a function or expression")

    def _built_in(self, word: str, arguments: str) -> Needs:
        if arguments[0].isdigit():
            return self._arguments(word, int(arguments[0]), optional_last=arguments.endswith("?"))
        if arguments == "()":
            self.keyword(word)
            self.skip()
            self.nil()
            return NOTHING
        if arguments in ("list", "coalesce"):
            self.keyword(word)  # no white space before the list
            found = self.expression_list()
            return found if arguments == "list" else NOTHING  # COALESCE needs none of its arguments bound
        return {"bound": self._bound, "bnode": self._blank_node_call, "exists": self._exists}[arguments](word)

    def _arguments(self, word: str, count: int, optional_last: bool = False) -> Needs:
        """``word _ ( _ e _ , _ e … )``: ``count`` expressions, or one more when ``optional_last``."""
        self.keyword(word)
        self.skip()
        self.punct("(")
        outer = self.enter()
        self.skip()
        parts = [self.expression()]
        for _ in range(count - 1):
            self.skip()
            self.punct(",")
            self.skip()
            parts.append(self.expression())
        self.skip()
        if optional_last and self.at(","):
            self.pos += 1
            self.skip()
            parts.append(self.expression())
            self.skip()
        self.punct(")")
        self.depth = outer
        return needs(*parts)

    def _bound(self, word: str) -> Needs:
        self.keyword(word)
        self.skip()
        self.punct("(")
        self.skip()
        self.variable()
        self.skip()
        self.punct(")")
        return NOTHING  # BOUND(?x) needs nothing bound

    def _blank_node_call(self, word: str) -> Needs:
        """BNODE ( expression ) with white space allowed, or BNODE() with none before the parenthesis."""
        one = self.attempt(lambda: self._arguments(word, 1))
        if one is not MISS:
            return one
        self.keyword(word)
        self.nil()
        return NOTHING

    def _exists(self, word: str) -> Needs:
        if word == "NOT":
            self.keyword("NOT")
            self.skip()
        self.keyword("EXISTS")
        self.skip()
        self.group_graph_pattern()
        return NOTHING

    # -- aggregates ---------------------------------------------------------------

    def aggregate(self) -> Needs:
        """An aggregate of the SELECT being read; the engine refuses one outside any SELECT."""
        word = next(word for word in _AGGREGATES if self.at_keyword(word))
        for distinct in (True, False):
            found = self.attempt(lambda: self._aggregate_arguments(word, distinct))
            if found is not MISS:
                if not self.aggregate_frames:
                    self.reject(f"{word} is an aggregate, allowed only in a SELECT query or subquery")
                self.aggregate_frames[-1] += 1
                return NOTHING  # it becomes a variable bound by the grouping
        self.fail(f"the arguments of {word}")

    def _aggregate_arguments(self, word: str, distinct: bool) -> None:
        self.keyword(word)
        self.skip()
        self.punct("(")
        outer = self.enter()
        self.skip()
        if distinct:
            self.keyword("DISTINCT")
            self.skip()
        if word == "COUNT" and self.at("*"):
            star = self.attempt(self._star_then_close)
            if star is not MISS:
                self.depth = outer
                return
        self.expression()
        self.skip()
        if word == "GROUP_CONCAT" and self.at(";"):
            self.pos += 1
            self.skip()
            self.keyword("SEPARATOR")
            self.skip()
            self.punct("=")
            self.skip()
            self.string()
            self.skip()
        self.punct(")")
        self.depth = outer

    def _star_then_close(self) -> None:
        self.punct("*")
        self.skip()
        self.punct(")")
