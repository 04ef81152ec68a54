"""The summary record reader follows the genre's printed conventions, one test per convention.

The short records here were written for these tests, each to one convention of UN summary records as real
exports print them (numbers glued to the first word or absent, pages that open on the footer or inside the
heading, words broken by the conversion, headings in capitals, a 1950 heading with those present listed,
unnamed delegates, offices in parentheses, two principals, continuation and procedural paragraphs).  The
names, symbols and numbers in them are made up.  The last tests read the real records of
``tests/fixtures/unseen/summary_record/`` whole and compare what the reader says about each meeting with
their hand annotation.
"""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import yaml

from graph.documents import Source
from graph.errors import SourceError
from graph.parse.summary_record.reader import SummaryRecordReader
from graph.parse.summary_record.header import agenda_title
from graph.records import DocumentKind, ParsedDocument
from graph.sources import read_document, read_source

ROOT = Path(__file__).resolve().parents[3]
UNSEEN = ROOT / "tests" / "fixtures" / "unseen" / "summary_record"
READER = SummaryRecordReader()

MASTHEAD = (
    "United Nations\n\nCAT/C/SR.2101\n\nConvention against Torture\n\nDistr.: General\n\n14 November 2023\n\n"
    "Original: English\n\nCommittee against Torture\n\nSeventy-eighth session\n\n"
    "Summary record of the 2101st meeting\n\n"
    "Held at the Palais Wilson, Geneva, on Tuesday, 7 November 2023, at 3 p.m.\n\n"
    "Chair:Mr. Heller\n\nContents\n\nConsideration of reports submitted by States parties (continued)\n\n"
    "The meeting was called to order at 3.05 p.m.\n\n"
    "Consideration of reports submitted by States parties (continued)\n\n"
)


def read(text: str, name: str = "record.txt") -> ParsedDocument:
    return READER.read(Source(Path(name), text))


def speakers(document: ParsedDocument) -> list[tuple[str | None, str | None, str | None]]:
    return [(s.speaker.label if s.speaker else None, s.role, s.on_behalf_of.label if s.on_behalf_of else None)
            for s in document.statements]


def starts(document: ParsedDocument) -> list[str]:
    return [" ".join(s.text.split()[:3]) for s in document.statements]


# --- paragraphs ------------------------------------------------------------------------------------


def test_paragraph_numbers_glued_to_the_first_word_or_not() -> None:
    document = read(MASTHEAD + "1.At the invitation of the Chair, the delegation of Ruritania joined the meeting.\n\n"
                    "2. The Chair welcomed the delegation.\n\n3.Ms. Varga (Ruritania) said that the report was late.\n")
    assert [s.paragraph_number for s in document.statements] == [1, 2, 3]
    assert [s.local_id for s in document.statements] == ["1", "2", "3"]
    assert starts(document) == ["At the invitation", "The Chair welcomed", "Ms. Varga (Ruritania)"]
    assert speakers(document) == [(None, None, None), ("Mr. Heller", "Chair", None),
                                  ("Ms. Varga", "Representative", "Ruritania")]


def test_unnumbered_paragraphs_separated_by_blank_lines() -> None:
    document = read(MASTHEAD + "At the invitation of the Chair, the delegation of Ruritania joined the meeting.\n\n"
                    "Ms. Varga (Ruritania) said that the report had been prepared with civil society.\n\n"
                    "The new law on migration had entered into force in January.\n\n"
                    "The meeting rose at 6 p.m.\n")
    assert [s.paragraph_number for s in document.statements] == [None, None, None]
    assert all(s.local_id.startswith("p-") for s in document.statements)
    assert speakers(document) == [(None, None, None), ("Ms. Varga", "Representative", "Ruritania"),
                                  ("Ms. Varga", "Representative", "Ruritania")]
    assert document.sessions[-1].end_time == dt.time(18, 0)
    assert not any("rose" in s.text or "called to order" in s.text for s in document.statements)


