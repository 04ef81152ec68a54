"""Group graph patterns (Query §19.8 rules 53–68): OPTIONAL, UNION, MINUS, GRAPH, SERVICE, FILTER, BIND, VALUES.

SERVICE clauses are recorded here, with the endpoint resolved as the engine
resolves it.  Each pattern, FILTER or BIND after the first in a group is one
level deeper (the engine joins them in turn), and so is each UNION branch.
"""
from __future__ import annotations

from typing import Callable

from graph.sparql.reader import MISS
from graph.sparql.reading import RemoteCall, shortened
from graph.sparql.scope import Scope
from graph.sparql.triples import TripleGrammar

Item = tuple[str, object]  # ("other" | "optional" | "lateral" | "minus", Scope), ("bind", name), ("filter", None)


class GroupGrammar(TripleGrammar):
    def sub_select(self) -> Scope:  # graph.sparql.select
        raise NotImplementedError

    def group_graph_pattern(self) -> Scope:
        """``{ patterns }`` or ``{ SELECT … }``, tried in that order."""
        found = self.attempt(lambda: self._group(self.group_graph_pattern_sub))
        if found is not MISS:
            return found
        return self._group(self.sub_select)

    def _group(self, inside: Callable[[], Scope]) -> Scope:
        self.punct("{")
        outer = self.enter()
        self.skip()
        self.flush_blank_nodes()
        found = inside()
        self.flush_blank_nodes()
        self.skip()
        self.punct("}")
        self.depth = outer
        return found

    def group_graph_pattern_sub(self) -> Scope:
        """Triples, then patterns that are not triples, each perhaps followed by ``.`` and more triples."""
        outer = self.depth
        scope = Scope()
        block = self.attempt(lambda: self.triples_block(paths=True))
        if block is not MISS:
            scope.in_scope |= block
        self.skip()
        items: list[Item] = []
        while (more := self.attempt(self._item)) is not MISS:
            items += more
        self._apply(scope, items)
        self.depth = outer
        return scope

    def _item(self) -> list[Item]:
        self.enter()
        items = [self.graph_pattern_not_triples()]
        self.skip()
        if self.at("."):
            self.pos += 1
            self.skip()
        block = self.attempt(lambda: self.triples_block(paths=True))
        if block is not MISS:
            self.enter()
            items.append(("other", Scope(block)))
        self.skip()
        return items

    def _apply(self, scope: Scope, items: list[Item]) -> None:
        """Join the items in turn, with the engine's checks on what each may bind."""
        for kind, value in items:
            if kind == "bind":
                assert isinstance(value, str)
                if value in scope.in_scope:
                    self.reject(f"BIND(… AS ?{shortened(value, 40)}): the variable is already bound in its group")
                scope.in_scope.add(value)
                scope.defined.add(value)
            elif kind == "minus":
                assert isinstance(value, Scope)
                scope.defined |= value.defined
            elif kind == "lateral":
                assert isinstance(value, Scope)
                clash = value.defined & scope.in_scope
                if clash:
                    self.reject(f"LATERAL: its right side binds ?{shortened(min(clash), 40)}, already bound on its left")
                scope.join(value)
            elif kind != "filter":
                assert isinstance(value, Scope)
                scope.join(value)

    def graph_pattern_not_triples(self) -> Item:
        if self.at("{"):
            return "other", self.group_or_union()
        for word, read in self._patterns:
            if self.at_keyword(word):
                return read(self)
        self.fail("a group, OPTIONAL, MINUS, GRAPH, SERVICE, FILTER, BIND or VALUES")

    def group_or_union(self) -> Scope:
        scope = self.group_graph_pattern()
        self.skip()
        outer = self.depth
        while self.at_keyword("UNION"):
            saved = self.save()
            self.pos += len("UNION")
            self.skip()
            self.enter()
            branch = self.attempt(self.group_graph_pattern)
            if branch is MISS:
                self.restore(saved)
                break
            scope.join(branch)
            self.skip()
        self.depth = outer
        return scope

    def _keyword_then_group(self, word: str) -> Scope:
        self.keyword(word)
        self.skip()
        return self.group_graph_pattern()

    def _graph(self) -> Item:
        self.keyword("GRAPH")
        self.skip()
        variable, _ = self.var_or_iri()
        self.skip()
        inner = self.group_graph_pattern()
        if variable is not None:
            inner.in_scope.add(variable)
        return "other", inner

    def _service(self) -> Item:
        """SERVICE SILENT? endpoint { … }: the engine tries SILENT first (``silent:x`` may be SILENT then ``:x``)."""
        start = self.pos
        self.keyword("SERVICE")
        self.skip()
        if self.at_keyword("SILENT"):
            found = self.attempt(lambda: self._service_rest(start, silent=True))
            if found is not MISS:
                return found
        return self._service_rest(start, silent=False)

    def _service_rest(self, start: int, silent: bool) -> Item:
        if silent:
            self.keyword("SILENT")
            self.skip()
        written_from = self.pos
        variable, iri = self.var_or_iri()
        written = self.text[written_from:self.pos]
        self.skip()
        body = self.pos
        inner = self.group_graph_pattern()
        self.calls.append(RemoteCall("SERVICE", iri, written, silent, start, body, self.pos))
        return "other", Scope(inner.in_scope, inner.defined)  # the endpoint's variable is not bound by it

    def _filter(self) -> Item:
        self.keyword("FILTER")
        self.skip()
        self.constraint()
        return "filter", None

    def _bind(self) -> Item:
        self.keyword("BIND")
        self.skip()
        self.punct("(")
        outer = self.enter()
        self.skip()
        self.expression()
        self.skip()
        self.keyword("AS")
        self.skip()
        variable = self.variable()
        self.skip()
        self.punct(")")
        self.depth = outer
        return "bind", variable

    def _values(self) -> Item:
        self.keyword("VALUES")
        self.skip()
        variables = set(self.data_block())
        return "other", Scope(set(variables), set(variables))

    def data_block(self) -> list[str]:
        """InlineDataOneVar ``?x { v … }`` or InlineDataFull ``( ?x ?y ) { ( v w ) … }``."""
        if self.char() in ("?", "$"):
            variables = [self.variable()]
            self.skip()
            self._data_rows(single=True)
            return variables
        self.punct("(")
        self.skip()
        variables = []
        while self.char() in ("?", "$"):
            variables.append(self.variable())
            self.skip()
        self.skip()
        self.punct(")")
        self.skip()
        widths = self._data_rows(single=False)
        if len(set(variables)) < len(variables):
            self.reject("a variable is repeated in the VALUES clause")
        if any(width != len(variables) for width in widths):
            self.reject("a row of the VALUES clause does not have one value (or UNDEF) per variable")
        return variables

    def _data_rows(self, single: bool) -> list[int]:
        self.punct("{")
        self.skip()
        widths = []
        while not self.at("}"):
            if single:
                self.data_value()
                self.skip()
                continue
            self.punct("(")
            self.skip()
            width = 0
            while not self.at(")"):
                self.data_value()
                self.skip()
                width += 1
            self.pos += 1
            self.skip()
            widths.append(width)
        self.pos += 1
        return widths

    _patterns: tuple[tuple[str, Callable[[GroupGrammar], Item]], ...] = (
        ("OPTIONAL", lambda self: ("optional", self._keyword_then_group("OPTIONAL"))),
        ("LATERAL", lambda self: ("lateral", self._keyword_then_group("LATERAL"))),
        ("MINUS", lambda self: ("minus", self._keyword_then_group("MINUS"))),
        ("GRAPH", _graph),
        ("SERVICE", _service),
        ("FILTER", _filter),
        ("BIND", _bind),
        ("VALUES", _values),
    )
