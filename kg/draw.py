"""Draw the actor network as one self-contained, offline HTML page.

:func:`draw` takes the networkx view of :func:`kg.network.to_networkx`, lays
the nodes and edges out with pyvis (directed, so parallel edges survive) and
writes a single HTML file: the vis-network library that pyvis ships is inlined,
nothing is fetched from the network, no ``lib/`` folder is written and no
browser is opened.  Article text enters the page only as escaped JSON, and the
page's script puts it into the DOM with ``textContent``.

>>> import tempfile, pathlib
>>> from rdflib import Graph
>>> page = pathlib.Path(tempfile.mkdtemp()) / "empty.html"
>>> draw(Graph(), page, title="Nothing yet")
>>> text = page.read_text(encoding="utf-8")
>>> "<title>Nothing yet</title>" in text, "https://" in text.split('<script id="kg-vis">')[0]
(True, False)
"""
from __future__ import annotations

import html
import json
import math
import re
from collections import Counter, defaultdict
from importlib import resources
from pathlib import Path
from typing import Any, NamedTuple

import networkx as nx
from rdflib import Graph

from kg.classes import CLASSES
from kg.io import atomic_write
from kg.network import DEFAULT_ACTOR_TYPE, RESOURCE_TYPE, to_networkx
from kg.vocab import ID

__all__ = [
    "draw",
    "draw_view",
    "render",
    "render_view",
    "edge_label",
    "edge_day",
    "page_data",
    "escape_json",
    "DrawError",
    "TypeStyle",
    "TYPE_STYLES",
    "CLASS_COLOURS",
    "MODALITY_DASHES",
    "MODALITY_MARKS",
    "MODALITY_ORDER",
    "DEFAULT_SEED",
]


class DrawError(RuntimeError):
    """The page could not be assembled (e.g. pyvis's vis-network files are missing)."""


class TypeStyle(NamedTuple):
    color: str
    border: str
    shape: str  # a vis-network shape that draws its label below the node
    glyph: str  # the legend's symbol for the shape


#: Node colour and shape by actor type.
TYPE_STYLES: dict[str, TypeStyle] = {
    "Person": TypeStyle("#4e79a7", "#2f4b6e", "dot", "\u25cf"),
    "Organization": TypeStyle("#f28e2b", "#a65d12", "square", "\u25a0"),
    "Country": TypeStyle("#59a14f", "#356330", "diamond", "\u25c6"),
    "Group": TypeStyle("#b07aa1", "#74496a", "triangle", "\u25b2"),
    DEFAULT_ACTOR_TYPE: TypeStyle("#9c9c9c", "#666666", "hexagon", "\u2b22"),
    RESOURCE_TYPE: TypeStyle("#c9b8a6", "#8a7662", "triangleDown", "\u25bc"),
}

#: Edge colour by interaction class: blues for consultation, greens for cooperation,
#: purples for requests, oranges and reds for verbal and material conflict.
CLASS_COLOURS: dict[str, str] = {
    "Interaction": "#8c8c8c",
    "Consult": "#1f77b4", "Communicate": "#4a90c8", "Meet": "#1c4f8c", "Visit": "#17a2b8",
    "Appeal": "#8e6bbf", "Request": "#6a51a3", "Demand": "#c2569b",
    "Praise": "#2bb3a0", "Agree": "#2ca02c", "Support": "#5aa832", "Cooperate": "#1a7f46",
    "Aid": "#7aa61c",
    "Reject": "#e6550d", "Disapprove": "#f08a24", "Accuse": "#d9661a", "Protest": "#c9a100",
    "Threaten": "#d62728", "Warn": "#e05a5b", "Sanction": "#a50f15", "Mobilize": "#8c564b",
    "Coerce": "#7f2704", "Assault": "#b2182b", "Fight": "#67000d",
    "Investigate": "#8a8a1f", "Concede": "#5f9ea0", "Retreat": "#7f7f7f",
}

