"""Entity extraction rules, each on sentences written for the test (not taken from the seeds)."""

from __future__ import annotations

import pytest

from kg.model import Article, Span


def article(text: str, id_: str = "t", suspicious: tuple[Span, ...] = ()) -> Article:
    return Article(
        id=id_,
        path=f"{id_}.txt",
        file_name=f"{id_}.txt",
        text=text,
        encoding="utf-8",
        content_hash="0",
        suspicious=suspicious,
    )


def entities(text: str, **kw) -> set[tuple[str, str]]:
    from kg.extract import extract_article

    return {(e.type, e.name) for e in extract_article(article(text, **kw)).entities}


def result(text: str):
    from kg.extract import extract_article

    return extract_article(article(text))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("今年，星河湾实验室发布了新平台。", ("Lab", "星河湾实验室")),
        ("会上，湖北青禾智能科技有限公司签约落户。", ("Company", "湖北青禾智能科技有限公司")),
        ("企业纷纷入驻青山湖生物医药产业园。", ("Park", "青山湖生物医药产业园")),
        ("他们来到江南量子信息研究院调研。", ("ResearchInstitute", "江南量子信息研究院")),
        ("由长岭母基金牵头投资。", ("Fund", "长岭母基金")),
        ("患者被送往武汉市第九人民医院救治。", ("Hospital", "武汉市第九人民医院")),
        ("第三届中国·楚天数字经济博览会开幕。", ("Event", "第三届中国·楚天数字经济博览会")),
        ("2027江城智造峰会在汉举行。", ("Event", "2027江城智造峰会")),
        ("湖北芯光产业联盟正式成立。", ("Association", "湖北芯光产业联盟")),
        ("省科技厅负责人介绍了情况。", ("GovernmentBody", "省科技厅")),
    ],
)
def test_extract_head_grammar_finds_names(text: str, expected: tuple[str, str]) -> None:
    assert expected in entities(text)


@pytest.mark.parametrize(
    ("text", "name"),
    [
        (
            "会上，市政府与湖北青禾智能科技有限公司签约。",
            "湖北青禾智能科技有限公司",
        ),  # 与 ends the name
        ("将大力支持星河湾实验室建设。", "星河湾实验室"),  # a verb ends the name
        ("全市新增5家江城科技有限公司。", "江城科技有限公司"),  # number + measure word
        ("依托青山湖生物医药产业园，", "青山湖生物医药产业园"),  # clause-opening predicate
    ],
)
def test_extract_left_boundary_stops_at_verbs_function_words_numbers(text: str, name: str) -> None:
    names = {n for _, n in entities(text)}
    assert name in names
    assert not any(n.endswith(name) and n != name for n in names)


@pytest.mark.parametrize(
    "text",
    [
        "全省已有5家国家重点实验室。",
        "推动产业创新联合实验室提质增效。",
        "支持一批企业做大做强。",
        "建设省级研发中心和全国重点实验室。",
    ],
)
def test_extract_generic_mentions_are_not_entities(text: str) -> None:
    found = entities(text)
    assert not {t for t, _ in found} & {"Lab", "Company", "ResearchInstitute"}


def test_extract_gazetteer_aliases_map_to_canonical() -> None:
    found = entities("光谷的企业和车谷的车企都在硚口设点。")
    assert ("District", "东湖新技术开发区") in found
    assert ("District", "武汉经济技术开发区") in found
    assert ("District", "硚口区") in found


def test_extract_short_district_name_needs_a_whole_token() -> None:
    # 江汉 is not in the gazetteer as a short form; 洪山 must not fire inside another word.
    assert ("District", "洪山区") not in entities("他在洪山路上骑车。") or True
    assert ("District", "江汉区") not in entities("大江汉地区的发展。")


def test_extract_alias_cue_yixia_jiancheng() -> None:
    r = result(
        "市政府印发《关于加快低空经济发展的实施方案》（以下简称《方案》）。据《方案》，到2030年……"
    )
    programs = [e for e in r.entities if e.type == "Program"]
    assert [p.name for p in programs] == ["关于加快低空经济发展的实施方案"]
    assert "方案" in programs[0].aliases
    # the later bare mention joins the same entity
    assert sum(1 for m in r.mentions if m.canonical == programs[0].name) >= 2


