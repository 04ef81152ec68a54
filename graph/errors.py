"""One family of errors, each carrying what a person needs to act on it.

    MrkgError                      anything mrkg reports in words (exit code 2 by default)
    ├── SourceError                a source text cannot be read or parsed: file and line
    ├── CatalogueError             the curated catalogue in data/ is inconsistent: file and entry
    ├── ValidationFailed           the graph violates the shapes or the ontology (exit code 1)
    ├── EnvironmentFault           the machine, not the data, stops mrkg (exit code 3)
    │   ├── DiskFull               no space left where a build writes (graph.disk)
    │   └── NoPermission           a file or folder mrkg must write is not writable (graph.disk)
    ├── StoreError                 the published store is missing, locked or unreachable
    │   └── StoreDamaged           its files are damaged: rebuild (also an EnvironmentFault, exit code 3)
    └── QueryError                 a SPARQL query or update is malformed or refused
        ├── QuerySyntaxError       not SPARQL as the engine reads it: line and column (graph.sparql)
        ├── QueryTooDeep           nested or chained deeper than the engine can take: line and column
        ├── RemoteCallRefused      a SERVICE or LOAD endpoint that is not on the allowlist (403)
        ├── QueryTimeout           a query ran past its time limit and was stopped
        └── QueryAbandoned         the client hung up before the answer: its query was stopped

The command line maps them to exit codes (see ``graph.cli``); the HTTP layer
maps them to status codes with the same message.
"""
from __future__ import annotations

from dataclasses import dataclass


class MrkgError(Exception):
    """Base class: the message is meant for a person, not a stack trace."""

    exit_code = 2


@dataclass
class SourceError(MrkgError):
    """A source text that cannot be read, classified or parsed."""

    file: str
    line: int | None
    message: str

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        return f"{where}: {self.message}"


@dataclass
class CatalogueError(MrkgError):
    file: str
    message: str

    def __str__(self) -> str:
        return f"{self.file}: {self.message}"


class ValidationFailed(MrkgError):
    """The built graph does not conform; ``report`` is the readable report."""

    exit_code = 1

    def __init__(self, report: str, violations: int) -> None:
        super().__init__(report)
        self.report = report
        self.violations = violations


class EnvironmentFault(MrkgError):
    """The disk, the permissions or the store's files stop mrkg: the operator acts, not the author of the data."""

    exit_code = 3


class DiskFull(EnvironmentFault):
    pass


class NoPermission(EnvironmentFault):
    pass


class StoreError(MrkgError):
    pass


class StoreDamaged(StoreError, EnvironmentFault):
    """The published store cannot be read: its files are damaged, truncated or missing (issue 10 item 9).

    ``str()`` is for the operator (where, and what the storage engine said);
    ``public`` is what a client of the service may be told: no path, no detail.
    """

    public = ("store unreadable: the published store is damaged and cannot be read; "
              "publishing a new build with `mrkg build` replaces it")

    def __init__(self, store: str, detail: str) -> None:
        super().__init__(f"the published store at {store} is damaged and cannot be read ({detail}); "
                         "run `mrkg build` to publish a fresh release, which replaces it")
        self.store = store
        self.detail = detail


class QueryError(MrkgError):
    """A query the engine refuses; ``status`` is the HTTP status it maps to."""

    status = 400

    def __init__(self, message: str, status: int | None = None) -> None:
        super().__init__(message)
        if status is not None:
            self.status = status


class QueryTimeout(QueryError):
    status = 503


class QueryAbandoned(QueryError):
    """The client closed its connection while its query waited or ran (issue 10 item 4).

    Nobody reads the answer; 499 is the status proxies log for it ("client
    closed request").
    """

    status = 499


class PositionedQueryError(QueryError):
    """A refusal that points at a place in the query text (1-based line and column)."""

    def __init__(self, message: str, line: int, column: int, status: int | None = None) -> None:
        super().__init__(message, status)
        self.line = line
        self.column = column


class QuerySyntaxError(PositionedQueryError):
    pass


class QueryTooDeep(PositionedQueryError):
    pass


class RemoteCallRefused(PositionedQueryError):
    status = 403
