"""The FRBR identification of a document in the AKN4UN naming convention (issue 14, item 3).

AKN4UN names a United Nations document ``/akn/un/{type}/{subtype}/{date}/{number}``: the
country part is ``un``; the type is Akoma Ntoso's (``debateReport`` for a summary record, a
third-person account of a meeting); the subtype is the genre's AKN4UN name (``summaryRecord``);
the date is the meeting's or event's where the text gives one, else the date of issue; the number
is the document symbol with its slashes turned into hyphens (``CMW-C-SR-506``), or, for a
document without a symbol, the key of its source file.  The expression adds ``/{language}@``
(ISO 639-2) and the manifestation ``.akn``.  Every part comes from the published graph, so the
IRIs are as stable as the graph's own.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from graph.akoma_ntoso.reading import Record

# Akoma Ntoso's document type and the AKN4UN subtype (``name``) for each genre.
DOCUMENT_TYPES = {
    "SummaryRecord": ("debateReport", "summaryRecord"),
    "SeminarSummary": ("debateReport", "seminarSummary"),
    "OnlineDiscussion": ("debateReport", "onlineDiscussion"),
    "ConceptNote": ("doc", "conceptNote"),
    "ProseDocument": ("doc", "document"),
}
ISO_639_2 = {"en": "eng", "fr": "fra", "es": "spa", "ar": "ara", "zh": "zho", "ru": "rus", "pt": "por", "de": "deu"}
# A document whose text gives no date at all (some concept notes) still needs one in its IRI and
# FRBRdate; the year 1 cannot be mistaken for a real date and sorts apart.
UNKNOWN_DATE = "0001-01-01"


@dataclass(frozen=True)
class Identification:
    document_type: str
    name: str
    date: str
    date_name: str  # what the date is: "meeting", "issued", "statement" or "unknown"
    number: str
    language: str

    @property
    def work(self) -> str:
        return f"/akn/un/{self.document_type}/{self.name}/{self.date}/{self.number}"

    @property
    def expression(self) -> str:
        return f"{self.work}/{self.language}@"

    @property
    def manifestation(self) -> str:
        return f"{self.expression}.akn"


def identify(record: Record) -> Identification:
    document_type, name = DOCUMENT_TYPES[record.genre]
    dated = [s.date for s in record.statements if s.date]
    for date, date_name in ((record.meeting_date, "meeting"), (record.issued, "issued"),
                            (min(dated) if dated else None, "statement"), (UNKNOWN_DATE, "unknown")):
        if date:
            break
    number = record.symbol or record.iri.rstrip("/").rsplit("/", 1)[-1]
    number = re.sub(r"[^A-Za-z0-9_~-]+", "-", number).strip("-")
    language = ISO_639_2.get(record.language.lower().split("-")[0], record.language.lower())
    return Identification(document_type, name, date, date_name, number, language)  # type: ignore[arg-type]
