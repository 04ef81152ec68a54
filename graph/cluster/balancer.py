"""HAProxy in front of the nodes, driven through its runtime API (the admin socket).

The configuration is ``deploy/haproxy.cfg`` with its placeholders filled in.
Nodes come and go without a reload: each backend has one server slot per
node, given an address and taken out again with ``set server``; which
backend is live is one entry of a map file, changed with ``set map`` — the
one step that moves every later request to the new release.
"""
from __future__ import annotations

import csv
import io
import os
import shutil
import signal
import socket
import subprocess
import time
from pathlib import Path
from string import Template

from graph.errors import MrkgError
from graph.settings import PROJECT_ROOT

TEMPLATE = PROJECT_ROOT / "deploy" / "haproxy.cfg"
SLOTS = ("blue", "green")
PLACEHOLDER = "127.0.0.1:9"  # an empty slot's address: never used, the slot is in maintenance
START_TIMEOUT = 10.0  # seconds HAProxy has to open its admin socket


def other(slot: str) -> str:
    """The backend that is not ``slot``."""
    return SLOTS[1 - SLOTS.index(slot)]


def render(socket_path: Path, pidfile: Path, slot_map: Path, release_map: Path, port: int, size: int,
           timeout_server: float) -> str:
    """``deploy/haproxy.cfg`` for ``size`` nodes a backend, listening on 127.0.0.1:``port`` only."""
    def servers(slot: str) -> str:
        return "\n".join(f"    server n{index} {PLACEHOLDER} disabled" for index in range(1, size + 1))

    return Template(TEMPLATE.read_text(encoding="utf-8")).substitute(
        socket=socket_path, pidfile=pidfile, slot_map=slot_map, release_map=release_map,
        bind=f"127.0.0.1:{port}", timeout_server=f"{timeout_server:.0f}s",
        blue_servers=servers("blue"), green_servers=servers("green"))


class Balancer:
    """One HAProxy process (started and stopped here) and the commands a rollout needs."""

    def __init__(self, folder: Path, port: int, size: int, timeout_server: float) -> None:
        self.folder, self.port, self.size = folder, port, size
        self.socket = folder / "haproxy.sock"
        self.slot_map = folder / "live.map"
        self.release_map = folder / "releases.map"
        self.config = folder / "haproxy.cfg"
        self.timeout_server = timeout_server
        self.process: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> None:
        """Write the configuration and maps, check them with ``haproxy -c``, start HAProxy in the foreground."""
        binary = shutil.which("haproxy") or shutil.which("haproxy", path="/usr/sbin:/sbin")
        if binary is None:
            raise MrkgError("haproxy is not installed: run `make haproxy` (Debian's haproxy package)")
        self.folder.mkdir(parents=True, exist_ok=True)
        self.slot_map.write_text("live blue\n", encoding="utf-8")
        self.release_map.write_text("".join(f"{slot} none\n" for slot in SLOTS), encoding="utf-8")
        self.config.write_text(render(self.socket, self.folder / "haproxy.pid", self.slot_map, self.release_map,
                                      self.port, self.size, self.timeout_server), encoding="utf-8")
        check = subprocess.run([binary, "-c", "-q", "-f", str(self.config)], capture_output=True, text=True)
        if check.returncode != 0:
            raise MrkgError(f"{self.config}: HAProxy refuses the configuration:\n{check.stdout}{check.stderr}")
        if self.socket.exists():
            self.socket.unlink()
        log = (self.folder / "haproxy.log").open("wb")
        self.process = subprocess.Popen([binary, "-db", "-f", str(self.config)], stdout=log, stderr=subprocess.STDOUT)
        log.close()
        deadline = time.monotonic() + START_TIMEOUT
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                lines = (self.folder / "haproxy.log").read_text(encoding="utf-8", errors="replace").splitlines()
                said = "\n".join(line for line in lines if "[ALERT]" in line) or "\n".join(lines)
                raise MrkgError(f"haproxy exited with status {self.process.returncode} (127.0.0.1:{self.port}): {said}")
            try:
                self.command("show info")
                return
            except OSError:
                time.sleep(0.05)
        self.stop()
        raise MrkgError(f"haproxy did not open its admin socket within {START_TIMEOUT:.0f} s")

    def stop(self) -> None:
        """SIGUSR1: HAProxy stops listening and ends once the requests it holds are answered; SIGKILL after 20 s."""
        if self.process is None or self.process.poll() is not None:
            return
        self.process.send_signal(signal.SIGUSR1)
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()

    def command(self, text: str) -> str:
        """One runtime API command; its answer.  :class:`MrkgError` when HAProxy reports an error."""
        with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as connection:
            connection.settimeout(10)
            connection.connect(os.fspath(self.socket))
            connection.sendall(text.encode() + b"\n")
            chunks = []
            while chunk := connection.recv(65536):
                chunks.append(chunk)
        return b"".join(chunks).decode("utf-8", errors="replace")

    def change(self, text: str, done: str = "") -> None:
        """A runtime API command that changes something: it answers nothing (or ``done``) when it did it."""
        answer = self.command(text).strip()
        if (done not in answer) if done else answer:
            raise MrkgError(f"haproxy refused `{text}`: {answer}")

    def place(self, slot: str, index: int, port: int) -> None:
        """Point server ``n<index>`` of ``slot`` at a node on 127.0.0.1:``port`` and take it out of maintenance."""
        self.change(f"set server {slot}/n{index} addr 127.0.0.1 port {port}", done="change")  # "changed", or "no need to change"
        self.change(f"set server {slot}/n{index} state ready")

    def vacate(self, slot: str, index: int) -> None:
        """Put server ``n<index>`` of ``slot`` back in maintenance (no request, no health check reaches it)."""
        self.change(f"set server {slot}/n{index} state maint")

    def label(self, slot: str, build_id: str) -> None:
        """The release ``slot`` serves, sent to clients as ``X-Mrkg-Release`` (a build id has no spaces)."""
        self.change(f"set map {self.release_map} {slot} {build_id}")

    def switch(self, slot: str) -> None:
        """Route every request from now on to ``slot``: one map entry, changed in one command."""
        self.change(f"set map {self.slot_map} live {slot}")

    def live(self) -> str:
        """The backend requests are routed to now."""
        answer = self.command(f"get map {self.slot_map} live")
        for slot in SLOTS:
            if f'value="{slot}"' in answer:
                return slot
        raise MrkgError(f"haproxy's live map has no backend: {answer.strip()}")

    def statistics(self) -> list[dict[str, str]]:
        """``show stat``: one row per frontend, server and backend (pxname, svname, status, scur, wretr, wredis…)."""
        text = self.command("show stat").lstrip("# ")
        return list(csv.DictReader(io.StringIO(text)))

    def status(self, slot: str) -> dict[int, str]:
        """The state HAProxy's health checks give each server of ``slot`` (UP, DOWN, MAINT…), by index."""
        found: dict[int, str] = {}
        for row in self.statistics():
            if row["pxname"] == slot and row["svname"].startswith("n") and row["svname"][1:].isdigit():
                found[int(row["svname"][1:])] = row["status"]
        return found

    def in_flight(self, slot: str) -> int:
        """Requests ``slot`` holds now: being answered by a node, or queued for one."""
        for row in self.statistics():
            if row["pxname"] == slot and row["svname"] == "BACKEND":
                return int(row["scur"] or 0) + int(row["qcur"] or 0)
        raise MrkgError(f"haproxy has no backend {slot}")