#: Dash patterns (vis-network ``dashes`` arrays) for the modalities that are not facts.
MODALITY_DASHES: dict[str, list[int]] = {
    "planned": [10, 6],
    "hypothetical": [3, 5],
    "negated": [12, 4, 2, 4],
}

#: What an edge label adds for the modalities that are not facts ("speak with (planned)").
MODALITY_MARKS: dict[str, str] = {name: f" ({name})" for name in MODALITY_DASHES}

#: Seed of the layout's random start: the same seed, the same layout.
DEFAULT_SEED = 1

#: Order of the modality filter: facts first.
MODALITY_ORDER: tuple[str, ...] = ("asserted", "reported", "planned", "hypothetical", "negated")

_NODE_SIZE_MIN = 10.0
_NODE_SIZE_STEP = 5.0
_NODE_SIZE_MAX = 45.0
_CURVE_STEP = 0.18
#: Colour of edge labels; labels of what did not happen (yet) stand out in brown.
_EDGE_FONT = "#333333"
_NOT_FACT_FONT = "#9a4a00"
#: Above this many nodes vis-network's "improved layout" gives up and only costs time.
_IMPROVED_LAYOUT_MAX_NODES = 100
#: Above this many edges relation labels start off (the label toggle turns them on).
_LABELS_MAX_EDGES = 200
#: Above this many nodes node names start off (the name toggle turns them on).
_NODE_LABELS_MAX_NODES = 500
#: Physics iterations before the layout freezes, by graph size (largest first): a bounded
#: number, so that thousands of actors still settle in seconds.  A count, not a time
#: budget, so that the layout stays the same from one machine to the next.
_STABILIZATION_ITERATIONS: tuple[tuple[int, int], ...] = ((1000, 60), (300, 120), (0, 600))
#: Above this many nodes each physics step is made cheaper: a coarser Barnes-Hut
#: approximation, a fixed time step and no overlap checks.
_FAST_PHYSICS_MIN_NODES = 300
#: Above this many edges, edges are not drawn while the view is dragged or zoomed.
_HIDE_EDGES_WHILE_MOVING = 2000
_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}(?:$|T)")
_VIS_VERSION = re.compile(r"vis-(\d+(?:\.\d+)*)$")
_PLACEHOLDER = re.compile(r"@@([A-Z_]+)@@")
_TEMPLATE_FILES = {"page": "page.html", "css": "page.css", "js": "page.js"}


def escape_json(value: Any) -> str:
    """JSON that is safe inside a ``<script>`` element: ``<``, ``>`` and ``&`` are escaped.

    >>> escape_json({"name": "</script><b>&"})
    '{"name": "\\\\u003c/script\\\\u003e\\\\u003cb\\\\u003e\\\\u0026"}'
    >>> json.loads(escape_json(["</script>"]))
    ['</script>']
    """
    text = json.dumps(value, ensure_ascii=False, sort_keys=True)
    return (text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
            .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))


def _inline_safe(code: str, element: str) -> str:
    """Neutralise sequences that would end or confuse a raw-text ``element``.

    >>> _inline_safe('s = "</SCRIPT>"', "script")
    's = "<\\\\/SCRIPT>"'
    """
    code = re.sub(f"</(?={element})", r"<\\/", code, flags=re.IGNORECASE)
    return code.replace("<!--", "<\\!--")


def _page_id(iri: str) -> str:
    """The id of a node or edge in the page: kg instance IRIs as compact ``kgid:`` names.

    The page then holds no ``https://`` strings of its own.

    >>> _page_id("https://w3id.org/kg-news/id/actor/joe-biden")
    'kgid:actor/joe-biden'
    >>> _page_id("urn:x-local:a")
    'urn:x-local:a'
    """
    return "kgid:" + iri[len(str(ID)):] if iri.startswith(str(ID)) else iri


