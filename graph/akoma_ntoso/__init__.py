"""Akoma Ntoso 3.0 (AKN4UN) forms of the documents, built from the published graph (issue 14, item 3).

    reading.py         the document, its statements, citations and parties, by SPARQL through PublishedData
    identification.py  FRBR identification: AKN4UN IRIs /akn/un/{type}/{subtype}/{date}/{number}
    references.py      TLCPerson / TLCOrganization / TLCRole for everyone a speech names
    body.py            debate sections, speeches, narratives and paragraphs, with a ref around each citation
    writer.py          the XML bytes (deterministic), and the zip of every document for the dumps

Summary records, seminar summaries and online discussions are ``debateReport``s; concept notes
and other prose documents ``doc``s (why: :mod:`graph.akoma_ntoso.body`).
"""
from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Callable

from graph.akoma_ntoso.identification import identify
from graph.akoma_ntoso.reading import GENRES, documents, read_record
from graph.akoma_ntoso.writer import akoma_ntoso, archive
from graph.dumps import Dump
from graph.store import PublishedData
from graph.store.backends import EmbeddedStore

MEDIA_TYPE = "application/akn+xml"
DUMP_NAME = "mrkg-akn.zip"


def document_xml(store: PublishedData, document: str) -> bytes | None:
    """The Akoma Ntoso form of ``document``; None when it is not a document of a genre served so."""
    record = read_record(store, document)
    return akoma_ntoso(record) if record is not None else None


def file_name(document: str) -> str:
    """The file a document takes in the dumps' zip: its key, as in its IRI."""
    return document.rstrip("/").rsplit("/", 1)[-1] + ".akn.xml"


def dump(store: PublishedData, progress: Callable[[str], None] = lambda line: None) -> tuple[bytes, int]:
    """Every document served as Akoma Ntoso, in one zip (one file per document, in IRI order), and how many."""
    entries = []
    for document in documents(store):
        xml = document_xml(store, document)
        if xml is not None:
            entries.append((file_name(document), xml))
    progress(f"akoma ntoso: {len(entries)} documents")
    return archive(entries), len(entries)


__all__ = ["GENRES", "MEDIA_TYPE", "DUMP_NAME", "document_xml", "dump", "file_name", "identify", "write_dump"]


def write_dump(store_dir: Path, dumps_dir: Path, progress: Callable[[str], None] = lambda line: None) -> Dump:
    """The zip of every document's Akoma Ntoso form in ``dumps_dir``, read from the store a build just wrote."""
    store = EmbeddedStore(store_dir)
    try:
        body, count = dump(store, progress)
    finally:
        store.close()
    (dumps_dir / DUMP_NAME).write_bytes(body)
    description = (f"Every summary record, seminar summary, discussion, concept note and prose document ({count}) "
                   "as Akoma Ntoso 3.0 in the AKN4UN conventions, one XML file per document (zip).")
    # ``triples`` counts RDF statements; the zip holds none.
    return Dump(DUMP_NAME, "application/zip", description, len(body), 0, hashlib.sha256(body).hexdigest())
