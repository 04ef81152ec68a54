"""The seminar summary reader, on the OHCHR seminar of 2009 (hand-annotated) and on a
workshop report laid out differently (title-case headings, "Chairperson:" lines,
"(State)" after a name, markdown footnotes, a programme with "Panellists:")."""
from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import pytest

from graph.documents import Source
from graph.errors import SourceError
from graph.parse.concept_note.reader import ConceptNoteReader
from graph.parse.seminar_summary.reader import SeminarSummaryReader
from graph.records import ActorKind, ParsedDocument, SessionKind, Statement, StatementKind
from graph.sources import read_source, reader_for
from tests.parse.reading_fixtures import as_saved_and_as_windows_saves, document_fixture

ROOT = Path(__file__).resolve().parents[3]
SOURCES = ROOT / "data" / "sources"
FIXTURES = ROOT / "tests" / "fixtures" / "seminar_summary"
OHCHR_SEMINAR = SOURCES / "003_3a65919e68961041.txt"
WORKSHOP = FIXTURES / "regional_workshop.txt"


seminar = document_fixture(SeminarSummaryReader, OHCHR_SEMINAR)
workshop = document_fixture(SeminarSummaryReader, WORKSHOP)


def speaker_name(statement: Statement) -> str | None:
    if statement.speaker is None:
        return None
    return statement.speaker.full_name or statement.speaker.label


def find(document: ParsedDocument, starts: str) -> Statement:
    matches = [s for s in document.statements if s.text.startswith(starts)]
    assert len(matches) == 1, f"{len(matches)} statements start with {starts!r}"
    return matches[0]


def by_annotation(document: ParsedDocument, row: dict) -> Statement:
    return document.statement(row["id"]) if "id" in row else find(document, row["starts"])


# --- the genre is recognised, and only it ----------------------------------------------


def test_recognises_seminar_summaries_and_nothing_else() -> None:
    reader = SeminarSummaryReader()
    assert reader.recognise(read_source(OHCHR_SEMINAR)) >= 0.8
    assert reader.recognise(read_source(WORKSHOP)) >= 0.8
    assert reader.recognise(read_source(FIXTURES / "expert_consultation.txt")) >= 0.7
    for other in ("000_454c943b3bec582e.txt", "001_572bfb9b02552e02.txt", "002_68f5826c22f0372f.txt",
                  "004_78fd61f76d543e46.txt"):
        assert reader.recognise(read_source(SOURCES / other)) < 0.5, other
    prose = Source(Path("prose.txt"), "The participants of the club met on Monday.\n" * 20)
    assert reader.recognise(prose) < 0.5


def test_the_registry_picks_this_reader() -> None:
    assert isinstance(reader_for(read_source(OHCHR_SEMINAR)), SeminarSummaryReader)
    assert isinstance(reader_for(read_source(WORKSHOP)), SeminarSummaryReader)


# --- the annotated seminar -----------------------------------------------------------------


