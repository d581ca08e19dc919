"""A persistent graph: an on-disk Oxigraph store that grows one document at a time.

``kg extract PATH... --store DIR`` writes here; ``kg query``, ``kg draw``,
``kg export``, ``kg serve`` and ``kg push`` read with ``--store DIR``.  The
store holds the same named graphs as :func:`kg.graph.build_dataset`: one per
document (``kgid:graph/<content hash>``) and ``kgid:graph/actors``.

* **One transaction per document.**  A document's graph and its changes to
  the actors graph are written by one SPARQL update, which Oxigraph applies
  atomically: a run killed half-way leaves whole documents only.
* **Re-ingesting** an article with the same content hash changes nothing.  An
  article whose text changed (same JSONL ``id``, else same URL, else same
  source path; never for standard input without an id or URL) replaces its
  old named graph.
* **Actors merge across documents by key** (normalised name), except people
  known by one name only (:func:`kg.graph.is_document_scoped`).  Each document
  graph keeps a record of every actor as that document describes it
  (``kgid:record/...``, a ``prov:Entity`` that is ``prov:specializationOf`` the
  actor and ``prov:wasDerivedFrom`` the document, its details as JSON in
  ``rdf:value``).  The records are the merge evidence, and they make merges
  reversible: the actors graph is recomputed from the remaining records when a
  document is replaced.
* **One writer, or many readers.**  A lock file (``kg.lock``) in the folder
  refuses a second writer, and readers while a writer works, with a one-line
  error instead of corrupting the store.

>>> import tempfile
>>> from kg.documents import document_from_text
>>> from kg.records import Actor, Extraction
>>> folder = tempfile.mkdtemp()
>>> doc = document_from_text("Tony Blair spoke.", path="a.txt")
>>> with open_store(folder, write=True) as store:
...     store.ingest(Extraction(doc, (Actor("tony-blair", "Tony Blair", "Person"),))).status
...     store.ingest(Extraction(doc, (Actor("tony-blair", "Tony Blair", "Person"),))).status
'added'
'unchanged'
"""
from __future__ import annotations

import fcntl
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pyoxigraph as ox
from rdflib import RDF, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, PROV, XSD
from rdflib.term import BNode, Node

from kg.graph import (ACTORS_GRAPH, ActorRecord, actor_iri, actor_records, actor_triples, cameo_codes,
                      document_graph, document_iri, graph_iri, record_iri, scope_actors)
from kg.records import Extraction
from kg.vocab import KG, SCHEMA

__all__ = [
    "LOCK_FILE",
    "StoreError",
    "IngestResult",
    "KgStore",
    "open_store",
    "to_ox",
    "serialize_union",
    "OX_FORMATS",
    "load_file",
    "memory_graph",
]

#: The lock file kg keeps in a store folder.
LOCK_FILE = "kg.lock"
#: A file every Oxigraph (RocksDB) store folder has.
_MARKER = "CURRENT"
#: Documents between flushes of the store's write buffers to disk.  Without them
#: RocksDB's in-memory write buffers grow with the store (a measured 150 MiB to
#: 400 MiB over 1,600 documents); with them memory stays flat.
FLUSH_EVERY = 200


class StoreError(RuntimeError):
    """A store that cannot be opened: missing, not a store, or in use by another process."""


@dataclass(frozen=True)
class IngestResult:
    """What :meth:`KgStore.ingest` did with one document."""

    status: str  # "added", "replaced" or "unchanged"
    path: str
    added: int = 0  # triples added
    removed: int = 0  # triples removed (an earlier version, changed actor facts)


def to_ox(term: Node) -> Any:
    """An rdflib term as a pyoxigraph term.

    >>> str(to_ox(Literal(3)))
    '"3"^^<http://www.w3.org/2001/XMLSchema#integer>'
    >>> str(to_ox(Literal("Kyiv", lang="en")))
    '"Kyiv"@en'
    """
    if isinstance(term, URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, BNode):
        return ox.BlankNode(str(term))
    if isinstance(term, Literal):
        if term.language:
            return ox.Literal(str(term), language=term.language)
        if term.datatype is not None:
            return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)))
        return ox.Literal(str(term))
    raise StoreError(f"cannot store the term {term!r}")


