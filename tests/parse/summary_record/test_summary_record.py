"""The summary record reader against annotated records.

Each ``tests/fixtures/summary_record/*.json`` annotates one record: the two
sources of the genre and synthetic records laid out differently (another body,
other header variants, procedural paragraphs, unnamed delegates, footnotes),
which stand in for records the reader has never seen.
"""
from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from graph.documents import Source
from graph.errors import SourceError
from graph.parse.summary_record.reader import SummaryRecordReader
from graph.export_marks import strip_markup
from graph.parse.summary_record.header import agenda_title, treaty_body
from graph.records import ActorKind, DocumentKind, ParsedDocument, SessionKind, StatementKind
from graph.sources import read_source, reader_for

ROOT = Path(__file__).resolve().parents[3]
FIXTURES = ROOT / "tests" / "fixtures" / "summary_record"
ANNOTATIONS = sorted(FIXTURES.glob("*.json"))
READER = SummaryRecordReader()

_parsed: dict[Path, tuple[dict, Source, ParsedDocument]] = {}


def parsed(annotation_path: Path) -> tuple[dict, Source, ParsedDocument]:
    if annotation_path not in _parsed:
        annotation = json.loads(annotation_path.read_text(encoding="utf-8"))
        source = read_source(ROOT / annotation["source"])
        _parsed[annotation_path] = (annotation, source, READER.read(source))
    return _parsed[annotation_path]


def by_name(paths: list[Path]) -> list:
    return [pytest.param(path, id=path.stem) for path in paths]


def test_there_are_annotations_for_both_sources_and_synthetic_records() -> None:
    sources = {json.loads(p.read_text(encoding="utf-8"))["source"] for p in ANNOTATIONS}
    assert "data/sources/000_454c943b3bec582e.txt" in sources
    assert "data/sources/001_572bfb9b02552e02.txt" in sources
    assert sum(s.startswith("tests/") for s in sources) >= 2


@pytest.mark.parametrize("path", by_name(ANNOTATIONS))
def test_document_facts(path: Path) -> None:
    annotation, source, document = parsed(path)
    expected = annotation["document"]
    assert document.kind is DocumentKind.SUMMARY_RECORD
    assert document.title == expected["title"]
    assert document.symbol == expected["symbol"]
    assert document.date == (dt.date.fromisoformat(expected["date"]) if expected["date"] else None)
    assert document.body is not None and document.body.label == expected["body"]
    assert document.body.kind is ActorKind.ORGANIZATION
    assert " ".join(source.quote(document.body.span).split()) == expected["body"]
    assert [source.quote(span) for span in document.footnotes] == expected["footnotes"]
    assert document.notes == []


@pytest.mark.parametrize("path", by_name(ANNOTATIONS))
def test_session_and_meeting(path: Path) -> None:
    annotation, source, document = parsed(path)
    assert len(document.sessions) == len(annotation["sessions"])
    for session, expected in zip(document.sessions, annotation["sessions"]):
        assert session.key == expected["key"]
        assert session.kind is SessionKind(expected["kind"])
        assert session.number == expected["number"]
        assert session.date == dt.date.fromisoformat(expected["date"])
        assert session.parent == expected["parent"]
        assert session.organizer is document.body
        if session.kind is SessionKind.MEETING:
            assert session.place == expected["place"]
            assert session.start_time == dt.time.fromisoformat(expected["start_time"])
            assert session.end_time == (dt.time.fromisoformat(expected["end_time"]) if expected["end_time"] else None)
            # The item is the same in every record of the session; "(continued)" stays in the printed words.
            assert [item.title for item in session.agenda_items] == [agenda_title(w) for w in expected["agenda_items"]]
            printed = [" ".join(strip_markup(source.quote(item.span)).split()) for item in session.agenda_items]
            assert printed == expected["agenda_items"]
            assert session.label == f"{expected['number']}th meeting"
            assert source.quote(session.span).startswith("Summary record")


