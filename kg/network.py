"""The graph as a networkx multigraph: actors as nodes, one edge per interaction node.

The view is built from the interaction *nodes* of the schema (``kg:source``,
``kg:target`` and their attributes), not from the direct actor-to-actor
triples, so negated and hypothetical interactions are kept and every edge
carries its evidence.  Only actors that take part in an interaction become
nodes.

>>> from rdflib import Graph
>>> g = Graph().parse(format="turtle", data='''
... @prefix kg: <https://w3id.org/kg-news/ontology#> .
... @prefix actor: <https://w3id.org/kg-news/id/actor/> .
... @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
... actor:nato a kg:Organization ; rdfs:label "NATO" .
... actor:russia a kg:Country ; rdfs:label "Russia" .
... <https://w3id.org/kg-news/id/interaction/1> a kg:Warn ;
...     kg:source actor:nato ; kg:target actor:russia ;
...     kg:relationText "warned" ; kg:modality kg:Asserted .
... ''')
>>> view = to_networkx(g)
>>> sorted(label for _, label in view.nodes(data="label"))
['NATO', 'Russia']
>>> [(d["relation"], d["type"], d["modality"]) for _, _, d in view.edges(data=True)]
[('warned', 'Warn', 'asserted')]
"""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from typing import Any
from urllib.parse import unquote

import networkx as nx
from rdflib import Graph, URIRef
from rdflib.namespace import DCTERMS, RDF, RDFS, SKOS
from rdflib.term import Literal, Node

from kg.classes import CLASSES, ancestors
from kg.graph import DIRECT_MODALITIES as _DIRECT_MODALITIES
from kg.records import ACTOR_TYPES, Role
from kg.vocab import KG, KG_URI, NIF

__all__ = [
    "to_networkx",
    "rank_actors",
    "top_view",
    "find_actor",
    "ego_view",
    "result_triples",
    "triples_view",
    "predicate_of",
    "DEFAULT_ACTOR_TYPE",
    "DEFAULT_MODALITY",
    "RESOURCE_TYPE",
    "NetworkError",
]

#: Type given to an actor that has none of the actor classes (the superclass).
DEFAULT_ACTOR_TYPE = "Actor"
#: Type of a node of a query's view that is not an actor of the graph.
RESOURCE_TYPE = "Resource"
#: Modality assumed for an interaction node without ``kg:modality`` (the unmarked case).
DEFAULT_MODALITY = "asserted"
#: Class assumed for an interaction node without a known interaction class.
_DEFAULT_CLASS = "Interaction"

_PREFIXES = {"kg": KG_URI, "rdf": str(RDF), "rdfs": str(RDFS), "skos": str(SKOS), "nif": str(NIF),
             "dcterms": str(DCTERMS)}


class NetworkError(ValueError):
    """The network view cannot be built from the graph, or a part of it asked for is not there."""


Index = dict[str, list[Node]]


def _index(graph: Graph, predicate: URIRef) -> Index:
    """Objects of ``predicate`` by subject IRI: one pass over the predicate's triples.

    Plain triple patterns are answered from the store's indexes, by rdflib's memory store
    and by Oxigraph alike, many times faster than the same joins in SPARQL.
    """
    found: Index = defaultdict(list)
    try:
        for subject, obj in graph.subject_objects(predicate):
            found[str(subject)].append(obj)
    except Exception as err:  # stores raise many unrelated types
        raise NetworkError(f"cannot read {predicate} from the graph: {err}") from err
    return found


def _kg_local(term: Node | None) -> str | None:
    """The local name of a term of the kg namespace, else ``None``.

    >>> _kg_local(KG.Planned)
    'Planned'
    >>> _kg_local(RDFS.label) is None
    True
    """
    if isinstance(term, URIRef) and str(term).startswith(KG_URI):
        return str(term)[len(KG_URI):]
    return None


def _fallback_label(iri: str) -> str:
    """A readable label from an IRI when the graph has no ``rdfs:label``.

    >>> _fallback_label("https://w3id.org/kg-news/id/actor/joe-biden")
    'joe-biden'
    """
    return unquote(iri.rstrip("/").rsplit("/", 1)[-1])


