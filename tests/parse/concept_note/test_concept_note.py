"""The concept note reader, on the OAS CAM note (hand-segmented) and on a note laid out
differently (title case, "Date:"/"Venue:" lines, a named author, hard-wrapped lines,
a panelists list, numbered questions, word-processor footnotes)."""
from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import pytest

from graph.documents import Source
from graph.errors import SourceError
from graph.parse.concept_note.reader import ConceptNoteReader
from graph.records import ActorKind, ParsedDocument, SessionKind, StatementKind
from graph.sources import read_source, reader_for
from tests.parse.reading_fixtures import as_saved_and_as_windows_saves, document_fixture

ROOT = Path(__file__).resolve().parents[3]
SOURCES = ROOT / "data" / "sources"
FIXTURES = ROOT / "tests" / "fixtures" / "concept_note"
CAM_NOTE = SOURCES / "002_68f5826c22f0372f.txt"
OTHER_NOTE = FIXTURES / "access_to_justice.txt"
ANNOTATION = json.loads((FIXTURES / "002_68f5826c22f0372f.expected.json").read_text(encoding="utf-8"))


note = document_fixture(ConceptNoteReader, CAM_NOTE)
other = document_fixture(ConceptNoteReader, OTHER_NOTE)


def test_recognises_concept_notes_and_nothing_else() -> None:
    reader = ConceptNoteReader()
    assert reader.recognise(read_source(CAM_NOTE)) >= 0.8
    assert reader.recognise(read_source(OTHER_NOTE)) >= 0.8
    for other in ("000_454c943b3bec582e.txt", "001_572bfb9b02552e02.txt", "003_3a65919e68961041.txt",
                  "004_78fd61f76d543e46.txt"):
        assert reader.recognise(read_source(SOURCES / other)) < 0.5, other
    prose = Source(Path("prose.txt"), "Questions were proposed for debate at the club.\n/\n" * 10)
    assert reader.recognise(prose) < 0.5
    assert isinstance(reader_for(read_source(CAM_NOTE)), ConceptNoteReader)


# --- the annotated note ------------------------------------------------------------------


def test_statements_as_segmented_by_hand(note: ParsedDocument) -> None:
    source = note.source
    got = [(source.line_of(s.span.start), source.line_of(s.span.end), str(s.kind)) for s in note.statements]
    expected = [(row["lines"][0], row["lines"][1], row["kind"]) for row in ANNOTATION["statements"]]
    assert got == expected


@pytest.mark.parametrize("index", range(len(ANNOTATION["statements"])))
def test_statement_text(note: ParsedDocument, index: int) -> None:
    row, statement = ANNOTATION["statements"][index], note.statements[index]
    assert statement.text.startswith(row["starts"])
    assert statement.text.endswith(row["ends"])
    quoted = note.source.quote(statement.span)
    assert quoted == quoted.strip()


def test_slash_marks_are_never_text(note: ParsedDocument) -> None:
    for statement in note.statements:
        assert not re.search(r"(?:^|\s)/(?:\s|$)", statement.text), statement.text
    run_on = next(s for s in note.statements if s.text.startswith("Despite their economic importance"))
    assert "Regular Migration,\n/ as this enables" in note.source.quote(run_on.span)  # the span runs across the mark
    assert "Regular Migration, as this enables all actors" in run_on.text
    # Blank lines set paragraphs apart: a new sentence after a mark runs on in the same paragraph.
    assert "164 million were migrant workers. Twenty-six (26) percent" in note.statements[0].text
    assert note.statements[0].text.endswith("from more developed to less developed economies.")
    assert not any(note.source.quote(s.span).startswith("/") or note.source.quote(s.span).endswith("/")
                   for s in note.statements)


def test_every_statement_is_the_authors(note: ParsedDocument) -> None:
    for statement in note.statements:
        assert (statement.speaker.label, statement.speaker.kind) == ("Chair of CAM", ActorKind.PERSON)
        assert statement.role == "Author"
        assert statement.on_behalf_of.label == "CAM"
        assert statement.speaker_as_printed == "Prepared by the Chair of CAM with the support of the Technical Secretariat"
        assert statement.session == note.sessions[0].key
    assert note.author.label == "Chair of CAM" and note.body.label == "CAM"


def test_ids_are_content_keys(note: ParsedDocument) -> None:
    ids = [s.local_id for s in note.statements]
    assert len(set(ids)) == len(ids)
    assert all(re.fullmatch(r"[pq]-[0-9a-f]{10}(?:-\d+)?", i) for i in ids)
    assert [i[0] for i in ids].count("q") == 4 and len(ids) == 41
    assert ids == [s.local_id for s in ConceptNoteReader().read(read_source(CAM_NOTE)).statements]


