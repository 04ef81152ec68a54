"""Shared fixtures: one real build of the five sources per test run."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest


@pytest.fixture(scope="session")
def published_var(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A var/ directory holding a real `mrkg build` of data/ (built once per run)."""
    var = tmp_path_factory.mktemp("var")
    result = subprocess.run([sys.executable, "-m", "graph.cli", "build"], capture_output=True, text=True,
                            env=dict(os.environ, MRKG_VAR_DIR=str(var)), timeout=900)
    assert result.returncode == 0, f"mrkg build failed:\n{result.stdout}\n{result.stderr}"
    return var
