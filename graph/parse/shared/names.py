"""Names as documents print them: forms of address, particles and connectors, comparison form.

Every genre puts a form of address before a name ("Ms. Hernández Paramo", "H.E.
Ambassador Claverie", "Professor Djajić", "Dr Lena Sørensen"), and every step
that reads names must agree on which words those are: a summary record's speaker,
a seminar's panelist, a forum signature and the actor key made from a label
across documents.  :data:`HONORIFICS` is that one list and :data:`HONORIFIC` the
pattern that finds one as printed (made in :mod:`graph.content_keys`, since an actor's
key is the name without them).  Names of organizations share the lower-case
words that join a name's words (:data:`CONNECTORS`) and the acronym printed after
them in parentheses (:func:`trailing_parenthesis`).
"""
from __future__ import annotations

import re

from graph.content_keys import HONORIFIC

FORM_OF_ADDRESS = re.compile(HONORIFIC)  # compiled once for the readers that match it at a position

# Lower-case name particles: "Ms. de la Vega", "Mr. van der Berg", "Mr. al-Hussein".
PARTICLES = frozenset(
    "de del della der des di da das do dos du la le van von ter ten zu y e bin bint ibn al el abu ould ben".split()
)

# Lower-case words that occur inside names of people and organizations.
CONNECTORS = frozenset(
    "of the and for on at to de del della der des di du da dos la le van von y et & their its with a an"
    " bin ibn al el".split()
)

# Words that make a capitalised phrase an organization or a place rather than a person's name:
# "Migrant Forum in Asia", "Ministry of Labour", "Latin America and the Caribbean".
ORGANIZATION_WORDS = frozenset(
    """office organization organisation department division programme program institute institut university
    commission committee council conference bank fund trust agency ministry secretariat union unions association
    foundation federation confederation alliance coalition league network platform forum group unit branch section service
    services court mission government republic kingdom nations states society international initiative campaign
    movement caritas children women centre center caribbean america americas europe africa asia pacific
    region""".split()
)


def capitalised(word: str) -> bool:
    """Whether a word starts like a name's word: a capital or a digit, quotes and brackets aside."""
    core = word.lstrip("“\"‘'(")
    return bool(core) and (core[0].isupper() or core[0].isdigit())


def trailing_parenthesis(label: str) -> tuple[str, str | None]:
    """"Committee on Migration Issues (CAM)" → ("Committee on Migration Issues", "CAM"); no parenthesis → (label, None)."""
    match = re.search(r"\s*\(([^()]*)\)\s*$", label)
    if match is None:
        return label, None
    return label[: match.start()], match[1].strip() or None
