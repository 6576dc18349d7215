"""Relation rules on sentences written here (not seed sentences), with hand-made mentions."""

from __future__ import annotations

from decimal import Decimal

import pytest

import kg.relations as relations
from kg.errors import ResourceError
from kg.model import Article, Mention, Span
from kg.relations import extract_relations

Spec = tuple[str, str] | tuple[str, str, str]


def _article(text: str, published: str | None = "2025-03-10", suspicious=()) -> Article:
    return Article(
        id="t1", path="t1.txt", file_name="t1.txt", text=text, encoding="utf-8",
        content_hash="x", published=published, suspicious=tuple(suspicious),
    )  # fmt: skip


def _mentions(text: str, specs: list[Spec]) -> list[Mention]:
    """Mentions for (surface, type[, canonical]); a surface seen again takes its next occurrence."""
    out, seen = [], {}
    for spec in specs:
        surface, type_ = spec[0], spec[1]
        start = text.index(surface, seen.get(surface, 0))
        seen[surface] = start + len(surface)
        canonical = spec[2] if len(spec) == 3 else surface
        out.append(Mention("t1", start, start + len(surface), surface, type_, "test", canonical))
    return out


def _triples(text: str, specs: list[Spec], **kw) -> set[tuple]:
    rels = extract_relations(_article(text, **kw), None, _mentions(text, specs))
    return {(r.subject, r.predicate, r.object if r.object else r.value) for r in rels}


@pytest.mark.parametrize(
    ("text", "specs", "expected"),
    [
        (
            "智谱科技武汉研究院位于东西湖区，今年投入使用。",
            [("智谱科技武汉研究院", "ResearchInstitute"), ("东西湖区", "District")],
            {("ResearchInstitute/智谱科技武汉研究院", "locatedIn", "District/东西湖区")},
        ),
        (
            "楚天芯片、江城生物等12个重点项目集中落户江夏区。",
            [("楚天芯片", "Project"), ("江城生物", "Project"), ("江夏区", "District")],
            {
                ("Project/楚天芯片", "locatedIn", "District/江夏区"),
                ("Project/江城生物", "locatedIn", "District/江夏区"),
            },
        ),
        (
            "第三届光谷算力峰会在洪山区举行。",
            [("第三届光谷算力峰会", "Event"), ("洪山区", "District")],
            {("Event/第三届光谷算力峰会", "locatedIn", "District/洪山区")},
        ),
        (
            "记者走进位于汉阳区的江城智造有限公司。",
            [("汉阳区", "District"), ("江城智造有限公司", "Company")],
            {("Company/江城智造有限公司", "locatedIn", "District/汉阳区")},
        ),
        (
            "黄陂区临空产业园，新入驻企业40家。",
            [("黄陂区", "District"), ("临空产业园", "Park")],
            {("Park/临空产业园", "locatedIn", "District/黄陂区")},
        ),
    ],
)
def test_relations_located_in(text: str, specs: list[Spec], expected: set) -> None:
    assert _triples(text, specs) == expected


def test_relations_located_in_not_for_nearby_roads() -> None:
    text = "江城软件园位于光谷大道以南。"
    assert _triples(text, [("江城软件园", "Park"), ("光谷大道", "Area")]) == set()


def test_relations_located_in_respects_types() -> None:
    text = "张三位于江夏区。"
    assert _triples(text, [("张三", "Person"), ("江夏区", "District")]) == set()


def test_relations_part_of_chain_of_places() -> None:
    text = "湖北省襄阳市樊城区召开大会。"
    specs = [("湖北省", "Province"), ("襄阳市", "City"), ("樊城区", "District")]
    assert _triples(text, specs) == {
        ("City/襄阳市", "partOf", "Province/湖北省"),
        ("District/樊城区", "partOf", "City/襄阳市"),
    }


@pytest.mark.parametrize(
    ("text", "specs", "expected"),
    [
        (
            "长江数科有限公司是长江产业投资集团的全资子公司。",
            [("长江数科有限公司", "Company"), ("长江产业投资集团", "Company")],
            ("Company/长江数科有限公司", "subsidiaryOf", "Company/长江产业投资集团"),
        ),
        (
            "江城投资集团旗下的江城天使基金完成首轮投资。",
            [("江城投资集团", "Company"), ("江城天使基金", "Fund")],
            ("Fund/江城天使基金", "subsidiaryOf", "Company/江城投资集团"),
        ),
    ],
)
def test_relations_subsidiary(text: str, specs: list[Spec], expected: tuple) -> None:
    assert _triples(text, specs) == {expected}


def test_relations_affiliated_by_name() -> None:
    text = "武汉大学医学部的专家与武汉大学医学部附属人民医院合作。"
    specs = [("武汉大学医学部", "University"), ("武汉大学医学部附属人民医院", "Hospital")]
    assert (
        "Hospital/武汉大学医学部附属人民医院",
        "affiliatedWith",
        "University/武汉大学医学部",
    ) in (_triples(text, specs))


def test_relations_established_by_joint_founders() -> None:
    text = "华中科技大学与东风公司联合成立智能网联汽车研究院。"
    specs = [
        ("华中科技大学", "University"),
        ("东风公司", "Company"),
        ("智能网联汽车研究院", "ResearchInstitute"),
    ]
    got = _triples(text, specs)
    assert (
        "ResearchInstitute/智能网联汽车研究院",
        "establishedBy",
        "University/华中科技大学",
    ) in got
    assert ("ResearchInstitute/智能网联汽车研究院", "establishedBy", "Company/东风公司") in got


def test_relations_established_by_passive() -> None:
    text = "江岸创新基金由江岸区人民政府发起设立。"
    specs = [("江岸创新基金", "Fund"), ("江岸区人民政府", "GovernmentBody")]
    assert _triples(text, specs) == {
        ("Fund/江岸创新基金", "establishedBy", "GovernmentBody/江岸区人民政府")
    }


def test_relations_established_by_anaphor_in_previous_sentence() -> None:
    text = "东西湖区近年发展迅速，引进企业多家。该区已培育平台30家；同时设立20亿元产业引导基金。"
    specs = [("东西湖区", "District"), ("产业引导基金", "Fund")]
    got = _triples(text, specs)
    assert ("Fund/产业引导基金", "establishedBy", "District/东西湖区") in got
    assert ("Fund/产业引导基金", "fundSize", Decimal("2000000000")) in got


def test_relations_operated_by() -> None:
    text = "光谷软件园由联投集团负责运营。"
    specs = [("光谷软件园", "Park"), ("联投集团", "Company")]
    assert _triples(text, specs) == {("Park/光谷软件园", "operatedBy", "Company/联投集团")}


def test_relations_invests_in() -> None:
    text = "湖北高投投资了楚能新能源。3个项目与光谷科创基金签约，其中包括星河机器人。"
    specs = [("湖北高投", "Fund"), ("楚能新能源", "Company"), ("光谷科创基金", "Fund")]
    assert _triples(text, specs) == {("Fund/湖北高投", "investsIn", "Company/楚能新能源")}
    text = "星河机器人、云帆生物等3个项目与光谷科创基金签约。"
    specs = [("星河机器人", "Company"), ("云帆生物", "Company"), ("光谷科创基金", "Fund")]
    assert _triples(text, specs) == {
        ("Fund/光谷科创基金", "investsIn", "Company/星河机器人"),
        ("Fund/光谷科创基金", "investsIn", "Company/云帆生物"),
    }


def test_relations_partner_emitted_once() -> None:
    text = "武汉理工大学与宁德时代开展战略合作，宁德时代与武汉理工大学携手共建实验室。"
    specs = [
        ("武汉理工大学", "University"),
        ("宁德时代", "Company"),
        ("宁德时代", "Company"),
        ("武汉理工大学", "University"),
    ]
    rels = extract_relations(_article(text), None, _mentions(text, specs))
    assert [r.predicate for r in rels] == ["partnerOf"]


@pytest.mark.parametrize(
    ("text", "specs", "expected"),
    [
        (
            "3月1日，江汉区印发《江汉区数字经济三年行动计划》。",
            [("江汉区", "District"), ("江汉区数字经济三年行动计划", "Program")],
            ("Program/江汉区数字经济三年行动计划", "issuedBy", "District/江汉区"),
        ),
        (
            "国家发展改革委《关于促进民营经济发展的意见》明确提出。",
            [("国家发展改革委", "GovernmentBody"), ("关于促进民营经济发展的意见", "Program")],
            ("Program/关于促进民营经济发展的意见", "issuedBy", "GovernmentBody/国家发展改革委"),
        ),
    ],
)
def test_relations_issued_by(text: str, specs: list[Spec], expected: tuple) -> None:
    assert _triples(text, specs) == {expected}


@pytest.mark.parametrize(
    ("text", "specs", "expected"),
    [
        (
            "江岸区委书记张三表示，将加快建设。",
            [("江岸区委", "GovernmentBody"), ("张三", "Person")],
            {("Person/张三", "worksFor", "GovernmentBody/江岸区委")},
        ),
        (
            "中国工程院院士、武汉理工大学教授王五介绍了成果。",
            [
                ("中国工程院", "ResearchInstitute"),
                ("武汉理工大学", "University"),
                ("王五", "Person"),
            ],
            {
                ("Person/王五", "worksFor", "ResearchInstitute/中国工程院"),
                ("Person/王五", "worksFor", "University/武汉理工大学"),
            },
        ),
        (
            "武汉理工大学李四教授团队研发了新材料。",
            [("武汉理工大学", "University"), ("李四", "Person")],
            {("Person/李四", "worksFor", "University/武汉理工大学")},
        ),
        (
            "刘六同志任中共孝感市委书记。",
            [("刘六", "Person"), ("中共孝感市委", "GovernmentBody")],
            {("Person/刘六", "worksFor", "GovernmentBody/中共孝感市委")},
        ),
        (
            "星河机器人创始人兼CEO赵七说。",
            [("星河机器人", "Company"), ("赵七", "Person")],
            {
                ("Person/赵七", "worksFor", "Company/星河机器人"),
                ("Company/星河机器人", "establishedBy", "Person/赵七"),
            },
        ),
        (
            "江城集团总经理张三、江夏区委书记李四出席。",
            [
                ("江城集团", "Company"),
                ("张三", "Person"),
                ("江夏区委", "GovernmentBody"),
                ("李四", "Person"),
            ],
            {
                ("Person/张三", "worksFor", "Company/江城集团"),
                ("Person/李四", "worksFor", "GovernmentBody/江夏区委"),
            },
        ),
    ],
)
def test_relations_works_for(text: str, specs: list[Spec], expected: set) -> None:
    assert _triples(text, specs) == expected


