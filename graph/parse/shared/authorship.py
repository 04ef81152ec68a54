"""Who wrote a post on a discussion page, and for whom.

Scraped forums print authors as the site shows them: cut short ("Apolinar Z Tol…",
"Migrant Forum …"), first name only ("Mauro"), inverted ("Van Loon, Hans").  The
organization an author writes for is never a field; it is in the text, and we take
it only where the text says so:

1. "On behalf of X" (also "en nombre de X", "au nom de X"); "As X, …, we welcome …" (the
   author speaking as the organization, in the first person plural);
2. a title naming it: "X Comments on …", "X inputs to …", "Statement from X";
3. X as the subject of a submitting verb ("X submits", "X urges", "X would like to",
   "X thanks", "X is sharing its …"), X's inputs/comments/submission, texts
   "prepared by X", "aportes de X";
4. a first sentence describing X ("The X Center works …") in a text that speaks as "we";
5. a signature closing the text: "<author>, <title>, X" or "<author> – X".

The first rule that applies wins (earliest in the text within a rule).  Duplicates:
the same author posting near-identical text again (word-sequence similarity ≥ 0.9)
is linked to the first copy.
"""
from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from difflib import SequenceMatcher

from graph.documents import Span
from graph.content_keys import HONORIFIC
from graph.parse.shared.names import ORGANIZATION_WORDS, trailing_parenthesis
from graph.parse.shared.people import looks_like_person
from graph.records import ActorKind, ActorMention, Statement

_UPPER = "A-ZÀ-ÖØ-Þ"
_SP = r"[ \t\xa0]"  # a space inside a line; scraped pages use no-break spaces too
# A word of a proper name: capitalised, an acronym, a parenthesis such as
# "(OHCHR)" or "(Centro de Estudios Legales y Sociales)", or an acronym glued to
# the next word by a lost parenthesis ("(PSIComments").
WORD = rf"(?:[{_UPPER}][\w’'&\-.]*|\([^()\n]{{1,80}}\)|\([{_UPPER}]{{2,}}?(?=[{_UPPER}][a-z]))"
CONNECTOR = r"(?:of|for|the|in|on|and|de|du|des|la|le|y|et|del|&)"
NAME = rf"{WORD}(?:{_SP}+(?:{CONNECTOR}{_SP}+)*{WORD})*"

_TITLE_WORDS = frozenset(
    """specialist coordinator officer director manager adviser advisor professor president representative member
    secretary chair chairperson head consultant assistant associate lead fellow researcher analyst former editor
    co-editor ceo founder executive deputy senior intern volunteer""".split()
)
# Words that make a capitalised phrase a text, not an author: "the Global Compact calls for …".
_DOCUMENT_WORDS = frozenset(
    """compact convention conventions declaration agenda report resolution protocol draft paper document framework
    principle principles objective objectives article goal goals target plan rev""".split()
)
# Capitalised words that open sentences without naming anyone.
_OPENERS = frozenset(
    """the this these that those our their its in as at for with from by to on and but so here hereby please also
    moreover furthermore finally therefore hence thus further additionally dear many special warm sincere
    heartfelt""".split()
)
_GENERIC_SUBJECTS = frozenset(
    """states state governments government countries country we i it they he she you us co-facilitators
    co-facilitator everyone all member""".split()
)


# ---------------------------------------------------------------- names


def is_name_like(text: str) -> bool:
    """A byline rather than a sentence: short, no digits, no closing punctuation."""
    return (
        0 < len(text) <= 80
        and len(text.split()) <= 8
        and text[-1] not in ".?!:;,"
        and not re.search(r"\d", text)
        and not re.match(r"[•*\-–—]", text)
    )


def _acronym(word: str) -> bool:
    return bool(re.fullmatch(rf"[{_UPPER}][{_UPPER}0-9&\-]{{1,9}}", word))


def is_organisation_name(label: str) -> bool:
    """A name that reads as an organization: an acronym, or a name with an organization word (cut short too:
    "Migration Netw…")."""
    words = re.findall(r"[\w&\-]+", label)
    if len(words) == 1 and _acronym(words[0]):
        return True
    if any(word.lower() in ORGANIZATION_WORDS for word in words) or re.search(r"\([A-Z]{2,}\)", label):
        return True
    cut = _untruncated(label)[1] and words and len(words[-1]) >= 4
    return bool(cut) and any(known.startswith(words[-1].lower()) for known in ORGANIZATION_WORDS)


_TRUNCATION = re.compile(r"\s*(?:…|\.\.\.)\s*$")


