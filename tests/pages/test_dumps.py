"""/dumps/: the build's files with their checksums, and conditional requests for harvesters."""
from __future__ import annotations

import email.utils
import gzip
import hashlib
import json
from pathlib import Path

import httpx
import pyoxigraph as ox
import pytest

from pages.support import Page


def manifest(var: Path) -> list[dict]:
    return json.loads((var / "current" / "dumps" / "manifest.json").read_text())["dumps"]


def test_index_json_lists_every_dump_with_size_triples_and_checksum(http: httpx.Client, pages_var: Path) -> None:
    response = http.get("/dumps/", headers={"Accept": "application/json"})
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("application/json")
    listing = response.json()
    expected = manifest(pages_var)
    assert [d["name"] for d in listing["dumps"]] == [d["name"] for d in expected] == ["mrkg.nq.gz", "mrkg.ttl.gz", "mrkg.jsonld.gz",
                                                                                         "mrkg-akn.zip"]
    for shown, written in zip(listing["dumps"], expected):
        assert (shown["bytes"], shown["triples"], shown["sha256"]) == (written["bytes"], written["triples"], written["sha256"])
        assert shown["url"].endswith(f"/dumps/{written['name']}")
    assert listing["licence"] == "https://creativecommons.org/licenses/by/4.0/"
    assert http.get("/dumps/index.json").json() == listing


def test_index_html_for_browsers(http: httpx.Client) -> None:
    response = http.get("/dumps/", headers={"Accept": "text/html"})
    shown = Page(response.text)
    assert shown.h1 == ["Downloads"]
    assert shown.hrefs("mrkg.nq.gz") == ["/dumps/mrkg.nq.gz"]
    assert "Accept" in response.headers["vary"]
    assert http.get("/dumps").headers["location"] == "/dumps/"


@pytest.mark.parametrize("name", ["mrkg.nq.gz", "mrkg.ttl.gz", "mrkg.jsonld.gz"])
def test_dump_bytes_match_the_manifest(http: httpx.Client, pages_var: Path, name: str) -> None:
    entry = next(d for d in manifest(pages_var) if d["name"] == name)
    response = http.get(f"/dumps/{name}")
    assert response.status_code == 200
    assert response.headers["content-type"] == "application/gzip"
    assert "content-encoding" not in response.headers  # the file itself is the gzip archive
    assert hashlib.sha256(response.content).hexdigest() == entry["sha256"]
    assert len(response.content) == entry["bytes"] == int(response.headers["content-length"])
    assert response.headers["etag"] == f'"{entry["sha256"]}"'


def test_nquads_dump_holds_one_named_graph_per_source(http: httpx.Client) -> None:
    quads = list(ox.parse(gzip.decompress(http.get("/dumps/mrkg.nq.gz").content), format=ox.RdfFormat.N_QUADS))
    graphs = {q.graph_name.value for q in quads}
    assert "https://w3id.org/mrkg/id/graph/source/000_454c943b3bec582e" in graphs
    assert "https://w3id.org/mrkg/id/graph/catalogue" in graphs


def test_if_none_match_gives_304(http: httpx.Client) -> None:
    first = http.get("/dumps/mrkg.nq.gz")
    again = http.get("/dumps/mrkg.nq.gz", headers={"If-None-Match": first.headers["etag"]})
    assert again.status_code == 304
    assert again.content == b""
    assert again.headers["etag"] == first.headers["etag"]
    listed = http.get("/dumps/mrkg.nq.gz", headers={"If-None-Match": f'"other", W/{first.headers["etag"]}'})
    assert listed.status_code == 304
    assert http.get("/dumps/mrkg.nq.gz", headers={"If-None-Match": "*"}).status_code == 304


def test_a_stale_etag_gets_the_file(http: httpx.Client) -> None:
    response = http.get("/dumps/mrkg.nq.gz", headers={"If-None-Match": '"0000"'})
    assert response.status_code == 200
    assert response.content


def test_if_modified_since(http: httpx.Client) -> None:
    first = http.get("/dumps/mrkg.ttl.gz")
    modified = email.utils.parsedate_to_datetime(first.headers["last-modified"])
    assert http.get("/dumps/mrkg.ttl.gz", headers={"If-Modified-Since": first.headers["last-modified"]}).status_code == 304
    earlier = email.utils.format_datetime(modified.replace(year=modified.year - 1), usegmt=True)
    for since in (earlier, "not a date"):
        again = http.get("/dumps/mrkg.ttl.gz", headers={"If-Modified-Since": since})
        assert again.status_code == 200 and again.content == first.content, since


def test_if_none_match_takes_precedence_over_if_modified_since(http: httpx.Client) -> None:
    first = http.get("/dumps/mrkg.ttl.gz")
    response = http.get("/dumps/mrkg.ttl.gz", headers={"If-None-Match": '"0000"',
                                                       "If-Modified-Since": first.headers["last-modified"]})
    assert response.status_code == 200
    assert response.content == first.content


def test_head_and_range(http: httpx.Client) -> None:
    head = http.head("/dumps/mrkg.nq.gz")
    assert head.status_code == 200 and head.content == b""
    assert int(head.headers["content-length"]) > 0
    part = http.get("/dumps/mrkg.nq.gz", headers={"Range": "bytes=0-1"})
    assert part.status_code == 206
    assert part.content == b"\x1f\x8b"  # the gzip magic number


def test_manifest_is_served_with_an_etag(http: httpx.Client, pages_var: Path) -> None:
    response = http.get("/dumps/manifest.json")
    assert response.status_code == 200
    assert response.json()["dumps"] == manifest(pages_var)
    assert http.get("/dumps/manifest.json", headers={"If-None-Match": response.headers["etag"]}).status_code == 304


def test_unknown_dump(http: httpx.Client) -> None:
    response = http.get("/dumps/secrets.txt")
    assert response.status_code == 404
    assert "/dumps/" in response.text
    assert http.get("/dumps/..%2Fbuild.json").status_code == 404
