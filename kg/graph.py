"""Plain records to RDF: one named graph per document, one for the actors.

:func:`build_dataset` follows the graph schema of the ontology
(``ontology/kg.ttl``).  Every IRI is derived from stable strings (actor keys,
document ids, offsets), so the same records always give the same graph.

>>> from kg.records import Actor, Document, Evidence, Extraction, Interaction
>>> text = "Emmanuel Macron met Olaf Scholz in Berlin."
>>> doc = Document("d1", text, "news/berlin.txt", ())
>>> actors = (Actor("emmanuel-macron", "Emmanuel Macron", "Person"),
...           Actor("olaf-scholz", "Olaf Scholz", "Person"))
>>> meeting = Interaction("emmanuel-macron", "olaf-scholz", "met", "Meet", "asserted",
...                       Evidence("d1", text, 0, len(text)), place="Berlin", symmetric=True)
>>> graph = union_graph(build_dataset([Extraction(doc, actors, (meeting,))]))
>>> (actor_iri("emmanuel-macron"), KG.meetsWith, actor_iri("olaf-scholz")) in graph
True
>>> str(actor_iri("emmanuel-macron"))
'https://w3id.org/kg-news/id/actor/emmanuel-macron'
"""
from __future__ import annotations

import datetime as _dt
import hashlib
import json
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from functools import lru_cache
from urllib.parse import quote

import pycountry
from rdflib import RDF, RDFS, Dataset, Graph, Literal, URIRef
from rdflib.term import Node
from rdflib.namespace import DCTERMS, OWL, PROV, SKOS, XSD

from kg import __version__
from kg.documents import content_digest, count_words
from kg.cameo import group_code, organization_code, person_code
from kg.classes import CLASSES, plover, predicate
from kg.extract.lexicon import load as load_lexicon
from kg.names import actor_key
from kg.records import ACTOR_TYPES, MODALITIES, Actor, Document, Extraction, Interaction
from kg.vocab import ID, KG, NIF, PREFIXES, SCHEMA

__all__ = [
    "NAMESPACES",
    "DIRECT_MODALITIES",
    "ACTORS_GRAPH",
    "GraphError",
    "slug",
    "country_code",
    "actor_iri",
    "document_iri",
    "graph_iri",
    "build_dataset",
    "union_graph",
    "HONORIFICS",
    "ActorRecord",
    "is_document_scoped",
    "scope_actors",
    "actor_records",
    "merge_records",
    "actor_triples",
    "document_graph",
    "record_iri",
    "role_iri",
]

#: Every prefix kg binds in the graphs it writes and the queries it runs.
NAMESPACES: dict[str, str] = {
    **PREFIXES,
    "rdf": str(RDF),
    "rdfs": str(RDFS),
    "skos": str(SKOS),
    "prov": str(PROV),
    "dcterms": str(DCTERMS),
    "xsd": str(XSD),
    "owl": str(OWL),
}

#: Modalities that also give a direct ``actor -predicate-> actor`` triple.
DIRECT_MODALITIES: frozenset[str] = frozenset({"asserted", "reported", "planned"})

#: The named graph of actors and roles.
ACTORS_GRAPH: URIRef = ID["graph/actors"]

#: Hex digits kept from a SHA-256 digest in hashed IRIs.
HASH_LENGTH = 16

#: Characters of an actor key kept as they are in its IRI; quote() encodes the rest.
_SLUG_SAFE = "-"
#: Characters quote() leaves alone but a slug encodes (``.`` would make ``..`` path segments).
_SLUG_EXTRA = str.maketrans({".": "%2E", "_": "%5F", "~": "%7E"})
#: Separator of the parts of a hashed IRI (cannot occur in keys or texts that matter).
_HASH_SEPARATOR = "\x1f"
#: Actor type of an affiliation that is not a known country.
_DEFAULT_AFFILIATION_TYPE = "Organization"


class GraphError(ValueError):
    """Records that break the graph schema: an unknown type, modality or actor key."""


