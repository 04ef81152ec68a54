"""Routes for people and machines: home, resource IRIs, the ontology, sources, the query page.

A route decides *which* resource and *which* representation (see
:mod:`api.linked_data`), asks a view for plain data (:mod:`api.views`), and
hands it to a template.  Route functions are plain ``def``: FastAPI runs them
in its thread pool, so a store query never blocks the event loop (the engine
also lets go of Python's lock while it evaluates, so other threads and the
loop run meanwhile).  The one ``async`` route, ``/id/…``, hands its store work
to the same thread pool and asks the query service (a worker, under the query
time limit) for the nearest known resource of an unknown IRI (:mod:`api.nearest`).

Long lists come a page at a time (:mod:`api.views.paging`): ``page``, ``size``
and ``list`` are read here, for the HTML page and its RDF forms alike, and a
bad one is answered with 400 in words.
"""
from __future__ import annotations

import os
from dataclasses import dataclass
from typing import Any, Callable

import pyoxigraph as ox
from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import FileResponse, HTMLResponse, PlainTextResponse, RedirectResponse, Response
from starlette.concurrency import run_in_threadpool

from api import akoma_ntoso, citation_export, dataset, feeds, nearest, schema_org, suggestions
from api.errors import shown
from api.examples import EXAMPLES
from api.examples import example as find_example
from api.linked_data import (
    RDF_FORMS, RESOURCE_FORMS, Site, header_path, link_header, negotiated_form, rdf_response, serialize,
    split_extension,
)
from api.views.actors import ACTOR_LISTS, actor_statement_lists, actor_view
from api.views.catalogue import (
    INSTRUMENT_LISTS, PROVISION_LISTS, instrument_statement_lists, instrument_view, provision_statement_lists,
    provision_view,
)
from api.views.collections import collections
from api.views.inferred import inferred_rdf
from api.views.ordering import PAGE_MEMO_BYTES, Memo
from api.release import Release
from api.views.home import HOME_LISTS, overview, records
from api.views.paging import MAX_SIZE, BadPaging, PageRequest, Paged, check_list, page_request
from api.views.printed import PrintedForms
from api.views.query import BadIri, construct
from api.views.records import (
    DOCUMENT_LISTS, SESSION_LISTS, document_statement_lists, document_view, session_statement_lists, session_view,
)
from api.views.resources import RESOURCE_LISTS, describe, exists, page_kind, resource_view, types
from api.views.sources import source_texts
from api.views.vocabulary import vocabulary
from api.views.statements import STATEMENT_LISTS, StatementList, statement_view
from api.templating import use_official_titles
from api.views.official_titles import every_official_title
from api.views.topics import SCHEME_LISTS, TOPIC_LISTS, topic_statement_lists, topic_view, topics_of, topics_view
from graph import iris
from graph.formats import ATOM, AKOMA_NTOSO, CITATION_FORMATS, HTML, TURTLE, Format
from graph.ontology_docs import render_ontology_html
from graph.store import PublishedData
from graph.vocab import PREFIX_MAP, sparql_prefixes

StatementLists = Callable[[PublishedData, str, Memo], list[StatementList]]


@dataclass(frozen=True)
class PageKind:
    """How one kind of resource is shown: its view, its template, the lists it pages through."""

    view: Callable[[PublishedData, str, PageRequest, Memo], Any]
    template: str
    lists: tuple[str, ...]  # what the ``list`` parameter may name; the first is the main list
    statement_lists: StatementLists | None = None  # the lists its RDF forms carry (as Hydra collections)
    more_rdf: Callable[[PublishedData, str], list[ox.Triple]] | None = None  # what else its RDF forms carry


PAGES: dict[str, PageKind] = {
    "statement": PageKind(statement_view, "statement.html", STATEMENT_LISTS),
    "provision": PageKind(provision_view, "provision.html", PROVISION_LISTS, provision_statement_lists, inferred_rdf),
    "instrument": PageKind(instrument_view, "instrument.html", INSTRUMENT_LISTS, instrument_statement_lists),
    "actor": PageKind(actor_view, "actor.html", ACTOR_LISTS, actor_statement_lists),
    "session": PageKind(session_view, "session.html", SESSION_LISTS, session_statement_lists),
    "document": PageKind(document_view, "document.html", DOCUMENT_LISTS, document_statement_lists),
    "topic": PageKind(topic_view, "topic.html", TOPIC_LISTS, topic_statement_lists),
    "topics": PageKind(topics_view, "topics.html", SCHEME_LISTS),
    "resource": PageKind(resource_view, "resource.html", RESOURCE_LISTS),
}


