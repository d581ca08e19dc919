"""Query latency, load and export time on a graph of about 1,000,000 triples.

The graph is the synthetic corpus of ``bench/synthetic.py`` (documents with
actors, roles and interactions, built by kg itself), kept in an on-disk kg
store outside the repository (``--store``, default ``/tmp/kg-bench-1m``; made
when missing).

* **Query latency**: every query of the library (``ontology/queries/*.rq``
  when the folder has any, else the representative set :data:`QUERIES`), on
  the Oxigraph store (as ``kg query --store`` and ``kg serve --store`` run
  them: the default graph is the union of the named graphs; median of 5 runs
  after a warm-up) and on an rdflib in-memory graph of the same triples (one
  run: it is slow).  Target: every query under 200 ms on Oxigraph.
* **Load and export** of the union graph per format, with Oxigraph and rdflib.

rdflib runs in a subprocess with a time limit (``--rdflib-timeout``);
figures it does not reach are reported as such.

Usage: ``python bench/queries.py [--store DIR] [--triples N]``; it replaces
the ``queries`` section of ``bench/RESULTS.md``.
"""
from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable  # noqa: F401
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import ROOT, machine, table, write_section  # noqa: E402

#: Representative kg queries, used when the query library (ontology/queries/*.rq) is empty.
QUERIES: dict[str, str] = {
    "top-actors": """SELECT ?actor ?label ?mentions WHERE { ?actor kg:mentionCount ?mentions ; rdfs:label ?label }
ORDER BY DESC(?mentions) LIMIT 20""",
    "interactions-per-class": """SELECT ?class (COUNT(?i) AS ?n) WHERE { ?i kg:source ?s ; a ?class }
GROUP BY ?class ORDER BY DESC(?n)""",
    "ego-network": """SELECT ?relation ?target ?date WHERE { ?i kg:source ?me ; kg:target/rdfs:label ?target ;
  kg:relationText ?relation . OPTIONAL { ?i kg:date ?date } ?me rdfs:label "Tony Blair" } LIMIT 200""",
    "month-of-interactions": """SELECT ?source ?target ?date WHERE { ?i kg:date ?date ;
  kg:source/rdfs:label ?source ; kg:target/rdfs:label ?target
  FILTER(?date >= "2005-03-01"^^xsd:date && ?date < "2005-04-01"^^xsd:date) } LIMIT 500""",
    "negated-with-evidence": """SELECT ?i ?sentence WHERE { ?i kg:modality kg:Negated ;
  kg:evidence/kg:sentenceText ?sentence } LIMIT 100""",
    "people-per-affiliation": """SELECT ?affiliation (COUNT(DISTINCT ?person) AS ?people) WHERE {
  ?person a kg:Person ; kg:hasRole/kg:affiliation/rdfs:label ?affiliation }
GROUP BY ?affiliation ORDER BY DESC(?people) LIMIT 20""",
    "documents-of-a-pair": """SELECT DISTINCT ?document WHERE { ?a rdfs:label "Tony Blair" . ?b rdfs:label "Gordon Brown" .
  ?i kg:source ?a ; kg:target ?b ; prov:wasDerivedFrom ?document }""",
    "two-hop-meetings": """SELECT (COUNT(DISTINCT ?c) AS ?n) WHERE { ?a rdfs:label "Tony Blair" .
  ?a kg:meetsWith ?b . ?b kg:meetsWith ?c }""",
    "strongest-ties": """SELECT ?s ?t (COUNT(?i) AS ?n) WHERE { ?i kg:source ?s ; kg:target ?t }
GROUP BY ?s ?t ORDER BY DESC(?n) LIMIT 50""",
    "merge-evidence": """SELECT ?actor (COUNT(?record) AS ?documents) WHERE { ?record prov:specializationOf ?actor }
GROUP BY ?actor ORDER BY DESC(?documents) LIMIT 20""",
}

#: Formats of the load/export rows: name -> (file suffix, pyoxigraph format name, rdflib format or None).
FORMATS = {"N-Triples": (".nt", "N_TRIPLES", "nt"), "Turtle": (".ttl", "TURTLE", "turtle"),
           "N-Quads": (".nq", "N_QUADS", "nquads"), "TriG": (".trig", "TRIG", "trig"),
           "JSON-LD": (".jsonld", "JSON_LD", "json-ld")}
DATASET_FORMATS = {"N-Quads", "TriG"}


def library() -> tuple[str, dict[str, str]]:
    from kg.ontology import queries_dir

    try:
        files = sorted(queries_dir().glob("*.rq"))
    except Exception:  # no ontology folder in this checkout
        files = []
    if files:
        return "the query library (ontology/queries/*.rq)", {f.stem: f.read_text(encoding="utf-8") for f in files}
    return "the representative set in bench/queries.py (ontology/queries/ has no .rq files yet)", QUERIES


