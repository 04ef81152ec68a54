"""Which embedded engine the search index is built on: SQLite FTS5 against tantivy, on the same entries.

Both engines get the same entries, read once from a 5,000-record store (``benchmarks.record_corpus``)
by ``graph.search.entries``, and the same tokens (stems marked with their language, from
``graph.search.words``): what differs is only the engine.  For each it prints the time to write the
index and the p50/p95 of answering a query with the total, the first page and the facets counted over
every match (the work of one ``/search`` request), for single words, phrases, prefixes and booleans.

    .venv/bin/pip install -c requirements.lock -r benchmarks/requirements.txt   # tantivy
    .venv/bin/python -m benchmarks.search_engines [--var-root var/benchmark/search] [--rounds 30]

The figures are in benchmarks/README.md ("Search").
"""
from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import pyoxigraph as ox

from benchmarks.point_latency import percentile
from benchmarks.record_corpus import ROOT, corpus
from graph.search import SearchRequest, search
from graph.search.entries import Entry, read_entries
from graph.search.index_writer import write_entries
from graph.search.query import All, Any, Node, Not, Phrase, compile_query, parse
from graph.search.snippets import Marker, snippet
from graph.search.words import query_tokens, tokens, words

FACETS = ("genre", "document", "session", "speaker", "onBehalfOf", "provision", "instrument", "topic", "lang",
          "year", "kind")
QUERIES = {
    "word": ["detention", "remittances", "children", "xenophobia", "recruitment", "women", "trafficking",
             "Mexico", "pandemic", "labour"],
    "phrase": ['"alternatives to detention"', '"domestic workers"', '"Global Compact"', '"migrant workers"',
               '"human rights"'],
    "prefix": ["migra*", "detain*", "regulari*", "xeno*", "remit*"],
    "boolean": ["detention AND children", "(Mexico OR Canada) AND workers", "remittances NOT pandemic",
                "women AND (domestic OR care)"],
}


def tantivy_index(folder: Path, entries: list[Entry]):  # type: ignore[no-untyped-def]
    import tantivy

    schema = tantivy.SchemaBuilder()
    schema.add_text_field("iri", stored=True, tokenizer_name="raw")
    schema.add_text_field("label_text", stored=True, index_option="basic")
    schema.add_text_field("text", stored=True, index_option="basic")
    for name in ("label", "body", "words"):
        schema.add_text_field(name, tokenizer_name="whitespace", index_option="position")
    for name in FACETS:
        schema.add_text_field(name, tokenizer_name="raw", fast=True)
    built = schema.build()
    index = tantivy.Index(built, path=str(folder))
    writer = index.writer(heap_size=200_000_000, num_threads=1)
    for entry in entries:
        document = tantivy.Document()
        document.add_text("iri", entry.iri)
        document.add_text("label_text", entry.label)
        document.add_text("text", entry.text)
        document.add_text("label", " ".join(" ".join(tokens(t, lang)) for _, t, lang in entry.labels))
        document.add_text("body", " ".join(" ".join(tokens(t, lang)) for t, lang in entry.pieces))
        document.add_text("words", " ".join(w.folded for w in words(entry.text)))
        for name, value in entry.facets:
            document.add_text(name, value)
        writer.add_document(document)
    writer.commit()
    writer.wait_merging_threads()
    index.reload()
    return index, built


def tantivy_query(schema, node: Node):  # type: ignore[no-untyped-def]
    """The same tree as FTS5 is given, as tantivy queries on the same tokens."""
    import tantivy

    Query, Occur = tantivy.Query, tantivy.Occur
    if isinstance(node, Phrase):
        if node.prefix:
            return Query.regex_query(schema, "words", node.folded[-1] + ".*")
        by_language = list(zip(*(query_tokens(w) for w in node.folded)))
        parts = []
        for field in ("label", "body"):
            for forms in by_language:
                parts.append((Occur.Should, Query.term_query(schema, field, forms[0]) if len(forms) == 1
                              else Query.phrase_query(schema, field, list(forms))))
        return Query.boolean_query(parts)
    if isinstance(node, Any):
        return Query.boolean_query([(Occur.Should, tantivy_query(schema, p)) for p in node.parts])
    if isinstance(node, All):
        return Query.boolean_query([(Occur.MustNot, tantivy_query(schema, p.part)) if isinstance(p, Not)
                                    else (Occur.Must, tantivy_query(schema, p)) for p in node.parts])
    raise ValueError(node)