def test_relations_fund_size_and_investment_amount() -> None:
    text = "光谷科创母基金总规模50亿元。智能制造产业园项目总投资12.5亿元，预计明年投产。"
    specs = [("光谷科创母基金", "Fund"), ("智能制造产业园项目", "Project")]
    rels = extract_relations(_article(text), None, _mentions(text, specs))
    got = {(r.subject, r.predicate, r.value, r.value_text, r.object) for r in rels}
    assert got == {
        ("Fund/光谷科创母基金", "fundSize", Decimal("5000000000"), "50亿元", None),
        ("Project/智能制造产业园项目", "investmentAmount", Decimal("1250000000"), "12.5亿元", None),
    }


def test_relations_support_amounts_go_to_the_paragraph_program() -> None:
    text = (
        "《江夏区人才新政》对顶尖人才最高资助500万元；对创业团队给予200万元奖励。\n"
        "全区GDP增长6%，投资30亿元。"
    )
    specs = [("江夏区人才新政", "Program")]
    assert _triples(text, specs) == {
        ("Program/江夏区人才新政", "supportAmount", Decimal("5000000")),
        ("Program/江夏区人才新政", "supportAmount", Decimal("2000000")),
    }


def test_relations_support_amount_through_topic_paragraph() -> None:
    text = "江夏区发布“人才十二条”。\n人才政策对顶尖人才最高奖励300万元。"
    specs = [("江夏区", "District"), ("人才十二条", "Program")]
    got = _triples(text, specs)
    assert ("Program/人才十二条", "supportAmount", Decimal("3000000")) in got
    assert ("Program/人才十二条", "issuedBy", "District/江夏区") in got


def test_relations_founding_date_and_same_day() -> None:
    text = "3月5日，长江智能研究院正式揭牌成立。当天，江城算力中心在园区揭牌。"
    specs = [("长江智能研究院", "ResearchInstitute"), ("江城算力中心", "ResearchInstitute")]
    got = _triples(text, specs, published="2025-03-10")
    assert ("ResearchInstitute/长江智能研究院", "foundingDate", "2025-03-05") in got
    assert ("ResearchInstitute/江城算力中心", "foundingDate", "2025-03-05") in got


def test_relations_park_anaphor() -> None:
    text = "4月8日，光谷人工智能产业园开园。当天，江城算力中心在园区揭牌。"
    specs = [("光谷人工智能产业园", "Park"), ("江城算力中心", "ResearchInstitute")]
    got = _triples(text, specs, published="2025-04-10")
    assert ("ResearchInstitute/江城算力中心", "locatedIn", "Park/光谷人工智能产业园") in got
    assert ("Park/光谷人工智能产业园", "foundingDate", "2025-04-08") in got


def test_relations_evidence_points_at_the_sentence() -> None:
    text = "开头一句。智谱科技武汉研究院位于东西湖区。"
    specs = [("智谱科技武汉研究院", "ResearchInstitute"), ("东西湖区", "District")]
    [rel] = extract_relations(_article(text), None, _mentions(text, specs))
    ev = rel.evidence
    assert ev is not None and ev.article_id == "t1"
    assert text[ev.start : ev.end] == ev.sentence == "智谱科技武汉研究院位于东西湖区。"
    assert 0 < ev.confidence <= 1 and ev.method.startswith("rule:")


def test_relations_skip_suspicious_mentions() -> None:
    text = "智谱科技武汉研究院位于东西湖区。"
    specs = [("智谱科技武汉研究院", "ResearchInstitute"), ("东西湖区", "District")]
    article = _article(text, suspicious=[Span(9, 13, "mojibake")])
    assert extract_relations(article, None, _mentions(text, specs)) == []


def test_relations_dedupe_keeps_first_and_most_confident() -> None:
    text = "江城研究院位于汉阳区。江城研究院位于汉阳区。"
    specs = [("江城研究院", "ResearchInstitute"), ("汉阳区", "District")] * 2
    rels = extract_relations(_article(text), None, _mentions(text, specs))
    assert len(rels) == 1 and rels[0].evidence.start == 0


def test_relations_without_mentions_or_text() -> None:
    assert extract_relations(_article("没有实体的句子。"), None, []) == []
    assert extract_relations(_article(""), None, []) == []


def test_relations_deterministic() -> None:
    text = "湖北省襄阳市樊城区召开大会。长江数科有限公司是长江产业投资集团的全资子公司。"
    specs = [
        ("湖北省", "Province"), ("襄阳市", "City"), ("樊城区", "District"),
        ("长江数科有限公司", "Company"), ("长江产业投资集团", "Company"),
    ]  # fmt: skip
    first = extract_relations(_article(text), None, _mentions(text, specs))
    assert first == extract_relations(_article(text), None, list(reversed(_mentions(text, specs))))


def test_relations_bad_rule_file_is_a_resource_error(tmp_path, monkeypatch) -> None:
    for f in relations.RESOURCE_DIR.iterdir():
        (tmp_path / f.name).write_text(f.read_text(encoding="utf-8"), encoding="utf-8")
    with (tmp_path / "pair_rules.tsv").open("a", encoding="utf-8") as fh:
        fh.write("broken\tline\n")
    monkeypatch.setattr(relations, "RESOURCE_DIR", tmp_path)
    relations.load_rules.cache_clear()
    try:
        with pytest.raises(ResourceError, match="pair_rules.tsv"):
            relations.load_rules()
    finally:
        monkeypatch.undo()
        relations.load_rules.cache_clear()


@pytest.mark.parametrize(
    ("text", "specs"),
    [
        # the title belongs to the project named between, not to the district
        ("江岸区老城片项目分管负责人马七介绍。", [("江岸区", "District"), ("马七", "Person")]),
        # 区委 left unrecognized: the district itself is not the employer
        ("江岸区委书记张三表示。", [("江岸区", "District"), ("张三", "Person")]),
    ],
)
def test_relations_works_for_needs_a_plain_title(text: str, specs: list[Spec]) -> None:
    assert _triples(text, specs) == set()


def test_relations_works_for_department_title() -> None:
    text = "长江开源社区技术与运营委员会秘书长马八说。"
    specs = [("长江开源社区", "Association"), ("马八", "Person")]
    assert _triples(text, specs) == {("Person/马八", "worksFor", "Association/长江开源社区")}


def test_relations_city_glued_to_a_name_is_not_a_location() -> None:
    text = "湖北楚天科技打造了新平台。"
    assert _triples(text, [("湖北", "Province"), ("楚天科技", "Company")]) == set()


@pytest.mark.parametrize(
    ("text", "specs", "expected"),
    [
        (
            "江夏区聚集了3家国家实验室、江城人民医院等多家医院。",
            [("江夏区", "District"), ("江城人民医院", "Hospital")],
            ("Hospital/江城人民医院", "locatedIn", "District/江夏区"),
        ),
        (
            "南湖片区，建成光谷创客街区，集聚企业300家。",
            [("南湖片区", "Area"), ("光谷创客街区", "Park")],
            ("Park/光谷创客街区", "locatedIn", "Area/南湖片区"),
        ),
        (
            "目前，“江城锦鲤”项目聚焦新材料，引进先进陶瓷创新中心等平台。",
            [("江城锦鲤", "Project"), ("先进陶瓷创新中心", "ResearchInstitute")],
            ("ResearchInstitute/先进陶瓷创新中心", "locatedIn", "Project/江城锦鲤"),
        ),
        (
            "省长在襄阳市调研隆中实验室建设工作。",
            [("襄阳市", "City"), ("隆中实验室", "Lab")],
            ("Lab/隆中实验室", "locatedIn", "City/襄阳市"),
        ),
    ],
)
def test_relations_located_in_clauses(text: str, specs: list[Spec], expected: tuple) -> None:
    assert _triples(text, specs) == {expected}


def test_relations_part_of_districts_built_by_a_place() -> None:
    text = "当前，江岸区聚焦转型，打造江岸中央商务区、江滩生态带两大功能区。"
    specs = [("江岸区", "District"), ("江岸中央商务区", "Area"), ("江滩生态带", "Area")]
    assert _triples(text, specs) == {
        ("Area/江岸中央商务区", "partOf", "District/江岸区"),
        ("Area/江滩生态带", "partOf", "District/江岸区"),
    }


def test_relations_quoted_list_and_unnamed_members() -> None:
    text = "江夏区发布“人才十条”“健康八条”等系列措施。星河机器人、某某医疗、云帆生物等8个项目落户蔡甸区。"
    specs = [
        ("江夏区", "District"), ("“人才十条”", "Program", "人才十条"),
        ("“健康八条”", "Program", "健康八条"), ("星河机器人", "Company"),
        ("云帆生物", "Company"), ("蔡甸区", "District"),
    ]  # fmt: skip
    assert _triples(text, specs) == {
        ("Program/人才十条", "issuedBy", "District/江夏区"),
        ("Program/健康八条", "issuedBy", "District/江夏区"),
        ("Company/星河机器人", "locatedIn", "District/蔡甸区"),
        ("Company/云帆生物", "locatedIn", "District/蔡甸区"),
    }


def test_relations_park_compound_is_no_anaphor() -> None:
    text = "光谷人工智能产业园开园。江城研究院在科创园区揭牌。"
    specs = [("光谷人工智能产业园", "Park"), ("江城研究院", "ResearchInstitute")]
    assert _triples(text, specs) == set()


def test_relations_list_of_officials_stays_paired() -> None:
    text = "省科技厅厅长甲乙，省经信厅党组书记、厅长丙丁出席。"
    specs = [
        ("省科技厅", "GovernmentBody"), ("甲乙", "Person"),
        ("省经信厅", "GovernmentBody"), ("丙丁", "Person"),
    ]  # fmt: skip
    assert _triples(text, specs) == {
        ("Person/甲乙", "worksFor", "GovernmentBody/省科技厅"),
        ("Person/丙丁", "worksFor", "GovernmentBody/省经信厅"),
    }