_ACTORS = ox.NamedNode(str(ACTORS_GRAPH))
_TYPE = to_ox(RDF.type)
_VALUE = to_ox(RDF.value)
_SPECIALIZATION_OF = to_ox(PROV.specializationOf)
_HAS_ROLE = to_ox(KG.hasRole)
_AFFILIATION = to_ox(KG.affiliation)
_DOCUMENT = to_ox(KG.Document)
#: Document properties that identify an article across versions, most specific first.
_IDENTITY = (("source_id", DCTERMS.identifier, None), ("url", SCHEMA.url, XSD.anyURI),
             ("path", KG.sourcePath, None))


def _lock(folder: Path, *, write: bool) -> Any:
    handle = open(folder / LOCK_FILE, "a+", encoding="utf-8")
    try:
        fcntl.flock(handle, (fcntl.LOCK_EX if write else fcntl.LOCK_SH) | fcntl.LOCK_NB)
    except BlockingIOError:
        handle.seek(0)
        holder = handle.read().strip()
        handle.close()
        who = f" (pid {holder})" if holder else ""
        if write:
            raise StoreError(
                f"store {folder} is in use by another kg process{who}; "
                "a writer needs it alone, try again when that process has finished"
            ) from None
        raise StoreError(
            f"store {folder} is being written by another kg process{who}; "
            "try again when it has finished"
        ) from None
    if write:
        handle.seek(0)
        handle.truncate()
        handle.write(str(os.getpid()))
        handle.flush()
    return handle


