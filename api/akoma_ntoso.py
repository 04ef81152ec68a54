"""A document's Akoma Ntoso form at its IRI: ``/id/document/X.akn``, or ``Accept: application/akn+xml``.

Only documents have one (issue 14, item 3), so it is offered at document IRIs alone, after the
forms every resource has: a client that accepts anything still gets HTML, and one that names
``application/akn+xml`` gets the XML.  Both ways give the same bytes, built from the published
graph by :mod:`graph.akoma_ntoso` through the same door the pages read by.
"""
from __future__ import annotations

from fastapi.responses import PlainTextResponse, Response

from api.errors import shown
from api.linked_data import RESOURCE_FORMS
from api.release import Release
from graph import iris
from graph.akoma_ntoso import document_xml
from graph.formats import AKOMA_NTOSO, Format

DOCUMENT_FORMS: tuple[Format, ...] = (*RESOURCE_FORMS, AKOMA_NTOSO)


def is_document(resource: str) -> bool:
    """A document's own IRI (not one of its mentions): ``…/id/document/{key}``."""
    prefix = iris.ID + "document/"
    return resource.startswith(prefix) and "/" not in resource[len(prefix):]


def offers(resource: str) -> tuple[Format, ...]:
    """The forms this resource is offered in, in the service's order of preference."""
    return DOCUMENT_FORMS if is_document(resource) else RESOURCE_FORMS


def response(release: Release, resource: str, headers: dict[str, str]) -> Response:
    """The document's XML, or 404 in words for a resource that has no Akoma Ntoso form."""
    # Built on each request (a few queries): kept per build, thousands of documents would hold their XML in memory.
    xml = document_xml(release.store, resource) if is_document(resource) else None
    if xml is None:
        return PlainTextResponse(f"404 Not Found: {shown(resource)} has no Akoma Ntoso form; only documents "
                                 "(summary records, seminar summaries, discussions, notes) have one.\n",
                                 status_code=404)
    return Response(xml, media_type=AKOMA_NTOSO.content_type, headers=headers)
