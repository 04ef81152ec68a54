"""A scraped discussion page as printed: its posts, their dates, and how they nest.

A discussion page is a sequence of *posts* between the site's header and footer.
Each post prints, one element a line::

    Florence Kim                      author (a blank line: the author is not shown)
    How can we ensure … ?             text (for a thread: the question, then its translations)
    Comment pouvons-nous … ?
    2 / Members / 2 / Comments        counts, on a post that others replied to
    Mar 02, 2022                      date

A reply adds ``In reply to by <author of the parent>`` after its text and often
opens with the parent author's name alone on a line (a mention, not text).
Replies are printed depth first under their parent (:mod:`graph.parse.discussion_forum.replies`).

Which post a date belongs to is read from the page, not assumed: a date line
that says it is a posting ("Posted on …", "Submitted by X - 25 February 2021")
opens its post (``date / author / text``, or the byline then the text); a bare
date ("Sep 13, 2022") closes the post above it when a post (a byline, then a
sentence) stands above the first date — so the date printed just above a
commenter's name is the previous post's, and a last post whose closing date the
page cut off has no date.  Only the page's dominant date form counts as a post
boundary, so a date quoted alone on a line inside a comment ("25 March 2022")
stays part of the comment.  A page that prints no dates at all is read by
:mod:`graph.parse.discussion_forum.undated`.

A top-level post is a thread's question when the page counts its comments or
when its text is a question ("3. What …?", "Question 1. Are …?", "Q.1 How …?").
"""
from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from graph.documents import Source, Span
from graph.errors import SourceError
from graph.parse.base import trimmed
from graph.parse.shared.dates import DATE_FORMS, date_of
from graph.parse.shared import layout
from graph.parse.shared.layout import Line
from graph.parse.shared.authorship import is_name_like, same_person
from graph.records import Statement

# ---------------------------------------------------------------- dates, bylines and counts


# "Submitted by X on …": a byline may carry the author in the date line.
_BYLINE = r"(?:(?:posted|submitted|published|written)\s+)?by\s+(?P<author>.+?)\s*(?:\bon\b|[»|–—,-])\s*"
_POSTED = rf"(?:{_BYLINE}|(?:posted|submitted|published)(?:\s+on)?:?\s+)?"
_TIME = r"(?:\s*(?:-|–|,|at|@)?\s*\d{1,2}[:.]\d{2}(?:\s*[ap]\.?m\.?)?)?"
# Forms of a date printed alone on a line; the key names the form, so that the
# page's dominant form can be told from dates quoted inside comments.
_DATE_LINES = {form: re.compile(rf"(?i){_POSTED}(?:{pattern}){_TIME}") for form, pattern in DATE_FORMS.items()}


def date_form(line: Line) -> str | None:
    """The form of the date this line consists of, if it is nothing but a date."""
    return next((form for form, pattern in _DATE_LINES.items() if pattern.fullmatch(line.bare)), None)


def byline_author(line: Line) -> Line | None:
    """The author named in a date line ("Submitted by Ana Costa on 2 June 2023"), as a line of its own."""
    for pattern in _DATE_LINES.values():
        match = pattern.fullmatch(line.bare)
        if match and match["author"]:
            start = line.start + line.text.find(line.bare) + match.start("author")
            return Line(line.number, start, start + len(match["author"]), match["author"])
    return None


def parse_date(line: Line) -> dt.date:
    """The date on a line :func:`date_form` accepted; ValueError if it does not exist."""
    for pattern in _DATE_LINES.values():
        match = pattern.fullmatch(line.bare)
        if match:
            return date_of(match)
    raise ValueError(line.bare)


# The heading under which a board lists its questions and comments.
BOARD = re.compile(r"(?i)(?:discussion\s+)?(?:questions?\s*(?:&|and)\s*(?:comments|answers)|discussion\s+questions"
                   r"|comments|replies)")
_REPLY = re.compile(r"(?i)(?:in\s+reply\s+to|replying\s+to|reply\s+to)\b(?:.*?\bby\s+(?P<by>.+?)|\s+(?P<to>.+?))\s*")
_COUNTS = (
    re.compile(r"(?i)(?:(?P<members>\d+)\s*(?:members?|participants?|followers?)\s*)?(?P<comments>\d+)\s*(?:comments?|replies|reply)"),
    re.compile(r"(?i)(?P<comments>\d+)\s*(?:comments?|replies|reply)\s*(?P<members>\d+)\s*(?:members?|participants?|followers?)"),
)
# Site furniture that ends the last post on pages where dates open posts.
_FOOTER = re.compile(r"(?i)(?:about\b|contact us\b|disclaimer\b|privacy\b|terms of\b|copyright\b|©|follow us\b|back to top\b)")


