"""Where queries are answered: the published embedded store, or an external SPARQL server.

Both backends take the same call, ``query(text, dataset)``, and answer with
Oxigraph's result objects (a boolean, solutions or triples), so everything
after evaluation — the row cap, the formats — is the same for both.  Both
are :class:`graph.store.PublishedData`, for code that runs in the process
holding them (a worker); everything else reaches them through a worker.

    EmbeddedStore   the pyoxigraph RocksDB store that ``mrkg build`` publishes
                    at ``var/current/store`` (read-only), or a scratch store
                    opened read-write when SPARQL Update is enabled
    ExternalStore   any SPARQL 1.1 Protocol server (Oxigraph server, Fuseki,
                    Virtuoso, QLever…) at ``Settings.external_endpoint``

The service evaluates in worker processes (``graph.store.worker``); each
worker holds one backend and keeps it open between queries.
"""
from __future__ import annotations

import logging
import re
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterable, Iterator, Mapping, NamedTuple, Protocol, Union

import orjson
from pyoxigraph import (
    NamedNode,
    DefaultGraph,
    Quad,
    QueryBoolean,
    QuerySolutions,
    QueryTriples,
    Store,
    Triple,
    parse,
    parse_query_results,
)

from graph.errors import QueryError, QueryTimeout, StoreDamaged, StoreError
from graph.formats import ANSWER_GRAPH_FORMATS, RESULTS_FORMATS, by_media_type

if TYPE_CHECKING:
    import httpx

log = logging.getLogger("mrkg.store")

# What a query gives: a boolean, solutions, or a graph's triples (CONSTRUCT, DESCRIBE).
Answer = Union[QueryBoolean, QuerySolutions, QueryTriples, Iterable[Triple]]


class Dataset(NamedTuple):
    """The RDF dataset a query runs against (SPARQL 1.1 Protocol §2.1.4).

    With no graphs given, the default graph is the union of every graph in the
    store when ``union_default_graph`` is set (the mrkg contract), unless the
    query names its own dataset with FROM / FROM NAMED.  Graphs given by the
    protocol's ``default-graph-uri`` / ``named-graph-uri`` replace both.
    A tuple: one is made and hashed (as part of a cache key) for every query.
    """

    default_graphs: tuple[str, ...] = ()
    named_graphs: tuple[str, ...] = ()
    union_default_graph: bool = True

    @property
    def given(self) -> bool:
        return bool(self.default_graphs or self.named_graphs)


UNION = Dataset()  # the mrkg contract: the default graph is the union of every graph


def triples_of(answer: Answer) -> list[Triple]:
    """The triples of a CONSTRUCT's or DESCRIBE's answer (TypeError for a result set or a boolean)."""
    if isinstance(answer, (QueryBoolean, QuerySolutions)):
        raise TypeError(f"a graph was expected, not {type(answer).__name__}")
    return list(answer)


def declare(prefixes: Mapping[str, str] | None, text: str) -> str:
    """``text`` with PREFIX declarations for the prefixes it may use.

    Only those it names: each declaration costs the engine's parser time on every query.
    """
    declared = "".join(f"PREFIX {name}: <{namespace}>\n" for name, namespace in (prefixes or {}).items()
                       if f"{name}:" in text)
    return declared + text


def damage_found(path: Path | None, error: BaseException) -> StoreDamaged | None:
    """The error, when it says that the store's files are damaged or missing; None for anything else.

    RocksDB reports damage as "Corruption: …" (a checksum or size that does not
    match) or "IO error: …", or as an OS error naming a file of the store that
    is gone; each may come when the store is opened or only when a damaged
    block is read.  The engine's words (with paths) go to the operator's log
    and the CLI; HTTP clients get ``StoreDamaged.public`` (issue 10, point 9).
    """
    if not isinstance(error, (OSError, RuntimeError)):
        return None
    message = str(error)
    named = isinstance(error, OSError) and path is not None and str(path) in message
    if not (any(word in message for word in _STORAGE_FAULTS) or named):
        return None
    log.error("cannot read the store at %s: %s", path or "(the published store)", message)
    return StoreDamaged(str(path or "(the published store)"), message.split("  ", 1)[0])


_STORAGE_FAULTS = ("Corruption", "IO error:")  # RocksDB's own status words, as the engine passes them on


