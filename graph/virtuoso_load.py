"""Load a build into Virtuoso through its SQL port (``isql-vt``), the named graphs replaced in one transaction.

Issue 15, point 1: the fastest correct route for the build's size.  Virtuoso
cannot rename a graph, and its default graph is the union of every graph its
anonymous user may read; so each graph is first loaded under a staging name
put in Virtuoso's private graph group (invisible to ``/sparql``, and so to the
union default graph), and then one call, ``MRKG_SWAP``, deletes the old graphs
and relabels the staging quads with the real names (``UPDATE DB.DBA.RDF_QUAD
SET G``) in a single transaction: a reader sees the old release or the new
one, never a mix (``tests/build/test_virtuoso_load.py`` reads while it swaps).
How the staging graphs are filled depends on the size:

- **The Graph Store protocol** (fewer quads than ``MRKG_VIRTUOSO_BULK_QUADS``,
  or no ``MRKG_VIRTUOSO_LOAD_DIR``): one ``PUT`` of N-Triples per graph to
  ``MRKG_VIRTUOSO_HTTP``'s ``/sparql-graph-crud-auth`` (digest
  authentication); the server needs no access to this machine's files.
  (Sending the text through ``isql-vt`` instead, as ``DB.DBA.TTLP`` calls,
  crashed isql-vt 7.2.5 (SIGSEGV) on statements of about 100 kB.)
- **The bulk loader** (``ld_add`` + ``rdf_loader_run()``) for large builds:
  it reads N-Triples files written to ``MRKG_VIRTUOSO_LOAD_DIR`` (a folder the
  server may read: its ``DirsAllowed``), in parallel and without a
  transaction log.

``PREPARE`` also hides Virtuoso's own system graphs (its ``virtrdf#`` schema
and the like) from the anonymous user, so that the union default graph holds
the release and nothing else, as the embedded store's does.
"""
from __future__ import annotations

import itertools
import secrets
import shutil
import subprocess
import tempfile
from collections import defaultdict
from collections.abc import Iterable, Iterator
from pathlib import Path

import httpx
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
CHUNK_BYTES = 1_000_000  # of N-Triples written at a time

