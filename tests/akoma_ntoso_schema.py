"""The official Akoma Ntoso 3.0 schema, read offline, for the tests that validate documents (issue 14, item 3)."""
from __future__ import annotations

from functools import cache
from pathlib import Path

from lxml import etree

SCHEMA_DIR = Path(__file__).parent / "graph" / "akoma_ntoso" / "schema"
AKN = "http://docs.oasis-open.org/legaldocml/ns/akn/3.0"
NS = {"a": AKN}


@cache
def schema() -> etree.XMLSchema:
    # The schema imports ./xml.xsd: resolved beside it on disk, and lxml is told never to use the network.
    parser = etree.XMLParser(no_network=True, resolve_entities=False)
    return etree.XMLSchema(etree.parse(str(SCHEMA_DIR / "akomantoso30.xsd"), parser))


def invalid(xml: bytes) -> list[str]:
    """What the schema finds wrong with ``xml`` (line and message); nothing when it is valid."""
    validator = schema()
    if validator.validate(etree.fromstring(xml)):
        return []
    return [f"line {e.line}: {e.message}" for e in validator.error_log]
