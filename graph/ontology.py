"""Load the ontology with owlready2 and let HermiT say whether it (and the graph) makes sense.

HermiT answers in Java exceptions and lists of IRIs; this module answers in
words.  When HermiT finds the ontology plus data inconsistent, the report
names the likely causes it can find directly in the triples: an individual
that is (or, by a property's domain or range, must be) of two classes the
ontology declares disjoint; more than one value for a functional property;
a malformed literal.  An unsatisfiable class is reported with the two
disjoint classes it falls under.

owlready2 reads RDF/XML or N-Triples only, so the Turtle is converted with
rdflib into a temporary N-Triples file.  Dates and times (xsd:date,
xsd:time) are outside the OWL 2 datatype map: the ontology itself does not
use them as ranges, and the built graph's literals are passed to HermiT with
``--ignoreUnsupportedDatatypes`` (the shapes check those datatypes instead).
"""
from __future__ import annotations

import hashlib
import itertools
import tempfile
import time
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.exceptions import ParserError
from rdflib.namespace import OWL, RDF, RDFS, XSD
from rdflib.term import Node

from graph import iris
from graph.entailment import superclasses
from graph.errors import MrkgError
from graph.vocab import curie

# Above this many data triples the reasoner works on a sample (HermiT took
# about 11 s for 52,000 triples of a synthetic build; it grows faster than
# linearly with the number of individuals).
FULL_REASONING_LIMIT = 100_000
DEFAULT_SAMPLE = 3_000  # subjects
PROBLEM_LIMIT = 20

_BUILT_IN = (str(RDF), str(RDFS), str(OWL), str(XSD))


@dataclass
class OntologyReport:
    """What the reasoner found, in words."""

    consistent: bool
    unsatisfiable: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    triples: int = 0
    seconds: float = 0.0

    @property
    def ok(self) -> bool:
        return self.consistent and not self.unsatisfiable

    def text(self) -> str:
        if self.ok:
            head = f"HermiT: consistent, no unsatisfiable class ({self.triples:,} triples, {self.seconds:.1f} s)."
        elif not self.consistent:
            head = f"HermiT: INCONSISTENT ({self.triples:,} triples, {self.seconds:.1f} s)."
        else:
            head = f"HermiT: consistent, but {len(self.unsatisfiable)} class(es) can have no members."
        lines = [head]
        lines += [f"  - {problem}" for problem in self.problems]
        lines += [f"  note: {note}" for note in self.notes]
        return "\n".join(lines)


def load_ontology(ontology_path: Path) -> Graph:
    """The ontology's Turtle as an rdflib graph; a syntax error is reported with the file."""
    try:
        return Graph().parse(ontology_path, format="turtle")
    except FileNotFoundError:
        raise MrkgError(f"{ontology_path}: ontology file not found") from None
    except (SyntaxError, ParserError) as error:
        raise MrkgError(f"{ontology_path}: not valid Turtle: {error}") from None


def check_ontology(ontology_path: Path) -> OntologyReport:
    """Run HermiT over the ontology alone: consistency and unsatisfiable classes."""
    ontology = load_ontology(ontology_path)
    return _reason(ontology, ontology, Graph(), notes=[])


def check_with_data(ontology_path: Path, data_graph: Graph, sample: int | None = None) -> OntologyReport:
    """Run HermiT over the ontology plus the built graph (or a sample of its subjects).

    ``sample`` is a number of subjects; each keeps all its triples, and the
    types of everything it points to come along, so domain, range and
    disjointness are still checked on the sampled part.  Without ``sample``,
    a graph above :data:`FULL_REASONING_LIMIT` triples is sampled and the
    report says so.
    """
    ontology = load_ontology(ontology_path)
    notes: list[str] = []
    data = data_graph
    if sample is None and len(data_graph) > FULL_REASONING_LIMIT:
        sample = DEFAULT_SAMPLE
        notes.append(
            f"the graph has {len(data_graph):,} triples, more than the {FULL_REASONING_LIMIT:,} HermiT "
            f"checks in reasonable time, so a sample of {sample:,} subjects was reasoned over"
        )
    if sample is not None:
        data, chosen, total = _sample(data_graph, sample)
        notes.append(
            f"sampled {chosen:,} of {total:,} subjects ({len(data):,} of {len(data_graph):,} triples), "
            "chosen by a hash of their IRI so every source is represented and reruns pick the same ones"
        )
    return _reason(ontology, ontology + data, data, notes)


