"""Ask the engine whether it accepts texts, in a child process that cannot reach the network.

The child installs the worker's sandbox (graph.sandbox) before it reads
anything, so a SERVICE or LOAD in a text fails instead of calling out; it
evaluates nothing it does not have to (solutions are never read).  A text is
accepted when the engine raises no SyntaxError.
"""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Iterable, NamedTuple

PROJECT_ROOT = Path(__file__).resolve().parents[3]

_CHILD = r"""
import json, sys
from graph.sandbox import install
sandbox = install()
import pyoxigraph
verdicts = []
for case in json.load(sys.stdin):
    store = pyoxigraph.Store()
    try:
        if case["update"]:
            store.update(case["text"], base_iri=case["base"])
        else:
            store.query(case["text"], base_iri=case["base"])
        verdicts.append("")
    except SyntaxError as error:
        verdicts.append("refused: " + str(error))
    except Exception as error:  # evaluation failed: the text was accepted
        verdicts.append("")
json.dump({"sandbox": sandbox.on, "verdicts": verdicts}, sys.stdout)
"""


class Case(NamedTuple):
    text: str
    update: bool = False
    base: str | None = None


def engine_refusals(cases: Iterable[Case]) -> list[str]:
    """For each case, "" when the engine accepts it, else its syntax error."""
    payload = json.dumps([case._asdict() for case in cases])
    child = subprocess.run([sys.executable, "-c", _CHILD], input=payload, capture_output=True, text=True,
                           cwd=PROJECT_ROOT, timeout=600)
    if child.returncode != 0:
        raise RuntimeError(f"the engine's child process failed ({child.returncode}): {child.stderr[-2000:]}")
    answer = json.loads(child.stdout)
    assert answer["sandbox"], "the child could not install its sandbox: it might have reached the network"
    return answer["verdicts"]