def _untruncated(label: str) -> tuple[str, bool]:
    stem = _TRUNCATION.sub("", label)
    return stem.strip(), stem != label


def _tokens(label: str) -> list[str]:
    return re.findall(r"[^\W_]+", label.casefold())


def same_person(a: str, b: str) -> bool:
    """Whether two printed names are one author: equal, inverted, or one cut short of the other."""
    (stem_a, cut_a), (stem_b, cut_b) = _untruncated(a), _untruncated(b)
    tokens_a, tokens_b = _tokens(stem_a), _tokens(stem_b)
    if tokens_a and sorted(tokens_a) == sorted(tokens_b):
        return True
    if cut_a != cut_b:
        stem, whole = (stem_a, stem_b) if cut_a else (stem_b, stem_a)
        return bool(stem) and whole.casefold().startswith(stem.casefold())
    return False


def resolve_full_name(label: str, known: Iterable[str], own_text: str = "") -> str | None:
    """The full name of a cut-short or first-name-only author, where the page gives it.

    Taken from another byline or reply line of the page that extends it ("Florence K…"
    → "Florence Kim"; "Mauro" → "Mauro <surname>"), else from the post's own text
    ("Migrant Forum …" writing "Migrant Forum in Asia (MFA) is sharing …").  Only a
    single candidate counts: two different extensions leave the name as printed.
    """
    stem, cut = _untruncated(label)
    words = stem.split()
    if not stem or not (cut or (len(words) == 1 and not _acronym(stem))):
        return None
    folded = stem.casefold()
    candidates = {
        name
        for name in known
        if not _untruncated(name)[1]
        and len(name.split()) > len(words) - (1 if cut else 0)
        and (name.casefold().startswith(folded) if cut else name.split()[0].casefold() == folded)
        and name.casefold() != folded
    }
    if not candidates and own_text:
        tail = r"[\w’'\-]*" if cut else ""
        pattern = rf"(?<![\w]){re.escape(stem)}{tail}(?:{_SP}+(?:{CONNECTOR}{_SP}+)*{WORD})*"
        for match in re.finditer(pattern, own_text):
            found = trailing_parenthesis(match.group())[0].strip(" .,;:")
            if len(found) > len(stem) and len(found.split()) >= len(words) + (0 if cut else 1):
                candidates.add(found)
    return candidates.pop() if len(candidates) == 1 else None


# ---------------------------------------------------------------- organizations

_STANCE = (
    r"(?:(?:hereby|also|respectfully|therefore|kindly)[ \t\xa0]+)*"
    r"(?:submits?|urges?|calls?[ \t\xa0]+(?:for|on|upon)|thanks|appreciates?|welcomes?|recommends?"
    r"|(?:is|are)[ \t\xa0]+(?:sharing|submitting|pleased|happy|delighted|honou?red)|shares|endorses?|extends?"
    r"|would(?:[ \t\xa0]+also)?[ \t\xa0]+like[ \t\xa0]+to|stands?[ \t\xa0]+ready|remains?[ \t\xa0]+available|proposes?)\b"
)
_SUBMITTED_THINGS = r"(?i:inputs?|comments|submission|recommendations|suggestions|contributions?|proposals?|remarks)"
_QUALIFIERS = r"(?i:specific|written|full|detailed|key|overall|further|additional|initial|final)"