def slug(key: str) -> str:
    """The IRI path segment of an actor key: percent-encoded UTF-8 outside letters, digits, ``-``.

    >>> slug("joe-biden")
    'joe-biden'
    >>> slug("o'brien <x> \\"y\\"")
    'o%27brien%20%3Cx%3E%20%22y%22'
    >>> slug("zelenskyy.v_2")
    'zelenskyy%2Ev%5F2'
    >>> slug("")
    Traceback (most recent call last):
    ...
    kg.graph.GraphError: empty key: an actor key needs at least one character
    """
    if not key:
        raise GraphError("empty key: an actor key needs at least one character")
    return quote(key, safe=_SLUG_SAFE).translate(_SLUG_EXTRA)


def _digest(*parts: object) -> str:
    """A short stable hash of some strings.

    >>> _digest("a", 1) == _digest("a", 1) != _digest("a1")
    True
    """
    text = _HASH_SEPARATOR.join(str(part) for part in parts)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:HASH_LENGTH]


def actor_iri(key: str) -> URIRef:
    """The IRI of the actor with this key."""
    return ID[f"actor/{slug(key)}"]


def document_iri(document_id: str) -> URIRef:
    """The IRI of a document."""
    return ID[f"document/{slug(document_id)}"]


def graph_iri(document_id: str) -> URIRef:
    """The named graph that holds a document's interactions, evidence and metadata."""
    return ID[f"graph/{slug(document_id)}"]


def _role_iri(actor_key: str, title: str, affiliation_key: str | None) -> URIRef:
    return ID[f"role/{_digest(actor_key, title, affiliation_key or '')}"]


def _evidence_iri(document_id: str, start: int, end: int) -> URIRef:
    return ID[f"evidence/{_digest(document_id, start, end)}"]


def _interaction_iri(document_id: str, interaction: Interaction) -> URIRef:
    evidence = interaction.evidence
    return ID[
        "interaction/"
        + _digest(document_id, interaction.subject, interaction.object, interaction.type,
                  evidence.start, evidence.end)
    ]


@lru_cache(maxsize=1)
def _country_names() -> dict[str, str]:
    """Casefolded country names (name, official and common names) to ISO alpha-3 codes."""
    names: dict[str, str] = {}
    for country in pycountry.countries:
        for attribute in ("name", "official_name", "common_name"):
            name = getattr(country, attribute, None)
            if name:
                names.setdefault(name.casefold(), country.alpha_3)
    return names


def country_code(name: str) -> str | None:
    """The ISO 3166 alpha-3 code of a country name pycountry knows (not codes or abbreviations).

    >>> country_code("Italy"), country_code("Bolivia"), country_code("AU")
    ('ITA', 'BOL', None)
    """
    return _country_names().get(name.strip().casefold())


def _country(label: str) -> tuple[str, str] | None:
    """The canonical label and ISO code of a country: kg's country lexicon (the one the
    extractor uses, with aliases such as "US"), then pycountry's names."""
    known = load_lexicon().country(label, demonyms=False)
    if known is not None:
        return known.label, known.iso3
    code = country_code(label)
    return (label.strip(), code) if code else None


