"""Updates (Update §3, grammar rules 29–52): LOAD, graph management, data and DELETE/INSERT operations.

LOAD operations are recorded with their source resolved as the engine
resolves it; SERVICE clauses in a WHERE are recorded by the group grammar.
The engine reads one prologue, before the first operation (none after a
``;``), and takes two triples blocks side by side in update data without a
``.`` between them; so does this reader.
"""
from __future__ import annotations

from typing import Callable

from graph.sparql.queries import QueryGrammar
from graph.sparql.reader import MISS
from graph.sparql.reading import Reading, RemoteCall, shortened

_OPERATIONS = ("LOAD", "CLEAR", "DROP", "ADD", "MOVE", "COPY", "CREATE", "INSERT", "DELETE", "WITH")


class UpdateGrammar(QueryGrammar):
    def update(self) -> Reading:
        self.skip()
        self.prologue()
        self.skip()
        data_labels: list[tuple[int, set[str]]] = []
        if self.attempt(lambda: self._operation(data_labels)) is not MISS:
            while self.at(";"):
                saved = self.save()
                self.pos += 1
                self.skip()
                if self.attempt(lambda: self._operation(data_labels)) is MISS:
                    self.restore(saved)
                    break
        if self.at(";"):
            self.pos += 1
            self.skip()
        if self.pos < len(self.text):
            self.fail("the end of the update")
        self._check_shared_labels(data_labels)
        wheres = tuple(offset for kind, offset in self.notes if kind == "where")
        return Reading(None, where_offsets=wheres, own_dataset=any(kind != "where" for kind, _ in self.notes))

    def _operation(self, data_labels: list[tuple[int, set[str]]]) -> None:
        """Update1 in the engine's order: INSERT DATA before INSERT { }, DELETE DATA and DELETE WHERE before DELETE."""
        start = self.pos
        word = next((word for word in _OPERATIONS if self.at_keyword(word)), None)
        if word is None:
            self.fail("an update operation")
        if word in ("INSERT", "DELETE"):
            if self.attempt(lambda: self._data(word, start, data_labels)) is MISS and (
                    word == "INSERT" or self.attempt(self._delete_where) is MISS):
                self._modify()
        elif word == "WITH":
            self._modify()
        else:
            {"LOAD": self._load, "CREATE": self._create}.get(word, lambda: self._management(word))()
        self.bnodes_used.clear()
        self.bnodes_current.clear()
        self.skip()

    def _load(self) -> None:
        start = self.pos
        self.keyword("LOAD")
        self.skip()
        silent = self._silent()
        written_from = self.pos
        source = self.iri()
        self.calls.append(RemoteCall("LOAD", source, self.text[written_from:self.pos], silent, start))
        self.skip()
        if self.at_keyword("INTO"):
            self.attempt(self._into)

    def _into(self) -> None:
        self.keyword("INTO")
        self.skip()
        self._graph_ref()

    def _silent(self) -> bool:
        """SILENT, if written: the engine commits to it (``LOAD silent:x`` is SILENT and then ``:x``)."""
        if self.at_keyword("SILENT"):
            self.pos += len("SILENT")
            self.skip()
            return True
        return False

    def _graph_ref(self) -> None:
        self.keyword("GRAPH")
        self.skip()
        self.iri()

    def _management(self, word: str) -> None:
        """CLEAR, DROP, ADD, MOVE, COPY."""
        if word in ("ADD", "MOVE", "COPY"):
            self._transfer(word)
        else:
            self._clear_or_drop(word)

    def _clear_or_drop(self, word: str) -> None:
        self.keyword(word)
        self.skip()
        self._silent()
        if self.attempt(self._graph_ref) is not MISS:
            return
        for target in ("DEFAULT", "NAMED", "ALL"):
            if self.at_keyword(target):
                self.pos += len(target)
                return
        self.fail("GRAPH, DEFAULT, NAMED or ALL")

    def _create(self) -> None:
        self.keyword("CREATE")
        self.skip()
        self._silent()
        self._graph_ref()

    def _transfer(self, word: str) -> None:
        """ADD, MOVE, COPY: from a graph or DEFAULT to a graph or DEFAULT."""
        self.keyword(word)
        self.skip()
        self._silent()
        self._graph_or_default()
        self.skip()
        self.keyword("TO")
        self.skip()
        self._graph_or_default()

    def _graph_or_default(self) -> None:
        if self.at_keyword("DEFAULT"):
            self.pos += len("DEFAULT")
            return
        if self.at_keyword("GRAPH"):
            self.pos += len("GRAPH")
            self.skip()
        self.iri()

    def _data(self, word: str, start: int, data_labels: list[tuple[int, set[str]]]) -> None:
        """INSERT DATA (no variables) or DELETE DATA (no variables, no blank nodes)."""
        self.keyword(word)
        self.skip()
        self.keyword("DATA")
        self.skip()
        blank_nodes = self.bnode_count
        self.data_labels = set()
        try:
            variables = self.quad_pattern()
            labels = self.data_labels
        finally:
            self.data_labels = None
        if variables:
            self.reject(f"variables are not allowed in {word} DATA (?{shortened(min(variables), 40)})")
        if word == "DELETE" and self.bnode_count > blank_nodes:
            self.reject("blank nodes are not allowed in DELETE DATA")
        if word == "INSERT":
            data_labels.append((start, labels))

    def _delete_where(self) -> None:
        self.keyword("DELETE")
        self.skip()
        self.keyword("WHERE")
        self.skip()
        self._without_blank_nodes(self.quad_pattern, "DELETE WHERE")

    def _modify(self) -> None:
        """WITH iri? then DELETE { … } INSERT { … }, either or both, USING clauses, WHERE { … }."""
        if self.at_keyword("WITH"):
            self.notes.append(("with", self.pos))
            self.keyword("WITH")
            self.skip()
            self.iri()
            self.skip()
        if self.at_keyword("DELETE"):
            self._without_blank_nodes(lambda: self._clause("DELETE"), "a DELETE clause")
            self.bnodes_current.clear()
            self.skip()
            if self.at_keyword("INSERT"):
                self.attempt(lambda: self._clause("INSERT"))
        else:
            self._clause("INSERT")
        self.bnodes_current.clear()
        self.skip()
        while self.at_keyword("USING") and self.attempt(self._using) is not MISS:
            self.skip()
        self.skip()
        self.notes.append(("where", self.pos))
        self.keyword("WHERE")
        self.skip()
        self.group_graph_pattern()

    def _clause(self, word: str) -> None:
        self.keyword(word)
        self.skip()
        self.quad_pattern()

    def _using(self) -> None:
        start = self.pos
        self.keyword("USING")
        self.skip()
        if self.attempt(self.iri) is MISS:
            self.keyword("NAMED")
            self.skip()
            self.iri()
        self.notes.append(("using", start))

    def _without_blank_nodes(self, read: Callable[[], object], where: str) -> None:
        before = self.bnode_count
        read()
        if self.bnode_count > before:
            self.reject(f"blank nodes are not allowed in {where}")

    def quad_pattern(self) -> set[str]:
        """``{ Quads }``: triples and GRAPH blocks; the variables in them (graph names included)."""
        self.punct("{")
        outer = self.enter()
        self.skip()
        found: set[str] = set()
        while True:
            more = self.attempt(lambda: self.triples_block(paths=False))
            if more is MISS and self.at_keyword("GRAPH"):
                more = self.attempt(self._quads_in_graph)
            if more is MISS:
                break
            found |= more
            self.skip()
        self.skip()
        self.punct("}")
        self.depth = outer
        return found

    def _quads_in_graph(self) -> set[str]:
        self.keyword("GRAPH")
        self.skip()
        variable, _ = self.var_or_iri()
        self.skip()
        self.punct("{")
        outer = self.enter()
        self.skip()
        found = self.attempt(lambda: self.triples_block(paths=False))
        self.skip()
        self.punct("}")
        self.depth = outer
        self.skip()
        if self.at("."):
            self.pos += 1
        found = set() if found is MISS else found
        return found | ({variable} if variable is not None else set())

    def _check_shared_labels(self, data_labels: list[tuple[int, set[str]]]) -> None:
        seen: set[str] = set()
        for offset, labels in data_labels:
            shared = labels & seen
            if shared:
                self.furthest = -1
                self.reject(f"the blank node _:{shortened(min(shared), 40)} is used by two INSERT DATA operations",
                            offset)
            seen |= labels