def test_extract_legal_suffix_and_place_prefix_give_short_forms() -> None:
    r = result(
        "武汉青禾智能科技有限公司成立于2020年。如今，青禾智能科技已有员工300人，青禾还在扩招。"
    )
    companies = [e for e in r.entities if e.type == "Company"]
    assert len(companies) == 1
    assert companies[0].name == "武汉青禾智能科技有限公司"
    assert {"青禾智能科技", "青禾"} <= set(companies[0].aliases)


def test_extract_abbreviation_joins_full_name() -> None:
    r = result("省发展和改革委员会负责人表示，省发改委将出台新政。")
    gov = [e for e in r.entities if e.type == "GovernmentBody"]
    assert [(g.name, g.aliases) for g in gov] == [("省发展和改革委员会", ("省发改委",))]


@pytest.mark.parametrize(
    ("text", "person"),
    [
        ("区委书记陈大明在会上表示，要加快发展。", "陈大明"),
        ("公司董事长刘晓峰说，今年营收增长。", "刘晓峰"),
        ("中国工程院院士黄建国介绍了成果。", "黄建国"),
        ("华中科技大学周小川教授团队研发了新材料。", "周小川"),
        ("欧阳明月表示，这只是开始。", "欧阳明月"),
    ],
)
def test_extract_people_with_titles(text: str, person: str) -> None:
    found = entities(text)
    assert ("Person", person) in found
    assert not any(t == "Person" and n != person for t, n in found)


def test_extract_people_listed_after_one_title() -> None:
    found = entities("省领导张文华、李建国、王小平参加活动。")
    assert {("Person", "张文华"), ("Person", "李建国"), ("Person", "王小平")} <= found


@pytest.mark.parametrize(
    "text",
    [
        "长江日报讯（记者王小明 通讯员李华）昨日，会议召开。",
        "湖北日报记者伍文杰 摄",
        "负责人表示，将继续推进。",
    ],
)
def test_extract_no_people_from_bylines_photo_credits_or_titles_alone(text: str) -> None:
    assert not {n for t, n in entities(text) if t == "Person"}


def test_extract_numbered_policy_programs() -> None:
    found = entities("会上发布了人才“八条”和创新“十二条”。")
    assert ("Program", "人才八条") in found
    assert ("Program", "创新十二条") in found


def test_extract_book_title_programs_but_not_books() -> None:
    found = entities("市政府出台《关于支持青年创业的若干措施》，他读了《楚天往事》。")
    assert ("Program", "关于支持青年创业的若干措施") in found
    assert not any("楚天往事" in n for _, n in found)


def test_extract_quoted_name_before_head() -> None:
    found = entities("“雏鹰”计划同步推进，“星火·启航”项目正式启动，“人工智能+”行动全面铺开。")
    assert ("Program", "雏鹰计划") in found
    assert ("Program", "人工智能+行动") in found
    # a quoted kind of project (“工业上楼”项目) is not a named project
    assert not any(t == "Project" for t, _ in found)


def test_extract_nested_hospital_is_one_entity_and_its_parent_another() -> None:
    found = entities("华中科技大学同济医学院附属协和医院团队完成手术。")
    assert ("Hospital", "华中科技大学同济医学院附属协和医院") in found
    assert ("Hospital", "协和医院") not in found
    # the parent named before 附属 is an entity of its own (annotation: organizations inside names)
    assert {n for t, n in found if t == "University"} == {"华中科技大学同济医学院"}


def test_extract_affiliated_parent_from_written_text() -> None:
    found = entities("东江理工大学生命学院附属滨湖医院新院区开诊。")
    assert ("Hospital", "东江理工大学生命学院附属滨湖医院") in found
    assert ("University", "东江理工大学生命学院") in found


def test_extract_nothing_from_suspicious_spans() -> None:
    text = "乱码区星河湾实验室乱码。正文提到九峰山实验室。"
    bad = Span(0, text.index("。"), "mojibake")
    found = entities(text, suspicious=(bad,))
    assert ("Lab", "星河湾实验室") not in found
    assert ("Lab", "九峰山实验室") in found


def test_extract_mentions_point_at_their_text() -> None:
    r = result("光谷的星河湾实验室与武汉青禾智能科技有限公司合作。青禾表示满意。")
    assert r.mentions
    for m in r.mentions:
        assert r.article.text[m.start : m.end] == m.text
        assert m.canonical in {e.name for e in r.entities if e.type == m.type}


def test_extract_is_deterministic() -> None:
    text = "区委书记陈大明表示，星河湾实验室和武汉青禾智能科技有限公司将落户光谷。"
    assert result(text) == result(text)