def alternates(path: str) -> list[tuple[Format, str]]:
    """The RDF forms of the page at ``path``, for ``<link rel="alternate">`` and the page's footer."""
    return [(form, f"{path}.{form.extension}") for form in RDF_FORMS]


def render(site: Site, request: Request, template: str, context: dict[str, Any], status_code: int = 200,
           headers: dict[str, str] | None = None) -> HTMLResponse:
    context.setdefault("alternates", [])
    context.setdefault("schema", None)
    context.setdefault("iri", None)
    context.setdefault("page_links", [])
    context.setdefault("page_links", [])
    use_official_titles(official_titles(site))
    return site.templates.TemplateResponse(request, template, context, status_code=status_code, headers=headers)


def official_titles(site: Site) -> dict[str, dict[str, str]]:
    """The titles links show in the page's language (issue 14, point 5); none while no build is readable."""
    try:
        release = site.release()
    except HTTPException:
        return {}
    return release.cached("official titles", lambda: every_official_title(release.store))


def router(site: Site) -> APIRouter:
    routes = APIRouter(tags=["linked data"])

    @routes.api_route("/", methods=["GET", "HEAD"], response_class=HTMLResponse,
                      summary="Home page: entry points, the records a page at a time, example queries")
    def home(request: Request) -> Response:
        release = site.release()
        try:
            paging = page_request(request.query_params.multi_items())
            check_list(paging, HOME_LISTS, "the home page")
            view = release.cached("overview", lambda: overview(release.store))
            documents = records(release.store, paging, memo_of(release))
        except BadPaging as error:
            return bad_paging(site, request, error, "/", HTML)
        context = {"view": view, "records": documents, "title": "Migrant Rights Knowledge Graph",
                   "examples": EXAMPLES, "schema": schema_org.home_schema(view, site.base_url(request)),
                   "page_links": documents.links()}
        return render(site, request, "home.html", context)

    @routes.api_route("/id/{path:path}", methods=["GET", "HEAD"],
                      summary="A resource: HTML, Turtle, JSON-LD, N-Triples or RDF/XML by content negotiation")
    async def resource(request: Request, path: str) -> Response:
        if nearest.too_long(path):
            return PlainTextResponse(f"414 URI Too Long: a resource path here has at most {nearest.MAX_PATH_CHARS} "
                                     f"characters; this one has {len(path)}.\n", status_code=414)
        answer = await run_in_threadpool(resource_response, site, request, path)
        if isinstance(answer, Missing):
            return await not_found(site, request, answer)
        return answer

    @routes.api_route("/ontology", methods=["GET", "HEAD"], summary="The ontology: documentation or RDF")
    def ontology(request: Request) -> Response:
        return ontology_response(site, request, None)

    @routes.api_route("/ontology.{extension}", methods=["GET", "HEAD"], summary="The ontology in one form")
    def ontology_as(request: Request, extension: str) -> Response:
        _, form = split_extension("ontology." + extension)
        if form is None:
            return PlainTextResponse(f"no such form of the ontology: .{extension}", status_code=404)
        return ontology_response(site, request, form)

    @routes.api_route("/sources/", methods=["GET", "HEAD"], response_class=HTMLResponse,
                      summary="The source texts of this release, each beside the document it became")
    def source_list(request: Request) -> Response:
        release = site.release()
        found = release.cached("sources", lambda: source_texts(release.store))
        return render(site, request, "sources.html", {"title": "Source texts", "sources": found})

    @routes.get("/sources/{name}", summary="A source text, as plain text")
    def source(name: str) -> Response:
        # Only names listed in the folder: nothing else on disk can be reached through this route.
        directory = site.settings.sources_dir
        known = set(os.listdir(directory)) if directory.is_dir() else set()
        if name not in known:
            return PlainTextResponse(f"404 Not Found: no source text named {shown(repr(name))}.\n", status_code=404)
        return FileResponse(directory / name, media_type="text/plain; charset=utf-8")

    @routes.get("/query", response_class=HTMLResponse, summary="Query page: a SPARQL editor with examples")
    def query_page(request: Request, query: str | None = None, example: str | None = None) -> Response:
        return query_page_response(request, query, example)

    return routes


def query_page_response(request: Request, query: str | None, example_key: str | None = None) -> Response:
    """The SPARQL editor page (also what ``GET /sparql`` can answer to a browser)."""
    site: Site = request.app.state.linked_data
    chosen = find_example(example_key) or (None if query else EXAMPLES[0])
    context = {"title": "Query the graph", "examples": EXAMPLES, "prefixes": sparql_prefixes(),
               "query": query if query is not None else chosen.query if chosen else "",
               "data": {"endpoint": "/sparql", "prefixes": PREFIX_MAP,
                        "examples": {e.key: e.query for e in EXAMPLES}, "vocabulary": _vocabulary(site)}}
    return render(site, request, "query.html", context)


