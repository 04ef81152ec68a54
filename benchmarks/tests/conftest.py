"""A small synthetic graph shared by the benchmark's own tests."""
from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest

from benchmarks import synthetic

SMALL = 120_000


@pytest.fixture(scope="session")
def small_nquads(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("synthetic") / "small.nq"
    synthetic.write_nquads(path, SMALL, seed=7)
    return path


@pytest.fixture(scope="session")
def small_store(small_nquads: Path) -> ox.Store:
    store = ox.Store()
    store.bulk_load(path=str(small_nquads), format=ox.RdfFormat.N_QUADS)
    return store