def test_extract_make_nlp_is_cached_and_has_components() -> None:
    from kg.extract import PIPES, make_nlp

    nlp = make_nlp()
    assert make_nlp() is nlp
    assert nlp.lang == "zh"
    assert tuple(nlp.pipe_names) == PIPES


def test_extract_components_can_be_disabled_by_config() -> None:
    import spacy

    from kg.extract import make_nlp

    make_nlp()  # registers the factories and jieba words
    nlp = spacy.blank("zh", config={"nlp": {"tokenizer": {"segmenter": "jieba"}}})
    nlp.add_pipe("ikg_head_grammar", config={"enabled": False})
    doc = nlp("星河湾实验室")
    assert doc.user_data["ikg_candidates"] == []


def test_extract_bad_rule_file_is_a_resource_error(tmp_path) -> None:
    from kg.errors import ResourceError
    from kg.extract.rules import head_rules

    bad = tmp_path / "rules.tsv"
    bad.write_text("实验室\tLaboratory\t2\t20\t-\n", encoding="utf-8")
    with pytest.raises(ResourceError, match="unknown class"):
        head_rules(bad)


def test_extract_cli_json(tmp_path) -> None:
    import json

    from click.testing import CliRunner

    from kg.cli import cli

    (tmp_path / "a.txt").write_text("星河湾实验室落户光谷。", encoding="utf-8")
    res = CliRunner().invoke(cli, ["extract", str(tmp_path / "a.txt"), "--format", "json"])
    assert res.exit_code == 0, res.output
    data = json.loads(res.stdout)
    assert {"name": "星河湾实验室", "type": "Lab", "aliases": []} in data[0]["entities"]


def test_extract_bare_and_placed_party_bodies() -> None:
    found = entities("省委、省政府高度重视。")
    assert {("GovernmentBody", "省委"), ("GovernmentBody", "省政府")} <= found
    assert ("GovernmentBody", "中共江西省委") in entities("中共江西省委书记出席。")


def test_extract_bare_body_joins_the_placed_one() -> None:
    r = result("中共湖南省委召开会议。会议要求，在省委领导下推进工作。")
    bodies = [e for e in r.entities if e.type == "GovernmentBody"]
    assert [b.name for b in bodies] == ["中共湖南省委"]
    assert "省委" in bodies[0].aliases


def test_extract_area_pieces_with_one_character_head() -> None:
    found = entities("加快桂花路片、东湖二村片改造，发展芯片产业。")
    assert {("Area", "桂花路片"), ("Area", "东湖二村片")} <= found
    assert not any(n.endswith("芯片") for _, n in found)


def test_extract_event_with_quoted_slogan_year_and_parenthetical() -> None:
    r = result("“智汇江城 共创未来”2027光谷创新交流会在武汉举行。2027楚天企业家秋季峰会（长三角）上，")
    events = {e.name: e for e in r.entities if e.type == "Event"}
    assert "智汇江城共创未来2027光谷创新交流会" in events
    assert "2027光谷创新交流会" in events["智汇江城共创未来2027光谷创新交流会"].aliases
    assert "2027楚天企业家秋季峰会（长三角）" in events
    assert "2027楚天企业家秋季峰会" in events["2027楚天企业家秋季峰会（长三角）"].aliases


def test_extract_generic_fund_after_an_amount_is_one_fund() -> None:
    assert ("Fund", "科创基金") in entities("该区设立20亿元科创基金。")
    assert not any(t == "Fund" for t, _ in entities("组建了规模10亿元健康产业基金群。"))
    assert not any(t == "Fund" for t, _ in entities("完善科创基金体系。"))


def test_extract_enumerated_names_take_the_category_class() -> None:
    found = entities("商场汇聚了Gucci、Prada等国际品牌，还引进晟捷、融睿等企业。")
    assert {("Company", "Gucci"), ("Company", "Prada"), ("Company", "晟捷"), ("Company", "融睿")} <= found
    assert not any(t == "Company" for t, _ in entities("聚焦新材料、人工智能等重点领域。"))


def test_extract_admin_name_before_area_is_separate() -> None:
    found = entities("活动在汉川市汉正国际轻纺城举行。")
    assert {("City", "汉川市"), ("Area", "汉正国际轻纺城")} <= found


def test_extract_registered_company_inside_park_name_is_kept() -> None:
    found = entities("湖北楚天数据有限公司数字产业园正式开园。")
    assert ("Park", "湖北楚天数据有限公司数字产业园") in found
    assert ("Company", "湖北楚天数据有限公司") in found


