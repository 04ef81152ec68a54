"""The Atom writer: text as printed comes back as printed, dates are RFC 3339 instants (RFC 4287 §3.3)."""
from __future__ import annotations

import datetime as dt

from lxml import etree

from graph.atom import Category, Entry, Feed, Person, atom_xml, instant, rfc3339

NS = {"a": "http://www.w3.org/2005/Atom"}
PRINTED = 'Articles 22 & 23 <"collective expulsion"> of the Convention\x0c — «débat»'


def feed(summary: str) -> bytes:
    entry = Entry(id="https://w3id.org/mrkg/id/statement/x/1", title=PRINTED, page="http://127.0.0.1/id/statement/x/1",
                  updated=instant("2022-09-27"), summary=summary, authors=(Person("Ms. Diallo & <co>"),),
                  categories=(Category("https://w3id.org/mrkg/id/topic/detention", 'A "topic" & more'),))
    return atom_xml(Feed(id="https://w3id.org/mrkg/id/topic/detention.atom", title="New statements on detention",
                         updated=dt.datetime(2026, 12, 6, 23, 59, 5, 351287, tzinfo=dt.timezone.utc),
                         self_link="http://127.0.0.1/id/topic/detention.atom", page="http://127.0.0.1/id/topic/detention",
                         author=Person("Migrant Rights Knowledge Graph"), entries=[entry]))


def test_text_as_printed_is_escaped_and_read_back() -> None:
    body = feed(PRINTED + "\x00\ufffe")
    assert body.startswith(b"<?xml version='1.0' encoding='utf-8'?>")
    root = etree.fromstring(body)
    kept = PRINTED.replace("\x0c", "")  # a form feed (or NUL, U+FFFE) cannot be written in XML 1.0 at all
    assert root.findtext("a:entry/a:title", namespaces=NS) == kept
    assert root.findtext("a:entry/a:summary", namespaces=NS) == kept
    assert root.findtext("a:entry/a:author/a:name", namespaces=NS) == "Ms. Diallo & <co>"
    assert root.find("a:entry/a:category", NS).get("label") == 'A "topic" & more'  # type: ignore[union-attr]


def test_dates_are_rfc3339_instants() -> None:
    root = etree.fromstring(feed("x"))
    assert root.findtext("a:updated", namespaces=NS) == "2026-12-06T23:59:05Z"
    assert root.findtext("a:entry/a:updated", namespaces=NS) == "2022-09-27T00:00:00Z"
    assert rfc3339(instant("2022-09-27T10:30:00")) == "2022-09-27T10:30:00Z"  # no zone given: UTC
    assert rfc3339(instant("2022-09-27T10:30:00+02:00")) == "2022-09-27T10:30:00+02:00"
