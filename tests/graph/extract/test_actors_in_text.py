"""Actors named in a statement's words (issue 13, point 3): the rules, on paragraphs written for the test.

Each paragraph is the kind a summary record or a note prints; the catalogue is the project's own, so a
rule that only worked for the seed files' names would fail here.
"""
from __future__ import annotations

from pathlib import Path

import pytest

from graph.catalogue import Catalogue
from graph.catalogue_reader import load_catalogue
from graph.documents import Source, Span
from graph.extract.actors_in_text import find_actors_in_text
from graph.records import ActorKind, ActorMention, DocumentKind, ParsedDocument, Statement

ROOT = Path(__file__).resolve().parents[3]


@pytest.fixture(scope="module")
def catalogue() -> Catalogue:
    return load_catalogue(ROOT / "data" / "catalogue")


def named(catalogue: Catalogue, text: str, speaker: ActorMention | None = None,
          printed: str | None = None, behalf: ActorMention | None = None,
          others: list[Statement] | None = None) -> list[str]:
    """The words found as actors in ``text``, printed as one paragraph of a record."""
    statement = Statement("1", Span(0, len(text)), text, speaker=speaker, speaker_as_printed=printed,
                          on_behalf_of=behalf)
    document = ParsedDocument(Source(Path("zz_test.txt"), text), DocumentKind.SUMMARY_RECORD, "A record",
                              statements=[statement, *(others or [])])
    find_actors_in_text(document, catalogue)
    return [mention.label for mention in statement.mentioned_actors]


def test_states_and_organizations_are_found_with_their_offsets(catalogue: Catalogue) -> None:
    text = "Costa Rica and the Republic of Moldova had worked with UNICEF and the International Labour Organization."
    statement = Statement("1", Span(0, len(text)), text)
    document = ParsedDocument(Source(Path("zz.txt"), text), DocumentKind.SUMMARY_RECORD, "A record",
                              statements=[statement])
    find_actors_in_text(document, catalogue)
    found = [(m.label, text[m.span.start:m.span.end], m.kind) for m in statement.mentioned_actors if m.span]
    assert found == [("Costa Rica", "Costa Rica", ActorKind.STATE),
                     ("Republic of Moldova", "Republic of Moldova", ActorKind.STATE),
                     ("UNICEF", "UNICEF", ActorKind.ORGANIZATION),
                     ("International Labour Organization", "International Labour Organization", ActorKind.ORGANIZATION)]


def test_the_longest_name_wins_and_names_stand_alone(catalogue: Catalogue) -> None:
    assert named(catalogue, "In the United States of America, Nigeria and the Niger, UN-Women reported.") == [
        "United States of America", "Nigeria", "Niger", "UN-Women"]
    # "UN" is not found inside "UN-Women", nor "Niger" inside "Nigeria".
    assert "UN" not in named(catalogue, "UN-Women and Nigeria spoke.")


def test_no_match_inside_a_longer_name_the_catalogue_does_not_know(catalogue: Catalogue) -> None:
    assert named(catalogue, "Officials of New Mexico met in Mexico City.") == []
    # A sentence's first word or a form of address is not part of the name.
    assert named(catalogue, "The programme ended. Mexico and Canada signed it. In Jordan, it went on.") == [
        "Mexico", "Canada", "Jordan"]


def test_acronyms_only_in_capitals_and_names_as_written(catalogue: Catalogue) -> None:
    assert named(catalogue, "The WHO said who would pay; the chad of the ballot was torn.") == ["WHO"]
    assert named(catalogue, "Ilo and Oas are not acronyms as printed here.") == []


def test_the_speaker_and_whom_it_speaks_for_are_not_mentions(catalogue: Catalogue) -> None:
    text = "Ms. García (Mexico) said that Mexico had worked with Guatemala and with Ms. Rossi."
    speaker = ActorMention("Ms. García", ActorKind.PERSON, Span(0, 10))
    behalf = ActorMention("Mexico", ActorKind.STATE, Span(12, 18))
    other = Statement("2", Span(len(text), len(text)), "", speaker=ActorMention("Ms. Rossi", ActorKind.PERSON))
    # The heading's "(Mexico)" and Mexico spoken for are "said by or for"; Ms. Rossi, a speaker of the record, is named.
    assert named(catalogue, text, speaker, "Ms. García (Mexico)", behalf, [other]) == ["Guatemala", "Ms. Rossi"]


def test_words_read_as_an_instrument_are_not_an_actor(catalogue: Catalogue) -> None:
    # "GCM" is also an organization's acronym in the catalogue; where the reference extractor reads the
    # Global Compact, it is the instrument.
    from graph.records import Mention
    text = "The GCM and the Global Coalition on Migration were discussed."
    statement = Statement("1", Span(0, len(text)), text, mentions=[Mention("GCM", Span(4, 7))])
    document = ParsedDocument(Source(Path("zz.txt"), text), DocumentKind.SUMMARY_RECORD, "A record",
                              statements=[statement])
    find_actors_in_text(document, catalogue)
    assert [m.label for m in statement.mentioned_actors] == ["Global Coalition on Migration"]


def test_demonyms_are_not_matched(catalogue: Catalogue) -> None:
    assert named(catalogue, "Mexican authorities and Canadian employers agreed.") == []
