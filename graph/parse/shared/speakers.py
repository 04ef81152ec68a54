"""Who is speaking: the attribution phrase at the start of a reported paragraph.

Third-person records (UN summary records, seminar summaries) open a speaker's
paragraph with the speaker as printed, then a verb of saying::

    Mr. Charef said that …
    The Chair, declaring open the half day of general discussion …, said that …
    Mr. Salama (Office of the United Nations High Commissioner for Human Rights (OHCHR)) said …
    Mr. González Morales (Special Rapporteur on the human rights of migrants), speaking via video link, said …
    Ms. X (Chile), speaking on behalf of the Group of Latin American and Caribbean States, said …
    The representative of Mexico said …

:func:`read_attribution` reads that phrase from plain text (markup already
removed) and says what each part is; it knows the conventions of the genre
(forms of address, presiding offices, "on behalf of", capacities such as
"Country Rapporteur"), never particular names.  A paragraph that opens any
other way ("The Committee had …", "Mexico's position …", "Mr. X's proposal …")
has no attribution: the caller decides whether it continues the previous
speaker.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from graph.parse.shared.affiliations import split_descriptor
from graph.parse.base import trimmed
from graph.content_keys import HONORIFIC
from graph.parse.shared.names import PARTICLES

# Words after a name that show it is not the subject of a verb of saying.
_NOT_VERBS = frozenset(
    """of and or in on for to with at by from as had has have was were is are be been being would could should
    might must will may can shall who whose which that did does do not nor than""".split()
)
# Adverbs that may sit between the speaker and the verb: "Mr. X also said".
_ADVERBS = frozenset("also further then again subsequently finally briefly first lastly moreover".split())

# Presiding and other offices by which a speaker is named: "The Chair", "The Acting Chairperson", and in
# older records in capitals, "The CHAIRMAN", "THE CHAIRPERSON" (the office's first letter is checked as printed).
_OFFICE = re.compile(
    r"(?:The|the|THE)\s+(?P<office>(?i:(?:(?:Acting|Temporary|Interim)\s+)?(?:Vice-)?"
    r"(?:Chair(?:person|man|woman)?|President|Secretary(?!-General)(?:\s+of\s+the\s+(?:Committee|Council|Commission|meeting))?"
    r"|(?:Special\s+|Country\s+)?Rapporteur|Independent\s+Expert|Moderator|Facilitator)))\b"
)
# An unnamed delegate: "The representative of Mexico", "The observer for the International Labour Organization".
_DELEGATE = re.compile(
    r"(?:The|the|A|An|Another)\s+(?:representatives?|delegations?|delegates?|observers?|spokesperson|members?\s+of\s+the\s+delegation)"
    r"\s+(?:of|for|from)\s+"
)
_TITLE = re.compile(HONORIFIC + r"\s+")
# Between the words of a name: spaces, or one line break where the export wrapped the line.
_NAME_SPACE = re.compile(r"[ \t\u00a0]+(?:\r?\n[ \t\u00a0]*)?|\r?\n[ \t\u00a0]*")
_TOKEN = re.compile(r"[^\W\d_][\w'’\-]*\.?")
_LOWER_CASE_WORD = re.compile(r"[a-z][a-z\-]*")
_ARTICLE = re.compile(r"the\s+")
_ACRONYM_AFTER = re.compile(r"\s*\([A-Z][A-Za-z0-9\-–]*\)")
_LIST_GOES_ON = re.compile(r",\s+(?:and\s+)?")
# "speaking on behalf of", "also speaking on behalf of", "speaking also on behalf of" (a second principal).
_ON_BEHALF = re.compile(
    r"(?:(?:also|who\s+was|was)\s+)?(?:speaking\s+)?(?:also\s+)?(?:on\s+behalf\s+of|in\s+the\s+name\s+of)\s+(?:the\s+)?"
)

# Capacities printed in the parenthesis instead of a State or organization: the role, and how it
# is printed (case aside).  The first that matches wins, so "Vice-Chair" comes before "Chair".
_CAPACITY_FORMS = {
    "Special Rapporteur": r"Special\s+Rapporteur",
    "Independent Expert": r"Independent\s+Expert",
    "Country Rapporteur": r"(?:Alternate\s+)?Country\s+Rapporteur",
    "Country Task Force member": r"Country\s+Task\s+Force",
    "Rapporteur": r"(?:Co-)?Rapporteur",
    "Acting Chair": r"(?:Acting|Temporary|Interim)\s+Chair(?:person|man|woman)?",
    "Vice-Chair": r"Vice-(?:Chair(?:person|man|woman)?|President)",
    "Chair": r"(?:Chair(?:person|man|woman)?|President)",
    "Secretary": r"Secretary\b(?!-General)",
    "Committee member": r"(?:Member\s+of\s+the\s+Committee|Committee\s+member)",
    "Moderator": r"Moderator",
    "Panelist": r"Panel+ist",
    "Keynote speaker": r"Keynote\s+speaker",
}
_CAPACITIES = tuple((re.compile(printed + r"\b", re.I), role) for role, printed in _CAPACITY_FORMS.items())
# Posts printed before an organization in a speaker's parenthesis: "(Chief, Treaty Branch, OHCHR)".
_POST = re.compile(
    r"(?:(?:Acting|Deputy|Assistant|Senior|Executive|Principal|Associate)\s+)?(?:[A-Z][a-z]+\s+){0,3}"
    r"(?:Chief|Director|Head|Officer|Adviser|Advisor|Coordinator|Representative|Specialist|Manager|Counsellor)\b"
)
# Offices that mean "whoever is chairing" (resolved from the record's header).
PRESIDING = frozenset({"Chair", "Acting Chair"})


@dataclass(frozen=True)
class Phrase:
    """Part of the analysed text: ``text`` is ``analysed[start:end]``."""

    text: str
    start: int
    end: int


@dataclass(frozen=True)
class Attribution:
    """The speaker as printed at the start of a paragraph, taken apart.

    Exactly one of ``person``, ``office`` and ``delegation`` is set:
    "Mr. Salama" (a named person), "Chair" (named by office: "The Chair"),
    or "Mexico" ("The representative of Mexico").
    """

    printed: Phrase  # "Mr. Salama (Office … (OHCHR))", "The Chair", "The representative of Mexico"
    person: Phrase | None = None  # "Mr. Salama"
    office: str | None = None  # normalised: "Chair", "Acting Chair", "Vice-Chair", "Secretary", …
    delegation: Phrase | None = None  # "Mexico" (leading "the" left out)
    parenthesis: Phrase | None = None  # what the parenthesis after the name holds
    capacity: str | None = None  # the role the parenthesis names, if it names one ("Special Rapporteur")
    on_behalf_of: Phrase | None = None  # "speaking on behalf of X" → X

    @property
    def presiding(self) -> bool:
        """True when the speaker is whoever chairs the meeting ("The Chair")."""
        return self.office in PRESIDING

    @property
    def represents(self) -> Phrase | None:
        """For whom the speaker speaks: "on behalf of", else the delegation, else an affiliation."""
        if self.on_behalf_of:
            return self.on_behalf_of
        if self.delegation:
            return self.delegation
        return self.affiliation

    @property
    def affiliation(self) -> Phrase | None:
        """The State or organization the parenthesis names: "(Mexico)", "(Director, … Division, OHCHR)" → OHCHR."""
        if self.parenthesis is None or self.capacity:
            return None
        return _position_and_affiliation(self.parenthesis)[1]

    @property
    def position(self) -> str | None:
        """The post the parenthesis prints before the organization: "Director, … Division"; or the capacity."""
        if self.parenthesis is None:
            return None
        return self.parenthesis.text if self.capacity else _position_and_affiliation(self.parenthesis)[0]


def _position_and_affiliation(parenthesis: Phrase) -> tuple[str | None, Phrase]:
    """"Director, Human Rights Council and Treaty Mechanisms Division, OHCHR": a post, then the organization.

    Only a parenthesis that opens with a post and holds a comma is taken apart; any other names the State or
    organization whole ("Office of the United Nations High Commissioner for Human Rights (OHCHR)").
    """
    if "," not in parenthesis.text or not _POST.match(parenthesis.text):
        return None, parenthesis
    described = split_descriptor(parenthesis.text)
    if not described.affiliation or not described.position:
        return None, parenthesis
    start = parenthesis.start + described.affiliation_offset
    return " ".join(described.position.split()), Phrase(described.affiliation, start, start + len(described.affiliation))


def capacity_of(parenthesis: str) -> str | None:
    """The role a parenthesis names ("Country Rapporteur", "Special Rapporteur on …"), or None.

    None means the parenthesis names for whom the speaker speaks (a State, an
    organization, an institution).
    """
    text = parenthesis.strip()
    for pattern, role in _CAPACITIES:
        if pattern.match(text):
            return role
    return None


def office_role(office: str) -> str:
    """Normalise a printed office: "Chairperson" → "Chair", "Acting Chairperson" → "Acting Chair"."""
    role = capacity_of(office)
    return role or " ".join(office.split())


def read_attribution(text: str, start: int = 0, *, require_title: bool = True) -> Attribution | None:
    """Read the attribution at ``text[start:]`` (after leading whitespace); None if there is none.

    With ``require_title=False`` a bare name of two or more capitalised words
    ("Paul Tacon said") also counts, for genres that print names without a
    form of address.
    """
    position = _skip_space(text, start)
    for reader in (_read_office, _read_delegate, _read_person):
        found = reader(text, position, require_title)
        if found is not None:
            return found
    return None


# --- the three openings --------------------------------------------------------------------


def read_named_person(text: str, start: int = 0) -> Attribution | None:
    """A titled name with its optional parenthesis, no verb needed: a header's "Mr. Ünver (Vice-Chair)"."""
    position = _skip_space(text, start)
    title = _TITLE.match(text, position)
    name = _proper_name(text, title.end()) if title else None
    if name is None:
        return None
    person = Phrase(text[position : name.end], position, name.end)
    return _finish(text, position, name.end, person=person, require_verb=False)


