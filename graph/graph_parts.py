"""A named graph, or a part of one, written once to disk in the three forms a release publishes.

A build publishes graph by graph (issue 11, points 4 and 5): each source's graph, the
catalogue, the ontology, the actors and, family by family, the sessions (``graph.sessions_graph``).
Each such *part* is written when it is made, as its own gzip members: its N-Quads, its
Turtle (without the prefix lines, which the Turtle dump carries once) and its JSON-LD graph
object.  A part is named by the SHA-256 of its N-Quads, so the same quads are the same file,
whichever build made them; the store is loaded from the N-Quads members and the dumps are the
members put end to end (``graph.dumps``): gzip members concatenate into one valid file, so a
dump is written without reading its quads again, and a build that changed one source writes
one source's members.

Quads are sorted before they are written (subjects together, as the Turtle and JSON-LD
writers group them), so the same quads give the same bytes.
"""
from __future__ import annotations

import gzip
import hashlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, cast

import pyoxigraph as ox
from rdflib import BNode, Dataset, Graph, Literal, URIRef
from rdflib.term import Node

from graph.formats import written
from graph.disk import write_atomically
from graph.vocab import PREFIX_MAP

FORMATS = ("nq", "ttl", "jsonld")
COMPRESS_LEVEL = 6  # a fixed level: the same quads give the same bytes (issue 10 item 10)
TURTLE_HEADER = "".join(f"@prefix {name}: <{namespace}> .\n" for name, namespace in PREFIX_MAP.items()).encode()


@dataclass(frozen=True)
class Part:
    """Quads of one named graph, as stored under ``digest``; ``name`` says which part of the dataset it is."""

    graph: str
    name: str  # "source/001_572bfb9b02552e02", "sessions/cmw/35", "actors", "catalogue", "ontology"
    digest: str  # SHA-256 of its N-Quads as written
    quads: int

    def as_record(self) -> dict[str, object]:
        return {"graph": self.graph, "name": self.name, "digest": self.digest, "quads": self.quads}

    @classmethod
    def from_record(cls, record: dict[str, object]) -> "Part":
        return cls(str(record["graph"]), str(record["name"]), str(record["digest"]), int(record["quads"]))  # type: ignore[call-overload]


def to_oxigraph(node: Node) -> ox.NamedNode | ox.BlankNode | ox.Literal:
    if isinstance(node, URIRef):
        return ox.NamedNode(str(node))
    if isinstance(node, BNode):
        return ox.BlankNode(str(node))
    if isinstance(node, Literal):
        if node.language:
            return ox.Literal(str(node), language=node.language)
        if node.datatype is not None:
            return ox.Literal(str(node), datatype=ox.NamedNode(str(node.datatype)))
        return ox.Literal(str(node))
    raise TypeError(f"not an RDF term: {node!r}")


def oxigraph_quads(graph: str, triples: Iterable[tuple[Node, Node, Node]]) -> list[ox.Quad]:
    name = ox.NamedNode(graph)
    return [ox.Quad(to_oxigraph(s), to_oxigraph(p), to_oxigraph(o), name) for s, p, o in triples]  # type: ignore[arg-type]


class PartFiles:
    """The folder of parts (``var/build/parts``): written once, read by every build that has the same quads."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.created: list[Path] = []  # by this build: removed again if the disk fills up

    def path(self, digest: str, form: str) -> Path:
        return self.folder / digest[:2] / f"{digest}.{form}.gz"

    def has(self, part: Part) -> bool:
        return all(self.path(part.digest, form).is_file() for form in FORMATS)

    def write(self, graph: str, name: str, triples: Iterable[tuple[Node, Node, Node]],
              overwrite: bool = False) -> Part | None:
        """The triples (rdflib's terms) as the part ``name`` of ``graph``; None when there are none."""
        return self.write_quads(graph, name, oxigraph_quads(graph, triples), overwrite)

    def write_quads(self, graph: str, name: str, given: Iterable[ox.Quad], overwrite: bool = False) -> Part | None:
        """The quads as the part ``name`` of ``graph`` ("" for the default graph); None when there are none."""
        quads = sorted(set(given), key=str)
        if not quads:
            return None
        nquads = written(ox.serialize(quads, format=ox.RdfFormat.N_QUADS))
        part = Part(graph, name, hashlib.sha256(nquads).hexdigest(), len(quads))
        if self.has(part) and not overwrite:
            return part
        turtle = _without_prefixes(written(ox.serialize([q.triple for q in quads], format=ox.RdfFormat.TURTLE,
                                                        prefixes=PREFIX_MAP)))
        jsonld = written(ox.serialize(quads, format=ox.RdfFormat.JSON_LD))
        if not (jsonld.startswith(b"[") and jsonld.endswith(b"]")):
            raise RuntimeError("the JSON-LD writer no longer writes one array of graph objects")
        for form, payload in (("nq", nquads), ("ttl", turtle), ("jsonld", jsonld[1:-1])):
            self._write(self.path(part.digest, form), payload)
        return part

    def quads(self, part: Part) -> Iterator[ox.Quad]:
        """The part's quads, read from its N-Quads member as they are parsed."""
        with gzip.open(self.path(part.digest, "nq"), "rb") as packed:
            yield from ox.parse(cast(IO[bytes], packed), format=ox.RdfFormat.N_QUADS)  # a GzipFile reads as one

    def graph(self, part: Part) -> Graph:
        """The part as an rdflib graph (to validate it again)."""
        dataset = Dataset()
        with gzip.open(self.path(part.digest, "nq"), "rb") as packed:
            dataset.parse(cast(IO[bytes], packed), format="nquads")
        graph = Graph(identifier=URIRef(part.graph))
        for triple in dataset.graph(URIRef(part.graph)):
            graph.add(triple)
        return graph

    def _write(self, path: Path, payload: bytes) -> None:
        if write_atomically(path, member(payload)):
            self.created.append(path)


def _without_prefixes(turtle: bytes) -> bytes:
    """The Turtle after its ``@prefix`` lines (the writer puts one per prefix given, first, in an order of
    its own); the Turtle dump declares them once, in ours (``TURTLE_HEADER``)."""
    lines = turtle.split(b"\n", len(PREFIX_MAP))
    declared = lines[: len(PREFIX_MAP)]
    if sorted(declared) != sorted(TURTLE_HEADER.splitlines()):
        raise RuntimeError("the Turtle writer no longer starts with the prefixes it was given")
    return lines[len(PREFIX_MAP)] if len(lines) > len(PREFIX_MAP) else b""


def member(payload: bytes) -> bytes:
    """A gzip member of its own (the dumps' separators: "[", ",", "]")."""
    return gzip.compress(payload, compresslevel=COMPRESS_LEVEL, mtime=0)
