"""``kg serve``: a SPARQL 1.1 Protocol endpoint over a graph file or a store.

* ``/sparql`` answers queries by GET (``?query=``) and POST (a body of type
  ``application/sparql-query``, or a form with ``query=``), with the protocol's
  ``default-graph-uri`` and ``named-graph-uri`` parameters.  The default graph
  is the union of all graphs; kg's prefixes are predefined.
* **Content negotiation** (``Accept``, or ``format=`` as a parameter): SPARQL
  JSON, XML, CSV and TSV for SELECT and ASK; Turtle, N-Triples, RDF/XML and
  JSON-LD for CONSTRUCT and DESCRIBE.
* **Read-only** unless ``allow_update``: an update (``application/sparql-update``
  or ``update=``) gets 403.  ``SERVICE`` and ``LOAD`` are refused (403) unless
  ``allow_remote``; ``file:`` IRIs are always refused.  Oxigraph never fetches
  ``FROM`` IRIs: they name graphs of the store.
* **Limits**: a query time limit (503 when exceeded; the query is abandoned:
  pyoxigraph cannot cancel a running query, so it runs on in its worker thread),
  a result size limit in rows or triples (400, add a LIMIT), a body size limit
  (413).  Malformed requests get 400 with the parser's message.
* ``/`` is the interactive page of the graph (:func:`kg.draw.render`) and
  ``/query`` a plain HTML query form; neither fetches anything from the network.

The server binds to loopback unless told otherwise.
"""
from __future__ import annotations

import csv
import html
import io
import json
import sys
import threading
import time
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlsplit
from xml.sax.saxutils import escape as xml_escape
from xml.sax.saxutils import quoteattr

import pyoxigraph as ox

from kg.graph import NAMESPACES

__all__ = [
    "ServeError",
    "Endpoint",
    "RESULT_FORMATS",
    "GRAPH_FORMATS",
    "MAX_BODY",
    "make_server",
    "serve",
    "refusal",
    "negotiate",
]

#: Largest request body accepted (bytes); larger ones get 413.
MAX_BODY = 1 << 20
#: Worker threads that run queries.  Oxigraph releases the GIL while it
#: evaluates, so they run in parallel; a few expensive queries must not take
#: every worker (with 4, four slow queries made every cheap one wait, see
#: bench/RESULTS.md).  The bound matters because a query past the time limit is
#: abandoned, not stopped: pyoxigraph cannot cancel it, so it keeps its worker
#: until it finishes.
QUERY_WORKERS = 16
#: Connections the listening socket queues; the standard library's 5 made
#: clients beyond that wait for a TCP retransmission (about 1 s).
LISTEN_BACKLOG = 128

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


class ServeError(RuntimeError):
    """The endpoint cannot start (e.g. the port is taken)."""


class _HttpError(Exception):
    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status


# --------------------------------------------------------------------------- query checks

#: Characters that cannot appear in a SPARQL IRIREF (besides controls and space).
_NOT_IN_IRI = frozenset('<>"{}|^`')
_NAME_CHARS = "_-.%"


def _unescape_iri(inner: str) -> str | None:
    r"""The IRI of an IRIREF's inside, with ``\u``/``\U`` escapes decoded; ``None`` if it is no IRI.

    >>> _unescape_iri(r"\u0066ile:///etc/passwd")
    'file:///etc/passwd'
    >>> _unescape_iri("?s)SERVICE<http://x/") is None
    True
    """
    out, i = [], 0
    while i < len(inner):
        c = inner[i]
        if c == "\\":
            size = {"u": 4, "U": 8}.get(inner[i + 1:i + 2], 0)
            digits = inner[i + 2:i + 2 + size]
            if not size or len(digits) != size or any(d not in "0123456789abcdefABCDEF" for d in digits):
                return None
            out.append(chr(min(int(digits, 16), 0x10FFFF)))
            i += 2 + size
        elif c in _NOT_IN_IRI or ord(c) <= 0x20:
            return None
        else:
            out.append(c)
            i += 1
    return "".join(out)


