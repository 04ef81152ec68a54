"""Who takes part in which session, in which role, as programmes and notes announce it.

Three printed forms, shared by seminar summaries and concept notes:

* a programme, one entry a line: "SESSION 1: …", "10:15-11:00  Presentations by
  panelists:", "· Mr. Ibrahim Awad, Director of …, International Labour Organization
  (ILO)", "Moderated by representative of OHCHR" — :func:`read_programme`;
* a role line: "Chair: Ms. X, Title, Organization", "Moderated by Mr. Y",
  "Panelists: Ms. A (ILO), Mr. B (IOM)" — :func:`role_line` and :func:`announced_on`;
* a sentence: "Carlos Rodríguez, ILO Regional Director …, and Betilde Muñoz, Director of
  … will participate", "Speakers will include …", "Representatives of the International
  Organization for Migration (IOM) and … will also participate" — :func:`announcements`.

What is announced is an :class:`Announced`: an actor, a role, and where known the
position and affiliation as printed; the reader decides the session it belongs to.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from graph.documents import Span
from graph.parse.base import trimmed
from graph.parse.shared.affiliations import split_descriptor, split_top_level
from graph.parse.shared.dates import time_range_at
from graph.parse.shared.layout import BULLET, lines
from graph.parse.shared.mentions import Mentions, introduced
from graph.parse.shared.names import FORM_OF_ADDRESS, ORGANIZATION_WORDS, trailing_parenthesis
from graph.parse.shared.numbers import number_of
from graph.parse.shared.people import looks_like_person, person_at
from graph.records import ActorMention

SESSION_HEADING = re.compile(
    r"(?:(?:SESSION|PANEL|ROUND\s*TABLE|ROUNDTABLE|SEGMENT)\s+(?P<number>\d+|[IVX]+|ONE|TWO|THREE|FOUR|FIVE|SIX)\b"
    r"|(?P<ordinal>FIRST|SECOND|THIRD|FOURTH|FIFTH|SIXTH)\s+(?:SESSION|PANEL)\b"
    r"|(?P<opening>OPENING)\b|(?P<closing>CLOSING)\s+(?:SESSION|SEGMENT)\b)",
    re.I,
)
ROLE_LINE = re.compile(
    r"(?:(?P<by>moderated|chaired|facilitated|presided)\s+by|(?P<title>chair(?:person|man|woman)?|co-chairs?"
    r"|moderators?|facilitators?|panel+ists?|speakers?|presenters?)\s*:)\s*(?P<who>\S.*)",
    re.I,
)
ROLE_TITLES = (("acting", "Acting Chair"), ("vice", "Vice-Chair"), ("co-", "Co-Chair"), ("chair", "Chair"),
               ("presided", "Chair"), ("moderat", "Moderator"), ("facilitat", "Moderator"), ("panel", "Panelist"),
               ("speaker", "Panelist"), ("presenter", "Panelist"), ("keynote", "Keynote speaker"))
PANEL_CUE = re.compile(r"panel+ists|speakers|presenters|presentations?\s+by", re.I)
PARTICIPANT_LIST = re.compile(r"LIST\s+OF\s+PARTICIPANTS|^PARTICIPANTS$", re.I)
REPRESENTATIVE_OF = re.compile(r"(?:an?\s+|the\s+)?representatives?\s+(?:of|from)\s+(?:the\s+)?", re.I)
# "Speakers will include …", "The panel will consist of …": the people follow the verb.
LISTED = re.compile(
    r"\b(?:panel+ists|speakers|presenters|the\s+panel)\b[^.:]{0,40}?\b(?:will\s+include|include[sd]?|will\s+be"
    r"|(?:will\s+)?consists?\s+of|(?:will\s+)?be\s+composed\s+of|are)\b\s*:?\s*",
    re.I,
)
# "… will participate", "… will take part": the people are the subject.
WILL_TAKE_PART = re.compile(
    r"\b(?:will|would|shall)\s+(?:also\s+)?(?:participate|take\s+part|speak|present|make\s+presentations"
    r"|serve\s+as\s+panel+ists|be\s+(?:the\s+)?(?:panel+ists|speakers|presenters))\b",
    re.I,
)
_ABBREVIATION = re.compile(r"(?:\b(?:Mr|Mrs|Ms|Dr|Prof|No|Nos|St|Sr|Sra|Jr|Amb|Hon|vs|etc|e\.g|i\.e|[A-Z]))\.$")


@dataclass(frozen=True)
class SessionToken:
    """What names a session alike in a summary's headings and its programme: ("session", 2), ("opening", 0)."""

    kind: str
    number: int = 0


OPENING = SessionToken("opening")


