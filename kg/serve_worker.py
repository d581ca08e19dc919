"""Query evaluation for ``kg serve``, and the worker process that runs it.

``kg serve`` evaluates each query in one of a pool of worker processes
(:class:`kg.serve.QueryPool`), so that a query past the time limit can be
*stopped*: the server kills the worker that runs it (pyoxigraph cannot cancel a
running query) and starts a fresh one.  This module is what a worker runs
(``python -m kg.serve_worker``): it imports only the standard library and
pyoxigraph, so a worker starts in a fraction of a second.

A worker opens the served data itself (a store read-only, or a graph file
loaded into memory), then answers jobs one at a time over its standard input
and output (:class:`multiprocessing.connection.Connection` framing, pickled
messages, private to the two processes):

* the server sends ``{"source": ..., "prefixes": ..., "max_rows": N}`` once and
  the worker answers ``("ready", pid)`` or ``("failed", message)``;
* then per query a job (:func:`evaluate`'s ``request``, plus ``"source"`` when
  the served data changed and must be opened again), answered by
  ``("ok", media type, body)``, ``("http", status, message)`` or
  ``("failed", message)`` (the worker could not reopen the data, and ends).

A worker ignores SIGINT (the server stops it) and ends by itself when its
server ends, even in the middle of a query (a watchdog thread; Oxigraph
releases the GIL while it evaluates).

>>> store = ox.Store()
>>> store.update("INSERT DATA { <urn:a> <urn:p> 'x' }")
>>> evaluate(store, {"query": "SELECT ?o WHERE { ?s ?p ?o }", "accept": "text/csv"}, prefixes={}, max_rows=10)
('text/csv', b'o\\r\\nx\\r\\n')
"""
from __future__ import annotations

import csv
import html
import io
import json
import os
import signal
import threading
import time
from collections.abc import Iterator, Mapping
from multiprocessing.connection import Connection
from typing import Any
from xml.sax.saxutils import escape as xml_escape
from xml.sax.saxutils import quoteattr

import pyoxigraph as ox

__all__ = [
    "HttpError",
    "RESULT_FORMATS",
    "GRAPH_FORMATS",
    "negotiate",
    "evaluate",
    "open_source",
    "html_page",
    "main",
]

#: SELECT/ASK result formats: name -> (media type, accepted media types).
RESULT_FORMATS: dict[str, tuple[str, tuple[str, ...]]] = {
    "json": ("application/sparql-results+json", ("application/sparql-results+json", "application/json")),
    "xml": ("application/sparql-results+xml", ("application/sparql-results+xml", "application/xml", "text/xml")),
    "csv": ("text/csv", ("text/csv",)),
    "tsv": ("text/tab-separated-values", ("text/tab-separated-values",)),
    "html": ("text/html", ()),  # for the query form only (format=html)
}
#: CONSTRUCT/DESCRIBE result formats: name -> (media type, accepted media types, pyoxigraph format).
GRAPH_FORMATS: dict[str, tuple[str, tuple[str, ...], Any]] = {
    "ttl": ("text/turtle", ("text/turtle", "application/x-turtle"), ox.RdfFormat.TURTLE),
    "nt": ("application/n-triples", ("application/n-triples", "text/plain"), ox.RdfFormat.N_TRIPLES),
    "rdf": ("application/rdf+xml", ("application/rdf+xml",), ox.RdfFormat.RDF_XML),
    "jsonld": ("application/ld+json", ("application/ld+json",), ox.RdfFormat.JSON_LD),
}
_FORMAT_ALIASES = {"turtle": "ttl", "ntriples": "nt", "n-triples": "nt", "text": "tsv"}
#: Seconds between a worker's checks that its server still runs.
_WATCH_INTERVAL = 0.2


