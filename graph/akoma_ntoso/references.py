"""The ``<references>`` of a document: one TLC reference per person, organization or role it names.

AKN4UN points every ``speech/@by`` and ``@as`` at a Top Level Class reference in the
document's metadata: a TLCPerson for a speaker, a TLCOrganization for the State or organization
spoken for (and for the publisher), a TLCRole for a capacity ("Chair", "representative").  The
``href`` of each is the resource's mrkg IRI, so a reader of the XML can follow it into the graph.
The ``eId`` is the last part of that IRI, made unique within the document.
"""
from __future__ import annotations

import re

from graph.akoma_ntoso.reading import Party

ELEMENTS = {"person": "TLCPerson", "organization": "TLCOrganization", "role": "TLCRole"}
# The agent that marked the document up (``source`` of identification, references, lifecycle).
EDITOR = Party("https://w3id.org/mrkg/", "Migrant Rights Knowledge Graph", "organization")
EDITOR_ID = "mrkg"


class References:
    """The TLC references of one document, keyed by the resource's IRI."""

    def __init__(self, parties: dict[str, Party]) -> None:
        self.ids: dict[str, str] = {EDITOR.iri: EDITOR_ID}
        self.parties: dict[str, Party] = {EDITOR.iri: EDITOR}
        taken = {EDITOR_ID}
        for iri in sorted(parties, key=lambda i: (parties[i].kind, i)):
            base = re.sub(r"[^A-Za-z0-9_.-]+", "-", iri.rstrip("/").rsplit("/", 1)[-1]).strip("-.") or "ref"
            if not base[0].isalpha():
                base = "x" + base
            eid, n = base, 2
            while eid in taken:
                eid, n = f"{base}-{n}", n + 1
            taken.add(eid)
            self.ids[iri] = eid
            self.parties[iri] = parties[iri]

    def ref(self, iri: str | None) -> str | None:
        """``#eId`` of the resource, for ``by``, ``as`` and ``href`` attributes; None when none is given."""
        return f"#{self.ids[iri]}" if iri and iri in self.ids else None

    def declared(self) -> list[tuple[str, str, Party]]:
        """(element, eId, party) for every reference, in a fixed order: by element, then eId."""
        return sorted(((ELEMENTS[p.kind], self.ids[iri], p) for iri, p in self.parties.items()),
                      key=lambda item: (item[0], item[1]))
