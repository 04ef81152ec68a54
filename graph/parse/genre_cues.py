"""What each genre looks like at a glance: its cues, side by side so their weights can be compared.

Each genre's cues are the conventions its documents print near the top, whatever
body or site issued them (issue 11, point 2):

* a UN summary record: the title "Summary record of the …th meeting", a symbol
  ending in "/SR.n", "Held at … on …", a presiding officer's line ("Chair:",
  "Chairperson:", "President:"), the meeting's procedure ("was called to order");
* a concept note: the label "Concept note", "Prepared by", a note's headings
  (Background, Objectives, Format, Expected outcomes…), an event still ahead
  ("will be held", "aims to:"), its date line with hours and room;
* a seminar or panel summary: a meeting named in the title, a summary label
  ("Summary of discussions", "Meeting Summaries"), the event told in the past ("was
  opened by", "took place", "delivered a keynote"), speakers reported ("X, Director
  of …, said"), panelists and moderators, session headings;
* a discussion page: the board's own headings ("Discussion Questions & Comments"),
  "Log in to post comment", "In reply to by …", dated bylines, comment counts.

A cue of one genre counts against another where the two exclude each other (a
summary record's title in a "concept note"); a press release or a programme of
time slots is none of these genres, and is left to the general reader.
"""
from __future__ import annotations

import csv

from graph.parse.shared import layout
from graph.parse.cues import Cue, Glance, counted, distinct_lines, found, line_found, pattern
from graph.parse.shared.dates import find_date, find_time
from graph.parse.discussion_forum.page import byline_author, count_ends, date_form, is_byline, reply_target
from graph.parse.shared.paragraphs import read_blocks

# --- conventions several genres are told apart by --------------------------------------------

RECORD_TITLE = pattern(r"\bsummary\s+record\b[^\n]{0,80}?\bmeeting\b")
RECORD_SYMBOL = pattern(r"(?<![\w/])(?:[A-Z0-9][A-Za-z0-9.]*/)+SR\.\d+", 0)
NOTE_LABEL = pattern(
    r"(?:\w+\s+)?(?:concept\s+(?:note|paper)|background\s+(?:note|paper)|note\s+conceptuelle|nota\s+conceptual)\b"
    r"(?:\s*[-–:].*)?")
SUMMARY_LABEL = pattern(
    r"(?:(?:informal\s+|chair(?:person)?['’]?s\s+|press\s+|meeting\s+)?summar(?:y|ies)(?:\s+report)?"
    r"(?:\s+of\s+(?:the\s+)?(?:discussions?|proceedings|meeting|debate))?|report\s+of\s+the\s+\w+(?:\s+\w+)?)\s*")
SUMMARY_SENTENCE = pattern(r"\b(?:this|the\s+present)\s+(?:informal\s+)?summary\b")
# A meeting named in a title: "Experts seminar on …", "High-level Panel discussion", "Annual Meeting".
EVENT_TITLE = pattern(
    r"\b(?:seminars?|workshops?|consultations?|symposi(?:um|a)|colloqui(?:um|a)|experts?\s+meetings?"
    r"|round\s*tables?|panel(?:\s+discussion)?s?|(?:annual|coordination|general|high-level|special|expert)\s+meetings?"
    r"|day\s+of\s+general\s+discussion|thematic\s+(?:discussion|session|dialogue)|conferences?|forums?"
    r"|dialogues?|debates?|launch(?:es|ed)?)\b")
# The event still ahead, as a note announces it.
EVENT_AHEAD = pattern(
    r"\b(?:will\s+(?:be\s+(?:held|organi[sz]ed|moderated|chaired|opened|convened)|take\s+place|host|bring\s+together"
    r"|focus\s+on|consider|address|discuss|include)|aims?\s+to|is\s+(?:expected|intended)\s+to"
    r"|are\s+(?:invited|expected)\s+to)\b")
OBJECTIVES_LIST = pattern(
    r"[^\n]*\b(?:aims?\s+to|objectives?\s+(?:of\s+[^:\n]{0,80}\s+)?(?:are|is)(?:\s+to)?"
    r"|purpose\s+of\s+[^:\n]{0,80}\s+is\s+to)\s*:[ \t]*$")
