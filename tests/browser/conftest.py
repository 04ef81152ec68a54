"""The browser walks the real build of the five sources (not a fixture), served by the real app."""
from __future__ import annotations

from pathlib import Path
from typing import Iterator

import pytest

from graph.settings import Settings
from pages.support import LiveServer, make_app


@pytest.fixture(scope="module")
def site_url(published_var: Path) -> Iterator[str]:
    server = LiveServer(make_app(Settings(var_dir=published_var)))
    url = server.start()
    yield url
    server.stop()
