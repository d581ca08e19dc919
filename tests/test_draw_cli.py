"""``kg draw`` options for big graphs (--top, --ego, --query), through the command line."""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from test_cli import ROOT, kg

SEED = ROOT / "graphs" / "seed.ttl"


def page_data(path: Path) -> dict:
    text = path.read_text(encoding="utf-8")
    match = re.search(r'<script type="application/json" id="kg-data">(.*?)</script>', text,
                      re.DOTALL)
    assert match is not None
    return json.loads(match[1])


def labels(path: Path) -> set[str]:
    return {node["kg"]["label"] for node in page_data(path)["nodes"]}


def draw(tmp_path: Path, *args: str) -> Path:
    page = tmp_path / "page.html"
    result = kg("draw", str(SEED), "-o", str(page), *args)
    assert result.returncode == 0, result.stderr
    return page


def test_top_keeps_the_most_central_actors(tmp_path: Path) -> None:
    page = draw(tmp_path, "--top", "3")
    assert labels(page) == {"Joe Biden", "Vladimir Putin", "Antony Blinken"}
    stats = json.loads(kg("stats", str(SEED), "--json", "--top", "3").stdout)
    assert labels(page) == {row["actor"] for row in stats["central"]["degree"]}
    # only the interactions among them
    data = page_data(page)
    ids = {node["id"] for node in data["nodes"]}
    assert data["edges"] and all({e["from"], e["to"]} <= ids for e in data["edges"])


@pytest.mark.parametrize(("actor", "depth", "expected"), [
    ("blinken", 1, {"Antony Blinken", "Jens Stoltenberg", "Luigi Di Maio", "Mélanie Joly",
                    "Volodymyr Zelensky"}),
    ("ANTONY BLINKEN", 2, {"Antony Blinken", "Jens Stoltenberg", "Luigi Di Maio",
                           "Mélanie Joly", "Volodymyr Zelensky", "Joe Biden"}),
    ("Stoltenberg", 0, {"Jens Stoltenberg"}),
])
def test_ego_draws_a_neighbourhood(tmp_path: Path, actor: str, depth: int,
                                   expected: set[str]) -> None:
    assert labels(draw(tmp_path, "--ego", actor, "--depth", str(depth))) == expected


def test_ego_and_top_combine(tmp_path: Path) -> None:
    assert labels(draw(tmp_path, "--ego", "Biden", "--depth", "2", "--top", "2")) == {
        "Joe Biden", "Vladimir Putin"}


def test_unknown_actor_is_a_one_line_error_naming_it(tmp_path: Path) -> None:
    page = tmp_path / "page.html"
    page.write_text("earlier page", encoding="utf-8")
    result = kg("draw", str(SEED), "-o", str(page), "--ego", "Boris Johnson")
    assert result.returncode == 1
    assert result.stderr.count("\n") == 1
    assert "'Boris Johnson'" in result.stderr and "seed.ttl" in result.stderr
    assert page.read_text(encoding="utf-8") == "earlier page"


@pytest.mark.parametrize(("args", "needle"), [
    (("--top", "0"), "--top"),
    (("--depth", "2"), "--depth needs --ego"),
    (("--ego", "Biden", "--depth", "-1"), "--depth"),
])
def test_bad_option_values(tmp_path: Path, args: tuple[str, ...], needle: str) -> None:
    result = kg("draw", str(SEED), "-o", str(tmp_path / "page.html"), *args)
    assert result.returncode == 2 and needle in result.stderr
    assert not (tmp_path / "page.html").exists()


def test_query_draws_a_construct(tmp_path: Path) -> None:
    query = tmp_path / "talks.rq"
    query.write_text("CONSTRUCT { ?a kg:communicatesWith ?b } "
                     "WHERE { ?a kg:communicatesWith ?b }\n", encoding="utf-8")
    data = page_data(draw(tmp_path, "--query", str(query)))
    # every communication that has a direct triple, with its evidence
    csv = kg("export", str(SEED), "--format", "csv").stdout.splitlines()[1:]
    direct = [line for line in csv if ",Communicate,asserted," in line
              or ",Communicate,reported," in line or ",Communicate,planned," in line]
    assert len(data["edges"]) == len(direct)
    assert {e["kg"]["type"] for e in data["edges"]} == {"Communicate"}
    assert all(e["kg"]["evidence"] for e in data["edges"])


def test_query_draws_a_select_of_triples(tmp_path: Path) -> None:
    query = tmp_path / "roles.rq"
    query.write_text("SELECT ?s ?p ?o WHERE { ?s kg:hasRole ?r . ?r kg:affiliation ?o ."
                     " ?o rdfs:label \"United States\" . BIND(kg:hasRole AS ?p) }\n",
                     encoding="utf-8")
    data = page_data(draw(tmp_path, "--query", str(query)))
    assert {e["kg"]["relation"] for e in data["edges"]} == {"kg:hasRole"}
    assert {"Joe Biden", "Antony Blinken", "United States"} <= labels(tmp_path / "page.html")


@pytest.mark.parametrize(("text", "code", "needle"), [
    ("SELECT ?a ?b WHERE { ?a kg:meetsWith ?b }", 1, "must bind ?s ?p ?o"),
    ("ASK { ?a ?p ?b }", 1, "cannot draw an ASK result"),
    ("CONSTRUC { ?a ?p ?b } WHERE { ?a ?p ?b }", 2, "invalid SPARQL"),
])
def test_bad_queries_are_errors_naming_the_file(tmp_path: Path, text: str, code: int,
                                                needle: str) -> None:
    query = tmp_path / "bad.rq"
    query.write_text(text, encoding="utf-8")
    result = kg("draw", str(SEED), "-o", str(tmp_path / "page.html"), "--query", str(query))
    assert result.returncode == code
    assert needle in result.stderr and "bad.rq" in result.stderr
    assert result.stderr.count("\n") == 1
    assert not (tmp_path / "page.html").exists()


def test_missing_query_file(tmp_path: Path) -> None:
    result = kg("draw", str(SEED), "-o", str(tmp_path / "page.html"), "--query",
                str(tmp_path / "nope.rq"))
    assert result.returncode == 1 and "nope.rq" in result.stderr


def test_same_seed_same_page_other_seed_other_layout(tmp_path: Path) -> None:
    first = draw(tmp_path, "--seed", "3").read_text(encoding="utf-8")
    assert draw(tmp_path).read_text(encoding="utf-8") != first
    assert draw(tmp_path, "--seed", "3").read_text(encoding="utf-8") == first
    assert page_data(tmp_path / "page.html")["options"]["layout"]["randomSeed"] == 3
