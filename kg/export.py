"""Exporting a graph: RDF serializations, network files for Gephi and the two CSV tables.

The tables are computed from the graph alone (no records), so they work on a
graph parsed back from a ``.ttl`` file.  Their first columns are a contract:

>>> INTERACTION_COLUMNS[:4]
('subject', 'relation', 'object', 'type')
>>> ACTOR_COLUMNS[:6]
('actor', 'type', 'role', 'affiliation', 'aliases', 'mentions')
>>> serialize(Graph(), "xml")
Traceback (most recent call last):
...
kg.export.ExportError: unknown RDF format 'xml'; valid RDF formats: ttl, nt, jsonld, trig, nq
"""
from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any, NamedTuple

from rdflib import RDF, RDFS, Dataset, Graph, Literal, URIRef
from rdflib.namespace import PROV, SKOS
from rdflib.term import Node

from kg.classes import CLASSES
from kg.graph import NAMESPACES
from kg.records import ACTOR_TYPES
from kg.vocab import KG, KG_URI, NIF

__all__ = [
    "FORMATS",
    "RDF_FORMATS",
    "QUAD_FORMATS",
    "NETWORK_FORMATS",
    "TABLES",
    "INTERACTION_COLUMNS",
    "ACTOR_COLUMNS",
    "MULTI_VALUE_SEPARATOR",
    "ExportError",
    "serialize",
    "interactions_table",
    "actors_table",
    "table",
    "to_csv",
    "flat_network",
    "export",
]

#: Separator of multiple values in one CSV cell.
MULTI_VALUE_SEPARATOR = "; "

#: Columns of the interactions table, in order.
INTERACTION_COLUMNS: tuple[str, ...] = (
    "subject", "relation", "object", "type", "modality", "date", "place", "source",
    "document", "sentence", "plover",
)
#: Columns of the actors table, in order (``cameo``: the CAMEO-style actor code, see kg.cameo).
ACTOR_COLUMNS: tuple[str, ...] = (
    "actor", "type", "role", "affiliation", "aliases", "mentions", "cameo",
)


class _RdfFormat(NamedTuple):
    rdflib_name: str  # the rdflib serializer plugin
    sort_lines: bool  # line-based output sorted for stable diffs


#: RDF export formats: our name -> rdflib plugin.
RDF_FORMATS: dict[str, _RdfFormat] = {
    "ttl": _RdfFormat("turtle", False),
    "nt": _RdfFormat("nt", True),
    "jsonld": _RdfFormat("json-ld", False),
    "trig": _RdfFormat("trig", False),
    "nq": _RdfFormat("nquads", True),
}
#: RDF formats that keep named graphs: a dataset is written with one graph per document.
QUAD_FORMATS: frozenset[str] = frozenset({"trig", "nq"})


class ExportError(ValueError):
    """An unknown export format or table."""


def _choose(kind: str, name: str, valid: Iterable[str]) -> None:
    options = tuple(valid)
    if name not in options:
        raise ExportError(f"unknown {kind} {name!r}; valid {kind}s: {', '.join(options)}")


def _as_dataset(graph: Graph) -> Dataset:
    """A dataset as it is; a plain graph as the default graph of a new dataset."""
    if isinstance(graph, Dataset):
        return graph
    dataset = Dataset()
    for prefix, namespace in NAMESPACES.items():
        dataset.bind(prefix, namespace, override=True, replace=True)
    for triple in graph:
        dataset.add(triple)
    return dataset


def _as_graph(graph: Graph) -> Graph:
    """A plain graph as it is; a dataset as the union of its graphs."""
    if not isinstance(graph, Dataset):
        return graph
    union = Graph(bind_namespaces="core")
    for prefix, namespace in NAMESPACES.items():
        union.bind(prefix, namespace, override=True, replace=True)
    for s, p, o, _ in graph.quads((None, None, None, None)):
        union.add((s, p, o))
    return union