@pytest.mark.parametrize(
    ("text", "specs", "expected"),
    [
        (
            "小米集团在武汉设立科技研究院。",
            [
                ("小米集团", "Company"),
                ("武汉", "City", "武汉市"),
                ("科技研究院", "ResearchInstitute"),
            ],
            {
                ("ResearchInstitute/科技研究院", "establishedBy", "Company/小米集团"),
                ("ResearchInstitute/科技研究院", "locatedIn", "City/武汉市"),
            },
        ),
        (
            "星河机器人区域总部落户东西湖区。",
            [("星河机器人", "Company"), ("东西湖区", "District")],
            {("Company/星河机器人", "locatedIn", "District/东西湖区")},
        ),
        (
            "江城数科是长江产业集团旗下的平台公司。",
            [("江城数科", "Company"), ("长江产业集团", "Company")],
            {("Company/江城数科", "subsidiaryOf", "Company/长江产业集团")},
        ),
        (
            "武汉理工大学与宁德时代等企业签署战略合作协议。",
            [("武汉理工大学", "University"), ("宁德时代", "Company")],
            {("University/武汉理工大学", "partnerOf", "Company/宁德时代")},
        ),
    ],
)
def test_relations_more_cues(text: str, specs: list[Spec], expected: set) -> None:
    assert _triples(text, specs) == expected


def test_relations_founding_date_before_the_verb() -> None:
    text = "江城研究院于2019年5月正式成立，现有员工200人。"
    got = _triples(text, [("江城研究院", "ResearchInstitute")])
    assert got == {("ResearchInstitute/江城研究院", "foundingDate", "2019-05")}


@pytest.mark.parametrize(
    ("text", "specs", "expected"),
    [
        (
            "江城光电成立于2015年，总部位于东湖高新区。",
            [("江城光电", "Company"), ("东湖高新区", "District")],
            {
                ("Company/江城光电", "locatedIn", "District/东湖高新区"),
                ("Company/江城光电", "foundingDate", "2015"),
            },
        ),
        (
            "星河机器人完成由光谷天使基金领投的A轮融资。",
            [("星河机器人", "Company"), ("光谷天使基金", "Fund")],
            {("Fund/光谷天使基金", "investsIn", "Company/星河机器人")},
        ),
        (
            "江岸区人民政府与江城数科现场签约。",
            [("江岸区人民政府", "GovernmentBody"), ("江城数科", "Company")],
            {("GovernmentBody/江岸区人民政府", "partnerOf", "Company/江城数科")},
        ),
        (
            "市政府办公厅关于印发《江城算力券实施细则》的通知。",
            [("市政府办公厅", "GovernmentBody"), ("江城算力券实施细则", "Program")],
            {("Program/江城算力券实施细则", "issuedBy", "GovernmentBody/市政府办公厅")},
        ),
        (
            "江城芯片项目在蔡甸区开工。",
            [("江城芯片项目", "Project"), ("蔡甸区", "District")],
            {("Project/江城芯片项目", "locatedIn", "District/蔡甸区")},
        ),
    ],
)
def test_relations_company_news_cues(text: str, specs: list[Spec], expected: set) -> None:
    assert _triples(text, specs) == expected


# ---------------------------------------------------------------- generalization rules (dev set review)


def test_alias_parenthesis_joins_its_name() -> None:
    text = "该基金由区属国有企业江城国资运营有限公司（以下简称“江城国资”）和上市公司星火智能股份有限公司共同发起设立。"
    specs: list[Spec] = [
        ("该基金", "Fund", "江城未来基金"),
        ("江城国资运营有限公司", "Company"),
        ("星火智能股份有限公司", "Company"),
    ]
    got = _triples(text, specs)
    assert ("Fund/江城未来基金", "establishedBy", "Company/江城国资运营有限公司") in got
    assert ("Fund/江城未来基金", "establishedBy", "Company/星火智能股份有限公司") in got


def test_alias_parenthesis_before_a_title_and_a_verb() -> None:
    text = "青山区经济和信息化局（区经信局）局长方明介绍了情况。青山区经济和信息化局（区经信局）发布《青山区数字工厂行动计划》。"
    specs: list[Spec] = [
        ("青山区经济和信息化局", "GovernmentBody"), ("区经信局", "GovernmentBody", "青山区经济和信息化局"),
        ("方明", "Person"),
        ("青山区经济和信息化局", "GovernmentBody"), ("区经信局", "GovernmentBody", "青山区经济和信息化局"),
        ("青山区数字工厂行动计划", "Program"),
    ]  # fmt: skip
    got = _triples(text, specs)
    assert ("Person/方明", "worksFor", "GovernmentBody/青山区经济和信息化局") in got
    assert ("Program/青山区数字工厂行动计划", "issuedBy", "GovernmentBody/青山区经济和信息化局") in got


def test_established_by_not_for_drafting() -> None:
    text = "《新洲区人才新政》由区人社局牵头起草，自发布之日起施行。"
    specs: list[Spec] = [("新洲区人才新政", "Program"), ("区人社局", "GovernmentBody")]
    assert not any(p == "establishedBy" for _, p, _ in _triples(text, specs))


@pytest.mark.parametrize(
    ("text", "specs", "expected"),
    [
        (
            "该基金规模3亿元，由青山区科技局牵头组建，由江城创投管理有限公司负责运营。",
            [("该基金", "Fund", "青山区天使基金"), ("青山区科技局", "GovernmentBody"),
             ("江城创投管理有限公司", "Company")],
            {("Fund/青山区天使基金", "establishedBy", "GovernmentBody/青山区科技局"),
             ("Fund/青山区天使基金", "operatedBy", "Company/江城创投管理有限公司")},
        ),
        (
            "星火集团在2022年还出资设立了规模5亿元的星火产业链基金。",
            [("星火集团", "Company"), ("星火产业链基金", "Fund")],
            {("Fund/星火产业链基金", "establishedBy", "Company/星火集团")},
        ),
        (
            "云图科技创始人、总经理李明是武汉大学校友。",
            [("云图科技", "Company"), ("李明", "Person"), ("武汉大学", "University")],
            {("Company/云图科技", "establishedBy", "Person/李明"),
             ("Person/李明", "worksFor", "Company/云图科技")},
        ),
    ],
)  # fmt: skip
def test_relations_established_and_operated(text: str, specs: list[Spec], expected: set) -> None:
    assert expected <= _triples(text, specs)


def test_fund_manager_is_operator() -> None:
    text = "江汉母基金的基金管理人为江汉私募基金管理有限公司。"
    specs: list[Spec] = [("江汉母基金", "Fund"), ("江汉私募基金管理有限公司", "Company")]
    assert _triples(text, specs) == {
        ("Fund/江汉母基金", "operatedBy", "Company/江汉私募基金管理有限公司")
    }


def test_project_developer_after_an_amount_clause() -> None:
    text = "东湖文旅小镇项目总投资30亿元，由江城文旅集团有限公司负责开发建设。"
    specs: list[Spec] = [("东湖文旅小镇项目", "Project"), ("江城文旅集团有限公司", "Company")]
    assert ("Project/东湖文旅小镇项目", "operatedBy", "Company/江城文旅集团有限公司") in _triples(
        text, specs
    )


@pytest.mark.parametrize(
    ("text", "specs", "expected"),
    [
        (
            "签约项目中，光能科技有限公司投资建设的光能电池项目总投资20亿元。",
            [("光能科技有限公司", "Company"), ("光能电池项目", "Project")],
            ("Company/光能科技有限公司", "investsIn", "Project/光能电池项目"),
        ),
        (
            "江城重工有限公司计划投资40亿元，建设江城装备产业园项目。",
            [("江城重工有限公司", "Company"), ("江城装备产业园项目", "Project")],
            ("Company/江城重工有限公司", "investsIn", "Project/江城装备产业园项目"),
        ),
        (
            "去年，云帆无人机完成3亿元A轮融资，由光谷天使基金领投，江城产业基金跟投。",
            [("云帆无人机", "Company"), ("光谷天使基金", "Fund"), ("江城产业基金", "Fund")],
            ("Fund/江城产业基金", "investsIn", "Company/云帆无人机"),
        ),
        (
            "江夏母基金总规模20亿元。首期资金中，江夏城投出资5亿元，其余向社会募集。",
            [("江夏母基金", "Fund"), ("江夏城投", "Company")],
            ("Company/江夏城投", "investsIn", "Fund/江夏母基金"),
        ),
    ],
)  # fmt: skip
def test_relations_invests_in_more_forms(text: str, specs: list[Spec], expected: tuple) -> None:
    got = _triples(text, specs)
    assert expected in got
    assert not any(p == "operatedBy" for _, p, _ in got)


def test_invests_in_follower_and_leader() -> None:
    text = "去年，云帆无人机完成3亿元A轮融资，由光谷天使基金领投，江城产业基金跟投。"
    specs: list[Spec] = [("云帆无人机", "Company"), ("光谷天使基金", "Fund"), ("江城产业基金", "Fund")]
    got = _triples(text, specs)
    assert ("Fund/光谷天使基金", "investsIn", "Company/云帆无人机") in got
    assert ("Company/云帆无人机", "investsIn", "Fund/江城产业基金") not in got


@pytest.mark.parametrize(
    ("text", "specs", "expected"),
    [
        (
            "星火物流有限公司也是星火集团旗下的配送服务企业。",
            [("星火物流有限公司", "Company"), ("星火集团", "Company")],
            ("Company/星火物流有限公司", "subsidiaryOf", "Company/星火集团"),
        ),
        (
            "云图芯片有限公司（以下简称“云图芯片”）是云图集团的全资子公司，主营芯片。",
            [("云图芯片有限公司", "Company"), ("云图集团", "Company")],
            ("Company/云图芯片有限公司", "subsidiaryOf", "Company/云图集团"),
        ),
    ],
)  # fmt: skip
def test_relations_subsidiary_more_forms(text: str, specs: list[Spec], expected: tuple) -> None:
    assert expected in _triples(text, specs)


