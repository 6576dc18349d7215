"""Scoring exactly as annotation.md says, on hand-made gold and predictions."""

from __future__ import annotations

import json
from decimal import Decimal

import pytest

from kg.errors import InputError
from kg.evaluate import (
    GoldArticle,
    GoldEntity,
    GoldRelation,
    PredArticle,
    PredEntity,
    PredRelation,
    load_gold,
    norm,
    predictions_from_kb,
    score,
    score_article,
)
from kg.model import Article, Entity, Evidence, KnowledgeBase, Relation


def gold(entities=(), relations=()) -> GoldArticle:
    return GoldArticle("a.txt", tuple(entities), tuple(relations))


def names(*ns: str) -> frozenset[str]:
    return frozenset(norm(n) for n in ns)


def test_evaluate_norm_nfkc_t2s_spaces_quotes() -> None:
    assert norm("《實施方案》") == "实施方案"
    assert norm("“锦鲤 计划”") == "锦鲤计划"
    assert norm("ＡＩ＋医疗") == "AI+医疗"


def test_evaluate_alias_matching_and_types() -> None:
    g = gold(
        [GoldEntity("华中科技大学", "University", ("华科大",)), GoldEntity("硚口区", "District")]
    )
    p = PredArticle([PredEntity("华科大", "University"), PredEntity("硚口", "Area", ("硚口区",))])
    s = score_article(g, p)
    assert (s.untyped.tp, s.untyped.fp, s.untyped.fn) == (2, 0, 0)
    assert (s.typed.tp, s.typed.fp, s.typed.fn) == (1, 1, 1)
    assert s.classes["District"].fn == 1 and s.classes["Area"].fp == 1


def test_evaluate_one_to_one_duplicates_cost_precision() -> None:
    g = gold([GoldEntity("九峰山实验室", "Lab")])
    p = PredArticle(
        [
            PredEntity("九峰山实验室", "Lab"),
            PredEntity("东湖高新区九峰山实验室", "Lab", ("九峰山实验室",)),
        ]
    )
    s = score_article(g, p)
    assert (s.typed.tp, s.typed.fp, s.typed.fn) == (1, 1, 0)
    assert s.typed.precision == 0.5 and s.typed.recall == 1.0


def test_evaluate_matching_is_maximal() -> None:
    # pred 1 could match either gold; a greedy choice would leave gold B unmatched.
    g = gold([GoldEntity("甲", "Company", ("乙",)), GoldEntity("乙公司", "Company")])
    p = PredArticle([PredEntity("乙", "Company", ("乙公司",)), PredEntity("甲", "Company")])
    assert score_article(g, p).typed.tp == 2


def test_evaluate_optional_items_neither_recall_nor_false_positive() -> None:
    g = gold([GoldEntity("汉江国家实验室", "Lab"), GoldEntity("高新大道", "Area", optional=True)])
    p = PredArticle([PredEntity("汉江国家实验室", "Lab"), PredEntity("高新大道", "Area")])
    s = score_article(g, p)
    assert (s.typed.tp, s.typed.fp, s.typed.fn) == (1, 0, 0)
    s2 = score_article(g, PredArticle([PredEntity("汉江国家实验室", "Lab")]))
    assert (s2.typed.tp, s2.typed.fp, s2.typed.fn) == (1, 0, 0)


def test_evaluate_sector_not_scored() -> None:
    g = gold([GoldEntity("人工智能", "Sector")])
    p = PredArticle([PredEntity("生物医药", "Sector")])
    s = score_article(g, p)
    assert (s.typed.tp, s.typed.fp, s.typed.fn) == (0, 0, 0)


def test_evaluate_relations_amounts_and_symmetry() -> None:
    g = gold(
        [
            GoldEntity("长江基金", "Fund", ("长江母基金",)),
            GoldEntity("甲公司", "Company"),
            GoldEntity("乙公司", "Company"),
        ],
        [
            GoldRelation("长江基金", "fundSize", value=Decimal("3000000000")),
            GoldRelation("甲公司", "partnerOf", "乙公司"),
            GoldRelation("甲公司", "investsIn", "乙公司"),
        ],
    )
    p = PredArticle(
        relations=[
            PredRelation(
                names("长江母基金"), "fundSize", value=Decimal("3010000000")
            ),  # within 0.5 %
            PredRelation(names("乙公司"), "partnerOf", names("甲公司")),  # symmetric
            PredRelation(names("乙公司"), "investsIn", names("甲公司")),  # not symmetric
        ]
    )
    s = score_article(g, p)
    assert (s.relations.tp, s.relations.fp, s.relations.fn) == (2, 1, 1)
    far = PredArticle(
        relations=[PredRelation(names("长江基金"), "fundSize", value=Decimal("3020000000"))]
    )
    assert score_article(g, far).relations.tp == 0


