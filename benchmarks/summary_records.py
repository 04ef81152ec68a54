"""Synthetic summary records of the Committee on Migrant Workers, as source texts, for builds of any size.

A real corpus has many records of each session (a session of the Committee has fifteen to
twenty meetings), the same members, States and organizations speaking again and again, and
the same agenda items taken up meeting after meeting.  These records have that shape, in the
two layouts the genre is exported in (tab-separated, as CMW/C/SR.506; markdown, as
CMW/C/SR.450), after the genre's conventions: a header with symbol, date of issue, body,
session, meeting, place, date and time, chair (and a "later:" chair who takes over),
"Contents" with items "(continued)"; numbered paragraphs with speakers printed as "The Chair",
"Mr. X", "Ms. X (Mexico)", "A representative of X", "Mr. X (International Labour
Organization)", continuation paragraphs without a name, citations of articles of the
Convention and objectives of the Compact, procedural lines.  They are synthetic and say so
in nothing but their file names (``synthetic-cmw-c-sr-….txt``): the texts are the genre's.

Everything comes from one seeded :class:`random.Random`; :func:`write_records` also returns
what each record was written to say (meeting, chairs, agenda, each paragraph's speaker), so a
test can compare the graph with it.

Command line::

    python -m benchmarks.summary_records --records 1000 --sessions 50 --output data/sources
"""
from __future__ import annotations

import argparse
import datetime as dt
import random
import sys
from dataclasses import dataclass, field
from pathlib import Path

from benchmarks.synthetic import OBJECTS, QUALIFIERS, SUBJECTS, SYLLABLES, VERBS

DEFAULT_SEED = 1990
FIRST_SESSION = 30  # the Committee's thirtieth session, April 2019
STATES = ["Mexico", "Colombia", "Indonesia", "Burkina Faso", "Azerbaijan", "Nepal", "Tunisia", "Philippines",
          "Senegal", "Ecuador", "Morocco", "Sri Lanka", "Guatemala", "Egypt", "Ghana", "Bolivarian Republic of Venezuela"]
ORGANIZATIONS = ["International Labour Organization", "International Organization for Migration",
                 "Office of the United Nations High Commissioner for Human Rights (OHCHR)",
                 "United Nations Children's Fund (UNICEF)", "Global Detention Project",
                 "Migrant Forum in Asia", "International Detention Coalition"]
AGENDA = ["Promotion of the Convention", "Consideration of reports submitted by States parties under article 73 "
          "of the Convention", "Organizational and other matters", "Methods of work of the Committee",
          "Half day of general discussion on the rights of migrant workers in the informal economy"]
OPENERS = ["In addition,", "Moreover,", "Furthermore,", "Lastly,", "At the same time,"]
UNIT_ORDINALS = ["", "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth"]
TENS = {3: ("Thirty", "Thirtieth"), 4: ("Forty", "Fortieth"), 5: ("Fifty", "Fiftieth"), 6: ("Sixty", "Sixtieth"),
        7: ("Seventy", "Seventieth"), 8: ("Eighty", "Eightieth"), 9: ("Ninety", "Ninetieth")}
MOST_SESSIONS = 100 - FIRST_SESSION  # sessions are printed in words up to the ninety-ninth


@dataclass
class Paragraph:
    number: int
    speaker: str | None  # the person or State as the reader should resolve them ("Ms. Kalomari", "Mexico")
    on_behalf_of: str | None


@dataclass
class WrittenRecord:
    """What one record says, as its writer meant it."""

    file_name: str
    session: int
    meeting: int
    date: dt.date
    layout: str  # "tabs" or "markdown"
    chairs: list[str]  # who chairs, in order: the chair printed in the header, then whoever takes the Chair
    agenda: list[str]
    paragraphs: list[Paragraph] = field(default_factory=list)

    @property
    def meeting_key(self) -> str:
        return f"cmw/{self.session}/meeting/{self.meeting}"