@pytest.mark.parametrize("path", by_name(ANNOTATIONS))
def test_chairs_take_part_with_their_printed_position(path: Path) -> None:
    annotation, source, document = parsed(path)
    meeting = document.sessions[-1].key
    chairs = [p for p in document.participations if p.role in ("Chair", "Acting Chair")]
    assert [(p.actor.label, p.role, p.position) for p in chairs] == [
        (c["label"], c["role"], c["position"]) for c in annotation["chairs"]
    ]
    for chair in chairs:
        assert chair.session == meeting
        assert chair.actor.kind is ActorKind.PERSON
        assert source.quote(chair.actor.span) == chair.actor.label


@pytest.mark.parametrize("path", by_name(ANNOTATIONS))
def test_one_statement_per_numbered_paragraph(path: Path) -> None:
    annotation, source, document = parsed(path)
    paragraphs = [s for s in document.statements if s.kind is not StatementKind.FOOTNOTE]
    numbers = [s.paragraph_number for s in paragraphs]
    assert numbers == list(range(1, annotation["statement_count"] + 1))
    assert [s.local_id for s in paragraphs] == [str(n) for n in numbers]
    meeting = document.sessions[-1].key
    for statement in paragraphs:
        quoted = source.quote(statement.span)
        assert quoted == quoted.strip()
        assert quoted.lstrip("*").startswith(f"{statement.paragraph_number}.")
        assert statement.session == meeting
        assert "**" not in statement.text and not statement.text[:1].isdigit()


@pytest.mark.parametrize("path", by_name(ANNOTATIONS))
def test_every_paragraph_has_the_annotated_speaker(path: Path) -> None:
    annotation, source, document = parsed(path)
    expected = {}
    for run in annotation["speakers"]:
        first, last = run["paragraphs"]
        for number in range(first, last + 1):
            expected[number] = (run["speaker"], run["role"], run["on_behalf_of"],
                                run["as_printed"] if number == first else None)
    found = {
        s.paragraph_number: (s.speaker.label if s.speaker else None, s.role,
                             s.on_behalf_of.label if s.on_behalf_of else None, s.speaker_as_printed)
        for s in document.statements if s.kind is not StatementKind.FOOTNOTE
    }
    assert found == expected


@pytest.mark.parametrize("path", by_name(ANNOTATIONS))
def test_actor_spans_quote_the_names_as_printed(path: Path) -> None:
    _, source, document = parsed(path)
    for statement in document.statements:
        for actor in (statement.speaker, statement.on_behalf_of):
            if actor is not None:
                assert " ".join(source.quote(actor.span).replace("**", "").split()) == actor.label
        if statement.speaker is not None and statement.speaker.kind is ActorKind.PERSON:
            assert statement.speaker.label.split()[0] in ("Mr.", "Ms.", "Mrs.", "Dr.", "Professor", "Dame", "Sir")


@pytest.mark.parametrize("path", by_name(ANNOTATIONS))
def test_passages(path: Path) -> None:
    annotation, source, document = parsed(path)
    for passage in annotation["passages"]:
        statement = document.statement(str(passage["paragraph"]))
        quoted = source.quote(statement.span)
        assert quoted.startswith(passage["starts"])
        if passage["ends"]:
            assert quoted.endswith(passage["ends"])
        assert statement.text.startswith(passage["text_starts"])
        if "text_contains" in passage:
            assert passage["text_contains"] in statement.text
        # A note marked in the paragraph is the record's own statement, annotating it, with no speaker (issue 14).
        notes = [s for s in document.statements if s.note_to == statement.local_id]
        assert [source.quote(note.span) for note in notes] == passage.get("footnotes", [])
        assert all(note.kind is StatementKind.FOOTNOTE and note.speaker is None for note in notes)
        assert statement.extra_spans == []


@pytest.mark.parametrize("path", by_name(ANNOTATIONS))
def test_procedural_lines_headings_and_furniture_are_not_statements(path: Path) -> None:
    annotation, source, document = parsed(path)
    for printed in annotation.get("not_in_any_statement", []) + ["called to order"]:
        at = source.text.find(printed)
        assert at >= 0, printed
        assert not any(s.span.start <= at < s.span.end for s in document.statements), printed
    for printed in annotation.get("not_in_any_text", []):
        assert printed in source.text and not any(printed in s.text for s in document.statements), printed


