"""Content keys for sessions and local ids for statements, as every reader makes them.

Keys are made from what is printed — the body holding a session, its date, its
title; a paragraph's number, or a digest of its text — never from counters or
reading order, so that IRIs stay the same when a document is read again.  Where a
document prints the same thing twice (two paragraphs numbered 12, a comment posted
twice), the second copy gets "-2", the third "-3".
"""
from __future__ import annotations

import datetime as dt

from graph import content_keys
from graph.parse.shared.names import trailing_parenthesis
from graph.records import ActorMention

# A title's slug is cut to this many characters, at a word boundary: keys stay readable.
TITLE_SLUG_LENGTH = 60


def title_slug(title: str, limit: int = TITLE_SLUG_LENGTH) -> str:
    """"Normative instruments on migration …" → "normative-instruments-on-migration-…", at most ``limit`` long."""
    slug = content_keys.slug(title)
    return slug if len(slug) <= limit else slug[:limit].rsplit("-", 1)[0]


def session_key(holder: ActorMention | None, date: dt.date | None, title: str, fallback: str) -> str:
    """"cam/2022-04-21/<title>": who holds the session (its acronym when printed), its date, its title.

    ``fallback`` (the source's name) stands for a holder the document does not name.
    """
    if holder is None:
        who = fallback
    else:
        acronym = trailing_parenthesis(holder.label)[1]
        who = content_keys.slug(acronym or holder.label)
    return "/".join(part for part in (who, date.isoformat() if date else None, title_slug(title)) if part)


class UniqueIds:
    """Ids unique within one document: a base seen before gets "-2", "-3", … (never one already given)."""

    def __init__(self) -> None:
        self._given: set[str] = set()

    def __call__(self, base: str) -> str:
        candidate, copy = base, 1
        while candidate in self._given:
            copy += 1
            candidate = f"{base}-{copy}"
        self._given.add(candidate)
        return candidate