# "As Caritas Internationalis Confederation, comprising 162 national members, we welcome …".
_AS_WE = re.compile(rf"(?:^|(?<=[.!?]\s))(?i:as){_SP}+(?:the{_SP}+)?(?P<org>{NAME}){_SP}*,(?:[^.;!?]{{0,200}}?,)?{_SP}*(?i:we|our)\b")
_ON_BEHALF = re.compile(rf"(?i:\bon behalf of|\ben nombre de|\bau nom de){_SP}+(?:the{_SP}+|la{_SP}+|el{_SP}+|l')?(?P<org>{NAME})")
_TITLES = (
    re.compile(rf"(?:The{_SP}+)?(?P<org>{NAME}){_SP}*(?:[-–—:]{_SP}*)?(?:{_QUALIFIERS}{_SP}+)*"
               rf"(?:{_SUBMITTED_THINGS}|(?i:written{_SP}+inputs?|statement|position{_SP}+paper))"
               rf"{_SP}+(?i:on|to|for|regarding|concerning)\b"),
    re.compile(rf"(?i:statement|intervention|submission|comments|inputs?|contribution)(?:{_SP}+(?i:from|of|by))?{_SP}+"
               rf"(?:the{_SP}+)?(?P<org>{NAME})"),
)
_STATEMENTS = (
    re.compile(rf"(?P<org>{NAME})(?:{_SP}+team)?{_SP}+{_STANCE}"),
    re.compile(rf"(?P<org>{NAME})[’'](?:s)?{_SP}+(?:{_QUALIFIERS}{_SP}+)*{_SUBMITTED_THINGS}\b"),
    re.compile(rf"(?i:prepared|submitted|produced){_SP}+by{_SP}+(?:the{_SP}+)?(?P<org>{NAME})"),
    re.compile(rf"(?i:aportes|contribuciones){_SP}+de{_SP}+(?:la{_SP}+|el{_SP}+|los{_SP}+)?(?P<org>{NAME})"),
)
_SELF_DESCRIPTION = re.compile(rf"(?:The{_SP}+)?(?P<org>{NAME}){_SP}+(?:works|is|are|has|have)\b")
_FIRST_PERSON_PLURAL = re.compile(r"(?i)\b(?:we|our|us)\b")
_LEAD = re.compile(r"[\s•*\-–—\d.)]*")
_PRECEDING_PREPOSITION = re.compile(r"(?i)\b(?:by|with|from|to|of|for|at|in|on|and|than|like)[ \t\xa0]+(?:the[ \t\xa0]+)?$")


def _tidy(name: str, start: int) -> tuple[str, int] | None:
    """Trim a matched name to the organization's name; None if it names no one."""
    words = name.split()
    while words and words[0].lower() in _OPENERS:
        start += len(words[0]) + 1
        words = words[1:]
    name = " ".join(words).rstrip(".,;:’'")
    if "(" in name and name.count("(") > name.count(")"):
        name = name[: name.rfind("(")].strip()
    if not name or re.search(r"[’']s$", name):
        return None
    last = re.sub(r"[^\w\-]", "", name.split()[-1]).lower()
    if name.lower() in _GENERIC_SUBJECTS or last in _DOCUMENT_WORDS or name.split()[-1].lower() in _OPENERS:
        return None
    return name, start


def stated_organisation(text: str, span: Span, author: str | None) -> ActorMention | None:
    """The organization the post at ``span`` of ``text`` says its author writes for."""
    body = text[span.start : span.end]
    candidates: list[tuple[int, int, str]] = []  # (rule, offset in body, name)

    def consider(rule: int, match: re.Match[str] | None, check_preposition: bool = True) -> None:
        if match is None:
            return
        if check_preposition and _PRECEDING_PREPOSITION.search(body[: match.start("org")]):
            return
        tidy = _tidy(match["org"], match.start("org"))
        if tidy and not (author and _names_author(tidy[0], author)):
            candidates.append((rule, tidy[1], tidy[0]))

    for match in _ON_BEHALF.finditer(body):
        if _speaks_for_self(body, match.start()):
            consider(1, match, check_preposition=False)
    for match in _AS_WE.finditer(body):  # "we" speaks for a body: a name that reads as a person's is not one
        named_as_body = re.match(r"(?i)as\s+the\s", match.group()) is not None
        if named_as_body or is_organisation_name(match["org"]) or not looks_like_person(match["org"]):
            consider(1, match, check_preposition=False)
    lead = _LEAD.match(body)
    opening = lead.end() if lead else 0
    for pattern in _TITLES:
        consider(2, pattern.match(body, opening), check_preposition=False)
    for pattern in _STATEMENTS:
        for match in pattern.finditer(body):
            consider(3, match, check_preposition=pattern is _STATEMENTS[0] or pattern is _STATEMENTS[1])
    self_described = _SELF_DESCRIPTION.match(body, opening)
    if self_described and _FIRST_PERSON_PLURAL.search(body) and is_organisation_name(self_described["org"]):
        consider(4, self_described)
    if author:
        signature = _signature(body, author)
        if signature:
            candidates.append((5, signature[1], signature[0]))
    if not candidates:
        return None
    _, offset, name = min(candidates)
    start = span.start + offset
    return ActorMention(name, ActorKind.ORGANIZATION, Span(start, start + len(name)), full_name=_expansion(name, text))


def _names_author(name: str, author: str) -> bool:
    """"Professor Binod Khadria" names the author "Binod Khadria": not an organization."""
    mine = set(_tokens(_untruncated(author)[0]))
    return same_person(name, author) or (bool(mine) and mine <= set(_tokens(name)))


