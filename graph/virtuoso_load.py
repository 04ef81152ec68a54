"""Load a build into Virtuoso through its SQL port (``isql-vt``), each named graph replaced atomically.

Issue 15, point 1: the fastest correct route for the build's size.

- **Small builds** (fewer quads than ``MRKG_VIRTUOSO_BULK_QUADS``, or no
  ``MRKG_VIRTUOSO_LOAD_DIR``): one SQL call per graph, ``MRKG_REPLACE``, deletes
  the graph's quads and parses its N-Triples with Virtuoso's own parser
  (``DB.DBA.TTLP``) in one transaction, so a reader sees the old graph until
  the commit and the new one after.  The text travels base64-encoded inside
  the call: no literal can break its quoting, and the server needs no access
  to this machine's files.
- **Large builds**: Virtuoso's bulk loader (``ld_add`` + ``rdf_loader_run()``)
  reads N-Triples files from ``MRKG_VIRTUOSO_LOAD_DIR`` (a folder the server
  may read: its ``DirsAllowed``) into staging graphs, with no transaction log.
  Virtuoso cannot rename a graph, and its default graph is the union of every
  graph its anonymous user may read, so the staging graphs are put in its
  private graph group first (invisible to ``/sparql``); then one call,
  ``MRKG_SWAP``, deletes the old graphs and relabels the staging quads with
  the real names (``UPDATE DB.DBA.RDF_QUAD SET G``) in a single transaction.

``prepare`` also hides Virtuoso's own system graphs (its ``virtrdf#`` schema
and the like) from the anonymous user, so that the union default graph holds
the release and nothing else, as the embedded store's does.
"""
from __future__ import annotations

import base64
import itertools
import secrets
import shutil
import subprocess
import tempfile
from collections import defaultdict
from collections.abc import Iterable, Iterator
from pathlib import Path

import pyoxigraph as ox

from graph.errors import StoreError
from graph.formats import written
from graph.graph_parts import Part, PartFiles
from graph.settings import Settings

ISQL = "isql-vt"
PRIVATE_GROUP = "http://www.openlinksw.com/schemas/virtrdf#PrivateGraphs"
# Graphs a fresh Virtuoso holds for itself; in the union default graph they would be answers to ?s ?p ?o.
SYSTEM_GRAPHS = ("http://www.openlinksw.com/schemas/virtrdf#", "http://www.w3.org/ns/ldp#",
                 "http://localuriqaserver/sparql")
SECONDS_PER_CALL = 3600

PREPARE = f"""
DB.DBA.RDF_GRAPH_GROUP_CREATE ('{PRIVATE_GROUP}', 1);
{"".join(f"DB.DBA.RDF_GRAPH_GROUP_INS ('{PRIVATE_GROUP}', '{g}');{chr(10)}" for g in SYSTEM_GRAPHS)}
DB.DBA.RDF_DEFAULT_USER_PERMS_SET ('nobody', 1);
DB.DBA.RDF_DEFAULT_USER_PERMS_SET ('nobody', 0, 1);
CREATE PROCEDURE DB.DBA.MRKG_REPLACE (in target varchar, in body varchar)
{{
  DELETE FROM DB.DBA.RDF_QUAD WHERE G = iri_to_id (target);
  DB.DBA.TTLP (body, '', target, 0);
}};
CREATE PROCEDURE DB.DBA.MRKG_SWAP (in pairs any)
{{
  declare i integer;
  for (i := 0; i < length (pairs); i := i + 2)
    {{
      DELETE FROM DB.DBA.RDF_QUAD WHERE G = iri_to_id (pairs[i]);
      UPDATE DB.DBA.RDF_QUAD TABLE OPTION (index RDF_QUAD_GS) SET G = iri_to_id (pairs[i])
        WHERE G = iri_to_id (pairs[i + 1], 0);
    }}
  commit work;
  for (i := 0; i < length (pairs); i := i + 2)
    DB.DBA.RDF_GRAPH_GROUP_DEL ('{PRIVATE_GROUP}', pairs[i + 1]);
}};
"""


