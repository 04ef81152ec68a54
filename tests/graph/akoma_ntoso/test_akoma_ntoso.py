"""Akoma Ntoso 3.0 (AKN4UN) forms of the documents (issue 14, item 3).

Every document a build publishes — the five sources, and a build of the unseen and held-out
fixtures — is validated against the official OASIS schema (``schema/``, offline, with lxml), and
its content is checked against the published graph: speeches where the graph has speakers, a
``ref`` around each cited provision's words, every TLC reference used declared.  Served at the
document's IRI, negotiation and extension give the bytes the dump holds.
"""
from __future__ import annotations

import hashlib
import io
import re
import shutil
import subprocess
import sys
import os
import zipfile
from pathlib import Path

import httpx
import pytest
from lxml import etree

from akoma_ntoso_schema import AKN, NS, SCHEMA_DIR, invalid
from graph.akoma_ntoso import DUMP_NAME, document_xml, dump, file_name
from graph.akoma_ntoso.reading import documents
from graph.settings import PROJECT_ROOT
from graph.store.backends import EmbeddedStore

ID = "https://w3id.org/mrkg/id/"
SR_506 = ID + "document/001_572bfb9b02552e02"
NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f]")  # what XML 1.0 cannot carry, left out of the XML
SCHEMA_FILES = {
    "akomantoso30.xsd": "6f61fe84cbb6f8cb0e8418cd67b74a63da9990e6573b5a3491f623184f45c4fd",
    "xml.xsd": "81aed1bb30c9d475f5b16b6bb92e6ede9879dcd7e146c0ed8df577b87b1d2815",
}