def unreadable(error: BaseException, path: Path | None = None) -> StoreDamaged:
    """A store that could not be opened or read, whatever the engine said: damaged, for the operator to rebuild."""
    damage = damage_found(path, error)
    if damage is not None:
        return damage
    log.error("cannot open the store at %s: %s", path or "(the published store)", error)
    return StoreDamaged(str(path or "(the published store)"), str(error))


@contextmanager
def reading(path: Path) -> Iterator[None]:
    """Reads from a store at ``path``: damage met on the way is raised as StoreDamaged."""
    try:
        yield
    except (OSError, RuntimeError) as error:
        damage = damage_found(path, error)
        if damage is None:
            raise
        raise damage from None


class Backend(Protocol):
    """What a worker holds: the published data, plus what the endpoint's workers need besides queries."""

    def query(self, text: str, dataset: Dataset = UNION, base_iri: str | None = None, *,
              prefixes: Mapping[str, str] | None = None) -> Answer: ...

    def update(self, text: str, base_iri: str | None = None) -> None: ...

    def triple_count(self) -> int: ...

    def close(self) -> None: ...


class EmbeddedStore:
    """A pyoxigraph store on disk, opened once and kept open."""

    def __init__(self, path: Path, writable: bool = False) -> None:
        self.path: Path | None = path
        self.writable = writable
        self._count: int | None = None
        try:
            if writable:
                path.mkdir(parents=True, exist_ok=True)
                self.store = Store(str(path))
            else:
                if not path.is_dir():
                    raise StoreError("no published store: run `mrkg build` first")
                self.store = Store.read_only(str(path))
        except (OSError, RuntimeError) as error:  # RocksDB reports a damaged file as a RuntimeError
            raise unreadable(error, path) from None

    @classmethod
    def of(cls, store: Store) -> EmbeddedStore:
        """A store already open (in memory: the dataset description, a test's), queried as the published one is."""
        embedded = cls.__new__(cls)
        embedded.path, embedded.writable, embedded._count, embedded.store = None, False, None, store
        return embedded

    @classmethod
    def holding(cls, triples: Iterable[Triple]) -> EmbeddedStore:
        """A small store in memory holding ``triples`` (in its default graph)."""
        store = Store()
        store.extend(Quad(t.subject, t.predicate, t.object, DefaultGraph()) for t in triples)
        return cls.of(store)

    def triples(self) -> list[Triple]:
        return [quad.triple for quad in self.store]

    def query(self, text: str, dataset: Dataset = UNION, base_iri: str | None = None, *,
              prefixes: Mapping[str, str] | None = None) -> Answer:
        options: dict[str, Any] = {"base_iri": base_iri, "prefixes": dict(prefixes) if prefixes else None}
        if dataset.given:
            options["default_graph"] = [NamedNode(iri) for iri in dataset.default_graphs]
            options["named_graphs"] = [NamedNode(iri) for iri in dataset.named_graphs]
        elif dataset.union_default_graph:
            options["use_default_graph_as_union"] = True
        return self.store.query(text, **options)

    def update(self, text: str, base_iri: str | None = None) -> None:
        if not self.writable:
            raise QueryError("the store is read-only", status=403)
        self.store.update(text, base_iri=base_iri)

    def triple_count(self) -> int:
        # Counting reads every quad: a published (read-only) store never changes, so count it once.
        if self.writable:
            return len(self.store)
        if self._count is None:
            self._count = len(self.store)
        return self._count

    def close(self) -> None:
        del self.store