def isql(settings: Settings, script: str) -> str:
    """Run ``script`` on Virtuoso's SQL port; its first error is raised with the statement it came from."""
    if shutil.which(ISQL) is None:
        raise StoreError(f"{ISQL} (Debian package virtuoso-opensource-7-bin) is needed to load Virtuoso")
    with tempfile.NamedTemporaryFile("w", suffix=".sql", encoding="utf-8") as file:
        file.write(script)
        file.flush()
        try:
            done = subprocess.run([ISQL, settings.virtuoso_isql, settings.virtuoso_user, settings.virtuoso_password,
                                   file.name], capture_output=True, text=True, timeout=SECONDS_PER_CALL)
        except subprocess.TimeoutExpired:
            raise StoreError(f"Virtuoso at {settings.virtuoso_isql} did not finish loading within "
                             f"{SECONDS_PER_CALL} s") from None
    output = done.stdout + done.stderr
    for line in output.splitlines():
        if "*** Error" in line or "Connect failed" in line:
            raise StoreError(f"Virtuoso at {settings.virtuoso_isql} refused the load: {line.strip()[:300]}")
    if done.returncode != 0:
        raise StoreError(f"{ISQL} {settings.virtuoso_isql} failed ({done.returncode}): {output.strip()[-300:]}")
    return output


def load_parts_into_virtuoso(parts: list[Part], files: PartFiles, settings: Settings) -> tuple[int, str]:
    """Replace every named graph of a build's parts in Virtuoso; (graphs replaced, the route taken)."""
    by_graph: dict[str, list[Part]] = defaultdict(list)
    for part in parts:
        by_graph[part.graph].append(part)

    def graphs() -> Iterator[tuple[str, Iterable[ox.Quad]]]:
        for name, held in sorted(by_graph.items()):
            yield name, itertools.chain.from_iterable(files.quads(part) for part in held)

    return load_graphs(graphs(), settings, sum(part.quads for part in parts))


def load_store_into_virtuoso(store: ox.Store, settings: Settings) -> tuple[int, str]:
    """Replace every named graph of ``store`` in Virtuoso (benchmarks and tests load a store they made)."""
    names = sorted({q.graph_name.value for q in store if isinstance(q.graph_name, ox.NamedNode)})
    graphs = ((name, store.quads_for_pattern(None, None, None, ox.NamedNode(name))) for name in names)
    return load_graphs(graphs, settings, len(store))


def load_graphs(graphs: Iterable[tuple[str, Iterable[ox.Quad]]], settings: Settings,
                quads: int) -> tuple[int, str]:
    """The route by size: the bulk loader when a shared folder is set and the build is large, else SQL calls."""
    isql(settings, PREPARE)
    if settings.virtuoso_load_dir and quads >= settings.virtuoso_bulk_quads:
        return _bulk(graphs, settings), "bulk loader"
    return _calls(graphs, settings), "one transaction per graph"


def _ntriples(quads: Iterable[ox.Quad]) -> bytes:
    return written(ox.serialize((ox.Triple(q.subject, q.predicate, q.object) for q in quads),
                                format=ox.RdfFormat.N_TRIPLES))


def _sql_text(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"


def _calls(graphs: Iterable[tuple[str, Iterable[ox.Quad]]], settings: Settings) -> int:
    sent = 0
    for name, quads in graphs:  # one graph's text in memory at a time
        encoded = base64.b64encode(_ntriples(quads)).decode("ascii")
        isql(settings, f"DB.DBA.MRKG_REPLACE ({_sql_text(name)}, cast (decode_base64 ('{encoded}') as varchar));\n")
        sent += 1
    return sent


def _bulk(graphs: Iterable[tuple[str, Iterable[ox.Quad]]], settings: Settings) -> int:
    folder = Path(settings.virtuoso_load_dir) / f"mrkg-{secrets.token_hex(6)}"
    folder.mkdir(parents=True)
    token = folder.name
    pairs: list[tuple[str, str]] = []
    try:
        adds = []
        for number, (name, quads) in enumerate(graphs):
            staging = f"urn:mrkg:staging:{token}:{number}"
            path = folder / f"{number}.nt"
            path.write_bytes(_ntriples(quads))
            pairs.append((name, staging))
            adds.append(f"DB.DBA.RDF_GRAPH_GROUP_INS ('{PRIVATE_GROUP}', {_sql_text(staging)});\n"
                        f"ld_add ({_sql_text(str(path.resolve()))}, {_sql_text(staging)});\n")
        isql(settings, "".join(adds) + "rdf_loader_run ();\n")
        failed = isql(settings, f"SELECT ll_file, ll_error FROM DB.DBA.LOAD_LIST WHERE ll_file LIKE "
                                f"{_sql_text(str(folder.resolve()) + '/%')} AND ll_error IS NOT NULL;\n")
        if "0 Rows." not in failed:
            raise StoreError(f"Virtuoso's bulk loader could not read the build: {failed.strip()[-500:]}")
        vector = ", ".join(_sql_text(iri) for pair in pairs for iri in pair)
        isql(settings, f"DB.DBA.MRKG_SWAP (vector ({vector}));\n"
                       f"DELETE FROM DB.DBA.LOAD_LIST WHERE ll_file LIKE {_sql_text(str(folder.resolve()) + '/%')};\n")
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    return len(pairs)
