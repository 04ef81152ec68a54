"""Dates and clock times as the documents of every genre print them."""
from __future__ import annotations

import datetime as dt

import pytest

from graph.parse.shared.dates import find_date, find_time, time_range_at


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Held on Wednesday, 14 April 2021, at 4 p.m.", dt.date(2021, 4, 14)),
        ("6 October 2022", dt.date(2022, 10, 6)),
        ("Mar 02, 2022 at 10:14", dt.date(2022, 3, 2)),
        ("entered into force on December 18, 1990.", dt.date(1990, 12, 18)),
        ("published 2022-05-17", dt.date(2022, 5, 17)),
        ("Palais des Nations, Room XII, Geneva, 8 October 2009", dt.date(2009, 10, 8)),
        ("Bangkok, 12-13 March 2015", dt.date(2015, 3, 12)),
        ("on 8 and 9 October 2009", dt.date(2009, 10, 8)),
        ("will be held on March 5, 2020 in Washington", dt.date(2020, 3, 5)),
        ("Date: 2019-05-15", dt.date(2019, 5, 15)),
        ("31 February 2021 and 1 March 2021", dt.date(2021, 3, 1)),
        ("on 31 February 2020", None),
        ("in 2017 there were 258 million", None),
        ("GE.22-114 April 2021", None),  # digits glued to a word are no day
    ],
)
def test_dates(text: str, expected: dt.date | None) -> None:
    found = find_date(text)
    assert (found.value if found else None) == expected


def test_a_date_says_where_it_was_printed() -> None:
    text = "Held on Tuesday, 27 September 2022, at 3 p.m."
    found = find_date(text)
    assert found is not None and text[found.start : found.end] == "Tuesday, 27 September 2022"
    later = find_date("6 October 2022, then 7 October 2022", start=3)
    assert later is not None and later.value == dt.date(2022, 10, 7)


@pytest.mark.parametrize(
    "text, expected",
    [("at 4 p.m.", dt.time(16)), ("at 5.55 p.m.", dt.time(17, 55)), ("at 10.05 a.m.", dt.time(10, 5)),
     ("at 12 noon", dt.time(12)), ("at 12.30 p.m.", dt.time(12, 30)), ("at 12 a.m.", dt.time(0)),
     ("10:14", dt.time(10, 14)), ("at 13 p.m.", None), ("no time", None)],
)
def test_times(text: str, expected: dt.time | None) -> None:
    found = find_time(text)
    assert (found.value if found else None) == expected


def test_a_programme_time_slot() -> None:
    found = time_range_at("10:15-11:00  Presentations by panelists:")
    assert found is not None and found.value == (dt.time(10, 15), dt.time(11, 0)) and found.end == 11
    assert time_range_at("Presentations 10:15-11:00") is None
