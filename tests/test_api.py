"""kg.api (the notebook API) on the hand-made sample graph, and on the seed build."""

from __future__ import annotations

import datetime
import html
import re
from decimal import Decimal
from pathlib import Path

import pytest

import kg
from kg import api
from kg.errors import MissingInput, QueryError, UnknownEntity, UpdateRefused

FUND = "武汉宏泰硚口生物医疗科技创新创业基金"


@pytest.fixture(scope="module")
def sample_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The conftest sample knowledge base built and written as Turtle."""
    from conftest import make_sample_kb

    from kg.build import build_graph
    from kg.graphio import save_graph

    return save_graph(build_graph(make_sample_kb()), tmp_path_factory.mktemp("api") / "g.ttl")


@pytest.fixture(scope="module")
def g(sample_file: Path) -> api.KnowledgeGraph:
    return kg.load(sample_file)


# ----------------------------------------------------------------------------- loading


def test_api_load_explicit_path(g: api.KnowledgeGraph, sample_file: Path) -> None:
    import rdflib

    assert isinstance(g.graph, rdflib.Graph) and len(g.graph) > 50
    assert g.file == sample_file
    assert str(sample_file) in repr(g)


def test_api_load_finds_graph_from_env(sample_file: Path, monkeypatch: pytest.MonkeyPatch,
                                       tmp_path: Path) -> None:
    monkeypatch.setenv(api.GRAPH_ENV, str(sample_file))
    monkeypatch.chdir(tmp_path)
    assert kg.load().file == sample_file


def test_api_find_graph_walks_up(sample_file: Path, monkeypatch: pytest.MonkeyPatch,
                                 tmp_path: Path) -> None:
    monkeypatch.delenv(api.GRAPH_ENV, raising=False)
    target = tmp_path / "build" / "innokg.ttl"
    target.parent.mkdir()
    target.write_bytes(sample_file.read_bytes())
    (tmp_path / "notebooks").mkdir()
    assert api.find_graph(tmp_path / "notebooks") == target
    monkeypatch.chdir(tmp_path / "notebooks")
    assert kg.load().file == target


def test_api_load_missing_graph_says_run_kg_build(monkeypatch: pytest.MonkeyPatch,
                                                  tmp_path: Path) -> None:
    monkeypatch.delenv(api.GRAPH_ENV, raising=False)
    monkeypatch.chdir(tmp_path)
    with pytest.raises(MissingInput, match="run `kg build`"):
        kg.load()
    with pytest.raises(MissingInput, match="run `kg build`"):
        kg.load(tmp_path / "nope.ttl")
    assert list(tmp_path.iterdir()) == []  # nothing was built silently


def test_api_find_repo_finds_seeds(tmp_path: Path) -> None:
    (tmp_path / "seeds").mkdir()
    (tmp_path / "notebooks").mkdir()
    assert api.find_repo(tmp_path / "notebooks") == tmp_path.resolve()


# ----------------------------------------------------------------------------- SPARQL


FUND_QUERY = """
SELECT ?fund ?name ?size ?date WHERE {
  ?fund a ikg:Fund ; rdfs:label ?name ; ikg:fundSize ?size ; ikg:foundingDate ?date .
  FILTER(LANG(?name) = "zh")
}"""


def test_api_query_returns_python_values(g: api.KnowledgeGraph) -> None:
    df = g.query(FUND_QUERY)
    assert list(df.columns) == ["fund", "name", "size", "date"]
    [row] = df.to_dict("records")
    assert row["name"] == FUND
    assert row["size"] == Decimal("3000000000") and isinstance(row["size"], Decimal)
    assert row["date"] == datetime.date(2024, 10, 22)
    assert row["fund"].startswith("https://w3id.org/innokg/id/fund/")


def test_api_query_binds_params_as_terms(g: api.KnowledgeGraph) -> None:
    text = "SELECT ?e ?name WHERE { ?e rdfs:label ?l FILTER(STR(?l) = ?name) }"
    assert g.query(text, name="硚口区")["e"].str.contains("district").tolist() == [True]
    evil = 'x"} ?s ?p ?o . } #'
    assert g.query(text, name=evil).empty  # a literal, not query text
    sized = g.query("SELECT ?f WHERE { ?f ikg:fundSize ?n }", n=Decimal("3000000000"))
    assert len(sized) == 1
    typed = g.query("SELECT ?f WHERE { ?f ikg:foundingDate ?d }", d=datetime.date(2024, 10, 22))
    assert len(typed) == 1
    by_iri = g.query("SELECT ?s WHERE { ?s ?p ?o }", p=api.iri("ikg:fundSize"))
    assert len(by_iri) == 1


def test_api_query_refuses_updates_and_bad_params(g: api.KnowledgeGraph) -> None:
    with pytest.raises(UpdateRefused):
        g.query("DELETE WHERE { ?s ?p ?o }")
    with pytest.raises(QueryError, match="no variable"):
        g.query("SELECT ?s WHERE { ?s ?p ?o }", nope="x")
    with pytest.raises(QueryError):
        g.query("SELECT ?s WHERE { ?s ?p ")
    with pytest.raises(TypeError):
        g.query("SELECT ?s WHERE { ?s ?p ?o }", o=object())


def test_api_query_ask_and_in_memory_graph(g: api.KnowledgeGraph) -> None:
    assert g.query("ASK { ?s a ikg:Fund }")["answer"].tolist() == [True]
    memory = api.KnowledgeGraph(g.graph)  # no file: rdflib backend
    assert memory.query(FUND_QUERY)["size"].tolist() == [Decimal("3000000000")]


def test_api_bundled_queries_listed_and_run(g: api.KnowledgeGraph) -> None:
    from kg.sparql import bundled_queries

    listing = g.queries()
    assert list(listing.columns) == ["name", "answers", "params"]
    assert listing["name"].tolist() == sorted(bundled_queries())
    assert listing["answers"].str.len().min() > 10
    if "funds_by_size" not in bundled_queries():
        pytest.skip("bundled query funds_by_size not present")
    funds = g.query("funds_by_size")
    assert {"name", "size"} <= set(funds.columns)
    assert funds.loc[0, "size"] == Decimal("3000000000")


def test_api_term_conversions() -> None:
    from kg.sparql import Term

    xsd = api.XSD
    assert api.to_python(Term.literal("7", datatype=xsd + "integer")) == 7
    assert api.to_python(Term.literal("1.5", datatype=xsd + "double")) == 1.5
    assert api.to_python(Term.literal("2025", datatype=xsd + "gYear")) == "2025"
    assert api.to_python(Term.literal("bad", datatype=xsd + "date")) == "bad"
    assert api.to_python(Term.literal("硚口", lang="zh")) == "硚口"
    assert api.to_python(None) is None
    assert api.to_term("<http://x>") == Term.literal("<http://x>")  # a str is never parsed
    assert api.to_term(True).value == "true"
    assert api.to_term(Decimal("1.20")).datatype == xsd + "decimal"
    with pytest.raises(QueryError):
        api.iri("not an iri")


# ----------------------------------------------------------------------------- entities and links


def test_api_entity_card(g: api.KnowledgeGraph) -> None:
    card = g.entity("科创基金")  # by alias
    assert card.label == FUND and card.class_name == "Fund"
    assert card.aliases == ("科创基金",)
    assert card.labels["zh"] == FUND and card.labels["pinyin"]
    assert card.facts["fundSize"] == ["3000000000"]
    assert [(ln.property, ln.other) for ln in card.outgoing] == [
        ("establishedBy", "硚口区人民政府"), ("locatedIn", "硚口区")]
    assert card.incoming == []
    assert "该基金由硚口区人民政府发起设立，位于硚口区。" in card.sentences
    assert list(card.relations().columns) == ["direction", "property", "other", "other_class",
                                              "sentence"]
    assert FUND in repr(card) and "2 out" in repr(card)
    district = g.entity("硚口区")
    assert {(ln.direction, ln.other) for ln in district.links} == {
        ("in", FUND), ("out", "武汉市")}


def test_api_entity_card_html_is_escaped(g: api.KnowledgeGraph) -> None:
    import rdflib

    from kg.namespaces import IKG, IKGR, RDFS

    graph = rdflib.Graph()
    for triple in g.graph:
        graph.add(triple)
    evil = IKGR["company/evil"]
    name = "<img src=x onerror=alert(1)>公司"
    graph.add((evil, rdflib.RDF.type, IKG.Company))
    graph.add((evil, RDFS.label, rdflib.Literal(name, lang="zh")))
    graph.add((evil, IKG.locatedIn, next(graph.subjects(rdflib.RDF.type, IKG.District))))
    mixed = api.KnowledgeGraph(graph)
    page = mixed.entity(name)._repr_html_()
    assert "<img" not in page and html.escape(name) in page
    assert "<img" not in mixed.entity("硚口区")._repr_html_()


def test_api_unknown_entity_suggests(g: api.KnowledgeGraph) -> None:
    with pytest.raises(UnknownEntity, match="硚口区"):
        g.entity("硚口区政")


def test_api_neighbors_paths_central_communities(g: api.KnowledgeGraph) -> None:
    near = g.neighbors("硚口区", depth=2)
    assert list(near.columns) == ["distance", "entity", "class", "via", "link", "iri"]
    assert near[near.distance == 1].entity.tolist() == [FUND, "武汉市"]
    assert "硚口区人民政府" in near[near.distance == 2].entity.tolist()
    route = g.path("硚口区人民政府", "武汉市")
    assert route["from"].tolist() == ["硚口区人民政府", FUND, "硚口区"]
    assert route["to"].tolist()[-1] == "武汉市"
    assert route.loc[2, "sentence"] == "硚口区是武汉市的中心城区。"
    assert g.path("马大为", "武汉市").empty  # not connected
    chains = g.paths("硚口区人民政府", "武汉市")
    assert chains["chain"].tolist() == [
        f"硚口区人民政府 ←establishedBy— {FUND} —locatedIn→ 硚口区 —partOf→ 武汉市"]
    central = g.central(top=3)
    assert list(central.columns) == ["label", "class", "degree", "pagerank", "betweenness", "iri"]
    assert len(central) == 3 and central.pagerank.is_monotonic_decreasing
    assert g.central(classes=["Fund"]).label.tolist() == [FUND]
    comms = g.communities()
    assert comms["size"].sum() == g.network.number_of_nodes()
    assert comms.community.tolist() == list(range(1, len(comms) + 1))


def test_api_to_networkx_and_stats(g: api.KnowledgeGraph) -> None:
    net = g.to_networkx()
    assert net.number_of_nodes() == 6 and net.number_of_edges() == 4
    net.remove_node(next(iter(net)))  # a copy: the cached network is untouched
    assert g.network.number_of_nodes() == 6
    assert "Article" in {d["class"] for _, d in g.to_networkx(mentions=True).nodes(data=True)}
    stats = g.stats()
    assert (stats["articles"], stats["entities"]) == (1, 6)
    assert g.class_counts()["entities"].sum() == 6


# ----------------------------------------------------------------------------- the inline view


def _srcdoc(markup: str) -> str:
    match = re.search(r'<iframe srcdoc="([^"]*)"', markup)
    assert match, markup[:200]
    return html.unescape(match[1])


def test_api_show_is_inline_and_self_contained(g: api.KnowledgeGraph, tmp_path: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    view = g.show(focus="硚口区", depth=1)
    markup = view._repr_html_()
    page = _srcdoc(markup)
    assert markup.count("<") == 4  # div, iframe, /iframe, /div: the page is all escaped
    assert "<script" in page and "硚口区" in page and FUND in page
    assert "马大为" not in page and "中国科学院" not in page  # not in the ego network
    assert not re.search(r"""(src|href)=["']?https?:""", page)  # offline
    assert list(tmp_path.iterdir()) == []  # no side files
    assert view._repr_html_() == g.show(focus="硚口区", depth=1)._repr_html_()  # deterministic
    with pytest.raises(UnknownEntity):
        g.show(focus="不存在的机构")


