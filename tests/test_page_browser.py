"""The drawn page in a real headless Chromium: it loads offline, runs no injected script,
and its search box and filters work."""
from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from rdflib import RDFS, Graph

from kg.draw import draw
from test_draw import actor_iri, add_actor, add_interaction, geneva_graph, page_id
from test_draw import hostile_graph as undated_graph

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path("/usr/bin/chromedriver")
CHROME_FLAGS = (
    "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--no-first-run", "--window-size=1280,800",
)
LOAD_TIMEOUT = 30
# Chromium's own pages (its start page at launch) load chrome: URLs; none of these is network.
LOCAL_SCHEMES = ("file:", "data:", "blob:", "about:", "chrome:")
# Each payload would set window.pwned or change the title if the page ever parsed it as HTML.
PAYLOADS = (
    "<script>window.pwned=1</script>",
    "<img src=x onerror=\"window.pwned=2\">",
    "</script><script>document.title='pwned'</script>",
    "O'Brien <x> \"y\" <svg onload=window.pwned=3>",
)

pytestmark = pytest.mark.skipif(
    not (CHROMIUM.exists() and CHROMEDRIVER.exists()),
    reason=f"needs {CHROMIUM} and {CHROMEDRIVER} (CI installs Debian's chromium-driver)",
)


def hostile_graph() -> Graph:
    g = Graph()
    add_actor(g, "reuters", "Reuters", "Organization")
    for number, payload in enumerate(PAYLOADS):
        add_actor(g, f"hostile-{number}", payload, "Person", aliases=(payload,),
                  roles=((payload, None),))
        add_interaction(g, f"hostile-{number}", "reuters", "Communicate", payload,
                        begin=number * 100, sentence=f"{payload} told Reuters on Monday.",
                        path=f"news/{payload}.txt", attribution_text=payload, place=payload,
                        date_text=payload)
    return g


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    """One headless Chromium for the module (starting it is the slow part)."""
    webdriver = pytest.importorskip("selenium.webdriver", reason="selenium is a test dependency")
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for flag in CHROME_FLAGS:
        options.add_argument(flag)
    options.add_argument(f"--user-data-dir={tmp_path_factory.mktemp('chromium-profile')}")
    options.set_capability("goog:loggingPrefs", {"browser": "ALL", "performance": "ALL"})
    driver = webdriver.Chrome(service=Service(str(CHROMEDRIVER)), options=options)
    try:
        yield driver
    finally:
        driver.quit()


def open_page(driver: Any, path: Path) -> None:
    """Load a page, wait for the layout to settle and discard earlier log entries."""
    from selenium.webdriver.support.wait import WebDriverWait

    driver.get_log("browser")
    driver.get_log("performance")
    driver.get(path.as_uri())
    WebDriverWait(driver, LOAD_TIMEOUT).until(
        lambda d: d.execute_script("return window.kgStabilized === true"))


def visible_edges(driver: Any) -> list[str]:
    return driver.execute_script(
        "return kgEdges.get({filter: function (e) { return !e.hidden; }}).map(function (e) {"
        " return e.id; });")


def requested_urls(driver: Any) -> list[str]:
    """URLs the page asked for, from the DevTools log and the Resource Timing API."""
    urls = []
    for entry in driver.get_log("performance"):
        message = json.loads(entry["message"])["message"]
        if message["method"] == "Network.requestWillBeSent":
            urls.append(message["params"]["request"]["url"])
    urls += driver.execute_script(
        "return performance.getEntriesByType('resource').map(function (r) { return r.name; });")
    return urls


def test_page_loads_offline_without_errors(browser: Any, tmp_path: Path) -> None:
    page = tmp_path / "geneva.html"
    draw(geneva_graph(), page, title="Geneva talks")
    open_page(browser, page)
    severe = [e for e in browser.get_log("browser") if e["level"] == "SEVERE"]
    assert severe == []
    assert browser.execute_script("return [kgNodes.length, kgEdges.length]") == [5, 5]
    assert browser.execute_script("return kgNetwork.physics.options.enabled") is False
    external = [url for url in requested_urls(browser) if not url.startswith(LOCAL_SCHEMES)]
    assert external == []
    assert browser.title == "Geneva talks"


