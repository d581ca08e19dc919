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
* **Limits**: a query time limit (503 when exceeded), a result size limit in
  rows or triples (400, add a LIMIT), a body size limit (413).  Malformed
  requests get 400 with the parser's message.
* **Queries run in worker processes** (:class:`QueryPool`, ``workers`` of them,
  started with the server; :mod:`kg.serve_worker`).  pyoxigraph cannot cancel a
  running query, so a query past the time limit is stopped by killing its
  worker (SIGKILL), and a fresh worker takes its place.  A query running
  longer than :data:`SLOW_AFTER` is niced, so cheap queries get the cores
  first.  Each worker opens the store read-only (or loads the graph file) itself.  With ``workers=0`` queries
  run in threads of the server instead, as before: a query past the limit is
  then only abandoned and runs on until Oxigraph finishes it.
* ``/`` is the interactive page of the graph (:func:`kg.draw.render`) and
  ``/query`` a plain HTML query form; neither fetches anything from the network.

The server binds to loopback unless told otherwise.
"""
from __future__ import annotations

import html
import os
import queue
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterable, Mapping
from concurrent.futures import ThreadPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pyoxigraph as ox

from kg.graph import NAMESPACES
from kg.serve_worker import GRAPH_FORMATS, RESULT_FORMATS, evaluate, html_page, negotiate
from kg.serve_worker import HttpError as _HttpError

__all__ = [
    "ServeError",
    "Endpoint",
    "QueryPool",
    "RESULT_FORMATS",
    "GRAPH_FORMATS",
    "MAX_BODY",
    "QUERY_WORKERS",
    "QUERY_THREADS",
    "make_server",
    "serve",
    "refusal",
    "negotiate",
]

#: Largest request body accepted (bytes); larger ones get 413.
MAX_BODY = 1 << 20
#: Worker processes that run queries (``kg serve --workers``).  Each runs one
#: query at a time, so a few expensive queries must leave workers free for
#: cheap ones (with 4 threads, four slow queries made every cheap one wait, see
#: bench/RESULTS.md); an idle worker costs about 30 MB of memory.  More workers
#: than cores add no speed, only room for slow queries beside fast ones.
QUERY_WORKERS = 8
#: Query threads when queries run in the server process (``workers=0``).
#: Oxigraph releases the GIL while it evaluates, so they run in parallel; a
#: query past the time limit keeps its thread until it finishes.
QUERY_THREADS = 16
#: Connections the listening socket queues; the standard library's 5 made
#: clients beyond that wait for a TCP retransmission (about 1 s).
LISTEN_BACKLOG = 128
#: Seconds a worker may take to open the served data before the server gives up.
WORKER_START_TIMEOUT = 600.0
#: A query still running after this many seconds is slow: its worker is niced by :data:`SLOW_NICE`, so that
#: cheap queries in the other workers get more of the cores (the scheduler shares them by runnable process:
#: four slow queries beside four cheap ones would take half of them).
SLOW_AFTER = 1.0
#: How much a worker running a slow query is niced, above the server's own nice value.  +5 weighs a process
#: about a third of a normal one: four slow queries beside four cheap ones get a quarter of the CPU, the share
#: 16 query threads gave them (4 of 16).  +10 (a tenth) starved them: in bench/load.py under load none of the
#: expensive queries finished within 10 s.
SLOW_NICE = 5


class ServeError(RuntimeError):
    """The endpoint cannot start (e.g. the port is taken, or no query worker starts)."""


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


# --------------------------------------------------------------------------- pages

_EXAMPLE_QUERY = """SELECT ?source ?relation ?target WHERE {
  ?i kg:source/rdfs:label ?source ; kg:target/rdfs:label ?target ; kg:relationText ?relation .
} LIMIT 50"""


def _form_page(title: str) -> bytes:
    prefixes = ", ".join(f"{p}:" for p in NAMESPACES)
    options = "".join(f'<option value="{name}">{name}</option>'
                      for name in ("html", "json", "xml", "csv", "tsv", "ttl", "nt"))
    return html_page(
        f"SPARQL query: {title}",
        '<form action="/sparql" method="post">'
        f'<textarea name="query" rows="14">{html.escape(_EXAMPLE_QUERY)}</textarea>'
        f'<p>Results as <select name="format">{options}</select> '
        '<button type="submit">Run</button></p></form>'
        f"<p>Predefined prefixes: {html.escape(prefixes)}. "
        'The graph itself: <a href="/">the interactive page</a>.</p>',
    )


# --------------------------------------------------------------------------- worker processes

def _time_limit(timeout: float) -> _HttpError:
    return _HttpError(503, f"the query exceeded the time limit of {timeout:g} s")


@dataclass(eq=False)
class _Worker:
    process: subprocess.Popen[bytes]
    send: Connection
    receive: Connection
    generation: int
    closed: bool = False


class QueryPool:
    """Worker processes that evaluate queries, each one query at a time.

    ``source`` is what the workers open (:func:`kg.serve_worker.open_source`):
    ``{"store": DIR}`` or ``{"file": PATH, "format": EXT}``.  :meth:`run` gives
    a query to an idle worker and waits until its deadline; past it the worker
    is killed (SIGKILL), a new one is started in the background, and the
    caller gets a 503.  :meth:`changed` makes every worker open the data again
    before its next query (after an update).  :meth:`close` kills them all.
    """

    def __init__(self, source: Mapping[str, str], *, size: int = QUERY_WORKERS, max_rows: int = 100_000) -> None:
        if size < 1:
            raise ValueError("a query pool needs at least one worker")
        self.source = dict(source)
        self.size = size
        self.max_rows = max_rows
        self.generation = 0
        # last in, first out: a lightly loaded server keeps using the same few workers, whose store caches are warm
        # (each worker has its own; with first in, first out every query went to the coldest one)
        self._idle: queue.LifoQueue[_Worker] = queue.LifoQueue()
        self._workers: set[_Worker] = set()
        self._starting = 0
        self._closed = False
        self._last_error = ""
        self._lock = threading.Lock()
        self._nice = os.getpriority(os.PRIO_PROCESS, 0)  # the workers inherit it

    # ------------------------------------------------------------------ lifecycle
    def start(self) -> None:
        """Start every worker and wait until each has opened the data (:class:`ServeError` if one cannot)."""
        with self._lock:
            self._starting += self.size
        launched = []
        try:
            for _ in range(self.size):
                launched.append(self._launch())
            for worker in launched:
                self._await_ready(worker)
        except BaseException:
            for worker in launched:
                self._kill(worker)
            raise
        finally:
            with self._lock:
                self._starting -= self.size
        with self._lock:
            self._workers.update(launched)
        for worker in launched:
            self._idle.put(worker)

    def close(self) -> None:
        """Kill every worker (busy or idle) and reap it; no worker is started after this.

        A busy worker's pipes are left to the request thread that waits on
        them (it sees the end of the pipe and discards the worker).
        """
        with self._lock:
            self._closed = True
            workers = list(self._workers)
            self._workers.clear()
        idle = set()
        while True:
            try:
                idle.add(self._idle.get_nowait())
            except queue.Empty:
                break
        for worker in workers:
            self._kill(worker, close_pipes=worker in idle)

    def pids(self) -> list[int]:
        """Process ids of the running workers."""
        with self._lock:
            return sorted(w.process.pid for w in self._workers)

    def changed(self, source: Mapping[str, str] | None = None) -> None:
        """The served data changed (now at ``source``, if given): workers reopen it before their next query."""
        with self._lock:
            if source is not None:
                self.source = dict(source)
            self.generation += 1

    def _launch(self) -> _Worker:
        import kg

        # the same kg as this process's, and nothing from the working folder (-P): a module there named like one
        # the worker imports must not run in it
        package_root = str(Path(kg.__file__).resolve().parent.parent)
        env = dict(os.environ)
        env["PYTHONPATH"] = os.pathsep.join(p for p in (package_root, env.get("PYTHONPATH")) if p)
        process = subprocess.Popen([sys.executable, "-P", "-m", "kg.serve_worker"], stdin=subprocess.PIPE,
                                   stdout=subprocess.PIPE, env=env, close_fds=True)
        stdin, stdout = process.stdin, process.stdout  # pipes, as asked above
        send = Connection(os.dup(stdin.fileno()), readable=False)  # type: ignore[union-attr]
        receive = Connection(os.dup(stdout.fileno()), writable=False)  # type: ignore[union-attr]
        stdin.close()  # type: ignore[union-attr]
        stdout.close()  # type: ignore[union-attr]
        with self._lock:
            generation = self.generation
            source = dict(self.source)
        worker = _Worker(process, send, receive, generation)
        try:
            send.send({"source": source, "prefixes": dict(NAMESPACES), "max_rows": self.max_rows})
        except OSError:
            pass  # the worker ended already; _await_ready reports it
        return worker

    def _await_ready(self, worker: _Worker) -> None:
        try:
            if not worker.receive.poll(WORKER_START_TIMEOUT):
                raise ServeError(f"a query worker did not start within {WORKER_START_TIMEOUT:g} s")
            answer = worker.receive.recv()
        except (EOFError, OSError):
            raise ServeError(f"a query worker ended at start (exit status {worker.process.wait()})") from None
        if answer[0] != "ready":
            raise ServeError(answer[1])

    def _kill(self, worker: _Worker, *, close_pipes: bool = True) -> None:
        try:
            worker.process.kill()
        except OSError:
            pass
        worker.process.wait()
        if close_pipes:
            with self._lock:  # once only: a closed descriptor's number may be reused at once
                if worker.closed:
                    return
                worker.closed = True
            worker.send.close()
            worker.receive.close()

    def _discard(self, worker: _Worker) -> None:
        """Kill a worker and start a new one in its place (in the background)."""
        with self._lock:
            self._workers.discard(worker)
            replace = not self._closed
            if replace:
                self._starting += 1
        self._kill(worker)
        if replace:
            threading.Thread(target=self._replace, name="kg-serve-worker-start", daemon=True).start()

    def _replace(self) -> None:
        worker = None
        try:
            worker = self._launch()
            self._await_ready(worker)
        except (ServeError, OSError) as err:
            self._last_error = str(err)
            sys.stderr.write(f"kg: a query worker could not be started: {err}\n")
            if worker is not None:
                self._kill(worker)
            worker = None
        with self._lock:
            self._starting -= 1
            closed = self._closed
            if worker is not None and not closed:
                self._workers.add(worker)
        if worker is not None:
            if closed:
                self._kill(worker)
            else:
                self._idle.put(worker)

    # ------------------------------------------------------------------ queries
    def _take(self, deadline: float, timeout: float) -> _Worker:
        while True:
            with self._lock:
                if not self._workers and not self._starting:
                    raise _HttpError(503, "no query worker is running"
                                          + (f" ({self._last_error})" if self._last_error else ""))
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise _time_limit(timeout)
            try:
                worker = self._idle.get(timeout=min(remaining, 1.0))
            except queue.Empty:
                continue
            if worker.process.poll() is None:
                return worker
            self._discard(worker)  # it died while idle

    def run(self, request: Mapping[str, Any], *, timeout: float) -> tuple[str, bytes]:
        """Evaluate a query (see :func:`kg.serve_worker.evaluate`) within ``timeout`` seconds,
        waiting for a free worker included; return (media type, body) or raise the HTTP error.

        A worker that ends without answering (killed from outside, out of
        memory) is replaced, and the query is tried once more on another one.
        """
        deadline = time.monotonic() + timeout
        for attempt in (1, 2):
            worker = self._take(deadline, timeout)
            job = dict(request)
            with self._lock:
                if worker.generation != self.generation:
                    job["source"] = dict(self.source)
                    worker.generation = self.generation
            niced = False
            try:
                worker.send.send(job)
                ready = worker.receive.poll(max(0.0, min(deadline - time.monotonic(), SLOW_AFTER)))
                if not ready and deadline - time.monotonic() > 0:
                    niced = _renice(worker.process.pid, min(19, self._nice + SLOW_NICE))
                    ready = worker.receive.poll(max(0.0, deadline - time.monotonic()))
                answer = worker.receive.recv() if ready else None
            except (EOFError, OSError):
                self._discard(worker)
                if attempt == 1:
                    continue
                raise _HttpError(500, "the query worker ended without an answer (twice)") from None
            if answer is None:  # past the time limit: stop the query by ending its process
                self._discard(worker)
                raise _time_limit(timeout)
            if answer[0] == "failed" or (niced and not _renice(worker.process.pid, self._nice)):
                # a worker whose priority cannot be raised again (no privilege to) is replaced
                self._discard(worker)
                if answer[0] == "failed":
                    raise _HttpError(500, answer[1])
            else:
                self._idle.put(worker)
            if answer[0] == "http":
                raise _HttpError(answer[1], answer[2])
            return answer[1], answer[2]
        raise AssertionError("unreachable")  # pragma: no cover


def _renice(pid: int, nice: int) -> bool:
    """Set a process's nice value (on Linux: its main thread's, where a worker runs its query); whether it worked."""
    try:
        os.setpriority(os.PRIO_PROCESS, pid, nice)
    except OSError:  # raising the priority again needs privilege; or the process has just ended
        return False
    return True


# --------------------------------------------------------------------------- endpoint

@dataclass
class Endpoint:
    """What the HTTP handler serves: a pyoxigraph store, the limits, and where queries run.

    With a :class:`QueryPool` queries run in its worker processes (``store`` is
    then used for the page and for updates); without one, in threads of this
    process on ``store``.
    """

    store: Any
    title: str
    allow_update: bool = False
    allow_remote: bool = False
    timeout: float = 10.0
    max_rows: int = 100_000
    max_body: int = MAX_BODY
    page: Callable[[], str] | None = None
    quiet: bool = True
    pool: QueryPool | None = None
    #: Called after each update: tells the pool's workers to reopen the data.
    after_update: Callable[[], None] | None = None
    _executor: ThreadPoolExecutor | None = None
    _page_cache: bytes | None = None
    _lock: threading.Lock = field(default_factory=threading.Lock)
    _update_lock: threading.Lock = field(default_factory=threading.Lock)

    @property
    def executor(self) -> ThreadPoolExecutor:
        """The query threads (when queries run in this process)."""
        with self._lock:
            if self._executor is None:
                self._executor = ThreadPoolExecutor(QUERY_THREADS)
            return self._executor

    def close(self) -> None:
        """Stop the query workers or threads."""
        if self.pool is not None:
            self.pool.close()
        if self._executor is not None:
            self._executor.shutdown(wait=False, cancel_futures=True)

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
        request = {"query": text, "default_graphs": default_graphs, "named_graphs": named_graphs,
                   "accept": accept, "requested": requested}
        if self.pool is not None:
            return self.pool.run(request, timeout=self.timeout)
        cancelled = threading.Event()
        future = self.executor.submit(evaluate, self.store, request, prefixes=NAMESPACES, max_rows=self.max_rows,
                                      cancelled=cancelled)
        try:
            answer = future.result(timeout=self.timeout)
        except FutureTimeout:
            cancelled.set()
            future.cancel()  # still queued: never run it
            raise _time_limit(self.timeout) from None
        if answer is None:
            raise _time_limit(self.timeout)
        return answer

    def update(self, text: str) -> None:
        if not self.allow_update:
            raise _HttpError(403, "updates are not allowed on this endpoint (start kg serve with --allow-update)")
        reason = refusal(text, allow_remote=self.allow_remote)
        if reason:
            raise _HttpError(403, reason)
        with self._update_lock:  # one at a time, so the workers reopen the data in the order of the updates
            try:
                self.store.update(text, prefixes=NAMESPACES)
            except SyntaxError as err:
                raise _HttpError(400, f"invalid SPARQL update: {' '.join(str(err).split())}") from err
            except OSError as err:
                raise _HttpError(400, f"cannot run the update: {' '.join(str(err).split())}") from err
            if self.after_update is not None:
                self.after_update()
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


def _interrupt(signum: int, frame: Any) -> None:
    raise KeyboardInterrupt


def serve(*, graph: str | None = None, store: str | None = None, host: str = "127.0.0.1", port: int = 7878,
          allow_update: bool = False, allow_remote: bool = False, timeout: float = 10.0,
          max_rows: int = 100_000, workers: int = QUERY_WORKERS, quiet: bool = False,
          ready: Callable[[ThreadingHTTPServer], None] | None = None) -> None:
    """Serve a graph file or a store until interrupted (Ctrl-C, SIGTERM or SIGHUP).

    ``workers`` query worker processes are started first (0: queries run in
    threads of this process and cannot be stopped); on the way out every one
    of them is killed and reaped.
    """
    from kg.query import _check_file
    from kg.store import OX_FORMATS, load_file, open_store

    opened = None
    snapshots: str | None = None
    if store is not None:
        opened = open_store(store, write=allow_update)
        ox_store, title = opened.ox, Path(store).name
        source = {"store": str(Path(store).resolve())}
    elif graph is None:
        raise ServeError("give a graph file or a store to serve")
    else:
        ox_store, title = load_file(graph), Path(graph).stem
        source = {"file": str(Path(graph).resolve()), "format": OX_FORMATS[_check_file(Path(graph))].file_extension}
    pool = QueryPool(source, size=workers, max_rows=max_rows) if workers > 0 else None
    after_update = None
    if pool is not None and allow_update:
        if opened is not None:
            def after_update() -> None:  # the workers' read-only views reopen the store
                ox_store.flush()
                pool.changed()
        else:
            snapshots = tempfile.mkdtemp(prefix="kg-serve-")
            snapshot = os.path.join(snapshots, "graph.nq")

            def after_update() -> None:  # the workers load the server's changed copy of the graph
                ox_store.dump(snapshot + ".tmp", format=ox.RdfFormat.N_QUADS)
                os.replace(snapshot + ".tmp", snapshot)
                pool.changed({"file": snapshot, "format": "nq"})
    endpoint = Endpoint(ox_store, title, allow_update=allow_update, allow_remote=allow_remote,
                        timeout=timeout, max_rows=max_rows, quiet=quiet, page=_page_renderer(ox_store, title),
                        pool=pool, after_update=after_update)
    # SIGTERM and SIGHUP stop the server as Ctrl-C does, so that it kills its workers on the way out (in thread
    # mode they keep their default, ending the process at once: an abandoned query's thread would hold up its exit).
    # SIGINT is set as well: a process started with SIGINT ignored (by the shell, or by a library in the parent)
    # never gets Python's Ctrl-C handler, and would ignore Ctrl-C.
    in_main_thread = threading.current_thread() is threading.main_thread()
    previous = ({sig: signal.signal(sig, _interrupt) for sig in (signal.SIGTERM, signal.SIGHUP, signal.SIGINT)}
                if in_main_thread and pool is not None else {})
    server = None
    try:
        server = make_server(endpoint, host=host, port=port)
        if pool is not None:
            pool.start()
        bound_host, bound_port = server.server_address[:2]
        where = f"{workers} query worker{'s' if workers != 1 else ''}" if workers else "queries in threads"
        print(f"kg: serving {store or graph} at http://{bound_host}:{bound_port}/sparql "
              f"(page at /, query form at /query; {'read-write' if allow_update else 'read-only'}; {where}; "
              "Ctrl-C stops)", file=sys.stderr, flush=True)
        if ready is not None:
            ready(server)
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        if server is not None:
            server.server_close()
        endpoint.close()
        if opened is not None:
            opened.close()
        if snapshots is not None:
            import shutil

            shutil.rmtree(snapshots, ignore_errors=True)
        for sig, handler in previous.items():
            signal.signal(sig, handler)
