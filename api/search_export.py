"""A search's statements as citations to take away: CSL-JSON, RIS or BibTeX (issue 14, point 2).

``/search?q=detention`` with ``Accept: application/x-research-info-systems`` (or the
download links ``/search.ris?q=detention``, ``.csl``, ``.bib``) answers the citations of
the **statements** the search matches, with every filter in force, in the search's order
(best first, or newest first with ``sort=date``) — all of them up to :data:`MOST_EXPORTED`,
not only the page shown: a researcher exports a search to cite from it, and a page of
twenty is an accident of the screen.  Resources that are not statements (actors,
provisions…) have no citation of their own and are left out.  How many were matched and
how many are in the file is said in the ``Mrkg-Export`` header.

The citations are written by :mod:`graph.citations`, the same as a statement's own.
"""
from __future__ import annotations

from dataclasses import replace

from fastapi.responses import Response

from api.release import Release
from api.search_parameters import SearchParameters
from graph import iris
from graph.citations import WRITERS, PageOf, statement_citations
from graph.formats import Format
from graph.search import SearchAnswer, index_file, search
from graph.search.model import MAX_SIZE

MOST_EXPORTED = 500  # statements one export holds at most (five of the engine's largest pages)
EXPORT_HEADER = "Mrkg-Export"


def matching_statements(release: Release, parameters: SearchParameters) -> tuple[list[str], int]:
    """The IRIs of the statements the search matches, in its order (at most MOST_EXPORTED), and how many match."""
    asked = replace(parameters.request(), kinds=("statement",), size=MAX_SIZE)
    index = index_file(release.path)
    found: list[str] = []
    total, page = 0, 1
    while len(found) < MOST_EXPORTED:
        answer: SearchAnswer = search(index, replace(asked, page=page))
        total = answer.total
        found += [hit.id for hit in answer.results]
        if page * MAX_SIZE >= total:
            break
        page += 1
    return found[:MOST_EXPORTED], total


def response(release: Release, parameters: SearchParameters, form: Format, base_url: str,
             headers: dict[str, str]) -> Response:
    statements, total = matching_statements(release, parameters)
    citations = statement_citations(release.store, statements, PageOf(iris.ID, base_url + "/id/"))
    name = "search" + (f"-{_file_word(parameters.q)}" if _file_word(parameters.q) else "")
    headers = {**headers, EXPORT_HEADER: f"{len(citations)} of {total} matching statements"
                                         + (f" (at most {MOST_EXPORTED})" if total > MOST_EXPORTED else ""),
               "Content-Disposition": f'attachment; filename="{name}.{form.extension}"'}
    return Response(WRITERS[form.name](citations), media_type=form.content_type, headers=headers)


def _file_word(text: str) -> str:
    """The search text as part of a file name: letters and digits only, short."""
    kept = "".join(char if char.isascii() and char.isalnum() else "-" for char in text.lower())
    return "-".join(part for part in kept.split("-") if part)[:40]
