"""The HTML view in a real browser: headless Debian chromium driven by playwright, offline.

Skipped (with the reason) when /usr/bin/chromium or playwright is missing; `.ci/run` installs
chromium and fonts-wqy-microhei. Screenshots go to test-artifacts/ (gitignored).
"""

from __future__ import annotations

import importlib.util
import json
import re
import shutil
from pathlib import Path

import pytest

from kg import analysis, viz

pytestmark = [pytest.mark.browser, pytest.mark.slow]

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(__file__).parent / "data" / "viz"
SMALL = DATA / "small.ttl"
ARTIFACTS = ROOT / "test-artifacts"
CHROMIUM = "/usr/bin/chromium"
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync"]
XSS = "<img src=x onerror=alert(1)>"
R = "https://w3id.org/innokg/id/"


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory):
    """A persistent headless chromium context with a fresh profile."""
    if not Path(CHROMIUM).exists() and not shutil.which("chromium"):
        pytest.skip(f"{CHROMIUM} not installed (apt-get install chromium fonts-wqy-microhei)")
    if importlib.util.find_spec("playwright") is None:
        pytest.skip("playwright (Python) not installed")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        context = pw.chromium.launch_persistent_context(
            str(tmp_path_factory.mktemp("chromium-profile")), executable_path=CHROMIUM,
            headless=True, args=FLAGS, viewport={"width": 1280, "height": 800})
        yield context
        context.close()


class Page:
    """A page opened from file:// with its console errors, dialogs and non-file requests."""

    def __init__(self, context, path: Path) -> None:
        self.page = context.new_page()
        self.errors: list[str] = []
        self.dialogs: list[str] = []
        self.requests: list[str] = []
        self.page.on("console", lambda m: m.type == "error" and self.errors.append(m.text))
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("dialog", self._dialog)
        self.page.on("request", lambda r: r.url.startswith("file:") or self.requests.append(r.url))
        self.page.goto(path.resolve().as_uri())
        self.page.wait_for_selector("body[data-drawn='1']", timeout=120_000)

    def _dialog(self, dialog) -> None:
        self.dialogs.append(dialog.message)
        dialog.dismiss()

    def eval(self, script: str):
        return self.page.evaluate(script)

    def clean(self) -> None:
        assert self.errors == [] and self.dialogs == [] and self.requests == []


def page_nodes(path: Path) -> list[dict]:
    raw = re.search(r'id="graph-data">(.*?)</script>', path.read_text(encoding="utf-8"), re.S)
    return json.loads(raw.group(1))["nodes"]


