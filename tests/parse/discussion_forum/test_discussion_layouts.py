"""The layouts of one discussion board, and what a page says of its own space (issue 11, point 3).

Every page here is written for the test, to one convention of the genre; none is taken from a document.
The three layouts: (1) a bare date line closes its post (the date just above a commenter's name is the
previous post's); (2) "Submitted by NAME - date" opens it; (3) no author and no date, comments cut short
and followed by "In reply to by …".
"""
from __future__ import annotations

import datetime as dt
from pathlib import Path

from graph.catalogue_reader import load_catalogue
from graph.documents import Source
from graph.extract.citations import extract_references
from graph.parse.discussion_forum.reader import DiscussionForumReader
from graph.records import ActorKind, ParsedDocument, SessionKind, StatementKind

ROOT = Path(__file__).resolve().parents[3]
READER = DiscussionForumReader()


def read(text: str) -> ParsedDocument:
    return READER.read(Source(Path("board.txt"), text))


def row(document: ParsedDocument, index: int) -> tuple:
    statement = document.statements[index]
    return (statement.kind, statement.speaker.label if statement.speaker else None, statement.date)


CLOSING_CUT = """Skip to main content

Discussion Spaces

Discussion Questions & Comments

Regional Netw…

Does the draft plan reflect the priorities of countries of origin?



Oct 04, 2023
Rui Almeida

As Pastoral Migrant Network, present in 40 dioceses, we welcome the plan as a useful tool.

We think it should say more about return.
"""


def test_a_date_line_closes_the_post_above_it_and_a_cut_post_has_no_date() -> None:
    document = read(CLOSING_CUT)
    question, comment = document.statements
    assert row(document, 0) == (StatementKind.QUESTION, "Regional Netw…", dt.date(2023, 10, 4))
    assert row(document, 1) == (StatementKind.COMMENT, "Rui Almeida", None)
    assert comment.in_reply_to == question.local_id
    assert comment.text.endswith("We think it should say more about return.")
    assert question.speaker.kind is ActorKind.ORGANIZATION  # a name cut short in an organization's word


def test_as_an_organization_we_names_whom_the_comment_speaks_for() -> None:
    comment = read(CLOSING_CUT).statements[1]
    assert comment.on_behalf_of.label == "Pastoral Migrant Network"


def test_a_question_without_counts_opens_a_thread() -> None:
    document = read(CLOSING_CUT)
    [thread] = [s for s in document.sessions if s.kind is SessionKind.DISCUSSION_THREAD]
    assert thread.posted_by.label == "Regional Netw…" and thread.date == dt.date(2023, 10, 4)
    assert {s.session for s in document.statements} == {thread.key}


SUBMITTED = """Skip to main content

Pilot countries' discussion space

Online discussion

Welcome to the online discussion with pilot country representatives on the draft guidance. The discussion is moderated by Ana Ruiz, IOM, and Tom Berg, OHCHR. The discussion runs from 3 March to 30 April 2022.

Discussion questions


Submitted by ANA RUIZ - 2 March 2022

Question 2. Is the guidance clear on how to involve local authorities?

The guidance proposes a national coordination mechanism with local authorities at its centre.
"""


def test_a_byline_with_its_date_opens_the_post_it_stands_above() -> None:
    document = read(SUBMITTED)
    description, question = document.statements
    assert row(document, 1) == (StatementKind.QUESTION, "ANA RUIZ", dt.date(2022, 3, 2))
    assert question.text.endswith("with local authorities at its centre.")


def test_the_welcome_text_is_the_spaces_description_not_a_post() -> None:
    document = read(SUBMITTED)
    description = document.statements[0]
    assert row(document, 0) == (StatementKind.PARAGRAPH, None, None)
    assert description.text.startswith("Welcome to the online discussion")
    assert description.session == document.sessions[0].key
    assert document.title == "Pilot countries' discussion space"
    assert {p.actor.label for p in document.participations} == {"ANA RUIZ"}  # moderators named are not posters


