"""Large input: one big text file through ``kg extract``, wall time, words/s and peak memory.

The text is the BBC corpus (``../shared/corpus/bbc/*/*.txt``) joined with blank lines and
repeated up to the size asked for, written to a temporary folder (never committed). Each
run is a fresh ``python -m kg extract FILE -o OUT.nt -q`` process whose peak RSS comes from
``os.wait4``.  In the same run, as baselines:

* plain spaCy (``nlp.pipe`` over the same paragraphs, nothing kept) on the baseline slice;
* kg on the baseline slice, so the ratio of the two kg runs shows how time and memory scale;
* kg on a one-line article, the fixed cost (interpreter, spaCy and the model).

Peak memory is measured three ways, sampled every 0.5 s from ``/proc``: the largest peak RSS
(``VmHWM``) of any one process (with ``--workers N`` that may be a spaCy worker), the peak
of the summed RSS of the whole process tree (which counts pages that forked workers share
with the main process more than once), and the peak of its summed PSS (which counts each
shared page once: the memory the processes really hold).

A document longer than ``kg.extract.WINDOW_CHARS`` is parsed and resolved window by window
and ``-o OUT.nt`` is written as it is extracted (``kg.stream``), so memory should stay about
flat between the baseline slice and the large file; the text itself is not held either (a
plain-text file that large is read from the file a part at a time: ``kg.documents.FileText``).

The figures go to ``bench/RESULTS.md`` between ``<!-- bench:large -->`` and
``<!-- /bench:large -->``; other sections of that file are kept.

usage: python bench/bench_large.py [--mb 50] [--baseline-mb 1] [--workers 2]
"""
from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import re
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus" / "bbc"
RESULTS = ROOT / "bench" / "RESULTS.md"
START, END = "<!-- bench:large -->", "<!-- /bench:large -->"
MB = 1_000_000

SPACY_ONLY = r"""
import sys
from kg.nlp import load
nlp = load()
paragraphs = [p for p in open(sys.argv[1], encoding="utf-8").read().split("\n\n") if p.strip()]
tokens = 0
for doc in nlp.pipe(paragraphs, batch_size=64, n_process=int(sys.argv[2])):
    tokens += len(doc)
print(tokens)
"""


def corpus_text(size: int) -> str:
    """BBC articles joined by blank lines, repeated and cut at an article to ``size`` bytes."""
    return "".join(corpus_parts(size))


def corpus_parts(size: int) -> Iterator[str]:
    """The pieces of :func:`corpus_text`, one article at a time (the 50 MB text is written to
    its file piece by piece: this process stays small, and so does the ``ru_maxrss`` its
    children inherit when they are forked)."""
    files = sorted(CORPUS.glob("*/*.txt"))
    if not files:
        sys.exit(f"bench_large: no corpus at {CORPUS}")
    articles = [f.read_bytes().decode("utf-8", "replace").strip() for f in files]
    total, first = 0, True
    while total < size:
        for article in articles:
            yield article if first else "\n\n" + article
            first = False
            total += len(article.encode("utf-8")) + 2
            if total >= size:
                break
    yield "\n"


def tree_memory(pid: int) -> tuple[int, int, int]:
    """The summed resident memory (bytes) of a process and all its descendants, the
    largest peak (``VmHWM``) among them, and their summed proportional set size (PSS: a
    page shared by n processes counts 1/n in each, so the sum is the memory the tree
    really holds), from /proc."""
    total, peak, pss, todo = 0, 0, 0, [pid]
    while todo:
        current = todo.pop()
        try:
            status = dict(line.split(":", 1) for line in Path(f"/proc/{current}/status").read_text().splitlines()
                          if ":" in line)
            rollup = Path(f"/proc/{current}/smaps_rollup").read_text().splitlines()
            pss += next(int(line.split()[1]) for line in rollup if line.startswith("Pss:")) * 1024
            total += int(status["VmRSS"].split()[0]) * 1024
            peak = max(peak, int(status["VmHWM"].split()[0]) * 1024)
            for task in Path(f"/proc/{current}/task").iterdir():
                todo += [int(child) for child in (task / "children").read_text().split()]
        except (OSError, KeyError, ValueError, StopIteration):
            continue
    return total, peak, pss


