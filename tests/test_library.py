"""The query library (ontology/queries/*.rq): headers, kg query --name/--list/--param, and
each query's expected result on the seed graph (ontology/queries/expected/)."""
from __future__ import annotations

import csv
import io
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from rdflib import Graph
from rdflib.compare import isomorphic

from kg.classes import CLASSES
from kg.library import LibraryError, bind, get_query, load_library
from kg.ontology import queries_dir

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "graphs" / "seed.ttl"
EXPECTED = ROOT / "ontology" / "queries" / "expected"
PARAMS: dict[str, dict[str, str]] = json.loads((EXPECTED / "params.json").read_text("utf-8"))
LIBRARY = load_library()
REQUIRED = {"who-with-whom", "actor", "timeline", "by-class", "by-modality", "roles",
            "who-said-what", "edge-evidence", "network"}


def kg(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "kg", *args], capture_output=True, text=True,
                          cwd=ROOT)


def _param_args(name: str) -> list[str]:
    return [arg for key, value in PARAMS.get(name, {}).items() for arg in ("--param", f"{key}={value}")]


def _ordered(text: str) -> bool:
    return re.search(r"\bORDER\s+BY\b", text, re.I) is not None


def test_the_library_has_the_queries_the_issue_asks_for() -> None:
    assert REQUIRED <= set(LIBRARY)


@pytest.mark.parametrize("name", sorted(LIBRARY))
def test_header_names_the_file_and_describes_it(name: str) -> None:
    query = LIBRARY[name]
    assert Path(query.path).stem == name
    assert len(query.description) > 30
    assert Path(query.path).parent == queries_dir()


@pytest.mark.parametrize("name", sorted(LIBRARY))
def test_every_query_has_an_expected_result(name: str) -> None:
    assert [p.name for p in EXPECTED.glob(f"{name}.*")], f"no expected result for {name}"


@pytest.mark.parametrize("name", sorted(LIBRARY))
def test_query_gives_its_expected_result_on_the_seed(name: str) -> None:
    result = kg("query", str(SEED), "--name", name, "--format", "csv", *_param_args(name))
    assert result.returncode == 0, result.stderr
    nt = EXPECTED / f"{name}.nt"
    if nt.exists():  # CONSTRUCT: the same graph
        expected = Graph().parse(nt, format="nt")
        actual = Graph().parse(data=result.stdout, format="nt")
        assert len(actual) > 0 and isomorphic(actual, expected)
        return
    expected_rows = list(csv.reader(io.StringIO((EXPECTED / f"{name}.csv").read_text("utf-8"))))
    actual_rows = list(csv.reader(io.StringIO(result.stdout)))
    assert actual_rows[0] == expected_rows[0]  # the header
    assert len(actual_rows) > 1
    if _ordered(LIBRARY[name].text):
        assert actual_rows[1:] == expected_rows[1:]
    else:
        assert sorted(actual_rows[1:]) == sorted(expected_rows[1:])


def test_network_query_knows_every_direct_predicate() -> None:
    text = LIBRARY["network"].text
    for row in CLASSES.values():
        assert f"kg:{row.predicate}" in text.split(), row.predicate


def test_list_shows_every_query_without_a_graph() -> None:
    result = kg("query", "--list")
    assert result.returncode == 0, result.stderr
    for name, query in LIBRARY.items():
        assert f"{name}  " in result.stdout and query.description in result.stdout
    assert "--param actor=" in result.stdout


def test_unknown_name_is_one_line_listing_valid_names() -> None:
    result = kg("query", str(SEED), "--name", "who-is-who")
    assert result.returncode == 2
    (line,) = result.stderr.strip().splitlines()
    assert line == f"kg: error: unknown query 'who-is-who'; valid names: {', '.join(LIBRARY)}"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--name", "actor"), "query actor needs --param actor=VALUE"),
        (("--name", "actor", "--param", "who=Biden"), "query actor has no parameter 'who'"),
        (("--name", "actor", "--param", "Biden"), "bad --param 'Biden'; write NAME=VALUE"),
        (("SELECT * WHERE { ?s ?p ?o }", "--name", "actor"), "give exactly one of"),
    ],
)
def test_parameter_mistakes_are_one_line_errors(args: tuple[str, ...], message: str) -> None:
    result = kg("query", str(SEED), *args)
    assert result.returncode == 2
    (line,) = result.stderr.strip().splitlines()
    assert message in line


def test_aliases_work_as_parameters() -> None:
    by_alias = kg("query", str(SEED), "--name", "actor", "--param", "actor=Blinken", "--format", "csv")
    assert by_alias.stdout == (EXPECTED / "actor.csv").read_text("utf-8")


def test_parameter_values_cannot_change_the_query() -> None:
    hostile = 'Blinken" } ?a ?b ?c . VALUES ?x { "'
    result = kg("query", str(SEED), "--name", "actor", "--param", f"actor={hostile}", "--format", "csv")
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == ["label,what,value,other,modality"]  # no such actor
    text = bind(get_query("actor"), {"actor": hostile})
    assert 'VALUES ?actor { "Blinken\\" } ?a ?b ?c . VALUES ?x { \\"" }' in text


def test_a_query_file_takes_parameters_too(tmp_path: Path) -> None:
    result = kg("query", str(SEED), "-f", str(queries_dir() / "edge-evidence.rq"),
                *_param_args("edge-evidence"), "--format", "csv")
    assert result.stdout == (EXPECTED / "edge-evidence.csv").read_text("utf-8")


def test_unknown_query_from_the_library_api() -> None:
    with pytest.raises(LibraryError, match="valid names: actor, by-class"):
        get_query("nope")
