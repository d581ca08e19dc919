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

import re
from collections import defaultdict
from collections.abc import Iterable, Iterator
from typing import Any
from urllib.parse import unquote

import networkx as nx
from rdflib import Graph, URIRef
from rdflib.namespace import RDF, RDFS, SKOS
from rdflib.term import Identifier, Literal, Node

from kg.classes import CLASSES, ancestors
from kg.records import ACTOR_TYPES, Role
from kg.vocab import KG, KG_URI, NIF

__all__ = ["to_networkx", "DEFAULT_ACTOR_TYPE", "DEFAULT_MODALITY", "NetworkError"]

#: Type given to an actor that has none of the actor classes (the superclass).
DEFAULT_ACTOR_TYPE = "Actor"
#: Modality assumed for an interaction node without ``kg:modality`` (the unmarked case).
DEFAULT_MODALITY = "asserted"
#: Class assumed for an interaction node without a known interaction class.
_DEFAULT_CLASS = "Interaction"

_PREFIXES = {"kg": KG_URI, "rdf": str(RDF), "rdfs": str(RDFS), "skos": str(SKOS), "nif": str(NIF)}
_KG_TERM = re.compile(r"\bkg:(\w+)")


class NetworkError(ValueError):
    """A query of the network view failed on the given graph."""


def _checked(query: str) -> str:
    """Return ``query`` unchanged after checking every ``kg:`` term exists in :data:`KG`.

    >>> _checked("SELECT ?s WHERE { ?s kg:source ?o }")
    'SELECT ?s WHERE { ?s kg:source ?o }'
    >>> _checked("SELECT ?s WHERE { ?s kg:sauce ?o }")
    Traceback (most recent call last):
    ...
    AttributeError: "term 'sauce' not in namespace 'https://w3id.org/kg-news/ontology#'"
    """
    for name in _KG_TERM.findall(query):
        getattr(KG, name)
    return query


def _values(terms: Iterable[URIRef]) -> str:
    return " ".join(term.n3() for term in terms)


# The queries are simple joins on fixed predicates, each giving about one row per
# interaction or actor, so that both rdflib's own engine and Oxigraph answer them quickly.

# Every interaction node with its endpoints and its types (one row per type).
_INTERACTIONS = _checked("""
SELECT ?i ?s ?o ?cls WHERE {
  ?i kg:source ?s ; kg:target ?o .
  OPTIONAL { ?i rdf:type ?cls }
}""")

# Attributes of interaction nodes (several rows for an interaction only where values repeat).
_INTERACTION_ATTRIBUTES = _checked("""
SELECT ?i ?relation ?modality ?date ?dateText ?place ?attributedTo ?attributionText
       ?symmetric ?plover WHERE {
  ?i kg:source ?s .
  OPTIONAL { ?i kg:relationText ?relation }
  OPTIONAL { ?i kg:modality ?modality }
  OPTIONAL { ?i kg:date ?date }
  OPTIONAL { ?i kg:dateText ?dateText }
  OPTIONAL { ?i kg:place ?place }
  OPTIONAL { ?i kg:attributedTo ?attributedTo }
  OPTIONAL { ?i kg:attributionText ?attributionText }
  OPTIONAL { ?i kg:symmetric ?symmetric }
  OPTIONAL { ?i kg:ploverCategory ?plover }
}""")

# Evidence of interaction nodes, with the source path of its document when known.
_EVIDENCE = _checked("""
SELECT ?i ?e ?sentence ?begin ?end ?doc ?path WHERE {
  ?i kg:evidence ?e .
  OPTIONAL { ?e kg:sentenceText ?sentence }
  OPTIONAL { ?e nif:beginIndex ?begin }
  OPTIONAL { ?e nif:endIndex ?end }
  OPTIONAL { ?e kg:inDocument ?doc . OPTIONAL { ?doc kg:sourcePath ?path } }
}""")

# Every actor with its type, label and mention count; those outside interactions are dropped.
_ACTORS = _checked(f"""
SELECT ?a ?type ?label ?mentions WHERE {{
  VALUES ?type {{ {_values([KG.Actor, *(KG[name] for name in ACTOR_TYPES)])} }}
  ?a rdf:type ?type .
  OPTIONAL {{ ?a rdfs:label ?label }}
  OPTIONAL {{ ?a kg:mentionCount ?mentions }}
}}""")

_ALIASES = _checked("""
SELECT ?a ?alias WHERE { ?a skos:altLabel ?alias }""")

_ROLES = _checked("""
SELECT ?a ?title ?roleLabel ?affLabel WHERE {
  ?a kg:hasRole ?role .
  OPTIONAL { ?role kg:title ?title }
  OPTIONAL { ?role rdfs:label ?roleLabel }
  OPTIONAL { ?role kg:affiliation ?aff . ?aff rdfs:label ?affLabel }
}""")


def _rows(graph: Graph, query: str) -> Iterator[Any]:
    try:
        yield from graph.query(query, initNs=_PREFIXES)
    except Exception as err:  # rdflib and its stores raise many unrelated types
        first_line = query.strip().splitlines()[0]
        raise NetworkError(f"network query failed ({first_line} ...): {err}") from err


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