def _tokens(text: str) -> Iterable[tuple[str, str]]:
    """SPARQL tokens that matter for :func:`refusal`: ``("iri", ...)`` and ``("word", ...)``.

    Strings, comments, variables, prefixed names and language tags are
    skipped, so a keyword inside them is not a keyword; escapes in IRIs are
    decoded.

    >>> list(_tokens('SELECT ?service { ?s ?p "SERVICE"@en, :load } # LOAD'))
    [('word', 'SELECT')]
    >>> list(_tokens('ASK { FILTER(?o<?s)SERVICE<http://x/>{} }'))
    [('word', 'ASK'), ('word', 'FILTER'), ('word', 'SERVICE'), ('iri', 'http://x/')]
    """
    i, n = 0, len(text)

    def name_end(j: int) -> int:
        while j < n and (text[j].isalnum() or text[j] in _NAME_CHARS):
            j += 1
        return j

    while i < n:
        c = text[i]
        if c == "#":
            end = text.find("\n", i)
            i = n if end < 0 else end + 1
        elif c in "\"'":
            quote = text[i:i + 3] if text[i:i + 3] in ('"""', "'''") else c
            j = i + len(quote)
            while j < n and not text.startswith(quote, j):
                j += 2 if text[j] == "\\" else 1
            i = j + len(quote)
        elif c == "<":
            end = text.find(">", i + 1)
            iri = _unescape_iri(text[i + 1:end]) if end > 0 else None
            if iri is not None:
                yield "iri", iri
                i = end + 1
            else:
                i += 1  # a comparison operator
        elif c in "?$@:":  # a variable, a language tag, or a prefixed name with the empty prefix
            i = name_end(i + 1)
        elif c.isalpha() or c == "_":
            j = name_end(i)
            word = text[i:j]
            if j < n and text[j] == ":":  # a prefixed name: skip its local part
                j = name_end(j + 1)
            else:
                yield "word", word
            i = j
        else:
            i += 1


def refusal(text: str, *, allow_remote: bool = False) -> str | None:
    """Why a query or update is refused, or ``None``.

    >>> refusal("SELECT * WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }")
    'SERVICE is not allowed on this endpoint'
    >>> refusal("SELECT * FROM <file:///etc/passwd> WHERE { ?s ?p ?o }")
    'file: IRIs are not allowed on this endpoint'
    >>> refusal('SELECT * WHERE { ?s ?p "LOAD <file:x>" }') is None
    True
    """
    for kind, value in _tokens(text):
        if kind == "iri" and value.lower().startswith("file:"):
            return "file: IRIs are not allowed on this endpoint"
        if kind == "word" and not allow_remote and value.upper() in ("SERVICE", "LOAD"):
            return f"{value.upper()} is not allowed on this endpoint"
    return None


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
        raise _HttpError(400, f"unknown format {requested!r}; valid formats: {', '.join(table)}")
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
    return _html_page("Results", f"<p>{len(rows)} rows</p><table><tr>{head}</tr>{body}</table>"
                      '<p><a href="/query">Back to the query form</a></p>')


def _boolean_body(value: bool, fmt: str) -> bytes:
    text = "true" if value else "false"
    if fmt == "json":
        return json.dumps({"head": {}, "boolean": value}).encode("utf-8")
    if fmt == "xml":
        return ('<?xml version="1.0"?>\n<sparql xmlns="http://www.w3.org/2005/sparql-results#">'
                f"<head/><boolean>{text}</boolean></sparql>\n").encode("utf-8")
    if fmt == "html":
        return _html_page("Result", f"<p>{text}</p>")
    return f"_askResult\r\n{text}\r\n".encode("utf-8")


# --------------------------------------------------------------------------- pages

_PAGE_CSS = ("body{font:15px/1.4 system-ui,sans-serif;margin:2em;max-width:70em}"
             "textarea{width:100%;font:14px monospace}table{border-collapse:collapse}"
             "td,th{border:1px solid #ccc;padding:2px 6px;text-align:left;vertical-align:top}")


def _html_page(title: str, body: str) -> bytes:
    return (f"<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>{html.escape(title)}</title>"
            f"<style>{_PAGE_CSS}</style></head><body><h1>{html.escape(title)}</h1>{body}</body></html>"
            ).encode("utf-8")


_EXAMPLE_QUERY = """SELECT ?source ?relation ?target WHERE {
  ?i kg:source/rdfs:label ?source ; kg:target/rdfs:label ?target ; kg:relationText ?relation .
} LIMIT 50"""


