"""Every offset in the graph slices its source file to exactly the quoted text."""
from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox

from graph.settings import PROJECT_ROOT

PREFIXES = {
    "nif": "http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#",
    "prov": "http://www.w3.org/ns/prov#",
    "mrkg": "https://w3id.org/mrkg/ontology#",
}


def test_every_anchor_is_the_slice_of_its_source_file(published_var: Path) -> None:
    store = ox.Store.read_only(str(published_var / "current" / "store"))
    rows = store.query(
        """SELECT ?node ?begin ?end ?quote ?file WHERE {
             ?node nif:beginIndex ?begin ; nif:endIndex ?end ; nif:anchorOf ?quote ; nif:referenceContext ?doc .
             ?doc prov:wasDerivedFrom ?file }""",
        prefixes=PREFIXES, use_default_graph_as_union=True,
    )
    texts: dict[str, str] = {}
    checked = 0
    for row in rows:
        name = row["file"].value.rsplit("/", 1)[-1]
        if name not in texts:
            texts[name] = (PROJECT_ROOT / "data" / "sources" / name).read_bytes().decode("utf-8")
        begin, end = int(row["begin"].value), int(row["end"].value)
        assert texts[name][begin:end] == row["quote"].value, f"{row['node'].value}: offsets {begin}-{end} of {name}"
        checked += 1
    assert checked > 1000  # statements, citations and mentions of all five sources


def test_every_statement_and_reference_has_provenance(published_var: Path) -> None:
    store = ox.Store.read_only(str(published_var / "current" / "store"))
    missing = list(store.query(
        """SELECT ?node WHERE {
             { ?node a mrkg:Statement } UNION { ?node a mrkg:ProvisionCitation } UNION { ?node a mrkg:InstrumentMention }
             FILTER NOT EXISTS { ?node nif:beginIndex ?b ; nif:endIndex ?e ; nif:anchorOf ?q ; nif:referenceContext ?c } }""",
        prefixes=PREFIXES, use_default_graph_as_union=True,
    ))
    assert missing == []