def test_hostile_names_run_no_script(browser: Any, tmp_path: Path) -> None:
    page = tmp_path / "hostile.html"
    draw(hostile_graph(), page, title=PAYLOADS[2])
    open_page(browser, page)
    assert browser.execute_script("return typeof window.pwned") == "undefined"
    assert browser.title == PAYLOADS[2]
    assert browser.execute_script("return [kgNodes.length, kgEdges.length]") == [5, 4]
    # the tooltips are DOM trees that show the payloads as text
    tips = browser.execute_script(
        "return kgEdges.get().map(function (e) { return e.title.textContent; })"
        ".concat(kgNodes.get().map(function (n) { return n.title.textContent; }));")
    for payload in PAYLOADS:
        assert any(payload in tip for tip in tips)
    injected = browser.execute_script(
        "return document.querySelectorAll('img, svg, #kg-panel script, .kg-tip script').length")
    assert injected == 0
    assert [e for e in browser.get_log("browser") if e["level"] == "SEVERE"] == []


@pytest.mark.parametrize(("query", "expected"), [
    ("Sergei Lavrov", "sergei-lavrov"),
    ("blinken", "antony-blinken"),  # alias, any case
    ("azov", "azov-battalion"),  # part of the label
])
def test_search_box_selects_the_actor(browser: Any, tmp_path: Path, query: str,
                                      expected: str) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys

    page = tmp_path / "search.html"
    draw(geneva_graph(), page)
    open_page(browser, page)
    box = browser.find_element(By.ID, "kg-search")
    box.send_keys(query, Keys.ENTER)
    selected = browser.execute_script("return kgNetwork.getSelectedNodes()")
    assert selected == [page_id(actor_iri(expected))]


def test_unticking_planned_hides_planned_edges(browser: Any, tmp_path: Path) -> None:
    from selenium.webdriver.common.by import By

    page = tmp_path / "filter.html"
    draw(geneva_graph(), page)
    open_page(browser, page)
    planned = browser.execute_script(
        "return kgEdges.get({filter: function (e) { return e.kg.modality === 'planned'; }})"
        ".map(function (e) { return e.id; });")
    assert len(planned) == 1 and len(visible_edges(browser)) == 5
    browser.find_element(By.ID, "kg-modality-planned").click()
    shown = visible_edges(browser)
    assert len(shown) == 4 and planned[0] not in shown
    browser.find_element(By.ID, "kg-type-Warn").click()
    assert len(visible_edges(browser)) == 3
    browser.find_element(By.ID, "kg-modality-planned").click()
    assert len(visible_edges(browser)) == 4
    assert "(4 shown)" in browser.find_element(By.ID, "kg-summary").text


def test_label_toggle_hides_and_restores_relation_labels(browser: Any, tmp_path: Path) -> None:
    from selenium.webdriver.common.by import By

    page = tmp_path / "labels.html"
    draw(geneva_graph(), page)
    open_page(browser, page)
    labels = "return kgEdges.get().map(function (e) { return e.label; }).sort();"
    before = browser.execute_script(labels)
    browser.find_element(By.ID, "kg-labels").click()
    assert set(browser.execute_script(labels)) == {""}
    browser.find_element(By.ID, "kg-labels").click()
    assert browser.execute_script(labels) == before
    assert [e for e in browser.get_log("browser") if e["level"] == "SEVERE"] == []


# --- the seed page, as the README's main command writes it -------------------------------

def kg_cli(*args: str) -> str:
    result = subprocess.run([sys.executable, "-m", "kg", *args], capture_output=True, text=True,
                            cwd=ROOT)
    assert result.returncode == 0, result.stderr
    return result.stdout


