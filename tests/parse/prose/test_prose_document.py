"""The general reader for prose documents: paragraphs, dates, speakers only where the text names them.

Small texts written here to each convention, then the five unseen documents of genres no genre reader
handles (``tests/fixtures/unseen/other/``), read whole, with what the reader gets right in each.
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
from graph.errors import SourceError
from graph.extract.actors import resolve_actors
from graph.extract.citations import extract_references
from graph.parse.shared.event_dates import event_date, issue_date
from graph.parse.shared.paragraphs import read_blocks
from graph.parse.prose.reader import ProseReader
from graph.parse.shared.reported_speech import voice_of
from graph.records import DocumentKind, ParsedDocument
from graph.sources import read_document, read_source
from graph.to_rdf import source_graph
from graph.vocab import MRKG

ROOT = Path(__file__).resolve().parents[3]
OTHER = ROOT / "tests" / "fixtures" / "unseen" / "other"
READER = ProseReader()


def read(text: str, name: str = "text.txt") -> ParsedDocument:
    return READER.read(Source(Path(name), text))


# --- paragraphs as laid out --------------------------------------------------------------------


def kinds(text: str) -> list[tuple[str, str]]:
    return [(block.kind, block.words[:30]) for block in read_blocks(text)]


def test_blank_lines_and_single_lines_both_separate_paragraphs() -> None:
    text = "Title of the page\n\nThe first paragraph says one thing.\nThe second paragraph says another.\n"
    assert kinds(text) == [("heading", "Title of the page"), ("paragraph", "The first paragraph says one t"),
                           ("paragraph", "The second paragraph says anot")]


def test_hard_wrapped_lines_join_and_a_short_line_ending_a_sentence_ends_the_paragraph() -> None:
    wrapped = (
        "Background\n"
        "The Office has organized the annual discussion on technical cooperation in the field of\n"
        "human rights during the sessions of the Council since 2011. The discussion is held under a\n"
        "resolution adopted in 2015.\n"
        "The report of the Office, issued in January under the same resolution, serves as a basis for\n"
        "this panel discussion.\n"
        "Rationale\n"
        "International migration is a growing phenomenon, with over 200 million people living outside\n"
        "their country of origin, and concern about their vulnerability to violations has increased.\n"
    )
    blocks = read_blocks(wrapped)
    assert [(b.kind, b.lines[0].number + 1, b.lines[-1].number + 1) for b in blocks] == [
        ("heading", 1, 1), ("paragraph", 2, 4), ("paragraph", 5, 6), ("heading", 7, 7), ("paragraph", 8, 9)]
    assert blocks[1].words.startswith("The Office has organized the annual discussion on technical cooperation in "
                                      "the field of human rights during")


def test_a_list_goes_with_the_sentence_that_introduces_it_and_nested_entries_with_their_entry() -> None:
    text = ("The panel discussion aims to:\n\n  • illustrate the drivers of migration;\n  • highlight good practice.\n\n"
            "  • The Network has used its first year well.\n  • In 2020 the Network needs to act on:\n"
            "    • speaking with one voice;\n    • supporting Member States.\n  • Speaking as one voice matters.\n")
    assert [(kind, words) for kind, words in kinds(text)] == [
        ("paragraph", "The panel discussion aims to:\n"), ("paragraph", "The Network has used its first"),
        ("paragraph", "In 2020 the Network needs to a"), ("paragraph", "Speaking as one voice matters.")]


def test_numbers_notes_and_lines_that_are_not_sentences() -> None:
    text = ("Held at the Palais Wilson, Geneva, on Monday, 24 March 2025, at 10 a.m.\n\n"
            "Tuesday, 22 March 2016, from 12 to 3 p.m.\n\n1.At the invitation of the Chair, the delegation joined the meeting.\n\n"
            "12. The Chair said that the dialogue would go on.\n\n(Document GB.317/INS/13/2, paragraph 5.)\n")
    blocks = read_blocks(text)
    assert [(b.kind, b.number) for b in blocks] == [("heading", None), ("heading", None), ("paragraph", 1),
                                                   ("paragraph", 12), ("note", None)]
    assert blocks[2].words == "At the invitation of the Chair, the delegation joined the meeting."


def test_a_long_unpunctuated_block_after_the_paragraphs_is_a_paragraph_cut_short() -> None:
    teaser = ("In a powerful example of migrant and diaspora contributions, remittances have proven remarkably "
              "resilient during the pandemic and dropped by only a little in the year compared to what was "
              "predicted at the outset and  read more")
    assert kinds(f"A first paragraph ends here.\n\n{teaser}\n")[1][0] == "paragraph"
    assert kinds(f"{teaser}\n\nA first paragraph ends here.\n")[0][0] == "heading"


# --- who speaks ----------------------------------------------------------------------------------


def speaker(paragraph: str) -> str | None:
    voice = voice_of(paragraph, 0, len(paragraph))
    if voice is None:
        return None
    if voice.continues:
        return "(goes on)"
    if voice.person is not None:
        return voice.person.name
    if voice.delegation is not None:
        return paragraph[voice.delegation.start:voice.delegation.end]
    return voice.office


@pytest.mark.parametrize(("paragraph", "expected"), [
    ("Mr. Gil Pinto (Bolivarian Republic of Venezuela), noting that the guidelines said so, said that it was "
     "impossible.", "Gil Pinto"),
    ("Fatimata Diallo, Committee Chair, in opening remarks, said migrants were exposed.", "Fatimata Diallo"),
    ("H. E. Mr. Masud Bin Momen, Permanent Representative of Bangladesh delivered a speech and recalled it.",
     "Masud Bin Momen"),
    ("The moderator of today’s panel discussion, Craig Mokhiber, Chief of the Division, said data were scarce.",
     "Craig Mokhiber"),
    ("A representative of Belgium, recalling the federal structure, said that civil society took part.", "Belgium"),
    ("An OHCHR representative also delivered a speech noting the relevance of human rights.", "OHCHR"),
    ("The CHAIRPERSON invited the delegation to continue replying.", "CHAIRPERSON"),
    ("Briefing outlining the set up for the Forum, Mr. El Jamri said it had three round tables.", "El Jamri"),
    ("Scientific discussion will provide useful input, the President of the Economic and Social Council told "
     "experts today.", "President of the Economic and Social Council"),
    ("\"What set this meeting apart was the interest of Governments,\" said Hania Zlotnik, head of the "
     "Population Division.", "Hania Zlotnik"),
    ("She focused on the refugee components of the Declaration.", "(goes on)"),
    # the document's own narrative: nobody is said to speak
    ("The panel discussion was opened by the High Commissioner and included the participation of Volker Turk.",
     None),
    ("Mr. Nikhil Seth, Executive Director of UNITAR, chaired today a Panel of Experts organized by DESA.", None),
    ("The Committee had been briefed by Ms. Michelle Leighton, Chief of the Labour Migration Branch.", None),
    ("Prior to the establishment of the Committee, the delegations of Belize, Ecuador, El Salvador, Mexico and "
     "Paraguay, highlighted the place of migration.", None),
    ("The President of the General Assembly has appointed Mr. Juan Gomez Camacho, Ambassador of Mexico, as "
     "co-facilitator.", None),
])
def test_a_speaker_only_where_the_text_says_who_speaks(paragraph: str, expected: str | None) -> None:
    assert speaker(paragraph) == expected


def test_a_record_of_speeches_goes_on_with_the_speaker_and_a_narrative_does_not() -> None:
    record = read("Human Rights Committee\n\nChair: Ms. Abdo Rocholl\n\nThe meeting was called to order at 10 a.m.\n\n"
                  "At the invitation of the Chair, the delegation joined the meeting.\n\n"
                  "The Chair said that the dialogue would resume.\n\nThe Committee had held eight meetings.\n\n"
                  "Mr. Gil Pinto (Venezuela) said that the questions were many.\n\nAll would be answered.\n")
    assert [(s.speaker.label if s.speaker else None, s.role) for s in record.statements] == [
        (None, None), ("Ms. Abdo Rocholl", "Chair"), ("Ms. Abdo Rocholl", "Chair"),
        ("Mr. Gil Pinto", None), ("Mr. Gil Pinto", None)]
    assert record.statements[3].on_behalf_of.label == "Venezuela"
    narrative = read("News\n\nMs. Amina Yusuf, Legal Officer, said that courts were slow.\n\n"
                     "The event ended with a reception.\n\nShe added that aid came late.\n")
    assert [s.speaker.label if s.speaker else None for s in narrative.statements] == [
        "Ms. Amina Yusuf", None, "Ms. Amina Yusuf"]


def test_the_procedure_of_a_meeting_is_not_a_statement_and_a_text_without_paragraphs_is_refused() -> None:
    document = read("Chair: Mr. Corzo Sosa\n\nThe meeting was called to order at 3 p.m.\n\nThe Chair said it was open.\n")
    assert [s.text for s in document.statements] == ["The Chair said it was open."]
    with pytest.raises(SourceError, match="no paragraph of prose found") as refused:
        read("Programme\n\n11:00 – 11:15\n\nWelcome address\n")
    assert refused.value.line == 6


# --- dates -----------------------------------------------------------------------------------------


def dates(text: str) -> tuple[dt.date | None, dt.date | None]:
    blocks = read_blocks(text)
    first = next(i for i, b in enumerate(blocks) if b.kind == "paragraph")
    header, paragraphs = blocks[:first], [b for b in blocks if b.kind == "paragraph"]
    issued = issue_date(text, header)
    event = event_date(text, header, paragraphs, issued.date if issued else None)
    return (issued.date if issued else None), (event.date if event else None)


@pytest.mark.parametrize(("text", "expected"), [
    ("DEV/2584\n3 July 2006\nExpert Meeting Concludes\nTURIN, 30 June -- The meeting closed today in Turin.\n",
     (dt.date(2006, 7, 3), dt.date(2006, 6, 30))),
    ("Press Release\n\n  October 25, 2007\n\nThe Council established last night a Special Committee.\n",
     (dt.date(2007, 10, 25), dt.date(2007, 10, 24))),
    ("Summary\n\nThe report is submitted on the panel discussion, which was held on 21 February 2022.\n",
     (None, dt.date(2022, 2, 21))),
    ("Workshop on migration\nTuesday, April 6, 2010, 11:00 - 17:30 EST\n\nThe objectives are many and varied.\n",
     (None, dt.date(2010, 4, 6))),
    ("Intersessional panel discussion on migrants, 21 February 2022\n\nThe Council asked for the panel to be held.\n",
     (None, dt.date(2022, 2, 21))),
    # another, later event, and a site's stamp: neither is the meeting's date nor the document's
    (" date 2022-05-27 Human Rights Council\n\nThis afternoon the Committee held a debate on the Forum, to be held in "
     "Manila on 29 and 30 October 2008.\n", (None, None)),
])
def test_the_issue_date_and_the_event_s_date_are_told_apart(text: str, expected: tuple) -> None:
    assert dates(text) == expected


# --- the unseen documents of other genres -----------------------------------------------------------


@pytest.fixture(scope="module")
def others() -> dict[str, ParsedDocument]:
    return {path.stem: read_document(read_source(path))[0] for path in sorted(OTHER.glob("*.txt"))}


def test_every_other_document_is_read_by_the_general_reader(others: dict[str, ParsedDocument]) -> None:
    assert len(others) == 5
    assert {document.kind for document in others.values()} == {DocumentKind.PROSE_DOCUMENT}


def test_a_press_release_with_speakers_named_by_office_by_name_and_after_a_quotation(others: dict) -> None:
    release = others["un-press-release-dev-2584"]
    assert (release.symbol, release.date, release.sessions[0].date) == ("DEV/2584", dt.date(2006, 7, 3),
                                                                        dt.date(2006, 6, 30))
    assert [s.speaker.label if s.speaker else None for s in release.statements] == [
        "President of the Economic and Social Council", "Ambassador Hachani", None, None, None, "Hania Zlotnik", None]
    assert release.statements[1].on_behalf_of.label == "Tunisia"
    assert [a.label for a in release.statements[1].mentioned_actors] == ["Economic Commission for Africa (ECA)",
                                                                         "United Nations"]


def test_a_press_release_dated_last_night_and_collective_speakers_left_unnamed(others: dict) -> None:
    release = others["oas-press-release-e-266-07"]
    assert release.date == dt.date(2007, 10, 25) and release.sessions[0].date == dt.date(2007, 10, 24)
    assert len(release.statements) == 4 and all(s.speaker is None for s in release.statements)


def test_a_record_of_decisions_keeps_its_document_references_out_of_its_paragraphs(others: dict) -> None:
    decisions = others["ilo-gb-317-decision-labour-migration"]
    assert decisions.date == dt.date(2013, 3, 26)
    assert [s.text[:40] for s in decisions.statements] == [
        "The Governing Body, on the recommendatio", "The Governing Body, on the recommendatio",
        "The Governing Body took note of this par"]
    assert "§ labour migration in the context of debates" in decisions.statements[1].text
    assert not any("(Document" in s.text for s in decisions.statements)


def test_a_programme_is_one_paragraph_under_its_headings_dated_by_its_date_line(others: dict) -> None:
    programme = others["oas-workshop-programme-2010"]
    assert [s.text[:38] for s in programme.statements] == ["The objectives of the workshop are to:"]
    assert programme.sessions[0].date == dt.date(2010, 4, 6)
    assert programme.body.label == "Special Committee on Migration Issues (CEAM)"


def test_a_report_summary_has_no_date_of_its_own(others: dict) -> None:
    summary = others["ohchr-report-a-hrc-37-34-summary"]
    assert summary.date is None and summary.sessions == []
    assert [s.text[:30] for s in summary.statements] == ["The present report is submitte", "While migration can be a posit"]


def test_narrative_paragraphs_are_attributed_to_the_issuing_body_and_named_actors_are_linked() -> None:
    catalogue = load_catalogue(ROOT / "data" / "catalogue")
    document = read_document(read_source(OTHER / "oas-workshop-programme-2010.txt"))[0]
    extract_references(document, catalogue)
    resolve_actors([document], catalogue.known_actors())
    graph = source_graph(document, catalogue)
    statement = URIRef(iris.statement(document.source.stem, document.statements[0].local_id))
    assert (statement, MRKG.speaker, None) not in graph
    assert graph.value(statement, PROV.wasAttributedTo) == URIRef(iris.actor(document.body.key))
    release = read_document(read_source(OTHER / "un-press-release-dev-2584.txt"))[0]
    resolve_actors([release], catalogue.known_actors())
    graph = source_graph(release, catalogue)
    named = set(graph.objects(URIRef(iris.statement(release.source.stem, release.statements[1].local_id)),
                              MRKG.mentionsActor))
    assert URIRef(iris.actor(release.statements[1].mentioned_actors[0].key)) in named


def test_windows_line_endings_and_a_byte_order_mark_give_the_same_reading() -> None:
    path = OTHER / "un-press-release-dev-2584.txt"
    text = path.read_text(encoding="utf-8")
    unix = READER.read(Source(path, text))
    windows = READER.read(Source(path, "\ufeff" + text.replace("\n", "\r\n")))
    assert [(s.text, s.speaker.label if s.speaker else None) for s in windows.statements] == [
        (s.text, s.speaker.label if s.speaker else None) for s in unix.statements]
    assert (windows.date, windows.sessions[0].date, windows.symbol) == (unix.date, unix.sessions[0].date, unix.symbol)
    assert all(not windows.source.quote(s.span).endswith("\r") for s in windows.statements)
