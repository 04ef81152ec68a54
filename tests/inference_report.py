"""How well the inferred ``mrkg:discusses`` links find the provisions statements cite (issue 13, item 5).

The explicit citations are the only judgement of "this statement is about that provision" the corpus
has, so they are the measure: every source of the corpus (the five sources, the unseen documents
of ``tests/fixtures/unseen/`` and the held-out ones of ``tests/fixtures/heldout/``) is read with the
pipeline's own steps, its citations are hidden (no ``mrkg:cites``; the words of each citation,
"objective 13", blanked out; an instrument named only inside a citation not counted as named), and
the links inferred from what is left are compared with the hidden citations, pair by pair
(statement, provision):

precision
    of the links inferred at or above a threshold, the share that a hidden citation confirms.  A link
    no citation confirms is counted wrong even where the statement does discuss the provision (most
    statements discuss more than they cite), so this is a floor.
recall
    of the hidden citations, the share inferred.  Most cited provisions are articles or paragraphs with
    no title and no text in the catalogue, which words alone cannot find; the recall over the
    citations of provisions the catalogue gives words to is reported beside it.

A link to a provision that is part of, or contains, the cited one (article 25 for 25(1)) is counted
as right only in the *related* columns.

    python tests/inference_report.py            # the table, the figures at the threshold, the detention count
    python tests/inference_report.py -v         # and every citation found or missed
"""
from __future__ import annotations

import shutil
import sys
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = (ROOT / "tests" / "fixtures" / "unseen", ROOT / "tests" / "fixtures" / "heldout")
THRESHOLDS = (0.3, 0.35, 0.4, 0.45, 0.5, 0.6, 0.7, 0.8)
OBJECTIVE_13 = "https://w3id.org/mrkg/id/instrument/gcm/objective/13"


@dataclass(frozen=True)
class Scored:
    statement: str
    provision: str
    confidence: float


@dataclass
class Evaluation:
    cited: set[tuple[str, str]] = field(default_factory=set)  # the hidden citations
    worded: set[tuple[str, str]] = field(default_factory=set)  # those of provisions with words in the catalogue
    inferred: list[Scored] = field(default_factory=list)  # every link, at any confidence, with citations hidden
    statements: int = 0
    sources: int = 0
    related: dict[tuple[str, str], bool] = field(default_factory=dict)  # inferred pair → a cited provision related

    def at(self, threshold: float) -> "Figures":
        chosen = {(s.statement, s.provision) for s in self.inferred if s.confidence >= threshold}
        right = chosen & self.cited
        near = {pair for pair in chosen if self.related.get(pair)}
        found_near = {(st, p) for st, p in self.cited
                      if any(self.related.get((st, q)) and (st, q) in chosen for q in self._provisions(st))}
        return Figures(threshold, len(chosen), len(right), len(self.cited), len(self.worded & right),
                       len(self.worded), len(near), len(found_near))

    def _provisions(self, statement: str) -> set[str]:
        return {p for s, p in self.related if s == statement}


@dataclass(frozen=True)
class Figures:
    threshold: float
    inferred: int
    right: int
    cited: int
    right_worded: int
    worded: int
    right_related: int
    found_related: int

    @property
    def precision(self) -> float:
        return self.right / self.inferred if self.inferred else 0.0

    @property
    def recall(self) -> float:
        return self.right / self.cited if self.cited else 0.0

    @property
    def recall_worded(self) -> float:
        return self.right_worded / self.worded if self.worded else 0.0

    @property
    def precision_related(self) -> float:
        return self.right_related / self.inferred if self.inferred else 0.0

    @property
    def recall_related(self) -> float:
        return self.found_related / self.cited if self.cited else 0.0


def corpus_quads(data: Path) -> Iterator[tuple[str, list[ox.Quad]]]:
    """Each source's graph as the pipeline writes it (read, extract, to RDF), by source."""
    from graph import pipeline
    from graph.catalogue_reader import load_catalogue
    from graph.settings import Settings

    settings = Settings.from_env(data_dir=data)
    catalogue = load_catalogue(settings.catalogue_dir)
    documents = pipeline.parse_sources(settings, catalogue, lambda line: None)
    dataset, _ = pipeline.assemble(documents, catalogue, pipeline.load_ontology(settings.ontology_dir))
    by_graph: dict[str, list[ox.Quad]] = {}
    for quad in ox.parse(dataset.serialize(format="nquads").encode("utf-8"), format=ox.RdfFormat.N_QUADS):
        name = quad.graph_name
        if isinstance(name, ox.NamedNode) and "/graph/source/" in name.value:
            by_graph.setdefault(name.value, []).append(quad)
    yield from sorted(by_graph.items())


