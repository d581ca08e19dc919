"""The command line: help texts, bad input, error messages, the eval regression guard."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from rdflib import Graph

from kg.cli import COMMANDS, build_parser

ROOT = Path(__file__).resolve().parent.parent
GOLD = ROOT / "tests" / "gold"
CORPUS = ROOT.parent / "shared" / "corpus" / "bbc"

#: The dev-set F1 the extractor reaches now; a drop below it fails the suite.
EVAL_F1_FLOOR = 0.26
EVAL_PRECISION_FLOOR = 0.60


def kg(*args: str, stdin: bytes | None = None, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "kg", *args], capture_output=True, cwd=cwd or ROOT,
        input=stdin.decode("utf-8", "replace") if stdin is not None else None, text=True,
    )


@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_every_command_help_ends_with_an_example(command: str) -> None:
    result = kg(command, "--help")
    assert result.returncode == 0
    tail = result.stdout.strip().splitlines()[-2:]
    assert tail[0].strip() == "example:" and tail[1].strip().startswith("kg " + command)


def test_every_command_is_documented_in_the_readme() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    parser = build_parser()
    sub = next(a for a in parser._actions if a.__class__.__name__ == "_SubParsersAction")
    for name in sub.choices:
        assert f"kg {name}" in readme, f"kg {name} is not documented in README.md"


NEWS = (
    "Macron meets Scholz in Berlin\n\n"
    "French President Emmanuel Macron met German Chancellor Olaf Scholz in Berlin on Tuesday. "
    "Mr Macron later urged Poland to back the plan.\n"
)


def test_extract_from_stdin(tmp_path: Path) -> None:
    out = tmp_path / "g.ttl"
    result = kg("extract", "-", "-o", str(out), "-q", stdin=NEWS.encode())
    assert result.returncode == 0, result.stderr
    g = Graph().parse(out)
    assert len(g) > 20


def test_empty_file_gives_an_empty_valid_graph_and_a_warning(tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    out = tmp_path / "g.ttl"
    result = kg("extract", str(empty), "-o", str(out))
    assert result.returncode == 0, result.stderr
    assert "warning" in result.stderr and "empty.txt" in result.stderr
    Graph().parse(out)


def test_binary_file_is_an_error_naming_it_and_nothing_is_written(tmp_path: Path) -> None:
    good = tmp_path / "a.txt"
    good.write_text(NEWS)
    binary = tmp_path / "b.bin"
    binary.write_bytes(bytes(range(256)) * 4)
    out = tmp_path / "g.ttl"
    out.write_text("previous output\n")
    result = kg("extract", str(good), str(binary), "-o", str(out))
    assert result.returncode != 0
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "b.bin" in lines[0] and "Traceback" not in result.stderr
    assert out.read_text() == "previous output\n"
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".g.ttl")] == []


def test_non_utf8_file_is_decoded_with_a_fallback(tmp_path: Path) -> None:
    latin = tmp_path / "latin.txt"
    latin.write_bytes("German Chancellor Olaf Scholz met Mr Müller, the Bavarian premier, in Munich.\n".encode("latin-1"))
    out = tmp_path / "g.ttl"
    assert kg("extract", str(latin), "-o", str(out), "-q").returncode == 0
    assert "Müller" in out.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    "args, needle",
    [
        (("extract", "no/such/file.txt", "-o", "OUT/g.ttl"), "no/such/file.txt"),
        (("extract", "seeds", "-o", "OUT/g.xyz"), "g.xyz"),
        (("query", "no/such.ttl", "SELECT * WHERE { ?s ?p ?o }"), "no/such.ttl"),
        (("query", "GRAPH", "SELEC nonsense"), "query"),
        (("export", "no/such.ttl", "--format", "ttl"), "no/such.ttl"),
        (("draw", "no/such.ttl", "-o", "OUT/p.html"), "no/such.ttl"),
        (("eval", "no/such.json"), "no/such.json"),
        (("extract", "seeds", "-o", "OUT/g.ttl", "--model", "no_such_model"), "no_such_model"),
    ],
)
def test_bad_arguments_give_one_line_errors(tmp_path: Path, args: tuple[str, ...], needle: str) -> None:
    graph = tmp_path / "g.ttl"
    graph.write_text("@prefix ex: <http://example.org/> . ex:a ex:b ex:c .\n")
    args = tuple(a.replace("OUT", str(tmp_path)).replace("GRAPH", str(graph)) for a in args)
    result = kg(*args)
    assert result.returncode != 0
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("kg: error:") and needle in lines[0]
    assert "Traceback" not in result.stderr


def test_invalid_sparql_exits_2_with_the_parser_message(tmp_path: Path) -> None:
    graph = tmp_path / "g.ttl"
    graph.write_text("@prefix ex: <http://example.org/> . ex:a ex:b ex:c .\n")
    result = kg("query", str(graph), "SELECT ?x WHERE { ?x ")
    assert result.returncode == 2
    assert "Expected" in result.stderr or "expected" in result.stderr


def test_debug_shows_the_traceback(tmp_path: Path) -> None:
    result = kg("--debug", "export", str(tmp_path / "missing.ttl"), "--format", "ttl")
    assert result.returncode != 0 and "Traceback" in result.stderr


@pytest.mark.skipif(not CORPUS.is_dir(), reason="the BBC corpus (../shared/corpus/bbc) is not beside the checkout")
def test_eval_on_the_dev_gold_set_does_not_regress() -> None:
    result = kg("eval", str(GOLD), "--json")
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    inter = report["interactions"]
    assert inter["f1"] >= EVAL_F1_FLOOR, inter
    assert inter["precision"] >= EVAL_PRECISION_FLOOR, inter
    assert report["documents"] >= 21
