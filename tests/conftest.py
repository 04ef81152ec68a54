"""Shared fixtures: a real build of the five sources, and a real mrkg service.

``published_var`` is a var/ folder holding a real ``mrkg build`` of data/ (built
once per run).  ``live_server`` is the base URL (a ``str``) of a service answering from a
store built from ``tests/fixtures/sample.trig``; it also carries ``.pid`` and
``.var_dir`` (see ``tests/live_service.py``).  ``start_server(**settings)`` starts another one with other
settings (MRKG_ variables, e.g. ``query_timeout=2``; ``cli=True`` starts it as
``mrkg serve``, with its connection guard); every server started is stopped at
the end of the session.
"""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any, Callable, Iterator

import httpx
import pytest

from live_service import SAMPLE, LiveServer, build_store, launch, stop
from virtuoso_service import ISQL, MISSING, VIRTUOSO, VirtuosoServer


@pytest.fixture(scope="session")
def served_var_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The var/ folder the live server answers from (one published build of the sample data)."""
    var_dir = tmp_path_factory.mktemp("var")
    build_store(SAMPLE, var_dir)
    return var_dir


@pytest.fixture(scope="session")
def start_server(tmp_path_factory: pytest.TempPathFactory, served_var_dir: Path) -> Iterator[Callable[..., LiveServer]]:
    started: list[LiveServer] = []
    logs = tmp_path_factory.mktemp("logs")

    def start(var_dir: Path | None = None, **settings: Any) -> LiveServer:
        server = launch(var_dir or served_var_dir, logs, **settings)
        started.append(server)
        return server

    yield start
    for server in started:
        stop(server)


@pytest.fixture(scope="session")
def live_server(start_server: Callable[..., LiveServer]) -> LiveServer:
    """Base URL of a running mrkg service over the sample data (default settings)."""
    return start_server()


@pytest.fixture()
def client(live_server: LiveServer) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=live_server, timeout=30) as http:
        yield http


@pytest.fixture(scope="session")
def published_var(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A var/ directory holding a real `mrkg build` of data/ (built once per run)."""
    var = tmp_path_factory.mktemp("var")
    result = subprocess.run([sys.executable, "-m", "graph.cli", "build"], capture_output=True, text=True,
                            env=dict(os.environ, MRKG_VAR_DIR=str(var)), timeout=900)
    assert result.returncode == 0, f"mrkg build failed:\n{result.stdout}\n{result.stderr}"
    return var


@pytest.fixture(scope="session")
def built_server(start_server: Callable[..., LiveServer], published_var: Path) -> LiveServer:
    """Base URL of a running mrkg service over the real build of data/ (slow: builds first)."""
    return start_server(var_dir=published_var)


@pytest.fixture(scope="session")
def start_virtuoso(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Callable[..., VirtuosoServer]]:
    """Starts real Virtuoso servers (``VirtuosoServer(folder, max_rows=…, max_seconds=…)``), stopped at the end."""
    if VIRTUOSO is None or ISQL is None:
        pytest.skip(MISSING)
    started: list[VirtuosoServer] = []

    def start(**ini: Any) -> VirtuosoServer:
        server = VirtuosoServer(tmp_path_factory.mktemp("virtuoso"), **ini)
        started.append(server)
        return server

    yield start
    for server in started:
        server.stop()
