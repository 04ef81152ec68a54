"""A document told in paragraphs of prose: its header, and who speaks in each paragraph.

Two readers read documents this way: the general reader (:mod:`graph.parse.prose.reader`), and the
seminar-summary reader for summaries told without numbered paragraphs — a meeting summary, a news item
on a panel, a meeting report (:mod:`graph.parse.seminar_summary.narrative`).  What they share:

* the blocks of the text (:mod:`graph.parse.shared.paragraphs`): headings above the first paragraph are its
  header; paragraphs that only time a meeting ("The meeting was called to order at 10 a.m.") are not
  statements;
* the header's title, symbol, the body that issues it, who prepared it and who chairs: a page's
  furniture (skip links in any language, survey banners, a site's section name, a site's date stamp
  glued to a heading) is none of these;
* who speaks in each paragraph, only where the text says so (:mod:`graph.parse.shared.reported_speech`);
  "He"/"She" + a verb of saying goes on with the last speaker; the persons and organizations a
  paragraph names are kept beside it (:mod:`graph.parse.shared.named_actors`).

What a paragraph naming no speaker means is each reader's own decision (:meth:`NarrativeReading.statements`).
"""
from __future__ import annotations

import re
from collections.abc import Callable

from graph import content_keys
from graph.documents import Source, Span
from graph.parse.shared.footnotes import find_footnotes
from graph.parse.genre_cues import PRESIDING_LINE, PROCEDURE
from graph.parse.shared.keys import UniqueIds
from graph.parse.shared.markup import laid_out, plain_text
from graph.parse.shared.mentions import Mentions
from graph.parse.shared.named_actors import named_actors
from graph.parse.shared.paragraphs import Block, read_blocks, words_start
from graph.parse.shared.reported_speech import Voice, voice_of
from graph.parse.shared.speakers import read_named_person
from graph.records import ActorKind, ActorMention, Statement

# Header lines that belong to the page, not to the document's title.
FURNITURE = re.compile(
    r"(?:skip\s+to\b|pasar\s+al\b|aller\s+au\b|help\s+(?:us\s+)?improve\b"
    r"|.*\b(?:take|taking|complete)\s+(?:our|this|a|the)\s+(?:short\s+|quick\s+)?survey\b|advertisement\b"
    r"|document\s+\d+$|media\s+cent(?:er|re)$|press\s+releases?(?:\s+[A-Z][\w ]*)?$|news$|united\s+nations$|distr\.|original:|contents$"
    r"|meeting\s+summar(?:y|ies)$|(?:latest\s+)?news\s+(?:and|&)\s+(?:events|stories)$|home$|menu$|search$"
    r"|share\s+(?:this|on)\b|print$|log\s*in\b|sign\s+in\b|breadcrumb$|sobrescribir\s+enlaces\b|saltar\s+al\b"
    r"|passer\s+au\b)", re.I)
# A site's date stamp glued before a heading: " date 2022-05-27 Human Rights Council".
SITE_STAMP = re.compile(r"\s*(?:date|posted|published|updated)?:?\s*\d{4}-\d{2}-\d{2}\s*", re.I)
_SYMBOL = re.compile(r"[A-Z][A-Z0-9.\-]*(?:/[A-Z0-9.\-]+)+")
_AUTHOR = re.compile(r"\(?\s*(?:prepared|issued|drafted|submitted|published)\s+by\s+(?:the\s+)?(?P<who>[^()\n]+?)\)?\s*$",
                     re.I)
_JOIN = r"(?:of|for|on|and|the|to|in|OF|FOR|ON|AND|THE|TO|IN)"
# A body's name alone: "Human Rights Council", "Committee on the Protection of … (CMW)".
BODY_NAME = re.compile(
    rf"(?:the\s+)?(?:[A-Z][\w’'\-]*\s+(?:{_JOIN}\s+)*)*"
    r"(?:Committee|Council|Commission|Assembly|Board|Body|Office|Organization|Organisation|Network|Secretariat"
    r"|COMMITTEE|COUNCIL|COMMISSION|ASSEMBLY|BOARD|OFFICE|ORGANIZATION|NETWORK)"
    rf"(?:\s+(?:{_JOIN}\s+)*[A-Z][\w’'\-]*)*(?:\s+\([A-Z][\w\-]*\))?")