def _read_office(text: str, position: int, require_title: bool) -> Attribution | None:
    match = _OFFICE.match(text, position)
    if not match or not match["office"][0].isupper():
        return None  # "the chair of the working group": a common noun, not an office naming the speaker
    return _finish(text, position, match.end(), office=office_role(match["office"]))


def _read_delegate(text: str, position: int, require_title: bool) -> Attribution | None:
    match = _DELEGATE.match(text, position)
    if not match:
        return None
    whom = _proper_name(text, _skip_article(text, match.end()), connectors=True)
    if whom is None:
        return None
    end = _past_acronym(text, whom.end)
    delegation = Phrase(text[whom.start : end], whom.start, end)
    return _finish(text, position, end, delegation=delegation, allow_parenthesis=False)


def _read_person(text: str, position: int, require_title: bool) -> Attribution | None:
    title = _TITLE.match(text, position)
    if title:
        name = _proper_name(text, title.end())
    elif require_title:
        return None
    else:
        name = _proper_name(text, position)
        if name is not None and len(name.text.split()) < 2:
            return None
    if name is None:
        return None
    person = Phrase(text[position : name.end], position, name.end)
    return _finish(text, position, name.end, person=person)


# --- shared pieces ---------------------------------------------------------------------------


def _finish(
    text: str,
    position: int,
    end: int,
    *,
    person: Phrase | None = None,
    office: str | None = None,
    delegation: Phrase | None = None,
    allow_parenthesis: bool = True,
    require_verb: bool = True,
) -> Attribution | None:
    """Read the optional parenthesis and check that a verb of saying (or a clause) follows."""
    if text.startswith(("'s", "’s"), end):
        return None  # "Mr. X's proposal": a possessive, not a speaker
    parenthesis = None
    printed_end = end
    after = _skip_space(text, end)
    if allow_parenthesis and after < len(text) and text[after] == "(":
        close = _closing_parenthesis(text, after)
        if close is None:
            return None
        parenthesis = _stripped(text, after + 1, close)
        printed_end = close + 1
    on_behalf_of = None
    tail = _skip_space(text, printed_end)
    if tail < len(text) and text[tail] == ",":
        on_behalf_of = _on_behalf_of(text, _skip_space(text, tail + 1))
    elif require_verb and not _verb_follows(text, tail):
        return None
    return Attribution(
        printed=Phrase(text[position:printed_end], position, printed_end),
        person=person,
        office=office,
        delegation=delegation,
        parenthesis=parenthesis,
        capacity=capacity_of(parenthesis.text) if parenthesis else None,
        on_behalf_of=on_behalf_of,
    )


