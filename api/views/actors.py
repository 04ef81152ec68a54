"""Actors: everything said by or on behalf of a State, organization or person.

"For whom" is a fact of the statement (``mrkg:onBehalfOf``), not of the
person, so a State's page gathers the statements made on its behalf by any
speaker, and a person's page the statements they made in any capacity.

A delegate who spoke in three hundred meetings, a State that every session
hears: each list of the page is counted and cut by the engine (issue 11,
point 7).  Statements come by the date of the meeting, then document, then
paragraph; who spoke for the actor by name; its capacities by role, each with
the number of sessions it was held in.
"""
from __future__ import annotations

from dataclasses import dataclass

import pyoxigraph as ox

from api.views.ordering import COUNT_WEIGHT, NO_MEMO, Memo
from api.views.paging import PageRequest, Paged, paged
from api.views.printed import PrintedForms, printed_forms
from api.views.query import iri, select
from api.views.resources import Link, labels
from api.views.statements import StatementList, StatementPage, listing
from graph import iris
from graph.store import PublishedData
from graph.vocab import MRKG

ACTOR_LISTS = ("statements", "mentioning", "representatives", "capacities", "printed")


@dataclass
class Capacity:
    """A role in which someone spoke or took part: "representative for OHCHR", "panelist in Session 2"."""

    role: Link | None
    organization: Link | None
    session: Link | None = None  # the one session it was held in (when only one)
    position: str | None = None
    sessions: int = 0  # the sessions it was held in


@dataclass
class ActorView:
    iri: str
    label: str
    kinds: list[Link]
    printed_as: list[str]  # other forms the documents print (skos:altLabel of the actors graph)
    other_names: list[str]  # names no document prints: an official name, a curated alias (issue 13, point 3)
    same_as: list[str]
    spoken: int  # statements made by this actor
    represented: int  # statements made on this actor's behalf
    statements: StatementPage  # said by or for the actor
    mentioning: StatementPage  # that name the actor in their text (mrkg:mentionsActor)
    capacities: Paged[Capacity]
    representatives: Paged[Link]  # who spoke for this actor
    printed: PrintedForms  # how the documents name this actor, and where

    def statement_lists(self) -> list[StatementPage]:
        return [self.statements, self.mentioning]


def statements_list(resource: str, label: str) -> StatementList:
    return StatementList("statements", f"Statements by or for {label}",
                         ((str(MRKG.speaker), resource), (str(MRKG.onBehalfOf), resource)))


def mentioning_list(resource: str, label: str) -> StatementList:
    """Statements whose words name the actor, not as their speaker nor for whom they speak."""
    return StatementList("mentioning", f"Statements mentioning {label}", ((str(MRKG.mentionsActor), resource),))


def actor_statement_lists(store: PublishedData, resource: str, memo: Memo = NO_MEMO) -> list[StatementList]:
    label = labels(store, [resource])[resource]
    return [statements_list(resource, label), mentioning_list(resource, label)]


# Capacities: memberships (a role for an organization) and participations (a role in a session).
PARTICIPATION = """OPTIONAL { ?p mrkg:participantRole ?role } OPTIONAL { ?p mrkg:affiliation ?organization }
    OPTIONAL { ?p mrkg:position ?position }"""
CAPACITIES = """
    {{ ?m org:member {node} . OPTIONAL {{ ?m org:role ?role }} OPTIONAL {{ ?m org:organization ?organization }} }}
    UNION {{ ?p mrkg:participant {node} . """ + PARTICIPATION.replace("{", "{{").replace("}", "}}") + " }}"
# Every statement made for an actor by a speaker has its membership (graph.actors_graph), so the
# memberships alone say who spoke for it: a few per person, where its statements are thousands.
REPRESENTATIVES = "?m org:organization {node} ; org:member ?speaker . FILTER (?speaker != {node})"