@pytest.mark.parametrize(
    ("text", "specs", "expected"),
    [
        (
            "江城光电成立于2012年，注册地位于江夏区，是一家激光企业。",
            [("江城光电", "Company"), ("江夏区", "District")],
            ("Company/江城光电", "locatedIn", "District/江夏区"),
        ),
        (
            "云图卫星总部位于武汉市洪山区。",
            [("云图卫星", "Company"), ("武汉市", "City"), ("洪山区", "District")],
            ("Company/云图卫星", "locatedIn", "District/洪山区"),
        ),
        (
            "江城电池项目总投资10亿元，项目选址于黄陂临空产业园。",
            [("江城电池项目", "Project"), ("黄陂临空产业园", "Park")],
            ("Project/江城电池项目", "locatedIn", "Park/黄陂临空产业园"),
        ),
        (
            "第三届光谷机器人大赛总决赛在洪山区落幕。",
            [("第三届光谷机器人大赛", "Event"), ("洪山区", "District")],
            ("Event/第三届光谷机器人大赛", "locatedIn", "District/洪山区"),
        ),
        (
            "江城车展将于10月8日在武汉会展中心开幕。",
            [("江城车展", "Event"), ("武汉会展中心", "Area")],
            ("Event/江城车展", "locatedIn", "Area/武汉会展中心"),
        ),
        (
            "青山智造园正式开园。开园当天，江城精工有限公司、云帆机器人有限公司等首批企业签约入驻。",
            [("青山智造园", "Park"), ("江城精工有限公司", "Company"), ("云帆机器人有限公司", "Company")],
            ("Company/云帆机器人有限公司", "locatedIn", "Park/青山智造园"),
        ),
    ],
)  # fmt: skip
def test_relations_located_in_more_forms(text: str, specs: list[Spec], expected: tuple) -> None:
    got = _triples(text, specs)
    assert expected in got
    assert ("Company/云图卫星", "locatedIn", "City/武汉市") not in got


@pytest.mark.parametrize(
    ("text", "specs", "expected"),
    [
        (
            "江城医院与云影科技有限公司联合成立智能影像中心。",
            [("江城医院", "Hospital"), ("云影科技有限公司", "Company"), ("智能影像中心", "ResearchInstitute")],
            ("Hospital/江城医院", "partnerOf", "Company/云影科技有限公司"),
        ),
        (
            "星火集团与江汉大学、湖北大学建立了联合培养机制。",
            [("星火集团", "Company"), ("江汉大学", "University"), ("湖北大学", "University")],
            ("Company/星火集团", "partnerOf", "University/湖北大学"),
        ),
    ],
)  # fmt: skip
def test_relations_partner_more_forms(text: str, specs: list[Spec], expected: tuple) -> None:
    assert expected in _triples(text, specs)


def test_anaphors_for_group_and_institute_heads() -> None:
    text = "江城智能集团有限公司成立于2010年。集团董事长王强表示，将加大投入。江城光学研究院揭牌，研究院院长陈红介绍了情况。"
    specs: list[Spec] = [
        ("江城智能集团有限公司", "Company"), ("王强", "Person"),
        ("江城光学研究院", "ResearchInstitute"), ("陈红", "Person"),
    ]  # fmt: skip
    got = _triples(text, specs)
    assert ("Person/王强", "worksFor", "Company/江城智能集团有限公司") in got
    assert ("Person/陈红", "worksFor", "ResearchInstitute/江城光学研究院") in got


def test_founding_dates_in_clauses_and_objects() -> None:
    text = (
        "江城芯片有限公司是星火集团的全资子公司，成立于2018年5月，主营芯片。"
        "星火集团在2021年还出资设立了规模2亿元的星火创投基金。"
    )
    specs: list[Spec] = [
        ("江城芯片有限公司", "Company"), ("星火集团", "Company"),
        ("星火集团", "Company"), ("星火创投基金", "Fund"),
    ]  # fmt: skip
    got = _triples(text, specs)
    assert ("Company/江城芯片有限公司", "foundingDate", "2018-05") in got
    assert ("Fund/星火创投基金", "foundingDate", "2021") in got
    assert not any(s == "Company/星火集团" and p == "foundingDate" for s, p, _ in got)


def test_same_day_refers_back_beyond_three_sentences() -> None:
    text = "3月8日，青山母基金揭牌。基金规模10亿元。首期5亿元。存续期8年。同日，青山天使基金同步设立。"
    specs: list[Spec] = [("青山母基金", "Fund"), ("青山天使基金", "Fund")]
    assert ("Fund/青山天使基金", "foundingDate", "2025-03-08") in _triples(text, specs)


def test_respective_amounts_follow_list_order() -> None:
    text = "此外，江城光学项目、楚天芯片项目等一批项目也在现场签约，总投资分别为12亿元和8\n.5亿元。"
    specs: list[Spec] = [("江城光学项目", "Project"), ("楚天芯片项目", "Project")]
    got = _triples(text, specs)
    assert ("Project/江城光学项目", "investmentAmount", Decimal("1200000000")) in got
    assert ("Project/楚天芯片项目", "investmentAmount", Decimal("850000000")) in got


def test_both_parties_found_what_they_build_together() -> None:
    text = "江汉大学与星火储能有限公司签约，双方将在青山区共建储能安全联合实验室。"
    specs: list[Spec] = [
        ("江汉大学", "University"), ("星火储能有限公司", "Company"), ("青山区", "District"),
        ("储能安全联合实验室", "Lab"),
    ]  # fmt: skip
    got = _triples(text, specs)
    assert ("Lab/储能安全联合实验室", "establishedBy", "University/江汉大学") in got
    assert ("Lab/储能安全联合实验室", "establishedBy", "Company/星火储能有限公司") in got
    assert ("Lab/储能安全联合实验室", "locatedIn", "District/青山区") in got


def test_both_parties_need_two_named_partners() -> None:
    text = "会上，江汉大学发布成果，双方将共建储能安全联合实验室。"
    specs: list[Spec] = [("江汉大学", "University"), ("储能安全联合实验室", "Lab")]
    assert not any(p == "establishedBy" for _, p, _ in _triples(text, specs))


def test_located_in_keeps_district_before_an_area() -> None:
    text = "青山智造园位于青山区钢都片区，由江城科创集团有限公司负责开发建设和运营管理。"
    specs: list[Spec] = [
        ("青山智造园", "Park"), ("青山区", "District"), ("钢都片区", "Area"),
        ("江城科创集团有限公司", "Company"),
    ]  # fmt: skip
    got = _triples(text, specs)
    assert ("Park/青山智造园", "locatedIn", "Area/钢都片区") in got
    assert ("Park/青山智造园", "locatedIn", "District/青山区") in got
    assert ("Park/青山智造园", "operatedBy", "Company/江城科创集团有限公司") in got


def test_support_amounts_carry_to_the_policy_of_earlier_paragraphs() -> None:
    text = (
        "1月5日，青山区印发《青山区科技创新若干措施》，提出十条举措。\n"
        "在企业培育方面，《青山区科技创新若干措施》提出，对新认定的高新技术企业给予最高20万元奖励。\n"
        "平台建设是此次政策的重点，对新认定的省级平台给予最高100万元资助。\n"
        "对获得湖北省科技进步奖的项目给予配套奖励；人才方面，对青年人才给予最高10万元生活补贴。"
    )
    specs: list[Spec] = [
        ("青山区", "District"), ("青山区科技创新若干措施", "Program"),
        ("青山区科技创新若干措施", "Program"), ("湖北省科技进步奖", "Program"),
    ]  # fmt: skip
    got = _triples(text, specs)
    policy = "Program/青山区科技创新若干措施"
    for value in ("200000", "1000000", "100000"):
        assert (policy, "supportAmount", Decimal(value)) in got
    assert not any(s == "Program/湖北省科技进步奖" for s, _, _ in got)


def test_support_amounts_do_not_carry_over_a_list_of_headings() -> None:
    text = "人才聚智工程\n建设目标\n对入选优秀项目的，给予30万元一次性奖励"
    specs: list[Spec] = [("人才聚智工程", "Program")]
    assert _triples(text, specs) == set()


def test_works_for_with_a_part_time_title() -> None:
    text = "江城研究院揭牌。研究院院长、江汉大学化学学院兼职教授赵敏介绍了情况。"
    specs: list[Spec] = [("江城研究院", "ResearchInstitute"), ("江汉大学化学学院", "University"),
                         ("赵敏", "Person")]  # fmt: skip
    got = _triples(text, specs)
    assert ("Person/赵敏", "worksFor", "University/江汉大学化学学院") in got
    assert ("Person/赵敏", "worksFor", "ResearchInstitute/江城研究院") in got