def test_evaluate_load_gold_errors_name_file_and_line(tmp_path) -> None:
    path = tmp_path / "g.jsonl"
    path.write_text('{"article": "a.txt", "entities": []}\n{bad json\n', encoding="utf-8")
    with pytest.raises(InputError, match=r"g.jsonl: line 2: not JSON"):
        load_gold(path)
    path.write_text('{"article": "a.txt", "entities": [{"name": "x"}]}\n', encoding="utf-8")
    with pytest.raises(InputError, match="line 1: an entity needs 'name' and 'type'"):
        load_gold(path)
    with pytest.raises(InputError, match="gold file not found"):
        load_gold(tmp_path / "missing.jsonl")


def _kb() -> KnowledgeBase:
    art = Article(
        id="a", path="a.txt", file_name="a.txt", text="", encoding="utf-8", content_hash="0"
    )
    fund = Entity("Fund", "长江基金", ("长江母基金",), articles=("a",))
    ev = Evidence("a", "", 0, 0, 0.9, "test")
    rel = Relation("Fund/长江基金", "fundSize", value=Decimal("3000000000"), evidence=ev)
    return KnowledgeBase(
        articles=(art,), entities=(fund,), relations=(rel,), mentions={"a": ("Fund/长江基金",)}
    )


def test_evaluate_predictions_from_kb_and_report() -> None:
    preds = predictions_from_kb(_kb())
    assert preds["a.txt"].entities == [PredEntity("长江基金", "Fund", ("长江母基金",))]
    g = [
        gold(
            [GoldEntity("长江母基金", "Fund")],
            [GoldRelation("长江母基金", "fundSize", value=Decimal(3e9))],
        ),
        GoldArticle("b.txt", (GoldEntity("甲", "Lab"),), ()),
    ]
    report = score(g, preds)
    data = report.as_dict()
    assert data["entities"]["typed"]["tp"] == 1 and data["entities"]["typed"]["fn"] == 1
    assert data["relations"]["f1"] == 1.0
    assert data["missing_articles"] == ["b.txt"]


def test_evaluate_cli_json_and_table(tmp_path) -> None:
    from click.testing import CliRunner

    from kg.cli import cli

    (tmp_path / "a.txt").write_text("星河湾实验室落户光谷，区委书记陈大明出席。", encoding="utf-8")
    g = tmp_path / "g.jsonl"
    g.write_text(
        json.dumps(
            {
                "article": "a.txt",
                "entities": [
                    {"name": "星河湾实验室", "type": "Lab"},
                    {"name": "东湖高新区", "type": "District", "aliases": ["光谷"]},
                    {"name": "陈大明", "type": "Person"},
                    {"name": "不存在的基金", "type": "Fund"},
                ],
            },
            ensure_ascii=False,
        )
        + "\n",
        encoding="utf-8",
    )
    runner = CliRunner()
    res = runner.invoke(cli, ["eval", "--gold", str(g), str(tmp_path / "a.txt"), "--json"])
    assert res.exit_code == 0, res.output
    data = json.loads(res.stdout)
    assert data["entities"]["typed"]["tp"] == 3 and data["entities"]["typed"]["fn"] == 1
    res = runner.invoke(cli, ["eval", "--gold", str(g), str(tmp_path / "a.txt")])
    assert res.exit_code == 0 and "Per class" in res.stdout
    bad = runner.invoke(
        cli, ["eval", "--gold", str(tmp_path / "nope.jsonl"), str(tmp_path / "a.txt")]
    )
    assert bad.exit_code != 0 and "nope.jsonl" in bad.output


def test_evaluate_graph_predictions_match_kb_predictions(sample_kb) -> None:
    """Reading the built RDF through the contract's IRIs loses nothing the KB had."""
    from rdflib import Graph

    from kg.build import build_quads
    from kg.evaluate import predictions_from_graph

    graph = Graph()
    for s, p, o, _ in build_quads(sample_kb).quads:
        graph.add((s, p, o))
    from_kb, from_graph = predictions_from_kb(sample_kb), predictions_from_graph(graph)
    assert from_kb.keys() == from_graph.keys()
    for name in from_kb:
        kb_entities = {(e.names, e.type) for e in from_kb[name].entities}
        graph_entities = {(e.names, e.type) for e in from_graph[name].entities}
        assert graph_entities == kb_entities
        kb_relations = {(r.s, r.p, r.o, r.value) for r in from_kb[name].relations}
        graph_relations = {(r.s, r.p, r.o, r.value) for r in from_graph[name].relations}
        assert graph_relations == kb_relations
        assert kb_relations


def test_evaluate_cli_scores_a_graph_file(seed_build) -> None:
    from click.testing import CliRunner

    from kg.cli import cli

    result = CliRunner().invoke(
        cli, ["eval", "--gold", "tests/gold/seeds.jsonl", "--graph", str(seed_build.graph), "--json"]
    )
    assert result.exit_code == 0, result.output
    numbers = json.loads(result.stdout)
    assert numbers["entities"]["typed"]["f1"] >= 0.85
    assert numbers["missing_articles"] == []
