"""When, where and before whom a statement was made: the date, the body and the session around it.

A summary record's paragraph carries no date of its own: the meeting has it, and the Committee
holds the meeting.  A researcher citing the paragraph needs all three (issue 14, point 1), so
they are read up the session chain (meeting → session), falling back to the document's publisher.
"""
from __future__ import annotations

from dataclasses import dataclass

from api.views.query import iri, select
from api.views.resources import Link, labels
from graph.store import PublishedData


@dataclass
class Occasion:
    date: str | None  # the statement's own date (a dated comment), else its meeting's
    body: Link | None  # the committee, office or organization holding the meeting
    sessions: list[Link]  # outermost first: "Committee on Migrant Workers, 35th session", "506th meeting"


def occasion(store: PublishedData, statement: str) -> Occasion:
    rows = select(store, f"""SELECT ?own ?session ?date ?organizer ?parent ?pdate ?porganizer ?publisher WHERE {{
        VALUES ?statement {{ {iri(statement)} }}
        OPTIONAL {{ ?statement dcterms:date ?own }}
        OPTIONAL {{ ?statement mrkg:document/dcterms:publisher ?publisher }}
        OPTIONAL {{ ?statement mrkg:session ?session .
                   OPTIONAL {{ ?session dcterms:date ?date }}
                   OPTIONAL {{ ?session mrkg:organizer ?organizer }}
                   OPTIONAL {{ ?session mrkg:partOfSession ?parent .
                              OPTIONAL {{ ?parent dcterms:date ?pdate }}
                              OPTIONAL {{ ?parent mrkg:organizer ?porganizer }} }} }}
    }} LIMIT 1""")
    if not rows:
        return Occasion(None, None, [])
    row = rows[0]
    body = row["organizer"] or row["porganizer"] or row["publisher"]
    chain = [key for key in (row["parent"], row["session"]) if key]
    names = labels(store, chain + ([body] if body else []))
    day = row["own"] or row["date"] or row["pdate"]
    return Occasion(date=str(day) if day else None, body=Link(body, names[body]) if body else None,
                    sessions=[Link(key, names[key]) for key in chain])
