"""Cross-article resolution: one node per real-world thing, rewritten relation keys, order."""

from __future__ import annotations

from kg.model import Article, ArticleResult, Entity, Relation
from kg.resolve import resolve_entities


def _article(id_: str) -> Article:
    return Article(
        id=id_,
        path=f"{id_}.txt",
        file_name=f"{id_}.txt",
        text="",
        encoding="utf-8",
        content_hash="0",
    )


def _result(id_: str, entities: list[Entity], relations: list[Relation] = ()) -> ArticleResult:
    ents = tuple(Entity(e.type, e.name, e.aliases, articles=(id_,)) for e in entities)
    return ArticleResult(article=_article(id_), entities=ents, relations=tuple(relations))


def test_resolve_short_and_full_district_names_merge() -> None:
    kb = resolve_entities(
        [
            _result("a", [Entity("District", "硚口")]),
            _result("b", [Entity("District", "硚口区")]),
        ]
    )
    assert [(e.name, e.aliases, e.articles) for e in kb.entities] == [
        ("硚口区", ("硚口",), ("a", "b"))
    ]


def test_resolve_gazetteer_short_forms_merge_to_canonical() -> None:
    kb = resolve_entities(
        [
            _result("a", [Entity("University", "华科大")]),
            _result("b", [Entity("University", "华中科技大学")]),
            _result("c", [Entity("District", "东湖高新区", ("光谷",))]),
            _result("d", [Entity("District", "光谷")]),
        ]
    )
    names = {(e.type, e.name): e for e in kb.entities}
    assert set(names) == {("University", "华中科技大学"), ("District", "东湖新技术开发区")}
    assert names[("District", "东湖新技术开发区")].articles == ("c", "d")


def test_resolve_alias_overlap_and_abbreviation_merge() -> None:
    kb = resolve_entities(
        [
            _result("a", [Entity("Company", "武汉青禾智能科技有限公司", ("青禾智能科技",))]),
            _result("b", [Entity("Company", "青禾智能科技")]),
            _result("c", [Entity("GovernmentBody", "省发展和改革委员会")]),
            _result("d", [Entity("GovernmentBody", "省发改委")]),
        ]
    )
    assert sorted(e.name for e in kb.entities) == ["武汉青禾智能科技有限公司", "省发展和改革委员会"]


def test_resolve_keeps_different_things_apart() -> None:
    kb = resolve_entities(
        [
            _result("a", [Entity("University", "武汉大学"), Entity("GovernmentBody", "国务院")]),
            _result(
                "b",
                [Entity("University", "武汉理工大学"), Entity("GovernmentBody", "国务院办公厅")],
            ),
            _result("c", [Entity("Program", "甲市实施方案", ("实施方案",))]),
            _result("d", [Entity("Program", "乙市实施方案", ("实施方案",))]),
            _result("e", [Entity("Company", "硚口")]),  # another class: not the district
            _result("f", [Entity("District", "硚口区")]),
        ]
    )
    assert len(kb.entities) == 8


def test_resolve_rewrites_relation_keys_and_fills_mentions() -> None:
    rel = Relation("Lab/星河湾实验室", "locatedIn", "District/光谷")
    kb = resolve_entities(
        [
            _result("a", [Entity("Lab", "星河湾实验室"), Entity("District", "光谷")], [rel]),
            _result("b", [Entity("District", "东湖高新区")]),
        ]
    )
    assert kb.relations == (Relation("Lab/星河湾实验室", "locatedIn", "District/东湖新技术开发区"),)
    assert kb.mentions == {
        "a": ("District/东湖新技术开发区", "Lab/星河湾实验室"),
        "b": ("District/东湖新技术开发区",),
    }


def test_resolve_is_order_independent_and_sorted() -> None:
    parts = [
        _result("a", [Entity("Lab", "星河湾实验室"), Entity("District", "硚口")]),
        _result("b", [Entity("District", "硚口区"), Entity("Company", "青禾科技")]),
    ]
    kb1, kb2 = resolve_entities(parts), resolve_entities(list(reversed(parts)))
    assert kb1 == kb2
    assert list(kb1.entities) == sorted(kb1.entities, key=lambda e: (e.type, e.name))


def test_resolve_entity_named_bare_in_another_article_is_mentioned_there() -> None:
    from kg.model import Mention

    text_a = "武汉帝歌智能科技有限公司在汉正街开店。"
    text_b = "帝歌智能的主播正在直播。"
    art_a = Article(id="a", path="a.txt", file_name="a.txt", text=text_a, encoding="utf-8", content_hash="0")
    art_b = Article(id="b", path="b.txt", file_name="b.txt", text=text_b, encoding="utf-8", content_hash="0")
    company = Entity("Company", "武汉帝歌智能科技有限公司", ("帝歌智能",), articles=("a",))
    mention = Mention("a", 0, 12, text_a[:12], "Company", "suffix", company.name)
    kb = resolve_entities([
        ArticleResult(article=art_a, mentions=(mention,), entities=(company,)),
        ArticleResult(article=art_b),
    ])
    assert kb.mentions["b"] == ("Company/武汉帝歌智能科技有限公司",)
    assert kb.entities[0].articles == ("a", "b")


def test_resolve_same_key_is_one_entity_even_for_short_names() -> None:
    kb = resolve_entities([
        _result("a", [Entity("Person", "周明")]),
        _result("b", [Entity("Person", "周明")]),
        _result("c", [Entity("Person", "周亮")]),
    ])
    assert [(e.name, e.articles) for e in kb.entities] == [("周亮", ("c",)), ("周明", ("a", "b"))]
    keys = [e.key for e in kb.entities]
    assert len(keys) == len(set(keys))


def test_resolve_generic_kind_of_park_is_not_searched_in_other_articles() -> None:
    from kg.model import Mention

    text_a = "新洲区智能装备产业园正式开园。"
    text_b = "企业考察了智能装备产业园的厂房。"
    art_a = Article(id="a", path="a.txt", file_name="a.txt", text=text_a, encoding="utf-8", content_hash="0")
    art_b = Article(id="b", path="b.txt", file_name="b.txt", text=text_b, encoding="utf-8", content_hash="0")
    park = Entity("Park", "新洲区智能装备产业园", ("智能装备产业园",), articles=("a",))
    mention = Mention("a", 0, 10, text_a[:10], "Park", "suffix", park.name)
    kb = resolve_entities([
        ArticleResult(article=art_a, mentions=(mention,), entities=(park,)),
        ArticleResult(article=art_b),
    ])
    assert kb.mentions["b"] == ()