def _proper_name(text: str, position: int, *, connectors: bool = False) -> Phrase | None:
    """Capitalised words from ``position`` (with particles; with "of", "and", "the" if ``connectors``)."""
    glue = PARTICLES | ({"of", "and", "the", "for", "on", "in"} if connectors else frozenset())
    words: list[tuple[int, int]] = []
    pending: list[tuple[int, int]] = []  # particles waiting for a capitalised word
    cursor = position
    while True:
        token = _TOKEN.match(text, cursor)
        if not token:
            break
        word = token.group(0)
        start, stop = token.start(), token.end()
        if word.endswith(".") and len(word.rstrip(".")) > 1 and not word[:-1].isupper():
            stop -= 1  # a full stop after a name ends the sentence, it is not an initial
            word = word[:-1]
        head, _, rest = word.partition("-")
        if not connectors and word[0].isupper() and _after_surname_in_capitals(text, words, word):
            break  # "Mr. CHANCE Canada": older records print the surname in capitals, then the State
        if word[0].isupper():
            if word.endswith(("'s", "’s")):
                return None  # "Mr. X's proposal": a possessive, not a speaker
            words.extend(pending)
            pending = []
            words.append((start, stop))
        elif rest[:1].isupper() and head.lower() in glue:  # "al-Hussein"
            words.extend(pending)
            pending = []
            words.append((start, stop))
        elif word.lower() in glue:
            pending.append((start, stop))
        else:
            break
        space = _NAME_SPACE.match(text, stop)
        if not space:
            cursor = stop
            break
        cursor = space.end()
    if not words:
        return None
    start, end = words[0][0], words[-1][1]
    return Phrase(text[start:end], start, end)