def _form_page(title: str) -> bytes:
    prefixes = ", ".join(f"{p}:" for p in NAMESPACES)
    options = "".join(f'<option value="{name}">{name}</option>'
                      for name in ("html", "json", "xml", "csv", "tsv", "ttl", "nt"))
    return _html_page(
        f"SPARQL query: {title}",
        '<form action="/sparql" method="post">'
        f'<textarea name="query" rows="14">{html.escape(_EXAMPLE_QUERY)}</textarea>'
        f'<p>Results as <select name="format">{options}</select> '
        '<button type="submit">Run</button></p></form>'
        f"<p>Predefined prefixes: {html.escape(prefixes)}. "
        'The graph itself: <a href="/">the interactive page</a>.</p>',
    )


# --------------------------------------------------------------------------- endpoint

@dataclass
class Endpoint:
    """What the HTTP handler serves: a pyoxigraph store and the limits."""

    store: Any
    title: str
    allow_update: bool = False
    allow_remote: bool = False
    timeout: float = 10.0
    max_rows: int = 100_000
    max_body: int = MAX_BODY
    page: Callable[[], str] | None = None
    quiet: bool = True
    executor: ThreadPoolExecutor = field(default_factory=lambda: ThreadPoolExecutor(QUERY_WORKERS))
    _page_cache: bytes | None = None
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def page_bytes(self) -> bytes:
        with self._lock:
            if self._page_cache is None:
                self._page_cache = (self.page() if self.page else "<p>No page</p>").encode("utf-8")
            return self._page_cache

    def query(self, text: str, *, default_graphs: list[str], named_graphs: list[str],
              accept: str, requested: str | None) -> tuple[str, bytes]:
        """Run a query under the limits; return (media type, body)."""
        reason = refusal(text, allow_remote=self.allow_remote)
        if reason is None:
            if any(iri.lower().startswith("file:") for iri in default_graphs + named_graphs):
                reason = "file: IRIs are not allowed on this endpoint"
        if reason:
            raise _HttpError(403, reason)
        options: dict[str, Any] = {"prefixes": NAMESPACES}
        if default_graphs:
            options["default_graph"] = [ox.NamedNode(iri) for iri in default_graphs]
        else:
            options["use_default_graph_as_union"] = True
        if named_graphs:
            options["named_graphs"] = [ox.NamedNode(iri) for iri in named_graphs]
        cancelled = threading.Event()

        def run() -> tuple[str, Any, Any]:
            result = self.store.query(text, **options)
            if isinstance(result, ox.QueryBoolean):
                return "boolean", None, bool(result)
            if isinstance(result, ox.QuerySolutions):
                variables = [v.value for v in result.variables]
                rows = []
                for solution in result:
                    if cancelled.is_set():
                        return "cancelled", None, None
                    if len(rows) >= self.max_rows:
                        raise _HttpError(400, f"the result has more than {self.max_rows} rows; add a LIMIT")
                    rows.append([solution[v] for v in variables])
                return "solutions", variables, rows
            triples = []
            for triple in result:
                if cancelled.is_set():
                    return "cancelled", None, None
                if len(triples) >= self.max_rows:
                    raise _HttpError(400, f"the result has more than {self.max_rows} triples; add a LIMIT")
                triples.append(triple)
            return "graph", None, triples

        future = self.executor.submit(run)
        try:
            kind, variables, payload = future.result(timeout=self.timeout)
        except FutureTimeout:
            cancelled.set()
            future.cancel()  # still queued: never run it
            raise _HttpError(503, f"the query exceeded the time limit of {self.timeout:g} s") from None
        except SyntaxError as err:
            raise _HttpError(400, f"invalid SPARQL: {' '.join(str(err).split())}") from err
        except (OSError, ValueError, TypeError) as err:
            raise _HttpError(400, f"cannot run the query: {' '.join(str(err).split())}") from err
        if kind == "graph":
            fmt = negotiate(accept, "graph", requested if requested not in (None, "html") else None)
            media, _, rdf_format = GRAPH_FORMATS[fmt]
            prefixes = NAMESPACES if rdf_format in (ox.RdfFormat.TURTLE, ox.RdfFormat.RDF_XML) else None
            body = ox.serialize(payload, format=rdf_format, prefixes=prefixes) if payload else b""
            return media, body
        fmt = negotiate(accept, "solutions", requested)
        media = RESULT_FORMATS[fmt][0]
        if kind == "boolean":
            return media, _boolean_body(payload, fmt)
        return media, _solutions_body(variables, payload, fmt)

    def update(self, text: str) -> None:
        if not self.allow_update:
            raise _HttpError(403, "updates are not allowed on this endpoint (start kg serve with --allow-update)")
        reason = refusal(text, allow_remote=self.allow_remote)
        if reason:
            raise _HttpError(403, reason)
        try:
            self.store.update(text, prefixes=NAMESPACES)
        except SyntaxError as err:
            raise _HttpError(400, f"invalid SPARQL update: {' '.join(str(err).split())}") from err
        except OSError as err:
            raise _HttpError(400, f"cannot run the update: {' '.join(str(err).split())}") from err
        with self._lock:
            self._page_cache = None