def _most_specific(classes: Iterable[str]) -> str:
    """The deepest interaction class among ``classes`` (ties by name).

    >>> _most_specific(["Interaction", "Consult", "Meet"])
    'Meet'
    >>> _most_specific(["Person"])
    'Interaction'
    """
    known = [name for name in classes if name in CLASSES]
    if not known:
        return _DEFAULT_CLASS
    return max(sorted(known), key=lambda name: len(ancestors(name)))


def _actor_type(types: Iterable[str]) -> str:
    """The actor type among ``types``, by the order of :data:`ACTOR_TYPES`.

    >>> _actor_type(["Actor", "Country"])
    'Country'
    >>> _actor_type([])
    'Actor'
    """
    present = set(types)
    for name in ACTOR_TYPES:
        if name in present:
            return name
    return DEFAULT_ACTOR_TYPE


def _int(value: Node | None) -> int | None:
    if isinstance(value, Literal):
        try:
            return int(value.toPython())
        except (TypeError, ValueError):
            return None
    return None


def _bool(value: Node | None) -> bool:
    if isinstance(value, Literal):
        python = value.toPython()
        if isinstance(python, bool):
            return python
        return str(value).strip().lower() in {"true", "1"}
    return False


def _text(value: Node | None) -> str | None:
    return str(value) if value is not None else None


def _actors(graph: Graph, wanted: set[str], *, every: bool = False
            ) -> dict[str, dict[str, Any]]:
    """Node attributes of the ``wanted`` actors (and of all typed actors when ``every``)."""
    types: dict[str, set[str]] = defaultdict(set)
    for name in (DEFAULT_ACTOR_TYPE, *ACTOR_TYPES):
        for actor in graph.subjects(RDF.type, KG[name]):
            if isinstance(actor, URIRef):
                types[str(actor)].add(name)
    if every:
        wanted = wanted | set(types)
    labels, counts, aliases = (_index(graph, term)
                               for term in (RDFS.label, KG.mentionCount, SKOS.altLabel))
    role_of, titles, affiliations = (_index(graph, term)
                                     for term in (KG.hasRole, KG.title, KG.affiliation))
    actors: dict[str, dict[str, Any]] = {}
    for iri in wanted:
        names = {str(label) for label in labels.get(iri, ())}
        label = min(names) if names else _fallback_label(iri)
        roles = set()
        for role in role_of.get(iri, ()):
            title = _first(titles.get(str(role), ()))
            if title is None:
                roles.update(str(text) for text in labels.get(str(role), ()))
                continue
            affiliation_names = [str(name) for org in affiliations.get(str(role), ())
                                 for name in labels.get(str(org), ())]
            roles.add(Role(str(title), min(affiliation_names, default=None)).describe())
        mentions = [count for count in map(_int, counts.get(iri, ())) if count is not None]
        actors[iri] = {
            "label": label,
            "type": _actor_type(types.get(iri, ())),
            "roles": sorted(roles),
            "aliases": sorted({str(alias) for alias in aliases.get(iri, ())} - {label}),
            # one count per actor is expected; several come from merged files: keep the largest
            "mentions": max(mentions, default=0),
            "typed": iri in types,
        }
    return actors


def _evidence(graph: Graph, wanted: set[str]) -> dict[str, list[dict[str, Any]]]:
    """Evidence records of the ``wanted`` interactions, in document order."""
    evidence_of = _index(graph, KG.evidence)
    sentences, begins, ends, documents = (
        _index(graph, term) for term in (KG.sentenceText, NIF.beginIndex, NIF.endIndex,
                                         KG.inDocument))
    paths, published, titles = (_index(graph, term)
                                for term in (KG.sourcePath, DCTERMS.date, DCTERMS.title))

    def smallest(index: Index, docs: list[str]) -> str | None:
        return min((str(value) for doc in docs for value in index.get(doc, ())), default=None)

    found: dict[str, list[dict[str, Any]]] = {}
    for interaction in wanted:
        records = []
        for evidence in {str(node) for node in evidence_of.get(interaction, ())}:
            docs = sorted({str(doc) for doc in documents.get(evidence, ())})
            # the source path as given; the document IRI only when the path is unknown
            records.append({
                "sentence": _text(_first(sentences.get(evidence, ()))) or "",
                "document": smallest(paths, docs) or (docs[0] if docs else None),
                "published": smallest(published, docs),
                "title": smallest(titles, docs),
                "begin": _int(_first(begins.get(evidence, ()))),
                "end": _int(_first(ends.get(evidence, ()))),
            })
        if records:
            found[interaction] = sorted(
                records, key=lambda r: (r["document"] or "", r["begin"] or 0, r["sentence"]))
    return found


