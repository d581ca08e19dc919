"""SPARQL over a kg graph: load a graph file, run a query, format the result.

kg's prefixes (``kg:``, ``kgid:``, ``rdfs:``, ``skos:``, ``prov:``, ``dcterms:``,
``xsd:``, ``schema:``, ``sem:``, ``nif:`` ...) are predefined, so queries need
no PREFIX lines:

>>> from rdflib import Graph, Literal, RDF, RDFS
>>> from kg.vocab import ID, KG
>>> graph = Graph()
>>> graph.add((ID["actor/olaf-scholz"], RDF.type, KG.Person))
<Graph identifier=... (<class 'rdflib.graph.Graph'>)>
>>> graph.add((ID["actor/olaf-scholz"], RDFS.label, Literal("Olaf Scholz")))
<Graph identifier=... (<class 'rdflib.graph.Graph'>)>
>>> result = run_query(graph, "SELECT ?actor ?name WHERE { ?actor a kg:Person ; rdfs:label ?name }")
>>> print(format_result(result, "table"), end="")
actor                   name
----------------------  -----------
kgid:actor/olaf-scholz  Olaf Scholz
>>> run_query(graph, "SELEC ?s WHERE { ?s ?p ?o }")
Traceback (most recent call last):
...
kg.query.QueryError: invalid SPARQL in query: Expected {SelectQuery | ConstructQuery | DescribeQuery | AskQuery}, found 'SELEC' (at char 0), (line:1, col:1)
"""
from __future__ import annotations

import csv
import io
import json
import os
from pathlib import Path
from typing import TypeVar

from pyparsing import ParseBaseException
from rdflib import BNode, Dataset, Graph, Literal, URIRef
from rdflib.query import Result
from rdflib.term import Node

from kg.export import serialize
from kg.graph import NAMESPACES, union_graph

__all__ = [
    "FORMATS",
    "GRAPH_FORMATS",
    "QueryError",
    "GraphLoadError",
    "load_graph",
    "load_dataset",
    "has_named_graphs",
    "run_query",
    "format_result",
]

#: Output formats of :func:`format_result`.
FORMATS: tuple[str, ...] = ("table", "csv", "json")

#: Graph file extensions :func:`load_graph` reads, with their rdflib parser.
GRAPH_FORMATS: dict[str, str] = {
    ".ttl": "turtle",
    ".nt": "nt",
    ".jsonld": "json-ld",
    ".json": "json-ld",
    ".nq": "nquads",
    ".trig": "trig",
}
#: Parsers whose files hold named graphs; they are read into a dataset, then united.
_QUAD_PARSERS = frozenset({"nquads", "trig"})

#: Longest error detail kept in a one-line message.
MAX_REASON_LENGTH = 240
#: Widest cell of a ``table`` result before it is cut with an ellipsis.
MAX_CELL_WIDTH = 60
#: Space between the columns of a ``table`` result.
COLUMN_GAP = "  "

#: Graph formats of CONSTRUCT and DESCRIBE results, by output format.
_GRAPH_OUTPUT: dict[str, str] = {"table": "ttl", "csv": "nt", "json": "jsonld"}


class QueryError(ValueError):
    """A SPARQL query that cannot be parsed or run, or an unknown result format."""


class GraphLoadError(Exception):
    """A graph file that is missing, not a file, of an unknown kind or unparsable."""


def _one_line(error: BaseException) -> str:
    """An exception's message on one line, cut to :data:`MAX_REASON_LENGTH` characters.

    >>> _one_line(ValueError("Bad syntax\\n  at line 2"))
    'Bad syntax at line 2'
    """
    why = getattr(error, "_why", None)  # rdflib's Turtle BadSyntax: say why, not the bytes
    if isinstance(error, SyntaxError) and isinstance(why, str) and hasattr(error, "lines"):
        text = f"line {error.lines + 1}: bad syntax ({why})"
    else:
        text = " ".join(str(error).split()) or type(error).__name__
    if len(text) > MAX_REASON_LENGTH:
        text = text[: MAX_REASON_LENGTH - 1] + "…"
    return text


