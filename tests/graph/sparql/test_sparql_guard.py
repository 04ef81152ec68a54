"""The guard on the reading: every spelling of a remote call is found and refused; the quick look misses none."""
from __future__ import annotations

import http.server
import socketserver
import threading
import time
from typing import Iterator

import pytest
from engine_judge import Engine
from hypothesis import HealthCheck, given, settings
from spellings import PORT, SERVICE_BASE, TARGET, dataset_queries, remote_call_texts

from graph.errors import PositionedQueryError, QuerySyntaxError, RemoteCallRefused
from graph.sparql import read_query
from graph.sparql.groups import GroupGrammar
from graph.sparql.guard import admit, may_call_out
from graph.sparql.quick_look import depth_bound

BYPASSES = [  # issue 10 item 1, each of which reached a listener before
    "PREFIX \u02c2: <http://127.0.0.1:8699/> SELECT * WHERE { SERVICE \u02c2:sparql { ?s ?p ?o } }",
    "PREFIX a\u3001b: <http://127.0.0.1:8699/> SELECT * WHERE { SERVICE a\u3001b:sparql { ?s ?p ?o } }",
    "SELECT * WHERE { SERVICE <http://127.0.0.1:8699/" + "a" * 5000 + "> { ?s ?p ?o } }",
    "SELECT * WHERE { SERVICE SILENT <http://127.0.0.1:8699/" + "a" * 5000 + "> { ?s ?p ?o } }",
    "PREFIX p" + "q" * 600 + ": <http://127.0.0.1:8699/> SELECT * WHERE { SERVICE p" + "q" * 600 + ":x { } }",
]


@pytest.mark.parametrize("query", BYPASSES)
def test_the_bypasses_of_the_issue_are_refused(query: str) -> None:
    with pytest.raises(RemoteCallRefused) as refused:
        admit(query, SERVICE_BASE, (), 1000)
    assert "<http://127.0.0.1:8699/" in str(refused.value) and len(str(refused.value)) < 400


@pytest.mark.parametrize("update", [
    "LOAD <http://127.0.0.1:8699/" + "a" * 5000 + ">",
    "INSERT { ?s ?p ?o } WHERE { SERVICE <http://127.0.0.1:8699/" + "a" * 5000 + "> { ?s ?p ?o } }",
])
def test_updates_that_fetch_are_refused(update: str) -> None:
    with pytest.raises(RemoteCallRefused):
        admit(update, SERVICE_BASE, (), 1000, update=True)


@settings(max_examples=600, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                   HealthCheck.too_slow])
@given(remote_call_texts())
def test_every_spelling_of_a_remote_call_is_refused(engine: Engine, generated: tuple[str, bool]) -> None:
    text, update = generated
    verdict = engine.ask(text, update=update, base=SERVICE_BASE)
    assert not verdict.refused, f"the generator wrote a text the engine refuses: {verdict.refused}\n{text}"
    assert may_call_out(text, update)
    with pytest.raises(RemoteCallRefused):
        admit(text, SERVICE_BASE, (), 1000, update=update)
    with pytest.raises(RemoteCallRefused):
        admit(text, SERVICE_BASE, ("http://127.0.0.1:8699/other",), 1000, update=update)
    reading = admit(text, SERVICE_BASE, (TARGET,), 1000, update=update)  # on the allowlist: no refusal
    assert reading is not None and reading.remote_calls
    assert {call.iri for call in reading.remote_calls} == {TARGET}
    assert reading.depth <= depth_bound(text)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(dataset_queries())
def test_texts_that_cannot_call_out_are_spared_the_reading(engine: Engine, generated: object) -> None:
    text = generated.text  # type: ignore[attr-defined]
    reading = read_query(text, SERVICE_BASE)
    assert reading.remote_calls == () and reading.unaccounted == ()
    if not may_call_out(text):
        assert "service" not in text.lower()
    assert reading.depth <= depth_bound(text)


