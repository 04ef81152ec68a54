"""Virtuoso as a benchmarked engine (issue 15, point 2): its database made once from the N-Quads, then served.

The database lives beside the other prepared stores (``virtuoso/`` in the dataset's folder) and is
loaded by Virtuoso's bulk loader (``ld_add`` and ``rdf_loader_run()`` through ``isql-vt``), the
fastest route for a large file, then checkpointed; the time it took and the folder's size are the
loading figures.  A served database gets its ports when it starts: the ini file is written from a
template with the chosen HTTP port (the SQL port is a free port of its own), so that the server is
started and stopped like any other (:class:`benchmarks.servers.Server`).

The query settings are the benchmark's, not a deployment's: a row cap far above any answer of the
mix (``ResultSetMaxRows``, and ``MaxSortedTopRows`` for ORDER BY with a LIMIT, 10,000 by default) and no anytime answers (``MaxQueryExecutionTime = 0``), so Virtuoso is
measured on whole answers; mrkg in front of it (``mrkg-virtuoso``) adds its own guards.
"""
from __future__ import annotations

import shutil
import subprocess
import time
from pathlib import Path

from benchmarks.servers import HOST, Server, ServerError, free_port

VIRTUOSO = shutil.which("virtuoso-t") or "/usr/bin/virtuoso-t"
ISQL = shutil.which("isql-vt") or "/usr/bin/isql-vt"
SERVER_ROOT = "/var/lib/virtuoso-opensource-7/vsp"  # the HTTP server's own pages, as Debian installs them
BUFFERS = 680_000  # 8 KB pages, about 5.4 GB: what Virtuoso's own guide gives a machine of 8 GB free
ROW_CAP = 2_000_000

INI = """[Database]
DatabaseFile = {folder}/virtuoso.db
ErrorLogFile = {folder}/virtuoso.log
LockFile = {folder}/virtuoso.lck
TransactionFile = {folder}/virtuoso.trx
xa_persistent_file = {folder}/virtuoso.pxa
Striping = 0
TempStorage = TempDatabase

[TempDatabase]
DatabaseFile = {folder}/virtuoso-temp.db
TransactionFile = {folder}/virtuoso-temp.trx

[Parameters]
ServerPort = {host}:{sql_port}
DisableUnixSocket = 1
CaseMode = 2
DirsAllowed = ., {dirs_allowed}
NumberOfBuffers = {buffers}
MaxDirtyBuffers = {dirty_buffers}
ThreadsPerQuery = 2
CheckpointInterval = {checkpoint_minutes}
MaxSortedTopRows = {sort_cap}

[HTTPServer]
ServerPort = {host}:{http_port}
ServerRoot = {server_root}
MaxClientConnections = 10
ServerThreads = 10
EnabledGzipContent = 0

[SPARQL]
ResultSetMaxRows = {row_cap}
MaxQueryExecutionTime = {max_seconds}
MaxQueryCostEstimationTime = 0
"""


def ini_text(folder: Path, sql_port: int, http_port: int | str, *, readable: Path | None = None,
             buffers: int = BUFFERS, row_cap: int = ROW_CAP, sort_cap: int = ROW_CAP, max_seconds: int = 0,
             checkpoint_minutes: int = 0) -> str:
    """A ``virtuoso.ini`` for a database of its own in ``folder``, both ports on 127.0.0.1 (the tests' servers
    are made from it too, with small caps to force Virtuoso's cuts); ``readable`` is a folder the bulk loader
    may read."""
    return INI.format(folder=folder, dirs_allowed=", ".join(str(f) for f in (folder, readable) if f), host=HOST,
                      sql_port=sql_port, http_port=http_port, buffers=buffers, dirty_buffers=buffers * 3 // 4,
                      server_root=SERVER_ROOT, row_cap=row_cap, sort_cap=sort_cap, max_seconds=max_seconds,
                      checkpoint_minutes=checkpoint_minutes)


def installed() -> bool:
    return Path(VIRTUOSO).exists() and Path(ISQL).exists()


def server(folder: Path, data_folder: Path, log: Path) -> Server:
    """Virtuoso serving the database in ``folder`` at ``/sparql``; its HTTP port is chosen as it starts."""
    folder = folder.resolve()
    (folder / "virtuoso.ini.template").write_text(ini_text(folder, free_port(), "@HTTP_PORT@",
                                                           readable=data_folder.resolve()))
    ini = folder / "virtuoso.ini"
    script = (f"sed 's/@HTTP_PORT@/{{port}}/' '{folder}/virtuoso.ini.template' > '{ini}' && "
              f"exec '{VIRTUOSO}' +foreground +configfile '{ini}'")
    return Server("virtuoso", ["sh", "-c", script], "/sparql", log, ready_timeout=600)


def load(nquads: Path, folder: Path, log: Path) -> float:
    """Make the database from the N-Quads with the bulk loader; the seconds it took (start to checkpoint)."""
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    started = time.perf_counter()
    engine = server(folder, nquads.parent, log)
    with engine:
        sql_port = _sql_port(folder)
        script = (f"ld_add('{nquads.resolve()}', 'urn:mrkg:benchmark:default'); rdf_loader_run(); checkpoint; "
                  "select count(*) from DB.DBA.load_list where ll_state <> 2 or ll_error is not null;")
        try:
            done = subprocess.run([ISQL, f"{HOST}:{sql_port}", "dba", "dba", f"exec={script}"], capture_output=True,
                                  text=True, timeout=max(3600.0, nquads.stat().st_size / 250_000))
        except subprocess.TimeoutExpired:
            raise ServerError(f"Virtuoso's bulk loader did not finish loading {nquads}") from None
        with log.open("a") as written:
            written.write(done.stdout + done.stderr)
        if done.returncode != 0 or "Error" in done.stdout + done.stderr:
            raise ServerError(f"Virtuoso's bulk loader failed on {nquads}; see {log}")
    return time.perf_counter() - started


def _sql_port(folder: Path) -> int:
    for line in (folder / "virtuoso.ini.template").read_text().splitlines():
        if line.startswith("ServerPort") and "@HTTP_PORT@" not in line:
            return int(line.rsplit(":", 1)[1])
    raise ServerError(f"no SQL port in {folder}/virtuoso.ini.template")
