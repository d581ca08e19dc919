"""kg push and kg query --endpoint against a real Oxigraph server started on loopback."""
from __future__ import annotations

import json
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlencode

import pytest
from rdflib import Graph

from kg.query import format_result, load_graph, run_query

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "graphs" / "seed.ttl"
ARTICLE = ROOT.parent / "shared" / "corpus" / "bbc" / "politics" / "257.txt"
PAIRS_QUERY = ("SELECT DISTINCT ?a ?b WHERE { ?x kg:communicatesWith ?y . ?x rdfs:label ?a . ?y rdfs:label ?b } "
               "ORDER BY ?a ?b")


def kg(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "kg", *args], capture_output=True, text=True, cwd=ROOT)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture()
def oxigraph(tmp_path: Path) -> Iterator[str]:
    """A fresh `oxigraph serve` (PyPI package oxigraph) on a free loopback port."""
    # on PATH, or beside this Python when its scripts folder is not on PATH
    binary = shutil.which("oxigraph") or shutil.which("oxigraph", path=str(Path(sys.executable).parent))
    if binary is None:
        pytest.skip("the oxigraph server binary is not installed (pip install oxigraph)")
    port = free_port()
    process = subprocess.Popen([binary, "serve", "--location", str(tmp_path / "oxigraph"),
                                "--bind", f"127.0.0.1:{port}", "--union-default-graph"],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    while True:
        try:
            urllib.request.urlopen(url + "/query?" + urlencode({"query": "ASK {}"}), timeout=2).read()
            break
        except (urllib.error.URLError, ConnectionError):
            if time.monotonic() > deadline or process.poll() is not None:
                process.kill()
                pytest.fail("oxigraph serve did not start")
            time.sleep(0.2)
    yield url
    process.terminate()
    process.wait(timeout=10)


def ask_oxigraph(url: str, query: str) -> dict:
    request = urllib.request.Request(url + "/query", data=urlencode({"query": query}).encode(),
                                     headers={"Accept": "application/sparql-results+json"})
    with urllib.request.urlopen(request, timeout=30) as response:
        return json.loads(response.read())


def count(url: str, where: str) -> int:
    data = ask_oxigraph(url, f"SELECT (COUNT(*) AS ?n) WHERE {{ {where} }}")
    return int(data["results"]["bindings"][0]["n"]["value"])


def test_pushed_graph_is_queryable_from_oxigraph(oxigraph: str) -> None:
    result = kg("push", str(SEED), "--endpoint", oxigraph + "/store")
    assert result.returncode == 0, result.stderr
    seed = load_graph(SEED)
    assert f"pushed {len(seed)} triples in 1 graph(s)" in result.stderr
    assert count(oxigraph, "?s ?p ?o") == len(seed)
    rows = ask_oxigraph(oxigraph, "PREFIX kg: <https://w3id.org/kg-news/ontology#> "
                                  "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> " + PAIRS_QUERY)
    pairs = [(b["a"]["value"], b["b"]["value"]) for b in rows["results"]["bindings"]]
    local = run_query(seed, PAIRS_QUERY)
    assert pairs == [(str(r[0]), str(r[1])) for r in local] and len(pairs) > 5
    # and through kg query --endpoint, formatted like a local query
    for fmt in ("table", "csv", "json"):
        remote = kg("query", "--endpoint", oxigraph + "/query", PAIRS_QUERY, "--format", fmt)
        assert remote.returncode == 0, remote.stderr
        assert remote.stdout == format_result(run_query(seed, PAIRS_QUERY), fmt)
    # pushing again replaces, it does not duplicate
    assert kg("push", str(SEED), "--endpoint", oxigraph + "/store", "-q").returncode == 0
    assert count(oxigraph, "?s ?p ?o") == len(seed)


def test_push_a_store_keeps_one_graph_per_document(oxigraph: str, tmp_path: Path) -> None:
    if not ARTICLE.is_file():
        pytest.skip("the BBC corpus is not available")
    folder = tmp_path / "s"
    assert kg("extract", "seeds/", str(ARTICLE), "--store", str(folder), "-q").returncode == 0
    result = kg("push", "--store", str(folder), "--endpoint", oxigraph + "/store")
    assert result.returncode == 0, result.stderr
    assert "in 3 graph(s)" in result.stderr  # two documents and the actors graph
    from kg.store import open_store

    with open_store(folder) as store:
        local = {g.value: sum(1 for _ in store.ox.quads_for_pattern(None, None, None, g))
                 for g in store.named_graphs()}
    data = ask_oxigraph(oxigraph, "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g")
    remote = {b["g"]["value"]: int(b["n"]["value"]) for b in data["results"]["bindings"]}
    assert remote == local
    # construct through kg query --endpoint gives a graph
    construct = kg("query", "--endpoint", oxigraph + "/query",
                   "CONSTRUCT { ?a kg:disapprovesOf ?b } WHERE { ?a kg:disapprovesOf ?b }", "--format", "csv")
    assert construct.returncode == 0 and len(Graph().parse(data=construct.stdout, format="nt")) > 0


def test_push_into_one_graph(oxigraph: str) -> None:
    target = "https://example.org/graphs/seed"
    assert kg("push", str(SEED), "--endpoint", oxigraph + "/store", "--graph", target, "-q").returncode == 0
    assert count(oxigraph, f"GRAPH <{target}> {{ ?s ?p ?o }}") == len(load_graph(SEED))
    assert count(oxigraph, "GRAPH ?g { ?s ?p ?o } FILTER(?g != <" + target + ">)") == 0


def test_remote_errors_are_one_line(oxigraph: str) -> None:
    port = free_port()
    dead = f"http://127.0.0.1:{port}/store"
    for args in (("push", str(SEED), "--endpoint", dead), ("query", "--endpoint", dead, "ASK {}")):
        result = kg(*args)
        assert result.returncode == 1
        (line,) = result.stderr.strip().splitlines()
        assert line.startswith(f"kg: error: cannot reach {dead}")
    bad = kg("query", "--endpoint", oxigraph + "/query", "SELEC ?x WHERE {}")
    assert bad.returncode == 2 and bad.stderr.startswith("kg: error: invalid SPARQL in query")
    wrong = kg("push", str(SEED), "--endpoint", "ftp://example.org/store")
    assert wrong.returncode == 1 and "not an http(s) URL" in wrong.stderr
