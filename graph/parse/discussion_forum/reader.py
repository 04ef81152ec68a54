"""Reader for online discussion pages: threads, comments and replies scraped from the web.

The page is read as printed by :mod:`graph.parse.discussion_forum.page` (posts, dates, nesting);
this module turns it into records.  A top-level post carrying counts ("2 Members
2 Comments") opens a thread: a ``DISCUSSION_THREAD`` session in the page's
``DISCUSSION_SPACE``, whose question becomes a ``QUESTION`` statement by its poster
(the English text; translations are kept as ``extra_spans``).  Every other post is
a ``COMMENT`` by its author ("Commenter"), or a ``SUBMISSION`` when it is an
organization's text pasted in under its own title; a comment made directly in the
space (no reply line, not under a thread) belongs to the space.  Who writes for
which organization, duplicates and cut-short names follow
:mod:`graph.parse.shared.authorship`.  What the page gets wrong (printed counts that
differ from the replies shown, replies to posts not shown, posts without an author)
goes into the document's notes.
"""
from __future__ import annotations

import re

from graph import content_keys
from graph.documents import Source, Span
from graph.parse.base import GenreReader, trimmed
from graph.parse.genre_cues import ONLINE_DISCUSSION_CUES
from graph.parse.shared.authorship import (
    NAME, is_organisation_name, link_duplicates, resolve_full_name, stated_organisation,
)
from graph.parse.discussion_forum.page import Page, Post, paragraphs, printed_text, read_page, span_of
from graph.parse.discussion_forum.space import space_description, space_title
from graph.parse.shared.keys import UniqueIds, title_slug
from graph.parse.shared.layout import Line
from graph.records import (
    ActorKind, ActorMention, DocumentKind, ParsedDocument, Participation, Session, SessionKind, Statement,
    StatementKind, Translation,
)

# A disclaimer in the footer names the host: "… do not necessarily reflect the views of the X".
_HOST = re.compile(rf"views of (?:the )?(?P<org>{NAME})")


# ---------------------------------------------------------------- what a post is

_FRENCH = frozenset("le la les des du de et est sont nous vous pouvons comment quels quelles que qui pour dans sur une un au aux soit vers".split())
_SPANISH = frozenset("el la los las de del y que en para por con una un es son cómo qué al se".split())
_ENGLISH = frozenset("the and of to in is are we can how what that for on with you be will this by while your which".split())


def language(text: str) -> str | None:
    """'en', 'fr' or 'es' by function words; None if too short to tell."""
    words = re.findall(r"[^\W\d_]+", text.lower())
    scores = {code: sum(word in vocabulary for word in words) for code, vocabulary in
              (("en", _ENGLISH), ("fr", _FRENCH), ("es", _SPANISH))}
    best = max(scores, key=lambda code: scores[code])
    ranked = sorted(scores.values(), reverse=True)
    return best if ranked[0] >= 2 and ranked[0] > ranked[1] else None


_SALUTATION = re.compile(r"(?i)(?:dear|hi|hello|greetings|thank|thanks|please|attached|enclosed|kind regards)\b")


def is_pasted_submission(body: list[Line]) -> bool:
    """An organization's text pasted in: a title line, then several paragraphs of text.

    A short cover note under a title ("Statement from X" + one line pointing to an
    attachment) stays a comment.
    """
    filled = [line for line in body if not line.blank]
    if len(filled) < 3:
        return False
    title, rest = filled[0].bare, filled[1:]
    words = title.split()
    return (
        2 <= len(words) <= 25
        and title[-1] not in ".:;,!?"
        and title[0].isupper()
        and not _SALUTATION.match(title)
        and sum(len(line.bare) for line in rest) >= 400
    )


# ---------------------------------------------------------------- the reader


class DiscussionForumReader(GenreReader):
    kind = DocumentKind.ONLINE_DISCUSSION

    cues = ONLINE_DISCUSSION_CUES

    def read(self, source: Source) -> ParsedDocument:
        return _Assembly(source, read_page(source)).document()


