"""SERVICE and LOAD against the real server: no spelling of an endpoint makes it call out.

A real listener on 127.0.0.1 records every connection; each query or update
below names it in another way (issue 10 item 1: the bypasses found, and more
spellings).  Each must be refused with a message that says what and where,
and the listener must see nothing.  Two servers answer: one as deployed by
default (empty allowlist, so its workers also run in the network sandbox),
and one whose allowlist names another endpoint (no sandbox: the guard
stands alone).
"""
from __future__ import annotations

import http.server
import socket
import socketserver
import threading
import time
from pathlib import Path
from typing import Callable, Iterator

import httpx
import pytest

TOKEN = "the guard's token"
AUTH = {"Authorization": f"Bearer {TOKEN}"}
ELSEWHERE = "http://127.0.0.1:9/never-called"  # on the allowlist of the server without sandbox


class Listener:
    """A TCP server on 127.0.0.1 that counts connections and answers each with a 405 full of secrets."""

    ANSWER = (b"HTTP/1.1 405 Method Not Allowed\r\nX-Secret: s3cr3t-header\r\nContent-Length: 18\r\n"
              b"Connection: close\r\n\r\nsecret-remote-body")

    def __init__(self) -> None:
        self.server = socket.create_server(("127.0.0.1", 0))
        self.port = self.server.getsockname()[1]
        self.url = f"http://127.0.0.1:{self.port}/"
        self.connections = 0
        self._stop = False
        self.thread = threading.Thread(target=self._serve, daemon=True)
        self.thread.start()

    def _serve(self) -> None:
        self.server.settimeout(0.2)
        while not self._stop:
            try:
                connection, _ = self.server.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            self.connections += 1
            with connection:
                connection.settimeout(2)
                try:
                    connection.recv(65536)
                    connection.sendall(self.ANSWER)
                except OSError:
                    pass

    def close(self) -> None:
        self._stop = True
        self.thread.join()
        self.server.close()


@pytest.fixture(scope="module")
def listener() -> Iterator[Listener]:
    listening = Listener()
    yield listening
    listening.close()


@pytest.fixture(scope="module")
def sandboxed(start_server: Callable[..., str], tmp_path_factory: pytest.TempPathFactory) -> str:
    return start_server(var_dir=tmp_path_factory.mktemp("sandboxed"), update_enabled=True, update_token=TOKEN)


@pytest.fixture(scope="module")
def guard_alone(start_server: Callable[..., str], tmp_path_factory: pytest.TempPathFactory) -> str:
    return start_server(var_dir=tmp_path_factory.mktemp("guard-alone"), update_enabled=True, update_token=TOKEN,
                        service_allowlist=ELSEWHERE)


def spellings(port: int) -> list[str]:
    """Queries that name the listener: the issue's bypasses first, then other ways to write an endpoint."""
    here = f"http://127.0.0.1:{port}/"
    long_iri = here + "a" * 5000
    long_prefix = "p" + "q" * 600
    escaped = "".join(f"\\u{ord(char):04X}" for char in "127.0.0.1")
    return [
        f"PREFIX \u02c2: <{here}> SELECT * WHERE {{ SERVICE \u02c2:sparql {{ ?s ?p ?o }} }}",
        f"PREFIX a\u3001b: <{here}> SELECT * WHERE {{ SERVICE a\u3001b:sparql {{ ?s ?p ?o }} }}",
        f"SELECT * WHERE {{ SERVICE <{long_iri}> {{ ?s ?p ?o }} }}",
        f"SELECT * WHERE {{ SERVICE SILENT <{long_iri}> {{ ?s ?p ?o }} }}",
        f"PREFIX {long_prefix}: <{here}> SELECT * WHERE {{ SERVICE {long_prefix}:x {{ ?s ?p ?o }} }}",
        f"select * where {{ sErViCe <{here}> {{ ?s ?p ?o }} }}",
        f"SELECT * WHERE {{ SERVICE <http://{escaped}:{port}/\\u0073parql> {{ ?s ?p ?o }} }}",
        f"SELECT * WHERE {{ SERVICE <http://127.0.0.1:{port}/\\u+073> {{ ?s ?p ?o }} }}",  # the engine's \u+hex
        f"PREFIX e: <http://{escaped}:{port}/> SELECT * WHERE {{ SERVICE e:sp\\~ar%71l {{ ?s ?p ?o }} }}",
        f"SELECT*WHERE{{SERVICE#a comment\n#another\n<{here}>#\n{{?s ?p ?o}}}}",
        f"SELECT * WHERE {{ SERVICE # c\n SILENT # c\n <{here}> {{ }} }}",
        f"BASE <{here}> SELECT * WHERE {{ SERVICE <sparql> {{ }} }}",
        f"BASE <http://127.0.0.1:{port}/a/b/> SELECT * WHERE {{ SERVICE <../../sparql> {{ }} }}",
        f"SELECT * WHERE {{ SERVICE <//127.0.0.1:{port}/sparql> {{ }} }}",  # against the server's own base IRI
        f"PREFIX e: <http://example.org/> PREFIX e: <{here}> SELECT * WHERE {{ SERVICE e:x {{ }} }}",
        f"SELECT * WHERE {{ {{ SELECT * WHERE {{ SERVICE <{here}> {{ ?s ?p ?o }} }} }} }}",
        f"ASK {{ FILTER EXISTS {{ SERVICE <{here}> {{ }} }} }}",
        f"ASK {{ FILTER NOT EXISTS {{ ?s ?p ?o OPTIONAL {{ SERVICE <{here}> {{ }} }} }} }}",
        f"SELECT * WHERE {{ ?s ?p ?o MINUS {{ SERVICE <{here}> {{ ?s ?p ?o }} }} }}",
        f"SELECT * WHERE {{ GRAPH ?g {{ SERVICE <{here}> {{ ?s ?p ?o }} }} }}",
        f"SELECT * WHERE {{ {{ ?s ?p ?o }} UNION {{ SERVICE <{here}> {{ ?s ?p ?o }} }} }}",
        f"SELECT * WHERE {{ VALUES ?s {{ <urn:a> }} SERVICE <{here}> {{ VALUES ?o {{ 1 }} }} }}",
        f"SELECT * WHERE {{ ?s ?p ?o LATERAL {{ SERVICE <{here}> {{ }} }} }}",
        f"SELECT * WHERE {{ ?a ?b ?c FILTER(?a<?b)SERVICE<{here}>{{}} FILTER(?c < 2) }}",
        f"SELECT * WHERE {{ ?s ?p trueSERVICE <{here}> {{ }} }}",
        f"SELECT * WHERE {{ ?s ?p 1SERVICE <{here}> {{ }} }}",
        f"PREFIX : <{here}> SELECT * WHERE {{ SERVICE silent:x {{ }} }}",  # SILENT, then :x
        f"PREFIX silent: <{here}> SELECT * WHERE {{ SERVICE silent:x {{ }} }}",  # silent:x, as no ':' is declared
        f"SELECT * WHERE {{ BIND(<{here}> AS ?endpoint) SERVICE ?endpoint {{ ?s ?p ?o }} }}",
        f"SELECT * WHERE {{ ?s ?p \"SERVICE <{ELSEWHERE}>\" SERVICE <{here}> {{ }} }}",
    ]