class KgStore:
    """An open store: :func:`open_store` opens one (and locks its folder)."""

    def __init__(self, path: str | os.PathLike[str], *, write: bool = False) -> None:
        folder = Path(path)
        self.path = folder
        self.write = write
        if write:
            if folder.exists() and not folder.is_dir():
                raise StoreError(f"store {folder}: is a file, not a folder")
            if folder.is_dir() and any(folder.iterdir()) and not (folder / _MARKER).exists():
                raise StoreError(f"store {folder}: not a kg store and not empty; give a new or empty folder")
            try:
                folder.mkdir(parents=True, exist_ok=True)
            except OSError as err:
                raise StoreError(f"store {folder}: cannot create it ({err.strerror or err})") from err
        elif not (folder / _MARKER).exists():
            what = "no such folder" if not folder.exists() else "not a kg store"
            raise StoreError(f"store {folder}: {what} (make one with kg extract PATH... --store {folder})")
        self._lock = _lock(folder, write=write)
        try:
            self.ox = ox.Store(str(folder)) if write else ox.Store.read_only(str(folder))
        except OSError as err:
            self._lock.close()
            raise StoreError(f"store {folder}: cannot open it ({' '.join(str(err).split())})") from err
        self._merged: dict[str, ActorRecord | None] = {}  # actor IRI -> merged record
        self._written = 0
        self._seq = sum(1 for _ in self.ox.quads_for_pattern(None, _TYPE, _DOCUMENT, None))

    # ------------------------------------------------------------------ lifecycle
    def close(self) -> None:
        if getattr(self, "ox", None) is not None:
            if self.write:
                self.ox.flush()
            del self.ox
            self.ox = None
        if not self._lock.closed:
            self._lock.close()

    def __enter__(self) -> "KgStore":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # ------------------------------------------------------------------ reading
    def __len__(self) -> int:
        """The number of quads (triples in all graphs)."""
        return len(self.ox)

    def documents(self) -> int:
        """The number of documents in the store."""
        return sum(1 for _ in self.ox.quads_for_pattern(None, _TYPE, _DOCUMENT, None))

    def has_document(self, document_id: str) -> bool:
        """Whether a document with this content id is in the store."""
        name = to_ox(graph_iri(document_id))
        return any(True for _ in self.ox.quads_for_pattern(None, None, None, name))

    def named_graphs(self) -> list[Any]:
        """The names of the store's named graphs (pyoxigraph terms), sorted."""
        return sorted(self.ox.named_graphs(), key=str)

    def union_triples(self) -> Iterator[Any]:
        """Every distinct triple of every graph (pyoxigraph triples)."""
        return iter(self.ox.query("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }",
                                  use_default_graph_as_union=True))

    def dataset(self) -> Graph:
        """An rdflib view whose default graph is the union of all graphs, for SPARQL.

        Queries run in Oxigraph.  A triple stored in several document graphs
        (a direct ``actor -predicate-> actor`` triple found in two articles)
        matches once per graph: use ``DISTINCT`` where that matters.
        """
        from oxrdflib import OxigraphStore
        from rdflib import Dataset

        dataset = Dataset(store=OxigraphStore(store=self.ox), default_union=True)
        _bind(dataset)
        return dataset

    def union_graph(self) -> Graph:
        """All distinct triples as one rdflib graph (kept in an in-memory Oxigraph store)."""
        return memory_graph(self.ox)

    # ------------------------------------------------------------------ writing
    def ingest(self, extraction: Extraction, *, model: str | None = None, model_version: str | None = None,
               generated_at: Any = None) -> IngestResult:
        """Add one document in one transaction (see the module docstring)."""
        if not self.write:
            raise StoreError(f"store {self.path} is open read-only")
        scoped = scope_actors(extraction)
        document = scoped.document
        name = to_ox(graph_iri(document.id))
        if self.has_document(document.id):
            return IngestResult("unchanged", document.path)
        old_graphs = self._earlier_versions(scoped)

        graph = _Triples()
        document_graph(scoped, graph, model=model, model_version=model_version,  # type: ignore[arg-type]
                       generated_at=generated_at)
        records = actor_records(scoped)
        self._seq += 1
        doc_node = document_iri(document.id)
        for record in records:
            node = record_iri(document.id, record.key)
            graph.add((node, RDF.type, PROV.Entity))
            graph.add((node, PROV.specializationOf, actor_iri(record.key)))
            graph.add((node, PROV.wasDerivedFrom, doc_node))
            graph.add((node, RDF.value, Literal(_record_json(record, self._seq))))
        doc_triples = [tuple(to_ox(t) for t in triple) for triple in graph.triples]

        # the actors touched: this document's, and those of the versions it replaces
        new_by_iri = {to_ox(actor_iri(r.key)): r for r in records}
        touched = set(new_by_iri)
        for old in old_graphs:
            touched.update(q.object for q in self.ox.quads_for_pattern(None, _SPECIALIZATION_OF, None, old))
        states: dict[Any, ActorRecord | None] = {}
        for iri in touched:
            state = self._merged_state(iri, exclude=old_graphs)
            new_record = new_by_iri.get(iri)
            if new_record is not None:
                if state is None:
                    state = new_record.copy()
                else:
                    state = state.copy()
                    state.absorb(new_record)
            states[iri] = state
        if old_graphs:  # a changed first label renames the roles affiliated to the actor
            for iri, state in list(states.items()):
                before = self._merged_state(iri)
                if before is not None and (state is None or state.label != before.label):
                    for quad in self.ox.quads_for_pattern(None, _AFFILIATION, iri, _ACTORS):
                        for holder in self.ox.quads_for_pattern(None, _HAS_ROLE, quad.subject, _ACTORS):
                            if holder.subject not in states:
                                states[holder.subject] = self._merged_state(holder.subject, exclude=old_graphs)

        def state_of(key: str) -> ActorRecord | None:
            iri = to_ox(actor_iri(key))
            return states[iri] if iri in states else self._merged_state(iri)

        def label_of(key: str) -> str:
            state = state_of(key)
            return state.label if state is not None else key

        def cameo_of(state: ActorRecord) -> str | None:
            """The actor's CAMEO-style code, from it and its roles' affiliations."""
            group = {state.key: state}
            for _, affiliation in state.roles:
                found = state_of(affiliation) if affiliation else None
                if found is not None:
                    group[affiliation] = found
            return cameo_codes(group).get(state.key)

        deletes: set[tuple[Any, Any, Any]] = set()
        inserts: set[tuple[Any, Any, Any]] = set()
        for iri, state in states.items():
            old = set(self._actor_triples(iri))
            new = set() if state is None else {
                tuple(to_ox(t) for t in triple) for triple in actor_triples(state, label_of, cameo_of(state))
            }
            deletes |= old - new
            inserts |= new - old
        operations = []
        if deletes:
            operations.append("DELETE DATA { GRAPH %s {\n%s} }" % (_ACTORS, _lines(deletes)))
        operations.extend(f"DROP SILENT GRAPH {old}" for old in old_graphs)
        body = "GRAPH %s {\n%s}" % (name, _lines(doc_triples))
        if inserts:
            body += "\nGRAPH %s {\n%s}" % (_ACTORS, _lines(inserts))
        operations.append("INSERT DATA { %s }" % body)
        removed = len(deletes) + sum(
            sum(1 for _ in self.ox.quads_for_pattern(None, None, None, old)) for old in old_graphs
        )
        self.ox.update(" ;\n".join(operations))
        self._merged.update(states)
        self._written += 1
        if self._written % FLUSH_EVERY == 0:
            self.ox.flush()
        return IngestResult("replaced" if old_graphs else "added", document.path,
                            added=len(doc_triples) + len(inserts), removed=removed)

    def _earlier_versions(self, extraction: Extraction) -> list[Any]:
        """Named graphs of earlier versions of this article (same id, URL or path)."""
        document = extraction.document
        for attribute, prop, datatype in _IDENTITY:
            value = getattr(document, attribute)
            if value:
                break
        else:
            return []
        if attribute == "path" and value == "-":
            return []  # standard input has no identity of its own
        literal = to_ox(Literal(value, datatype=datatype))
        current = to_ox(graph_iri(document.id))
        found = {q.graph_name for q in self.ox.quads_for_pattern(None, to_ox(prop), literal, None)
                 if q.graph_name != current and isinstance(q.graph_name, ox.NamedNode)}
        return sorted(found, key=str)

    def _merged_state(self, iri: Any, *, exclude: Iterable[Any] = ()) -> ActorRecord | None:
        """An actor's merged record: from the cache, or from its records in the store."""
        excluded = set(exclude)
        if not excluded and iri in self._merged:
            return self._merged[iri]
        found = []
        for quad in self.ox.quads_for_pattern(None, _SPECIALIZATION_OF, iri, None):
            if quad.graph_name in excluded:
                continue
            for value in self.ox.quads_for_pattern(quad.subject, _VALUE, None, quad.graph_name):
                seq, record = _parse_record(value.object.value)
                found.append((seq, str(quad.graph_name), record))
        found.sort(key=lambda item: item[:2])
        state: ActorRecord | None = None
        for _, _, record in found:
            if state is None:
                state = record.copy()
                state.mentions, state.aliases, state.roles = 0, {}, {}
            state.absorb(record)
        if not excluded:
            self._merged[iri] = state
        return state

    def _actor_triples(self, iri: Any) -> Iterator[tuple[Any, Any, Any]]:
        """The triples of an actor and its roles in the actors graph."""
        for quad in self.ox.quads_for_pattern(iri, None, None, _ACTORS):
            yield quad.subject, quad.predicate, quad.object
            if quad.predicate == _HAS_ROLE:
                for role in self.ox.quads_for_pattern(quad.object, None, None, _ACTORS):
                    yield role.subject, role.predicate, role.object