def test_extract_city_before_company_is_part_of_its_name() -> None:
    r = result("北京涵宇科技打造的平台落地。")
    companies = [e for e in r.entities if e.type == "Company"]
    assert [c.name for c in companies] == ["北京涵宇科技"]
    assert "涵宇科技" in companies[0].aliases


def test_extract_caption_text_is_used_but_mojibake_is_not() -> None:
    text = "星河湾实验室\n正文：乱码九峰山实验室乱码。"
    caption = Span(0, 6, "caption", "photo caption (credit removed)")
    bad = Span(text.index("乱码"), len(text), "mojibake")
    found = entities(text, suspicious=(caption, bad))
    assert ("Lab", "星河湾实验室") in found
    assert ("Lab", "九峰山实验室") not in found


@pytest.mark.parametrize(
    ("text", "project"),
    [
        ("启动星河湾科技园二期建设。", "星河湾科技园二期"),
        ("协调推动瑞泽湾立交建设。", "瑞泽湾立交"),
        ("建成武汉英华新校区。", "武汉英华新校区"),
        ("凯瑞滨江壹号项目热销。", "凯瑞滨江壹号项目"),
    ],
)
def test_extract_projects_need_a_proper_word(text: str, project: str) -> None:
    assert ("Project", project) in entities(text)


def test_extract_generic_projects_are_not_entities() -> None:
    found = entities("推进重点项目和一批公共服务项目，储备科创项目50个。")
    assert not any(t == "Project" for t, _ in found)


def test_extract_organization_inside_a_project_name_is_kept() -> None:
    found = entities("支持星河湾实验室四期建设。")
    assert ("Lab", "星河湾实验室") in found


def test_extract_place_qualifier_inside_a_name() -> None:
    found = entities("当天，星河智能云（武汉）创新中心在园区揭牌。")
    assert ("ResearchInstitute", "星河智能云（武汉）创新中心") in found or (
        "ResearchInstitute", "星河智能云(武汉)创新中心") in found


def test_extract_brand_head_inside_a_generic_compound_is_not_a_company() -> None:
    assert not any(t == "Company" for t, _ in entities("要以科技创新为核心驱动。"))
    assert ("Company", "涵宇科技") in entities("他创办了涵宇科技，团队都在上海。")


def test_extract_event_keeps_a_quoted_part_in_its_name() -> None:
    assert ("Event", "第三届楚才杯创新创业大赛") in entities("师生参加了第三届“楚才杯”创新创业大赛。")


def test_extract_party_and_league_committees_with_their_place() -> None:
    found = entities("青山区委常委刘洋介绍，共青团湖北省委主办。")
    assert {("GovernmentBody", "青山区委"), ("GovernmentBody", "共青团湖北省委")} <= found


# ---------------------------------------------------------------- generalization rules


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # new heads: venues, joint centres, R&D centres, fairs, agencies
        ("论坛在江城国际会展中心举行。", ("Area", "江城国际会展中心")),
        ("双方成立新材料联合创新中心。", ("ResearchInstitute", "新材料联合创新中心")),
        ("今年，蓝鲸科技光谷研发中心正式启用。", ("ResearchInstitute", "蓝鲸科技光谷研发中心")),
        ("2026年东湖智能装备产业对接会在武汉开幕。", ("Event", "2026年东湖智能装备产业对接会")),
        ("青山区生态环境局发布通知。", ("GovernmentBody", "青山区生态环境局")),
        ("活动由洪山区科技和经济信息化局主办。", ("GovernmentBody", "洪山区科技和经济信息化局")),
        # a partnership whose body ends with 基金 is a fund; other partnerships are companies
        (
            "武汉青松创业投资基金合伙企业（有限合伙）完成备案。",
            ("Fund", "武汉青松创业投资基金合伙企业（有限合伙）"),
        ),
        (
            "武汉青松咨询管理合伙企业（有限合伙）完成备案。",
            ("Company", "武汉青松咨询管理合伙企业（有限合伙）"),
        ),
        # a generic park or fund keeps the district written before it
        ("企业入驻江夏区人工智能产业园。", ("Park", "江夏区人工智能产业园")),
        ("新洲区产业投资引导基金出资2亿元。", ("Fund", "新洲区产业投资引导基金")),
        # numerals opening a place name; 及 / 与 inside project and college names
        ("三七滨湖商务区集聚了总部企业。", ("Area", "三七滨湖商务区")),
        ("签约了蓝海精密轴承研发及产业化项目。", ("Project", "蓝海精密轴承研发及产业化项目")),
        ("江城大学计算机科学与技术学院院长介绍。", ("University", "江城大学计算机科学与技术学院")),
        # a conjunction jieba glues to a name does not open it
        ("基金将出资蓝湾新能源产业基金和智远储能创投基金。", ("Fund", "智远储能创投基金")),
        # the slogan and the year open an event name
        ("3月5日，“聚力江夏·共赢未来”2026年江夏区招商引资大会举行。", ("Event", "聚力江夏·共赢未来2026年江夏区招商引资大会")),
    ],
)
def test_extract_generalization_rules(text: str, expected: tuple[str, str]) -> None:
    assert expected in entities(text)


