"""The body of a document: each statement where the source prints it, with its speaker and citations.

Every document's ``mainBody`` is made of ``debateSection``s, one for each run of statements of the
same session (the meeting, a seminar's session, a discussion's thread, the event a note prepares),
headed by the session's label: a record, a seminar summary or a discussion is a ``debateReport``,
and a concept note or another prose document a ``doc`` (it reports no debate), whose paragraphs
are laid out the same way (the schema allows a ``debateSection`` in any ``mainBody``) so that
who said or wrote each one stays its ``speech/@by``.  In it each
statement with a speaker is a ``speech``: ``by`` the speaker, ``as`` whom they spoke for (the
State or organization) or else their capacity, ``<num>`` the paragraph number, ``<from>`` the
speaker as printed (with a comment's date), and the text in ``<p>``.  A statement without a
speaker (procedure, the authors' own narrative) is a ``narrative`` (inline content only, so its
number is an ``<inline name="num">``).

Each cited provision's words in the text are wrapped in ``<ref href="…">`` pointing to the
provision's IRI.  The graph gives each citation's words and offset in the source, and the
statement's passage as printed (``nif:anchorOf``) with its offset: the words are found in the
statement's text as the same occurrence (first, second…) they are in the passage, since the text
is the passage with its markup and number taken off.  A citation printed outside the text (in a
footnote the statement's text leaves out) closes the paragraph in an ``authorialNote``; a footnote
of the document's authors (a statement of its own in the graph, ``mrkg:footnoteTo`` the paragraph)
is an ``authorialNote`` closing the paragraph that carries its mark, its words and refs in it.
"""
from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from itertools import groupby

from graph.akoma_ntoso.reading import Citation, Record, Statement
from graph.akoma_ntoso.references import References

AKN = "http://docs.oasis-open.org/legaldocml/ns/akn/3.0"


def sub(parent: ET.Element, element_name: str, text: str | None = None, **attributes: str | None) -> ET.Element:
    """A child element; attributes given as None are left out.

    Names are unqualified, under the ``xmlns`` the root declares: qualified names would need
    ElementTree's default namespace registered for the whole process.
    """
    element = ET.SubElement(parent, element_name, {k: v for k, v in attributes.items() if v is not None})
    if text is not None:
        element.text = text
    return element


def main_body(parent: ET.Element, record: Record, references: References) -> None:
    body = sub(parent, "mainBody")
    runs = groupby(record.statements, key=lambda s: s.session)
    for section_index, (session, statements) in enumerate(runs, start=1):
        eid = f"dbsect_{section_index}"
        section = sub(body, "debateSection", name="session", eId=eid)
        sub(section, "heading", record.sessions.get(session or "", record.title))
        for index, statement in enumerate(statements, start=1):
            speech_or_narrative(section, statement, references, eid, index)


def speech_or_narrative(section: ET.Element, statement: Statement, references: References, section_id: str,
                        index: int) -> None:
    """``eId``s in the naming convention's form: ``dbsect_1__speech_3``, ``dbsect_1__narr_2``."""
    by = references.ref(statement.speaker)
    if by is None:
        # A narrative holds inline content only (no <num>, no <p>): the number is an inline of its own.
        narrative = sub(section, "narrative", eId=f"{section_id}__narr_{index}")
        if statement.number is None:
            text(narrative, statement)
            return
        number = sub(narrative, "inline", f"{statement.number}.", name="num")
        holder = ET.Element("holder")
        text(holder, statement)
        number.tail = " " + (holder.text or "")
        narrative.extend(list(holder))
        return
    speaking_as = references.ref(statement.on_behalf_of) or references.ref(statement.role)
    speech = sub(section, "speech", by=by, **{"as": speaking_as}, eId=f"{section_id}__speech_{index}")
    if statement.number is not None:
        sub(speech, "num", f"{statement.number}.")
    if statement.printed_speaker or statement.date:
        printed = sub(speech, "from", statement.printed_speaker)
        if statement.date:  # a comment's date, after its author: "Florence Kim, <date …>2022-03-02</date>"
            if statement.printed_speaker:
                printed.text = f"{statement.printed_speaker}, "
            sub(printed, "date", statement.date, date=statement.date)
    text(sub(speech, "p"), statement)


def text(paragraph: ET.Element, statement: Statement) -> None:
    """The statement's text in ``paragraph``, each cited provision's words inside a ``ref``."""
    placed = sorted(_placed(statement), key=lambda item: (item[0], item[1], item[2].provision))
    position, last = 0, None
    paragraph.text = ""
    for begin, end, citation in placed:
        if begin < position:
            continue  # overlapping words (two provisions in one phrase): the first keeps the ref
        chunk = statement.text[position:begin]
        if last is None:
            paragraph.text += chunk
        else:
            last.tail = (last.tail or "") + chunk
        last = sub(paragraph, "ref", statement.text[begin:end], href=citation.provision)
        position = end
    rest = statement.text[position:]
    if last is None:
        paragraph.text += rest
    else:
        last.tail = rest
    unplaced = [c for c in statement.citations if c not in {citation for _, _, citation in placed}]
    if unplaced:
        _note(paragraph, unplaced, statement)
    for note in statement.notes:
        _footnote(paragraph, note)


def _footnote(paragraph: ET.Element, note: Statement) -> None:
    """The authors' footnote marked in the statement, its words and refs, where AKN keeps notes (issue 14).

    The marker is the note's number as printed ("note-2" is the note ``[2: …]``).
    """
    local = note.iri.rstrip("/").rsplit("/", 1)[-1]
    element = sub(paragraph, "authorialNote", marker=local.removeprefix("note-").split("-")[0], placement="bottom",
                  eId=f"fn_{local}")
    text(sub(element, "p"), note)


def _note(paragraph: ET.Element, citations: list[Citation], statement: Statement) -> None:
    """Citations printed outside the statement's text (a footnote of the summary) as a note closing it.

    The graph keeps such a citation's words and offset but the statement's text leaves the note
    out, so its words cannot be marked where they stand: they are listed, each in its ``ref``.
    """
    note = sub(paragraph, "authorialNote", marker="*", placement="bottom",
               eId=f"note_{statement.iri.rstrip('/').rsplit('/', 1)[-1]}")
    note_text = sub(note, "p")
    seen: set[tuple[str, str]] = set()
    for citation in sorted(citations, key=lambda c: (c.begin, c.provision)):
        if (citation.words, citation.provision) in seen:
            continue
        if seen:
            note_text[-1].tail = "; "
        seen.add((citation.words, citation.provision))
        sub(note_text, "ref", citation.words, href=citation.provision)


def _pattern(words: str) -> re.Pattern[str]:
    return re.compile(r"\s+".join(re.escape(part) for part in words.split()))


def _placed(statement: Statement) -> list[tuple[int, int, Citation]]:
    found = []
    for citation in statement.citations:
        if not citation.words.split():
            continue
        pattern = _pattern(citation.words)
        before = citation.begin - statement.begin
        nth = len(pattern.findall(statement.passage[:max(before, 0)]))
        matches = list(pattern.finditer(statement.text))
        if not matches:
            continue
        match = matches[min(nth, len(matches) - 1)]
        found.append((match.start(), match.end(), citation))
    return found