@dataclass
class ActorRecord:
    """An actor as one document (or a merge of documents) describes it.

    Records merge by key (:func:`merge_records`): the first label, type and ISO
    code win, other labels become aliases, aliases and roles are united (in
    order) and mentions summed.  ``roles`` maps ``(title, affiliation key)`` to
    ``None`` (an ordered set).  A persistent store keeps each document's records
    (:mod:`kg.store`), so a document's contribution can be taken back out.

    >>> a = ActorRecord("tony-blair", "Tony Blair", "Person", None, 2, {"Blair": None})
    >>> b = ActorRecord("tony-blair", "Mr Tony Blair", "Person", None, 1)
    >>> merged = merge_records([a, b])
    >>> merged.label, list(merged.aliases), merged.mentions
    ('Tony Blair', ['Blair', 'Mr Tony Blair'], 3)
    >>> ActorRecord.from_json(merged.to_json()) == merged
    True
    """

    key: str
    label: str
    type: str
    code: str | None
    mentions: int
    aliases: dict[str, None] = field(default_factory=dict)
    roles: dict[tuple[str, str | None], None] = field(default_factory=dict)

    def absorb(self, other: "ActorRecord") -> None:
        """Merge another record of the same actor into this one (first label wins)."""
        self.mentions += other.mentions
        self.code = self.code or other.code
        for alias in (other.label, *other.aliases):
            if alias and alias != self.label:
                self.aliases.setdefault(alias, None)
        for role in other.roles:
            self.roles.setdefault(role, None)

    def copy(self) -> "ActorRecord":
        return ActorRecord(self.key, self.label, self.type, self.code, self.mentions,
                           dict(self.aliases), dict(self.roles))

    def to_json(self) -> str:
        """The record as one line of JSON (what a store keeps per document)."""
        return json.dumps(
            {"key": self.key, "label": self.label, "type": self.type, "code": self.code,
             "mentions": self.mentions, "aliases": list(self.aliases),
             "roles": [list(role) for role in self.roles]},
            ensure_ascii=False, separators=(",", ":"),
        )

    @classmethod
    def from_json(cls, text: str) -> "ActorRecord":
        data = json.loads(text)
        return cls(data["key"], data["label"], data["type"], data["code"], int(data["mentions"]),
                   dict.fromkeys(data["aliases"]),
                   dict.fromkeys((title, aff) for title, aff in data["roles"]))


def merge_records(records: Iterable[ActorRecord]) -> ActorRecord:
    """Merge records of one actor, in order (see :class:`ActorRecord`)."""
    merged: ActorRecord | None = None
    for record in records:
        if merged is None:
            merged = ActorRecord(record.key, record.label, record.type, record.code, 0)
        elif record.key != merged.key:
            raise GraphError(f"cannot merge actor {record.key!r} into {merged.key!r}")
        merged.absorb(record)
    if merged is None:
        raise GraphError("no actor records to merge")
    return merged


class _Actors:
    """Actors of one document merged by key, in order of appearance."""

    def __init__(self) -> None:
        self.by_key: dict[str, ActorRecord] = {}

    def add(self, actor: Actor, where: str) -> ActorRecord:
        if actor.type not in ACTOR_TYPES:
            raise GraphError(
                f"{where}: actor {actor.key!r} has unknown type {actor.type!r}; "
                f"valid types: {', '.join(ACTOR_TYPES)}"
            )
        if not actor.key:
            raise GraphError(f"{where}: actor {actor.label!r} has an empty key")
        record = ActorRecord(actor.key, actor.label, actor.type, actor.code, actor.mentions,
                             dict.fromkeys(a for a in actor.aliases if a))
        merged = self.by_key.get(actor.key)
        if merged is None:
            merged = ActorRecord(actor.key, actor.label, actor.type, actor.code, 0)
            self.by_key[actor.key] = merged
        merged.absorb(record)
        return merged


#: Honorifics that do not make a surname a full name ("Mr Blair" is still just "Blair").
HONORIFICS: frozenset[str] = frozenset({"mr", "mrs", "ms", "miss", "mx", "dr", "prof"})
#: Separates an actor key from the document id it is scoped to.
_SCOPE_SEPARATOR = "--"


def is_document_scoped(actor: Actor) -> bool:
    """Whether an actor stays inside its document instead of merging across documents.

    A conservative rule (a wrong merge is worse than a split): a person known
    only by one name ("Blair", "Mr Blair") could be anyone of that name, so it
    is not merged with a namesake in another document.  Everyone and everything
    else merges by key.

    >>> is_document_scoped(Actor("blair", "Mr Blair", "Person"))
    True
    >>> is_document_scoped(Actor("tony-blair", "Tony Blair", "Person"))
    False
    >>> is_document_scoped(Actor("labour", "Labour", "Organization"))
    False
    """
    if actor.type != "Person":
        return False
    words = [w for w in actor.label.split() if w.casefold().rstrip(".") not in HONORIFICS]
    return len(words) <= 1


