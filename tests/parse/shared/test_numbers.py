"""Ordinals, number words and Roman numerals as records and programmes print them."""
from __future__ import annotations

import re

import pytest

from graph.content_keys import roman_value
from graph.parse.shared.numbers import ORDINAL, number_of, ordinal


@pytest.mark.parametrize(
    "text, expected",
    [("Thirty-fifth", 35), ("Thirty-second", 32), ("FIRST", 1), ("Hundred and ninth", 109),
     ("One hundred and thirty-seventh", 137), ("135th", 135), ("Twentieth", 20), ("Eleventh", 11),
     ("3", 3), ("3rd", 3), ("THIRD", 3), ("three", 3), ("III", 3), ("ten", 10), ("x", 10),
     ("session", None), ("many", None), ("and", None)],
)
def test_number_of(text: str, expected: int | None) -> None:
    assert number_of(text) == expected


def test_an_ordinal_is_found_as_printed() -> None:
    match = re.search(r"\b(" + ORDINAL + r")\s*session\b", "Committee, One hundred and thirty-fifth session", re.I)
    assert match is not None and number_of(match[1]) == 135


@pytest.mark.parametrize(("number", "printed"), [(1, "1st"), (2, "2nd"), (3, "3rd"), (11, "11th"), (12, "12th"),
                                                   (13, "13th"), (21, "21st"), (35, "35th"), (112, "112th"), (506, "506th")])
def test_ordinal_in_figures(number: int, printed: str) -> None:
    assert ordinal(number) == printed


@pytest.mark.parametrize(("numeral", "value"), [("I", 1), ("IV", 4), ("ix", 9), ("XII", 12), ("XL", 40), ("LXXXIX", 89),
                                                ("XCIX", 99), ("", None), ("VI.", None), ("Part", None)])
def test_roman_value(numeral: str, value: int | None) -> None:
    assert roman_value(numeral) == value
