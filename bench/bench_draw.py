"""Benchmark the page: Python draw time and browser time to a stable, interactive layout.

For synthetic news graphs of 100, 1,000 and 2,000 actors (bench/synthetic_graph.py, through
kg.graph.build_dataset like real extractions) it measures, as medians of --repeat runs:

- Python side: the networkx view (kg.network.to_networkx), the page (kg.draw.render_view
  and the atomic write), and, as the baseline, pyvis's own Network.add_node/add_edge +
  write_html on the same nodes and edges;
- browser side, in headless Chromium through selenium: DOMContentLoaded, the vis network
  built, the layout stable and frozen (window.kgTimes, ms since navigation start), then
  interactivity: a full redraw, a class filter toggle and a search selection (each until
  two animation frames later), and the JS heap.

Ratios are against the 100-actor run and against pyvis, both measured in the same run.
The results replace the ``bench:draw`` section of bench/RESULTS.md.

usage: python bench/bench_draw.py [--sizes 100,1000,2000] [--repeat 3] [--no-write]
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import re
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any, Callable

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "bench")]

from kg.draw import _vis_files, draw_view  # noqa: E402
from kg.graph import build_dataset, union_graph  # noqa: E402
from kg.network import to_networkx  # noqa: E402
from synthetic_graph import INTERACTIONS_PER_ACTOR, extractions  # noqa: E402

RESULTS = ROOT / "bench" / "RESULTS.md"
BEGIN, END = "<!-- bench:draw -->", "<!-- /bench:draw -->"
CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path("/usr/bin/chromedriver")
LOAD_TIMEOUT = 600

#: Two animation frames after an action: the frame it caused has been painted.
AFTER_PAINT = """
var done = arguments[arguments.length - 1], t0 = performance.now();
(%s)();
requestAnimationFrame(function () { requestAnimationFrame(function () {
  done(performance.now() - t0); }); });