_SENTENCE_START = re.compile(r"[.!?\n]")
_FIRST_PERSON_OR_PAPER = re.compile(
    r"(?i)\b(?:i|we|my|our|us|remarks|comments|submission|statement|inputs?|position|contribution|letter)\b"
)


def _speaks_for_self(body: str, at: int) -> bool:
    """"On behalf of X" describes the author when it opens the sentence or the sentence
    is in the first person ("the remarks on behalf of X", "I submit on behalf of X"),
    not when it reports someone else ("El Salvador, speaking on behalf of …")."""
    starts = [m.end() for m in _SENTENCE_START.finditer(body, 0, at)]
    before = body[starts[-1] if starts else 0 : at].strip(" \t\xa0")
    return before.lower() in ("", "speaking") or bool(_FIRST_PERSON_OR_PAPER.search(before))


def _initials(name: str) -> str:
    return "".join(word[0] for word in re.findall(r"[^\W\d_][\w\-’']*", name) if word[0].isupper())


def _is_subsequence(letters: str, word: str) -> bool:
    remaining = iter(word.upper())
    return all(letter.upper() in remaining for letter in letters)


def _expansion(name: str, text: str) -> str | None:
    """"Institute of Informatics and Development" for "IID" where the page writes "… (IID)".

    The name before the parenthesis is cut to the longest tail whose initials fit
    the acronym, so "IOM and the United Nations Conference on Trade and Development
    (UNCTAD)" gives the Conference alone.  Two different expansions give none.
    """
    if not _acronym(name):
        return None
    found = set()
    for match in re.finditer(rf"(?P<full>{NAME}){_SP}*\({re.escape(name)}\)", text):
        words = match["full"].split()
        for cut in range(len(words)):
            tail = " ".join(words[cut:])
            initials = _initials(tail)
            if words[cut][0].isupper() and initials[:1] == name[0] and _is_subsequence(initials, name):
                tidy = _tidy(tail, 0)
                if tidy and tidy[0] != name:
                    found.add(tidy[0])
                break
    return found.pop() if len(found) == 1 else None


_SIGNED_BY = re.compile(r"(?i)(?:submitted|posted|sent|signed)\s+by\s+")
# A signature may open with a form of address, in any case: "Prof. Binod Khadria", "dr. Ana Souza".
_HONORIFIC = re.compile(rf"(?i:{HONORIFIC})\s+")


def _signature(body: str, author: str) -> tuple[str, int] | None:
    """The organization in a closing signature line starting with the author's name."""
    lines = [(m.start(), m.group()) for m in re.finditer(r"[^\n]+", body) if m.group().strip()]
    for offset, line in lines[-3:]:
        rest = _SIGNED_BY.sub("", line.strip(), count=1)
        addressed = _HONORIFIC.match(rest)
        rest = rest[addressed.end():] if addressed else rest
        parts = re.split(r"\s*(?:,|;|\s[-–—]\s)\s*", rest)
        if len(parts) < 2 or not same_person(parts[0], author):
            continue
        for part in parts[1:3]:
            part = re.split(r"\s+and\s+(?=[a-z])", part)[0].strip()
            words = [w.lower() for w in re.findall(r"[\w\-]+", part)]
            if not words or "@" in part or words[0] in _TITLE_WORDS or words[-1] in _TITLE_WORDS:
                continue
            if is_organisation_name(part):
                return part, offset + line.find(part)
    return None


# ---------------------------------------------------------------- duplicates

SIMILAR = 0.9


def _words(text: str) -> list[str]:
    return re.findall(r"\w+", text.casefold())


def similarity(a: str, b: str) -> float:
    """Similarity of two texts as word sequences (whitespace, case and bullets ignored)."""
    return SequenceMatcher(None, _words(a), _words(b), autojunk=False).ratio()


def link_duplicates(statements: list[Statement]) -> list[str]:
    """Point each repeated post to the first copy by the same author; return notes."""
    notes: list[str] = []
    order = sorted(range(len(statements)), key=lambda i: (statements[i].date or dt.date.min, i))
    firsts: list[Statement] = []
    for i in order:
        statement = statements[i]
        label = statement.speaker.label if statement.speaker else None
        original = None
        if label:
            for earlier in firsts:
                if earlier.speaker and same_person(earlier.speaker.label, label):
                    score = similarity(earlier.text, statement.text)
                    if score >= SIMILAR:
                        original = earlier
                        notes.append(f"{statement.local_id} repeats {earlier.local_id} ({label}, similarity {score:.2f})")
                        break
        if original is None:
            firsts.append(statement)
        else:
            statement.duplicate_of = original.local_id
    return notes
