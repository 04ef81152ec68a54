"""Seminar and panel summaries told without numbered paragraphs: meeting summaries, news items, meeting reports.

Every text here is written for the test, to one convention of the genre (issue 11, point 3); none is taken
from a document.  The unseen documents themselves are scored by ``tests/unseen_report.py``.
"""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from rdflib import URIRef
from rdflib.namespace import PROV

from graph import iris
from graph.catalogue_reader import load_catalogue
from graph.documents import Source
from graph.extract.actors import resolve_actors
from graph.extract.citations import extract_references
from graph.parse.seminar_summary.reader import SeminarSummaryReader, told_in_numbered_paragraphs
from graph.records import DocumentKind, ParsedDocument, SessionKind, Statement
from graph.to_rdf import source_graph
from graph.vocab import MRKG

ROOT = Path(__file__).resolve().parents[3]
READER = SeminarSummaryReader()


def read(text: str) -> ParsedDocument:
    return READER.read(Source(Path("summary.txt"), text))


def speakers(document: ParsedDocument) -> list[str | None]:
    return [s.speaker.label if s.speaker else None for s in document.statements]


def full_names(document: ParsedDocument) -> list[str | None]:
    return [(s.speaker.full_name or s.speaker.label) if s.speaker else None for s in document.statements]


LAUNCH = """Skip to main content

Committee on Migrant Workers Launches a Report on Labour Recruitment

Meeting Summaries

The Committee on Migrant Workers today held an event to launch its report on fair recruitment.

Amina Koroma, Committee Chair, in opening remarks, said recruitment fees trapped workers in debt.

Ms. Koroma said the Convention required States to regulate recruitment agencies.

The moderator of today's panel discussion, Peter Lund, Chief of the Rights Section of the Office of the High Commissioner for Human Rights, said data on fees were scarce.

Responding to the Chair's questions, Mr. Lund said a survey would be published next year.

The panel ended with questions from the floor, and Ms. Koroma, Mr. Lund and three experts answered them in turn.
"""


def test_a_summary_without_numbered_paragraphs_is_read_as_one() -> None:
    source = Source(Path("summary.txt"), LAUNCH)
    assert not told_in_numbered_paragraphs(source)
    document = read(LAUNCH)
    assert document.kind is DocumentKind.SEMINAR_SUMMARY
    assert document.title == "Committee on Migrant Workers Launches a Report on Labour Recruitment"
    assert [s.text[:24] for s in document.statements] == [
        "The Committee on Migrant", "Amina Koroma, Committee ", "Ms. Koroma said the Conv", "The moderator of today's",
        "Responding to the Chair'", "The panel ended with que"]


def test_a_speaker_introduced_with_title_then_by_surname_is_one_person() -> None:
    document = read(LAUNCH)
    assert full_names(document) == [None, "Amina Koroma", "Amina Koroma", "Peter Lund", "Peter Lund", None]
    assert [s.role for s in document.statements] == [None, "Chair", None, "Moderator", None, None]


def test_a_role_printed_before_the_name_names_the_person_not_the_role() -> None:
    statement = read(LAUNCH).statements[3]
    assert statement.speaker.label == "Peter Lund" and statement.role == "Moderator"


def test_a_paragraph_that_names_no_speaker_is_the_summarys_own_not_the_last_persons() -> None:
    document = read(LAUNCH)
    first, last = document.statements[0], document.statements[-1]
    assert first.speaker is None and last.speaker is None
    assert [a.label for a in last.mentioned_actors] == ["Ms. Koroma", "Mr. Lund"]


def test_the_organizer_is_who_held_the_event_and_the_undated_event_is_a_seminar_without_a_date() -> None:
    document = read(LAUNCH)
    seminar = document.sessions[0]
    assert seminar.kind is SessionKind.SEMINAR and seminar.date is None
    assert seminar.organizer.label == "Committee on Migrant Workers" and document.body.label == seminar.organizer.label
    assert document.notes == ["the summary prints no date for its event: the seminar is left undated"]
    assert {(p.actor.full_name, p.role) for p in document.participations} == {
        ("Amina Koroma", "Chair"), ("Peter Lund", "Moderator")}


