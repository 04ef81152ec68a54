"""How the tests read the words a search marked: as the search reads them, case and accents folded."""
from __future__ import annotations

import unicodedata

DETENTION_FAMILY = ("detain", "detent")  # what "detention" finds: detention, detained, Detention, détention…


def found_word(mark: str, family: tuple[str, ...] = DETENTION_FAMILY) -> bool:
    """A marked word of the family ("détention" is one: the search folds accents)."""
    folded = "".join(c for c in unicodedata.normalize("NFD", mark.lower()) if not unicodedata.combining(c))
    return folded.startswith(family)
