"""The rules of RFC 4287 a feed reader depends on, checked on a parsed feed; each problem said in words.

No RELAX NG schema of Atom under a licence that lets it be copied into the project was found,
so the rules that matter are checked here: the elements a feed and an entry must have (§4.1.1,
§4.1.2), ids that are absolute IRIs and unique (§4.2.6), dates in RFC 3339 with a zone (§3.3),
absolute links (a reader resolves nothing against the page it came from), one ``self``.
"""
from __future__ import annotations

import datetime as dt
import re
from urllib.parse import urlsplit

from lxml import etree

ATOM = "http://www.w3.org/2005/Atom"
NS = {"a": ATOM}
RFC3339 = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})")


def parse(body: bytes) -> etree._Element:
    """The feed's root, parsed as any XML parser would (no entities, no network)."""
    return etree.fromstring(body, etree.XMLParser(resolve_entities=False, no_network=True))


def problems(feed: etree._Element) -> list[str]:
    found: list[str] = []
    if feed.tag != f"{{{ATOM}}}feed":
        return [f"the root is {feed.tag}, not atom:feed"]
    found += _required(feed, "feed", ("id", "title", "updated"))
    found += _links(feed, "feed", wants_self=True)
    entries = feed.findall("a:entry", NS)
    if not feed.findall("a:author", NS) and any(not e.findall("a:author", NS) for e in entries):
        found.append("an entry has no author and the feed has none to lend it (§4.1.1)")
    ids = [feed.findtext("a:id", namespaces=NS)]
    for number, entry in enumerate(entries, 1):
        where = f"entry {number}"
        found += _required(entry, where, ("id", "title", "updated"))
        found += _links(entry, where, wants_self=False)
        for author in entry.findall("a:author", NS):
            if not (author.findtext("a:name", namespaces=NS) or "").strip():
                found.append(f"{where}: an author without a name (§3.2.1)")
        for category in entry.findall("a:category", NS):
            if not category.get("term"):
                found.append(f"{where}: a category without a term (§4.2.2.1)")
        ids.append(entry.findtext("a:id", namespaces=NS))
    for element in feed.iter(f"{{{ATOM}}}updated", f"{{{ATOM}}}published"):
        if not RFC3339.fullmatch(element.text or ""):
            found.append(f"{element.text!r} is not an RFC 3339 date-time (§3.3)")
    for identifier in ids:
        if identifier and not urlsplit(identifier).scheme:
            found.append(f"id {identifier!r} is not an absolute IRI (§4.2.6)")
    duplicates = {i for i in ids if ids.count(i) > 1}
    if duplicates:
        found.append(f"ids used twice: {sorted(map(str, duplicates))}")
    return found


def updated(element: etree._Element) -> dt.datetime:
    return dt.datetime.fromisoformat((element.findtext("a:updated", namespaces=NS) or "").replace("Z", "+00:00"))


def published(entry: etree._Element) -> dt.datetime | None:
    text = entry.findtext("a:published", namespaces=NS)
    return dt.datetime.fromisoformat(text.replace("Z", "+00:00")) if text else None


def entry_ids(feed: etree._Element) -> list[str]:
    return [entry.findtext("a:id", namespaces=NS) or "" for entry in feed.findall("a:entry", NS)]


def _required(element: etree._Element, where: str, names: tuple[str, ...]) -> list[str]:
    found = []
    for name in names:
        count = len(element.findall(f"a:{name}", NS))
        if count != 1:
            found.append(f"{where}: {count} atom:{name} elements, not one")
        elif not (element.findtext(f"a:{name}", namespaces=NS) or "").strip():
            found.append(f"{where}: an empty atom:{name}")
    return found


def _links(element: etree._Element, where: str, wants_self: bool) -> list[str]:
    found = []
    links = element.findall("a:link", NS)
    for link in links:
        href = link.get("href") or ""
        parts = urlsplit(href)
        if not (parts.scheme in ("http", "https") and parts.netloc):
            found.append(f"{where}: link {href!r} is not absolute")
    rels = [link.get("rel", "alternate") for link in links]
    if rels.count("alternate") != 1:
        found.append(f"{where}: {rels.count('alternate')} alternate links, not one")
    if wants_self and rels.count("self") != 1:
        found.append(f"{where}: {rels.count('self')} self links, not one")
    return found
