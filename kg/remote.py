"""Talking to other triple stores: ``kg push`` and ``kg query --endpoint``.

:func:`push` copies a graph file or a store into any store that speaks the
SPARQL 1.1 Graph Store HTTP Protocol (Oxigraph server, Fuseki, GraphDB,
Virtuoso, QLever ...): one ``PUT ?graph=IRI`` with an N-Triples body per named
graph (so each document stays its own graph), ``PUT ?default`` for the
default graph, or everything into one graph with ``into``.  PUT replaces a
graph, so pushing again gives no duplicates.

:func:`remote_query` sends a query to a SPARQL 1.1 Protocol endpoint (POST,
form-encoded) with kg's prefixes declared, and turns the JSON or RDF answer
into an rdflib result that :func:`kg.query.format_result` formats like a local
one.
"""
from __future__ import annotations

import json
import re
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode, urlsplit

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, URIRef, Variable
from rdflib.query import Result

from kg.graph import NAMESPACES

__all__ = ["RemoteError", "PushReport", "push", "remote_query", "with_prefixes", "gsp_url"]

#: What kg asks a query endpoint for, best first.
QUERY_ACCEPT = ("application/sparql-results+json, application/n-triples;q=0.9, "
                "text/turtle;q=0.8")
#: Longest piece of an error body kept in a message.
MAX_DETAIL = 200


class RemoteError(RuntimeError):
    """A remote store that cannot be reached or refuses a request."""


@dataclass(frozen=True)
class PushReport:
    graphs: int
    triples: int


def _check_url(url: str) -> None:
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise RemoteError(f"{url}: not an http(s) URL")