def test_unnumbered_paragraphs_one_a_line_and_headings_between_them() -> None:
    text = MASTHEAD.replace("\n\n", "\n") + (
        "Ms. Varga (Ruritania) said that the report had been prepared with civil society.\n"
        "The new law on migration had entered into force in January.\n"
        "Organizational matters\n"
        "The Committee had adopted its programme of work for the session.\n"
        "The Chair said that the session was closed.\n")
    document = read(text)
    assert starts(document) == ["Ms. Varga (Ruritania)", "The new law", "The Committee had", "The Chair said"]
    # Under a new agenda heading an unnamed paragraph continues no one.
    assert speakers(document) == [("Ms. Varga", "Representative", "Ruritania"),
                                  ("Ms. Varga", "Representative", "Ruritania"), (None, None, None),
                                  ("Mr. Heller", "Chair", None)]


def test_a_hard_wrapped_record_without_numbers_starts_a_paragraph_at_each_speaker() -> None:
    text = MASTHEAD + (
        "Ms. Varga (Ruritania) said that the report had been prepared with the help of civil society\n"
        "organizations and of the national human rights institution, and that it had been adopted by\n"
        "the Government in May after a broad consultation of the regions.\n"
        "Mr. Rouwane said that he welcomed the report and wished to know more about the new law on the\n"
        "detention of migrants, in particular its provisions on children and on the length of the\n"
        "detention, which the law did not limit.\n")
    document = read(text)
    assert starts(document) == ["Ms. Varga (Ruritania)", "Mr. Rouwane said"]
    assert document.statements[0].text.endswith("consultation of the regions.")
    assert speakers(document)[1] == ("Mr. Rouwane", "Committee member", None)


def test_a_paragraph_broken_over_two_lines_in_an_otherwise_unwrapped_record() -> None:
    text = MASTHEAD.replace("\n\n", "\n") + (
        "At the invitation of the Chair, the members of the delegation of the Republic of\n"
        "Utopia took places at the Committee table.\n"
        "THE CHAIR declared open the dialogue with the delegation of the Republic of Utopia,\n"
        "Ruritania and the United Kingdom.\n")
    document = read(text)
    assert starts(document) == ["At the invitation", "THE CHAIR declared"]
    assert document.statements[1].text.endswith("Ruritania and the United Kingdom.")


def test_a_partial_record_opens_where_the_discussion_covered_began() -> None:
    text = MASTHEAD.replace("The meeting was called to order at 3.05 p.m.",
                            "The discussion covered in the summary record began at 5.40 p.m.") + (
        "The Chair said that the Committee had adopted its concluding observations.\n\n"
        "The Committee had also held a meeting with States.\n")
    document = read(text)
    assert speakers(document) == [("Mr. Heller", "Chair", None), ("Mr. Heller", "Chair", None)]
    assert not any("discussion covered" in s.text for s in document.statements)
    assert document.sessions[-1].start_time == dt.time(15, 0)  # the meeting began at 3 p.m., as it was held


def test_the_first_speaker_opens_the_body_of_a_record_that_prints_no_call_to_order() -> None:
    text = MASTHEAD.replace("The meeting was called to order at 3.05 p.m.\n\n", "")
    document = read(text + "The Chair said that the session was open.\n")
    assert speakers(document) == [("Mr. Heller", "Chair", None)]


def test_a_record_whose_opening_ends_before_its_first_paragraph_is_a_fragment(tmp_path: Path) -> None:
    path = tmp_path / "opening.txt"
    notice = "This record is subject to correction. Corrections should be sent within one week of the date of issue.\n\n"
    path.write_text(MASTHEAD.replace("The meeting was called", notice + "The meeting was called"), encoding="utf-8")
    with pytest.raises(SourceError) as error:
        READER.read(read_source(path))
    assert error.value.file == "opening.txt" and error.value.line == 29  # the call to order: nothing follows it
    assert "no paragraph" in error.value.message and "ends before the record's first paragraph" in error.value.message
    document, reading = read_document(read_source(path))  # the general reader still takes it, and says why
    assert reading.kind == "ProseDocument" and "line 29" in (reading.fallback or "")


# --- the heading -----------------------------------------------------------------------------------


def test_a_page_that_opens_inside_the_heading_has_no_symbol_or_issue_date_printed() -> None:
    text = ("Committee against Torture\n78th session\nSummary record of the 2101st meeting\n"
            "Held at the Palais Wilson, Geneva, on Tuesday, 7 November 2023, at 3 p.m.\nChair:Ms. Varga\n"
            "The meeting was called to order at 3 p.m.\nThe Chair said that the session was open.\n")
    document = read(text)
    assert document.date is None  # no date of issue printed; the meeting's own is not one
    assert document.symbol == "CAT/C/SR.2101"  # as the body numbers its records
    assert [s.key for s in document.sessions] == ["cat/78", "cat/78/meeting/2101"]
    assert document.sessions[-1].date == dt.date(2023, 11, 7)


