"""Short titles and statement labels (graph.titles): the rules on made-up headings, not the seed files."""
from __future__ import annotations

import datetime as dt

from graph.titles import sentence_case, short_title, shouting, statement_label

RUNNING_TEXT = """\
REGIONAL CONSULTATION ON DOMESTIC WORK

The consultation was opened by the chair of the WGDW. Delegates from the Andes and from
the Caribbean described how domestic workers were recruited; the international
community, said one delegate, had adopted ILO C189 and the International Labour
Organization supported its ratification in Peru.
"""


def test_a_heading_in_capitals_is_shouting_and_a_sentence_is_not() -> None:
    assert shouting("SESSION 2: PROTECTION OF DOMESTIC WORKERS")
    assert not shouting("Session 2: Protection of domestic workers (ILO)")
    assert not shouting("ILO")  # too short to tell


def test_sentence_case_keeps_what_the_running_text_capitalises() -> None:
    cased = sentence_case("SESSION II: THE WGDW AND DOMESTIC WORKERS IN THE ANDES AND PERU", RUNNING_TEXT)
    assert cased == "Session II: The WGDW and domestic workers in the Andes and Peru"


def test_a_word_the_text_also_writes_in_lower_case_is_not_a_name() -> None:
    # "International Labour Organization" is a name, but "the international community" shows the word is not.
    assert sentence_case("INTERNATIONAL STANDARDS", RUNNING_TEXT) == "International standards"
    assert sentence_case("THE ROLE OF INTERNATIONAL STANDARDS", RUNNING_TEXT) == "The role of international standards"


def test_a_quotation_starts_with_a_capital() -> None:
    assert sentence_case("SEMINAR ON “DOMESTIC WORK AND RIGHTS”", RUNNING_TEXT) == "Seminar on “Domestic work and rights”"


def test_a_long_title_is_cut_at_a_word_boundary_and_its_quotation_closed() -> None:
    title = "THIRD SESSION: “" + " ".join(["RECRUITMENT"] * 6 + ["OF DOMESTIC WORKERS IN THE ANDES"]) + "”"
    short = short_title(title, RUNNING_TEXT, limit=60)
    assert len(short) <= 61
    assert short.startswith("Third session: “Recruitment recruitment")
    assert short.endswith("…”") and "  " not in short
    assert all(word.isalpha() for word in short[:-2].replace("“", " ").replace(":", "").split())  # whole words


def test_a_short_title_in_ordinary_case_is_left_as_printed() -> None:
    assert short_title("Discussion Spaces: Questions  &\nComments") == "Discussion Spaces: Questions & Comments"


def test_statement_label_reads_as_a_citation() -> None:
    day = dt.date(2022, 9, 27)
    assert statement_label("CMW/C/SR.506", "para. 6", "Ms. Diallo", day) == \
        "CMW/C/SR.506, para. 6 (Ms. Diallo), 27 September 2022"
    assert statement_label("Regional consultation", "comment 3", None, None) == "Regional consultation, comment 3"
