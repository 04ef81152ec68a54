"""The `mrkg` command: its help, its exit codes, its query output."""
from __future__ import annotations

import subprocess
import sys

from extra_shapes import shapes_breaking
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


def test_an_unreadable_query_file_is_named(tmp_path) -> None:  # noqa: ANN001
    result = run_mrkg("query", "--file", str(tmp_path / "missing.rq"))
    assert result.returncode == 2
    assert "missing.rq" in result.stderr and "Traceback" not in result.stderr


def test_parser_defaults() -> None:
    args = parser().parse_args(["serve"])
    assert (args.host, args.port) == ("127.0.0.1", 8000)


def test_query_prints_a_readable_table(published_var) -> None:  # noqa: ANN001
    import os

    env = dict(os.environ, MRKG_VAR_DIR=str(published_var))
    result = run_mrkg("query", "SELECT ?code WHERE { ?i a mrkg:Instrument ; skos:notation ?code "
                      "FILTER(?code IN ('ICRMW', 'GCM')) } ORDER BY ?code", env=env)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].strip() == "code" and lines[2:4] == ["GCM  ", "ICRMW"] and lines[-1] == "(2 rows)"


def test_query_formats_and_files(published_var, tmp_path) -> None:  # noqa: ANN001
    import json
    import os

    env = dict(os.environ, MRKG_VAR_DIR=str(published_var))
    query_file = tmp_path / "q.rq"
    query_file.write_text("SELECT (COUNT(*) AS ?n) WHERE { ?s a mrkg:Document }")
    as_json = run_mrkg("query", "--file", str(query_file), "--format", "json", env=env)
    assert json.loads(as_json.stdout)["results"]["bindings"][0]["n"]["value"] == "5"
    as_csv = run_mrkg("query", "--file", str(query_file), "--format", "csv", env=env)
    assert as_csv.stdout.splitlines() == ["n", "5"]
    turtle = run_mrkg("query", "DESCRIBE <https://w3id.org/mrkg/id/instrument/icrmw/article/22>",
                      "--format", "turtle", env=env)
    assert 'mrkg:number "22"' in turtle.stdout


def test_query_errors_are_plain_words(published_var) -> None:  # noqa: ANN001
    import os

    env = dict(os.environ, MRKG_VAR_DIR=str(published_var))
    result = run_mrkg("query", "SELEKT * WHERE {}", env=env)
    assert result.returncode == 2
    assert "malformed query" in result.stderr and "Traceback" not in result.stderr
    wrong_format = run_mrkg("query", "ASK {}", "--format", "turtle", env=env)
    assert wrong_format.returncode == 0 and wrong_format.stdout.strip() == "true"


def test_validate_reports_shapes_and_reasoner_in_words(published_var, tmp_path) -> None:  # noqa: ANN001
    import os

    env = dict(os.environ, MRKG_VAR_DIR=str(published_var))
    result = run_mrkg("validate", env=env)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "The published graph conforms." in result.stdout
    assert "HermiT: consistent, no unsatisfiable class" in result.stdout
    shapes = shapes_breaking(tmp_path / "shapes", "sh:targetClass mrkg:Document", "stricter rule")
    stricter = run_mrkg("validate", env=dict(env, MRKG_SHAPES_DIR=str(shapes)))
    assert stricter.returncode == 1
    assert "does NOT conform" in stricter.stdout and "stricter rule" in stricter.stdout
    assert "003_3a65919e68961041.txt" in stricter.stdout  # the source each violation came from


def test_readme_shows_the_current_help() -> None:
    from graph.settings import PROJECT_ROOT

    readme = (PROJECT_ROOT / "README.md").read_text()
    assert run_mrkg("--help").stdout.rstrip("\n") in readme, "README.md's `mrkg --help` block is stale"


def test_query_meets_the_row_cap_time_limit_and_guard_of_the_endpoint(published_var) -> None:  # noqa: ANN001
    import os
    import time

    env = dict(os.environ, MRKG_VAR_DIR=str(published_var), MRKG_MAX_ROWS="3", MRKG_QUERY_TIMEOUT="2")
    cut = run_mrkg("query", "SELECT ?s WHERE { ?s a mrkg:Statement } ORDER BY ?s", env=env)
    assert cut.returncode == 0, cut.stderr
    assert cut.stdout.splitlines()[-1] == "(3 rows)"
    assert "cut at 3 rows (MRKG_MAX_ROWS)" in cut.stderr
    started = time.monotonic()
    slow = run_mrkg("query", "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }", env=env)
    assert slow.returncode == 2 and "time limit of 2 s" in slow.stderr and "Traceback" not in slow.stderr
    assert time.monotonic() - started < 20  # the worker is ended at the limit (start-up included)
    remote = run_mrkg("query", "SELECT * WHERE { SERVICE <http://127.0.0.1:1/> { ?s ?p ?o } }", env=env)
    assert remote.returncode == 2 and "127.0.0.1:1" in remote.stderr and "Traceback" not in remote.stderr
