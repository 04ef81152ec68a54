"""The online discussion reader, on the IMRF discussion page and on pages it has never seen.

``tests/fixtures/discussion_forum/004_annotations.json`` is a hand annotation of
the real page; the synthetic pages change the site, the people, the date form,
the languages and, in ``synthetic_opening.txt``, the layout (the date opens each
post instead of closing it).
"""
from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from graph.documents import Source, Span
from graph.errors import SourceError
from graph.parse.discussion_forum.reader import DiscussionForumReader
from graph.parse.shared.authorship import stated_organisation
from graph.records import ActorKind, ParsedDocument, SessionKind, Statement, StatementKind
from graph.settings import PROJECT_ROOT
from graph.sources import read_source

FIXTURES = Path(__file__).resolve().parents[3] / "tests" / "fixtures" / "discussion_forum"
SOURCES = PROJECT_ROOT / "data" / "sources"
ANNOTATION = json.loads((FIXTURES / "004_annotations.json").read_text(encoding="utf-8"))
READER = DiscussionForumReader()


def read(path: Path) -> tuple[Source, ParsedDocument]:
    source = read_source(path)
    return source, READER.read(source)


@pytest.fixture(scope="module")
def page() -> tuple[Source, ParsedDocument]:
    return read(SOURCES / ANNOTATION["source"])


@pytest.fixture(scope="module")
def closing() -> tuple[Source, ParsedDocument]:
    return read(FIXTURES / "synthetic_closing.txt")


@pytest.fixture(scope="module")
def opening() -> tuple[Source, ParsedDocument]:
    return read(FIXTURES / "synthetic_opening.txt")


def at_line(source: Source, document: ParsedDocument, line: int) -> Statement:
    found = [s for s in document.statements if source.line_of(s.span.start) == line]
    assert len(found) == 1, f"expected one statement starting on line {line}, found {len(found)}"
    return found[0]


def starting(document: ParsedDocument, words: str) -> list[Statement]:
    return [s for s in document.statements if s.text.startswith(words)]


def thread_label(document: ParsedDocument, key: str | None) -> str | None:
    session = next(s for s in document.sessions if s.key == key)
    return session.label if session.kind is SessionKind.DISCUSSION_THREAD else None


def normal(text: str) -> str:
    return " ".join(text.split())


# ---------------------------------------------------------------- genre recognition


def test_recognises_discussion_pages_and_nothing_else() -> None:
    for path in sorted(SOURCES.glob("*.txt")):
        score = READER.recognise(read_source(path))
        if path.name == ANNOTATION["source"]:
            assert score >= 0.9
        else:
            assert score < 0.5, path.name
    for name in ("synthetic_closing.txt", "synthetic_opening.txt", "synthetic_bylines.txt"):
        assert READER.recognise(read_source(FIXTURES / name)) >= 0.5
    prose = Source(Path("prose.txt"), "Migration is a normal part of life.\n\nMar 02, 2022\n\nThe end of the story.\n")
    assert READER.recognise(prose) < 0.5


# ---------------------------------------------------------------- the annotated page


def test_page_title_date_and_host(page: tuple[Source, ParsedDocument]) -> None:
    _, document = page
    expected = ANNOTATION["page"]
    assert document.title == expected["title"]
    assert document.date == dt.date.fromisoformat(expected["date"])
    space = [s for s in document.sessions if s.kind is SessionKind.DISCUSSION_SPACE]
    assert len(space) == 1 and space[0].date == dt.date.fromisoformat(expected["date"])
    assert space[0].organizer is not None and space[0].organizer.label == expected["host"]
    kinds = [s.kind for s in document.statements]
    assert kinds.count(StatementKind.QUESTION) == expected["questions"]
    assert len(kinds) - expected["questions"] == expected["comments"]


