"""The `mrkg` command: its help, its exit codes, its query output."""
from __future__ import annotations

import subprocess
import sys

from graph.cli import parser


def run_mrkg(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "graph.cli", *args], capture_output=True, text=True, env=env, timeout=600)


def test_help_lists_the_four_subcommands() -> None:
    result = run_mrkg("--help")
    assert result.returncode == 0
    for command in ("build", "serve", "query", "validate"):
        assert f"    {command}" in result.stdout
    assert "exit codes" in result.stdout


def test_every_subcommand_has_a_help_that_explains_itself() -> None:
    for command in ("build", "serve", "query", "validate"):
        result = run_mrkg(command, "--help")
        assert result.returncode == 0, result.stderr
        assert len(result.stdout.split()) > 25, f"{command} --help says too little"


def test_unknown_subcommand_is_a_usage_error() -> None:
    result = run_mrkg("frobnicate")
    assert result.returncode == 2
    assert "invalid choice" in result.stderr


def test_query_without_a_build_says_what_to_do(tmp_path) -> None:  # noqa: ANN001
    import os

    env = dict(os.environ, MRKG_VAR_DIR=str(tmp_path / "var"))
    result = run_mrkg("query", "ASK {}", env=env)
    assert result.returncode == 2
    assert "mrkg build" in result.stderr
    assert "Traceback" not in result.stderr


def test_parser_defaults() -> None:
    args = parser().parse_args(["serve"])
    assert (args.host, args.port) == ("127.0.0.1", 8000)