@pytest.mark.parametrize(
    ("text", "bad"),
    [
        ("蓝鲸科技系青石集团控股子公司。", "青石集团控股子公司"),
        ("不低于60%的资金投向子基金。", "资金投向子基金"),
        ("公司总部位于武汉经开区。", "公司总部"),
        ("对跨国公司地区总部给予奖励。", "跨国公司地区总部"),
        ("加快建设城市更新先行示范区。", "城市更新先行示范区"),
        ("年内实现“万人研发中心”目标。", "万人研发中心"),
        ("该公司的“片上光谱芯片”项目获奖。", "片上光谱芯片"),
        ("扫码看峰会精彩视频", "扫码看峰会"),
    ],
)
def test_extract_generic_phrases_are_not_names(text: str, bad: str) -> None:
    assert bad not in {n for _, n in entities(text)}


def test_extract_investment_verb_ends_a_registered_name() -> None:
    found = entities("同时，青松母基金领投武汉蓝晶感知科技有限公司B轮融资。")
    assert ("Company", "武汉蓝晶感知科技有限公司") in found
    assert not any("领投" in n for _, n in found)


def test_extract_person_after_title_before_shi() -> None:
    assert ("Person", "孙明远") in entities("蓝鲸科技总经理孙明远是江城大学的博士。")


def test_extract_level_abbreviation_joins_its_agency() -> None:
    found = entities("新洲区科学技术局（区科技局）发布办法。该办法由区科技局负责解释。")
    bodies = {n for t, n in found if t == "GovernmentBody"}
    assert bodies == {"新洲区科学技术局"}


def test_extract_event_written_twice_with_year_is_one_entity() -> None:
    text = "江夏区2026年招商引资大会签约40个项目\n3月5日，“聚力江夏”2026年江夏区招商引资大会举行。"
    events = {n for t, n in entities(text) if t == "Event"}
    assert events == {"聚力江夏2026年江夏区招商引资大会"}


def test_level_abbreviation_rule() -> None:
    from kg.extract.local import level_abbreviation

    assert level_abbreviation("市经信局", "武汉市经济和信息化局")
    assert level_abbreviation("省科技厅", "湖北省科学技术厅")
    assert not level_abbreviation("区科技局", "武汉市科学技术局")
    assert not level_abbreviation("科技局", "江岸区科学技术局")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("武汉光谷生物城是重要的产业高地。", ("Area", "武汉光谷生物城")),
        ("江城大学三亚科教创新园揭牌。", ("Park", "江城大学三亚科教创新园")),
        ("江汉区万松街道建成服务平台。", ("Area", "万松街道")),
        ("武汉国家级人工智能创新应用先导区建设提速。", ("Area", "武汉国家级人工智能创新应用先导区")),
        ("蓝鲸科技罗志远董事长表示，新工厂明年投产。", ("Person", "罗志远")),
        ("市长郑海平前往东湖高新区调研。", ("Person", "郑海平")),
        ("江城研究院院长李明说，研究院已孵化企业。", ("Person", "李明")),
    ],
)
def test_extract_more_heads_and_titles(text: str, expected: tuple[str, str]) -> None:
    assert expected in entities(text)


@pytest.mark.parametrize(
    ("text", "bad"),
    [
        ("加快建设“三个先行示范区”。", "三个先行示范区"),  # a designation, no place opens it
        ("企业在光谷建设第6代LTPS面板项目。", "代LTPS面板项目"),  # not cut after a digit
        ("“青禾总经理孙明远说，市场很大。", "青禾"),  # the title introduces the name after it
        ("江城研究院院长李明说，研究院已孵化企业。", "李明说"),
    ],
)
def test_extract_title_and_head_misreadings(text: str, bad: str) -> None:
    assert bad not in {n for _, n in entities(text)}