@pytest.mark.parametrize("thread", ANNOTATION["threads"], ids=lambda t: t["question"][:40])
def test_threads_as_printed(page: tuple[Source, ParsedDocument], thread: dict) -> None:
    source, document = page
    sessions = [s for s in document.sessions if s.kind is SessionKind.DISCUSSION_THREAD and s.label.startswith(thread["question"])]
    assert len(sessions) == 1
    session = sessions[0]
    assert session.date == dt.date.fromisoformat(thread["date"])
    assert session.posted_by is not None and session.posted_by.label == thread["posted_by"]
    assert (session.member_count, session.comment_count) == (thread["members"], thread["comments"])
    assert session.parent == next(s.key for s in document.sessions if s.kind is SessionKind.DISCUSSION_SPACE)
    assert source.quote(session.span).startswith(thread["posted_by"])
    assert source.quote(session.span).endswith(f"Comments\n{session.date:%b %d, %Y}")
    [question] = [s for s in document.statements if s.kind is StatementKind.QUESTION and s.session == session.key]
    assert question.text == session.label
    translations = [source.quote(span) for span in question.extra_spans]
    if thread["translation"]:
        assert len(translations) == 1 and translations[0].startswith(thread["translation"])
        assert thread["translation"] not in question.text  # the text is the English question
    else:
        assert translations == []
    # The translation is kept as the question's, in its language (issue 14, point 5), not as another statement.
    if thread["translation"]:
        [translation] = question.translations
        assert (translation.language, source.quote(translation.span)) == ("fr", translation.text)
        assert translation.text.startswith(thread["translation"])
        assert not any(s.text.startswith(thread["translation"]) for s in document.statements)
    else:
        assert question.translations == []


@pytest.mark.parametrize("expected", ANNOTATION["statements"], ids=lambda e: f"line-{e['line']}")
def test_annotated_statements(page: tuple[Source, ParsedDocument], expected: dict) -> None:
    source, document = page
    statement = at_line(source, document, expected["line"])
    assert statement.text.startswith(expected["starts"])
    assert statement.kind.value == expected["kind"]
    assert statement.date == dt.date.fromisoformat(expected["date"])
    speaker = statement.speaker.label if statement.speaker else None
    assert speaker == expected["speaker"]
    assert statement.speaker_as_printed == expected["speaker"]
    if "role" in expected:
        assert statement.role == expected["role"]
    elif expected["kind"] != "Question":
        assert statement.role == "Commenter"
    assert thread_label(document, statement.session) == (
        next(s.label for s in document.sessions if expected["thread"] and s.label.startswith(expected["thread"]))
        if expected["thread"] else None
    )
    if "parent" in expected:
        parent = at_line(source, document, expected["parent"]).local_id if expected["parent"] else None
        assert statement.in_reply_to == parent
    if "duplicate_of" in expected:
        original = at_line(source, document, expected["duplicate_of"]).local_id if expected["duplicate_of"] else None
        assert statement.duplicate_of == original
    if "on_behalf_of" in expected:
        organisation = statement.on_behalf_of.label if statement.on_behalf_of else None
        assert organisation == expected["on_behalf_of"]
        if organisation:
            assert statement.on_behalf_of.kind is ActorKind.ORGANIZATION
            assert normal(source.quote(statement.on_behalf_of.span)) == organisation
    if "on_behalf_of_full_name" in expected:
        assert statement.on_behalf_of is not None
        assert statement.on_behalf_of.full_name == expected["on_behalf_of_full_name"]
    if "full_name" in expected:
        assert statement.speaker is not None and statement.speaker.full_name == expected["full_name"]
    if "speaker_kind" in expected:
        assert statement.speaker is not None and statement.speaker.kind.value == expected["speaker_kind"]


def test_every_span_quotes_its_statement(page: tuple[Source, ParsedDocument]) -> None:
    source, document = page
    for statement in document.statements:
        quoted = source.quote(statement.span)
        assert quoted == quoted.strip()
        assert normal(quoted) == normal(statement.text)
        assert "In reply to" not in statement.text
        assert not statement.text.startswith("Florence Kim\n")  # the reply's mention line is not text
        if statement.speaker is not None:
            assert source.quote(statement.speaker.span) == statement.speaker.label


