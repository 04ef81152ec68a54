"""Who speaks in a paragraph of reported speech — only where the text says so.

Narrative prose (press releases, meeting summaries, reports, records read
without their genre reader) names a speaker with a verb of saying in the
paragraph's first sentence, in one of a few forms::

    Mr. Gil Pinto (Bolivarian Republic of Venezuela), noting that …, said that …
    Fatimata Diallo, Committee Chair, in opening remarks, said …
    H. E. Mr. Masud Bin Momen, Permanent Representative of Bangladesh … delivered a speech …
    The moderator of today's panel discussion, Craig Mokhiber, Chief of …, said …
    A representative of Belgium, recalling that …, said …      An OHCHR representative also delivered a speech
    The Chairperson thanked …                                   (an office: whoever presides)
    Briefing outlining the set up …, Mr. El Jamri said …        (after an opening clause)
    … will provide useful input, the President of the Economic and Social Council told experts …
    "What set this meeting apart was …," said Hania Zlotnik, head of …
    She focused on …                                            (the previous speaker goes on)
    The meeting was opened by Mr. X, Director of …, who said …  (the opener, where their words follow)

A paragraph in none of these forms has no speaker: it is the document's own
narrative, even when it names people ("The panel discussion was opened by the
High Commissioner and included …": who opened a meeting is not who speaks in the
paragraph, unless the paragraph reports the opener's words: "…, who said").  A
speaker introduced as a State's envoy ("…, Permanent Representative of
Bangladesh to the United Nations") speaks for that State.
Only the first sentence is read for an opening speaker, so a person named
later ("… a meeting with Mr. Ruhs") never becomes one.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from graph.documents import Span
from graph.content_keys import HONORIFIC
from graph.parse.shared.names import PARTICLES, capitalised
from graph.parse.shared.people import PersonPhrase, looks_like_person
from graph.parse.shared.speakers import capacity_of

SPEECH_VERB = (
    r"(?:said|says|stated|told|added|adds|noted|notes|stressed|stresses|emphasi[sz]ed|underlined|underscored"
    r"|highlighted|recalled|recalls|reminded|observed|explained|pointed\s+out|indicated|affirmed|reaffirmed"
    r"|reiterated|insisted|argued|suggested|proposed|recommended|urged|called\s+(?:on|for|upon)|appealed|asked"
    r"|inquired|requested|invited|welcomed|thanked|congratulated|commended|expressed|acknowledged|concluded"
    r"|summari[sz]ed|announced|declared|informed|assured|replied|responded|answered|presented|introduced"
    r"|spoke|described|outlined|focus(?:s|ed|sed)\s+on|warned|cautioned|recogni[sz]ed|regretted|deplored|lamented"
    r"|maintained|asserted|confirmed|mentioned|remarked|reported|updated|briefed|encouraged|raised|discussed|shared"
    r"|(?:provided|gave|offered)\s+(?:(?:the|a|an|his|her|their)\s+)?(?:\w+\s+){0,4}?(?:overview|background|briefing"
    r"|update|account|summary|presentation)"
    r"|(?:delivered|gave|made)\s+(?:a|an|the|his|her|their)\s+(?:\w+\s+)?(?:speech|statement|keynote|presentation"
    r"|address|remarks|overview))\b"
)
_VERB = re.compile(r"(?:\s*,)?\s+(?:also\s+|further\s+|then\s+|again\s+)?" + SPEECH_VERB)
_ANY_VERB = re.compile(r"(?<=[\s,)])(?:also\s+|further\s+)?" + SPEECH_VERB)
_HONORIFICS = re.compile(rf"(?:{HONORIFIC}\.?\s+)+")
_NAME_WORD = re.compile(r"[^\W\d_][\w'’\-]*\.?")
# Offices a speaker may be named by.  The presiding ones stand for whoever chairs (the document's "Chair:").
_PROPER = r"[A-Z][\w’'\-]*(?:\s+(?:(?:of|for|on|and|the|to|in)\s+)*[A-Z][\w’'\-]*)*"
_OFFICE = re.compile(
    r"(?i:the\s+)?(?P<office>(?i:(?:acting\s+|vice-)?(?:chair(?:person|man|woman)?|president|moderator|facilitator"
    r"|secretary(?!-general)|rapporteur|high\s+commissioner|deputy\s+high\s+commissioner|secretary-general"
    r"|director(?:-general)?|special\s+rapporteur|special\s+representative|executive\s+secretary|head|chief)))\b"
    rf"(?P<of>\s+(?:of|for|on)\s+(?:the\s+)?{_PROPER})?"
)
PRESIDING = re.compile(r"(?:acting\s+)?chair(?:person|man|woman)?|president", re.I)
_DELEGATE = re.compile(
    rf"(?i:the|an?|another)\s+(?i:representatives?)\s+(?i:of|from|for)\s+(?:the\s+)?(?P<whom>{_PROPER}"
    r"(?:\s+\([A-Z][\w\-]*\))?)"
    r"|(?i:the|an?|another)\s+(?P<acronym>[A-Z][A-Za-z\-]*[A-Z])\s+(?i:representative)\b"
)
_BEHALF = re.compile(r",\s*(?:also\s+)?speaking\s+(?:also\s+)?on\s+behalf\s+of\s+(?:the\s+)?(?P<whom>[^,;]+?)\s*,", re.I)
_PRONOUN = re.compile(r"(?:He|She|They)\s+(?:also\s+|further\s+|then\s+|again\s+|later\s+)?" + SPEECH_VERB)
# "The meeting was opened by Mr. X, …, who said …": the opener speaks only where the paragraph reports their words.
_OPENED_BY = re.compile(
    r"(?i:the|this)\s+(?:[\w’'\-]+\s+){0,4}?(?i:meeting|seminar|session|panel|discussion|workshop|consultation"
    r"|dialogue|event|conference|forum|debate|round\s*table)\s+(?i:was)\s+(?i:opened|chaired|moderated|introduced)"
    r"\s+(?i:by)\s+")
_WHO_SAYS = re.compile(r",?\s+who\s+(?:also\s+|then\s+|first\s+)?" + SPEECH_VERB)
# "…, Permanent Representative of Bangladesh to the United Nations": a State's envoy speaks for it.
_ENVOY = re.compile(r"(?:(?i:deputy|alternate)\s+)?(?:Permanent\s+)?(?:Representative|Ambassador|Observer)\s+of\s+(?:the\s+)?"
                    r"(?P<whom>[A-Z][\w’'\-]*(?:\s+(?:(?:of|and|the)\s+)*[A-Z][\w’'\-]*)*)(?=\s+(?:to|at|in)\b|\s*[,.;]|$)")
# A clause that opens a sentence before its subject: "Opening the dialogue,", "In his concluding remarks,".
_ADVERBIAL = re.compile(r"(?:[A-Z][a-z]+ing\b|(?:In|At|During|After|Before|Following|On|For)\s)")
# A title printed before a name: "Committee Chairperson", "Special Rapporteur", "UN High Commissioner for Human Rights".
_TITLE_BEFORE_NAME = re.compile(
    r"(?:[A-Z][\w’'\-]*\s+){0,4}?(?:Chair(?:person|man|woman)?|Vice-Chair(?:person)?|President|Director(?:-General)?"
    r"|(?:High\s+)?Commissioner|Rapporteur|Secretary(?:-General)?|Minister|Chief|Coordinator|Expert|Moderator)"
    rf"(?:\s+(?:of|for|on)\s+(?:the\s+)?{_PROPER})?\s+(?=[A-Z])")
# "…, recalled Navi Pillay, …": a verb of saying after a comma, then the speaker.
_SAID_THEN_NAME = re.compile(
    r",\s+(?:said|recalled|stressed|noted|added|explained|observed|warned|emphasi[sz]ed|underlined|stated"
    r"|pointed\s+out|insisted|concluded)\s+(?=[A-Z])")
# A speaker named after the quotation: '…," said Hania Zlotnik, head of …'.
_AFTER_QUOTE = re.compile(r"[,.]?\s*[”\"]\s*,?\s*(?:said|added|stressed|explained|noted)\s+(?=[A-Z])")
# Abbreviations whose full stop does not end a sentence.
_ABBREVIATION = re.compile(rf"(?:{HONORIFIC}|No|Nos|art|para|paras|Add|Rev|Corr|a\.m|p\.m|i\.e|e\.g|[A-Z])\.$")


@dataclass(frozen=True)
class Voice:
    """Who speaks in one paragraph, as printed there (spans are offsets into the text read)."""

    printed: Span  # the words that name the speaker ("Mr. Gil Pinto (Bolivarian …)", "The Chair")
    person: PersonPhrase | None = None  # a named person
    office: str | None = None  # an office the speaker is named by: "Chairperson", "President of the …"
    presiding: bool = False  # the office is whoever chairs the meeting
    delegation: Span | None = None  # "Belgium" in "A representative of Belgium"
    behalf: Span | None = None  # for whom the speaker speaks: "(Tunisia)", "speaking on behalf of X"
    capacity: str | None = None  # a role printed in the parenthesis: "Secretary", "Vice-Chair"
    continues: bool = False  # "She stressed …": the previous speaker goes on


def voice_of(text: str, start: int, end: int) -> Voice | None:
    """The speaker the paragraph ``text[start:end]`` names, or None (the document's own narrative)."""
    sentence_end = first_sentence_end(text, start, end)
    if _PRONOUN.match(text, start, end):
        return Voice(Span(start, start), continues=True)
    opened = _OPENED_BY.match(text, start, sentence_end)
    if opened:
        return _opener(text, opened.end(), sentence_end, end)
    found = _subject(text, start, sentence_end) or _titled(text, start, sentence_end)
    if found is None:
        # After an opening clause: "Briefing outlining …, Mr. El Jamri said", "…, the President of … told".
        # There a name needs its form of address (a bare name after a comma is as likely one of a list), unless
        # the clause is adverbial: "Opening the dialogue, Peggy Hicks, Director of …, stressed".
        adverbial = _ADVERBIAL.match(text, start, sentence_end) is not None
        for index, comma in enumerate(re.finditer(r",\s+", text[start:sentence_end])):
            found = _subject(text, start + comma.end(), sentence_end, bare_names=adverbial and index == 0) \
                or (_titled(text, start + comma.end(), sentence_end) if adverbial and index == 0 else None)
            if found is not None:
                break
    return found or _inverted(text, start, sentence_end) or _after_quote(text, start, end)


def _titled(text: str, at: int, end: int) -> Voice | None:
    """A title printed before the name, with no comma between: "Committee Chairperson Francisco Carrion Mena
    highlighted", "Special Rapporteur Ana Lima said"."""
    title = _TITLE_BEFORE_NAME.match(text, at, end)
    if title is None:
        return None
    voice = _person(text, title.end(), end)
    if voice is None or voice.person is None or not _VERB.match(text, voice.printed.end, end):
        return None
    return Voice(Span(at, voice.printed.end), person=voice.person, behalf=voice.behalf, capacity=voice.capacity)


def _inverted(text: str, start: int, sentence_end: int) -> Voice | None:
    """The speaker named after what they said, with no quotation marks: "Abuses … were taking place every day,
    recalled Navi Pillay, United Nations High Commissioner for Human Rights."."""
    for match in _SAID_THEN_NAME.finditer(text, start, sentence_end):
        voice = _bare_person(text, match.end(), sentence_end)
        if voice is not None:
            return voice
    return None


def first_sentence_end(text: str, start: int, end: int) -> int:
    """Where the first sentence of ``text[start:end]`` ends (a full stop after an abbreviation does not)."""
    for match in re.finditer(r"[.!?](?=[”\"’)]*\s+[A-Z“\"(]|[”\"’)]*$)", text[start:end]):
        at = start + match.start()
        word = text[max(start, text.rfind(" ", start, at) + 1):at + 1]
        if not _ABBREVIATION.search(word):
            return at + 1
    return end


def _subject(text: str, at: int, sentence_end: int, bare_names: bool = True) -> Voice | None:
    voice = _office(text, at, sentence_end) or _delegate(text, at, sentence_end)
    if voice is None and (bare_names or _HONORIFICS.match(text, at, sentence_end)):
        voice = _person(text, at, sentence_end)
    return voice


def _office(text: str, at: int, end: int) -> Voice | None:
    match = _OFFICE.match(text, at, end)
    if match is None or not (text[at:at + 3].lower() == "the" or text[at].isupper()):
        return None
    after = match.end()
    # "The moderator of today's panel, Craig Mokhiber, Chief of …, said": the office introduces a name.
    introduced = re.match(r"[^,.;]{0,80},\s+", text[after:end])
    if introduced:
        named = _person(text, after + introduced.end(), end)
        if named is not None:
            return named
    if not _verb_follows(text, after, end) or match["of"] is None and not text[at:at + 3].lower() == "the":
        return None
    office = " ".join(text[match.start("office"):after].split())
    presiding = bool(PRESIDING.fullmatch(match["office"])) and match["of"] is None
    return Voice(Span(at, after), office=office, presiding=presiding)


def _opener(text: str, at: int, sentence_end: int, end: int) -> Voice | None:
    """Who opened (chaired, moderated) the meeting, as the paragraph's speaker only where it reports their words:
    "…, who welcomed the participants", or a next sentence "He said …"."""
    who = _WHO_SAYS.search(text, at, sentence_end)
    after = sentence_end
    while after < end and text[after] in ".!? \t\n”\"’)":
        after += 1
    if who is None and not _PRONOUN.match(text, after, end):
        return None
    stop = who.start() if who else sentence_end
    office = _OFFICE.match(text, at, stop)
    if office is not None and office.end() == len(text[:stop].rstrip(" ,.")):
        printed = Span(at, office.end())
        return Voice(printed, office=" ".join(text[office.start("office"):office.end()].split()),
                     presiding=bool(PRESIDING.fullmatch(office["office"])) and office["of"] is None)
    honorifics = _HONORIFICS.match(text, at, stop)
    name_start = honorifics.end() if honorifics else at
    name_end = _name_end(text, name_start, stop)
    if name_end is None or (honorifics is None and not looks_like_person(text[name_start:name_end])):
        return None
    descriptor = Span(name_end + 1, stop) if text.startswith(",", name_end) and stop > name_end + 1 else None
    phrase = PersonPhrase(honorifics.group().strip() if honorifics else None, text[name_start:name_end],
                          Span(at, name_end), descriptor)
    return Voice(Span(at, name_end), person=phrase, behalf=_envoy_of(text, descriptor))


def _envoy_of(text: str, descriptor: Span | None) -> Span | None:
    """The State an ambassador or permanent representative speaks for, from the title after the name."""
    if descriptor is None:
        return None
    envoy = _ENVOY.search(text, descriptor.start, descriptor.end)
    return Span(envoy.start("whom"), envoy.end("whom")) if envoy else None


def _delegate(text: str, at: int, end: int) -> Voice | None:
    match = _DELEGATE.match(text, at, end)
    if match is None or not _verb_follows(text, match.end(), end):
        return None
    group = "whom" if match["whom"] else "acronym"
    return Voice(Span(at, match.end()), delegation=Span(match.start(group), match.end(group)))


def _person(text: str, at: int, end: int) -> Voice | None:
    honorifics = _HONORIFICS.match(text, at, end)
    name_start = honorifics.end() if honorifics else at
    name_end = _name_end(text, name_start, end)
    if name_end is None:
        return None
    name = text[name_start:name_end]
    if honorifics is None and not looks_like_person(name):
        return None
    after = name_end
    parenthesis = None
    if text.startswith(" (", after) or text.startswith("(", after):
        close = _closing(text, text.index("(", after), end)
        if close is None:
            return None
        parenthesis = Span(text.index("(", after) + 1, close)
        after = close + 1
    verb = _verb_follows(text, after, end)
    if not verb or (honorifics is None and not (text.startswith(",", after) or _VERB.match(text, after, end))):
        return None
    descriptor = Span(after + 1, verb) if text.startswith(",", after) else None
    phrase = PersonPhrase(honorifics.group().strip() if honorifics else None, name, Span(at, name_end),
                          descriptor or parenthesis, in_parentheses=parenthesis is not None)
    capacity = capacity_of(text[parenthesis.start:parenthesis.end]) if parenthesis else None
    behalf = _BEHALF.search(text, after, verb + 1)
    whom: Span | None
    if behalf:
        whom = Span(behalf.start("whom"), behalf.end("whom"))
    else:
        whom = parenthesis if parenthesis and not capacity else _envoy_of(text, descriptor)
    return Voice(Span(at, after), person=phrase, behalf=whom, capacity=capacity)


def _name_end(text: str, position: int, end: int) -> int | None:
    """The end of a name of one to five capitalised words (particles allowed) at ``position``."""
    words: list[int] = []
    cursor = position
    while len(words) < 6:
        token = _NAME_WORD.match(text, cursor, end)
        if token is None:
            break
        word = token.group().rstrip(".")
        if capitalised(word) and not word[0].isdigit():
            words.append(cursor + len(word))
        elif word.lower() not in PARTICLES:
            break
        space = re.match(r"[ \t\u00a0]+", text[cursor + len(word):end])
        if text[cursor + len(word):cursor + len(word) + 1] == "." or space is None:
            break
        cursor += len(word) + space.end()
    return words[-1] if words and len(words) <= 5 else None


def _verb_follows(text: str, after: int, end: int) -> int | None:
    """Where the verb of saying starts if one follows the speaker within the sentence: at once ("said"),
    or after the clauses and titles between commas ("…, Committee Chair, in opening remarks, said")."""
    direct = _VERB.match(text, after, end)
    if direct:
        return direct.end() - len(direct.group().lstrip(", ").lstrip())
    if not text.startswith(",", after):
        return None
    later = _ANY_VERB.search(text, after, min(end, after + 400))
    return later.start() if later else None


def _after_quote(text: str, start: int, end: int) -> Voice | None:
    if text[start:start + 1] not in "“\"":
        return None
    for match in _AFTER_QUOTE.finditer(text, start, end):
        voice = _person(text, match.end(), end) or _bare_person(text, match.end(), end)
        if voice is not None:
            return voice
    return None


def _bare_person(text: str, at: int, end: int) -> Voice | None:
    """A name after "said", with its title after a comma: "Hania Zlotnik, head of the … Division"."""
    honorifics = _HONORIFICS.match(text, at, end)
    name_start = honorifics.end() if honorifics else at
    name_end = _name_end(text, name_start, end)
    if name_end is None or (honorifics is None and not looks_like_person(text[name_start:name_end])):
        return None
    descriptor = None
    if text.startswith(",", name_end):
        stop = re.search(r"[.;]\s|$", text[name_end + 1:end])
        descriptor = Span(name_end + 2, name_end + 1 + (stop.start() if stop else end - name_end - 1))
    phrase = PersonPhrase(honorifics.group().strip() if honorifics else None, text[name_start:name_end],
                          Span(at, name_end), descriptor)
    return Voice(Span(at, name_end), person=phrase)


def _closing(text: str, opening: int, end: int) -> int | None:
    depth = 0
    for index in range(opening, end):
        if text[index] == "(":
            depth += 1
        elif text[index] == ")":
            depth -= 1
            if depth == 0:
                return index
    return None
