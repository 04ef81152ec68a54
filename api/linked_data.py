"""Linked data: one IRI, several representations, chosen by the client.

Every resource IRI under ``https://w3id.org/mrkg/id/`` is answered at this
server's ``/id/…``.  The representation is chosen

* by an extension, which always wins: ``/id/instrument/icrmw/article/22.ttl``
  (``.html``, ``.ttl``, ``.jsonld``, ``.nt``, ``.rdf``);
* otherwise by the ``Accept`` header (RFC 9110 §12.5.1: quality values,
  ``q=0`` refuses a type, the most specific range decides), answering
  ``406`` with the list of what is available when nothing acceptable is;
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
from fastapi.responses import PlainTextResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.templating import Jinja2Templates

from api.base_url import base_url
from api.release import Release, Releases
from api.templating import STATIC_DIR, templates
from graph.errors import StoreError
from graph.settings import Settings
from graph.vocab import PREFIX_MAP


@dataclass(frozen=True)
class Form:
    """One representation a resource can be served in."""

    extension: str
    media_type: str
    name: str
    rdf_format: ox.RdfFormat | None  # None: the HTML page
    aliases: tuple[str, ...] = ()

    @property
    def content_type(self) -> str:
        charset = "; charset=utf-8" if self.media_type.startswith("text/") else ""  # JSON is UTF-8 by definition
        return self.media_type + charset


HTML = Form("html", "text/html", "HTML", None, ("application/xhtml+xml",))
TURTLE = Form("ttl", "text/turtle", "Turtle", ox.RdfFormat.TURTLE, ("application/x-turtle",))
JSON_LD = Form("jsonld", "application/ld+json", "JSON-LD", ox.RdfFormat.JSON_LD, ("application/json",))
N_TRIPLES = Form("nt", "application/n-triples", "N-Triples", ox.RdfFormat.N_TRIPLES, ())
RDF_XML = Form("rdf", "application/rdf+xml", "RDF/XML", ox.RdfFormat.RDF_XML, ("application/xml", "text/xml"))

RESOURCE_FORMS: tuple[Form, ...] = (HTML, TURTLE, JSON_LD, N_TRIPLES, RDF_XML)  # first: the default
RDF_FORMS: tuple[Form, ...] = RESOURCE_FORMS[1:]
MACHINE_FORMS: tuple[Form, ...] = (TURTLE, JSON_LD, N_TRIPLES, RDF_XML, HTML)
BY_EXTENSION = {form.extension: form for form in RESOURCE_FORMS}


class NotAcceptable(Exception):
    """Nothing the client accepts can be served."""

    def __init__(self, offered: Sequence[Form]) -> None:
        super().__init__("none of the accepted media types is available")
        self.offered = offered


def _ranges(accept: str) -> list[tuple[str, float]]:
    ranges = []
    for part in accept.split(","):
        fields = [f.strip() for f in part.split(";")]
        media = fields[0].lower()
        if "/" not in media:
            continue
        quality = 1.0
        for parameter in fields[1:]:
            key, _, raw = parameter.partition("=")
            if key.strip().lower() == "q":
                try:
                    quality = max(0.0, min(1.0, float(raw)))
                except ValueError:
                    quality = 0.0
        ranges.append((media, quality))
    return ranges


def _quality(form: Form, ranges: list[tuple[str, float]]) -> float:
    """The quality the client gives ``form``: that of its most specific matching range."""
    types = (form.media_type, *form.aliases)
    kind = form.media_type.split("/")[0] + "/*"  # aliases match only when named exactly
    best_specificity, best_quality = 0, 0.0
    for media, quality in ranges:
        specificity = 3 if media in types else 2 if media == kind else 1 if media == "*/*" else 0
        if specificity > best_specificity:
            best_specificity, best_quality = specificity, quality
    return best_quality


def negotiate(accept: str | None, offered: Sequence[Form]) -> Form:
    """The form to serve: the client's highest quality, ties going to the order of ``offered``."""
    if not accept or not accept.strip():
        return offered[0]
    ranges = _ranges(accept)
    if not ranges:
        return offered[0]
    scored = [(_quality(form, ranges), -index, form) for index, form in enumerate(offered)]
    quality, _, form = max(scored, key=lambda item: (item[0], item[1]))
    if quality <= 0:
        raise NotAcceptable(offered)
    return form


def split_extension(path: str) -> tuple[str, Form | None]:
    """``"instrument/icrmw.ttl"`` → ``("instrument/icrmw", TURTLE)``; no known extension → ``(path, None)``."""
    stem, dot, extension = path.rpartition(".")
    if dot and "/" not in extension and extension in BY_EXTENSION:
        return stem, BY_EXTENSION[extension]
    return path, None


def header_path(path: str) -> str:
    """A path as a header may carry it: ASCII, with anything else percent-encoded (escapes already there kept)."""
    return quote(path, safe="/:@!$&'()*+,;=-._~%")


def link_header(path: str, forms: Iterable[Form]) -> str:
    path = header_path(path)
    return ", ".join(f'<{path}.{form.extension}>; rel="alternate"; type="{form.media_type}"' for form in forms)


def serialize(triples: Iterable[ox.Triple], form: Form) -> bytes:
    """Triples in ``form``, with only the prefixes they use declared."""
    triples = list(triples)
    assert form.rdf_format is not None
    used = {t.predicate.value for t in triples} | {t.object.value for t in triples if isinstance(t.object, ox.NamedNode)}
    used |= {t.subject.value for t in triples if isinstance(t.subject, ox.NamedNode)}
    prefixes = {name: ns for name, ns in PREFIX_MAP.items() if any(term.startswith(ns) for term in used)}
    return ox.serialize(triples, format=form.rdf_format, prefixes=prefixes)


def rdf_response(triples: Iterable[ox.Triple], form: Form, headers: dict[str, str] | None = None,
                 status_code: int = 200) -> Response:
    return Response(serialize(triples, form), status_code=status_code, media_type=form.content_type, headers=headers)


def not_acceptable(error: NotAcceptable) -> PlainTextResponse:
    offered = ", ".join(form.media_type for form in error.offered)
    return PlainTextResponse(f"406 Not Acceptable: this resource is available as {offered}.\n", status_code=406,
                             headers={"Vary": "Accept"})


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