def session_token(heading: str) -> SessionToken | None:
    match = SESSION_HEADING.match(heading.strip())
    if match is None:
        return None
    if match["opening"]:
        return OPENING
    if match["closing"]:
        return SessionToken("closing")
    number = number_of(match["number"] or match["ordinal"])
    return SessionToken("session", number) if number else None


def role_title(word: str) -> str:
    """The role a word names: "Chairperson" → "Chair", "Moderated" → "Moderator", "Panellists" → "Panelist"."""
    word = word.lower()
    return next((role for prefix, role in ROLE_TITLES if word.startswith(prefix)), "Chair")


@dataclass
class Announced:
    """Someone announced to take part, in a role; ``token`` is the session a programme lists them under."""

    role: str
    actor: ActorMention
    affiliation: ActorMention | None
    position: str | None
    span: Span
    token: SessionToken | None = None


@dataclass
class Programme:
    announced: list[Announced] = field(default_factory=list)
    labels: dict[SessionToken, tuple[str, Span]] = field(default_factory=dict)  # session heading as printed
    times: dict[SessionToken, list[dt.time]] = field(default_factory=dict)


def read_programme(plain: str, start: int, mentions: Mentions) -> Programme:
    """Sessions, their times, and who chairs, moderates or presents in each, from ``plain[start:]``."""
    programme = Programme()
    token: SessionToken | None = None
    panel = participants = False
    for line in lines(plain, start):
        text = plain[line.start:line.end].strip()
        if not text:
            continue
        line_start = line.start + len(plain[line.start:line.end]) - len(plain[line.start:line.end].lstrip())
        if PARTICIPANT_LIST.search(text):
            token, participants, panel = None, True, False
            continue
        times = time_range_at(text)
        rest = text[times.end:].strip() if times else text
        rest_start = line_start + len(text) - len(rest)
        heading = None if participants else session_token(rest)
        if heading:
            token, panel = heading, False
            programme.labels.setdefault(token, (" ".join(rest.split()), Span(rest_start, rest_start + len(rest))))
        if times and token:
            programme.times.setdefault(token, []).extend(times.value)
        if heading:
            continue
        role = ROLE_LINE.match(rest)
        if role and not participants:
            programme.announced.extend(announced_on(role, rest_start, mentions, token))
        elif PANEL_CUE.search(rest) and len(rest) < 80:
            panel = True
        else:
            default = "Participant" if participants else (
                "Panelist" if panel or token != OPENING else "Keynote speaker")
            entry = person_entry(rest, rest_start, mentions, default, token)
            if entry:
                programme.announced.append(entry)
    return programme


def person_entry(text: str, offset: int, mentions: Mentions, role: str, token: SessionToken | None = None) -> Announced | None:
    """One person a line: "· Mr. X, Title, Organization" (bulleted, or with a form of address)."""
    bullet = re.match(BULLET + r"\s*", text)
    skip = bullet.end() if bullet else 0
    phrase = person_at(mentions.plain, offset + skip, offset + len(text), require_honorific=not bullet)
    if phrase is None or not looks_like_person(mentions.source.quote(phrase.label)):
        return None
    affiliation, position = mentions.described(phrase)
    return Announced(role, mentions.person(phrase, in_full=True), affiliation, position, introduced(phrase), token)


def announced_on(line: re.Match[str], offset: int, mentions: Mentions, token: SessionToken | None = None) -> list[Announced]:
    """The people or organizations of one role line ("Moderated by …", "Panelists: …");
    ``offset`` is where the line's match starts in the source."""
    role = role_title(line["by"] or line["title"])
    at = offset + line.start("who")
    who = line["who"].rstrip(" .")
    entries = people_listed(who, at, mentions, role, token)
    if not entries:
        representative = REPRESENTATIVE_OF.match(who)
        if representative:  # "Moderated by representative of UNITAR/Global Migration Group Chair"
            name = re.split(r"\s*/\s*", who[representative.end():])[0].rstrip(" .,")
            begin = at + representative.end()
            entries.append(Announced(role, mentions.organization(Span(begin, begin + len(name))), None, None,
                                     Span(at, at + len(who)), token))
    return entries


