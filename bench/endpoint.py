"""Endpoint throughput: requests per second and latency of ``kg serve`` under concurrent clients.

Starts ``kg serve --store DIR`` on a free loopback port (the 1M-triple store
of ``bench/queries.py`` by default, generated when missing), then runs
``--clients`` client threads (default 8) for ``--seconds`` (default 20), each
sending SPARQL queries by POST (a fixed mix of lookups and small aggregates,
asking for SPARQL JSON) one after the other.  Reports requests per second and
p50/p99 latency; non-200 answers are counted as errors.

The clients run in this process (threads, urllib) on the same machine as the
server, so they compete with it for the cores.

Usage: ``python bench/endpoint.py [--store DIR] [--clients 8] [--seconds 20]``;
it replaces the ``endpoint`` section of ``bench/RESULTS.md``.
"""
from __future__ import annotations

import argparse
import statistics
import sys
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import urlencode

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import machine, start_server, table, write_section  # noqa: E402

#: The request mix: (name, query).
MIX = [
    ("actor-lookup", 'SELECT ?a ?type WHERE { ?a rdfs:label "Tony Blair" ; a ?type }'),
    ("top-actors", "SELECT ?a ?m WHERE { ?a kg:mentionCount ?m } ORDER BY DESC(?m) LIMIT 10"),
    ("ego-network", 'SELECT ?rel ?t WHERE { ?a rdfs:label "Gordon Brown" . ?i kg:source ?a ; kg:target ?t ; '
                    "kg:relationText ?rel } LIMIT 50"),
    ("ask-meeting", 'ASK { ?a rdfs:label "Tony Blair" . ?b rdfs:label "Jacques Chirac" . ?a kg:meetsWith ?b }'),
]


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--store", type=Path, default=Path("/tmp/kg-bench-1m"))
    parser.add_argument("--triples", type=int, default=1_000_000, help="size of a generated store")
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--seconds", type=float, default=20)
    args = parser.parse_args()
    about = machine()
    if not (args.store / "CURRENT").exists():
        from synthetic import build

        build(args.store, triples=args.triples)

    server, url = start_server(args.store)
    bodies = [(name, urlencode({"query": query}).encode()) for name, query in MIX]
    headers = {"Content-Type": "application/x-www-form-urlencoded", "Accept": "application/sparql-results+json"}
    for _, body in bodies:  # warm-up, and a check that every query works
        with urllib.request.urlopen(urllib.request.Request(url, data=body, headers=headers), timeout=60) as r:
            r.read()

    latencies: dict[str, list[float]] = {name: [] for name, _ in MIX}
    errors = [0]
    lock = threading.Lock()
    stop_at = time.perf_counter() + args.seconds

    def client(offset: int) -> None:
        n = offset
        while time.perf_counter() < stop_at:
            name, body = bodies[n % len(bodies)]
            n += 1
            started = time.perf_counter()
            try:
                with urllib.request.urlopen(urllib.request.Request(url, data=body, headers=headers), timeout=60) as r:
                    r.read()
                    ok = r.status == 200
            except (urllib.error.URLError, OSError):
                ok = False
            elapsed = time.perf_counter() - started
            with lock:
                if ok:
                    latencies[name].append(elapsed)
                else:
                    errors[0] += 1

    started = time.perf_counter()
    threads = [threading.Thread(target=client, args=(i,)) for i in range(args.clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    wall = time.perf_counter() - started
    server.terminate()
    server.wait(timeout=10)

    everything = [x for values in latencies.values() for x in values]
    rows = [[f"`{name}`", len(values), f"{statistics.median(values) * 1000:.1f}",
             f"{percentile(values, 0.99) * 1000:.1f}"] for name, values in latencies.items() if values]
    rows.append(["**all**", len(everything), f"{statistics.median(everything) * 1000:.1f}",
                 f"{percentile(everything, 0.99) * 1000:.1f}"])
    with_triples = ""
    try:
        from kg.store import open_store

        with open_store(args.store) as store:
            with_triples = f" ({len(store):,} quads)"
    except Exception:
        pass
    body = f"""## Endpoint throughput

Machine: {about}.

`kg serve --store {args.store}`{with_triples} on loopback; {args.clients} client threads (urllib, in one
process on the same machine) for {args.seconds:g} s, each sending the next query of a fixed mix by POST
(form-encoded, SPARQL JSON results).

**{len(everything) / wall:,.0f} requests/s**, p50 {statistics.median(everything) * 1000:.1f} ms,
p99 {percentile(everything, 0.99) * 1000:.1f} ms, {errors[0]} errors.

{table(["query", "requests", "p50 ms", "p99 ms"], rows)}
"""
    write_section("endpoint", body)
    print(body)


if __name__ == "__main__":
    main()
