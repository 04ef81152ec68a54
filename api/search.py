"""``/search``: the search box's answer, as an HTML page for people and as JSON for programs (issue 13 item 2).

    GET /search?q=…        HTML by default; JSON when the Accept header prefers it (:mod:`api.negotiation`)
    GET /search.json?q=…   always JSON
    GET /search.atom?q=…   the newest statements it finds, as an Atom feed (:mod:`api.feeds`)

Both read the same parameters (:mod:`api.search_parameters`), ask the search
engine of the published release (:mod:`graph.search`) once, and write the
same answer: the contract's JSON shape (``total``, ``results`` with ``id``,
``label``, ``score``, ``snippet``, ``facets`` name → ``{value, label,
count}``), or a page whose facets, paging, sort, dates and language are plain
links and a GET form, so it works without JavaScript.  A bad parameter is
refused with 400 naming it; a search text the engine cannot read, with 400
and the character where it goes wrong.  The routes are plain ``def``: FastAPI
runs them in its thread pool, so the engine never blocks the event loop.
"""
from __future__ import annotations

import html
from contextlib import contextmanager
from http import HTTPStatus
from dataclasses import dataclass
from typing import Any, Iterable, Iterator

import orjson
from fastapi import APIRouter, Request
from fastapi.responses import Response
from markupsafe import Markup

from api import feeds, search_export
from api.linked_data import Site, header_path, negotiated_form
from api.search_docs import PARAMETERS, responses
from api.search_parameters import BadSearchParameter, SearchParameters, read_parameters
from graph.formats import ATOM, CITATION_FORMATS, HTML, JSON, Format
from graph.search import (
    SearchAnswer, SearchIndexMissing, SearchRequestError, SearchSyntaxError, index_file, search,
)

# HTML first: people type in the search box; the citation forms export the matching statements (api.search_export)
SEARCH_FORMS: tuple[Format, ...] = (HTML, JSON, ATOM, *CITATION_FORMATS)
FACET_NAMES = {
    "genre": "Genre", "document": "Document", "session": "Session", "speaker": "Speaker",
    "onBehalfOf": "On behalf of", "provision": "Provision cited", "instrument": "Instrument mentioned",
    "topic": "Topic", "lang": "Language", "year": "Year", "kind": "Kind",
}
LANGUAGE_NAMES = {"en": "English", "fr": "French", "es": "Spanish"}
FILTER_NAMES = {**FACET_NAMES, "from": "From", "to": "To"}
FACETS_SHOWN = 12  # values of one facet on the page (the JSON has them all)
FEED_RESPONSES: dict[int | str, dict[str, Any]] = {
    200: {"description": "An Atom 1.0 feed of the statements found, newest first (api.feeds)",
          "content": {"application/atom+xml": {"schema": {"type": "string"}}}},
    304: {"description": "Not modified since the reader's copy (If-Modified-Since, If-None-Match)"},
    400: {"description": "A parameter that cannot be used, or no words nor filter, said in plain text",
          "content": {"text/plain": {"schema": {"type": "string"}}}},
}


@dataclass(frozen=True)
class SearchRefused(Exception):
    """Why a search was not run: the parameter (or the search text) at fault, in words."""

    message: str
    parameter: str | None = None
    position: int | None = None  # 0-based character of ``q`` where the search text goes wrong
    status: int = 400


def router(site: Site) -> APIRouter:
    routes = APIRouter(tags=["search"])

    @routes.get("/search", operation_id="search", response_class=Response, responses=responses(html=True),
                openapi_extra={"parameters": PARAMETERS},
                summary="Search statements and resources: an HTML page, or JSON by content negotiation")
    def search_page(request: Request) -> Response:
        form = negotiated_form(request, SEARCH_FORMS)
        if isinstance(form, Response):
            return form
        query = f"?{header_path(request.url.query)}" if request.url.query else ""
        headers = {"Vary": "Accept", "Content-Location": f"/search{'' if form is HTML else '.' + form.extension}{query}"}
        return answer(site, request, form, headers)

    @routes.head("/search", include_in_schema=False)
    def search_page_head(request: Request) -> Response:
        return search_page(request)

    @routes.get("/search.json", operation_id="search_json", response_class=Response,
                responses=responses(html=False), openapi_extra={"parameters": PARAMETERS},
                summary="Search statements and resources, as JSON")
    def search_json(request: Request) -> Response:
        return answer(site, request, JSON, {})

    @routes.head("/search.json", include_in_schema=False)
    def search_json_head(request: Request) -> Response:
        return search_json(request)

    @routes.get("/search.atom", operation_id="search_atom", response_class=Response, responses=FEED_RESPONSES,
                openapi_extra={"parameters": PARAMETERS},
                summary="The newest statements a search finds, as an Atom feed (at most 50, newest first)")
    def search_atom(request: Request) -> Response:
        return answer(site, request, ATOM, {})

    @routes.head("/search.atom", include_in_schema=False)
    def search_atom_head(request: Request) -> Response:
        return search_atom(request)

    for form in CITATION_FORMATS:
        _export_route(routes, site, form)

    return routes


def _export_route(routes: APIRouter, site: Site, form: Format) -> None:
    @routes.api_route(f"/search.{form.extension}", methods=["GET", "HEAD"], operation_id=f"search_{form.name}",
                      response_class=Response, openapi_extra={"parameters": PARAMETERS},
                      summary=f"The statements a search matches, as {form.label} (at most "
                              f"{search_export.MOST_EXPORTED:,}), for reference managers")
    def search_export_as(request: Request) -> Response:
        return answer(site, request, form, {})