#: The optional attributes of an interaction node, by the name the view uses for them.
_ATTRIBUTES: dict[str, URIRef] = {
    "relation": KG.relationText, "modality": KG.modality, "date": KG.date,
    "dateText": KG.dateText, "place": KG.place, "attributedTo": KG.attributedTo,
    "attributionText": KG.attributionText, "symmetric": KG.symmetric,
    "plover": KG.ploverCategory,
}


def _attributes(graph: Graph, wanted: set[str]) -> dict[str, dict[str, list[Node]]]:
    """Values of the optional attributes of the ``wanted`` interactions, by attribute name."""
    indexes = {name: _index(graph, term) for name, term in _ATTRIBUTES.items()}
    return {key: {name: index.get(key, []) for name, index in indexes.items()} for key in wanted}


def _first(values: Iterable[Node]) -> Node | None:
    """The smallest value, so that the view does not depend on triple order."""
    return min(values, key=str, default=None)


def to_networkx(graph: Graph, *, isolates: bool = False) -> nx.MultiDiGraph:
    """Build the actor network of ``graph`` from its interaction nodes.

    Nodes are actor IRIs with ``label``, ``type``, ``roles`` (``"Title
    (Affiliation)"``), ``aliases`` and ``mentions``.  Each interaction node
    becomes one edge from its ``kg:source`` to its ``kg:target`` keyed by the
    interaction IRI, with ``relation``, ``type`` (class local name),
    ``plover``, ``modality`` (lowercase), ``date``, ``date_text``, ``place``,
    ``attribution`` (the attributed actor's label, else the attribution text),
    ``symmetric`` and ``evidence`` (dicts with ``sentence``, ``document`` (its
    source path), ``published`` and ``title`` (of the document, when known),
    ``begin`` and ``end``).  With ``isolates``, actors that take part in no
    interaction are nodes too.  Pass the union of all named graphs.  Raises
    :class:`NetworkError` when a query fails.
    """
    sources, targets, types = (_index(graph, term) for term in (KG.source, KG.target, RDF.type))
    ends: dict[str, tuple[str, str]] = {}
    classes: dict[str, set[str]] = defaultdict(set)
    for key in sources.keys() & targets.keys():
        # an interaction node with several sources or targets is malformed; keep one, stably
        ends[key] = (str(_first(sources[key])), str(_first(targets[key])))
        classes[key] = {local for local in map(_kg_local, types.get(key, ())) if local}
    view = nx.MultiDiGraph()
    if not ends and not isolates:
        return view
    wanted = set(ends)
    attributes = _attributes(graph, wanted) if wanted else {}
    evidence = _evidence(graph, wanted) if wanted else {}
    attributed = {str(actor) for values in attributes.values()
                  for actor in values["attributedTo"]}
    participants = {actor for pair in ends.values() for actor in pair}
    actors = _actors(graph, participants | attributed, every=isolates)
    if isolates:
        participants |= {iri for iri, attrs in actors.items() if attrs["typed"]}

    for iri in sorted(participants):
        view.add_node(iri, **{k: v for k, v in actors[iri].items() if k != "typed"})
    for key in sorted(ends):
        source, target = ends[key]
        values = attributes[key]
        cls = _most_specific(classes[key])
        modality = _kg_local(_first(values["modality"]))
        by = _first(values["attributedTo"])
        plover = _first(values["plover"])
        view.add_edge(
            source, target, key=key,
            relation=_text(_first(values["relation"])) or CLASSES[cls].label,
            type=cls,
            plover=_text(plover) if plover is not None else CLASSES[cls].plover,
            modality=modality.lower() if modality else DEFAULT_MODALITY,
            date=_text(_first(values["date"])),
            date_text=_text(_first(values["dateText"])),
            place=_text(_first(values["place"])),
            attribution=(actors[str(by)]["label"] if by is not None
                         else _text(_first(values["attributionText"]))),
            symmetric=_bool(_first(values["symmetric"])),
            evidence=evidence.get(key, []),
        )
    return view


# --- parts of the view: the most central actors, a neighbourhood, a query's triples ----

