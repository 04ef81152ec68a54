"""How a statement is cited, and the three forms reference managers import (issue 14, point 2).

A researcher quotes "CMW/C/SR.506, para. 6 (Ms. Hernández Paramo, on behalf of OHCHR),
27 September 2022": the document's symbol (what a UN library files it under), where in it
(the paragraph's number, or for an unnumbered comment its author and day), who spoke and
for whom, and when it was said (the meeting's date, not the record's date of issue, which
comes weeks later and is given apart).  The same facts are written as CSL-JSON (Zotero,
Mendeley, Pandoc), RIS (EndNote, older managers) and BibTeX (LaTeX).

Everything is read from the published graph through the store's one door, by the
contract's properties, so a statement of any genre is cited alike.
"""
from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass
from typing import Iterable

import pyoxigraph as ox

from graph.store import PublishedData
from graph.vocab import PREFIX_MAP

ACRONYM = re.compile(r"^[A-Z][A-Za-z&-]{1,11}$")  # "OHCHR", "UN-Women", "ILO": how a record names a body in brackets


@dataclass(frozen=True)
class Citation:
    """One statement, as a reference manager files it."""

    iri: str
    url: str                   # where a reader opens it (the page; the IRI where the server is w3id.org)
    document_symbol: str       # "CMW/C/SR.506"; the document's title where it has no symbol
    document_title: str        # "Summary record of the 506th meeting"
    genre: str                 # "summary record", "online discussion"… (the document's class, as labelled)
    paragraph: int | None
    speaker: str | None        # the speaker's name ("Ms. Hernández Paramo"); as printed where not resolved
    on_behalf_of: str | None   # the short name a record uses ("OHCHR"), else the full name
    said_on: str | None        # ISO date the words were said or posted
    issued: str | None         # ISO date the document was issued
    session: str | None        # "506th meeting"
    body: str | None           # who published the document ("Committee on Migrant Workers")
    language: str | None

    @property
    def locator(self) -> str:
        return f"para. {self.paragraph}" if self.paragraph is not None else ""

    @property
    def who(self) -> str:
        if self.speaker and self.on_behalf_of:
            return f"{self.speaker}, on behalf of {self.on_behalf_of}"
        return self.speaker or self.on_behalf_of or ""

    def text(self) -> str:
        """The citation as a researcher pastes it into a footnote."""
        head = ", ".join(part for part in (self.document_symbol, self.locator) if part)
        if self.who:
            head += f" ({self.who})"
        return head + (f", {long_date(self.said_on)}" if self.said_on else "")


def long_date(iso: str) -> str:
    day = dt.date.fromisoformat(iso[:10])
    return f"{day.day} {day:%B} {day.year}"


CITATION_FIELDS = """
  ?statement mrkg:document ?document .
  OPTIONAL { ?statement mrkg:paragraphNumber ?paragraph }
  OPTIONAL { ?statement mrkg:speakerAsPrinted ?printed }
  OPTIONAL { ?statement mrkg:speaker/rdfs:label ?speaker }
  OPTIONAL { ?statement mrkg:onBehalfOf ?behalf . ?behalf rdfs:label ?behalfName
             OPTIONAL { ?behalf skos:altLabel ?behalfShort } }
  OPTIONAL { ?statement dcterms:date ?posted }
  OPTIONAL { ?statement mrkg:session ?session . ?session rdfs:label ?sessionName
             OPTIONAL { ?session dcterms:date ?met } }
  OPTIONAL { ?document mrkg:symbol ?symbol }
  OPTIONAL { ?document dcterms:title ?title }
  OPTIONAL { ?document rdfs:label ?documentLabel }
  OPTIONAL { ?document dcterms:issued ?issued }
  OPTIONAL { ?document dcterms:language ?language }
  OPTIONAL { ?document dcterms:publisher/rdfs:label ?body }
  OPTIONAL { ?document a ?genreClass . ?genreClass rdfs:subClassOf mrkg:Document ; rdfs:label ?genre
             FILTER(LANGMATCHES(LANG(?genre), "en")) }
"""


