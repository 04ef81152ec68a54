"""The W3C harness's ``--load-cmd`` for Virtuoso: replace the whole dataset with an N-Quads file.

Run as ``python tests/w3c_virtuoso_load.py FILE`` with the MRKG_VIRTUOSO_* variables set (the
test that runs the harness sets them).  Everything but Virtuoso's own graphs is deleted first,
then the file's graphs are loaded the way ``mrkg build`` loads a release.
"""
from __future__ import annotations

import sys
from pathlib import Path

import pyoxigraph as ox

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from graph.settings import Settings  # noqa: E402
from graph.virtuoso_load import SYSTEM_GRAPHS, isql, load_store_into_virtuoso  # noqa: E402


def main(path: str) -> None:
    settings = Settings.from_env()
    keep = " AND ".join(f"G <> iri_to_id ('{graph}')" for graph in SYSTEM_GRAPHS)
    isql(settings, f"DELETE FROM DB.DBA.RDF_QUAD WHERE {keep};\n")
    store = ox.Store()
    store.load(path=path, format=ox.RdfFormat.N_QUADS)
    if len(store):
        load_store_into_virtuoso(store, settings)


if __name__ == "__main__":
    main(sys.argv[1])