def scope_actors(extraction: Extraction) -> Extraction:
    """The extraction with single-name persons given document-scoped keys.

    The key of such an actor gets ``--`` and the document id appended (so its
    IRI is ``kgid:actor/blair--<document id>``); interactions follow.

    >>> from kg.records import Document, Evidence, Interaction
    >>> doc = Document("d1", "Mr Blair met Tony Benn.", "a.txt", ())
    >>> ex = Extraction(doc, (Actor("blair", "Mr Blair", "Person"), Actor("tony-benn", "Tony Benn", "Person")),
    ...                 (Interaction("blair", "tony-benn", "met", "Meet", "asserted", Evidence("d1", "", 0, 0)),))
    >>> scoped = scope_actors(ex)
    >>> [a.key for a in scoped.actors], scoped.interactions[0].subject
    (['blair--d1', 'tony-benn'], 'blair--d1')
    """
    renamed = {actor.key: f"{actor.key}{_SCOPE_SEPARATOR}{extraction.document.id}"
               for actor in extraction.actors if is_document_scoped(actor)}
    if not renamed:
        return extraction

    def key(value: str | None) -> str | None:
        return renamed.get(value, value) if value is not None else None

    actors = tuple(replace(a, key=renamed.get(a.key, a.key)) for a in extraction.actors)
    interactions = tuple(
        replace(i, subject=key(i.subject), object=key(i.object), source=key(i.source))
        for i in extraction.interactions
    )
    return replace(extraction, actors=actors, interactions=interactions)


def _affiliation_index(actors: Iterable[Actor]) -> dict[str, str]:
    """Casefolded labels, aliases and keys of a document's actors to actor keys (first wins)."""
    index: dict[str, str] = {}
    for actor in actors:
        index.setdefault(actor.label.casefold(), actor.key)
        for alias in actor.aliases:
            index.setdefault(alias.casefold(), actor.key)
    for actor in actors:
        index.setdefault(actor.key.casefold(), actor.key)
    return index


def _affiliation_actor(label: str) -> Actor:
    """An actor made up from an affiliation label no actor of the document carries."""
    country = _country(label)
    if country is not None:
        name, code = country
        return Actor(actor_key(name), name, "Country", code=code)
    return Actor(actor_key(label), label.strip(), _DEFAULT_AFFILIATION_TYPE)


def actor_records(extraction: Extraction) -> list[ActorRecord]:
    """A document's actors as records: one per key, roles linked to affiliation keys,
    plus the actors made up from affiliations no actor of the document carries.

    Apply :func:`scope_actors` first to follow kg's merge rules.
    """
    merged = _Actors()
    _add_actors(extraction, merged)
    return list(merged.by_key.values())


def _add_actors(extraction: Extraction, merged: _Actors) -> None:
    where = f"document {extraction.document.path}"
    index = _affiliation_index(extraction.actors)
    made_up: dict[str, Actor] = {}
    for actor in extraction.actors:
        entry = merged.add(actor, where)
        for role in actor.roles:
            affiliation_key: str | None = None
            label = (role.affiliation or "").strip()
            if label:
                affiliation_key = index.get(label.casefold()) or index.get(actor_key(label))
                if affiliation_key is None:
                    stand_in = _affiliation_actor(label)
                    made_up.setdefault(stand_in.key, stand_in)
                    affiliation_key = stand_in.key
            entry.roles.setdefault((role.title, affiliation_key), None)
    for stand_in in made_up.values():
        merged.add(stand_in, where)


def role_iri(actor_key: str, title: str, affiliation_key: str | None) -> URIRef:
    """The IRI of an actor's role (a title, on behalf of an affiliation)."""
    return _role_iri(actor_key, title, affiliation_key)


def actor_triples(actor: ActorRecord, label_of: Callable[[str], str],
                  cameo: str | None = None) -> Iterator[tuple[Node, Node, Node]]:
    """The triples of a (merged) actor and its roles in ``kgid:graph/actors``.

    ``label_of`` gives the label of an affiliation's actor by key (role labels name it);
    ``cameo`` is the actor's CAMEO-style code, when it has one (:func:`cameo_codes`).
    """
    node = actor_iri(actor.key)
    yield node, RDF.type, KG[actor.type]
    yield node, RDFS.label, Literal(actor.label)
    yield node, KG.mentionCount, Literal(actor.mentions)
    for alias in actor.aliases:
        yield node, SKOS.altLabel, Literal(alias)
    if actor.code:
        yield node, KG.isoCode, Literal(actor.code)
    if cameo:
        yield node, KG.cameoCode, Literal(cameo)
    for title, affiliation_key in actor.roles:
        role = _role_iri(actor.key, title, affiliation_key)
        yield node, KG.hasRole, role
        yield role, RDF.type, KG.Role
        yield role, KG.title, Literal(title)
        label = title
        if affiliation_key is not None:
            yield role, KG.affiliation, actor_iri(affiliation_key)
            label = f"{title} ({label_of(affiliation_key)})"
        yield role, RDFS.label, Literal(label)


