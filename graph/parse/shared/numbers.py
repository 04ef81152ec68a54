"""Numbers as documents spell them: ordinals, number words and Roman numerals.

Records number their sessions in words ("Thirty-fifth session", "One hundred and
thirty-fifth session"), programmes number theirs in figures, words or Roman
numerals ("SESSION 2", "SESSION TWO", "SESSION II", "SECOND SESSION"); keys need
the number itself, and labels print it back as "35th".
"""
from __future__ import annotations

import re


_UNITS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
    "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13,
    "fourteenth": 14, "fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18,
    "nineteenth": 19,
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
    "ten": 10,
}
_TENS = {
    "twentieth": 20, "thirtieth": 30, "fortieth": 40, "fiftieth": 50, "sixtieth": 60,
    "seventieth": 70, "eightieth": 80, "ninetieth": 90,
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
}
_ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "v": 5, "vi": 6, "vii": 7, "viii": 8, "ix": 9, "x": 10}

ORDINAL_WORDS = sorted([*_UNITS, *_TENS, "hundred", "hundredth", "and"], key=len, reverse=True)
# An ordinal as printed: "Thirty-fifth", "One hundred and thirty-fifth", "FIRST", "35th".
ORDINAL = r"(?:\d+(?:st|nd|rd|th)|(?:(?:" + "|".join(ORDINAL_WORDS) + r")[\s-]*)+)"


def number_of(text: str) -> int | None:
    """The number a printed numeral stands for, or None.

    "3", "3rd", "THIRD", "three" and "III" are 3; "Thirty-fifth" is 35; "One hundred
    and thirty-seventh" is 137.
    """
    words = text.strip().lower()
    digits = re.fullmatch(r"(\d+)(?:st|nd|rd|th)?", words)
    if digits:
        return int(digits[1])
    if words in _ROMAN:
        return _ROMAN[words]
    total, current, seen = 0, 0, False
    for word in re.split(r"[\s-]+", words):
        if word in ("and", ""):
            continue
        if word in ("hundred", "hundredth"):
            total += (current or 1) * 100
            current = 0
        elif word in _TENS:
            current += _TENS[word]
        elif word in _UNITS:
            current += _UNITS[word]
        else:
            return None
        seen = True
    return total + current if seen else None


def ordinal(number: int) -> str:
    """The ordinal in figures, as labels print it: 1st, 2nd, 3rd, 11th, 35th, 506th."""
    suffix = "th" if 10 <= number % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")
    return f"{number}{suffix}"
