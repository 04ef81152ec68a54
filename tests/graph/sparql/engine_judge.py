"""Ask the engine itself what it makes of a text, in a child process that cannot reach the network.

The child installs the query workers' sandbox (graph.sandbox) before it reads
anything, so a SERVICE or LOAD in a text fails instead of calling out.  A text
is accepted when the engine raises no SyntaxError (nor ValueError, its answer
to a bad base IRI).  Asked to evaluate, the child reports the kind of answer
and its rows, over a small dataset: ``<http://example.org/d0…d19>`` in the
default graph, ``a0…a19`` in ``<http://example.org/g1>`` and ``b0…b19`` in
``<http://example.org/g2>``, each with ``<http://example.org/p>`` and a number.
"""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any, Iterator, NamedTuple

import pytest

PROJECT_ROOT = Path(__file__).resolve().parents[3]
ROW_CAP = 1000

_CHILD = r"""
import json, sys
from graph.sandbox import Sandbox, install
sandbox = install() if sys.argv[1] == "sandboxed" else Sandbox(False, "")
import pyoxigraph as ox
EX = "http://example.org/"
data = ox.Store()
for graph, letter in ((ox.DefaultGraph(), "d"), (ox.NamedNode(EX + "g1"), "a"), (ox.NamedNode(EX + "g2"), "b")):
    for n in range(20):
        data.add(ox.Quad(ox.NamedNode(f"{EX}{letter}{n}"), ox.NamedNode(EX + "p"), ox.Literal(n), graph))
print(json.dumps({"sandbox": sandbox.on}), flush=True)
for line in sys.stdin:
    case = json.loads(line)
    answer = {"refused": "", "kind": "", "rows": None}
    try:
        if case["update"]:
            (data if case["evaluate"] else ox.Store()).update(case["text"], base_iri=case["base"])
        else:
            result = (data if case["evaluate"] else ox.Store()).query(case["text"], base_iri=case["base"])
            if case["evaluate"]:
                if isinstance(result, ox.QueryBoolean):
                    answer["kind"], answer["rows"] = "boolean", [[str(bool(result))]]
                elif isinstance(result, ox.QuerySolutions):
                    answer["kind"] = "solutions"
                    answer["rows"] = [[str(term) if term is not None else "" for term in row]
                                      for _, row in zip(range(%(cap)d), result)]
                else:
                    answer["kind"] = "triples"
                    answer["rows"] = [[str(t.subject), str(t.predicate), str(t.object)]
                                      for _, t in zip(range(%(cap)d), result)]
    except (SyntaxError, ValueError) as error:
        answer["refused"] = str(error) or type(error).__name__
    except Exception as error:
        answer["kind"] = answer["kind"] or "error: " + type(error).__name__
    print(json.dumps(answer), flush=True)
""" % {"cap": ROW_CAP}


class Verdict(NamedTuple):
    refused: str  # "" when the engine accepts the text
    kind: str  # when evaluated: "solutions", "boolean", "triples", or "error: …" if evaluation failed
    rows: list[list[str]] | None


class Engine:
    """One sandboxed child, asked one text at a time (cheap enough for Hypothesis)."""

    def __init__(self, sandboxed: bool = True) -> None:
        """``sandboxed=False`` only for tests that point every text at their own listener on 127.0.0.1."""
        self.child = subprocess.Popen([sys.executable, "-c", _CHILD, "sandboxed" if sandboxed else "open"],
                                      stdin=subprocess.PIPE, stdout=subprocess.PIPE, cwd=PROJECT_ROOT, text=True,
                                      encoding="utf-8")
        assert self.child.stdout is not None
        hello = json.loads(self.child.stdout.readline())
        assert hello["sandbox"] or not sandboxed, "the child could not install its sandbox: it might reach the network"

    def ask(self, text: str, update: bool = False, base: str | None = None, evaluate: bool = False) -> Verdict:
        assert self.child.stdin is not None and self.child.stdout is not None
        self.child.stdin.write(json.dumps({"text": text, "update": update, "base": base, "evaluate": evaluate}) + "\n")
        self.child.stdin.flush()
        line = self.child.stdout.readline()
        if not line:
            raise RuntimeError(f"the engine's child process ended ({self.child.wait()}) on {text[:200]!r}")
        answer: dict[str, Any] = json.loads(line)
        return Verdict(answer["refused"], answer["kind"], answer["rows"])

    def close(self) -> None:
        if self.child.stdin is not None:
            self.child.stdin.close()
        self.child.wait(timeout=30)


@pytest.fixture(scope="module")
def engine() -> Iterator[Engine]:
    """The engine in its sandboxed child, for one test module (import this fixture where it is used)."""
    judge = Engine()
    yield judge
    judge.close()
