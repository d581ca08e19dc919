"""Network analysis of a kg graph (networkx): counts, central actors, communities, ties.

:func:`stats` works on the view of :func:`kg.network.to_networkx` with every
actor (``isolates=True``).  Counts are taken over actors and interaction nodes;
centrality, communities and ties over the *undirected* actor network in which
two actors are tied when they interact at all (either way, any class or
modality), the tie weighing as many interactions as it has.

- **degree**: number of interactions an actor takes part in;
- **betweenness**: share of shortest paths between other actors through it
  (unweighted, normalised; sampled with a fixed seed above
  :data:`EXACT_BETWEENNESS_MAX_NODES` actors);
- **PageRank**: on the weighted undirected network;
- **communities**: Louvain modularity communities (weighted, fixed seed), the
  singletons left out.

>>> from rdflib import Graph
>>> g = Graph().parse(format="turtle", data='''
... @prefix kg: <https://w3id.org/kg-news/ontology#> .
... @prefix a: <https://w3id.org/kg-news/id/actor/> .
... @prefix i: <https://w3id.org/kg-news/id/interaction/> .
... @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
... a:nato a kg:Organization ; rdfs:label "NATO" .
... a:russia a kg:Country ; rdfs:label "Russia" .
... a:ukraine a kg:Country ; rdfs:label "Ukraine" .
... i:1 a kg:Warn ; kg:source a:nato ; kg:target a:russia ; kg:modality kg:Asserted .
... i:2 a kg:Support ; kg:source a:nato ; kg:target a:ukraine ; kg:modality kg:Planned .
... ''')
>>> result = stats(g, top=2)
>>> result["counts"]["actor_types"], result["counts"]["modalities"]
({'Organization': 1, 'Country': 2}, {'asserted': 1, 'planned': 1})
>>> [(row["actor"], row["value"]) for row in result["central"]["degree"]]
[('NATO', 2), ('Russia', 1)]
>>> print(format_stats(result).splitlines()[0])
3 actors, 2 interactions, 2 ties
"""
from __future__ import annotations

from collections import Counter
from itertools import zip_longest
from typing import Any

import networkx as nx
from rdflib import Graph

from kg.classes import CLASSES
from kg.network import rank_actors, to_networkx
from kg.records import ACTOR_TYPES

__all__ = ["stats", "format_stats", "undirected", "SEED", "DEFAULT_TOP",
           "EXACT_BETWEENNESS_MAX_NODES", "MEASURES"]

#: Seed of Louvain and of sampled betweenness: the same graph gives the same report.
SEED = 7
#: Rows in each ranking by default.
DEFAULT_TOP = 10
#: Above this many actors betweenness is estimated from this many sampled sources.
EXACT_BETWEENNESS_MAX_NODES = 1000
#: The centrality measures, in report order, with their column titles.
MEASURES: dict[str, str] = {"degree": "by degree", "betweenness": "by betweenness",
                            "pagerank": "by PageRank"}
_MODALITY_ORDER = ("asserted", "reported", "planned", "hypothetical", "negated")


def undirected(view: nx.MultiDiGraph) -> nx.Graph:
    """The weighted undirected actor network: one edge per pair of actors that interact,
    ``weight`` = number of interactions, ``classes`` = a Counter of their classes.
    Self-interactions are left out.

    >>> view = nx.MultiDiGraph()
    >>> view.add_edge("a", "b", type="Meet")
    0
    >>> view.add_edge("b", "a", type="Warn")
    0
    >>> simple = undirected(view)
    >>> simple["a"]["b"]["weight"], dict(simple["a"]["b"]["classes"])
    (2, {'Meet': 1, 'Warn': 1})
    """
    simple = nx.Graph()
    simple.add_nodes_from(view.nodes(data=True))
    for source, target, cls in view.edges(data="type"):
        if source == target:
            continue
        if not simple.has_edge(source, target):
            simple.add_edge(source, target, weight=0, classes=Counter())
        tie = simple[source][target]
        tie["weight"] += 1
        tie["classes"][cls] += 1
    return simple


def _ordered(counts: Counter[str], order: tuple[str, ...] | list[str]) -> dict[str, int]:
    """Counts in a fixed order, then the rest by decreasing count and name.

    >>> _ordered(Counter({"b": 1, "z": 2, "a": 3}), ("b", "a"))
    {'b': 1, 'a': 3, 'z': 2}
    """
    known = [name for name in order if counts[name]]
    rest = sorted(set(counts) - set(known), key=lambda name: (-counts[name], name))
    return {name: counts[name] for name in [*known, *rest]}


def _betweenness(simple: nx.Graph) -> dict[str, float]:
    if simple.number_of_nodes() > EXACT_BETWEENNESS_MAX_NODES:
        return nx.betweenness_centrality(simple, k=EXACT_BETWEENNESS_MAX_NODES, seed=SEED)
    return nx.betweenness_centrality(simple)


def _ranking(view: nx.MultiDiGraph, values: dict[str, float], top: int,
             digits: int | None) -> list[dict[str, Any]]:
    """The ``top`` actors by ``values`` (ties by degree order), leaving out zeros."""
    order = {node: rank for rank, node in enumerate(rank_actors(view))}
    best = sorted((node for node in values if values[node] > 0),
                  key=lambda node: (-values[node], order[node]))[:top]
    return [{"actor": view.nodes[node]["label"], "type": view.nodes[node]["type"],
             "value": round(values[node], digits) if digits is not None else values[node]}
            for node in best]