"""


def median_time(action: Callable[[], Any], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def pyvis_page(view: Any, path: Path) -> None:
    """The baseline: what pyvis itself does with the same nodes and edges."""
    from pyvis.network import Network

    net = Network(directed=True, cdn_resources="in_line")
    for node, attrs in view.nodes(data=True):
        net.add_node(node, label=attrs["label"], title=attrs["label"])
    for source, target, attrs in view.edges(data=True):
        net.add_edge(source, target, label=attrs["relation"],
                     title=" | ".join(ev["sentence"] for ev in attrs["evidence"]))
    net.write_html(str(path))


def python_side(size: int, folder: Path, repeat: int) -> dict[str, Any]:
    graph = union_graph(build_dataset(extractions(size)))
    view = to_networkx(graph)
    page = folder / f"actors-{size}.html"
    result = {
        "actors": view.number_of_nodes(),
        "interactions": view.number_of_edges(),
        "triples": len(graph),
        "view_s": median_time(lambda: to_networkx(graph), repeat),
        "page_s": median_time(lambda: draw_view(view, page, title=f"{size} actors"), repeat),
        "pyvis_s": median_time(lambda: pyvis_page(view, folder / f"pyvis-{size}.html"), repeat),
        "page_bytes": page.stat().st_size,
        "page": page,
    }
    result["draw_s"] = result["view_s"] + result["page_s"]
    return result


def browser() -> Any:
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                 "--disable-background-networking", "--disable-component-update",
                 "--no-first-run", "--window-size=1400,900", "--enable-precise-memory-info",
                 f"--user-data-dir={tempfile.mkdtemp(prefix='kg-bench-chromium-')}"):
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(service=Service(str(CHROMEDRIVER)), options=options)
    driver.set_script_timeout(LOAD_TIMEOUT)
    return driver


def browser_side(driver: Any, page: Path, repeat: int) -> dict[str, Any]:
    from selenium.webdriver.support.wait import WebDriverWait

    runs = []
    for _ in range(repeat):
        driver.get("about:blank")
        driver.get_log("browser")
        driver.get(page.as_uri())
        WebDriverWait(driver, LOAD_TIMEOUT, poll_frequency=0.05).until(
            lambda d: d.execute_script("return window.kgStabilized === true"))
        run = driver.execute_script(
            "var nav = performance.getEntriesByType('navigation')[0];"
            "return {dom: nav.domContentLoadedEventEnd, network: kgTimes.network,"
            " stable: kgTimes.stabilized, nodes: kgNodes.length, edges: kgEdges.length,"
            " iterations: kgNetwork.physics.options.stabilization.iterations,"
            " heap: performance.memory ? performance.memory.usedJSHeapSize : null};")
        run["redraw"] = statistics.median(
            driver.execute_async_script(AFTER_PAINT % "function () { kgNetwork.redraw(); }")
            for _ in range(5))
        toggle = ("function () { var box = document.querySelector('#kg-filter-class input');"
                  " box.click(); kgNetwork.redraw(); }")
        run["filter"] = driver.execute_async_script(AFTER_PAINT % toggle)
        driver.execute_async_script(AFTER_PAINT % toggle)  # and back
        select = ("function () { var top = kgNodes.get().sort(function (a, b) {"
                  " return b.kg.degree - a.kg.degree; })[0]; kgSelect(top.id); kgNetwork.redraw(); }")
        run["select"] = driver.execute_async_script(AFTER_PAINT % select)
        run["errors"] = [e["message"] for e in driver.get_log("browser") if e["level"] == "SEVERE"]
        runs.append(run)
    out = {key: statistics.median(run[key] for run in runs)
           for key in ("dom", "network", "stable", "redraw", "filter", "select")}
    out.update({key: runs[-1][key] for key in ("nodes", "edges", "iterations", "heap")})
    out["errors"] = sorted({error for run in runs for error in run["errors"]})
    out["browser_version"] = driver.capabilities.get("browserVersion", "?")
    return out


def machine() -> dict[str, str]:
    cpu = platform.processor() or "?"
    try:
        info = Path("/proc/cpuinfo").read_text()
        cpu = re.search(r"model name\s*:\s*(.+)", info)[1].strip()
    except (OSError, TypeError):
        pass
    memory = "?"
    try:
        kib = int(re.search(r"MemTotal:\s*(\d+)", Path("/proc/meminfo").read_text())[1])
        memory = f"{kib / 2**20:.1f} GiB"
    except (OSError, TypeError):
        pass
    import networkx
    import pyvis
    import rdflib
    import selenium

    vis = re.search(r"vis-network@?\s*([\d.]+)|version\s*([\d.]+)", _vis_files()[0][:400])
    return {
        "cpu": f"{cpu}, {os.cpu_count()} logical cores", "memory": memory,
        "os": f"{platform.system()} {platform.release()}",
        "python": platform.python_version(),
        "packages": f"rdflib {rdflib.__version__}, networkx {networkx.__version__}, "
                    f"pyvis {pyvis.__version__}, selenium {selenium.__version__}"
                    + (f", vis-network {vis[1] or vis[2]}" if vis else ""),
    }


def report(python: list[dict[str, Any]], web: list[dict[str, Any]], details: dict[str, str],
           repeat: int, seconds: float) -> str:
    base_py, base_web = python[0], web[0]
    lines = [
        BEGIN,
        "## Drawing the page (`bench/bench_draw.py`)",
        "",
        f"Synthetic news graphs (`bench/synthetic_graph.py`: {INTERACTIONS_PER_ACTOR} interactions "
        "per actor, preferential attachment, six interactions per dated document), built with "
        "`kg.graph.build_dataset`. Medians of "
        f"{repeat} runs; ratios against the {base_py['actors']}-actor run and against pyvis's "
        f"own `add_node`/`add_edge` + `write_html` on the same nodes and edges, all measured "
        f"in this run ({time.strftime('%Y-%m-%d')}, {seconds:.0f} s in all).",
        "",
        f"Machine: {details['cpu']}, {details['memory']} RAM, {details['os']}; Python "
        f"{details['python']}; {details['packages']}; headless Chromium "
        f"{web[0]['browser_version']}. Load average (1 min) {details['load_start']} at the "
        f"start, {details['load_end']} at the end: on a shared machine other jobs inflate "
        "the absolute times more than the ratios.",
        "",
        "**Python side** (seconds)",
        "",
        "| actors | interactions | triples | view | page | kg draw | × first | pyvis | kg ÷ pyvis | page size |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for row in python:
        lines.append(
            f"| {row['actors']:,} | {row['interactions']:,} | {row['triples']:,} | "
            f"{row['view_s']:.3f} | {row['page_s']:.3f} | {row['draw_s']:.3f} | "
            f"{row['draw_s'] / base_py['draw_s']:.1f} | {row['pyvis_s']:.3f} | "
            f"{row['draw_s'] / row['pyvis_s']:.2f} | {row['page_bytes'] / 1e6:.1f} MB |")
    lines += [
        "",
        "*view*: `to_networkx` on the in-memory rdflib graph; *page*: `draw_view` (pyvis "
        "records, JSON with every evidence sentence, inlined vis-network, atomic write); "
        "*kg draw* = view + page. pyvis starts from the view, so set it against *page*: "
        "kg's page carries the evidence, roles, legend and filters that pyvis's does not.",
        "",
        "**Browser side** (milliseconds since navigation start, then per action)",
        "",
        "| actors | DOM ready | network built | stable, frozen | × first | physics cap | redraw | filter toggle | search + highlight | JS heap |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for row, py in zip(web, python):
        heap = f"{row['heap'] / 2**20:.0f} MB" if row["heap"] else "?"
        lines.append(
            f"| {py['actors']:,} | {row['dom']:.0f} | {row['network']:.0f} | "
            f"**{row['stable']:.0f}** | {row['stable'] / base_web['stable']:.1f} | "
            f"{row['iterations']} it. | {row['redraw']:.0f} | {row['filter']:.0f} | "
            f"{row['select']:.0f} | {heap} |")
    errors = sorted({e for row in web for e in row["errors"]})
    lines += [
        "",
        "*stable, frozen*: physics has run its capped iterations (or settled earlier) and is "
        "switched off; the page answers input from then on. *redraw*, *filter toggle* "
        "(untick a class, hide its edges and orphaned actors) and *search + highlight* "
        "(select the busiest actor, dim the rest, fill the side panel) run until two "
        "animation frames later.",
        "",
        "Console errors: " + ("; ".join(errors) if errors else "none") + ".",
        END,
    ]
    return "\n".join(lines) + "\n"


def write_section(section: str) -> None:
    text = RESULTS.read_text(encoding="utf-8") if RESULTS.exists() else (
        "# Benchmark results\n\nEach benchmark in `bench/` replaces its own section.\n")
    pattern = re.compile(re.escape(BEGIN) + r".*?" + re.escape(END) + r"\n?", re.DOTALL)
    if pattern.search(text):
        text = pattern.sub(lambda _: section, text)
    else:
        text = text.rstrip("\n") + "\n\n" + section
    tmp = RESULTS.with_suffix(".tmp")
    tmp.write_text(text, encoding="utf-8")
    tmp.replace(RESULTS)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="100,1000,2000", help="actor counts (default 100,1000,2000)")
    parser.add_argument("--repeat", type=int, default=3, help="runs per measurement (default 3)")
    parser.add_argument("--no-write", action="store_true", help="print, do not touch RESULTS.md")
    args = parser.parse_args(argv)
    sizes = [int(size) for size in args.sizes.split(",")]
    started = time.perf_counter()
    load_start = f"{os.getloadavg()[0]:.1f}"
    with tempfile.TemporaryDirectory(prefix="kg-bench-draw-") as tmp:
        folder = Path(tmp)
        draw_view(to_networkx(union_graph(build_dataset(extractions(20)))), folder / "warm.html")
        python = []
        for size in sizes:
            python.append(python_side(size, folder, args.repeat))
            print(json.dumps({k: v for k, v in python[-1].items() if k != "page"}), file=sys.stderr)
        driver = browser()
        try:
            browser_side(driver, python[0]["page"], 1)  # warm the browser up
            web = []
            for row in python:
                web.append(browser_side(driver, row["page"], args.repeat))
                print(json.dumps(web[-1]), file=sys.stderr)
        finally:
            driver.quit()
    details = machine()
    details.update(load_start=load_start, load_end=f"{os.getloadavg()[0]:.1f}")
    section = report(python, web, details, args.repeat, time.perf_counter() - started)
    print(section)
    if not args.no_write:
        write_section(section)
        print(f"wrote {RESULTS}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