@pytest.mark.parametrize(
    ("text", "specs", "expected"),
    [
        ('江城集团牵头组建了江城氢能创新中心。', [('江城集团', 'Company'), ('江城氢能创新中心', 'ResearchInstitute')], ('ResearchInstitute/江城氢能创新中心', 'establishedBy', 'Company/江城集团')),
        ('星火科技与江汉大学联合成立星火智能研究院。', [('星火科技', 'Company'), ('江汉大学', 'University'), ('星火智能研究院', 'ResearchInstitute')], ('ResearchInstitute/星火智能研究院', 'establishedBy', 'University/江汉大学')),
        ('星火科技与江汉大学联合成立星火智能研究院。', [('星火科技', 'Company'), ('江汉大学', 'University'), ('星火智能研究院', 'ResearchInstitute')], ('ResearchInstitute/星火智能研究院', 'establishedBy', 'Company/星火科技')),
        ('江城投资集团出资设立江城科创基金。', [('江城投资集团', 'Company'), ('江城科创基金', 'Fund')], ('Fund/江城科创基金', 'establishedBy', 'Company/江城投资集团')),
        ('江城光电产业联盟由江城光电有限公司发起。', [('江城光电产业联盟', 'Association'), ('江城光电有限公司', 'Company')], ('Association/江城光电产业联盟', 'establishedBy', 'Company/江城光电有限公司')),
        ('江城国资出资2亿元参与设立青山产业基金。', [('江城国资', 'Company'), ('青山产业基金', 'Fund')], ('Fund/青山产业基金', 'establishedBy', 'Company/江城国资')),
        ('江城创投向云帆科技注资5000万元。', [('江城创投', 'Company'), ('云帆科技', 'Company')], ('Company/江城创投', 'investsIn', 'Company/云帆科技')),
        ('云帆科技与光谷天使基金签约。', [('云帆科技', 'Company'), ('光谷天使基金', 'Fund')], ('Fund/光谷天使基金', 'investsIn', 'Company/云帆科技')),
        ('光谷天使基金领投云帆科技A轮融资。', [('光谷天使基金', 'Fund'), ('云帆科技', 'Company')], ('Fund/光谷天使基金', 'investsIn', 'Company/云帆科技')),
        ('江城创投投资了云帆科技。', [('江城创投', 'Company'), ('云帆科技', 'Company')], ('Company/江城创投', 'investsIn', 'Company/云帆科技')),
        ('云帆物流是江城集团旗下企业。', [('云帆物流', 'Company'), ('江城集团', 'Company')], ('Company/云帆物流', 'subsidiaryOf', 'Company/江城集团')),
        ('云帆物流系江城集团全资子公司。', [('云帆物流', 'Company'), ('江城集团', 'Company')], ('Company/云帆物流', 'subsidiaryOf', 'Company/江城集团')),
        ('江城集团旗下的云帆物流发展迅速。', [('江城集团', 'Company'), ('云帆物流', 'Company')], ('Company/云帆物流', 'subsidiaryOf', 'Company/江城集团')),
        ('江城集团的子公司云帆物流发展迅速。', [('江城集团', 'Company'), ('云帆物流', 'Company')], ('Company/云帆物流', 'subsidiaryOf', 'Company/江城集团')),
        ('青山产业园由江城城投负责运营。', [('青山产业园', 'Park'), ('江城城投', 'Company')], ('Park/青山产业园', 'operatedBy', 'Company/江城城投')),
        ('江城城投开发建设的青山产业园已开园。', [('江城城投', 'Company'), ('青山产业园', 'Park')], ('Park/青山产业园', 'operatedBy', 'Company/江城城投')),
        ('星火科技携手江汉大学攻关芯片。', [('星火科技', 'Company'), ('江汉大学', 'University')], ('Company/星火科技', 'partnerOf', 'University/江汉大学')),
        ('星火科技与江汉大学签署战略合作协议。', [('星火科技', 'Company'), ('江汉大学', 'University')], ('Company/星火科技', 'partnerOf', 'University/江汉大学')),
        ('云帆科技总部设在东湖高新区。', [('云帆科技', 'Company'), ('东湖高新区', 'District')], ('Company/云帆科技', 'locatedIn', 'District/东湖高新区')),
        ('云帆科技落户青山区。', [('云帆科技', 'Company'), ('青山区', 'District')], ('Company/云帆科技', 'locatedIn', 'District/青山区')),
        ('云帆科技入驻光谷软件园。', [('云帆科技', 'Company'), ('光谷软件园', 'Park')], ('Company/云帆科技', 'locatedIn', 'Park/光谷软件园')),
        ('青山区的钢都产业园新增企业20家。', [('青山区', 'District'), ('钢都产业园', 'Park')], ('Park/钢都产业园', 'locatedIn', 'District/青山区')),
        ('江城芯片项目选址于青山区钢都片区。', [('江城芯片项目', 'Project'), ('青山区', 'District'), ('钢都片区', 'Area')], ('Project/江城芯片项目', 'locatedIn', 'Area/钢都片区')),
        ('江城光学研究院依托江汉大学建设。', [('江城光学研究院', 'ResearchInstitute'), ('江汉大学', 'University')], ('ResearchInstitute/江城光学研究院', 'affiliatedWith', 'University/江汉大学')),
        ('江城医院附属于江汉大学。', [('江城医院', 'Hospital'), ('江汉大学', 'University')], ('Hospital/江城医院', 'affiliatedWith', 'University/江汉大学')),
        ('青山区政府印发《青山区人才十条》。', [('青山区政府', 'GovernmentBody'), ('青山区人才十条', 'Program')], ('Program/青山区人才十条', 'issuedBy', 'GovernmentBody/青山区政府')),
        ('《青山区人才十条》由青山区政府出台。', [('青山区人才十条', 'Program'), ('青山区政府', 'GovernmentBody')], ('Program/青山区人才十条', 'issuedBy', 'GovernmentBody/青山区政府')),
        ('江城集团党委书记、董事长王强出席。', [('江城集团', 'Company'), ('王强', 'Person')], ('Person/王强', 'worksFor', 'Company/江城集团')),
        ('江城集团董事长王强出席。', [('江城集团', 'Company'), ('王强', 'Person')], ('Person/王强', 'worksFor', 'Company/江城集团')),
        ('中国工程院院士、江汉大学教授王强出席。', [('中国工程院', 'ResearchInstitute'), ('江汉大学', 'University'), ('王强', 'Person')], ('Person/王强', 'worksFor', 'University/江汉大学')),
        ('王强，江城集团董事长，表示很看好。', [('王强', 'Person'), ('江城集团', 'Company')], ('Person/王强', 'worksFor', 'Company/江城集团')),
        ('青山产业基金总规模20亿元，首期规模5亿元。', [('青山产业基金', 'Fund')], ('Fund/青山产业基金', 'fundSize', Decimal("2000000000"))),
        ('江城芯片项目计划投资30亿元。', [('江城芯片项目', 'Project')], ('Project/江城芯片项目', 'investmentAmount', Decimal("3000000000"))),
        ('《青山区人才十条》提出，对顶尖人才给予最高500万元资助。', [('青山区人才十条', 'Program')], ('Program/青山区人才十条', 'supportAmount', Decimal("5000000"))),
        ('6月18日，青山产业园正式开园。', [('青山产业园', 'Park')], ('Park/青山产业园', 'foundingDate', '2025-06-18')),
        ('6月18日，江城光学研究院揭牌成立。', [('江城光学研究院', 'ResearchInstitute')], ('ResearchInstitute/江城光学研究院', 'foundingDate', '2025-06-18')),
        ('6月18日，大会举行。当天，江城光学研究院揭牌。', [('江城光学研究院', 'ResearchInstitute')], ('ResearchInstitute/江城光学研究院', 'foundingDate', '2025-06-18')),
        ('A项目和B项目总投资分别为3亿元和5亿元。', [('A项目', 'Project'), ('B项目', 'Project')], ('Project/B项目', 'investmentAmount', Decimal("500000000"))),
        ('星火科技、云帆科技和江城光电分别落户青山区。', [('星火科技', 'Company'), ('云帆科技', 'Company'), ('江城光电', 'Company'), ('青山区', 'District')], ('Company/江城光电', 'locatedIn', 'District/青山区')),
        ('江城光学研究院于2019年正式成立。', [('江城光学研究院', 'ResearchInstitute')], ('ResearchInstitute/江城光学研究院', 'foundingDate', '2019')),
        ('云帆科技获得光谷天使基金投资。', [('云帆科技', 'Company'), ('光谷天使基金', 'Fund')], ('Fund/光谷天使基金', 'investsIn', 'Company/云帆科技')),
        ('青山产业基金的管理人是江城基金管理有限公司。', [('青山产业基金', 'Fund'), ('江城基金管理有限公司', 'Company')], ('Fund/青山产业基金', 'operatedBy', 'Company/江城基金管理有限公司')),
        ('江城光学研究院由江汉大学和青山区政府共建。', [('江城光学研究院', 'ResearchInstitute'), ('江汉大学', 'University'), ('青山区政府', 'GovernmentBody')], ('ResearchInstitute/江城光学研究院', 'establishedBy', 'GovernmentBody/青山区政府')),
    ],
)  # fmt: skip
def test_relations_common_news_forms(text: str, specs: list[Spec], expected: tuple) -> None:
    """One sentence per common way Chinese news states each property (names invented)."""
    assert expected in _triples(text, specs, published="2025-06-20")


def test_former_and_latter_take_list_members() -> None:
    text = "母基金将出资青山芯片基金和江夏光电基金，前者规模8亿元，后者规模3亿元。"
    specs: list[Spec] = [("青山芯片基金", "Fund"), ("江夏光电基金", "Fund")]
    got = _triples(text, specs)
    assert ("Fund/青山芯片基金", "fundSize", Decimal("800000000")) in got
    assert ("Fund/江夏光电基金", "fundSize", Decimal("300000000")) in got
    assert ("Fund/江夏光电基金", "fundSize", Decimal("800000000")) not in got


def test_an_amount_already_stated_for_the_nearest_project_is_not_reused() -> None:
    text = "其中，江城智算中心项目总投资45亿元，星火软件有限公司的研发总部项目总投资8亿元。"
    specs: list[Spec] = [("江城智算中心项目", "Project"), ("星火软件有限公司", "Company")]
    got = _triples(text, specs)
    assert ("Project/江城智算中心项目", "investmentAmount", Decimal("4500000000")) in got
    assert ("Project/江城智算中心项目", "investmentAmount", Decimal("800000000")) not in got


@pytest.mark.parametrize(
    ("text", "specs", "unwanted"),
    [
        (
            "青山基金揭牌。江城集团出资1亿元，与星火科技共同设立了江城创投基金。",
            [("青山基金", "Fund"), ("江城集团", "Company"), ("星火科技", "Company"),
             ("江城创投基金", "Fund")],
            ("Company/江城集团", "investsIn", "Fund/青山基金"),
        ),
        (
            "青山产业园开园。市领导调研了江城集团、星火科技等企业入驻情况。",
            [("青山产业园", "Park"), ("江城集团", "Company"), ("星火科技", "Company")],
            ("Company/江城集团", "locatedIn", "Park/青山产业园"),
        ),
    ],
)  # fmt: skip
def test_implicit_objects_need_a_closed_clause(text: str, specs: list[Spec], unwanted: tuple) -> None:
    assert unwanted not in _triples(text, specs)


def test_founder_who_contributes_then_founds_with_a_partner() -> None:
    text = "江城集团出资1亿元，与星火科技共同设立了江城创投基金。"
    specs: list[Spec] = [("江城集团", "Company"), ("星火科技", "Company"), ("江城创投基金", "Fund")]
    got = _triples(text, specs)
    assert ("Fund/江城创投基金", "establishedBy", "Company/江城集团") in got
    assert ("Fund/江城创投基金", "establishedBy", "Company/星火科技") in got


