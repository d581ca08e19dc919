"""kg.query: loading graph files, running SPARQL and formatting results."""
from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from rdflib import Graph
from rdflib.compare import isomorphic

from kg.graph import build_dataset, union_graph
from kg.query import GraphLoadError, QueryError, format_result, load_graph, run_query
from kg.records import Actor, Document, Evidence, Extraction, Interaction, Paragraph, Role

TEXT = (
    "Chinese Foreign Minister Wang Yi met Antony Blinken in Munich on Saturday. "
    "Beijing did not sanction Washington, a spokesman said. "
    "Blinken warned China against arming Russia."
)

ACTORS_BY_MENTIONS = """
SELECT ?name ?mentions WHERE {
  ?actor a kg:Person ; rdfs:label ?name ; kg:mentionCount ?mentions .
} ORDER BY DESC(?mentions) ?name
"""


def _evidence(sentence: str) -> Evidence:
    start = TEXT.index(sentence)
    return Evidence("munich01", sentence, start, start + len(sentence))


def munich() -> Extraction:
    doc = Document("munich01", TEXT, "news/munich.txt", (Paragraph(0, TEXT),),
                   title="Wang Yi meets Blinken", date="2023-02-18")
    first, second, third = (part if part.endswith(".") else part + "."
                            for part in TEXT.split(". "))
    actors = (
        Actor("wang-yi", "Wang Yi", "Person", roles=(Role("Foreign Minister", "China"),),
              mentions=1),
        Actor("antony-blinken", "Antony Blinken", "Person", aliases=("Blinken",), mentions=2),
        Actor("china", "China", "Country", aliases=("Beijing",), code="CHN", mentions=2),
        Actor("united-states", "United States", "Country", aliases=("Washington",), code="USA"),
        Actor("russia", "Russia", "Country", code="RUS"),
    )
    interactions = (
        Interaction("wang-yi", "antony-blinken", "met", "Meet", "asserted", _evidence(first),
                    date_text="on Saturday", date="2023-02-18", place="Munich", symmetric=True),
        Interaction("china", "united-states", "did not sanction", "Sanction", "negated",
                    _evidence(second), source_text="a spokesman"),
        Interaction("antony-blinken", "china", "warned", "Warn", "asserted", _evidence(third)),
    )
    return Extraction(doc, actors, interactions)


GRAPH = union_graph(build_dataset([munich()]))


def test_select_table_is_aligned() -> None:
    text = format_result(run_query(GRAPH, ACTORS_BY_MENTIONS), "table")
    assert text.splitlines() == [
        "name            mentions",
        "--------------  --------",
        "Antony Blinken  2",
        "Wang Yi         1",
    ]


def test_select_csv() -> None:
    text = format_result(run_query(GRAPH, ACTORS_BY_MENTIONS), "csv")
    assert list(csv.reader(io.StringIO(text))) == [
        ["name", "mentions"], ["Antony Blinken", "2"], ["Wang Yi", "1"],
    ]


def test_select_json_follows_sparql_results_format() -> None:
    document = json.loads(format_result(run_query(GRAPH, ACTORS_BY_MENTIONS), "json"))
    assert document["head"] == {"vars": ["name", "mentions"]}
    first = document["results"]["bindings"][0]
    assert first["name"] == {"type": "literal", "value": "Antony Blinken"}
    assert first["mentions"] == {
        "type": "literal", "value": "2",
        "datatype": "http://www.w3.org/2001/XMLSchema#integer",
    }


def test_unbound_values_are_left_out_or_empty() -> None:
    query = """SELECT ?relation ?place WHERE {
      ?i kg:relationText ?relation . OPTIONAL { ?i kg:place ?place } } ORDER BY ?relation"""
    result = run_query(GRAPH, query)
    rows = list(csv.reader(io.StringIO(format_result(result, "csv"))))
    assert rows[1:] == [["did not sanction", ""], ["met", "Munich"], ["warned", ""]]
    bindings = json.loads(format_result(result, "json"))["results"]["bindings"]
    assert "place" not in bindings[0] and bindings[1]["place"]["value"] == "Munich"


def test_iris_are_compacted_in_tables_and_full_in_csv() -> None:
    query = "SELECT ?type WHERE { ?i kg:relationText 'met' ; a ?type }"
    result = run_query(GRAPH, query)
    assert format_result(result, "table").splitlines()[2] == "kg:Meet"
    assert format_result(result, "csv").splitlines()[1] == (
        "https://w3id.org/kg-news/ontology#Meet"
    )