def record_iri(document_id: str, key: str) -> URIRef:
    """The IRI of the record of an actor as one document describes it."""
    return ID[f"record/{_digest(document_id, key)}"]


def cameo_codes(merged: dict[str, ActorRecord]) -> dict[str, str]:
    """CAMEO-style codes of merged actors by key (see :mod:`kg.cameo`): countries and
    organisations first, then people through the affiliations of their roles."""
    codes: dict[str, str] = {}
    for actor in merged.values():
        if actor.type == "Country":
            code = actor.code
        elif actor.type == "Person":
            continue
        else:
            code = next(filter(None, map(organization_code, (actor.label, *actor.aliases))),
                        None) or group_code(actor.code, actor.label)
        if code:
            codes[actor.key] = code
    for actor in merged.values():
        if actor.type != "Person":
            continue
        roles = []
        for title, affiliation_key in actor.roles:
            affiliation = merged.get(affiliation_key) if affiliation_key else None
            if affiliation is not None:
                iso = affiliation.code if affiliation.type == "Country" else None
                roles.append((title, iso, codes.get(affiliation.key)))
        code = person_code(roles)
        if code:
            codes[actor.key] = code
    return codes


def _emit_actors(graph: Graph, merged: dict[str, ActorRecord]) -> None:
    cameo = cameo_codes(merged)
    for actor in merged.values():
        for triple in actor_triples(actor, lambda key: merged[key].label, cameo.get(actor.key)):
            graph.add(triple)


def _iso_date(text: str | None) -> Literal | None:
    """An ``xsd:date`` literal for a valid ISO date, else ``None``.

    >>> _iso_date("2022-01-09")
    rdflib.term.Literal('2022-01-09', datatype=rdflib.term.URIRef('http://www.w3.org/2001/XMLSchema#date'))
    >>> _iso_date("Sunday") is None and _iso_date("2022-02-30") is None
    True
    """
    if not text:
        return None
    try:
        _dt.date.fromisoformat(text)
    except ValueError:
        return None
    return Literal(text, datatype=XSD.date)


def _emit_document(graph: Graph, document: Document) -> URIRef:
    node = document_iri(document.id)
    graph.add((node, RDF.type, KG.Document))
    digest = content_digest(document.text)
    graph.add((node, KG.contentHash, Literal(digest)))
    graph.add((node, KG.sourcePath, Literal(document.path)))
    graph.add((node, KG.wordCount, Literal(count_words(document.text))))
    if document.title:
        graph.add((node, DCTERMS.title, Literal(document.title)))
    date = _iso_date(document.date)
    if date is not None:
        graph.add((node, DCTERMS.date, date))
    if document.url:
        graph.add((node, SCHEMA.url, Literal(document.url, datatype=XSD.anyURI)))
    if document.source_id:
        graph.add((node, DCTERMS.identifier, Literal(document.source_id)))
    return node


def _check_interaction(interaction: Interaction, extraction: Extraction,
                       keys: frozenset[str]) -> None:
    where = f"document {extraction.document.path}"
    if interaction.type not in CLASSES:
        raise GraphError(
            f"{where}: unknown interaction type {interaction.type!r}; "
            f"valid types: {', '.join(CLASSES)}"
        )
    if interaction.modality not in MODALITIES:
        raise GraphError(
            f"{where}: unknown modality {interaction.modality!r}; "
            f"valid modalities: {', '.join(MODALITIES)}"
        )
    for role, key in (("subject", interaction.subject), ("object", interaction.object),
                      ("source", interaction.source)):
        if key is not None and key not in keys:
            raise GraphError(f"{where}: interaction {role} {key!r} is not one of its actors")
    evidence = interaction.evidence
    if evidence.document != extraction.document.id:
        raise GraphError(
            f"{where}: evidence belongs to document {evidence.document!r}, "
            f"not {extraction.document.id!r}"
        )
    if not 0 <= evidence.start <= evidence.end <= len(extraction.document.text):
        raise GraphError(
            f"{where}: bad evidence offsets {evidence.start}..{evidence.end} "
            f"for a text of {len(extraction.document.text)} characters"
        )