def update_spellings(port: int) -> list[str]:
    here = f"http://127.0.0.1:{port}/"
    long_iri = here + "a" * 5000
    return [
        f"LOAD <{long_iri}>",
        f"LOAD SILENT <{here}data.ttl> INTO GRAPH <urn:g>",
        f"load <{here}data.ttl>",
        f"PREFIX : <{here}> LOAD silent:data",
        f"INSERT {{ ?s ?p ?o }} WHERE {{ SERVICE <{long_iri}> {{ ?s ?p ?o }} }}",
        f"WITH <urn:g> INSERT {{ ?s ?p ?o }} USING <urn:g> WHERE {{ SERVICE <{here}> {{ ?s ?p ?o }} }}",
        f"DELETE {{ ?s ?p ?o }} USING NAMED <urn:g> WHERE {{ SERVICE SILENT <{here}> {{ ?s ?p ?o }} }}",
        f"INSERT DATA {{ <urn:a> <urn:b> <urn:c> }} ; LOAD <{here}>",
        f"BASE <{here}> CLEAR SILENT GRAPH <g> ; LOAD <data.ttl>",
    ]


def assert_refused_without_a_call(response: httpx.Response, listener: Listener, before: int) -> None:
    assert response.status_code in (400, 403), response.text
    if response.status_code == 403:
        assert " is refused at line " in response.text and "allowlist" in response.text, response.text
    else:
        assert response.text.startswith("malformed query: error at "), response.text
    assert len(response.text) < 2000  # a long IRI is shortened in the message
    time.sleep(0.05)
    assert listener.connections == before, "the server called the listener"


@pytest.mark.parametrize("which", ["sandboxed", "guard_alone"])
def test_no_spelling_of_a_service_endpoint_calls_out(which: str, listener: Listener,
                                                     request: pytest.FixtureRequest) -> None:
    server = request.getfixturevalue(which)
    for query in spellings(listener.port):
        before = listener.connections
        response = httpx.post(server + "/sparql", data={"query": query}, timeout=30)
        assert_refused_without_a_call(response, listener, before)
        if "\u02c2" in query or "qqqq" in query or "aaaa" in query:  # the issue's bypasses name the listener
            assert f"<http://127.0.0.1:{listener.port}/" in response.text


@pytest.mark.parametrize("which", ["sandboxed", "guard_alone"])
def test_no_update_loads_or_queries_a_refused_endpoint(which: str, listener: Listener,
                                                       request: pytest.FixtureRequest) -> None:
    server = request.getfixturevalue(which)
    for update in update_spellings(listener.port):
        before = listener.connections
        response = httpx.post(server + "/sparql", data={"update": update}, headers=AUTH, timeout=30)
        assert_refused_without_a_call(response, listener, before)
    ask = httpx.post(server + "/sparql", data={"query": "ASK { ?s ?p ?o }"}).json()
    assert ask["boolean"] is False  # nothing was stored