def _node_size(degree: int) -> float:
    """Node size grows with the square root of the degree, within bounds.

    >>> _node_size(0), _node_size(4), _node_size(1000)
    (10.0, 20.0, 45.0)
    """
    return min(_NODE_SIZE_MAX, _NODE_SIZE_MIN + _NODE_SIZE_STEP * math.sqrt(degree))


def _curves(pairs: list[tuple[str, str]]) -> list[dict[str, Any] | bool]:
    """vis ``smooth`` settings that fan out parallel edges between the same two nodes.

    >>> _curves([("a", "b")])
    [False]
    >>> _curves([("a", "b"), ("a", "b"), ("b", "a")])  # doctest: +NORMALIZE_WHITESPACE
    [{'type': 'curvedCW', 'roundness': 0.18}, {'type': 'curvedCCW', 'roundness': 0.18},
     {'type': 'curvedCCW', 'roundness': 0.36}]
    """
    groups: dict[tuple[str, str], list[int]] = defaultdict(list)
    for index, (source, target) in enumerate(pairs):
        groups[(min(source, target), max(source, target))].append(index)
    smooth: list[dict[str, Any] | bool] = [False] * len(pairs)
    for (low, high), members in groups.items():
        if len(members) == 1 or low == high:
            continue
        for rank, index in enumerate(members):
            clockwise = rank % 2 == 0
            if pairs[index][0] != low:  # reversed edges curve the other way round
                clockwise = not clockwise
            smooth[index] = {"type": "curvedCW" if clockwise else "curvedCCW",
                             "roundness": round(_CURVE_STEP * (rank // 2 + 1), 2)}
    return smooth


def edge_label(relation: str, modality: str) -> str:
    """The label of an edge: the relation, and the modality when it is not a fact.

    >>> edge_label("speak with", "planned"), edge_label("spoke with", "reported")
    ('speak with (planned)', 'spoke with')
    """
    return relation + MODALITY_MARKS.get(modality, "")


def edge_day(attrs: dict[str, Any]) -> str | None:
    """The ISO day an interaction is filtered by: its own date, else the earliest
    publication date of its evidence, else ``None`` (undated).

    >>> edge_day({"date": "2022-01-21", "evidence": [{"published": "2022-01-20"}]})
    '2022-01-21'
    >>> edge_day({"date": None, "evidence": [{"published": "2022-01-20"}, {"published": None}]})
    '2022-01-20'
    >>> edge_day({"date": "Friday", "evidence": []}) is None
    True
    """
    days = [attrs.get("date"), *sorted(filter(None, (ev.get("published")
                                                      for ev in attrs.get("evidence", ()))))]
    for day in days:
        if isinstance(day, str) and _ISO_DAY.match(day):
            return day[:10]
    return None


def _iterations(nodes: int) -> int:
    """Physics iterations for a graph of ``nodes`` nodes.

    >>> _iterations(15), _iterations(500), _iterations(2000)
    (600, 120, 60)
    """
    return next(count for floor, count in _STABILIZATION_ITERATIONS if nodes > floor
                or floor == 0)


def _options(seed: int, nodes: int, edges: int = 0) -> dict[str, Any]:
    moving = edges > _HIDE_EDGES_WHILE_MOVING
    fast = nodes > _FAST_PHYSICS_MIN_NODES
    return {
        "layout": {"randomSeed": seed, "improvedLayout": nodes <= _IMPROVED_LAYOUT_MAX_NODES},
        "physics": {
            "enabled": True,
            "solver": "barnesHut",
            "barnesHut": {"gravitationalConstant": -9000, "centralGravity": 0.25,
                          "springLength": 170, "springConstant": 0.03, "damping": 0.4,
                          "avoidOverlap": 0 if fast else 0.3, "theta": 1.0 if fast else 0.5},
            "adaptiveTimestep": not fast,
            "stabilization": {"enabled": True, "iterations": _iterations(nodes),
                              "updateInterval": 25, "fit": True},
        },
        "interaction": {"hover": True, "tooltipDelay": 150, "hideEdgesOnDrag": moving,
                        "hideEdgesOnZoom": moving},
        "nodes": {"borderWidth": 1.5, "font": {"size": 14, "color": "#222222",
                                               "strokeWidth": 3, "strokeColor": "#ffffff"}},
        "edges": {"width": 1.6, "selectionWidth": 1.5, "hoverWidth": 1.0,
                  "font": {"size": 12, "align": "middle", "color": _EDGE_FONT,
                           "strokeWidth": 3, "strokeColor": "#ffffff"},
                  "arrows": {"to": {"enabled": True, "scaleFactor": 0.6}}},
    }


def _network(view: nx.MultiDiGraph, *, labels: bool
             ) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Node and edge records of a pyvis ``Network(directed=True)`` built from ``view``."""
    from pyvis.edge import Edge  # imported lazily: pyvis pulls in IPython
    from pyvis.network import Network

    net = Network(directed=True, cdn_resources="in_line")
    for iri, attrs in view.nodes(data=True):
        style = TYPE_STYLES.get(attrs["type"], TYPE_STYLES[DEFAULT_ACTOR_TYPE])
        degree = view.degree(iri)
        net.add_node(
            _page_id(iri), label=attrs["label"], shape=style.shape, size=_node_size(degree),
            color={"background": style.color, "border": style.border,
                   "highlight": {"background": style.color, "border": "#000000"},
                   "hover": {"background": style.color, "border": "#000000"}},
            kg={"label": attrs["label"], "type": attrs["type"], "roles": attrs["roles"],
                "aliases": attrs["aliases"], "mentions": attrs["mentions"], "degree": degree},
        )
    edges = list(view.edges(keys=True, data=True))
    curves = _curves([(source, target) for source, target, _, _ in edges])
    for (source, target, key, attrs), smooth in zip(edges, curves):
        colour = CLASS_COLOURS.get(attrs["type"], CLASS_COLOURS["Interaction"])
        label = edge_label(attrs["relation"], attrs["modality"])
        options: dict[str, Any] = {
            "id": _page_id(key), "label": label if labels else "",
            "color": {"color": colour, "highlight": colour, "hover": colour, "opacity": 0.9},
            "dashes": MODALITY_DASHES.get(attrs["modality"], False),
            "font": {"color": _NOT_FACT_FONT if attrs["modality"] in MODALITY_DASHES
                     else _EDGE_FONT},
            "smooth": smooth if smooth else {"enabled": False},
            "kg": {"label": label, "day": edge_day(attrs), **{name: attrs[name] for name in (
                "relation", "type", "plover", "modality", "date", "date_text", "place",
                "attribution", "symmetric", "evidence")}},
        }
        if attrs["symmetric"]:
            options["arrows"] = {"to": {"enabled": False}}
        # pyvis's add_edge scans every node per edge; its Edge record is the same, in O(1)
        edge = Edge(_page_id(source), _page_id(target), directed=net.directed, **options)
        net.edges.append(edge.options)
    return net.nodes, net.edges


def page_data(view: nx.MultiDiGraph, *, title: str, seed: int) -> dict[str, Any]:
    """Everything the page script needs: vis nodes and edges, options, the legend and
    the range of dates."""
    labels = view.number_of_edges() <= _LABELS_MAX_EDGES
    nodes, edges = _network(view, labels=labels)
    days = sorted(day for day in (edge["kg"]["day"] for edge in edges) if day)
    types = Counter(attrs["type"] for _, attrs in view.nodes(data=True))
    modalities = Counter(attrs["modality"] for _, _, attrs in view.edges(data=True))
    classes = Counter(attrs["type"] for _, _, attrs in view.edges(data=True))
    order = [*MODALITY_ORDER, *sorted(set(modalities) - set(MODALITY_ORDER))]
    class_order = [*CLASSES, *sorted(set(classes) - set(CLASSES))]
    return {
        "title": title,
        "nodes": nodes,
        "edges": edges,
        "options": _options(seed, len(nodes), len(edges)),
        "labels": labels,
        "nodeLabels": len(nodes) <= _NODE_LABELS_MAX_NODES,
        "dates": {"first": days[0] if days else None, "last": days[-1] if days else None,
                  "dated": len(days), "undated": len(edges) - len(days)},
        "legend": {
            "types": [{"name": name, "count": types[name], "color": style.color,
                       "glyph": style.glyph}
                      for name, style in TYPE_STYLES.items() if types[name]],
            "modalities": [{"name": name, "count": modalities[name], "color": "#555555",
                            "dashes": MODALITY_DASHES.get(name, [])}
                           for name in order if modalities[name]],
            "classes": [{"name": name, "count": classes[name], "dashes": [],
                         "color": CLASS_COLOURS.get(name, CLASS_COLOURS["Interaction"])}
                        for name in class_order if classes[name]],
        },
    }


def _vis_files() -> tuple[str, str]:
    """The vis-network script and stylesheet that pyvis ships (the newest version)."""
    lib = resources.files("pyvis") / "templates" / "lib"
    versions = []
    if lib.is_dir():
        for entry in lib.iterdir():
            match = _VIS_VERSION.match(entry.name)
            if match and (entry / "vis-network.min.js").is_file():
                versions.append((tuple(int(part) for part in match[1].split(".")), entry))
    if not versions:
        raise DrawError(f"vis-network not found in the pyvis package ({lib})")
    folder = max(versions, key=lambda item: item[0])[1]
    return ((folder / "vis-network.min.js").read_text(encoding="utf-8"),
            (folder / "vis-network.css").read_text(encoding="utf-8"))


def _template(name: str) -> str:
    return (resources.files("kg") / "templates" / _TEMPLATE_FILES[name]).read_text(
        encoding="utf-8")


def render(graph: Graph, *, title: str = "kg", seed: int = DEFAULT_SEED) -> str:
    """The HTML page for ``graph`` as a string (see :func:`draw`)."""
    return render_view(to_networkx(graph), title=title, seed=seed)


def render_view(view: nx.MultiDiGraph, *, title: str = "kg", seed: int = DEFAULT_SEED) -> str:
    """The HTML page for a view of :mod:`kg.network` (e.g. a part of it) as a string."""
    vis_js, vis_css = _vis_files()
    parts = {
        "TITLE": html.escape(title),
        "DATA": escape_json(page_data(view, title=title, seed=seed)),
        "VIS_JS": _inline_safe(vis_js, "script"),
        "VIS_CSS": _inline_safe(vis_css, "style"),
        "PAGE_JS": _inline_safe(_template("js"), "script"),
        "PAGE_CSS": _inline_safe(_template("css"), "style"),
    }
    # one pass: text substituted into the page is never scanned for placeholders again
    return _PLACEHOLDER.sub(lambda match: parts[match[1]], _template("page"))


def draw(graph: Graph, path: str | Path, *, title: str = "kg", seed: int = DEFAULT_SEED) -> None:
    """Write the interactive actor network of ``graph`` to ``path`` as one HTML file.

    Nodes are actors (colour and shape by type, size by degree); edges are
    interactions (colour by class, dashed unless asserted or reported, no
    arrow when symmetric) with their evidence in the tooltip.  The layout is
    fixed by ``seed``.  The file is written atomically; nothing else is
    written and no browser is opened.
    """
    atomic_write(path, render(graph, title=title, seed=seed).encode("utf-8"))


def draw_view(view: nx.MultiDiGraph, path: str | Path, *, title: str = "kg",
              seed: int = DEFAULT_SEED) -> None:
    """Like :func:`draw`, for a view of :mod:`kg.network` such as
    :func:`kg.network.top_view` or :func:`kg.network.ego_view`."""
    atomic_write(path, render_view(view, title=title, seed=seed).encode("utf-8"))
