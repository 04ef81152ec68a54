"""A quad pattern read by a query worker: the quads come back as the store holds them, blank nodes included."""
from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox

from graph.quad_pattern import pattern_header, read_quads
from graph.query_worker import QueryWorker, WorkerConfig

G = ox.NamedNode("urn:graph")
A, P, Q = ox.NamedNode("urn:a"), ox.NamedNode("urn:p"), ox.NamedNode("urn:q")


def store_with_a_blank_node(path: Path) -> ox.BlankNode:
    store = ox.Store(str(path))
    node = ox.BlankNode()
    store.extend([ox.Quad(A, P, node, G), ox.Quad(node, Q, ox.Literal("eleven", language="en"), G),
                  ox.Quad(node, Q, ox.Literal("11", datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer")), G),
                  ox.Quad(A, Q, ox.Literal("in the default graph"), ox.DefaultGraph())])
    store.flush()
    del store
    return node


def quads(worker: QueryWorker, store: Path, *pattern: object) -> list[ox.Quad]:
    header, body = worker.handle({"op": "quads", "store": str(store), **pattern_header(*pattern)}, b"")  # type: ignore[arg-type]
    assert header == {"status": 200}, header
    return read_quads(body)


def test_a_blank_node_read_back_can_be_followed(tmp_path: Path) -> None:
    node = store_with_a_blank_node(tmp_path / "store")
    worker = QueryWorker(WorkerConfig(describe_store=False))
    [link] = quads(worker, tmp_path / "store", A, P, None, None)
    assert link == ox.Quad(A, P, node, G)
    followed = quads(worker, tmp_path / "store", link.object, None, None, None)
    assert sorted(str(q.object) for q in followed) == ['"11"^^<http://www.w3.org/2001/XMLSchema#integer>',
                                                      '"eleven"@en']
    eleven = ox.Literal("eleven", language="en")
    assert quads(worker, tmp_path / "store", None, Q, eleven, G) == [ox.Quad(node, Q, eleven, G)]


def test_the_default_graph_is_a_graph_of_its_own(tmp_path: Path) -> None:
    store_with_a_blank_node(tmp_path / "store")
    worker = QueryWorker(WorkerConfig(describe_store=False))
    assert quads(worker, tmp_path / "store", A, None, None, ox.DefaultGraph()) == [
        ox.Quad(A, Q, ox.Literal("in the default graph"), ox.DefaultGraph())]
    assert len(quads(worker, tmp_path / "store", A, None, None, None)) == 2
