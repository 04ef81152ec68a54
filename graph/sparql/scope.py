"""Which variables a graph pattern binds: what the engine checks before it accepts a query.

The engine refuses a BIND that rebinds a variable already in scope, a
``SELECT (… AS ?x)`` whose ``?x`` is in scope, an aggregate query that
projects a variable it does not group by, and a LATERAL whose right side
defines (with AS or VALUES) a variable of its left (Query §18.2.1, SEP-0006).
To refuse the same queries, the reader keeps for each pattern the variables
in scope and those defined by AS or VALUES.
"""
from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(slots=True)
class Scope:
    in_scope: set[str] = field(default_factory=set)
    defined: set[str] = field(default_factory=set)  # bound by BIND, VALUES or a SELECT expression

    def join(self, other: Scope) -> None:
        self.in_scope |= other.in_scope
        self.defined |= other.defined


class Needs(frozenset[str]):
    """The variables an expression needs bound (those under BOUND, COALESCE or EXISTS excepted)."""


class Bare(Needs):
    """An expression that is one variable and nothing else (``GROUP BY (?x)`` groups by ``?x``)."""

    @property
    def name(self) -> str:
        return next(iter(self))


NOTHING = Needs()


def needs(*parts: frozenset[str]) -> Needs:
    """What an expression over ``parts`` needs: all they need, and it is no longer a bare variable."""
    if not parts:
        return NOTHING
    if len(parts) == 1:
        return Needs(parts[0])
    return Needs(frozenset().union(*parts))