def measure(cmd: list[str]) -> tuple[float, int, str, int, int]:
    """Wall seconds, peak RSS (bytes: the largest ``VmHWM`` of the child and its worker
    processes, sampled every 0.5 s), stdout, the peak summed RSS of the process tree and the
    peak summed PSS of the process tree.

    ``ru_maxrss`` is not used: a child forked from this process starts with this process's
    resident size on its account, whatever it uses after ``exec``.
    """
    started = time.perf_counter()
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        child = subprocess.Popen(cmd, stdout=out, stderr=err, cwd=ROOT)
        tree_peak = peak = pss_peak = 0
        while True:
            pid, status, _ = os.wait4(child.pid, os.WNOHANG)
            if pid:
                break
            total, hwm, pss = tree_memory(child.pid)
            tree_peak, peak, pss_peak = max(tree_peak, total), max(peak, hwm), max(pss_peak, pss)
            time.sleep(0.5)
        wall = time.perf_counter() - started
        child.returncode = os.waitstatus_to_exitcode(status)
        err.seek(0)
        out.seek(0)
        if child.returncode != 0:
            sys.exit(f"bench_large: {' '.join(cmd)} failed:\n{err.read().decode(errors='replace')}")
        return wall, peak, out.read().decode(), tree_peak, pss_peak


def machine() -> str:
    cpu = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")), platform.processor() or "?")
    mem = next((int(line.split()[1]) // 1024 // 1024 for line in Path("/proc/meminfo").read_text().splitlines()
                if line.startswith("MemTotal")), 0)
    import spacy

    load = os.getloadavg()[0]
    return (f"{os.cpu_count()} cores ({cpu}), {mem} GiB RAM, Python {platform.python_version()}, "
            f"spaCy {spacy.__version__}, load average {load:.1f} at the start (other jobs share the machine)")