class _Triples:
    """A set of triples with rdflib's ``add``: what :func:`kg.graph.document_graph` needs,
    without the cost of indexing an rdflib graph that is written out at once."""

    def __init__(self) -> None:
        self.triples: dict[tuple[Node, Node, Node], None] = {}

    def add(self, triple: tuple[Node, Node, Node]) -> None:
        self.triples[triple] = None


def memory_graph(source: Any) -> Graph:
    """The distinct triples of all graphs of a pyoxigraph store, as an rdflib graph
    backed by an in-memory Oxigraph store (fast SPARQL, rdflib API)."""
    from oxrdflib import OxigraphStore
    from rdflib.graph import DATASET_DEFAULT_GRAPH_ID

    memory = ox.Store()
    memory.bulk_extend(ox.Quad(t.subject, t.predicate, t.object) for t in source.query(
        "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }", use_default_graph_as_union=True))
    graph = Graph(store=OxigraphStore(store=memory), identifier=DATASET_DEFAULT_GRAPH_ID)
    _bind(graph)
    return graph


def _record_json(record: ActorRecord, seq: int) -> str:
    return '{"seq":%d,%s' % (seq, record.to_json()[1:])


def _parse_record(text: str) -> tuple[int, ActorRecord]:
    import json

    return int(json.loads(text).get("seq", 0)), ActorRecord.from_json(text)