def _emit_interaction(graph: Graph, interaction: Interaction, extraction: Extraction,
                      keys: frozenset[str], document: URIRef, activity: URIRef | None) -> None:
    _check_interaction(interaction, extraction, keys)
    doc_id = extraction.document.id
    node = _interaction_iri(doc_id, interaction)
    subject, obj = actor_iri(interaction.subject), actor_iri(interaction.object)
    graph.add((node, RDF.type, KG[interaction.type]))
    graph.add((node, KG.source, subject))
    graph.add((node, KG.target, obj))
    graph.add((node, KG.relationText, Literal(interaction.relation)))
    graph.add((node, KG.modality, KG[interaction.modality.capitalize()]))
    graph.add((node, KG.symmetric, Literal(interaction.symmetric)))
    graph.add((node, PROV.wasDerivedFrom, document))
    if interaction.date_text:
        graph.add((node, KG.dateText, Literal(interaction.date_text)))
    date = _iso_date(interaction.date)
    if date is not None:
        graph.add((node, KG.date, date))
    if interaction.place:
        graph.add((node, KG.place, Literal(interaction.place)))
    if interaction.source is not None:
        graph.add((node, KG.attributedTo, actor_iri(interaction.source)))
    if interaction.source_text:
        graph.add((node, KG.attributionText, Literal(interaction.source_text)))
    category = plover(interaction.type)
    if category is not None:
        graph.add((node, KG.ploverCategory, Literal(category)))
    if activity is not None:
        graph.add((node, PROV.wasGeneratedBy, activity))

    evidence = interaction.evidence
    proof = _evidence_iri(doc_id, evidence.start, evidence.end)
    graph.add((node, KG.evidence, proof))
    graph.add((proof, RDF.type, KG.Evidence))
    graph.add((proof, KG.sentenceText, Literal(evidence.sentence)))
    graph.add((proof, NIF.beginIndex, Literal(evidence.start, datatype=XSD.nonNegativeInteger)))
    graph.add((proof, NIF.endIndex, Literal(evidence.end, datatype=XSD.nonNegativeInteger)))
    graph.add((proof, KG.inDocument, document))
    graph.add((proof, PROV.wasDerivedFrom, document))

    if interaction.modality in DIRECT_MODALITIES:
        graph.add((subject, KG[predicate(interaction.type)], obj))


def _emit_activity(graph: Graph, document: Document, node: URIRef, *, model: str | None,
                   model_version: str | None, generated_at: _dt.datetime | None) -> URIRef:
    """The extraction activity of a document: kg's version and the spaCy model it ran, and
    when it ended; the document record is ``prov:wasGeneratedBy`` it, at that time."""
    activity = ID[f"activity/{_digest(document.id, model or '', model_version or '', __version__)}"]
    software = ID[f"agent/{slug('kg-' + __version__)}"]
    graph.add((activity, RDF.type, KG.ExtractionActivity))
    graph.add((activity, RDF.type, PROV.Activity))
    used = f"kg {__version__}" + (f" with {model}" if model else "")
    if model and model_version:
        used += f" {model_version}"
    graph.add((activity, RDFS.label, Literal(f"{used}: extraction of {document.path}")))
    graph.add((activity, PROV.used, node))
    graph.add((activity, PROV.wasAssociatedWith, software))
    graph.add((software, RDF.type, PROV.SoftwareAgent))
    graph.add((software, RDFS.label, Literal(f"kg {__version__}")))
    graph.add((software, SCHEMA.softwareVersion, Literal(__version__)))
    if model is not None:
        agent = ID[f"agent/{slug(model + ('-' + model_version if model_version else ''))}"]
        graph.add((activity, PROV.wasAssociatedWith, agent))
        graph.add((agent, RDF.type, PROV.SoftwareAgent))
        graph.add((agent, RDFS.label, Literal(model)))
        if model_version:
            graph.add((agent, SCHEMA.softwareVersion, Literal(model_version)))
    graph.add((node, PROV.wasGeneratedBy, activity))
    if generated_at is not None:
        stamp = Literal(generated_at.isoformat(), datatype=XSD.dateTime)
        graph.add((activity, PROV.endedAtTime, stamp))
        graph.add((node, PROV.generatedAtTime, stamp))
    return activity


