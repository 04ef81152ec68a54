"""What a discussion page says of its own space, above the posts: its title and its description.

A board's page opens with the site's furniture (skip links, "Log in to post comment", "Anonymous"), the
space's title ("IMRF Roundtable 2 Consultation", "HLPF 2022"), and often a welcome text: what the space is
for, what it reviews ("… the following GCM objectives:" and a list), who moderates it.  The welcome text is
the space's own description, a statement of the page with no poster (issue 11, point 3); the dates it prints
(when the space opens and closes, a side event's day) are not posts' dates, and the moderators it names are
not posters.  What only tells a visitor how to use the site ("Please post your responses below. For help,
watch our help video", "To contribute, you are invited to respond …") is not part of it.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from graph.documents import Span
from graph.parse.genre_cues import LOG_IN, MODERATORS
from graph.parse.shared.layout import Line
from graph.parse.shared.narrative import is_furniture
from graph.parse.shared.paragraphs import read_blocks

# A visitor told what to do: "Please post …", "Share your views …", "To contribute, …", "For help, …".
_INSTRUCTION = re.compile(
    r"(?i:please|share|post|respond|reply|contribute|join|click|watch|read|log\s*in|login|register|sign|contact"
    r"|feel\s+free|visit|see|send|submit|tell|to\s+(?:contribute|participate|post|join|respond)|for\s+(?:help|more)"
    r"|you\s+(?:are|can|may)|in\s+case\s+of)\b")
_SITE_LINE = re.compile(r"(?i:anonymous|moderators?|discussion\s+moderators?|online\s+discussion|read\s+more)$")


@dataclass(frozen=True)
class Description:
    """A paragraph of the space's welcome text (with the list it introduces)."""

    span: Span
    text: str


def space_description(text: str, end: int) -> list[Description]:
    """The paragraphs of ``text[:end]`` (the page above its first post) that describe the space."""
    found = []
    for block in read_blocks(text[:end]):
        if block.kind != "paragraph" or _INSTRUCTION.match(block.words) or is_furniture(block.words):
            continue
        found.append(Description(block.span, block.text))
    return found


def space_title(header: list[Line], description_start: int | None) -> list[Line]:
    """The header's short lines above the welcome text that name the page and space, without the site's
    furniture."""
    titles: list[Line] = []
    for line in header:
        text = line.bare
        if description_start is not None and line.start >= description_start:
            break
        if (not text or len(text.split()) > 12 or text[-1] in ".?!:;," or is_furniture(text)
                or LOG_IN.fullmatch(text) or MODERATORS.fullmatch(text) or _SITE_LINE.fullmatch(text)):
            continue
        titles.append(line)
    return titles
