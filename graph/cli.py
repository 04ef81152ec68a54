"""``mrkg``: build the graph, serve it, query it, validate it.

Exit codes: 0 success; 1 the graph does not conform (shapes or ontology);
2 bad input (a source, the catalogue, a query, an option) or no published build;
3 the environment (a full disk, a folder mrkg may not write, a damaged store):
the message says what was being written or read and what to do;
4 ``mrkg build --keep-going`` published, but refused some sources (each named, with the reason).
Progress goes to stderr (a bar on a terminal); stdout carries only what was asked for.
"""
from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path
from typing import Sequence

from graph.disk import explain
from graph.errors import MrkgError
from graph.settings import Settings

DESCRIPTION = """\
mrkg — the Migrant Rights Knowledge Graph.

Reads the source texts in data/sources/, links them to the catalogue of
instruments and provisions in data/catalogue/, checks the result against the
ontology and the SHACL shapes, and publishes it as a SPARQL-queryable store
with downloadable dumps.
"""

EPILOG = """\
typical use:
  mrkg build                       build and publish the graph (var/current)
  mrkg serve --port 8000           serve it at http://127.0.0.1:8000/
  mrkg query 'SELECT ...'          query the published graph from the shell
  mrkg validate                    check the published graph again

exit codes: 0 success, 1 the graph does not conform, 2 bad input or nothing built,
            3 the environment: a full disk, no permission to write, a damaged store (rebuild),
            4 built with --keep-going, but some sources were refused (each is named, with why).
settings: environment variables MRKG_* (see the README).
"""


SOURCES_REFUSED = 4  # exit code: published, but --keep-going left sources out


def _progress(line: str) -> None:
    print(line, file=sys.stderr, flush=True)


def cmd_build(args: argparse.Namespace, settings: Settings) -> int:
    from graph.pipeline import build
    from graph.progress import for_stream

    summary = build(settings, for_stream(sys.stderr), keep_going=getattr(args, "keep_going", False),
                    full=getattr(args, "full", False))
    for note in summary.notes:
        _progress(f"note: {note}")
    for refusal in summary.refused:
        _progress(f"refused: {refusal.source}: {refusal.reason.splitlines()[0]}")
    if summary.unchanged:
        print(f"nothing changed: {len(summary.documents)} documents, {summary.triples} triples, "
              f"as published → {summary.release}")
    else:
        print(
            f"built {len(summary.documents)} documents, {summary.statements} statements, "
            f"{summary.actors} actors, {summary.triples} triples, {summary.violations} shape violations "
            f"in {summary.seconds:.1f} s ({len(summary.read)} read, "
            f"{len(summary.documents) - len(summary.read)} as they were) → {summary.release}"
        )
    if summary.refused:
        _progress(f"{len(summary.refused)} source(s) refused (see above); the others are published")
        return SOURCES_REFUSED
    return 0


def cmd_serve(args: argparse.Namespace, settings: Settings) -> int:
    if not (settings.current_dir / "store").exists() or args.rebuild:
        _progress("no published build yet: building first" if not args.rebuild else "rebuilding")
        cmd_build(args, settings)
    import uvicorn

    from api.app import create_app
    from api.connection_guard import ConnectionGuard, protocol_factory, raise_descriptor_limit

    guard = ConnectionGuard.from_settings(settings, raise_descriptor_limit())
    shown_host = args.host if args.host not in {"0.0.0.0", "::"} else "127.0.0.1"
    processes = f", {settings.server_processes} processes" if settings.server_processes > 0 else ""
    _progress(f"mrkg serving {settings.current_dir.resolve().name} at http://{shown_host}:{args.port}/"
              f"{processes}  (Ctrl+C stops)")
    if not settings.base_url:
        _progress("MRKG_BASE_URL is not set: links in the dataset description name the address each client reached")
    if settings.server_processes > 0 and not settings.update_enabled:
        from api.server_processes import supervise

        return supervise(args.host, args.port, settings.server_processes, args.log_level, guard.backlog)
    uvicorn.run(
        create_app(settings), host=args.host, port=args.port, loop="uvloop",
        http=protocol_factory(guard),  # type: ignore[arg-type]  # uvicorn only calls it, as asyncio does a class
        backlog=guard.backlog,  # counted in the descriptors the guard keeps free
        timeout_keep_alive=settings.keep_alive_timeout,  # type: ignore[arg-type]  # a float is what call_later takes
        log_level=args.log_level, access_log=False,
    )
    return 0


