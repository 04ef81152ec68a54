"""Namespaces and the mrkg terms the code writes.

Every ``MRKG.x`` used anywhere must be declared in ``ontology/mrkg.ttl``
(``tests/ontology/test_ontology.py`` checks it), so the ontology stays the source of truth.
"""
from __future__ import annotations

from rdflib import Namespace
from rdflib.namespace import DCAT as DCAT
from rdflib.namespace import DCTERMS as DCTERMS
from rdflib.namespace import FOAF as FOAF
from rdflib.namespace import ORG as ORG
from rdflib.namespace import OWL as OWL
from rdflib.namespace import PROV as PROV
from rdflib.namespace import RDF as RDF
from rdflib.namespace import RDFS as RDFS
from rdflib.namespace import SKOS as SKOS
from rdflib.namespace import VOID as VOID
from rdflib.namespace import XSD as XSD
from rdflib.namespace import DefinedNamespace

from graph import iris

MRKG = Namespace(iris.ONTOLOGY)
ELI = Namespace("http://data.europa.eu/eli/ontology#")
CITO = Namespace("http://purl.org/spar/cito/")
NIF = Namespace("http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#")
ITSRDF = Namespace("http://www.w3.org/2005/11/its/rdf#")  # NIF's link from a string to what it names
SCHEMA = Namespace("https://schema.org/")
SD = Namespace("http://www.w3.org/ns/sparql-service-description#")
WD = Namespace("http://www.wikidata.org/entity/")
HYDRA = Namespace("http://www.w3.org/ns/hydra/core#")  # paged collections in the RDF forms of the pages

PREFIXES: dict[str, Namespace | type[DefinedNamespace]] = {
    "mrkg": MRKG,
    "eli": ELI,
    "cito": CITO,
    "nif": NIF,
    "itsrdf": ITSRDF,
    "schema": SCHEMA,
    "org": ORG,
    "foaf": FOAF,
    "prov": PROV,
    "dcterms": DCTERMS,
    "skos": SKOS,
    "owl": OWL,
    "rdf": RDF,
    "rdfs": RDFS,
    "xsd": XSD,
    "void": VOID,
    "dcat": DCAT,
    "sd": SD,
    "wd": WD,
    "hydra": HYDRA,
}

# The same, as plain strings: what pyoxigraph's queries and writers take (``prefixes=``).
PREFIX_MAP: dict[str, str] = {name: str(ns) for name, ns in PREFIXES.items()}


def curie(term: object, extra: dict[str, str] | None = None) -> str:
    """``mrkg:Person`` for an IRI in a known namespace (or in ``extra``, prefix → namespace), ``<iri>`` otherwise.

    The longest namespace wins, and only a local name without "/" is shortened: a report
    reads ``mrkg:Statement`` and ``<https://w3id.org/mrkg/id/actor/mexico>``, never ``mrkg:…/…``.
    """
    text = str(term)
    candidates = {**PREFIX_MAP, **(extra or {})}
    for prefix, namespace in sorted(candidates.items(), key=lambda pair: -len(pair[1])):
        if text.startswith(namespace) and "/" not in text[len(namespace):]:
            return f"{prefix}:{text[len(namespace):]}"
    return f"<{text}>"


def sparql_prefixes() -> str:
    """PREFIX lines for queries written by people (CLI, pages, examples)."""
    return "".join(f"PREFIX {name}: <{ns}>\n" for name, ns in PREFIXES.items())