def serialize(graph: Graph, fmt: str) -> bytes:
    """Serialize a graph or dataset in an RDF format of :data:`RDF_FORMATS` (UTF-8 bytes).

    TriG and N-Quads (:data:`QUAD_FORMATS`) keep the named graphs of a
    :class:`~rdflib.Dataset` (a plain graph becomes the default graph); the
    other formats write the union of all graphs.  JSON-LD is compacted with
    kg's prefixes as its ``@context``; N-Triples and N-Quads lines are sorted
    so the same graph always gives the same bytes.
    """
    _choose("RDF format", fmt, RDF_FORMATS)
    spec = RDF_FORMATS[fmt]
    graph = _as_dataset(graph) if fmt in QUAD_FORMATS else _as_graph(graph)
    options: dict[str, object] = {}
    if spec.rdflib_name == "json-ld":
        options = {"context": dict(NAMESPACES), "auto_compact": True, "indent": 2}
    data = graph.serialize(format=spec.rdflib_name, encoding="utf-8", **options)
    if spec.sort_lines:
        # split on "\n" alone: str.splitlines() also breaks at U+2028, U+0085 and other
        # characters that a literal may hold, and sorting would then scramble the statement
        lines = sorted(line for line in data.decode("utf-8").split("\n") if line.strip())
        data = "".join(line + "\n" for line in lines).encode("utf-8")
    return data


# ---------------------------------------------------------------- graph walks

def _labels(graph: Graph, node: Node) -> list[str]:
    """A resource's rdfs:labels, sorted; its IRI when it has none."""
    labels = sorted(str(label) for label in graph.objects(node, RDFS.label))
    return labels or [str(node)]


def _label(graph: Graph, node: Node) -> str:
    return MULTI_VALUE_SEPARATOR.join(_labels(graph, node))


def _values(graph: Graph, node: Node, prop: URIRef) -> str:
    """All values of a property joined with ``; `` (sorted, for stable output)."""
    return MULTI_VALUE_SEPARATOR.join(sorted(str(value) for value in graph.objects(node, prop)))


def _local(node: Node, namespace: str = KG_URI) -> str:
    text = str(node)
    return text[len(namespace):] if text.startswith(namespace) else text


def _first_int(graph: Graph, node: Node, prop: URIRef) -> int:
    """The smallest integer value of a property, or -1 (sorts first) when it has none."""
    numbers = []
    for value in graph.objects(node, prop):
        if isinstance(value, Literal):
            try:
                numbers.append(int(value.toPython()))
            except (TypeError, ValueError):
                continue
    return min(numbers, default=-1)


def _interaction_nodes(graph: Graph) -> dict[Node, list[str]]:
    """Interaction nodes with the local names of their interaction classes."""
    nodes: dict[Node, list[str]] = {}
    for name in CLASSES:
        for node in graph.subjects(RDF.type, KG[name]):
            nodes.setdefault(node, []).append(name)
    return nodes


def interactions_table(graph: Graph) -> list[dict[str, str]]:
    """One row per interaction node, columns :data:`INTERACTION_COLUMNS`.

    Rows are sorted by document, evidence offset, subject and object.
    """
    keyed: list[tuple[tuple[object, ...], dict[str, str]]] = []
    for node, classes in _interaction_nodes(graph).items():
        subjects = sorted(graph.objects(node, KG.source))
        objects = sorted(graph.objects(node, KG.target))
        attributed = sorted(graph.objects(node, KG.attributedTo))
        evidence = sorted(graph.objects(node, KG.evidence))
        documents = sorted(set(graph.objects(node, PROV.wasDerivedFrom)))
        dates = _values(graph, node, KG.date) or _values(graph, node, KG.dateText)
        source = (MULTI_VALUE_SEPARATOR.join(_label(graph, actor) for actor in attributed)
                  or _values(graph, node, KG.attributionText))
        row = {
            "subject": MULTI_VALUE_SEPARATOR.join(_label(graph, s) for s in subjects),
            "relation": _values(graph, node, KG.relationText),
            "object": MULTI_VALUE_SEPARATOR.join(_label(graph, o) for o in objects),
            "type": MULTI_VALUE_SEPARATOR.join(sorted(classes)),
            "modality": MULTI_VALUE_SEPARATOR.join(
                sorted(_local(m).lower() for m in graph.objects(node, KG.modality))
            ),
            "date": dates,
            "place": _values(graph, node, KG.place),
            "source": source,
            "document": MULTI_VALUE_SEPARATOR.join(
                _values(graph, doc, KG.sourcePath) or str(doc) for doc in documents
            ),
            "sentence": MULTI_VALUE_SEPARATOR.join(
                _values(graph, e, KG.sentenceText) for e in evidence
            ),
            "plover": _values(graph, node, KG.ploverCategory),
        }
        begin = min((_first_int(graph, e, NIF.beginIndex) for e in evidence), default=-1)
        key = (row["document"], begin, row["subject"], row["object"], row["type"],
               row["relation"], str(node))
        keyed.append((key, row))
    return [row for _, row in sorted(keyed, key=lambda item: item[0])]


