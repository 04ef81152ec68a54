"""One row per attack, and the table the campaign prints.

A row fails when a count that must be 0 is not (server errors, connections
reaching the SSRF listener, freezes, and worker restarts where the attack says
they must not happen), or when one of the attack's own checks names a problem.
A row that could not run here says why and counts as skipped, not passed.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Iterable


@dataclass
class Row:
    attack: str
    item: str  # the point of issue 10 it reproduces
    requests: int = 0
    server_errors: int = 0
    ssrf: int = 0
    freezes: int = 0
    worst_probe: float = 0.0
    restarts: int | None = 0
    restarts_must_be_zero: bool = False
    peak_web_mb: float = 0.0
    peak_worker_mb: float = 0.0
    seconds: float = 0.0
    problems: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # figures worth reading whatever the result (latencies, memory)
    error_kinds: dict[str, list[object]] = field(default_factory=dict)  # kind → [count, first example]
    skipped: str | None = None

    @property
    def passed(self) -> bool:
        if self.skipped is not None:
            return True
        restarted = self.restarts_must_be_zero and (self.restarts is None or self.restarts > 0)
        return not (self.server_errors or self.ssrf or self.freezes or restarted or self.problems)

    @property
    def result(self) -> str:
        return "SKIP" if self.skipped is not None else "PASS" if self.passed else "FAIL"

    def server_error(self, kind: str, example: str) -> None:
        """Count a 5xx; the table shows each kind once, with its count and its first example."""
        self.server_errors += 1
        seen = self.error_kinds.setdefault(kind, [0, example])
        seen[0] = int(seen[0]) + 1  # type: ignore[call-overload]

    def problem(self, text: str, limit: int = 12) -> None:
        """Note what went wrong; after ``limit`` notes, only count them."""
        if len(self.problems) < limit:
            self.problems.append(text)
        elif len(self.problems) == limit:
            self.problems.append("… and more")


COLUMNS = ("attack", "item", "requests", "5xx", "SSRF", "freezes (worst s)", "restarts", "peak RSS MB web/workers",
           "s", "result")


def _cells(row: Row) -> tuple[str, ...]:
    if row.skipped is not None:
        return (row.attack, row.item, "", "", "", "", "", "", f"{row.seconds:.0f}", "SKIP")
    restarts = "?" if row.restarts is None else str(row.restarts)
    memory = f"{row.peak_web_mb:.0f}/{row.peak_worker_mb:.0f}" if row.peak_web_mb else "-"
    return (row.attack, row.item, str(row.requests), str(row.server_errors), str(row.ssrf),
            f"{row.freezes} ({row.worst_probe:.1f})", restarts + ("" if row.restarts_must_be_zero else "*"),
            memory, f"{row.seconds:.0f}", row.result)


def table(rows: Iterable[Row]) -> str:
    """The table, then what each failing or skipped row found."""
    rows = list(rows)
    grid = [COLUMNS, *(_cells(row) for row in rows)]
    widths = [max(len(line[i]) for line in grid) for i in range(len(COLUMNS))]
    numeric = {2, 3, 4, 6, 8}

    def line(cells: tuple[str, ...]) -> str:
        return "  ".join(cell.rjust(w) if i in numeric else cell.ljust(w) for i, (cell, w) in enumerate(zip(cells, widths)))

    out = [line(COLUMNS), "  ".join("-" * w for w in widths), *(line(cells) for cells in grid[1:])]
    out.append("freezes: the bystander's probes (/health and a page, every 0.5 s) slower than 2 s or unanswered; "
               "restarts: workers restarted other than for a time limit, * = not required to be 0 in this attack")
    for row in rows:
        if row.skipped is not None:
            out.append(f"\n{row.attack}: skipped: {row.skipped}")
            continue
        errors = [f"{count}× 5xx, e.g. {example}" for count, example in row.error_kinds.values()]
        if row.problems or row.notes or errors:
            out.append(f"\n{row.attack}: {row.result}")
            out.extend(f"  - {text}" for text in errors[:12] + row.problems)
            out.extend(f"  · {text}" for text in row.notes)
    passed = sum(row.result == "PASS" for row in rows)
    failed = sum(row.result == "FAIL" for row in rows)
    skipped = sum(row.result == "SKIP" for row in rows)
    out.append(f"\n{passed} passed, {failed} failed, {skipped} skipped")
    return "\n".join(out)