def test_a_page_that_opens_with_its_footer_and_prints_its_heading_in_capitals() -> None:
    text = ("This record is subject to correction.Corrections should be sent to the Editing Section.GE.08-40001 "
            "(E) 150408 160408 UNITED NATIONS\n\nCAT\n\nDistr.\n\nGENERAL\n\nCAT/C/SR.801\n\n16 April 2008\n\n"
            "Original: ENGLISH\n\nCOMMITTEE AGAINST\n\nTORTURE\n\nFortieth session\n\n"
            "SUMMARY RECORD (PARTIAL)* OF THE 801st MEETING\n\nHeld at the Palais Wilson, Geneva,\n\n"
            "on Monday, 14 April 2008, at 10 a.m.\n\nChairperson: Mr. GROSSMAN\n\nCONTENTS\n\n"
            "OPENING OF THE SESSION\n\nCONTENTS (continued)\n\nORGANIZATION OF WORK\n\n"
            "The meeting was called to order at 10.15 a.m.\n\nOPENING OF THE SESSION\n\n"
            "THE CHAIRPERSON declared open the fortieth session of the Committee.\n\n"
            "The CHAIRPERSON invited the members to adopt the agenda.\n")
    document = read(text)
    assert document.body.label == "COMMITTEE AGAINST TORTURE"
    assert document.symbol == "CAT/C/SR.801" and document.date == dt.date(2008, 4, 16)
    assert document.title == "SUMMARY RECORD (PARTIAL) OF THE 801st MEETING"
    meeting = document.sessions[-1]
    assert (meeting.key, meeting.date, meeting.place) == ("cat/40/meeting/801", dt.date(2008, 4, 14),
                                                          "Palais Wilson, Geneva")
    assert [item.title for item in meeting.agenda_items] == ["OPENING OF THE SESSION", "ORGANIZATION OF WORK"]
    assert speakers(document) == [("Mr. GROSSMAN", "Chair", None), ("Mr. GROSSMAN", "Chair", None)]


def test_the_symbol_and_the_date_of_issue_glued_together() -> None:
    text = MASTHEAD.replace("CAT/C/SR.2101\n\n", "").replace("14 November 2023", "CAT/C/SR.210114 November 2023")
    document = read(text + "The Chair said that the session was open.\n")
    assert document.symbol == "CAT/C/SR.2101"
    assert document.date == dt.date(2023, 11, 14)
    assert document.sessions[-1].date == dt.date(2023, 11, 7)


def test_words_of_the_title_broken_by_the_conversion() -> None:
    text = MASTHEAD.replace("Summary record of the 2101st meeting", "Summary record ( p artial )* of th e 2101st meeting**")
    document = read(text + "The Chair said that the session was open.\n")
    assert document.sessions[-1].number == "2101"
    assert document.title == "Summary record ( p artial ) of th e 2101st meeting"


def test_a_vice_chair_chairing_and_chair_lines_without_a_space() -> None:
    text = MASTHEAD.replace("Chair:Mr. Heller", "Chairperson:Ms. Varga (Vice-Chairperson)")
    document = read(text + "The Chairperson said that the session was open.\n")
    chair = document.participations[0]
    assert (chair.actor.label, chair.role, chair.position) == ("Ms. Varga", "Chair", "Vice-Chairperson")
    assert speakers(document) == [("Ms. Varga", "Chair", None)]


def test_held_via_videoconference_is_the_place() -> None:
    text = MASTHEAD.replace("Held at the Palais Wilson, Geneva, on Tuesday, 7 November 2023, at 3 p.m.",
                            "Held via videoconference on Tuesday, 7 November 2023, at 3 p.m. Central European Time")
    meeting = read(text + "The Chair said that the session was open.\n").sessions[-1]
    assert (meeting.place, meeting.date, meeting.start_time) == ("videoconference", dt.date(2023, 11, 7),
                                                                 dt.time(15, 5))