def statement_citations(store: PublishedData, statements: list[str], page_of: "PageOf") -> list[Citation]:
    """The citations of ``statements``, in the order given (those not in the graph are left out)."""
    if not statements:
        return []
    values = " ".join(f"<{statement}>" for statement in statements)
    solutions = store.query(f"SELECT * WHERE {{ VALUES ?statement {{ {values} }} {CITATION_FIELDS} }}",
                            prefixes=PREFIX_MAP)
    assert isinstance(solutions, ox.QuerySolutions)
    rows: dict[str, dict[str, str]] = {}
    shorts: dict[str, set[str]] = {}
    for solution in solutions:
        row = {str(v.value): _plain(solution[v]) for v in solutions.variables}
        kept = rows.setdefault(row["statement"], row)
        for key, value in row.items():
            if not kept.get(key) and value:
                kept[key] = value
        if row.get("behalfShort"):
            shorts.setdefault(row["statement"], set()).add(row["behalfShort"])
    return [_citation(rows[s], shorts.get(s, set()), page_of) for s in statements if s in rows]


def citing_statements(store: PublishedData, provision: str, most: int) -> list[str]:
    """The statements citing ``provision`` or one of its subdivisions, by document and place (at most ``most``)."""
    solutions = store.query(f"""SELECT DISTINCT ?statement ?document ?number WHERE {{
        ?statement mrkg:cites ?cited ; mrkg:document ?document . ?cited mrkg:partOf* <{provision}>
        OPTIONAL {{ ?statement mrkg:paragraphNumber ?number }} }}
        ORDER BY ?document ?number ?statement LIMIT {most}""", prefixes=PREFIX_MAP)
    assert isinstance(solutions, ox.QuerySolutions)
    return [str(solution["statement"].value) for solution in solutions]


class PageOf:
    """Where a reader opens a resource: the server's own page for it (``/id/…`` under its base URL)."""

    def __init__(self, id_base: str, served_base: str) -> None:
        self.id_base, self.served_base = id_base, served_base

    def __call__(self, resource: str) -> str:
        if resource.startswith(self.id_base):
            return self.served_base + resource[len(self.id_base):]
        return resource


def _plain(term: object) -> str:
    return "" if term is None else str(getattr(term, "value", term))


def _citation(row: dict[str, str], shorts: set[str], page_of: PageOf) -> Citation:
    acronyms = sorted((s for s in shorts if ACRONYM.match(s)), key=len)
    return Citation(
        iri=row["statement"], url=page_of(row["statement"]),
        # The label is the readable short title where a heading is printed in capitals (graph.titles).
        document_symbol=row.get("symbol") or row.get("documentLabel") or row.get("title") or row["document"],
        document_title=row.get("title") or row.get("documentLabel") or "",
        genre=row.get("genre") or "document",
        paragraph=int(row["paragraph"]) if row.get("paragraph") else None,
        speaker=row.get("speaker") or row.get("printed") or None,
        on_behalf_of=(acronyms[0] if acronyms else row.get("behalfName")) or None,
        said_on=row.get("posted") or row.get("met") or row.get("issued") or None,
        issued=row.get("issued") or None,
        session=row.get("sessionName") or None,
        body=row.get("body") or None,
        language=row.get("language") or None,
    )


# -- the three forms ---------------------------------------------------------------------------------

def _date_parts(iso: str | None) -> dict[str, list[list[int]]] | None:
    if not iso:
        return None
    day = dt.date.fromisoformat(iso[:10])
    return {"date-parts": [[day.year, day.month, day.day]]}


def _csl_type(citation: Citation) -> str:
    """CSL 1.0.2 types: an account of something said at a meeting is a speech; a forum comment a post."""
    if citation.genre in ("online discussion",):
        return "post"
    if citation.session:
        return "speech"
    return "document"


