"""Check the built graph against the SHACL shapes, and say where each problem came from.

A result names its focus node, path, value, message and severity, and is
traced back to the source: the file, the line and the quoted passage
(``nif:anchorOf``) of the node itself, of the passage that is the result's
value, or of the first statement that refers to the node.  The build raises
``graph.errors.ValidationFailed(report.text(), len(report.violations))``
when the report does not conform; warnings are reported and do not fail it.

Speed: pyshacl evaluates a SPARQL constraint once per focus node and hands
rdflib the query *text* each time, which rdflib re-parses (about 30 ms per
parse); advanced mode also copies the whole data graph first.  On a 50k
triple graph that made validation take over three minutes.  So the data is
wrapped in :class:`_PreparedQueries`, which parses each distinct query once,
and validated in place (the shapes hold no rules, so nothing is written to
it): about eight seconds for the same graph.
"""
from __future__ import annotations

import functools
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from pyshacl.errors import ReportableRuntimeError
from pyshacl.graph_abstraction import DataGraph
from pyshacl.monkey import apply_patches
from pyshacl.shape import Shape
from pyshacl.validator import Validator, assign_baked_in
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.exceptions import ParserError
from rdflib.namespace import PROV, RDF, SH
from rdflib.plugins.sparql import prepareQuery
from rdflib.plugins.sparql.sparql import Query
from rdflib.query import Result
from rdflib.term import Node

from graph.errors import MrkgError
from graph.vocab import CITO, NIF, curie

SHAPES_NAMESPACE = "https://w3id.org/mrkg/shapes#"
QUOTE_LIMIT = 240


@dataclass(frozen=True)
class ValidationResult:
    """One SHACL result, with where in the sources it came from (when known)."""

    severity: str  # "Violation", "Warning" or "Info"
    focus_node: str
    message: str
    path: str | None = None
    value: str | None = None
    shape: str | None = None
    source_file: str | None = None
    line: int | None = None
    passage: str | None = None

    def text(self) -> str:
        lines = [f"{self.severity} — {self.shape or 'shape'}", f"  focus:   {self.focus_node}"]
        if self.path:
            lines.append(f"  path:    {self.path}")
        if self.value is not None:
            lines.append(f"  value:   {_clip(self.value)}")
        lines.append(f"  message: {self.message}")
        if self.source_file:
            where = f"{self.source_file}, line {self.line}" if self.line else self.source_file
            lines.append(f"  source:  {where}")
        if self.passage is not None:
            lines.append(f"  passage: “{_clip(self.passage)}”")
        return "\n".join(lines)


@dataclass
class ValidationReport:
    results: list[ValidationResult] = field(default_factory=list)
    triples: int = 0
    seconds: float = 0.0

    @property
    def violations(self) -> list[ValidationResult]:
        return [r for r in self.results if r.severity == "Violation"]

    @property
    def warnings(self) -> list[ValidationResult]:
        return [r for r in self.results if r.severity != "Violation"]

    @property
    def conforms(self) -> bool:
        """True when nothing is a violation (warnings do not stop a build)."""
        return not self.violations

    def text(self, limit: int = 50) -> str:
        """The report for a person: a summary line, then violations first, at most ``limit`` results."""
        summary = (
            f"SHACL validation: {_count(len(self.violations), 'violation')}, "
            f"{_count(len(self.warnings), 'warning')}"
            + (f" ({self.triples:,} triples checked in {self.seconds:.1f} s)" if self.triples else "")
        )
        ordered = self.violations + self.warnings
        blocks = [summary] + [result.text() for result in ordered[:limit]]
        if len(ordered) > limit:
            blocks.append(f"… and {len(ordered) - limit} more.")
        return "\n\n".join(blocks)


def load_shapes(shapes_dir: Path) -> Graph:
    """All ``*.ttl`` files of the shapes folder as one graph; a bad file is named with its line."""
    files = sorted(Path(shapes_dir).glob("*.ttl"))
    if not files:
        raise MrkgError(f"{shapes_dir}: no SHACL shapes (*.ttl) found")
    shapes = Graph()
    for path in files:
        try:
            shapes.parse(path, format="turtle")
        except (SyntaxError, ParserError) as error:
            raise MrkgError(f"{path}: not valid Turtle: {error}") from None
    return shapes


@dataclass
class Shapes:
    """The shapes, read once per build: a build checks thousands of graphs against them."""

    graph: Graph
    directory: Path

    @classmethod
    def load(cls, shapes_dir: Path) -> "Shapes":
        return cls(load_shapes(shapes_dir), Path(shapes_dir))

    def inverse_paths(self) -> frozenset[URIRef]:
        """The properties the shapes follow backwards (``sh:inversePath``): a node's check then reads the
        subjects that point to it, which may sit in other graphs (``graph.validation_context``)."""
        return frozenset(p for p in self.graph.objects(None, SH.inversePath) if isinstance(p, URIRef))


