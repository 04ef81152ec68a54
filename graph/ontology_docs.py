"""The ontology as one HTML page for people, generated from the Turtle so it cannot go stale.

Every term has an anchor named by its local name, so the term's IRI
(``https://w3id.org/mrkg/ontology#Statement``) lands on its description when
the web layer serves this page at ``/ontology``.
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from jinja2 import Environment
from markupsafe import Markup
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import DCTERMS, OWL, RDF, RDFS, SKOS
from rdflib.term import Node

from graph import iris
from graph.ontology import load_ontology
from graph.vocab import MRKG, PREFIXES, curie

VANN = "http://purl.org/vocab/vann/"

PROPERTY_KINDS = (
    (OWL.ObjectProperty, "Object properties", "object property"),
    (OWL.DatatypeProperty, "Datatype properties", "datatype property"),
)


@dataclass
class Link:
    """A reference to a term: an anchor on this page for mrkg terms, the IRI itself otherwise."""

    text: str
    href: str
    title: str
    then: str = ""  # a word printed after the link, e.g. "or" between the members of a union


@dataclass
class Term:
    name: str  # local name, also the anchor
    iri: str
    kind: str
    label_en: str
    label_fr: str | None
    comment: str
    facts: list[tuple[str, list[Link]]] = field(default_factory=list)


@dataclass
class TreeNode:
    link: Link
    children: list["TreeNode"]


def render_ontology_html(path: Path) -> str:
    """The whole documentation page for the ontology at ``path``."""
    graph = load_ontology(path)
    page = _Page(graph)
    return _TEMPLATE.render(
        style=Markup(STYLE),
        header=page.header(),
        tree=page.class_tree(),
        classes=page.classes(),
        property_sections=page.property_sections(),
        individuals=page.individuals(),
        alignments=page.alignments(),
        namespaces=sorted((name, str(ns)) for name, ns in PREFIXES.items()),
    )


class _Page:
    def __init__(self, graph: Graph) -> None:
        self.graph = graph

    # -- pieces -------------------------------------------------------------

    def header(self) -> dict[str, object]:
        g, ontology = self.graph, URIRef(iris.ONTOLOGY_IRI)
        return {
            "iri": iris.ONTOLOGY_IRI,
            "title": self._literal(ontology, DCTERMS.title, "en") or "mrkg ontology",
            "description": self._literal(ontology, DCTERMS.description, "en") or "",
            "version_iri": g.value(ontology, OWL.versionIRI),
            "version": g.value(ontology, OWL.versionInfo),
            "license": g.value(ontology, DCTERMS.license),
            "creators": sorted(str(c) for c in g.objects(ontology, DCTERMS.creator)),
            "prefix": g.value(ontology, URIRef(VANN + "preferredNamespacePrefix")),
            "namespace": iris.ONTOLOGY,
        }

    def classes(self) -> list[Term]:
        terms = []
        for cls in self._own(OWL.Class):
            term = self._term(cls, "class")
            term.facts += [
                ("Sub-class of", self._links(self.graph.objects(cls, RDFS.subClassOf))),
                ("Super-class of", self._links(self.graph.subjects(RDFS.subClassOf, cls))),
                ("Disjoint with", self._links(self._disjoint_with(cls))),
                ("Close match", self._links(self.graph.objects(cls, SKOS.closeMatch))),
                ("Domain of", self._links(self._mentioning(RDFS.domain, cls))),
                ("Range of", self._links(self._mentioning(RDFS.range, cls))),
                ("Members", self._links(self.graph.subjects(RDF.type, cls))),
            ]
            terms.append(self._pruned(term))
        return terms

    def property_sections(self) -> list[tuple[str, list[Term]]]:
        sections = []
        for kind, title, singular in PROPERTY_KINDS:
            terms = []
            for prop in self._own(kind):
                term = self._term(prop, singular)
                characteristics = []
                if (prop, RDF.type, OWL.FunctionalProperty) in self.graph:
                    characteristics.append(Link("functional", "", "at most one value per subject"))
                term.facts += [
                    ("Domain", self._links(self.graph.objects(prop, RDFS.domain))),
                    ("Range", self._links(self.graph.objects(prop, RDFS.range))),
                    ("Sub-property of", self._links(self.graph.objects(prop, RDFS.subPropertyOf))),
                    ("Inverse of", self._links(self._inverses(prop))),
                    ("Characteristics", characteristics),
                ]
                terms.append(self._pruned(term))
            sections.append((title, terms))
        return sections

    def individuals(self) -> list[Term]:
        terms = []
        for individual in self._own(OWL.NamedIndividual):
            term = self._term(individual, "individual")
            types = [t for t in self.graph.objects(individual, RDF.type) if t != OWL.NamedIndividual]
            term.facts += [
                ("Type", self._links(types)),
                ("In scheme", self._links(self.graph.objects(individual, SKOS.inScheme))),
            ]
            terms.append(self._pruned(term))
        return terms

    def alignments(self) -> list[tuple[Link, str, Link]]:
        """Every axiom that ties an mrkg term to an outside vocabulary."""
        rows = []
        for relation, word in ((RDFS.subClassOf, "sub-class of"), (RDFS.subPropertyOf, "sub-property of"), (SKOS.closeMatch, "close match")):
            for term, outside in self.graph.subject_objects(relation):
                if self._is_own(term) and isinstance(outside, URIRef) and not self._is_own(outside):
                    rows.append((self._link(term), word, self._link(outside)))
        return sorted(rows, key=lambda row: (row[0].text, row[1], row[2].text))

    def class_tree(self) -> list[TreeNode]:
        own = set(self._own(OWL.Class))
        parents = {c: {p for p in self.graph.objects(c, RDFS.subClassOf) if p in own} for c in own}

        def node(cls: URIRef) -> TreeNode:
            children = sorted((c for c in own if cls in parents[c]), key=self._local)
            return TreeNode(self._link(cls), [node(c) for c in children])

        return [node(c) for c in sorted(own, key=self._local) if not parents[c]]

    # -- reading the graph --------------------------------------------------

    def _own(self, kind: URIRef) -> list[URIRef]:
        return sorted(
            (t for t in self.graph.subjects(RDF.type, kind) if isinstance(t, URIRef) and self._is_own(t)),
            key=self._local,
        )

    @staticmethod
    def _is_own(term: Node) -> bool:
        return isinstance(term, URIRef) and str(term).startswith(str(MRKG))

    @staticmethod
    def _local(term: Node) -> str:
        return str(term)[len(str(MRKG)) :] if str(term).startswith(str(MRKG)) else str(term)

    def _term(self, term: URIRef, kind: str) -> Term:
        return Term(
            name=self._local(term),
            iri=str(term),
            kind=kind,
            label_en=self._literal(term, RDFS.label, "en") or self._local(term),
            label_fr=self._literal(term, RDFS.label, "fr"),
            comment=self._literal(term, RDFS.comment, "en") or "",
        )

    def _literal(self, subject: Node, predicate: URIRef, language: str) -> str | None:
        values = [o for o in self.graph.objects(subject, predicate) if isinstance(o, Literal)]
        for value in values:
            if value.language == language:
                return str(value)
        plain = [v for v in values if v.language is None]
        return str(plain[0]) if plain and language == "en" else None

    def _link(self, term: Node) -> Link:
        if self._is_own(term):
            label = self._literal(term, RDFS.label, "en") or ""
            return Link(f"mrkg:{self._local(term)}", f"#{self._local(term)}", label)
        return Link(curie(term), str(term), str(term))

    def _links(self, terms: Iterable[Node]) -> list[Link]:
        """Named terms sorted by name, then any class expression (a union) in its own order."""
        terms = list(terms)
        named = sorted((self._link(t) for t in terms if isinstance(t, URIRef)), key=lambda link: link.text)
        for term in terms:
            if isinstance(term, BNode):
                named.extend(self._class_expression(term))
        return named

    def _class_expression(self, node: BNode) -> list[Link]:
        """A union of classes, shown as its members joined by "or"."""
        union = self.graph.value(node, OWL.unionOf)
        if union is None:
            return [Link("(class expression)", "", "")]
        members = [self._link(m) for m in Collection(self.graph, union)]
        for member in members[:-1]:
            member.then = "or"
        return members

    def _mentioning(self, relation: URIRef, cls: URIRef) -> list[URIRef]:
        """Properties whose domain (or range) is ``cls`` or a union containing it."""
        found: list[URIRef] = []
        for prop, target in self.graph.subject_objects(relation):
            if not isinstance(prop, URIRef):
                continue
            if target == cls:
                found.append(prop)
            elif isinstance(target, BNode):
                union = self.graph.value(target, OWL.unionOf)
                if union is not None and cls in list(Collection(self.graph, union)):
                    found.append(prop)
        return found

    def _disjoint_with(self, cls: URIRef) -> set[Node]:
        others: set[Node] = set(self.graph.objects(cls, OWL.disjointWith)) | set(self.graph.subjects(OWL.disjointWith, cls))
        for group in self.graph.subjects(RDF.type, OWL.AllDisjointClasses):
            head = self.graph.value(group, OWL.members)
            members = list(Collection(self.graph, head)) if head is not None else []
            if cls in members:
                others.update(m for m in members if m != cls)
        return others

    def _inverses(self, prop: URIRef) -> set[Node]:
        return set(self.graph.objects(prop, OWL.inverseOf)) | set(self.graph.subjects(OWL.inverseOf, prop))

    @staticmethod
    def _pruned(term: Term) -> Term:
        term.facts = [(name, links) for name, links in term.facts if links]
        return term


# The page's one inline style, a constant: the server's Content-Security-Policy allows it by its hash
# (api.security_headers), so it must not change per page.
STYLE = """
  body { font: 16px/1.5 system-ui, sans-serif; max-width: 60rem; margin: 2rem auto; padding: 0 1rem; color: #1d1d1f; }
  h1 { margin-bottom: .2rem; } h2 { border-bottom: 1px solid #ccc; margin-top: 2.5rem; }
  section.term { border-left: 4px solid #4a6fa5; padding: .2rem 1rem; margin: 1.5rem 0; }
  section.term:target { background: #fff8dc; }
  .iri, code { font-family: ui-monospace, monospace; font-size: .9em; }
  .kind { color: #666; font-size: .85em; margin-left: .5rem; }
  dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: .2rem 1rem; }
  dl.facts dt { font-weight: 600; } dl.facts dd { margin: 0; }
  table { border-collapse: collapse; } td, th { padding: .2rem .6rem; border-bottom: 1px solid #eee; text-align: left; }
  nav ul { columns: 2; }
  a.skip { position: absolute; left: -999px; } a.skip:focus { left: 1rem; top: 1rem; background: #fff; padding: .3rem; }
"""

_TEMPLATE = Environment(autoescape=True, trim_blocks=True, lstrip_blocks=True).from_string(
    """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ header.title }}</title>
<link rel="alternate" type="text/turtle" href="{{ header.iri }}">
<style>{{ style }}</style>
</head>
<body>
<a class="skip" href="#content">Skip to content</a>
<main id="content">
<header>
  <h1>{{ header.title }}</h1>
  <p>{{ header.description }}</p>
  <dl class="facts">
    <dt>IRI</dt><dd class="iri">{{ header.iri }}</dd>
    {% if header.version_iri %}<dt>Version</dt><dd class="iri">{{ header.version_iri }} ({{ header.version }})</dd>{% endif %}
    <dt>Namespace</dt><dd class="iri">{{ header.namespace }} (prefix <code>{{ header.prefix }}:</code>)</dd>
    {% if header.creators %}<dt>Creators</dt><dd>{{ header.creators | join(", ") }}</dd>{% endif %}
    {% if header.license %}<dt>Licence</dt><dd><a href="{{ header.license }}">{{ header.license }}</a></dd>{% endif %}
  </dl>
</header>
<nav>
  <h2 id="contents">Contents</h2>
  <ul>
    <li><a href="#hierarchy">Class hierarchy</a></li>
    <li><a href="#classes">Classes</a></li>
    {% for title, terms in property_sections %}<li><a href="#{{ title | lower | replace(' ', '-') }}">{{ title }}</a></li>{% endfor %}
    <li><a href="#individuals">Individuals</a></li>
    <li><a href="#alignments">Alignments to other vocabularies</a></li>
    <li><a href="#namespaces">Namespaces</a></li>
  </ul>
</nav>

<h2 id="hierarchy">Class hierarchy</h2>
{% macro branch(nodes) %}
<ul>
  {% for node in nodes %}
  <li><a href="{{ node.link.href }}" title="{{ node.link.title }}">{{ node.link.text }}</a>{% if node.children %}{{ branch(node.children) }}{% endif %}</li>
  {% endfor %}
</ul>
{% endmacro %}
{{ branch(tree) }}

{% macro term_section(term) %}
<section class="term" id="{{ term.name }}">
  <h3>{{ term.label_en }}{% if term.label_fr %} <span lang="fr">/ {{ term.label_fr }}</span>{% endif %}<span class="kind">{{ term.kind }}</span></h3>
  <p class="iri"><a href="{{ term.iri }}">{{ term.iri }}</a></p>
  <p>{{ term.comment }}</p>
  {% if term.facts %}
  <dl class="facts">
    {% for name, links in term.facts %}
    <dt>{{ name }}</dt>
    <dd>{% for link in links %}{% if link.href %}<a href="{{ link.href }}" title="{{ link.title }}">{{ link.text }}</a>{% else %}<span title="{{ link.title }}">{{ link.text }}</span>{% endif %}{% if link.then %} {{ link.then }}{% endif %}{% if not loop.last %} {% endif %}{% endfor %}</dd>
    {% endfor %}
  </dl>
  {% endif %}
</section>
{% endmacro %}

<h2 id="classes">Classes</h2>
{% for term in classes %}{{ term_section(term) }}{% endfor %}

{% for title, terms in property_sections %}
<h2 id="{{ title | lower | replace(' ', '-') }}">{{ title }}</h2>
{% for term in terms %}{{ term_section(term) }}{% endfor %}
{% endfor %}

<h2 id="individuals">Individuals</h2>
{% for term in individuals %}{{ term_section(term) }}{% endfor %}

<h2 id="alignments">Alignments to other vocabularies</h2>
<p>Sub-class and sub-property axioms only (no equivalence, no imports). The published graph carries the
entailed outside types and properties, so queries in those vocabularies get answers without a reasoner.</p>
<table>
  <tr><th>mrkg term</th><th>relation</th><th>outside term</th></tr>
  {% for term, relation, outside in alignments %}
  <tr><td><a href="{{ term.href }}">{{ term.text }}</a></td><td>{{ relation }}</td><td><a href="{{ outside.href }}">{{ outside.text }}</a></td></tr>
  {% endfor %}
</table>

<h2 id="namespaces">Namespaces</h2>
<table>
  {% for name, namespace in namespaces %}<tr><td><code>{{ name }}:</code></td><td class="iri">{{ namespace }}</td></tr>{% endfor %}
</table>
</main>
</body>
</html>
"""
)