def _after_surname_in_capitals(text: str, words: list[tuple[int, int]], word: str) -> bool:
    """Whether ``word`` (in mixed case) follows a surname printed in capitals: a name so printed ends there.

    "Sir Leslie BRASS United Kingdom …", "Mr. PEREZ PEROZO Venezuela": the capitals mark the surname, and
    a word in mixed case after it belongs to what the line says next (the State, an office).
    """
    if not words or word.isupper() or not any(c.islower() for c in word):
        return False
    surname = text[words[-1][0] : words[-1][1]]
    letters = [c for c in surname if c.isalpha()]
    return len(letters) >= 2 and all(c.isupper() for c in letters)


def _verb_follows(text: str, position: int) -> bool:
    """A lower-case verb (after optional adverbs) comes next: "said", "also noted", "asked"."""
    cursor = position
    for _ in range(3):
        word = _LOWER_CASE_WORD.match(text, cursor)
        if not word:
            return False
        if word.group(0) in _ADVERBS:
            cursor = _skip_space(text, word.end())
            continue
        return word.group(0) not in _NOT_VERBS
    return False


def _on_behalf_of(text: str, position: int) -> Phrase | None:
    """X in ", speaking on behalf of X, said", including lists ("Argentina, Brazil and Chile")."""
    match = _ON_BEHALF.match(text, position)
    if not match:
        return None
    whom = _proper_name(text, match.end(), connectors=True)
    if whom is None:
        return None
    end = whom.end
    while True:  # ", Brazil", ", and Chile": the list goes on while capitalised names follow
        more = _LIST_GOES_ON.match(text, end)
        if not more:
            break
        following = _proper_name(text, more.end(), connectors=True)
        if following is None:
            break
        end = following.end
    end = _past_acronym(text, end)
    return Phrase(text[whom.start : end], whom.start, end)


def _past_acronym(text: str, end: int) -> int:
    """An acronym printed after a name belongs to it: "the International Labour Organization (ILO)"."""
    acronym = _ACRONYM_AFTER.match(text, end)
    return acronym.end() if acronym else end


def _closing_parenthesis(text: str, opening: int) -> int | None:
    depth = 0
    for index in range(opening, len(text)):
        if text[index] == "(":
            depth += 1
        elif text[index] == ")":
            depth -= 1
            if depth == 0:
                return index
        elif text[index] == "\n" and text[index + 1 : index + 2] == "\n":
            return None  # a parenthesis does not run across paragraphs
    return None


def _skip_space(text: str, position: int) -> int:
    while position < len(text) and text[position].isspace():
        position += 1
    return position


def _skip_article(text: str, position: int) -> int:
    article = _ARTICLE.match(text, position)
    return article.end() if article else position


def _stripped(text: str, start: int, end: int) -> Phrase:
    span = trimmed(text, start, end)
    return Phrase(text[span.start : span.end], span.start, span.end)
