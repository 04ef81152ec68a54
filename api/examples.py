"""Example queries: on the home page and in the query page's menu.

Each answers a question a researcher asks, over the data model of
``ontology/MODEL.md``; ``tests/pages`` runs every one against a real build
and checks that it returns rows, so they cannot rot unnoticed (those that
search, through the server, which answers the search SERVICE).
"""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Example:
    key: str
    title: str
    query: str
    # Answered with the service's own text search (SERVICE <https://w3id.org/mrkg/search>): only the
    # service runs it, never a bare store (tests/api/test_search_service.py runs it through the server).
    searches: bool = False


EXAMPLES: tuple[Example, ...] = (
    Example("article-22", "Who cited article 22 of the Convention, for whom, and where?", """\
SELECT ?statement ?speaker ?behalf ?session ?text WHERE {
  ?statement mrkg:cites <https://w3id.org/mrkg/id/instrument/icrmw/article/22> ;
             mrkg:text ?text .
  OPTIONAL { ?statement mrkg:speaker/rdfs:label ?speaker }
  OPTIONAL { ?statement mrkg:onBehalfOf/rdfs:label ?behalf }
  OPTIONAL { ?statement mrkg:session/rdfs:label ?session }
}"""),
    Example("most-cited", "The most cited provisions", """\
SELECT ?provision ?label (COUNT(DISTINCT ?statement) AS ?statements) WHERE {
  ?statement mrkg:cites ?provision .
  ?provision rdfs:label ?label .
}
GROUP BY ?provision ?label
ORDER BY DESC(?statements) ?label
LIMIT 20"""),
    Example("instruments", "How often each instrument is mentioned, document by document", """\
SELECT ?code ?document (COUNT(DISTINCT ?statement) AS ?statements) WHERE {
  ?statement mrkg:mentions ?instrument ;
             mrkg:document/rdfs:label ?document .
  ?instrument skos:notation ?code .
}
GROUP BY ?code ?document
ORDER BY ?code ?document"""),
    Example("states", "States and organizations on whose behalf statements were made", """\
SELECT ?actor ?name (COUNT(DISTINCT ?statement) AS ?statements) WHERE {
  ?statement mrkg:onBehalfOf ?actor .
  ?actor rdfs:label ?name .
}
GROUP BY ?actor ?name
ORDER BY DESC(?statements) ?name"""),
    Example("sessions", "Sessions, with their dates and number of statements", """\
SELECT ?session ?label ?date (COUNT(DISTINCT ?statement) AS ?statements) WHERE {
  ?statement mrkg:session ?session .
  ?session rdfs:label ?label .
  OPTIONAL { ?session dcterms:date ?date }
}
GROUP BY ?session ?label ?date
ORDER BY ?date ?label"""),
    Example("passages", "Citations with the exact words and position in the source", """\
SELECT ?provision ?words ?begin ?end ?source WHERE {
  ?citation a mrkg:ProvisionCitation ;
            cito:hasCitedEntity ?provision ;
            cito:hasCitingEntity/prov:wasDerivedFrom ?source ;
            nif:anchorOf ?words ; nif:beginIndex ?begin ; nif:endIndex ?end .
}
ORDER BY ?source ?begin
LIMIT 50"""),
    Example("search", "Text search: statements on detention, best first, with who spoke and a snippet", """\
SELECT ?statement ?score ?speaker ?snippet WHERE {
  SERVICE <https://w3id.org/mrkg/search> {
    ?statement mrkg:query "detention" ; mrkg:kind "statement" ;
               mrkg:score ?score ; mrkg:snippet ?snippet
  }
  OPTIONAL { ?statement mrkg:speaker/rdfs:label ?speaker }
}
ORDER BY DESC(?score)
LIMIT 20""", searches=True),
)


def example(key: str | None) -> Example | None:
    return next((e for e in EXAMPLES if e.key == key), None)