def _reason(ontology: Graph, combined: Graph, data: Graph, notes: list[str]) -> OntologyReport:
    import owlready2  # deferred: it starts a quadstore and is only needed here

    started = time.perf_counter()
    # owlready2 cannot even load a malformed literal ("abc"^^xsd:integer), and
    # in OWL one makes the graph inconsistent: say so and reason over the rest.
    malformed = [(s, p, o) for s, p, o in data if isinstance(o, Literal) and o.ill_typed]
    combined = combined - _triples(malformed) + _declarations_for_undeclared(ontology, data, notes)
    ignore_datatypes = len(data) > 0
    if ignore_datatypes:
        notes.append("literals of types outside the OWL 2 datatype map (xsd:date, xsd:time) were not interpreted")
    world = owlready2.World()
    try:
        with tempfile.NamedTemporaryFile(suffix=".nt") as handle:
            combined.serialize(handle.name, format="nt", encoding="utf-8")
            with open(handle.name, "rb") as triples:
                try:
                    world.get_ontology(iris.ONTOLOGY_IRI).load(fileobj=triples, format="ntriples")
                except owlready2.OwlReadyOntologyParsingError as error:
                    raise MrkgError(f"owlready2 could not load the ontology and graph: {error.__cause__ or error}") from None
            try:
                owlready2.sync_reasoner_hermit(world, debug=0, ignore_unsupported_datatypes=ignore_datatypes)
                consistent = True
            except owlready2.OwlReadyInconsistentOntologyError:
                consistent = False
            except owlready2.OwlReadyJavaError as error:
                raise MrkgError(f"HermiT could not run: {str(error).strip().splitlines()[-1]}") from None
            except FileNotFoundError:
                raise MrkgError("HermiT needs Java, which was not found (install a Java runtime)") from None
        unsatisfiable = sorted(
            c.iri for c in world.inconsistent_classes() if consistent and not c.iri.startswith(str(OWL))
        )
    finally:
        world.close()
    consistent = consistent and not malformed
    problems: list[str] = []
    if not consistent:
        problems = explain_inconsistency(ontology, data) or [
            "no simple cause was found (no disjoint types, functional property or malformed literal); "
            "look for a combination of axioms"
        ]
    problems += [explain_unsatisfiable(ontology, URIRef(iri)) for iri in unsatisfiable]
    return OntologyReport(
        consistent=consistent,
        unsatisfiable=unsatisfiable,
        problems=problems,
        notes=notes,
        triples=len(combined),
        seconds=time.perf_counter() - started,
    )


def explain_inconsistency(ontology: Graph, data: Graph) -> list[str]:
    """Causes of inconsistency found directly in the triples, in words (at most :data:`PROBLEM_LIMIT`)."""
    problems = list(_disjoint_types(ontology, data))
    problems += _too_many_values(ontology, data)
    problems += _malformed_literals(data)
    if len(problems) > PROBLEM_LIMIT:
        problems = problems[:PROBLEM_LIMIT] + [f"… and {len(problems) - PROBLEM_LIMIT} more"]
    return problems


def explain_unsatisfiable(ontology: Graph, cls: URIRef) -> str:
    ancestors = superclasses(ontology).get(cls, frozenset()) | {cls}
    for first, second in _disjoint_pairs(ontology):
        if first in ancestors and second in ancestors:
            return (
                f"{curie(cls)} can have no members: it falls under both {curie(first)} and {curie(second)}, "
                "which are declared disjoint"
            )
    return f"{curie(cls)} can have no members (HermiT found it unsatisfiable)"


def _disjoint_pairs(ontology: Graph) -> set[tuple[URIRef, URIRef]]:
    pairs: set[tuple[URIRef, URIRef]] = set()
    for a, b in ontology.subject_objects(OWL.disjointWith):
        if isinstance(a, URIRef) and isinstance(b, URIRef):
            pairs.add((a, b))
    for group in ontology.subjects(RDF.type, OWL.AllDisjointClasses):
        head = ontology.value(group, OWL.members)
        members = [m for m in Collection(ontology, head) if isinstance(m, URIRef)] if head is not None else []
        pairs.update((a, b) for i, a in enumerate(members) for b in members[i + 1 :])
    return pairs


