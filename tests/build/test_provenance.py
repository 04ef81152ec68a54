"""Every offset in the graph slices its source file to exactly the quoted text, in its own document's graph."""
from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest

from graph.settings import PROJECT_ROOT
from passages import (
    passages_outside_their_documents_graph,
    rows,
    shared_resources_with_offsets,
    slice_every_passage,
    triples_in_several_graphs,
)


@pytest.fixture(scope="module")
def store(published_var: Path) -> ox.Store:
    return ox.Store.read_only(str(published_var / "current" / "store"))


def test_every_anchor_is_the_slice_of_its_source_file(store: ox.Store) -> None:
    sliced = slice_every_passage(store, PROJECT_ROOT / "data" / "sources")
    assert sliced.wrong == []
    assert sliced.checked > 1000  # statements, citations, mentions of all five sources
    # Where each source names a session, an actor or a participation is checked too.
    assert sliced.by_kind["Mention"] > 300 and sliced.by_kind["Statement"] > 250
    assert sliced.by_kind["Evidence"] > 100  # the inferred links' spans, quoting the statements' documents


def test_every_passage_lives_in_the_graph_of_the_document_it_quotes(store: ox.Store) -> None:
    assert passages_outside_their_documents_graph(store) == []


def test_what_many_documents_can_name_holds_no_passage(store: ox.Store) -> None:
    assert shared_resources_with_offsets(store) == []
    # Each source's words for its session are on a mention of its own.
    named = rows(store, """SELECT ?doc ?words WHERE { ?m mrkg:mentionOf <https://w3id.org/mrkg/id/session/cmw/35> ;
                                                       nif:referenceContext ?doc ; nif:anchorOf ?words }""")
    assert named == [{"doc": "https://w3id.org/mrkg/id/document/001_572bfb9b02552e02", "words": "Thirty-fifth session"}]


def test_no_triple_is_in_two_graphs(store: ox.Store) -> None:
    assert triples_in_several_graphs(store) == 0


def test_every_statement_and_reference_has_provenance(store: ox.Store) -> None:
    missing = rows(store, """SELECT ?node WHERE {
             { ?node a mrkg:Statement } UNION { ?node a mrkg:ProvisionCitation } UNION { ?node a mrkg:InstrumentMention }
             UNION { ?node a mrkg:Mention }
             FILTER NOT EXISTS { ?node nif:beginIndex ?b ; nif:endIndex ?e ; nif:anchorOf ?q ; nif:referenceContext ?c } }""")
    assert missing == []
