"""Queries (Query §19.8 rules 1–18): the prologue, the four forms and their dataset clauses."""
from __future__ import annotations

from graph.sparql import terminals as t
from graph.sparql.iris import parse_iri
from graph.sparql.reader import MISS
from graph.sparql.reading import Reading
from graph.sparql.scope import NOTHING, Needs, Scope
from graph.sparql.select import Modifiers, Selection, SelectGrammar

FORMS = ("SELECT", "CONSTRUCT", "DESCRIBE", "ASK")  # in the engine's order


class QueryGrammar(SelectGrammar):
    def query(self) -> Reading:
        self.skip()
        self.prologue()
        self.skip()
        form = next((word for word in FORMS if self.at_keyword(word)), None)
        if form is None:
            self.fail("SELECT, CONSTRUCT, DESCRIBE or ASK")
        default_graphs: list[str] = []
        named_graphs: list[str] = []
        modifiers = getattr(self, f"_{form.lower()}")(default_graphs, named_graphs)
        self.skip()
        if self.pos < len(self.text):
            self.fail("the end of the query")
        return Reading(form, tuple(default_graphs), tuple(named_graphs), modifiers.limit)

    def prologue(self) -> None:
        """BASE, PREFIX and VERSION declarations, in any number and order."""
        while True:
            if self.at_keyword("BASE"):
                declared = self.attempt(self._base)
            elif self.at_keyword("PREFIX"):
                declared = self.attempt(self._prefix)
            elif self.at_keyword("VERSION"):
                declared = self.attempt(self._version)
            else:
                return
            if declared is MISS:
                return
            self.skip()

    def _base(self) -> None:
        self.keyword("BASE")
        self.skip()
        self.base = parse_iri(self.iriref())
        self._iri_cache.clear()  # relative IRIs now resolve differently

    def _prefix(self) -> None:
        self.keyword("PREFIX")
        self.skip()
        start = self.pos
        name = t.PNAME_NS.match(self.text, start)
        if name is None:
            self.fail("a prefix name and ':'")
        self.opaque(start, name.end())
        self.pos = name.end()
        self.skip()
        self.prefixes[name.group()[:-1]] = self.iriref()

    def _version(self) -> None:
        """VERSION and a short string (the engine takes no long string here)."""
        self.keyword("VERSION")
        self.skip()
        for opener in ("'", '"'):
            match = t.STRINGS[opener].match(self.text, self.pos)
            if match is not None and t.unescape_string(match.group(1)) is not None:
                self.opaque(self.pos, match.end())
                self.pos = match.end()
                return
        self.fail("a version string")

    def dataset_clauses(self, default_graphs: list[str], named_graphs: list[str]) -> None:
        """FROM iri and FROM NAMED iri, any number (``FROM named:x`` is a default graph named ``named:x``)."""
        while self.at_keyword("FROM"):
            saved = self.save()
            self.pos += len("FROM")
            self.skip()
            graph = self.attempt(self.iri)
            if graph is not MISS:
                default_graphs.append(graph)
            elif self.at_keyword("NAMED") and (graph := self.attempt(self._named)) is not MISS:
                named_graphs.append(graph)
            else:
                self.restore(saved)
                return
            self.skip()

    def _named(self) -> str:
        self.keyword("NAMED")
        self.skip()
        return self.iri()

    def _select(self, default_graphs: list[str], named_graphs: list[str]) -> Modifiers:
        selection = self.select_clause()
        self.skip()
        self.dataset_clauses(default_graphs, named_graphs)
        self.skip()
        where = self.where_clause()
        self.skip()
        modifiers = self.solution_modifiers()
        self.finish_select(selection, where, modifiers)
        return modifiers

    def _construct(self, default_graphs: list[str], named_graphs: list[str]) -> Modifiers:
        """CONSTRUCT { template } dataset WHERE { … } …, or CONSTRUCT dataset WHERE { triples } …."""
        start = self.pos
        found = self.attempt(lambda: self._construct_with_template(default_graphs, named_graphs))
        if found is not MISS:
            return found
        self.pos = start
        self.keyword("CONSTRUCT")
        self.skip()
        self.dataset_clauses(default_graphs, named_graphs)
        self.skip()
        self.keyword("WHERE")
        self.skip()
        self.punct("{")
        outer = self.enter()
        self.skip()
        template = self.attempt(lambda: self.triples_block(paths=False))
        self.skip()
        self.punct("}")
        self.depth = outer
        self.skip()
        modifiers = self.solution_modifiers()
        self.finish_select(Selection(), Scope(set() if template is MISS else template), modifiers)
        return modifiers

    def _construct_with_template(self, default_graphs: list[str], named_graphs: list[str]) -> Modifiers:
        self.keyword("CONSTRUCT")
        self.skip()
        self.punct("{")
        outer = self.enter()
        self.skip()
        self.construct_triples()
        self.skip()
        self.punct("}")
        self.depth = outer
        self.bnodes_current.clear()  # the template's blank nodes are its own
        self.skip()
        self.dataset_clauses(default_graphs, named_graphs)
        self.skip()
        where = self.where_clause()
        self.skip()
        modifiers = self.solution_modifiers()
        self.finish_select(Selection(), where, modifiers)
        return modifiers

    def construct_triples(self) -> None:
        """ConstructTriples: triples separated by ``.``, perhaps none, one more ``.`` allowed at the end."""
        if self.attempt(lambda: self.triples_same_subject(paths=False)) is not MISS:
            self.skip()
            while self.at("."):
                saved = self.save()
                self.pos += 1
                self.skip()
                if self.attempt(lambda: self.triples_same_subject(paths=False)) is MISS:
                    self.restore(saved)
                    break
                self.skip()
        if self.at("."):
            self.pos += 1

    def _describe(self, default_graphs: list[str], named_graphs: list[str]) -> Modifiers:
        """DESCRIBE * or DESCRIBE and variables or IRIs, then an optional WHERE clause."""
        self.keyword("DESCRIBE")
        self.skip()
        selection = Selection()
        if self.at("*"):
            self.pos += 1
        else:
            selection = Selection(star=False)
            selection.members.append(self._described())
            while (more := self.attempt(self._described)) is not MISS:
                selection.members.append(more)
        self.skip()
        self.dataset_clauses(default_graphs, named_graphs)
        self.skip()
        where = self.attempt(self.where_clause)
        self.skip()
        modifiers = self.solution_modifiers()
        self.finish_select(selection, Scope() if where is MISS else where, modifiers)
        return modifiers

    def _described(self) -> tuple[str, Needs | None]:
        variable, _ = self.var_or_iri()
        self.skip()
        if variable is not None:
            return variable, None
        self.enter()  # each IRI is bound to a variable of its own, in a chain
        return self.fresh_variable(), NOTHING

    def _ask(self, default_graphs: list[str], named_graphs: list[str]) -> Modifiers:
        self.keyword("ASK")
        self.skip()
        self.dataset_clauses(default_graphs, named_graphs)
        self.skip()
        where = self.where_clause()
        self.skip()
        modifiers = self.solution_modifiers()
        self.finish_select(Selection(), where, modifiers)
        return modifiers
