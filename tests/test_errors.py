"""Error messages (issue 7): every CLI command, each kind of bad argument, one line.

Each case asserts a non-zero exit, exactly one line on stderr that starts ``kg: error:`` and
names the problem (the file, the format, the query), and no traceback; with ``--debug`` the
traceback is shown (except for usage errors, which argparse reports before any code runs).

The commands come from :data:`kg.cli.COMMANDS`: a command that reads a ``GRAPH`` gets the
graph cases automatically, and a command with no case at all fails
``test_every_command_has_error_cases``.
"""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from kg.cli import COMMANDS, build_parser, main

ROOT = Path(__file__).resolve().parent.parent
GOOD_GRAPH = "@prefix ex: <http://example.org/> . ex:a ex:b ex:c .\n"

UNREACHABLE = "http://127.0.0.1:9/sparql"  # the discard port: nothing listens there
#: Commands that talk to a SPARQL endpoint, with arguments that name one where nothing listens.
ENDPOINT_COMMANDS: list[tuple[str, ...]] = [
    ("push", "GRAPH", "--endpoint", UNREACHABLE),
    ("query", "--endpoint", UNREACHABLE, "SELECT * WHERE { ?s ?p ?o }"),
]


def _graph_commands() -> list[str]:
    """Commands whose first argument is a GRAPH file."""
    parser = build_parser()
    sub = next(a for a in parser._actions if isinstance(a, __import__("argparse")._SubParsersAction))
    found = []
    for name, command in sub.choices.items():
        positionals = [a for a in command._actions if not a.option_strings]
        if positionals and positionals[0].metavar == "GRAPH":
            found.append(name)
    return sorted(found)


GRAPH_COMMANDS = _graph_commands()
#: Arguments after ``kg COMMAND GRAPH`` that make a command run (its required options).
AFTER_GRAPH: dict[str, tuple[str, ...]] = {
    "query": ("SELECT * WHERE { ?s ?p ?o }",),
    "draw": ("-o", "OUT/page.html"),
    "export": ("--format", "ttl"),
    "push": ("--endpoint", UNREACHABLE),
}

#: (kind, args, what the one line must contain); TMP is the test's folder, GRAPH a good graph,
#: FOLDER an existing folder, OUT a writable folder.
CASES: list[tuple[str, tuple[str, ...], str]] = []
for _command in GRAPH_COMMANDS:
    _rest = AFTER_GRAPH.get(_command, ())
    CASES += [
        ("missing file", (_command, "TMP/no/such.ttl", *_rest), "TMP/no/such.ttl"),
        ("folder for a file", (_command, "FOLDER", *_rest), "FOLDER"),
        ("unknown format", (_command, "TMP/graph.xyz", *_rest), "graph.xyz"),
        ("unparsable file", (_command, "TMP/broken.ttl", *_rest), "TMP/broken.ttl"),
    ]
CASES += [
    ("missing file", ("extract", "TMP/no/such.txt", "-o", "OUT/g.ttl"), "TMP/no/such.txt"),
    ("folder for a file", ("extract", "TMP/news.txt", "-o", "FOLDER"), "FOLDER"),
    ("unknown format", ("extract", "TMP/news.txt", "-o", "OUT/g.xyz"), "g.xyz"),
    ("binary file", ("extract", "TMP/logo.txt", "-o", "OUT/g.ttl"), "TMP/logo.txt"),
    ("missing file", ("eval", "TMP/no/such.json"), "TMP/no/such.json"),
    ("folder for a file", ("eval", "FOLDER"), "FOLDER"),
    ("unparsable file", ("eval", "TMP/broken.json"), "TMP/broken.json"),
    ("missing file", ("query", "GRAPH", "-f", "TMP/no/such.rq"), "TMP/no/such.rq"),
    ("folder for a file", ("query", "GRAPH", "-f", "FOLDER"), "FOLDER"),
    ("folder for a file", ("draw", "GRAPH", "-o", "FOLDER"), "FOLDER"),
    ("folder for a file", ("export", "GRAPH", "--format", "nt", "-o", "FOLDER"), "FOLDER"),
    ("unknown format", ("export", "GRAPH", "--format", "xml"), "xml"),
    ("unknown format", ("query", "GRAPH", "SELECT * WHERE { ?s ?p ?o }", "--format", "xml"), "xml"),
    ("bad SPARQL", ("query", "GRAPH", "SELEC ?x WHERE { ?x"), "invalid SPARQL"),
    ("bad SPARQL", ("query", "GRAPH", "-f", "TMP/bad.rq"), "TMP/bad.rq"),
    ("bad SPARQL", ("query", "GRAPH", "SELECT ?x WHERE { ?x nope:p ?y }"), "nope"),
    ("unknown query name", ("query", "GRAPH", "--name", "no-such-query"), "no-such-query"),
    ("unknown query parameter", ("query", "GRAPH", "--name", "actor", "--param", "nobody=x"), "nobody"),
    ("unknown model", ("extract", "TMP/news.txt", "-o", "OUT/g.ttl", "--model", "no_such_model"), "no_such_model"),
]
CASES += [("unreachable endpoint", (*args,), UNREACHABLE) for args in ENDPOINT_COMMANDS]
#: Usage errors found by argparse: no code runs, so --debug has no traceback to show.
USAGE_KINDS = {("unknown format", "export"), ("unknown format", "query")}


