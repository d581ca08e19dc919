"""The drawn page in a real headless Chromium: it loads offline, runs no injected script,
and its search box and filters work."""
from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from rdflib import RDFS, Graph

from kg.draw import draw
from test_draw import actor_iri, add_actor, add_interaction, geneva_graph, page_id

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
