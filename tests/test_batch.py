"""Batch ingestion through the CLI: every input kind, worker processes, document dates."""
from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from rdflib import Graph

from kg.store import open_store

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus" / "bbc"


def kg(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    # a fixed extraction time (SOURCE_DATE_EPOCH), so that two runs give the same graph
    env = {**os.environ, "SOURCE_DATE_EPOCH": "1700000000"}
    return subprocess.run([sys.executable, "-m", "kg", *args], capture_output=True, text=True, cwd=ROOT,
                          input=stdin, env=env)


def interactions(graph_file: Path) -> list[dict[str, str]]:
    result = kg("export", str(graph_file), "--format", "csv")
    assert result.returncode == 0, result.stderr
    return list(csv.DictReader(io.StringIO(result.stdout)))


WIRE = {"id": "wire-0216", "title": "Blair and Chirac meet", "date": "2005-02-16",
        "url": "https://news.example.org/blair-chirac",
        "text": "Tony Blair met Jacques Chirac in Paris on Sunday. Gordon Brown will meet Kofi Annan on Friday."}

PAGE = """<html><head><title>Blair meets Chirac</title>
<meta property="article:published_time" content="2005-02-16T10:00:00Z"></head>
<body><nav>Home | News | Sport</nav><article><h1>Blair meets Chirac</h1>
<p>Prime Minister Tony Blair met French President Jacques Chirac in Paris on Sunday, officials said.</p>
<p>The two leaders discussed the Middle East peace process and climate change during the talks.</p>
</article></body></html>"""


def test_jsonl_date_anchors_relative_dates(tmp_path: Path) -> None:
    wire = tmp_path / "wire.jsonl"
    wire.write_text(json.dumps(WIRE) + "\n", encoding="utf-8")
    assert kg("extract", str(wire), "-o", str(tmp_path / "g.ttl"), "-q").returncode == 0
    dates = {(row["subject"], row["object"]): row["date"] for row in interactions(tmp_path / "g.ttl")}
    assert dates[("Tony Blair", "Jacques Chirac")] == "2005-02-13"  # the Sunday before a Wednesday
    assert dates[("Gordon Brown", "Kofi Annan")] == "2005-02-18"  # a planned meeting: the Friday after
    undated = tmp_path / "undated.jsonl"
    undated.write_text(json.dumps({"text": WIRE["text"]}) + "\n", encoding="utf-8")
    assert kg("extract", str(undated), "-o", str(tmp_path / "u.ttl"), "-q").returncode == 0
    assert "2005-02-13" not in {row["date"] for row in interactions(tmp_path / "u.ttl")}


def test_html_metadata_date_anchors_relative_dates(tmp_path: Path) -> None:
    page = tmp_path / "page.html"
    page.write_text(PAGE, encoding="utf-8")
    assert kg("extract", str(page), "-o", str(tmp_path / "g.ttl"), "-q").returncode == 0
    rows = interactions(tmp_path / "g.ttl")
    assert any(r["subject"] == "Tony Blair" and r["object"] == "Jacques Chirac" and r["date"] == "2005-02-13"
               for r in rows)
    assert not any("Home" in r["subject"] + r["object"] for r in rows)  # boilerplate dropped


@pytest.mark.skipif(not CORPUS.is_dir(), reason="the BBC corpus is not available")
def test_every_input_kind_into_one_store(tmp_path: Path) -> None:
    folder = tmp_path / "articles"
    folder.mkdir()
    for name in ("001.txt", "002.txt"):
        (folder / name).write_bytes((CORPUS / "politics" / name).read_bytes())
    (tmp_path / "wire.jsonl").write_text(json.dumps(WIRE) + "\n", encoding="utf-8")
    (tmp_path / "page.html").write_text(PAGE, encoding="utf-8")
    stdin = (CORPUS / "business" / "001.txt").read_text(encoding="utf-8")
    result = kg("extract", str(folder), str(CORPUS / "sport" / "19?.txt"), str(tmp_path / "wire.jsonl"),
                str(tmp_path / "page.html"), "-", "--store", str(tmp_path / "s"), stdin=stdin)
    assert result.returncode == 0, result.stderr
    # 2 from the folder, 10 from the glob (190-199; 199 is Latin-1), 1 JSONL line, 1 page, stdin
    assert "15 documents (15 added" in result.stderr
    with open_store(tmp_path / "s") as store:
        paths = {str(row[0]) for row in store.dataset().query(
            "SELECT ?p WHERE { ?d a kg:Document ; kg:sourcePath ?p }")}
    assert {"-", str(tmp_path / "page.html"), f"{tmp_path / 'wire.jsonl'}:1"} <= paths
    assert str(CORPUS / "sport" / "199.txt") in paths


@pytest.mark.skipif(not CORPUS.is_dir(), reason="the BBC corpus is not available")
def test_two_workers_give_the_same_graph(tmp_path: Path) -> None:
    articles = [str(CORPUS / "politics" / f"{n:03d}.txt") for n in (3, 4, 6, 8)]
    one = kg("extract", *articles, "-o", str(tmp_path / "one.nt"), "-q")
    two = kg("extract", *articles, "-o", str(tmp_path / "two.nt"), "-q", "--workers", "2")
    assert one.returncode == 0 and two.returncode == 0, two.stderr
    first, second = Graph().parse(tmp_path / "one.nt"), Graph().parse(tmp_path / "two.nt")
    assert len(first) > 100 and set(first) == set(second)


def test_bad_worker_count_is_a_usage_error(tmp_path: Path) -> None:
    result = kg("extract", "seeds/", "-o", str(tmp_path / "g.ttl"), "--workers", "0")
    assert result.returncode == 2 and "--workers" in result.stderr
