"""Plain records that parsers and extractors produce, before any RDF.

A parser (one per genre, ``graph.parse``) turns a :class:`~graph.documents.Source`
into a :class:`ParsedDocument`: its sessions, its statements and the actors as
printed.  Extractors then fill in what needs the catalogue or the whole corpus:
references to provisions and instruments (``graph.extract.citations``) and the
identity of actors across documents (``graph.extract.actors``).  ``graph.to_rdf``
writes each document's own graph, and ``graph.sessions_graph`` and
``graph.actors_graph`` describe once what several documents can name.

Keys are content keys (names, numbers, dates as printed), never counters, so
IRIs stay stable across rebuilds.
"""
from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field
from enum import StrEnum

from graph.content_keys import bare_name
from graph.documents import Source, Span


class DocumentKind(StrEnum):
    """The genres mrkg reads; the value is the ontology class's local name."""

    SUMMARY_RECORD = "SummaryRecord"
    CONCEPT_NOTE = "ConceptNote"
    SEMINAR_SUMMARY = "SeminarSummary"
    ONLINE_DISCUSSION = "OnlineDiscussion"
    PROSE_DOCUMENT = "ProseDocument"  # no genre reader's: read as paragraphs of prose (issue 11, point 2)


class SessionKind(StrEnum):
    """What kind of gathering a :class:`Session` is (ontology class local name)."""

    SESSION = "Session"  # e.g. the Committee's thirty-fifth session
    MEETING = "Meeting"  # e.g. its 506th meeting, within that session
    THEMATIC_SESSION = "ThematicSession"  # e.g. CAM's second thematic session
    SEMINAR = "Seminar"  # a whole seminar or consultation
    SEMINAR_SESSION = "SeminarSession"  # one session of a seminar
    DISCUSSION_SPACE = "DiscussionSpace"  # an online space holding threads
    DISCUSSION_THREAD = "DiscussionThread"  # one question and its comments


class ActorKind(StrEnum):
    PERSON = "Person"
    ORGANIZATION = "Organization"
    STATE = "State"
    GROUP = "Group"  # an unnamed collective, e.g. "Participants" of a seminar


class StatementKind(StrEnum):
    PARAGRAPH = "Paragraph"  # a paragraph of a record, note or summary
    COMMENT = "Comment"  # a comment in an online discussion
    QUESTION = "Question"  # a question put for debate (thread opener, note)
    SUBMISSION = "Submission"  # an organization's text pasted into a comment
    FOOTNOTE = "Footnote"  # a note of the document's authors, marked in a paragraph (issue 14)


@dataclass
class ActorMention:
    """An actor as printed in one passage, before resolution across documents.

    ``label`` is kept exactly as printed ("Ms. Hernández Paramo", "Mexico",
    "Office of the United Nations High Commissioner for Human Rights (OHCHR)").
    ``key`` is filled by :mod:`graph.extract.actors`.
    """

    label: str
    kind: ActorKind
    span: Span | None = None
    full_name: str | None = None  # where the source gives it elsewhere
    key: str | None = None


@dataclass(frozen=True)
class ProvisionRef:
    """A provision as cited: instrument code and number as printed.

    ``number`` follows the contract's forms: "22", "25(1)", "10.c", "27(f)".
    ``kind`` is the provision class local name: Article, Objective,
    GuidingPrinciple, Paragraph, Target.
    """

    instrument: str
    kind: str
    number: str


@dataclass
class Citation:
    """An explicit reference to a provision at ``span`` of the source."""

    provision: ProvisionRef
    span: Span


@dataclass
class Mention:
    """A reference to a whole instrument at ``span`` of the source."""

    instrument: str  # the instrument's code, e.g. "ICRMW"
    span: Span


@dataclass
class Participation:
    """Someone taking part in a session in a role, as the source describes them.

    A person's role and affiliation belong to this participation (at that
    time), not to the person.
    """

    actor: ActorMention
    role: str  # "Chair", "Vice-Chair", "panelist", "moderator", "author", ...
    session: str | None = None  # Session.key
    affiliation: ActorMention | None = None
    position: str | None = None  # title as printed: "Director, Human Rights Council and Treaties Division"
    span: Span | None = None


@dataclass
class AgendaItem:
    """An item of a session's agenda, by its title, and where one document prints it.

    ``title`` is the item itself, the same in every record of the session: the
    "(continued)" that marks an item taken up again is left out of it, though it
    stays in the printed words at ``span``.
    """

    title: str
    span: Span | None = None