def test_both_parties_skip_a_place_before_the_object() -> None:
    text = "江汉大学与星火储能有限公司签约，双方将在青山新城共建储能联合研究中心。"
    specs: list[Spec] = [
        ("江汉大学", "University"), ("星火储能有限公司", "Company"), ("青山新城", "Project"),
        ("储能联合研究中心", "ResearchInstitute"),
    ]  # fmt: skip
    got = _triples(text, specs)
    assert ("ResearchInstitute/储能联合研究中心", "establishedBy", "University/江汉大学") in got
    assert not any(s == "Project/青山新城" and p == "establishedBy" for s, p, _ in got)


@pytest.mark.parametrize(
    ("text", "specs", "expected"),
    [
        ('青山区设立50亿元的青山产业基金。', [('青山产业基金', 'Fund')], ('Fund/青山产业基金', 'fundSize', Decimal("5000000000"))),
        ('青山产业基金总规模达50亿元。', [('青山产业基金', 'Fund')], ('Fund/青山产业基金', 'fundSize', Decimal("5000000000"))),
        ('规模为10亿元的青山产业基金正式成立。', [('青山产业基金', 'Fund')], ('Fund/青山产业基金', 'fundSize', Decimal("1000000000"))),
        ('青山产业基金目标规模100亿元，首期20亿元。', [('青山产业基金', 'Fund')], ('Fund/青山产业基金', 'fundSize', Decimal("10000000000"))),
        ('江城芯片项目总投资额约120亿元。', [('江城芯片项目', 'Project')], ('Project/江城芯片项目', 'investmentAmount', Decimal("12000000000"))),
        ('总投资30亿元的江城芯片项目开工。', [('江城芯片项目', 'Project')], ('Project/江城芯片项目', 'investmentAmount', Decimal("3000000000"))),
        ('江城芯片项目投资约30亿元，建成后年产值50亿元。', [('江城芯片项目', 'Project')], ('Project/江城芯片项目', 'investmentAmount', Decimal("3000000000"))),
        ('《青山人才十条》明确，对顶尖团队最高奖励1000万元。', [('青山人才十条', 'Program')], ('Program/青山人才十条', 'supportAmount', Decimal("10000000"))),
        ('《青山人才十条》规定，对新落户企业一次性补贴50万元。', [('青山人才十条', 'Program')], ('Program/青山人才十条', 'supportAmount', Decimal("500000"))),
        ('根据《青山人才十条》，企业可获得最高300万元资助。', [('青山人才十条', 'Program')], ('Program/青山人才十条', 'supportAmount', Decimal("3000000"))),
        ('3月18日上午，青山光学实验室揭牌。', [('青山光学实验室', 'Lab')], ('Lab/青山光学实验室', 'foundingDate', '2025-03-18')),
        ('青山光学实验室2021年成立，现有员工300人。', [('青山光学实验室', 'Lab')], ('Lab/青山光学实验室', 'foundingDate', '2021')),
        ('去年5月，青山产业园开园。', [('青山产业园', 'Park')], ('Park/青山产业园', 'foundingDate', '2024-05')),
        ('成立于2015年的星火科技是一家芯片企业。', [('星火科技', 'Company')], ('Company/星火科技', 'foundingDate', '2015')),
        ('星火科技创立于2015年。', [('星火科技', 'Company')], ('Company/星火科技', 'foundingDate', '2015')),
        ('6月10日，青山产业园举行开园仪式。', [('青山产业园', 'Park')], ('Park/青山产业园', 'foundingDate', '2025-06-10')),
    ],
)  # fmt: skip
def test_amounts_and_dates_common_news_forms(text: str, specs: list[Spec], expected: tuple) -> None:
    """Fund sizes, investments, support amounts and founding dates as news writes them."""
    assert expected in _triples(text, specs, published="2025-06-20")


@pytest.mark.parametrize(
    ("text", "specs", "expected"),
    [
        ('王强（江城集团董事长）表示看好。', [('王强', 'Person'), ('江城集团', 'Company')], ('Person/王强', 'worksFor', 'Company/江城集团')),
        ('江城集团全资控股的星火科技发展迅速。', [('江城集团', 'Company'), ('星火科技', 'Company')], ('Company/星火科技', 'subsidiaryOf', 'Company/江城集团')),
        ('星火科技为江城集团下属企业。', [('星火科技', 'Company'), ('江城集团', 'Company')], ('Company/星火科技', 'subsidiaryOf', 'Company/江城集团')),
        ('江城城投负责青山产业园的运营。', [('江城城投', 'Company'), ('青山产业园', 'Park')], ('Park/青山产业园', 'operatedBy', 'Company/江城城投')),
        ('江城创投受托管理青山天使基金。', [('江城创投', 'Company'), ('青山天使基金', 'Fund')], ('Fund/青山天使基金', 'operatedBy', 'Company/江城创投')),
        ('青山区科技局联合青山区财政局印发《青山区科创券办法》。', [('青山区科技局', 'GovernmentBody'), ('青山区财政局', 'GovernmentBody'), ('青山区科创券办法', 'Program')], ('Program/青山区科创券办法', 'issuedBy', 'GovernmentBody/青山区科技局')),
        ('青山区科技局联合青山区财政局印发《青山区科创券办法》。', [('青山区科技局', 'GovernmentBody'), ('青山区财政局', 'GovernmentBody'), ('青山区科创券办法', 'Program')], ('Program/青山区科创券办法', 'issuedBy', 'GovernmentBody/青山区财政局')),
    ],
)  # fmt: skip
def test_relations_more_operator_owner_and_issuer_forms(
    text: str, specs: list[Spec], expected: tuple
) -> None:
    assert expected in _triples(text, specs)


def test_a_whole_invented_article_gives_exactly_its_statements() -> None:
    """Precision and recall together on one article written here (names invented)."""
    text = (
        "6月18日，青山氢能产业园在青山区钢都片区开园。园区由江城城投集团有限公司（以下简称“江城投”）"
        "负责开发建设和运营管理，首批12家企业签约入驻。\n"
        "同日，青山氢能产业基金揭牌。该基金总规模20亿元，由江城投与星火能源股份有限公司共同发起设立，"
        "基金管理人为江城私募基金管理有限公司。江城私募基金管理有限公司系江城投全资子公司。\n"
        "星火能源股份有限公司董事长王强表示，公司总部位于东湖高新区，将在园区建设燃料电池电堆项目，计划投资15亿元。"
        "江汉大学与星火能源股份有限公司签署战略合作协议，双方将共建氢能联合实验室。\n"
        "青山区科技局近日印发《青山区氢能产业十条》，对新落户企业给予最高500万元奖励。"
    )
    specs: list[Spec] = [
        ("青山氢能产业园", "Park"), ("青山区", "District"), ("钢都片区", "Area"),
        ("江城城投集团有限公司", "Company"), ("江城投", "Company", "江城城投集团有限公司"),
        ("青山氢能产业基金", "Fund"), ("该基金", "Fund", "青山氢能产业基金"),
        ("江城投", "Company", "江城城投集团有限公司"), ("星火能源股份有限公司", "Company"),
        ("江城私募基金管理有限公司", "Company"), ("江城私募基金管理有限公司", "Company"),
        ("江城投", "Company", "江城城投集团有限公司"), ("星火能源股份有限公司", "Company"),
        ("王强", "Person"), ("东湖高新区", "District"), ("燃料电池电堆项目", "Project"),
        ("江汉大学", "University"), ("星火能源股份有限公司", "Company"), ("氢能联合实验室", "Lab"),
        ("青山区科技局", "GovernmentBody"), ("青山区氢能产业十条", "Program"),
    ]  # fmt: skip
    park, fund, group = "Park/青山氢能产业园", "Fund/青山氢能产业基金", "Company/江城城投集团有限公司"
    xh, sm = "Company/星火能源股份有限公司", "Company/江城私募基金管理有限公司"
    lab, plan = "Lab/氢能联合实验室", "Program/青山区氢能产业十条"
    assert _triples(text, specs, published="2025-06-19") == {
        (park, "foundingDate", "2025-06-18"),
        (park, "locatedIn", "Area/钢都片区"),
        ("Area/钢都片区", "partOf", "District/青山区"),
        (park, "operatedBy", group),
        (fund, "foundingDate", "2025-06-18"),
        (fund, "fundSize", Decimal("2000000000")),
        (fund, "establishedBy", group),
        (fund, "establishedBy", xh),
        (fund, "operatedBy", sm),
        (sm, "subsidiaryOf", group),
        ("Person/王强", "worksFor", xh),
        (xh, "locatedIn", "District/东湖高新区"),
        ("Project/燃料电池电堆项目", "investmentAmount", Decimal("1500000000")),
        ("University/江汉大学", "partnerOf", xh),
        (lab, "establishedBy", "University/江汉大学"),
        (lab, "establishedBy", xh),
        (plan, "issuedBy", "GovernmentBody/青山区科技局"),
        (plan, "supportAmount", Decimal("5000000")),
    }


@pytest.mark.parametrize(
    ("text", "specs", "expected"),
    [
        ('江城光电产业园，位于青山区，占地500亩。', [('江城光电产业园', 'Park'), ('青山区', 'District')], ('Park/江城光电产业园', 'locatedIn', 'District/青山区')),
        ('江城光电坐落在青山区。', [('江城光电', 'Company'), ('青山区', 'District')], ('Company/江城光电', 'locatedIn', 'District/青山区')),
        ('江城光电产业园地处青山区钢都片区。', [('江城光电产业园', 'Park'), ('青山区', 'District'), ('钢都片区', 'Area')], ('Park/江城光电产业园', 'locatedIn', 'Area/钢都片区')),
        ('星火科技将区域总部落户青山区。', [('星火科技', 'Company'), ('青山区', 'District')], ('Company/星火科技', 'locatedIn', 'District/青山区')),
        ('星火科技把第二总部设在青山区。', [('星火科技', 'Company'), ('青山区', 'District')], ('Company/星火科技', 'locatedIn', 'District/青山区')),
        ('江城芯片项目落地青山区。', [('江城芯片项目', 'Project'), ('青山区', 'District')], ('Project/江城芯片项目', 'locatedIn', 'District/青山区')),
        ('江城芯片项目在青山区开工建设。', [('江城芯片项目', 'Project'), ('青山区', 'District')], ('Project/江城芯片项目', 'locatedIn', 'District/青山区')),
        ('2025光谷创新大会在东湖高新区召开。', [('2025光谷创新大会', 'Event'), ('东湖高新区', 'District')], ('Event/2025光谷创新大会', 'locatedIn', 'District/东湖高新区')),
        ('星火科技已进驻光谷软件园。', [('星火科技', 'Company'), ('光谷软件园', 'Park')], ('Company/星火科技', 'locatedIn', 'Park/光谷软件园')),
        ('位于青山区的星火科技发展迅速。', [('青山区', 'District'), ('星火科技', 'Company')], ('Company/星火科技', 'locatedIn', 'District/青山区')),
        ('江城光学实验室选址青山区。', [('江城光学实验室', 'Lab'), ('青山区', 'District')], ('Lab/江城光学实验室', 'locatedIn', 'District/青山区')),
        ('星火科技注册地址为青山区。', [('星火科技', 'Company'), ('青山区', 'District')], ('Company/星火科技', 'locatedIn', 'District/青山区')),
    ],
)  # fmt: skip
def test_relations_located_in_common_forms(text: str, specs: list[Spec], expected: tuple) -> None:
    assert expected in _triples(text, specs)


