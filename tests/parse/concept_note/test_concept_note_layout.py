"""Concept notes laid out as PDFs, web pages and word-processor copies give them (issue 11, point 3).

Every note here is written for the test, to one convention of the genre; none is taken from a document.
"""
from __future__ import annotations

import datetime as dt
from pathlib import Path

from graph.documents import Source
from graph.parse.concept_note.reader import ConceptNoteReader
from graph.records import ParsedDocument

READER = ConceptNoteReader()


def read(text: str) -> ParsedDocument:
    return READER.read(Source(Path("note.txt"), text))


HARD_WRAPPED = """Document 48213377

advertisement
Regional consultation on the labour rights of migrant
domestic workers in the Gulf and in Asia
Wednesday, 14 June 2023, from 10 a.m. to 1 p.m.
Room VII, Palais des Nations, Geneva
Background
The Office has organized regional consultations on the rights of migrant domestic workers
every year since 2018, in cooperation with the International Labour Organization. This
consultation is held in accordance with Council resolution 51/8, which was adopted on
6 October 2022.
Rationale
Domestic work is one of the main occupations of women who migrate for work, and one of
the least protected by labour law. Many live with their employer.
Recruitment fees and the confiscation of passports remain common in the region, and few
workers can reach a labour court.
"""


def test_a_hard_wrapped_note_is_read_paragraph_by_paragraph_under_its_one_word_headings() -> None:
    document = read(HARD_WRAPPED)
    assert [s.text[:40] for s in document.statements] == [
        "The Office has organized regional consul", "Domestic work is one of the main occupat",
        "Recruitment fees and the confiscation of"]
    assert document.statements[0].text.endswith("adopted on 6 October 2022.")


def test_the_hosting_sites_boilerplate_is_neither_title_nor_statement() -> None:
    document = read(HARD_WRAPPED)
    assert document.title == ("Regional consultation on the labour rights of migrant domestic workers in the Gulf "
                              "and in Asia")
    assert not any("advertisement" in s.text or "Document 48213377" in s.text for s in document.statements)


def test_the_events_date_line_dates_the_session_not_a_resolutions_date() -> None:
    session = read(HARD_WRAPPED).sessions[0]
    assert session.date == dt.date(2023, 6, 14)


def test_a_sites_page_title_and_a_numbered_heading_are_not_the_notes() -> None:
    document = read("""concept note - International Organization for Migration

General concept note
Consultations on the review of the compact
1. Introduction
At the meeting held last year, Member States agreed to review the compact every four years
at an international forum to be convened by the General Assembly in 2026 at the latest.
The preparatory process includes regional reviews and a stocktaking phase, as set out in
the resolution on the modalities of the forum.
""")
    assert document.title == "Consultations on the review of the compact"
    assert [s.text[:22] for s in document.statements] == ["At the meeting held la", "The preparatory proces"]
    assert document.sessions[0].date is None


def test_a_body_named_above_the_title_holds_the_event_and_a_title_ending_with_its_date_dates_it() -> None:
    document = read("""High-level dialogue on migrant workers in Word



Human Rights Council

High-level dialogue on migrant workers in the green economy, 9 March 2024

The Council decided in resolution 52/4 to hold a dialogue each year on a theme of the rights of migrants.

The dialogue aims to:

  • Illustrate how climate policies affect migrant workers.
  • Seek recommendations from States.
""")
    assert document.body.label == "Human Rights Council" and document.sessions[0].organizer.label == "Human Rights Council"
    assert document.title == "High-level dialogue on migrant workers in the green economy, 9 March 2024"
    assert document.sessions[0].date == dt.date(2024, 3, 9)
    assert [s.text.split("\n")[0] for s in document.statements] == [
        "The Council decided in resolution 52/4 to hold a dialogue each year on a theme of the rights of migrants.",
        "The dialogue aims to:"]
    assert document.statements[1].text.endswith("Seek recommendations from States.")


def test_a_date_and_venue_line_dates_the_event_and_the_councils_session_is_not_the_title() -> None:
    document = read("""31st session of the Human Rights Council
Panel discussion on the rights of migrant children
Date and venue 12 March 2016, 15:00-18:00, Room XX, Palais des Nations, Geneva
Pursuant to Council resolution 29/2, the Office convened a consultation on 4 May 2015 with States and experts. The
summary of the consultation was submitted to the Council at its thirtieth session.
""")
    assert document.title == "Panel discussion on the rights of migrant children"
    assert document.sessions[0].date == dt.date(2016, 3, 12)
