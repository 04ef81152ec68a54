"""Tables of the measurements: on the terminal, as Markdown and as JSON.

One table per dataset, one row per (query, server): p50 and p95 latency of
the sequential requests, requests per second with N clients, rows per
answer, each server's CPU time per answer in the throughput run (all its
processes: mrkg's web process and its query workers), whether all servers gave the same number of rows for every request
(a fast wrong answer is no win; "rows" is the median over the requests
that every server was sent), and on mrkg's row the two ratios the
targets are stated in.  Under each table, the targets met and missed.
"""
from __future__ import annotations

import json
import statistics
from dataclasses import dataclass
from typing import Any, Mapping

from benchmarks.datasets import Footprint
from benchmarks.measure import Run
from benchmarks.query_mix import MIX

REFERENCE, OURS, PEER = "oxigraph", "mrkg", "rdflib-endpoint"
WITHIN_OXIGRAPH = 1.3  # mrkg's p50 at most this many times Oxigraph server's, on every query
BEYOND_PEER = 10.0  # rdflib-endpoint's p50 at least this many times mrkg's, on join and aggregate queries
# Issue 15 point 4, no tax on small queries: on point lookups and joins, mrkg's p50 within this many times
# Oxigraph server's, and its throughput with the benchmark's clients (4) at least Oxigraph server's.
SMALL_QUERIES = ("point-lookup", "describe", "citing-statements", "instrument-join")
WITHIN_OXIGRAPH_SMALL = 1.1
COLUMNS = ["query", "server", "p50 ms", "p95 ms", "req/s", "CPU ms/req", "rows", "check", "mrkg/oxigraph p50",
           "rdflib-endpoint/mrkg p50"]

Results = Mapping[str, Mapping[str, Run]]  # query name → server name → run


@dataclass(frozen=True)
class Row:
    query: str
    server: str
    p50_ms: float | None
    p95_ms: float | None
    requests_per_second: float | None
    cpu_ms_per_request: float | None
    rows: float | None
    check: str
    mrkg_over_oxigraph: float | None
    peer_over_mrkg: float | None
    status: str
    problem: str

    def cells(self) -> list[str]:
        def number(value: float | None, digits: int = 1) -> str:
            return "—" if value is None else f"{value:,.{digits}f}"

        failed = self.status if self.status != "ok" else None
        return [
            self.query, self.server,
            failed if failed and self.p50_ms is None else number(self.p50_ms, 2),
            failed if failed and self.p95_ms is None else number(self.p95_ms, 2),
            failed if failed and self.requests_per_second is None else number(self.requests_per_second),
            number(self.cpu_ms_per_request, 2),
            number(self.rows, 0), self.check,
            _ratio(self.mrkg_over_oxigraph), _ratio(self.peer_over_mrkg),
        ]


def _ratio(value: float | None) -> str:
    return "" if value is None else f"{value:.2f}×"


def agreement(runs: Mapping[str, Run]) -> str:
    """"same" if every server answered every request it completed with the same number of rows."""
    answered = {server: [o.rows if o.status == "ok" else None for o in run.sequential] for server, run in runs.items()}
    if len(answered) < 2:
        return "—"
    compared = 0
    for index in range(min(len(rows) for rows in answered.values())):
        counts = {server: rows[index] for server, rows in answered.items() if rows[index] is not None}
        if len(counts) < 2:
            continue
        compared += 1
        if len(set(counts.values())) > 1:
            shown = ", ".join(f"{server} {count}" for server, count in counts.items())
            return f"DIFFERS at request {index}: {shown}"
    return "same" if compared else "—"