@pytest.mark.parametrize(
    ("text", "specs", "expected"),
    [
        ('江汉大学、星火科技等20家单位共同发起成立江城氢能产业联盟。', [('江汉大学', 'University'), ('星火科技', 'Company'), ('江城氢能产业联盟', 'Association')], ('Association/江城氢能产业联盟', 'establishedBy', 'University/江汉大学')),
        ('江汉大学、星火科技等20家单位共同发起成立江城氢能产业联盟。', [('江汉大学', 'University'), ('星火科技', 'Company'), ('江城氢能产业联盟', 'Association')], ('Association/江城氢能产业联盟', 'establishedBy', 'Company/星火科技')),
        ('江城氢能产业联盟由江汉大学发起成立。', [('江城氢能产业联盟', 'Association'), ('江汉大学', 'University')], ('Association/江城氢能产业联盟', 'establishedBy', 'University/江汉大学')),
        ('武汉市人民政府办公厅日前印发了《武汉市氢能产业行动方案》。', [('武汉市人民政府办公厅', 'GovernmentBody'), ('武汉市氢能产业行动方案', 'Program')], ('Program/武汉市氢能产业行动方案', 'issuedBy', 'GovernmentBody/武汉市人民政府办公厅')),
        ('近日，青山区出台《青山区人才十条》。', [('青山区', 'District'), ('青山区人才十条', 'Program')], ('Program/青山区人才十条', 'issuedBy', 'District/青山区')),
        ('《青山区人才十条》近日由青山区人民政府发布。', [('青山区人才十条', 'Program'), ('青山区人民政府', 'GovernmentBody')], ('Program/青山区人才十条', 'issuedBy', 'GovernmentBody/青山区人民政府')),
        ('星火科技与江汉大学开展产学研合作。', [('星火科技', 'Company'), ('江汉大学', 'University')], ('Company/星火科技', 'partnerOf', 'University/江汉大学')),
        ('星火科技与江汉大学达成战略合作。', [('星火科技', 'Company'), ('江汉大学', 'University')], ('Company/星火科技', 'partnerOf', 'University/江汉大学')),
        ('星火科技和江汉大学签订合作协议。', [('星火科技', 'Company'), ('江汉大学', 'University')], ('Company/星火科技', 'partnerOf', 'University/江汉大学')),
        ('青山区委书记王强调研星火科技。', [('青山区委', 'GovernmentBody'), ('王强', 'Person'), ('星火科技', 'Company')], ('Person/王强', 'worksFor', 'GovernmentBody/青山区委')),
        ('星火科技副总经理兼首席技术官王强介绍。', [('星火科技', 'Company'), ('王强', 'Person')], ('Person/王强', 'worksFor', 'Company/星火科技')),
        ('据星火科技相关负责人王强介绍，产品已量产。', [('星火科技', 'Company'), ('王强', 'Person')], ('Person/王强', 'worksFor', 'Company/星火科技')),
        ('江城研究院是江汉大学的直属单位。', [('江城研究院', 'ResearchInstitute'), ('江汉大学', 'University')], ('ResearchInstitute/江城研究院', 'affiliatedWith', 'University/江汉大学')),
    ],
)  # fmt: skip
def test_relations_founders_issuers_partners_titles(
    text: str, specs: list[Spec], expected: tuple
) -> None:
    assert expected in _triples(text, specs)


# ---------------------------------------------------------------- structure: parentheses, lists, topics


def test_places_in_parentheses_locate_the_name_before_them() -> None:
    text = "3.江城光芯有限公司（洪山区·南湖创意园）入选。"
    got = _triples(
        text,
        [("江城光芯有限公司", "Company"), ("洪山区", "District"), ("南湖创意园", "Park")],
    )
    assert ("Company/江城光芯有限公司", "locatedIn", "District/洪山区") in got
    assert ("Company/江城光芯有限公司", "locatedIn", "Park/南湖创意园") in got


def test_contained_place_in_parentheses_is_part_of_the_place() -> None:
    text = "企业注册在蔡甸区（含中法生态城）的，给予奖励。"
    got = _triples(text, [("蔡甸区", "District"), ("中法生态城", "Area")])
    assert ("Area/中法生态城", "partOf", "District/蔡甸区") in got


def test_parenthesis_with_a_non_place_is_not_a_location() -> None:
    text = "江城光芯有限公司（南湖实验室孵化）成立于2020年。"
    got = _triples(text, [("江城光芯有限公司", "Company"), ("南湖实验室", "Lab")])
    assert not {t for t in got if t[1] == "locatedIn"}


def test_list_item_name_is_the_subject_of_its_next_line() -> None:
    text = "名单如下：\n1.江城光芯有限公司（洪山区·南湖创意园）\n成立于2020年，为楚光集团有限公司控股子公司，主营光芯片。\n"
    got = _triples(
        text,
        [("江城光芯有限公司", "Company"), ("洪山区", "District"), ("南湖创意园", "Park"),
         ("楚光集团有限公司", "Company")],
    )  # fmt: skip
    assert ("Company/江城光芯有限公司", "foundingDate", "2020") in got
    assert ("Company/江城光芯有限公司", "subsidiaryOf", "Company/楚光集团有限公司") in got
    assert not {t for t in got if t[0].startswith("Park/")}


def test_a_plain_line_after_a_list_item_has_no_zero_subject() -> None:
    text = "1.江城光芯有限公司\n据统计，楚光集团有限公司旗下另有三家企业。\n"
    got = _triples(text, [("江城光芯有限公司", "Company"), ("楚光集团有限公司", "Company")])
    assert not got


def test_topic_stays_the_subject_across_commas() -> None:
    text = "据介绍，江城光芯成立于2016年，总部位于洪山区，是楚光集团的全资子公司。"
    got = _triples(
        text, [("江城光芯", "Company"), ("洪山区", "District"), ("楚光集团", "Company")]
    )
    assert ("Company/江城光芯", "subsidiaryOf", "Company/楚光集团") in got
    assert ("Company/江城光芯", "locatedIn", "District/洪山区") in got


def test_carry_stops_at_another_organization() -> None:
    text = "江城光芯成立于2016年，南湖资本投资后，是楚光集团的全资子公司。"
    got = _triples(
        text, [("江城光芯", "Company"), ("南湖资本", "Company"), ("楚光集团", "Company")]
    )
    assert ("Company/江城光芯", "subsidiaryOf", "Company/楚光集团") not in got


def test_carry_needs_a_predicate_before_the_object() -> None:
    text = "洪山区今年经济增长较快，南湖实验室已投入运行。"
    got = _triples(text, [("洪山区", "District"), ("南湖实验室", "Lab")])
    assert not got


# ---------------------------------------------------------------- role nouns and verb frames


def test_host_and_co_builders_of_a_lab() -> None:
    text = "据介绍，南湖实验室经湖北省人民政府批准组建，依托单位为江城大学，共建单位包括楚天研究所、光谷集团。"
    got = _triples(
        text,
        [("南湖实验室", "Lab"), ("湖北省人民政府", "GovernmentBody"), ("江城大学", "University"),
         ("楚天研究所", "ResearchInstitute"), ("光谷集团", "Company")],
    )  # fmt: skip
    assert ("Lab/南湖实验室", "affiliatedWith", "University/江城大学") in got
    assert ("Lab/南湖实验室", "partnerOf", "ResearchInstitute/楚天研究所") in got
    assert ("Lab/南湖实验室", "partnerOf", "Company/光谷集团") in got
    assert not {t for t in got if "GovernmentBody/湖北省人民政府" in t}


def test_object_of_relying_is_not_the_founded_thing() -> None:
    text = "该研究院依托南湖实验室组建，由洪山区人民政府与江城大学共建。"
    got = _triples(
        "武汉光能研究院开工。" + text,
        [("武汉光能研究院", "ResearchInstitute"), ("南湖实验室", "Lab"),
         ("洪山区人民政府", "GovernmentBody"), ("江城大学", "University")],
    )  # fmt: skip
    assert ("ResearchInstitute/武汉光能研究院", "establishedBy", "GovernmentBody/洪山区人民政府") in got
    assert ("ResearchInstitute/武汉光能研究院", "establishedBy", "University/江城大学") in got
    assert not {t for t in got if t[0] == "Lab/南湖实验室" and t[1] == "establishedBy"}


def test_subsidiary_set_up_somewhere() -> None:
    text = "楚光科技在苏州设有全资子公司苏州楚光电子有限公司，负责生产。"
    got = _triples(
        text,
        [("楚光科技", "Company"), ("苏州", "City"), ("苏州楚光电子有限公司", "Company")],
    )
    assert ("Company/苏州楚光电子有限公司", "subsidiaryOf", "Company/楚光科技") in got
    assert ("Company/苏州楚光电子有限公司", "locatedIn", "City/苏州") in got


