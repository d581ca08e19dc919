"""Load test of ``kg serve``: do cheap queries stay fast while expensive ones run?

Starts ``kg serve --store DIR`` on a free loopback port (127.0.0.1 only) over a
synthetic store (``bench/synthetic.py``'s :func:`build`, about 370,000 triples
by default, generated when missing) with its default limits (10 s time limit),
then runs two phases of ``--seconds`` (default 30) each, with ``--clients``
(default 16) client threads sending one query after the other by POST:

1. **baseline**: every client sends cheap queries (lookups, an ASK, one actor's
   who-with-whom with a LIMIT);
2. **mixed**: ``--expensive`` of the clients (default 4) send expensive queries
   (an unselective join, the who-with-whom GROUP BY over all interactions, a
   regex over every literal), the others keep sending the cheap ones.

It reports, per phase, requests/s and p50/p99 latency of the cheap and the
expensive queries, errors (anything but 200; a 503 from the time limit is
counted separately and also as an error), and the ratios of phase 2 to the
phase-1 baseline of the same run.  The run is bounded: two phases of fixed
length, a 60 s client timeout per request.  The clients are threads of this
process on the same machine, so they compete with the server for the cores.

Usage: ``python bench/load.py [--store DIR] [--clients 16] [--expensive 4] [--seconds 30]``;
it replaces the ``load`` section of ``bench/RESULTS.md``.
"""
from __future__ import annotations

import argparse
import statistics
import sys
import threading
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlencode

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import ROOT, machine, start_server, table, write_section  # noqa: E402

_WHO_WITH_WHOM = (ROOT / "ontology" / "queries" / "who-with-whom.rq").read_text(encoding="utf-8")

#: Cheap queries: (name, query).  They touch a few hundred triples at most.
CHEAP = [
    ("actor-lookup", 'SELECT ?a ?type WHERE { ?a rdfs:label "Tony Blair" ; a ?type }'),
    ("ask-meeting", 'ASK { ?a rdfs:label "Tony Blair" . ?b rdfs:label "Jacques Chirac" . ?a kg:meetsWith ?b }'),
    ("ego-network", 'SELECT ?rel ?t WHERE { ?a rdfs:label "Gordon Brown" . ?i kg:source ?a ; kg:target ?t ; '
                    "kg:relationText ?rel } LIMIT 20"),
    ("who-with-whom-one", 'SELECT ?target (COUNT(DISTINCT ?i) AS ?n) WHERE { ?a rdfs:label "Gordon Brown" . '
                          "?i kg:source ?a ; kg:target/rdfs:label ?target ; kg:modality ?m "
                          "FILTER(?m NOT IN (kg:Negated, kg:Hypothetical)) } GROUP BY ?target ORDER BY DESC(?n) LIMIT 10"),
]
#: Expensive queries: each reads (a large part of) the whole store.
EXPENSIVE = [
    ("unselective-join", "SELECT (COUNT(*) AS ?n) WHERE { ?i kg:source ?a . ?j kg:target ?a }"),
    ("who-with-whom-all", _WHO_WITH_WHOM + "LIMIT 10"),
    ("regex-all-literals", 'SELECT (COUNT(*) AS ?n) WHERE { ?x ?p ?l '
                           'FILTER(isLiteral(?l) && REGEX(STR(?l), "(an|en|in)+.*(ov|er)$", "i")) }'),
]
HEADERS = {"Content-Type": "application/x-www-form-urlencoded", "Accept": "application/sparql-results+json"}


@dataclass
class Tally:
    """Latencies (s) of the 200 answers per query name, and the failures."""

    latencies: dict[str, list[float]] = field(default_factory=dict)
    timeouts: int = 0  # 503: the server's time limit
    errors: dict[str, int] = field(default_factory=dict)  # other statuses / exceptions
    lock: threading.Lock = field(default_factory=threading.Lock)

    def add(self, name: str, outcome: int | str, elapsed: float) -> None:
        with self.lock:
            if outcome == 200:
                self.latencies.setdefault(name, []).append(elapsed)
            elif outcome == 503:
                self.timeouts += 1
            else:
                self.errors[str(outcome)] = self.errors.get(str(outcome), 0) + 1

    def of(self, names: list[str]) -> list[float]:
        return [x for name in names for x in self.latencies.get(name, [])]


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]


def ask(url: str, body: bytes) -> int | str:
    try:
        with urllib.request.urlopen(urllib.request.Request(url, data=body, headers=HEADERS), timeout=60) as r:
            r.read()
            return r.status
    except urllib.error.HTTPError as err:
        err.read()
        return err.code
    except (urllib.error.URLError, OSError) as err:
        return type(err).__name__