def test_a_record_without_contents_lists_its_agenda_under_the_chair_line() -> None:
    text = MASTHEAD.replace("Contents\n\n", "").replace(
        "Consideration of reports submitted by States parties (continued)\n\nThe meeting",
        "Organizational matters\n\nClosure of the session\n\nThe meeting")
    meeting = read(text + "The Chair said that the session was closed.\n").sessions[-1]
    assert [item.title for item in meeting.agenda_items] == ["Organizational matters", "Closure of the session"]


def test_a_heading_on_one_line_with_the_meeting_in_words_and_those_present_listed() -> None:
    text = ("Special Committee on Refugees, Second Session: Summary Record of the Fourteenth Meeting Held at "
            "Lake Success, New York, on Monday, 6 March 1950, at 3 p.m.\n\n20 March 1950\n\n"
            "Chairman: Mr. DUPONT France\n\nMr. ALVAREZ Chile\nSir John SMITH-JONES United Kingdom\n\n"
            "Representatives of specialized agencies:\nMr. OWEN International Labour Organisation (ILO)\n\n"
            "Mr. NOLAN Secretary of the Committee\n\nArticle 12: Travel documents\n\n"
            "1. The CHAIRMAN opened the discussion on article 12.\n\n"
            "2. Mr. ALVAREZ (Chile) said that the article was important.\n\n"
            "3. The text should be sent to Governments.\n")
    document = read(text)
    assert document.title == "Special Committee on Refugees, Second Session: Summary Record of the Fourteenth Meeting"
    assert document.body.label == "Special Committee on Refugees"
    assert document.date == dt.date(1950, 3, 20)
    session, meeting = document.sessions
    assert (session.number, meeting.number, meeting.date) == ("2", "14", dt.date(1950, 3, 6))
    assert (meeting.place, meeting.start_time) == ("Lake Success, New York", dt.time(15, 0))
    assert [item.title for item in meeting.agenda_items] == ["Article 12: Travel documents"]
    taking_part = [(p.actor.label, p.role, p.affiliation.label if p.affiliation else None, p.position)
                   for p in document.participations]
    assert taking_part[:5] == [
        ("Mr. DUPONT", "Chair", None, None),
        ("Mr. ALVAREZ", "Representative", "Chile", None),
        ("Sir John SMITH-JONES", "Representative", "United Kingdom", None),
        ("Mr. OWEN", "Representative", "International Labour Organisation (ILO)", None),
        ("Mr. NOLAN", "Secretary", None, "Secretary of the Committee"),
    ]
    assert speakers(document) == [("Mr. DUPONT", "Chair", None), ("Mr. ALVAREZ", "Representative", "Chile"),
                                  ("Mr. ALVAREZ", "Representative", "Chile")]
    wrapped = read(text.replace(" Summary Record of the Fourteenth Meeting Held", " Summary Record\nof the Fourteenth "
                                "Meeting Held").replace("6 March 1950,", "6 March 1950,\n"))
    assert wrapped.title == document.title and wrapped.sessions[-1].start_time == dt.time(15, 0)


def test_a_title_broken_over_two_lines() -> None:
    text = MASTHEAD.replace("Summary record of the 2101st meeting", "Summary record of the\n2101st meeting")
    document = read(text + "The Chair said that the session was open.\n")
    assert document.title == "Summary record of the 2101st meeting" and document.sessions[-1].number == "2101"


def test_a_conference_named_before_its_title_with_no_session_and_an_office_in_the_list() -> None:
    text = ("Conference of Plenipotentiaries on Refugees: Summary Record of the Third Meeting Held at the Palais des "
            "Nations, Geneva, on Tuesday, 3 July 1951, at 3 p.m.\n\nPresident: Mr. LARSEN Denmark\n"
            "Rapporteur: Mr. LIANG China\nMr. MORENO Colombia\n\n1. The PRESIDENT opened the meeting.\n")
    document = read(text)
    assert document.body.label == "Conference of Plenipotentiaries on Refugees"
    assert [s.key for s in document.sessions] == ["cpr/meeting/3"]
    assert [(p.actor.label, p.role, p.affiliation.label if p.affiliation else None) for p in document.participations] == [
        ("Mr. LARSEN", "Chair", None), ("Mr. LIANG", "Rapporteur", "China"), ("Mr. MORENO", "Representative", "Colombia")]
    assert speakers(document) == [("Mr. LARSEN", "Chair", None)]


