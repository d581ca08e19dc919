"""The command line: help texts, bad input, error messages, the eval regression guard."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from rdflib import Dataset, Graph, Literal
from rdflib.namespace import PROV, XSD

from conformance import assert_conforms
from kg.cli import COMMANDS, build_parser

ROOT = Path(__file__).resolve().parent.parent
GOLD = ROOT / "tests" / "gold"
CORPUS = ROOT.parent / "shared" / "corpus" / "bbc"

#: The dev-set F1 the extractor reaches now; a drop below it fails the suite.
EVAL_F1_FLOOR = 0.76
EVAL_PRECISION_FLOOR = 0.90
EVAL_ROLE_RECALL_FLOOR = 0.82


def kg(*args: str, stdin: bytes | None = None, cwd: Path | None = None,
       env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "kg", *args], capture_output=True, cwd=cwd or ROOT,
        input=stdin.decode("utf-8", "replace") if stdin is not None else None, text=True,
        env={**os.environ, **env} if env else None,
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
    assert_conforms(out)


@pytest.mark.parametrize(("suffix", "parser"), [(".trig", "trig"), (".nq", "nquads")])
def test_extract_to_trig_or_nquads_keeps_a_named_graph_per_document(
        tmp_path: Path, suffix: str, parser: str) -> None:
    first, second = tmp_path / "macron.txt", tmp_path / "opec.txt"
    first.write_text(NEWS, encoding="utf-8")
    second.write_text("Saudi Arabia agreed with Russia to cut oil output, Opec said on Monday.\n",
                      encoding="utf-8")
    out = tmp_path / f"g{suffix}"
    result = kg("extract", str(first), str(second), "-o", str(out), "-q")
    assert result.returncode == 0, result.stderr
    dataset = Dataset()
    dataset.parse(out, format=parser)
    names = {str(g.identifier) for g in dataset.graphs() if len(g)}
    from kg.documents import content_id
    hashes = {content_id(path.read_text(encoding="utf-8")) for path in (first, second)}
    assert names == {f"https://w3id.org/kg-news/id/graph/{h}" for h in hashes} | {
        "https://w3id.org/kg-news/id/graph/actors"}
    ttl = tmp_path / "g.ttl"
    assert kg("extract", str(first), str(second), "-o", str(ttl), "-q",
              env={"SOURCE_DATE_EPOCH": "0"}).returncode == 0
    turtle = Graph().parse(ttl, format="turtle")
    quads = {(s, p, o) for s, p, o, _ in dataset.quads((None, None, None, None))
             if p not in (PROV.generatedAtTime, PROV.endedAtTime)}
    assert quads == {t for t in turtle if t[1] not in (PROV.generatedAtTime, PROV.endedAtTime)}
    for command in (("query", str(out), "SELECT (COUNT(*) AS ?n) WHERE { ?d a kg:Document }",
                     "--format", "csv"),):
        assert kg(*command).stdout.splitlines() == ["n", "2"]
    assert_conforms(out)


def test_source_date_epoch_makes_extraction_reproducible(tmp_path: Path) -> None:
    article = tmp_path / "a.txt"
    article.write_text(NEWS, encoding="utf-8")
    outputs = []
    for name in ("one.ttl", "two.ttl"):
        result = kg("extract", str(article), "-o", str(tmp_path / name), "-q",
                    env={"SOURCE_DATE_EPOCH": "1700000000"})
        assert result.returncode == 0, result.stderr
        outputs.append((tmp_path / name).read_bytes())
    assert outputs[0] == outputs[1]
    graph = Graph().parse(data=outputs[0].decode("utf-8"), format="turtle")
    stamp = Literal("2023-11-14T22:13:20+00:00", datatype=XSD.dateTime)
    assert (None, PROV.generatedAtTime, stamp) in graph
    bad = kg("extract", str(article), "-o", str(tmp_path / "x.ttl"), env={"SOURCE_DATE_EPOCH": "soon"})
    assert bad.returncode == 2 and "SOURCE_DATE_EPOCH" in bad.stderr


def test_document_metadata_by_sparql(tmp_path: Path) -> None:
    article = tmp_path / "macron.txt"
    article.write_text(NEWS, encoding="utf-8")
    out = tmp_path / "g.trig"
    assert kg("extract", str(article), "-o", str(out), "-q").returncode == 0
    query = """SELECT ?title ?path ?hash ?words ?time ?label WHERE {
      GRAPH ?g { ?d a kg:Document ; dcterms:title ?title ; kg:sourcePath ?path ;
                   kg:contentHash ?hash ; kg:wordCount ?words ; prov:generatedAtTime ?time ;
                   prov:wasGeneratedBy ?activity . ?activity rdfs:label ?label } }"""
    result = kg("query", str(out), query, "--format", "json")
    assert result.returncode == 0, result.stderr
    (row,) = json.loads(result.stdout)["results"]["bindings"]
    import hashlib
    text = article.read_text(encoding="utf-8")
    assert row["title"]["value"] == "Macron meets Scholz in Berlin"
    assert row["path"]["value"] == str(article)
    assert row["hash"]["value"] == hashlib.sha256(text.encode("utf-8")).hexdigest()
    assert row["words"]["value"] == str(len(text.split()))
    assert row["time"]["datatype"] == str(XSD.dateTime)
    from kg import __version__
    from kg.nlp import DEFAULT_MODEL
    assert f"kg {__version__}" in row["label"]["value"] and DEFAULT_MODEL in row["label"]["value"]


def test_empty_file_gives_an_empty_valid_graph_and_a_warning(tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    out = tmp_path / "g.ttl"
    result = kg("extract", str(empty), "-o", str(out))
    assert result.returncode == 0, result.stderr
    assert "warning" in result.stderr and "empty.txt" in result.stderr
    Graph().parse(out)
    assert_conforms(out)


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
    assert_conforms(out)


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
    assert report["role_recall"] >= EVAL_ROLE_RECALL_FLOOR, report["role_recall"]
    assert report["documents"] >= 21
