"""A query worker: a process that holds one backend and answers one request at a time.

Oxigraph cannot cancel a running query from Python, so queries run here, in
processes that the service can end (``graph.store.worker_pool`` kills a worker whose
query outlives its time limit and starts another).  A worker sends back the
answer already written in the negotiated format (and gzipped when the client
accepts it), so the web process only copies bytes.

The wire format, on a Unix socket pair: each message is two big-endian 32-bit
lengths, then a JSON header and a body of that many bytes.

    request   {"op": "query", "store", "default_graphs", "named_graphs", "union", "results", "graph",
               "max_rows", "bound"?, "gzip", "base", "read"?}  query text
              {"op": "update", "store", "base", "using"?, "using_named"?}  update text
              {"op": "status", "store"}
              {"op": "wake"}  a query is on its way (no reply: see QueryWorker.prime)
    reply     {"status": 200, "format", "rows", "truncated", "gzip", "store": {...}?}  body
              {"status": 4xx/5xx, "error": "...", "line"?, "column"?, "syntax"?}
    hello     {"status": 200, "ready": true, "sandbox": {"on", "detail"}}

Before the engine sees a text, the worker applies the guard
(:func:`graph.sparql.guard.admit`): a text that could call out or nest too
deeply is read by the service's own parser, and refused when it names an
endpoint off the allowlist, goes deeper than ``max_depth`` or cannot be read.
``"read": true`` asks for a reading anyway: the web process could not tell
the query's form, dataset or LIMIT at a glance (``graph.sparql.quick_look``).
Reading happens here, under the time limit, never in the web process.

With the embedded store and an empty allowlist no worker needs the network:
each installs :mod:`graph.sandbox` before it reads any request.  The engine
runs on a thread with a large stack (``ENGINE_STACK_BYTES``): its parser and
evaluator recurse once per level of nesting, and the depth limit is set well
below what that stack holds.

Run as ``python -m graph.store.worker FD CONFIG_JSON`` (see ``graph.store.workers``).
"""
from __future__ import annotations

import gzip
import re
import signal
import socket
import struct
import sys
import threading
import traceback
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

import orjson
from pyoxigraph import QueryBoolean, QuerySolutions

from graph.errors import MrkgError, PositionedQueryError, QueryError, QuerySyntaxError, StoreDamaged, StoreError
from graph.store.result_formats import Written, write_boolean, write_graph, write_solutions
from graph.sandbox import Sandbox, install
from graph.settings import Settings
from graph.sparql import DEFAULT_MAX_DEPTH, RemoteCall
from graph.sparql.guard import admit, failed_call
from graph.sparql.reading import DatasetConflict
from graph.sparql.search_clause import search_calls
from graph.store.release import published_store
from graph.store.search_service import answer_search_clauses
from graph.store.backends import Backend, Dataset, EmbeddedStore, ExternalStore, damage_found, unreadable

FRAME = struct.Struct(">II")
# An answer that fits in TCP's initial congestion window (ten segments of 1460 bytes, RFC 6928)
# leaves in one round trip compressed or not: compressing it saves bytes, never time, and costs
# both ends about 0.1 ms (measured on a 3.8 kB point lookup), more than the engine takes to find it.
GZIP_MIN_BYTES = 10 * 1460
PRIMER = "ASK { ?s ?p ?o }"  # parser, planner, a store index and a results writer, in a few microseconds
RECEIVE_SIZE = 65536
# The engine's parser and evaluator recurse once per level of nesting and crash past their stack: on the
# usual 8 MB main stack at about 900 nested function calls or EXISTS, on this one at about 30,000
# (measured with pyoxigraph 0.5.13).  Only the pages touched are used.
ENGINE_STACK_BYTES = 256 * 2**20


