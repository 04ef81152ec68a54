"""Which answers may be kept: the quick look in ``cacheable`` says what the full pattern says."""
from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from graph.store.answer_cache import _VOLATILE, cacheable

FRAGMENTS = ["now", "NOW", "Now", "rand", "RaNd", "uuid", "STRUUID", "bnode", "BNode", "service", "SERVICE",
             "know", "grand", "(", " (", " ", "\n", "?x", "<urn:a>", "{", "}", "SELECT", "ſervice", "servıce",
             "\u212aNOW", "é", "_", "1"]


@given(st.lists(st.sampled_from(FRAGMENTS), max_size=12).map("".join))
def test_the_quick_look_agrees_with_the_pattern(text: str) -> None:
    assert cacheable(text) == (_VOLATILE.search(text) is None)


def test_volatile_functions_and_remote_calls_are_never_kept() -> None:
    assert not cacheable("SELECT (NOW() AS ?now) {}")
    assert not cacheable("select (struuid () as ?id) {}")
    assert not cacheable("SELECT * { SERVICE <http://example.org/sparql> { ?s ?p ?o } }")
    assert cacheable("SELECT ?known WHERE { ?s <urn:grand> ?known }")
