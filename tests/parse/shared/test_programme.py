"""Who is announced to take part: programme lines, role lines, announcing sentences."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

from graph.documents import Source, Span
from graph.parse.shared.mentions import Mentions
from graph.parse.shared.programme import (
    OPENING, ROLE_LINE, SessionToken, announced_on, announcements, organizations_listed, people_listed, read_programme,
    role_title, sentences, session_token,
)

PROGRAMME = """PROGRAMME OF WORK
10:00-10:15\tOPENING
Mr. A. Keynote Person, Director, Some Division, OHCHR
Second session: Labour migration
Chaired by Ms. Ada Lovel, Head, Policy Unit, International Organization for Migration (IOM)
11:00 – 12:30\tPresentations by panellists:
· Ms. Bea Panel, Professor, University of Lagos
• Carl Noaddress, Researcher, Migration Institute
· Global Migration Group
13:00-14:00\tDiscussion
"""


def mentions(text: str) -> Mentions:
    return Mentions(Source(Path("programme.txt"), text), text)


def test_read_programme() -> None:
    programme = read_programme(PROGRAMME, 0, mentions(PROGRAMME))
    second = SessionToken("session", 2)
    assert list(programme.labels) == [OPENING, second]
    assert programme.times[second] == [dt.time(11, 0), dt.time(12, 30), dt.time(13, 0), dt.time(14, 0)]
    table = [(a.actor.full_name, a.role, a.token, a.position, a.affiliation.label if a.affiliation else None)
             for a in programme.announced]
    assert table == [
        ("A. Keynote Person", "Keynote speaker", OPENING, "Director, Some Division", "OHCHR"),
        ("Ada Lovel", "Chair", second, "Head, Policy Unit", "International Organization for Migration (IOM)"),
        ("Bea Panel", "Panelist", second, "Professor", "University of Lagos"),
        ("Carl Noaddress", "Panelist", second, "Researcher", "Migration Institute"),
    ]


def test_role_lines() -> None:
    line = "Moderated by representative of the United Nations Institute for Training & Research (UNITAR)/Global Migration Group Chair"
    (entry,) = announced_on(ROLE_LINE.match(line), 0, mentions(line))
    assert (entry.role, entry.actor.label) == ("Moderator", "United Nations Institute for Training & Research (UNITAR)")
    line = "Chairperson: Ms. Maarit Kohonen, Coordinator, Human Rights, Economic and Social Issues Unit, OHCHR"
    (entry,) = announced_on(ROLE_LINE.match(line), 0, mentions(line))  # "Human Rights" is no second person
    assert (entry.role, entry.actor.label, entry.position) == (
        "Chair", "Ms. Maarit Kohonen", "Coordinator, Human Rights, Economic and Social Issues Unit")
    assert [role_title(w) for w in ("Co-Chairs", "Panellists", "facilitated", "Vice-Chairperson")] == [
        "Co-Chair", "Panelist", "Moderator", "Vice-Chair"]


def test_people_listed_without_forms_of_address() -> None:
    text = ("Carlos Rodríguez, ILO Regional Director for Latin American and the Caribbean, Michelle Leighton, "
            "Chief of the Labour Migration Branch of the ILO in Geneva, and Betilde Muñoz, Director of the OAS Department")
    listed = people_listed(text, 0, mentions(text), "Panelist")
    assert [(p.actor.label, p.affiliation.label) for p in listed] == [
        ("Carlos Rodríguez", "ILO"), ("Michelle Leighton", "ILO"), ("Betilde Muñoz", "OAS")]
    assert text[listed[1].span.start:listed[1].span.end] == "Michelle Leighton, Chief of the Labour Migration Branch of the ILO in Geneva"


def test_announcing_sentences() -> None:
    text = ("The session will be chaired by the Chair. Speakers will include Ms. A. Uno (ILO) and Mr. B. Dos (IOM). "
            "Representatives of the International Organization for Migration (IOM) and Food and Agriculture "
            "Organization of the United Nations will also participate.")
    found = announcements(text, Span(0, len(text)), mentions(text))
    assert [(a.actor.label, a.role) for a in found] == [
        ("Ms. A. Uno", "Panelist"), ("Mr. B. Dos", "Panelist"),
        ("International Organization for Migration (IOM)", "Participant"),
        ("Food and Agriculture Organization of the United Nations", "Participant")]
    assert organizations_listed("the UNHCR, the ILO and the Inter-American Commission") == [
        ("UNHCR", 4), ("ILO", 15), ("Inter-American Commission", 27)]
    assert [text[s.start:s.end][:9] for s in sentences(text, Span(0, len(text)))] == [
        "The sessi", "Speakers ", "Represent"]
    assert session_token("Session 2 continued: discussion") == SessionToken("session", 2)
