"""Actors: everything said by or on behalf of a State, organization or person.

"For whom" is a fact of the statement (``mrkg:onBehalfOf``), not of the
person, so a State's page gathers the statements made on its behalf by any
speaker, and a person's page the statements they made in any capacity.

A delegate who spoke in three hundred meetings, a State that every session
hears: each list of the page is counted and cut by the engine (issue 11,
point 7).  Statements come by date (the meeting's, or a comment's own), then
document, then paragraph; who spoke for the actor and its capacities by name.
"""
from __future__ import annotations

from dataclasses import dataclass

import pyoxigraph as ox

from api.views.paging import PageRequest, Paged, paged
from api.views.printed import PrintedForms, printed_forms
from api.views.query import iri, select
from api.views.resources import Link, labels
from api.views.statements import StatementList, StatementPage, listing
from graph.vocab import MRKG

ACTOR_LISTS = ("statements", "representatives", "capacities", "printed")


@dataclass
class Capacity:
    """A role in which someone spoke or took part: "representative for OHCHR", "panelist in Session 2"."""

    role: Link | None
    organization: Link | None
    session: Link | None = None
    position: str | None = None


@dataclass
class ActorView:
    iri: str
    label: str
    kinds: list[Link]
    alt_labels: list[str]
    same_as: list[str]
    spoken: int  # statements made by this actor
    represented: int  # statements made on this actor's behalf
    statements: StatementPage
    capacities: Paged[Capacity]
    representatives: Paged[Link]  # who spoke for this actor
    printed: PrintedForms  # how the documents name this actor, and where

    def statement_lists(self) -> list[StatementPage]:
        return [self.statements]


def statements_list(resource: str, label: str) -> StatementList:
    return StatementList("statements", f"Statements by or for {label}",
                         ((str(MRKG.speaker), resource), (str(MRKG.onBehalfOf), resource)))


def actor_statement_lists(store: ox.Store, resource: str) -> list[StatementList]:
    return [statements_list(resource, labels(store, [resource])[resource])]


# Capacities: memberships (a role for an organization) and participations (a role in a session); with
# ``sorting``, the labels and dates they are sorted by (nested, so that an absent role stays absent).
CAPACITIES = """
    {{ ?m org:member {node} . OPTIONAL {{ ?m org:role ?role {role} }}
       OPTIONAL {{ ?m org:organization ?organization {organization} }} }}
    UNION
    {{ ?p mrkg:participant {node} . OPTIONAL {{ ?p mrkg:participantRole ?role {role} }}
       OPTIONAL {{ ?p mrkg:affiliation ?organization {organization} }}
       OPTIONAL {{ ?p mrkg:inSession ?session {session} }} OPTIONAL {{ ?p mrkg:position ?position }} }}"""
SORTING = {"role": "OPTIONAL { ?role rdfs:label ?rl }", "organization": "OPTIONAL { ?organization rdfs:label ?ol }",
           "session": "OPTIONAL { ?session dcterms:date ?sd }"}
REPRESENTATIVES = """
    {{ ?m org:organization {node} ; org:member ?speaker }} UNION {{ ?s mrkg:onBehalfOf {node} ; mrkg:speaker ?speaker }}
    FILTER (?speaker != {node})"""


def capacities(store: ox.Store, resource: str, request: PageRequest) -> Paged[Capacity]:
    """Roles held, by the role's name, then the organization's, then the session's date."""
    where = CAPACITIES.format(node=iri(resource), role="", organization="", session="")
    distinct = f"SELECT DISTINCT ?role ?organization ?session ?position WHERE {{ {where} }}"
    total = select(store, f"SELECT (COUNT(*) AS ?n) WHERE {{ {distinct} }}")[0]["n"]
    sorted_where = CAPACITIES.format(node=iri(resource), **SORTING)

    def fetch(limit: int, offset: int) -> list[Capacity]:
        rows = select(store, f"""SELECT ?role ?organization ?session ?position WHERE {{ {sorted_where} }}
        GROUP BY ?role ?organization ?session ?position
        ORDER BY (MIN(STR(?rl))) (MIN(STR(?ol))) (MIN(STR(?sd))) ?session ?position ?role ?organization
        LIMIT {limit} OFFSET {offset}""")
        names = labels(store, [r[k] for r in rows for k in ("role", "organization", "session") if r[k]])

        def link(value: str | None) -> Link | None:
            return Link(value, names[value]) if value else None

        return [Capacity(link(r["role"]), link(r["organization"]), link(r["session"]), r["position"]) for r in rows]

    return paged(request, "capacities", "capacities", int(total), fetch)


def representatives(store: ox.Store, resource: str, request: PageRequest) -> Paged[Link]:
    """Who spoke for the actor (by membership or on its behalf), by name."""
    where = REPRESENTATIVES.format(node=iri(resource))
    total = select(store, f"SELECT (COUNT(DISTINCT ?speaker) AS ?n) WHERE {{ {where} }}")[0]["n"]

    def fetch(limit: int, offset: int) -> list[Link]:
        rows = select(store, f"""SELECT ?speaker WHERE {{
            {{ SELECT DISTINCT ?speaker WHERE {{ {where} }} }} OPTIONAL {{ ?speaker rdfs:label ?l }}
        }} GROUP BY ?speaker ORDER BY (MIN(STR(?l))) ?speaker LIMIT {limit} OFFSET {offset}""")
        names = labels(store, [r["speaker"] for r in rows])
        return [Link(r["speaker"], names[r["speaker"]]) for r in rows]

    return paged(request, "representatives", "people", int(total), fetch)


def actor_view(store: ox.Store, resource: str, request: PageRequest = PageRequest()) -> ActorView:
    node = iri(resource)
    rows = select(store, f"""SELECT ?kind ?alt ?same WHERE {{
        {{ {node} a ?kind . FILTER (STRSTARTS(STR(?kind), STR(mrkg:))) }}
        UNION {{ {node} skos:altLabel ?alt }} UNION {{ {node} owl:sameAs ?same }} }}""")
    counts = select(store, f"""SELECT (COUNT(DISTINCT ?a) AS ?spoken) (COUNT(DISTINCT ?b) AS ?represented) WHERE {{
        {{ ?a mrkg:speaker {node} }} UNION {{ ?b mrkg:onBehalfOf {node} }} }}""")[0]
    kinds = sorted({r["kind"] for r in rows if r["kind"]})
    names = labels(store, [resource] + kinds)
    return ActorView(
        iri=resource, label=names[resource], kinds=[Link(k, names[k]) for k in kinds],
        alt_labels=sorted({r["alt"] for r in rows if r["alt"]} - {names[resource]}),
        same_as=sorted({r["same"] for r in rows if r["same"]}),
        spoken=counts["spoken"], represented=counts["represented"],
        statements=listing(store, statements_list(resource, names[resource]), request, main=True),
        capacities=capacities(store, resource, request),
        representatives=representatives(store, resource, request),
        printed=printed_forms(store, resource, request),
    )