UNDATED = """Skip to main content

Review Forum Round table 5

The aim of this discussion space is to gather inputs for the round table, which reviews the following GCM objectives:

  • 6 – Fair recruitment
  • 22 – Portability of social security

The round tables will adopt a multi-stakeholder approach in line with the whole-of-society guiding principle of the GCM.

To contribute, please respond to the questions below.

Login to post comment


Discussion Questions & Comments

Q.2 What progress has been made on fair recruitment?

(Please give examples)

Q.1 Which partnerships worked best?


Several countries have reduced recruitment fees by law, and the results are visible in remittances, which rose by  read more

In reply to by Lena Park
"""


def test_a_page_without_dates_lists_questions_and_comments_in_its_order() -> None:
    document = read(UNDATED)
    kinds = [(s.kind, s.text[:22]) for s in document.statements]
    assert kinds == [
        (StatementKind.PARAGRAPH, "The aim of this discuss"[:22]),
        (StatementKind.PARAGRAPH, "The round tables will a"[:22]),
        (StatementKind.QUESTION, "Q.2 What progress has "),
        (StatementKind.QUESTION, "Q.1 Which partnerships"),
        (StatementKind.COMMENT, "Several countries have"),
    ]
    assert document.statements[2].text.endswith("(Please give examples)")
    assert all(s.date is None for s in document.statements) and document.date is None


def test_in_reply_to_by_is_the_only_clue_to_who_asked() -> None:
    document = read(UNDATED)
    first, second, comment = document.statements[2:]
    assert comment.in_reply_to == second.local_id and comment.speaker is None
    assert second.speaker.label == "Lena Park" and first.speaker is None


def test_objectives_listed_and_a_principle_named_in_the_welcome_text_are_cited() -> None:
    document = read(UNDATED)
    extract_references(document, load_catalogue(ROOT / "data" / "catalogue"))
    cited = [(c.provision.kind, c.provision.number) for s in document.statements for c in s.citations]
    assert cited == [("Objective", "6"), ("Objective", "22"), ("GuidingPrinciple", "15(j)")]


def test_an_undated_page_builds_its_space_and_threads_without_dates() -> None:
    document = read(UNDATED)
    space, *threads = document.sessions
    assert space.kind is SessionKind.DISCUSSION_SPACE and space.date is None
    assert [t.date for t in threads] == [None, None] and threads[1].posted_by.label == "Lena Park"


def test_a_name_opening_a_comment_is_a_mention_of_whom_it_answers_even_cut_before_its_reply_line() -> None:
    document = read("""Discussion Questions & Comments

Ana Ruiz

How should the review measure progress?

Mar 02, 2022
Tom Berg

Ana Ruiz

Existing regional reviews already hold most of what is needed.
""")
    question, comment = document.statements
    assert comment.text == "Existing regional reviews already hold most of what is needed."
    assert comment.in_reply_to == question.local_id and comment.date is None


def test_the_name_of_the_person_replied_to_run_into_a_teaser_is_not_its_text() -> None:
    document = read("""Discussion Questions & Comments

3. Which challenges should the round table address?

Ana Ruiz The round table should address shrinking civic space for migrant organizations.  read more

In reply to by Ana Ruiz
""")
    question, comment = document.statements
    assert comment.text.startswith("The round table should address") and comment.in_reply_to == question.local_id
    assert question.speaker.label == "Ana Ruiz"


def test_a_question_right_under_the_boards_heading_has_no_author_and_the_heading_is_none() -> None:
    document = read("""Skip to main content

Discussion Questions & Comments

How can the review measure progress on fair recruitment?

Sep 13, 2022
Ana Ruiz

Fees should be banned outright.
""")
    assert [row(document, i) for i in (0, 1)] == [(StatementKind.QUESTION, None, dt.date(2022, 9, 13)),
                                                  (StatementKind.COMMENT, "Ana Ruiz", None)]


def test_a_comment_that_thanks_then_asks_stays_a_comment_in_the_thread() -> None:
    document = read(CLOSING_CUT.replace("As Pastoral Migrant Network, present in 40 dioceses, we welcome the plan as a "
                                        "useful tool.", "Thank you for the draft. Could the plan say more about return?"))
    question, comment = document.statements
    assert comment.kind is StatementKind.COMMENT and comment.in_reply_to == question.local_id