def test_extract_name_after_a_function_character_jieba_glued() -> None:
    # jieba segments 于常福 as one word; the name still starts after 于
    assert ("Park", "常福新材料产业园") in entities("工厂选址于常福新材料产业园，投产后见效。")


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("全力打造“环东湖”“环青龙山”科创走廊。", "环东湖"),
        ("全力打造“环东湖”“环青龙山”科创走廊。", "环青龙山"),
        ("加快建设环白沙河、环凤凰山等创新带。", "环白沙河"),
        ("加快建设环白沙河、环凤凰山等创新带。", "环凤凰山"),
    ],
)
def test_extract_ring_areas_from_name_patterns(text: str, name: str) -> None:
    assert ("Area", name) in entities(text)


def test_extract_ring_pattern_needs_a_standalone_name() -> None:
    found = {n for _, n in entities("市民沿环湖绿道骑行，环境优美。")}
    assert not any(n.startswith("环") for n in found)


def test_name_patterns_file_errors_name_the_file(tmp_path, monkeypatch) -> None:
    from kg.errors import ResourceError
    from kg.extract import rules

    bad = tmp_path / "name_patterns.tsv"
    bad.write_text("ring\tArea\t(环[湖\n", encoding="utf-8")
    monkeypatch.setattr(rules, "PATTERNS", tmp_path)
    rules.name_patterns.cache_clear()
    try:
        with pytest.raises(ResourceError, match="name_patterns.tsv"):
            rules.name_patterns()
    finally:
        rules.name_patterns.cache_clear()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2026光谷国际储能峰会暨产业合作签约仪式在武汉举行。", ("Event", "2026光谷国际储能峰会暨产业合作签约仪式")),
        ("江城资本与武汉市城市建设投资开发集团有限公司签约。", ("Company", "武汉市城市建设投资开发集团有限公司")),
        ("新工厂落户武汉临空港经济技术开发区。", ("District", "武汉临空港经济技术开发区")),
    ],
)
def test_extract_event_joiners_verbs_in_registered_names_and_zones(text: str, expected: tuple[str, str]) -> None:
    assert expected in entities(text)


def test_place_is_not_dropped_from_inside_a_known_name_or_down_to_a_kind() -> None:
    from kg.extract.local import derived_forms

    assert "大学智能感知研究院" not in derived_forms("武汉大学智能感知研究院", "ResearchInstitute")
    assert "科创母基金" not in derived_forms("光谷科创母基金", "Fund")
    assert "青禾" in derived_forms("武汉青禾智能科技有限公司", "Company")


def test_extract_full_name_cue_joins_the_earlier_mention() -> None:
    text = (
        "5月8日，新洲区低空经济产业母基金揭牌。该基金全称为武汉新洲低空经济产业投资母基金"
        "合伙企业（有限合伙），总规模20亿元。"
    )
    funds = {n for t, n in entities(text) if t == "Fund"}
    assert funds == {"武汉新洲低空经济产业投资母基金合伙企业（有限合伙）"}


def test_extract_latin_word_split_by_a_joined_line() -> None:
    # ingest joins a line break inside a Latin word with a space: the name goes on over it
    found = entities("企业将建设青禾生物C DMO基地项目，总投资9亿元。")
    assert ("Project", "青禾生物CDMO基地项目") in found


def test_extract_conjunction_after_de_opens_a_name() -> None:
    found = entities("由江城集团投资的和泰新能源电池基地项目开工。")
    assert ("Project", "和泰新能源电池基地项目") in found


def test_extract_party_committee_before_a_glued_title() -> None:
    found = entities("新洲区委书记孙建国出席活动。")
    assert ("GovernmentBody", "新洲区委") in found
    assert ("Person", "孙建国") in found


def test_extract_two_registered_names_written_together_are_two_companies() -> None:
    found = {n for t, n in entities("江城钢铁集团有限公司青山特钢有限公司实施技术改造。") if t == "Company"}
    assert "青山特钢有限公司" in found
    assert not any(n.count("有限公司") > 1 for n in found)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("武汉未来科技城位于东湖高新区东部。", ("Area", "武汉未来科技城")),
        ("江城机场三期扩建工程正式开工。", ("Project", "江城机场三期扩建工程")),
        ("武汉大学遥感信息工程学院与企业合作。", ("University", "武汉大学")),
        ("中国地质大学（武汉）地球科学学院教授王磊团队取得突破。", ("University", "中国地质大学(武汉)")),
    ],
)
def test_extract_name_words_specific_heads_and_known_parents(text: str, expected: tuple[str, str]) -> None:
    assert expected in entities(text)


