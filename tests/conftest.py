"""Shared fixtures.

- ``seed_build`` (session): builds ``seeds/`` once into a temp folder with
  ``kg.pipeline.build_corpus`` and returns its :class:`kg.pipeline.BuildReport`
  (``.graph`` the Turtle file, ``.store`` the pyoxigraph store folder or None,
  ``.html`` the HTML view or None, ``.out_dir``).
- ``seed_graph`` (session): that graph as an ``rdflib.Graph``.
- ``sample_kb``: a small hand-made :class:`kg.model.KnowledgeBase` for unit tests.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from kg.model import Article, Entity, Evidence, KnowledgeBase, Relation, Section

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"


@pytest.fixture(scope="session")
def seed_build(tmp_path_factory: pytest.TempPathFactory):
    """Build the seed corpus once per session (graph, store and HTML when available)."""
    from kg.pipeline import build_corpus

    out_dir = tmp_path_factory.mktemp("seed_build")
    return build_corpus([SEEDS], out=out_dir / "innokg.ttl")


@pytest.fixture(scope="session")
def seed_graph(seed_build):
    """The seed graph as an rdflib Graph."""
    from kg.graphio import load_graph

    return load_graph(seed_build.graph)


SAMPLE_TEXT = (
    "10月22日，武汉宏泰硚口生物医疗科技创新创业基金正式揭牌成立，总规模30亿元。"
    "该基金由硚口区人民政府发起设立，位于硚口区。"
    "中国科学院院士马大为出席活动。硚口区是武汉市的中心城区。"
)


def _evidence(sentence: str, method: str = "rule:test") -> Evidence:
    start = SAMPLE_TEXT.index(sentence)
    return Evidence("sample_0001", sentence, start, start + len(sentence), 0.9, method)


def make_sample_kb() -> KnowledgeBase:
    """A hand-made knowledge base covering every kind of statement the builder maps."""
    fund = "Fund/武汉宏泰硚口生物医疗科技创新创业基金"
    gov, district, city = "GovernmentBody/硚口区人民政府", "District/硚口区", "City/武汉市"
    person, academy = "Person/马大为", "ResearchInstitute/中国科学院"
    s1 = "10月22日，武汉宏泰硚口生物医疗科技创新创业基金正式揭牌成立，总规模30亿元。"
    s2 = "该基金由硚口区人民政府发起设立，位于硚口区。"
    s3 = "中国科学院院士马大为出席活动。"
    s4 = "硚口区是武汉市的中心城区。"
    article = Article(
        id="sample_0001",
        path="tests/sample_0001.txt",
        file_name="sample_0001.txt",
        text=SAMPLE_TEXT,
        encoding="utf-8",
        content_hash="0" * 64,
        source="长江日报",
        published="2024-10-26",
        date_basis="inferred",
        headline="硚口科创基金揭牌",
        sections=(Section(0, len(SAMPLE_TEXT), "硚口科创基金揭牌"),),
        offsets=tuple(i + 2 for i in range(len(SAMPLE_TEXT))),
    )
    entities = (
        Entity("Fund", "武汉宏泰硚口生物医疗科技创新创业基金", aliases=("科创基金",),
               articles=("sample_0001",)),
        Entity("GovernmentBody", "硚口区人民政府", aliases=("硚口区政府",), articles=("sample_0001",)),
        Entity("District", "硚口区", name_en="Qiaokou District", articles=("sample_0001",)),
        Entity("City", "武汉市", aliases=("武汉",), name_en="Wuhan", articles=("sample_0001",)),
        Entity("Person", "马大为", articles=("sample_0001",)),
        Entity("ResearchInstitute", "中国科学院", aliases=("中科院",),
               name_en="Chinese Academy of Sciences", articles=("sample_0001",)),
    )
    relations = (
        Relation(fund, "fundSize", value=Decimal("3000000000"), value_text="30亿元",
                 evidence=_evidence(s1, "rule:amount")),
        Relation(fund, "foundingDate", value="2024-10-22", value_text="10月22日",
                 evidence=_evidence(s1, "rule:date")),
        Relation(fund, "establishedBy", gov, evidence=_evidence(s2)),
        Relation(fund, "locatedIn", district, evidence=_evidence(s2)),
        Relation(person, "worksFor", academy, evidence=_evidence(s3)),
        Relation(district, "partOf", city, evidence=_evidence(s4)),
    )
    mentions = {"sample_0001": tuple(sorted(e.key for e in entities))}
    return KnowledgeBase((article,), entities, relations, mentions)


@pytest.fixture
def sample_kb() -> KnowledgeBase:
    """A small hand-made knowledge base (one article, six entities, six statements)."""
    return make_sample_kb()
