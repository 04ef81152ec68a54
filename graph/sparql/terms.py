"""RDF terms in patterns and data: VarOrTerm, VarOrIri, Verb, triple terms (SPARQL 1.2), VALUES data."""
from __future__ import annotations

from graph.sparql import terminals as t
from graph.sparql.reader import MISS, Reader

_NUMBER_START = frozenset("0123456789.+-")


class TermGrammar(Reader):
    def var_or_term(self) -> frozenset[str]:
        """VarOrTerm: Var / TripleTerm / iri / RDFLiteral / NumericLiteral / BooleanLiteral / BlankNode / NIL."""
        first = self.char()
        if first in ("?", "$"):
            return frozenset((self.variable(),))
        if first == "<":
            if self.at("<<("):
                found = self.attempt(self.triple_term)
                if found is not MISS:
                    return found
            self.iriref()
        elif first in ("'", '"'):
            self.literal()
        elif first in _NUMBER_START:
            self.number()
        elif first in ("t", "f"):
            if self.attempt(self.prefixed_name) is MISS:
                self.boolean()
        elif first in ("_", "["):
            self.blank_node()
        elif first == "(":
            self.nil()
        elif t.PNAME_NS.match(self.text, self.pos) is None:
            self.fail("a variable, an IRI, a literal or a blank node")
        else:
            self.prefixed_name()
        return frozenset()

    def var_or_iri(self) -> tuple[str | None, str | None]:
        """VarOrIri: (the variable's name, None) or (None, the IRI)."""
        if self.char() in ("?", "$"):
            return self.variable(), None
        return None, self.iri()

    def verb(self) -> frozenset[str]:
        """Verb: VarOrIri / ``a`` (the engine takes ``a`` even when more letters follow)."""
        if self.char() in ("?", "$"):
            return frozenset((self.variable(),))
        if self.attempt(self.iri) is MISS:
            self.punct("a")
        return frozenset()

    def triple_term(self) -> frozenset[str]:
        """TripleTerm ``<<( s p o )>>``: subject and object are terms, variables or triple terms."""
        self.punct("<<(")
        outer = self.enter()
        self.skip()
        found = self._triple_term_part()
        self.skip()
        found |= self.verb()
        self.skip()
        found |= self._triple_term_part()
        self.skip()
        self.punct(")>>")
        self.depth = outer
        return found

    def _triple_term_part(self) -> frozenset[str]:
        """TripleTermObject: Var / TripleTerm / iri / RDFLiteral / NumericLiteral / BooleanLiteral / BlankNode."""
        if self.at("("):
            self.fail("a term")  # no collection, no NIL here
        return self.var_or_term()

    def data_value(self) -> None:
        """DataBlockValue: TripleTermData / iri / RDFLiteral / NumericLiteral / BooleanLiteral / UNDEF."""
        if self.attempt(self._data_term) is MISS:
            self.keyword("UNDEF")

    def triple_term_data(self) -> None:
        """TripleTermData: a triple term of IRIs and literals, whose subject is an IRI."""
        self.punct("<<(")
        outer = self.enter()
        self.skip()
        subject_is_iri = self._data_term()
        self.skip()
        if self.attempt(self.iri) is MISS:
            self.punct("a")
        self.skip()
        self._data_term()
        self.skip()
        self.punct(")>>")
        if not subject_is_iri:
            self.reject("literals and triple terms are not allowed as the subject of a triple term")
        self.depth = outer

    def _data_term(self) -> bool:
        """TripleTermDataObject: TripleTermData / iri / RDFLiteral / NumericLiteral / BooleanLiteral; True for an IRI."""
        first = self.char()
        if self.at("<<("):
            self.triple_term_data()
            return False
        if first == "<":
            self.iriref()
            return True
        if first in ("'", '"'):
            self.literal()
        elif first in _NUMBER_START:
            self.number()
        elif self.attempt(self.prefixed_name) is not MISS:
            return True
        else:
            self.boolean()
        return False
