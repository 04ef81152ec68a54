"""Atom 1.0 feeds (RFC 4287): what a researcher subscribes to, written from plain data.

A feed reader asks the same URL again after each build and shows what is new,
so an entry's ``id`` must never change (the statement's IRI) and its dates must
be RFC 3339 instants with a time zone (RFC 4287 §3.3), even where the graph
knows only a day.  The XML is built with ElementTree, never by pasting strings:
a statement's text holds ``&``, ``<`` and quotation marks as printed.
"""
from __future__ import annotations

import datetime as dt
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field

ATOM_NS = "http://www.w3.org/2005/Atom"
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
ET.register_namespace("", ATOM_NS)


@dataclass(frozen=True)
class Person:
    """An ``atom:author``: who spoke (and for whom), with the page about them where there is one."""

    name: str
    uri: str | None = None


@dataclass(frozen=True)
class Category:
    """What an entry is about: a cited provision or a topic, by its IRI, under the scheme it belongs to."""

    term: str
    label: str
    scheme: str | None = None


@dataclass(frozen=True)
class Entry:
    id: str
    title: str
    page: str  # the statement's page, ``link rel="alternate"``
    updated: dt.datetime
    summary: str
    authors: tuple[Person, ...] = ()
    categories: tuple[Category, ...] = ()
    published: dt.datetime | None = None
    content: str = ""  # the whole text, where the summary is only the part a feed is about


@dataclass(frozen=True)
class Feed:
    id: str
    title: str
    updated: dt.datetime
    self_link: str  # absolute: a reader resolves nothing against the page it came from (RFC 4287 §4.2.7)
    page: str  # the HTML page the feed follows, ``link rel="alternate"``
    author: Person
    subtitle: str = ""
    entries: list[Entry] = field(default_factory=list)


def instant(value: str | dt.date | dt.datetime) -> dt.datetime:
    """An RFC 3339 instant from what the graph holds: a day is taken at midnight UTC, a time without a zone as UTC."""
    if isinstance(value, str):
        value = dt.datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
    if not isinstance(value, dt.datetime):
        value = dt.datetime(value.year, value.month, value.day)
    return value if value.tzinfo is not None else value.replace(tzinfo=dt.timezone.utc)


def rfc3339(moment: dt.datetime) -> str:
    """``2022-09-27T00:00:00Z``: whole seconds, ``Z`` for UTC (RFC 3339 §5.6)."""
    moment = instant(moment).replace(microsecond=0)
    text = moment.isoformat()
    return text[:-6] + "Z" if text.endswith("+00:00") else text


def atom_xml(feed: Feed) -> bytes:
    """The feed as an Atom document, UTF-8, with its XML declaration."""
    root = ET.Element(_tag("feed"))
    _text(root, "id", feed.id)
    _text(root, "title", feed.title)
    if feed.subtitle:
        _text(root, "subtitle", feed.subtitle)
    _text(root, "updated", rfc3339(feed.updated))
    _link(root, "self", feed.self_link, "application/atom+xml")
    _link(root, "alternate", feed.page, "text/html")
    _person(root, "author", feed.author)
    ET.SubElement(root, _tag("generator"), uri="https://w3id.org/mrkg/").text = "mrkg"
    for entry in feed.entries:
        _entry(root, entry)
    ET.indent(root)
    written: bytes = ET.tostring(root, encoding="utf-8", xml_declaration=True)
    return written + b"\n"


def _entry(root: ET.Element, entry: Entry) -> None:
    element = ET.SubElement(root, _tag("entry"))
    _text(element, "id", entry.id)
    _text(element, "title", entry.title)
    _link(element, "alternate", entry.page, "text/html")
    _text(element, "updated", rfc3339(entry.updated))
    if entry.published is not None:
        _text(element, "published", rfc3339(entry.published))
    for author in entry.authors:
        _person(element, "author", author)
    for category in entry.categories:
        attributes = {"term": category.term, "label": category.label}
        if category.scheme:
            attributes["scheme"] = category.scheme
        ET.SubElement(element, _tag("category"), attributes)
    ET.SubElement(element, _tag("summary"), type="text").text = _xml_chars(entry.summary)
    if entry.content:
        ET.SubElement(element, _tag("content"), type="text").text = _xml_chars(entry.content)


def _tag(name: str) -> str:
    return f"{{{ATOM_NS}}}{name}"


def _text(parent: ET.Element, name: str, value: str) -> None:
    ET.SubElement(parent, _tag(name)).text = _xml_chars(value)


def _link(parent: ET.Element, rel: str, href: str, media_type: str) -> None:
    ET.SubElement(parent, _tag("link"), rel=rel, type=media_type, href=href)


def _person(parent: ET.Element, role: str, person: Person) -> None:
    element = ET.SubElement(parent, _tag(role))
    _text(element, "name", person.name)
    if person.uri:
        _text(element, "uri", person.uri)


def _xml_chars(text: str) -> str:
    """The text without the characters XML 1.0 cannot carry at all (§2.2), which ElementTree would write anyway."""
    return _NOT_XML.sub("", text)