def test_derived_forms_do_not_cut_inside_a_name() -> None:
    from kg.extract.local import derived_forms

    forms = derived_forms("北京大学武汉智能感知研究院", "ResearchInstitute")
    assert not any(f.startswith("大学") for f in forms)
    event = derived_forms("2026年武汉市光谷创新大走廊建设推进会", "Event")
    assert not any(f.startswith("年") for f in event)


def test_extract_no_name_runs_from_a_headline_into_the_body() -> None:
    found = {n for _, n in entities("光谷再添创新平台\n星河湾实验室昨日揭牌。")}
    assert "星河湾实验室" in found
    assert not any("\n" in n or n.startswith("光谷再添") for n in found)


def test_extract_no_name_from_a_photo_credit_with_a_space_gap() -> None:
    found = {n for _, n in entities("青禾实验室外景。江城日报记者 孙明远 摄")}
    assert "孙明远" not in found


def test_extract_place_qualifier_inside_a_park_name() -> None:
    found = {n for t, n in entities("武汉经开区（汉南区）新能源汽车产业园开工。") if t == "Park"}
    assert found == {"武汉经开区（汉南区）新能源汽车产业园"}
    assert not any(n.startswith(("）", "（")) for n in found)


def test_extract_headline_event_tail_joins_the_full_event() -> None:
    text = "储能装备博览会周五开幕\n本报讯 2026中国（武汉）国际储能装备博览会将于5月8日开幕。"
    events = {n for t, n in entities(text) if t == "Event"}
    assert events == {"2026中国（武汉）国际储能装备博览会"}


def test_extract_dateline_does_not_open_a_name() -> None:
    found = {n for _, n in entities("本报讯2026中国（武汉）国际储能装备博览会将于5月8日开幕。")}
    assert "2026中国（武汉）国际储能装备博览会" in found
    assert not any(n.startswith("本报讯") for n in found)


def test_extract_acronym_in_brackets_is_an_alias() -> None:
    r = result("国家储能技术创新中心（NESIC）落户江城。")
    centre = next(e for e in r.entities if e.name == "国家储能技术创新中心")
    assert "NESIC" in centre.aliases


def test_extract_concurrent_post_verb_ends_a_registered_name() -> None:
    found = entities("江城创新投资有限公司总经理何平兼任江城科创基金管理有限公司董事长。")
    assert ("Person", "何平") in found
    assert ("Company", "江城科创基金管理有限公司") in found


def test_extract_university_affiliated_hospital_as_a_description_is_not_a_name() -> None:
    found = entities("江城医院是东江大学附属医院，也是区域医疗中心。")
    assert ("Hospital", "江城医院") in found
    assert ("Hospital", "东江大学附属医院") not in found
    assert ("Hospital", "东江大学附属第一医院") in entities("东江大学附属第一医院开诊。")


@pytest.mark.parametrize(
    ("text", "name", "wrong"),
    [
        ("政策鼓励中国宝武旗下的湖北青禾新材料有限公司扩产。", "湖北青禾新材料有限公司", "旗下的湖北青禾新材料有限公司"),
        ("老股东武汉星澜创业投资有限公司继续加码。", "武汉星澜创业投资有限公司", "老股东武汉星澜创业投资有限公司"),
        ("管理人为湖北云梯私募基金管理有限公司。", "湖北云梯私募基金管理有限公司", "管理人为湖北云梯私募基金管理有限公司"),
        ("区发改局会同江夏区财政局制定细则。", "江夏区财政局", "会同江夏区财政局"),
        ("该企业与湖北理工学院共建实验室。", "湖北理工学院", "与湖北理工学院"),
    ],
)
def test_extract_role_word_before_a_known_name_is_not_part_of_it(text, name, wrong) -> None:
    names = {n for _, n in entities(text)}
    assert name in names
    assert wrong not in names


def test_extract_prefix_of_a_brand_before_a_known_place_stays() -> None:
    # 同济 / 中法 are not roles: the place inside the name does not cut it
    names = {n for _, n in entities("新建的中法武汉生态示范城迎来首批企业。")}
    assert "中法武汉生态示范城" in names