def _lines(triples: Iterable[tuple[Any, Any, Any]]) -> str:
    return "".join(f"{s} {p} {o} .\n" for s, p, o in triples)


def _bind(graph: Graph) -> None:
    from kg.graph import NAMESPACES

    for prefix, namespace in NAMESPACES.items():
        graph.bind(prefix, namespace, override=True, replace=True)


def open_store(path: str | os.PathLike[str], *, write: bool = False) -> KgStore:
    """Open (``write=True``: create) the store in a folder, locking it; use as a context manager."""
    return KgStore(path, write=write)


def serialize_union(store: KgStore, fmt: str) -> bytes:
    """The union of a store's graphs as ``ttl``, ``nt`` or ``jsonld``, serialized by Oxigraph."""
    from kg.graph import NAMESPACES

    if fmt == "ttl":
        return ox.serialize(store.union_triples(), format=ox.RdfFormat.TURTLE, prefixes=NAMESPACES)
    if fmt == "nt":
        return ox.serialize(store.union_triples(), format=ox.RdfFormat.N_TRIPLES)
    if fmt == "jsonld":
        return ox.serialize(store.union_triples(), format=ox.RdfFormat.JSON_LD)
    raise StoreError(f"unknown graph format {fmt!r}; valid formats: ttl, nt, jsonld")


#: The Oxigraph format of each rdflib parser :data:`kg.query.GRAPH_FORMATS` names, so that
#: both loaders accept the same extensions.
OX_FORMATS: dict[str, Any] = {
    "turtle": ox.RdfFormat.TURTLE,
    "nt": ox.RdfFormat.N_TRIPLES,
    "json-ld": ox.RdfFormat.JSON_LD,
    "nquads": ox.RdfFormat.N_QUADS,
    "trig": ox.RdfFormat.TRIG,
}


def load_file(path: str | os.PathLike[str]) -> Any:
    """Parse a graph file into an in-memory Oxigraph store (named graphs kept).

    >>> load_file("no/such/graph.ttl")
    Traceback (most recent call last):
    ...
    kg.query.GraphLoadError: cannot read graph no/such/graph.ttl: no such file
    """
    from kg.query import GraphLoadError, _check_file

    target = Path(path)
    rdf_format = OX_FORMATS[_check_file(target)]
    memory = ox.Store()
    try:
        memory.bulk_load(path=str(target), format=rdf_format)
    except (OSError, SyntaxError, ValueError) as err:
        raise GraphLoadError(f"cannot read graph {target}: {' '.join(str(err).split())[:240]}") from err
    return memory