def _ms(seconds: float) -> str:
    return f"{seconds * 1000:,.0f}" if seconds >= 0.01 else f"{seconds * 1000:.1f}"


def _median_ms(run: "Callable[[], int]") -> tuple[float, int]:
    rows = run()  # warm-up
    times = []
    for _ in range(5):
        started = time.perf_counter()
        run()
        times.append(time.perf_counter() - started)
    return statistics.median(times), rows


def oxigraph_queries(folder: Path, queries: dict[str, str]) -> dict[str, tuple[float, int, float]]:
    """(median seconds on the store's union default graph, rows, median seconds with all
    triples in one default graph of an in-memory store) per query."""
    import pyoxigraph as ox

    from kg.graph import NAMESPACES
    from kg.store import open_store

    def count(result: object) -> int:
        return len(list(result)) if hasattr(result, "__iter__") else 1  # type: ignore[arg-type]

    out = {}
    with open_store(folder) as store:
        memory = ox.Store()
        memory.bulk_extend(ox.Quad(t.subject, t.predicate, t.object) for t in store.union_triples())
        for name, text in queries.items():
            union, rows = _median_ms(lambda: count(store.ox.query(text, prefixes=NAMESPACES,
                                                                  use_default_graph_as_union=True)))
            single, _ = _median_ms(lambda: count(memory.query(text, prefixes=NAMESPACES)))
            out[name] = (union, rows, single)
    return out


def rdflib_child(nt_file: str, queries_json: str) -> dict:
    """In a subprocess: load the N-Triples into rdflib, time each query once, export per format."""
    from rdflib import Graph

    from kg.graph import NAMESPACES

    queries = json.loads(Path(queries_json).read_text())
    started = time.perf_counter()
    graph = Graph()
    graph.parse(nt_file, format="nt")
    result = {"load_nt": time.perf_counter() - started, "triples": len(graph), "queries": {}}
    print(json.dumps({"progress": "loaded"}), flush=True)
    for name, text in queries.items():
        started = time.perf_counter()
        rows = len(list(graph.query(text, initNs=NAMESPACES)))
        result["queries"][name] = [time.perf_counter() - started, rows]
        print(json.dumps({"query": name, "seconds": result["queries"][name][0]}), flush=True)
    with tempfile.TemporaryDirectory() as folder:
        for label in ("N-Triples", "Turtle"):
            suffix, _, rdflib_format = FORMATS[label]
            started = time.perf_counter()
            graph.serialize(Path(folder) / f"out{suffix}", format=rdflib_format)
            result[f"export {label}"] = time.perf_counter() - started
            print(json.dumps({"export": label}), flush=True)
            if label == "Turtle":
                started = time.perf_counter()
                Graph().parse(Path(folder) / f"out{suffix}", format="turtle")
                result["load Turtle"] = time.perf_counter() - started
    return result


def run_rdflib(nt_file: Path, queries: dict[str, str], timeout: float) -> dict:
    """The rdflib figures, as far as the child gets within the time limit."""
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as handle:
        json.dump(queries, handle)
    process = subprocess.Popen([sys.executable, __file__, "--rdflib-child", str(nt_file), handle.name],
                               stdout=subprocess.PIPE, text=True, cwd=ROOT)
    try:
        out, _ = process.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        process.kill()
        out, _ = process.communicate()
        partial: dict = {"timed_out": True, "queries": {}}
        for line in out.splitlines():
            item = json.loads(line)
            if "query" in item:
                partial["queries"][item["query"]] = [item["seconds"], None]
        return partial
    return json.loads(out.strip().splitlines()[-1])


