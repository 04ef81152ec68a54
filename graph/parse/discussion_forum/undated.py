"""A discussion page that prints no dates: questions, and comments shown as teasers.

Some boards list a space's questions with neither author nor date, and under a question the comments as
teasers the page cuts ("… and  read more"), each followed by "In reply to by <author of the parent>"::

    Discussion Questions & Comments       the board's heading: the posts follow it
    3. What emerging … address?           a question (asked, numbered or labelled: "Q.1", "Question 1.")
    2. What emerging trends …?
    In a powerful example … read more     a comment: the block a reply line follows
    In reply to by Florence Kim           closes the comment; names who wrote the post it answers
    1. What are the key priorities …?

A block that is neither a question nor followed by a reply line goes on with the post above it ("(Please
provide specific examples)" under "Q.1 …?").  A name alone on a line right above a post is its author.  Without
the board's heading the page shows no posts it could tell from its own text, and is refused as before.
"""
from __future__ import annotations

from graph.documents import Source
from graph.errors import SourceError
from graph.parse.shared.authorship import is_name_like
from graph.parse.discussion_forum.page import BOARD, Post, is_question, paragraphs, reply_target, without_mention
from graph.parse.shared.layout import Line


def read_undated_page(source: Source, lines: list[Line]) -> tuple[list[Line], list[Post]]:
    """The header (everything down to the board's heading) and the posts under it, undated."""
    heading = next((line for line in reversed(lines) if BOARD.fullmatch(line.bare)), None)
    if heading is None:
        raise SourceError(source.name, 1, "no dated posts found: expected dates alone on a line, such as "
                                          "'Mar 02, 2022', or a board's heading ('Discussion Questions & Comments')")
    blocks = paragraphs(lines[heading.number + 1:])
    posts: list[Post] = []
    author: Line | None = None
    for index, block in enumerate(blocks):
        following = blocks[index + 1] if index + 1 < len(blocks) else None
        target = reply_target(block[0]) if len(block) == 1 else None
        if target is not None:
            if posts and posts[-1].reply_to is None:
                posts[-1].reply_to, posts[-1].reply_line, posts[-1].end = target, block[0], block[-1].end
                posts[-1].body = without_mention(posts[-1].body, target)
            continue
        if len(block) == 1 and _author_line(block[0].bare) and following is not None:
            author = block[0]
            continue
        replied = following is not None and len(following) == 1 and reply_target(following[0]) is not None
        if posts and author is None and not replied and not is_question(block) and posts[-1].reply_to is None:
            posts[-1].body = lines[posts[-1].body[0].number:block[-1].number + 1]  # blank lines between kept
            posts[-1].end = block[-1].end
            continue
        posts.append(Post(author, list(block), None, None, author or block[0], block[-1].end))
        author = None
    if not posts:
        raise SourceError(source.name, source.line_of(heading.start), "no posts under the board's heading")
    return lines[:heading.number], posts


def _author_line(text: str) -> bool:
    """A name alone on a line: capitalised words, not a parenthesis or a sentence."""
    return is_name_like(text) and not text.startswith("(") and all(
        word[:1].isupper() or word in {"de", "da", "van", "von", "der", "del", "la", "le"} for word in text.split())
