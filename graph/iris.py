"""Stable IRIs from content keys.

Patterns (also in the README):

    https://w3id.org/mrkg/id/instrument/{code}                       icrmw, gcm, ilo-c143
    https://w3id.org/mrkg/id/instrument/{code}/{kind}/{number}...     .../icrmw/article/22
                                                                      .../icrmw/article/25/paragraph/1
                                                                      .../gcm/objective/13
                                                                      .../agenda-2030/target/10.c
    https://w3id.org/mrkg/id/document/{source file stem}
    https://w3id.org/mrkg/id/statement/{source file stem}/{local id}
    https://w3id.org/mrkg/id/session/{session key}                    .../session/cmw/35/meeting/506
    https://w3id.org/mrkg/id/session/{session key}/agenda/{item slug} .../session/cmw/35/agenda/promotion-of-the-convention
    https://w3id.org/mrkg/id/actor/{name slug}                        .../actor/mexico
    https://w3id.org/mrkg/id/role/{role slug}                         .../role/chair
    https://w3id.org/mrkg/id/membership/{digest}, .../participation/{digest}   capacities, keyed by content
    https://w3id.org/mrkg/id/document/{stem}/mention/{resource path}/{start}-{end}
                                                                      where a document names a session, an actor…
    https://w3id.org/mrkg/id/graph/source/{source file stem}          one named graph per source
    https://w3id.org/mrkg/id/graph/actors, .../graph/sessions         what several documents can name
    https://w3id.org/mrkg/id/graph/inferred                           inferred links (mrkg:discusses)
    https://w3id.org/mrkg/id/statement/{stem}/{local id}/discusses/{provision path}   an inferred link
    https://w3id.org/mrkg/id/method/{name}                            how inferred links were found
    https://w3id.org/mrkg/sources/{source file name}                  the source text itself

Nothing here depends on run order: the same content gives the same IRI.
"""
from __future__ import annotations

from graph.content_keys import digest, slug

BASE = "https://w3id.org/mrkg/"
ID = BASE + "id/"
ONTOLOGY = BASE + "ontology#"
ONTOLOGY_IRI = BASE + "ontology"
SOURCES = BASE + "sources/"

CATALOGUE_GRAPH = ID + "graph/catalogue"
ACTORS_GRAPH = ID + "graph/actors"
SESSIONS_GRAPH = ID + "graph/sessions"
ONTOLOGY_GRAPH = ID + "graph/ontology"
INFERRED_GRAPH = ID + "graph/inferred"  # mrkg:discusses links, never in a source graph (issue 13, item 5)
DATASET = ID + "dataset"


def instrument(code: str) -> str:
    return f"{ID}instrument/{code.lower()}"


# Path tokens for provision kinds: readable, ELI/Akoma Ntoso-like.
PROVISION_TOKENS = {
    "Part": "part",
    "Article": "article",
    "Objective": "objective",
    "GuidingPrinciple": "guiding-principle",
    "Paragraph": "paragraph",
    "Target": "target",
    "Goal": "goal",
    "Indicator": "indicator",
    "Annex": "annex",
    "Preamble": "preamble",  # has no number: …/icrmw/preamble
}


def provision(code: str, steps: list[tuple[str, str]]) -> str:
    """IRI of a provision from its path below the instrument.

    ``steps`` is ``[("Article", "25"), ("Paragraph", "1")]`` for article 25(1);
    a step without a number (``("Preamble", "")``) is its token alone.
    """
    path = "/".join(
        f"{PROVISION_TOKENS[kind]}/{number.lower()}" if number else PROVISION_TOKENS[kind] for kind, number in steps
    )
    return f"{instrument(code)}/{path}"


def document(stem: str) -> str:
    return f"{ID}document/{stem}"


def source_file(name: str) -> str:
    return f"{SOURCES}{name}"


def source_graph(stem: str) -> str:
    return f"{ID}graph/source/{stem}"


def statement(stem: str, local_id: str) -> str:
    return f"{ID}statement/{stem}/{local_id}"


def session(key: str) -> str:
    return f"{ID}session/{key}"


def agenda_item(session_key: str, item: str) -> str:
    """An item of a session's agenda, by its title (cut: titles can run long).

    The agenda is the session's: each of its meetings takes up some of the items.
    """
    return f"{session(session_key)}/agenda/{slug(item)[:80]}"


def actor(key: str) -> str:
    return f"{ID}actor/{key}"


def role(name: str) -> str:
    return f"{ID}role/{slug(name)}"


def membership(actor_key: str, role_name: str | None, organization_key: str | None) -> str:
    """An actor's capacity (role, for whom) in one or more statements."""
    parts = [actor_key, slug(role_name) if role_name else "", organization_key or ""]
    return f"{ID}membership/{digest('|'.join(parts), 12)}"


def participation(key: str) -> str:
    """Someone taking part in a session in a role; ``key`` joins actor, role, affiliation and session."""
    return f"{ID}participation/{digest(key, 12)}"


def mention(stem: str, resource: str, start: int, end: int) -> str:
    """Where a document names a resource that other documents can name too (issue 11, point 1).

    Under the document, by the resource's own path and the offsets: "the 35th session, as
    SR.507 prints it at 402-422" is ``…/document/cmw-c-sr-507/mention/session/cmw/35/402-422``.
    """
    path = resource[len(ID):] if resource.startswith(ID) else digest(resource, 12)
    return f"{document(stem)}/mention/{path}/{start}-{end}"


def reference(statement_iri: str, start: int, end: int) -> str:
    """A citation or mention node, keyed by its position in the source."""
    return f"{statement_iri}/ref/{start}-{end}"


TOPICS = ID + "topic/"  # the concept scheme of topics; each topic under it


def topic(key: str) -> str:
    """A topic of the scheme: ``…/topic/detention``."""
    return f"{TOPICS}{slug(key)}"


def translation(statement_iri: str, language: str) -> str:
    """A statement's text printed again in another language: ``…/statement/{stem}/{id}/translation/fr``."""
    return f"{statement_iri}/translation/{slug(language)}"


def topic_match(statement_iri: str, topic_key: str, start: int, end: int) -> str:
    """Where a statement's words match a topic's labels: ``…/statement/{stem}/{id}/topic/detention/120-129``."""
    return f"{statement_iri}/topic/{slug(topic_key)}/{start}-{end}"