def load_export_oxigraph(folder: Path, scratch: Path) -> dict[str, dict[str, float]]:
    import pyoxigraph as ox

    from kg.graph import NAMESPACES
    from kg.store import open_store

    figures: dict[str, dict[str, float]] = {}
    with open_store(folder) as store:
        for label, (suffix, ox_name, _) in FORMATS.items():
            rdf_format = getattr(ox.RdfFormat, ox_name)
            target = scratch / f"union{suffix}"
            started = time.perf_counter()
            if label in DATASET_FORMATS:
                store.ox.dump(str(target), format=rdf_format)
            else:
                prefixes = NAMESPACES if label == "Turtle" else None
                with open(target, "wb") as handle:
                    ox.serialize(store.union_triples(), handle, format=rdf_format, prefixes=prefixes)
            export = time.perf_counter() - started
            memory = ox.Store()
            started = time.perf_counter()
            memory.bulk_load(path=str(target), format=rdf_format)
            load = time.perf_counter() - started
            figures[label] = {"export": export, "load": load, "size": target.stat().st_size, "quads": len(memory)}
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--store", type=Path, default=Path("/tmp/kg-bench-1m"))
    parser.add_argument("--triples", type=int, default=1_000_000)
    parser.add_argument("--rdflib-timeout", type=float, default=1800)
    parser.add_argument("--rdflib-child", nargs=2, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.rdflib_child:
        print(json.dumps(rdflib_child(*args.rdflib_child)))
        return

    about = machine()
    built = ""
    if not (args.store / "CURRENT").exists():
        from synthetic import build

        figures = build(args.store, triples=args.triples)
        built = (f"The store was generated for this run: {figures['documents']:,} documents ingested by "
                 f"`KgStore.ingest` (one transaction each) in {figures['seconds']:.0f} s "
                 f"({figures['documents'] / figures['seconds']:.1f} documents/s).")
    source, queries = library()
    print(f"queries: {source}", flush=True)
    oxigraph = oxigraph_queries(args.store, queries)
    for name, (seconds, rows, single) in oxigraph.items():
        print(f"  oxigraph {name}: {seconds * 1000:.1f} ms (one graph {single * 1000:.1f} ms), {rows} rows", flush=True)
    with tempfile.TemporaryDirectory() as scratch:
        io_figures = load_export_oxigraph(args.store, Path(scratch))
        triples = io_figures["N-Triples"]["quads"]
        print("  load/export done", flush=True)
        rdflib = run_rdflib(Path(scratch) / "union.nt", queries, args.rdflib_timeout)

    rows = []
    for name, (seconds, count, single) in oxigraph.items():
        rd = rdflib.get("queries", {}).get(name)
        rows.append([f"`{name}`", count, _ms(seconds), _ms(single), _ms(rd[0]) if rd else "not reached",
                     f"{rd[0] / seconds:,.0f}x" if rd and seconds > 0 else ""])
    slowest = max(oxigraph.items(), key=lambda item: item[1][0])
    slowest_single = max(oxigraph.items(), key=lambda item: item[1][2])
    over = [name for name, figures in oxigraph.items() if figures[0] >= 0.2]
    io_rows = []
    for label, figures in io_figures.items():
        rd_load = rdflib.get("load_nt") if label == "N-Triples" else rdflib.get(f"load {label}")
        rd_export = rdflib.get(f"export {label}")
        io_rows.append([label, f"{figures['size'] / 1e6:,.0f}", f"{figures['load']:.1f}",
                        f"{rd_load:.1f}" if rd_load else "-", f"{figures['export']:.1f}",
                        f"{rd_export:.1f}" if rd_export else "-"])
    over_note = "." if not over else (
        " for " + ", ".join(f"`{n}`" for n in over) + ". The queries over the limit aggregate over every "
        "interaction of the graph (tens of thousands of interaction nodes); in a store the default graph "
        "is the union of thousands of named graphs, which Oxigraph evaluates several times slower than "
        "one graph (compare the two Oxigraph columns).")
    timed_out = " (rdflib hit the time limit of {:.0f} s)".format(args.rdflib_timeout) if rdflib.get("timed_out") else ""
    body = f"""## Query latency, load and export at 1M triples

Machine: {about}.

Graph: {triples:,} distinct triples (synthetic corpus, `bench/synthetic.py`; kg's own records and
graph builder) in an on-disk kg store. {built}

### Query latency

Queries: {source}. Oxigraph: the on-disk store, default graph = union of the named graphs, as
`kg query --store` and `kg serve --store` run them, all rows read, median of 5 runs after a warm-up;
"one graph": the same distinct triples in the default graph of an in-memory Oxigraph store (as
`kg serve GRAPH.nt` holds a file). rdflib: the same triples in an rdflib in-memory graph, one
run{timed_out}.

{table(["query", "rows", "Oxigraph store ms", "Oxigraph one graph ms", "rdflib ms", "rdflib / Oxigraph store"], rows)}

Slowest on the Oxigraph store: `{slowest[0]}` at {slowest[1][0] * 1000:,.0f} ms (in one graph: `{slowest_single[0]}`
at {slowest_single[1][2] * 1000:,.0f} ms); target every query under 200 ms:
**{'met' if not over else 'not met'}**{over_note}

### Load and export of the whole graph

Oxigraph: export of the store's union (triple formats) or of the whole dataset with its named graphs
(N-Quads, TriG) with `pyoxigraph.serialize`/`Store.dump`, and `bulk_load` of that file into a fresh
in-memory store. rdflib: `Graph.parse` / `Graph.serialize` of the union (N-Triples, Turtle).

{table(["format", "MB", "Oxigraph load s", "rdflib load s", "Oxigraph export s", "rdflib export s"], io_rows)}
"""
    write_section("queries", body)
    print(body)


if __name__ == "__main__":
    main()
