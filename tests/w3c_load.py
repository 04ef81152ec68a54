"""The W3C harness's ``--load-cmd``: replace a service's whole dataset with a test's N-Quads file.

    python tests/w3c_load.py virtuoso FILE          with the MRKG_VIRTUOSO_* variables set: everything but
                                                    Virtuoso's own graphs is deleted, then the file is loaded
                                                    the way ``mrkg build`` loads a release
    python tests/w3c_load.py update URL TOKEN FILE  a scratch mrkg service: DROP ALL, then INSERT DATA

Both runs of the harness then select the same tests (query evaluation only: no update URL
is given), so that their counts compare.
"""
from __future__ import annotations

import sys
from pathlib import Path

import httpx
import pyoxigraph as ox

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from graph.settings import Settings  # noqa: E402
from graph.virtuoso_load import SYSTEM_GRAPHS, isql, load_store_into_virtuoso  # noqa: E402


def into_virtuoso(path: str) -> None:
    settings = Settings.from_env()
    keep = " AND ".join(f"G <> iri_to_id ('{graph}')" for graph in SYSTEM_GRAPHS)
    isql(settings, f"DELETE FROM DB.DBA.RDF_QUAD WHERE {keep};\n")
    store = ox.Store()
    store.load(path=path, format=ox.RdfFormat.N_QUADS)
    if len(store):
        load_store_into_virtuoso(store, settings)


def by_update(url: str, token: str, path: str) -> None:
    quads = Path(path).read_text(encoding="utf-8")
    update = f"DROP ALL ; INSERT DATA {{ {quads_as_update(quads)} }}" if quads.strip() else "DROP ALL"
    answer = httpx.post(url, data={"update": update}, headers={"Authorization": f"Bearer {token}"}, timeout=60)
    if answer.status_code // 100 != 2:
        sys.exit(f"the update was refused with {answer.status_code}: {answer.text[:300]}")


def quads_as_update(text: str) -> str:
    """N-Quads as the body of INSERT DATA: each graph's triples inside GRAPH, the default graph's outside."""
    store = ox.Store()
    store.load(text.encode("utf-8"), format=ox.RdfFormat.N_QUADS)
    parts = []
    for quad in store:
        triple = f"{quad.subject} {quad.predicate} {quad.object} ."
        parts.append(triple if isinstance(quad.graph_name, ox.DefaultGraph) else f"GRAPH {quad.graph_name} {{ {triple} }}")
    return "\n".join(parts)


if __name__ == "__main__":
    if sys.argv[1] == "virtuoso":
        into_virtuoso(sys.argv[2])
    else:
        by_update(sys.argv[2], sys.argv[3], sys.argv[4])