def reply_target(line: Line) -> str | None:
    return reply_target_text(line.bare)


def reply_target_text(text: str) -> str | None:
    """The author replied to, from "In reply to by X" (or "In reply to X", "Reply to X")."""
    match = _REPLY.fullmatch(text)
    return (match["by"] or match["to"]).strip() if match else None


def counts_ending_at(lines: Sequence[Line], index: int, floor: int = 0) -> tuple[int, int | None, int] | None:
    """``(first line, members, comments)`` if the non-blank lines up to ``index`` print counts.

    Counts come as ``2 / Members / 2 / Comments`` (one token a line) or ``2 Members 2 Comments``.
    """
    tail: list[Line] = []
    cursor = index
    while cursor >= floor and len(tail) < 4:
        if not lines[cursor].blank:
            tail.insert(0, lines[cursor])
        cursor -= 1
    for size in range(len(tail), 0, -1):
        joined = " ".join(line.bare for line in tail[-size:])
        for pattern in _COUNTS:
            match = pattern.fullmatch(joined)
            if match:
                members = int(match["members"]) if match["members"] else None
                return tail[-size].number, members, int(match["comments"])
    return None


# ---------------------------------------------------------------- posts


# A question put for debate, as boards number and label them: "3. What …?", "Question 1.", "Q.1 How …?".
_QUESTION_LABEL = re.compile(r"(?i:question|Q)\s?\.?\s?\d{1,2}\b")


def is_question(body: Sequence[Line]) -> bool:
    """Whether a post's text is a question put for debate: its first paragraph is labelled as one ("Q.1",
    "Question 2.", "3. What …?"), or is one sentence asking one (a comment that thanks, then asks, is a comment)."""
    first: list[str] = []
    for line in body:
        if line.blank and first:
            break
        if not line.blank:
            first.append(line.bare)
    text = " ".join(first).rstrip(" ”\"’')]")
    if not text:
        return False
    if _QUESTION_LABEL.match(text) or re.match(r"\d{1,2}[.)]\s", text) and text.endswith("?"):
        return True
    return text.endswith("?") and not re.search(r"[.!?]\s+[A-Z]", text[:-1])


@dataclass
class Post:
    """One post as printed: a thread's question or a comment."""

    author: Line | None
    body: list[Line]  # without mention, reply line and counts
    date: dt.date | None  # None where the page prints no date for it
    date_line: Line | None
    first: Line  # first line of the post as printed (its author, or its text)
    end: int  # offset just past the post's last printed line, date included
    reply_to: str | None = None
    members: int | None = None
    comments: int | None = None
    parent: "Post | None" = None
    statement: Statement | None = None
    session: str | None = None
    descendants: list["Post"] = field(default_factory=list)
    reply_line: Line | None = None  # "In reply to by X", where printed
    named_by_reply: Span | None = None  # the author's name in a reply under the post, where the post shows none

    @property
    def label(self) -> str | None:
        return self.author.bare if self.author else None

    @property
    def opens_thread(self) -> bool:
        return self.reply_to is None and (self.comments is not None or is_question(self.body))

    @property
    def span(self) -> Span:
        """The whole post as printed: author, text, reply line, counts and date."""
        return Span(min(self.first.start, self.date_line.start if self.date_line else self.first.start), self.end)


# A date line that says it is a posting opens the post: "Posted on 2 June 2023", "Submitted by X - 25 February 2021".
_POSTING = re.compile(r"(?i)(?:posted|submitted|published|written)\b|by\s")