def _vocabulary(site: Site) -> list[dict[str, str]]:
    """The ontology's terms for the editor's completion; none (completion of prefixes only) without a store."""
    try:
        release = site.release()
    except HTTPException:  # no readable store: the editor still works, with the prefixes alone
        return []
    return release.cached("vocabulary", lambda: vocabulary(release.store))


def _locate(site: Site, request: Request, path: str) -> tuple[str, Format | None, PublishedData | None]:
    """The resource a path names, the form its extension asks for, and the store that describes it."""
    store = site.release().store
    stem, form = split_extension(path)
    candidates: list[tuple[str, Format | None]] = [(iris.ID + stem, form)] if form else []
    candidates.append((iris.ID + path, None))  # a dot that is part of the IRI ("target/10.c")
    for resource, wanted in candidates:
        try:
            if exists(store, resource):
                return resource, wanted, store
            if dataset.is_described_here(resource):
                _, described = dataset.description_store(site, request)
                if exists(described, resource):
                    return resource, wanted, described
        except BadIri:
            continue
    return candidates[0][0], form, None


@dataclass(frozen=True)
class Missing:
    """A resource the graph does not know, and the form its 404 answer takes."""

    resource: str
    form: Format


def resource_response(site: Site, request: Request, path: str) -> Response | Missing:
    if not path.strip("/"):
        return RedirectResponse("/", status_code=301)
    if iris.ID + path + "/" == iris.TOPICS:  # the topic scheme's IRI ends with a slash
        return RedirectResponse("/id/" + path + "/", status_code=301)
    if path.endswith("/") and iris.ID + path != iris.TOPICS:
        return RedirectResponse("/id/" + path.rstrip("/"), status_code=301)
    resource, wanted, store = _locate(site, request, path)
    headers: dict[str, str] = {}
    local = "/id/" + resource[len(iris.ID):]
    offered = akoma_ntoso.offers(resource) + (CITATION_FORMATS if citation_export.cited(resource) else ())
    offered += (ATOM,) if feeds.has_feed(resource) else ()
    form = wanted if wanted is not None else negotiated(request, local, headers, offered)
    if isinstance(form, Response):
        return form
    if store is None:
        return Missing(resource, form)
    headers["Link"] = link_header(local, offered)
    if form is AKOMA_NTOSO:
        return akoma_ntoso.response(site.release(), resource, headers)
    if form in CITATION_FORMATS:
        return citation_export.response(site.release(), resource, form, site.base_url(request), headers)
    if form is ATOM:
        return feeds.resource_response(request, site.release(), resource, site.base_url(request), memo_of(site.release()),
                                       headers)
    if resource == iris.DATASET:
        if form.rdf is not None:
            return rdf_response(describe(store, resource), form, headers)
        return dataset.render_dataset(site, request, headers)
    kind = PAGES[page_kind(types(store, resource))]
    try:
        paging = page_request(request.query_params.multi_items())
        if form.rdf is not None:
            return rdf_response(rdf_description(site, request, store, resource, kind, paging, path), form, headers)
        check_list(paging, kind.lists)
        view = kind.view(store, resource, paging, memo_of(site.release()))
    except BadPaging as error:
        return bad_paging(site, request, error, local, form)
    context = {"view": view, "kind": page_kind(types(store, resource)), "iri": resource, "title": view.label,
               "alternates": alternates(local) + [(f, f"{local}.{f.extension}") for f in offered
                                                  if f is AKOMA_NTOSO or f in CITATION_FORMATS],
               "schema": schema_org.schema(page_kind(types(store, resource)), view),
               "page_links": listed.links() if (listed := chosen_list(view, paging)) else [],
               "topics": topics_of(store, resource, page_kind(types(store, resource))),
               "citation": citation_export.page_citation(site.release(), resource, site.base_url(request)),
               "feed": feeds.page_feed(resource, view)}
    return render(site, request, kind.template, context, headers=headers)


def rdf_description(site: Site, request: Request, store: PublishedData, resource: str, kind: PageKind,
                    paging: PageRequest, path: str) -> list[ox.Triple]:
    """The concise bounded description, and a page of each of the resource's statement lists (Hydra)."""
    memo = memo_of(site.release())
    lists = kind.statement_lists(store, resource, memo) if kind.statement_lists else []
    check_list(paging, [statements.name for statements in lists], "the RDF form of this resource")
    base = site.base_url(request)
    page, representation = base + header_path("/id/" + resource[len(iris.ID):]), base + header_path("/id/" + path)
    more = kind.more_rdf(store, resource) if kind.more_rdf else []
    return describe(store, resource) + more + collections(store, resource, lists, paging, page, representation, memo)