def _check_file(target: Path) -> str:
    """The parser of a graph file that exists, or a :class:`GraphLoadError`."""
    if not target.exists():
        raise GraphLoadError(f"cannot read graph {target}: no such file")
    if target.is_dir():
        raise GraphLoadError(f"cannot read graph {target}: is a folder, not a file (a store? use --store)")
    parser = GRAPH_FORMATS.get(target.suffix.lower())
    if parser is None:
        raise GraphLoadError(
            f"cannot read graph {target}: unknown extension {target.suffix or '(none)'!r}; "
            f"valid extensions: {', '.join(GRAPH_FORMATS)}"
        )
    return parser


def load_graph(path: str | os.PathLike[str]) -> Graph:
    """Parse a graph file, choosing the parser by extension (see :data:`GRAPH_FORMATS`).

    Named graphs of ``.nq`` and ``.trig`` files are united into one graph.

    >>> load_graph("no/such/graph.ttl")
    Traceback (most recent call last):
    ...
    kg.query.GraphLoadError: cannot read graph no/such/graph.ttl: no such file
    """
    target = Path(path)
    parser = _check_file(target)
    if parser in _QUAD_PARSERS:
        return union_graph(_parse(target, parser, Dataset()))
    return _parse(target, parser, Graph())


_G = TypeVar("_G", bound=Graph)


def _parse(target: Path, parser: str, graph: _G) -> _G:
    """Parse ``target`` into ``graph`` (a Graph or Dataset) with kg's prefixes bound;
    any parser error becomes a one-line :class:`GraphLoadError`."""
    try:
        graph.parse(target, format=parser)
    except Exception as err:  # rdflib parsers raise many kinds of errors
        raise GraphLoadError(f"cannot read graph {target}: {_one_line(err)}") from err
    _bind(graph)
    return graph


def _bind(graph: Graph) -> None:
    for prefix, namespace in NAMESPACES.items():
        graph.bind(prefix, namespace, override=True, replace=True)


def has_named_graphs(path: str | os.PathLike[str]) -> bool:
    """Whether a graph file's format can hold named graphs (``.trig``, ``.nq``).

    >>> has_named_graphs("seed.trig"), has_named_graphs("seed.ttl")
    (True, False)
    """
    return GRAPH_FORMATS.get(Path(path).suffix.lower()) in _QUAD_PARSERS


def load_dataset(path: str | os.PathLike[str], *, default_union: bool = False) -> Dataset:
    """Parse a graph file into a dataset, keeping the named graphs of ``.trig`` and ``.nq``
    files; the triples of other formats go to the default graph.  With
    ``default_union`` the default graph is the union of all graphs, so SPARQL
    sees every triple and ``GRAPH ?g { ... }`` still finds each document's graph.

    >>> load_dataset("graph.xml")
    Traceback (most recent call last):
    ...
    kg.query.GraphLoadError: cannot read graph graph.xml: no such file
    """
    target = Path(path)
    parser = GRAPH_FORMATS.get(target.suffix.lower())
    if parser not in _QUAD_PARSERS:
        graph = load_graph(target)
        dataset = Dataset(default_union=default_union)
        _bind(dataset)
        for triple in graph:
            dataset.add(triple)
        return dataset
    return _parse(target, _check_file(target), Dataset(default_union=default_union))


def run_query(graph: Graph, sparql: str, *, name: str | None = None) -> Result:
    """Run a SPARQL query with kg's prefixes predefined; evaluate it fully.

    ``name`` (e.g. the ``.rq`` file) names the query in error messages.
    """
    where = name or "query"
    try:
        result = graph.query(sparql, initNs=NAMESPACES)
        if result.type == "SELECT":
            result.bindings  # rdflib evaluates lazily; surface errors here
        elif result.type in ("CONSTRUCT", "DESCRIBE"):
            result.graph
    except ParseBaseException as err:
        raise QueryError(f"invalid SPARQL in {where}: {_one_line(err)}") from err
    except Exception as err:  # rdflib raises plain Exception, e.g. for unknown prefixes
        raise QueryError(f"cannot run SPARQL {where}: {_one_line(err)}") from err
    return result


# ---------------------------------------------------------------- formatting

def _compact(node: Node) -> str:
    """An IRI with the longest matching kg prefix, e.g. ``kgid:actor/olaf-scholz``."""
    text = str(node)
    best = ""
    for prefix, namespace in NAMESPACES.items():
        if text.startswith(namespace) and len(namespace) > len(NAMESPACES.get(best, "")):
            best = prefix
    return f"{best}:{text[len(NAMESPACES[best]):]}" if best else text


