"""Linked data: one IRI, several representations, chosen by the client.

Every resource IRI under ``https://w3id.org/mrkg/id/`` is answered at this
server's ``/id/…``.  The representation is chosen

* by an extension, which always wins: ``/id/instrument/icrmw/article/22.ttl``
  (``.html``, ``.ttl``, ``.jsonld``, ``.nt``, ``.rdf``; and ``.akn`` for a document's Akoma Ntoso
  form, :mod:`api.akoma_ntoso`; ``.atom`` for the feed of a provision, actor or topic, :mod:`api.feeds`);
* otherwise by the ``Accept`` header, by the rules every route shares
  (:mod:`api.negotiation`), answering ``406`` with the list of what is
  available when nothing acceptable is;
* with no ``Accept`` header, or one that accepts anything equally
  (``*/*``, as curl sends), resource IRIs answer **HTML**: people follow
  these IRIs far more often than programs that forget to ask for RDF
  ("HTML by default for resource IRIs").  The dataset description at
  ``/.well-known/void`` is for machines and answers Turtle by default.

Negotiated answers carry ``Vary: Accept``, a ``Content-Location`` naming the
extension form, and ``Link`` headers to every alternate form.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable, Sequence
from urllib.parse import quote

import pyoxigraph as ox
from fastapi import FastAPI, HTTPException, Request
from fastapi.responses import Response
from fastapi.staticfiles import StaticFiles
from starlette.templating import Jinja2Templates

from api.base_url import base_url
from api.errors import error_response, unavailable
from api.negotiation import choose
from api.release import Release, Releases
from api.templating import STATIC_DIR, templates
from graph.errors import StoreError
from graph.formats import ATOM, AKOMA_NTOSO, CITATION_FORMATS, GRAPH_FORMATS, HTML, Format, by_extension, written
from graph.settings import Settings
from graph.vocab import PREFIX_MAP

RESOURCE_FORMS: tuple[Format, ...] = (HTML, *GRAPH_FORMATS)  # first: the default, for people
RDF_FORMS: tuple[Format, ...] = GRAPH_FORMATS
MACHINE_FORMS: tuple[Format, ...] = (*GRAPH_FORMATS, HTML)  # descriptions read by programs first
EXTENSION_FORMS: tuple[Format, ...] = (*RESOURCE_FORMS, AKOMA_NTOSO, *CITATION_FORMATS, ATOM)


def split_extension(path: str) -> tuple[str, Format | None]:
    """``"instrument/icrmw.ttl"`` → ``("instrument/icrmw", TURTLE)``; no known extension → ``(path, None)``.

    ``.akn`` is read here for every path; only documents answer it (:mod:`api.akoma_ntoso`).
    """
    stem, dot, extension = path.rpartition(".")
    form = by_extension(extension, EXTENSION_FORMS) if dot and "/" not in extension else None
    return (stem, form) if form is not None else (path, None)


def header_path(path: str) -> str:
    """A path as a header may carry it: ASCII, with anything else percent-encoded (escapes already there kept)."""
    return quote(path, safe="/:@!$&'()*+,;=-._~%")


def link_header(path: str, forms: Iterable[Format]) -> str:
    path = header_path(path)
    return ", ".join(f'<{path}.{form.extension}>; rel="alternate"; type="{form.media_type}"' for form in forms)


def serialize(triples: Iterable[ox.Triple], form: Format) -> bytes:
    """Triples in ``form``, with only the prefixes they use declared."""
    triples = list(triples)
    assert form.rdf is not None
    used = {t.predicate.value for t in triples} | {t.object.value for t in triples if isinstance(t.object, ox.NamedNode)}
    used |= {t.subject.value for t in triples if isinstance(t.subject, ox.NamedNode)}
    prefixes = {name: ns for name, ns in PREFIX_MAP.items() if any(term.startswith(ns) for term in used)}
    return written(ox.serialize(triples, format=form.rdf, prefixes=prefixes))


def rdf_response(triples: Iterable[ox.Triple], form: Format, headers: dict[str, str] | None = None,
                 status_code: int = 200) -> Response:
    return Response(serialize(triples, form), status_code=status_code, media_type=form.content_type, headers=headers)


def negotiated_form(request: Request, offered: Sequence[Format]) -> Format | Response:
    """The form the Accept header asks for among ``offered`` (:mod:`api.negotiation`), or the 406 answer."""
    form = choose(request.headers.get("accept"), offered)
    if form is None:
        return error_response(request, unavailable("this resource", offered, request.headers.get("accept")))
    return form


@dataclass
class Site:
    """What every linked-data route needs: settings, the served release, the templates."""

    settings: Settings
    releases: Releases
    templates: Jinja2Templates

    def release(self) -> Release:
        try:
            return self.releases.current()
        except StoreError as error:
            raise HTTPException(status_code=503, detail=str(error)) from None

    def base_url(self, request: Request) -> str:
        """The public base URL (no trailing slash): never the request's Host header (:mod:`api.base_url`)."""
        return base_url(request.scope, self.settings)


def include_linked_data(app: FastAPI, settings: Settings) -> Site:
    """Add the pages, resource IRIs, dumps and dataset description to ``app``."""
    from api import dataset, dumps, pages

    site = Site(settings=settings, releases=Releases(settings), templates=templates())
    app.state.linked_data = site
    app.mount("/static", StaticFiles(directory=STATIC_DIR), name="static")
    app.include_router(dumps.router(site))
    app.include_router(dataset.router(site))
    app.include_router(pages.router(site))
    return site