def csl_json(citations: Iterable[Citation]) -> bytes:
    """CSL-JSON (an array of items), the form Zotero and Pandoc read."""
    items = []
    for citation in citations:
        item: dict[str, object] = {
            "id": citation.iri, "type": _csl_type(citation), "title": citation.text(),
            "container-title": citation.document_title, "number": citation.document_symbol,
            "URL": citation.url, "genre": citation.genre,
        }
        if citation.speaker:
            item["author"] = [{"literal": citation.speaker}]
        if citation.locator:
            item["section"] = citation.locator
        if citation.on_behalf_of:
            item["note"] = f"On behalf of {citation.on_behalf_of}"
        if citation.session:
            item["event-title"] = citation.session
        if citation.body:
            item["publisher"] = citation.body
        if citation.language:
            item["language"] = citation.language
        for name, value in (("issued", _date_parts(citation.said_on)), ("event-date", _date_parts(citation.said_on)),
                            ("available-date", _date_parts(citation.issued))):
            if value:
                item[name] = value
        items.append(item)
    return json.dumps(items, ensure_ascii=False, indent=2).encode("utf-8") + b"\n"


def ris(citations: Iterable[Citation]) -> bytes:
    """RIS: one record per statement, tags of two letters, each record closed by ``ER``."""
    records = []
    for citation in citations:
        lines = [("TY", "ELEC" if _csl_type(citation) == "post" else "GOVDOC"), ("TI", citation.text()),
                 ("T2", citation.document_title), ("M1", citation.document_symbol), ("ID", citation.iri)]
        if citation.speaker:
            lines.append(("AU", citation.speaker))
        if citation.said_on:
            day = dt.date.fromisoformat(citation.said_on[:10])
            lines += [("PY", str(day.year)), ("DA", f"{day:%Y/%m/%d}")]
        if citation.locator:
            lines.append(("SE", citation.locator))
        lines += _optional(citation, publisher="PB", note="N1", language="LA")
        lines += [("UR", citation.url), ("ER", "")]
        records.append("\r\n".join(f"{tag}  - {value}".rstrip() if tag == "ER" else f"{tag}  - {value}"
                                   for tag, value in lines))
    return ("\r\n\r\n".join(records) + "\r\n").encode("utf-8")


def bibtex(citations: Iterable[Citation]) -> bytes:
    """BibTeX ``@misc`` entries (biblatex reads their ``date`` too), keys made from the symbol and place."""
    entries = []
    for citation in citations:
        fields = [("title", citation.text()), ("howpublished", citation.document_title),
                  ("number", citation.document_symbol), ("url", citation.url)]
        if citation.speaker:
            fields.insert(0, ("author", "{" + citation.speaker + "}"))  # a name as printed: never split it
        if citation.said_on:
            day = dt.date.fromisoformat(citation.said_on[:10])
            fields += [("year", str(day.year)), ("month", f"{day:%b}".lower()), ("date", day.isoformat())]
        fields += _optional(citation, publisher="organization", note="note", language="language")
        body = ",\n".join(f"  {name} = {{{_tex(value) if name != 'url' else value}}}" for name, value in fields)
        entries.append(f"@misc{{{_key(citation)},\n{body}\n}}")
    return ("\n\n".join(entries) + "\n").encode("utf-8")


def _optional(citation: Citation, publisher: str, note: str, language: str) -> list[tuple[str, str]]:
    """The facts a citation may lack (who published it, for whom it was said, its language), under a form's tags."""
    found = [(publisher, citation.body), (note, citation.on_behalf_of and f"On behalf of {citation.on_behalf_of}"),
             (language, citation.language)]
    return [(tag, value) for tag, value in found if value]


def _key(citation: Citation) -> str:
    place = citation.locator or citation.iri.rsplit("/", 1)[-1]
    return re.sub(r"[^A-Za-z0-9]+", "-", f"{citation.document_symbol} {place}").strip("-")


def _tex(value: str) -> str:
    """Escape what TeX would read as commands; braces of a name kept as written above."""
    escaped = re.sub(r"([&%$#_])", r"\\\1", value)
    return escaped.replace("~", r"\textasciitilde{}").replace("^", r"\textasciicircum{}")


WRITERS = {"csl-json": csl_json, "ris": ris, "bibtex": bibtex}  # by the name of their entry in graph.formats