def test_unnamed_representatives_speak_for_their_organization_and_she_goes_on() -> None:
    document = read("""Fifth Regional Meeting on Migration

The meeting took place on 12 May 2016 in Bangkok.

A representative from UNICEF delivered a speech. She focused on children on the move.

She added that birth registration was the first protection.

An IOM representative also delivered a speech noting the need for data.

Mr. Karl Brandt, Permanent Representative of Austria to the United Nations, recalled the Global Compact.

The discussion then turned to financing.
""")
    assert speakers(document) == [None, "UNICEF", "UNICEF", "IOM", "Mr. Karl Brandt", None]
    assert [s.on_behalf_of.label if s.on_behalf_of else None for s in document.statements] == [
        None, "UNICEF", "UNICEF", "IOM", "Austria", None]
    assert document.sessions[0].date == dt.date(2016, 5, 12)


def test_who_opened_the_meeting_is_a_fact_of_the_meeting_unless_their_words_follow() -> None:
    document = read("""Panel discussion on migrant domestic workers

The panel discussion was opened by the High Commissioner and included the participation of two experts.

The workshop was opened by Ms. Ruth Okafor, Director of the Migration Division, who welcomed the participants and recalled that domestic work was work.

The seminar was opened by Mr. Tomas Berg, Chair of the Working Group. He said that the group would meet again.

The meeting was opened by Ms. Li Wen, Head of the Section.
""")
    assert speakers(document) == [None, "Ms. Ruth Okafor", "Mr. Tomas Berg", None]
    roles = {(p.actor.label, p.role) for p in document.participations}
    assert ("High Commissioner", "Opening speaker") in roles and ("Ms. Li Wen", "Opening speaker") in roles


def test_a_date_printed_for_another_event_is_not_the_meetings() -> None:
    document = read("""Pasar al contenido principal

Help improve our website by taking this short survey

Meeting Summaries

This afternoon the Committee held a debate on the next Global Forum, to be held in Quito on 14 and 15 November 2019, to which it had been invited.

Mr. Omar Haddad, the Committee Chairperson, said the Committee would send two members.
""")
    assert document.sessions[0].date is None
    assert document.title.startswith("This afternoon the Committee held a debate")
    assert [s.text[:14] for s in document.statements] == ["This afternoon", "Mr. Omar Hadda"]


def test_the_session_a_report_goes_to_and_a_sites_stamp_are_not_the_panels_date() -> None:
    document = read(""" date 2023-06-01 Human Rights Council

Fifty-third session

19 June–14 July 2023

Summary

The present report is submitted pursuant to Council resolution 50/10, in which the Council requested a summary of the panel discussion on migrants in vulnerable situations, which was held on 14 March 2023.
""")
    assert document.sessions[0].date == dt.date(2023, 3, 14)
    assert document.title == "Human Rights Council"
    assert document.body.label == "Human Rights Council"


def test_a_dateline_glued_to_the_repeated_title_dates_a_story_of_today() -> None:
    document = read("""Agency Joins the Annual Meeting on Labour Migration

Agency Joins the Annual Meeting on Labour Migration3 March 2018, Geneva, Switzerland - Ms. Rosa Diaz, Executive Director of the Agency, chaired today a panel organized by the Labour Migration Branch.

Ms. Diaz stressed the need for fair recruitment.
""")
    assert document.sessions[0].date == dt.date(2018, 3, 3)
    assert speakers(document) == [None, "Ms. Diaz"]
    assert ("Ms. Rosa Diaz", "Chair") in {(p.actor.label, p.role) for p in document.participations}


def test_a_page_in_another_script_above_the_title_is_furniture() -> None:
    document = read("""تجاوز إلى المحتوى الرئيسي

COMMITTEE DISCUSSES MIGRANT WORKERS IN AGRICULTURE

Meeting Summaries

The Committee today held a day of general discussion on migrant workers in agriculture.
""")
    assert document.title == "COMMITTEE DISCUSSES MIGRANT WORKERS IN AGRICULTURE"


def test_a_heading_naming_a_session_opens_a_session_of_the_meeting() -> None:
    document = read("""2nd Annual Meeting of the Regional Network

Some 80 members met to review the Network's work plan.

Opening Session

  • The Network has completed its first work plan.
  • In 2021 the Network needs to:
    • Speak with one voice;
    • Support national plans.
""")
    seminar, opening = document.sessions
    assert opening.kind is SessionKind.SEMINAR_SESSION and opening.parent == seminar.key
    assert [s.session for s in document.statements] == [seminar.key, opening.key, opening.key]
    assert document.statements[-1].text.endswith("Support national plans.")


