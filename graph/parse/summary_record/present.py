"""Those present at a meeting, as older summary records list them under the chair's line.

A record of the early 1950s lists who attended, one a line: a form of address, the surname in capitals,
then the State or organization represented, or the office held, with nothing printed between them::

    Chairman: Mr. CHANCE Canada
    Mr. CUVELIER Belgium
    Sir Leslie BRASS United Kingdom of Great Britain and Northern Ireland
    Representatives of specialized agencies:
    Mr. EVANS International Labour Organisation (ILO)
    Mr. HOGAN Secretary of the Committee
    Rapporteur: Mr. LIANG China

Each line is a participation in the meeting.  A State or organization is the affiliation, and the role is
"Representative" (or what the group heading above calls them, up to the next blank line: "Consultants from
…:" gives "Consultant"); an office ("Secretary of the Committee", "Representative of the Assistant
Secretary-General") is the position, its first word (or the capacity it names) the role, with no affiliation;
an office printed before the name ("Rapporteur:") is the role.  The names end where the capitals end
(:func:`graph.parse.shared.speakers.read_named_person`).
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from graph.documents import Source
from graph.parse.shared.layout import Line
from graph.parse.shared.markup import Plain
from graph.parse.shared.speakers import Attribution, Phrase, capacity_of, office_role, read_named_person

# A list's heading: "Representatives of specialized agencies:", "Also present:".
_GROUP = re.compile(r"(?P<who>[A-Z][a-z]+s)\b[^:]*:\s*$")
# An office printed before the name: "Rapporteur: Mr. LIANG China".
_OFFICE_LABEL = re.compile(r"(?P<office>[A-Z][\w\-]*(?:\s+[\w\-]+){0,3}):\s*(?=\S)")
# An office of the secretariat printed where a State would be.
_OFFICE = re.compile(r"(?:Representative|Assistant|Deputy|Director|Secretary|Executive)\b")
# A line this long is prose, not one person's line of a list.
_MAX_WORDS = 14


@dataclass(frozen=True)
class Present:
    """One person the list names, in the capacity the line prints (phrases of ``line``, markup removed)."""

    line: Plain
    person: Phrase
    role: str
    affiliation: Phrase | None  # the State or organization
    position: str | None  # the office, as printed


def present_line(text: str) -> bool:
    """Whether a header line is one person's line of such a list ("Mr. CUVELIER Belgium")."""
    label = _OFFICE_LABEL.match(text)
    return _read(text, label.end() if label else 0) is not None


def read_present(source: Source, lines_after_chair: list[Line]) -> list[Present]:
    """The persons the lines under the chair's line list, in order; other lines are left alone."""
    found: list[Present] = []
    role = "Representative"
    for line in lines_after_chair:
        if line.blank:
            role = "Representative"  # a blank line ends the group a heading opened
            continue
        plain = Plain.of(source.text, line.start, line.end)
        group = _GROUP.match(plain.text.strip())
        if group:
            role = group["who"][:-1]  # "Consultants" → "Consultant"
            continue
        label = _OFFICE_LABEL.match(plain.text)
        read = _read(plain.text, label.end() if label else 0)
        if read is None:
            continue
        who, rest = read
        person = who.person
        assert person is not None  # _read reads names only
        if label:
            found.append(Present(plain, person, office_role(label["office"]), rest or who.parenthesis, None))
        elif rest is None:  # "Mr. X (Belgium)": the parenthesis says whom
            found.append(Present(plain, person, role, who.parenthesis, None))
        elif (office := _OFFICE.match(rest.text)) or capacity_of(rest.text):
            found.append(Present(plain, person, capacity_of(rest.text) or office.group(0), None, rest.text))  # type: ignore[union-attr]
        else:
            found.append(Present(plain, person, role, rest, None))
    return found


def _read(text: str, start: int = 0) -> tuple[Attribution, Phrase | None] | None:
    """The name and what follows it on the line, if the line is a name and a State, organization or office."""
    who = read_named_person(text, start)
    if who is None or who.person is None or len(text.split()) > _MAX_WORDS:
        return None
    tail = text[who.printed.end :]
    rest = tail.strip()
    if not rest:
        return (who, None) if who.parenthesis is not None else None
    if not rest[0].isupper() or rest.endswith((".", ":", ";")):
        return None  # prose, or a heading
    start = who.printed.end + len(tail) - len(tail.lstrip())
    return who, Phrase(rest, start, start + len(rest))
