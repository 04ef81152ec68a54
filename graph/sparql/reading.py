"""What a reading of a query or update gives the service (see :mod:`graph.sparql`)."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class RemoteCall:
    """A SERVICE clause or a LOAD operation: where the engine would call out.

    ``iri`` is the endpoint exactly as the engine resolves it (prefixes, BASE
    and the service's own base IRI applied), or None when the endpoint is a
    variable, known only at run time.
    """

    keyword: str  # "SERVICE" or "LOAD"
    iri: str | None
    written: str  # the variable, or the IRI or prefixed name as written
    silent: bool
    offset: int
    body: int = -1  # SERVICE: where its group opens (the ``{``)
    end: int = -1  # SERVICE: just after its group closes


@dataclass(frozen=True, slots=True)
class Reading:
    """A query or update as the engine will read it, in the few respects the service needs.

    ``depth`` is the deepest the reading went, counting each nested group or
    parenthesis and each link of a chain (FILTERs and patterns of one group,
    UNION branches, operands of ``||``, ``&&``, ``+``, ``*``, path steps): the
    engine's parser, planner and evaluator recurse about that deep.
    ``unaccounted`` lists the offsets of SERVICE or LOAD keywords (any case)
    that are neither inside a string, IRI, name or comment nor a clause the
    reading found: there should be none (the guard refuses if there are).
    """

    form: str | None  # SELECT, CONSTRUCT, DESCRIBE or ASK; None for an update
    default_graphs: tuple[str, ...] = ()  # FROM
    named_graphs: tuple[str, ...] = ()  # FROM NAMED
    limit: int | None = None  # the LIMIT of the query as a whole
    remote_calls: tuple[RemoteCall, ...] = ()
    depth: int = 0
    unaccounted: tuple[int, ...] = ()
    where_offsets: tuple[int, ...] = ()  # updates: the WHERE of each DELETE/INSERT operation
    own_dataset: bool = False  # updates: a WITH or USING clause
    prefixes: tuple[tuple[str, str], ...] = ()  # queries: the PREFIX declarations, as the body reads them
    base: str | None = None  # queries: the base IRI the body is resolved against

    @property
    def names_dataset(self) -> bool:
        return bool(self.default_graphs or self.named_graphs)

    def with_using(self, update: str, using: tuple[str, ...], using_named: tuple[str, ...]) -> str:
        """The update with ``USING`` clauses for the protocol's ``using-graph-uri`` parameters.

        The engine takes no dataset for updates, so the clauses are written into
        the text, before the WHERE of each DELETE/INSERT operation (Update
        §3.1.3; Protocol §2.2.3 forbids giving both them and WITH or USING).
        """
        if not using and not using_named:
            return update
        if self.own_dataset:
            raise DatasetConflict("the update has its own WITH or USING clause; the request may not also give "
                                  "using-graph-uri or using-named-graph-uri")
        clauses = "".join(f"USING <{iri}> " for iri in using) + "".join(f"USING NAMED <{iri}> " for iri in using_named)
        for offset in sorted(self.where_offsets, reverse=True):
            update = update[:offset] + clauses + update[offset:]
        return update


class DatasetConflict(ValueError):
    """The update names its own dataset (WITH, USING) and the request names one too."""


def line_and_column(text: str, offset: int) -> tuple[int, int]:
    """1-based line and column (in characters) of ``offset``."""
    line_start = text.rfind("\n", 0, offset) + 1
    return text.count("\n", 0, offset) + 1, offset - line_start + 1


def shortened(text: str, limit: int = 100) -> str:
    """``text`` cut to ``limit`` characters with its length said: messages quote IRIs of any length."""
    if len(text) <= limit:
        return text
    return f"{text[:limit]}… ({len(text):,} characters)"
