"""The statements of one source's graph as the inference reads them: their words, what they cite and mention.

Read from the source's stored quads (the part the build wrote), so a source whose graph is kept
from an earlier build is read for inference without reading its text again.  A statement's words
are its ``nif:anchorOf`` (the passage exactly as printed, at its offsets in the document), not
its ``mrkg:text`` (markup removed): the evidence of a link must point at the document's own
characters.
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, replace

import pyoxigraph as ox

from graph.vocab import CITO, MRKG, NIF

RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"


@dataclass(frozen=True)
class StatementWords:
    """A statement: its passage and offsets, the provisions it cites, the instruments it names."""

    iri: str
    document: str
    begin: int
    passage: str
    cites: frozenset[str] = frozenset()
    mentions: frozenset[str] = frozenset()
    citation_spans: tuple[tuple[int, int], ...] = ()  # where its citations are printed (document offsets)
    mention_spans: tuple[tuple[int, int, str], ...] = ()  # where it names an instrument, and which


@dataclass
class SourceStatements:
    """The statements of one source, and the instruments its document names anywhere (its context)."""

    statements: list[StatementWords]
    document_instruments: dict[str, frozenset[str]] = field(default_factory=dict)  # document → instruments

    def without_citations(self, instrument_of: dict[str, str]) -> "SourceStatements":
        """The same statements as if no provision were cited: no ``mrkg:cites``, the words of each citation
        blanked out (so "objective 13" cannot give itself away), and no instrument named inside a citation.
        This is how the inference is measured against the citations it did not see."""
        hidden = []
        for statement in self.statements:
            passage = list(statement.passage)
            for begin, end in statement.citation_spans:
                for at in range(max(begin - statement.begin, 0), min(end - statement.begin, len(passage))):
                    passage[at] = " "
            kept = [(b, e, i) for b, e, i in statement.mention_spans
                    if not any(cb <= b and e <= ce for cb, ce in statement.citation_spans)]
            hidden.append(replace(statement, passage="".join(passage), cites=frozenset(), citation_spans=(),
                                  mentions=frozenset(i for _, _, i in kept), mention_spans=tuple(kept)))
        return SourceStatements(hidden, _document_instruments(hidden, instrument_of))

    @classmethod
    def of(cls, quads: Iterable[ox.Quad], instrument_of: dict[str, str]) -> "SourceStatements":
        """``instrument_of`` gives each provision's instrument (a cited provision names its instrument too)."""
        facts: dict[str, dict[str, list[ox.NamedNode | ox.Literal | ox.BlankNode]]] = {}
        for quad in quads:
            subject = quad.subject
            if isinstance(subject, ox.NamedNode):
                facts.setdefault(subject.value, {}).setdefault(quad.predicate.value, []).append(quad.object)  # type: ignore[arg-type]
        statements = []
        spans: dict[str, list[tuple[int, int, str, str]]] = {}
        for iri, said in facts.items():
            kinds = {o.value for o in said.get(RDF_TYPE, ())}
            if str(MRKG.ProvisionCitation) in kinds or str(MRKG.InstrumentMention) in kinds:
                citing, cited = _one(said, str(CITO.hasCitingEntity)), _one(said, str(CITO.hasCitedEntity))
                begin, end = _one(said, str(NIF.beginIndex)), _one(said, str(NIF.endIndex))
                if citing and cited and begin and end:
                    kind = "cites" if str(MRKG.ProvisionCitation) in kinds else "mentions"
                    spans.setdefault(citing, []).append((int(begin), int(end), cited, kind))
        for iri, said in sorted(facts.items()):
            kinds = {o.value for o in said.get(RDF_TYPE, ())}
            passage, begin = _one(said, str(NIF.anchorOf)), _one(said, str(NIF.beginIndex))
            document = _one(said, str(MRKG.document))
            if str(MRKG.Statement) not in kinds or passage is None or begin is None or document is None:
                continue
            own = sorted(spans.get(iri, ()))
            statements.append(StatementWords(
                iri, document, int(begin), passage,
                frozenset(o.value for o in said.get(str(MRKG.cites), ())),
                frozenset(o.value for o in said.get(str(MRKG.mentions), ())),
                tuple((b, e) for b, e, _, kind in own if kind == "cites"),
                tuple((b, e, cited) for b, e, cited, kind in own if kind == "mentions")))
        return cls(statements, _document_instruments(statements, instrument_of))


def _one(said: dict[str, list[ox.NamedNode | ox.Literal | ox.BlankNode]], predicate: str) -> str | None:
    values = said.get(predicate)
    return values[0].value if values else None


def _document_instruments(statements: list[StatementWords], instrument_of: dict[str, str]) -> dict[str, frozenset[str]]:
    found: dict[str, set[str]] = {}
    for statement in statements:
        found.setdefault(statement.document, set()).update(instruments_of(statement, instrument_of))
    return {document: frozenset(named) for document, named in found.items()}


def instruments_of(statement: StatementWords, instrument_of: dict[str, str]) -> set[str]:
    """The instruments a statement names, or names by citing one of their provisions."""
    return set(statement.mentions) | {instrument_of[p] for p in statement.cites if p in instrument_of}