def _disjoint_types(ontology: Graph, data: Graph) -> Iterable[str]:
    """Individuals that are, or must be, of two disjoint classes: the commonest inconsistency."""
    pairs = _disjoint_pairs(ontology)
    if not pairs:
        return
    parents = superclasses(ontology)
    domains = {p: d for p, d in ontology.subject_objects(RDFS.domain) if isinstance(d, URIRef)}
    ranges = {p: r for p, r in ontology.subject_objects(RDFS.range) if isinstance(r, URIRef)}
    reasons: dict[Node, dict[URIRef, str]] = defaultdict(dict)

    def note(node: Node, cls: URIRef, why: str) -> None:
        for each in {cls} | parents.get(cls, frozenset()):
            reasons[node].setdefault(each, why)

    for s, p, o in itertools.chain(ontology, data):
        if p == RDF.type and isinstance(o, URIRef):
            note(s, o, f"typed {curie(o)}")
        else:
            if p in domains:
                note(s, domains[p], f"it has a {curie(p)}")
            if p in ranges and not isinstance(o, Literal):
                note(o, ranges[p], f"it is the {curie(p)} of {_name(s)}")
    for node, classes in reasons.items():
        if (node, RDF.type, OWL.Class) in ontology:
            continue
        for first, second in sorted(pairs):
            if first in classes and second in classes:
                yield (
                    f"{_name(node)} is both a {curie(first)} ({classes[first]}) and a {curie(second)} "
                    f"({classes[second]}), which the ontology declares disjoint"
                )


def _too_many_values(ontology: Graph, data: Graph) -> list[str]:
    problems = []
    for prop in sorted(ontology.subjects(RDF.type, OWL.FunctionalProperty), key=str):
        if (prop, RDF.type, OWL.DatatypeProperty) not in ontology:
            continue  # two objects of a functional object property are merged, not contradictory
        values: dict[Node, set[Node]] = defaultdict(set)
        for s, o in data.subject_objects(prop):
            values[s].add(o)
        for subject, found in values.items():
            if len(found) > 1:
                shown = ", ".join(sorted(repr(str(v)) for v in found))
                problems.append(f"{_name(subject)} has {len(found)} values for {curie(prop)} ({shown}), which allows one")
    return problems


def _malformed_literals(data: Graph) -> list[str]:
    return [
        f"{_name(s)} {curie(p)} {str(o)!r} is not a valid {curie(o.datatype)}"
        for s, p, o in data
        if isinstance(o, Literal) and o.ill_typed and o.datatype is not None
    ]


def _declarations_for_undeclared(ontology: Graph, data: Graph, notes: list[str]) -> Graph:
    """Declare outside terms the data uses but the ontology does not, so HermiT reads the graph as OWL 2 DL.

    Undeclared properties become annotation properties (they carry no logic)
    and undeclared classes plain classes; the report lists them.
    """
    declared = set(ontology.subjects(RDF.type, None))
    declarations = Graph()
    properties = {p for p in data.predicates() if p not in declared and not str(p).startswith(_BUILT_IN)}
    classes = {
        c
        for c in data.objects(None, RDF.type)
        if isinstance(c, URIRef) and c not in declared and not str(c).startswith(_BUILT_IN)
    }
    for prop in properties:
        declarations.add((prop, RDF.type, OWL.AnnotationProperty))
    for cls in classes:
        declarations.add((cls, RDF.type, OWL.Class))
    if properties or classes:
        names = ", ".join(sorted(curie(term) for term in properties | classes))
        notes.append(f"terms used by the graph but not declared in the ontology were treated as annotations or plain classes: {names}")
    return declarations


def _sample(data: Graph, size: int) -> tuple[Graph, int, int]:
    """``size`` subjects chosen by a hash of their IRI, with their triples and the types of what they point to."""
    subjects = sorted(
        {s for s in data.subjects() if not isinstance(s, BNode)},
        key=lambda s: hashlib.sha1(str(s).encode("utf-8")).hexdigest(),
    )
    chosen = subjects[:size]
    sample = Graph()
    for subject in chosen:
        for p, o in data.predicate_objects(subject):
            sample.add((subject, p, o))
            if not isinstance(o, Literal):
                for cls in data.objects(o, RDF.type):
                    sample.add((o, RDF.type, cls))
    return sample, len(chosen), len(subjects)


def _triples(triples: Iterable[tuple[Node, Node, Node]]) -> Graph:
    graph = Graph()
    for triple in triples:
        graph.add(triple)
    return graph


def _name(node: Node) -> str:
    return f"<{node}>" if isinstance(node, URIRef) else str(node)