def test_long_cells_are_cut_in_tables() -> None:
    query = "SELECT ?s WHERE { ?e kg:sentenceText ?s } ORDER BY ?s"
    lines = format_result(run_query(GRAPH, query), "table", width=20).splitlines()
    assert all(len(line) <= 20 for line in lines)
    assert lines[2].endswith("…")


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("ASK { ?a kg:meetsWith ?b }", True),
        ("ASK { ?a kg:sanctions ?b }", False),  # negated: no direct triple
    ],
)
def test_ask(query: str, expected: bool) -> None:
    result = run_query(GRAPH, query)
    word = "true" if expected else "false"
    assert format_result(result, "table") == word + "\n"
    assert format_result(result, "csv") == word + "\n"
    assert json.loads(format_result(result, "json")) == {"head": {}, "boolean": expected}


CONSTRUCT = "CONSTRUCT { ?a kg:interactsWith ?b } WHERE { ?a kg:meetsWith ?b }"


@pytest.mark.parametrize(("fmt", "parser"), [("table", "turtle"), ("csv", "nt"), ("json", "json-ld")])
def test_construct(fmt: str, parser: str) -> None:
    result = run_query(GRAPH, CONSTRUCT)
    text = format_result(result, fmt)
    back = Graph().parse(data=text, format=parser)
    assert isomorphic(back, result.graph)
    assert len(back) == 1


def test_describe_gives_a_graph() -> None:
    query = "DESCRIBE ?a WHERE { ?a rdfs:label 'Wang Yi' }"
    text = format_result(run_query(GRAPH, query), "table")
    assert '"Wang Yi"' in text


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("SELEC ?s WHERE { ?s ?p ?o }", r"invalid SPARQL in q\.rq: Expected .* \(line:1, col:1\)"),
        ("SELECT ?s WHERE { ?s ?p ?o ", r"invalid SPARQL in q\.rq: .*end of text"),
        ("SELECT ?s WHERE { ?s dbo:leader ?o }", r"q\.rq: Unknown namespace prefix : dbo"),
    ],
)
def test_invalid_sparql_raises_query_error(query: str, message: str) -> None:
    with pytest.raises(QueryError, match=message) as info:
        run_query(GRAPH, query, name="q.rq")
    assert "\n" not in str(info.value)


def test_unknown_result_format() -> None:
    with pytest.raises(QueryError, match="valid formats: table, csv, json"):
        format_result(run_query(GRAPH, "ASK {}"), "yaml")


@pytest.mark.parametrize("suffix", [".ttl", ".nt", ".jsonld", ".nq", ".trig"])
def test_load_graph_by_extension(tmp_path: Path, suffix: str) -> None:
    formats = {".ttl": "turtle", ".nt": "nt", ".jsonld": "json-ld", ".nq": "nquads",
               ".trig": "trig"}
    target = tmp_path / f"munich{suffix}"
    source = build_dataset([munich()]) if suffix in (".nq", ".trig") else GRAPH
    target.write_text(source.serialize(format=formats[suffix]), encoding="utf-8")
    loaded = load_graph(target)
    assert isomorphic(loaded, GRAPH)
    assert format_result(run_query(loaded, "ASK { ?a kg:warns ?b }"), "csv") == "true\n"


@pytest.mark.parametrize(
    ("name", "content", "reason"),
    [
        ("missing.ttl", None, "no such file"),
        ("folder.ttl", "DIR", "is a folder, not a file"),
        ("graph.xlsx", "x", "unknown extension '.xlsx'; valid extensions: .ttl"),
        ("broken.ttl", '@prefix kg: <https://w3id.org/kg-news/ontology#> .\nkg:a kg:b "open .\n',
         "line 2: bad syntax (newline found in string literal)"),
        ("broken.jsonld", '{"@id": ', ""),
        ("broken.nt", "<a> <b> .\n", ""),
    ],
)
def test_load_graph_errors(tmp_path: Path, name: str, content: str | None, reason: str) -> None:
    target = tmp_path / name
    if content == "DIR":
        target.mkdir()
    elif content is not None:
        target.write_text(content, encoding="utf-8")
    with pytest.raises(GraphLoadError) as info:
        load_graph(target)
    message = str(info.value)
    assert message.startswith(f"cannot read graph {target}: {reason}")
    assert "\n" not in message
