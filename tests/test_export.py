"""kg.export: RDF formats round-trip; CSV tables are computed from the graph alone."""
from __future__ import annotations

import csv
import io
import json

import pytest
from rdflib import Graph
from rdflib.compare import isomorphic

from kg.export import (ACTOR_COLUMNS, FORMATS, INTERACTION_COLUMNS, ExportError, actors_table,
                       export, interactions_table, serialize, table, to_csv)
from kg.graph import build_dataset, union_graph
from kg.records import Actor, Document, Evidence, Extraction, Interaction, Paragraph, Role
from kg.vocab import KG_URI

KYIV_TEXT = (
    "Ukrainian President Volodymyr Zelensky thanked Germany for air defence systems on Monday. "
    "Kyiv accused Russia of shelling the Zaporizhzhia plant, Ukraine's foreign ministry said."
)
OPEC_TEXT = (
    "Saudi Arabia agreed with Russia on 5 October 2022 to cut oil output, Opec said in Vienna."
)


def _evidence(doc_id: str, text: str, sentence: str) -> Evidence:
    start = text.index(sentence)
    return Evidence(doc_id, sentence, start, start + len(sentence))


def kyiv() -> Extraction:
    doc = Document("kyiv01", KYIV_TEXT, "news/kyiv.txt", (Paragraph(0, KYIV_TEXT),))
    first, second = KYIV_TEXT.split(" Kyiv")
    second = "Kyiv" + second
    actors = (
        Actor("volodymyr-zelensky", "Volodymyr Zelensky", "Person", aliases=("Zelensky",),
              roles=(Role("President", "Ukraine"), Role("Commander-in-chief")), mentions=2),
        Actor("ukraine", "Ukraine", "Country", aliases=("Kyiv",), code="UKR", mentions=2),
        Actor("germany", "Germany", "Country", code="DEU"),
        Actor("russia", "Russia", "Country", code="RUS"),
        Actor("ukraine-foreign-ministry", "Ukraine's foreign ministry", "Organization"),
    )
    thanked = Interaction("volodymyr-zelensky", "germany", "thanked", "Praise", "asserted",
                          _evidence(doc.id, KYIV_TEXT, first), date_text="on Monday")
    accused = Interaction("ukraine", "russia", "accused", "Accuse", "reported",
                          _evidence(doc.id, KYIV_TEXT, second),
                          source="ukraine-foreign-ministry",
                          source_text="Ukraine's foreign ministry")
    return Extraction(doc, actors, (accused, thanked))  # out of text order on purpose


def opec() -> Extraction:
    doc = Document("opec01", OPEC_TEXT, "news/opec.txt", (Paragraph(0, OPEC_TEXT),))
    actors = (
        Actor("saudi-arabia", "Saudi Arabia", "Country", code="SAU"),
        Actor("russia", "Russia", "Country", code="RUS", mentions=1),
        Actor("opec", "Opec", "Organization"),
    )
    agreed = Interaction("saudi-arabia", "russia", "agreed with", "Agree", "reported",
                         _evidence(doc.id, OPEC_TEXT, OPEC_TEXT), date_text="on 5 October 2022",
                         date="2022-10-05", place="Vienna", source="opec",
                         source_text="Opec", symmetric=True)
    return Extraction(doc, actors, (agreed,))


GRAPH = union_graph(build_dataset([opec(), kyiv()]))
FROM_TURTLE = Graph().parse(data=serialize(GRAPH, "ttl"), format="turtle")

RDF_PARSERS = {"ttl": "turtle", "nt": "nt", "jsonld": "json-ld"}


def test_formats_contract() -> None:
    assert FORMATS == ("ttl", "nt", "jsonld", "trig", "nq", "graphml", "gexf", "csv")


def test_cli_offers_every_export_format() -> None:
    from kg.cli import EXPORT_FORMATS

    assert EXPORT_FORMATS == FORMATS


@pytest.mark.parametrize("fmt", list(RDF_PARSERS))
def test_rdf_formats_round_trip(fmt: str) -> None:
    data = serialize(GRAPH, fmt)
    assert isinstance(data, bytes)
    back = Graph().parse(data=data.decode("utf-8"), format=RDF_PARSERS[fmt])
    assert isomorphic(back, GRAPH)
    assert serialize(GRAPH, fmt) == data  # same graph, same bytes


def test_turtle_uses_kg_prefixes() -> None:
    text = serialize(GRAPH, "ttl").decode("utf-8")
    assert f"@prefix kg: <{KG_URI}> ." in text
    assert "a kg:Agree" in text


