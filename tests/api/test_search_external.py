"""The search SERVICE in front of an external SPARQL server: the same matches as on the embedded store.

The worker answers the clause from the release's index (``var/current``) and
sends the rewritten query, with no SERVICE left in it, to a real Oxigraph
server loaded with the same build's dump.
"""
from __future__ import annotations

import gzip
from pathlib import Path
from typing import Callable, Iterator

import httpx
import pytest

from live_service import OXIGRAPH, OxigraphServer

pytestmark = [pytest.mark.slow,
              pytest.mark.skipif(OXIGRAPH is None, reason="the oxigraph server (PyPI package 'oxigraph') is not installed")]

QUERY = """PREFIX mrkg: <https://w3id.org/mrkg/ontology#>
SELECT ?st ?rank ?who WHERE {
  SERVICE <https://w3id.org/mrkg/search> { ?st mrkg:query "detention" ; mrkg:rank ?rank }
  OPTIONAL { ?st mrkg:speaker/rdfs:label ?who }
} ORDER BY ?rank ?who"""


@pytest.fixture(scope="module")
def external(published_var: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    dump = tmp_path_factory.mktemp("dump") / "mrkg.nq"
    dump.write_bytes(gzip.decompress((published_var / "current" / "dumps" / "mrkg.nq.gz").read_bytes()))
    server = OxigraphServer(tmp_path_factory.mktemp("oxigraph"), dump)
    yield server.url
    server.stop()


def test_embedded_and_external_answer_alike(start_server: Callable[..., str], built_server: str, external: str,
                                            published_var: Path) -> None:
    fronted = start_server(var_dir=published_var, external_endpoint=external + "/query")
    answers = []
    for url in (built_server, fronted):
        response = httpx.get(url + "/sparql", params={"query": "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\n"
                                                                + QUERY}, timeout=60)
        assert response.status_code == 200, response.text
        answers.append([(row["st"]["value"], row.get("who", {}).get("value")) for row in
                        response.json()["results"]["bindings"]])
    assert len(answers[0]) >= 20 and any(who for _, who in answers[0])
    assert answers[0] == answers[1]
