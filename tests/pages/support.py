"""Fixtures shared by the page tests and the browser tests: a published build and a live server.

The build is the hand-written TriG fixture (``fixture.trig``, after
``ontology/MODEL.md``), published with the real :func:`graph.publish.publish`,
so store, dumps, manifest and the ``current`` symlink are the real thing.
The server is a real uvicorn on 127.0.0.1 with a port the OS picks.
"""
from __future__ import annotations

import threading
import time
from html.parser import HTMLParser
from pathlib import Path
from typing import Iterator

import httpx
import pyoxigraph as ox
import pytest
import uvicorn
from fastapi import FastAPI

from api.app import create_app
from graph.publish import publish
from graph.settings import Settings

FIXTURE = Path(__file__).with_name("fixture.trig")


def fixture_quads(path: Path = FIXTURE) -> bytes:
    store = ox.Store()
    store.load(path=str(path), format=ox.RdfFormat.TRIG)
    return ox.serialize(store, format=ox.RdfFormat.N_QUADS)


def publish_fixture(var_dir: Path, nquads: bytes | None = None) -> Path:
    return publish(nquads if nquads is not None else fixture_quads(), var_dir, {"documents": []})


def make_app(settings: Settings) -> FastAPI:
    """The service's own app: /sparql, the pages, the dumps and the dataset description."""
    return create_app(settings)


class LiveServer:
    """uvicorn serving ``app`` on 127.0.0.1 in a thread, until ``stop()``."""

    def __init__(self, app: FastAPI) -> None:
        self.server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=0, log_level="warning",
                                                    lifespan="on"))
        self.thread = threading.Thread(target=self.server.run, daemon=True)

    def start(self) -> str:
        self.thread.start()
        deadline = time.monotonic() + 30
        while not self.server.started:
            if not self.thread.is_alive() or time.monotonic() > deadline:
                raise RuntimeError("the test server did not start")
            time.sleep(0.02)
        port = self.server.servers[0].sockets[0].getsockname()[1]
        return f"http://127.0.0.1:{port}"

    def stop(self) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=30)


@pytest.fixture(scope="session")
def pages_var(tmp_path_factory: pytest.TempPathFactory) -> Path:
    var = tmp_path_factory.mktemp("pages-var")
    publish_fixture(var)
    return var


@pytest.fixture(scope="session")
def pages_settings(pages_var: Path) -> Settings:
    return Settings(var_dir=pages_var)


@pytest.fixture(scope="session")
def site_url(pages_settings: Settings) -> Iterator[str]:
    server = LiveServer(make_app(pages_settings))
    url = server.start()
    yield url
    server.stop()


@pytest.fixture(scope="module")
def real_store(published_var: Path) -> ox.Store:
    """The store of the real build of data/ (read-only), for checking pages against the graph."""
    return ox.Store.read_only(str(published_var / "current" / "store"))


def serving(var_dir: Path) -> Iterator[httpx.Client]:
    """A client of the real server over the build published in ``var_dir``, for as long as it is iterated."""
    server = LiveServer(make_app(Settings(var_dir=var_dir)))
    url = server.start()
    with httpx.Client(base_url=url, timeout=60) as client:
        yield client
    server.stop()


@pytest.fixture(scope="module")
def real_site(published_var: Path) -> Iterator[httpx.Client]:
    """A client of the real server over the real build of data/."""
    yield from serving(published_var)


@pytest.fixture(scope="session")
def http(site_url: str) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=site_url, timeout=30, follow_redirects=False) as client:
        yield client


class Page(HTMLParser):
    """Just enough of an HTML page to assert on: headings, links, alternates, JSON-LD, nesting."""

    VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, dict[str, str]]] = []
        self.links: list[tuple[str, str]] = []  # (href, text)
        self.headings: list[tuple[str, str]] = []  # (tag, text)
        self.alternates: dict[str, str] = {}  # media type → href
        self.rel: dict[str, str] = {}  # rel → href of the other <link> elements (first, prev, next, last…)
        self.scripts: list[tuple[dict[str, str], str]] = []
        self.marks: list[tuple[str, str, str]] = []  # (class, href, text) of highlighted references
        self.paragraphs: list[str] = []  # the text of each <p>, white space folded
        self.nested_links = 0
        self.lang = ""
        self._text: list[list[str]] = []
        self.feed(html)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = {k: v or "" for k, v in attrs}
        if tag == "html":
            self.lang = attributes.get("lang", "")
        if tag == "link" and attributes.get("rel") == "alternate":
            self.alternates[attributes.get("type", "")] = attributes.get("href", "")
        elif tag == "link" and attributes.get("rel"):
            self.rel[attributes["rel"]] = attributes.get("href", "")
        if tag == "a" and any(t == "a" for t, _ in self.stack):
            self.nested_links += 1
        if tag in self.VOID:
            return
        self.stack.append((tag, attributes))
        self._text.append([])

    def handle_endtag(self, tag: str) -> None:
        if tag in self.VOID or not self.stack:
            return
        while self.stack:
            open_tag, attributes = self.stack.pop()
            text = "".join(self._text.pop())
            if self._text:
                self._text[-1].append(text)
            if open_tag == "a":
                self.links.append((attributes.get("href", ""), " ".join(text.split())))
                if "ref" in attributes.get("class", "").split():
                    self.marks.append((attributes["class"], attributes.get("href", ""), text))
            elif open_tag in {"h1", "h2", "h3", "h4"}:
                self.headings.append((open_tag, " ".join(text.split())))
            elif open_tag == "p":
                self.paragraphs.append(" ".join(text.split()))
            elif open_tag == "script":
                self.scripts.append((attributes, text))
            if open_tag == tag:
                break

    def handle_data(self, data: str) -> None:
        if self._text:
            self._text[-1].append(data)

    @property
    def h1(self) -> list[str]:
        return [text for tag, text in self.headings if tag == "h1"]

    def hrefs(self, text: str) -> list[str]:
        """Where the links whose text is ``text`` go."""
        return [href for href, shown in self.links if shown == text]

    def json_ld(self) -> list[dict]:
        import json

        return [json.loads(body) for attributes, body in self.scripts if attributes.get("type") == "application/ld+json"]

    def text_of(self, tag: str) -> list[str]:
        return [text for t, text in self.headings if t == tag]
