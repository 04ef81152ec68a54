"""The dataset described for harvesters and federators: VoID and DCAT.

``/.well-known/void`` (RFC 5785; VoID §6.2) answers the description in any
RDF form, Turtle by default and HTML to browsers; the dataset's own IRI
``https://w3id.org/mrkg/id/dataset`` (and its per-graph subsets, its
distributions) resolve at ``/id/…`` like every other resource.

What it says: title, description, licence (data: CC BY 4.0), publisher,
issued/modified (the build's publication), the SPARQL endpoint, the dumps
as DCAT distributions (byte size, SPDX SHA-256 checksum, media type and
compression, triples), example resources, the vocabularies used, triple
counts per class and per property, and one subset per named graph.  The
counts scan the store, so they are computed once per build and cached on
the release; only the URLs (which depend on where the server is reached)
are filled in per request.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

import pyoxigraph as ox
from fastapi import APIRouter, Request
from fastapi.responses import Response

from api.linked_data import MACHINE_FORMS, Site, link_header, negotiated_form, rdf_response
from api.release import Release
from api.views.statistics import Statistics, statistics
from graph import iris
from graph.formats import ANSWER_GRAPH_FORMATS, by_media_type
from graph.memo import BoundedCache, footprint
from graph.store.backends import EmbeddedStore
from graph.vocab import DCAT, DCTERMS, FOAF, OWL, PROV, RDF, RDFS, SD, VOID, XSD

SPDX = "http://spdx.org/rdf/terms#"
IANA = "https://www.iana.org/assignments/media-types/"
LICENCE = "https://creativecommons.org/licenses/by/4.0/"
TITLE = "Migrant Rights Knowledge Graph"
DESCRIPTION = (
    "What the international instruments on the rights of migrant workers say (the 1990 Convention, the "
    "Global Compact for Migration, ILO conventions and their provisions) and who said what about them, for "
    "whom, where and when: actors, sessions and statements from meeting records, concept notes, seminar "
    "summaries and online discussions, each with provenance to the exact source passage."
)
PUBLISHER = "The Migrant Rights Knowledge Graph project"
WELL_KNOWN = "/.well-known/void"


def _n(value: object) -> ox.NamedNode:
    return value if isinstance(value, ox.NamedNode) else ox.NamedNode(str(value))


def _int(value: int, datatype: object = XSD.integer) -> ox.Literal:
    return ox.Literal(str(value), datatype=_n(datatype))


def _text(value: str) -> ox.Literal:
    return ox.Literal(value, language="en")


@dataclass(frozen=True)
class Distribution:
    """A dump as the dataset description lists it."""

    name: str
    iri: str
    url: str
    media_type: str
    compressed: bool
    bytes: int
    triples: int
    sha256: str
    description: str


def distributions(release: Release, base: str) -> list[Distribution]:
    found = []
    for entry in release.manifest():
        name = str(entry["name"])
        found.append(Distribution(
            name=name, iri=f"{iris.DATASET}/dump/{name}", url=f"{base}/dumps/{name}",
            media_type=str(entry.get("media_type", "application/octet-stream")), compressed=name.endswith(".gz"),
            bytes=int(entry.get("bytes", 0)), triples=int(entry.get("triples", 0)), sha256=str(entry.get("sha256", "")),
            description=str(entry.get("description", ""))))
    return found


def describe_dataset(release: Release, stats: Statistics, base: str) -> list[ox.Triple]:
    """The VoID and DCAT description of the published build, with links rooted at ``base``."""
    dataset = _n(iris.DATASET)
    out: list[ox.Triple] = []

    def add(subject: ox.NamedNode | ox.BlankNode, predicate: object, obj: ox.NamedNode | ox.BlankNode | ox.Literal) -> None:
        out.append(ox.Triple(subject, _n(predicate), obj))

    published = ox.Literal(release.published.astimezone(dt.timezone.utc).isoformat(timespec="seconds"),
                           datatype=_n(XSD.dateTime))
    for kind in (VOID.Dataset, DCAT.Dataset):
        add(dataset, RDF.type, _n(kind))
    add(dataset, RDFS.label, _text(TITLE))
    add(dataset, DCTERMS.title, _text(TITLE))
    add(dataset, DCTERMS.description, _text(DESCRIPTION))
    add(dataset, DCTERMS.license, _n(LICENCE))
    publisher = ox.BlankNode("publisher")
    add(dataset, DCTERMS.publisher, publisher)
    add(publisher, RDF.type, _n(FOAF.Organization))
    add(publisher, FOAF.name, _text(PUBLISHER))
    add(publisher, FOAF.homepage, _n(base + "/"))
    add(dataset, DCTERMS.issued, published)
    add(dataset, DCTERMS.modified, published)
    add(dataset, OWL.versionInfo, ox.Literal(release.build_id))
    add(dataset, DCAT.landingPage, _n(base + "/"))
    add(dataset, FOAF.homepage, _n(base + "/"))
    add(dataset, VOID.uriSpace, ox.Literal(iris.ID))
    add(dataset, VOID.sparqlEndpoint, _n(base + "/sparql"))
    add(dataset, VOID.triples, _int(stats.triples))
    add(dataset, VOID.entities, _int(stats.entities))
    add(dataset, VOID.distinctSubjects, _int(stats.distinct_subjects))
    add(dataset, VOID.distinctObjects, _int(stats.distinct_objects))
    add(dataset, VOID.classes, _int(len(stats.classes)))
    add(dataset, VOID.properties, _int(len(stats.properties)))
    for vocabulary in stats.vocabularies:
        add(dataset, VOID.vocabulary, _n(vocabulary))
    for example in stats.examples:
        add(dataset, VOID.exampleResource, _n(example))
    for feature in ("Turtle", "N-Quads", "JSON-LD", "N-Triples", "RDF_XML"):
        add(dataset, VOID.feature, _n(f"http://www.w3.org/ns/formats/{feature}"))

    service = _n(base + "/sparql")
    endpoint = _n(iris.DATASET + "/sparql")
    add(dataset, DCAT.distribution, endpoint)
    add(endpoint, RDF.type, _n(DCAT.Distribution))
    add(endpoint, RDFS.label, _text("SPARQL endpoint"))
    add(endpoint, DCAT.accessURL, service)
    add(endpoint, DCAT.accessService, service)
    add(endpoint, DCTERMS.license, _n(LICENCE))
    add(service, RDF.type, _n(DCAT.DataService))
    add(service, RDF.type, _n(SD.Service))
    add(service, DCTERMS.title, _text("SPARQL 1.1 endpoint"))
    add(service, DCAT.endpointURL, service)
    add(service, SD.endpoint, service)
    add(service, DCAT.servesDataset, dataset)
    add(service, DCTERMS.conformsTo, _n("https://www.w3.org/TR/sparql11-protocol/"))

    for dump in distributions(release, base):
        node, url = _n(dump.iri), _n(dump.url)
        rdf = by_media_type(dump.media_type, ANSWER_GRAPH_FORMATS) is not None
        if rdf:  # void:dataDump names RDF dumps; the Akoma Ntoso zip is a distribution of another kind
            add(dataset, VOID.dataDump, url)
        add(dataset, DCAT.distribution, node)
        add(node, RDF.type, _n(DCAT.Distribution))
        add(node, RDFS.label, ox.Literal(dump.name))
        add(node, DCTERMS.title, _text(dump.name))
        if dump.description:
            add(node, DCTERMS.description, _text(dump.description))
        add(node, DCAT.downloadURL, url)
        add(node, DCAT.accessURL, _n(base + "/dumps/"))
        add(node, DCAT.mediaType, _n(IANA + dump.media_type))
        if dump.compressed:
            add(node, DCAT.compressFormat, _n(IANA + "application/gzip"))
        add(node, DCAT.byteSize, _int(dump.bytes, XSD.nonNegativeInteger))
        if rdf:
            add(node, VOID.triples, _int(dump.triples))
        add(node, DCTERMS.license, _n(LICENCE))
        add(node, DCTERMS.issued, published)
        checksum = ox.BlankNode(f"sha256-{dump.name.replace('.', '-')}")
        add(node, _n(SPDX + "checksum"), checksum)
        add(checksum, RDF.type, _n(SPDX + "Checksum"))
        add(checksum, _n(SPDX + "algorithm"), _n(SPDX + "checksumAlgorithm_sha256"))
        add(checksum, _n(SPDX + "checksumValue"), ox.Literal(dump.sha256, datatype=_n(XSD.hexBinary)))

    for index, (cls, count) in enumerate(stats.classes):
        partition = ox.BlankNode(f"class{index}")
        add(dataset, VOID.classPartition, partition)
        add(partition, VOID["class"], _n(cls))
        add(partition, VOID.entities, _int(count))
    for index, (prop, count) in enumerate(stats.properties):
        partition = ox.BlankNode(f"property{index}")
        add(dataset, VOID.propertyPartition, partition)
        add(partition, VOID.property, _n(prop))
        add(partition, VOID.triples, _int(count))
    for graph in stats.graphs:
        subset = _n(graph.graph)
        add(dataset, VOID.subset, subset)
        add(subset, RDF.type, _n(VOID.Dataset))
        add(subset, RDFS.label, _text(_graph_label(graph.graph, graph.label)))
        add(subset, VOID.triples, _int(graph.triples))
        add(subset, VOID.entities, _int(graph.entities))
        add(subset, VOID.sparqlEndpoint, _n(base + "/sparql"))
        if graph.source:
            add(subset, PROV.wasDerivedFrom, _n(graph.source))
    return out


def _graph_label(graph: str, document: str | None) -> str:
    if document:
        return f"Graph of {document}"
    name = graph.rsplit("/", 1)[-1]
    return f"The {name} graph"


def _statistics(release: Release) -> Statistics:
    """The counts scan the whole store: once per build."""
    return release.cached("statistics", lambda: statistics(release.store))


# The description depends on the base URL, which comes from the request's Host header when no
# MRKG_BASE_URL is set: one per base is kept, least recently used first out, within this many bytes.
DESCRIPTIONS_BYTES = 8 * 2**20


def description_store(site: Site, request: Request) -> tuple[Release, EmbeddedStore]:
    """The dataset description as a small store, so resource pages and DESCRIBE work on it too."""
    release = site.release()
    stats = _statistics(release)
    base = site.base_url(request)
    descriptions = release.cached("dataset descriptions", lambda: BoundedCache[EmbeddedStore](DESCRIPTIONS_BYTES))
    store = descriptions.get(base)
    if store is None:
        triples = describe_dataset(release, stats, base)
        store = EmbeddedStore.holding(triples)
        # What the store holds, estimated from its N-Triples text, twice over for its indexes.
        descriptions.put(base, store, footprint(base) + 2 * sum(len(str(triple)) for triple in triples))
    return release, store


def is_described_here(resource: str) -> bool:
    """IRIs the dataset description (not the store) is the authority for."""
    return resource == iris.DATASET or resource.startswith(iris.DATASET + "/") or resource.startswith(iris.ID + "graph/")


@dataclass
class DatasetView:
    """The description as the HTML page shows it."""

    title: str
    description: str
    licence: str
    publisher: str
    modified: dt.datetime
    build_id: str
    statistics: Statistics
    distributions: list[Distribution]
    base: str


def dataset_view(site: Site, request: Request) -> DatasetView:
    release = site.release()
    stats = _statistics(release)
    base = site.base_url(request)
    return DatasetView(TITLE, DESCRIPTION, LICENCE, PUBLISHER, release.published, release.build_id, stats,
                       distributions(release, base), base)


def router(site: Site) -> APIRouter:
    routes = APIRouter(tags=["dataset description"])

    @routes.api_route(WELL_KNOWN, methods=["GET", "HEAD"], summary="VoID and DCAT description of the dataset")
    def well_known_void(request: Request) -> Response:
        form = negotiated_form(request, MACHINE_FORMS)
        if isinstance(form, Response):
            return form
        headers = {"Vary": "Accept", "Link": link_header("/id/dataset", MACHINE_FORMS)}
        if form.rdf is None:
            return render_dataset(site, request, headers)
        _, store = description_store(site, request)
        return rdf_response(store.triples(), form, headers)

    return routes


def render_dataset(site: Site, request: Request, headers: dict[str, str]) -> Response:
    from api.pages import alternates
    from api.schema_org import dataset_schema

    view = dataset_view(site, request)
    context: dict[str, Any] = {
        "view": view, "title": view.title, "iri": iris.DATASET, "alternates": alternates("/id/dataset"),
        "schema": dataset_schema(view),
    }
    return site.templates.TemplateResponse(request, "dataset.html", context, headers=headers)