def phase(url: str, seconds: float, mixes: list[list[tuple[str, bytes]]]) -> tuple[Tally, float]:
    """Run one client thread per mix for ``seconds``; return the tally and the wall time."""
    tally = Tally()
    stop_at = time.perf_counter() + seconds

    def client(mix: list[tuple[str, bytes]], offset: int) -> None:
        n = offset
        while time.perf_counter() < stop_at:
            name, body = mix[n % len(mix)]
            n += 1
            started = time.perf_counter()
            outcome = ask(url, body)
            tally.add(name, outcome, time.perf_counter() - started)

    started = time.perf_counter()
    threads = [threading.Thread(target=client, args=(mix, i)) for i, mix in enumerate(mixes)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return tally, time.perf_counter() - started




def ms(value: float) -> str:
    return f"{value * 1000:.1f}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--store", type=Path, default=Path("/tmp/kg-bench-load"))
    parser.add_argument("--triples", type=int, default=300_000, help="size of a generated store")
    parser.add_argument("--clients", type=int, default=16)
    parser.add_argument("--expensive", type=int, default=4, help="clients sending expensive queries in phase 2")
    parser.add_argument("--seconds", type=float, default=30, help="length of each phase")
    args = parser.parse_args()
    if not 0 < args.expensive < args.clients:
        raise SystemExit("--expensive must be between 1 and --clients - 1")
    about = machine()
    if not (args.store / "CURRENT").exists():
        from synthetic import build

        build(args.store, triples=args.triples)
    from kg.store import open_store

    with open_store(args.store) as store:
        quads = len(store)

    server, url = start_server(args.store)
    try:
        cheap = [(name, urlencode({"query": query}).encode()) for name, query in CHEAP]
        expensive = [(name, urlencode({"query": query}).encode()) for name, query in EXPENSIVE]
        solo: dict[str, float] = {}
        for name, body in cheap + expensive:  # warm-up, a check that every query works, and its time alone
            times = []
            for _ in range(3):
                started = time.perf_counter()
                outcome = ask(url, body)
                times.append(time.perf_counter() - started)
                if outcome != 200:
                    raise SystemExit(f"{name} failed on its own: {outcome}")
            solo[name] = statistics.median(times)
        base, base_wall = phase(url, args.seconds, [cheap] * args.clients)
        mixed, mixed_wall = phase(url, args.seconds,
                                  [expensive] * args.expensive + [cheap] * (args.clients - args.expensive))
    finally:
        server.terminate()
        server.wait(timeout=10)

    cheap_names, expensive_names = [n for n, _ in CHEAP], [n for n, _ in EXPENSIVE]
    b_cheap, m_cheap, m_exp = base.of(cheap_names), mixed.of(cheap_names), mixed.of(expensive_names)

    def failures(tally: Tally) -> str:
        other = sum(tally.errors.values())
        detail = f" ({', '.join(f'{k}: {v}' for k, v in sorted(tally.errors.items()))})" if other else ""
        return f"{other + tally.timeouts} ({tally.timeouts} × 503 time limit, {other} other{detail})"

    summary = [
        ["1 baseline", f"{args.clients} cheap", f"{len(b_cheap) / base_wall:,.0f}", ms(statistics.median(b_cheap)),
         ms(percentile(b_cheap, 0.99)), "–", "–", "–", failures(base)],
        ["2 mixed", f"{args.clients - args.expensive} cheap + {args.expensive} expensive",
         f"{(len(m_cheap) + len(m_exp)) / mixed_wall:,.0f}",
         ms(statistics.median(m_cheap)) if m_cheap else "–", ms(percentile(m_cheap, 0.99)) if m_cheap else "–",
         len(m_exp), ms(statistics.median(m_exp)) if m_exp else "–", ms(percentile(m_exp, 0.99)) if m_exp else "–",
         failures(mixed)],
    ]
    per_query = []
    for name in cheap_names + expensive_names:
        row: list[object] = [f"`{name}`", ms(solo[name])]
        for tally in (base, mixed):
            values = tally.latencies.get(name, [])
            row += [len(values), ms(statistics.median(values)) if values else "–",
                    ms(percentile(values, 0.99)) if values else "–"]
        per_query.append(row)
    ratio_p50 = statistics.median(m_cheap) / statistics.median(b_cheap) if m_cheap else float("nan")
    ratio_p99 = percentile(m_cheap, 0.99) / percentile(b_cheap, 0.99) if m_cheap else float("nan")
    ratio_rate = (len(m_cheap) / mixed_wall) / (len(b_cheap) / base_wall)
    body = f"""## Endpoint under load: cheap queries during expensive ones

Machine: {about}.

`kg serve --store {args.store}` ({quads:,} quads, synthetic news graph of `bench/synthetic.py`) on
127.0.0.1 with its default limits (10 s per query, 100,000 rows); {args.clients} client threads (urllib, in the
benchmark's own process on the same 2-core machine, so clients and server share the cores) sending one POST
query after the other for {args.seconds:g} s per phase. Phase 1 sends only cheap queries; in phase 2,
{args.expensive} of the clients send expensive queries (an unselective join, the who-with-whom GROUP BY over
all interactions, a regex over every literal) and the other {args.clients - args.expensive} keep sending the
cheap ones. Errors are every non-200 answer; 503s from the time limit are shown separately inside them.

{table(["phase", "clients", "requests/s", "cheap p50 ms", "cheap p99 ms", "expensive answered",
        "expensive p50 ms", "expensive p99 ms", "errors"], summary)}

**During the expensive queries, cheap queries took {ratio_p50:.1f}× the baseline p50 and {ratio_p99:.1f}× the
baseline p99; cheap requests/s fell to {ratio_rate:.2f}× the baseline** (of the same run; phase 2 also has
{args.expensive} fewer cheap clients).

Per query (alone: median of 3 sequential runs before the phases):

{table(["query", "alone ms", "ph.1 n", "ph.1 p50", "ph.1 p99", "ph.2 n", "ph.2 p50", "ph.2 p99"], per_query)}
"""
    write_section("load", body)
    print(body)


if __name__ == "__main__":
    main()