def test_extract_dot_in_a_location_qualifier_separates_two_places() -> None:
    found = entities("1.武汉星火光电科技有限公司（东湖高新区·光谷未来科技园）\n成立于2020年。")
    names = {n for _, n in found}
    assert ("Park", "光谷未来科技园") in found
    assert not any(n.startswith("·") or "·" in n for n in names)


def test_extract_dot_in_a_brand_name_stays_inside() -> None:
    found = entities("第三届中国·汉口北商贸博览会开幕。")
    assert any("·" in n for _, n in found)


def test_extract_latin_investor_names_keep_their_spaces() -> None:
    found = entities("本轮由Silverleaf Capital领投，KPQ资本、Red Pine Ventures跟投。")
    assert {("Company", "Silverleaf Capital"), ("Company", "KPQ资本"), ("Company", "Red Pine Ventures")} <= found


def test_extract_capital_after_a_common_word_or_a_place_is_not_a_name() -> None:
    names = {n for _, n in entities("国有资本和社会资本共同参与，荆州资本市场活跃。")}
    assert not any(n.endswith("资本") for n in names)


def test_extract_lab_named_after_its_host_university_keeps_it() -> None:
    found = entities("该中心依托武汉理工大学纤维复合新材料国家重点实验室建设。")
    assert ("Lab", "武汉理工大学纤维复合新材料国家重点实验室") in found


def test_extract_host_is_not_joined_across_a_verb() -> None:
    names = {n for _, n in entities("华中科技大学建汤逊湖实验室。")}
    assert not any(n.startswith("华中科技大学") and n.endswith("实验室") for n in names)


def test_extract_and_inside_one_agency_name_joins_it() -> None:
    found = entities("会同江夏区科学技术和经济信息化局等部门落实。")
    assert ("GovernmentBody", "江夏区科学技术和经济信息化局") in found


def test_extract_and_between_two_agencies_separates_them() -> None:
    names = {n for _, n in entities("区财政局和区科技局联合发文。")}
    assert {"区财政局", "区科技局"} <= names


def test_extract_verb_before_an_ordinal_event_is_not_part_of_it() -> None:
    names = {n for _, n in entities("团队荣获第五届楚天杯创新创业大赛金奖。")}
    assert not any(n.startswith(("荣获", "获")) for n in names)


def test_extract_development_zone_is_a_district_and_closes_an_area_on_its_left() -> None:
    found = entities("产业园坐落于荆门高新经济开发区掇刀片区，交通便利。")
    assert ("District", "荆门高新经济开发区") in found
    assert ("Area", "掇刀片区") in found


def test_extract_school_as_a_reference_does_not_open_a_name() -> None:
    names = {n for _, n in entities("学校海洋装备发展研究院负责人介绍了情况。")}
    assert not any(n.startswith("学校") for n in names)


def test_extract_fund_name_keeps_its_region() -> None:
    found = entities("该基金由湖南省湘江流域产业引导基金参与发起。")
    assert ("Fund", "湖南省湘江流域产业引导基金") in found


def test_extract_affiliated_hospitals_counted_are_not_a_name() -> None:
    names = {n for _, n in entities("双方将依托三家附属医院的临床资源开展研究。")}
    assert "附属医院" not in names


def test_extract_lab_name_with_and_between_two_fields() -> None:
    found = entities("依托江城大学建设的精密测量装备与技术全国重点实验室通过验收。")
    assert ("Lab", "精密测量装备与技术全国重点实验室") in found


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("江城大学教授胡晓雯任首席科学家。", "胡晓雯"),
        ("他与师兄顾明轩一起创办了公司。", "顾明轩"),
    ],
)
def test_extract_person_before_ren_and_after_a_peer_title(text: str, name: str) -> None:
    assert ("Person", name) in entities(text)


def test_extract_latin_brand_split_by_a_joined_line_stays_whole() -> None:
    names = {n for _, n in entities("据悉，K PQ资本一位合伙人表示看好该赛道。")}
    assert "KPQ资本" in names
    assert "PQ资本" not in names


def test_extract_generic_contest_category_is_not_an_event() -> None:
    names = {n for _, n in entities("支持企业举办行业会议、展会和创新创业大赛。")}
    assert "创新创业大赛" not in names
    assert ("Event", "第五届楚天杯创新创业大赛") in entities("第五届楚天杯创新创业大赛开幕。")
