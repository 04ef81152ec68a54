"""schema.org descriptions embedded in pages (``<script type="application/ld+json">``).

Search engines and generic harvesters read schema.org, not our ontology, so
each page states the gist in its terms: a provision is ``Legislation``, a
statement a ``Quotation`` by its speaker, a session an ``Event``, the dataset
a ``Dataset`` with its downloads.  The full description stays in the RDF forms.
"""
from __future__ import annotations

from typing import Any, Callable

from api.views.actors import ActorView
from api.views.catalogue import InstrumentView, ProvisionView
from api.views.home import Overview
from api.views.records import DocumentView, SessionView
from api.views.resources import Link, ResourceView
from api.views.statements import StatementView
from graph.vocab import MRKG

CONTEXT = "https://schema.org"
LICENCE = "https://creativecommons.org/licenses/by/4.0/"


def _thing(link: Link | None, kind: str = "Thing") -> dict[str, Any] | None:
    return {"@type": kind, "@id": link.iri, "name": link.label} if link else None


def _clean(data: dict[str, Any]) -> dict[str, Any]:
    return {key: value for key, value in data.items() if value not in (None, [], "")}


def provision_schema(view: ProvisionView) -> dict[str, Any]:
    return _clean({
        "@context": CONTEXT, "@type": "Legislation", "@id": view.iri, "name": view.label,
        "legislationIdentifier": view.number, "isPartOf": _thing(view.instrument, "Legislation"),
        "description": next((text for _, text in view.wording), None),
        "hasPart": [_thing(entry.link, "Legislation") for entry in view.subdivisions],
    })


def instrument_schema(view: InstrumentView) -> dict[str, Any]:
    adopted = next((value for what, value, _ in view.facts if what == "Adopted"), None)
    return _clean({
        "@context": CONTEXT, "@type": "Legislation", "@id": view.iri, "name": view.label,
        "alternateName": view.alt_labels, "legislationIdentifier": view.notation, "legislationDate": adopted,
    })


def statement_schema(view: StatementView) -> dict[str, Any]:
    summary = view.summary
    return _clean({
        "@context": CONTEXT, "@type": "Quotation", "@id": summary.iri, "name": summary.label, "text": summary.text,
        "creator": _thing(summary.speaker, "Person"), "sourceOrganization": _thing(summary.on_behalf_of, "Organization"),
        "isPartOf": _thing(summary.document, "CreativeWork"), "dateCreated": summary.date,
        "citation": [_thing(reference.target, "Legislation") for reference in view.citations],
        "mentions": [_thing(reference.target, "Legislation") for reference in view.mentions],
    })


def actor_schema(view: ActorView) -> dict[str, Any]:
    kinds = {link.iri for link in view.kinds}
    kind = ("Country" if str(MRKG.State) in kinds else "Person" if str(MRKG.Person) in kinds
            else "Organization" if str(MRKG.Organization) in kinds else "Thing")
    return _clean({"@context": CONTEXT, "@type": kind, "@id": view.iri, "name": view.label,
                   "alternateName": view.printed_as + view.other_names, "sameAs": view.same_as})


def session_schema(view: SessionView) -> dict[str, Any]:
    facts = {fact.name: fact for fact in view.facts}
    return _clean({
        "@context": CONTEXT, "@type": "Event", "@id": view.iri, "name": view.label,
        "startDate": facts["Date"].text if "Date" in facts else None,
        "location": facts["Place"].text if "Place" in facts else None,
        "organizer": {"@id": facts["Organized by"].link, "name": facts["Organized by"].text} if "Organized by" in facts else None,
        "superEvent": _thing(view.parent, "Event"),
        "subEvent": [_thing(part, "Event") for part, _, _ in view.parts.items],
    })


def document_schema(view: DocumentView) -> dict[str, Any]:
    facts = {fact.name: fact for fact in view.facts}
    return _clean({
        "@context": CONTEXT, "@type": "Report", "@id": view.iri, "name": view.label,
        "datePublished": facts["Issued"].text if "Issued" in facts else None,
        "author": {"@id": facts["Author"].link, "name": facts["Author"].text} if "Author" in facts else None,
        "about": [_thing(link, "Event") for link in view.sessions],
    })


def resource_schema(view: ResourceView) -> dict[str, Any]:
    return {"@context": CONTEXT, "@type": "Thing", "@id": view.iri, "name": view.label}


def topic_schema(view: Any) -> dict[str, Any]:
    return {"@context": CONTEXT, "@type": "DefinedTerm", "@id": view.iri, "name": view.label,
            "inDefinedTermSet": "https://w3id.org/mrkg/id/topic/"}


def topics_schema(view: Any) -> dict[str, Any]:
    return {"@context": CONTEXT, "@type": "DefinedTermSet", "@id": view.iri, "name": view.label,
            "hasDefinedTerm": [{"@id": entry.link.iri, "name": entry.link.label} for entry in view.topics]}


SCHEMAS: dict[str, Callable[[Any], dict[str, Any]]] = {
    "provision": provision_schema, "instrument": instrument_schema, "statement": statement_schema,
    "actor": actor_schema, "session": session_schema, "document": document_schema, "resource": resource_schema,
    "topic": topic_schema, "topics": topics_schema,
}


def schema(kind: str, view: Any) -> dict[str, Any]:
    return SCHEMAS[kind](view)


def home_schema(view: Overview, base: str) -> dict[str, Any]:
    return {
        "@context": CONTEXT, "@type": "Dataset", "@id": "https://w3id.org/mrkg/id/dataset",
        "name": "Migrant Rights Knowledge Graph", "url": base + "/", "license": LICENCE,
        "description": "Instruments on the rights of migrant workers, their provisions, and who said what about "
                       "them, for whom, where and when, with provenance to the source passage.",
        "distribution": {"@type": "DataDownload", "contentUrl": base + "/dumps/", "encodingFormat": "application/n-quads"},
        "keywords": [entry.notation for entry in view.instruments if entry.notation],
    }


def dataset_schema(view: Any) -> dict[str, Any]:
    return {
        "@context": CONTEXT, "@type": "Dataset", "@id": "https://w3id.org/mrkg/id/dataset", "name": view.title,
        "description": view.description, "license": view.licence, "dateModified": view.modified.isoformat(),
        "publisher": {"@type": "Organization", "name": view.publisher},
        "distribution": [{"@type": "DataDownload", "name": d.name, "contentUrl": d.url, "encodingFormat": d.media_type,
                          "contentSize": str(d.bytes)} for d in view.distributions],
    }