def answer(site: Site, request: Request, form: Format, headers: dict[str, str]) -> Response:
    parameters: SearchParameters | None = None
    try:
        parameters = read_or_refuse(request.query_params.multi_items())
        if not parameters.asks_anything:
            if form is not HTML:
                raise SearchRefused("give words to search for (q), or a filter", "q")
            return _page(site, request, parameters, None, None, headers)
        if form in CITATION_FORMATS:
            with refusing():
                return search_export.response(site.release(), parameters, form, site.base_url(request), headers)
        found = run(site, feeds.search_parameters(parameters) if form is ATOM else parameters)
    except SearchRefused as refused:
        return _refusal(site, request, form, parameters, refused, headers)
    if form is ATOM:
        return feeds.search_response(request, site.release(), parameters, found, site.base_url(request), headers)
    if form is JSON:
        return Response(orjson.dumps(as_json(parameters, found)), 200, headers, JSON.content_type)
    return _page(site, request, parameters, found, None, headers)


def run(site: Site, parameters: SearchParameters) -> SearchAnswer:
    """The engine's answer from the published release; SearchRefused for what it cannot answer."""
    index = index_file(site.release().path)
    with refusing():
        if not index.exists():
            raise SearchIndexMissing("no index")
        return search(index, parameters.request())


@contextmanager
def refusing() -> Iterator[None]:
    """The engine's refusals as SearchRefused, in words naming the parameter (or the character of q)."""
    try:
        yield
    except SearchSyntaxError as error:
        raise SearchRefused(f"the search text cannot be read: {error}", "q", error.position) from None
    except SearchRequestError as error:
        raise SearchRefused(f"parameter '{error.parameter}': {error}", error.parameter) from None
    except SearchIndexMissing:
        raise SearchRefused("the published build has no search index; `mrkg build` writes one", None,
                            status=503) from None


def read_or_refuse(items: Iterable[tuple[str, str]]) -> SearchParameters:
    try:
        return read_parameters(items)
    except BadSearchParameter as error:
        raise SearchRefused(str(error), error.parameter) from None


def as_json(parameters: SearchParameters, found: SearchAnswer) -> dict[str, Any]:
    """The contract's shape (``total``, ``results``, ``facets``), with the request's page beside it."""
    return {
        "query": parameters.q, "total": found.total, "page": parameters.page, "size": parameters.size,
        "results": [{"id": hit.id, "label": hit.label, "score": hit.score, "snippet": hit.snippet,
                     "kind": hit.kind, "date": hit.date} for hit in found.results],
        "facets": {name: [{"value": v.value, "label": v.label, "count": v.count} for v in values]
                   for name, values in found.facets.items()},
    }


def marked(snippet: str) -> Markup:
    """A snippet with only its ``<mark>`` elements kept as markup: everything else is text, escaped here again."""
    first, *rest = snippet.split("<mark>")
    pieces = [Markup.escape(html.unescape(first))]
    for part in rest:
        inner, _, after = part.partition("</mark>")
        pieces += [Markup("<mark>"), Markup.escape(html.unescape(inner)), Markup("</mark>"),
                   Markup.escape(html.unescape(after))]
    return Markup("").join(pieces)


def _refusal(site: Site, request: Request, form: Format, parameters: SearchParameters | None,
             refused: SearchRefused, headers: dict[str, str]) -> Response:
    if form is ATOM or form in CITATION_FORMATS:  # no page to show: the reason in words, as the feeds' refusals
        said = f"{refused.status} {HTTPStatus(refused.status).phrase}: {refused.message}.\n"
        return Response(said, refused.status, headers, "text/plain; charset=utf-8")
    if form is JSON:
        detail: dict[str, Any] = {"status": refused.status, "message": refused.message}
        if refused.parameter:
            detail["parameter"] = refused.parameter
        if refused.position is not None:
            detail["position"] = refused.position
        return Response(orjson.dumps({"error": detail}), refused.status, headers, JSON.content_type)
    return _page(site, request, parameters or SearchParameters(q=request.query_params.get("q", "")[:1000]), None,
                 refused, headers)


def _page(site: Site, request: Request, parameters: SearchParameters, found: SearchAnswer | None, refused: SearchRefused | None,
          headers: dict[str, str]) -> Response:
    pages = 0
    if found is not None:
        pages = max(1, -(-found.total // parameters.size))
    context = {
        "title": f"Search: {parameters.q}" if parameters.q else "Search", "search": parameters, "found": found,
        "refused": refused, "pages": pages, "facet_names": FACET_NAMES, "filter_names": FILTER_NAMES,
        "facets_shown": FACETS_SHOWN, "marked": marked, "labels": _labels(found),
        "alternates": [], "schema": None, "iri": None, "page_links": _page_links(parameters, found, pages),
        "feed": feeds.PageFeed(feeds.search_title(parameters), feeds.search_link(parameters, "/search.atom")) if found else None,
        "export_forms": CITATION_FORMATS, "export_most": search_export.MOST_EXPORTED,
    }
    status = refused.status if refused else 200
    return site.templates.TemplateResponse(request, "search.html", context, status_code=status, headers=headers)


def _labels(found: SearchAnswer | None) -> dict[str, str]:
    """Facet values' labels, for naming the filters in force."""
    if found is None:
        return {}
    labels = {value.value: value.label for values in found.facets.values() for value in values}
    return {**labels, **LANGUAGE_NAMES}


def _page_links(parameters: SearchParameters, found: SearchAnswer | None, pages: int) -> list[tuple[str, str]]:
    links = [("alternate", parameters.link("/search.json"))]
    if found is not None and parameters.page > 1:
        links.append(("prev", parameters.at_page(parameters.page - 1)))
    if found is not None and parameters.page < pages:
        links.append(("next", parameters.at_page(parameters.page + 1)))
    return links