ANNOTATION = json.loads((FIXTURES / "003_3a65919e68961041.expected.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("row", ANNOTATION["statements"], ids=lambda row: row.get("id") or row["starts"])
def test_every_statement_as_annotated(seminar: ParsedDocument, row: dict) -> None:
    statement = by_annotation(seminar, row)
    assert speaker_name(statement) == row["speaker"]
    assert statement.role == row["role"]
    behalf = statement.on_behalf_of.label if statement.on_behalf_of else None
    assert behalf == row["on_behalf_of"]
    seminar_key = seminar.sessions[0].key
    assert statement.session == (f"{seminar_key}/{row['session']}" if row["session"] else seminar_key)


def test_no_statement_beyond_the_annotation(seminar: ParsedDocument) -> None:
    paragraphs = [s for s in seminar.statements if s.kind is not StatementKind.FOOTNOTE]
    assert len(paragraphs) == len(ANNOTATION["statements"]) == 59
    assert [s.paragraph_number for s in seminar.statements if s.paragraph_number] == list(range(1, 59))


def test_spans_slice_the_source_and_text_drops_markup(seminar: ParsedDocument) -> None:
    text = seminar.source.text
    for statement in seminar.statements:
        quoted = text[statement.span.start:statement.span.end]
        assert quoted == quoted.strip()
        if statement.paragraph_number is not None:
            assert quoted.startswith(f"{statement.paragraph_number}. ")
            assert not statement.text.startswith(f"{statement.paragraph_number}.")
        assert "[footnoteRef" not in statement.text and "[bookmark" not in statement.text
        assert not re.search(r"\[\d+:", statement.text), "a footnote's text leaked into a paragraph"
    assert seminar.statement("14").text.startswith("Mr. Awad highlighted that in 1975")
    assert text[seminar.statement("7").span.end - 15:seminar.statement("7").span.end] == "[footnoteRef:5]"


def test_unique_stable_ids(seminar: ParsedDocument) -> None:
    ids = [s.local_id for s in seminar.statements]
    assert len(ids) == len(set(ids))
    again = SeminarSummaryReader().read(read_source(OHCHR_SEMINAR))
    assert ids == [s.local_id for s in again.statements]
    assert find(seminar, "Mr. Ndiaye stated").local_id.startswith("p-")


def test_lists_continue_the_paragraph_that_introduces_them(seminar: ParsedDocument) -> None:
    assert "· Allowing migrants who reside in host countries" in seminar.statement("10").text
    assert seminar.statement("10").text.endswith("optimize the contribution of migration to development.")
    assert "· The media should serve as a tool" in seminar.statement("18").text
    closing = seminar.statement("58").text
    assert closing.startswith("Before closing the meeting, the Chairperson summarised")
    assert "\na. When development is understood" in closing and "\nm. The importance of assessing" in closing


@pytest.mark.parametrize("paragraph", sorted(ANNOTATION["footnotes"]))
def test_footnote_texts_belong_to_the_paragraph_carrying_the_mark(seminar: ParsedDocument, paragraph: str) -> None:
    quoted = [seminar.source.quote(note.span) for note in notes_to(seminar, paragraph)]
    expected = ANNOTATION["footnotes"][paragraph]
    assert len(quoted) == len(expected)
    for note, start in zip(quoted, expected):
        assert note.startswith(start)
        assert note == note.strip() and not note.endswith("]")


def test_footnote_citations_are_reachable_from_the_paragraph(seminar: ParsedDocument) -> None:
    """The notes are the summary's statements annotating the paragraph, not the panelist's words (issue 14)."""
    notes = notes_to(seminar, "7")
    assert "article 25(1)" in " ".join(note.text for note in notes) and "para. 34" in notes[1].text
    assert all(note.speaker is None and note.session == seminar.statement("7").session for note in notes)
    assert all(not notes_to(seminar, local_id) for local_id in ("1", "5", "6", "9", "58"))


def notes_to(document: ParsedDocument, local_id: str) -> list[Statement]:
    return [s for s in document.statements if s.kind is StatementKind.FOOTNOTE and s.note_to == local_id]


def test_short_names_resolve_to_the_full_name_printed_once(seminar: ParsedDocument) -> None:
    assert find(seminar, "Mr. Ndiaye stated").speaker.label == "Mr. Ndiaye"
    rhus = seminar.statement("49").speaker
    assert (rhus.label, rhus.full_name) == ("Mr. Rhus", "Martin Ruhs")  # a misprint of "Ruhs"
    assert seminar.statement("52").speaker.label == "Professor Djajić"
    first = seminar.statement("5").speaker
    assert seminar.source.quote(first.span) == "Mr. Bacre Waly Ndiaye"


def test_speaker_as_printed(seminar: ParsedDocument) -> None:
    assert seminar.statement("5").speaker_as_printed == (
        "Mr. Bacre Waly Ndiaye, Director, Human Rights Council and Treaties Division, OHCHR")
    assert seminar.statement("6").speaker_as_printed == "He"
    assert seminar.statement("24").speaker_as_printed == "The Chairperson"
    assert seminar.statement("19").speaker.kind is ActorKind.GROUP


def test_the_seminar_and_its_sessions(seminar: ParsedDocument) -> None:
    assert seminar.title == "EXPERTS SEMINAR ON “LINKING HUMAN RIGHTS AND MIGRANT EMPOWERMENT FOR DEVELOPMENT”"
    whole, *parts = seminar.sessions
    assert whole.kind is SessionKind.SEMINAR
    assert whole.key == "ohchr/2009-10-08/experts-seminar-on-linking-human-rights-and-migrant"
    assert (whole.date, whole.place) == (dt.date(2009, 10, 8), "Palais des Nations, Room XII, Geneva")
    assert whole.organizer.label == "United Nations Office of the High Commissioner for Human Rights (OHCHR)"
    assert seminar.body.label == whole.organizer.label
    assert (whole.start_time, whole.end_time) == (dt.time(10, 0), dt.time(18, 0))
    assert [(p.key.rsplit("/", 2)[-2:], p.number) for p in parts] == [
        (["experts-seminar-on-linking-human-rights-and-migrant", "opening"], None),
        (["session", "1"], "1"), (["session", "2"], "2"), (["session", "3"], "3")]
    assert all(p.kind is SessionKind.SEMINAR_SESSION and p.parent == whole.key and p.date == whole.date for p in parts)
    assert parts[1].label.startswith("SESSION 1: THE INTERNATIONAL HUMAN RIGHTS FRAMEWORK")
    assert (parts[2].start_time, parts[2].end_time) == (dt.time(12, 0), dt.time(15, 45))


def test_participations_merge_body_and_programme(seminar: ParsedDocument) -> None:
    table = {(p.actor.full_name or p.actor.label, p.role, p.session.rsplit("/", 2)[-1]): p for p in seminar.participations}
    assert len(table) == len(seminar.participations), "one participation per person, role and session"
    ndiaye = table[("Bacre Waly Ndiaye", "Keynote speaker", "opening")]
    assert (ndiaye.position, ndiaye.affiliation.label) == ("Director, Human Rights Council and Treaties Division", "OHCHR")
    assert ndiaye.affiliation.full_name == "Office of the High Commissioner for Human Rights"
    kohonen = table[("Maarit Kohonen", "Chair", "experts-seminar-on-linking-human-rights-and-migrant")]
    assert kohonen.position == "Coordinator, Human Rights, Economic and Social Issues Unit"
    ruhs = table[("Martin Ruhs", "Panelist", "3")]
    assert ruhs.position == "Senior Researcher"
    assert ruhs.affiliation.label == "Centre on Migration, Policy and Society (COMPAS), University of Oxford"
    assert seminar.source.quote(ruhs.span).startswith("Mr. Martin Ruhs, Senior Researcher")
    panelists = sorted(name for name, role, _ in table if role == "Panelist")
    assert len(panelists) == 9 and "Slobodan Djajić" in panelists
    moderators = [(p.actor.label, p.session.rsplit("/", 1)[-1]) for p in seminar.participations if p.role == "Moderator"]
    # Session 2's moderator organization is UNITAR, whose representative the body names as Chairperson.
    assert moderators == [("OHCHR", "1"), ("OHCHR", "3")]


def test_annex_is_not_statements(seminar: ParsedDocument) -> None:
    annex = seminar.source.text.index("ANNEX I")
    assert all(s.span.end < annex for s in seminar.statements)


# --- a summary laid out differently -----------------------------------------------------------


def test_workshop_header(workshop: ParsedDocument) -> None:
    whole = workshop.sessions[0]
    assert workshop.title == "Regional Workshop on Fair Recruitment and the Rights of Migrant Domestic Workers"
    assert (whole.date, whole.place) == (dt.date(2015, 3, 12), "Bangkok")
    assert workshop.body.label == "International Labour Organization (ILO)"
    assert whole.key.startswith("ilo/2015-03-12/regional-workshop-on-fair-recruitment")
    labels = [s.label for s in workshop.sessions[1:]]
    assert labels == ["II. OPENING REMARKS", "Panel 1: Recruitment practices and costs", "PANEL 2: ACCESS TO JUSTICE"]


WORKSHOP_EXPECTED = [
    # (id, speaker, role, on behalf of, session suffix)
    ("1", None, None, None, ""),
    ("3", "Nilim Baruah", "Keynote speaker", "ILO Regional Office for Asia and the Pacific", "opening"),
    ("She added", "Nilim Baruah", "Keynote speaker", "ILO Regional Office for Asia and the Pacific", "opening"),
    ("4", "Aiko Tanaka", "Chair", "Ministry of Labour (Japan)", "session/1"),
    ("5", "Lena Sørensen", "Panelist", "Danish Institute for Human Rights", "session/1"),
    ("6", "Lena Sørensen", "Panelist", "Danish Institute for Human Rights", "session/1"),
    ("7", "Lena Sørensen", "Panelist", "Danish Institute for Human Rights", "session/1"),
    ("8", "Participants", "Participant", None, "session/1"),
    ("9", "Paolo Ricci", "Participant", "Italy", "session/1"),
    ("10", "Participants", "Participant", None, "session/1"),
    ("11", "Omar Haddad", "Moderator", "Migrant Forum in Asia (MFA)", "session/2"),
    ("12", "Grace Oduya", "Panelist", "Kenya Human Rights Commission", "session/2"),
    ("13", "Participants", "Participant", None, "session/2"),
    ("14", "Somchai Prasert", "Chair", "Ministry of Labour (Thailand)", ""),
]


@pytest.mark.parametrize("expected", WORKSHOP_EXPECTED, ids=lambda e: e[0])
def test_workshop_statements(workshop: ParsedDocument, expected: tuple) -> None:
    key, speaker, role, behalf, session = expected
    statement = workshop.statement(key) if key[0].isdigit() else find(workshop, key)
    assert speaker_name(statement) == speaker
    assert statement.role == role
    assert (statement.on_behalf_of.label if statement.on_behalf_of else None) == behalf
    whole = workshop.sessions[0].key
    assert statement.session == (f"{whole}/{session}" if session else whole)


def test_workshop_role_lines_and_footnotes(workshop: ParsedDocument) -> None:
    paragraphs = [s for s in workshop.statements if s.kind is not StatementKind.FOOTNOTE]
    assert len(paragraphs) == 15  # 14 numbered paragraphs and one unnumbered
    assert not any(s.text.startswith(("Chairperson:", "Moderator:")) for s in workshop.statements)
    notes = [note.text for note in notes_to(workshop, "3")]
    assert notes == ["ILO Domestic Workers Convention, 2011 (No. 189), article 15(1)(a)."]
    assert "[^1]" not in workshop.statement("3").text
    notes = [note.text for note in notes_to(workshop, "5")]
    assert notes == ["Danish Institute for Human Rights, Recruitment Costs Survey, 2014, table 3."]
    assert workshop.statement("9").on_behalf_of.kind is ActorKind.ORGANIZATION  # the build decides it is a State


def test_workshop_programme_adds_who_the_body_does_not_name(workshop: ParsedDocument) -> None:
    table = {(p.actor.full_name, p.role, p.session.rsplit("/", 1)[-1]): p for p in workshop.participations}
    bui = table[("Bui Van Long", "Panelist", "1")]
    assert (bui.position, bui.affiliation.label) == ("Deputy Director", "Department of Overseas Labour (Viet Nam)")
    sorensen = table[("Lena Sørensen", "Panelist", "1")]
    assert sorensen.position == "Senior Researcher"  # from the programme; the body only gives her institute
    assert ("Aiko Tanaka", "Chair", "1") in table and ("Omar Haddad", "Moderator", "2") in table
    panel = workshop.sessions[2]
    assert (panel.start_time, panel.end_time) == (dt.time(9, 30), dt.time(12, 30))


# --- bad input ----------------------------------------------------------------------------


def test_unclosed_footnote_is_reported_with_file_and_line(tmp_path: Path) -> None:
    path = tmp_path / "broken.txt"
    path.write_text(WORKSHOP.read_text(encoding="utf-8").replace(
        "[2: Danish Institute for Human Rights, Recruitment Costs Survey, 2014, table 3.]",
        "[2: Danish Institute for Human Rights, Recruitment Costs Survey"), encoding="utf-8")
    with pytest.raises(SourceError) as caught:
        SeminarSummaryReader().read(read_source(path))
    assert caught.value.file == "broken.txt"
    assert caught.value.line == 52
    assert "never closed" in str(caught.value)


def test_a_title_alone_is_reported(tmp_path: Path) -> None:
    path = tmp_path / "title-only.txt"
    path.write_text("EXPERT SEMINAR ON MIGRATION\nGeneva, 8 October 2009\n", encoding="utf-8")
    with pytest.raises(SourceError, match="no paragraphs found"):
        SeminarSummaryReader().read(read_source(path))


def test_a_concept_note_is_not_read_as_a_summary() -> None:
    note = read_source(SOURCES / "002_68f5826c22f0372f.txt")
    assert SeminarSummaryReader().recognise(note) < ConceptNoteReader().recognise(note)


# --- a third layout: "Chairperson:" under the title, lettered and roman headings ----------------


consultation = document_fixture(SeminarSummaryReader, FIXTURES / "expert_consultation.txt")


CONSULTATION_EXPECTED = [
    ("1", "Hana Novak", "Chair", "Advisory Group on Migration", "opening", "Hana Novak, Chairperson, Advisory Group on Migration"),
    ("2", "Luis Ortega", "Moderator", "Ministry of Labour (Peru)", "session/1", "The Moderator"),
    ("3", "Mexico", "Representative", "Mexico", "session/1", "The representative of Mexico"),
    ("4", "Sara Kim", "Panelist", "University of Seoul", "session/1", "Ms. Sara Kim, Professor, University of Seoul"),
    ("5", "Participants", "Participant", None, "session/1", None),
    ("6", "Luis Ortega", "Chair", "Ministry of Labour (Peru)", "session/1", "The Chairperson"),
]


@pytest.mark.parametrize("expected", CONSULTATION_EXPECTED, ids=lambda e: e[0])
def test_consultation_statements(consultation: ParsedDocument, expected: tuple) -> None:
    key, speaker, role, behalf, session, printed = expected
    statement = consultation.statement(key)
    assert speaker_name(statement) == speaker
    assert statement.role == role
    assert (statement.on_behalf_of.label if statement.on_behalf_of else None) == behalf
    assert statement.session == f"{consultation.sessions[0].key}/{session}"
    assert statement.speaker_as_printed == printed


def test_consultation_header_and_headings(consultation: ParsedDocument) -> None:
    whole = consultation.sessions[0]
    assert consultation.title == "EXPERT CONSULTATION ON MIGRANT WORKERS IN THE INFORMAL ECONOMY"
    assert (whole.date, whole.place) == (dt.date(2018, 10, 3), "Vienna")
    assert [s.local_id for s in consultation.statements] == ["1", "2", "3", "4", "5", "6"]  # "Discussion:" is a heading
    chair = next(p for p in consultation.participations if p.role == "Chair")
    assert (chair.actor.label, chair.session, chair.affiliation.label) == ("Ms. Hana Novak", whole.key, "Czech Republic")
    assert consultation.statement("1").speaker.full_name == chair.actor.full_name


@pytest.mark.parametrize("path", [OHCHR_SEMINAR, WORKSHOP, FIXTURES / "expert_consultation.txt"], ids=lambda p: p.name)
def test_windows_line_ends_and_a_bom_read_the_same(path: Path) -> None:
    unix, windows = as_saved_and_as_windows_saves(SeminarSummaryReader, path)
    assert [(s.local_id, s.text, speaker_name(s), s.role) for s in windows.statements] == [
        (s.local_id, s.text, speaker_name(s), s.role) for s in unix.statements]
    assert [s.key for s in windows.sessions] == [s.key for s in unix.sessions]
    assert windows.title == unix.title
    for statement in windows.statements:
        quoted = windows.source.quote(statement.span)
        assert quoted == quoted.strip()
