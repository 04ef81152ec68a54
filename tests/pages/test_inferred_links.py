"""Inferred provision links in a real `mrkg build` of data/, through the real server (issue 13, item 5):
objective 13's page lists the statements that discuss it by inference apart from those that cite it, each
marked inferred with its confidence; the links live in the inferred graph only, never as mrkg:cites, and
SPARQL finds them with their evidence."""
from __future__ import annotations

import json
import re
from pathlib import Path

import httpx
import pyoxigraph as ox
import pytest

from graph import iris
from graph.build_cache import BuildCache
from graph.build_inputs import BuildInputs, reading_digest
from graph.graph_parts import Part
from graph.infer.step import InferredParts
from graph.settings import Settings
from graph.vocab import PREFIX_MAP

pytestmark = pytest.mark.slow

INFERRED = iris.INFERRED_GRAPH
OBJECTIVE_13 = iris.ID + "instrument/gcm/objective/13"
PREFIXES = "".join(f"PREFIX {name}: <{namespace}>\n" for name, namespace in PREFIX_MAP.items())


def ask(real_store: ox.Store, query: str) -> bool:
    return bool(real_store.query(PREFIXES + query, use_default_graph_as_union=True))


def section(html: str, name: str) -> str:
    start = html.index(f'aria-labelledby="{name}"')
    return html[start:html.index("</section>", start)]


def test_objective_13_lists_inferred_statements_apart_with_confidences(real_site: httpx.Client) -> None:
    html = real_site.get("/id/instrument/gcm/objective/13", headers={"Accept": "text/html"}).text
    citing, inferred = section(html, "citing"), section(html, "inferred")
    assert re.search(r"Discussed, by inference, in \d+ statements", inferred)
    cited = set(re.findall(r'href="(/id/statement/[^"]+)"', citing))
    guessed = re.findall(r'<span class="badge inferred-badge">inferred</span> <span class="confidence" '
                         r'title="confidence">(0\.\d+|1\.000)</span>\s*<a href="(/id/statement/[^"]+)">', inferred)
    assert len(guessed) >= 5
    assert cited and not cited & {href for _, href in guessed}  # apart: no statement in both lists
    confidences = [float(value) for value, _ in guessed]
    assert confidences == sorted(confidences, reverse=True) and all(0.4 <= c <= 1 for c in confidences)
    # Mr. Flynn on "alternatives to detention … in the Global Compact" (CMW/C/SR.506, para. 24) never says "objective 13".
    assert "/id/statement/001_572bfb9b02552e02/24" in {href for _, href in guessed}
    assert "alternatives to detention" in inferred


def test_no_inferred_triple_is_in_a_source_graph_and_no_citation_in_the_inferred_graph(real_store: ox.Store) -> None:
    assert ask(real_store, f"ASK {{ GRAPH <{INFERRED}> {{ ?s mrkg:discusses ?p }} }}")
    assert not ask(real_store, f"ASK {{ GRAPH ?g {{ ?s mrkg:discusses ?p }} FILTER (?g != <{INFERRED}>) }}")
    assert not ask(real_store, f"ASK {{ GRAPH ?g {{ ?l a mrkg:InferredLink }} FILTER (?g != <{INFERRED}>) }}")
    assert not ask(real_store, f"ASK {{ GRAPH ?g {{ ?l mrkg:matchedWords ?w }} FILTER (?g != <{INFERRED}>) }}")
    assert not ask(real_store, f"ASK {{ GRAPH <{INFERRED}> {{ ?s mrkg:cites ?p }} }}")
    assert not ask(real_store, f"ASK {{ GRAPH <{INFERRED}> {{ ?s cito:cites ?p }} }}")
    # Never inferred where a citation says it already.
    assert not ask(real_store, "ASK { ?s mrkg:discusses ?p ; mrkg:cites ?p }")


def test_every_evidence_quotes_its_document_at_its_offsets(real_store: ox.Store) -> None:
    rows = list(real_store.query(PREFIXES + f"""SELECT ?text ?begin ?end ?words ?sb ?se WHERE {{
        GRAPH <{INFERRED}> {{ ?e a mrkg:Evidence ; nif:beginIndex ?begin ; nif:endIndex ?end ; nif:anchorOf ?words ;
                               nif:referenceContext ?doc ; nif:superString ?st }}
        ?doc nif:isString ?text . ?st nif:beginIndex ?sb ; nif:endIndex ?se }}""", use_default_graph_as_union=True))
    assert len(rows) > 50
    for row in rows:
        begin, end = int(row["begin"].value), int(row["end"].value)
        assert row["text"].value[begin:end] == row["words"].value
        assert int(row["sb"].value) <= begin <= end <= int(row["se"].value)


def test_sparql_on_the_inferred_graph_returns_the_links_with_their_evidence(real_site: httpx.Client) -> None:
    query = PREFIXES + f"""SELECT ?statement ?confidence ?words ?field ?matched WHERE {{
        GRAPH <{INFERRED}> {{
            ?statement mrkg:discusses <{OBJECTIVE_13}> .
            ?link mrkg:linkedStatement ?statement ; mrkg:linkedProvision <{OBJECTIVE_13}> ;
                  mrkg:confidence ?confidence ; mrkg:inferenceMethod ?method ; mrkg:evidence ?evidence .
            ?evidence nif:anchorOf ?words ; mrkg:matchedField ?field ; mrkg:matchedWords ?matched .
            ?method mrkg:threshold ?threshold }} }} ORDER BY DESC(?confidence)"""
    response = real_site.post("/sparql", data={"query": query}, headers={"Accept": "application/sparql-results+json"})
    assert response.status_code == 200, response.text
    rows = response.json()["results"]["bindings"]
    assert rows and all(row["confidence"]["datatype"].endswith("#decimal") for row in rows)
    assert {row["field"]["value"] for row in rows} <= {"title", "name", "text"}
    detention = [row for row in rows if "detention" in row["words"]["value"].lower()]
    assert detention and all("detention" in row["matched"]["value"].lower() for row in detention)


def test_the_inferred_graph_is_the_same_bytes_when_inferred_again(published_var: Path) -> None:
    record = json.loads((published_var / "current" / "build.json").read_text())
    parts = [Part.from_record(p) for p in record["parts"]]
    published = sorted(p.digest for p in parts if p.graph == INFERRED)
    settings = Settings(var_dir=published_var)
    inputs = BuildInputs.load(settings, reading_digest(settings))
    cache = BuildCache(published_var)
    again = InferredParts(inputs, cache.parts, cache.root, full=True).of(p for p in parts if p.name.startswith("source/"))
    assert published and sorted(p.digest for p in again) == published


def test_the_provision_rdf_carries_its_inferred_links_in_the_inferred_graph_terms(real_site: httpx.Client) -> None:
    response = real_site.get("/id/instrument/gcm/objective/13", headers={"Accept": "application/n-triples"})
    assert response.status_code == 200
    triples = list(ox.parse(response.content, format=ox.RdfFormat.N_TRIPLES))
    discussing = {t.subject.value for t in triples if t.predicate.value.endswith("#discusses")}
    confidences = [t.object for t in triples if t.predicate.value.endswith("#confidence")]
    assert iris.ID + "statement/001_572bfb9b02552e02/24" in discussing
    assert len(confidences) == len(discussing) and all(c.datatype.value.endswith("#decimal") for c in confidences)
    assert not any(t.predicate.value.endswith("#cites") and t.subject.value in discussing for t in triples)
