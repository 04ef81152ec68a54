"""SELECT clauses and solution modifiers, shared by queries and subqueries (Query §19.8 rules 7–31).

:meth:`SelectGrammar.finish_select` makes the checks the engine makes when it
builds a SELECT (and the other forms, which it builds as ``SELECT *``): no
``*`` with GROUP BY or aggregates, projected variables grouped or aggregated,
no expression that rebinds a variable, no variable projected twice.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from graph.sparql.groups import GroupGrammar
from graph.sparql.reader import MISS
from graph.sparql.reading import shortened
from graph.sparql.scope import Bare, Needs, Scope


@dataclass(slots=True)
class Selection:
    star: bool = True
    members: list[tuple[str, Needs | None]] = field(default_factory=list)  # (variable, None) or (variable, needs)


@dataclass(slots=True)
class Modifiers:
    group: tuple[list[str], set[str]] | None = None  # grouped variables, and those bound by (… AS ?v)
    limit: int | None = None
    values: list[str] | None = None


class SelectGrammar(GroupGrammar):
    def sub_select(self) -> Scope:
        """SubSelect: SelectClause WhereClause SolutionModifier ValuesClause."""
        selection = self.select_clause()
        self.skip()
        where = self.where_clause()
        self.skip()
        return self.finish_select(selection, where, self.solution_modifiers())

    def select_clause(self) -> Selection:
        self.keyword("SELECT")
        self.skip()
        self.aggregate_frames.append(0)
        for option in ("DISTINCT", "REDUCED"):
            if self.at_keyword(option):
                self.pos += len(option)
                break
        self.skip()
        if self.at("*"):
            self.pos += 1
            return Selection()
        selection = Selection(star=False)
        selection.members.append(self._select_member())
        while (member := self.attempt(self._select_member)) is not MISS:
            selection.members.append(member)
        return selection

    def _select_member(self) -> tuple[str, Needs | None]:
        if self.char() in ("?", "$"):
            variable = self.variable()
            self.skip()
            return variable, None
        self.punct("(")
        self.enter()  # the engine extends the pattern once per expression, in a chain
        outer = self.enter()
        self.skip()
        needed = self.expression()
        self.skip()
        self.keyword("AS")
        self.skip()
        variable = self.variable()
        self.skip()
        self.punct(")")
        self.depth = outer
        self.skip()
        return variable, needed

    def where_clause(self) -> Scope:
        if self.at_keyword("WHERE"):
            self.pos += len("WHERE")
        self.skip()
        return self.group_graph_pattern()

    def solution_modifiers(self) -> Modifiers:
        """GROUP BY, HAVING, ORDER BY, LIMIT/OFFSET and VALUES, each optional, in that order."""
        modifiers = Modifiers()
        group = self.attempt(self._group_clause)
        if group is not MISS:
            modifiers.group = group
        self.skip()
        self.attempt(lambda: self._conditions("HAVING", None))
        self.skip()
        self.attempt(lambda: self._conditions("ORDER", "BY"))
        self.skip()
        limit = self.attempt(self._limit_offset)
        if limit is not MISS:
            modifiers.limit = limit
        self.skip()
        if self.at_keyword("VALUES"):
            values = self.attempt(self._values_clause)
            if values is not MISS:
                modifiers.values = values
        return modifiers

    def _group_clause(self) -> tuple[list[str], set[str]]:
        self.keyword("GROUP")
        self.skip()
        self.keyword("BY")
        self.skip()
        grouped: list[str] = []
        bound: set[str] = set()
        grouped.append(self._group_condition(bound))
        self.skip()
        while (more := self.attempt(lambda: self._group_condition(bound))) is not MISS:
            grouped.append(more)
            self.skip()
        return grouped, bound

    def _group_condition(self, bound: set[str]) -> str:
        """GroupCondition: a call, ``( expression AS? ?v )`` or a variable; the variable it groups by."""
        if self.char() in ("?", "$"):
            return self.variable()
        self.enter()
        if self.at("("):
            self.pos += 1
            outer = self.enter()
            self.skip()
            needed = self.expression()
            self.skip()
            variable = None
            if self.at_keyword("AS"):
                self.pos += 2
                self.skip()
                variable = self.variable()
                self.skip()
                bound.add(variable)
            self.punct(")")
            self.depth = outer
            if variable is not None:
                return variable
            return needed.name if isinstance(needed, Bare) else self.fresh_variable()
        if self.attempt(self.built_in_call) is MISS:
            self.function_call()
        return self.fresh_variable()

    def _conditions(self, word: str, second: str | None) -> None:
        """HAVING constraints, or ORDER BY conditions (ASC( ), DESC( ), a constraint or a variable)."""
        self.keyword(word)
        self.skip()
        if second:
            self.keyword(second)
            self.skip()
        self._condition(word)
        self.skip()
        while self.attempt(lambda: self._condition(word)) is not MISS:
            self.skip()

    def _condition(self, word: str) -> None:
        self.enter()
        if word == "ORDER":
            for direction in ("ASC", "DESC"):
                if self.at_keyword(direction) and self.attempt(lambda: self._ordered(direction)) is not MISS:
                    return
            if self.char() in ("?", "$"):
                self.variable()
                return
        self.constraint()

    def _ordered(self, direction: str) -> None:
        self.keyword(direction)
        self.skip()
        self.bracketted()

    def _limit_offset(self) -> int | None:
        """LIMIT then OFFSET, or OFFSET then LIMIT, each optional after the first; the LIMIT."""
        first = "LIMIT" if self.at_keyword("LIMIT") else "OFFSET"
        limit = self._count_clause(first)
        self.skip()
        second = "OFFSET" if first == "LIMIT" else "LIMIT"
        if self.at_keyword(second):
            other = self.attempt(lambda: self._count_clause(second))
            if other is not MISS and second == "LIMIT":
                return other
        return limit if first == "LIMIT" else None

    def _count_clause(self, word: str) -> int:
        self.keyword(word)
        self.skip()
        return self.count(word)

    def _values_clause(self) -> list[str]:
        self.keyword("VALUES")
        self.skip()
        return self.data_block()

    def finish_select(self, selection: Selection, where: Scope, modifiers: Modifiers) -> Scope:
        """The engine's checks when it builds a SELECT; the scope of what it projects."""
        aggregates = self.aggregate_frames.pop() if self.aggregate_frames else 0
        group = modifiers.group
        if group is None and aggregates:
            group = ([], set())
        if group is not None:
            visible = set(group[0])
            defined = (where.defined | group[1]) & visible
        else:
            visible = set(where.in_scope)
            defined = set(where.defined)
        if modifiers.values is not None:
            visible |= set(modifiers.values)
            defined |= set(modifiers.values)
        if selection.star:
            if group is not None:
                self.reject("SELECT * (or a CONSTRUCT, ASK or DESCRIBE *) cannot be used with GROUP BY or aggregates")
            return Scope(visible, defined)
        projected: list[str] = []
        for variable, needed in selection.members:
            name = f"?{shortened(variable, 40)}"
            if needed is None:
                if group is not None and variable not in visible:
                    self.reject(f"{name} is selected but is neither grouped by nor the result of an aggregate")
            else:
                if variable in visible:
                    self.reject(f"SELECT (… AS {name}): the variable is already bound in the WHERE clause")
                if group is not None and not needed <= visible:
                    self.reject(f"SELECT (… AS {name}) uses a variable that is neither grouped by nor aggregated")
                defined.add(variable)
            if variable in projected:
                self.reject(f"{name} is selected twice")
            projected.append(variable)
        return Scope(set(projected), defined & set(projected))