def cmd_query(args: argparse.Namespace, settings: Settings) -> int:
    from graph.store.terminal import print_results, run_query

    if args.file:
        try:
            text = Path(args.file).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as error:
            raise MrkgError(f"cannot read the query file {args.file}: {getattr(error, 'strerror', None) or error}") from None
    elif args.sparql:
        text = args.sparql
    else:
        raise MrkgError("give a query, as an argument or with --file q.rq")
    started = time.perf_counter()
    results = run_query(settings, text)
    print_results(results, args.format, sys.stdout.buffer)
    _progress(f"({time.perf_counter() - started:.3f} s)")
    return 0


def cmd_validate(args: argparse.Namespace, settings: Settings) -> int:
    from graph.checks import check_published

    report = check_published(settings, sample=args.sample)
    print(report.text())
    return 0 if report.conforms else 1


def parser() -> argparse.ArgumentParser:
    main = argparse.ArgumentParser(
        prog="mrkg", description=DESCRIPTION, epilog=EPILOG, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    commands = main.add_subparsers(dest="command", metavar="COMMAND", required=True)

    build = commands.add_parser(
        "build", help="build, validate and publish the graph from data/",
        description="Parse every source in data/sources/, link it to the catalogue, validate the graph against "
        "the shapes, and publish store and dumps under var/ (atomically: a failed build changes nothing). A build "
        "reads and checks again only the sources that changed (what each gave is kept in var/build/, by content), "
        "and with nothing changed publishes nothing. One build publishes at a time (another waits), and leftovers "
        "of interrupted builds are removed. Exit code 3 when the disk is full or var/ is not writable: the message "
        "says how much room is left and what to do.",
    )
    build.add_argument(
        "--keep-going", action="store_true",
        help="publish every source that can be read and conforms; refuse the others by name, with the reason "
        "(exit code 4 when any was refused). Without it, the first such source stops the build.",
    )
    build.add_argument(
        "--full", action="store_true",
        help="read and check every source again, ignoring what earlier builds kept, and load a new store",
    )
    build.set_defaults(run=cmd_build)

    serve = commands.add_parser(
        "serve", help="serve the published graph over HTTP (SPARQL, pages, dumps)",
        description="Serve the published graph: SPARQL endpoint at /sparql, resource pages under /id/, dumps at "
        "/dumps/. Builds first if nothing is published yet.",
    )
    serve.add_argument("--host", default="127.0.0.1", help="address to listen on (default: 127.0.0.1)")
    serve.add_argument("--port", type=int, default=8000, help="port to listen on (default: 8000)")
    serve.add_argument("--rebuild", action="store_true", help="build again before serving")
    serve.add_argument("--log-level", default="warning", help="uvicorn log level (default: warning)")
    serve.set_defaults(run=cmd_serve)

    query = commands.add_parser(
        "query", help="run a SPARQL query on the published graph and print the results",
        description="Run a SPARQL 1.1 query on the published graph (its default graph is the union of all graphs). "
        "Common prefixes (mrkg:, eli:, cito:, dcterms:, skos:, …) are predefined. The query meets the limits of "
        "/sparql: it is stopped after MRKG_QUERY_TIMEOUT seconds, and its answer cut at MRKG_MAX_ROWS rows (said on "
        "stderr); with MRKG_EXTERNAL_ENDPOINT set, the external server answers it.",
    )
    query.add_argument("sparql", nargs="?", help="the query text")
    query.add_argument("--file", "-f", help="read the query from this file instead")
    query.add_argument(
        "--format", default="table", choices=["table", "json", "xml", "csv", "tsv", "turtle", "ntriples"],
        help="output format (default: a readable table; turtle/ntriples for CONSTRUCT and DESCRIBE)",
    )
    query.set_defaults(run=cmd_query)

    validate = commands.add_parser(
        "validate", help="check the published graph against the shapes and the ontology",
        description="Check the published graph against the SHACL shapes and run the OWL reasoner (HermiT) over "
        "the ontology plus the graph; print a readable report. Exit code 0 when it conforms, 1 when not, 3 when the "
        "published store is damaged and cannot be read (run `mrkg build` to replace it).",
    )
    validate.add_argument(
        "--sample", type=int, default=None,
        help="give the reasoner at most this many individuals' descriptions (default: all)",
    )
    validate.set_defaults(run=cmd_validate)
    return main


def main(argv: Sequence[str] | None = None) -> int:
    args = parser().parse_args(argv)
    try:
        settings = Settings.from_env()
        return int(args.run(args, settings))
    except MrkgError as error:
        print(f"mrkg {args.command}: {error}", file=sys.stderr)
        return error.exit_code
    except OSError as error:  # a full disk or a missing permission met outside the writes that name it
        where = Path(os.fsdecode(error.filename)).parent if error.filename else Path.cwd()
        fault = explain(error, f"the files of `mrkg {args.command}`", where)
        if fault is None:
            raise
        print(f"mrkg {args.command}: {fault}", file=sys.stderr)
        return fault.exit_code
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
