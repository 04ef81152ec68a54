"""One document as Akoma Ntoso 3.0 XML bytes, and every document as one zip for the dumps.

The same graph gives the same bytes: the order of every element and attribute comes from the
records (:mod:`graph.akoma_ntoso.reading`), never from a set or a clock, and the zip's entries
carry a fixed time.  Block elements are indented; what is inside a ``p``, ``from``, ``heading``
or ``num`` is written exactly as it is, since a space added there would change the text.
"""
from __future__ import annotations

import io
import re
import xml.etree.ElementTree as ET
import zipfile
from typing import Iterable

from graph.akoma_ntoso.body import AKN, main_body, sub
from graph.akoma_ntoso.identification import Identification, identify
from graph.akoma_ntoso.reading import Record
from graph.akoma_ntoso.references import EDITOR_ID, References

INLINE_CONTAINERS = {"p", "from", "heading", "num", "docTitle", "docNumber", "narrative"}
ZIP_TIME = (1980, 1, 1, 0, 0, 0)  # the earliest a zip can say: the archive's bytes never depend on the day


def akoma_ntoso(record: Record) -> bytes:
    identification = identify(record)
    references = References(record.parties)
    root = ET.Element("akomaNtoso", {"xmlns": AKN})
    document = sub(root, identification.document_type, name=identification.name)
    meta(document, record, identification, references)
    preface = sub(document, "preface")
    if record.symbol:
        sub(sub(preface, "p"), "docNumber", record.symbol)
    sub(sub(preface, "p"), "docTitle", record.title)
    main_body(document, record, references)
    _xml_characters(root)
    _indent(root)
    written: bytes = ET.tostring(root, encoding="UTF-8", xml_declaration=True)
    return written + b"\n"


def meta(document: ET.Element, record: Record, ident: Identification, references: References) -> None:
    editor = f"#{EDITOR_ID}"
    meta_element = sub(document, "meta")
    identification = sub(meta_element, "identification", source=editor)
    author = references.ref(record.publisher) or editor
    for level, this, uri, date_name in (
            ("FRBRWork", f"{ident.work}/!main", ident.work, ident.date_name),
            ("FRBRExpression", f"{ident.expression}/!main", ident.expression, ident.date_name),
            ("FRBRManifestation", f"{ident.manifestation}/!main.xml", ident.manifestation, ident.date_name)):
        frbr = sub(identification, level)
        sub(frbr, "FRBRthis", value=this)
        sub(frbr, "FRBRuri", value=uri)
        if level == "FRBRWork":
            sub(frbr, "FRBRalias", value=record.iri, name="mrkg")
            if record.symbol:
                sub(frbr, "FRBRalias", value=record.symbol, name="symbol")
        sub(frbr, "FRBRdate", date=ident.date, name=date_name)
        sub(frbr, "FRBRauthor", href=author if level != "FRBRManifestation" else editor)
        if level == "FRBRWork":
            sub(frbr, "FRBRcountry", value="un")
            sub(frbr, "FRBRsubtype", value=ident.name)
            sub(frbr, "FRBRnumber", value=ident.number)
            sub(frbr, "FRBRname", value=record.title)
        if level == "FRBRExpression":
            sub(frbr, "FRBRlanguage", language=ident.language)
        if level == "FRBRManifestation" and record.source:
            sub(frbr, "FRBRformat", value="application/akn+xml")
    if record.issued:
        sub(meta_element, "publication", date=record.issued, name=record.symbol or "issued",
            showAs=record.label)
        lifecycle = sub(meta_element, "lifecycle", source=editor)
        sub(lifecycle, "eventRef", date=record.issued, source="#original", eId="evt_issued", type="generation")
    refs = sub(meta_element, "references", source=editor)
    # The expression the events of the lifecycle are about: this document itself, as issued.
    sub(refs, "original", eId="original", href=f"{ident.expression}/!main", showAs=record.label)
    for element, eid, party in references.declared():
        sub(refs, element, eId=eid, href=party.iri, showAs=party.label)


# Characters XML 1.0 cannot carry (§2.2), which a converted PDF may still hold (a form feed between pages):
# ElementTree would write them and no parser would read the file.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


def _xml_characters(root: ET.Element) -> None:
    for element in root.iter():
        if element.text:
            element.text = _NOT_XML.sub("", element.text)
        if element.tail:
            element.tail = _NOT_XML.sub("", element.tail)
        for name, value in element.attrib.items():
            element.set(name, _NOT_XML.sub("", value))


def _indent(element: ET.Element, level: int = 0) -> None:
    if element.tag in INLINE_CONTAINERS or not len(element):
        return
    inner = "\n" + "  " * (level + 1)
    element.text = inner
    for child in element:
        _indent(child, level + 1)
        child.tail = inner
    element[-1].tail = "\n" + "  " * level


def archive(documents: Iterable[tuple[str, bytes]]) -> bytes:
    """A zip of ``(file name, bytes)`` in the order given, with fixed times: the same documents, the same bytes."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as zipped:
        for name, body in documents:
            info = zipfile.ZipInfo(name, date_time=ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            zipped.writestr(info, body)
    return buffer.getvalue()
