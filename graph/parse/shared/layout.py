"""How a text is laid out: its lines, blank lines, and where a sentence ends.

Every reader walks a source line by line and needs the same facts about a line:
where it starts and ends in the source (offsets are what provenance is made of),
whether it is blank, and whether the text so far ends a sentence (if not, the
next line runs on).  Exports differ in what they leave at line ends — Windows
``\\r\\n``, a byte order mark before the first line, zero-width spaces from web
pages — and none of that is text.
"""
from __future__ import annotations

from dataclasses import dataclass

# The marks a bulleted list's entries start with ("· ", "• ", "- ", "* ", "➢ ").
BULLET = r"[·•▪◦‣●○■□➢►\-–—*]"
# Characters that print nothing; a line holding only these is blank.
_INVISIBLE = "\ufeff\u200b"
# What may close a sentence after its full stop: "…were protected.”", "(see annex.)".
_CLOSERS = "”\"’')]"


@dataclass(frozen=True)
class Line:
    """One line: ``text`` is the source's ``[start:end]``, without the line break or a ``\\r``."""

    number: int  # 0-based index of the line in the whole text
    start: int
    end: int
    text: str

    @property
    def bare(self) -> str:
        """The line without surrounding white space or invisible characters."""
        return self.text.strip().strip(_INVISIBLE).strip()

    @property
    def blank(self) -> bool:
        return not self.bare


def lines(text: str, start: int = 0, end: int | None = None) -> list[Line]:
    """The lines of ``text[start:end]`` with their offsets into ``text``.

    A line's trailing ``\\r`` and the byte order mark a file may open with are left out.
    """
    stop = len(text) if end is None else end
    found: list[Line] = []
    number = text.count("\n", 0, start)
    position = start
    while position <= stop:
        newline = text.find("\n", position, stop)
        line_end = stop if newline == -1 else newline
        line_start = position + 1 if position == 0 and text.startswith("\ufeff") else position
        text_end = line_end - 1 if line_end > line_start and text[line_end - 1] == "\r" else line_end
        found.append(Line(number, line_start, text_end, text[line_start:text_end]))
        number += 1
        position = line_end + 1
    return found


def clean_lines(text: str) -> str:
    """Each line with its white space runs made single spaces; blank lines dropped."""
    return "\n".join(" ".join(line.split()) for line in text.splitlines() if line.strip())


def ends_sentence(text: str, stops: str = ".!?:;") -> bool:
    """Whether ``text`` ends with one of ``stops``, closing quotes and brackets aside.

    By default a colon or semicolon ends a line's sentence too (a list follows);
    pass ``stops=".!?"`` for a full sentence.
    """
    return text.rstrip().rstrip(_CLOSERS).rstrip().endswith(tuple(stops))