def prepare(tmp_path: Path) -> dict[str, str]:
    (tmp_path / "graph.ttl").write_text(GOOD_GRAPH, encoding="utf-8")
    (tmp_path / "graph.xyz").write_text(GOOD_GRAPH, encoding="utf-8")
    (tmp_path / "broken.ttl").write_text("@prefix ex: <http://example.org/> . ex:a ex:b \n", encoding="utf-8")
    (tmp_path / "broken.json").write_text("{\"document\": ", encoding="utf-8")
    (tmp_path / "bad.rq").write_text("SELECT ?x WHERE { ?x ", encoding="utf-8")
    (tmp_path / "news.txt").write_text("Joe Biden met Vladimir Putin in Geneva.\n", encoding="utf-8")
    (tmp_path / "logo.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00" * 50)
    (tmp_path / "folder").mkdir()
    (tmp_path / "out").mkdir()
    return {"TMP": str(tmp_path), "GRAPH": str(tmp_path / "graph.ttl"), "FOLDER": str(tmp_path / "folder"),
            "OUT": str(tmp_path / "out")}


def fill(text: str, names: dict[str, str]) -> str:
    for key in ("GRAPH", "FOLDER", "TMP", "OUT"):
        text = text.replace(key, names[key])
    return text


def test_every_command_has_error_cases() -> None:
    covered = {args[0] for _, args, _ in CASES}
    assert covered >= set(COMMANDS), f"no error case for: {sorted(set(COMMANDS) - covered)}"
    assert {kind for kind, _, _ in CASES} >= {"missing file", "folder for a file", "unknown format",
                                               "bad SPARQL", "unknown query name"}


def run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    """``kg ARGV`` in-process (kg.cli.main, as the console script runs it): exit code, stderr."""
    try:
        code = main(argv)
    except SystemExit as stop:  # argparse's usage errors
        code = stop.code if isinstance(stop.code, int) else 1
    return code, capsys.readouterr().err


@pytest.mark.parametrize(("kind", "args", "needle"), CASES,
                         ids=[f"{args[0]}-{kind.replace(' ', '-')}-{i}" for i, (kind, args, _) in enumerate(CASES)])
def test_bad_argument_gives_one_line_naming_it(tmp_path: Path, capsys: pytest.CaptureFixture[str], kind: str,
                                               args: tuple[str, ...], needle: str) -> None:
    names = prepare(tmp_path)
    argv = [fill(a, names) for a in args]
    code, err = run(argv, capsys)
    assert code != 0
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert lines[0].startswith("kg: error: "), lines[0]
    assert fill(needle, names) in lines[0], lines[0]
    assert "Traceback" not in err
    assert list((tmp_path / "out").iterdir()) == []  # nothing written
    if (kind, args[0]) not in USAGE_KINDS:  # --debug lets the exception out: Python prints its traceback
        with pytest.raises(Exception):
            main(["--debug", *argv])


@pytest.mark.parametrize(("args", "needle", "usage"), [
    (("query", "GRAPH", "--name", "no-such-query"), "no-such-query", False),
    (("export", "TMP/no/such.ttl", "--format", "nt"), "TMP/no/such.ttl", False),
    (("export", "GRAPH", "--format", "xml"), "xml", True),
])
def test_through_the_console_one_line_and_a_traceback_with_debug(tmp_path: Path, args: tuple[str, ...],
                                                                 needle: str, usage: bool) -> None:
    """A few of the cases above through a real ``python -m kg`` process."""
    names = prepare(tmp_path)
    argv = [fill(a, names) for a in args]
    result = subprocess.run([sys.executable, "-m", "kg", *argv], capture_output=True, text=True, cwd=ROOT)
    lines = result.stderr.strip().splitlines()
    assert result.returncode != 0 and len(lines) == 1 and lines[0].startswith("kg: error: ")
    assert fill(needle, names) in lines[0] and "Traceback" not in result.stderr
    if not usage:
        debug = subprocess.run([sys.executable, "-m", "kg", "--debug", *argv], capture_output=True, text=True,
                               cwd=ROOT)
        assert debug.returncode != 0 and "Traceback (most recent call last)" in debug.stderr
