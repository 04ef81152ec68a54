"""A published store of thousands of summary records, written by the pipeline's own readers and writers.

The pages benchmark (``benchmarks/pages_at_scale.py``) needs a graph shaped like a
5,000-record build: fifty sessions of a hundred meetings, the same members, States and
organizations speaking in meeting after meeting, provisions cited thousands of times.
The texts come from :mod:`benchmarks.summary_records`; each is then read by the reader
``mrkg build`` chooses (:func:`graph.sources.read_document`), its references extracted,
the actors resolved across every record, and the graphs written by the build's own
writers (``graph.to_rdf``, ``graph.sessions_graph``, ``graph.actors_graph``) with the
entailed triples added (``graph.entailment``) — the same quads ``mrkg build`` publishes.

What is left out is what does not change the quads: the SHACL check, which holds the whole
union in memory at once, and the dumps.  Source graphs are written to N-Quads one record
at a time, so memory holds the parsed records but never the union graph; the store is
then bulk-loaded and published as ``var/current`` the way a build lays it out.

The five real sources in ``data/sources`` are read too, so the store also holds a concept
note, a seminar summary and an online discussion; and the catalogue gains one instrument of
909 provisions (:func:`large_instrument`), about nine times the largest it has.
"""
from __future__ import annotations

import hashlib
import json
import shutil
import sys
import time
from pathlib import Path
from typing import BinaryIO, Callable, Iterable

import pyoxigraph as ox
from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS, SKOS

from benchmarks.summary_records import DEFAULT_SEED, write_records
from graph import iris
from graph.actors_graph import actors_graph
from graph.catalogue_reader import load_catalogue
from graph.entailment import materialise
from graph.extract.actors import resolve_actors
from graph.extract.citations import extract_references
from graph.pipeline import load_ontology
from graph.records import ParsedDocument
from graph.sessions_graph import sessions_graph
from graph.sources import find_sources, read_document, read_source
from graph.to_rdf import source_graph
from graph.vocab import MRKG

ROOT = Path(__file__).resolve().parent.parent
Progress = Callable[[str], None]
ROMAN = ["", "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X"]
LAYOUT = "1"  # change when this module writes other quads or lays the store out otherwise: corpora are rebuilt


def _say(line: str) -> None:
    print(line, file=sys.stderr, flush=True)


def _digest(records: int, sessions: int, seed: int) -> str:
    """Names a corpus by what makes its quads: the options and the code that writes them."""
    hashed = hashlib.sha256(f"{records}/{sessions}/{seed}".encode())
    for folder in ("graph", "ontology", "data"):
        for path in sorted((ROOT / folder).rglob("*")):
            if path.is_file() and path.suffix in (".py", ".ttl", ".yaml", ".txt") and "__pycache__" not in path.parts:
                hashed.update(str(path.relative_to(ROOT)).encode())
                hashed.update(path.read_bytes())
    hashed.update((ROOT / "benchmarks" / "summary_records.py").read_bytes())
    hashed.update(LAYOUT.encode())
    return hashed.hexdigest()[:16]


def _append(out: BinaryIO, graphs: Iterable[Graph], ontology: Graph) -> int:
    """Materialise ``graphs`` (each apart, as the build does) and write them as N-Quads; return the quads written."""
    dataset = Dataset()
    for graph in graphs:
        named = dataset.graph(graph.identifier)
        for triple in graph:
            named.add(triple)
    materialise(dataset, ontology)
    data = dataset.serialize(format="nquads", encoding="utf-8")
    out.write(data)
    return data.count(b"\n")


def large_instrument(parts: int = 9, articles: int = 20, paragraphs: int = 4) -> Graph:
    """An instrument of 909 provisions (Parts, articles, paragraphs), larger than any in the catalogue.

    The catalogue's largest has about a hundred; codes of practice and model laws run to
    hundreds of numbered provisions, and an instrument page must stay readable with them.
    """
    graph = Graph()
    code = "SYNTHETIC-CODE"
    instrument = URIRef(iris.instrument(code))
    graph.add((instrument, RDF.type, MRKG.Instrument))
    graph.add((instrument, SKOS.notation, Literal(code)))
    graph.add((instrument, RDFS.label, Literal("Synthetic code of practice on labour migration", lang="en")))
    graph.add((instrument, MRKG.instrumentKind, MRKG.Recommendation))
    article = 0
    for part in range(1, parts + 1):
        roman = ROMAN[part]
        part_iri = URIRef(iris.provision(code, [("Part", roman)]))
        _provision(graph, part_iri, MRKG.Part, roman, instrument, instrument, f"Part {roman} of the {code}")
        for _ in range(articles):
            article += 1
            steps = [("Article", str(article))]
            article_iri = URIRef(iris.provision(code, steps))
            _provision(graph, article_iri, MRKG.Article, str(article), part_iri, instrument,
                       f"Article {article} of the {code}")
            for paragraph in range(1, paragraphs + 1):
                number = f"{article}({paragraph})"
                _provision(graph, URIRef(iris.provision(code, steps + [("Paragraph", str(paragraph))])),
                           MRKG.Paragraph, number, article_iri, instrument, f"Article {number} of the {code}")
    return graph