def _segments(source: Source, lines: list[Line]) -> tuple[list[Line], list[tuple[list[Line], Line | None]]]:
    """The page header and each post's lines with its date line."""
    forms = Counter(form for line in lines if (form := date_form(line)))
    if not forms:
        raise SourceError(source.name, 1, "no dated posts found: expected dates alone on a line, such as 'Mar 02, 2022'")
    dominant = forms.most_common(1)[0][0]
    dates = [line.number for line in lines if date_form(line) == dominant]

    start = _first_post_start(lines, dates[0], _names_in_bylines(lines, dates))
    if start is not None and not any(_POSTING.match(lines[number].bare) for number in dates):
        bounds = [start - 1, *dates]
        segments: list[tuple[list[Line], Line | None]] = [
            (lines[a + 1 : b], lines[b]) for a, b in zip(bounds, bounds[1:])]
        if not _footer_follows(lines, dates[-1]):  # the page was cut before the last post's date
            segments.append((_without_footer(lines[dates[-1] + 1 :]), None))
        return lines[:start], segments
    segments = []
    for here, after in zip(dates, [*dates[1:], len(lines)]):
        body = lines[here + 1 : after]
        if after == len(lines):
            body = _without_footer(body)
        segments.append((body, lines[here]))
    return lines[: dates[0]], segments


def _next_filled(lines: Sequence[Line], index: int) -> Line | None:
    return next((line for line in lines[index + 1 :] if not line.blank), None)


def count_ends(lines: list[Line]) -> list[int]:
    """Lines where a block of counts ends."""
    ends = []
    for line in lines:
        if not line.blank and counts_ending_at(lines, line.number):
            following = _next_filled(lines, line.number)
            if following is None or not counts_ending_at(lines, following.number):
                ends.append(line.number)
    return ends


def _footer_follows(lines: list[Line], last_date: int) -> bool:
    """Whether the page's last date closes the last post rather than opening one.

    The two layouts differ only at the ends of the page: when dates close posts,
    the first post (an author, then sentences) stands before the first date (see
    :func:`_first_post_start`) and the last date is followed by the footer, not
    by an author's name.
    """
    after = lines[last_date + 1] if last_date + 1 < len(lines) else None
    return after is None or after.blank or not is_name_like(after.bare)


def _names_in_bylines(lines: list[Line], dates: list[int]) -> set[str]:
    """Names the page prints as authors or as the authors replied to."""
    names = {target for line in lines if (target := reply_target(line))}
    for number in dates:
        carried = byline_author(lines[number])
        following = lines[number + 1] if number + 1 < len(lines) else None
        if carried:
            names.add(carried.bare)
        elif following is not None and is_name_like(following.bare):
            names.add(following.bare)
    return names


def _first_post_start(lines: list[Line], first_date: int, names: set[str]) -> int | None:
    """Where the first post begins, when it stands above the first date.

    Its author is a byline followed by a sentence; a name the page prints as an
    author elsewhere is preferred, then the last such byline (a site header may
    hold a title and an introductory sentence too).
    """
    region = [line for line in lines[:first_date] if not line.blank]
    if region and (counts := counts_ending_at(lines, region[-1].number)):
        region = [line for line in region if line.number < counts[0]]
    bylines = [previous for previous, line in zip(region, region[1:])
               if is_name_like(previous.bare) and not is_name_like(line.bare) and not BOARD.fullmatch(previous.bare)]
    known = [line for line in bylines if any(same_person(line.bare, name) for name in names)]
    chosen = known or bylines
    board = next((line for line in reversed(region) if BOARD.fullmatch(line.bare)), None)
    if board is not None and not any(line.number > board.number for line in chosen):
        # A question printed under the board's heading without its author: the first post starts there.
        after = next((line for line in region if line.number > board.number), None)
        return after.number if after is not None and not is_name_like(after.bare) else None
    return chosen[-1].number if chosen else None


def _without_footer(body: list[Line]) -> list[Line]:
    for position, line in enumerate(body):
        if position and body[position - 1].blank and _FOOTER.match(line.bare):
            return body[:position]
    return body


def _post(lines: list[Line], date_line: Line | None, date: dt.date | None) -> Post | None:
    """Read one post's elements from its lines (date line excluded)."""
    content = list(lines)
    while content and content[-1].blank:
        content.pop()
    members = comments = None
    if content and (counts := counts_ending_at(content, len(content) - 1)):
        first_count, members, comments = counts
        content = [line for line in content if line.number < first_count]
        while content and content[-1].blank:
            content.pop()
    reply_to = reply_line = None
    if content and (target := reply_target(content[-1])):
        reply_to, reply_line, content = target, content[-1], content[:-1]
    carried = byline_author(date_line) if date_line else None
    author, body = (carried, content) if carried else _author_and_body(content)
    opening = next((line for line in body if not line.blank), None)
    if opening is not None and reply_to is None and (target := reply_target(opening)):
        reply_to, reply_line, body = target, opening, body[body.index(opening) + 1 :]
    body = without_mention(body, reply_to)
    printed = [line for line in lines if not line.blank]
    first = (None if carried else author) or (printed[0] if printed else date_line)
    if first is None:
        return None
    end = max(date_line.end if date_line else 0, printed[-1].end if printed else 0)
    post = Post(author, body, date, date_line, first, end, reply_to, members, comments, reply_line=reply_line)
    return post if author or any(not line.blank for line in body) else None