def rows_of(results: Results) -> list[Row]:
    table = []
    for query in MIX:
        runs = results.get(query.name, {})
        check = agreement(runs)
        p50 = {server: run.percentile(0.5) for server, run in runs.items()}
        common = min((len(run.sequential) for run in runs.values()), default=0)  # the requests all servers got
        for server, run in runs.items():
            answered = [o.rows for o in run.sequential[:common] if o.status == "ok" and o.rows is not None]
            p95 = run.percentile(0.95)
            mrkg_over, peer_over = None, None
            if server.startswith(OURS) and p50.get(server):  # mrkg, and mrkg with serving processes
                if p50.get(REFERENCE):
                    mrkg_over = p50[server] / p50[REFERENCE]  # type: ignore[operator]
                if p50.get(PEER):
                    peer_over = p50[PEER] / p50[server]  # type: ignore[operator]
            table.append(Row(
                query.name, server,
                None if p50[server] is None else p50[server] * 1000,  # type: ignore[operator]
                None if p95 is None else p95 * 1000,
                run.requests_per_second,
                run.cpu_ms_per_request,
                statistics.median(answered) if answered else None,
                check, mrkg_over, peer_over, run.status, run.first_problem(),
            ))
    return table


def verdicts(results: Results) -> list[str]:
    """The targets, query by query: met, missed, or not measured."""
    lines = []
    within, missed, beyond, short = [], [], [], []
    for query in MIX:
        runs = results.get(query.name, {})
        ours = runs[OURS].percentile(0.5) if OURS in runs else None
        reference = runs[REFERENCE].percentile(0.5) if REFERENCE in runs else None
        if ours and reference:
            (within if ours <= WITHIN_OXIGRAPH * reference else missed).append(f"{query.name} {ours / reference:.2f}×")
        if query.target and ours and PEER in runs:
            peer = runs[PEER].percentile(0.5)
            if peer is None and runs[PEER].status == "timeout":
                beyond.append(f"{query.name} (rdflib-endpoint timed out)")
            elif peer is not None:
                (beyond if peer >= BEYOND_PEER * ours else short).append(f"{query.name} {peer / ours:.2f}×")
    if within or missed:
        lines.append(f"mrkg p50 within {WITHIN_OXIGRAPH}× of Oxigraph server: met on {len(within)} of "
                     f"{len(within) + len(missed)} queries" + (f"; MISSED on {', '.join(missed)}" if missed else ""))
    if beyond or short:
        lines.append(f"mrkg at least {BEYOND_PEER:.0f}× faster than rdflib-endpoint (p50) on join and aggregate: "
                     f"met on {', '.join(beyond) or 'none'}" + (f"; MISSED on {', '.join(short)}" if short else ""))
    lines += small_query_verdicts(results)
    join, path = results.get("instrument-join", {}), results.get("instrument-path", {})
    for server in join.keys() & path.keys():
        same = [a.rows == b.rows for a, b in zip(join[server].sequential, path[server].sequential)
                if a.status == b.status == "ok"]
        if same and not all(same):
            lines.append(f"{server}: instrument-path and instrument-join DIFFER in rows: the materialised link "
                         "and the partOf* closure disagree")
    problems = [f"{row.server} on {row.query}: {row.status}: {row.problem}" for row in rows_of(results)
                if row.status != "ok"]
    repeats = [f"{query} on {server}: {run.repeated} requests repeated a query string (the data has fewer values "
               "to draw from than requests)" for query, runs in results.items() for server, run in runs.items()
               if run.repeated]
    return lines + problems + repeats