def tantivy_answer(index, schema, text: str) -> int:  # type: ignore[no-untyped-def]
    searcher = index.searcher()
    tree = parse(text)
    query = tantivy_query(schema, tree)  # type: ignore[arg-type]
    found = searcher.search(query, limit=20, count=True)
    marker = Marker.of(compile_query(tree).phrases)
    for _, address in found.hits:  # the same snippets as the FTS5 index's answer
        snippet(searcher.doc(address)["text"][0], marker)
    facets = searcher.aggregate(query, {name: {"terms": {"field": name, "size": 100}} for name in FACETS})
    assert sum(bucket["doc_count"] for bucket in facets["kind"]["buckets"]) == found.count
    return int(found.count)


def timed(answer: Callable[[str], object], rounds: int) -> dict[str, list[float]]:
    seconds: dict[str, list[float]] = {}
    for kind, texts in QUERIES.items():
        for text in texts:
            answer(text)  # once before the clock: caches as a server has them
        for _ in range(rounds):
            for text in texts:
                started = time.perf_counter()
                answer(text)
                seconds.setdefault(kind, []).append(time.perf_counter() - started)
    return seconds


def main(argv: list[str] | None = None) -> int:
    options = argparse.ArgumentParser(prog="python -m benchmarks.search_engines", description=__doc__.split("\n")[0])
    options.add_argument("--var-root", type=Path, default=ROOT / "var" / "benchmark" / "search")
    options.add_argument("--var-dir", type=Path, default=None, help="a published var/ folder to read instead")
    options.add_argument("--rounds", type=int, default=20)
    args = options.parse_args(argv)
    var_dir = args.var_dir or corpus(args.var_root)
    store = (var_dir / "current").resolve() / "store"
    scratch = Path(tempfile.mkdtemp(prefix="mrkg-search-engines-"))
    try:
        started = time.perf_counter()
        readable = ox.Store.read_only(str(store))
        entries = read_entries(readable)
        reading = time.perf_counter() - started
        print(f"{len(entries):,} entries read from the store in {reading:.1f} s", file=sys.stderr)
        started = time.perf_counter()
        write_entries(scratch / "fts.sqlite", entries, readable)
        fts_build = time.perf_counter() - started
        print(f"SQLite FTS5: {fts_build:.1f} s", file=sys.stderr)
        started = time.perf_counter()
        (scratch / "tantivy").mkdir()
        index, schema = tantivy_index(scratch / "tantivy", entries)
        tantivy_build = time.perf_counter() - started
        print(f"tantivy: {tantivy_build:.1f} s", file=sys.stderr)
        for texts in QUERIES.values():  # both engines find the same entries
            for text in texts:
                fts_total = search(scratch / "fts.sqlite", SearchRequest(text)).total
                tantivy_total = tantivy_answer(index, schema, text)
                if fts_total != tantivy_total:
                    print(f"{text}: FTS5 finds {fts_total}, tantivy {tantivy_total}", file=sys.stderr)
        fts = timed(lambda text: search(scratch / "fts.sqlite", SearchRequest(text)), args.rounds)
        tan = timed(lambda text: tantivy_answer(index, schema, text), args.rounds)
        fts_mb = (scratch / "fts.sqlite").stat().st_size / 1e6
        tan_mb = sum(p.stat().st_size for p in (scratch / "tantivy").rglob("*") if p.is_file()) / 1e6
        print("| engine | index written | index size | " + " | ".join(f"{k} p50 / p95" for k in QUERIES) + " |")
        print("|---|---|---|" + "---|" * len(QUERIES))
        for name, built, size, figures in (("SQLite FTS5", fts_build, fts_mb, fts),
                                           ("tantivy", tantivy_build, tan_mb, tan)):
            cells = [f"{percentile(figures[k], 0.5) * 1000:.1f} / {percentile(figures[k], 0.95) * 1000:.1f} ms"
                     for k in QUERIES]
            print(f"| {name} | {built:.1f} s | {size:.0f} MB | " + " | ".join(cells) + " |")
        print(f"(entries read from the store once for both, {reading:.1f} s, not counted above; "
              f"{len(entries):,} entries; each query answers total, 20 hits and {len(FACETS)} facets)")
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
