"""IRIs resolved as the engine resolves them: the allowlist is compared with what the engine would call."""
from __future__ import annotations

import pytest
from engine_judge import Engine
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from graph.sparql.iris import IriError, parse_iri, resolve

PIECES = ["a", "b", "/", "//", "//h", "//u@h:1", "?q", "#f", ".", "..", "./", "../", "?", "#", ":", "@", "%41", "%4",
          "%zz", "[::1]", "[v1.x]", "[1::2::3]", "127.0.0.1", ":8080", "é", "\u00a0", "\ue000", " ", "<", '"', "{",
          "|", "^", "`", "~", "!", "$", "&", "'", "(", ")", "*", "+", ",", ";", "=", "-", "_", "0", "x:y"]
SCHEMES = ["http:", "https:", "urn:", "s+v.1-x:", "", ":"]
BASES = ["http://127.0.0.1:8000/sparql", "http://a/b/c/d;p?q", "http://a", "urn:isbn:0451450523", "http://a/b/../c",
         "file:///x/y/", "http://[::1]:80/p?q#f"]

reference = st.tuples(st.sampled_from(SCHEMES), st.lists(st.sampled_from(PIECES), max_size=8).map("".join)).map(
    lambda parts: parts[0] + parts[1])


def engine_reading(engine: Engine, ref: str, base: str) -> str | None:
    verdict = engine.ask(f"SELECT (<{ref}> AS ?iri) {{}}", base=base, evaluate=True)
    if verdict.refused:
        return None
    assert verdict.rows is not None
    return verdict.rows[0][0][1:-1]


def our_reading(ref: str, base: str) -> str | None:
    try:
        return resolve(parse_iri(base), ref).value
    except IriError:
        return None


@settings(max_examples=3000, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(reference.filter(lambda ref: ">" not in ref and "\\" not in ref), st.sampled_from(BASES))
def test_references_resolve_as_the_engine_resolves_them(engine: Engine, ref: str, base: str) -> None:
    assert our_reading(ref, base) == engine_reading(engine, ref, base)


@pytest.mark.parametrize(("ref", "base", "resolved"), [
    ("../../../x/./y/../z?q#f", "http://a/b/c", "http://a/x/z?q#f"),
    ("//127.0.0.1:9/s", "http://a/b", "http://127.0.0.1:9/s"),
    ("http://a/b/../c", "http://x/", "http://a/b/../c"),  # an absolute IRI stands as written
    ("", "http://a/b?q#f", "http://a/b?q"),
    ("#g", "http://a/b?q#f", "http://a/b?q#g"),
])
def test_known_resolutions(engine: Engine, ref: str, base: str, resolved: str) -> None:
    assert our_reading(ref, base) == resolved == engine_reading(engine, ref, base)


@pytest.mark.parametrize("iri", ["http://?", "http://a#f", "http://a?q#f", "http://a:80?x", "http://[::1]#x"])
def test_an_authority_followed_by_a_query_or_fragment_is_kept_as_written(engine: Engine, iri: str) -> None:
    assert parse_iri(iri).value == iri == engine_reading(engine, iri, "http://b/")