@dataclass
class WorkerConfig:
    """How a worker reaches its data; the same for every worker of a pool."""

    external_endpoint: str = ""
    external_update_endpoint: str = ""
    external_max_rows: int = 0
    writable: bool = False
    timeout: float = 30.0
    prefixes: dict[str, str] = field(default_factory=dict)
    allowlist: tuple[str, ...] = ()  # the only SERVICE and LOAD endpoints a query or update may name
    max_depth: int = DEFAULT_MAX_DEPTH
    sandbox: bool = False  # refuse every new socket but Unix ones (graph.sandbox)
    describe_store: bool = True  # count the triples of a store opened for a query (for /health); pages' readers do not
    current_dir: str = ""  # var/current: the release whose search index answers an external store's queries
    # Read every text for remote calls and depth (graph.sparql.guard). Pages' readers run only the service's own
    # queries, whose variable parts are IRIs the engine's own parser accepted (api.views.query.iri), bounded whole
    # numbers (api.views.paging) and literals of the store written back by the engine's serializer.
    guard: bool = True

    @classmethod
    def for_settings(cls, settings: Settings, prefixes: dict[str, str] | None = None) -> WorkerConfig:
        """The endpoint's workers, as the settings ask; readers change what they need (``graph.store.readers``)."""
        writable = settings.update_enabled and not settings.external_endpoint
        return cls(
            external_endpoint=settings.external_endpoint,
            external_update_endpoint=settings.external_update_endpoint,
            external_max_rows=settings.external_max_rows,
            writable=writable,
            timeout=settings.query_timeout,
            prefixes=prefixes or {},
            allowlist=settings.service_allowlist,
            max_depth=settings.max_query_depth,
            current_dir=str(settings.current_dir),
            # Nothing to fetch from the network: the workers are shut off from it (graph.sandbox).
            sandbox=not settings.external_endpoint and not settings.service_allowlist,
        )


# -- the wire ------------------------------------------------------------------


def encode(header: dict[str, Any], body: bytes = b"") -> list[bytes]:
    head = orjson.dumps(header)
    return [FRAME.pack(len(head), len(body)), head, body]


def send(sock: socket.socket, header: dict[str, Any], body: bytes = b"") -> None:
    parts = encode(header, body)
    sent = sock.sendmsg(parts)
    total = sum(map(len, parts))
    if sent < total:
        sock.sendall(b"".join(parts)[sent:])


class Inbox:
    """The worker's end of the socket: whole messages out of a byte stream."""

    def __init__(self, sock: socket.socket) -> None:
        self.sock = sock
        self.buffer = bytearray()
        self.landing = bytearray(RECEIVE_SIZE)  # reused: recv_into allocates nothing
        self.view = memoryview(self.landing)

    def receive(self) -> tuple[dict[str, Any], bytes] | None:
        """The next message, or None when the service has closed the socket."""
        while True:
            if len(self.buffer) >= FRAME.size:
                head_size, body_size = FRAME.unpack_from(self.buffer)
                end = FRAME.size + head_size + body_size
                if len(self.buffer) >= end:
                    header = orjson.loads(self.buffer[FRAME.size:FRAME.size + head_size])
                    body = bytes(self.buffer[FRAME.size + head_size:end])
                    del self.buffer[:end]
                    return header, body
            received = self.sock.recv_into(self.landing)
            if not received:
                return None
            self.buffer += self.view[:received]


# -- answering -----------------------------------------------------------------

_POSITION = re.compile(r"error at (\d+):(\d+)")


