"""kg.viz: what the page holds (node/edge data), filters, layout, escaping, offline-ness.

HTML is never byte-compared with a golden file; the embedded data is parsed and checked.
"""

from __future__ import annotations

import importlib.util
import json
import re
from pathlib import Path

import pytest

from kg import analysis, viz
from kg.errors import GraphError, ResourceError, UnknownEntity

DATA = Path(__file__).parent / "data" / "viz"
SMALL = DATA / "small.ttl"
R = "https://w3id.org/innokg/id/"
XSS = "<img src=x onerror=alert(1)>"
EXTERNAL = re.compile(r"""(?:src|href)\s*=\s*["']?\s*(?:https?:)?//|url\(\s*["']?\s*(?:https?:)?//|@import""", re.I)


def load_synthetic():
    spec = importlib.util.spec_from_file_location("viz_synthetic", DATA / "synthetic.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.synthetic_network


@pytest.fixture(scope="module")
def g():
    return analysis.to_networkx(analysis.read_graph(SMALL))


def page_data(path: Path) -> dict:
    """The JSON the page draws from (parsed back out of the HTML)."""
    text = path.read_text(encoding="utf-8")
    match = re.search(r'<script type="application/json" id="graph-data">(.*?)</script>', text, re.S)
    return json.loads(match.group(1))


def test_viz_page_is_offline_and_self_contained(g, tmp_path: Path) -> None:
    out = viz.render_html(g, tmp_path / "v.html")
    text = out.read_text(encoding="utf-8")
    assert not EXTERNAL.findall(text)
    assert "<link" not in text and "cdn" not in text.lower()
    assert "vis.Network" in text and "@version 9.1.2" in text  # vis-network inlined
    assert len(re.findall(r"<script\b[^>]*\bsrc=", text)) == 0


def test_viz_page_escapes_article_text(g, tmp_path: Path) -> None:
    text = viz.render_html(g, tmp_path / "v.html").read_text(encoding="utf-8")
    assert XSS not in text
    assert "<script>alert" not in text and "<b>恶意" not in text
    data = page_data(tmp_path / "v.html")
    xss = [n for n in data["nodes"] if n["label"] == XSS]
    assert len(xss) == 1 and xss[0]["id"] == viz.node_id(R + "company-xss")
    assert all(re.fullmatch(r"n[0-9a-f]{12}", n["id"]) for n in data["nodes"])


def test_viz_title_is_escaped(g, tmp_path: Path) -> None:
    out = viz.render_html(g, tmp_path / "v.html", title="<script>alert(9)</script>")
    text = out.read_text(encoding="utf-8")
    assert "<script>alert(9)" not in text
    assert "&lt;script&gt;alert(9)&lt;/script&gt;" in text


def test_viz_node_and_edge_data(g, tmp_path: Path) -> None:
    data = page_data(viz.render_html(g, tmp_path / "v.html"))
    assert len(data["nodes"]) == 10 and len(data["edges"]) == 9
    node = next(n for n in data["nodes"] if n["label"] == "长江基金")
    info = node["info"]
    assert (info["class"], info["aliases"], info["pinyin"]) == ("Fund", ["长江产业基金"], "chang jiang ji jin")
    assert len(info["evidence"]) == 3
    assert {e["article"] for e in info["evidence"]} == {"光谷生物城再添新基金"}
    assert (node["shape"], node["color"]) == ("diamond", "#bcbd22")  # from viz_styles.tsv
    edge = next(e for e in data["edges"] if e["info"]["property"] == "investsIn")
    assert (edge["label"], edge["info"]["property_zh"]) == ("投资", "投资")  # zh on canvas
    assert edge["info"]["evidence"][0]["sentence"] == "长江基金投资小米科技。"
    part = next(e for e in data["edges"] if e["info"]["property"] == "partOf")
    assert part["label"] == "隶属于" and part["info"]["property_zh"] == "隶属于（地域）"
    assert (edge["from"], edge["to"]) == (viz.node_id(R + "fund-cj"), viz.node_id(R + "company-xm"))
    legend = {entry["class"]: entry["count"] for entry in data["legend"]}
    assert legend["Company"] == 2 and legend["Sector"] == 2
    assert data["physics"] is True and "x" not in node


def lone_entity(g):
    """The small network plus one entity that has no relation."""
    out = g.copy()
    out.add_node(R + "company-lone", label="孤立科技", aliases=["孤科"], label_en="Lone Tech",
                 pinyin="gu li ke ji", facts={}, evidence=[], **{"class": "Company"})
    return out


def test_viz_layers_unlinked_entities(g) -> None:
    data = viz.view_data(lone_entity(g))
    layer = {n["label"]: n["layer"] for n in data["nodes"]}
    assert layer["孤立科技"] == "unlinked" and layer["武汉市"] == "linked"
    assert data["layers"] == {"linked": 10, "unlinked": 1, "articles": 0}
    assert data["show_unlinked"] is False  # first view: the connected network only
    alone = viz.view_data(viz.select_view(lone_entity(g), classes=["Company"], min_degree=0,
                                          focus="孤立科技", depth=0))
    assert alone["layers"]["linked"] == 0 and alone["show_unlinked"] is True


def test_viz_article_layer_does_not_link(tmp_path: Path) -> None:
    data = page_data(viz.render_html(analysis.read_graph(SMALL), tmp_path / "m.html", mentions=True))
    assert data["layers"] == {"linked": 10, "unlinked": 0, "articles": 2}
    mentions = [e for e in data["edges"] if e["layer"] == "articles"]
    assert mentions and all(e["info"]["property"] == "mentions" for e in mentions)


def test_viz_label_fonts_grow_with_size(g) -> None:
    nodes = viz.view_data(g)["nodes"]
    font = {n["label"]: n["font"] for n in nodes}
    assert font["武汉市"] == viz.MAX_FONT > font["生物医药"] >= viz.MIN_FONT
    assert all(viz.MIN_FONT <= n["font"] <= viz.MAX_FONT for n in nodes)


def test_viz_property_labels_from_ontology() -> None:
    names = viz.property_labels()
    assert names["locatedIn"] == {"zh": "位于", "en": "located in"}
    assert viz.edge_label("worksFor") == "任职于" and viz.edge_label("unknownProp") == "unknownProp"


def test_viz_size_by_degree_and_pagerank(g) -> None:
    by_degree = {n["label"]: n["size"] for n in viz.view_data(g)["nodes"]}
    assert by_degree["武汉市"] == viz.MAX_SIZE > by_degree["生物医药"]
    by_rank = {n["label"]: n["size"] for n in viz.view_data(g, size_by="pagerank")["nodes"]}
    assert by_rank["武汉市"] == max(by_rank.values())
    with pytest.raises(ValueError, match="size_by"):
        viz.view_data(g, size_by="colour")


def test_viz_focus_depth(g) -> None:
    one = viz.select_view(g, focus="武汉", depth=1)
    assert sorted(one.nodes[n]["label"] for n in one) == ["东湖高新区", "武汉市", "武汉市人民政府", "长江基金"]
    assert viz.select_view(g, focus="武汉", depth=0).number_of_nodes() == 1
    assert viz.select_view(g, focus="武汉", depth=2).number_of_nodes() == 7
    with pytest.raises(UnknownEntity):
        viz.select_view(g, focus="不存在的实体")


def test_viz_class_degree_and_size_filters(g) -> None:
    only = viz.select_view(g, classes=["Fund", "company"])
    assert sorted(only.nodes[n]["class"] for n in only) == ["Company", "Company", "Fund"]
    assert only.number_of_edges() == 2
    assert set(viz.select_view(g, min_degree=2)) == {n for n in g if g.degree(n) >= 2}
    top = viz.select_view(g, max_nodes=3)
    assert len(top) == 3 and R + "city-wuhan" in top
    kept = viz.select_view(g, focus="小米", classes=["Fund"])
    assert R + "company-xm" in kept  # the focus node stays


def test_viz_is_deterministic(g, tmp_path: Path) -> None:
    a = viz.render_html(g, tmp_path / "a.html").read_bytes()
    b = viz.render_html(analysis.to_networkx(analysis.read_graph(SMALL)), tmp_path / "b.html").read_bytes()
    assert a == b


def test_viz_large_view_precomputes_positions(tmp_path: Path) -> None:
    big = load_synthetic()(400)
    data = page_data(viz.render_html(big, tmp_path / "big.html"))
    assert data["physics"] is False
    assert len(data["nodes"]) == 400 and all("x" in n and "y" in n for n in data["nodes"])
    assert len({(n["x"], n["y"]) for n in data["nodes"]}) > 390  # spread out, not piled up
    again = page_data(viz.render_html(big, tmp_path / "big2.html"))
    assert again["nodes"] == data["nodes"]
    forced = viz.view_data(load_synthetic()(20), physics=False)
    assert forced["physics"] is False and "x" in forced["nodes"][0]


def test_viz_render_accepts_rdflib_graph(tmp_path: Path) -> None:
    data = page_data(viz.render_html(analysis.read_graph(SMALL), tmp_path / "r.html", mentions=True))
    assert len(data["nodes"]) == 12


def test_viz_write_is_atomic_and_keeps_old_file_on_error(g, tmp_path: Path) -> None:
    out = tmp_path / "v.html"
    out.write_text("old", encoding="utf-8")
    viz.render_html(g, out)
    assert out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert [p.name for p in tmp_path.iterdir()] == ["v.html"]  # no temp file left
    blocker = tmp_path / "file"
    blocker.write_text("x", encoding="utf-8")
    with pytest.raises(GraphError, match="cannot write"):
        viz.render_html(g, blocker / "v.html")


def test_viz_styles_file(tmp_path: Path) -> None:
    styles = viz.load_styles()
    assert styles["Fund"]["shape"] == "diamond" and styles["Park"]["legend"].startswith("园区")
    spec_classes = {"Company", "GovernmentBody", "University", "Hospital", "Lab",
                    "ResearchInstitute", "Fund", "Association", "Province", "City", "District",
                    "Area", "Park", "Program", "Project", "Person", "Event", "Sector"}
    assert spec_classes <= set(styles)
    bad = tmp_path / "styles.tsv"
    bad.write_text("class\tcolour\tshape\tlegend\nFund\tred\tdot\t基金\n", encoding="utf-8")
    with pytest.raises(ResourceError, match="line 2"):
        viz.load_styles(str(bad))
