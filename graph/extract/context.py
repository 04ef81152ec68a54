"""What a reference designates where it stands.

A text names an instrument in full once, then says "the Convention", or cites
"article 22" with no instrument at all. These rules decide, in order:

"the Convention", "this Compact", "the Declaration" (an anaphor with a head):

1. In the record of a treaty body (its body, or the committee its heading
   names, monitors a treaty), an anaphor whose head is that treaty's
   ("Convention") is that treaty: UN summary records name every other
   convention in full.
2. Otherwise, the first instrument with that head named earlier in the same
   statement: the paragraph's topic ("Convention 143 … The Convention also
   extends … beyond the provisions of Convention 97 … The Convention also
   provides" is Convention 143 throughout).
3. Otherwise the instrument the catalogue makes the head's default ("the
   Compact" is the Global Compact for Migration).
4. Otherwise the instrument the previous statements last meant by that head.

Weaker forms refer back only within their own statement, or not at all:
"the general comment", "this resolution", "the declaration" (lower case),
"this instrument" are the nearest such instrument named earlier in the same
statement ("the Committee's general comment No. 5 … He hoped that the
general comment would…"); "Convention standards" (no article) is a treaty
body's own treaty in its record, and nothing elsewhere.

A provision cited without its instrument ("article 22", "objective 21"):

1. Kinds only one catalogued instrument has (objectives, guiding principles,
   targets) are that instrument's.
2. Articles: the nearest instrument with articles named before it in the same
   sentence, else in the same statement; else the treaty of the body whose
   record it is; else the article-bearing instrument the document names most.
3. "Article 3 thereof" is the statement's topic: the first instrument it names.
4. A bare "paragraph 3" is never guessed: in a record it is usually the
   record's own paragraph.
5. Except for an instrument cited while it was negotiated, whose paragraphs
   the catalogue says are numbered by its drafts (the Progress Declaration's
   "paragraph 32" of the zero draft, "paragraphs 38 and 39bis" of Rev. 3;
   issue 14): a bare "paragraph N" is that instrument's when the statement
   names it, or when the statement speaks of a draft ("zero draft", "Rev. 3")
   and an earlier statement of the document (not of a record, see 4) named
   it. Not when the words around it give it another owner: "CSW66 Agreed
   Conclusions, para. 5", "paragraph 3 of the report".

A general comment ("general comment No. 5") is the one numbered so by the
committee named nearest before it in the statement ("CESCR", "Committee on
Economic, Social and Cultural Rights"; "the Committee" is the body whose record
it is), else by the document's body, else the only one so numbered.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from graph.catalogue import Catalogue
from graph.extract.instruments import Hit, committee_pattern
from graph.parse.shared.names import trailing_parenthesis
from graph.records import ActorMention, DocumentKind, ParsedDocument

HEADING_LENGTH = 2500  # at most this much of a record holds its symbol, title, committee and session
ARTICLE_KINDS = {"Treaty", "ILOConvention", "Protocol", "Constitution"}
_ABBREVIATIONS = {
    "no", "nos", "mr", "ms", "mrs", "dr", "prof", "art", "arts", "para", "paras", "obj", "sec", "e.g", "i.e",
    "etc", "st", "vs", "u.s", "u.n", "rev", "doc", "p", "pp", "co", "inc", "ltd", "h.e", "cf", "ibid", "op",
}
# Words that say a text is a draft under negotiation: "the zero draft", "Rev. 3", "the revised draft".
DRAFT_CUE = re.compile(r"\b(?:zero\s+)?drafts?\b|\bRev\.?\s?\d\b|\brevisions?\b", re.IGNORECASE)
# A name and a comma before a paragraph: "CSW66 Agreed Conclusions, para.5", "General Comment 25, para 3".
_OWNER_BEFORE = re.compile(r"(?:[A-Z][\w./-]*\s+)+(?:[A-Z][\w./-]*|\d[\w./-]*)\s*,\s*$")
_OWNER_AFTER = re.compile(r"\s*,?\s*(?:of|in|under)\s+(?P<owner>[^.;,]{1,40})")
_SENTENCE_END = re.compile(r"[.!?][\"”’)\]]*\s+(?=[\"“(\[]?[A-Z0-9•·])|\n\s*\n")


def sentence_starts(text: str, start: int, end: int) -> list[int]:
    """Offsets where sentences begin in ``text[start:end]`` (abbreviations like "No." do not end one)."""
    starts = [start]
    for match in _SENTENCE_END.finditer(text, start, end):
        word = re.search(r"([\w.]+)[.!?]?$", text[max(start, match.start() - 12):match.start() + 1])
        if match.group().startswith(".") and word and word.group(1).rstrip(".").lower() in _ABBREVIATIONS:
            continue
        starts.append(match.end())
    return starts


def sentence_of(starts: list[int], position: int) -> int:
    """The start of the sentence holding ``position``."""
    return max((s for s in starts if s <= position), default=starts[0])


@dataclass
class DocumentContext:
    """The state of one document's reading: its own treaty, what its anaphors last meant."""

    document: ParsedDocument
    catalogue: Catalogue
    own_body: str | None = None  # key of the treaty body whose record it is
    own_treaty: str | None = None
    main_instrument: str | None = None  # the article-bearing instrument named most
    carried: dict[str, str] = field(default_factory=dict)  # head → instrument code
    local_acronyms: dict[str, str] = field(default_factory=dict)
    drafted_named: str | None = None  # the last instrument in drafts an earlier statement named (rule 5)

    def __post_init__(self) -> None:
        self.committees = committee_pattern(self.catalogue)
        self.own_body = self._body_key()
        if self.own_body:
            self.own_treaty = self.catalogue.actor(self.own_body).monitors

    def _body_key(self) -> str | None:
        """The treaty body whose record this is: the document's body or author, else its heading."""
        for mention in (self.document.body, self.document.author):
            actor = self._known(mention)
            if actor:
                return actor
        if self.document.kind is not DocumentKind.SUMMARY_RECORD:
            return None
        # A summary record's heading (all before its first numbered paragraph) names its committee.
        numbered = [s.span.start for s in self.document.statements
                    if s.paragraph_number is not None or re.match(r"\d{1,3}\.\s", s.text)]
        end = min(numbered[0] if numbered else HEADING_LENGTH, HEADING_LENGTH)
        heading = self.committees.search(self.document.source.text, 0, end)
        if heading and heading.group("name"):
            committee = self.catalogue.actor_named(heading.group("name"))
            return committee.key if committee and committee.monitors else None
        return None

    def _known(self, mention: ActorMention | None) -> str | None:
        if mention is None:
            return None
        for name in (mention.label, trailing_parenthesis(mention.label)[0], mention.full_name or ""):
            actor = self.catalogue.actor_named(name) if name else None
            if actor and actor.monitors:
                return actor.key
        return None

    def learn(self, hits: list[Hit]) -> None:
        """After a first reading: which article-bearing instrument the document names most."""
        counts = Counter(h.code for h in hits if h.explicit and h.code and self.has_articles(h.code))
        self.main_instrument = counts.most_common(1)[0][0] if counts else None

    def has_articles(self, code: str) -> bool:
        return bool(self.catalogue.provision_kinds(code) & {"Article"}) or \
            self.catalogue.instrument(code).kind in ARTICLE_KINDS

    # -- anaphors -------------------------------------------------------------
    def resolve_anaphor(self, hit: Hit, earlier: list[Hit]) -> str | None:
        head = hit.head or ""
        if hit.how == "bare-head":
            return self.own_treaty
        if hit.how == "lower-anaphor":
            return next((other.code for other in reversed(earlier) if other.explicit and other.code
                         and self._is_a(other.code, head)), None)
        if self.own_treaty and head in self.catalogue.instrument(self.own_treaty).heads:
            return self.own_treaty
        for other in earlier:
            if other.explicit and other.code and head in self.catalogue.instrument(other.code).heads:
                return other.code
        default = self.catalogue.default_for(head)
        if default:
            return default
        return self.carried.get(head)

    def _is_a(self, code: str, head: str) -> bool:
        """Whether a lower-case head ("resolution", "general comment", "instrument") fits an instrument."""
        instrument = self.catalogue.instrument(code)
        kinds = {"general comment": "GeneralComment", "resolution": "Resolution"}
        return head == "instrument" or instrument.kind == kinds.get(head) or head.title() in instrument.heads

    def remember(self, hits: list[Hit]) -> None:
        """What a statement's anaphors meant carries over to the next statements."""
        drafted = set(self.catalogue.drafted_instruments("Paragraph"))
        for hit in hits:
            if hit.code in drafted and self.document.kind is not DocumentKind.SUMMARY_RECORD:
                self.drafted_named = hit.code
            if hit.code:
                for head in self.catalogue.instrument(hit.code).heads:
                    self.carried[head] = hit.code

    # -- general comments -------------------------------------------------------
    def general_comment(self, hit: Hit, text: str, floor: int) -> str | None:
        number = hit.number or ""
        committee = self._committee_named(hit.prefix) if hit.prefix else None
        if committee is None:
            nearest = None
            for match in self.committees.finditer(text, floor, hit.start):
                nearest = match
            if nearest is not None:
                committee = self._committee_named(nearest.group("name")) if nearest.group("name") else self.own_body
        # A committee named (or meant by "the Committee") decides; otherwise the record's own body,
        # otherwise the number alone when only one catalogued general comment bears it.
        for candidate in ([committee] if committee else [self.own_body, None]):
            found = self.catalogue.general_comments(number, candidate)
            if len(found) == 1:
                return found[0]
        return None

    def _committee_named(self, name: str) -> str | None:
        actor = self.catalogue.actor_named(name)
        if actor and actor.monitors:
            return actor.key
        code = next((c for c, i in self.catalogue.instruments.items()
                     if any(n.exact and n.text == name for n in i.names)), None)
        body = next((a for a in self.catalogue.known_actors() if code and a.monitors == code), None)
        return body.key if body else None

    # -- paragraphs of drafts (rule 5) -----------------------------------------
    def drafted_paragraph_of(self, text: str, first: int, last: int, statement_hits: list[Hit],
                             statement_text: str) -> str | None:
        """The instrument in drafts whose paragraph ``text[first:last]`` cites, if the context names one."""
        drafted = self.catalogue.drafted_instruments("Paragraph")
        if not drafted or owned_elsewhere(text, first, last):
            return None
        named = [hit.code for hit in statement_hits if hit.code in drafted]
        if named:
            return named[0] if len(set(named)) == 1 else None
        if self.drafted_named and DRAFT_CUE.search(statement_text):
            return self.drafted_named
        return None


def owned_elsewhere(text: str, first: int, last: int) -> bool:
    """Whether the words around a paragraph reference give it an owner that is not a draft (rule 5):
    "CSW66 Agreed Conclusions, para. 5", "paragraph 3 of the report"; "In Rev 3, paragraph 38" is a draft's."""
    before = _OWNER_BEFORE.search(text, max(0, first - 60), first)
    if before and not DRAFT_CUE.search(before.group()):
        return True
    after = _OWNER_AFTER.match(text, last)
    return bool(after and not DRAFT_CUE.match(after.group("owner").removeprefix("the ")))

