"""A release rolled out to N nodes with no failed request and no answer older than one already seen.

Blue/green: the release's nodes start in the backend that takes no traffic,
each on its own copy; once every one answers /health with that release and
HAProxy's own checks see them up, one ``set map`` moves the balancer to
them.  Why no client can then see the older release after the newer one:

1. a node never changes release (:mod:`graph.cluster.nodes`), and a backend
   only ever holds nodes of one release;
2. HAProxy picks the backend for each request when it routes it, from the
   live map entry, and a retry or redispatch stays in that backend;
3. the switch is one entry changed in one command, so a request routed after
   it returns goes to the new backend.  A client that has an answer from the
   new release sent that request after the switch; whatever it sends next is
   routed later still, so it is answered by the new release too.

Requests routed before the switch finish on the old nodes: they are stopped
only once their backend holds no request (:meth:`Cluster.drain`).
"""
from __future__ import annotations

import logging
import threading
import time
from dataclasses import dataclass
from pathlib import Path

from graph.cluster.balancer import Balancer, other
from graph.cluster.nodes import START_TIMEOUT, Node, release_id, start_node, stop_node, wait_ready
from graph.errors import MrkgError
from graph.settings import Settings

log = logging.getLogger("mrkg.cluster")

UP_TIMEOUT = 30.0  # seconds HAProxy's health checks have to see a started node up
DRAIN_GRACE = 5.0  # seconds beyond the query time limit that the old nodes are given to finish their requests


@dataclass(frozen=True)
class Rollout:
    """What one rollout did, for the launcher's log and the tests."""

    previous: str
    release: str
    slot: str
    drained_seconds: float


class Cluster:
    """``size`` nodes of the published release behind one HAProxy on 127.0.0.1:``port``."""

    def __init__(self, settings: Settings, port: int, size: int = 3, folder: Path | None = None,
                 node_settings: dict[str, str] | None = None, start_timeout: float = START_TIMEOUT) -> None:
        if settings.update_enabled:
            raise MrkgError("MRKG_UPDATE_ENABLED is set: nodes serve read-only copies of a release, and the balancer "
                            "sends a request again to another node, which is only safe for reads")
        if size < 1:
            raise MrkgError(f"--nodes {size}: a cluster needs at least one node")
        self.settings, self.size, self.start_timeout = settings, size, start_timeout
        self.folder = folder or settings.var_dir / "cluster"
        self.balancer = Balancer(self.folder, port, size, timeout_server=settings.query_timeout + DRAIN_GRACE)
        base_url = settings.base_url or self.balancer.url
        # Links must name the balancer, not the node a request happened to reach; every client shares the
        # balancer's address, so the per-client connection cap would count them all as one.
        # A node killed mid-answer must have sent nothing, for HAProxy to send the request again (api.whole_answers).
        self.node_settings = {"MRKG_BASE_URL": base_url, "MRKG_MAX_CONNECTIONS_PER_CLIENT": "0",
                              "MRKG_WHOLE_ANSWERS": "true", **(node_settings or {})}
        self.nodes: list[Node] = []  # the live release's nodes, slot n1 first
        self.slot = "blue"
        self.source: Path | None = None  # the release folder the live nodes were copied from
        self._generation = 0
        self._lock = threading.Lock()

    @property
    def release(self) -> str:
        return self.nodes[0].release if self.nodes else ""

    def published(self) -> Path:
        """The release folder ``var/current`` points to now."""
        current = self.settings.current_dir
        if not (current / "store").is_dir():
            raise MrkgError(f"nothing is published under {self.settings.var_dir}: run `mrkg build` first")
        return current.resolve()

    def start(self) -> None:
        """HAProxy, then the published release on ``size`` nodes, made live."""
        self.balancer.start()
        try:
            self.source = self.published()
            self.nodes = self._bring_up(self.source, self.slot)
            self.balancer.switch(self.slot)
        except BaseException:
            self.stop()
            raise

    def rollout(self, release: Path | None = None) -> Rollout:
        """Move every node to ``release`` (default: what ``var/current`` points to now); see the module's notes."""
        with self._lock:
            release = release or self.published()
            previous, old_nodes, old_slot = self.release, self.nodes, self.slot
            slot = other(old_slot)
            nodes = self._bring_up(release, slot)
            self.balancer.switch(slot)
            self.nodes, self.slot, self.source = nodes, slot, release
            drained = self.drain(old_slot, old_nodes)
            log.info("rolled out %s (was %s) on %d nodes", nodes[0].release, previous, len(nodes))
            return Rollout(previous, nodes[0].release, slot, drained)

    def drain(self, slot: str, nodes: list[Node]) -> float:
        """Wait until ``slot`` holds no request, then take its servers out and stop its nodes; the seconds waited."""
        began = time.monotonic()
        deadline = began + self.balancer.timeout_server
        while self.balancer.in_flight(slot) and time.monotonic() < deadline:
            time.sleep(0.05)
        waited = time.monotonic() - began
        for index in range(1, self.size + 1):
            self.balancer.vacate(slot, index)
        for node in nodes:
            stop_node(node)
        return waited

    def replace_lost(self) -> list[Node]:
        """Start a fresh node of the live release in the slot of each live node that has exited; the new ones."""
        with self._lock:
            lost = [(index, node) for index, node in enumerate(self.nodes, start=1) if not node.alive()]
            if not lost:
                return []
            alive = [node for node in self.nodes if node.alive()]
            source = next((alive[0].folder / "releases").iterdir()) if alive else self.source
            if source is None:
                raise MrkgError("no release to start a node from: the cluster has not started")
            fresh: list[Node] = []
            for index, node in lost:
                stop_node(node)
                replacement = self._start(source, self.slot, index)
                wait_ready(replacement, self.start_timeout)
                self.balancer.place(self.slot, index, replacement.port)
                self.nodes[index - 1] = replacement
                fresh.append(replacement)
            return fresh

    def stop(self) -> None:
        """Stop the balancer (it finishes the requests it holds), then every node."""
        self.balancer.stop()
        for node in self.nodes:
            stop_node(node)
        self.nodes = []

    def _bring_up(self, release: Path, slot: str) -> list[Node]:
        """``size`` nodes of ``release`` answering /health, placed in ``slot`` and seen up by HAProxy's checks."""
        expected = release_id(release)
        self._generation += 1
        nodes = [self._start(release, slot, index) for index in range(1, self.size + 1)]
        try:
            for node in nodes:
                wait_ready(node, self.start_timeout)
            self.balancer.label(slot, expected)
            for index, node in enumerate(nodes, start=1):
                self.balancer.place(slot, index, node.port)
            self._wait_up(slot)
        except BaseException:
            for index, node in enumerate(nodes, start=1):
                self.balancer.vacate(slot, index)
                stop_node(node)
            raise
        return nodes

    def _start(self, release: Path, slot: str, index: int) -> Node:
        name = f"{release_id(release)}-{slot}-{self._generation}-n{index}"
        return start_node(release, self.folder / "nodes", name, self.node_settings)

    def _wait_up(self, slot: str) -> None:
        deadline = time.monotonic() + UP_TIMEOUT
        while time.monotonic() < deadline:
            states = self.balancer.status(slot)
            if all(states.get(index, "").startswith("UP") for index in range(1, self.size + 1)):
                return
            time.sleep(0.1)
        raise MrkgError(f"haproxy's health checks did not see the {slot} nodes up within {UP_TIMEOUT:.0f} s: "
                        f"{self.balancer.status(slot)}")
