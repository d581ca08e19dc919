"""kg validate: SHACL shapes for everything kg writes, violations in plain words."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from rdflib import RDF, Graph, Literal, URIRef
from rdflib.namespace import SH, XSD

from kg.classes import CLASSES
from kg.graph import actor_iri, build_dataset, union_graph
from kg.ontology import ontology_path
from kg.validate import format_report, load_shapes, validate
from kg.vocab import KG, NIF

from conformance import assert_conforms
from test_graph import berlin, call

ROOT = Path(__file__).resolve().parent.parent
GOOD = union_graph(build_dataset([berlin(), call()], model="en_core_web_sm", model_version="3.8.0"))


def kg(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "kg", *args], capture_output=True, text=True,
                          cwd=ROOT)


def _copy() -> Graph:
    graph = Graph()
    for triple in GOOD:
        graph.add(triple)
    return graph


def _meeting(graph: Graph) -> URIRef:
    (node,) = graph.subjects(RDF.type, KG.Meet)
    return node


def test_shapes_ship_beside_the_ontology() -> None:
    assert ontology_path("shapes.ttl").is_file()


def test_every_shape_says_what_is_wrong_in_words() -> None:
    shapes = load_shapes()
    constraints = set(shapes.objects(None, SH.property))
    assert len(constraints) > 40
    for node in constraints:
        assert shapes.value(node, SH.message) is not None, shapes.value(node, SH.path)


def test_every_direct_predicate_has_a_shape() -> None:
    shapes = load_shapes()
    targets = set(shapes.objects(None, SH.targetSubjectsOf))
    paths = set(shapes.objects(None, SH.path))
    for row in CLASSES.values():
        assert KG[row.predicate] in targets and KG[row.predicate] in paths, row.predicate


def test_graphs_from_records_conform() -> None:
    assert_conforms(GOOD)
    assert_conforms(union_graph(build_dataset([berlin()])))  # no activity


@pytest.mark.parametrize(
    ("damage", "path", "words"),
    [
        (lambda g: g.remove((_meeting(g), KG.source, None)), "kg:source",
         "an interaction needs exactly one source"),
        (lambda g: g.set((_meeting(g), KG.modality, URIRef(str(KG.Asserted) + "ish"))),
         "kg:modality", "one of kg:Asserted, kg:Planned"),
        (lambda g: g.set((_meeting(g), KG.date, Literal("Sunday", datatype=XSD.date))),
         "kg:date", "valid xsd:date"),
        (lambda g: g.set((_meeting(g), KG.date, Literal("2023-01-24"))),
         "kg:date", "valid xsd:date"),
        (lambda g: g.add((actor_iri("joe-biden"), RDF.type, KG.Organization)), "",
         "exactly one of the types"),
        (lambda g: g.set((actor_iri("germany"), KG.isoCode, Literal("DE"))), "kg:isoCode",
         "three capital letters"),
        (lambda g: g.set((g.value(_meeting(g), KG.evidence), NIF.beginIndex,
                          Literal(10**6, datatype=XSD.nonNegativeInteger))),
         "nif:beginIndex", "not after its end offset"),
        (lambda g: g.add((actor_iri("joe-biden"), KG.warns, Literal("Putin"))), "kg:warns",
         "is an actor"),
        (lambda g: g.remove((None, KG.contentHash, None)), "kg:contentHash",
         "exactly one content hash"),
    ],
)
def test_broken_graphs_fail_with_readable_messages(damage, path: str, words: str) -> None:
    graph = _copy()
    damage(graph)
    report = validate(graph)
    assert not report.conforms
    assert any(v.path == path and words in v.message for v in report.violations), \
        format_report(report)


def test_cli_reports_violations_in_plain_words_and_exits_1(tmp_path: Path) -> None:
    graph = _copy()
    meeting = _meeting(graph)
    graph.remove((meeting, KG.source, None))
    graph.set((meeting, KG.modality, KG.Asserted + "ish"))
    graph.set((meeting, KG.date, Literal("Tuesday", datatype=XSD.date)))
    broken = tmp_path / "broken.ttl"
    broken.write_text(graph.serialize(format="turtle"), encoding="utf-8")
    result = kg("validate", str(broken))
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    focus = "kgid:interaction/" + str(meeting).rsplit("/", 1)[-1]
    assert f"violation: {focus} kg:source: an interaction needs exactly one source (kg:source), an actor" in lines
    assert any(line.startswith(f"violation: {focus} kg:date:") and '"Tuesday"^^xsd:date' in line
               for line in lines)
    assert lines[-1].startswith("does not conform: 3 violations")
    assert "Traceback" not in result.stderr and result.stderr == ""


def test_cli_says_conforms_and_exits_0(tmp_path: Path) -> None:
    good = tmp_path / "good.ttl"
    good.write_text(GOOD.serialize(format="turtle"), encoding="utf-8")
    result = kg("validate", str(good))
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.startswith("conforms:")


def test_cli_names_a_missing_graph(tmp_path: Path) -> None:
    result = kg("validate", str(tmp_path / "none.trig"))
    assert result.returncode == 1
    assert result.stderr.strip().splitlines() == [
        f"kg: error: cannot read graph {tmp_path / 'none.trig'}: no such file"]


CORPUS = ROOT.parent / "shared" / "corpus" / "bbc"


@pytest.mark.skipif(not CORPUS.is_dir(), reason="the BBC corpus (../shared/corpus/bbc) is not beside the checkout")
def test_graph_of_50_bbc_articles_conforms(tmp_path: Path) -> None:
    articles = [*sorted((CORPUS / "politics").glob("*.txt"))[:25],
                *sorted((CORPUS / "business").glob("*.txt"))[:25]]
    assert len(articles) == 50
    out = tmp_path / "bbc.trig"
    result = kg("extract", *map(str, articles), "-o", str(out), "-q")
    assert result.returncode == 0, result.stderr
    result = kg("validate", str(out))
    assert result.returncode == 0, result.stdout
    assert result.stdout.startswith("conforms:")