def test_page_furniture_between_paragraphs_is_neither_text_nor_a_heading() -> None:
    document = read(MASTHEAD + "Ms. Varga (Ruritania) said that the report was ready.\n\nGE.23-20001 (E)\n\n*2320001*\n\n"
                    "page 2\n\nThe law had been adopted in May and would enter into force soon.\n")
    assert speakers(document) == [("Ms. Varga", "Representative", "Ruritania")] * 2
    assert not any("2320001" in s.text or "page 2" in s.text for s in document.statements)


def test_a_page_break_inside_an_unnumbered_paragraph_does_not_end_it() -> None:
    document = read(MASTHEAD + "Ms. Varga (Ruritania) said that the report had been drawn up by the Ministry of the "
                    "Interior with the help of the national human rights institution and of the many civil society "
                    "organizations that had taken part in the consultations held in the\n\nGE.23-20001 7\n\n"
                    "CAT/C/SR.2101\n\nCapital and in the regions.\n\nMr. Rouwane asked about detention.\n")
    assert starts(document) == ["Ms. Varga (Ruritania)", "Mr. Rouwane asked"]
    assert document.statements[0].text.endswith("consultations held in the Capital and in the regions.")


def test_a_list_in_an_unnumbered_paragraph_belongs_to_it() -> None:
    document = read(MASTHEAD + "Ms. Varga (Ruritania) said that the new law provided for:\n\n"
                    "(a) Alternatives to detention;\n\n(b) Access to a lawyer.\n\n"
                    "The law would enter into force in May.\n")
    assert starts(document) == ["Ms. Varga (Ruritania)", "The law would"]
    assert "(b) Access to a lawyer." in document.statements[0].text
    assert speakers(document)[1] == ("Ms. Varga", "Representative", "Ruritania")


def test_members_of_a_committee_printed_in_capitals() -> None:
    text = MASTHEAD.replace("Committee against Torture\n\nSeventy", "COMMITTEE AGAINST TORTURE\n\nSeventy")
    document = read(text + "Mr. ROUWANE said that the report was late.\n")
    assert speakers(document) == [("Mr. ROUWANE", "Committee member", None)]


def test_what_the_meeting_decides_or_adopts_is_no_one_s_statement() -> None:
    document = read(MASTHEAD + "The Chair said that the agenda was before the Committee.\n\n"
                    "The agenda was adopted.\n\nThe Committee observed a minute of silence.\n\n"
                    "Ms. Varga (Ruritania) said that the report was ready.\n")
    assert speakers(document) == [("Mr. Heller", "Chair", None), (None, None, None), (None, None, None),
                                  ("Ms. Varga", "Representative", "Ruritania")]


# --- speakers --------------------------------------------------------------------------------------


def test_an_unnamed_delegate_speaks_for_the_state() -> None:
    document = read(MASTHEAD + "A representative of Ruritania, recalling that the federal structure was complex, "
                    "said that the regions had been consulted.\n\nThe representative of the Republic of Utopia said "
                    "that her Government agreed.\n")
    assert speakers(document) == [("Ruritania", "Representative", "Ruritania"),
                                  ("Republic of Utopia", "Representative", "Republic of Utopia")]
    assert document.statements[0].speaker_as_printed == "A representative of Ruritania"


def test_an_office_in_brackets_is_a_role_not_a_state() -> None:
    document = read(MASTHEAD + "Mr. Lindqvist (Secretary of the Committee), giving an overview of the session, "
                    "said that three reports had been considered.\n")
    statement = document.statements[0]
    assert (statement.speaker.label, statement.role, statement.on_behalf_of) == ("Mr. Lindqvist", "Secretary", None)


def test_speaking_also_on_behalf_of_gives_two_principals() -> None:
    document = read(MASTHEAD + "Mr. Okafor (Office of the United Nations High Commissioner for Human Rights), "
                    "speaking also on behalf of the Secretary-General, said that the Committee had worked well.\n")
    statement = document.statements[0]
    assert (statement.speaker.label, statement.on_behalf_of.label) == ("Mr. Okafor", "Secretary-General")
    taking_part = [p for p in document.participations if p.actor.label == "Mr. Okafor"]
    assert [p.affiliation.label for p in taking_part] == ["Office of the United Nations High Commissioner for Human Rights"]


