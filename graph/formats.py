"""Every format mrkg reads or writes, named once (issue 12, point 2).

A format is known by several names at once: a media type for the ``Accept``
header and ``Content-Type``, other media types clients use for it
(``application/json`` for SPARQL JSON), a short name for the ``format``
parameter and ``mrkg query --format``, a file extension for ``/id/…​.ttl`` and
the dumps, and the constant pyoxigraph (or rdflib) reads and writes it with.
Before this module each place that met a format kept its own table of these
names, and the tables drifted apart (``text/plain`` was N-Triples on
``/sparql`` and nothing on ``/id/``).

``kind`` says what a format can carry:

    results    SPARQL 1.1 result sets and booleans (SELECT, ASK)
    graph      one RDF graph (CONSTRUCT, DESCRIBE, a resource's description)
    dataset    RDF with named graphs (N-Quads, TriG); a graph fits in one too
    document   for people or plain programs: HTML pages, JSON listings, plain text

The order of each tuple below is the service's preference, which decides
between formats a client accepts equally (:mod:`api.negotiation`).
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable, Literal

from pyoxigraph import QueryResultsFormat, RdfFormat

Kind = Literal["results", "graph", "dataset", "document"]
W3C = "http://www.w3.org/ns/formats/"


@dataclass(frozen=True)
class Format:
    """One serialisation and every name it goes by."""

    name: str  # what the ``format`` parameter takes; unique across the registry
    media_type: str
    label: str
    kind: Kind
    extension: str = ""  # without the dot; "" where no file or IRI takes one
    media_aliases: tuple[str, ...] = ()  # other media types, counted only when a client names them exactly
    name_aliases: tuple[str, ...] = ()  # other names the ``format`` parameter takes
    rdf: RdfFormat | None = None
    results: QueryResultsFormat | None = None
    rdflib: str = ""  # rdflib's name for it, where rdflib reads it
    spec: str = ""  # the W3C format IRI, for the service description

    @property
    def content_type(self) -> str:
        # Text types carry their charset; JSON is UTF-8 by definition (RFC 8259 §8.1).
        return f"{self.media_type}; charset=utf-8" if self.media_type.startswith("text/") else self.media_type

    @property
    def media_types(self) -> tuple[str, ...]:
        """Its own media type first, then the aliases."""
        return (self.media_type, *self.media_aliases)

    def is_called(self, wanted: str) -> bool:
        """Whether ``wanted`` (a ``format`` value, any case) names this format."""
        wanted = wanted.strip().lower()
        return wanted == self.name or wanted in self.name_aliases or wanted in self.media_types


SPARQL_JSON = Format("json", "application/sparql-results+json", "SPARQL JSON", "results", "srj",
                     ("application/json",), ("srj",), results=QueryResultsFormat.JSON,
                     spec=W3C + "SPARQL_Results_JSON")
SPARQL_XML = Format("xml", "application/sparql-results+xml", "SPARQL XML", "results", "srx",
                    ("application/xml", "text/xml"), ("srx",), results=QueryResultsFormat.XML,
                    spec=W3C + "SPARQL_Results_XML")
CSV = Format("csv", "text/csv", "CSV", "results", "csv", results=QueryResultsFormat.CSV,
             spec=W3C + "SPARQL_Results_CSV")
TSV = Format("tsv", "text/tab-separated-values", "TSV", "results", "tsv", results=QueryResultsFormat.TSV,
             spec=W3C + "SPARQL_Results_TSV")

TURTLE = Format("turtle", "text/turtle", "Turtle", "graph", "ttl", ("application/x-turtle", "text/n3"),
                ("ttl", "n3"), rdf=RdfFormat.TURTLE, rdflib="turtle", spec=W3C + "Turtle")
N_TRIPLES = Format("ntriples", "application/n-triples", "N-Triples", "graph", "nt", ("text/plain",), ("nt",),
                   rdf=RdfFormat.N_TRIPLES, rdflib="nt", spec=W3C + "N-Triples")
JSON_LD = Format("jsonld", "application/ld+json", "JSON-LD", "graph", "jsonld", ("application/json",),
                 ("json-ld", "json"), rdf=RdfFormat.JSON_LD, rdflib="json-ld", spec=W3C + "JSON-LD")
RDF_XML = Format("rdfxml", "application/rdf+xml", "RDF/XML", "graph", "rdf", ("application/xml", "text/xml"),
                 ("rdf", "rdf+xml", "xml"), rdf=RdfFormat.RDF_XML, rdflib="xml", spec=W3C + "RDF_XML")
N_QUADS = Format("nquads", "application/n-quads", "N-Quads", "dataset", "nq", (), ("nq",),
                 rdf=RdfFormat.N_QUADS, rdflib="nquads", spec=W3C + "N-Quads")
TRIG = Format("trig", "application/trig", "TriG", "dataset", "trig", rdf=RdfFormat.TRIG, rdflib="trig",
              spec=W3C + "TriG")

HTML = Format("html", "text/html", "HTML", "document", "html", ("application/xhtml+xml",))
# A document's Akoma Ntoso 3.0 form (issue 14, item 3): only documents (summary records, summaries,
# discussions, notes) have one, so it is offered at their IRIs alone (``api.akoma_ntoso``).
AKOMA_NTOSO = Format("akn", "application/akn+xml", "Akoma Ntoso", "document", "akn", name_aliases=("akn+xml",))
# Citations of statements for reference managers (graph.citations; issue 14, point 2).
CSL_JSON = Format("csl-json", "application/vnd.citationstyles.csl+json", "CSL-JSON", "document", "csl")
RIS = Format("ris", "application/x-research-info-systems", "RIS", "document", "ris")
BIBTEX = Format("bibtex", "application/x-bibtex", "BibTeX", "document", "bib", ("text/x-bibtex",))
CITATION_FORMATS: tuple[Format, ...] = (CSL_JSON, RIS, BIBTEX)
# New statements of a provision, actor, topic or search, for feed readers (api.feeds; issue 14, point 4).
ATOM = Format("atom", "application/atom+xml", "Atom feed", "document", "atom")
JSON = Format("plain-json", "application/json", "JSON", "document", "json")
PLAIN_TEXT = Format("text", "text/plain", "plain text", "document", "txt")

RESULTS_FORMATS: tuple[Format, ...] = (SPARQL_JSON, SPARQL_XML, CSV, TSV)
GRAPH_FORMATS: tuple[Format, ...] = (TURTLE, N_TRIPLES, JSON_LD, RDF_XML)
DATASET_FORMATS: tuple[Format, ...] = (N_QUADS, TRIG)
# What a CONSTRUCT or DESCRIBE can be sent as: a graph fits in a dataset format's default graph.
ANSWER_GRAPH_FORMATS: tuple[Format, ...] = GRAPH_FORMATS + DATASET_FORMATS
SPARQL_FORMATS: dict[str, Format] = {f.name: f for f in RESULTS_FORMATS + ANSWER_GRAPH_FORMATS}


def named(names: Iterable[str], formats: Iterable[Format]) -> Format | None:
    """The first of ``formats`` that the first fitting name calls for (``format=tsv&format=text/csv``)."""
    candidates = tuple(formats)
    for name in names:
        for fmt in candidates:
            if fmt.is_called(name):
                return fmt
    return None


def by_extension(extension: str, formats: Iterable[Format]) -> Format | None:
    """The format among ``formats`` whose file extension is ``extension`` (no dot)."""
    return next((fmt for fmt in formats if fmt.extension and fmt.extension == extension), None)


def by_media_type(media_type: str, formats: Iterable[Format]) -> Format | None:
    """The first of ``formats`` known by this media type (its own or an alias), for reading what a server sent."""
    media_type = media_type.strip().lower()
    return next((fmt for fmt in formats if media_type in fmt.media_types), None)


def written(body: bytes | None) -> bytes:
    """What an Oxigraph writer returned when given no output to write to: the bytes it wrote.

    Its stubs say ``bytes | None`` for every call; None comes only when an
    output file was given, which callers of this function never do.
    """
    if body is None:
        raise TypeError("the writer was given an output: nothing was returned")
    return body