class QueryWorker:
    """The state of one worker process: its backend, opened on first use."""

    def __init__(self, config: WorkerConfig) -> None:
        self.config = config
        self.backend: Backend | None = None
        self.store_path: str | None = None
        self.calls: tuple[RemoteCall, ...] = ()  # the remote calls of the request being answered

    def handle(self, request: dict[str, Any], payload: bytes) -> tuple[dict[str, Any], bytes]:
        self.calls = ()
        try:
            opened = self._open(request.get("store"))
            if request["op"] == "query":
                header, body = self._query(request, payload.decode("utf-8"))
            elif request["op"] == "update":
                header, body = self._update(payload.decode("utf-8"), request)
            else:
                header, body = {"status": 200}, b""
            if request["op"] in ("status", "update") or (opened and request["op"] == "query"
                                                         and self.config.describe_store):
                header["store"] = self._describe_store()
            return header, body
        except SyntaxError as error:
            return _with_explanation(_syntax_error(error), request, payload, self.config.max_depth), b""
        except StoreDamaged as error:
            return {"status": 503, "error": error.public}, b""
        except PositionedQueryError as error:  # refused before the engine saw it (graph.sparql.guard)
            header = {"status": error.status, "error": str(error), "line": error.line, "column": error.column,
                      "syntax": isinstance(error, QuerySyntaxError)}
            explained = _with_explanation(header, request, payload, self.config.max_depth) if header["syntax"] else header
            return explained, b""
        except MrkgError as error:
            return {"status": getattr(error, "status", 503), "error": str(error)}, b""
        except OSError as error:  # Oxigraph reports a failed SERVICE or LOAD call this way
            if damage_found(None, error):
                return self._unreadable(error), b""
            if self.calls:  # an allowlisted endpoint failed: say which, never what it answered (issue 10 item 6)
                return {"status": 502, "error": failed_call(self.calls)}, b""
            return {"status": 502, "error": f"the query failed: {error}"}, b""
        except MemoryError:
            return {"status": 503, "error": "the query needs more memory than the server has"}, b""
        except RuntimeError as error:  # Oxigraph's evaluation errors: an unknown function, an unbound SERVICE name…
            if damage_found(None, error):
                return self._unreadable(error), b""
            if self.calls:  # …or an endpoint's answer it could not read: its content stays unsaid
                return {"status": 502, "error": failed_call(self.calls) + ", or the query could not be evaluated"}, b""
            return {"status": 400, "error": f"the query cannot be evaluated: {error}"}, b""
        except Exception as error:  # noqa: BLE001 - a fault of the service: logged, and said plainly
            traceback.print_exc(file=sys.stderr)
            return {"status": 500, "error": f"internal error in the query worker ({type(error).__name__})"}, b""

    def _unreadable(self, error: BaseException) -> dict[str, Any]:
        """A store that fails while it is read is the server's fault: 503, in words without paths."""
        path = Path(self.store_path) if self.store_path else None
        return {"status": 503, "error": unreadable(error, path).public}

    def prime(self) -> None:
        """Run a one-triple query, so that the query on its way finds the engine warm.

        A worker idle for a millisecond comes back to CPU caches emptied by
        the web process, the client and other tenants of the machine, and a
        cheap query then took twice as long as in a loop.  The web process
        says a query is coming as soon as a request arrives (``op: wake``);
        priming overlaps its reading of the request.  Only the embedded store
        is primed: an external server would get a request of its own.
        """
        if isinstance(self.backend, EmbeddedStore):
            try:
                write_boolean(self.backend.query(PRIMER, Dataset()), "json")  # type: ignore[arg-type]
            except Exception:  # noqa: BLE001 - priming is a courtesy: the query itself meets and reports any fault
                pass

    def _open(self, store: str | None) -> bool:
        """Open the backend, or reopen the embedded store when a new build is published."""
        if self.backend is not None and (self.config.external_endpoint or store == self.store_path):
            return False
        if self.backend is not None:
            self.backend.close()
            self.backend = None
        if self.config.external_endpoint:
            self.backend = ExternalStore(self.config.external_endpoint, self.config.external_update_endpoint,
                                         self.config.timeout, max_rows=self.config.external_max_rows)
        else:
            if store is None:
                raise StoreError("no store path given")
            self.backend = EmbeddedStore(Path(store), writable=self.config.writable)
        self.store_path = store
        return True

    def _describe_store(self) -> dict[str, Any]:
        assert self.backend is not None
        return {"path": self.store_path, "triples": self.backend.triple_count()}

    def _query(self, request: dict[str, Any], text: str) -> tuple[dict[str, Any], bytes]:
        assert self.backend is not None
        backend = self.backend
        base = request.get("base")
        union, bound = request["union"], request.get("bound")
        reading = (admit(text, base, self.config.allowlist, self.config.max_depth, must_read=bool(request.get("read")))
                   if self.config.guard else None)
        if reading is not None and search_calls(reading):
            # Issue 13 item 2: the text search is answered here, and what it leaves is guarded again as it stands.
            text = answer_search_clauses(text, reading, self._release_folder())
            reading = admit(text, base, self.config.allowlist, self.config.max_depth, must_read=True,
                            search_here=False)
        if reading is not None:
            self.calls = reading.remote_calls
            if request.get("read"):  # the web process could not tell the form, the dataset or the LIMIT
                kind = "results" if reading.form in ("SELECT", "ASK") else "graph"
                if request[kind] is None:
                    return _not_acceptable(kind), b""
                union = union and not reading.names_dataset
                bound = reading.limit if reading.form == "SELECT" else None
        dataset = Dataset(tuple(request["default_graphs"]), tuple(request["named_graphs"]), union)
        answer = backend.query(text, dataset, base)
        max_rows = request["max_rows"]
        if isinstance(answer, (QueryBoolean, QuerySolutions)):
            fmt = request["results"]
            if fmt is None:
                return _not_acceptable("results"), b""
            if isinstance(answer, QueryBoolean):
                written = write_boolean(answer, fmt)
            else:
                written = write_solutions(_again(answer, lambda: backend.query(text, dataset, base)), fmt, max_rows,
                                          bound)
        else:
            fmt = request["graph"]
            if fmt is None:
                return _not_acceptable("graph"), b""
            written = write_graph(answer, fmt, max_rows, self.config.prefixes)
        cut_at = getattr(backend, "cut_at", None)  # an external server's own row cap cut the answer before us
        if cut_at is not None and not written.truncated:
            return _success(fmt, Written(written.body, written.rows, True), request["gzip"], limit=cut_at)
        return _success(fmt, written, request["gzip"])

    def _release_folder(self) -> Path | None:
        """The release the query reads: its store's folder, or ``var/current`` in front of an external server."""
        if self.store_path:
            return Path(self.store_path).parent
        return published_store(self.config.current_dir).folder if self.config.current_dir else None

    def _update(self, text: str, request: dict[str, Any]) -> tuple[dict[str, Any], bytes]:
        assert self.backend is not None
        base = request.get("base")
        using, using_named = tuple(request.get("using", ())), tuple(request.get("using_named", ()))
        reading = admit(text, base, self.config.allowlist, self.config.max_depth, update=True,
                        must_read=bool(using or using_named), search_here=False)
        if reading is not None:
            self.calls = reading.remote_calls
            try:
                text = reading.with_using(text, using, using_named)
            except DatasetConflict as conflict:
                raise QueryError(str(conflict)) from None
        self.backend.update(text, base)
        return {"status": 204}, b""


