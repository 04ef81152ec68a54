"""The server follows `mrkg build`'s atomic swap of var/current, and computes per-build data once per build."""
from __future__ import annotations

from pathlib import Path
from typing import Iterator

import httpx
import pytest

import api.dataset
from graph.settings import Settings
from pages.support import FIXTURE, LiveServer, fixture_quads, make_app, publish_fixture


@pytest.fixture()
def own_site(tmp_path: Path) -> Iterator[tuple[Path, httpx.Client]]:
    publish_fixture(tmp_path)
    server = LiveServer(make_app(Settings(var_dir=tmp_path)))
    url = server.start()
    with httpx.Client(base_url=url, timeout=30) as client:
        yield tmp_path, client
    server.stop()


def test_a_new_build_is_served_without_a_restart(own_site: tuple[Path, httpx.Client], tmp_path: Path) -> None:
    var, http = own_site
    assert http.get("/id/actor/mexico").status_code == 200
    renamed = FIXTURE.read_text(encoding="utf-8").replace('rdfs:label "Mexico"', 'rdfs:label "United Mexican States"')
    changed = tmp_path / "changed.trig"
    changed.write_text(renamed, encoding="utf-8")
    publish_fixture(var, fixture_quads(changed))
    assert "<h1>United Mexican States</h1>" in http.get("/id/actor/mexico").text


def test_nothing_published_is_a_clear_503(tmp_path: Path) -> None:
    server = LiveServer(make_app(Settings(var_dir=tmp_path / "empty")))
    url = server.start()
    try:
        response = httpx.get(url + "/id/actor/mexico", timeout=30)
        assert response.status_code == 503
        assert "mrkg build" in response.text
    finally:
        server.stop()


def test_dataset_counts_are_computed_once_per_build(own_site: tuple[Path, httpx.Client],
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    var, http = own_site
    calls: list[object] = []
    real = api.dataset.statistics

    def counted(store: object) -> object:
        calls.append(store)
        return real(store)  # type: ignore[arg-type]

    monkeypatch.setattr(api.dataset, "statistics", counted)
    for _ in range(3):
        assert http.get("/.well-known/void").status_code == 200
        assert http.get("/id/dataset").status_code == 200
    assert len(calls) == 1
    publish_fixture(var)
    assert http.get("/.well-known/void").status_code == 200
    assert len(calls) == 2