@pytest.fixture(scope="module")
def small_html(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return viz.render_html(analysis.read_graph(SMALL), tmp_path_factory.mktemp("v") / "small.html")


def test_browser_small_view_loads_offline(browser, small_html: Path) -> None:
    page = Page(browser, small_html)
    assert page.eval("window.innokg.nodes.length") == 10
    assert page.eval("window.innokg.visibleIds().length") == 10  # all linked
    assert page.eval("window.innokg.edges.length") == 9
    assert page.eval("document.getElementById('unlinked-control').hidden") is True
    drawn = page.eval("Object.keys(window.innokg.network.getPositions()).length")
    assert drawn == len(page_nodes(small_html)) == 10
    assert page.eval("document.querySelectorAll('#legend-list input').length") == 8
    ARTIFACTS.mkdir(exist_ok=True)
    page.page.screenshot(path=str(ARTIFACTS / "viz-small.png"))
    page.clean()
    page.page.close()


@pytest.mark.parametrize(("query", "expected"), [("小米", "小米科技"), ("xiaomi", "小米科技"),
                                                 ("生物城", "光谷生物城"), ("Wuhan", "武汉市")])
def test_browser_search_finds_node(browser, small_html: Path, query: str, expected: str) -> None:
    page = Page(browser, small_html)
    page.page.fill("#search", query)
    page.page.click("#search-button")
    assert expected in page.page.text_content("#status")
    assert page.eval("window.innokg.network.getSelectedNodes()")[0] == viz.node_id(
        analysis.resolve(analysis.to_networkx(analysis.read_graph(SMALL)), expected))
    assert page.page.text_content("#detail").startswith(expected)
    page.clean()
    page.page.close()


def node_point(page: Page, node: str) -> list[float]:
    """Where a node is drawn, in page coordinates."""
    return page.eval(f"""(() => {{
        const net = window.innokg.network, p = net.canvasToDOM(net.getPosition('{node}'));
        const box = document.getElementById('network').getBoundingClientRect();
        return [p.x + box.left, p.y + box.top];
    }})()""")


def test_browser_click_highlights_neighbourhood(browser, small_html: Path) -> None:
    page = Page(browser, small_html)
    fund = viz.node_id(R + "fund-cj")
    page.page.mouse.click(*node_point(page, fund))
    assert page.eval("window.innokg.network.getSelectedNodes()") == [fund]
    assert page.page.text_content("#detail").startswith("长江基金")
    colours = page.eval("Object.fromEntries(window.innokg.nodes.get().map(n => [n.id, n.color]))")
    near = {fund, viz.node_id(R + "company-xm"), viz.node_id(R + "city-wuhan")}
    assert all((colours[n] == "#e4e4e4") == (n not in near) for n in colours)
    page.page.mouse.click(5, 5 + page.eval("document.getElementById('network').getBoundingClientRect().top"))
    assert "#e4e4e4" not in page.eval("window.innokg.nodes.get().map(n => n.color)")
    page.clean()
    page.page.close()


@pytest.fixture(scope="module")
def lone_html(tmp_path_factory: pytest.TempPathFactory) -> Path:
    g = analysis.to_networkx(analysis.read_graph(SMALL))
    g.add_node(R + "company-lone", label="孤立科技", aliases=["孤科"], label_en="Lone Tech",
               pinyin="gu li ke ji", facts={}, evidence=[], **{"class": "Company"})
    return viz.render_html(g, tmp_path_factory.mktemp("v") / "lone.html")


def test_browser_unlinked_hidden_toggle_and_search(browser, lone_html: Path) -> None:
    page = Page(browser, lone_html)
    lone = viz.node_id(R + "company-lone")
    assert page.eval("window.innokg.nodes.length") == 11  # in the data set ...
    assert page.eval("window.innokg.visibleIds().length") == 10  # ... but not drawn
    assert lone not in page.eval("window.innokg.visibleIds()")
    assert "1" in page.page.text_content("#unlinked-count")
    page.page.check("#show-unlinked")
    assert page.eval("window.innokg.visibleIds().length") == 11
    page.page.uncheck("#show-unlinked")
    assert page.eval("window.innokg.visibleIds().length") == 10
    page.page.fill("#search", "孤科")  # an alias of the unlinked entity
    page.page.click("#search-button")
    assert "孤立科技" in page.page.text_content("#status")
    assert page.eval("window.innokg.network.getSelectedNodes()") == [lone]
    assert lone in page.eval("window.innokg.visibleIds()")
    assert page.page.text_content("#detail").startswith("孤立科技")
    page.clean()
    page.page.close()


def test_browser_xss_label_is_text(browser, small_html: Path) -> None:
    page = Page(browser, small_html)
    node = viz.node_id(R + "company-xss")
    point = node_point(page, node)  # hover the node: vis shows our tooltip element
    page.page.mouse.move(point[0], point[1])
    tooltip = page.page.wait_for_selector("div.vis-tooltip", state="visible", timeout=5000)
    assert tooltip.inner_text().startswith(XSS)
    assert "<script>alert(3)</script>" in tooltip.inner_text()  # its alias, as text
    page.page.fill("#search", "<script>")
    page.page.click("#search-button")
    assert page.page.text_content("#detail").startswith(XSS)
    assert page.eval("document.querySelectorAll('img, #detail script, .vis-tooltip script').length") == 0
    ARTIFACTS.mkdir(exist_ok=True)
    page.page.screenshot(path=str(ARTIFACTS / "viz-xss.png"))
    page.clean()  # no alert() dialog, no error
    page.page.close()


def test_browser_class_filter_hides_nodes(browser, small_html: Path) -> None:
    page = Page(browser, small_html)
    page.page.uncheck("#legend-list input[value='Company']")
    hidden = page.eval("window.innokg.nodes.get({filter: n => n.hidden === true}).length")
    assert hidden == 2
    page.page.check("#legend-list input[value='Company']")
    assert page.eval("window.innokg.nodes.get({filter: n => n.hidden === true}).length") == 0
    page.clean()
    page.page.close()


def test_browser_large_view_precomputed(browser, tmp_path: Path) -> None:
    spec = importlib.util.spec_from_file_location("viz_synthetic", DATA / "synthetic.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    out = viz.render_html(module.synthetic_network(1000), tmp_path / "big.html")
    page = Page(browser, out)
    assert page.eval("window.innokg.nodes.length") == 1000
    assert page.eval("window.innokg.network.physics.physicsEnabled") is False
    page.page.screenshot(path=str(ARTIFACTS / "viz-1000.png"))
    page.clean()
    page.page.close()


def test_browser_seed_view(browser, request: pytest.FixtureRequest, tmp_path: Path) -> None:
    """Done-when of issue 6: the seed view opens offline with the expected nodes."""
    graph = request.getfixturevalue("seed_graph")
    g = analysis.to_networkx(graph)
    linked = [n for n in g if g.degree(n)]
    unlinked = [n for n in g if not g.degree(n)]
    out = viz.render_html(g, tmp_path / "seed.html")
    page = Page(browser, out)
    assert page.eval("window.innokg.nodes.length") == g.number_of_nodes() > 0
    assert page.eval("window.innokg.visibleIds().length") == len(linked or unlinked)
    ARTIFACTS.mkdir(exist_ok=True)
    page.page.screenshot(path=str(ARTIFACTS / "viz-seed.png"))
    if linked and unlinked:
        assert str(len(unlinked)) in page.page.text_content("#unlinked-count")
        labels = [g.nodes[n]["label"] for n in g]
        lone = next(n for n in sorted(unlinked) if labels.count(g.nodes[n]["label"]) == 1)
        page.page.fill("#search", g.nodes[lone]["label"])
        page.page.click("#search-button")
        assert page.eval("window.innokg.network.getSelectedNodes()")[0] == viz.node_id(lone)
        assert page.eval("window.innokg.visibleIds().length") == len(linked) + 1
        page.page.check("#show-unlinked")
        assert page.eval("window.innokg.visibleIds().length") == g.number_of_nodes()
        page.page.screenshot(path=str(ARTIFACTS / "viz-seed-unlinked.png"))
    page.clean()
    page.page.close()
