"""The words two texts share, found the same way in a statement and in a provision (issue 13, item 5).

A statement says "alternatives to detention" where objective 13 of the Compact says "work towards
alternatives" and "migration detention": the texts meet on word stems, not on spellings.  Words
are folded (case, accents) and cut to a stem by a light suffix rule (English is the language of
the provisions' titles and texts; a French "détention" folds to the same stem), and the words that
carry no subject (function words, and the words that name provisions and instruments themselves,
which are the citation's, not the discussion's) are left out.  Each word keeps its offsets, so the
evidence of a link can point at the statement's own words.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")

FUNCTION_WORDS = frozenset("""
a about above after again against all also am an and any are as at be because been before being below between
both but by can could did do does doing down during each either etc few for from further had has have having he
her here hers herself him himself his how however i if in into is it its itself just may me might more most must
my myself neither no nor not now of off on once only or other ought our ours ourselves out over own per same
shall she should so some such than that the their theirs them themselves then there these they this those
through thus to too toward towards under until up upon us very via was we were what when where whether which
while who whom whose why will with within without would yet you your yours
le la les un une des du de et en au aux pour par sur dans que qui est sont ses leur leurs ce cette ces
el los las y o del al con por para que se su sus es son una unos unas
said noted stated asked added also mr ms mrs
""".split())

# Words that name provisions or instruments rather than what they are about: the citation's words.
CITATION_WORDS = frozenset("""
article articles objective objectives paragraph paragraphs principle principles guiding part parts provision
provisions convention conventions compact compacts covenant declaration protocol annex preamble target targets
goal goals indicator indicators resolution general comment
""".split())

# Stems every text of the genre uses whatever it discusses ("the human rights of migrant workers and members of
# their families"): they tell no provision from another, and a title made of them ("Human rights") is no evidence.
GENRE_STEMS = frozenset({"migr", "work", "right", "human", "famil", "memb", "person", "countr", "stat", "state",
                         "part", "govern", "nation"})
# The verbs and qualifiers of policy language ("use … measures", "ensure", "strengthen", "full"): every provision
# could say them; a title's telling words are its nouns ("detention", "alternatives", "remittances").
POLICY_WORDS = frozenset("""
use used uses using measure measures last lastly ensure ensures ensuring provide provides providing promote
promoting strengthen strengthening facilitate facilitating enhance enhancing include including effective full
fully well end take make new way ways level levels need needs support improve address establish create invest
realize realise reduce appropriate relevant particular particularly specific various within among
""".split())

IRREGULAR = {"children": "child", "women": "woman", "men": "man", "people": "person", "persons": "person"}

# Longest first; a stem keeps at least MIN_STEM letters.
SUFFIXES = tuple(sorted((
    "izations", "ization", "isations", "isation", "ational", "ations", "ation", "itions", "ition", "tions", "tion",
    "ions", "ion", "ments", "ment", "ities", "ity", "ings", "ing", "ness", "ively", "ives", "ive", "ously", "ous",
    "ances", "ance", "ences", "ence", "ants", "ant", "ents", "ent", "ers", "er", "ied", "ies", "ed", "es", "ly",
    "ables", "able", "ibles", "ible", "al", "s", "e", "y",
), key=len, reverse=True))
MIN_STEM = 4


@dataclass(frozen=True)
class Word:
    """A word of a text: its stem, and where it is printed (offsets into that text)."""

    stem: str
    begin: int
    end: int


def fold(word: str) -> str:
    decomposed = unicodedata.normalize("NFKD", word.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def stem(word: str) -> str:
    """A light suffix cut: "migrants", "migration" and "migrant" meet on "migr"; "alternatives" on "alternat"."""
    folded = fold(word).replace("’", "'")
    if folded in IRREGULAR:
        return IRREGULAR[folded]
    folded = folded.split("'", 1)[0] if folded.endswith(("'s", "'")) else folded
    for suffix in SUFFIXES:
        if folded.endswith(suffix) and len(folded) - len(suffix) >= MIN_STEM:
            return folded[: -len(suffix)]
    if folded.endswith("s") and not folded.endswith("ss") and len(folded) > MIN_STEM - 1:
        return folded[:-1]  # a short plural: "fees" meets "fee"
    return folded


def words(text: str) -> list[Word]:
    """The words of ``text`` that can carry a subject, in order, with their offsets."""
    found = []
    for match in WORD.finditer(text):
        for part, start in _hyphen_parts(match.group(), match.start()):
            folded = fold(part)
            if len(folded) < 3 or folded in FUNCTION_WORDS or folded in CITATION_WORDS or folded in POLICY_WORDS:
                continue
            cut = stem(part)
            if cut not in GENRE_STEMS:
                found.append(Word(cut, start, start + len(part)))
    return found


def _hyphen_parts(word: str, start: int) -> list[tuple[str, int]]:
    """"child-sensitive" is the words "child" and "sensitive" (so it meets "sensitive to children")."""
    parts, offset = [], start
    for piece in re.split(r"(-)", word):
        if piece != "-":
            parts.append((piece, offset))
        offset += len(piece)
    return parts
