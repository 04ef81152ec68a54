"""HAProxy as the cluster drives it: its configuration, and a runtime-API command it refuses."""
from __future__ import annotations

from pathlib import Path

import httpx
import pytest

from graph.cluster.balancer import Balancer, render
from graph.cluster.nodes import free_port
from graph.errors import MrkgError


def test_the_configuration_listens_on_loopback_only_and_retries_on_another_node(tmp_path: Path) -> None:
    config = render(tmp_path / "s", tmp_path / "p", tmp_path / "m", tmp_path / "r", 8123, 3, 35)
    binds = [line.split()[1] for line in config.splitlines() if line.strip().startswith("bind ")]
    assert binds == ["127.0.0.1:8123"]
    assert config.count("server n") == 6 and "retry-on conn-failure empty-response" in config
    assert "option redispatch 1" in config and "option httpchk GET /health" in config
    assert "timeout server 35s" in config


def test_a_command_haproxy_refuses_is_an_error_in_words(tmp_path: Path) -> None:
    balancer = Balancer(tmp_path / "cluster", free_port(), size=2, timeout_server=35)
    balancer.start()
    try:
        with pytest.raises(MrkgError, match="haproxy refused `set server blue/n3 .*No such server"):
            balancer.place("blue", 3, 8000)  # two slots a backend: there is no n3
        assert balancer.live() == "blue"
        balancer.switch("green")
        assert balancer.live() == "green"
        assert set(balancer.status("green").values()) == {"MAINT"}
        # No node in the live backend: HAProxy answers 503 itself, on 127.0.0.1 only.
        assert httpx.get(balancer.url + "/health", timeout=5).status_code == 503
    finally:
        balancer.stop()
    assert balancer.process is not None and balancer.process.returncode is not None


def test_a_port_already_taken_is_named(tmp_path: Path) -> None:
    import socket

    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        with pytest.raises(MrkgError, match=rf"cannot bind socket .*127\.0\.0\.1:{port}"):
            Balancer(tmp_path / "cluster", port, size=2, timeout_server=35).start()
