"""What ``GET /sparql`` without a query answers: the SPARQL 1.1 Service Description.

RDF (Turtle by default, any graph format by content negotiation) for clients
that look before they federate; the query page (``api.pages``) for browsers.  The description
says what the default graph is, lists the named graphs, the result formats,
whether updates and SERVICE are possible, and the limits.
"""
from __future__ import annotations

from fastapi import Request
from pyoxigraph import BlankNode, Literal, NamedNode, Triple, serialize
from starlette.responses import Response

from api.base_url import base_url
from api.errors import unavailable
from api.negotiation import choose
from graph import iris
from graph.errors import MrkgError
from graph.store.endpoint import QueryService
from graph.formats import ANSWER_GRAPH_FORMATS, HTML, RESULTS_FORMATS, TRIG, TURTLE, Format, named
from graph.settings import Settings
from graph.vocab import PREFIX_MAP

SD = "http://www.w3.org/ns/sparql-service-description#"
RDF_TYPE = NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
DCTERMS = "http://purl.org/dc/terms/"
RDFS_SEE_ALSO = NamedNode("http://www.w3.org/2000/01/rdf-schema#seeAlso")

DEFAULT_GRAPH_TEXT = ("The default graph is the union of all named graphs: the ontology, the catalogue of "
                      "instruments and provisions, the actors, and one graph per source text.")

OFFERS: tuple[Format, ...] = (*ANSWER_GRAPH_FORMATS, HTML)  # for programs first; browsers name text/html


async def describe_service(request: Request, service: QueryService, settings: Settings,
                           format_parameters: tuple[str, ...] = ()) -> Response:
    if format_parameters:
        chosen = named(format_parameters, OFFERS)
    else:
        chosen = choose(request.headers.get("accept"), OFFERS)
    if chosen is None:
        raise unavailable("the service description", OFFERS, request.headers.get("accept"), format_parameters)
    endpoint = endpoint_url(request, settings)
    if chosen is HTML:
        from api.pages import query_page_response  # the editor page of the linked-data site

        page = query_page_response(request, None)
        page.headers["Vary"] = "Accept"
        return page
    triples = service_triples(endpoint, settings, await _named_graphs(service))
    used = {name: PREFIX_MAP[name] for name in ("sd", "dcterms", "rdfs", "void")}
    assert chosen.rdf is not None
    body = serialize(triples, format=chosen.rdf, prefixes=used if chosen in (TURTLE, TRIG) else None)
    return Response(body, 200, {"Vary": "Accept"}, chosen.content_type)


def endpoint_url(request: Request, settings: Settings) -> str:
    """The endpoint's own URL, rooted at the public base (never at the request's Host header)."""
    return base_url(request.scope, settings) + "/sparql"


async def _named_graphs(service: QueryService) -> list[str]:
    try:
        rows = await service.select("SELECT DISTINCT ?g WHERE { GRAPH ?g { } } ORDER BY ?g")
    except MrkgError:
        return []  # no store yet: the description still says what the service does
    return [row["g"]["value"] for row in rows if row.get("g", {}).get("type") == "uri"]


def service_triples(endpoint: str, settings: Settings, named_graphs: list[str]) -> list[Triple]:
    service = NamedNode(endpoint)
    dataset, default_graph = BlankNode(), BlankNode()

    def sd(name: str) -> NamedNode:
        return NamedNode(SD + name)

    def dc(name: str) -> NamedNode:
        return NamedNode(DCTERMS + name)

    triples = [
        Triple(service, RDF_TYPE, sd("Service")),
        Triple(service, sd("endpoint"), service),
        Triple(service, dc("title"), Literal("mrkg — Migrant Rights Knowledge Graph, SPARQL endpoint", language="en")),
        Triple(service, dc("description"), Literal(_limits_text(settings), language="en")),
        Triple(service, sd("supportedLanguage"), sd("SPARQL11Query")),
        Triple(service, sd("defaultEntailmentRegime"), NamedNode("http://www.w3.org/ns/entailment/Simple")),
        Triple(service, sd("defaultDataset"), dataset),
        Triple(dataset, RDF_TYPE, sd("Dataset")),
        Triple(dataset, RDFS_SEE_ALSO, NamedNode(iris.DATASET)),
        Triple(dataset, sd("defaultGraph"), default_graph),
        Triple(default_graph, RDF_TYPE, sd("Graph")),
        Triple(default_graph, dc("description"), Literal(DEFAULT_GRAPH_TEXT, language="en")),
    ]
    if settings.union_default_graph:
        triples.append(Triple(service, sd("feature"), sd("UnionDefaultGraph")))
    if settings.update_enabled:
        triples.append(Triple(service, sd("supportedLanguage"), sd("SPARQL11Update")))
    if settings.service_allowlist:
        triples.append(Triple(service, sd("feature"), sd("BasicFederatedQuery")))
    for fmt in RESULTS_FORMATS + ANSWER_GRAPH_FORMATS:
        triples.append(Triple(service, sd("resultFormat"), NamedNode(fmt.spec)))
    for graph in named_graphs:
        node = BlankNode()
        triples += [
            Triple(dataset, sd("namedGraph"), node),
            Triple(node, RDF_TYPE, sd("NamedGraph")),
            Triple(node, sd("name"), NamedNode(graph)),
        ]
    # Grouped by subject (a stable sort keeps each subject's order), so Turtle writes each node once.
    subjects = list(dict.fromkeys(triple.subject for triple in triples))
    return sorted(triples, key=lambda triple: subjects.index(triple.subject))


def _limits_text(settings: Settings) -> str:
    federation = (f"SERVICE may call: {', '.join(settings.service_allowlist)}." if settings.service_allowlist
                  else "SERVICE (federated query) is not available.")
    return (f"{DEFAULT_GRAPH_TEXT} A query is stopped after {settings.query_timeout:g} seconds (HTTP 503). "
            f"Answers are cut at {settings.max_rows} rows or triples; a cut answer carries the header "
            f"Mrkg-Result-Truncated: true. {federation}")