def _author_and_body(content: list[Line]) -> tuple[Line | None, list[Line]]:
    """The author is the post's first line; a post whose first line is blank and
    whose first text is a sentence has no author shown."""
    filled = [line for line in content if not line.blank]
    if not filled:
        return None, []
    candidate = filled[0]
    position = content.index(candidate)
    followed_by_gap = position + 1 >= len(content) or content[position + 1].blank or content[position + 1].text[:1].isspace()
    if (is_byline(candidate.bare) if position == 0 else is_name_like(candidate.bare) and followed_by_gap):
        return candidate, content[position + 1 :]
    return None, content


def is_byline(text: str) -> bool:
    """The line right after a date names the author: short, unpunctuated (user names may hold digits)."""
    return (
        is_name_like(re.sub(r"\d", "", text)) and not text.isdigit() and reply_target_text(text) is None
    )


def without_mention(body: list[Line], reply_to: str | None) -> list[Line]:
    """Drop the parent author's name printed at the top of a reply: alone on a line, or run into the reply's
    first words ("Mohamed Osman The Roundtable should …")."""
    filled = [line for line in body if not line.blank]
    if not reply_to or not filled:
        return body
    if is_name_like(filled[0].bare) and same_person(filled[0].bare.lstrip("@"), reply_to):
        return body[body.index(filled[0]) + 1 :]
    line = filled[0]
    lead = len(line.text) - len(line.text.lstrip())
    rest = line.text[lead:]
    if not (rest.startswith(reply_to + " ") and rest[len(reply_to) + 1:].lstrip()[:1].isupper()):
        return body
    cut = lead + len(reply_to) + 1
    cut += len(line.text[cut:]) - len(line.text[cut:].lstrip())
    index = body.index(line)
    return [*body[:index], Line(line.number, line.start + cut, line.end, line.text[cut:]), *body[index + 1:]]


def paragraphs(body: list[Line]) -> list[list[Line]]:
    groups: list[list[Line]] = [[]]
    for line in body:
        if line.blank:
            if groups[-1]:
                groups.append([])
        else:
            groups[-1].append(line)
    return [group for group in groups if group]


def printed_text(body: Iterable[Line]) -> str:
    """The body as printed, one paragraph a block, without indentation or empty lines."""
    blocks: list[str] = []
    current: list[str] = []
    for line in body:
        if line.blank:
            if current:
                blocks.append("\n".join(current))
                current = []
        else:
            current.append(line.bare)
    if current:
        blocks.append("\n".join(current))
    return "\n\n".join(blocks)


def span_of(source: Source, body: Sequence[Line]) -> Span:
    filled = [line for line in body if not line.blank]
    return trimmed(source.text, filled[0].start, filled[-1].end)


# ---------------------------------------------------------------- the page


@dataclass
class Page:
    header: list[Line]  # site furniture above the first post: skip links, titles
    posts: list[Post]  # in page order, each with its parent set
    orphans: list[Post]  # replies whose parent post is not on the page


def read_page(source: Source) -> Page:
    """Split a discussion page into posts and nest the replies; SourceError if it has none."""
    from graph.parse.discussion_forum.replies import link_replies  # replies need the posts read first
    from graph.parse.discussion_forum.undated import read_undated_page

    lines = layout.lines(source.text)
    if not any(date_form(line) for line in lines):  # the layout that prints no dates
        header, posts = read_undated_page(source, lines)
        return Page(header, posts, link_replies(posts))
    header, segments = _segments(source, lines)
    posts = []
    for body, date_line in segments:
        try:
            date = parse_date(date_line) if date_line else None
        except ValueError:
            assert date_line is not None
            raise SourceError(source.name, source.line_of(date_line.start), f"not a calendar date: {date_line.bare!r}") from None
        if (post := _post(body, date_line, date)) is not None:
            posts.append(post)
    if not posts:
        raise SourceError(source.name, 1, "no posts with an author or text found between the dates")
    return Page(header, posts, link_replies(posts))
