"""Actors: everything said by or on behalf of a State, organization or person.

"For whom" is a fact of the statement (``mrkg:onBehalfOf``), not of the
person, so a State's page gathers the statements made on its behalf by any
speaker, and a person's page the statements they made in any capacity.
"""
from __future__ import annotations

from dataclasses import dataclass, field

import pyoxigraph as ox

from api.views.printed import PrintedForm, printed_forms
from api.views.query import iri, select
from api.views.resources import Link, labels
from api.views.statements import DocumentGroup, group_by_document, statement_summaries

MAX_STATEMENTS = 500


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
    statements: list[DocumentGroup]
    capacities: list[Capacity] = field(default_factory=list)
    representatives: list[Link] = field(default_factory=list)  # who spoke for this actor
    truncated: bool = False
    printed: list[PrintedForm] = field(default_factory=list)  # how the documents name this actor, and where


def actor_view(store: ox.Store, resource: str) -> ActorView:
    node = iri(resource)
    rows = select(store, f"""SELECT ?kind ?alt ?same WHERE {{
        {{ {node} a ?kind . FILTER (STRSTARTS(STR(?kind), STR(mrkg:))) }}
        UNION {{ {node} skos:altLabel ?alt }} UNION {{ {node} owl:sameAs ?same }} }}""")
    where = f"{{ ?statement mrkg:speaker {node} }} UNION {{ ?statement mrkg:onBehalfOf {node} }}"
    counts = select(store, f"""SELECT (COUNT(DISTINCT ?a) AS ?spoken) (COUNT(DISTINCT ?b) AS ?represented) WHERE {{
        {{ ?a mrkg:speaker {node} }} UNION {{ ?b mrkg:onBehalfOf {node} }} }}""")[0]
    statements = statement_summaries(store, where, limit=MAX_STATEMENTS + 1)
    capacities = select(store, f"""SELECT DISTINCT ?role ?organization ?session ?position WHERE {{
        {{ ?m org:member {node} . OPTIONAL {{ ?m org:role ?role }} OPTIONAL {{ ?m org:organization ?organization }} }}
        UNION
        {{ ?p mrkg:participant {node} . OPTIONAL {{ ?p mrkg:participantRole ?role }}
           OPTIONAL {{ ?p mrkg:affiliation ?organization }} OPTIONAL {{ ?p mrkg:inSession ?session }}
           OPTIONAL {{ ?p mrkg:position ?position }} }} }}""")
    speakers = select(store, f"""SELECT DISTINCT ?speaker WHERE {{
        {{ ?m org:organization {node} ; org:member ?speaker }} UNION {{ ?s mrkg:onBehalfOf {node} ; mrkg:speaker ?speaker }}
    }}""")
    kinds = sorted({r["kind"] for r in rows if r["kind"]})
    names = labels(store, [resource] + kinds + [r["speaker"] for r in speakers]
                   + [c[k] for c in capacities for k in ("role", "organization", "session") if c[k]])

    def link(value: str | None) -> Link | None:
        return Link(value, names[value]) if value else None

    return ActorView(
        iri=resource, label=names[resource], kinds=[Link(k, names[k]) for k in kinds],
        alt_labels=sorted({r["alt"] for r in rows if r["alt"]} - {names[resource]}),
        same_as=sorted({r["same"] for r in rows if r["same"]}),
        spoken=counts["spoken"], represented=counts["represented"],
        statements=group_by_document(store, statements[:MAX_STATEMENTS]),
        capacities=sorted(
            (Capacity(link(c["role"]), link(c["organization"]), link(c["session"]), c["position"]) for c in capacities),
            key=lambda c: (c.role.label if c.role else "", c.organization.label if c.organization else "")),
        representatives=sorted((Link(r["speaker"], names[r["speaker"]]) for r in speakers
                                if r["speaker"] != resource), key=lambda l: l.label),
        truncated=len(statements) > MAX_STATEMENTS,
        printed=printed_forms(store, resource),
    )