def rank_actors(view: nx.MultiDiGraph) -> list[str]:
    """Actors from the most to the least central: by number of interactions (degree),
    then by mentions, then by label.

    >>> view = nx.MultiDiGraph()
    >>> view.add_nodes_from([("a", {"label": "A", "mentions": 1}),
    ...                      ("b", {"label": "B", "mentions": 5}),
    ...                      ("c", {"label": "C", "mentions": 2})])
    >>> view.add_edges_from([("a", "b"), ("a", "c")])
    [0, 0]
    >>> rank_actors(view)
    ['a', 'b', 'c']
    """
    return sorted(view, key=lambda node: (-view.degree(node), -view.nodes[node].get("mentions", 0),
                                          view.nodes[node].get("label", node), node))


def top_view(view: nx.MultiDiGraph, count: int) -> nx.MultiDiGraph:
    """The ``count`` most central actors (see :func:`rank_actors`) and the interactions
    among them.

    >>> view = nx.MultiDiGraph([("a", "b"), ("a", "c"), ("b", "c"), ("c", "d")])
    >>> sorted(top_view(view, 2).edges())
    [('a', 'c')]
    """
    if count < 0:
        raise NetworkError(f"--top must be at least 0, not {count}")
    return view.subgraph(rank_actors(view)[:count]).copy()


def _fold(text: str) -> str:
    return " ".join(text.casefold().split())


def find_actor(view: nx.MultiDiGraph, name: str) -> str:
    """The node of the actor called ``name``: its label or one of its aliases, ignoring case.

    A label wins over an alias; an alias shared by several actors is an error
    that lists them, and so is a name that matches nothing.

    >>> view = nx.MultiDiGraph()
    >>> view.add_node("kgid:actor/antony-blinken", label="Antony Blinken", aliases=["Blinken"])
    >>> view.add_node("kgid:actor/sergei-lavrov", label="Sergei Lavrov", aliases=["Lavrov"])
    >>> find_actor(view, "blinken")
    'kgid:actor/antony-blinken'
    >>> find_actor(view, "Lavrow")
    Traceback (most recent call last):
    ...
    kg.network.NetworkError: no actor named 'Lavrow' (by label or alias); did you mean 'Sergei Lavrov'?
    """
    wanted = _fold(name)
    by_label = [node for node, label in view.nodes(data="label") if _fold(label or "") == wanted]
    by_alias = [node for node, aliases in view.nodes(data="aliases")
                if any(_fold(alias) == wanted for alias in aliases or ())]
    for found in (by_label, by_alias):
        if len(found) == 1:
            return found[0]
        if found:
            names = ", ".join(sorted(repr(view.nodes[node]["label"]) for node in found))
            raise NetworkError(f"actor name {name!r} is ambiguous: it names {names}")
    import difflib

    names: dict[str, str] = {}
    for _, attrs in sorted(view.nodes(data=True)):
        for known in (attrs.get("label"), *attrs.get("aliases", ())):
            if known:
                names.setdefault(_fold(known), attrs.get("label") or known)
    close = difflib.get_close_matches(wanted, sorted(names), n=3, cutoff=0.6)
    labels = list(dict.fromkeys(names[match] for match in close))
    hint = f"; did you mean {', '.join(map(repr, labels))}?" if labels else ""
    raise NetworkError(f"no actor named {name!r} (by label or alias){hint}")


def ego_view(view: nx.MultiDiGraph, name: str, *, depth: int = 1) -> nx.MultiDiGraph:
    """The actor called ``name`` (see :func:`find_actor`) and every actor at most ``depth``
    interactions away, in either direction, with all the interactions among them.

    >>> view = nx.MultiDiGraph([("a", "b"), ("c", "b"), ("c", "d")])
    >>> nx.set_node_attributes(view, {n: n.upper() for n in view}, "label")
    >>> sorted(ego_view(view, "A", depth=2))
    ['a', 'b', 'c']
    """
    if depth < 0:
        raise NetworkError(f"--depth must be at least 0, not {depth}")
    centre = find_actor(view, name)
    return nx.ego_graph(view, centre, radius=depth, undirected=True).copy()


Triple = tuple[Node, Node, Node]