def validate(data: Graph, shapes_dir: Path) -> ValidationReport:
    """Validate ``data`` (the union of all graphs, with entailed types) against every shape in ``shapes_dir``.

    ``data`` must carry the ontology's hierarchy, as the build's graph does
    after :func:`graph.entailment.materialise` (or by including the
    ontology's ``rdfs:subClassOf`` triples), so that ``sh:class mrkg:Provision``
    accepts an ``mrkg:Article``.  A :class:`rdflib.Dataset` is validated as the
    union of its graphs.
    """
    return check(data, Shapes.load(shapes_dir))


def check(data: Graph, shapes: Shapes, focus: Iterable[URIRef] | None = None) -> ValidationReport:
    """Validate the nodes ``focus`` of ``data`` (every node the shapes target, when None).

    A build checks each graph with the few triples it needs from elsewhere (the classes of what it
    points to, ``graph.validation_context``): those nodes are in ``data`` but are checked where they
    are described, once, not again with every graph that points to them (issue 11, point 5).
    """
    chosen = None if focus is None else frozenset(focus)
    if chosen is not None and not chosen:
        return ValidationReport([], len(data), 0.0)
    target = _PreparedQueries(data)
    started = time.perf_counter()
    try:
        results_graph = _run(target, shapes.graph, chosen)
    except ReportableRuntimeError as error:
        raise MrkgError(f"{shapes.directory}: the shapes cannot be applied: {error.message}") from None
    seconds = time.perf_counter() - started
    results = [_result(results_graph, node, target, shapes.graph) for node in _result_nodes(results_graph)]
    results.sort(key=lambda r: (r.severity != "Violation", r.source_file or "~", r.line or 0, r.focus_node))
    return ValidationReport(results, len(target), seconds)


FOCUS = "mrkg_focus"  # the attribute of a shapes graph that holds the focus of a check


class _FocusValidator(Validator):
    """pyshacl's validator, with the nodes a shape targets cut down to ``focus``.

    pyshacl's own ``focus_nodes`` option filters every evaluation of a shape, also those nested
    in ``sh:not``, ``sh:or`` or ``sh:qualifiedValueShape``, whose focus is the value checked: a
    value outside the list then "conforms" to anything, and ``sh:not [ sh:class mrkg:Meeting ]``
    fails on every session.  Here only the targets are cut, where each shape finds them.
    """

    def __init__(self, data: DataGraph, shapes: Graph, options: dict[str, Any], focus: frozenset[URIRef] | None):
        super().__init__(data, shacl_graph=shapes, options=options)
        if focus is not None:
            setattr(self.shacl_graph, FOCUS, focus)  # read by _TargetedShape
            for shape in self.shacl_graph.shapes:
                shape.__class__ = _TargetedShape


class _TargetedShape(Shape):
    """A shape whose targets are those of its declarations that are among the focus nodes of the check."""

    __slots__ = ()

    def focus_nodes(self, data_graph: Any, debug: bool = False) -> set[Node]:
        found: set[Node] = super().focus_nodes(data_graph, debug=debug)
        focus: frozenset[Node] = getattr(self.sg, FOCUS)
        return found & focus


def _run(data: Graph, shapes: Graph, focus: frozenset[URIRef] | None) -> Graph:
    """Validate in place (the shapes hold no rules, so nothing is written to ``data``)."""
    apply_patches()
    assign_baked_in()
    options = {"inference": "none", "advanced": True, "inplace": True, "allow_warnings": True}
    _, results_graph, _ = _FocusValidator(DataGraph.from_rdflib(data), shapes, options, focus).run()
    assert isinstance(results_graph, Graph)
    return results_graph


class _PreparedQueries(Graph):
    """A view of the data (no copy) that parses each distinct SPARQL text once.

    Shares the caller's store.  A :class:`rdflib.Dataset` is first merged into
    one graph, because shapes follow links across named graphs (a statement
    in a source's graph cites a provision in the catalogue's).
    """

    def __init__(self, data: Graph) -> None:
        if _is_multigraph(data):
            union = Graph()
            union.addN((s, p, o, union) for s, p, o, _ in data.quads((None, None, None, None)))  # type: ignore[attr-defined]
            data = union
        super().__init__(store=data.store, identifier=data.identifier, namespace_manager=data.namespace_manager)

    def query(self, query_object: Any, *args: Any, **kwargs: Any) -> Result:
        if isinstance(query_object, str):
            query_object = _prepared(query_object)
        return super().query(query_object, *args, **kwargs)


@functools.lru_cache(maxsize=256)
def _prepared(text: str) -> Query:
    """A parsed query, kept: the same constraint texts come back for every focus node and every run."""
    return prepareQuery(text)


def _is_multigraph(data: Graph) -> bool:
    return bool(getattr(data, "context_aware", False))


def _result_nodes(results_graph: Graph) -> Iterator[Node]:
    return iter(sorted(results_graph.subjects(RDF.type, SH.ValidationResult), key=str))


