"""Content negotiation for resource IRIs: one rule per test (RFC 9110 §12.5.1 and our defaults)."""
from __future__ import annotations

import httpx
import pyoxigraph as ox
import pytest

from api.linked_data import MACHINE_FORMS, RESOURCE_FORMS, split_extension
from api.negotiation import choose
from graph.formats import HTML, JSON_LD, N_TRIPLES, RDF_XML, TURTLE

ARTICLE = "/id/instrument/icrmw/article/22"
ARTICLE_IRI = "https://w3id.org/mrkg/id/instrument/icrmw/article/22"
BROWSER = "text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8"


@pytest.mark.parametrize("accept, expected", [
    (None, HTML),
    ("", HTML),
    ("*/*", HTML),
    (BROWSER, HTML),
    ("text/turtle", TURTLE),
    ("application/x-turtle", TURTLE),
    ("application/ld+json", JSON_LD),
    ("application/json", JSON_LD),
    ("application/n-triples", N_TRIPLES),
    ("application/rdf+xml", RDF_XML),
    ("application/ld+json;q=0.9, text/turtle;q=0.5", JSON_LD),
    ("text/turtle;q=0.5, application/ld+json;q=0.9", JSON_LD),
    ("text/html;q=0, */*", TURTLE),  # q=0 refuses HTML; the next form in our order wins
    ("text/*", HTML),
    ("application/*", N_TRIPLES),  # the same order of RDF forms as /sparql's
    ("text/turtle, */*", TURTLE),  # named beats reached through a wildcard at the same q
    ("text/plain", N_TRIPLES),  # an alias, as on /sparql
    ("TEXT/TURTLE", TURTLE),
])
def test_negotiate_for_resources(accept: str | None, expected: object) -> None:
    assert choose(accept, RESOURCE_FORMS) is expected


def test_machine_default_is_turtle_but_browsers_get_html() -> None:
    assert choose(None, MACHINE_FORMS) is TURTLE
    assert choose("*/*", MACHINE_FORMS) is TURTLE
    assert choose(BROWSER, MACHINE_FORMS) is HTML


@pytest.mark.parametrize("accept", ["application/pdf", "text/turtle;q=0, text/html;q=0, */*;q=0", "image/*"])
def test_nothing_acceptable(accept: str) -> None:
    assert choose(accept, RESOURCE_FORMS) is None


def test_most_specific_range_decides() -> None:
    # */* would allow Turtle, but the client named it and gave it q=0.
    assert choose("text/turtle;q=0, */*;q=1", (TURTLE, JSON_LD)) is JSON_LD


def test_split_extension() -> None:
    assert split_extension("instrument/icrmw/article/22.ttl") == ("instrument/icrmw/article/22", TURTLE)
    assert split_extension("actor/mexico.jsonld") == ("actor/mexico", JSON_LD)
    assert split_extension("instrument/agenda-2030/target/10.c") == ("instrument/agenda-2030/target/10.c", None)
    assert split_extension("a.ttl/b") == ("a.ttl/b", None)


# -- over HTTP -------------------------------------------------------------------------------

@pytest.mark.parametrize("accept, media_type", [
    (None, "text/html"),
    ("*/*", "text/html"),
    (BROWSER, "text/html"),
    ("text/turtle", "text/turtle"),
    ("application/ld+json", "application/ld+json"),
    ("application/n-triples", "application/n-triples"),
    ("application/rdf+xml", "application/rdf+xml"),
])
def test_resource_iri_negotiates(http: httpx.Client, accept: str | None, media_type: str) -> None:
    response = http.get(ARTICLE, headers={"Accept": accept} if accept else {})  # httpx's default is */*
    assert response.status_code == 200
    assert response.headers["content-type"].split(";")[0] == media_type
    assert "Accept" in response.headers["vary"]
    extension = {"text/html": "html", "text/turtle": "ttl", "application/ld+json": "jsonld",
                 "application/n-triples": "nt", "application/rdf+xml": "rdf"}[media_type]
    assert response.headers["content-location"] == f"{ARTICLE}.{extension}"


def test_no_accept_header_at_all_gets_html(site_url: str) -> None:
    # A raw request without Accept (httpx would add one).
    import socket
    from urllib.parse import urlsplit

    where = urlsplit(site_url)
    with socket.create_connection((where.hostname, where.port), timeout=10) as connection:
        connection.sendall(f"GET {ARTICLE} HTTP/1.1\r\nHost: {where.netloc}\r\nConnection: close\r\n\r\n".encode())
        reply = b""
        while chunk := connection.recv(65536):
            reply += chunk
    head = reply.split(b"\r\n\r\n", 1)[0].decode().lower()
    assert head.startswith("http/1.1 200")
    assert "content-type: text/html" in head


@pytest.mark.parametrize("extension, rdf_format", [
    ("ttl", ox.RdfFormat.TURTLE), ("jsonld", ox.RdfFormat.JSON_LD), ("nt", ox.RdfFormat.N_TRIPLES),
    ("rdf", ox.RdfFormat.RDF_XML),
])
def test_extension_form_parses_and_describes_the_resource(http: httpx.Client, extension: str, rdf_format: ox.RdfFormat) -> None:
    response = http.get(f"{ARTICLE}.{extension}", headers={"Accept": "text/html"})  # the extension wins
    assert response.status_code == 200
    assert "accept" not in response.headers.get("vary", "").lower()  # an extension form is not negotiated
    triples = [ox.Triple(q.subject, q.predicate, q.object) for q in ox.parse(response.content, format=rdf_format)]
    subject = ox.NamedNode(ARTICLE_IRI)
    label = ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#label")
    number = ox.NamedNode("https://w3id.org/mrkg/ontology#number")
    assert ox.Triple(subject, number, ox.Literal("22")) in triples
    # Labels of what it links to travel with it: the instrument's and the Part's.
    labelled = {t.subject.value for t in triples if t.predicate == label}
    assert "https://w3id.org/mrkg/id/instrument/icrmw" in labelled
    assert "https://w3id.org/mrkg/id/instrument/icrmw/part/3" in labelled


def test_html_extension(http: httpx.Client) -> None:
    response = http.get(f"{ARTICLE}.html", headers={"Accept": "text/turtle"})
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/html")


def test_alternates_in_link_header(http: httpx.Client) -> None:
    links = http.get(ARTICLE).headers["link"]
    for extension, media_type in [("ttl", "text/turtle"), ("jsonld", "application/ld+json"),
                                  ("nt", "application/n-triples"), ("rdf", "application/rdf+xml")]:
        assert f'<{ARTICLE}.{extension}>; rel="alternate"; type="{media_type}"' in links


def test_not_acceptable_lists_what_is_available(http: httpx.Client) -> None:
    response = http.get(ARTICLE, headers={"Accept": "application/pdf"})
    assert response.status_code == 406
    assert "text/turtle" in response.text and "text/html" in response.text


def test_head_is_answered(http: httpx.Client) -> None:
    response = http.head(ARTICLE, headers={"Accept": "text/turtle"})
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/turtle")