def test_a_summary_in_numbered_paragraphs_is_still_read_as_a_secretariats_account() -> None:
    text = """EXPERTS MEETING ON RETURN
Geneva, 2 May 2012

1. The meeting was convened by the Office to discuss return and readmission.

2. Mr. Paul Dubois, Director, Division of Operations, OHCHR, opened the meeting.

3. The discussion that followed covered reintegration.
"""
    assert told_in_numbered_paragraphs(Source(Path("summary.txt"), text))
    document = read(text)
    assert document.sessions[0].date == dt.date(2012, 5, 2)
    assert [s.paragraph_number for s in document.statements] == [1, 2, 3]


def test_narrative_paragraphs_are_attributed_to_the_body_that_held_the_event() -> None:
    catalogue = load_catalogue(ROOT / "data" / "catalogue")
    document = read(LAUNCH)
    extract_references(document, catalogue)
    resolve_actors([document], catalogue.known_actors())
    graph = source_graph(document, catalogue)
    narrative = URIRef(iris.statement(document.source.stem, document.statements[0].local_id))
    spoken = URIRef(iris.statement(document.source.stem, document.statements[1].local_id))
    assert (narrative, MRKG.speaker, None) not in graph
    assert graph.value(narrative, PROV.wasAttributedTo) == URIRef(iris.actor(document.body.key))
    assert graph.value(spoken, PROV.wasAttributedTo) is None
    assert graph.value(spoken, MRKG.speaker) is not None


@pytest.mark.parametrize("statement_index", [0, 5])
def test_no_paragraph_of_narrative_carries_a_speaker_role(statement_index: int) -> None:
    statement: Statement = read(LAUNCH).statements[statement_index]
    assert statement.role is None and statement.speaker_as_printed is None


def test_a_numbered_summary_without_a_date_of_its_own_builds_undated() -> None:
    document = read("""EXPERTS MEETING ON RETURN

1. The meeting discussed the forthcoming Global Forum, to be held in Quito on 14 November 2019.

2. Mr. Paul Dubois, Director, Division of Operations, OHCHR, opened the meeting.
""")
    assert document.sessions[0].date is None
    assert "the summary prints no date for its seminar: the seminar is left undated" in document.notes
    dated = read("""EXPERTS MEETING ON RETURN

1. On 2 May 2012, the Office held an expert meeting on return.

2. Mr. Paul Dubois, Director, Division of Operations, OHCHR, opened the meeting.
""")
    assert dated.sessions[0].date == dt.date(2012, 5, 2)


def test_speakers_named_after_an_opening_clause_with_a_title_before_the_name_or_after_their_words() -> None:
    document = read("""COMMITTEE OPENS ITS TENTH SESSION

Meeting Summaries

The Committee this morning opened its tenth session, during which it will review two reports.

Opening the session, Maria Santos, Director of the Treaties Division, stressed that ratifications had stalled.

Committee Chairperson Omar Haddad highlighted the overdue reports.

Migrants' rights were being violated in every region of the world, recalled Lena Park, Special Rapporteur on the human rights of migrants.

In his closing remarks, the Chairperson said the session had been useful.

Benedetto Rossi, Secretary of State for Foreign Affairs of Italy, warned that deaths at sea would continue.
""")
    assert full_names(document) == [None, "Maria Santos", "Omar Haddad", "Lena Park", "Omar Haddad", "Benedetto Rossi"]
    assert [s.role for s in document.statements][2:5] == ["Chair", None, "Chair"]
    assert document.body.label == "Committee"


def test_a_numbered_summary_report_is_dated_by_its_panel_not_by_the_session_it_goes_to() -> None:
    document = read("""Human Rights Council
Fifty-third session
19 June–14 July 2023
Agenda item 3

Panel discussion on the human rights of migrants in vulnerable situations

Summary report of the Office of the United Nations High Commissioner for Human Rights

1. The present report is submitted pursuant to Council resolution 50/10. The panel discussion was held on 14 March 2023.

2. In her opening statement, the Deputy High Commissioner for Human Rights, Ms. Kate Lund, stressed that migrants in vulnerable situations needed protection.

3. The panel was moderated by the Permanent Representative of Chile.
""")
    assert told_in_numbered_paragraphs(Source(Path("summary.txt"), document.source.text))
    assert document.sessions[0].date == dt.date(2023, 3, 14)
    assert speakers(document) == [None, "Ms. Kate Lund", None]  # outside any session: no one goes on
