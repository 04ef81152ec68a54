"""Well-formed language tags (BCP 47, RFC 5646 §2.1), which the engine requires of ``"…"@tag``.

The grammar's LANGTAG lets through tags such as ``en-a`` (an extension
singleton with nothing after it); the engine refuses them, so a query with one
is malformed for it, and for us.
"""
from __future__ import annotations

_GRANDFATHERED = frozenset({
    "art-lojban", "cel-gaulish", "en-gb-oed", "i-ami", "i-bnn", "i-default", "i-enochian", "i-hak", "i-klingon",
    "i-lux", "i-mingo", "i-navajo", "i-pwn", "i-tao", "i-tay", "i-tsu", "no-bok", "no-nyn", "sgn-be-fr", "sgn-be-nl",
    "sgn-ch-de", "zh-guoyu", "zh-hakka", "zh-min", "zh-min-nan", "zh-xiang",
})


def is_well_formed(tag: str) -> bool:
    """True for a well-formed tag of ASCII letters, digits and hyphens (what the SPARQL terminal lets through)."""
    tag = tag.lower()
    if tag in _GRANDFATHERED:
        return True
    subtags = tag.split("-")
    if subtags[0] == "x":
        return len(subtags) > 1  # private use: the engine checks nothing more
    if any(not 1 <= len(subtag) <= 8 for subtag in subtags):
        return False
    language = subtags[0]
    if len(language) < 2 or not language.isalpha():
        return False
    return _rest_is_well_formed(subtags[1:], extlangs_allowed=len(language) < 4)


def _rest_is_well_formed(subtags: list[str], extlangs_allowed: bool) -> bool:
    """Extlangs, script, region, variants, then extensions and private use, in that order."""
    stage = "language" if extlangs_allowed else "extlang"  # the last part read
    extlangs = 0
    expecting: str | None = None  # "extension" or "private": a singleton waits for its first subtag
    for subtag in subtags:
        if stage == "private":
            expecting = None
        elif subtag == "x":
            if expecting == "extension":
                return False
            stage, expecting = "private", "private"
        elif len(subtag) == 1:
            if expecting == "extension":
                return False
            stage, expecting = "extension", "extension"
        elif stage == "extension":
            expecting = None
        elif stage == "language" and len(subtag) == 3 and subtag.isalpha():
            extlangs += 1
            if extlangs > 3:
                return False
        elif stage in ("language", "extlang") and len(subtag) == 4 and subtag.isalpha():
            stage = "script"
        elif stage in ("language", "extlang", "script") and (
                (len(subtag) == 2 and subtag.isalpha()) or (len(subtag) == 3 and subtag.isdigit())):
            stage = "region"
        elif stage in ("language", "extlang", "script", "region") and (
                (len(subtag) >= 5 and subtag[0].isalpha()) or (len(subtag) >= 4 and subtag[0].isdigit())):
            stage = "region"  # variants may repeat, after a region or not
        else:
            return False
    return expecting is None
