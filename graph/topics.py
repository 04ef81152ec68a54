"""The topics: a SKOS concept scheme of the subjects the documents discuss (issue 13, point 4).

Curated in ``data/catalogue/topics.yaml`` (its form is in that folder's README) and read
with the rest of the catalogue, so a mistake stops the build with the file, the line and
the topic.  Each topic carries its labels in English, French and Spanish, the words that
tag a statement with it (``graph.extract.topics`` matches them), an UNBIS Thesaurus
concept only where the identifier was verified, and the provisions that govern it, named
the way a researcher writes them ("ICRMW Article 16", "GCM Objective 13"); a provision the
catalogue lacks is an error, never a guess.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, RDF, RDFS, SKOS

from graph import iris
from graph.catalogue import Catalogue
from graph.errors import CatalogueError
from graph.records import ProvisionRef
from graph.vocab import MRKG

LANGUAGES = ("en", "fr", "es")  # every topic is labelled in each
TOPIC_FIELDS = {"key", *LANGUAGES, "names", "match", "governed_by", "unbis", "note"}
SCHEME_LABELS = {"en": "Topics of the Migrant Rights Knowledge Graph",
                 "fr": "Thèmes du graphe de connaissances sur les droits des migrants",
                 "es": "Temas del grafo de conocimiento sobre los derechos de los migrantes"}
# The UNBIS Thesaurus publishes its concepts under this path; only verified identifiers are given.
UNBIS = "http://metadata.un.org/thesaurus/"
# "ICRMW Article 16", "GCM Objective 13", "ILO-C143 Article 9", or an instrument alone: "ILO-C189".
_GOVERNING = re.compile(r"(?P<code>[A-Z0-9]+(?:-[A-Z0-9]+)*)(?:\s+(?P<kind>[A-Z][A-Za-z]+)\s+(?P<number>\S+))?")


@dataclass(frozen=True)
class Label:
    text: str
    lang: str


@dataclass
class Topic:
    """A topic as the tagger needs it: its key, its labels and the words that tag a statement."""

    key: str
    iri: str
    pref: dict[str, str]  # language → preferred label
    names: list[Label] = field(default_factory=list)  # skos:altLabel: other names, matched
    match: list[Label] = field(default_factory=list)  # skos:hiddenLabel: other forms texts print, matched
    governed_by: list[str] = field(default_factory=list)  # provision or instrument IRIs

    def terms(self, lang: str) -> list[str]:
        """Every label in ``lang`` that tags a statement in that language."""
        return [self.pref[lang], *(label.text for label in (*self.names, *self.match) if label.lang == lang)]


def read_topics(catalogue: Catalogue, file: str, entries: list[dict[str, Any]]) -> None:
    """Check and add the topics of one catalogue file (after its instruments are read)."""
    for entry in entries:
        topic = _topic(catalogue, file, entry)
        if topic.key in catalogue.topics:
            raise _fail(file, entry, f"key {topic.key!r} is used twice")
        catalogue.topics[topic.key] = topic
        write_topic(catalogue.graph, topic, [_unbis(file, entry, item) for item in _strings(file, entry, "unbis")])
    if catalogue.topics:
        _scheme(catalogue.graph)


def _topic(catalogue: Catalogue, file: str, entry: dict[str, Any]) -> Topic:
    unknown = set(entry) - TOPIC_FIELDS - {"__line__"}
    if unknown:
        raise _fail(file, entry, f"unknown field(s) {', '.join(sorted(unknown))}")
    key = entry.get("key")
    if not isinstance(key, str) or not re.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)*", key):
        raise _fail(file, entry, "key must be lower-case words joined by hyphens")
    pref = {}
    for lang in LANGUAGES:
        value = entry.get(lang)
        if not isinstance(value, str) or not value.strip():
            raise _fail(file, entry, f"missing its {lang} label ({lang}: …)")
        pref[lang] = value.strip()
    governed = [_governing(catalogue, file, entry, text) for text in _strings(file, entry, "governed_by")]
    return Topic(key, iris.topic(key), pref, _labels(file, entry, "names"), _labels(file, entry, "match"),
                 governed)


def _labels(file: str, entry: dict[str, Any], name: str) -> list[Label]:
    found = []
    for text in _strings(file, entry, name):
        tagged = re.fullmatch(r"(.*)@([a-z]{2})", text)
        if not tagged or tagged.group(2) not in LANGUAGES:
            raise _fail(file, entry, f"{name}: {text!r} needs its language: {text}@en, @fr or @es")
        found.append(Label(tagged.group(1).strip(), tagged.group(2)))
    return found


def _governing(catalogue: Catalogue, file: str, entry: dict[str, Any], text: str) -> str:
    """The IRI of "ICRMW Article 16" (a provision) or "ILO-C189" (an instrument with none catalogued)."""
    found = _GOVERNING.fullmatch(text)
    if found is None or found["code"] not in catalogue.instruments:
        raise _fail(file, entry, f"governed_by {text!r}: expected an instrument code of the catalogue, "
                    "then a provision (ICRMW Article 16)")
    if found["kind"] is None:
        return catalogue.instrument_iri(found["code"])
    provision = catalogue.provision_iri(ProvisionRef(found["code"], found["kind"], found["number"]))
    if provision is None:
        raise _fail(file, entry, f"governed_by {text!r}: the catalogue has no such provision")
    return provision


def _unbis(file: str, entry: dict[str, Any], item: str) -> str:
    if not re.fullmatch(r"\d+", item):
        raise _fail(file, entry, f"unbis {item!r} is not an UNBIS Thesaurus concept number")
    return UNBIS + item


def _strings(file: str, entry: dict[str, Any], name: str) -> list[str]:
    value = entry.get(name) or []
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise _fail(file, entry, f"{name} must be a list of texts")
    return [v.strip() for v in value]


def _fail(file: str, entry: dict[str, Any], problem: str) -> CatalogueError:
    return CatalogueError(file, f"line {entry.get('__line__', '?')}, topic {entry.get('key', '?')!r}: {problem}")


def write_topic(graph: Graph, topic: Topic, close_matches: list[str]) -> None:
    node = URIRef(topic.iri)
    graph.add((node, RDF.type, SKOS.Concept))
    graph.add((node, SKOS.inScheme, URIRef(iris.TOPICS)))
    graph.add((node, SKOS.topConceptOf, URIRef(iris.TOPICS)))
    graph.add((node, SKOS.notation, Literal(topic.key)))
    graph.add((node, RDFS.label, Literal(topic.pref["en"], lang="en")))
    for lang, text in topic.pref.items():
        graph.add((node, SKOS.prefLabel, Literal(text, lang=lang)))
    for label in topic.names:
        graph.add((node, SKOS.altLabel, Literal(label.text, lang=label.lang)))
    for label in topic.match:
        graph.add((node, SKOS.hiddenLabel, Literal(label.text, lang=label.lang)))
    for match in close_matches:
        graph.add((node, SKOS.closeMatch, URIRef(match)))
    for provision in topic.governed_by:
        graph.add((node, MRKG.governedBy, URIRef(provision)))


def _scheme(graph: Graph) -> None:
    scheme = URIRef(iris.TOPICS)
    graph.add((scheme, RDF.type, SKOS.ConceptScheme))
    graph.add((scheme, RDFS.label, Literal(SCHEME_LABELS["en"], lang="en")))
    for lang, text in SCHEME_LABELS.items():
        graph.add((scheme, SKOS.prefLabel, Literal(text, lang=lang)))
    graph.add((scheme, DCTERMS.description, Literal(
        "The subjects the documents discuss; a statement is tagged with a topic (dcterms:subject) where its "
        "words match the topic's labels in the statement's language.", lang="en")))
