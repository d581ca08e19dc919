"""CAMEO-style actor codes: the sector table, and the codes kg writes for real news text."""
from __future__ import annotations

import csv
import io
import subprocess
import sys
from pathlib import Path

import pytest

from kg.cameo import group_code, organization_code, person_code, sector, sectors

ROOT = Path(__file__).resolve().parent.parent

NEWS = (
    "Chinese Foreign Minister Wang Yi met Indian officials in New Delhi on Friday.\n\n"
    "NATO Secretary General Mark Rutte urged Russian troops to withdraw from the border, "
    "the alliance said.\n\n"
    "Turkish police detained Kurdish protesters in Istanbul on Sunday.\n"
)


def kg(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "kg", *args], capture_output=True, text=True,
                          cwd=ROOT)


@pytest.mark.parametrize(
    ("phrase", "expected"),
    [
        ("Foreign Minister", "GOV"),
        ("Deputy Prime Minister", "GOV"),
        ("Secretary of State", "GOV"),
        ("Secretary General", "GOV"),
        ("UN Secretary-General", "GOV"),
        ("General", "MIL"),
        ("Russian troops", "MIL"),
        ("Turkish police", "COP"),
        ("Labour MPs", "LEG"),
        ("Supreme Court judge", "JUD"),
        ("Syrian rebels", "REB"),
        ("chief executive", "BUS"),
        ("columnist", None),
    ],
)
def test_sector_of_titles_and_labels(phrase: str, expected: str | None) -> None:
    assert sector(phrase) == expected


def test_every_sector_is_a_three_letter_code() -> None:
    assert sectors() and all(len(code) == 3 and code.isupper() for code in sectors().values())


def test_codes_from_parts() -> None:
    assert group_code("GBR", "British lawmakers") == "GBRLEG"
    assert group_code(None, "Kurdish protesters") is None
    assert person_code([("spokesman", None, None), ("Defence Minister", "ISR", "ISR")]) == "ISRGOV"
    assert person_code([("leader", None, "GBRPTY")]) == "GBRPTY"  # leader of a party
    assert organization_code("the European Union") == "IGOEUREEC"
    assert organization_code("UN") == "IGOUNO"


def test_actors_table_ends_with_cameo_codes(tmp_path: Path) -> None:
    article = tmp_path / "news.txt"
    article.write_text(NEWS, encoding="utf-8")
    graph = tmp_path / "news.ttl"
    result = kg("extract", str(article), "-o", str(graph), "-q")
    assert result.returncode == 0, result.stderr
    result = kg("export", str(graph), "--format", "csv", "--table", "actors")
    assert result.returncode == 0, result.stderr
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert list(rows[0])[:6] == ["actor", "type", "role", "affiliation", "aliases", "mentions"]
    assert list(rows[0])[-1] == "cameo"
    codes = {row["actor"]: row["cameo"] for row in rows}
    expected = {
        "China": "CHN", "Wang Yi": "CHNGOV", "Indian officials": "INDGOV",
        "NATO": "IGOWSTNAT", "Mark Rutte": "IGOWSTNAT", "Russian troops": "RUSMIL",
        "Turkish police": "TURCOP", "Kurdish protesters": "",
    }
    assert {actor: codes.get(actor) for actor in expected} == expected
    result = kg("query", str(graph), "SELECT ?code WHERE { ?a rdfs:label 'Wang Yi' ; kg:cameoCode ?code }",
                "--format", "csv")
    assert result.stdout.splitlines() == ["code", "CHNGOV"]
