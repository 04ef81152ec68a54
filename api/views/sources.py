"""The source texts the release was built from, each beside the document it became.

``/sources/`` used to answer a bare 404 while the README pointed to it (issue 14): a
researcher who wants to check a passage against the text as published starts here.
The list comes from the graph (each document's ``prov:wasDerivedFrom``), so it names
exactly what this release holds, and each file's digest lets a reader check their copy.
"""
from __future__ import annotations

from dataclasses import dataclass

from api.views.query import select
from graph import iris
from graph.store import PublishedData


@dataclass(frozen=True)
class SourceText:
    file: str          # the file name, as served at /sources/{file}
    document: str      # the document's IRI
    label: str
    kind: str          # the document's genre, as the ontology labels its class
    issued: str | None
    sha256: str | None


def source_texts(store: PublishedData) -> list[SourceText]:
    """Every source text of the release, by file name."""
    rows = select(store, f"""
        SELECT ?document ?source (SAMPLE(?name) AS ?label) (SAMPLE(?kindName) AS ?kind) (SAMPLE(?date) AS ?issued)
               (SAMPLE(?digest) AS ?sha256)
        WHERE {{
          ?document a mrkg:Document ; prov:wasDerivedFrom ?source ; rdfs:label ?name .
          FILTER(STRSTARTS(STR(?source), "{iris.SOURCES}"))
          OPTIONAL {{ ?document a ?kindClass . ?kindClass rdfs:subClassOf mrkg:Document ; rdfs:label ?kindName .
                     FILTER(LANGMATCHES(LANG(?kindName), "en")) }}
          OPTIONAL {{ ?document dcterms:issued ?date }}
          OPTIONAL {{ ?document mrkg:sha256 ?digest }}
        }} GROUP BY ?document ?source ORDER BY ?source""")
    return [SourceText(str(row["source"])[len(iris.SOURCES):], str(row["document"]), str(row["label"]),
                       str(row["kind"] or "document"), row["issued"] and str(row["issued"]),
                       row["sha256"] and str(row["sha256"]))
            for row in rows]