def _provision(graph: Graph, node: URIRef, kind: URIRef, number: str, parent: URIRef, instrument: URIRef,
               label: str) -> None:
    graph.add((node, RDF.type, kind))
    graph.add((node, MRKG.number, Literal(number)))
    graph.add((node, MRKG.partOf, parent))
    graph.add((node, MRKG.instrument, instrument))
    graph.add((node, RDFS.label, Literal(label, lang="en")))


def _named(name: str, triples: Graph) -> Graph:
    graph = Graph(identifier=URIRef(name))
    for triple in triples:
        graph.add(triple)
    return graph


def read_records(folders: list[Path], progress: Progress) -> list[ParsedDocument]:
    catalogue = load_catalogue(ROOT / "data" / "catalogue")
    documents: list[ParsedDocument] = []
    started = time.perf_counter()
    paths = [path for folder in folders for path in find_sources(folder)]
    for count, path in enumerate(paths, 1):
        document, _ = read_document(read_source(path))
        extract_references(document, catalogue)
        documents.append(document)
        if count % 250 == 0 or count == len(paths):
            progress(f"  read {count}/{len(paths)} sources ({time.perf_counter() - started:.0f} s)")
    return documents


def write_quads(documents: list[ParsedDocument], target: Path, progress: Progress) -> int:
    """Every named graph of the build, as N-Quads in ``target``; returns the number of quads."""
    catalogue = load_catalogue(ROOT / "data" / "catalogue")
    ontology = load_ontology(ROOT / "ontology")
    actors = resolve_actors(documents, catalogue.known_actors())
    sessions, _ = sessions_graph(documents, actors)
    started = time.perf_counter()
    written = 0
    with target.open("wb") as out:
        # A triple lives in one graph only: what the catalogue says is not said again (graph.pipeline.assemble).
        shared = [_named(iris.ONTOLOGY_GRAPH, ontology), _named(iris.CATALOGUE_GRAPH, catalogue.graph + large_instrument()),
                  _named(iris.ACTORS_GRAPH, actors_graph(actors, documents) - catalogue.graph),
                  _named(iris.SESSIONS_GRAPH, sessions)]
        written += _append(out, shared, ontology)
        for count, document in enumerate(documents, 1):
            written += _append(out, [source_graph(document, catalogue)], ontology)
            if count % 250 == 0 or count == len(documents):
                progress(f"  wrote {count}/{len(documents)} source graphs, {written:,} quads "
                         f"({time.perf_counter() - started:.0f} s)")
    return written


def publish_store(nquads: Path, var_dir: Path, build_id: str) -> Path:
    """Bulk-load ``nquads`` as ``var_dir/releases/<build_id>/store`` and point ``var_dir/current`` at it."""
    release = var_dir / "releases" / build_id
    if release.exists():
        shutil.rmtree(release)
    (release / "store").mkdir(parents=True)
    store = ox.Store(str(release / "store"))
    store.bulk_load(path=str(nquads), format=ox.RdfFormat.N_QUADS)
    store.optimize()
    store.flush()
    del store
    (release / "build.json").write_text(json.dumps({"build_id": build_id, "documents": []}), encoding="utf-8")
    staged = var_dir / "current.next"
    if staged.is_symlink() or staged.exists():
        staged.unlink()
    staged.symlink_to(Path("releases") / build_id)
    staged.replace(var_dir / "current")
    return release


def corpus(var_root: Path, records: int = 5000, sessions: int = 50, seed: int = DEFAULT_SEED,
           progress: Progress = _say) -> Path:
    """A var/ folder serving ``records`` synthetic records and the five sources; made once, then reused.

    The folder is named after the options and a digest of the code that writes the quads,
    so a change to a reader or writer makes a new one.
    """
    name = f"records-{records}-{sessions}-{seed}-{_digest(records, sessions, seed)}"
    var_dir = var_root / name
    if (var_dir / "current" / "store").is_dir():
        progress(f"corpus: reusing {var_dir}")
        return var_dir
    work = var_root / (name + ".partial")
    shutil.rmtree(work, ignore_errors=True)
    texts = work / "sources"
    started = time.perf_counter()
    write_records(texts, sessions, records // sessions, seed)
    progress(f"corpus: {records} records of {sessions} sessions written ({time.perf_counter() - started:.0f} s)")
    documents = read_records([texts, ROOT / "data" / "sources"], progress)
    quads = write_quads(documents, work / "corpus.nq", progress)
    del documents
    started = time.perf_counter()
    publish_store(work / "corpus.nq", work / "var", name)
    progress(f"corpus: {quads:,} quads loaded into the store ({time.perf_counter() - started:.0f} s)")
    (work / "corpus.nq").unlink()
    shutil.rmtree(texts)
    (work / "var").rename(var_dir)
    shutil.rmtree(work, ignore_errors=True)
    return var_dir