def test_the_list_continues_its_paragraph_and_the_heading_is_no_statement(note: ParsedDocument) -> None:
    grouped = next(s for s in note.statements if s.text.startswith("To achieve these goals"))
    assert "6 broad areas:\n1) Improved mechanisms" in grouped.text
    assert grouped.text.endswith("6) options to facilitate successful integration of migrants in their host countries or upon their return.")
    assert not any(s.text.startswith("Protection of migrant workers and their families") for s in note.statements)


def test_the_thematic_session(note: ParsedDocument) -> None:
    (session,) = note.sessions
    assert session.kind is SessionKind.THEMATIC_SESSION
    assert session.number == "2"
    assert session.label.startswith("SECOND THEMATIC SESSION: “INTERNATIONAL NORMATIVE INSTRUMENTS")
    assert session.label.endswith("PREVENT XENOPHOBIA AND DISCRIMINATION”")
    assert note.title == session.label
    assert session.key == "cam/second-thematic-session-international-normative-instruments"
    assert session.organizer.label == "CAM"
    assert session.date is None and "prints no date" in note.notes[0]


def test_participations(note: ParsedDocument) -> None:
    table = {(p.actor.label, p.role): p for p in note.participations}
    author = table[("Chair of CAM", "Author")]
    assert (author.position, author.affiliation.label) == ("Chair", "CAM")
    assert table[("Technical Secretariat", "Secretary")].actor.kind is ActorKind.ORGANIZATION
    rodriguez = table[("Carlos Rodríguez", "Panelist")]
    assert rodriguez.position == "ILO Regional Director for Latin American and the Caribbean"
    assert (rodriguez.affiliation.label, rodriguez.affiliation.full_name) == ("ILO", "International Labor Organization")
    leighton = table[("Michelle Leighton", "Panelist")]
    assert leighton.position == "Chief of the Labour Migration Branch of the ILO in Geneva"
    munoz = table[("Betilde Muñoz", "Panelist")]
    assert (munoz.affiliation.label, munoz.affiliation.full_name) == ("OAS", "Organization of American States")
    assert note.source.quote(munoz.span) == "Betilde Muñoz, Director of the OAS Department of Social Inclusion"
    organizations = sorted(p.actor.label for p in note.participations if p.role == "Participant")
    assert organizations == ["Food and Agriculture Organization of the United Nations",
                             "International Organization for Migration (IOM)"]
    assert len(note.participations) == 7


# --- a note laid out differently ------------------------------------------------------------


def test_other_note_header(other: ParsedDocument) -> None:
    (session,) = other.sessions
    assert other.title == "Third Thematic Session: Access to Justice for Migrant Workers and Their Families in the Americas"
    assert (session.date, session.place, session.number) == (dt.date(2019, 5, 15), "OAS Headquarters, Washington, D.C.", "3")
    assert session.key == "cam/2019-05-15/third-thematic-session-access-to-justice-for-migrant"
    assert (other.author.label, other.author.full_name) == ("Ambassador Rita Claverie", "Rita Claverie")
    assert other.body.label == "Committee on Migration Issues (CAM)"


def test_other_note_statements(other: ParsedDocument) -> None:
    texts = [(str(s.kind), s.text) for s in other.statements if s.kind is not StatementKind.FOOTNOTE]
    assert [kind for kind, _ in texts] == ["Paragraph"] * 3 + ["Question"] * 2 + ["Paragraph"]
    assert texts[0][1].startswith("Migrant workers who suffer abuse at work seldom bring their cases before the courts")
    assert texts[0][1].endswith("keep most complaints out of the justice system.")  # hard-wrapped lines run on
    # A "/" with no blank line after it is a mark inside the paragraph, which runs on.
    assert texts[1][1].endswith("migration status. The Inter-American Court has held that States must ensure this "
                                "right to migrant workers in an irregular situation.")
    assert texts[2][1] == ("The session aims to:\n• identify the main obstacles that migrant workers face in seeking redress;"
                           "\n• share practices of labour inspectorates and courts that reach migrant workers.")
    assert texts[3][1] == "Which remedies are available to migrant workers whose employer withholds wages?"
    assert not any(t.startswith(("Background", "Objectives", "Panelists", "• Mr.")) for _, t in texts)
    for statement in other.statements:
        if statement.kind is StatementKind.FOOTNOTE:
            continue
        assert statement.speaker.full_name == "Rita Claverie" and statement.role == "Author"
        assert statement.on_behalf_of.label == "Committee on Migration Issues (CAM)"