def _actors(graph: Graph, wanted: set[str]) -> dict[str, dict[str, Any]]:
    """Node attributes of the ``wanted`` actors that the graph describes."""
    types: dict[str, set[str]] = defaultdict(set)
    labels: dict[str, set[str]] = defaultdict(set)
    counts: dict[str, list[int]] = defaultdict(list)
    for actor, cls, label, mentions in _rows(graph, _ACTORS):
        iri = str(actor)
        if iri not in wanted:
            continue
        types[iri].add(_kg_local(cls) or DEFAULT_ACTOR_TYPE)
        if label is not None:
            labels[iri].add(str(label))
        count = _int(mentions)
        if count is not None:
            counts[iri].append(count)
    aliases: dict[str, set[str]] = defaultdict(set)
    for actor, alias in _rows(graph, _ALIASES):
        if str(actor) in wanted:
            aliases[str(actor)].add(str(alias))
    roles: dict[str, set[str]] = defaultdict(set)
    for actor, title, role_label, affiliation in _rows(graph, _ROLES):
        if str(actor) not in wanted:
            continue
        if title is not None:
            roles[str(actor)].add(Role(str(title), _text(affiliation)).describe())
        elif role_label is not None:
            roles[str(actor)].add(str(role_label))
    actors: dict[str, dict[str, Any]] = {}
    for iri in wanted:
        label = min(labels[iri]) if labels[iri] else _fallback_label(iri)
        actors[iri] = {
            "label": label,
            "type": _actor_type(types[iri]),
            "roles": sorted(roles[iri]),
            "aliases": sorted(aliases[iri] - {label}),
            # one count per actor is expected; several come from merged files: keep the largest
            "mentions": max(counts[iri], default=0),
        }
    return actors


def _evidence(graph: Graph, wanted: set[str]) -> dict[str, list[dict[str, Any]]]:
    """Evidence records of the ``wanted`` interactions, in document order."""
    found: dict[str, dict[str, dict[str, Any]]] = defaultdict(dict)
    for interaction, evidence, sentence, begin, end, doc, path in _rows(graph, _EVIDENCE):
        if str(interaction) not in wanted:
            continue
        record = found[str(interaction)].setdefault(str(evidence), {
            "sentence": _text(sentence) or "",
            "document": None,
            "begin": _int(begin),
            "end": _int(end),
        })
        # the source path as given; the document IRI only when the path is unknown
        if path is not None:
            record["document"] = min(filter(None, [record["document"], str(path)]))
        elif doc is not None and record["document"] is None:
            record["document"] = str(doc)
    return {
        interaction: sorted(records.values(),
                            key=lambda r: (r["document"] or "", r["begin"] or 0, r["sentence"]))
        for interaction, records in found.items()
    }


def _attributes(graph: Graph, wanted: set[str]) -> dict[str, dict[str, set[Identifier]]]:
    """Values of the optional attributes of the ``wanted`` interactions, by variable name."""
    found: dict[str, dict[str, set[Identifier]]] = defaultdict(lambda: defaultdict(set))
    for row in _rows(graph, _INTERACTION_ATTRIBUTES):
        values = row.asdict()
        key = str(values.pop("i"))
        if key in wanted:
            for name, value in values.items():
                found[key][name].add(value)
    return found


def _first(values: Iterable[Identifier]) -> Identifier | None:
    """The smallest value, so that the view does not depend on triple order."""
    return min(values, key=str, default=None)


def to_networkx(graph: Graph) -> nx.MultiDiGraph:
    """Build the actor network of ``graph`` from its interaction nodes.

    Nodes are actor IRIs with ``label``, ``type``, ``roles`` (``"Title
    (Affiliation)"``), ``aliases`` and ``mentions``.  Each interaction node
    becomes one edge from its ``kg:source`` to its ``kg:target`` keyed by the
    interaction IRI, with ``relation``, ``type`` (class local name),
    ``plover``, ``modality`` (lowercase), ``date``, ``date_text``, ``place``,
    ``attribution`` (the attributed actor's label, else the attribution text),
    ``symmetric`` and ``evidence`` (dicts with ``sentence``, ``document`` (its
    source path), ``begin`` and ``end``).  Pass the union of all named graphs.
    Raises :class:`NetworkError` when a query fails.
    """
    ends: dict[str, tuple[str, str]] = {}
    classes: dict[str, set[str]] = defaultdict(set)
    for interaction, source, target, cls in _rows(graph, _INTERACTIONS):
        key = str(interaction)
        # an interaction node with several sources or targets is malformed; keep one, stably
        ends[key] = min(ends.get(key, (str(source), str(target))), (str(source), str(target)))
        local = _kg_local(cls)
        if local is not None:
            classes[key].add(local)
    view = nx.MultiDiGraph()
    if not ends:
        return view
    wanted = set(ends)
    attributes = _attributes(graph, wanted)
    evidence = _evidence(graph, wanted)
    attributed = {str(actor) for values in attributes.values()
                  for actor in values["attributedTo"]}
    participants = {actor for pair in ends.values() for actor in pair}
    actors = _actors(graph, participants | attributed)

    for iri in sorted(participants):
        view.add_node(iri, **actors[iri])
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