def test_local_ids_are_stable_unique_and_content_keyed(page: tuple[Source, ParsedDocument]) -> None:
    source, document = page
    ids = [s.local_id for s in document.statements]
    assert len(ids) == len(set(ids))
    assert all(i.startswith("q-") for i, s in zip(ids, document.statements) if s.kind is StatementKind.QUESTION)
    assert all(i.startswith("c-") for i, s in zip(ids, document.statements) if s.kind is not StatementKind.QUESTION)
    assert ids == [s.local_id for s in READER.read(source).statements]
    # three identical posts by the same author on the same day: suffixed in page order
    triple = [s.local_id for s in starting(document, "One of the key challenges for migrant workers") if s.session != document.sessions[0].key]
    assert triple[1:] == [f"{triple[0]}-2", f"{triple[0]}-3"]


def test_reply_to_a_comment_nests_under_it(page: tuple[Source, ParsedDocument]) -> None:
    _, document = page
    [carol] = starting(document, "Attached find Women in Migration Network's comments")
    parent = document.statement(carol.in_reply_to or "")
    assert parent.speaker is not None and parent.speaker.label == "Cristina Benvenuti"
    assert carol.session == parent.session


def test_page_inconsistencies_are_reported(page: tuple[Source, ParsedDocument]) -> None:
    _, document = page
    notes = "\n".join(document.notes)
    assert "12 replies to a post by Florence Kim that is not on the page" in notes
    assert "prints 11 comments; the page shows 12 replies under it (9 without duplicates)" in notes
    assert "prints 2 comments; the page shows 1 replies" in notes
    assert "has no author shown" in notes
    # threads whose counts agree with the page are not reported
    assert "how-can-we-ensure-the-evaluation" not in notes


def test_participations_name_posters_and_commenters(page: tuple[Source, ParsedDocument]) -> None:
    _, document = page
    roles = {(p.actor.label, p.role) for p in document.participations}
    assert ("Florence Kim", "Poster") in roles and ("Paul Tacon", "Commenter") in roles
    assert len(document.participations) == len({(p.actor.label, p.session, p.role) for p in document.participations})


# ---------------------------------------------------------------- a page of another site, same layout


def test_other_site_threads_and_translations(closing: tuple[Source, ParsedDocument]) -> None:
    source, document = closing
    assert document.title == "Online Consultations: Questions for the Regional Review"
    assert document.date == dt.date(2023, 5, 3)
    threads = [s for s in document.sessions if s.kind is SessionKind.DISCUSSION_THREAD]
    assert [t.label for t in threads] == [
        "What should the regional review say about access to justice for migrant workers?",
        "How can the review measure progress on fair recruitment?",
    ]
    assert [(t.member_count, t.comment_count, t.date) for t in threads] == [(6, 5, dt.date(2023, 5, 3)), (1, 1, dt.date(2023, 5, 3))]
    question = next(s for s in document.statements if s.kind is StatementKind.QUESTION)
    assert [source.quote(s) for s in question.extra_spans] == [
        "¿Qué debería decir el examen regional sobre el acceso a la justicia de los trabajadores migrantes?"
    ]
    assert [(t.language, t.text) for t in question.translations] == [
        ("es", "¿Qué debería decir el examen regional sobre el acceso a la justicia de los trabajadores migrantes?")]
    space = next(s for s in document.sessions if s.kind is SessionKind.DISCUSSION_SPACE)
    assert space.organizer is not None and space.organizer.label == "Regional Migration Forum"


def test_an_introductory_sentence_does_not_become_the_first_post() -> None:
    text = (FIXTURES / "synthetic_closing.txt").read_text(encoding="utf-8").replace(
        "Online Consultations\n", "Online Consultations\n\nShare your views on the questions below; comments are moderated.\n", 1
    )
    document = READER.read(Source(Path("intro.txt"), text))
    assert document.title == "Online Consultations: Questions for the Regional Review"
    question = document.statements[0]
    assert (question.speaker.label, question.text) == (
        "Amina Diallo", "What should the regional review say about access to justice for migrant workers?"
    )