def small_query_verdicts(results: Results) -> list[str]:
    """Issue 15 point 4 on the point lookups and joins measured: p50 within 1.1×, throughput at least Oxigraph's.

    Judged for each way of running mrkg that was measured (``mrkg``, ``mrkg-processes``).
    """
    lines = []
    variants = sorted({server for runs in results.values() for server in runs if server.startswith(OURS)})
    for ours_name in variants:
        latency_met, latency_missed, throughput_met, throughput_missed = [], [], [], []
        for name in SMALL_QUERIES:
            runs = results.get(name, {})
            if ours_name not in runs or REFERENCE not in runs:
                continue
            ours, reference = runs[ours_name].percentile(0.5), runs[REFERENCE].percentile(0.5)
            if ours and reference:
                ratio = f"{name} {ours / reference:.2f}×"
                (latency_met if ours <= WITHIN_OXIGRAPH_SMALL * reference else latency_missed).append(ratio)
            ours_rate, reference_rate = runs[ours_name].requests_per_second, runs[REFERENCE].requests_per_second
            if ours_rate and reference_rate:
                share = f"{name} {ours_rate / reference_rate:.2f}×"
                (throughput_met if ours_rate >= reference_rate else throughput_missed).append(share)
        if latency_met or latency_missed:
            lines.append(f"point lookups and joins, {ours_name} p50 within {WITHIN_OXIGRAPH_SMALL}× of Oxigraph server: "
                         f"met on {', '.join(latency_met) or 'none'}"
                         + (f"; MISSED on {', '.join(latency_missed)}" if latency_missed else ""))
        if throughput_met or throughput_missed:
            lines.append(f"point lookups and joins, {ours_name} throughput at least Oxigraph server's "
                         f"({ours_name}/oxigraph req/s): met on {', '.join(throughput_met) or 'none'}"
                         + (f"; MISSED on {', '.join(throughput_missed)}" if throughput_missed else ""))
    return lines


def text_table(rows: list[Row]) -> str:
    cells = [COLUMNS] + [row.cells() for row in rows]
    widths = [max(len(line[column]) for line in cells) for column in range(len(COLUMNS))]
    numeric = set(range(2, 7)) | {8, 9}

    def line(values: list[str]) -> str:
        return "  ".join(value.rjust(width) if index in numeric else value.ljust(width)
                         for index, (value, width) in enumerate(zip(values, widths))).rstrip()

    out = [line(cells[0]), line(["-" * width for width in widths])]
    previous = None
    for row, values in zip(rows, cells[1:]):
        if previous is not None and row.query != previous:
            out.append("")
        out.append(line(values))
        previous = row.query
    return "\n".join(out)


def markdown_table(rows: list[Row]) -> str:
    out = ["| " + " | ".join(COLUMNS) + " |", "|" + "|".join(["---"] * 2 + ["---:"] * 5 + ["---"] + ["---:"] * 2) + "|"]
    out += ["| " + " | ".join(row.cells()) + " |" for row in rows]
    return "\n".join(out)


def describe_mix() -> str:
    return "\n".join(f"- `{query.name}`: {query.what}" + (f" ({query.target} target)" if query.target else "")
                     for query in MIX)


def as_json(results: Results) -> list[dict[str, Any]]:
    out = []
    for row in rows_of(results):
        run = results[row.query][row.server]
        out.append({
            **row.__dict__,
            "latencies_ms": [round(o.seconds * 1000, 3) for o in run.sequential],
            "wire_bytes": [o.wire_bytes for o in run.sequential],
            "rows_per_request": [o.rows for o in run.sequential],
            "concurrent_requests": len(run.concurrent), "concurrent_seconds": run.concurrent_seconds,
            "clients": run.clients, "repeated_query_strings": run.repeated,
        })
    return out


def write_json(path: Any, document: dict[str, Any]) -> None:
    path.write_text(json.dumps(document, indent=2, default=str) + "\n")


def footprint_table(footprints: list[Footprint]) -> str:
    """Markdown: load time and disk size per back-end (issue 15, point 2)."""
    lines = ["| back-end | load | disk | |", "|---|---:|---:|---|"]
    for row in footprints:
        seconds = f"{row.load_seconds:,.1f} s" if row.load_seconds is not None else "–"
        size = f"{row.disk_bytes / 1e6:,.1f} MB" if row.disk_bytes is not None else "–"
        lines.append(f"| {row.backend} | {seconds} | {size} | {row.note} |")
    return "\n".join(lines)