def test_speakers_take_part_once_per_capacity() -> None:
    _, _, document = parsed(FIXTURES / "cerd_2950_tabs.json")
    taking_part = {(p.actor.label, p.role, p.affiliation.label if p.affiliation else None, p.position)
                   for p in document.participations}
    assert ("Mr. Kemal", "Country Rapporteur", None, "Country Rapporteur") in taking_part
    # Speaking for a ministry does not hide the State printed beside the name.
    assert ("Mr. Ortiz del Campo", "Representative", "Ruritania", None) in taking_part
    assert len(document.participations) == len(taking_part)


def test_the_chair_is_whoever_took_the_chair_at_that_point() -> None:
    _, _, document = parsed(FIXTURES / "cerd_2950_tabs.json")
    chairing = [(s.paragraph_number, s.speaker.label) for s in document.statements if s.role == "Chair"]
    assert chairing == [(1, "Ms. Shepherd"), (7, "Mr. Amir"), (10, "Mr. Amir")]


# --- recognising the genre -------------------------------------------------------------------


@pytest.mark.parametrize("path", by_name(ANNOTATIONS))
def test_recognises_its_records(path: Path) -> None:
    _, source, _ = parsed(path)
    assert READER.recognise(source) >= 0.8
    assert isinstance(reader_for(source), SummaryRecordReader)


@pytest.mark.parametrize("name", ["002_68f5826c22f0372f.txt", "003_3a65919e68961041.txt", "004_78fd61f76d543e46.txt"])
def test_does_not_claim_other_genres(name: str) -> None:
    assert READER.recognise(read_source(ROOT / "data" / "sources" / name)) < 0.5


def test_does_not_claim_random_text(tmp_path: Path) -> None:
    path = tmp_path / "letter.txt"
    path.write_text("Dear colleagues,\n\n1. The meeting of the club will be held on Tuesday.\n\n2. Bring cake.\n",
                    encoding="utf-8")
    assert READER.recognise(read_source(path)) < 0.5


# --- layout tolerance and errors ---------------------------------------------------------------


def test_windows_line_endings_give_the_same_reading(tmp_path: Path) -> None:
    original = read_source(FIXTURES / "cerd_2950_tabs.txt")
    path = tmp_path / "cerd_crlf.txt"
    path.write_bytes(original.text.replace("\n", "\r\n").encode("utf-8"))
    source = read_source(path)
    document = READER.read(source)
    expected = READER.read(original)
    assert [(s.local_id, s.text, s.speaker_as_printed) for s in document.statements] == [
        (s.local_id, s.text, s.speaker_as_printed) for s in expected.statements
    ]
    assert all("\r" not in source.quote(s.span)[-1:] for s in document.statements)
    assert [item.title for item in document.sessions[-1].agenda_items] == [
        item.title for item in expected.sessions[-1].agenda_items
    ]


def write(tmp_path: Path, text: str) -> Source:
    path = tmp_path / "record.txt"
    path.write_text(text, encoding="utf-8")
    return read_source(path)


HEADER = (
    "Committee against Torture\nSeventy-eighth session\nSummary record of the 2100th meeting\n"
    "Held at the Palais Wilson, Geneva, on Monday, 6 November 2023, at 10 a.m.\nChair:\tMr. Heller\n"
)


def test_a_record_without_a_title_is_an_error_with_file_and_line(tmp_path: Path) -> None:
    source = write(tmp_path, HEADER.replace("Summary record of the 2100th meeting\n", "") +
                   "The meeting was called to order at 10 a.m.\n1.\tThe Chair said that the session was open.\n")
    with pytest.raises(SourceError) as error:
        READER.read(source)
    assert error.value.file == "record.txt" and error.value.line == 5
    assert "Summary record of the" in str(error.value) and str(error.value).startswith("record.txt:5: ")


def test_a_record_without_paragraphs_is_an_error(tmp_path: Path) -> None:
    source = write(tmp_path, HEADER + "The meeting was called to order at 10 a.m.\nContents\n")
    with pytest.raises(SourceError, match="no paragraph") as error:
        READER.read(source)
    assert error.value.line == 6


def test_a_record_without_a_body_is_an_error(tmp_path: Path) -> None:
    source = write(tmp_path, HEADER + "Contents\nOpening of the session\n")
    with pytest.raises(SourceError, match="no numbered paragraph, no 'The meeting was called to order'"):
        READER.read(source)


