"""What a build reads besides the sources, and one digest of everything that changes how a source is read.

A source's artifacts in ``var/build/`` are keyed by its content and by this digest, never by
time stamps (issue 11, point 4): the code of the readers, extractors and graph writers, the
catalogue, the ontology, the shapes and the versions of the libraries that read and check
them.  Change any of these and every source is read and checked again; change nothing and a
source's graph is taken as it was.

The code counted is listed in :data:`READING_CODE`; ``tests/build/test_incremental_builds.py``
checks that every module of ``graph`` that a build imports is either counted or listed in
:data:`NOT_READING_CODE` (they publish, serve or report, and change no quad).
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

from rdflib import Graph, URIRef
from rdflib.compare import to_canonical_graph

from graph import iris
from graph.catalogue import Catalogue
from graph.catalogue_reader import load_catalogue
from graph.entailment import Hierarchy
from graph.ontology import load_ontology as load_ontology_file
from graph.settings import PROJECT_ROOT, Settings
from graph.validate import Shapes

# Bump when the artifacts' own layout changes (what a record or a graph's metadata holds).
ARTIFACT_FORMAT = "1"
GRAPH_PACKAGE = PROJECT_ROOT / "graph"
READING_CODE = (
    "parse", "extract", "sources.py", "documents.py", "records.py", "catalogue.py", "catalogue_reader.py",
    "catalogue_texts.py", "curated_yaml.py", "official_titles.py",
    "cross_document.py", "to_rdf.py", "iris.py", "literals.py", "vocab.py", "actors_graph.py",
    "sessions_graph.py", "entailment.py", "ontology.py", "validate.py", "validation_context.py",
    "graph_parts.py", "source_graphs.py", "shared_graphs.py", "reading.py", "content_keys.py", "export_marks.py",
    "infer",
    "topics.py", "titles.py",
)
NOT_READING_CODE = (
    "__init__.py", "build_inputs.py", "build_cache.py", "pipeline.py", "publish.py", "publish_lock.py",
    "store_update.py", "dumps.py", "progress.py", "cli.py", "settings.py", "errors.py", "disk.py", "store",
    "memo.py", "external_load.py", "virtuoso_load.py", "build_summary.py", "whole_dataset.py", "validate_by_graph.py", "formats.py",
    "citations.py", "akoma_ntoso", "search",  # the search index is read from the published store (graph.search)
)
LIBRARIES = ("rdflib", "pyshacl", "pyoxigraph", "owlready2", "PyYAML")


def file_digest(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _files(root: Path, entry: str, pattern: str) -> list[Path]:
    path = root / entry
    return sorted(path.rglob(pattern)) if path.is_dir() else [path]


def reading_digest(settings: Settings) -> str:
    """SHA-256 of the code, data and libraries that decide what a source's graph is."""
    parts: list[tuple[str, Path]] = []
    for entry in READING_CODE:
        parts += [(f"code:{p.relative_to(GRAPH_PACKAGE)}", p) for p in _files(GRAPH_PACKAGE, entry, "*.py")]
    for label, folder, pattern in (("catalogue", settings.catalogue_dir, "*.yaml"),
                                   ("ontology", settings.ontology_dir, "*.ttl"),
                                   ("shapes", settings.shapes_dir, "*.ttl")):
        # rglob: the catalogue's texts/ folder is an input too (the names of flat folders' files are unchanged)
        parts += [(f"{label}:{p.relative_to(folder).as_posix()}", p) for p in sorted(Path(folder).rglob(pattern))]
    digest = hashlib.sha256(f"artifacts {ARTIFACT_FORMAT}\n".encode())
    for library in LIBRARIES:
        digest.update(f"{library} {_version(library)}\n".encode())
    for label, path in parts:
        digest.update(f"{label} {file_digest(path)}\n".encode())
    return digest.hexdigest()


def _version(library: str) -> str:
    try:
        return metadata.version(library)
    except metadata.PackageNotFoundError:
        return "absent"


def source_key(reading: str, name: str, content: str) -> str:
    """The key of one source's artifacts: its name (its IRIs derive from it), its content, how it is read."""
    return hashlib.sha256(f"{reading}\n{name}\n{content}".encode()).hexdigest()


@dataclass
class BuildInputs:
    """The catalogue, the ontology and the shapes, read once per build."""

    catalogue: Catalogue
    ontology: Graph
    shapes: Shapes
    hierarchy: Hierarchy
    reading: str  # reading_digest of these and the code

    @classmethod
    def load(cls, settings: Settings, reading: str) -> "BuildInputs":
        ontology = load_ontology(settings.ontology_dir)
        return cls(load_catalogue(settings.catalogue_dir), ontology, Shapes.load(settings.shapes_dir),
                   Hierarchy.of(ontology), reading)


def load_ontology(directory: Path) -> Graph:
    """Every ``*.ttl`` of the ontology folder, as the ontology's named graph (a file that is not
    valid Turtle stops the build with its name).

    Its blank nodes (restrictions, unions, lists) get labels derived from the
    triples around them (rdflib's canonical labelling), not the random ones of
    the Turtle parser, so that the same ontology gives byte-identical dumps and
    the same build digest (issue 10 item 10).  They stay blank nodes: OWL reads
    an anonymous class expression only as one.
    """
    merged = Graph()
    for path in sorted(directory.glob("*.ttl")):
        merged += load_ontology_file(path)
    ontology = Graph(identifier=URIRef(iris.ONTOLOGY_GRAPH))
    for triple in to_canonical_graph(merged):
        ontology.add(triple)
    return ontology
