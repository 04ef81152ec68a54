"""Views on their own: the description they give, and how fast a busy provision page is."""
from __future__ import annotations

import time

import pyoxigraph as ox
import pytest

from api.examples import EXAMPLES
from api.views.catalogue import number_key, provision_view
from api.views.paging import PageRequest
from api.views.query import BadIri, iri
from api.views.resources import describe, fallback_label
from graph.store.backends import EmbeddedStore
from graph.vocab import PREFIX_MAP
from pages.support import FIXTURE

ID = "https://w3id.org/mrkg/id/"
MRKG = "https://w3id.org/mrkg/ontology#"
NIF = "http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#"
CITO = "http://purl.org/spar/cito/"
RDFS_LABEL = ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#label")
ARTICLE = ID + "instrument/icrmw/article/22"

STORE_EXAMPLES = [e for e in EXAMPLES if not e.searches]  # a bare store has no search SERVICE


@pytest.fixture(scope="module")
def fixture_store() -> ox.Store:
    store = ox.Store()
    store.load(path=str(FIXTURE), format=ox.RdfFormat.TRIG)
    return store


def test_describe_is_the_bounded_description_plus_labels(fixture_store: ox.Store) -> None:
    triples = describe(EmbeddedStore.of(fixture_store), ID + "statement/001_572bfb9b02552e02/6")
    subjects = {t.subject.value for t in triples}
    own = [t for t in triples if t.subject.value == ID + "statement/001_572bfb9b02552e02/6"]
    assert {t.predicate.value for t in own} >= {MRKG + "text", MRKG + "speaker", MRKG + "cites", NIF + "beginIndex"}
    # Beyond its own triples, only labels of what it links to.
    assert all(t.predicate == RDFS_LABEL for t in triples if t not in own)
    assert ID + "actor/hernandez-paramo" in subjects and ID + "instrument/icrmw/article/22" in subjects
    # Nothing about things that merely link to it (the citation nodes point at it).
    assert not any(t.subject.value.startswith(ID + "statement/001_572bfb9b02552e02/6/ref/") for t in triples)
    assert len(triples) == len(set(triples))


def test_describe_follows_blank_nodes() -> None:
    store = ox.Store()
    node, blank = ox.NamedNode(ID + "thing"), ox.BlankNode()
    store.add(ox.Quad(node, ox.NamedNode(MRKG + "part"), blank, ox.NamedNode(ID + "graph/g")))
    store.add(ox.Quad(blank, ox.NamedNode(MRKG + "number"), ox.Literal("1"), ox.NamedNode(ID + "graph/g")))
    assert len(describe(EmbeddedStore.of(store), ID + "thing")) == 2


