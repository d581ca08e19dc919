"""Load test of ``kg serve``: do cheap queries stay fast while expensive and runaway ones run?

Starts ``kg serve --store DIR`` on a free loopback port (127.0.0.1 only) over a
synthetic store (``bench/synthetic.py``'s :func:`build`, about 370,000 triples
by default, generated when missing) with its default limits (10 s time limit),
once per mode of ``--modes``: ``workers`` (queries in worker processes, the
default of ``kg serve``, ``--workers`` of them) and ``threads`` (``kg serve
--workers 0``, queries in threads of the server: the baseline of the same run).
Per mode it runs three phases of ``--seconds`` (default 30) each, with
``--clients`` (default 16) client threads sending one query after the other by
POST:

1. **baseline**: every client sends cheap queries (lookups, an ASK, one actor's
   who-with-whom with a LIMIT);
2. **mixed**: ``--expensive`` of the clients (default 4) send expensive queries
   (an unselective join, the who-with-whom GROUP BY over all interactions, a
   regex over every literal), the others keep sending the cheap ones;
3. **runaway**: ``--runaway`` of the clients (default 4) send a query that runs
   far past the time limit (a cross product of the store with itself), the
   others the cheap ones.  From 2 s after the phase (all its requests answered)
   the CPU time the server and its workers use in ``--idle`` seconds (default
   10) shows whether the timed-out queries were stopped.

It reports, per mode and phase, requests/s and p50/p99 latency of the cheap and
the expensive queries, errors (anything but 200; a 503 from the time limit is
counted separately and also as an error; in phase 3 the runaway queries' 503s
are expected and not counted), the memory of the server and its workers, and
the ratios of the workers mode to the threads mode.  The run is bounded: fixed
phases, a 60 s client timeout per request, the server killed at the end.  The
clients are threads of this process on the same machine, so they compete with
the server for the cores.

Usage: ``python bench/load.py [--store DIR] [--clients 16] [--expensive 4] [--runaway 4] [--seconds 30]
[--modes workers,threads] [--workers N] [--rounds 2]``; the modes run in alternating order (ABBA for 2
rounds), their rounds pooled, so that a change in the machine's other load falls on both; it replaces the ``load`` section of ``bench/RESULTS.md``.
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

from _common import (ROOT, add_mode_options, machine, mode_order, process_tree, start_server, stop_server, table,  # noqa: E402
                     tree_cpu_seconds, tree_rss_mib, write_section)

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
#: A query far past any time limit: the store's triples paired with each other.
RUNAWAY = [("runaway-cross-product", "SELECT (COUNT(*) AS ?n) WHERE { ?a ?p ?b . ?c ?q ?d }")]
HEADERS = {"Content-Type": "application/x-www-form-urlencoded", "Accept": "application/sparql-results+json"}


@dataclass
class Tally:
    """Latencies (s) of the 200 answers per query name, and the failures."""

    latencies: dict[str, list[float]] = field(default_factory=dict)
    timeouts_of: dict[str, int] = field(default_factory=dict)  # 503s (the server's time limit) per query name
    errors: dict[str, int] = field(default_factory=dict)  # other statuses / exceptions
    lock: threading.Lock = field(default_factory=threading.Lock)

    def add(self, name: str, outcome: int | str, elapsed: float) -> None:
        with self.lock:
            if outcome == 200:
                self.latencies.setdefault(name, []).append(elapsed)
            elif outcome == 503:
                self.timeouts_of[name] = self.timeouts_of.get(name, 0) + 1
            else:
                self.errors[str(outcome)] = self.errors.get(str(outcome), 0) + 1

    @property
    def timeouts(self) -> int:
        return sum(self.timeouts_of.values())

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


def p50(values: list[float]) -> str:
    return ms(statistics.median(values)) if values else "–"


def p99(values: list[float]) -> str:
    return ms(percentile(values, 0.99)) if values else "–"


def failures(tally: Tally, *, expected_503: int = 0) -> str:
    other = sum(tally.errors.values())
    timeouts = tally.timeouts - expected_503
    detail = f" ({', '.join(f'{k}: {v}' for k, v in sorted(tally.errors.items()))})" if other else ""
    return f"{other + timeouts} ({timeouts} × 503 time limit, {other} other{detail})"


@dataclass
class ModeRun:
    """The figures of one server mode."""

    mode: str
    solo: dict[str, float]
    phases: dict[str, tuple[Tally, float]]
    idle_cpu: float
    idle_seconds: float
    rss_mib: float
    processes: int


def merge(runs: list[ModeRun]) -> ModeRun:
    """One mode's rounds as one: phases' answers pooled, walls added; CPU after phase 3 and memory averaged."""
    phases = {}
    for key in runs[0].phases:
        tally, wall = Tally(), 0.0
        for run in runs:
            part, part_wall = run.phases[key]
            for name, values in part.latencies.items():
                tally.latencies.setdefault(name, []).extend(values)
            for name, count in part.timeouts_of.items():
                tally.timeouts_of[name] = tally.timeouts_of.get(name, 0) + count
            for name, count in part.errors.items():
                tally.errors[name] = tally.errors.get(name, 0) + count
            wall += part_wall
        phases[key] = (tally, wall)
    solo = {name: statistics.median(run.solo[name] for run in runs) for name in runs[0].solo}
    return ModeRun(runs[0].mode, solo, phases, statistics.mean(r.idle_cpu for r in runs), runs[0].idle_seconds,
                   statistics.mean(r.rss_mib for r in runs), runs[0].processes)


def run_mode(mode: str, args: argparse.Namespace, cheap: list[tuple[str, bytes]],
             expensive: list[tuple[str, bytes]], runaway: list[tuple[str, bytes]]) -> ModeRun:
    extra = ["--workers", "0"] if mode == "threads" else (["--workers", str(args.workers)] if args.workers else [])
    server, url = start_server(args.store, *extra)
    try:
        solo: dict[str, float] = {}
        for name, body in cheap + expensive:  # warm-up, a check that every query works, and its time alone
            times = []
            for _ in range(3):
                started = time.perf_counter()
                outcome = ask(url, body)
                times.append(time.perf_counter() - started)
                if outcome != 200:
                    raise SystemExit(f"{name} failed on its own ({mode}): {outcome}")
            solo[name] = statistics.median(times)
        phases = {"1 baseline": phase(url, args.seconds, [cheap] * args.clients)}
        phases["2 mixed"] = phase(url, args.seconds,
                                  [expensive] * args.expensive + [cheap] * (args.clients - args.expensive))
        rss = tree_rss_mib(server.pid)
        processes = len(process_tree(server.pid))
        idle_cpu = float("nan")
        if args.runaway:
            tally, wall = phase(url, args.seconds, [runaway] * args.runaway + [cheap] * (args.clients - args.runaway))
            phases["3 runaway"] = (tally, wall)
            time.sleep(2)  # the workers that replace the killed ones start (about 0.1 CPU seconds each)
            before = tree_cpu_seconds(server.pid)
            time.sleep(args.idle)
            idle_cpu = tree_cpu_seconds(server.pid) - before
    finally:
        stop_server(server)
    return ModeRun(mode, solo, phases, idle_cpu, args.idle, rss, processes)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--store", type=Path, default=Path("/tmp/kg-bench-load"))
    parser.add_argument("--triples", type=int, default=300_000, help="size of a generated store")
    parser.add_argument("--clients", type=int, default=16)
    parser.add_argument("--expensive", type=int, default=4, help="clients sending expensive queries in phase 2")
    parser.add_argument("--runaway", type=int, default=4,
                        help="clients sending queries past the time limit in phase 3 (0: no phase 3)")
    parser.add_argument("--seconds", type=float, default=30, help="length of each phase")
    parser.add_argument("--idle", type=float, default=10, help="seconds of CPU measurement after phase 3")
    add_mode_options(parser)
    args = parser.parse_args()
    if not 0 < args.expensive < args.clients or not 0 <= args.runaway < args.clients:
        raise SystemExit("--expensive must be between 1 and --clients - 1, --runaway between 0 and --clients - 1")
    order = mode_order(args)
    modes = list(dict.fromkeys(order))
    about = machine()
    if not (args.store / "CURRENT").exists():
        from synthetic import build

        build(args.store, triples=args.triples)
    from kg.serve import QUERY_WORKERS
    from kg.store import open_store

    with open_store(args.store) as store:
        quads = len(store)
    workers = args.workers or QUERY_WORKERS

    cheap = [(name, urlencode({"query": query}).encode()) for name, query in CHEAP]
    expensive = [(name, urlencode({"query": query}).encode()) for name, query in EXPENSIVE]
    runaway = [(name, urlencode({"query": query}).encode()) for name, query in RUNAWAY]
    runs_of: dict[str, list[ModeRun]] = {}
    for mode in order:
        runs_of.setdefault(mode, []).append(run_mode(mode, args, cheap, expensive, runaway))
    runs = [merge(runs_of[mode]) for mode in modes]

    cheap_names, expensive_names = [n for n, _ in CHEAP], [n for n, _ in EXPENSIVE]
    label = {"workers": f"workers ({workers} processes)", "threads": "threads (`--workers 0`)"}
    summary = []
    for run in runs:
        for name, (tally, wall) in run.phases.items():
            c, e = tally.of(cheap_names), tally.of(expensive_names)
            n_exp = {"1 baseline": 0, "2 mixed": args.expensive, "3 runaway": args.runaway}[name]
            kind = {"1 baseline": "", "2 mixed": " expensive", "3 runaway": " runaway"}[name]
            clients = f"{args.clients - n_exp} cheap" + (f" + {n_exp}{kind}" if n_exp else "")
            expected = tally.timeouts_of.get(RUNAWAY[0][0], 0)
            runaway_note = f"0 ({expected} × 503)" if name == "3 runaway" else ""
            summary.append([label[run.mode], name, clients, f"{(len(c) + len(e)) / wall:,.0f}", p50(c), p99(c),
                            len(e) if name == "2 mixed" else (runaway_note or "–"),
                            p50(e) if e else "–", p99(e) if e else "–", failures(tally, expected_503=expected)])
    per_query = []
    for run in runs:
        for name in cheap_names + expensive_names:
            row: list[object] = [label[run.mode].split(" ")[0], f"`{name}`", ms(run.solo[name])]
            for key in ("1 baseline", "2 mixed"):
                values = run.phases[key][0].latencies.get(name, [])
                row += [len(values), p50(values), p99(values)]
            per_query.append(row)
    resources = [[label[r.mode], r.processes, f"{r.rss_mib:,.0f}",
                  f"{r.idle_cpu:.1f} in {r.idle_seconds:g} s" if args.runaway else "–"] for r in runs]

    def cheap_of(run: ModeRun, key: str) -> list[float]:
        return run.phases[key][0].of(cheap_names)

    lines = []
    for run in runs:
        base, mixed = cheap_of(run, "1 baseline"), cheap_of(run, "2 mixed")
        rate = (len(mixed) / run.phases["2 mixed"][1]) / (len(base) / run.phases["1 baseline"][1])
        lines.append(f"- {label[run.mode]}: during the expensive queries cheap queries took "
                     f"{statistics.median(mixed) / statistics.median(base):.1f}× the baseline p50 and "
                     f"{percentile(mixed, 0.99) / percentile(base, 0.99):.1f}× the baseline p99; cheap requests/s "
                     f"{rate:.2f}× the baseline (phase 2 has {args.expensive} fewer cheap clients).")
    by_mode = {r.mode: r for r in runs}
    if "workers" in by_mode and "threads" in by_mode:
        w, t = by_mode["workers"], by_mode["threads"]
        for key in ("1 baseline", "2 mixed") + (("3 runaway",) if args.runaway else ()):
            wc, tc = cheap_of(w, key), cheap_of(t, key)
            if wc and tc:
                lines.append(f"- workers ÷ threads, phase {key}: cheap requests/s "
                             f"{(len(wc) / w.phases[key][1]) / (len(tc) / t.phases[key][1]):.2f}×, cheap p50 "
                             f"{statistics.median(wc) / statistics.median(tc):.2f}×, cheap p99 "
                             f"{percentile(wc, 0.99) / percentile(tc, 0.99):.2f}×.")
            elif wc:
                lines.append(f"- phase {key}: the threads mode answered no cheap query at all.")
    ratios = "\n".join(lines)
    modes_text = " and ".join(label[m] for m in modes)
    body = f"""## Endpoint under load: cheap queries during expensive and runaway ones

