"""All settings in one place: typed, each with its default and its meaning.

Read once from the environment (``MRKG_`` prefix, e.g. ``MRKG_QUERY_TIMEOUT=10``)
and passed in to whatever needs them; nothing reads the environment elsewhere.
``tests/cli/test_settings.py`` checks that every setting is documented in the README.
"""
from __future__ import annotations

import os
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any, get_type_hints

from graph.errors import MrkgError

PROJECT_ROOT = Path(__file__).resolve().parent.parent


def setting(default: Any, help: str) -> Any:
    return field(default=default, metadata={"help": help})


@dataclass(frozen=True)
class Settings:
    data_dir: Path = setting(PROJECT_ROOT / "data", "Folder holding sources/ and catalogue/.")
    ontology_dir: Path = setting(PROJECT_ROOT / "ontology", "Folder holding the ontology in Turtle.")
    shapes_dir: Path = setting(PROJECT_ROOT / "shapes", "Folder holding the SHACL shapes.")
    var_dir: Path = setting(PROJECT_ROOT / "var", "Where builds are published: var/current → the live store and dumps.")
    base_url: str = setting("", "Public URL of the service, for links, VoID, DCAT and the service description; unset: the address the client's connection reached (never its Host header).")
    query_timeout: float = setting(30.0, "Seconds a query may run before it is stopped and the client gets a 503.")
    max_rows: int = setting(100_000, "Most result rows (or triples) one query may return; more is cut with a clear signal.")
    query_workers: int = setting(2, "Worker processes that evaluate queries (a runaway query is ended by ending its worker).")
    server_processes: int = setting(0, "`mrkg serve` as this many processes on one listening socket, each evaluating queries in MRKG_QUERY_WORKERS threads of its own (no hop to a worker); one whose query runs past the time limit finishes its other requests and is replaced (0: one process and worker processes; ignored with MRKG_UPDATE_ENABLED, whose store has one writer).")
    result_cache_mb: int = setting(64, "Memory (MB) for answers to repeated queries on a published build (0: no cache; never used for scratch stores or external servers).")
    max_request_bytes: int = setting(1_000_000, "Largest accepted request body or query string, in bytes (413 beyond).")
    header_timeout: float = setting(10.0, "Seconds a client has to send a request's head (request line and headers), from its connection or the first byte of a later request on it; 408 after.")
    body_timeout: float = setting(30.0, "Seconds a client has to send a request's body once its head has arrived; 408 after.")
    keep_alive_timeout: float = setting(5.0, "Seconds an idle keep-alive connection is kept open.")
    max_connections: int = setting(1000, "Connections served at once (lowered to fit the file-descriptor limit); at the cap the oldest idle or half-sent connection makes room, else 503 (/health is still answered).")
    max_connections_per_client: int = setting(100, "Connections one client address (an IPv6 /64) may hold at once; more get 429. 0: no cap (behind a reverse proxy, whose address every client shares).")
    update_enabled: bool = setting(False, "Accept SPARQL Update at /sparql (requires update_token).")
    update_token: str = setting("", "Bearer token that SPARQL Update requests must present.")
    union_default_graph: bool = setting(True, "The default graph of /sparql is the union of all named graphs (the contract); off only on scratch stores, e.g. for the W3C test suites.")
    service_allowlist: tuple[str, ...] = setting((), "Endpoints a federated SERVICE clause (or an update's LOAD) may call, compared after the query's prefixes and base are applied (comma separated); empty: SERVICE and LOAD are refused, and query workers cannot open network sockets.")
    max_query_depth: int = setting(1000, "How deep a query or update may nest: each nested group or parenthesis, and each FILTER, pattern, UNION branch or operator of a chain, counts one level; deeper texts get a 400 before they run (the engine crashes at about 30 times this).")
    cors_origins: tuple[str, ...] = setting(("*",), "Origins allowed by CORS (comma separated).")
    external_endpoint: str = setting("", "Query an external SPARQL 1.1 server at this URL instead of the embedded store.")
    external_update_endpoint: str = setting("", "Update URL of the external server: `mrkg build` then replaces its named graphs there.")
    whole_answers: bool = setting(False, "`mrkg serve` writes an answer's head and body in one write, so a node killed while answering has sent all or nothing and a balancer can send the request again (on for the nodes `python -m graph.cluster` starts).")
    external_max_rows: int = setting(0, "The external server's own row cap (Virtuoso's ResultSetMaxRows), where it may cut an answer without saying so (Virtuoso's CONSTRUCT): a graph that reaches it is said to be truncated. 0: not known.")
    virtuoso_isql: str = setting("", "Virtuoso's SQL port (host:port): `mrkg build` then replaces its named graphs there through isql-vt, each atomically (README, \"Virtuoso\").")
    virtuoso_http: str = setting("", "Virtuoso's HTTP server (http://host:port): builds below MRKG_VIRTUOSO_BULK_QUADS quads are sent to its Graph Store endpoint.")
    virtuoso_user: str = setting("dba", "Virtuoso account `mrkg build` loads with.")
    virtuoso_password: str = setting("dba", "Password of that account.")
    virtuoso_load_dir: str = setting("", "A folder Virtuoso may read (its DirsAllowed): builds of at least MRKG_VIRTUOSO_BULK_QUADS quads go through its bulk loader from there; empty: always SQL calls.")
    virtuoso_bulk_quads: int = setting(200_000, "Quads from which a build is loaded into Virtuoso by its bulk loader rather than one SQL call per graph.")

    @classmethod
    def from_env(cls, environ: dict[str, str] | None = None, **overrides: Any) -> "Settings":
        environ = dict(os.environ if environ is None else environ)
        hints = get_type_hints(cls)
        values: dict[str, Any] = {}
        for spec in fields(cls):
            name = f"MRKG_{spec.name.upper()}"
            if name in environ:
                values[spec.name] = _convert(name, environ[name], hints[spec.name])
        values.update({k: v for k, v in overrides.items() if v is not None})
        return cls(**values)

    @classmethod
    def documentation(cls) -> list[tuple[str, Any, str]]:
        """(environment variable, default, help) for every setting."""
        return [(f"MRKG_{f.name.upper()}", f.default, f.metadata["help"]) for f in fields(cls)]

    @property
    def sources_dir(self) -> Path:
        return self.data_dir / "sources"

    @property
    def catalogue_dir(self) -> Path:
        return self.data_dir / "catalogue"

    @property
    def current_dir(self) -> Path:
        """The published build being served (a symlink swapped atomically by ``mrkg build``)."""
        return self.var_dir / "current"


def _convert(name: str, raw: str, kind: Any) -> Any:
    try:
        if kind is bool:
            if raw.lower() in {"1", "true", "yes", "on"}:
                return True
            if raw.lower() in {"0", "false", "no", "off", ""}:
                return False
            raise ValueError(raw)
        if kind is int:
            return int(raw)
        if kind is float:
            return float(raw)
        if kind is Path:
            return Path(raw)
        if kind == tuple[str, ...]:
            return tuple(part.strip() for part in raw.split(",") if part.strip())
        return raw
    except ValueError:
        raise MrkgError(f"environment variable {name}={raw!r} is not a valid {getattr(kind, '__name__', kind)}") from None


def settings_table() -> str:
    """The README's settings table, generated so it cannot go stale (tests compare)."""
    lines = ["| variable | default | meaning |", "|---|---|---|"]
    for variable, default, help_text in Settings.documentation():
        if isinstance(default, Path):
            shown = str(default.relative_to(PROJECT_ROOT)) if default.is_relative_to(PROJECT_ROOT) else str(default)
        elif isinstance(default, tuple):
            shown = ",".join(default)
        else:
            shown = str(default)
        lines.append(f"| `{variable}` | `{shown}` | {help_text} |")
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    print(settings_table(), end="")
