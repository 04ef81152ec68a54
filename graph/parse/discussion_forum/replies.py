"""Which post a reply answers, on a discussion page read into posts (:mod:`graph.parse.discussion_forum.page`).

A reply says whom it answers in a reply line ("In reply to by Florence Kim") or by opening with that
person's name alone on a line (a mention, not text).  Replies are printed depth first, so the parent is the
nearest post by the named author on the path down to the reply; on pages that list replies by date instead,
the nearest earlier comment by that author in the same thread.  Where no post by that author is shown but the
reply stands under a question the page prints without its author, it answers that question, and the reply line
is the only place the page names who asked it.  A thread owns the unmarked posts that follow it.
"""
from __future__ import annotations

from graph.documents import Span
from graph.parse.shared.authorship import is_name_like, same_person
from graph.parse.discussion_forum.page import Post, without_mention


def link_replies(posts: list[Post]) -> list[Post]:
    """Set each reply's parent (see the module); return the replies whose parent is not on the page."""
    _mentions_as_replies(posts)
    path: list[Post] = []
    for index, post in enumerate(posts):
        if post.reply_to is not None:
            post.parent = _parent_on_path(path, post.reply_to) or _earlier_comment_by(posts[:index], post.reply_to)
            if post.parent is None and path and path[0].opens_thread and path[0].author is None:
                post.parent = path[0]
                path[0].named_by_reply = path[0].named_by_reply or _name_in(post)
        path = [*_chain(post.parent), post] if post.parent else [post]
    _adopt_unmarked_replies(posts)
    for post in posts:
        for ancestor in _chain(post.parent):
            ancestor.descendants.append(post)
    return [post for post in posts if post.reply_to is not None and post.parent is None]


def _chain(post: Post | None) -> list[Post]:
    """``post`` and its ancestors, from the top."""
    chain: list[Post] = []
    while post is not None:
        chain.insert(0, post)
        post = post.parent
    return chain


def _parent_on_path(path: list[Post], name: str) -> Post | None:
    return next((post for post in reversed(path) if post.label and same_person(post.label, name)), None)


def _earlier_comment_by(earlier: list[Post], name: str) -> Post | None:
    for post in reversed(earlier):
        if post.opens_thread:
            return None
        if post.label and same_person(post.label, name):
            return post
    return None


def _adopt_unmarked_replies(posts: list[Post]) -> None:
    """A thread owns the unmarked posts that follow it: as many as it counts, or, where the page prints no
    count, every one up to the next thread (a board lists each question with its comments)."""
    for index, thread in enumerate(posts):
        if not thread.opens_thread or thread.comments == 0 or any(post.parent is thread for post in posts):
            continue
        remaining = thread.comments
        for post in posts[index + 1 :]:
            if post.opens_thread or (remaining is not None and remaining <= 0):
                break
            if post.parent is None and post.reply_to is None:
                post.parent = thread
                if remaining is not None:
                    remaining -= sum(1 for other in posts if post in _chain(other))


def _mentions_as_replies(posts: list[Post]) -> None:
    """A comment that opens with the name of someone who posted above it, alone on a line, replies to them —
    also where the page was cut before its reply line."""
    posters: list[str] = []
    for post in posts:
        first = next((line for line in post.body if not line.blank), None)
        if (post.reply_to is None and not post.opens_thread and first is not None and is_name_like(first.bare)
                and any(same_person(first.bare, name) for name in posters)
                and any(not line.blank for line in post.body[post.body.index(first) + 1:])):
            post.reply_to = first.bare
            post.body = without_mention(post.body, post.reply_to)
        if post.label:
            posters.append(post.label)


def _name_in(reply: Post) -> Span | None:
    """Where the reply line names the author replied to."""
    line, name = reply.reply_line, reply.reply_to
    if line is None or name is None or name not in line.text:
        return None
    start = line.start + line.text.rindex(name)
    return Span(start, start + len(name))