NOTE_HEADING = pattern(
    r"(?:(?:\d{1,2}|[IVX]{1,4}|[A-H])[.)]\s*)?(?:background|rationale|objectives?|aims?|purpose|format|modalities"
    r"|expected\s+(?:outcomes?|results?)|outcomes?|guiding\s+questions|questions\s+for\s+(?:debate|discussion)"
    r"|target\s+audience|panel+ists|speakers|context|justification|methodology|date\s+and\s+venue|venue)\s*:?")
# The event told in the past, as a summary tells it.
EVENT_PAST = pattern(
    r"\b(?:was\s+(?:opened|closed|chaired|moderated|attended|held|organi[sz]ed|launched|shown|broadcast(?:ed)?)"
    r"|were\s+(?:held|presented|discussed)|took\s+place"
    r"|(?:today|this\s+(?:morning|afternoon|evening))\s+(?:held|opened|concluded|closed|heard|began|launched)"
    r"|(?:opened|concluded|closed)\s+its\s+[\w-]+\s+session|heard\s+(?:an\s+address|a\s+presentation|statements)"
    r"|held\s+(?:a|an|its)\s+(?:debate|day\s+of\s+general\s+discussion|event|panel|meeting|seminar|workshop"
    r"|discussion|dialogue)|opened\s+the\s+(?:meeting|seminar|session|panel|workshop|discussion|consultation)"
    r"|brought\s+together|came\s+together|in\s+(?:his\s+|her\s+|their\s+)?opening\s+remarks"
    r"|delivered\s+(?:a|an|the)\s+(?:speech|keynote|statement|presentation|address)|focus+ed\s+on"
    r"|chaired\s+(?:today\s+)?(?:a|the)\b|participants\s+(?:attended|noted|discussed|emphasi[sz]ed|agreed|stressed"
    r"|raised|underlined|highlighted|asked))")
# "Mr. Seth stressed", "Fatimata Diallo, Committee Chair, in opening remarks, said".
REPORTED_SPEECH = pattern(
    r"(?:\b(?:Mr|Ms|Mrs|Dr|Prof)\.?\s+[A-Z][\w’'-]+(?:\s+[A-Z][\w’'-]+){0,3}"
    r"|\b[A-Z][a-z]+(?:\s+[A-Z][a-z’'-]+){1,3},\s+(?:the\s+)?[A-Z][^.\n]{0,150}?,)"
    r"\s+(?:also\s+|further\s+)?(?:said|stated|stressed|recalled|noted|underlined|highlighted|emphasi[sz]ed|explained"
    r"|observed|pointed\s+out|added|told|urged|welcomed|recommended|warned|summari[sz]ed|updated|briefed)\b", 0)
SESSION_HEADING = pattern(
    r"(?:(?:opening|closing|first|second|third|fourth|final|plenary|concluding|high-level)\s+session"
    r"|session\s+(?:\d+|[IVX]+)\b.*|panel\s+(?:\d+|[IVX]+)\b.*|(?:[A-H]|[IVX]{1,4})\.\s+(?:opening|closing)\b.*)")
SPEAKER_ROLES = pattern(r"\b(?:panel+ists?|moderator|moderated\s+by|keynote|participants)\b")
NUMBERED = pattern(r"^[ \t]*\d{1,3}\.\s")
NUMBERED_SPEAKER = pattern(r"^[ \t]*\d{1,3}\.\s+(?:The\s+Chair\w*,\s+)?(?:Mr|Ms|Mrs|Dr|Prof|Professor|Ambassador)\.?\s")
PROCEDURE = pattern(
    r"\b(?:was\s+called\s+to\s+order|the\s+meeting\s+rose\s+at|discussion\s+covered\s+in\s+the\s+summary\s+record"
    r"\s+began)\b")
HELD = pattern(r"(?:^[ \t]*|\bmeeting,?\s+)held\s+(?:at|in|via)\b")
PRESIDING_LINE = pattern(r"^[ \t]*(?:acting\s+|temporary\s+)?(?:chair(?:person|man|woman)?|president)\s*:")
RECORD_SPEECH = pattern(
    r"^[ \t]*(?:\d{1,4}\.\s*)?(?:the\s+chair\w*|mr\.|ms\.|mrs\.|sir|an?\s+representative|the\s+representative)\b"
    r"[^\n]{0,300}?\b(?:said|asked|invited|declared)\b")