class _Assembly:
    """Turns the posts of one page into sessions, statements and participations."""

    def __init__(self, source: Source, page: Page) -> None:
        self.source, self.posts, self.orphans = source, page.posts, page.orphans
        header_end = page.header[-1].end if page.header else 0
        self.descriptions = space_description(source.text, header_end)
        titles = space_title(page.header, self.descriptions[0].span.start if self.descriptions else None)
        self.title = ": ".join(line.bare for line in titles) or f"Online discussion {source.stem}"
        # Where the page names its space: its title lines (a page without one names it nowhere).
        self.title_span = span_of(source, titles) if titles else None
        self.space_key = f"discussion/{source.stem}"
        self.footer_start = page.posts[-1].span.end
        self.notes: list[str] = []
        self.unique_ids = UniqueIds()
        self.unique_session_key = UniqueIds()
        self.sessions: list[Session] = []
        self.statements: list[Statement] = []
        self.participations: dict[tuple[str, str, str], Participation] = {}
        self.known_names = {name for post in page.posts for name in (post.label, post.reply_to) if name}

    def document(self) -> ParsedDocument:
        orphans: dict[str, list[int]] = {}
        for orphan in self.orphans:
            orphans.setdefault(orphan.reply_to or "", []).append(self.source.line_of(orphan.first.start))
        for name, numbers in orphans.items():
            self.notes.append(
                f"{len(numbers)} replies to a post by {name} that is not on the page (lines {', '.join(map(str, numbers))});"
                " kept in the discussion space without a parent"
            )
        dated = [post.date for post in self.posts if post.date is not None]
        space = Session(
            key=self.space_key, kind=SessionKind.DISCUSSION_SPACE, label=self.title,
            date=min((post.date for post in self.posts if post.opens_thread and post.date), default=min(dated, default=None)),
            organizer=self._host(), span=self.title_span,
        )
        self.sessions.append(space)
        self._describe()
        for post in self.posts:
            if post.opens_thread:
                self._thread(post)
            else:
                self._comment(post)
        self.notes.extend(link_duplicates([s for s in self.statements if s.kind is not StatementKind.QUESTION]))
        self._check_counts()
        return ParsedDocument(
            source=self.source, kind=DocumentKind.ONLINE_DISCUSSION, title=self.title,
            date=min(dated, default=None), sessions=self.sessions, statements=self.statements,
            participations=list(self.participations.values()), notes=self.notes,
        )

    # -- pieces

    def _host(self) -> ActorMention | None:
        """The site's host where the footer's disclaimer names it ("… the views of the X")."""
        match = _HOST.search(self.source.text, self.footer_start)
        if not match:
            return None
        return ActorMention(match["org"], ActorKind.ORGANIZATION, Span(match.start("org"), match.end("org")))

    def _describe(self) -> None:
        """The space's welcome text, a statement of the page with no poster (:mod:`graph.parse.discussion_forum.space`)."""
        for description in self.descriptions:
            self.statements.append(Statement(
                local_id=self.unique_ids(f"d-{content_keys.digest(description.text)}"), span=description.span,
                text=description.text, session=self.space_key))

    def _speaker(self, post: Post) -> ActorMention | None:
        if post.author is None and post.named_by_reply:  # named only by the reply line under it
            return ActorMention(self.source.quote(post.named_by_reply), ActorKind.PERSON, post.named_by_reply)
        if post.author is None:
            return None
        label = post.label or ""
        kind = ActorKind.ORGANIZATION if is_organisation_name(label) else ActorKind.PERSON
        own_text = "\n".join(line.text for line in post.body)
        full = resolve_full_name(label, self.known_names, own_text)
        return ActorMention(label, kind, trimmed(self.source.text, post.author.start, post.author.end), full_name=full)

    def _local_id(self, prefix: str, post: Post, text: str) -> str:
        content = "|".join((post.label or "", post.date.isoformat() if post.date else "", text))
        return self.unique_ids(f"{prefix}-{content_keys.digest(content)}")

    def _thread(self, post: Post) -> None:
        groups = paragraphs(post.body)
        if not groups:
            raise GenreReader.fail(self.source, post.first.start, "a thread with counts but no question")
        primary, translations = _question_and_translations(groups)
        text = "\n\n".join(printed_text(group) for group in primary)
        key = self.unique_session_key(f"{self.space_key}/{title_slug(text)}")
        speaker = self._speaker(post)
        self.sessions.append(Session(
            key=key, kind=SessionKind.DISCUSSION_THREAD, label=" ".join(text.split()), date=post.date,
            parent=self.space_key, posted_by=speaker, member_count=post.members, comment_count=post.comments,
            span=post.span,
        ))
        post.session = key
        statement = Statement(
            local_id=self._local_id("q", post, text),
            span=span_of(self.source, [line for group in primary for line in group]),
            text=text, kind=StatementKind.QUESTION, speaker=speaker,
            speaker_as_printed=post.label or (speaker.label if speaker else None), role="Poster" if speaker else None,
            session=key,
            date=post.date,
            extra_spans=[span_of(self.source, group) for group in translations],
            translations=_translated(self.source, translations),
        )
        self._add(post, statement, "Poster")

    def _comment(self, post: Post) -> None:
        post.session = post.parent.session if post.parent else self.space_key
        if not any(not line.blank for line in post.body):
            self.notes.append(f"line {self.source.line_of(post.first.start)}: post by {post.label} has no text; skipped")
            return
        text = printed_text(post.body)
        span = span_of(self.source, post.body)
        speaker = self._speaker(post)
        on_behalf = stated_organisation(self.source.text, span, post.label)
        if speaker is None:
            when = f" of {post.date.isoformat()}" if post.date else ""
            self.notes.append(f"line {self.source.line_of(span.start)}: comment{when} has no author shown")
        statement = Statement(
            local_id=self._local_id("c", post, text), span=span, text=text,
            kind=StatementKind.SUBMISSION if is_pasted_submission(post.body) else StatementKind.COMMENT,
            speaker=speaker, speaker_as_printed=post.label, role="Commenter" if speaker else None,
            on_behalf_of=on_behalf, session=post.session, date=post.date,
            in_reply_to=post.parent.statement.local_id if post.parent and post.parent.statement else None,
        )
        self._add(post, statement, "Commenter")

    def _add(self, post: Post, statement: Statement, role: str) -> None:
        post.statement = statement
        self.statements.append(statement)
        if statement.speaker is not None and statement.session is not None:
            key = (statement.speaker.label, statement.session, role)
            self.participations.setdefault(key, Participation(statement.speaker, role, statement.session, span=statement.speaker.span))

    def _check_counts(self) -> None:
        """Compare each printed comment count with the replies found under the post."""
        for post in self.posts:
            if post.comments is None:
                continue
            shown = [d for d in post.descendants if d.statement is not None]
            unique = [d for d in shown if d.statement and not d.statement.duplicate_of]
            if post.comments != len(shown):
                what = f"thread {post.session}" if post.opens_thread else f"comment {post.statement.local_id if post.statement else '?'}"
                self.notes.append(
                    f"line {self.source.line_of(post.first.start)}: {what} prints {post.comments} comments;"
                    f" the page shows {len(shown)} replies under it ({len(unique)} without duplicates)"
                )


def _translated(source: Source, groups: list[list[Line]]) -> list[Translation]:
    """The translations of a thread's question: its paragraphs in another language, one text per language.

    A translation may run over several paragraphs (a question with its context):
    those of one language are one text, in the order printed.
    """
    texts: dict[str, list[list[Line]]] = {}
    for group in groups:
        tongue = language(" ".join(line.bare for line in group))
        if tongue not in (None, "en"):
            texts.setdefault(tongue, []).append(group)
    return [Translation(tongue, "\n\n".join(printed_text(group) for group in found),
                        span_of(source, [line for group in found for line in group]))
            for tongue, found in texts.items()]


def _question_and_translations(groups: list[list[Line]]) -> tuple[list[list[Line]], list[list[Line]]]:
    """The question in English (the page's language) and its translations.

    The primary text is the first run of paragraphs not detected as another
    language; paragraphs in French or Spanish are translations.
    """
    tongues = [language(" ".join(line.bare for line in group)) for group in groups]
    start = next((i for i, tongue in enumerate(tongues) if tongue in ("en", None)), 0)
    end = start
    while end < len(groups) and tongues[end] in ("en", None):
        end += 1
    primary = groups[start : max(end, start + 1)]
    return primary, [group for group in groups if group not in primary]