def test_other_note_footnote(other: ParsedDocument) -> None:
    """The note is the author's own statement, annotating the paragraph carrying its mark (issue 14)."""
    first = other.statements[0]
    (note,) = [s for s in other.statements if s.kind is StatementKind.FOOTNOTE]
    assert note.text == "Inter-American Commission on Human Rights, Human Mobility: Inter-American Standards, 2015, para. 410."
    assert other.source.quote(note.span) == note.text
    assert (note.note_to, note.speaker, note.session) == (first.local_id, None, first.session)
    assert "[footnoteRef" not in first.text and first.extra_spans == []
    assert not any("Human Mobility" in s.text for s in other.statements if s is not note)


def test_other_note_panelists(other: ParsedDocument) -> None:
    table = {(p.actor.full_name or p.actor.label, p.role): p for p in other.participations}
    perez = table[("Juan Pérez", "Panelist")]
    assert (perez.position, perez.affiliation.label) == ("Director", "Migration Policy Institute (MPI)")
    souza = table[("Ana Souza", "Panelist")]
    assert (souza.position, souza.affiliation.label) == ("Public Defender", "Federal Public Defender's Office of Brazil")
    author = table[("Rita Claverie", "Author")]
    assert author.position == "Chair"
    assert len(other.participations) == 3


# --- bad input ----------------------------------------------------------------------------


def test_a_header_alone_is_reported(tmp_path: Path) -> None:
    path = tmp_path / "header-only.txt"
    path.write_text("CONCEPT NOTE\n\nFIRST THEMATIC SESSION: LABOUR MIGRATION\n(Prepared by the Chair of CAM)\n",
                    encoding="utf-8")
    with pytest.raises(SourceError, match="no paragraphs found") as caught:
        ConceptNoteReader().read(read_source(path))
    assert caught.value.file == "header-only.txt"


def test_an_unclosed_footnote_is_reported_with_its_line(tmp_path: Path) -> None:
    path = tmp_path / "broken-note.txt"
    path.write_text(OTHER_NOTE.read_text(encoding="utf-8").replace("para. 410.]", "para. 410."), encoding="utf-8")
    with pytest.raises(SourceError, match="never closed") as caught:
        ConceptNoteReader().read(read_source(path))
    assert caught.value.line == 37


# --- a third layout: an organization as author, a date in the text, speakers in parentheses ------


meeting = document_fixture(ConceptNoteReader, FIXTURES / "special_meeting.txt")


def test_an_organization_as_author(meeting: ParsedDocument) -> None:
    assert (meeting.author.label, meeting.author.kind) == ("Technical Secretariat", ActorKind.ORGANIZATION)
    for statement in meeting.statements:
        assert statement.speaker.label == "Technical Secretariat" and statement.role == "Author"
        assert statement.on_behalf_of is None  # an organization speaks for itself
    (session,) = meeting.sessions
    assert session.date == dt.date(2020, 3, 5)  # "will be held on March 5, 2020"
    assert session.key == "technical-secretariat/2020-03-05/special-meeting-on-migrant-domestic-workers"


def test_a_slash_then_a_blank_line_then_lower_case_is_one_paragraph(meeting: ParsedDocument) -> None:
    first = meeting.statements[0]
    assert first.text.endswith("many of whom are women working without contracts, who often cannot reach labour inspectors.")
    assert meeting.source.line_of(first.span.end) == 8
    assert [str(s.kind) for s in meeting.statements] == ["Paragraph", "Paragraph", "Question", "Question"]


def test_speakers_listed_after_the_verb(meeting: ParsedDocument) -> None:
    panel = [(p.actor.label, p.affiliation.label, p.position) for p in meeting.participations if p.role == "Panelist"]
    assert panel == [("Ms. Laura Gómez", "ILO", None), ("Mr. Daniel Smith", "IOM", None),
                     ("Ms. Ana Ruiz", "Ministry of Labour of Chile", None)]
    ruiz = meeting.participations[-1]
    assert meeting.source.quote(ruiz.span) == "Ms. Ana Ruiz (Ministry of Labour of Chile)"


@pytest.mark.parametrize("path", [CAM_NOTE, OTHER_NOTE, FIXTURES / "special_meeting.txt"], ids=lambda p: p.name)
def test_windows_line_ends_and_a_bom_read_the_same(path: Path) -> None:
    unix, windows = as_saved_and_as_windows_saves(ConceptNoteReader, path)
    assert [(s.local_id, s.text, str(s.kind)) for s in windows.statements] == [
        (s.local_id, s.text, str(s.kind)) for s in unix.statements]
    assert (windows.title, windows.sessions[0].key) == (unix.title, unix.sessions[0].key)
    assert ConceptNoteReader().recognise(windows.source) == ConceptNoteReader().recognise(unix.source)
    for statement in windows.statements:
        quoted = windows.source.quote(statement.span)
        assert quoted == quoted.strip() and not quoted.endswith("/")