class _Handler(BaseHTTPRequestHandler):
    server_version = "kg-serve"
    protocol_version = "HTTP/1.1"
    endpoint: Endpoint  # set on the subclass made by make_server

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002
        if not self.endpoint.quiet:
            sys.stderr.write(f"kg: {self.address_string()} {format % args}\n")

    # ---- responses
    def _send(self, status: int, media: str, body: bytes) -> None:
        self.send_response(status)
        charset = "; charset=utf-8" if media.startswith("text/") or "json" in media or "xml" in media else ""
        self.send_header("Content-Type", media + charset)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def _error(self, status: int, message: str) -> None:
        self._send(status, "text/plain", (message + "\n").encode("utf-8"))

    # ---- methods
    def do_GET(self) -> None:  # noqa: N802
        self._handle(lambda: self._get())

    def do_POST(self) -> None:  # noqa: N802
        self._handle(lambda: self._post())

    def _handle(self, action: Callable[[], None]) -> None:
        try:
            action()
        except _HttpError as err:
            self._error(err.status, str(err))
        except (BrokenPipeError, ConnectionResetError):
            self.close_connection = True

    def _get(self) -> None:
        parts = urlsplit(self.path)
        if parts.path == "/":
            self._send(200, "text/html", self.endpoint.page_bytes())
        elif parts.path in ("/query", "/query/"):
            self._send(200, "text/html", _form_page(self.endpoint.title))
        elif parts.path == "/sparql":
            params = _parse_params(parts.query)
            if "update" in params:
                if not self.endpoint.allow_update:
                    raise _HttpError(403, "updates are not allowed on this endpoint")
                raise _HttpError(405, "send updates by POST")
            if "query" not in params:
                if "text/html" in self.headers.get("Accept", ""):
                    self._send(200, "text/html", _form_page(self.endpoint.title))
                    return
                raise _HttpError(400, "missing the query parameter")
            self._answer(params)
        else:
            raise _HttpError(404, f"no such page: {parts.path} (try /, /query or /sparql)")

    def _post(self) -> None:
        parts = urlsplit(self.path)
        body = self._body()
        if parts.path != "/sparql":
            raise _HttpError(404, f"no such endpoint: {parts.path} (POST to /sparql)")
        media = self.headers.get("Content-Type", "").split(";")[0].strip().lower()
        params = _parse_params(parts.query)
        text = _decode(body)
        if media == "application/sparql-query":
            params["query"] = [text]
        elif media == "application/sparql-update":
            params["update"] = [text]
        elif media == "application/x-www-form-urlencoded":
            for key, values in _parse_params(text).items():
                params.setdefault(key, []).extend(values)
        else:
            raise _HttpError(415, f"unsupported content type {media or '(none)'!r}; use application/sparql-query, "
                                  "application/sparql-update or application/x-www-form-urlencoded")
        if "update" in params:
            if "query" in params:
                raise _HttpError(400, "give either query or update, not both")
            self.endpoint.update(_single(params, "update"))
            self._send(200, "text/plain", b"ok\n")
            return
        if "query" not in params:
            raise _HttpError(400, "missing the query parameter")
        self._answer(params)

    def _answer(self, params: dict[str, list[str]]) -> None:
        started = time.perf_counter()
        media, body = self.endpoint.query(
            _single(params, "query"),
            default_graphs=params.get("default-graph-uri", []),
            named_graphs=params.get("named-graph-uri", []),
            accept=self.headers.get("Accept", ""),
            requested=(params.get("format") or params.get("output") or [None])[0],
        )
        self._send(200, media, body)
        if not self.endpoint.quiet:
            sys.stderr.write(f"kg: query answered in {1000 * (time.perf_counter() - started):.0f} ms\n")

    def _body(self) -> bytes:
        try:
            length = int(self.headers.get("Content-Length") or 0)
        except ValueError:
            raise _HttpError(400, "bad Content-Length") from None
        if length < 0:
            raise _HttpError(400, "bad Content-Length")
        if length > self.endpoint.max_body:
            # read (a bounded amount of) the body so the client sees the answer
            remaining = min(length, 16 * self.endpoint.max_body)
            while remaining > 0:
                chunk = self.rfile.read(min(remaining, 1 << 16))
                if not chunk:
                    break
                remaining -= len(chunk)
            if length > 16 * self.endpoint.max_body:
                self.close_connection = True
            raise _HttpError(413, f"request body of {length} bytes is larger than the limit of {self.endpoint.max_body}")
        return self.rfile.read(length)