def people_listed(text: str, offset: int, mentions: Mentions, role: str,
                  token: SessionToken | None = None) -> list[Announced]:
    """People in a printed list: "A, Title, Org, B, Title, and C, Title", "Ms. A (ILO), Mr. B (IOM)
    and Ms. C (…)", "Ms. A, Title, Org; Mr. B, Title".  When any entry has a form of address,
    only such entries start a new person (so "Human Rights" in a title is not taken for a name)."""
    parts: list[tuple[str, int]] = []
    for part, at in split_top_level(text.replace(";", ",")):
        for match in re.finditer(r"(?:^|\s+(?:and|as\s+well\s+as)\s+(?=[A-Z]))((?:(?!\s+(?:and|as\s+well\s+as)\s+[A-Z]).)+)", part):
            piece = match[1]
            conjunction = re.match(r"(?:and|as\s+well\s+as)\s+", piece)
            skip = conjunction.end() if conjunction else 0
            parts.append((piece[skip:], at + match.start(1) + skip))
    addressed = any(FORM_OF_ADDRESS.match(part) for part, _ in parts)
    people: list[tuple[Span, list[tuple[str, int]], bool]] = []
    for part, at in parts:
        name = trailing_parenthesis(part)[0]
        starts = FORM_OF_ADDRESS.match(part) if addressed else looks_like_person(name)
        if starts and looks_like_person(name):
            people.append((Span(offset + at, offset + at + len(name)), [], name != part))
            if name != part:  # "Carlos Rodríguez (ILO)": the parenthesis is the affiliation
                opening = part.index("(", len(name))
                people[-1][1].append((part[opening + 1:-1], at + opening + 1))
        elif people:
            people[-1][1].append((part, at))
    entries = []
    for name_span, described, in_parentheses in people:
        affiliation: ActorMention | None = None
        position: str | None = None
        end = name_span.end
        if described and in_parentheses:
            inner, first = described[0]
            affiliation = mentions.organization(Span(offset + first, offset + first + len(inner)))
            end = offset + first + len(inner) + 1
        elif described:
            first, last = described[0][1], described[-1][1] + len(described[-1][0])
            split = split_descriptor(text[first:last])
            position = " ".join(split.position.split()) if split.position else None
            if split.affiliation:
                at = offset + first + split.affiliation_offset
                affiliation = mentions.organization(Span(at, at + len(split.affiliation)))
            end = offset + last
        phrase = person_at(mentions.plain, name_span.start, name_span.end, require_honorific=False)
        if phrase is None:
            continue
        entries.append(Announced(role, mentions.person(phrase, in_full=True), affiliation, position,
                                 Span(name_span.start, end), token))
    return entries


def announcements(plain: str, span: Span, mentions: Mentions) -> list[Announced]:
    """Panelists and organizations a paragraph says will take part in the session it is about."""
    found: list[Announced] = []
    for sentence in sentences(plain, span):
        text = plain[sentence.start:sentence.end]
        listed = LISTED.search(text)
        if listed:
            at = sentence.start + listed.end()
            found += people_listed(plain[at:sentence.end].rstrip(" ."), at, mentions, "Panelist")
            continue
        verb = WILL_TAKE_PART.search(text)
        if verb is None:
            continue
        subject = text[:verb.start()]
        representatives = REPRESENTATIVE_OF.search(subject)
        if representatives:  # organizations take part through representatives the note does not name
            at = sentence.start + representatives.end()
            for name, offset in organizations_listed(subject[representatives.end():]):
                where = Span(at + offset, at + offset + len(name))
                found.append(Announced("Participant", mentions.organization(where), None, None, where))
        else:
            found += people_listed(subject, sentence.start, mentions, "Panelist")
    return found


def organizations_listed(text: str) -> list[tuple[str, int]]:
    """"the International Organization for Migration (IOM) and Food and Agriculture Organization of the
    United Nations" → the two names (with offsets): a piece naming no organization joins the next one."""
    pieces, begin = [], 0
    for match in re.finditer(r",\s*(?:and\s+)?|\s+and\s+", text):
        pieces.append((text[begin:match.start()], begin))
        begin = match.end()
    pieces.append((text[begin:].rstrip(), begin))
    names: list[tuple[str, int]] = []
    pending: int | None = None
    for piece, at in pieces:
        if not piece.strip():
            continue
        at += len(piece) - len(piece.lstrip())
        piece = piece.strip()
        if pending is not None:
            piece, at = text[pending:at + len(piece)], pending
        if _names_organization(piece):
            the = re.match(r"the\s+", piece)
            names.append((piece[the.end():], at + the.end()) if the else (piece, at))
            pending = None
        else:
            pending = at
    return names


def sentences(text: str, span: Span) -> list[Span]:
    """The sentences of ``text[span]``; "Ms." and "D.C." end none."""
    found, start = [], span.start
    for stop in re.finditer(r"[.!?](?=\s+[A-Z“\"(])", text[span.start:span.end]):
        end = span.start + stop.end()
        if not _ABBREVIATION.search(text[max(start, end - 6):end]):
            found.append(Span(start, end))
            start = end
    found.append(Span(start, span.end))
    return [trimmed(text, s.start, s.end) for s in found]


def _names_organization(text: str) -> bool:
    words = {w.lower().strip("()") for w in text.split()}
    return bool(words & ORGANIZATION_WORDS) or bool(re.search(r"\b[A-Z]{2,}\b", text))