PREPARED_BY = pattern(r"^\s*\(?\s*(?:prepared|drafted)\s+by\b")
QUESTIONS = pattern(r"questions?\s+(?:have\s+been\s+|are\s+)?(?:proposed|for\s+(?:debate|discussion))|guiding\s+questions")
SLASH_MARK = pattern(r"^[ \t]*/(?=[ \t\r]|$)")
TIME_SLOT = pattern(r"\d{1,2}[:.]\d{2}\s*[-–]\s*\d{1,2}[:.]\d{2}\b.*")
BOARD_HEADING = pattern(
    r"(?:online\s+)?discussions?\s+(?:spaces?|questions(?:\s*(?:&|and)\s*comments)?|board|forum|threads?)"
    r"|[^.\n]{0,60}\bdiscussion\s+space|online\s+(?:discussions?|consultations?)")
LOG_IN = pattern(r"\blog\s?in\s+(?:or\s+register\s+)?to\s+(?:post|reply|comment)")
MODERATORS = pattern(r"(?:discussion\s+)?moderators?\s*:?")
PRESS = pattern(
    r"^[ \t]*(?:press\s+release|news\s+release|communiqu[ée]\s+de\s+presse|comunicado\s+de\s+prensa"
    r"|for\s+(?:use\s+of\s+)?information\s+media\b.*)[ \t]*$"
    r"|^[ \t]*\(received\s+from\s+a\s+UN\s+information\s+officer\.?\)"
    # a wire dateline: "TURIN, 30 June -- …"
    r"|^[ \t]*[A-Z][A-Z .'’-]{2,40},\s+(?:\d{1,2}\s+[A-Z][a-z]+|[A-Z][a-z]+\.?\s+\d{1,2})\s*(?:--|—)")


def _reply_lines(glance: Glance) -> bool:
    return any(reply_target(line) for line in layout.lines(glance.text) if not line.blank)


def _bylines(glance: Glance) -> float:
    """Dated bylines: "Submitted by X - 25 February 2021", or a date alone above its author's name."""
    lines = layout.lines(glance.text)
    shown = sum(1 for line in lines[:-1]
                if date_form(line) and (byline_author(line) or is_byline(lines[line.number + 1].bare)))
    return shown / 2


def _comment_counts(glance: Glance) -> bool:
    return bool(count_ends(layout.lines(glance.text)))


def _discussion_page(glance: Glance) -> bool:
    return bool(LOG_IN.search(glance.text) or glance.lines_matching(BOARD_HEADING) or _reply_lines(glance))


def _date_line(glance: Glance) -> bool:
    """A header line giving the event's date with its hours or its room: "Tuesday 4 March 2014,
    09:00-12:00, room XX, Palais des Nations"."""
    for line in glance.lines[:12]:
        date = find_date(line)
        if date is None or len(line.split()) > 20:
            continue
        rest = line[date.end:]
        if find_time(rest) or pattern(r"\b(?:from\s+\d|room|salle|hall|venue)\b").search(rest):
            return True
    return False


def _programme(glance: Glance) -> bool:
    """A programme: three or more time slots ("11:00 – 11:15") on lines of their own."""
    return len(glance.lines_matching(TIME_SLOT)) >= 3


def _first_line_label(glance: Glance) -> float:
    head = glance.lines[:12]
    if head and NOTE_LABEL.fullmatch(head[0]):
        return 1.0
    return 0.85 if any(NOTE_LABEL.fullmatch(line) for line in head) else 0.0


SUMMARY_RECORD_CUES: tuple[Cue, ...] = (
    Cue("title 'Summary record of the …th meeting'", 0.5, found(RECORD_TITLE)),
    Cue("symbol '…/SR.n'", 0.15, found(RECORD_SYMBOL)),
    Cue("'Distr.'", 0.05, found(pattern(r"\bDistr\.", 0))),
    Cue("'Held at/via … on …'", 0.1, found(HELD)),
    Cue("presiding officer's line ('Chair:')", 0.1, found(PRESIDING_LINE)),
    Cue("the meeting's procedure ('called to order')", 0.15, found(PROCEDURE)),
    Cue("paragraphs of members' and delegations' speech", 0.1, counted(RECORD_SPEECH, 2)),
)

