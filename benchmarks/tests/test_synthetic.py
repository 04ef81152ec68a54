"""The synthetic graph is deterministic and has the shape of a real build."""
from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import Dataset

from benchmarks import synthetic
from benchmarks.tests.conftest import SMALL

MRKG = "PREFIX mrkg: <https://w3id.org/mrkg/ontology#>\nPREFIX nif: <http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#>\n"


def _ask(store: ox.Store, query: str) -> list[ox.QuerySolution]:
    return list(store.query(MRKG + query, use_default_graph_as_union=True))


def test_same_seed_same_bytes_other_seed_other_graph(tmp_path: Path, small_nquads: Path) -> None:
    again, other = tmp_path / "again.nq", tmp_path / "other.nq"
    synthetic.write_nquads(again, SMALL, seed=7)
    synthetic.write_nquads(other, SMALL, seed=8)
    assert again.read_bytes() == small_nquads.read_bytes()
    assert other.read_bytes() != small_nquads.read_bytes()


def test_reaches_the_asked_size(small_store: ox.Store) -> None:
    assert SMALL <= len(small_store) < SMALL * 1.5


def test_one_named_graph_per_source_and_no_triple_in_two_graphs(small_store: ox.Store) -> None:
    graphs = {str(g.value) for g in small_store.named_graphs()}
    sources = {g for g in graphs if "/graph/source/" in g}
    documents = _ask(small_store, "SELECT ?d WHERE { ?d a mrkg:Document }")
    assert len(sources) == len(documents) >= 2
    repeated = _ask(small_store, "SELECT * WHERE { GRAPH ?a { ?s ?p ?o } GRAPH ?b { ?s ?p ?o } FILTER(?a != ?b) } LIMIT 1")
    assert repeated == []


def test_every_provision_reaches_its_instrument_by_the_link_and_by_partof(small_store: ox.Store) -> None:
    provisions = _ask(small_store, "SELECT ?p WHERE { ?p a mrkg:Provision }")
    linked = _ask(small_store, "SELECT ?p WHERE { ?p a mrkg:Provision ; mrkg:instrument ?i . ?p mrkg:partOf+ ?i . "
                               "?i a mrkg:Instrument }")
    assert len(provisions) > 100
    assert len(linked) == len(provisions)


def test_offsets_point_at_the_printed_words(small_store: ox.Store) -> None:
    rows = _ask(small_store, """SELECT ?anchor ?begin ?end ?text WHERE {
      ?ref a mrkg:ProvisionCitation ; nif:anchorOf ?anchor ; nif:beginIndex ?begin ; nif:endIndex ?end ;
           nif:referenceContext ?document .
      ?document nif:isString ?text .
    } LIMIT 200""")
    assert len(rows) == 200
    for row in rows:
        text, begin, end = row["text"].value, int(row["begin"].value), int(row["end"].value)
        assert text[begin:end] == row["anchor"].value
        assert row["anchor"].value.split()[0] in {"article", "objective", "guiding", "goal", "target"}


def test_statements_have_what_the_queries_join_on(small_store: ox.Store) -> None:
    (row,) = _ask(small_store, """SELECT (COUNT(?s) AS ?all) (COUNT(?speaker) AS ?spoken) (COUNT(?cited) AS ?citing)
      WHERE { ?s a mrkg:Statement ; mrkg:text ?t ; mrkg:session ?session ; mrkg:document ?d .
              OPTIONAL { ?s mrkg:speaker ?speaker } OPTIONAL { ?s mrkg:cites ?cited } }""")
    statements, spoken, citing = (int(row[name].value) for name in ("all", "spoken", "citing"))
    assert statements > 100
    assert 0.8 * statements < spoken < statements  # procedural paragraphs have no speaker
    assert citing > 0.3 * statements


@pytest.mark.slow
def test_conforms_to_the_project_shapes() -> None:
    """Same shape as a build, as the shapes see it (where the shapes and their validator exist)."""
    validate = pytest.importorskip("graph.validate")
    shapes = Path(synthetic.__file__).resolve().parent.parent / "shapes"
    if not list(shapes.glob("*.ttl")):
        pytest.skip("no shapes in this checkout")
    maker = synthetic.Synthesiser(seed=3, instruments=3, states=4, organizations=8, people=40)
    quads = synthetic.ontology_quads() + maker.catalogue() + maker.actors() + maker.source(0) + maker.source(3)
    data = Dataset(default_union=True)
    data.parse(data=ox.serialize(quads, format=ox.RdfFormat.N_QUADS), format="nquads")
    report = validate.validate(data, shapes)
    assert report.conforms, report.text()