def capacities(store: PublishedData, resource: str, request: PageRequest, memo: Memo = NO_MEMO) -> Paged[Capacity]:
    """Roles held, one line per role, organization and position, with the sessions they were held in counted.

    A member who chaired two thousand meetings has one capacity "Chair, for the Committee, in
    2,000 sessions", not two thousand lines; the groups are counted by the engine and few.  The
    session itself is named where a capacity was held in one only (read for the few such groups).
    """
    node = iri(resource)
    rows = memo.bounded(("capacities", resource), lambda: select(store, f"""
        SELECT ?role ?organization ?position (COUNT(?p) AS ?sessions) WHERE {{ {CAPACITIES.format(node=node)} }}
        GROUP BY ?role ?organization ?position"""), lambda found: COUNT_WEIGHT * len(found))
    single = [r for r in rows if r["sessions"] == 1]
    sessions = {(r["role"], r["organization"], r["position"]): r["session"] for r in select(store, f"""
        SELECT ?role ?organization ?position ?session WHERE {{ VALUES (?role ?organization ?position) {{
            {' '.join(f"({_term(r['role'])} {_term(r['organization'])} {_literal(r['position'])})" for r in single)} }}
            ?p mrkg:participant {node} ; mrkg:inSession ?session . {PARTICIPATION} }}""")} if single else {}
    names = labels(store, [r[k] for r in rows for k in ("role", "organization") if r[k]] + list(sessions.values()))

    def link(value: str | None) -> Link | None:
        return Link(value, names[value]) if value else None

    found = [Capacity(link(r["role"]), link(r["organization"]),
                      link(sessions.get((r["role"], r["organization"], r["position"]))), r["position"],
                      int(r["sessions"])) for r in rows]
    found.sort(key=lambda c: (c.role.label if c.role else "", c.organization.label if c.organization else "",
                              c.position or "", -c.sessions))
    return paged(request, "capacities", "capacities", len(found), lambda limit, offset: found[offset:offset + limit])


def _term(value: str | None) -> str:
    return iri(value) if value else "UNDEF"


def _literal(value: str | None) -> str:
    return str(ox.Literal(value)) if value is not None else "UNDEF"


def representatives(store: PublishedData, resource: str, request: PageRequest) -> Paged[Link]:
    """Who spoke for the actor (held a membership of it), by name."""
    where = REPRESENTATIVES.format(node=iri(resource))
    total = select(store, f"SELECT (COUNT(DISTINCT ?speaker) AS ?n) WHERE {{ {where} }}")[0]["n"]

    def fetch(limit: int, offset: int) -> list[Link]:
        rows = select(store, f"""SELECT ?speaker WHERE {{
            {{ SELECT DISTINCT ?speaker WHERE {{ {where} }} }} OPTIONAL {{ ?speaker rdfs:label ?l }}
        }} GROUP BY ?speaker ORDER BY (MIN(STR(?l))) ?speaker LIMIT {limit} OFFSET {offset}""")
        names = labels(store, [r["speaker"] for r in rows])
        return [Link(r["speaker"], names[r["speaker"]]) for r in rows]

    return paged(request, "representatives", "people", int(total), fetch)


def actor_view(store: PublishedData, resource: str, request: PageRequest = PageRequest(), memo: Memo = NO_MEMO) -> ActorView:
    node = iri(resource)
    rows = select(store, f"""SELECT ?kind ?alt ?printed ?same WHERE {{
        {{ {node} a ?kind . FILTER (STRSTARTS(STR(?kind), STR(mrkg:))) }}
        UNION {{ GRAPH <{iris.CATALOGUE_GRAPH}> {{ {node} skos:altLabel ?alt }} }}
        UNION {{ GRAPH <{iris.ACTORS_GRAPH}> {{ {node} skos:altLabel ?printed }} }}
        UNION {{ {node} owl:sameAs ?same }} }}""")
    counts = select(store, f"""SELECT (COUNT(DISTINCT ?a) AS ?spoken) (COUNT(DISTINCT ?b) AS ?represented) WHERE {{
        {{ ?a mrkg:speaker {node} }} UNION {{ ?b mrkg:onBehalfOf {node} }} }}""")[0]
    kinds = sorted({r["kind"] for r in rows if r["kind"]})
    names = labels(store, [resource] + kinds)
    printed_forms_ = printed_forms(store, resource, request, memo)
    # Printed: the actors graph's other labels (forms found in the documents) and the words of every mention.
    printed = {r["printed"] for r in rows if r["printed"]} | set(printed_forms_.all_words)
    return ActorView(
        iri=resource, label=names[resource], kinds=[Link(k, names[k]) for k in kinds],
        printed_as=sorted(printed - {names[resource]}),
        other_names=sorted({r["alt"] for r in rows if r["alt"]} - printed - {names[resource]}),
        same_as=sorted({r["same"] for r in rows if r["same"]}),
        spoken=counts["spoken"], represented=counts["represented"],
        statements=listing(store, statements_list(resource, names[resource]), request, main=True, memo=memo),
        mentioning=listing(store, mentioning_list(resource, names[resource]), request, memo=memo),
        capacities=capacities(store, resource, request, memo),
        representatives=representatives(store, resource, request),
        printed=printed_forms_,
    )
