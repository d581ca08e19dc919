"""Every export format of the seed graph parses back with the same actors and interactions:
rdflib for RDF, networkx for GraphML/GEXF, csv for the tables, and pyoxigraph as an
independent RDF parser and SPARQL engine."""
from __future__ import annotations

import csv
import io
import subprocess
import sys
from pathlib import Path

import networkx as nx
import pyoxigraph as ox
import pytest
from rdflib import RDF, Dataset, Graph, URIRef
from rdflib.compare import isomorphic

from conformance import assert_conforms
from kg.graph import NAMESPACES
from kg.library import bind, load_library
from kg.query import load_graph
from kg.records import ACTOR_TYPES
from kg.vocab import KG

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
RDF_PARSERS = {"ttl": "turtle", "nt": "nt", "jsonld": "json-ld", "trig": "trig", "nq": "nquads"}
OXIGRAPH_FORMATS = {"ttl": ox.RdfFormat.TURTLE, "nt": ox.RdfFormat.N_TRIPLES,
                    "trig": ox.RdfFormat.TRIG, "nq": ox.RdfFormat.N_QUADS}


def kg(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "kg", *args], capture_output=True, cwd=ROOT)


@pytest.fixture(scope="module")
def seed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("formats") / "seed.trig"
    result = kg("extract", str(SEEDS), "-o", str(out), "-q")
    assert result.returncode == 0, result.stderr
    return out


@pytest.fixture(scope="module")
def union(seed: Path) -> Graph:
    return load_graph(seed)


def _export(seed: Path, fmt: str, *extra: str) -> bytes:
    result = kg("export", str(seed), "--format", fmt, *extra)
    assert result.returncode == 0, result.stderr
    return result.stdout


def _actors(graph: Graph) -> set[URIRef]:
    return {s for name in ACTOR_TYPES for s in graph.subjects(RDF.type, KG[name])}


def _interactions(graph: Graph) -> set[URIRef]:
    return set(graph.subjects(KG.source, None))


def _parse(data: bytes, fmt: str) -> Graph:
    if fmt in ("trig", "nq"):
        dataset = Dataset()
        dataset.parse(data=data, format=RDF_PARSERS[fmt])
        graph = Graph()
        for s, p, o, _ in dataset.quads((None, None, None, None)):
            graph.add((s, p, o))
        return graph
    return Graph().parse(data=data, format=RDF_PARSERS[fmt])


def test_the_seed_graph_is_not_trivial(union: Graph) -> None:
    assert len(_actors(union)) >= 15 and len(_interactions(union)) >= 10
    assert_conforms(union)


@pytest.mark.parametrize("fmt", list(RDF_PARSERS))
def test_rdf_formats_parse_back_with_rdflib(seed: Path, union: Graph, fmt: str) -> None:
    back = _parse(_export(seed, fmt), fmt)
    assert _actors(back) == _actors(union)
    assert _interactions(back) == _interactions(union)
    assert isomorphic(back, union)


def test_jsonld_is_compact_with_kg_prefixes(seed: Path) -> None:
    import json

    document = json.loads(_export(seed, "jsonld"))
    assert document["@context"]["kg"] == NAMESPACES["kg"]
    assert "kg:Communicate" in json.dumps(document)


@pytest.mark.parametrize("fmt", ["trig", "nq"])
def test_quad_formats_keep_one_named_graph_per_document(seed: Path, fmt: str) -> None:
    dataset = Dataset()
    dataset.parse(data=_export(seed, fmt), format=RDF_PARSERS[fmt])
    names = {str(g.identifier) for g in dataset.graphs() if len(g)}
    assert "https://w3id.org/kg-news/id/graph/actors" in names
    documents = {n for n in names if not n.endswith("/actors")}
    assert len(documents) == 1
    (document_graph,) = documents
    graph = dataset.graph(URIRef(document_graph))
    (content_hash,) = graph.objects(None, KG.contentHash)
    assert document_graph.endswith("/graph/" + str(content_hash)[:16])