def write_section(body: str) -> None:
    text = RESULTS.read_text(encoding="utf-8") if RESULTS.exists() else "# Benchmarks\n"
    section = f"{START}\n{body.rstrip()}\n{END}"
    pattern = re.compile(re.escape(START) + ".*?" + re.escape(END), re.S)
    text = pattern.sub(lambda _: section, text) if pattern.search(text) else text.rstrip() + "\n\n" + section + "\n"
    RESULTS.write_text(text, encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--mb", type=float, default=50, help="size of the large file in MB (default 50)")
    parser.add_argument("--baseline-mb", type=float, default=1, help="size of the baseline slice (default 1)")
    parser.add_argument("--workers", type=int, default=1, help="kg extract --workers for both kg runs (default 1)")
    args = parser.parse_args()
    workers = ["--workers", str(args.workers)] if args.workers > 1 else []
    env_note = machine()
    rows = []
    with tempfile.TemporaryDirectory(prefix="kg-bench-large-") as tmp:
        folder = Path(tmp)
        tiny = folder / "tiny.txt"
        tiny.write_text("German Chancellor Olaf Scholz met French President Emmanuel Macron.\n")
        wall, rss, _, tree, pss = measure([sys.executable, "-m", "kg", "extract", str(tiny), "-o",
                                           str(folder / "tiny.nt"), "-q", *workers])
        rows.append((f"kg extract{' --workers ' + str(args.workers) if workers else ''}, one sentence (fixed cost)",
                     0, 8, wall, rss, tree, pss))
        texts = {}
        for label, size in (("baseline", args.baseline_mb), ("large", args.mb)):
            path = folder / f"{label}.txt"
            nbytes = words = 0
            with path.open("w", encoding="utf-8") as fh:
                for part in corpus_parts(int(size * MB)):
                    fh.write(part)
                    nbytes += len(part.encode("utf-8"))
                    words += len(part.split())
            texts[label] = (path, nbytes, words)
        path, size, words = texts["baseline"]
        wall, rss, _, tree, pss = measure([sys.executable, "-c", SPACY_ONLY, str(path), str(args.workers)])
        rows.append((f"plain spaCy nlp.pipe{f' (n_process={args.workers})' if workers else ''}, {size / MB:.1f} MB",
                     size, words, wall, rss, tree, pss))
        for label in ("baseline", "large"):
            path, size, words = texts[label]
            out = folder / f"{label}.nt"
            wall, rss, _, tree, pss = measure([sys.executable, "-m", "kg", "extract", str(path), "-o", str(out),
                                               "-q", *workers])
            triples = sum(1 for _ in out.open("rb"))
            rows.append((f"kg extract{' --workers ' + str(args.workers) if workers else ''}, {size / MB:.1f} MB "
                         f"text file (one document, {triples:,} triples out)", size, words, wall, rss, tree, pss))
            print(f"{label}: {size / MB:.1f} MB, {wall:.0f} s, {rss / MB:.0f} MB peak, {pss / MB:.0f} MB PSS",
                  file=sys.stderr, flush=True)
    fixed_rss, fixed_pss = rows[0][4], rows[0][6]
    spacy_row, base_row, large_row = rows[1], rows[2], rows[3]
    lines = [
        "## Large input: one big text file through `kg extract` (`bench/bench_large.py`)",
        "",
        f"Run {dt.date.today().isoformat()} with `python bench/bench_large.py --mb {args.mb:g} --baseline-mb {args.baseline_mb:g}"
        f"{' --workers ' + str(args.workers) if workers else ''}`"
        f" on {env_note}.",
        "",
        "| run | size | words | wall | words/s | words/s past the fixed cost | peak RSS (largest process) "
        "| above fixed cost | peak RSS (all processes) | peak PSS (all processes) | above fixed cost |",
        "|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    fixed_wall = rows[0][3]
    for name, size, words, wall, rss, tree, pss in rows:
        net = f"{words / (wall - fixed_wall):,.0f}" if size and wall > fixed_wall else "–"
        lines.append(f"| {name} | {size / MB:.2f} MB | {words:,} | {wall:.1f} s | {words / wall:,.0f} | {net} | "
                     f"{rss / MB:.0f} MB | {(rss - fixed_rss) / MB:+.0f} MB | {tree / MB:.0f} MB | {pss / MB:.0f} MB | "
                     f"{(pss - fixed_pss) / MB:+.0f} MB |")
    scale = large_row[1] / base_row[1]
    lines += [
        "",
        f"- kg vs plain spaCy on the same {base_row[1] / MB:.1f} MB: "
        f"{(base_row[2] / base_row[3]) / (spacy_row[2] / spacy_row[3]):.2f}× spaCy's words/s "
        f"(wall time includes loading the model in each process).",
        f"- {large_row[1] / MB:.1f} MB vs {base_row[1] / MB:.1f} MB ({scale:.1f}× the text): "
        f"{large_row[3] / base_row[3]:.2f}× the time, {(large_row[4] - fixed_rss) / max(base_row[4] - fixed_rss, 1):.2f}× "
        f"the memory above the fixed cost (largest process), {large_row[5] / base_row[5]:.2f}× the peak RSS of all "
        f"processes, {(large_row[6] - fixed_pss) / max(base_row[6] - fixed_pss, 1):.2f}× the memory the processes "
        "really hold (summed PSS) above the fixed cost.",
        f"- Load average at the end: {os.getloadavg()[0]:.1f}.",
    ]
    if args.mb < 50:
        hours = 50 * MB / large_row[1] * large_row[3] / 3600
        lines.append(f"- Smaller than the 50 MB the issue asks for: at the rate above, 50 MB would take at least "
                     f"{hours:.1f} h on this machine (more if time grows faster than the text). "
                     "Run `python bench/bench_large.py` (50 MB) on a quiet machine to record it.")
    write_section("\n".join(lines))
    print(RESULTS.read_text(encoding="utf-8"))


if __name__ == "__main__":
    main()
