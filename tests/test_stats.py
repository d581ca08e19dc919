"""``kg stats`` on the seed graph, through the command line; values checked against the
graph's own CSV export, not against the analysis code."""
from __future__ import annotations

import csv
import io
import json
from collections import Counter
from pathlib import Path

import pytest

from test_cli import ROOT, kg

SEED = ROOT / "graphs" / "seed.ttl"


@pytest.fixture(scope="module")
def report() -> dict:
    result = kg("stats", str(SEED), "--json")
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


@pytest.fixture(scope="module")
def interactions() -> list[dict[str, str]]:
    result = kg("export", str(SEED), "--format", "csv")
    return list(csv.DictReader(io.StringIO(result.stdout)))


@pytest.fixture(scope="module")
def actors() -> list[dict[str, str]]:
    result = kg("export", str(SEED), "--format", "csv", "--table", "actors")
    return list(csv.DictReader(io.StringIO(result.stdout)))


def test_counts_match_the_exported_tables(report: dict, interactions: list[dict[str, str]],
                                          actors: list[dict[str, str]]) -> None:
    counts = report["counts"]
    assert counts["classes"] == dict(Counter(row["type"] for row in interactions))
    assert counts["modalities"] == dict(Counter(row["modality"] for row in interactions))
    assert counts["actor_types"] == dict(Counter(row["type"] for row in actors))
    assert report["totals"]["interactions"] == len(interactions)
    assert report["totals"]["actors"] == len(actors)
    assert list(counts["actor_types"]) == [t for t in ("Person", "Organization", "Country",
                                                       "Group") if t in counts["actor_types"]]


def test_biden_is_the_most_central_by_degree(report: dict,
                                             interactions: list[dict[str, str]]) -> None:
    top = report["central"]["degree"][0]
    biden = sum((row["subject"] == "Joe Biden") + (row["object"] == "Joe Biden")
                for row in interactions)
    assert top == {"actor": "Joe Biden", "type": "Person", "value": biden}
    values = [row["value"] for row in report["central"]["degree"]]
    assert values == sorted(values, reverse=True)


def test_blinken_bridges_and_pagerank_sums_to_one(report: dict) -> None:
    # Blinken's partners reach Biden only through him and Zelensky
    assert report["central"]["betweenness"][0]["actor"] == "Antony Blinken"
    pagerank = [row["actor"] for row in report["central"]["pagerank"]]
    assert pagerank[0] == "Joe Biden"
    full = json.loads(kg("stats", str(SEED), "--json", "--top", "100").stdout)
    assert sum(row["value"] for row in full["central"]["pagerank"]) == pytest.approx(1, abs=1e-3)


def test_communities_and_strongest_ties(report: dict, interactions: list[dict[str, str]]) -> None:
    groups = [set(c["members"]) for c in report["communities"]]
    assert {"Antony Blinken", "Jens Stoltenberg", "Luigi Di Maio", "Mélanie Joly"} in groups
    assert all(c["size"] == len(c["members"]) >= 2 for c in report["communities"])
    strongest = report["ties"][0]
    assert strongest["actors"] == ["Joe Biden", "Vladimir Putin"]
    pair = [row for row in interactions
            if {row["subject"], row["object"]} == {"Joe Biden", "Vladimir Putin"}]
    assert strongest["interactions"] == len(pair)
    assert strongest["classes"] == {cls: n for cls, n in Counter(r["type"] for r in pair).items()}


def test_table_output_is_readable_and_top_limits_the_rows(report: dict) -> None:
    result = kg("stats", str(SEED), "--top", "3")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    totals = report["totals"]
    assert lines[0].startswith(f"{totals['actors']} actors, {totals['interactions']} "
                               f"interactions, {totals['ties']} ties")
    for heading in ("actor type", "interaction class", "modality", "most central actors",
                    "communities (Louvain", "strongest ties"):
        assert any(line.startswith(heading) for line in lines), heading
    ranking = lines[lines.index("most central actors") + 3:]
    assert ranking[0].split()[:3] == ["1", "Joe", "Biden"]
    assert ranking[3] == ""  # three rows, then the next section
    ties = lines[lines.index("strongest ties") + 3:]
    assert len(ties) == 3 and ties[0].startswith("Joe Biden \u2013 Vladimir Putin")


def test_empty_graph_and_bad_input(tmp_path: Path) -> None:
    empty = tmp_path / "empty.ttl"
    empty.write_text("", encoding="utf-8")
    report = json.loads(kg("stats", str(empty), "--json").stdout)
    assert report["totals"] == {"actors": 0, "interactions": 0, "ties": 0, "isolated": 0}
    assert report["communities"] == [] and report["ties"] == []
    missing = kg("stats", str(tmp_path / "missing.ttl"))
    assert missing.returncode == 1
    assert missing.stderr.strip().count("\n") == 0 and "missing.ttl" in missing.stderr
    bad = kg("stats", str(SEED), "--top", "0")
    assert bad.returncode == 2 and "--top" in bad.stderr