def test_the_refusal_names_the_place(guard_alone: str, listener: Listener) -> None:
    query = f"PREFIX x: <{listener.url}>\nSELECT * WHERE {{\n  ?s ?p ?o .\n  SERVICE x:sparql {{ ?s ?p ?o }}\n}}"
    response = httpx.post(guard_alone + "/sparql", data={"query": query}, headers={"Accept": "application/json"})
    error = response.json()["error"]
    assert (error["status"], error["line"], error["column"]) == (403, 4, 3)
    assert error["message"] == (f"SERVICE <{listener.url}sparql> is refused at line 4, column 3: this server calls "
                                f"only the endpoints on its allowlist (<{ELSEWHERE}>)")


def test_a_text_that_names_service_and_cannot_be_read_is_refused_unrun(guard_alone: str, listener: Listener) -> None:
    before = listener.connections
    query = f"SELECT * WHERE {{ SERVICE <{listener.url}> {{ ?s ?p }} }}"
    response = httpx.post(guard_alone + "/sparql", data={"query": query})
    assert response.status_code == 400
    assert response.text.startswith("malformed query: error at 1:")
    assert listener.connections == before


def test_an_allowlisted_endpoint_that_fails_is_named_without_its_answer(start_server: Callable[..., str],
                                                                         listener: Listener) -> None:
    federating = start_server(service_allowlist=listener.url + "sparql")
    before = listener.connections
    query = f"SELECT * WHERE {{ SERVICE <{listener.url}sparql> {{ ?s ?p ?o }} }}"
    response = httpx.post(federating + "/sparql", data={"query": query}, timeout=30)
    assert listener.connections == before + 1  # allowed: it was called
    assert response.status_code == 502
    assert response.text.strip() == f"the SERVICE call to <{listener.url}sparql> failed"
    assert "405" not in response.text and "secret" not in response.text
    health = httpx.get(federating + "/health").json()
    assert health["workers"]["sandbox"]["on"] is False  # it may call out, so its workers are not shut off


def test_an_allowlisted_endpoint_that_answers_garbage_is_named_without_its_answer(
        start_server: Callable[..., str], tmp_path: Path) -> None:
    class Garbage(http.server.BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            self.send_response(200)
            self.send_header("Content-Type", "application/sparql-results+json")
            self.end_headers()
            self.wfile.write(b"secret garbage {{{")

        do_GET = do_POST

        def log_message(self, *arguments: object) -> None:
            pass

    garbage = socketserver.TCPServer(("127.0.0.1", 0), Garbage)
    threading.Thread(target=garbage.serve_forever, daemon=True).start()
    endpoint = f"http://127.0.0.1:{garbage.server_address[1]}/sparql"
    try:
        federating = start_server(var_dir=tmp_path, service_allowlist=endpoint, update_enabled=True,
                                  update_token=TOKEN)
        response = httpx.post(federating + "/sparql", timeout=30,
                              data={"query": f"SELECT * WHERE {{ SERVICE <{endpoint}> {{ ?s ?p ?o }} }}"})
        load = httpx.post(federating + "/sparql", data={"update": f"LOAD <{endpoint}>"}, headers=AUTH, timeout=30)
    finally:
        garbage.shutdown()
        garbage.server_close()
    assert response.status_code == 502
    assert response.text.strip() == f"the SERVICE call to <{endpoint}> failed, or the query could not be evaluated"
    assert load.status_code == 502
    assert load.text.strip() == f"the LOAD call to <{endpoint}> failed, or the query could not be evaluated"
    assert "garbage" not in response.text + load.text


def test_workers_without_an_allowlist_are_shut_off_from_the_network(sandboxed: str) -> None:
    sandbox = httpx.get(sandboxed + "/health").json()["workers"]["sandbox"]
    assert sandbox["on"] is True, sandbox
    assert "refused" in sandbox["detail"]


def test_allowlisted_service_is_called(live_server: str, start_server: Callable[..., str]) -> None:
    remote = live_server + "/sparql"
    federating = start_server(service_allowlist=remote)
    query = f"""PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
        SELECT ?label WHERE {{ SERVICE <{remote}> {{ <https://w3id.org/mrkg/id/actor/fritz> rdfs:label ?label }} }}"""
    response = httpx.get(federating + "/sparql", params={"query": query}, timeout=30)
    assert response.status_code == 200, response.text
    assert [b["label"]["value"] for b in response.json()["results"]["bindings"]] == ["Ms. Fritz"]
    relative = query.replace(f"<{remote}>", "<sparql>").replace("SELECT", f"BASE <{live_server}/> SELECT")
    assert httpx.get(federating + "/sparql", params={"query": relative}, timeout=30).status_code == 200
    other = query.replace(remote, remote.replace("/sparql", "/other"))
    refused = httpx.get(federating + "/sparql", params={"query": other}, timeout=30)
    assert refused.status_code == 403
    assert f"allowlist (<{remote}>)" in refused.text
    description = httpx.get(federating + "/sparql", headers={"Accept": "text/turtle"}).text
    assert "sd:BasicFederatedQuery" in description
