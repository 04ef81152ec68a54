"""Every named graph of the seed build, compared with a recorded snapshot by graph isomorphism.

The parser snapshots (``tests/parse/test_snapshots.py``) see what a reader reads;
this sees what the build publishes: a change to the RDF writers, the entailment,
the catalogue or the cross-document resolution that moves one triple of one
graph fails here and shows the triples gained and lost (issue 12, point 5).
Snapshots are Turtle of the canonical form of each graph (blank nodes labelled
by their content), so that a deliberate change shows in review as a readable
diff of ``tests/fixtures/graph_snapshots/``: record one by running the tests
with ``MRKG_UPDATE_SNAPSHOTS=1``.
"""
from __future__ import annotations

import os
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import Graph
from rdflib.compare import graph_diff, isomorphic, to_canonical_graph

from graph import iris
from graph.vocab import PREFIX_MAP

SNAPSHOTS = Path(__file__).resolve().parents[1] / "fixtures" / "graph_snapshots"
UPDATE = os.environ.get("MRKG_UPDATE_SNAPSHOTS") == "1"
SHOWN = 15  # triples shown of each side of a difference
GRAPHS_PREFIX = iris.ID + "graph/"


def _published_graphs(var: Path) -> dict[str, Graph]:
    """Each named graph of the published store, by its name under ``…/id/graph/``."""
    store = ox.Store.read_only(str(var / "current" / "store"))
    published: dict[str, Graph] = {}
    for name in store.named_graphs():
        assert isinstance(name, ox.NamedNode) and name.value.startswith(GRAPHS_PREFIX), f"unexpected graph {name}"
        body = store.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=name)
        published[name.value.removeprefix(GRAPHS_PREFIX)] = Graph().parse(data=body, format="nt")
    return published


def _snapshot_path(name: str) -> Path:
    return SNAPSHOTS / f"{name}.ttl"


def _recorded() -> set[str]:
    return {path.relative_to(SNAPSHOTS).with_suffix("").as_posix() for path in SNAPSHOTS.rglob("*.ttl")}


def _write(name: str, graph: Graph) -> None:
    path = _snapshot_path(name)
    path.parent.mkdir(parents=True, exist_ok=True)
    canonical = Graph(bind_namespaces="none")
    for prefix, namespace in PREFIX_MAP.items():
        canonical.bind(prefix, namespace)
    for triple in to_canonical_graph(graph):
        canonical.add(triple)
    path.write_text(canonical.serialize(format="turtle"), encoding="utf-8")


def _differences(published: Graph, recorded: Graph) -> str:
    """The triples only one side has, a few of each, in N-Triples."""
    _, gained, lost = graph_diff(published, recorded)

    def shown(side: Graph, sign: str) -> list[str]:
        lines = sorted(line for line in side.serialize(format="nt").splitlines() if line.strip())
        more = [f"  … and {len(lines) - SHOWN} more"] if len(lines) > SHOWN else []
        return [f"{sign} {line}" for line in lines[:SHOWN]] + more

    return "\n".join([f"published has {len(gained)} triples the snapshot lacks, "
                      f"lacks {len(lost)} it has:"] + shown(gained, "+") + shown(lost, "-"))


@pytest.fixture(scope="module")
def published(published_var: Path) -> dict[str, Graph]:
    graphs = _published_graphs(published_var)
    if UPDATE:
        for stale in _recorded() - set(graphs):
            _snapshot_path(stale).unlink()
        for name, graph in graphs.items():
            _write(name, graph)
    return graphs


def test_the_build_publishes_the_recorded_graphs(published: dict[str, Graph]) -> None:
    """A graph gained or lost (a source added, a graph renamed) is a change to review too."""
    assert set(published) == _recorded(), (
        f"graphs published but not recorded: {sorted(set(published) - _recorded())}; "
        f"recorded but not published: {sorted(_recorded() - set(published))} "
        "(MRKG_UPDATE_SNAPSHOTS=1 records them)")


@pytest.mark.parametrize("name", sorted(_recorded()))
def test_each_graph_is_isomorphic_to_its_snapshot(published: dict[str, Graph], name: str) -> None:
    assert name in published, f"graph {GRAPHS_PREFIX}{name} is recorded but not published"
    recorded = Graph().parse(_snapshot_path(name), format="turtle")
    graph = published[name]
    assert len(graph) > 0, f"graph {name} is empty"
    assert isomorphic(graph, recorded), (
        f"graph {GRAPHS_PREFIX}{name} differs from {_snapshot_path(name).name}; if the change is meant, "
        f"record it with MRKG_UPDATE_SNAPSHOTS=1 and review the diff\n{_differences(graph, recorded)}")