def test_other_site_comments(closing: tuple[Source, ParsedDocument]) -> None:
    source, document = closing
    by_start = {s.text[:30]: s for s in document.statements}
    question = next(s for s in document.statements if s.kind is StatementKind.QUESTION)

    first = by_start["Labour inspectorates must be s"]
    assert (first.speaker.label, first.speaker.full_name) == ("Tomás Ri…", "Tomás Rivera")
    assert first.date == dt.date(2023, 5, 4) and first.in_reply_to == question.local_id

    agreed = by_start["Agreed. Firewalls of this kind"]
    assert agreed.in_reply_to == first.local_id and agreed.date == dt.date(2023, 5, 6)

    posted_twice = starting(document, "On behalf of the Global Detention Project")
    assert [s.on_behalf_of.label for s in posted_twice] == ["Global Detention Project"] * 2
    assert posted_twice[0].duplicate_of is None and posted_twice[1].duplicate_of == posted_twice[0].local_id

    anonymous = by_start["Amina, fees charged to workers"]
    assert anonymous.speaker is None and anonymous.date == dt.date(2023, 5, 9)
    assert anonymous.text.endswith("Thanks")

    amina = by_start["Thank you all. We will reflect"]
    assert (amina.speaker.label, amina.speaker.full_name) == ("Amina", "Amina Diallo")
    assert amina.in_reply_to is None and amina.session == next(s.key for s in document.sessions if s.kind is SessionKind.DISCUSSION_SPACE)

    union = by_start["Statement of the Global Union "]
    assert union.kind is StatementKind.SUBMISSION and union.speaker.kind is ActorKind.ORGANIZATION
    assert union.on_behalf_of is None  # an organization's own account speaks for itself
    assert "12 June 2023" in union.text and union.date == dt.date(2023, 5, 12)  # a quoted date is not a post

    pedro = by_start["• Migrants need information in"]
    assert pedro.on_behalf_of.label == "Migrant Rights Coalition (MRC)"
    assert pedro.date == dt.date(2023, 5, 14)
    assert "Disclaimer" not in pedro.text and "About this site" not in pedro.text
    assert any("prints 5 comments; the page shows 4 replies under it (3 without duplicates)" in n for n in document.notes)


# ---------------------------------------------------------------- a page where the date opens each post


def test_dates_opening_posts(opening: tuple[Source, ParsedDocument]) -> None:
    source, document = opening
    [thread] = [s for s in document.sessions if s.kind is SessionKind.DISCUSSION_THREAD]
    assert (thread.label, thread.date, thread.comment_count) == ("What should change in seasonal worker schemes?", dt.date(2023, 6, 2), 3)
    assert source.quote(thread.span).startswith("Posted on 2 June 2023\nRosa Méndez")
    assert source.quote(thread.span).endswith("3 Members\n3 Comments")
    question, ali, li, ana = document.statements
    assert question.speaker.label == "Rosa Méndez" and question.role == "Poster"
    assert [(s.speaker.label, s.date) for s in (ali, li, ana)] == [
        ("Ali Khan", dt.date(2023, 6, 3)), ("Li Wei", dt.date(2023, 6, 5)), ("Ana Costa", dt.date(2023, 6, 6)),
    ]
    assert (ali.in_reply_to, li.in_reply_to, ana.in_reply_to) == (question.local_id, ali.local_id, question.local_id)
    assert li.on_behalf_of.label == "Seasonal Workers Alliance"
    assert ana.on_behalf_of.label == "Fair Hiring Network"
    assert ana.text.endswith("Ana Costa - Fair Hiring Network")  # the footer is not part of the last post
    assert not [n for n in document.notes if "prints" in n]


def test_dates_opening_posts_under_an_introductory_sentence() -> None:
    """A sentence in the site header looks like a first post; the page's end still shows
    that dates open posts (the last date is followed by an author, not by the footer)."""
    text = (FIXTURES / "synthetic_opening.txt").read_text(encoding="utf-8").replace(
        "Discussion board\n", "Discussion board\n\nShare your experience of seasonal work below; be respectful.\n", 1
    )
    document = READER.read(Source(Path("intro.txt"), text))
    assert document.title == "Labour Mobility Exchange: Discussion board"
    assert [(s.speaker.label, s.date) for s in document.statements] == [
        ("Rosa Méndez", dt.date(2023, 6, 2)), ("Ali Khan", dt.date(2023, 6, 3)),
        ("Li Wei", dt.date(2023, 6, 5)), ("Ana Costa", dt.date(2023, 6, 6)),
    ]