def _again(first: QuerySolutions, evaluate: Callable[[], Any]) -> Callable[[], QuerySolutions]:
    """The solutions already at hand the first time, a new evaluation after that."""
    pending = [first]
    return lambda: pending.pop() if pending else evaluate()


def _success(fmt: str, written: Written, accepts_gzip: bool, limit: int | None = None) -> tuple[dict[str, Any], bytes]:
    """``limit``: the row cap that cut the answer, when it is not the service's own."""
    body = written.body
    compressed = accepts_gzip and len(body) >= GZIP_MIN_BYTES
    if compressed:
        # Level 1: SPARQL results are repetitive enough that it gets most of the gain at half the CPU of 5.
        body = gzip.compress(body, compresslevel=1, mtime=0)
    header = {"status": 200, "format": fmt, "rows": written.rows, "truncated": written.truncated, "gzip": compressed}
    if limit is not None:
        header["limit"] = limit
    return header, body


def _not_acceptable(kind: str) -> dict[str, Any]:
    return {"status": 406, "kind": kind, "error": "no acceptable format"}


def _with_explanation(header: dict[str, Any], request: dict[str, Any], payload: bytes,
                      max_depth: int) -> dict[str, Any]:
    """The refusal of a malformed query or update, with its mistake in plain words (graph.sparql.mistakes)."""
    from graph.sparql.mistakes import explain

    if request.get("op") in ("query", "update"):
        found = explain(payload.decode("utf-8", "replace"), update=request["op"] == "update", max_depth=max_depth)
        if found is not None:
            header["explanation"] = found.as_dict()
    return header


def _syntax_error(error: SyntaxError) -> dict[str, Any]:
    message = str(error)
    header: dict[str, Any] = {"status": 400, "error": message}
    if position := _POSITION.search(message):
        header["line"], header["column"] = int(position.group(1)), int(position.group(2))
    return header


# -- the process ---------------------------------------------------------------


def serve(sock: socket.socket, config: WorkerConfig, sandbox: Sandbox = Sandbox(False, "not asked for")) -> None:
    worker = QueryWorker(config)
    inbox = Inbox(sock)
    send(sock, {"status": 200, "ready": True, "sandbox": sandbox._asdict()})
    while (message := inbox.receive()) is not None:
        request, payload = message
        if request["op"] == "wake":
            worker.prime()  # nobody waits for a reply
            continue
        header, body = worker.handle(request, payload)
        send(sock, header, body)


def _die_with_parent() -> None:
    """Ask Linux to kill this process if the service dies while a query runs."""
    try:
        import ctypes

        ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass


def main(argv: list[str]) -> int:
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the service stops its workers itself
    _die_with_parent()
    fd, settings = int(argv[0]), orjson.loads(argv[1])
    config = WorkerConfig(**{**settings, "allowlist": tuple(settings.get("allowlist", ()))})
    # Before any request is read, and before the engine starts threads of its own.
    sandbox = install() if config.sandbox else Sandbox(False, "not asked for: the worker may call an allowlisted "
                                                              "endpoint or an external store")
    with socket.socket(fileno=fd) as sock:
        on_large_stack(lambda: serve(sock, config, sandbox))
    return 0


def on_large_stack(work: Callable[[], None]) -> None:
    """Run ``work`` on a thread with ENGINE_STACK_BYTES of stack (or the largest the system grants)."""
    for size in (ENGINE_STACK_BYTES, ENGINE_STACK_BYTES // 4):
        try:
            threading.stack_size(size)
            thread = threading.Thread(target=work, name="engine")
            thread.start()
        except (ValueError, RuntimeError, MemoryError):
            continue
        thread.join()
        return
    work()  # no large stack to be had: the depth limit still keeps most texts from the edge


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
