"""Endpoint throughput: requests per second and latency of ``kg serve`` under concurrent clients.

Starts ``kg serve --store DIR`` on a free loopback port (the 1M-triple store
of ``bench/queries.py`` by default, generated when missing), once per mode of
``--modes``: ``workers`` (queries in worker processes, ``kg serve``'s default)
and ``threads`` (``--workers 0``, queries in threads of the server: the
baseline of the same run, to show the cost of the processes).  Each time it runs
``--clients`` client threads (default 8) for ``--seconds`` (default 20), each
sending SPARQL queries by POST (a fixed mix of lookups and small aggregates,
asking for SPARQL JSON) one after the other.  Reports requests per second and
p50/p99 latency; non-200 answers are counted as errors.

The clients run in this process (threads, urllib) on the same machine as the
server, so they compete with it for the cores.

Usage: ``python bench/endpoint.py [--store DIR] [--clients 8] [--seconds 20] [--modes workers,threads]
[--rounds 2]`` (the modes alternate, ABBA, and each mode's rounds are pooled);
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

from _common import add_mode_options, machine, mode_order, start_server, stop_server, table, write_section  # noqa: E402

#: The request mix: (name, query).
MIX = [
    ("actor-lookup", 'SELECT ?a ?type WHERE { ?a rdfs:label "Tony Blair" ; a ?type }'),
    ("top-actors", "SELECT ?a ?m WHERE { ?a kg:mentionCount ?m } ORDER BY DESC(?m) LIMIT 10"),
    ("ego-network", 'SELECT ?rel ?t WHERE { ?a rdfs:label "Gordon Brown" . ?i kg:source ?a ; kg:target ?t ; '
                    "kg:relationText ?rel } LIMIT 50"),
    ("ask-meeting", 'ASK { ?a rdfs:label "Tony Blair" . ?b rdfs:label "Jacques Chirac" . ?a kg:meetsWith ?b }'),
]


HEADERS = {"Content-Type": "application/x-www-form-urlencoded", "Accept": "application/sparql-results+json"}


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]


def measure(url: str, clients: int, seconds: float) -> tuple[dict[str, list[float]], int, float]:
    """Run ``clients`` client threads for ``seconds``: latencies per query, errors, wall time."""
    bodies = [(name, urlencode({"query": query}).encode()) for name, query in MIX]
    for _, body in bodies:  # warm-up, and a check that every query works
        with urllib.request.urlopen(urllib.request.Request(url, data=body, headers=HEADERS), timeout=60) as r:
            r.read()
    latencies: dict[str, list[float]] = {name: [] for name, _ in MIX}
    errors = [0]
    lock = threading.Lock()
    stop_at = time.perf_counter() + seconds

    def client(offset: int) -> None:
        n = offset
        while time.perf_counter() < stop_at:
            name, body = bodies[n % len(bodies)]
            n += 1
            started = time.perf_counter()
            try:
                with urllib.request.urlopen(urllib.request.Request(url, data=body, headers=HEADERS), timeout=60) as r:
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
    threads = [threading.Thread(target=client, args=(i,)) for i in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return latencies, errors[0], time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--store", type=Path, default=Path("/tmp/kg-bench-1m"))
    parser.add_argument("--triples", type=int, default=1_000_000, help="size of a generated store")
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--seconds", type=float, default=20)
    add_mode_options(parser)
    args = parser.parse_args()
    order = mode_order(args)
    about = machine()
    if not (args.store / "CURRENT").exists():
        from synthetic import build

        build(args.store, triples=args.triples)
    from kg.serve import QUERY_WORKERS

    label = {"workers": f"workers ({args.workers or QUERY_WORKERS} processes)", "threads": "threads (`--workers 0`)"}
    results: dict[str, tuple[dict[str, list[float]], int, float]] = {}
    start_times: dict[str, list[float]] = {}
    for mode in order:
        extra = ["--workers", "0"] if mode == "threads" else (["--workers", str(args.workers)] if args.workers else [])
        started = time.perf_counter()
        server, url = start_server(args.store, *extra)
        start_times.setdefault(mode, []).append(time.perf_counter() - started)
        try:
            latencies, errors, wall = measure(url, args.clients, args.seconds)
        finally:
            stop_server(server)
        if mode in results:  # pool the rounds of a mode
            pooled, pooled_errors, pooled_wall = results[mode]
            for name, values in latencies.items():
                pooled[name].extend(values)
            results[mode] = (pooled, pooled_errors + errors, pooled_wall + wall)
        else:
            results[mode] = (latencies, errors, wall)

    rows, totals = [], {}
    for mode, (latencies, errors, wall) in results.items():
        everything = [x for values in latencies.values() for x in values]
        totals[mode] = (len(everything) / wall, statistics.median(everything), percentile(everything, 0.99))
        rows += [[label[mode], f"`{name}`", len(values), f"{statistics.median(values) * 1000:.1f}",
                  f"{percentile(values, 0.99) * 1000:.1f}"] for name, values in latencies.items() if values]
        rows.append([label[mode], "**all**", len(everything), f"{totals[mode][1] * 1000:.1f}",
                     f"{totals[mode][2] * 1000:.1f}"])
    headline = "; ".join(f"{label[m]}: **{totals[m][0]:,.0f} requests/s**, p50 {totals[m][1] * 1000:.1f} ms, "
                         f"p99 {totals[m][2] * 1000:.1f} ms, {results[m][1]} errors, server start "
                         f"{statistics.median(start_times[m]):.2f} s" for m in results)
    ratio = ""
    if "workers" in totals and "threads" in totals:
        w, t = totals["workers"], totals["threads"]
        ratio = (f"\n\n**Workers ÷ threads (same run): {w[0] / t[0]:.2f}× the requests/s, {w[1] / t[1]:.2f}× the p50, "
                 f"{w[2] / t[2]:.2f}× the p99.**")
    with_triples = ""
    try:
        from kg.store import open_store

        with open_store(args.store) as store:
            with_triples = f" ({len(store):,} quads)"
    except Exception:
        pass
    body = f"""## Endpoint throughput

Machine: {about}.

`kg serve --store {args.store}`{with_triples} on loopback, in each mode one after the other (queries in worker
processes, `kg serve`'s default, and in threads of the server, `--workers 0`, the earlier design), {args.rounds}
round(s) in alternating order ({", ".join(order)}), each mode's rounds pooled; {args.clients}
client threads (urllib, in one process on the same machine) for {args.seconds:g} s per round, each sending the next
query of a fixed mix by POST (form-encoded, SPARQL JSON results). The server start is the time from launching
`kg serve` until it prints its address (its query workers, if any, started and the store opened by each).

{headline}.{ratio}

{table(["mode", "query", "requests", "p50 ms", "p99 ms"], rows)}
"""
    write_section("endpoint", body)
    print(body)


if __name__ == "__main__":
    main()