def _decode(body: bytes) -> str:
    try:
        return body.decode("utf-8")
    except UnicodeDecodeError:
        raise _HttpError(400, "the request body is not UTF-8") from None


def _parse_params(text: str) -> dict[str, list[str]]:
    try:
        return parse_qs(text, keep_blank_values=True, strict_parsing=False, errors="strict")
    except (ValueError, UnicodeDecodeError) as err:
        raise _HttpError(400, f"malformed parameters: {err}") from None


def _single(params: dict[str, list[str]], name: str) -> str:
    values = params.get(name, [])
    if len(values) != 1:
        raise _HttpError(400, f"give exactly one {name} parameter")
    if not values[0].strip():
        raise _HttpError(400, f"the {name} parameter is empty")
    return values[0]


# --------------------------------------------------------------------------- starting

def make_server(endpoint: Endpoint, *, host: str = "127.0.0.1", port: int = 7878) -> ThreadingHTTPServer:
    """An HTTP server for an endpoint (not started; call ``serve_forever``)."""
    handler = type("Handler", (_Handler,), {"endpoint": endpoint})
    server_class = type("Server", (ThreadingHTTPServer,), {"request_queue_size": LISTEN_BACKLOG})
    try:
        server = server_class((host, port), handler)
    except OSError as err:
        raise ServeError(f"cannot listen on {host}:{port}: {err.strerror or err}") from err
    server.daemon_threads = True
    return server


def _page_renderer(store: Any, title: str) -> Callable[[], str]:
    def render() -> str:
        from kg.draw import render as draw_page
        from kg.store import memory_graph

        return draw_page(memory_graph(store), title=title)

    return render


def serve(*, graph: str | None = None, store: str | None = None, host: str = "127.0.0.1", port: int = 7878,
          allow_update: bool = False, allow_remote: bool = False, timeout: float = 10.0,
          max_rows: int = 100_000, quiet: bool = False,
          ready: Callable[[ThreadingHTTPServer], None] | None = None) -> None:
    """Serve a graph file or a store until interrupted."""
    from pathlib import Path

    from kg.store import load_file, open_store

    opened = None
    if store is not None:
        opened = open_store(store, write=allow_update)
        ox_store, title = opened.ox, Path(store).name
    else:
        ox_store, title = load_file(graph), Path(graph).stem
    endpoint = Endpoint(ox_store, title, allow_update=allow_update, allow_remote=allow_remote,
                        timeout=timeout, max_rows=max_rows, quiet=quiet,
                        page=_page_renderer(ox_store, title))
    server = make_server(endpoint, host=host, port=port)
    bound_host, bound_port = server.server_address[:2]
    print(f"kg: serving {store or graph} at http://{bound_host}:{bound_port}/sparql "
          f"(page at /, query form at /query; {'read-write' if allow_update else 'read-only'}; Ctrl-C stops)",
          file=sys.stderr, flush=True)
    if ready is not None:
        ready(server)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
        endpoint.executor.shutdown(wait=False, cancel_futures=True)
        if opened is not None:
            opened.close()
