"""The depth limit: counted so that the quick bound holds, and set well below what crashes the engine.

Measured with pyoxigraph 0.5.13 (issue 10 item 5): on the usual 8 MB stack the
engine crashes at about 930 nested function calls, 830 nested EXISTS, 2,200
nested groups, 4,600 nested parentheses, and chains of 6,500 to 9,000 FILTERs,
UNIONs or operators; on the workers' 256 MB stack at about 30 times that.  The
default limit (1,000 levels, each nested call counting one) is refused long
before.
"""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Callable

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from graph.errors import QueryTooDeep
from graph.store.worker import ENGINE_STACK_BYTES
from graph.sparql import DEFAULT_MAX_DEPTH, read_query
from graph.sparql.quick_look import depth_bound, within_depth

PROJECT_ROOT = Path(__file__).resolve().parents[3]

# Each wraps a text (a group's content, "@", or an expression, "%") one level or one link deeper.
GROUP_WRAPS = ["{ @ }", "OPTIONAL { ?s ?p ?o . @ }", "{ @ } UNION { ?s ?p ?o }", "MINUS { @ }", "GRAPH ?g { @ }",
               "FILTER EXISTS { @ }", "FILTER NOT EXISTS { ?s ?p ?o . @ }", "{ SELECT * WHERE { @ } }", "LATERAL { @ }",
               "?s ?p ?o FILTER(?o != 1) @", "BIND(1 AS ?b) { @ }", "?s <http://x/p>|<http://x/q> ?o . @",
               "?s ?p [ <http://x/p> ( 1 2 ) ] . @", "VALUES ?v { 1 } @", "FILTER(%)"]
EXPRESSION_WRAPS = ["(%)", "STR(%)", "!%", "(%) || ?o || ?o", "?o && (%)", "1 + 2 - (%)", "(%) * 2 / 3",
                    "COALESCE(%)", "IF(%, 1, 2)", "(%) IN (1, 2)", "<<( ?s ?p ?o )>> = (%)", "EXISTS { FILTER(%) }",
                    "(%) < 3"]


@st.composite
def deep_texts(draw: st.DrawFn) -> str:
    inner = "?s ?p ?o"
    for level, wrap in enumerate(draw(st.lists(st.sampled_from(GROUP_WRAPS), min_size=1, max_size=40))):
        wrap = wrap.replace("?v ", f"?v{level} ").replace("?b)", f"?b{level})")  # no variable bound twice
        if "%" in wrap:
            expression = "?o"
            for around in draw(st.lists(st.sampled_from(EXPRESSION_WRAPS), max_size=30)):
                expression = around.replace("%", expression)
            inner = wrap.replace("%", expression) + " " + inner
        else:
            inner = wrap.replace("@", inner)
    return "SELECT * WHERE { " + inner + " }"


@settings(max_examples=500, deadline=None)
@given(deep_texts())
def test_the_quick_bound_is_never_below_the_depth_read(text: str) -> None:
    depth = read_query(text, max_depth=10**6).depth
    assert depth <= depth_bound(text)
    assert within_depth(text, depth_bound(text)) and (depth_bound(text) == 0 or not within_depth(text, depth - 1)
                                                      or len(text) * 3 <= depth - 1)


def test_deeper_than_the_limit_is_refused_where_it_goes_too_deep() -> None:
    text = "SELECT * WHERE { FILTER(" + "STR(" * 1500 + "1" + ")" * 1500 + ") }"
    with pytest.raises(QueryTooDeep) as refused:
        read_query(text)
    # The group, the FILTER, its parentheses, then one level per call: column 25 + 4 × (1,000 − 2).
    assert (refused.value.line, refused.value.column) == (1, 4 * (DEFAULT_MAX_DEPTH - 2) + 25)


CRASHING_KINDS: dict[str, Callable[[int], str]] = {  # the constructs that cost the engine most stack per level
    "function calls": lambda n: "SELECT * WHERE { ?s ?p ?o FILTER(" + "STR(" * n + "?o" + ")" * n + ") }",
    "COALESCE": lambda n: "SELECT * WHERE { ?s ?p ?o FILTER(" + "COALESCE(" * n + "?o" + ")" * n + ") }",
    "aggregates": lambda n: "SELECT (" + "SUM(" * n + "?o" + ")" * n + " AS ?x) WHERE { ?s ?p ?o }",
    "EXISTS": lambda n: "SELECT * WHERE { ?s ?p ?o " + "FILTER EXISTS { " * n + "?s ?p ?o" + " }" * n + " }",
    "groups": lambda n: "SELECT * WHERE " + "{" * n + "}" * n,
    "subqueries": lambda n: "SELECT * WHERE " + "{ SELECT * WHERE " * n + "{ ?s ?p ?o }" + " }" * n,
    "parentheses": lambda n: "SELECT * WHERE { ?s ?p ?o FILTER(" + "(" * n + "?o" + ")" * n + ") }",
}
ENGINE = r"""
import sys, threading, pyoxigraph
text = sys.stdin.read()
def run():
    store = pyoxigraph.Store()
    store.add(pyoxigraph.Quad(pyoxigraph.NamedNode("http://x/s"), pyoxigraph.NamedNode("http://x/p"), pyoxigraph.Literal(1)))
    answer = store.query(text)
    list(answer) if hasattr(answer, "__iter__") else bool(answer)
    print("answered")
threading.stack_size(int(sys.argv[1]))
thread = threading.Thread(target=run)
thread.start()
thread.join()
"""


def as_deep_as(kind: Callable[[int], str], depth: int) -> str:
    """The text of this kind whose reading is as deep as ``depth`` (or just under)."""
    low, high = 1, depth
    while low < high:
        middle = (low + high + 1) // 2
        if read_query(kind(middle), max_depth=10**7).depth <= depth:
            low = middle
        else:
            high = middle - 1
    return kind(low)


@pytest.mark.slow
@pytest.mark.parametrize("kind", sorted(CRASHING_KINDS))
def test_ten_times_the_limit_does_not_crash_the_engine_on_the_workers_stack(kind: str) -> None:
    text = as_deep_as(CRASHING_KINDS[kind], 10 * DEFAULT_MAX_DEPTH)
    engine = subprocess.run([sys.executable, "-c", ENGINE, str(ENGINE_STACK_BYTES)], input=text, text=True,
                            capture_output=True, timeout=120, cwd=PROJECT_ROOT)
    assert (engine.returncode, engine.stdout.strip()) == (0, "answered"), engine.stderr[-500:]