@pytest.mark.parametrize(
    ("text", "specs", "expected"),
    [
        (
            "江城智驾是东岳汽车集团战略投资企业。",
            [("江城智驾", "Company"), ("东岳汽车集团", "Company")],
            ("Company/东岳汽车集团", "investsIn", "Company/江城智驾"),
        ),
        (
            "江城卫星2025年获得楚天高投战略投资。",
            [("江城卫星", "Company"), ("楚天高投", "Company")],
            ("Company/楚天高投", "investsIn", "Company/江城卫星"),
        ),
        (
            "江城软件完成3000万元天使轮融资，投资方为楚天创投有限公司。",
            [("江城软件", "Company"), ("楚天创投有限公司", "Company")],
            ("Company/楚天创投有限公司", "investsIn", "Company/江城软件"),
        ),
        (
            "联合研究院下设影像联合实验室和手术联合实验室。",
            [("联合研究院", "ResearchInstitute"), ("影像联合实验室", "Lab"), ("手术联合实验室", "Lab")],
            ("Lab/手术联合实验室", "affiliatedWith", "ResearchInstitute/联合研究院"),
        ),
        (
            "湖北省于2024年出台《湖北实验室提升方案》。",
            [("湖北省", "Province"), ("湖北实验室提升方案", "Program")],
            ("Program/湖北实验室提升方案", "issuedBy", "Province/湖北省"),
        ),
        (
            "省卫健委今年印发的《智慧医疗示范方案》首批项目公布。",
            [("省卫健委", "GovernmentBody"), ("智慧医疗示范方案", "Program")],
            ("Program/智慧医疗示范方案", "issuedBy", "GovernmentBody/省卫健委"),
        ),
        (
            "江城智能车载实验室5日在洪山区揭牌成立。",
            [("江城智能车载实验室", "Lab"), ("洪山区", "District")],
            ("Lab/江城智能车载实验室", "locatedIn", "District/洪山区"),
        ),
        (
            "江城船舶科技有限公司成立于2019年，依托江城大学智能航运团队，主营船舶感知。",
            [("江城船舶科技有限公司", "Company"), ("江城大学", "University")],
            ("Company/江城船舶科技有限公司", "affiliatedWith", "University/江城大学"),
        ),
    ],
)
def test_verb_frames_and_role_nouns(text: str, specs: list[Spec], expected: tuple) -> None:
    assert expected in _triples(text, specs)


def test_a_company_relying_on_a_university_without_a_team_is_not_affiliated() -> None:
    text = "江城船舶科技有限公司依托江城大学的科研资源开展研发。"
    got = _triples(text, [("江城船舶科技有限公司", "Company"), ("江城大学", "University")])
    assert not {t for t in got if t[1] == "affiliatedWith"}


# ---------------------------------------------------------------- documents, dates, amounts


def test_amounts_in_numbered_articles_go_to_the_title_program() -> None:
    text = (
        "洪山区关于印发《洪山区光电产业十条》的通知\n各部门：\n现印发给你们。\n"
        "洪山区光电产业十条\n第一条适用范围。本措施适用于区内企业。\n"
        "第二条支持落户。对新落户项目，单个项目最高给予800万元。\n"
    )
    got = _triples(
        text,
        [("洪山区", "District"), ("洪山区光电产业十条", "Program"),
         ("洪山区光电产业十条", "Program")],
    )  # fmt: skip
    assert ("Program/洪山区光电产业十条", "supportAmount", Decimal("8000000")) in got


def test_a_place_glued_before_the_title_line_still_names_the_document() -> None:
    text = "江夏区\n光电产业十条\n第二条支持落户。单个项目最高给予800万元。\n"
    got = _triples(text, [("光电产业十条", "Program", "江夏区光电产业十条")])
    assert ("Program/江夏区光电产业十条", "supportAmount", Decimal("8000000")) in got


def test_amounts_outside_numbered_articles_do_not_go_to_a_title() -> None:
    text = "光电产业十条\n区内企业较多。\n去年全区企业营收增长。另有项目最高给予800万元。\n"
    got = _triples(text, [("光电产业十条", "Program")])
    assert not got


def test_a_founding_month_beats_the_year_alone() -> None:
    text = "2018年3月，陈晓和李可创办了楚光科技。成立于2018年的楚光科技，总部位于洪山区。"
    got = _triples(
        text,
        [("陈晓", "Person"), ("李可", "Person"), ("楚光科技", "Company"),
         ("楚光科技", "Company"), ("洪山区", "District")],
    )  # fmt: skip
    dates = {t[2] for t in got if t[1] == "foundingDate"}
    assert dates == {"2018-03"}


def test_an_amount_before_a_named_fund_is_not_also_the_earlier_funds() -> None:
    text = "江城母基金已与洪山区签约，出资设立规模20亿元的光谷子基金。"
    got = _triples(
        text, [("江城母基金", "Fund"), ("洪山区", "District"), ("光谷子基金", "Fund")]
    )
    sizes = {(t[0], t[2]) for t in got if t[1] == "fundSize"}
    assert sizes == {("Fund/光谷子基金", Decimal("2000000000"))}


def test_founded_on_a_day_at_a_place() -> None:
    text = "新华社武汉11月6日电 南湖智能感知实验室5日在洪山区揭牌成立。"
    got = _triples(
        text, [("南湖智能感知实验室", "Lab"), ("洪山区", "District")], published="2025-11-06"
    )
    assert ("Lab/南湖智能感知实验室", "foundingDate", "2025-11-05") in got


def test_the_company_at_a_line_start_sets_up_a_subsidiary() -> None:
    text = "楚光科技完成融资。\n公司在深圳设有全资子公司深圳楚光电子有限公司。"
    got = _triples(
        text,
        [("楚光科技", "Company"), ("深圳", "City"), ("深圳楚光电子有限公司", "Company")],
    )
    assert ("Company/深圳楚光电子有限公司", "subsidiaryOf", "Company/楚光科技") in got


def test_a_university_hospital_named_after_the_university_is_affiliated() -> None:
    text = "江城大学与楚光科技合作，依托江城大学东湖医院开展临床试验。"
    got = _triples(
        text,
        [("江城大学", "University"), ("楚光科技", "Company"), ("江城大学东湖医院", "Hospital")],
    )
    assert ("Hospital/江城大学东湖医院", "affiliatedWith", "University/江城大学") in got


def test_a_hospital_without_its_university_mentioned_is_not_affiliated() -> None:
    text = "依托江城大学东湖医院开展临床试验。"
    got = _triples(text, [("江城大学东湖医院", "Hospital")])
    assert not got


def test_this_round_names_the_investors_of_the_last_financing() -> None:
    text = "1月14日，江城灵犀科技有限公司宣布完成2.5亿元A轮融资。本轮由楚天产业基金领投，光谷资本、东湖创投跟投。"
    got = _triples(
        text,
        [("江城灵犀科技有限公司", "Company"), ("楚天产业基金", "Fund"), ("光谷资本", "Company"),
         ("东湖创投", "Company")],
    )  # fmt: skip
    for investor in ("Fund/楚天产业基金", "Company/光谷资本", "Company/东湖创投"):
        assert (investor, "investsIn", "Company/江城灵犀科技有限公司") in got


# ---------------------------------------------------------------- recall mechanisms


def test_an_event_held_in_a_place_named_before_it_is_located_there() -> None:
    text = "每年在江夏区举办江城光电产业对接大会，搭建合作平台。"
    got = _triples(text, [("江夏区", "District"), ("江城光电产业对接大会", "Event")])
    assert ("Event/江城光电产业对接大会", "locatedIn", "District/江夏区") in got


def test_a_subsidiary_set_up_in_a_province_and_city_is_located_in_the_city() -> None:
    text = "2023年，在浙江杭州设立全资子公司杭州楚芯电子有限公司，负责量产。"
    got = _triples(
        text,
        [("浙江", "Province"), ("杭州", "City"), ("杭州楚芯电子有限公司", "Company")],
    )
    assert ("Company/杭州楚芯电子有限公司", "locatedIn", "City/杭州") in got


def test_two_parties_signing_and_then_jointly_building_found_it() -> None:
    text = "同年，楚光科技与江城光电研究中心签署合作协议，共建智能雷达联合实验室。"
    got = _triples(
        text,
        [("楚光科技", "Company"), ("江城光电研究中心", "ResearchInstitute"),
         ("智能雷达联合实验室", "Lab")],
    )  # fmt: skip
    for founder in ("Company/楚光科技", "ResearchInstitute/江城光电研究中心"):
        assert ("Lab/智能雷达联合实验室", "establishedBy", founder) in got


def test_an_amount_between_the_investor_and_the_round_still_is_an_investment() -> None:
    text = "2020年，楚光科技获得江城天使基金300万元天使投资。"
    got = _triples(text, [("楚光科技", "Company"), ("江城天使基金", "Fund")])
    assert ("Fund/江城天使基金", "investsIn", "Company/楚光科技") in got


def test_a_name_opening_with_a_district_named_in_the_article_is_located_there() -> None:
    text = "江夏区今年新增企业两千家。江夏区楚光软件园引进企业50家。"
    got = _triples(text, [("江夏区", "District"), ("江夏区楚光软件园", "Park")])
    assert ("Park/江夏区楚光软件园", "locatedIn", "District/江夏区") in got


def test_an_office_named_after_its_district_is_not_located_by_its_name() -> None:
    text = "江夏区今年新增企业两千家。江夏区科技局发布通知。"
    got = _triples(text, [("江夏区", "District"), ("江夏区科技局", "GovernmentBody")])
    assert not any(p == "locatedIn" for _, p, _ in got)


def test_projects_signing_with_the_fund_just_named_are_its_investments() -> None:
    text = "江城光谷创新基金今日揭牌成立。揭牌现场，楚光科技激光雷达、江城生物疫苗等3个项目与科创基金签约。"
    got = _triples(
        text,
        [("江城光谷创新基金", "Fund"), ("楚光科技", "Company"), ("江城生物", "Company")],
    )
    for company in ("Company/楚光科技", "Company/江城生物"):
        assert ("Fund/江城光谷创新基金", "investsIn", company) in got


def test_an_old_shareholder_adding_to_the_round_invests_in_the_company() -> None:
    text = (
        "江城灵犀科技有限公司宣布完成3亿元B轮融资。"
        "本轮由楚天产业基金领投，光谷资本跟投，老股东东湖创投继续加码。"
    )
    got = _triples(
        text,
        [("江城灵犀科技有限公司", "Company"), ("楚天产业基金", "Fund"), ("光谷资本", "Company"),
         ("东湖创投", "Company")],
    )  # fmt: skip
    assert ("Company/东湖创投", "investsIn", "Company/江城灵犀科技有限公司") in got
    assert ("Company/东湖创投", "investsIn", "Company/光谷资本") not in got
