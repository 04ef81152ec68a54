"""A release whose nodes cannot serve it is never switched to: the live release goes on answering."""
from __future__ import annotations

from pathlib import Path

import httpx
import pytest

from graph.cluster.nodes import free_port
from graph.cluster.rollout import Cluster
from graph.errors import MrkgError
from graph.settings import Settings
from live_service import SAMPLE, build_store

pytestmark = pytest.mark.slow


def test_a_damaged_release_is_not_rolled_out(tmp_path: Path) -> None:
    var = tmp_path / "var"
    build_store(SAMPLE, var, "release-1")
    cluster = Cluster(Settings.from_env(environ={}, var_dir=var), port=free_port(), size=2,
                      node_settings={"MRKG_QUERY_WORKERS": "1"}, start_timeout=20)
    cluster.start()
    try:
        live = list(cluster.nodes)
        damaged = build_store(SAMPLE, var, "release-damaged")
        for part in damaged.iterdir():
            if part.is_file():
                part.write_bytes(b"not a store")
        with pytest.raises(MrkgError, match="did not answer /health with build 'release-damaged'"):
            cluster.rollout()
        reply = httpx.get(cluster.balancer.url + "/health", timeout=10)
        assert reply.status_code == 200
        assert reply.headers["x-mrkg-release"] == "release-1" and reply.json()["store"]["build_id"] == "release-1"
        assert cluster.nodes == live and all(node.alive() for node in live)
        assert cluster.balancer.live() == "blue"
        assert set(cluster.balancer.status("green").values()) == {"MAINT"}
        assert sorted(path.name for path in (cluster.folder / "nodes").iterdir()) == sorted(n.name for n in live), \
            "the damaged release's nodes are stopped and their copies removed"
    finally:
        cluster.stop()