def actors_table(graph: Graph) -> list[dict[str, str]]:
    """One row per actor, columns :data:`ACTOR_COLUMNS`, sorted by label.

    ``role`` lists the titles of the actor's roles and ``affiliation`` their
    affiliations in the same order (an empty entry where a role has none).
    """
    types: dict[Node, list[str]] = {}
    for name in ACTOR_TYPES:
        for node in graph.subjects(RDF.type, KG[name]):
            types.setdefault(node, []).append(name)
    keyed: list[tuple[tuple[str, str], dict[str, str]]] = []
    for node, names in types.items():
        roles: list[tuple[str, str]] = []
        for role in graph.objects(node, KG.hasRole):
            titles = _values(graph, role, KG.title) or _label(graph, role)
            affiliations = MULTI_VALUE_SEPARATOR.join(
                _label(graph, a) for a in sorted(graph.objects(role, KG.affiliation))
            )
            roles.append((titles, affiliations))
        roles.sort()
        mentions = [int(value.toPython()) for value in graph.objects(node, KG.mentionCount)
                    if isinstance(value, Literal) and isinstance(value.toPython(), int)]
        affiliation_column = (MULTI_VALUE_SEPARATOR.join(a for _, a in roles)
                              if any(a for _, a in roles) else "")
        row = {
            "actor": _label(graph, node),
            "type": MULTI_VALUE_SEPARATOR.join(sorted(names)),
            "role": MULTI_VALUE_SEPARATOR.join(title for title, _ in roles),
            "affiliation": affiliation_column,
            "aliases": _values(graph, node, SKOS.altLabel),
            "mentions": str(sum(mentions)) if mentions else "",
            "cameo": _values(graph, node, KG.cameoCode),
        }
        keyed.append(((row["actor"].casefold(), str(node)), row))
    return [row for _, row in sorted(keyed, key=lambda item: item[0])]


class _Table(NamedTuple):
    columns: tuple[str, ...]
    rows: Callable[[Graph], list[dict[str, str]]]


#: CSV tables: name -> columns and row function.
TABLES: dict[str, _Table] = {
    "interactions": _Table(INTERACTION_COLUMNS, interactions_table),
    "actors": _Table(ACTOR_COLUMNS, actors_table),
}

#: Network formats for Gephi and other graph tools: the actor network of kg.network,
#: with list and dict attributes flattened to strings and numbers.
NETWORK_FORMATS: tuple[str, ...] = ("graphml", "gexf")

#: Every export format: the RDF formats, the network formats, then the CSV tables.
FORMATS: tuple[str, ...] = (*RDF_FORMATS, *NETWORK_FORMATS, "csv")


def _flat(value: object) -> str | int | float | bool | None:
    """An attribute value GraphML and GEXF can hold: lists joined by ``; ``, ``None`` dropped.

    >>> _flat(["President (Ukraine)", "Commander-in-chief"]), _flat(None), _flat(3)
    ('President (Ukraine); Commander-in-chief', None, 3)
    """
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    if isinstance(value, (list, tuple, set, frozenset)):
        return MULTI_VALUE_SEPARATOR.join(str(item) for item in value)
    return str(value)