@dataclass
class Session:
    """A meeting, a seminar session, or a discussion thread."""

    key: str  # content key, unique across the corpus: "cmw/35/meeting/506"
    kind: SessionKind
    label: str  # as a researcher reads it (graph.titles): a heading in capitals in sentence case, cut short
    date: dt.date | None = None
    parent: str | None = None  # key of the enclosing session
    number: str | None = None  # "35", "506", as an ordinal's number
    place: str | None = None
    start_time: dt.time | None = None
    end_time: dt.time | None = None
    organizer: ActorMention | None = None  # the body holding it
    agenda_items: list[AgendaItem] = field(default_factory=list)
    posted_by: ActorMention | None = None  # a thread's poster
    member_count: int | None = None
    comment_count: int | None = None
    span: Span | None = None
    title: str | None = None  # the heading as printed, where the label shortens it


@dataclass(frozen=True)
class TopicMatch:
    """Words of a statement that match a topic's labels (``graph.extract.topics``)."""

    topic: str  # the topic's key
    span: Span
    lang: str  # the language whose labels matched


@dataclass(frozen=True)
class Translation:
    """A statement's text as its source prints it again in another language, beside it.

    A discussion thread's question is posted in English, then in French and
    Spanish (issue 14, point 5): one question, its words in three languages,
    not three statements.
    """

    language: str  # "fr", "es"
    text: str
    span: Span


@dataclass
class Statement:
    """A paragraph of a record or note, or a comment in a discussion.

    ``span`` covers the passage as printed (markup included); ``text`` is the
    same passage with markup such as ``**`` removed.  ``local_id`` is unique
    within the document and stable: the paragraph number where the source
    numbers paragraphs, otherwise derived from the content.
    """

    local_id: str
    span: Span
    text: str
    kind: StatementKind = StatementKind.PARAGRAPH
    paragraph_number: int | None = None
    speaker: ActorMention | None = None
    speaker_as_printed: str | None = None  # "The Chair", "Mr. Salama (OHCHR)"
    role: str | None = None  # the speaker's role in this statement
    on_behalf_of: ActorMention | None = None
    session: str | None = None  # Session.key
    date: dt.date | None = None
    in_reply_to: str | None = None  # local_id of a statement in the same document
    duplicate_of: str | None = None  # local_id of the earlier copy
    note_to: str | None = None  # a footnote's: local_id of the statement whose text carries its mark
    extra_spans: list[Span] = field(default_factory=list)  # e.g. footnotes whose marks it carries
    citations: list[Citation] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    mentioned_actors: list[ActorMention] = field(default_factory=list)  # named in the text, not speaking
    topics: list[TopicMatch] = field(default_factory=list)  # where its words name a topic
    translations: list[Translation] = field(default_factory=list)  # its text printed again in other languages


@dataclass
class ParsedDocument:
    """What a genre reader makes of one source."""

    source: Source
    kind: DocumentKind
    title: str
    symbol: str | None = None  # "CMW/C/SR.506"
    date: dt.date | None = None  # date of issue or publication
    language: str = "en"
    author: ActorMention | None = None
    body: ActorMention | None = None  # e.g. the Committee whose record it is
    sessions: list[Session] = field(default_factory=list)
    statements: list[Statement] = field(default_factory=list)
    participations: list[Participation] = field(default_factory=list)
    footnotes: list[Span] = field(default_factory=list)  # notes on the document itself, e.g. on its title
    notes: list[str] = field(default_factory=list)  # things the build should report

    def statement(self, local_id: str) -> Statement:
        for statement in self.statements:
            if statement.local_id == local_id:
                return statement
        raise KeyError(local_id)


@dataclass(frozen=True)
class KnownActor:
    """An organization or State of the catalogue, as actor resolution sees it."""

    key: str
    kind: ActorKind
    label: str
    aliases: tuple[str, ...]
    same_as: tuple[str, ...]
    monitors: str | None = None  # a treaty body's treaty (instrument code)


@dataclass
class Actor:
    """An actor resolved across the corpus."""

    key: str
    kind: ActorKind
    printed: Counter[str] = field(default_factory=Counter)
    same_as: tuple[str, ...] = ()
    in_catalogue: bool = False
    catalogue_label: str | None = None

    @property
    def label(self) -> str:
        if self.catalogue_label:
            return self.catalogue_label
        if self.kind is ActorKind.PERSON:
            # The most complete printed form: "Mr. Bacre Waly Ndiaye" rather than "Mr. Ndiaye".
            return max(self.printed, key=lambda form: (len(bare_name(form).split()), self.printed[form], form))
        return max(self.printed.items(), key=lambda pair: (pair[1], len(pair[0]), pair[0]))[0]

    @property
    def alt_labels(self) -> list[str]:
        return sorted(form for form in self.printed if form != self.label)