def dumped(var: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(var / "current" / "dumps" / DUMP_NAME) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def published(var: Path) -> EmbeddedStore:
    return EmbeddedStore((var / "current" / "store").resolve())


def check_content(xml: bytes, store: EmbeddedStore, document: str) -> None:
    """What any document's AKN form must say, against the graph it was built from."""
    root = etree.fromstring(xml)
    declared = {e.get("eId"): etree.QName(e).localname for e in root.find(".//a:references", NS)}
    for element in root.iter():
        for attribute in ("by", "as", "source", "href", "refersTo"):
            value = element.get(attribute) or ""
            if value.startswith("#"):
                assert value[1:] in declared, f"{document}: {attribute}={value} is not declared in <references>"
    for speech in root.iterfind(".//a:speech", NS):
        assert declared[speech.get("by")[1:]] in ("TLCPerson", "TLCOrganization")
        if speech.get("as"):
            assert declared[speech.get("as")[1:]] in ("TLCOrganization", "TLCRole")
    # Every provision the graph says a statement cites is a ref somewhere in the document, to its IRI.
    cited = {row["p"].value for row in store.query(
        f"SELECT DISTINCT ?p WHERE {{ ?s mrkg:document <{document}> ; mrkg:cites ?p . "
        f"?c a mrkg:ProvisionCitation ; cito:hasCitingEntity ?s ; cito:hasCitedEntity ?p }}",
        prefixes={"mrkg": "https://w3id.org/mrkg/ontology#", "cito": "http://purl.org/spar/cito/"})}
    referred = {ref.get("href") for ref in root.iterfind(".//a:ref", NS)}
    assert cited <= referred, f"{document}: cited but without a ref: {sorted(cited - referred)}"
    # One speech or narrative per statement, holding the statement's text exactly (markup around the words only).
    texts = sorted(NOT_XML.sub("", row["t"].value) for row in store.query(
        f"SELECT ?s ?t WHERE {{ ?s <https://w3id.org/mrkg/ontology#document> <{document}> ; "
        f"<https://w3id.org/mrkg/ontology#text> ?t }}"))
    # A footnote of the authors is a statement too: its words are an authorialNote's (issue 14).
    footnotes = [note for note in root.iterfind(".//a:authorialNote", NS) if note.get("eId", "").startswith("fn_")]
    blocks = (root.findall(".//a:speech/a:p", NS) + root.findall(".//a:narrative", NS)
              + [paragraph for note in footnotes for paragraph in note.findall("a:p", NS)])
    assert sorted(printed_text(block) for block in blocks) == texts, document


def printed_text(block: etree._Element) -> str:
    """The words of a speech's ``p`` or of a narrative, without its number and notes."""
    words = [block.text or ""]
    for child in block:
        name = etree.QName(child).localname
        if name == "inline" and child.get("name") == "num":
            words.append((child.tail or "").removeprefix(" "))
            continue
        if name != "authorialNote":
            words.append("".join(child.itertext()))
        words.append(child.tail or "")
    return "".join(words)


def test_the_schema_files_are_the_official_ones() -> None:
    for name, digest in SCHEMA_FILES.items():
        assert hashlib.sha256((SCHEMA_DIR / name).read_bytes()).hexdigest() == digest, name


def test_the_schema_refuses_what_it_should() -> None:
    """The validation can fail: a speech without its required ``by`` is refused."""
    bad = (f'<akomaNtoso xmlns="{AKN}"><debateReport name="x"><meta><identification source="#a"/></meta>'
           '<mainBody><debateSection eId="s"><speech><p>text</p></speech></debateSection></mainBody>'
           '</debateReport></akomaNtoso>').encode()
    assert invalid(bad)


def test_every_document_of_the_build_is_valid_akoma_ntoso(published_var: Path) -> None:
    files = dumped(published_var)
    store = published(published_var)
    served = documents(store)
    assert len(served) == 5
    assert sorted(files) == sorted(file_name(d) for d in served)
    for document in served:
        xml = files[file_name(document)]
        assert invalid(xml) == [], document
        check_content(xml, store, document)


def test_a_summary_record_is_a_debate_report_named_by_its_symbol_and_date(published_var: Path) -> None:
    root = etree.fromstring(dumped(published_var)[file_name(SR_506)])
    report = root.find("a:debateReport", NS)
    assert report is not None and report.get("name") == "summaryRecord"
    work = report.find("a:meta/a:identification/a:FRBRWork", NS)
    assert work.find("a:FRBRuri", NS).get("value") == "/akn/un/debateReport/summaryRecord/2022-09-27/CMW-C-SR-506"
    assert work.find("a:FRBRthis", NS).get("value").endswith("CMW-C-SR-506/!main")
    assert work.find("a:FRBRdate", NS).get("date") == "2022-09-27"
    assert work.find("a:FRBRcountry", NS).get("value") == "un"
    assert {a.get("value") for a in work.iterfind("a:FRBRalias", NS)} == {SR_506, "CMW/C/SR.506"}
    expression = report.find("a:meta/a:identification/a:FRBRExpression", NS)
    assert expression.find("a:FRBRlanguage", NS).get("language") == "eng"
    assert report.find("a:meta/a:publication", NS).get("date") == "2022-10-06"
    assert report.find("a:preface/a:p/a:docNumber", NS).text == "CMW/C/SR.506"


def test_paragraph_6_of_sr_506_is_a_speech_by_ms_hernandez_paramo_for_ohchr(published_var: Path) -> None:
    root = etree.fromstring(dumped(published_var)[file_name(SR_506)])
    references = {e.get("eId"): e for e in root.find(".//a:references", NS)}
    speeches = {s.findtext("a:num", namespaces=NS): s for s in root.iterfind(".//a:speech", NS)}
    speech = speeches["6."]
    speaker, represented = references[speech.get("by")[1:]], references[speech.get("as")[1:]]
    assert (etree.QName(speaker).localname, speaker.get("href"), speaker.get("showAs")) == (
        "TLCPerson", ID + "actor/hernandez-paramo", "Ms. Hernández Paramo")
    assert (etree.QName(represented).localname, represented.get("href")) == ("TLCOrganization", ID + "actor/ohchr")
    text = speech.find("a:p", NS)
    refs = {ref.text: ref.get("href") for ref in text.iterfind("a:ref", NS)}
    assert refs["article 22"] == ID + "instrument/icrmw/article/22"
    assert refs["objective 21"] == ID + "instrument/gcm/objective/21"
    assert "".join(text.itertext()).startswith("The successful implementation of the Global Compact for Migration")
    # Paragraph 5 opens her statement: the name as printed is its <from>.
    assert speeches["5."].findtext("a:from", namespaces=NS) == "Ms. Hernández Paramo (OHCHR)"


def test_a_comment_of_the_discussion_is_a_speech_with_its_date(published_var: Path) -> None:
    root = etree.fromstring(dumped(published_var)[file_name(ID + "document/004_78fd61f76d543e46")])
    assert root.find("a:debateReport", NS).get("name") == "onlineDiscussion"
    dated = [s for s in root.iterfind(".//a:speech", NS) if s.find("a:from/a:date", NS) is not None]
    assert dated
    for speech in dated:
        assert len(speech.find("a:from/a:date", NS).get("date")) == 10
    # Threads are the debate sections, each headed by its thread's label.
    assert len(root.findall(".//a:debateSection", NS)) > 1


def test_the_same_graph_gives_the_same_bytes(published_var: Path) -> None:
    store = published(published_var)
    first, count = dump(store)
    again, _ = dump(store)
    assert count == 5 and first == again
    assert first == (published_var / "current" / "dumps" / DUMP_NAME).read_bytes()
    assert document_xml(store, SR_506) == dumped(published_var)[file_name(SR_506)]
    assert document_xml(store, ID + "actor/ohchr") is None


def test_the_dump_is_listed_with_its_checksum(published_var: Path) -> None:
    import json

    manifest = json.loads((published_var / "current" / "dumps" / "manifest.json").read_text())
    entry = next(d for d in manifest["dumps"] if d["name"] == DUMP_NAME)
    body = (published_var / "current" / "dumps" / DUMP_NAME).read_bytes()
    assert entry["media_type"] == "application/zip" and entry["bytes"] == len(body)
    assert entry["sha256"] == hashlib.sha256(body).hexdigest()


def test_documents_answer_akoma_ntoso_by_negotiation_and_by_extension(built_server: str,
                                                                      published_var: Path) -> None:
    path = "/id/document/001_572bfb9b02552e02"
    with httpx.Client(base_url=built_server, timeout=60) as http:
        negotiated = http.get(path, headers={"Accept": "application/akn+xml"})
        extension = http.get(path + ".akn")
        page = http.get(path)
        not_a_document = http.get("/id/actor/ohchr.akn")
        refused = http.get("/id/actor/ohchr", headers={"Accept": "application/akn+xml"})
        listing = http.get("/dumps/", headers={"Accept": "application/json"}).json()
        zipped = http.get(f"/dumps/{DUMP_NAME}")
        void = http.get("/.well-known/void", headers={"Accept": "application/n-triples"}).text
    assert negotiated.status_code == 200 and negotiated.headers["content-type"] == "application/akn+xml"
    assert negotiated.headers["content-location"] == path + ".akn"
    assert "Accept" in negotiated.headers["vary"]
    assert extension.status_code == 200 and extension.content == negotiated.content
    assert negotiated.content == dumped(published_var)[file_name(SR_506)]
    assert f'<{path}.akn>; rel="alternate"; type="application/akn+xml"' in negotiated.headers["link"]
    assert page.headers["content-type"].startswith("text/html")  # */* and no Accept still mean HTML
    assert f'type="application/akn+xml" href="{path}.akn"' in page.text
    assert not_a_document.status_code == 404 and "no Akoma Ntoso form" in not_a_document.text
    assert refused.status_code == 406 and "application/akn+xml" in refused.text
    assert DUMP_NAME in {d["name"] for d in listing["dumps"]}
    assert zipped.headers["content-type"] == "application/zip"
    with zipfile.ZipFile(io.BytesIO(zipped.content)) as archive:
        assert archive.read(file_name(SR_506)) == negotiated.content
    dumps_lines = [line for line in void.splitlines() if "void#dataDump" in line]
    assert dumps_lines and not any(DUMP_NAME in line for line in dumps_lines)  # not an RDF dump
    assert any(DUMP_NAME in line and "dcat#downloadURL" in line for line in void.splitlines())


@pytest.mark.slow
def test_every_document_of_the_unseen_and_held_out_builds_is_valid_akoma_ntoso(tmp_path: Path) -> None:
    """The 38 unseen and 25 held-out documents, built with the five sources in one build: every one valid."""
    data = tmp_path / "data"
    shutil.copytree(PROJECT_ROOT / "data", data)
    texts = sorted((PROJECT_ROOT / "tests" / "fixtures" / "unseen").glob("*/*.txt"))
    texts += sorted((PROJECT_ROOT / "tests" / "fixtures" / "heldout").glob("*/*.txt"))
    for text in texts:
        shutil.copy(text, data / "sources" / text.name)
    var = tmp_path / "var"
    result = subprocess.run([sys.executable, "-m", "graph.cli", "build"], capture_output=True, text=True, timeout=1800,
                            env=dict(os.environ, MRKG_VAR_DIR=str(var), MRKG_DATA_DIR=str(data)))
    assert result.returncode == 0, result.stderr[-3000:]
    files = dumped(var)
    assert len(files) == len(texts) + 5
    store = published(var)
    for document in documents(store):
        xml = files[file_name(document)]
        assert invalid(xml) == [], document
        check_content(xml, store, document)


def test_characters_xml_cannot_carry_are_left_out() -> None:
    """A form feed from a converted PDF would make the file unreadable: it is dropped, the rest kept."""
    from graph.akoma_ntoso.reading import Citation, Party, Record, Statement
    from graph.akoma_ntoso.writer import akoma_ntoso

    text = "Page one\x0cpage two cites article 22."
    statement = Statement(iri=ID + "statement/x/1", text=text, passage="1. " + text, begin=100, number=1,
                          speaker=ID + "actor/a", on_behalf_of=None, role=None, printed_speaker="Ms. A\x07",
                          date=None, session=ID + "session/s",
                          citations=[Citation(ID + "instrument/icrmw/article/22", "article 22", 100 + 3 + 29)])
    record = Record(iri=ID + "document/x", genre="SummaryRecord", title="A record", label="A record",
                    symbol="X/SR.1", language="en", issued=None, meeting_date="2020-01-02", publisher=None,
                    source=None, statements=[statement], sessions={ID + "session/s": "1st meeting"},
                    parties={ID + "actor/a": Party(ID + "actor/a", "Ms. A", "person")})
    xml = akoma_ntoso(record)
    assert invalid(xml) == []
    speech = etree.fromstring(xml).find(".//a:speech", NS)
    assert "".join(speech.find("a:p", NS).itertext()) == "Page onepage two cites article 22."
    assert speech.find("a:p/a:ref", NS).text == "article 22"
    assert speech.findtext("a:from", namespaces=NS) == "Ms. A"


def test_a_concept_note_is_a_doc_whose_paragraphs_keep_their_author(published_var: Path) -> None:
    root = etree.fromstring(dumped(published_var)[file_name(ID + "document/002_68f5826c22f0372f")])
    note = root.find("a:doc", NS)
    assert note is not None and note.get("name") == "conceptNote"
    assert note.find("a:meta/a:identification/a:FRBRWork/a:FRBRuri", NS).get("value").startswith("/akn/un/doc/conceptNote/")
    assert note.findall(".//a:debateSection/a:speech", NS) or note.findall(".//a:debateSection/a:narrative", NS)