def test_jsonld_is_compacted_with_kg_context() -> None:
    document = json.loads(serialize(GRAPH, "jsonld"))
    assert document["@context"]["kg"] == KG_URI
    assert "kg:Agree" in json.dumps(document)


def test_ntriples_lines_are_sorted() -> None:
    lines = serialize(GRAPH, "nt").decode("utf-8").splitlines()
    assert lines == sorted(lines) and len(lines) == len(GRAPH)


@pytest.mark.parametrize(
    ("name", "columns", "header"),
    [
        ("interactions", INTERACTION_COLUMNS,
         "subject,relation,object,type,modality,date,place,source,document,sentence,plover"),
        ("actors", ACTOR_COLUMNS, "actor,type,role,affiliation,aliases,mentions,cameo"),
    ],
)
def test_csv_headers(name: str, columns: tuple[str, ...], header: str) -> None:
    text = export(FROM_TURTLE, "csv", table_name=name).decode("utf-8")
    assert text.splitlines()[0] == header
    assert table(FROM_TURTLE, name)[0] == columns


def test_interaction_rows_from_turtle() -> None:
    rows = interactions_table(FROM_TURTLE)
    assert [(row["document"], row["relation"]) for row in rows] == [
        ("news/kyiv.txt", "thanked"),  # sorted by document, then offset
        ("news/kyiv.txt", "accused"),
        ("news/opec.txt", "agreed with"),
    ]
    thanked, accused, agreed = rows
    assert thanked == {
        "subject": "Volodymyr Zelensky", "relation": "thanked", "object": "Germany",
        "type": "Praise", "modality": "asserted", "date": "on Monday", "place": "",
        "source": "", "document": "news/kyiv.txt",
        "sentence": KYIV_TEXT.split(" Kyiv")[0], "plover": "",
    }
    assert (accused["type"], accused["modality"], accused["plover"]) == (
        "Accuse", "reported", "DISAPPROVE")
    assert accused["source"] == "Ukraine's foreign ministry"
    assert (agreed["date"], agreed["place"], agreed["source"]) == ("2022-10-05", "Vienna", "Opec")


def test_tables_are_the_same_before_and_after_turtle() -> None:
    assert interactions_table(FROM_TURTLE) == interactions_table(GRAPH)
    assert actors_table(FROM_TURTLE) == actors_table(GRAPH)


def test_actor_rows_from_turtle() -> None:
    rows = {row["actor"]: row for row in actors_table(FROM_TURTLE)}
    assert list(rows) == sorted(rows, key=str.casefold)
    zelensky = rows["Volodymyr Zelensky"]
    assert zelensky == {
        "actor": "Volodymyr Zelensky", "type": "Person",
        "role": "Commander-in-chief; President", "affiliation": "; Ukraine",
        "aliases": "Zelensky", "mentions": "2", "cameo": "UKRGOV",
    }
    assert rows["Russia"]["mentions"] == "2"  # summed over both documents
    assert rows["Ukraine"]["aliases"] == "Kyiv"
    assert rows["Opec"]["type"] == "Organization"


def test_csv_round_trips_through_a_csv_reader() -> None:
    text = export(FROM_TURTLE, "csv").decode("utf-8")
    parsed = list(csv.DictReader(io.StringIO(text)))
    assert parsed == interactions_table(FROM_TURTLE)


def test_to_csv_quotes_commas_quotes_and_newlines() -> None:
    row = {"actor": 'Acme, "Holdings"\nLtd', "type": "Organization"}
    text = to_csv([row], ["actor", "type"])
    assert list(csv.DictReader(io.StringIO(text))) == [row]


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda: export(GRAPH, "xlsx"),
         "unknown format 'xlsx'; valid formats: ttl, nt, jsonld, trig, nq, graphml, gexf, csv"),
        (lambda: serialize(GRAPH, "csv"),
         "unknown RDF format 'csv'; valid RDF formats: ttl, nt, jsonld, trig, nq"),
        (lambda: export(GRAPH, "csv", table_name="events"),
         "unknown table 'events'; valid tables: interactions, actors"),
    ],
)
def test_unknown_format_or_table(call, message: str) -> None:
    with pytest.raises(ExportError) as info:
        call()
    assert str(info.value) == message


def test_empty_graph_gives_headers_only() -> None:
    assert export(Graph(), "csv").decode("utf-8") == ",".join(INTERACTION_COLUMNS) + "\n"