@dataclass
class ExternalStore:
    """A remote SPARQL 1.1 Protocol server; its answers are read back into Oxigraph's objects.

    The remote server decides what its default graph is: run it with its
    union-default-graph option (``oxigraph serve --union-default-graph``,
    Fuseki's ``tdb:unionDefaultGraph``) to keep the mrkg contract; Virtuoso's
    default graph is the union of the graphs its anonymous user may read
    (``graph.virtuoso_setup`` hides its system graphs).

    Virtuoso cuts answers in ways a client could take for complete ones
    (issue 15, point 1); each is read here from the response's headers:
    ``X-SPARQL-MaxRows`` says its ``ResultSetMaxRows`` cut the answer
    (``cut_at`` holds that cap, and the service says the answer is truncated),
    ``X-SQL-State`` on a 200 says an anytime query was interrupted and the
    answer is partial (a 503: a partial COUNT is a wrong number, not a shorter
    list), and its "transaction timed out" errors are the time limit's 503.
    """

    endpoint: str
    update_endpoint: str = ""
    timeout: float = 30.0
    _client: "httpx.Client | None" = field(default=None, repr=False)
    _last: tuple[tuple[str, Dataset], str, bytes, int | None] | None = field(default=None, repr=False)
    virtuoso: bool = field(default=False, repr=False)  # learnt from the first answer's Server header
    max_rows: int = 0  # the server's own row cap, where known (Settings.external_max_rows)
    cut_at: int | None = field(default=None, repr=False)  # the remote row cap that cut the last answer

    @property
    def client(self) -> "httpx.Client":
        if self._client is None:
            import httpx  # only workers that forward queries pay for the import

            self._client = httpx.Client(timeout=self.timeout, headers={"User-Agent": "mrkg"})
        return self._client

    def query(self, text: str, dataset: Dataset = UNION, base_iri: str | None = None, *,
              prefixes: Mapping[str, str] | None = None) -> Answer:
        """Forwarded as written: relative IRIs resolve against the remote server's own base."""
        text = declare(prefixes, text)
        key = (text, dataset)
        if self._last is None or self._last[0] != key:  # a second reading of a long answer reuses the first
            form: dict[str, str | list[str]] = {"query": text, "default-graph-uri": list(dataset.default_graphs),
                    "named-graph-uri": list(dataset.named_graphs)}
            kind = _form(text)
            graph = kind in ("CONSTRUCT", "DESCRIBE")
            if self.virtuoso and not graph:
                # Its anytime limit: it stops work (and answers) before the service's limit ends it.  Not for
                # graphs: with it, Virtuoso cuts a CONSTRUCT at its row cap without saying so (no X-SPARQL-MaxRows).
                form["timeout"] = str(int(self.timeout * ANYTIME_SHARE * 1000))
            if self.virtuoso and kind == "DESCRIBE":  # its default DESCRIBE is not the embedded engine's (a CBD)
                form["query"] = 'DEFINE sql:describe-mode "CBD"\n' + text
            response = self._send(self.endpoint, form, GRAPH_ACCEPT if graph else RESULTS_ACCEPT)
            media_type = response.headers.get("content-type", "").split(";")[0].strip().lower()
            self._last = (key, media_type, response.content, _remote_cap(response, self.endpoint, self.timeout))
        _, media_type, body, self.cut_at = self._last
        if self.virtuoso and VIRTUOSO_BLANK in body:
            body = _blank_nodes_renamed(body)
        answer = _read_answer(media_type, body, self.endpoint)
        if self.max_rows and self.cut_at is None and isinstance(answer, list) and len(answer) >= self.max_rows:
            # Virtuoso cuts a CONSTRUCT or DESCRIBE at its ResultSetMaxRows (solutions, so as many triples or one
            # more) and may not say so; an answer that reaches the cap is taken as cut.
            self.cut_at = self.max_rows
        return answer

    def update(self, text: str, base_iri: str | None = None) -> None:
        if not self.update_endpoint:
            raise QueryError("no update endpoint is configured for the external SPARQL server", status=403)
        self._send(self.update_endpoint, {"update": text}, "*/*")

    def triple_count(self) -> int:
        answer = self.query("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }", Dataset())
        for row in answer:  # type: ignore[union-attr]
            return int(row[0].value)
        return 0

    def close(self) -> None:
        if self._client is not None:
            self._client.close()

    def _send(self, url: str, form: dict[str, str | list[str]], accept: str) -> "httpx.Response":
        import httpx

        try:
            response = self.client.post(url, data=form, headers={"Accept": accept})
        except httpx.HTTPError as error:
            raise StoreError(f"the external SPARQL server at {url} cannot be reached: {error}") from None
        if response.headers.get("server", "").startswith("Virtuoso/") and not self.virtuoso:
            self.virtuoso = True
        if response.status_code // 100 == 5 and any(state in response.text[:200] for state in VIRTUOSO_TIMEOUTS):
            raise QueryTimeout(f"the query took longer than the time limit of the external SPARQL server at {url} "
                               f"(it answered: {response.text.strip().splitlines()[0][:200]})")
        if response.status_code in (400, 406, 415):
            raise QueryError(f"the external SPARQL server refused the request: {response.text.strip()[:2000]}")
        if response.status_code // 100 != 2:
            raise QueryError(
                f"the external SPARQL server at {url} answered HTTP {response.status_code}: "
                f"{response.text.strip()[:500]}",
                status=502,
            )
        return response