def stats(graph: Graph | nx.MultiDiGraph, *, top: int = DEFAULT_TOP) -> dict[str, Any]:
    """The analysis of ``graph`` (or of a view with every actor) as a JSON-ready dict:
    ``totals``, ``counts`` (``actor_types``, ``classes``, ``modalities``), ``central``
    (``degree``, ``betweenness``, ``pagerank``: the ``top`` actors each), ``communities``
    (``size`` and ``members``, largest first) and ``ties`` (the ``top`` strongest pairs).
    """
    view = to_networkx(graph, isolates=True) if isinstance(graph, Graph) else graph
    simple = undirected(view)
    edges = list(view.edges(data=True))
    degree = {node: float(view.degree(node)) for node in view}
    pagerank = nx.pagerank(simple, weight="weight") if simple.number_of_edges() else {}
    label = {node: view.nodes[node]["label"] for node in view}
    order = {node: rank for rank, node in enumerate(rank_actors(view))}
    communities = [sorted(members, key=order.__getitem__) for members in
                   nx.community.louvain_communities(simple, weight="weight", seed=SEED)
                   if len(members) > 1] if simple.number_of_edges() else []
    communities.sort(key=lambda members: (-len(members), order[members[0]]))
    ties = sorted(simple.edges(data=True),
                  key=lambda edge: (-edge[2]["weight"], *sorted((order[edge[0]], order[edge[1]]))))
    return {
        "totals": {"actors": view.number_of_nodes(), "interactions": len(edges),
                   "ties": simple.number_of_edges(),
                   "isolated": sum(1 for node in view if view.degree(node) == 0)},
        "counts": {
            "actor_types": _ordered(Counter(t for _, t in view.nodes(data="type")), ACTOR_TYPES),
            "classes": _ordered(Counter(d["type"] for _, _, d in edges), []),
            "modalities": _ordered(Counter(d["modality"] for _, _, d in edges), _MODALITY_ORDER),
        },
        "central": {
            "degree": [{**row, "value": int(row["value"])}
                       for row in _ranking(view, degree, top, None)],
            "betweenness": _ranking(view, _betweenness(simple), top, 4),
            "pagerank": _ranking(view, pagerank, top, 4),
        },
        "communities": [{"size": len(members), "members": [label[node] for node in members]}
                        for members in communities],
        "ties": [{"actors": [label[a], label[b]] if order[a] < order[b] else [label[b], label[a]],
                  "interactions": data["weight"],
                  "classes": _ordered(data["classes"], list(CLASSES))}
                 for a, b, data in ties[:top]],
    }


def _table(header: list[str], rows: list[list[str]], *, right: set[int] = frozenset()) -> list[str]:
    """Rows as aligned text columns under a header and a rule.

    >>> print("\\n".join(_table(["type", "n"], [["Person", "3"]], right={1})))
    type    n
    ------  -
    Person  3
    """
    widths = [max(len(cell) for cell in column) for column in zip(header, *rows)]

    def line(cells: list[str]) -> str:
        return "  ".join(cell.rjust(width) if index in right else cell.ljust(width)
                         for index, (cell, width) in enumerate(zip(cells, widths))).rstrip()

    return [line(header), line(["-" * width for width in widths]), *map(line, rows)]


def _number(value: float | int) -> str:
    return str(value) if isinstance(value, int) else f"{value:.3f}"


def format_stats(result: dict[str, Any]) -> str:
    """The report of :func:`stats` as readable text tables."""
    totals = result["totals"]
    out = [f"{totals['actors']} actors, {totals['interactions']} interactions, "
           f"{totals['ties']} ties"
           + (f" ({totals['isolated']} actors take part in none)" if totals["isolated"] else "")]
    counts = result["counts"]
    for title, key in (("actor type", "actor_types"), ("interaction class", "classes"),
                       ("modality", "modalities")):
        out += ["", *_table([title, "count"], [[name, str(n)] for name, n in counts[key].items()],
                            right={1})]
    columns = [[f"{row['actor']} ({_number(row['value'])})" for row in result["central"][key]]
               for key in MEASURES]
    rows = [[str(rank), *(cell or "" for cell in cells)]
            for rank, cells in enumerate(zip_longest(*columns), start=1)]
    out += ["", "most central actors"]
    out += _table(["#", *MEASURES.values()], rows, right={0})
    out += ["", f"communities (Louvain, seed {SEED})"]
    out += _table(["#", "size", "members"],
                  [[str(n), str(c["size"]), ", ".join(c["members"])]
                   for n, c in enumerate(result["communities"], start=1)], right={0, 1})
    out += ["", "strongest ties"]
    out += _table(["actors", "interactions", "classes"],
                  [[" \u2013 ".join(t["actors"]), str(t["interactions"]),
                    ", ".join(f"{name} {n}" for name, n in t["classes"].items())]
                   for t in result["ties"]], right={1})
    return "\n".join(out) + "\n"
