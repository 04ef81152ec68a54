"""Real SPARQL clients against the real server: SPARQLWrapper, rdflib's SPARQLStore, another engine's SERVICE."""
from __future__ import annotations

import pyoxigraph
import rdflib
from rdflib.plugins.stores.sparqlstore import SPARQLStore
from SPARQLWrapper import CSV, JSON, JSONLD, TSV, TURTLE, XML, SPARQLWrapper

CITED_BY_FRITZ = """PREFIX mrkg: <https://w3id.org/mrkg/ontology#>
SELECT ?number WHERE { ?s mrkg:speaker <https://w3id.org/mrkg/id/actor/fritz> ; mrkg:cites/mrkg:number ?number }
ORDER BY ?number"""
DESCRIBE_GCM = "DESCRIBE <https://w3id.org/mrkg/id/instrument/gcm>"


def test_sparqlwrapper_select_in_every_format(live_server: str) -> None:
    for fmt in (JSON, XML, CSV, TSV):
        client = SPARQLWrapper(live_server + "/sparql")
        client.setQuery(CITED_BY_FRITZ)
        client.setReturnFormat(fmt)
        result = client.query()
        converted = result.convert()
        if fmt == JSON:
            assert [b["number"]["value"] for b in converted["results"]["bindings"]] == ["13", "7"]
        elif fmt == XML:
            assert [n.firstChild.data for n in converted.getElementsByTagName("literal")] == ["13", "7"]
        else:
            assert converted.decode().split()[1:] == (['13', '7'] if fmt == CSV else ['"13"', '"7"'])


def test_sparqlwrapper_post_and_graph_formats(live_server: str) -> None:
    for fmt in (TURTLE, JSONLD, XML):
        client = SPARQLWrapper(live_server + "/sparql")
        client.setMethod("POST")
        client.setQuery(DESCRIBE_GCM)
        client.setReturnFormat(fmt)
        graph = client.query().convert()
        if not isinstance(graph, rdflib.Graph):
            graph = rdflib.Graph().parse(data=graph, format={TURTLE: "turtle", JSONLD: "json-ld"}[fmt])
        assert rdflib.Literal("GCM") in set(graph.objects(None, rdflib.SKOS.notation))


def test_sparqlwrapper_ask(live_server: str) -> None:
    client = SPARQLWrapper(live_server + "/sparql")
    client.setQuery("ASK { <https://w3id.org/mrkg/id/actor/fritz> ?p ?o }")
    client.setReturnFormat(JSON)
    assert client.query().convert()["boolean"] is True


def test_rdflib_sparqlstore(live_server: str) -> None:
    graph = rdflib.Graph(SPARQLStore(live_server + "/sparql"))
    rows = list(graph.query(CITED_BY_FRITZ))
    assert [str(row.number) for row in rows] == ["13", "7"]
    labels = set(graph.objects(rdflib.URIRef("https://w3id.org/mrkg/id/actor/yuzhanin"), rdflib.RDFS.label))
    assert labels == {rdflib.Literal("Mr. Yuzhanin")}


def test_another_engine_federates_into_mrkg(live_server: str) -> None:
    """Oxigraph, in this process, joins its own data with mrkg's through SERVICE."""
    local = pyoxigraph.Store()
    local.add(pyoxigraph.Quad(pyoxigraph.NamedNode("https://w3id.org/mrkg/id/actor/fritz"),
                              pyoxigraph.NamedNode("http://example.org/interviewed"),
                              pyoxigraph.Literal("2023-05-02")))
    query = f"""PREFIX mrkg: <https://w3id.org/mrkg/ontology#>
        SELECT ?when ?number WHERE {{
          ?who <http://example.org/interviewed> ?when .
          SERVICE <{live_server}/sparql> {{ ?statement mrkg:speaker ?who ; mrkg:cites/mrkg:number ?number }}
        }} ORDER BY ?number"""
    rows = [(s["when"].value, s["number"].value) for s in local.query(query)]
    assert rows == [("2023-05-02", "13"), ("2023-05-02", "7")]