def memo_of(release: Release) -> Memo:
    """What the pages of this build keep once worked out (:class:`api.views.ordering.Memo`)."""
    return release.cached("pages memo", lambda: Memo(release.cached, PAGE_MEMO_BYTES))


def chosen_list(view: Any, paging: PageRequest) -> Paged[Any] | None:
    """The list ``page`` applies to on this page (the main list unless ``list`` names another), if any."""
    for value in vars(view).values():
        if isinstance(value, PrintedForms):
            value = value.places or value.forms
        if isinstance(value, Paged) and paging.applies_to(value.name, value.main):
            return value
    return None


def bad_paging(site: Site, request: Request, error: BadPaging, local: str, form: Format) -> Response:
    """400 in words: a page that is not there, a size out of bounds, a list the page does not have."""
    message = f"400 Bad Request: {error}."
    if form is not HTML:
        return PlainTextResponse(message + "\n", status_code=400)
    said = str(error)
    context = {"title": "No such page of the list", "message": said[:1].upper() + said[1:], "start": local,
               "max_size": MAX_SIZE}
    return render(site, request, "bad_page.html", context, status_code=400)


def negotiated(request: Request, location: str, headers: dict[str, str],
               offered: tuple[Format, ...] = RESOURCE_FORMS) -> Format | Response:
    """The form the Accept header asks for (noting Vary and Content-Location), or the 406 answer."""
    form = negotiated_form(request, offered)
    if isinstance(form, Response):
        return form
    headers["Vary"] = "Accept"
    query = f"?{header_path(request.url.query)}" if request.url.query else ""  # a page of a list stays that page
    headers["Content-Location"] = f"{header_path(location)}.{form.extension}{query}"
    return form


async def not_found(site: Site, request: Request, missing: Missing) -> Response:
    if missing.form is not HTML:
        return PlainTextResponse(f"404 Not Found: {shown(missing.resource)} is not in the graph.\n", status_code=404)
    up, cut = nearest.ancestors(missing.resource), suggestions.shorter(missing.resource)
    known = await nearest.known_among(request.app.state.queries, up + cut)  # one query for both
    closest = next((known[iri] for iri in up if iri in known), None)
    similar = [known[iri] for iri in cut if iri in known][:suggestions.SHOWN]
    named = await run_in_threadpool(suggestions.by_name, site.release().path, missing.resource)
    by_iri = {link.iri for link in similar}
    context = {"title": "Not in the graph", "missing": missing.resource, "nearest": closest, "similar": similar,
               "named": [link for link in named if link.iri not in by_iri]}
    return render(site, request, "not_found.html", context, status_code=404)


def ontology_response(site: Site, request: Request, wanted: Format | None) -> Response:
    headers: dict[str, str] = {"Link": link_header("/ontology", RESOURCE_FORMS)}
    form = wanted if wanted is not None else negotiated(request, "/ontology", headers)
    if isinstance(form, Response):
        return form
    release = site.release()
    triples = release.cached("ontology", lambda: ontology_triples(site, release.store))
    if form.rdf is not None:
        return rdf_response(triples, form, headers)
    documentation = release.cached("ontology documentation", lambda: ontology_documentation(site))
    if documentation is not None:
        return HTMLResponse(documentation, headers=headers)
    context = {"title": "The mrkg ontology", "iri": iris.ONTOLOGY_IRI, "alternates": alternates("/ontology"),
               "turtle": serialize(triples, TURTLE).decode("utf-8")}
    return render(site, request, "ontology.html", context, headers=headers)


def ontology_triples(site: Site, store: PublishedData) -> list[ox.Triple]:
    """The ontology as published with the data (its named graph), else as the files in ontology/ say."""
    triples = construct(store, f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH <{iris.ONTOLOGY_GRAPH}> {{ ?s ?p ?o }} }}")
    if triples:
        return triples
    found: list[ox.Triple] = []
    for path in sorted(site.settings.ontology_dir.glob("*.ttl")):
        found.extend(quad.triple for quad in ox.parse(path=str(path), format=ox.RdfFormat.TURTLE))
    return found


def ontology_documentation(site: Site) -> str | None:
    """The ontology's documentation page, generated from ``mrkg.ttl`` (None when that file is not there)."""
    source = site.settings.ontology_dir / "mrkg.ttl"
    return render_ontology_html(source) if source.exists() else None