def _flat_evidence(evidence: list[dict[str, object]]) -> dict[str, object]:
    """The evidence list of a network edge as flat attributes (first offsets kept)."""
    if not evidence:
        return {}
    first = evidence[0]
    flat: dict[str, object] = {
        "sentence": MULTI_VALUE_SEPARATOR.join(str(e["sentence"]) for e in evidence),
        "document": MULTI_VALUE_SEPARATOR.join(
            dict.fromkeys(str(e["document"]) for e in evidence if e["document"])),
    }
    for name in ("begin", "end"):  # GEXF reads "start"/"end" as time: name them apart
        if first.get(name) is not None:
            flat[f"{name}_index"] = first[name]
    return flat


def flat_network(graph: Graph) -> Any:
    """The actor network of ``graph`` (:func:`kg.network.to_networkx`) with flat
    attributes: the shape GraphML and GEXF need, and that Gephi shows as columns
    (a ``networkx.MultiDiGraph``)."""
    from kg.network import to_networkx

    union = _as_graph(graph)
    view = to_networkx(union)
    for node, data in view.nodes(data=True):
        codes = sorted(str(code) for code in union.objects(URIRef(node), KG.cameoCode))
        data["cameo"] = codes
        for name, value in list(data.items()):
            flat = _flat(value)
            if flat is None or flat == "":
                del data[name]
            else:
                data[name] = flat
    for _, _, data in view.edges(data=True):
        evidence = data.pop("evidence", [])
        data["class"] = data.pop("type")  # GEXF reads an edge "type" as directed/undirected
        for name, value in list(data.items()):
            flat = _flat(value)
            if flat is None:
                del data[name]
            else:
                data[name] = flat
        data.update(_flat_evidence(evidence))
    return view


def _network(graph: Graph, fmt: str) -> bytes:
    import networkx as nx

    view = flat_network(graph)
    buffer = io.BytesIO()
    if fmt == "graphml":
        nx.write_graphml(view, buffer, encoding="utf-8")
    else:
        for key in view.edges:  # Gephi shows the interaction's relation as the edge label
            view.edges[key].setdefault("label", view.edges[key].get("relation", ""))
        nx.write_gexf(view, buffer, encoding="utf-8")
    return buffer.getvalue()


def table(graph: Graph, name: str) -> tuple[tuple[str, ...], list[dict[str, str]]]:
    """The columns and rows of a table of :data:`TABLES`.

    >>> table(Graph(), "people")
    Traceback (most recent call last):
    ...
    kg.export.ExportError: unknown table 'people'; valid tables: interactions, actors
    """
    _choose("table", name, TABLES)
    spec = TABLES[name]
    return spec.columns, spec.rows(graph)


def to_csv(rows: Iterable[Mapping[str, str]], columns: Sequence[str]) -> str:
    """CSV text with a header; missing values are empty, extra keys ignored.

    >>> print(to_csv([{"actor": "Olaf Scholz", "type": "Person"}], ["actor", "type", "role"]), end="")
    actor,type,role
    Olaf Scholz,Person,
    """
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(columns), restval="",
                            extrasaction="ignore", lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return buffer.getvalue()


def export(graph: Graph, fmt: str, *, table_name: str = "interactions") -> bytes:
    """Any format of :data:`FORMATS` as bytes; ``table_name`` picks the CSV table.

    >>> export(Graph(), "csv", table_name="actors")
    b'actor,type,role,affiliation,aliases,mentions,cameo\\n'
    >>> export(Graph(), "yaml")
    Traceback (most recent call last):
    ...
    kg.export.ExportError: unknown format 'yaml'; valid formats: ttl, nt, jsonld, trig, nq, graphml, gexf, csv
    """
    _choose("format", fmt, FORMATS)
    if fmt == "csv":
        columns, rows = table(_as_graph(graph), table_name)
        return to_csv(rows, columns).encode("utf-8")
    if fmt in NETWORK_FORMATS:
        return _network(graph, fmt)
    return serialize(graph, fmt)
