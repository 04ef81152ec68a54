"""``build()``: every step of the data flow, in order, source by source.

    each source ─parse─▶ document ─extract─▶ record ─to RDF─▶ its graph ─entail─▶ ─validate─▶ part
    every record ─resolve actors─▶ actors and sessions graphs ─entail─▶ ─validate─▶ parts
    each source's part ─infer─▶ its mrkg:discusses links, a part of the inferred graph (graph.infer)
    parts ─publish─▶ store + dumps

Each source is read, written as its graph, entailed and checked on its own, then let go
(``graph.source_graphs``); what several documents name is made from every source's small
record (``graph.shared_graphs``).  So a build's time grows with the number of sources, and its
memory with what they share, not with the corpus (issue 11, point 5).

What a source gave is kept in ``var/build/``, keyed by its content and by everything that
changes how it is read (``graph.build_inputs``, ``graph.build_cache``): a build reads again
only the sources that changed, checks again only what depends on them, and starts its store
from the current one (``graph.store_update``); with nothing changed it says so and publishes
nothing (issue 11, point 4).  ``full`` reads and checks everything again and loads a new store.

By default a source that cannot be read, or whose graph does not conform, stops the build
before ``publish``, so what is already published stays as it was.  With ``keep_going`` such
sources are refused by name, with the reason, and the others are published (issue 11,
point 6); a node of the shared graphs that does not conform refuses every source that names it.
"""
from __future__ import annotations

import json
import time
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from rdflib import URIRef
from rdflib.term import Node

from graph import iris
from graph.actors_graph import membership_iri
from graph.build_cache import BuildCache, CheckedGraph, SourceRecord
from graph.build_inputs import BuildInputs, file_digest, load_ontology, reading_digest, source_key
from graph.build_summary import BuildSummary, DocumentSummary, Refusal
from graph.catalogue_reader import load_catalogue
from graph.cross_document import SharedNames
from graph.disk import writing
from graph.errors import EnvironmentFault, MrkgError, SourceError, ValidationFailed
from graph.external_load import load_parts_into_external
from graph.virtuoso_load import load_parts_into_virtuoso
from graph.records import Actor
from graph.extract.actors import ActorResolver, Printed
from graph.graph_parts import Part
from graph.infer.step import InferredParts
from graph.progress import Reporter, reporter
from graph.publish import publish_parts
from graph.reading import parse_sources, read_line, read_one, summary_of
from graph.records import ActorKind
from graph.settings import Settings
from graph.shared_graphs import SharedGraphs, check_catalogue, check_shared, shared_graphs
from graph.source_graphs import check_again, graph_key, make_source_graph
from graph.sources import find_sources
from graph.store_update import Published
from graph.validate import ValidationReport, ValidationResult, located
from graph.validation_context import SharedIndex
from graph.whole_dataset import assemble

__all__ = ["build", "BuildSummary", "DocumentSummary", "Refusal", "assemble", "load_catalogue", "load_ontology",
           "parse_sources"]

Progress = Callable[[str], None]
Resolved = dict[Printed, tuple[str, ActorKind]]
CATALOGUE = "<catalogue and ontology>"  # their entry among the checked nodes: they are checked whole
RECORDS = "the build's records of the sources"


def build(settings: Settings, progress: "Progress | Reporter | None" = None, keep_going: bool = False,
          full: bool = False) -> BuildSummary:
    return Build(settings, reporter(progress), keep_going, full).run()


@dataclass
class Entry:
    """A source as the build goes: its key, what build.json says of it, its graph once made."""

    name: str
    key: str
    summary: DocumentSummary
    notes: list[str]
    graph_key: str = ""
    checked: CheckedGraph | None = None

    @property
    def graph(self) -> CheckedGraph:
        """Its checked graph, once the build has made or found it (every step after that reads this)."""
        if self.checked is None:
            raise MrkgError(f"the build used the graph of {self.name} before making it")
        return self.checked


