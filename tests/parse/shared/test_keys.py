"""Session keys and local ids made from what is printed."""
from __future__ import annotations

import datetime as dt

from graph.parse.shared.keys import UniqueIds, session_key, title_slug
from graph.records import ActorKind, ActorMention


def test_a_session_key_names_holder_date_and_title() -> None:
    cam = ActorMention("Committee on Migration Issues (CAM)", ActorKind.ORGANIZATION)
    assert session_key(cam, dt.date(2022, 4, 21), "Thematic session on normative instruments", "002") == (
        "cam/2022-04-21/thematic-session-on-normative-instruments")
    ohchr = ActorMention("OHCHR", ActorKind.ORGANIZATION)
    assert session_key(ohchr, None, "Experts seminar", "003") == "ohchr/experts-seminar"
    assert session_key(None, None, "Experts seminar", "003_3a65") == "003_3a65/experts-seminar"


def test_a_long_title_is_cut_at_a_word() -> None:
    title = "How can we ensure that the rights of all migrants are protected in the implementation of the Compact?"
    slug = title_slug(title)
    assert len(slug) <= 60 and title.lower().startswith(slug.replace("-", " ")) and not slug.endswith("-")
    assert title_slug("Short title") == "short-title"


def test_ids_repeat_with_a_suffix_never_given_before() -> None:
    unique = UniqueIds()
    assert [unique(base) for base in ("12", "p-ab", "12", "12-2", "12")] == ["12", "p-ab", "12-2", "12-2-2", "12-3"]
