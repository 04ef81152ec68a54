"""A long build shows a bar on a terminal, and plain lines elsewhere (issue 11, point 6).

The terminal is real: a pseudo-terminal holds `mrkg build`'s stderr, as a person's terminal
would; elsewhere stderr is a pipe, as in a log or a CI job.
"""
from __future__ import annotations

import io
import os
import pty
import re
import shutil
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from benchmarks.summary_records import write_records
from graph.progress import Reporter, Terminal, bar_text, clock_text
from graph.settings import PROJECT_ROOT


@pytest.fixture(scope="module")
def data(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("progress") / "data"
    shutil.copytree(PROJECT_ROOT / "data" / "catalogue", folder / "catalogue")
    write_records(folder / "sources", sessions=2, per_session=4)
    return folder


def build_command(data: Path, var: Path) -> tuple[list[str], dict[str, str]]:
    env = dict(os.environ, MRKG_DATA_DIR=str(data), MRKG_VAR_DIR=str(var), COLUMNS="100")
    return [sys.executable, "-m", "graph.cli", "build"], env


def test_on_a_terminal_the_build_draws_a_bar(data: Path, tmp_path: Path) -> None:
    command, env = build_command(data, tmp_path / "var")
    leader, follower = pty.openpty()
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=follower, env=env)
    os.close(follower)
    chunks: list[bytes] = []

    def read() -> None:
        while True:
            try:
                chunk = os.read(leader, 65536)
            except OSError:  # the terminal closed: the build is over
                return
            if not chunk:
                return
            chunks.append(chunk)

    reader = threading.Thread(target=read)
    reader.start()
    out, _ = process.communicate(timeout=900)
    reader.join(timeout=60)
    os.close(leader)
    shown = b"".join(chunks).decode("utf-8", "replace")
    assert process.returncode == 0, shown
    assert out.decode().startswith("built 8 documents")
    assert "\r\x1b[K" in shown, "the bar is redrawn in place"
    bars = re.findall(r"(reading sources|checking graphs|checking actors and sessions) \[[#-]+\] "
                      r"(\d+)/(\d+) [\d.,]+/s ETA [\d:-]+", shown)
    assert {label for label, _, _ in bars} == {"reading sources", "checking graphs", "checking actors and sessions"}
    assert ("reading sources", "8", "8") in bars and ("checking graphs", "8", "8") in bars
    assert "synthetic-cmw-c-sr-400.txt: SummaryRecord" not in shown, "each source's line is the bar's on a terminal"
    assert "shapes: conforms" in shown and "published: " in shown


def test_elsewhere_every_source_has_its_own_line_and_nothing_is_redrawn(data: Path, tmp_path: Path) -> None:
    command, env = build_command(data, tmp_path / "var")
    result = subprocess.run(command, capture_output=True, text=True, env=env, timeout=900)
    assert result.returncode == 0, result.stderr
    assert "\r" not in result.stderr and "\x1b[" not in result.stderr
    read = [line for line in result.stderr.splitlines() if line.startswith("  synthetic-cmw-c-sr-")]
    assert len(read) == 8 and all("; read as SummaryRecord" in line for line in read)


def test_the_bar_says_done_of_all_the_rate_and_the_time_left() -> None:
    shown = bar_text("checking graphs", 1234, 5000, 30.0, 100)
    assert shown == "checking graphs [" + "#" * 13 + "-" * 40 + "] 1,234/5,000 41.1/s ETA 1:32"
    assert len(shown) == 99  # the width of the terminal, less the column a cursor would wrap at
    assert bar_text("reading sources", 0, 10, 0.0, 80).endswith(" 0/10 0.0/s ETA --:--")
    assert len(bar_text("reading sources", 3, 10, 1.0, 30)) <= 29  # a narrow terminal: no bar, never wrapped
    assert clock_text(3725) == "1:02:05" and clock_text(59.6) == "1:00"


def test_lines_printed_during_a_stage_go_above_the_bar() -> None:
    stream = io.StringIO()
    ticks = iter(range(100))
    terminal = Terminal(stream, clock=lambda: float(next(ticks)))
    terminal.stage("reading sources", 2)
    terminal.advance()
    terminal.line("refused: broken.txt: the file is empty")
    terminal.advance()
    terminal.done()
    shown = stream.getvalue()
    assert "\r\x1b[Krefused: broken.txt: the file is empty\n\r\x1b[Kreading sources" in shown
    assert shown.endswith(" 2/2 " + shown.rsplit(" 2/2 ", 1)[1]) and shown.endswith("\n")


def test_plain_lines_take_each_source_and_no_bar() -> None:
    said: list[str] = []
    plain = Reporter(said.append)
    plain.stage("reading sources", 2)
    plain.item("  a.txt: SummaryRecord")
    plain.advance()
    plain.line("read 1 of 2 sources")
    plain.done()
    assert said == ["  a.txt: SummaryRecord", "read 1 of 2 sources"]