def test_a_clause_the_reader_failed_to_record_is_still_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    """The safety net: were the reader to miss a SERVICE clause, the keyword it cannot place refuses the text."""
    original = GroupGrammar._service_rest

    def forgetful(self: GroupGrammar, start: int, silent: bool) -> object:
        found = original(self, start, silent)
        self.calls.pop()  # a reader with a bug: it reads the clause and forgets it
        return found

    monkeypatch.setattr(GroupGrammar, "_service_rest", forgetful)
    query = "SELECT * WHERE { SERVICE <http://127.0.0.1:8699/sparql> { ?s ?p ?o } }"
    with pytest.raises(RemoteCallRefused) as refused:
        admit(query, SERVICE_BASE, (), 1000)
    assert "at line 1, column 18 is refused: the service cannot tell" in str(refused.value)


@pytest.mark.parametrize("query", [
    'SELECT * WHERE { ?s ?p "SERVICE <http://127.0.0.1:8699/>" }',
    "SELECT * WHERE { ?s ?p ?o } # SERVICE <http://127.0.0.1:8699/>",
    "PREFIX service: <http://x/> SELECT ?service WHERE { ?service service:service ?o }",
    "SELECT * WHERE { ?s <http://127.0.0.1:8699/SERVICE> ?o FILTER(LANG(?o) = 'service') }",
    "SELECT * WHERE { ?s ?p 'x'@service }",
])
def test_the_word_where_it_is_no_keyword_is_no_remote_call(query: str) -> None:
    reading = admit(query, SERVICE_BASE, (), 1000)
    assert reading is not None and reading.remote_calls == () and reading.unaccounted == ()


@pytest.mark.parametrize(("text", "update"), [
    ("SELECT * WHERE { \\u0053ERVICE <http://127.0.0.1:8699/> { } }", False),
    ("SELECT * WHERE { SERV\\u0049CE <http://127.0.0.1:8699/> { } }", False),
    ("\\u004cOAD <http://127.0.0.1:8699/>", True),
])
def test_an_escaped_keyword_is_looked_at_and_refused_unrun(text: str, update: bool) -> None:
    """The engine does not replace escapes outside IRIs and strings, so these are not SPARQL: 400, never run."""
    assert may_call_out(text, update)
    with pytest.raises(QuerySyntaxError):
        admit(text, SERVICE_BASE, (), 1000, update=update)


def test_a_flood_of_keywords_is_refused_quickly() -> None:
    started = time.monotonic()
    with pytest.raises(PositionedQueryError):
        admit("xservice" * 120_000, SERVICE_BASE, (), 1000)
    assert time.monotonic() - started < 5


class _Recorder(http.server.BaseHTTPRequestHandler):
    """Answers every request with an empty result set, and notes what was asked for."""

    seen: list[str] = []

    def _answer(self) -> None:
        self.seen.append(self.path)
        body = b'{"head": {"vars": []}, "results": {"bindings": []}}'
        self.send_response(200)
        self.send_header("Content-Type", "application/sparql-results+json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    do_GET = do_POST = _answer

    def log_message(self, *arguments: object) -> None:
        pass


@pytest.fixture(scope="module")
def target_listener() -> Iterator[list[str]]:
    try:
        server = socketserver.ThreadingTCPServer(("127.0.0.1", PORT), _Recorder)
    except OSError:
        pytest.skip(f"127.0.0.1:{PORT}, where the generated texts point, was taken meanwhile")
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield _Recorder.seen
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="module")
def calling_engine(target_listener: list[str]) -> Iterator[Engine]:
    """The engine without the sandbox: every generated text points at our own listener."""
    judge = Engine(sandboxed=False)
    yield judge
    judge.close()


calls_made: list[int] = []


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                   HealthCheck.too_slow])
@given(remote_call_texts())
def test_the_engine_calls_the_endpoint_the_reading_names(calling_engine: Engine, target_listener: list[str],
                                                          generated: tuple[str, bool]) -> None:
    """End to end: what the engine really calls is the IRI the reading resolved (the allowlist compares that)."""
    text, update = generated
    reading = admit(text, SERVICE_BASE, (TARGET,), 1000, update=update)
    assert reading is not None and {call.iri for call in reading.remote_calls} == {TARGET}
    target_listener.clear()
    calling_engine.ask(text, update=update, base=SERVICE_BASE, evaluate=True)
    assert all(path == "/sparql" for path in target_listener), target_listener
    calls_made.append(len(target_listener))


def test_most_generated_texts_made_the_engine_call(calling_engine: Engine) -> None:
    assert len(calls_made) >= 100 and sum(1 for count in calls_made if count) > len(calls_made) // 4, calls_made
