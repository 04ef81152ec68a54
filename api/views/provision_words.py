"""What a provision says, and where it stands: its words, its Part and the official text they come from.

Issue 13, point 6: the article 22 page showed no word of article 22.  The words are the
catalogue's ``mrkg:provisionText`` (one paragraph a line, as the official text numbers
them), the source its ``dcterms:source``, and the place the headings of the Parts above it
("Part III — Human rights of all migrant workers and members of their families").
"""
from __future__ import annotations

from dataclasses import dataclass, field

from api.views.query import iri, select
from api.views.resources import Link
from graph.store import PublishedData


@dataclass
class Heading:
    """A Part (or other titled division) above the provision, as the instrument heads it."""

    link: Link
    kind: str
    number: str
    title: str


@dataclass
class ProvisionWords:
    paragraphs: list[str] = field(default_factory=list)  # the official words, a paragraph each
    source: str | None = None  # URL of the official text
    place: list[Heading] = field(default_factory=list)  # outermost first


def provision_words(store: PublishedData, resource: str, path: list[Link]) -> ProvisionWords:
    """The words of ``resource`` in English (or its first language), and the headed divisions of ``path``."""
    node = iri(resource)
    rows = select(store, f"""SELECT ?text ?source WHERE {{ {node} mrkg:provisionText ?text .
        OPTIONAL {{ {node} dcterms:source ?source }} }} ORDER BY DESC(LANGMATCHES(LANG(?text), "en")) ?text LIMIT 1""")
    words = ProvisionWords()
    if rows:
        words.paragraphs = [line for line in (rows[0]["text"] or "").splitlines() if line.strip()]
        words.source = rows[0]["source"]
    above = [step.iri for step in path]
    if above:
        headed = {row["p"]: row for row in select(store, f"""SELECT ?p ?kind ?n ?t WHERE {{
            VALUES ?p {{ {' '.join(iri(step) for step in above)} }}
            ?p a mrkg:Part ; mrkg:number ?n ; dcterms:title ?t . BIND ("Part" AS ?kind) }}""")}
        names = {step.iri: step for step in path}
        words.place = [Heading(names[p], row["kind"], row["n"], row["t"]) for p in above
                       if (row := headed.get(p))]
    return words
