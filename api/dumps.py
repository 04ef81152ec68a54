"""The dumps of the published build, for harvesters: ``/dumps/``.

``mrkg build`` writes them with ``manifest.json`` (name, media type, size,
triple count, SHA-256); this module only serves them.  Each file's ETag is
its SHA-256 and its Last-Modified the build's publication, so a harvester
that sends ``If-None-Match`` or ``If-Modified-Since`` gets ``304 Not
Modified`` until a build actually changes the file (the dumps are written
byte-for-byte reproducibly, so an unchanged graph keeps its checksum).
RFC 9110 §13.1: ``If-None-Match`` is evaluated first, and when present
``If-Modified-Since`` is ignored.
"""
from __future__ import annotations

import datetime as dt
import email.utils
import hashlib
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import FileResponse, JSONResponse, PlainTextResponse, RedirectResponse, Response

from api.dataset import LICENCE
from api.errors import shown
from api.linked_data import Site, negotiated_form
from api.release import Release
from graph.formats import HTML, JSON, Format

INDEX_FORMS = (HTML, JSON)


def http_date(moment: dt.datetime) -> str:
    return email.utils.format_datetime(moment.astimezone(dt.timezone.utc).replace(microsecond=0), usegmt=True)


def not_modified(request: Request, etag: str, modified: dt.datetime) -> bool:
    """RFC 9110 §13.2.2: does the client already hold this representation?"""
    if_none_match = request.headers.get("if-none-match")
    if if_none_match is not None:
        tags = [tag.strip().removeprefix("W/") for tag in if_none_match.split(",")]
        return "*" in tags or etag in tags
    if_modified_since = request.headers.get("if-modified-since")
    if if_modified_since:
        try:
            since = email.utils.parsedate_to_datetime(if_modified_since)
        except (TypeError, ValueError):
            return False  # an invalid date is ignored (§13.1.3)
        if since.tzinfo is None:
            since = since.replace(tzinfo=dt.timezone.utc)
        return modified.replace(microsecond=0) <= since
    return False


def index(release: Release, base: str) -> dict[str, Any]:
    """The dumps as a harvester reads them: URL, size, triples and checksum per file."""
    return {
        "build": release.build_id,
        "published": release.published.isoformat(),
        "licence": LICENCE,
        "dumps": [dict(entry, url=f"{base}/dumps/{entry['name']}") for entry in release.manifest()],
    }


def router(site: Site) -> APIRouter:
    routes = APIRouter(tags=["dumps"])

    @routes.get("/dumps", include_in_schema=False)
    def dumps_slash() -> Response:
        return RedirectResponse("/dumps/", status_code=301)

    @routes.api_route("/dumps/", methods=["GET", "HEAD"], summary="The dumps: HTML for people, JSON for programs")
    def dumps_index(request: Request) -> Response:
        form = negotiated_form(request, INDEX_FORMS)
        if isinstance(form, Response):
            return form
        return _index_response(site, request, form, {"Vary": "Accept"})

    @routes.api_route("/dumps/index.json", methods=["GET", "HEAD"], summary="The dumps, as JSON")
    def dumps_index_json(request: Request) -> Response:
        return _index_response(site, request, JSON, {})

    @routes.api_route("/dumps/{name}", methods=["GET", "HEAD"], summary="One dump file (ETag, Last-Modified, Range)")
    def dump(request: Request, name: str) -> Response:
        release = site.release()
        checksums = release.cached("dump checksums", lambda: _checksums(release))
        if name not in checksums:
            return PlainTextResponse(f"404 Not Found: no dump named {shown(repr(name))}; see /dumps/ for the list.\n",
                                     status_code=404)
        etag = f'"{checksums[name]}"'
        headers = {"ETag": etag, "Last-Modified": http_date(release.published), "Cache-Control": "public, no-cache"}
        if not_modified(request, etag, release.published):
            return Response(status_code=304, headers=headers)
        if name.endswith((".gz", ".zip")):
            headers["Content-Disposition"] = f'attachment; filename="{name}"'
        return FileResponse(release.dumps_dir / name, media_type=_media_type(name), headers=headers)

    return routes


def _checksums(release: Release) -> dict[str, str]:
    """SHA-256 per servable file: the manifest's, and the manifest's own."""
    found = {str(entry["name"]): str(entry["sha256"]) for entry in release.manifest()}
    manifest = release.dumps_dir / "manifest.json"
    if manifest.exists():
        found["manifest.json"] = hashlib.sha256(manifest.read_bytes()).hexdigest()
    return found


def _media_type(name: str) -> str:
    # The files are gzip archives: saying so keeps clients from unpacking them on the fly (which
    # ``Content-Encoding: gzip`` would invite) and so from breaking the published checksum.
    if name.endswith(".json"):
        return "application/json"
    if name.endswith(".zip"):
        return "application/zip"
    return "application/gzip" if name.endswith(".gz") else "application/octet-stream"


def _index_response(site: Site, request: Request, form: Format, headers: dict[str, str]) -> Response:
    release = site.release()
    listing = index(release, site.base_url(request))
    headers = dict(headers, **{"Last-Modified": http_date(release.published)})
    if form is JSON:
        return JSONResponse(listing, headers=headers)
    context: dict[str, Any] = {"title": "Downloads", "listing": listing, "alternates": [], "schema": None, "iri": None}
    return site.templates.TemplateResponse(request, "dumps.html", context, headers=headers)