def busy_store(statements: int) -> ox.Store:
    """The fixture plus ``statements`` more statements citing article 22, across five meetings."""
    store = ox.Store()
    store.load(path=str(FIXTURE), format=ox.RdfFormat.TRIG)
    quads = []
    for n in range(statements):
        doc, session = f"{ID}document/busy{n % 5}", f"{ID}session/busy/{n % 5}"
        node = ox.NamedNode(f"{ID}statement/busy{n % 5}/{n}")
        ref = ox.NamedNode(f"{node.value}/ref/{1000 + n}-{1010 + n}")
        graph = ox.NamedNode(f"{ID}graph/source/busy{n % 5}")
        text = f"Speaker {n} said that article 22 applied. It did."
        for s, p, o in [
            (node, "rdf:type", ox.NamedNode(MRKG + "Statement")), (node, "mrkg:text", ox.Literal(text)),
            (node, "mrkg:document", ox.NamedNode(doc)), (node, "mrkg:session", ox.NamedNode(session)),
            (node, "mrkg:speaker", ox.NamedNode(f"{ID}actor/speaker-{n}")), (node, "mrkg:paragraphNumber", ox.Literal(str(n), datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer"))),
            (node, "mrkg:cites", ox.NamedNode(ARTICLE)), (node, "nif:beginIndex", ox.Literal(str(1000 + n - 16), datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer"))),
            (node, "nif:anchorOf", ox.Literal(f"{n}. {text}")),
            (ref, "rdf:type", ox.NamedNode(MRKG + "ProvisionCitation")), (ref, "cito:hasCitingEntity", node),
            (ref, "cito:hasCitedEntity", ox.NamedNode(ARTICLE)), (ref, "nif:anchorOf", ox.Literal("article 22")),
            (ref, "nif:beginIndex", ox.Literal(str(1000 + n), datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer"))),
            (ref, "nif:endIndex", ox.Literal(str(1010 + n), datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer"))),
            (ox.NamedNode(doc), "rdfs:label", ox.Literal(f"Document {n % 5}")),
            (ox.NamedNode(session), "rdfs:label", ox.Literal(f"Meeting {n % 5}")),
        ]:
            prefix, local = p.split(":")
            namespace = PREFIX_MAP[prefix]
            quads.append(ox.Quad(s, ox.NamedNode(namespace + local), o, graph))
    store.extend(quads)
    return store


def test_provision_page_with_fifty_citing_statements_is_fast() -> None:
    store = EmbeddedStore.of(busy_store(50))
    whole = PageRequest(size=100)
    provision_view(store, ARTICLE, whole)  # warm up
    timings = []
    for _ in range(5):
        started = time.perf_counter()
        view = provision_view(store, ARTICLE, whole)
        timings.append(time.perf_counter() - started)
    assert view.citation_count == 52  # the fixture's two, and fifty more
    assert sum(len(group.statements) for doc in view.citing.groups for group in doc.sessions) == 52
    quotes = [q for doc in view.citing.groups for group in doc.sessions for s in group.statements for q in s.quotes]
    assert len(quotes) == 52 and all(q.words.startswith("article 22") for q in quotes)
    assert min(timings) < 0.05, f"provision page took {min(timings) * 1000:.1f} ms"


def test_number_key_orders_provisions_as_printed() -> None:
    numbers = ["25(1)", "10.c", "2", "10", "25", "10.a", "27(f)"]
    assert sorted(numbers, key=number_key) == ["2", "10", "10.a", "10.c", "25", "25(1)", "27(f)"]
    assert sorted(["IX", "III", "IV", "X", "II"], key=number_key) == ["II", "III", "IV", "IX", "X"]


def test_iri_refuses_what_could_escape_a_query() -> None:
    assert iri(ARTICLE) == f"<{ARTICLE}>"
    for bad in ["", "no-scheme", f"{ARTICLE}> . ?s ?p ?o <x", "http://x/a b", 'http://x/"']:
        with pytest.raises(BadIri):
            iri(bad)


def test_fallback_labels_read_well() -> None:
    assert fallback_label(ID + "instrument/icrmw/article/22") == "article 22"
    assert fallback_label("http://www.w3.org/ns/prov#wasDerivedFrom") == "was derived from"
    assert fallback_label("http://purl.org/dc/terms/title") == "title"


@pytest.mark.parametrize("example", STORE_EXAMPLES, ids=[e.key for e in STORE_EXAMPLES])
def test_every_example_query_answers(fixture_store: ox.Store, example: object) -> None:
    rows = list(fixture_store.query(example.query, prefixes=PREFIX_MAP, use_default_graph_as_union=True))  # type: ignore[attr-defined]
    assert rows, f"example {example.key!r} returns nothing"  # type: ignore[attr-defined]


@pytest.mark.parametrize("resource", ["statement/001_572bfb9b02552e02/6", "instrument/icrmw/article/22", "actor/ohchr",
                                      "session/cmw/35/meeting/506"])
def test_describe_agrees_with_the_engines_describe(fixture_store: ox.Store, resource: str) -> None:
    """Our description is SPARQL DESCRIBE's (Oxigraph's concise bounded description) plus labels of what it links to."""
    ours = set(describe(EmbeddedStore.of(fixture_store), ID + resource))
    engine = {ox.Triple(t.subject, t.predicate, t.object) for t in fixture_store.query(
        f"DESCRIBE <{ID + resource}>", use_default_graph_as_union=True)}
    added = {t for t in ours if t.subject.value != ID + resource}
    assert ours - added == engine
    assert all(t.predicate == RDFS_LABEL for t in added)


def test_references_are_gathered_by_target_with_their_words() -> None:
    from api.views.passages import Mark
    from api.views.statements import _gather

    gcm = ID + "instrument/gcm"
    marks = [Mark(10, 17, "the GCM", gcm, "mention"), Mark(40, 47, "the GCM", gcm, "mention"),
             Mark(60, 78, "the Global Compact", gcm, "mention"), Mark(900, 907, "the GCM", gcm, "mention"),
             Mark(20, 30, "article 22", ARTICLE, "citation")]
    placed = [(0, 7, marks[0]), (30, 37, marks[1]), (50, 68, marks[2]), (12, 22, marks[4])]
    (mention,) = _gather(marks, placed, {gcm: "GCM", ARTICLE: "Article 22"}, "mention")
    assert mention.target.label == "GCM"
    assert mention.words == [("the GCM", 3), ("the Global Compact", 1)]
    assert mention.outside_text == 1  # the one at 900 was not placed in the running text
    (citation,) = _gather(marks, placed, {gcm: "GCM", ARTICLE: "Article 22"}, "citation")
    assert (citation.words, citation.outside_text) == ([("article 22", 1)], 0)