class HttpError(Exception):
    """A request that gets an HTTP error status and a one-line message."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status


def _one_line(err: BaseException) -> str:
    return " ".join(str(err).split())


# --------------------------------------------------------------------------- negotiation

def _accepted(header: str) -> list[tuple[str, float]]:
    """Media ranges of an Accept header, best first."""
    ranges = []
    for index, part in enumerate(header.split(",")):
        pieces = [p.strip() for p in part.split(";")]
        if not pieces[0]:
            continue
        quality = 1.0
        for param in pieces[1:]:
            if param.startswith("q="):
                try:
                    quality = float(param[2:])
                except ValueError:
                    quality = 0.0
        ranges.append((pieces[0].lower(), quality, -index))
    ranges.sort(key=lambda r: (r[1], r[2]), reverse=True)
    return [(media, q) for media, q, _ in ranges if q > 0]


def negotiate(accept: str, kind: str, requested: str | None = None) -> str:
    """The result format for a result ``kind`` (``"solutions"`` or ``"graph"``).

    An explicit ``format`` parameter wins; then the best match in ``Accept``;
    then JSON for solutions and Turtle for graphs.

    >>> negotiate("text/csv;q=0.5, application/sparql-results+xml", "solutions")
    'xml'
    >>> negotiate("text/html,*/*;q=0.8", "graph")
    'ttl'
    >>> negotiate("", "solutions", "tsv")
    'tsv'
    """
    table = RESULT_FORMATS if kind == "solutions" else GRAPH_FORMATS
    default = "json" if kind == "solutions" else "ttl"
    if requested:
        name = _FORMAT_ALIASES.get(requested.lower(), requested.lower())
        if name in table:
            return name
        for candidate, spec in table.items():
            if requested.lower() in spec[1]:
                return candidate
        raise HttpError(400, f"unknown format {requested!r}; valid formats: {', '.join(table)}")
    for media, _ in _accepted(accept):
        for name, spec in table.items():
            if media in spec[1]:
                return name
    return default


# --------------------------------------------------------------------------- results

def _json_term(term: Any) -> dict[str, str]:
    if isinstance(term, ox.NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, ox.BlankNode):
        return {"type": "bnode", "value": term.value}
    if isinstance(term, ox.Literal):
        out = {"type": "literal", "value": term.value}
        if term.language:
            out["xml:lang"] = term.language
        elif term.datatype.value != "http://www.w3.org/2001/XMLSchema#string":
            out["datatype"] = term.datatype.value
        return out
    return {"type": "triple", "value": str(term)}


def _xml_term(term: Any) -> str:
    if isinstance(term, ox.NamedNode):
        return f"<uri>{xml_escape(term.value)}</uri>"
    if isinstance(term, ox.BlankNode):
        return f"<bnode>{xml_escape(term.value)}</bnode>"
    if isinstance(term, ox.Literal):
        attrs = ""
        if term.language:
            attrs = f" xml:lang={quoteattr(term.language)}"
        elif term.datatype.value != "http://www.w3.org/2001/XMLSchema#string":
            attrs = f" datatype={quoteattr(term.datatype.value)}"
        return f"<literal{attrs}>{xml_escape(term.value)}</literal>"
    return f"<literal>{xml_escape(str(term))}</literal>"


def _plain(term: Any) -> str:
    if term is None:
        return ""
    if isinstance(term, ox.BlankNode):
        return f"_:{term.value}"
    return term.value if hasattr(term, "value") else str(term)


_PAGE_CSS = ("body{font:15px/1.4 system-ui,sans-serif;margin:2em;max-width:70em}"
             "textarea{width:100%;font:14px monospace}table{border-collapse:collapse}"
             "td,th{border:1px solid #ccc;padding:2px 6px;text-align:left;vertical-align:top}")


def html_page(title: str, body: str) -> bytes:
    """A small HTML page (UTF-8) with ``title`` as heading and ``body`` (HTML) below it."""
    return (f"<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>{html.escape(title)}</title>"
            f"<style>{_PAGE_CSS}</style></head><body><h1>{html.escape(title)}</h1>{body}</body></html>"
            ).encode("utf-8")


def _solutions_body(variables: list[str], rows: list[list[Any]], fmt: str) -> bytes:
    if fmt == "json":
        bindings = [{v: _json_term(t) for v, t in zip(variables, row) if t is not None} for row in rows]
        return json.dumps({"head": {"vars": variables}, "results": {"bindings": bindings}},
                          ensure_ascii=False).encode("utf-8")
    if fmt == "xml":
        parts = ['<?xml version="1.0"?>\n<sparql xmlns="http://www.w3.org/2005/sparql-results#">',
                 "<head>", *(f"<variable name={quoteattr(v)}/>" for v in variables), "</head>", "<results>"]
        for row in rows:
            parts.append("<result>")
            parts.extend(f"<binding name={quoteattr(v)}>{_xml_term(t)}</binding>"
                         for v, t in zip(variables, row) if t is not None)
            parts.append("</result>")
        parts.append("</results>\n</sparql>\n")
        return "".join(parts).encode("utf-8")
    if fmt == "csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\r\n")
        writer.writerow(variables)
        writer.writerows([_plain(t) for t in row] for row in rows)
        return buffer.getvalue().encode("utf-8")
    if fmt == "tsv":
        lines = ["\t".join(f"?{v}" for v in variables)]
        lines.extend("\t".join("" if t is None else str(t) for t in row) for row in rows)
        return ("\n".join(lines) + "\n").encode("utf-8")
    # html, for people using the query form
    head = "".join(f"<th>{html.escape(v)}</th>" for v in variables)
    body = "".join("<tr>" + "".join(f"<td>{html.escape(_plain(t))}</td>" for t in row) + "</tr>" for row in rows)
    return html_page("Results", f"<p>{len(rows)} rows</p><table><tr>{head}</tr>{body}</table>"
                     '<p><a href="/query">Back to the query form</a></p>')


def _boolean_body(value: bool, fmt: str) -> bytes:
    text = "true" if value else "false"
    if fmt == "json":
        return json.dumps({"head": {}, "boolean": value}).encode("utf-8")
    if fmt == "xml":
        return ('<?xml version="1.0"?>\n<sparql xmlns="http://www.w3.org/2005/sparql-results#">'
                f"<head/><boolean>{text}</boolean></sparql>\n").encode("utf-8")
    if fmt == "html":
        return html_page("Result", f"<p>{text}</p>")
    return f"_askResult\r\n{text}\r\n".encode("utf-8")


# --------------------------------------------------------------------------- evaluation

def _collect(result: Any, max_rows: int, cancelled: threading.Event | None) -> tuple[str, Any, Any] | None:
    """Read a query result under the row limit: (kind, variables, payload), or ``None`` if cancelled."""
    if isinstance(result, ox.QueryBoolean):
        return "boolean", None, bool(result)
    if isinstance(result, ox.QuerySolutions):
        variables = [v.value for v in result.variables]
        rows = _bounded(([solution[v] for v in variables] for solution in result), max_rows, "rows", cancelled)
        return None if rows is None else ("solutions", variables, rows)
    triples = _bounded(iter(result), max_rows, "triples", cancelled)
    return None if triples is None else ("graph", None, triples)


def _bounded(items: Iterator[Any], max_rows: int, unit: str, cancelled: threading.Event | None) -> list[Any] | None:
    """At most ``max_rows`` items (400 beyond them), or ``None`` once ``cancelled`` is set."""
    out: list[Any] = []
    for item in items:
        if cancelled is not None and cancelled.is_set():
            return None
        if len(out) >= max_rows:
            raise HttpError(400, f"the result has more than {max_rows} {unit}; add a LIMIT")
        out.append(item)
    return out


def evaluate(store: Any, request: Mapping[str, Any], *, prefixes: Mapping[str, str], max_rows: int,
             cancelled: threading.Event | None = None) -> tuple[str, bytes] | None:
    """Run a query on a pyoxigraph store and serialise its result: (media type, body).

    ``request`` holds ``query`` and optionally ``default_graphs`` and
    ``named_graphs`` (IRIs; without default graphs the default graph is the
    union of all graphs), ``accept`` (the Accept header) and ``requested`` (a
    ``format`` parameter).  Errors are :class:`HttpError`: 400 for bad SPARQL,
    a result of more than ``max_rows`` rows or triples, or an unknown format.
    Returns ``None`` if ``cancelled`` is set while the result is read.
    """
    options: dict[str, Any] = {"prefixes": dict(prefixes)}
    default_graphs = list(request.get("default_graphs") or ())
    named_graphs = list(request.get("named_graphs") or ())
    if default_graphs:
        options["default_graph"] = [ox.NamedNode(iri) for iri in default_graphs]
    else:
        options["use_default_graph_as_union"] = True
    if named_graphs:
        options["named_graphs"] = [ox.NamedNode(iri) for iri in named_graphs]
    try:
        collected = _collect(store.query(request["query"], **options), max_rows, cancelled)
    except SyntaxError as err:
        raise HttpError(400, f"invalid SPARQL: {_one_line(err)}") from err
    except (OSError, ValueError, TypeError) as err:
        raise HttpError(400, f"cannot run the query: {_one_line(err)}") from err
    if collected is None:
        return None
    kind, variables, payload = collected
    accept, requested = request.get("accept") or "", request.get("requested")
    if kind == "graph":
        fmt = negotiate(accept, "graph", requested if requested not in (None, "html") else None)
        media, _, rdf_format = GRAPH_FORMATS[fmt]
        use_prefixes = dict(prefixes) if rdf_format in (ox.RdfFormat.TURTLE, ox.RdfFormat.RDF_XML) else None
        body = ox.serialize(payload, format=rdf_format, prefixes=use_prefixes) if payload else b""
        return media, body
    fmt = negotiate(accept, "solutions", requested)
    media = RESULT_FORMATS[fmt][0]
    if kind == "boolean":
        return media, _boolean_body(payload, fmt)
    return media, _solutions_body(variables, payload, fmt)


#: Tries to open a store read-only while the server process may be writing it (about 9 s in all).
_OPEN_ATTEMPTS = 20


def open_source(source: Mapping[str, str]) -> Any:
    """Open the served data: ``{"store": DIR}`` read-only, or ``{"file": PATH, "format": EXT}``
    (a graph file, loaded into memory; ``EXT`` names its format, e.g. ``ttl``)."""
    if "store" in source:
        # The server process may be writing the store just then: a compaction can delete a file that the
        # manifest read a moment before still lists (RocksDB's "Corruption: IO error", a RuntimeError).
        for attempt in range(_OPEN_ATTEMPTS):
            try:
                return ox.Store.read_only(source["store"])
            except (OSError, RuntimeError):
                if attempt == _OPEN_ATTEMPTS - 1:
                    raise
                time.sleep(min(0.05 * 2**attempt, 0.5))
    memory = ox.Store()
    memory.bulk_load(path=source["file"], format=ox.RdfFormat.from_extension(source["format"]))
    return memory


# --------------------------------------------------------------------------- the worker process

def _watch_parent(parent: int) -> None:
    """End this process when the server that started it has ended (its parent changes)."""
    while os.getppid() == parent:
        time.sleep(_WATCH_INTERVAL)
    os._exit(1)


def main() -> None:
    """Serve jobs on standard input/output until the server closes the pipe (see the module docstring)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    receive = Connection(os.dup(0), writable=False)
    send = Connection(os.dup(1), readable=False)
    os.dup2(2, 1)  # a stray print must not corrupt the channel
    null = os.open(os.devnull, os.O_RDONLY)
    os.dup2(null, 0)
    os.close(null)
    threading.Thread(target=_watch_parent, args=(os.getppid(),), daemon=True).start()
    try:
        setup = receive.recv()
    except EOFError:
        return
    try:
        store = open_source(setup["source"])
    except Exception as err:  # noqa: BLE001 - reported to the server as one line
        send.send(("failed", f"cannot open {_describe(setup['source'])}: {_one_line(err)}"))
        return
    send.send(("ready", os.getpid()))
    prefixes, max_rows = setup["prefixes"], setup["max_rows"]
    while True:
        try:
            job = receive.recv()
        except EOFError:
            return
        if job.get("source"):
            try:
                del store
                store = open_source(job["source"])
            except Exception as err:  # noqa: BLE001
                send.send(("failed", f"cannot reopen {_describe(job['source'])}: {_one_line(err)}"))
                return
        try:
            answer = evaluate(store, job, prefixes=prefixes, max_rows=max_rows)
            message: tuple[Any, ...] = ("ok", *answer) if answer else ("http", 500, "no answer")
        except HttpError as err:
            message = ("http", err.status, str(err))
        except Exception as err:  # noqa: BLE001 - any other failure is the query's, not the worker's
            message = ("http", 500, f"the query failed: {type(err).__name__}: {_one_line(err)}")
        send.send(message)


def _describe(source: Mapping[str, str]) -> str:
    return f"store {source['store']}" if "store" in source else f"graph {source['file']}"


if __name__ == "__main__":
    main()
