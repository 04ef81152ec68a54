"""The verdicts of issue 15 point 4 and the CPU time each server is charged, read from real runs and processes."""
from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

from benchmarks import servers
from benchmarks.measure import Outcome, Run
from benchmarks.report import rows_of, small_query_verdicts, text_table


def _run(p50_ms: float, requests_per_second: float, cpu_seconds: float = 0.5) -> Run:
    answered = int(requests_per_second)  # over one second
    return Run(sequential=[Outcome(p50_ms / 1000, 1, "ok")] * 5,
               concurrent=[Outcome(0.001, 1, "ok")] * answered, concurrent_seconds=1.0, clients=4,
               concurrent_cpu_seconds=cpu_seconds)


def test_small_queries_are_judged_on_latency_within_1_1_and_throughput_at_least_oxigraphs() -> None:
    results = {
        "point-lookup": {"oxigraph": _run(1.0, 500), "mrkg": _run(1.05, 520), "mrkg-processes": _run(0.9, 600)},
        "citing-statements": {"oxigraph": _run(1.0, 500), "mrkg": _run(1.5, 400), "mrkg-processes": _run(1.0, 500)},
        "citations-per-provision": {"oxigraph": _run(1.0, 500), "mrkg": _run(3.0, 100)},  # not a small query
    }
    latency, throughput, in_process_latency, in_process_throughput = small_query_verdicts(results)
    assert latency == ("point lookups and joins, mrkg p50 within 1.1× of Oxigraph server: met on point-lookup 1.05×; "
                       "MISSED on citing-statements 1.50×")
    assert throughput == ("point lookups and joins, mrkg throughput at least Oxigraph server's (mrkg/oxigraph req/s): "
                          "met on point-lookup 1.04×; MISSED on citing-statements 0.80×")
    assert in_process_latency == ("point lookups and joins, mrkg-processes p50 within 1.1× of Oxigraph server: "
                                  "met on point-lookup 0.90×, citing-statements 1.00×")
    assert in_process_throughput.endswith("(mrkg-processes/oxigraph req/s): met on point-lookup 1.20×, "
                                          "citing-statements 1.00×")


def test_the_table_shows_cpu_time_per_answered_request() -> None:
    results = {"point-lookup": {"oxigraph": _run(1.0, 500, cpu_seconds=0.25), "mrkg": _run(1.2, 400, cpu_seconds=0.6)}}
    rows = {row.server: row for row in rows_of(results)}
    assert rows["oxigraph"].cpu_ms_per_request == 0.5
    assert rows["mrkg"].cpu_ms_per_request == 1.5
    table = text_table(list(rows.values()))
    assert "CPU ms/req" in table.splitlines()[0]
    assert "1.50" in table.splitlines()[3]


def test_a_servers_cpu_time_counts_every_process_of_its_group(tmp_path: Path) -> None:
    """A server that burns CPU in a child process, which then ends: the child's time still counts."""
    burn = ("import subprocess, sys, time\n"
            "subprocess.run([sys.executable, '-c', 'import time\\nend = time.process_time() + 0.6\\n"
            "while time.process_time() < end: pass'])\n"
            "time.sleep(30)\n")
    server = servers.Server("burner", [], "/", tmp_path / "log")
    server.process = subprocess.Popen([sys.executable, "-c", burn], start_new_session=True)
    try:
        deadline = time.monotonic() + 20
        while server.cpu_seconds() < 0.6 and time.monotonic() < deadline:
            time.sleep(0.1)
        assert 0.6 <= server.cpu_seconds() < 5.0
    finally:
        server.stop()
    assert server.cpu_seconds() == 0.0  # stopped: nothing left to count
