"""The query workers' network sandbox: the engine cannot call out, a worker still works."""
from __future__ import annotations

import socket
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from graph.sandbox import _ARCHES, program

PROJECT_ROOT = Path(__file__).resolve().parents[2]

# As a worker starts (graph.store.worker.main): the filter first, then the engine on its large stack.
CHILD = r"""
import socket, sys
from graph.store.worker import on_large_stack
from graph.sandbox import install
print("sandbox", install().on)
ours, theirs = socket.socketpair()
ours.sendall(b"x")
print("unix", theirs.recv(1) == b"x")
for family in (socket.AF_INET, socket.AF_INET6):
    try:
        socket.socket(family, socket.SOCK_STREAM)
        print("inet", "open")
    except PermissionError:
        print("inet", "refused")

def ask_the_engine():
    import pyoxigraph
    store = pyoxigraph.Store()
    try:
        list(store.query("SELECT * WHERE { SERVICE <http://127.0.0.1:%s/sparql> { ?s ?p ?o } }" % sys.argv[1]))
        print("engine", "answered")
    except OSError as error:
        print("engine", type(error).__name__)
    store.update("INSERT DATA { <urn:a> <urn:b> <urn:c> }")
    print("store", len(store))

on_large_stack(ask_the_engine)
"""


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="seccomp is Linux's")
def test_the_engine_in_a_sandboxed_worker_cannot_reach_a_listener() -> None:
    listener = socket.create_server(("127.0.0.1", 0))
    listener.settimeout(0.2)
    port = listener.getsockname()[1]
    connections: list[socket.socket] = []
    stop = threading.Event()

    def accept() -> None:
        while not stop.is_set():
            try:
                connections.append(listener.accept()[0])
            except TimeoutError:
                continue

    watcher = threading.Thread(target=accept)
    watcher.start()
    try:
        child = subprocess.run([sys.executable, "-c", CHILD, str(port)], capture_output=True, text=True, timeout=60,
                               cwd=PROJECT_ROOT)
    finally:
        stop.set()
        watcher.join()
        listener.close()
    said = dict(line.split(" ", 1) for line in child.stdout.splitlines())
    assert said == {"sandbox": "True", "unix": "True", "inet": "refused", "engine": "PermissionError", "store": "1"}, (
        child.stdout + child.stderr)
    assert connections == []


@pytest.mark.parametrize("machine", sorted(_ARCHES))
def test_every_jump_of_the_filter_lands_on_an_instruction(machine: str) -> None:
    instructions = program(_ARCHES[machine])
    for here, (code, true, false, _) in enumerate(instructions):
        if code & 0x07 == 0x05:  # a jump
            assert here + 1 + true < len(instructions) and here + 1 + false < len(instructions)
    assert [code for code, *_ in instructions[-2:]] == [0x06, 0x06]  # it ends by allowing or refusing