def test_a_procedural_paragraph_has_no_speaker_and_continues_no_one() -> None:
    document = read(MASTHEAD + "Ms. Varga (Ruritania) said that the report was ready.\n\n"
                    "At the invitation of the Chair, the delegation of Utopia took places at the Committee table.\n\n"
                    "The report of Utopia had been submitted in 2022.\n")
    assert speakers(document) == [("Ms. Varga", "Representative", "Ruritania"), (None, None, None), (None, None, None)]


def test_a_speaker_named_after_an_opening_clause_or_by_an_office_is_never_the_previous_one() -> None:
    document = read(MASTHEAD + "Ms. Varga (Ruritania) said that the report was ready.\n\n"
                    "Replying to questions from members, Mr. Tanaka (Utopia) said that the law was new.\n\n"
                    "The High Commissioner for Human Rights stressed that migrants must be protected.\n\n"
                    "Migrants in an irregular situation were often detained.\n")
    assert speakers(document)[:2] == [("Ms. Varga", "Representative", "Ruritania"),
                                      ("Mr. Tanaka", "Representative", "Utopia")]
    assert document.statements[1].speaker_as_printed == "Mr. Tanaka (Utopia)"
    assert speakers(document)[2:] == [(None, None, None), (None, None, None)]


# --- the real records, read whole ------------------------------------------------------------------


def _unseen() -> list:
    return [pytest.param(path, id=path.name.removesuffix(".gold.yaml")) for path in sorted(UNSEEN.glob("*.gold.yaml"))]


def _names(value: object) -> list[str]:
    """The acceptable names of a gold field: "A = B" is one actor's two names; a list gives alternatives."""
    values = value if isinstance(value, list) else [value]
    return [name.casefold() for each in values if each for name in str(each).split(" = ")]


@pytest.mark.parametrize("gold_path", _unseen())
def test_every_real_record_is_read_by_the_summary_record_reader(gold_path: Path) -> None:
    gold = yaml.safe_load(gold_path.read_text(encoding="utf-8"))
    document, reading = read_document(read_source(UNSEEN / gold["source"]))
    assert reading.kind == "SummaryRecord" and reading.fallback is None
    assert document.kind is DocumentKind.SUMMARY_RECORD and document.notes == []


@pytest.mark.parametrize("gold_path", _unseen())
def test_the_meeting_of_every_real_record_is_as_annotated(gold_path: Path) -> None:
    gold = yaml.safe_load(gold_path.read_text(encoding="utf-8"))
    document = READER.read(read_source(UNSEEN / gold["source"]))
    expected = gold["meeting"]
    meeting = document.sessions[-1]
    issued = gold["document"]["date"]
    assert document.date == (dt.date.fromisoformat(issued) if issued else None)
    assert (meeting.number, meeting.date) == (str(expected["meeting"]), dt.date.fromisoformat(expected["date"]))
    assert meeting.place == expected["place"]
    assert document.sessions[0].number == str(expected["session"])
    chair = next(p for p in document.participations if p.role == "Chair")
    assert chair.actor.label.casefold() in _names(expected["chair"])
    # An item's title leaves out the "(continued)" a later meeting prints after it; the mention keeps the words.
    assert [agenda.title.replace(" ", "") for agenda in meeting.agenda_items] == [
        agenda_title(item).replace(" ", "").replace("*", "") for item in expected["agenda"]]


@pytest.mark.parametrize("gold_path", _unseen())
def test_every_paragraph_of_the_real_records_has_its_annotated_speaker_and_principal(gold_path: Path) -> None:
    gold = yaml.safe_load(gold_path.read_text(encoding="utf-8"))
    document = READER.read(read_source(UNSEEN / gold["source"]))
    assert len(document.statements) == len(gold["statements"])
    for statement, expected in zip(document.statements, gold["statements"]):
        assert statement.text.startswith(expected["starts"])
        speaker = statement.speaker.label.casefold() if statement.speaker else None
        allowed = _names(expected["speaker"])
        assert speaker in allowed or (speaker is None and None in (expected["speaker"] or [None])), statement.text[:40]
        principal = statement.on_behalf_of.label.casefold() if statement.on_behalf_of else None
        assert principal in _names(expected["on_behalf_of"]) or principal is expected["on_behalf_of"] is None