PREPARE = f"""
DB.DBA.RDF_GRAPH_GROUP_CREATE ('{PRIVATE_GROUP}', 1);
{"".join(f"DB.DBA.RDF_GRAPH_GROUP_INS ('{PRIVATE_GROUP}', '{g}');{chr(10)}" for g in SYSTEM_GRAPHS)}
DB.DBA.RDF_DEFAULT_USER_PERMS_SET ('nobody', 1);
DB.DBA.RDF_DEFAULT_USER_PERMS_SET ('nobody', 0, 1);
CREATE PROCEDURE DB.DBA.MRKG_SWAP (in pairs any)
{{
  declare i integer;
  -- No transaction log for the swap: a logged swap of a million quads went past Virtuoso's after-image limit
  -- (SR325).  Readers still see the old graphs or the new (tests/build/test_virtuoso_load.py); a checkpoint
  -- follows, since an unlogged change is durable only from then.
  log_enable (0, 1);
  for (i := 0; i < length (pairs); i := i + 2)
    {{
      DELETE FROM DB.DBA.RDF_QUAD WHERE G = iri_to_id (pairs[i]);
      UPDATE DB.DBA.RDF_QUAD TABLE OPTION (index RDF_QUAD_GS) SET G = iri_to_id (pairs[i])
        WHERE G = iri_to_id (pairs[i + 1], 0);
    }}
  commit work;
  for (i := 0; i < length (pairs); i := i + 2)
    DB.DBA.RDF_GRAPH_GROUP_DEL ('{PRIVATE_GROUP}', pairs[i + 1]);
  log_enable (1, 1);
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
    """The route by size: the bulk loader when a shared folder is set and the build is large, else SQL calls.

    Either way the graphs are staged first, hidden, and swapped in together: one transaction for the release.
    """
    isql(settings, PREPARE)
    token = secrets.token_hex(6)
    pairs: list[tuple[str, str]] = []
    bulk = bool(settings.virtuoso_load_dir) and quads >= settings.virtuoso_bulk_quads
    try:
        if bulk:
            _bulk(graphs, settings, token, pairs)
        else:
            _graph_store(graphs, settings, token, pairs)
        vector = ", ".join(_sql_text(iri) for pair in pairs for iri in pair)
        isql(settings, f"DB.DBA.MRKG_SWAP (vector ({vector}));\ncheckpoint;\n")
    except BaseException:
        _forget(settings, [staging for _, staging in pairs])
        raise
    return len(pairs), "bulk loader" if bulk else "Graph Store protocol"


def _ntriples(quads: Iterable[ox.Quad]) -> Iterator[bytes]:
    """The quads' triples in N-Triples, in pieces of about CHUNK_BYTES, cut between lines.

    Virtuoso's parser scopes blank nodes to one call, so every triple with a
    blank node goes in the first piece (the ontology's lists: a few hundred).
    """
    plain: list[ox.Triple] = []
    blank: list[ox.Triple] = []
    for q in quads:
        triple = ox.Triple(q.subject, q.predicate, q.object)
        (blank if isinstance(q.subject, ox.BlankNode) or isinstance(q.object, ox.BlankNode) else plain).append(triple)
    text = written(ox.serialize(blank + plain, format=ox.RdfFormat.N_TRIPLES))
    first = len(written(ox.serialize(blank, format=ox.RdfFormat.N_TRIPLES))) if blank else 0
    at = 0
    while at < len(text):
        end = text.find(b"\n", max(at + CHUNK_BYTES, first) - 1)
        end = len(text) if end < 0 else end + 1
        yield text[at:end]
        at = end


def _sql_text(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"


def _stage(name: str, token: str, pairs: list[tuple[str, str]]) -> str:
    staging = f"urn:mrkg:staging:{token}:{len(pairs)}"
    pairs.append((name, staging))
    return staging


def _graph_store(graphs: Iterable[tuple[str, Iterable[ox.Quad]]], settings: Settings, token: str,
                 pairs: list[tuple[str, str]]) -> None:
    """Each staging graph sent whole by the Graph Store protocol (one request, so blank nodes stay one graph's)."""
    if not settings.virtuoso_http:
        raise StoreError("MRKG_VIRTUOSO_HTTP (Virtuoso's HTTP server, http://host:port) is needed to load a build "
                         "below MRKG_VIRTUOSO_BULK_QUADS quads, or without MRKG_VIRTUOSO_LOAD_DIR")
    url = settings.virtuoso_http.rstrip("/") + "/sparql-graph-crud-auth"
    auth = httpx.DigestAuth(settings.virtuoso_user, settings.virtuoso_password)
    with httpx.Client(timeout=SECONDS_PER_CALL, auth=auth) as client:
        for name, quads in graphs:  # one graph's text in memory at a time
            staging = _stage(name, token, pairs)
            isql(settings, f"DB.DBA.RDF_GRAPH_GROUP_INS ('{PRIVATE_GROUP}', {_sql_text(staging)});\n")
            try:
                response = client.put(url, params={"graph-uri": staging}, content=b"".join(_ntriples(quads)),
                                      headers={"Content-Type": "application/n-triples"})
            except httpx.HTTPError as error:
                raise StoreError(f"cannot reach Virtuoso's Graph Store endpoint {url}: {error}") from None
            if response.status_code // 100 != 2:
                raise StoreError(f"Virtuoso's Graph Store endpoint {url} refused graph <{name}> with "
                                 f"{response.status_code}: {response.text.strip()[:300]}")


def _bulk(graphs: Iterable[tuple[str, Iterable[ox.Quad]]], settings: Settings, token: str,
          pairs: list[tuple[str, str]]) -> None:
    folder = Path(settings.virtuoso_load_dir).resolve() / f"mrkg-{token}"
    folder.mkdir(parents=True)
    files = _sql_text(str(folder) + "/%")
    try:
        adds = []
        for name, quads in graphs:
            staging = _stage(name, token, pairs)
            path = folder / f"{len(pairs)}.nt"
            with path.open("wb") as out:
                for chunk in _ntriples(quads):
                    out.write(chunk)
            adds.append(f"DB.DBA.RDF_GRAPH_GROUP_INS ('{PRIVATE_GROUP}', {_sql_text(staging)});\n"
                        f"ld_add ({_sql_text(str(path))}, {_sql_text(staging)});\n")
        isql(settings, "".join(adds) + "rdf_loader_run ();\n")
        failed = isql(settings, f"SELECT ll_file, ll_error FROM DB.DBA.LOAD_LIST WHERE ll_file LIKE {files} "
                                f"AND ll_error IS NOT NULL;\n")
        if "0 Rows." not in failed:
            raise StoreError(f"Virtuoso's bulk loader could not read the build: {failed.strip()[-500:]}")
    finally:
        shutil.rmtree(folder, ignore_errors=True)
        isql(settings, f"DELETE FROM DB.DBA.LOAD_LIST WHERE ll_file LIKE {files};\n")


def _forget(settings: Settings, staging: list[str]) -> None:
    """Staging graphs of a load that failed: hidden, but they hold disk space until dropped."""
    try:
        isql(settings, "".join(f"DELETE FROM DB.DBA.RDF_QUAD WHERE G = iri_to_id ({_sql_text(g)}, 0);\n"
                               f"DB.DBA.RDF_GRAPH_GROUP_DEL ('{PRIVATE_GROUP}', {_sql_text(g)});\n" for g in staging))
    except StoreError:
        pass  # the error being raised already says what went wrong