@dataclass
class Checked:
    """What the graph-making steps leave for publishing."""

    entries: list[Entry]
    shared: SharedGraphs
    parts: list[Part]
    nodes: dict[str, str]  # the shared nodes that conform, with the digest of what their check read
    families: dict[str, Part]
    actors: int


class Build:
    def __init__(self, settings: Settings, report: Reporter, keep_going: bool, full: bool) -> None:
        self.settings, self.report, self.keep_going, self.full = settings, report, keep_going, full
        self.cache = BuildCache(settings.var_dir)
        self.refused: list[Refusal] = []
        self.started = time.perf_counter()
        self.wall_started = time.time()
        self._inferred_keys: set[str] = set()

    def run(self) -> BuildSummary:
        """The data flow, step by step; each step is one method below, named as in the module's diagram."""
        self.report.line(f"sources: {self.settings.sources_dir}")
        paths = find_sources(self.settings.sources_dir)
        contents = {path.name: file_digest(path) for path in paths}
        reading = reading_digest(self.settings)
        if not self.full:
            unchanged = self._unchanged(reading, contents)
            if unchanged is not None:
                return unchanged
        self.report.line(f"catalogue: {self.settings.catalogue_dir}")
        self.inputs = BuildInputs.load(self.settings, reading)
        with self._keeping():
            records = self._parse_and_extract(paths, contents)
            done = self._to_rdf_entail_validate(records)
            done.parts += self._infer(done)
        summary = self._count(done)
        self._publish(done, dict(summary.as_record(), inputs={"reading": reading, "sources": contents}), summary)
        self._tidy(done, reading)
        summary.seconds = time.perf_counter() - self.started
        return summary

    def _publish(self, done: Checked, record: dict[str, object], summary: BuildSummary) -> None:
        """To the external server first, if there is one: a server that refuses the build leaves the local
        store as it was.  Then the local release, swapped in whole."""
        if self.settings.external_update_endpoint:
            sent = load_parts_into_external(done.parts, self.cache.parts, self.settings.external_update_endpoint)
            self.report.line(f"external server: {sent} named graphs replaced at {self.settings.external_update_endpoint}")
        if self.settings.virtuoso_isql:
            sent, route = load_parts_into_virtuoso(done.parts, self.cache.parts, self.settings)
            self.report.line(f"Virtuoso: {sent} named graphs replaced at {self.settings.virtuoso_isql} ({route})")
        with self._keeping():
            summary.release = publish_parts(done.parts, self.cache.parts, self.settings.var_dir, record,
                                            self.report.line, start_from_current=not self.full)
        self.report.line(f"published: {summary.release}")

    def _tidy(self, done: Checked, reading: str) -> None:
        """Keep what the next build can reuse and let go of the rest; published already, so a failure here
        only means the next build has more to check again."""
        try:
            self.cache.keep_shared(reading, done.nodes, done.families)
            self.cache.prune([e.key for e in done.entries], [e.graph_key for e in done.entries],
                             self._kept_parts(done.parts), reading, written_before=self.wall_started,
                             inferred=self._inferred_keys)
        except OSError as error:
            self.report.line(f"note: could not tidy {self.cache.root} ({error.strerror or error}); "
                             "the next build checks again what it cannot find there")

    @contextmanager
    def _keeping(self) -> Iterator[None]:
        """A full disk takes back what this build wrote to ``var/build/`` before it is said."""
        try:
            yield
        except EnvironmentFault:
            self.cache.forget_created()
            raise

    def _unchanged(self, reading: str, contents: dict[str, str]) -> BuildSummary | None:
        """The current release's summary, when it was built from these very inputs and is intact; else None."""
        current = self.settings.var_dir / "current"
        try:
            record = json.loads((current / "build.json").read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        if record.get("inputs") != {"reading": reading, "sources": contents}:
            return None
        if record.get("refused") and not self.keep_going:
            return None  # it left sources out: a strict build says why again, and stops
        if Published.current(self.settings.var_dir) is None:
            return None  # damaged, or not made by a build: a new release replaces it
        self.report.line(f"nothing changed: the {len(contents):,} sources, the catalogue, the ontology, the shapes "
                         f"and the code are as {current.resolve().name} was built from")
        return BuildSummary.from_record(record, current.resolve())

    # -- parse and extract: each source read once ----------------------------------------------

    def _parse_and_extract(self, paths: list[Path], contents: dict[str, str]) -> list[Entry]:
        entries = []
        self.report.stage("reading sources", len(paths))
        for path in paths:
            key = source_key(self.inputs.reading, path.name, contents[path.name])
            record = None if self.full else self.cache.record(key)
            read_now = record is None
            if record is None:
                try:
                    document, reading, seconds = read_one(path, self.inputs.catalogue)
                except SourceError as error:
                    self._refuse(path.name, str(error), error)
                    self.report.advance()
                    continue
                record = SourceRecord(path.name, key, summary_of(document, reading), document.notes,
                                      SharedNames.of(document))
                with writing(RECORDS, self.cache.root):
                    self.cache.keep_read(record, document)
                self.report.item(read_line(record.summary, seconds))
            entries.append(Entry(path.name, key, DocumentSummary(**record.summary, read=read_now), record.notes))
            self.report.advance()
        self.report.done()
        read = sum(entry.summary.read for entry in entries)
        kept = len(entries) - read
        self.report.line(f"read {read:,} of {len(paths):,} sources" + (f", {kept:,} as they were" if kept else ""))
        return entries

    def _refuse(self, name: str, reason: str, error: MrkgError) -> None:
        if not self.keep_going:
            raise error
        self.refused.append(Refusal(name, reason))
        self.report.line(f"refused: {name}: {reason}")

    # -- to RDF, entail, validate; refusing what does not conform when keeping going -------------

    def _to_rdf_entail_validate(self, accepted: list[Entry]) -> Checked:
        checked_nodes: dict[str, str] = {}
        while True:
            if not accepted:
                raise MrkgError("no source can be published: every source was refused (see above)")
            resolved, actors = self._resolve(accepted)
            shared = shared_graphs(self._names(accepted, resolved), actors, self.inputs.catalogue,
                                   self.inputs.ontology, self.inputs.hierarchy)
            index = shared.index(self.inputs.shapes)
            failing = self._source_graphs(accepted, resolved, index)
            if failing:
                if self.keep_going:
                    accepted = self._refuse_graphs(accepted, failing)
                    continue
                results = [ValidationResult(**v) for e in failing for v in e.graph.violations]
                self.report.line(f"shapes: {len(results)} violations")
                raise ValidationFailed(ValidationReport(results).text(), len(results))
            for entry in accepted:
                index.add_backlinks(entry.graph.backlinks)
            digests = {node: index.inputs_digest(node) for node in shared.nodes()}
            known = {} if self.full else self.cache.shared(self.inputs.reading)
            with writing("the parts of the graph", self.cache.root):
                parts, families = shared.write(self.cache.parts, digests, known.get("families", {}), self.full)
            already = {**known.get("nodes", {}), **checked_nodes}  # and those found to conform in a round before
            checked_nodes, violations = self._check_shared(shared, digests, index, already, parts)
            if violations:
                namers = self._namers(violations, shared, accepted, resolved)
                violations = self._located(violations, namers, accepted)
                if self.keep_going and namers:
                    accepted = self._refuse_named(accepted, namers, violations)
                    continue
                self.report.line(f"shapes: {len(violations)} violations")
                raise ValidationFailed(ValidationReport(violations).text(), len(violations))
            self.report.line("shapes: conforms")
            source_parts = [entry.graph.part for entry in accepted]
            return Checked(accepted, shared, source_parts + parts, checked_nodes, families, len(actors))

    def _resolve(self, accepted: list[Entry]) -> tuple[Resolved, dict[str, Actor]]:
        corpus: Counter[Printed] = Counter()
        for record in self._records(accepted):
            for form, count in record.names.printed:
                corpus[form] += count
        resolver = ActorResolver(self.inputs.catalogue.known_actors())
        return resolver.resolve_printed(corpus.items()), resolver.actors

    def _records(self, entries: list[Entry]) -> Iterator[SourceRecord]:
        for entry in entries:
            record = self.cache.record(entry.key)
            if record is None:
                raise MrkgError(f"the build's record of {entry.name} went missing from {self.cache.root} "
                                "while it ran: run `mrkg build` again")
            yield record

    def _names(self, entries: list[Entry], resolved: Resolved) -> Iterator[SharedNames]:
        for entry, record in zip(entries, self._records(entries)):
            record.names.apply(resolved)
            entry.graph_key = graph_key(entry.key, record.names, resolved)
            yield record.names

    def _source_graphs(self, entries: list[Entry], resolved: Resolved, index: SharedIndex) -> list[Entry]:
        """Each source's graph, made or taken as it was; the entries whose graph does not conform."""
        self.report.stage("checking graphs", len(entries))
        made = again = 0
        for entry in entries:
            cached = None if self.full else self.cache.checked(entry.graph_key)
            if cached is not None and index.still_valid(cached.references):
                entry.checked = cached
            else:
                if cached is not None:
                    entry.checked = check_again(cached, self.inputs, index, self.cache.parts)
                    again += 1
                else:
                    entry.checked = self._make_graph(entry, resolved, index)
                    made += 1
                with writing(RECORDS, self.cache.root):
                    self.cache.keep_checked(entry.checked)
            entry.summary.triples = entry.checked.triples
            entry.checked.references = {}  # kept on disk; not needed again in this build
            self.report.advance()
        self.report.done()
        kept = len(entries) - made - again
        self.report.line(f"graphs: {made:,} written and checked" + (f", {again:,} checked again" if again else "")
                         + (f", {kept:,} as they were" if kept else ""))
        return [entry for entry in entries if not entry.graph.conforms]

    def _make_graph(self, entry: Entry, resolved: Resolved, index: SharedIndex) -> CheckedGraph:
        document = None if self.full else self.cache.document(entry.key)
        if document is None:  # not kept (or a full build): read the source again
            document, _, _ = read_one(self.settings.sources_dir / entry.name, self.inputs.catalogue)
        with writing("the parts of the graph", self.cache.root):
            return make_source_graph(document, entry.graph_key, self.inputs, self.inputs.hierarchy, resolved,
                                     index, self.cache.parts, overwrite=self.full)

    def _refuse_graphs(self, accepted: list[Entry], failing: list[Entry]) -> list[Entry]:
        for entry in failing:
            results = [ValidationResult(**v) for v in entry.graph.violations]
            self._refuse(entry.name, "its graph does not conform to the shapes:\n" + _results_text(results),
                         MrkgError(entry.name))
        return [entry for entry in accepted if entry not in failing]

    # -- the shared graphs' nodes -------------------------------------------------------------

    def _check_shared(self, shared: SharedGraphs, digests: dict[Node, str], index: SharedIndex,
                      already: dict[str, str], parts: list[Part]) -> tuple[dict[str, str], list[ValidationResult]]:
        self.report.stage("checking actors and sessions", len(digests))
        found = check_shared(digests, index, self.inputs.shapes, already, self.report.advance)
        self.report.done()
        self.report.line(f"actors and sessions: {found.checked:,} of {len(digests):,} nodes checked"
                         + (f", {len(digests) - found.checked:,} as they were" if found.checked < len(digests) else ""))
        catalogue = "|".join(p.digest for p in parts if p.name in ("catalogue", "ontology"))
        violations = list(found.violations)
        if already.get(CATALOGUE) != catalogue:
            found_in_catalogue = check_catalogue(shared.catalogue, shared.ontology, digests,
                                                 self.inputs.shapes).violations
            violations += found_in_catalogue
            if found_in_catalogue:
                return found.conforming, violations
        found.conforming[CATALOGUE] = catalogue
        return found.conforming, violations

    def _namers(self, violations: list[ValidationResult], shared: SharedGraphs, accepted: list[Entry],
                resolved: Resolved) -> dict[str, set[str]]:
        """For each node that does not conform, the sources that name it (none for the catalogue's own)."""
        focus = {URIRef(v.focus_node) for v in violations}
        namers = {str(node): set(shared.sessions.named_by.get(node, ())) for node in focus}
        for entry, record in zip(accepted, self._records(accepted)):
            record.names.apply(resolved)
            for node in focus & _named_in(record.names):
                namers[str(node)].add(entry.name)
        return {node: names for node, names in namers.items() if names}

    def _located(self, violations: list[ValidationResult], namers: dict[str, set[str]],
                 accepted: list[Entry]) -> list[ValidationResult]:
        """Each violation with the passage of the first source that names its node."""
        by_name = {entry.name: entry for entry in accepted}
        found = []
        for violation in violations:
            names = sorted(namers.get(violation.focus_node, ()))
            checked = by_name[names[0]].checked if names else None
            found.append(located(violation, self.cache.parts.graph(checked.part)) if checked else violation)
        return found

    def _refuse_named(self, accepted: list[Entry], namers: dict[str, set[str]],
                      violations: list[ValidationResult]) -> list[Entry]:
        refused = sorted(set().union(*namers.values()))
        for name in refused:
            nodes = sorted(node for node, names in namers.items() if name in names)
            own = [v for v in violations if v.focus_node in nodes]
            self._refuse(name, f"it names {', '.join(f'<{n}>' for n in nodes)}, which would not conform to the "
                         f"shapes:\n" + _results_text(own), MrkgError(name))
        return [entry for entry in accepted if entry.name not in refused]

    def _infer(self, done: Checked) -> list[Part]:
        """The inferred graph (issue 13, item 5): each source's mrkg:discusses links, in parts of their own."""
        inferred = InferredParts(self.inputs, self.cache.parts, self.cache.root, self.full)
        self.report.stage("inferring provision links", len(done.entries))
        with writing("the parts of the graph", self.cache.root):
            parts = inferred.of((entry.checked.part for entry in done.entries), self.report.advance)  # type: ignore[union-attr]
        self.report.done()
        self.report.line(inferred.summary())
        self._inferred_keys = inferred.keys
        return parts

    # -- what is published, counted once ----------------------------------------------------------

    def _count(self, done: Checked) -> BuildSummary:
        summary = BuildSummary(refused=self.refused)
        for entry in done.entries:
            summary.documents.append(entry.summary)
            summary.notes.extend(entry.notes)
            summary.entailed += entry.graph.entailed
        summary.notes.extend(done.shared.notes)
        summary.entailed += done.shared.entailed
        summary.actors = done.actors
        summary.triples = sum(part.quads for part in done.parts)
        self.report.line(f"graph: {summary.triples:,} quads ({summary.entailed:,} entailed) in {len(done.parts):,} "
                         f"parts, {summary.actors:,} actors")
        return summary

    def _kept_parts(self, parts: list[Part]) -> list[Part]:
        """The parts of this build and of every release still kept (a later build may start from one)."""
        kept = list(parts)
        releases = self.settings.var_dir / "releases"
        for release in releases.iterdir() if releases.is_dir() else ():
            try:
                record = json.loads((release / "build.json").read_text(encoding="utf-8"))
                kept += [Part.from_record(p) for p in record.get("parts", [])]
            except (OSError, ValueError, KeyError, TypeError):
                continue
        return kept


def _named_in(names: SharedNames) -> set[URIRef]:
    """The nodes of the actors graph that ``names`` contributes to: its actors, memberships and roles."""
    found = {URIRef(iris.actor(key)) for key in (m.key for m in names.mentions() if m is not None) if key}
    for spoken in names.statements:
        if spoken.speaker is not None and spoken.speaker.key:
            found.add(URIRef(membership_iri(spoken, names)))
        if spoken.role:
            found.add(URIRef(iris.role(spoken.role)))
    found.update(URIRef(iris.role(p.role)) for p in names.participations)
    return found


def _results_text(results: list[ValidationResult], limit: int = 10) -> str:
    shown = [result.text() for result in results[:limit]]
    if len(results) > limit:
        shown.append(f"… and {len(results) - limit} more.")
    return "\n".join(shown)