def _request(url: str, *, method: str, data: bytes | None, headers: dict[str, str],
             timeout: float) -> tuple[str, bytes]:
    """Send a request; return (content type, body); one-line errors name the URL."""
    request = urllib.request.Request(url, data=data, method=method, headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return response.headers.get("Content-Type", ""), response.read()
    except urllib.error.HTTPError as err:
        detail = " ".join(err.read().decode("utf-8", "replace").split())[:MAX_DETAIL]
        raise RemoteError(f"{url}: HTTP {err.code} {err.reason}" + (f": {detail}" if detail else "")) from err
    except urllib.error.URLError as err:
        raise RemoteError(f"cannot reach {url}: {err.reason}") from err
    except (OSError, ValueError) as err:  # timeouts, resets, bad URLs
        raise RemoteError(f"cannot reach {url}: {err}") from err


def gsp_url(endpoint: str, graph: str | None) -> str:
    """The Graph Store Protocol URL of a named graph (or of the default graph).

    >>> gsp_url("http://localhost:7878/store", "https://w3id.org/kg-news/id/graph/actors")
    'http://localhost:7878/store?graph=https%3A%2F%2Fw3id.org%2Fkg-news%2Fid%2Fgraph%2Factors'
    >>> gsp_url("http://localhost:3030/ds/data?x=1", None)
    'http://localhost:3030/ds/data?x=1&default'
    """
    query = "default" if graph is None else urlencode({"graph": graph})
    return endpoint + ("&" if "?" in endpoint else "?") + query


def _graphs(source: Any, into: str | None) -> Iterator[tuple[str | None, list[Any]]]:
    """(graph IRI or None for the default graph, triples) to push."""
    if into is not None:
        triples = list(source.query("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }", use_default_graph_as_union=True))
        yield into, triples
        return
    default = [q.triple for q in source.quads_for_pattern(None, None, None, ox.DefaultGraph())]
    if default:
        yield None, default
    for name in sorted(source.named_graphs(), key=str):
        yield name.value, [q.triple for q in source.quads_for_pattern(None, None, None, name)]


def push(*, graph: str | None = None, store: str | None = None, endpoint: str, into: str | None = None,
         timeout: float = 60.0) -> PushReport:
    """PUT a graph file's or a store's graphs to a Graph Store Protocol endpoint."""
    from kg.store import load_file, open_store

    _check_url(endpoint)
    if into is not None and not re.match(r"^[a-zA-Z][a-zA-Z0-9+.-]*:\S+$", into):
        raise RemoteError(f"--graph {into!r}: not an absolute IRI")
    opened = open_store(store) if store is not None else None
    source = opened.ox if opened is not None else load_file(graph)  # type: ignore[arg-type]
    graphs = triples = 0
    try:
        for name, content in _graphs(source, into):
            body = ox.serialize(content, format=ox.RdfFormat.N_TRIPLES)
            _request(gsp_url(endpoint, name), method="PUT", data=body,
                     headers={"Content-Type": "application/n-triples"}, timeout=timeout)
            graphs += 1
            triples += len(content)
    finally:
        if opened is not None:
            opened.close()
    return PushReport(graphs, triples)


_DECLARED = re.compile(r"(?i)\bPREFIX\s+([A-Za-z][\w.-]*)?\s*:")


def with_prefixes(sparql: str) -> str:
    """The query with kg's prefixes declared, except those it declares itself.

    >>> print(with_prefixes("PREFIX kg: <urn:x#> ASK { ?s kg:p ?o }").splitlines()[0])
    PREFIX kgid: <https://w3id.org/kg-news/id/>
    >>> "PREFIX kg: <https://" in with_prefixes("PREFIX kg: <urn:x#> ASK {}")
    False
    """
    declared = {m.group(1) or "" for m in _DECLARED.finditer(sparql)}
    lines = [f"PREFIX {prefix}: <{namespace}>" for prefix, namespace in NAMESPACES.items()
             if prefix not in declared]
    return "\n".join([*lines, sparql])


def _term(value: dict[str, str]) -> Any:
    kind = value.get("type")
    if kind == "uri":
        return URIRef(value["value"])
    if kind == "bnode":
        return BNode(value["value"])
    if kind in ("literal", "typed-literal"):
        if "xml:lang" in value:
            return Literal(value["value"], lang=value["xml:lang"])
        datatype = value.get("datatype")
        return Literal(value["value"], datatype=URIRef(datatype) if datatype else None)
    raise RemoteError(f"unknown term type {kind!r} in the endpoint's answer")


def _json_result(data: dict[str, Any]) -> Result:
    if "boolean" in data:
        result = Result("ASK")
        result.askAnswer = bool(data["boolean"])
        return result
    result = Result("SELECT")
    names = data.get("head", {}).get("vars", [])
    result.vars = [Variable(name) for name in names]
    result.bindings = [
        {Variable(name): _term(term) for name, term in row.items()}
        for row in data.get("results", {}).get("bindings", [])
    ]
    return result


_RDF_MEDIA = {"application/n-triples": "nt", "text/plain": "nt", "text/turtle": "turtle",
              "application/x-turtle": "turtle", "application/rdf+xml": "xml", "application/ld+json": "json-ld"}


def remote_query(endpoint: str, sparql: str, *, name: str = "query", timeout: float = 60.0) -> Result:
    """Run a query on a remote SPARQL endpoint; a 400 answer becomes a QueryError."""
    from kg.query import QueryError

    _check_url(endpoint)
    body = urlencode({"query": with_prefixes(sparql)}).encode("utf-8")
    try:
        media, data = _request(endpoint, method="POST", data=body, timeout=timeout, headers={
            "Content-Type": "application/x-www-form-urlencoded", "Accept": QUERY_ACCEPT})
    except RemoteError as err:
        cause = err.__cause__
        if isinstance(cause, urllib.error.HTTPError) and cause.code == 400:
            raise QueryError(f"invalid SPARQL in {name}: {err}") from err
        raise
    media = media.split(";")[0].strip().lower()
    try:
        if "json" in media and "ld+json" not in media:
            return _json_result(json.loads(data))
        if media in _RDF_MEDIA:
            result = Result("CONSTRUCT")
            result.graph = Graph().parse(data=data, format=_RDF_MEDIA[media])
            return result
    except (ValueError, KeyError, SyntaxError) as err:
        raise RemoteError(f"{endpoint}: unreadable answer ({media}): {err}") from err
    raise RemoteError(f"{endpoint}: unexpected answer of type {media or '(none)'}")