EVENT_WORDS = re.compile(r"\b(?:meeting|seminar|workshop|panel|discussion|conference|symposium|consultation|forum"
                    r"|dialogue|event|round\s*table|debate)s?\b", re.I)
_CHAIR = re.compile(PRESIDING_LINE.pattern + r"\s*", re.I)


def is_furniture(text: str, latin_body: bool = True) -> bool:
    """A page's line that is no part of the document: a skip link, a survey banner, a site's section name;
    in a document written in Latin letters, a line with none (a skip link in Arabic)."""
    if FURNITURE.match(text):
        return True
    return latin_body and not re.search(r"[A-Za-zÀ-ÿ]", text) and bool(re.search(r"[^\W\d_]", text))


def without_stamp(text: str) -> str:
    """A heading without the site's date stamp glued before it."""
    stamp = SITE_STAMP.match(text)
    return text[stamp.end():] if stamp and re.search(r"\d{4}-\d{2}-\d{2}", stamp.group()) else text


class NarrativeReading:
    """One pass over one document of prose: its blocks, its header, and the speaker of each paragraph."""

    def __init__(self, source: Source) -> None:
        self.source = source
        self.plain = plain_text(laid_out(source, find_footnotes(source)))
        self.mentions = Mentions(source, self.plain)
        self.blocks = read_blocks(self.plain)
        self.paragraphs = [block for block in self.blocks if block.kind == "paragraph" and not self.procedure(block)]
        first = self.blocks.index(self.paragraphs[0]) if self.paragraphs else len(self.blocks)
        self.header = self.blocks[:first]

    # --- the header ---------------------------------------------------------------------------

    @staticmethod
    def procedure(block: Block) -> bool:
        """A line that only times the meeting: "The meeting was called to order at 10.05 a.m."."""
        return bool(PROCEDURE.search(block.text)) and len(block.text.split()) <= 16

    def title(self) -> str:
        """The first header line that names something (not the page's furniture, a symbol or a "Chair:" line);
        else the first words of the first paragraph."""
        for block in self.header:
            text = without_stamp(block.text)
            words = re.findall(r"[^\W\d_]{2,}", text)
            if (len(words) >= 2 and not is_furniture(text) and not _SYMBOL.fullmatch(text)
                    and not _CHAIR.match(text) and not text.startswith("(")):
                return text
        words = self.paragraphs[0].text.split()
        return " ".join(words[:12]) + ("…" if len(words) > 12 else "")

    def event_title(self, sessions: bool = True) -> str | None:
        """The header line naming the meeting or event: one naming a meeting, panel, seminar… before one that
        names only a session (unless ``sessions`` is False: a report's session is not the event it reports)."""
        for words in (EVENT_WORDS, re.compile(r"\bsession\b", re.I)) if sessions else (EVENT_WORDS,):
            for block in self.header:
                if words.search(block.text) and not is_furniture(block.text):
                    return without_stamp(block.text)
        return None

    def symbol(self) -> str | None:
        for block in self.header:
            for line in block.lines:
                if _SYMBOL.fullmatch(line.bare):
                    return line.bare
        return None

    def body(self) -> ActorMention | None:
        """The body that issues the document: a header line that is a body's name ("Human Rights Committee",
        "Special Committee on Migration Issues (CEAM)"), run on over the next line where the export broke it
        ("Committee on the Protection of the Rights of All" / "Migrant Workers and Members of Their Families")."""
        for index, block in enumerate(self.header):
            text = without_stamp(block.text)
            if len(text.split()) > 16 or not BODY_NAME.fullmatch(text) or EVENT_WORDS.search(text):
                continue  # a headline naming what a body did ("COMMITTEE … OPENS EIGHTEENTH SESSION") is no name
            span = block.span
            if text != block.text:  # a stamp glued before the name
                span = Span(self.plain.find(text.split()[0], span.start), span.end)
            following = self.header[index + 1] if index + 1 < len(self.header) else None
            if following is not None and BODY_NAME.fullmatch(f"{text} {following.text}") \
                    and text.split()[-1] in {"All", "ALL", "of", "OF", "and", "AND", "for", "FOR", "the", "THE"}:
                span = Span(span.start, following.span.end)
            return self.mentions.organization(span)
        return None

    def author(self) -> ActorMention | None:
        """Who the header says prepared the document ("(Prepared by the Secretariat)")."""
        for block in self.header:
            match = _AUTHOR.match(block.text)
            if match:
                line = block.lines[0]
                at = self.plain.find(match["who"], line.start)
                if at >= 0:
                    return self.mentions.organization(Span(at, at + len(match["who"])))
        return None

    def chair(self) -> ActorMention | None:
        """The person a "Chair:" line names ("Chair:Mr. Corzo Sosa", "Chairperson: Ms. BONOAN-DANDAN")."""
        for block in self.header:
            line = block.lines[0]
            match = _CHAIR.match(line.text)
            if match is None:
                continue
            who = read_named_person(self.plain, line.start + match.end())
            if who is not None and who.person is not None:
                span = Span(who.person.start, who.person.end)
                return ActorMention(self.source.quote(span), ActorKind.PERSON, span)
        return None

    # --- the paragraphs -----------------------------------------------------------------------

    def statements(self, chair: ActorMention | None, session_of: Callable[[Block], str | None],
                   goes_on_unnamed: bool) -> list[Statement]:
        """One statement per paragraph, with its speaker where the text names one.

        ``session_of`` gives the session a paragraph belongs to.  A paragraph that names no speaker goes on
        with the previous paragraph's speaker only where ``goes_on_unnamed`` (a record of a meeting's speeches)
        and no heading stands between them; otherwise it has none: it is the document's own narrative."""
        unique = UniqueIds()
        statements: list[Statement] = []
        previous: Statement | None = None
        last_speaking: Statement | None = None  # whom "She added …" refers to
        for block in self.paragraphs:
            start = words_start(block.lines[0])
            span = Span(start, block.span.end)
            statement = Statement("", span, block.words, paragraph_number=block.number, session=session_of(block))
            voice = voice_of(self.plain, span.start, span.end)
            if voice is not None and not voice.continues:
                self.speaks(statement, voice, chair)
            elif voice is not None and last_speaking is not None:
                goes_on(statement, last_speaking)
            elif previous is not None and goes_on_unnamed and self._adjacent(previous, block):
                goes_on(statement, previous)
            leave_out = voice.printed if voice is not None and not voice.continues else None
            statement.mentioned_actors = [
                actor for actor in named_actors(self.plain, span, self.mentions, leave_out)
                if not _same_words(actor, statement.speaker)
            ]
            base = str(block.number) if block.number is not None else f"p-{content_keys.digest(statement.text)}"
            statement.local_id = unique(base)
            statements.append(statement)
            previous = statement
            if statement.speaker is not None or statement.role is not None:
                last_speaking = statement
        return statements

    def _adjacent(self, previous: Statement, block: Block) -> bool:
        """No heading between the previous paragraph and this one (a new agenda item starts afresh)."""
        between = [b for b in self.blocks if previous.span.end <= b.span.start < block.span.start]
        return not any(b.kind == "heading" for b in between)

    def speaks(self, statement: Statement, voice: Voice, chair: ActorMention | None) -> None:
        statement.speaker_as_printed = " ".join(self.plain[voice.printed.start:voice.printed.end].split())
        if voice.presiding:
            statement.speaker, statement.role = chair, "Chair"
        elif voice.office is not None:
            label = re.sub(r"^the\s+", "", statement.speaker_as_printed, flags=re.I)
            statement.speaker = ActorMention(label, ActorKind.PERSON, voice.printed)
        elif voice.delegation is not None:
            statement.speaker = self.mentions.organization(voice.delegation)
            statement.on_behalf_of = self.mentions.organization(voice.delegation)
            statement.role = "Representative"
        elif voice.person is not None:
            statement.speaker = self.mentions.person(voice.person, in_full=voice.person.descriptor is not None)
            statement.role = voice.capacity
            if voice.behalf is not None:
                statement.on_behalf_of = self.mentions.organization(voice.behalf)


def goes_on(statement: Statement, previous: Statement) -> None:
    """A paragraph that continues the previous speaker's statement."""
    statement.speaker, statement.on_behalf_of = previous.speaker, previous.on_behalf_of
    statement.role = previous.role


def _same_words(actor: ActorMention, speaker: ActorMention | None) -> bool:
    return speaker is not None and actor.span is not None and speaker.span is not None \
        and actor.span.start < speaker.span.end and speaker.span.start < actor.span.end