def test_an_unreadable_chair_line_is_an_error(tmp_path: Path) -> None:
    source = write(tmp_path, HEADER.replace("Mr. Heller", "to be announced") +
                   "1.\tThe Chair said that the session was open.\n")
    with pytest.raises(SourceError) as error:
        READER.read(source)
    assert error.value.line == 5 and "chair line" in str(error.value)


def test_a_year_at_a_line_start_is_not_a_paragraph_number(tmp_path: Path) -> None:
    source = write(tmp_path, HEADER + "1.\tMr. Tuzmukhamedov said that the State party had adopted a law in\n"
                   "2014. It entered into force the following year.\n2.\tThe Chair thanked him.\n")
    document = READER.read(source)
    assert [s.paragraph_number for s in document.statements] == [1, 2]
    assert document.statement("1").text.endswith("in 2014. It entered into force the following year.")
    assert document.statements[1].speaker.label == "Mr. Heller"
    assert document.notes == []
    assert document.symbol == "CAT/C/SR.2100"
    assert document.sessions[0].key == "cat/78" and document.sessions[0].date == dt.date(2023, 11, 6)
    assert document.sessions[1].start_time == dt.time(10, 0)  # no call to order: the time it was held


def test_a_repeated_paragraph_number_is_reported(tmp_path: Path) -> None:
    source = write(tmp_path, HEADER + "1.\tThe Chair said that the meeting was open.\n"
                   "2.\tMr. Rouwane said that the report was late\n2.\tbut welcome.\n")
    document = READER.read(source)
    assert [s.local_id for s in document.statements] == ["1", "2"]
    assert document.statement("2").text == "Mr. Rouwane said that the report was late 2. but welcome."
    assert document.notes == ["record.txt:8: paragraph number 2 does not follow 2; read as part of paragraph 2"]


def test_the_chair_unnamed_in_the_header_is_reported(tmp_path: Path) -> None:
    source = write(tmp_path, HEADER.replace("Chair:\tMr. Heller\n", "") + "1.\tThe Chair said that it was open.\n")
    document = READER.read(source)
    assert document.statements[0].speaker is None and document.statements[0].role == "Chair"
    assert "names no chair" in document.notes[0]


def test_treaty_bodies_are_found_whatever_the_line_breaks() -> None:
    assert treaty_body("Committee on the Protection of the Rights of All\nMigrant Workers and Members of Their Families").acronym == "CMW"
    assert treaty_body("Human Rights Committee").acronym == "CCPR"
    assert treaty_body("Committee on Something Else") is None


def test_a_record_without_a_session_still_has_its_meeting(tmp_path: Path) -> None:
    source = write(tmp_path, HEADER.replace("Seventy-eighth session\n", "") + "1.\tThe Chair said that it was open.\n")
    document = READER.read(source)
    assert [s.key for s in document.sessions] == ["cat/meeting/2100"]
    assert document.body.label == "Committee against Torture"
    assert document.notes == ["record.txt: no session printed; the meeting cat/meeting/2100 has no enclosing session"]


def test_a_record_naming_no_body_is_an_error(tmp_path: Path) -> None:
    source = write(tmp_path, HEADER.replace("Committee against Torture\nSeventy-eighth session\n", "") +
                   "1.\tThe Chair said that it was open.\n")
    with pytest.raises(SourceError, match="no body") as error:
        READER.read(source)
    assert error.value.line == 1


def test_an_initial_in_the_name_of_who_takes_the_chair_is_part_of_the_name(tmp_path: Path) -> None:
    """"M." is also a form of address (French "Monsieur"); after "Ms." it is an initial."""
    source = write(tmp_path, HEADER + "1.\tThe Chair said that the meeting was open.\n"
                   "Ms. M. Klein (Vice-Chair) took the Chair.\n2.\tThe Chair said that the list was closed.\n"
                   "3.\tM. Dupont (France) said that his delegation agreed.\n")
    document = READER.read(source)
    assert [s.speaker.label for s in document.statements] == ["Mr. Heller", "Ms. M. Klein", "M. Dupont"]
    assert document.statement("3").on_behalf_of.label == "France"