@pytest.fixture(scope="module")
def seed(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """The seed graph and page from ``kg extract seeds/ -o ... --html ...``, with the facts
    the tests expect, read from the graph by SPARQL and the CSV export (not from the page)."""
    out = tmp_path_factory.mktemp("seed")
    kg_cli("extract", "seeds/", "-o", str(out / "seed.ttl"), "--html", str(out / "seed.html"),
           "-q")
    counts = json.loads(kg_cli(
        "query", str(out / "seed.ttl"),
        "SELECT (COUNT(DISTINCT ?i) AS ?interactions) (COUNT(DISTINCT ?a) AS ?actors) WHERE {"
        " ?i kg:source ?s ; kg:target ?o . VALUES ?end { 0 1 } BIND(IF(?end = 0, ?s, ?o) AS ?a) }",
        "--format", "json"))
    row = counts["results"]["bindings"][0]
    rows = list(csv.DictReader(io.StringIO(kg_cli("export", str(out / "seed.ttl"), "--format",
                                                  "csv"))))
    return {"page": out / "seed.html", "graph": out / "seed.ttl", "rows": rows,
            "interactions": int(row["interactions"]["value"]),
            "actors": int(row["actors"]["value"])}


def test_seed_page_loads_offline_with_every_actor_and_interaction(browser: Any,
                                                                   seed: dict[str, Any]) -> None:
    open_page(browser, seed["page"])
    assert [e for e in browser.get_log("browser") if e["level"] in ("SEVERE", "WARNING")] == []
    assert [url for url in requested_urls(browser) if not url.startswith(LOCAL_SCHEMES)] == []
    assert browser.execute_script("return [kgNodes.length, kgEdges.length]") == [
        seed["actors"], seed["interactions"]]
    assert seed["interactions"] == len(seed["rows"])
    assert browser.execute_script("return kgNetwork.physics.options.enabled") is False


def test_seed_search_finds_blinken_and_lists_whom_he_spoke_with(browser: Any,
                                                                  seed: dict[str, Any]) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys

    open_page(browser, seed["page"])
    browser.find_element(By.ID, "kg-search").send_keys("Blinken", Keys.ENTER)
    (selected,) = browser.execute_script("return kgNetwork.getSelectedNodes()")
    assert browser.execute_script("return kgNodes.get(arguments[0]).kg.label",
                                  selected) == "Antony Blinken"
    panel = browser.find_element(By.ID, "kg-details")
    assert panel.is_displayed()
    assert browser.find_element(By.ID, "kg-details-name").text == "Antony Blinken"
    partners = [e.text for e in browser.find_elements(By.CSS_SELECTOR, "#kg-details .kg-partner")]
    expected = [row["object"] if row["subject"] == "Antony Blinken" else row["subject"]
                for row in seed["rows"] if "Antony Blinken" in (row["subject"], row["object"])]
    assert sorted(partners) == sorted(expected)
    assert {"Jens Stoltenberg", "Luigi Di Maio", "Mélanie Joly"} <= set(partners)
    # the rest of the graph is dimmed, Blinken's interactions are not
    opacities = browser.execute_script(
        "var ids = kgNetwork.getConnectedEdges(arguments[0]);"
        "return kgEdges.get().map(function (e) { return [ids.indexOf(e.id) >= 0, e.color.opacity]; });",
        selected)
    assert {opacity for mine, opacity in opacities if mine} == {0.9}
    assert {opacity for mine, opacity in opacities if not mine} == {0.12}
    browser.find_element(By.ID, "kg-details-close").click()
    assert not panel.is_displayed()
    assert {e[1] for e in browser.execute_script(
        "return kgEdges.get().map(function (e) { return [e.id, e.color.opacity]; });")} == {0.9}


def test_seed_unticking_planned_hides_exactly_the_planned_edges(browser: Any,
                                                                seed: dict[str, Any]) -> None:
    from selenium.webdriver.common.by import By

    open_page(browser, seed["page"])
    planned = sum(row["modality"] == "planned" for row in seed["rows"])
    assert planned > 0
    browser.find_element(By.ID, "kg-modality-planned").click()
    shown = browser.execute_script(
        "return kgEdges.get({filter: function (e) { return !e.hidden; }})"
        ".map(function (e) { return e.kg.modality; });")
    assert len(shown) == seed["interactions"] - planned and "planned" not in shown
    # the planned edges are the dashed ones, labelled as planned
    dashed = browser.execute_script(
        "return kgEdges.get({filter: function (e) { return e.kg.modality === 'planned'; }})"
        ".map(function (e) { return [e.dashes !== false, e.label]; });")
    assert all(is_dashed and label.endswith("(planned)") for is_dashed, label in dashed)


def test_seed_layout_is_repeatable(browser: Any, seed: dict[str, Any]) -> None:
    positions = []
    for _ in range(2):
        open_page(browser, seed["page"])
        positions.append(browser.execute_script(
            "var p = kgNetwork.getPositions(); var out = {};"
            "Object.keys(p).forEach(function (k) { out[k] = [Math.round(p[k].x), Math.round(p[k].y)]; });"
            "return out;"))
    assert positions[0] == positions[1]
    assert len(positions[0]) == seed["actors"]


def test_injected_script_article_runs_no_script(browser: Any, tmp_path: Path) -> None:
    article = tmp_path / "injected.txt"
    article.write_text(
        "Macron meets Scholz <script>window.pwned=1</script>\n\n"
        "French President Emmanuel Macron met German Chancellor Olaf Scholz in Berlin on "
        "Tuesday <img src=x onerror=\"window.pwned=2\"> to discuss energy prices.\n",
        encoding="utf-8")
    page = tmp_path / "injected.html"
    kg_cli("extract", str(article), "-o", str(tmp_path / "injected.ttl"), "--html", str(page),
           "-q")
    open_page(browser, page)
    assert browser.execute_script("return typeof window.pwned") == "undefined"
    tips = browser.execute_script(
        "return kgEdges.get().map(function (e) { return e.title.textContent; }).join(' ');")
    assert "<img src=x onerror=" in tips  # the article's text is there, as text
    assert browser.execute_script("return document.querySelectorAll('img').length") == 0
    assert [e for e in browser.get_log("browser") if e["level"] == "SEVERE"] == []


# --- date range, name toggle, clicks, parts of big graphs ---------------------------------

def set_value(driver: Any, element_id: str, value: str) -> None:
    driver.execute_script(
        "var el = document.getElementById(arguments[0]); el.value = arguments[1];"
        "el.dispatchEvent(new Event('change'));", element_id, value)


def test_date_range_filter(browser: Any, tmp_path: Path) -> None:
    from selenium.webdriver.common.by import By

    page = tmp_path / "dates.html"
    draw(geneva_graph(), page)
    open_page(browser, page)
    shown = "return kgEdges.get({filter: function (e) { return !e.hidden; }}).map(function (e) { return e.kg.relation; }).sort();"
    hidden_nodes = "return kgNodes.get({filter: function (n) { return n.hidden; }}).map(function (n) { return n.kg.label; }).sort();"
    assert browser.find_element(By.ID, "kg-date-from").get_attribute("value") == "2022-01-14"
    assert browser.find_element(By.ID, "kg-date-to").get_attribute("value") == "2022-01-21"
    set_value(browser, "kg-date-from", "2022-01-15")
    assert browser.execute_script(shown) == ["met", "rejected", "warned"]
    assert browser.execute_script(hidden_nodes) == ["Azov Battalion", "NATO", "Ukraine"]
    browser.find_element(By.ID, "kg-date-undated").click()
    assert browser.execute_script(shown) == ["met"]
    set_value(browser, "kg-date-from", "2022-01-14")
    set_value(browser, "kg-date-to", "2022-01-20")
    assert browser.execute_script(shown) == ["did not arm", "will travel to"]
    assert "(2 shown)" in browser.find_element(By.ID, "kg-summary").text


def test_undated_pages_disable_the_date_inputs(browser: Any, tmp_path: Path) -> None:
    from selenium.webdriver.common.by import By

    page = tmp_path / "undated.html"
    draw(undated_graph(), page)
    open_page(browser, page)
    assert not browser.find_element(By.ID, "kg-date-from").is_enabled()
    assert "No interaction has a calendar date" in browser.find_element(By.ID, "kg-date-note").text
    browser.find_element(By.ID, "kg-date-undated").click()
    assert visible_edges(browser) == []


def test_actor_name_toggle(browser: Any, tmp_path: Path) -> None:
    from selenium.webdriver.common.by import By

    page = tmp_path / "names.html"
    draw(geneva_graph(), page)
    open_page(browser, page)
    names = "return kgNodes.get().map(function (n) { return n.label; }).sort();"
    before = browser.execute_script(names)
    assert "Antony Blinken" in before
    browser.find_element(By.ID, "kg-node-labels").click()
    assert set(browser.execute_script(names)) == {""}
    browser.find_element(By.ID, "kg-node-labels").click()
    assert browser.execute_script(names) == before


def test_clicking_an_actor_lists_its_interactions(browser: Any, tmp_path: Path) -> None:
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.by import By

    page = tmp_path / "click.html"
    draw(geneva_graph(), page)
    open_page(browser, page)
    target = page_id(actor_iri("sergei-lavrov"))
    x, y = browser.execute_script(
        "var p = kgNetwork.canvasToDOM(kgNetwork.getPositions([arguments[0]])[arguments[0]]);"
        "return [p.x, p.y];", target)
    graph = browser.find_element(By.ID, "kg-graph")
    ActionChains(browser).move_to_element_with_offset(
        graph, int(x - graph.size["width"] / 2), int(y - graph.size["height"] / 2)).click().perform()
    assert browser.execute_script("return kgNetwork.getSelectedNodes()") == [target]
    assert browser.find_element(By.ID, "kg-details-name").text == "Sergei Lavrov"
    rows = [li.text for li in browser.find_elements(By.CSS_SELECTOR, "#kg-details-list li")]
    assert len(rows) == 3 and any("rejected" in row and "reported" in row for row in rows)


@pytest.mark.parametrize(("args", "expected"), [
    (("--top", "3"), {"Joe Biden", "Vladimir Putin", "Antony Blinken"}),
    (("--ego", "Zelensky"), {"Volodymyr Zelensky", "Joe Biden", "Antony Blinken"}),
])
def test_top_and_ego_pages_in_the_browser(browser: Any, tmp_path: Path, args: tuple[str, ...],
                                          expected: set[str]) -> None:
    page = tmp_path / "part.html"
    kg_cli("draw", str(ROOT / "graphs" / "seed.ttl"), "-o", str(page), *args)
    open_page(browser, page)
    labels = browser.execute_script("return kgNodes.get().map(function (n) { return n.kg.label; });")
    assert set(labels) == expected
    assert [e for e in browser.get_log("browser") if e["level"] == "SEVERE"] == []
    assert browser.execute_script("return kgEdges.length") > 0


def test_a_big_page_settles_and_answers(browser: Any, tmp_path: Path) -> None:
    """1,100 actors: physics stops after its capped iterations, then search and filters work
    (how long it takes is measured by bench/bench_draw.py, not here)."""
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys

    from test_draw import ring_graph

    page = tmp_path / "big.html"
    draw(ring_graph(1100), page)
    open_page(browser, page)
    assert browser.execute_script("return [kgNodes.length, kgEdges.length]") == [1100, 2200]
    assert browser.execute_script("return kgNetwork.physics.options.enabled") is False
    assert browser.find_element(By.ID, "kg-node-labels").is_selected() is False
    browser.find_element(By.ID, "kg-search").send_keys("Minister 517", Keys.ENTER)
    assert browser.execute_script("return kgNetwork.getSelectedNodes()") == [
        page_id(actor_iri("minister-517"))]
    assert len(browser.find_elements(By.CSS_SELECTOR, "#kg-details-list li")) == 4
    browser.find_element(By.ID, "kg-type-Meet").click()
    assert visible_edges(browser) == []
    assert browser.execute_script(
        "return kgNodes.get({filter: function (n) { return !n.hidden; }}).length") == 0
#: An article whose payloads the extractor carries into the page: in evidence sentences, in an
#: actor's label ("window.__xss=5 > Smith"), in attributions ("according to <script>..."),
#: in the document path (the file name) and in the page title (the output's name).
XSS_ARTICLE = (
    'President Joe Biden met President Vladimir Putin in Geneva on Monday <img src=x onerror="window.__xss=1">.\n\n'
    "Prime Minister Sean O'Brien criticised Kim Jong>Un<script>window.__xss=2;alert(2)</script> on Tuesday.\n\n"
    "Joe Biden urged Vladimir Putin to withdraw troops, according to <script>window.__xss=3</script> officials.\n\n"
    "Joe Biden warned Vladimir Putin, according to Mr Evil<svg/onload=window.__xss=4>Smith.\n\n"
    "Joe Biden warned Vladimir Putin, Tom<svg/onload=window.__xss=5>Smith said.\n"
)
XSS_FEED = {"title": "<script>window.__xss=6</script>",
            "text": "Joe Biden praised Xi Jinping in Bali, </script><script>window.__xss=7;alert(7)</script>."}


def test_extracted_xss_payloads_show_as_text_and_never_run(browser: Any, tmp_path: Path) -> None:
    """Real extraction (``kg extract --html``) of hostile text: nothing runs, each payload is text."""
    import subprocess
    import sys

    from selenium.common.exceptions import NoAlertPresentException

    from kg.query import load_graph
    from kg.vocab import KG

    inputs = tmp_path / "in"
    inputs.mkdir()
    (inputs / "news <img src=x onerror=window.__xss=8>.txt").write_text(XSS_ARTICLE, encoding="utf-8")
    (inputs / "feed.jsonl").write_text(json.dumps(XSS_FEED) + "\n", encoding="utf-8")
    graph_path = tmp_path / "g<img src=x onerror=window.__xss=9>.ttl"
    page = tmp_path / "xss.html"
    result = subprocess.run([sys.executable, "-m", "kg", "extract", str(inputs), "-o", str(graph_path),
                             "--html", str(page), "-q"], capture_output=True, text=True,
                            cwd=Path(__file__).resolve().parent.parent)
    assert result.returncode == 0, result.stderr

    # what the graph carries that a browser would run if it were parsed as HTML: evidence
    # sentences, attributions, the labels of interacting actors and document paths
    graph = load_graph(graph_path)
    actors = {o for p in (KG.source, KG.target, KG.attributedTo) for o in graph.objects(None, p)}
    shown = {str(o) for p in (KG.sentenceText, KG.sourcePath) for o in graph.objects(None, p)}
    shown |= {str(graph.value(actor, RDFS.label)) for actor in actors}
    # the page's "According to" is the attributed actor's label, else the attribution text
    shown |= {str(text) for i, text in graph.subject_objects(KG.attributionText)
              if graph.value(i, KG.attributedTo) is None}
    hostile = {text for text in shown if re.search(r"<\s*script|onerror=|onload=|__xss", text)}
    assert any("<script>" in text for text in hostile)
    assert any("onerror=" in str(p) for p in graph.objects(None, KG.sentenceText))
    assert any("script" in str(p) for p in graph.objects(None, KG.attributionText))
    assert any("__xss" in str(graph.value(actor, RDFS.label)) for actor in actors)

    open_page(browser, page)
    try:
        browser.switch_to.alert
        raise AssertionError("an alert dialog opened")
    except NoAlertPresentException:
        pass
    assert browser.execute_script("return typeof window.__xss") == "undefined"
    assert browser.title == graph_path.stem
    tips = browser.execute_script(
        "return kgEdges.get().map(function (e) { return e.title.textContent; })"
        ".concat(kgNodes.get().map(function (n) { return n.title.textContent; })).join('\\n');")
    for text in hostile:
        assert text in tips, text
    assert "<script>window.__xss=3</script>" in tips and "<script>window.__xss=2;alert(2)</script>" in tips
    injected = browser.execute_script(
        "return document.querySelectorAll('img, svg, #kg-panel script, .kg-tip script').length")
    assert injected == 0
    assert [e for e in browser.get_log("browser") if e["level"] == "SEVERE"] == []