CONCEPT_NOTE_CUES: tuple[Cue, ...] = (
    Cue("label 'Concept note'", 0.6, _first_line_label),
    Cue("'Prepared by'", 0.15, found(PREPARED_BY, "head")),
    Cue("a note's headings (Background, Objectives, Format…)", 0.3, distinct_lines(NOTE_HEADING, 2)),
    Cue("the event named in the title", 0.15, found(EVENT_TITLE, "head")),
    Cue("the event ahead ('will be held', 'aims to')", 0.3, found(EVENT_AHEAD)),
    Cue("objectives introduced as a list ('aims to:')", 0.2, found(OBJECTIVES_LIST)),
    Cue("date line with hours or room", 0.15, _date_line),
    Cue("questions proposed for debate", 0.15, found(QUESTIONS)),
    Cue("footnote marks '/' at line starts", 0.1, lambda glance: glance.count(SLASH_MARK) >= 2),
    Cue("a summary record's title", -0.6, found(RECORD_TITLE, "head")),
    Cue("what speakers said ('X said')", -0.3, counted(REPORTED_SPEECH, 2)),
    Cue("the event told in the past", -0.2, found(EVENT_PAST)),
    Cue("a discussion page", -0.5, _discussion_page),
    Cue("a programme's time slots", -0.4, _programme),
    Cue("a press release", -0.5, found(PRESS)),
)

SEMINAR_SUMMARY_CUES: tuple[Cue, ...] = (
    Cue("a meeting named in the title", 0.2, found(EVENT_TITLE, "head")),
    Cue("labelled a summary", 0.3, lambda glance: bool(glance.lines_matching(SUMMARY_LABEL)
                                                       or SUMMARY_SENTENCE.search(glance.text))),
    Cue("the event told in the past ('was opened by', 'took place')", 0.3,
        lambda glance: len({m.group(0).lower() for m in EVENT_PAST.finditer(glance.text)}) / 2),
    Cue("speakers reported ('X, Director of …, said')", 0.3, counted(REPORTED_SPEECH, 2)),
    Cue("panelists, moderators, participants", 0.1, found(SPEAKER_ROLES)),
    Cue("session headings ('Session I', 'Opening session')", 0.15, line_found(SESSION_HEADING)),
    Cue("numbered paragraphs", 0.1, lambda glance: glance.count(NUMBERED) >= 3),
    Cue("numbered paragraphs opening with a speaker", 0.1, lambda glance: glance.count(NUMBERED_SPEAKER) >= 2),
    Cue("a summary record's title", -0.5, found(RECORD_TITLE, "head")),
    Cue("label 'Concept note'", -0.5, lambda glance: _first_line_label(glance) > 0),
    Cue("the event ahead ('will be held', 'aims to')", -0.2, found(EVENT_AHEAD)),
    Cue("a discussion page", -0.5, _discussion_page),
    Cue("a programme's time slots", -0.3, _programme),
    Cue("a press release", -0.5, found(PRESS)),
)

ONLINE_DISCUSSION_CUES: tuple[Cue, ...] = (
    Cue("the board's headings ('Discussion Questions & Comments')", 0.4, distinct_lines(BOARD_HEADING, 2)),
    Cue("'Log in to post comment'", 0.3, found(LOG_IN)),
    Cue("'In reply to by …'", 0.3, _reply_lines),
    Cue("dated bylines", 0.45, _bylines),
    Cue("comment counts", 0.15, _comment_counts),
    Cue("moderators named", 0.1, line_found(MODERATORS)),
    Cue("a summary record's title", -0.6, found(RECORD_TITLE, "head")),
)


def _prose_paragraphs(glance: Glance) -> float:
    """Paragraphs that are sentences: one is enough for the general reader to take a text."""
    return float(any(block.kind == "paragraph" for block in read_blocks(glance.text)))


def _table_rows(glance: Glance) -> bool:
    """Rows of a table (comma-, semicolon- or tab-separated values): a header row of short fields, then rows
    with as many fields."""
    rows = list(glance.lines)
    if len(rows) < 2:
        return False
    for delimiter in (",", ";", "\t"):
        fields = list(csv.reader(rows, delimiter=delimiter))
        widths = {len(row) for row in fields}
        if len(widths) == 1 and widths.pop() >= 2 and all(
                len(cell) <= 40 and not layout.ends_sentence(cell, ".!?") for cell in fields[0]):
            return True
    return False


PROSE_CUES: tuple[Cue, ...] = (
    Cue("paragraphs of sentences", 1.0, _prose_paragraphs),
    Cue("rows of a table", -1.0, _table_rows),
)