# ---------------------------------------------------------------- bylines in the date line, unmarked replies


def test_bylines_and_replies_without_reply_lines() -> None:
    source, document = read(FIXTURES / "synthetic_bylines.txt")
    first, second = [s for s in document.sessions if s.kind is SessionKind.DISCUSSION_THREAD]
    assert (first.posted_by.label, first.date, first.comment_count) == ("moderator2024", dt.date(2024, 1, 10), 3)
    assert (second.label, second.date, second.comment_count) == ("What data on climate-related movement is missing?", dt.date(2024, 1, 14), 0)
    question, chidi, marta, sam, _, ines = document.statements
    assert source.quote(question.speaker.span) == "moderator2024"
    # the thread prints 3 comments and none carries a reply line: the posts after it are its replies
    assert [s.speaker.label for s in (chidi, marta, sam)] == ["Chidi Okafor", "Marta Ruiz", "Sam Lee"]
    assert (chidi.in_reply_to, marta.in_reply_to) == (question.local_id, question.local_id)
    assert {chidi.session, marta.session, sam.session} == {first.key}
    assert sam.in_reply_to == chidi.local_id and sam.text.startswith("Agreed")  # "Reply to Chidi Okafor" is not text
    assert marta.on_behalf_of.label == "Andean Mobility Network"
    # the second thread counts no comments: the last post belongs to the space
    assert ines.in_reply_to is None and ines.session == document.sessions[0].key
    assert "All rights reserved" not in ines.text
    assert not [n for n in document.notes if "prints" in n or "not on the page" in n]


# ---------------------------------------------------------------- bad input


def test_a_page_without_dated_posts_is_refused() -> None:
    source = Source(Path("empty-forum.txt"), "Discussion\n\nNothing was posted here.\n")
    with pytest.raises(SourceError) as error:
        READER.read(source)
    assert error.value.file == "empty-forum.txt" and "no dated posts" in error.value.message


def test_an_impossible_date_is_reported_with_its_line() -> None:
    text = (FIXTURES / "synthetic_closing.txt").read_text(encoding="utf-8").replace("May 6, 2023", "Feb 30, 2023")
    source = Source(Path("bad-date.txt"), text)
    with pytest.raises(SourceError) as error:
        READER.read(source)
    line = text.splitlines().index("Feb 30, 2023") + 1
    assert (error.value.file, error.value.line) == ("bad-date.txt", line)
    assert "Feb 30, 2023" in error.value.message


def test_a_signature_naming_the_author_gives_the_organization() -> None:
    """A form of address is read only where the signature opens: "Williams" holds no "Ms"."""
    for author, signature in (("Williams Smith", "Williams Smith, Migrant Forum in Asia"),
                              ("Binod Khadria", "Prof. Binod Khadria, Jawaharlal Nehru University")):
        text = f"Thank you for the opportunity to comment.\n\n{signature}"
        found = stated_organisation(text, Span(0, len(text)), author)
        assert found is not None and found.label == signature.split(", ")[1]
        assert text[found.span.start:found.span.end] == found.label


def test_a_question_posted_in_three_languages_is_one_question_with_two_translations() -> None:
    """The rule is the genre's: paragraphs of a thread's post in another language repeat its question."""
    text = (FIXTURES / "synthetic_closing.txt").read_text(encoding="utf-8").replace(
        "¿Qué debería decir el examen regional sobre el acceso a la justicia de los trabajadores migrantes?\n",
        "Que devrait dire l'examen régional sur l'accès à la justice des travailleurs migrants ?\n\n"
        "¿Qué debería decir el examen regional sobre el acceso a la justicia de los trabajadores migrantes?\n", 1)
    source = Source(Path("three.txt"), text)
    document = READER.read(source)
    questions = [s for s in document.statements if s.kind is StatementKind.QUESTION]
    assert len(questions) == 2  # one per thread, whatever the languages it is posted in
    question = questions[0]
    assert question.text == "What should the regional review say about access to justice for migrant workers?"
    assert [t.language for t in question.translations] == ["fr", "es"]
    assert question.translations[0].text.startswith("Que devrait dire l'examen régional")
    assert all(source.quote(t.span) == t.text for t in question.translations)