Machine: {about}.

`kg serve --store {args.store}` ({quads:,} quads, synthetic news graph of `bench/synthetic.py`) on
127.0.0.1 with its default limits (10 s per query, 100,000 rows), in two modes one after the other:
{modes_text}; {args.rounds} round(s), the modes' order alternating ({", ".join(order)}), so that a change in the
machine's other load during the run falls on both; each mode's rounds are pooled. {args.clients} client threads (urllib, in the benchmark's own process on the same 2-core
machine, so clients and server share the cores) send one POST query after the other for {args.seconds:g} s per
phase. Phase 1 sends only cheap queries; in phase 2, {args.expensive} of the clients send expensive queries (an
unselective join, the who-with-whom GROUP BY over all interactions, a regex over every literal) and the others
the cheap ones; in phase 3, {args.runaway} clients send a query that runs far past the time limit (the store's
triples paired with each other) and the others the cheap ones. Errors are every non-200 answer (503s from the
time limit shown inside them; in phase 3 the runaway queries' own 503s are expected and not counted).

{table(["mode", "phase", "clients", "requests/s", "cheap p50 ms", "cheap p99 ms", "expensive answered",
        "expensive p50 ms", "expensive p99 ms", "errors"], summary)}

{ratios}

From 2 s after phase 3 (every request answered) for {args.idle:g} s, CPU used by the server and its workers (mean of the rounds); their memory after phase 2
(resident set sizes summed; shared pages count once per process):

{table(["mode", "processes", "RSS MiB", "CPU seconds after phase 3"], resources)}

Per query (alone: median of 3 sequential runs before the phases, median over the rounds):

{table(["mode", "query", "alone ms", "ph.1 n", "ph.1 p50", "ph.1 p99", "ph.2 n", "ph.2 p50", "ph.2 p99"],
       per_query)}
"""
    write_section("load", body)
    print(body)


if __name__ == "__main__":
    main()
