"""Python values as RDF terms, written the same way in every graph.

Dates are ``xsd:date``, times ``xsd:time``, whole numbers ``xsd:integer`` and
texts plain strings, as the shapes expect (``ontology/MODEL.md``).
"""
from __future__ import annotations

import datetime as dt

from rdflib import Literal, URIRef
from rdflib.namespace import XSD


def term(value: object) -> URIRef | Literal | None:
    """The RDF term for ``value``; ``None`` stays ``None`` so writers can skip what a source lacks."""
    if value is None or isinstance(value, (URIRef, Literal)):
        return value
    if isinstance(value, dt.date):
        return Literal(value.isoformat(), datatype=XSD.date)
    if isinstance(value, dt.time):
        return Literal(value.strftime("%H:%M:%S"), datatype=XSD.time)
    if isinstance(value, bool):
        return Literal(value)
    if isinstance(value, int):
        return Literal(value, datatype=XSD.integer)
    return Literal(str(value))
