"""Citations to take away: a statement, or the statements citing a provision, as CSL-JSON, RIS or BibTeX.

At a statement's IRI (``Accept: application/x-research-info-systems``, or ``…/6.ris``) the answer
is that statement's citation; at a provision's, the citations of every statement citing it or
one of its subdivisions (issue 14, point 2), so "export what cites article 22" is one request.
The forms are offered after the ones every resource has: a client that accepts anything still
gets the page.  Written by :mod:`graph.citations` from the published graph.
"""
from __future__ import annotations

from fastapi.responses import PlainTextResponse, Response

from api.errors import shown
from api.release import Release
from graph import iris
from graph.citations import WRITERS, Citation, PageOf, citing_statements, statement_citations
from graph.formats import Format

MOST_CITED = 2000  # statements one export of a provision holds at most (its page lists them all, a page at a time)


def is_statement(resource: str) -> bool:
    return resource.startswith(iris.ID + "statement/")


def is_provision(resource: str) -> bool:
    """A provision's IRI: below an instrument's (``…/instrument/icrmw/article/22``), not the instrument itself."""
    prefix = iris.ID + "instrument/"
    return resource.startswith(prefix) and "/" in resource[len(prefix):]


def cited(resource: str) -> bool:
    """Whether the resource has citations to export (a statement, or a provision statements cite)."""
    return is_statement(resource) or is_provision(resource)


def page_citation(release: Release, resource: str, base_url: str) -> Citation | None:
    """A statement's citation, for its page (the text to copy, and what reference managers read); else None."""
    if not is_statement(resource):
        return None
    found = statement_citations(release.store, [resource], PageOf(iris.ID, base_url + "/id/"))
    return found[0] if found else None


def response(release: Release, resource: str, form: Format, base_url: str, headers: dict[str, str]) -> Response:
    """The citations, or 404 in words for a resource that has none to give."""
    if not cited(resource):
        return PlainTextResponse(f"404 Not Found: {shown(resource)} has no citation form; statements and provisions "
                                 f"(the statements citing them) have one.\n", status_code=404)
    statements = [resource] if is_statement(resource) else citing_statements(release.store, resource, MOST_CITED)
    found = statement_citations(release.store, statements, PageOf(iris.ID, base_url + "/id/"))
    name = resource[len(iris.ID):].replace("/", "-")
    headers = {**headers, "Content-Disposition": f'inline; filename="{name}.{form.extension}"'}
    return Response(WRITERS[form.name](found), media_type=form.content_type, headers=headers)