# Virtuoso stops an anytime query at this share of the service's own limit (it overshot by about a second here),
# so that it answers (and frees its CPU) before the service gives up on the worker waiting for it.
ANYTIME_SHARE = 0.5
# Virtuoso's words for a query stopped by its MaxQueryExecutionTime or a transaction timeout.
VIRTUOSO_TIMEOUTS = ("S1T00", "SR171")


RESULTS_ACCEPT = "application/sparql-results+json"
VIRTUOSO_BLANK = b"nodeID://"  # how Virtuoso labels blank nodes in result sets
BLANK_LABEL_REFUSED = re.compile(r"[^A-Za-z0-9_]")
GRAPH_ACCEPT = "application/n-triples, text/turtle;q=0.8"


def _form(text: str) -> str | None:
    """The query's form, which decides the kind of answer asked for.

    Virtuoso answers a DESCRIBE or CONSTRUCT in the first format of the
    Accept header even when that is a result-set format (as subject,
    predicate, object bindings), and a SELECT in an RDF format when that comes
    first, so one kind is asked for.  Texts the quick look cannot tell are read
    (graph.sparql); one the reader refuses is sent as it is, for the server's
    own message.
    """
    from graph.sparql import read_query
    from graph.sparql.quick_look import usual_shape

    shape = usual_shape(text)
    if shape is not None:
        return shape.form
    try:
        return read_query(text).form
    except QueryError:
        return None


def _blank_nodes_renamed(body: bytes) -> bytes:
    """Virtuoso's blank nodes in a JSON result set (``nodeID://b10001``) under labels SPARQL allows.

    Its labels are not blank node labels of the SPARQL grammar, and the engine reading the answer
    refuses them; only the bindings typed ``bnode`` are renamed (a literal with the same words stays).
    """
    try:
        results = orjson.loads(body)
        for row in results["results"]["bindings"]:
            for term in row.values():
                if term.get("type") == "bnode":
                    term["value"] = BLANK_LABEL_REFUSED.sub("_", term["value"])
    except (orjson.JSONDecodeError, KeyError, TypeError, AttributeError):
        return body  # not a result set: read as it is, and refused in words if unreadable
    return orjson.dumps(results)


def _remote_cap(response: "httpx.Response", endpoint: str, timeout: float) -> int | None:
    """The row cap that cut this answer (Virtuoso's ``X-SPARQL-MaxRows``), or None; a partial answer is refused."""
    state = response.headers.get("x-sql-state")
    if state:  # Virtuoso's anytime query: whatever it found before its time ran out, on a 200 (S1TAT)
        raise QueryTimeout(f"the query took longer than the time limit of {timeout:g} s; the external SPARQL server "
                           f"at {endpoint} stopped it and offered a partial answer ({state}), which is not sent")
    cap = response.headers.get("x-sparql-maxrows")
    return int(cap) if cap and cap.strip().isdigit() else None


def _read_answer(media_type: str, body: bytes, endpoint: str) -> Answer:
    # Result formats first: application/json and application/xml name a result set here, as they do
    # on /sparql, and a graph only when the server says ld+json or rdf+xml.
    fmt = by_media_type(media_type, RESULTS_FORMATS + ANSWER_GRAPH_FORMATS)
    try:
        if fmt is not None and fmt.results is not None:
            return parse_query_results(body, format=fmt.results)
        if fmt is not None and fmt.rdf is not None:
            return [quad.triple for quad in parse(body, format=fmt.rdf)]
    except (SyntaxError, ValueError) as error:
        raise QueryError(f"the external SPARQL server at {endpoint} sent an unreadable answer: {error}", status=502) from None
    raise QueryError(f"the external SPARQL server at {endpoint} answered in an unexpected format: {media_type!r}", status=502)