def session_words(number: int) -> str:
    """"Thirty-fifth session": the ordinal of a session, in words, as the records print it."""
    tens, units = divmod(number, 10)
    word, ordinal = TENS[tens]
    return f"{ordinal if not units else f'{word}-{UNIT_ORDINALS[units]}'} session"


def meeting_ordinal(number: int) -> str:
    suffix = "th" if number % 100 in (11, 12, 13) else {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")
    return f"{number}{suffix}"


def clock(time: dt.time) -> str:
    """"10 a.m.", "3.05 p.m.": times as the records print them."""
    hour = time.hour % 12 or 12
    minutes = f".{time.minute:02d}" if time.minute else ""
    return f"{hour}{minutes} {'a.m.' if time.hour < 12 else 'p.m.'}"


class RecordWriter:
    """Writes the records of ``sessions`` sessions, ``per_session`` meetings each, from one seed."""

    def __init__(self, sessions: int, per_session: int, seed: int = DEFAULT_SEED) -> None:
        if not 0 < sessions <= MOST_SESSIONS:
            raise ValueError(f"from 1 to {MOST_SESSIONS} sessions")
        self.rng = random.Random(seed)
        self.sessions, self.per_session = sessions, per_session
        self.used: set[str] = set()
        self.members = [self._person() for _ in range(14)]
        self.delegates = {state: [self._person() for _ in range(2)] for state in STATES}
        self.observers = {organization: self._person() for organization in ORGANIZATIONS}

    def _person(self) -> str:
        while True:
            name = "".join(self.rng.choice(SYLLABLES) for _ in range(self.rng.randint(2, 4))).capitalize()
            if name not in self.used:
                self.used.add(name)
                return f"{self.rng.choice(('Mr.', 'Ms.'))} {name}"

    def records(self) -> list[tuple[WrittenRecord, str]]:
        written = []
        for index in range(self.sessions):
            agenda = self.rng.sample(AGENDA, 3)
            for order in range(self.per_session):
                written.append(self._meeting(index, order, agenda))
        return written

    def one_more(self) -> tuple[WrittenRecord, str]:
        """The record of one more meeting of the last session (after :meth:`records`): a corpus grows so."""
        return self._meeting(self.sessions - 1, self.per_session, self.rng.sample(AGENDA, 3))

    def _meeting(self, index: int, order: int, agenda: list[str]) -> tuple[WrittenRecord, str]:
        session = FIRST_SESSION + index
        opening = dt.date(2019, 4, 1) + dt.timedelta(weeks=26 * index)
        opening -= dt.timedelta(days=opening.weekday())  # sessions open on a Monday
        meeting = 400 + max(20, self.per_session) * index + order
        day = opening + dt.timedelta(days=order // 2 + 2 * (order // 10))  # two meetings a day, weekdays
        while day.weekday() > 4:
            day += dt.timedelta(days=2)
        afternoon = order % 2 == 1
        items = agenda[:2] if order % 3 else agenda[1:]
        record = WrittenRecord(f"synthetic-cmw-c-sr-{meeting}.txt", session, meeting, day,
                               "tabs" if order % 2 == 0 else "markdown", [], items)
        return record, self._record(record, afternoon, order)

    def _record(self, record: WrittenRecord, afternoon: bool, order: int) -> str:
        rng = self.rng
        chair, vice = self.members[record.session % 3], self.members[3 + record.session % 3]
        presides = chair if rng.random() < 0.7 else vice
        takes_over = presides == chair and rng.random() < 0.3
        record.chairs = [presides]
        start = dt.time(15 if afternoon else 10, rng.choice((0, 5, 10)))
        items = [f"{item} (continued)" if order > 0 else item for item in record.agenda]
        paragraphs: list[str] = []
        chairing = presides
        speaker: tuple[str | None, str | None] = (None, None)
        count = rng.randint(18, 30)
        # The second agenda item's heading comes two thirds of the way down; a record names the speaker of
        # the paragraph that opens an item (nobody continues across a heading).
        heading_at = (count + takes_over) * 2 // 3 if len(items) > 1 else None
        item_opened = False
        for number in range(1, count + 1):
            if takes_over and number == count // 2:
                paragraphs.append(f"{vice} (Vice-Chair) took the Chair.")
                record.chairs.append(vice)
                chairing = vice
            opens_item = heading_at is not None and len(paragraphs) >= heading_at and not item_opened
            item_opened = item_opened or opens_item
            if number == 1 or number == count:
                speaker, printed = (chairing, None), "The Chair"
            elif speaker[0] is not None and rng.random() < 0.2 and not opens_item:
                printed = None  # the same speaker goes on
            else:
                speaker, printed = self._speaker(chairing)
            record.paragraphs.append(Paragraph(number, speaker[0], speaker[1]))
            paragraphs.append(self._paragraph(number, printed, record.layout))
        heading = self._header(record, items, start, vice if takes_over else None)
        body = self._body(record, items, paragraphs, start, heading_at)
        return heading + body

    def _speaker(self, chairing: str) -> tuple[tuple[str | None, str | None], str]:
        roll = self.rng.random()
        if roll < 0.1:
            return (chairing, None), "The Chair"
        if roll < 0.4:
            member = self.rng.choice([m for m in self.members if m != chairing])
            return (member, None), member
        if roll < 0.75:
            state = self.rng.choice(STATES)
            delegate = self.rng.choice(self.delegates[state])
            return (delegate, state), f"{delegate} ({state})"
        if roll < 0.85:
            state = self.rng.choice(STATES)
            return (state, state), f"A representative of {state}"
        organization = self.rng.choice(ORGANIZATIONS)
        observer = self.observers[organization]
        return (observer, organization), f"{observer} ({organization})"

    def _sentence(self) -> str:
        rng = self.rng
        sentence = f"{rng.choice(SUBJECTS)} {rng.choice(VERBS)} {rng.choice(OBJECTS)} {rng.choice(QUALIFIERS)}"
        roll = rng.random()
        if roll < 0.25:
            sentence += f", as required by article {rng.randint(1, 93)} of the Convention"
        elif roll < 0.45:
            sentence += f", in line with objective {rng.randint(1, 23)} of the Global Compact for Migration"
        elif roll < 0.5:
            sentence += ", as provided for in the Migrant Workers (Supplementary Provisions) Convention, 1975 (No. 143)"
        return sentence[0].upper() + sentence[1:] + "."

    def _paragraph(self, number: int, printed: str | None, layout: str) -> str:
        sentences = " ".join(self._sentence() for _ in range(self.rng.randint(1, 3)))
        if printed is None:
            text = f"{self.rng.choice(OPENERS)} {sentences[0].lower()}{sentences[1:]}"
        else:
            name, bracket, rest = printed.partition(" (")
            named = f"**{name}** ({rest}" if layout == "markdown" and bracket and not name.startswith("A ") else (
                f"**{printed}**" if layout == "markdown" and not printed.startswith("A ") else printed)
            text = f"{named} said that {sentences[0].lower()}{sentences[1:]}"
        return f"{number}.\t{text}" if layout == "tabs" else f"{number}. {text}"

    def _header(self, record: WrittenRecord, items: list[str], start: dt.time, later: str | None) -> str:
        symbol = f"CMW/C/SR.{record.meeting}"
        issued = record.date + dt.timedelta(days=9)
        place = "Palais Wilson" if record.meeting % 4 == 0 else "Palais des Nations"
        held = (f"Held at the {place}, Geneva, on {record.date:%A}, {record.date.day} {record.date:%B %Y}, "
                f"at {clock(start.replace(minute=0))}")
        title = f"Summary record of the {meeting_ordinal(record.meeting)} meeting"
        chair = record.chairs[0] if record.chairs[0] == self.members[record.session % 3] else f"{record.chairs[0]} (Vice-Chair)"
        body = "Committee on the Protection of the Rights of All Migrant Workers and Members of Their Families"
        if record.layout == "tabs":
            lines = [symbol, f"\tUnited Nations\t{symbol}", "\t[image: _unlogo]", "\tInternational Convention on the",
                     "Protection of the Rights of", "All Migrant Workers and", "Members of Their Families",
                     "\tDistr.: General", f"{issued.day} {issued:%B %Y}", "", "Original: English", "", "",
                     "Committee on the Protection of the Rights of All", "Migrant Workers and Members of Their Families",
                     session_words(record.session), title, held, f"Chair:\t{chair}"]
            if later:
                lines.append(f"later:\t{later} (Vice-Chair)")
            return "\n".join(lines + ["Contents", *items, "", ""]) + "\n"
        markdown_items = [item.replace("(continued)", "(*continued*)") for item in items]
        lines = ["", "", "", "International Convention on the Protection of the Rights of All Migrant Workers and "
                 "Members of Their Families", "", "Distr.: General", f"{issued.day} {issued:%B %Y}", "",
                 "Original: English", "", f"{body} {session_words(record.session)}", "", title, "", held, "",
                 f"Chair: {chair}", ""]
        if later:
            lines += [f"later: {later} (Vice-Chair)", ""]
        lines += ["Contents", ""] + [line for item in markdown_items for line in (item, "")]
        lines += ["This record is subject to correction. Corrections should be set forth in a memorandum and also "
                  "incorporated in a copy of the record.", "", "", ""]
        return "\n".join(lines)

    def _body(self, record: WrittenRecord, items: list[str], paragraphs: list[str], start: dt.time,
              heading_at: int | None) -> str:
        markdown = record.layout == "markdown"
        rose = dt.time(start.hour + 2, self.rng.choice((40, 45, 50, 55)))
        headings = [item.replace("(continued)", "*(continued)*") if markdown else f"\t\t{item}" for item in items]
        lines = [f"The meeting was called to order at {clock(start)}", headings[0]]
        for index, paragraph in enumerate(paragraphs):
            if index == heading_at:
                lines.append(headings[1])
            lines.append(paragraph)
        lines.append(f"The meeting rose at {clock(rose)}")  # "… at 5.50 p.m.": the time's full stop ends it
        return ("\n\n" if markdown else "\n").join(lines) + "\n"


def write_records(folder: Path, sessions: int = 10, per_session: int = 10,
                  seed: int = DEFAULT_SEED, one_more: Path | None = None) -> list[WrittenRecord]:
    """Write ``sessions × per_session`` records into ``folder``; return what each says.  With ``one_more``,
    also write there the record of one more meeting of the last session (to add to the corpus later)."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    writer = RecordWriter(sessions, per_session, seed)
    for record, text in writer.records():
        (folder / record.file_name).write_text(text, encoding="utf-8")
        written.append(record)
    if one_more is not None:
        one_more.mkdir(parents=True, exist_ok=True)
        record, text = writer.one_more()
        (one_more / record.file_name).write_text(text, encoding="utf-8")
    return written


def main(argv: list[str] | None = None) -> int:
    options = argparse.ArgumentParser(prog="python -m benchmarks.summary_records", description=__doc__.split("\n\n")[0])
    options.add_argument("--records", type=int, default=100, help="how many records to write")
    options.add_argument("--sessions", type=int, default=10, help="over how many sessions of the Committee")
    options.add_argument("--seed", type=int, default=DEFAULT_SEED, help="the same seed gives the same records")
    options.add_argument("--output", type=Path, required=True, help="folder to write the records into")
    args = options.parse_args(argv)
    if args.records <= 0 or args.sessions <= 0 or args.records % args.sessions:
        options.error("--records must be a positive multiple of --sessions")
    written = write_records(args.output, args.sessions, args.records // args.sessions, args.seed)
    print(f"{len(written)} records of {args.sessions} sessions written to {args.output}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