def _cell(node: Node | None, *, width: int) -> str:
    """A term as shown in a table: compact IRI or plain literal, on one line, cut to width."""
    if node is None:
        return ""
    if isinstance(node, URIRef):
        text = _compact(node)
    elif isinstance(node, BNode):
        text = f"_:{node}"
    else:
        text = " ".join(str(node).split())
    return text if len(text) <= width else text[: width - 1] + "…"


def _plain(node: Node | None) -> str:
    """A term as written in CSV: full IRI, literal lexical form, ``_:id`` for blank nodes."""
    if node is None:
        return ""
    if isinstance(node, BNode):
        return f"_:{node}"
    return str(node)


def _json_term(node: Node) -> dict[str, str]:
    """A term in the SPARQL 1.1 JSON results format."""
    if isinstance(node, URIRef):
        return {"type": "uri", "value": str(node)}
    if isinstance(node, BNode):
        return {"type": "bnode", "value": str(node)}
    term: dict[str, str] = {"type": "literal", "value": str(node)}
    if isinstance(node, Literal):
        if node.language:
            term["xml:lang"] = node.language
        elif node.datatype is not None:
            term["datatype"] = str(node.datatype)
    return term


def _table(result: Result, *, width: int) -> str:
    names = [str(var) for var in result.vars or ()]
    rows = [[_cell(row[index], width=width) for index in range(len(names))]
            for row in result]
    widths = [max([len(name), *(len(row[i]) for row in rows)]) for i, name in enumerate(names)]

    def line(cells: list[str]) -> str:
        return COLUMN_GAP.join(cell.ljust(w) for cell, w in zip(cells, widths)).rstrip() + "\n"

    return "".join([line(names), line(["-" * w for w in widths]), *(line(row) for row in rows)])


def _csv(result: Result) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    names = [str(var) for var in result.vars or ()]
    writer.writerow(names)
    for row in result:
        writer.writerow([_plain(row[index]) for index in range(len(names))])
    return buffer.getvalue()


def _json(result: Result) -> str:
    if result.type == "ASK":
        document: dict[str, object] = {"head": {}, "boolean": bool(result.askAnswer)}
    else:
        names = [str(var) for var in result.vars or ()]
        bindings = [
            {name: _json_term(row[index]) for index, name in enumerate(names)
             if row[index] is not None}
            for row in result
        ]
        document = {"head": {"vars": names}, "results": {"bindings": bindings}}
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


def format_result(result: Result, fmt: str, *, width: int = MAX_CELL_WIDTH) -> str:
    """Format a query result as ``table`` (aligned text), ``csv`` or ``json``.

    SELECT and ASK give a table, CSV, or the SPARQL 1.1 JSON results format.
    CONSTRUCT and DESCRIBE give a graph: Turtle for ``table``, N-Triples for
    ``csv`` and JSON-LD for ``json``.  ``width`` caps table cells.

    >>> from rdflib import Graph
    >>> print(format_result(run_query(Graph(), "ASK { ?s ?p ?o }"), "json"), end="")
    {
      "head": {},
      "boolean": false
    }
    >>> format_result(run_query(Graph(), "ASK { ?s ?p ?o }"), "xml")
    Traceback (most recent call last):
    ...
    kg.query.QueryError: unknown result format 'xml'; valid formats: table, csv, json
    """
    if fmt not in FORMATS:
        raise QueryError(f"unknown result format {fmt!r}; valid formats: {', '.join(FORMATS)}")
    if result.type in ("CONSTRUCT", "DESCRIBE"):
        graph = Graph(bind_namespaces="core")
        for prefix, namespace in NAMESPACES.items():
            graph.bind(prefix, namespace, override=True, replace=True)
        for triple in result.graph or ():
            graph.add(triple)
        return serialize(graph, _GRAPH_OUTPUT[fmt]).decode("utf-8")
    if result.type == "ASK" and fmt != "json":
        return "true\n" if result.askAnswer else "false\n"
    if fmt == "json":
        return _json(result)
    if fmt == "csv":
        return _csv(result)
    return _table(result, width=width)