def with_fixtures(folder: Path) -> Path:
    """A copy of data/ holding the five sources and every unseen and held-out text."""
    data = folder / "data"
    shutil.copytree(ROOT / "data", data)
    for fixtures in FIXTURES:
        for text in sorted(fixtures.glob("*/*.txt")):
            shutil.copy(text, data / "sources" / text.name)
    return data


def evaluate(data: Path | None = None) -> Evaluation:
    from graph.catalogue_reader import load_catalogue
    from graph.infer.method import infer
    from graph.infer.provisions import ProvisionIndex
    from graph.infer.statements import SourceStatements

    with tempfile.TemporaryDirectory() as folder:
        data = data or with_fixtures(Path(folder))
        index = ProvisionIndex.of(load_catalogue(data / "catalogue").graph)
        worded = {profile.iri for profile in index.profiles}
        result = Evaluation()
        for _, quads in corpus_quads(data):
            source = SourceStatements.of(quads, index.instrument_of)
            result.sources += 1
            result.statements += len(source.statements)
            for statement in source.statements:
                for provision in statement.cites:
                    result.cited.add((statement.iri, provision))
                    if provision in worded:
                        result.worded.add((statement.iri, provision))
            cited_by = {s.iri: s.cites for s in source.statements}
            for link in infer(source.without_citations(index.instrument_of), index, threshold=0.0):
                result.inferred.append(Scored(link.statement, link.provision, link.confidence))
                result.related[(link.statement, link.provision)] = any(
                    index.related(link.provision, cited) for cited in cited_by.get(link.statement, ()))
        return result


def detention(data: Path = ROOT / "data") -> tuple[int, int, int, int]:
    """Of the five sources' statements that say "detention": how many there are, how many cite objective 13,
    how many more the inference links to it (at the published threshold), and how many lead to it in all."""
    from graph.catalogue_reader import load_catalogue
    from graph.infer.method import infer
    from graph.infer.provisions import ProvisionIndex
    from graph.infer.statements import SourceStatements

    index = ProvisionIndex.of(load_catalogue(data / "catalogue").graph)
    speaking = citing = inferred = 0
    for _, quads in corpus_quads(data):
        source = SourceStatements.of(quads, index.instrument_of)
        linked = {link.statement for link in infer(source, index) if link.provision == OBJECTIVE_13}
        for statement in source.statements:
            if "detention" in statement.passage.casefold():
                speaking += 1
                citing += OBJECTIVE_13 in statement.cites
                inferred += statement.iri in linked
    return speaking, citing, inferred, citing + inferred


def markdown(result: Evaluation, chosen: float) -> str:
    rows = ["| threshold | inferred | confirmed | precision | recall | recall (worded) | precision (related) "
            "| recall (related) |", "|---|---|---|---|---|---|---|---|"]
    for threshold in THRESHOLDS:
        f = result.at(threshold)
        mark = "**" if threshold == chosen else ""
        rows.append(f"| {mark}{threshold:.2f}{mark} | {f.inferred} | {f.right} | {f.precision:.2f} | {f.recall:.2f} "
                    f"| {f.recall_worded:.2f} | {f.precision_related:.2f} | {f.recall_related:.2f} |")
    return "\n".join(rows)


def main(argv: list[str]) -> int:
    sys.path.insert(0, str(ROOT))
    from graph.infer.method import THRESHOLD

    result = evaluate()
    print(f"{result.sources} sources, {result.statements} statements, {len(result.cited)} citations hidden "
          f"({len(result.worded)} of provisions with words in the catalogue)")
    print(markdown(result, THRESHOLD))
    f = result.at(THRESHOLD)
    print(f"at {THRESHOLD}: precision {f.precision:.2f}, recall {f.recall:.2f}, recall over worded provisions "
          f"{f.recall_worded:.2f}")
    speaking, citing, inferred, total = detention()
    print(f"detention: {speaking} statements of the five sources say it; {citing} cite objective 13, "
          f"{inferred} more are linked to it by inference: {total} lead to objective 13")
    if "-v" in argv:
        chosen = {(s.statement, s.provision): s.confidence for s in result.inferred}
        for pair in sorted(result.cited):
            print(("found " if chosen.get(pair, 0) >= THRESHOLD else "missed"), chosen.get(pair, "-"), *pair)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