def _bind(graph: Graph) -> None:
    for prefix, namespace in NAMESPACES.items():
        graph.bind(prefix, namespace, override=True, replace=True)


def build_dataset(extractions: Iterable[Extraction], *, model: str | None = None,
                  model_version: str | None = None,
                  generated_at: _dt.datetime | None = None) -> Dataset:
    """Turn extractions into a dataset: a named graph per document plus ``kgid:graph/actors``.

    Actors with the same key merge across documents: the first label, type and
    ISO code win, other labels become aliases, aliases and roles are united and
    mentions summed.  A role's affiliation (a label) links to the document's
    actor with that label or alias; failing that it becomes an actor of its own
    (key: :func:`kg.names.actor_key`, as the extractor makes them; a Country with
    its canonical label and ISO code when kg's country lexicon or pycountry knows
    the name, else an Organization; one mention).  With ``model`` (the spaCy
    model name, with ``model_version``) or ``generated_at`` (a timezone-aware
    time) each document graph also records a ``kg:ExtractionActivity`` naming
    kg's version and the model, and the document is ``prov:wasGeneratedBy`` it
    with ``prov:generatedAtTime``; leave both out for graphs that compare
    equal across runs.
    """
    dataset = Dataset()
    _bind(dataset)
    merged: dict[str, ActorRecord] = {}
    for extraction in extractions:
        scoped = scope_actors(extraction)
        document_graph(scoped, dataset.graph(graph_iri(scoped.document.id)),
                       model=model, model_version=model_version, generated_at=generated_at)
        for record in actor_records(scoped):
            if record.key in merged:
                merged[record.key].absorb(record)
            else:
                merged[record.key] = record.copy()
    _emit_actors(dataset.graph(ACTORS_GRAPH), merged)
    return dataset


class _Sink:
    """A graph that forgets what is added (for IRIs whose triples are written already)."""

    def add(self, triple: tuple[Node, Node, Node]) -> None:
        pass


def document_graph(extraction: Extraction, graph: Graph, *, model: str | None = None,
                   model_version: str | None = None,
                   generated_at: _dt.datetime | None = None, metadata: bool = True) -> Graph:
    """Add a document's own triples (metadata, interactions, evidence) to ``graph``.

    ``extraction`` should already be scoped (:func:`scope_actors`); the actors
    themselves go to ``kgid:graph/actors`` (:func:`actor_triples`).  With
    ``metadata=False`` the document's metadata and extraction activity are left out
    (a later window of a long document, whose first window wrote them).
    """
    document = extraction.document
    node = _emit_document(graph, document) if metadata else document_iri(document.id)
    with_activity = model is not None or generated_at is not None
    activity = (
        _emit_activity(graph if metadata else _Sink(), document, node, model=model,  # type: ignore[arg-type]
                       model_version=model_version, generated_at=generated_at)
        if with_activity else None
    )
    keys = frozenset(actor.key for actor in extraction.actors)
    for interaction in extraction.interactions:
        _emit_interaction(graph, interaction, extraction, keys, node, activity)
    return graph


def union_graph(dataset: Dataset) -> Graph:
    """All triples of all graphs of a dataset as one graph, with kg's prefixes bound.

    >>> len(union_graph(build_dataset([])))
    0
    """
    graph = Graph(bind_namespaces="core")
    _bind(graph)
    for s, p, o, _ in dataset.quads((None, None, None, None)):
        graph.add((s, p, o))
    return graph
