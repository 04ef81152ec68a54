"""Triple patterns (Query §19.8 rules 75–109): subjects, property lists, objects, paths, collections.

Each production exists twice in the grammar, with property paths (in a WHERE
clause) and without (templates and update data); ``paths`` chooses.  They
return the variables the triples put in scope.  The engine refuses a
reifier or annotation (SPARQL 1.2 ``~``, ``{| |}``) on a property path that is
not a plain IRI, so path productions also say whether they are one.
"""
from __future__ import annotations

from graph.sparql import terminals as t
from graph.sparql.expressions import ExpressionGrammar
from graph.sparql.reader import MISS

_NAME_START = set("0123456789_")


class TripleGrammar(ExpressionGrammar):
    def triples_block(self, paths: bool) -> set[str]:
        """TriplesBlock / TriplesTemplate: triples separated by ``.``, one more ``.`` allowed at the end."""
        self.skip()
        found = self.triples_same_subject(paths)
        self.skip()
        while self.at("."):
            saved = self.save()
            self.pos += 1
            self.skip()
            more = self.attempt(lambda: self.triples_same_subject(paths))
            if more is MISS:
                self.restore(saved)
                break
            found |= more
            self.skip()
        if self.at("."):
            self.pos += 1
            self.skip()
        return found

    def triples_same_subject(self, paths: bool) -> set[str]:
        """A reified triple, a term, or a collection or ``[ … ]``, with the properties said of it."""
        if self.at("<<") and not self.at("<<("):
            found = self.attempt(lambda: self._reified_triple_block(paths))
            if found is not MISS:
                return found
        found = self.attempt(lambda: self._term_with_properties(paths))
        if found is not MISS:
            return found
        found = self.triples_node(paths)
        self.skip()
        return found | self.property_list(paths, required=False)

    def _reified_triple_block(self, paths: bool) -> set[str]:
        found = self.reified_triple()
        self.skip()
        return found | self.property_list(paths, required=False)

    def _term_with_properties(self, paths: bool) -> set[str]:
        found = set(self.var_or_term())
        self.skip()
        return found | self.property_list(paths, required=True)

    # -- property and object lists ---------------------------------------------------

    def property_list(self, paths: bool, required: bool) -> set[str]:
        """PropertyList(Path)NotEmpty: ``verb objects (; (verb objects)?)*``; empty when not ``required``."""
        first = self.attempt(lambda: self._verb_and_objects(paths)) if not required else self._verb_and_objects(paths)
        if first is MISS:
            return set()
        found = set(first)
        while self.at(";"):
            self.pos += 1
            self.skip()
            more = self.attempt(lambda: self._verb_and_objects(paths))
            if more is not MISS:
                found |= more
        return found

    def _verb_and_objects(self, paths: bool) -> set[str]:
        if paths:
            found, plain = self._path_verb()
        else:
            found, plain = set(self.verb()), True
        self.skip()
        objects, annotated = self.object_list(paths)
        if annotated and not plain:
            self.reject("a reifier or annotation is not allowed on a property path")
        self.skip()
        if not plain:
            self.enter()  # a path other than an IRI splits the basic graph pattern: one more join
        return found | objects

    def _path_verb(self) -> tuple[set[str], bool]:
        """VerbPath / VerbSimple: a property path, else a variable."""
        plain = self.attempt(self.path)
        if plain is not MISS:
            return set(), plain
        return {self.variable()}, True

    def object_list(self, paths: bool) -> tuple[set[str], bool]:
        """ObjectList(Path): objects separated by commas; True when one of them has a reifier or annotation."""
        found, annotated = self._object(paths)
        self.skip()
        while self.at(","):
            saved = self.save()
            self.pos += 1
            self.skip()
            more = self.attempt(lambda: self._object(paths))
            if more is MISS:
                self.restore(saved)
                break
            found |= more[0]
            annotated = annotated or more[1]
            self.skip()
        return found, annotated

    def _object(self, paths: bool) -> tuple[set[str], bool]:
        found = self.graph_node(paths)
        self.skip()
        annotations, annotated = self.annotations(paths)
        return found | annotations, annotated

    def graph_node(self, paths: bool) -> set[str]:
        """GraphNode(Path): a reified triple, a term, or a collection or ``[ … ]``."""
        if self.at("<<") and not self.at("<<("):
            found = self.attempt(self.reified_triple)
            if found is not MISS:
                return found
        term = self.attempt(self.var_or_term)
        if term is not MISS:
            return set(term)
        return self.triples_node(paths)

    def triples_node(self, paths: bool) -> set[str]:
        """TriplesNode(Path): a collection ``( … )`` or a blank node with properties ``[ … ]``."""
        outer = self.enter()
        if self.at("("):
            self.pos += 1
            self.skip()
            found = self.graph_node(paths)
            self.skip()
            self.bnode_count += 1
            while not self.at(")"):
                found |= self.graph_node(paths)
                self.skip()
                self.bnode_count += 1
            self.pos += 1
        else:
            self.punct("[")
            self.skip()
            found = self.property_list(paths, required=True)
            self.skip()
            self.punct("]")
            self.bnode_count += 1
        self.depth = outer
        return found

    # -- SPARQL 1.2: reified triples, reifiers, annotations ------------------------------

    def reified_triple(self) -> set[str]:
        """``<< subject verb object ~reifier? >>``: a triple and the resource that reifies it."""
        self.punct("<<")
        outer = self.enter()
        self.skip()
        found = self._reified_part()
        self.skip()
        found |= self.verb()
        self.skip()
        found |= self._reified_part()
        self.skip()
        reifier = self.attempt(self.reifier)
        if reifier is MISS:
            self.bnode_count += 1
        else:
            found |= reifier
        self.skip()
        self.punct(">>")
        self.depth = outer
        return found

    def _reified_part(self) -> set[str]:
        """ReifiedTripleObject: a variable, triple term, reified triple, IRI, literal or blank node."""
        if self.at("<<") and not self.at("<<("):
            found = self.attempt(self.reified_triple)
            if found is not MISS:
                return found
        if self.at("("):
            self.fail("a term")
        return set(self.var_or_term())

    def reifier(self) -> set[str]:
        """``~`` and an optional variable, IRI or blank node (a new blank node without one)."""
        self.punct("~")
        self.skip()
        first = self.char()
        if first in ("?", "$"):
            return {self.variable()}
        if self.attempt(self.iri) is MISS and self.attempt(self.blank_node) is MISS:
            self.bnode_count += 1
        return set()

    def annotations(self, paths: bool) -> tuple[set[str], bool]:
        """Annotation(Path): reifiers and ``{| properties |}`` blocks after an object."""
        found: set[str] = set()
        annotated = False
        while self.at("~") or self.at("{|"):
            more = self.attempt(lambda: self._annotation(paths))
            if more is MISS:
                break
            found |= more
            annotated = True
        return found, annotated

    def _annotation(self, paths: bool) -> set[str]:
        found: set[str] = set()
        if self.at("~"):
            found |= self.reifier()
            self.skip()
            block = self.attempt(lambda: self._annotation_block(paths))
            if block is not MISS:
                found |= block
        else:
            found |= self._annotation_block(paths)
            self.bnode_count += 1
        self.skip()
        return found

    def _annotation_block(self, paths: bool) -> set[str]:
        self.punct("{|")
        outer = self.enter()
        self.skip()
        found = self.property_list(paths, required=True)
        self.skip()
        self.punct("|}")
        self.depth = outer
        return found

    # -- property paths ---------------------------------------------------------------

    def path(self) -> bool:
        """Path: alternatives of sequences; True when it is one IRI (perhaps inverted or in parentheses)."""
        plain = self._path_sequence()
        alternatives = 1
        outer = self.depth
        while self.at("|"):
            saved = self.save()
            self.pos += 1
            self.skip()
            self.enter()
            if self.attempt(self._path_sequence) is MISS:
                self.restore(saved)
                break
            alternatives += 1
        self.depth = outer
        return plain and alternatives == 1

    def _path_sequence(self) -> bool:
        plain = self._path_step()
        self.skip()
        steps = 1
        outer = self.depth
        while self.at("/"):
            saved = self.save()
            self.pos += 1
            self.skip()
            self.enter()
            if self.attempt(self._path_step) is MISS:
                self.restore(saved)
                break
            self.skip()
            steps += 1
        self.depth = outer
        return plain and steps == 1

    def _path_step(self) -> bool:
        """PathEltOrInverse: ``^`` and a path element, or a path element."""
        if self.at("^"):
            self.pos += 1
            self.skip()
        plain = self._path_primary()
        after = self.pos
        self.skip()
        modifier = self.char()
        if modifier in ("*", "+") or (modifier == "?" and not self._starts_name(self.pos + 1)):
            self.pos += 1
            return False
        self.pos = after
        return plain

    def _starts_name(self, position: int) -> bool:
        """Does a variable name start here (so ``?`` is a variable, not the path modifier)?"""
        char = self.text[position:position + 1]
        return bool(char) and (char in _NAME_START or t.VARIABLE.match("?" + char) is not None)

    def _path_primary(self) -> bool:
        """PathPrimary: an IRI, ``a``, a negated property set ``!…``, or a path in parentheses."""
        if self.attempt(self.iri) is not MISS:
            return True
        first = self.char()
        if first == "a":
            self.pos += 1
            return True
        if first == "!":
            self.pos += 1
            self.skip()
            self._negated_property_set()
            return False
        self.punct("(")
        outer = self.enter()
        self.skip()
        plain = self.path()
        self.skip()
        self.punct(")")
        self.depth = outer
        return plain

    def _negated_property_set(self) -> None:
        if not self.at("("):
            self._path_one_in_property_set()
            return
        saved = self.save()
        self.pos += 1
        self.skip()
        if self.attempt(self._path_one_in_property_set) is MISS:
            self.restore(saved)
            self._path_one_in_property_set()  # fails: "(" is none of them
        self.skip()
        while self.at("|"):
            self.pos += 1
            self.skip()
            self._path_one_in_property_set()
            self.skip()
        self.punct(")")

    def _path_one_in_property_set(self) -> None:
        if self.at("^"):
            self.pos += 1
            self.skip()
        if self.attempt(self.iri) is MISS:
            self.punct("a")