def result_triples(result: Any, *, name: str = "query") -> list[Triple]:
    """The triples of a SPARQL result: a CONSTRUCT or DESCRIBE graph, or a SELECT that binds
    ``?s ?p ?o`` (rows with an unbound one are skipped).  Other results are an error naming
    the query.
    """
    if result.type in ("CONSTRUCT", "DESCRIBE"):
        return sorted(result.graph, key=lambda triple: tuple(map(str, triple)))
    if result.type == "SELECT":
        names = [str(var) for var in result.vars or ()]
        if not {"s", "p", "o"} <= set(names):
            got = " ".join(f"?{var}" for var in names) or "nothing"
            raise NetworkError(f"{name}: a SELECT to draw must bind ?s ?p ?o (it binds {got})")
        triples = []
        for row in result:
            values = row.asdict()
            if all(values.get(var) is not None for var in "spo"):
                triples.append((values["s"], values["p"], values["o"]))
        return triples
    raise NetworkError(f"{name}: cannot draw an {result.type} result; use CONSTRUCT or a "
                       "SELECT of ?s ?p ?o")


#: Class of each direct actor-to-actor predicate (``kg:communicatesWith`` → Communicate).
_PREDICATE_CLASSES: dict[str, str] = {row.predicate: name for name, row in CLASSES.items()}


def _compact(term: Node) -> str:
    """A short name of a term for an edge label: ``prefix:local`` for known namespaces.

    >>> _compact(RDFS.label), _compact(KG.hasRole), _compact(URIRef("urn:x"))
    ('rdfs:label', 'kg:hasRole', 'urn:x')
    """
    text = str(term)
    for prefix, namespace in _PREFIXES.items():
        if text.startswith(namespace) and len(text) > len(namespace):
            return f"{prefix}:{text[len(namespace):]}"
    return text


def triples_view(graph: Graph, triples: Iterable[Triple]) -> nx.MultiDiGraph:
    """The view of a query's ``triples`` over ``graph`` (usually a CONSTRUCT result).

    Three kinds of triple are drawn, and literals are left out:

    - a triple about an interaction node brings in that interaction, with its evidence;
    - a direct actor-to-actor triple (``kg:communicatesWith`` ...) brings in the
      interactions behind it, or an edge of its class when there are none;
    - any other triple between two resources is an edge labelled with its predicate.

    Nodes that are actors of ``graph`` keep their label, type, roles and aliases;
    other resources are drawn as type ``Resource``.
    """
    full = to_networkx(graph, isolates=True)
    by_key = {key: (source, target) for source, target, key in full.edges(keys=True)}
    view = nx.MultiDiGraph()

    def node(term: Node) -> str:
        iri = str(term)
        if iri not in view:
            if iri in full:
                view.add_node(iri, **full.nodes[iri])
            else:
                label = graph.value(term, RDFS.label) if isinstance(term, URIRef) else None
                view.add_node(iri, label=str(label) if label is not None else _fallback_label(iri),
                              type=RESOURCE_TYPE, roles=[], aliases=[], mentions=0)
        return iri

    for subject, predicate, obj in triples:
        if str(subject) in by_key:
            source, target = by_key[str(subject)]
            node(URIRef(source))
            node(URIRef(target))
            view.add_edge(source, target, key=str(subject),
                          **full.edges[source, target, str(subject)])
            continue
        if isinstance(obj, Literal):
            continue
        cls = _PREDICATE_CLASSES.get(_kg_local(predicate) or "")
        source, target = node(subject), node(obj)
        if cls is not None and source in full and target in full:
            behind = [(key, attrs) for key, attrs in (full.get_edge_data(source, target) or {}).items()
                      if predicate_of(attrs["type"]) == str(predicate)
                      and attrs["modality"] in _DIRECT_MODALITIES]
            for key, attrs in behind:
                view.add_edge(source, target, key=key, **attrs)
            if behind:
                continue
        key = f"triple:{_compact(subject)} {_compact(predicate)} {_compact(obj)}"
        if view.has_edge(source, target, key):
            continue
        view.add_edge(source, target, key=key,
                      relation=CLASSES[cls].label if cls else _compact(predicate),
                      type=cls or _DEFAULT_CLASS, plover=CLASSES[cls].plover if cls else None,
                      modality=DEFAULT_MODALITY, date=None, date_text=None, place=None,
                      attribution=None, symmetric=False, evidence=[])
    return view


def predicate_of(cls: str) -> str:
    """The IRI of the direct predicate of an interaction class.

    >>> predicate_of("Communicate")
    'https://w3id.org/kg-news/ontology#communicatesWith'
    """
    return KG_URI + CLASSES[cls].predicate