@pytest.mark.parametrize("fmt", list(OXIGRAPH_FORMATS))
def test_rdf_formats_parse_back_with_pyoxigraph(seed: Path, union: Graph, fmt: str) -> None:
    quads = list(ox.parse(_export(seed, fmt), format=OXIGRAPH_FORMATS[fmt]))
    triples = {(q.subject.value, q.predicate.value, q.object.value) for q in quads}
    assert len(triples) == len(union)
    source = KG.source.toPython()
    assert {s for s, p, _ in triples if p == source} == {str(i) for i in _interactions(union)}
    if fmt in ("trig", "nq"):
        assert len({str(q.graph_name) for q in quads}) == 2  # the actors graph and the document's


@pytest.mark.parametrize("fmt", ["graphml", "gexf"])
def test_network_formats_parse_back_with_networkx(seed: Path, union: Graph, fmt: str) -> None:
    data = _export(seed, fmt)
    reader = nx.read_graphml if fmt == "graphml" else nx.read_gexf
    network = reader(io.BytesIO(data))
    participants = {str(a) for i in _interactions(union)
                    for a in (*union.objects(i, KG.source), *union.objects(i, KG.target))}
    assert set(network.nodes) == participants
    assert network.number_of_edges() == len(_interactions(union))
    labels = nx.get_node_attributes(network, "label")
    assert labels["https://w3id.org/kg-news/id/actor/antony-blinken"] == "Antony Blinken"
    edges = list(network.edges(data=True))
    assert {d["class"] for _, _, d in edges} >= {"Communicate", "Appeal", "Meet"}
    assert all(d["sentence"] and "modality" in d for _, _, d in edges)
    cameo = nx.get_node_attributes(network, "cameo")
    assert cameo["https://w3id.org/kg-news/id/actor/joe-biden"] == "USAGOV"


@pytest.mark.parametrize(("name", "count"), [("interactions", _interactions), ("actors", _actors)])
def test_csv_tables_have_a_row_each(seed: Path, union: Graph, name: str, count) -> None:
    rows = list(csv.DictReader(io.StringIO(_export(seed, "csv", "--table", name).decode("utf-8"))))
    assert len(rows) == len(count(union))


# ---------------------------------------------------------------- rdflib and Oxigraph agree

def _oxigraph_store(seed: Path) -> ox.Store:
    store = ox.Store()
    store.load(seed.read_bytes(), format=ox.RdfFormat.TRIG)
    return store


def _ox_value(term: object) -> str | None:
    return None if term is None else term.value


@pytest.mark.parametrize("name", sorted(load_library()))
def test_library_queries_give_the_same_answers_in_oxigraph(seed: Path, union: Graph, name: str) -> None:
    from test_library import PARAMS

    query = load_library()[name]
    text = bind(query, PARAMS.get(name, {}))
    store = _oxigraph_store(seed)
    assert len(store) == len(union)
    theirs = store.query(text, use_default_graph_as_union=True)
    ours = union.query(text, initNs=NAMESPACES)
    if ours.type == "CONSTRUCT":
        ox_graph = {(t.subject.value, t.predicate.value, t.object.value) for t in theirs}
        assert ox_graph == {(str(s), str(p), str(o)) for s, p, o in ours.graph}
        assert ox_graph
        return
    variables = [v.value for v in theirs.variables]
    assert variables == [str(v) for v in ours.vars]
    ox_rows = sorted(tuple(_ox_value(row[v]) or "" for v in variables) for row in theirs)
    rdflib_rows = sorted(tuple("" if row[i] is None else str(row[i]) for i in range(len(variables)))
                         for row in ours)
    assert ox_rows == rdflib_rows and ox_rows


def test_named_graph_queries_in_oxigraph(seed: Path) -> None:
    store = _oxigraph_store(seed)
    rows = list(store.query(
        "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g ORDER BY ?g"))
    assert [row["g"].value.rsplit("/", 1)[-1] for row in rows][-1] == "actors"
    assert len(rows) == 2


def test_turtle_export_reparses_isomorphic(seed: Path, union: Graph) -> None:
    text = _export(seed, "ttl")
    assert isomorphic(Graph().parse(data=text, format="turtle"), union)
    store = ox.Store()
    store.load(text, format=ox.RdfFormat.TURTLE)
    assert len(store) == len(union)
