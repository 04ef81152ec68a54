from __future__ import annotations

import pytest

from live_service import SAMPLE, build_store


@pytest.fixture(scope="module")
def store_path(tmp_path_factory: pytest.TempPathFactory) -> str:
    """The sample store, built once for a module."""
    return str(build_store(SAMPLE, tmp_path_factory.mktemp("var")).resolve())