def _result(results: Graph, node: Node, data: Graph, shapes: Graph) -> ValidationResult:
    focus = results.value(node, SH.focusNode)
    value = results.value(node, SH.value)
    path = results.value(node, SH.resultPath)
    severity = results.value(node, SH.resultSeverity)
    messages = [str(m) for m in results.objects(node, SH.resultMessage)]
    where = _locate(data, focus, value)
    return ValidationResult(
        severity=str(severity).rsplit("#", 1)[-1] if severity else "Violation",
        focus_node=str(focus),
        message=messages[0] if messages else "(no message)",
        path=_render_path(results, path) if path is not None else None,
        value=(str(value) if isinstance(value, Literal) else _name(value)) if value is not None else None,
        shape=_shape_name(results.value(node, SH.sourceShape), shapes),
        **where,
    )


def located(result: ValidationResult, data: Graph) -> ValidationResult:
    """``result``, found again in ``data``: a node of the shared graphs is checked where it is described,
    but the passage that names it is in a document's own graph."""
    where = {k: v for k, v in _locate(data, URIRef(result.focus_node), None).items() if v is not None}
    return replace(result, **where) if where.get("passage") is not None else result


def _locate(data: Graph, focus: Node | None, value: Node | None) -> dict[str, Any]:
    """The source file, line and passage that a focus node (or offending value) came from."""
    passage = next(_passages(data, focus, value), None)
    if passage is not None:
        context = data.value(passage, NIF.referenceContext)
        begin = data.value(passage, NIF.beginIndex)
        anchor = data.value(passage, NIF.anchorOf)
        text = data.value(context, NIF.isString) if context is not None else None
        line = None
        if isinstance(text, Literal) and isinstance(begin, Literal) and isinstance(begin.value, int):
            line = str(text).count("\n", 0, max(0, begin.value)) + 1
        return {
            "source_file": _file_name(data, context) or _file_name(data, passage),
            "line": line,
            "passage": str(anchor) if anchor is not None else None,
        }
    return {"source_file": _file_name(data, focus)}


def _passages(data: Graph, focus: Node | None, value: Node | None) -> Iterator[Node]:
    """Candidates in order: the value, the node, its citing statement, then passages pointing at it.

    A session or an actor holds no passage of its own: it is found where a document names
    it (a ``mrkg:Mention``) or where a statement points to it.
    """
    for node in (value, focus):
        if node is not None and not isinstance(node, Literal) and (node, NIF.anchorOf, None) in data:
            yield node
    if focus is None or isinstance(focus, Literal):
        return
    citing = data.value(focus, CITO.hasCitingEntity)
    if citing is not None and (citing, NIF.anchorOf, None) in data:
        yield citing
    referring = [s for s, _ in data.subject_predicates(focus) if (s, NIF.anchorOf, None) in data]
    referring.sort(key=lambda s: (str(data.value(s, NIF.referenceContext)), _begin(data, s)))
    yield from referring


def _begin(data: Graph, node: Node) -> int:
    begin = data.value(node, NIF.beginIndex)
    return begin.value if isinstance(begin, Literal) and isinstance(begin.value, int) else 0


def _file_name(data: Graph, node: Node | None) -> str | None:
    if node is None or isinstance(node, Literal):
        return None
    source = data.value(node, PROV.wasDerivedFrom)
    return str(source).rstrip("/").rsplit("/", 1)[-1] if isinstance(source, URIRef) else None


def _render_path(graph: Graph, path: Node) -> str:
    """A SHACL path in SPARQL property-path syntax: ``^mrkg:agendaItem``, ``(a|b)``."""
    if isinstance(path, URIRef):
        return _name(path)
    inverse = graph.value(path, SH.inversePath)
    if inverse is not None:
        return "^" + _render_path(graph, inverse)
    alternatives = graph.value(path, SH.alternativePath)
    if alternatives is not None:
        return "(" + "|".join(_render_path(graph, p) for p in Collection(graph, alternatives)) + ")"
    for modifier, mark in ((SH.zeroOrMorePath, "*"), (SH.oneOrMorePath, "+"), (SH.zeroOrOnePath, "?")):
        inner = graph.value(path, modifier)
        if inner is not None:
            return _render_path(graph, inner) + mark
    if (path, RDF.first, None) in graph:
        return "/".join(_render_path(graph, p) for p in Collection(graph, path))
    return str(path)


def _name(node: Node) -> str:
    """A compact name for an IRI (``mrkg:text``, ``mrkgsh:StatementShape``); other terms as they are."""
    return curie(node, {"mrkgsh": SHAPES_NAMESPACE}) if isinstance(node, URIRef) else str(node)


def _shape_name(shape: Node | None, shapes: Graph) -> str | None:
    """The named node shape a (possibly anonymous) property shape belongs to."""
    seen: set[Node] = set()
    while isinstance(shape, BNode) and shape not in seen:
        seen.add(shape)
        owner = next(shapes.subjects(SH.property, shape), None) or next(shapes.subjects(SH["not"], shape), None)
        if owner is None:
            break
        shape = owner
    return _name(shape) if shape is not None and not isinstance(shape, BNode) else None


def _clip(text: str) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= QUOTE_LIMIT else flat[: QUOTE_LIMIT - 1] + "…"


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}{'' if n == 1 else 's'}"