def test_api_inline_view_save(tmp_path: Path) -> None:
    view = api.InlineView("<p>页</p>", "300px")
    assert "height:300px" in view._repr_html_()
    assert view.save(tmp_path / "v.html").read_text(encoding="utf-8") == "<p>页</p>"


# ----------------------------------------------------------------------------- charts


def test_api_plot_amounts_and_font() -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    import pandas as pd

    assert api.use_cjk_font(("No Such Font 123",)) is None
    font = api.use_cjk_font()
    assert font is None or font in api.CJK_FONTS
    frame = pd.DataFrame({"p": ["九条", "九条", "七条", "无"],
                          "v": [Decimal("5000000"), Decimal("1000000"), Decimal("3000000"), None]})
    ax = api.plot_amounts(frame, "p", "v", unit="万元")
    assert [t.get_text() for t in ax.get_yticklabels()] == ["七条", "九条"]
    assert [bar.get_width() for bar in ax.patches] == [300.0, 500.0]
    plt.close(ax.figure)


# ----------------------------------------------------------------------------- the seed graph


@pytest.mark.slow
def test_api_seed_graph(seed_build) -> None:
    g = kg.load(seed_build.graph)
    assert g.stats()["articles"] == 5
    funds = g.query("funds_by_size")
    assert {"fund", "name", "size"} <= set(funds.columns)
    assert (funds["size"].dropna() > 0).any()
    assert all(isinstance(v, Decimal) for v in funds["size"].dropna())
    assert not g.central(top=5).empty
