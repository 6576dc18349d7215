"""Ingest steps on real snippets from the seeds, the seed corpus, and every bad input."""

from __future__ import annotations

import codecs
import re
from pathlib import Path

import pytest

from kg.encoding import decode_bytes
from kg.errors import BinaryInput, EmptyInput, MissingInput, NoArticles, UndecodableInput
from kg.ingest import metadata_from_text, normalize_article, read_articles
from kg.normalize import (
    Mapped,
    char_width,
    display_width,
    find_mojibake,
    join_layout_lines,
    normalize_width,
    remove_cjk_spaces,
    remove_pinyin,
    repair_mojibake,
    to_simplified,
    width_measure,
)

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
DATA = Path(__file__).resolve().parent / "data" / "ingest"

SNIPPET_000 = "10月22日，武汉宏泰硚口生物医疗科技创新创业基金\n正式揭牌成立，组建了总规模30亿元首支10亿元健康产业\n发展基金群，这是我省首支专注于医疗机构成果转化的科创\n基金，着眼“投早投小投创新”。"
SNIPPET_001 = "編者按:開年開工開新局,實(shí)干擔(dān)當(dāng)啟新篇。"
SNIPPET_BIG5 = "環同濟大健康科技產業園，漢正街電商主播在直播帶貨。"


@pytest.fixture(scope="module")
def seeds():
    return {a.id[:3]: a for a in read_articles([SEEDS]).articles}


@pytest.mark.parametrize(
    ("encoding", "prefix", "expected"),
    [
        ("utf-8", b"", "utf-8"),
        ("utf-8", codecs.BOM_UTF8, "utf-8-sig"),
        ("gbk", b"", "gb18030"),
        ("gb18030", b"", "gb18030"),
        ("big5", b"", "big5"),
    ],
)
def test_ingest_decodes_real_encodings(encoding: str, prefix: bytes, expected: str) -> None:
    text = SNIPPET_BIG5 if encoding == "big5" else SNIPPET_000
    decoded = decode_bytes(prefix + text.encode(encoding))
    assert decoded.text == text
    assert decoded.encoding == expected


def test_ingest_gbk_file_reads_like_utf8(tmp_path: Path) -> None:
    raw = (SEEDS / "000_4ba99b4df923a25e.txt").read_bytes()
    (tmp_path / "a.txt").write_bytes(raw)
    (tmp_path / "b.txt").write_bytes(raw.decode("utf-8").encode("gbk"))
    a, b = read_articles([tmp_path]).articles
    assert a.text == b.text and b.encoding == "gb18030"
    assert a.content_hash != b.content_hash


def test_ingest_removes_pinyin_and_converts_to_simplified() -> None:
    m, n = remove_pinyin(Mapped.of(SNIPPET_001))
    assert n == 3 and "(" not in m.text
    s, _ = to_simplified(m)
    assert s.text.startswith("编者按:开年开工开新局,实干担当启新篇")
    assert len(s.offsets) == len(s.text)


def test_ingest_pinyin_inside_words_and_damaged_annotation() -> None:
    m, _ = remove_pinyin(Mapped.of("科技創(chuàng)新成為高頻詞,民營經(jīng)濟(jì)迎來"))
    assert m.text == "科技創新成為高頻詞,民營經濟迎來"
    m, _ = remove_pinyin(Mapped.of("拔覀?nèi)钡牟"))
    assert m.text == "拔覀?钡牟"


def test_ingest_width_and_punctuation() -> None:
    m, _ = normalize_width(Mapped.of("開年開工開新局,實干擔當啟新篇。ＡＩ产品(女性腫瘤)"))
    assert m.text == "開年開工開新局，實干擔當啟新篇。AI产品（女性腫瘤）"
    m, _ = normalize_width(Mapped.of("AI for Science, 1,200万"))
    assert m.text == "AI for Science, 1,200万"


def test_ingest_removes_spaces_in_chinese_only() -> None:
    m, _ = remove_cjk_spaces(Mapped.of("以及近 5000 家医疗健康服务实体，有 6 名院士"))
    assert m.text == "以及近5000家医疗健康服务实体，有6名院士"
    m, _ = remove_cjk_spaces(Mapped.of("PostgreSQL 始于加州大学伯克利分校，是 Apple 的"))
    assert m.text == "PostgreSQL始于加州大学伯克利分校，是Apple的"
    m, _ = remove_cjk_spaces(Mapped.of("打造一批AI for Science标杆场景"))
    assert "AI for Science" in m.text


def test_ingest_joins_layout_lines_mid_word() -> None:
    paras, joins = join_layout_lines(Mapped.of(SNIPPET_000))
    assert joins == 3 and len(paras) == 1
    assert "健康产业发展基金群" in paras[0].text.text
    assert "\n" not in paras[0].text.text


def test_ingest_joins_across_blank_line_but_keeps_headlines() -> None:
    text = (
        "区的三大特色产业之一。今年，硚口大健康产业预计营业收\n\n入达350亿元。\n"
        "周耕表示，硚口坚持医产学研四位一体协同推进，实施\n\n"
        "把城市更新作为主要任务\n为产业转型腾出发展空间\n\n"
        "10月19日，“来硚口 看好房”活动在汉川市汉正国际轻\n纺城举行，现场千人赶集。\n"
    )
    paras, _ = join_layout_lines(Mapped.of(text))
    texts = [p.text.text for p in paras]
    assert "预计营业收入达350亿元。" in texts[0]
    assert "把城市更新作为主要任务" in texts and "为产业转型腾出发展空间" in texts
    assert any(t.startswith("10月19日") and "汉正国际轻纺城" in t for t in texts)


SIDEBAR_000 = (
    "【奖励】\n\n对入选武汉市优秀开源软件项目的，给予30万\n\n元一次性奖励\n\n"
    "对将优质开源软件项目捐赠给重点开源机构并\n\n被接收的，给予100万元一次性奖励\n\n"
    "支持建设有开发者影响力的开源社区，按照年\n\n运营费用的30%给予运营单位最高300万元补助\n"
)


def test_ingest_sidebar_items_joined_and_kept_apart() -> None:
    """A short line before a blank line ends its item; a line ending in 并 continues."""
    texts = [p.text.text for p in join_layout_lines(Mapped.of(SIDEBAR_000))[0]]
    assert "对入选武汉市优秀开源软件项目的，给予30万元一次性奖励" in texts
    assert "对将优质开源软件项目捐赠给重点开源机构并被接收的，给予100万元一次性奖励" in texts
    assert not any(t.endswith("一次性奖励支持建设有开发者影响力的开源社区，按照年") for t in texts)


def test_ingest_line_ending_in_a_preposition_continues_across_blank_line() -> None:
    text = (
        "武汉开发者众多，拥有软件从业人员数量超40万人，在\n\n"
        "中国开发者网络（CSDN）等知名开源论坛中用户注册数量\n"
        "居全国城市前五，正在打造多个万人级研发中心。据不完全\n"
        "统计，全市高校计算机相关学科师生使用开源软件的比例超\n"
    )
    texts = [p.text.text for p in join_layout_lines(Mapped.of(text))[0]]
    assert texts[0].startswith("武汉开发者众多，拥有软件从业人员数量超40万人，在中国开发者网络")


NARROW_003 = (
    "长江日报讯（湖北日报记\n者杨念明）8月18日下午，省委\n书记、省人大常委会主任王忠\n"
    "林在武汉调研汉江国家实验\n室建设工作并召开推进会。他\n"
    "汉江国家实验室，是以习近平\n同志为核心的党中央赋予湖\n北和中船集团的重大政治责\n"
    "任，是湖北加快推进支点建设\n的重大科技支撑。各相关单\n"
    "■长江日报记者汪甦蔡欣星 通讯员武经宣 张衡 李曦 孙亚云 别传景 李佳\n"
)


def test_ingest_narrow_column_joins_names_and_lines_without_punctuation() -> None:
    """A wide stray line does not set the column; a full line inside running text continues."""
    text = "".join(p.text.text for p in join_layout_lines(Mapped.of(NARROW_003))[0])
    assert "主任王忠林在武汉调研" in text
    assert "党中央赋予湖北和中船集团" in text


def test_ingest_column_width_taken_from_the_lines_own_column() -> None:
    """Where a wide column meets a narrow one, a line is measured against its own column."""
    text = (
        "的生动实践，全面提高履行新时代使命任务能力，以优异成绩迎\n接建军100周年。\n"
        "要在党中央集中统一领导下，全面推进实战化军事训练，以优异成绩迎\n\n"
        + NARROW_003
    )
    texts = [p.text.text for p in join_layout_lines(Mapped.of(text))[0]]
    assert any(t.startswith("长江日报讯（湖北日报记者杨念明）8月18日下午，省委书记") for t in texts)


def test_ingest_numbers_broken_across_lines_join_without_space() -> None:
    text = "据介绍，2024年蔡甸区实际到位内资3\n10亿元，同比增长11.2%，新引进亿元以上项目\n"
    paras, _ = join_layout_lines(Mapped.of(text))
    assert "实际到位内资310亿元" in paras[0].text.text


def test_ingest_open_quotation_and_dateline_lines_continue() -> None:
    text = (
        "“在全面深化改革和扩大高水平开放上勇于探索”“打\n\n造内陆开放高地”“系统提升开放枢纽功能”……牢记总书记\n"
        "嘱托，武汉加快把交通区位优势转化为国内国际双循环\n\n"
        "长江日报讯（记者李慧紫 通讯员杜谨宇 林金国）世界首创\n的“陈氏胰肠吻合”术、全球最轻最小人工心脏\n"
    )
    texts = [p.text.text for p in join_layout_lines(Mapped.of(text))[0]]
    assert texts[0].startswith("“在全面深化改革和扩大高水平开放上勇于探索”“打造内陆开放高地”")
    assert any("世界首创的“陈氏胰肠吻合”术" in t for t in texts)


def test_ingest_space_after_bare_dateline_is_kept() -> None:
    text = "本报讯 2025中国（武汉）国际汽车零部\n件博览会将于9月27日在武汉国际博览中心开幕，展期三天。\n"
    paras, _ = join_layout_lines(Mapped.of(text))
    out, _ = remove_cjk_spaces(paras[0].text)
    assert out.text.startswith("本报讯 2025中国（武汉）国际汽车零部件博览会将于")


def test_ingest_credit_lines_are_not_joined() -> None:
    text = "——夏日缤纷，寻访武汉城区转型发展实践\n策划：中共硚口区委宣传部\n撰文：王东方 栾嘉雯\n"
    texts = [p.text.text for p in join_layout_lines(Mapped.of(text))[0]]
    assert "策划：中共硚口区委宣传部" in texts and "撰文：王东方 栾嘉雯" in texts


def test_ingest_offsets_point_back_to_source() -> None:
    raw = SNIPPET_001.encode("utf-8")
    article = normalize_article(Path("x.txt"), raw, {})
    source = SNIPPET_001
    assert len(article.offsets) == len(article.text)
    i = article.text.index("实干")
    assert source[article.offsets[i]] == "實"
    assert source[article.offsets[i + 1]] == "干"


def corrupt_gbk_shift(clean: str) -> str:
    """The seed-001 corruption: GBK bytes read one byte late; an unreadable pair becomes ``?``,
    a dangling byte before the end is lost."""
    data = clean.encode("gbk")[1:]
    out: list[str] = []
    k = 0
    while k < len(data):
        if data[k] < 0x80:
            out.append(chr(data[k]))
            k += 1
            continue
        pair = data[k : k + 2]
        if len(pair) < 2:
            break
        try:
            out.append(pair.decode("gbk"))
        except UnicodeDecodeError:
            out.append("?")
        k += 2
    return "".join(out)


def test_ingest_mojibake_corruption_model_matches_seed() -> None:
    assert corrupt_gbk_shift("”武漢") == "蔽錆h"
    assert corrupt_gbk_shift("“我們缺的不是產能").startswith("拔覀")


def test_ingest_mojibake_real_run_repaired() -> None:
    text = "路徑!蔽錆h長江云裳供應(yīng)鏈有限公司董事長王奇"
    m, _ = remove_pinyin(Mapped.of(text))
    fixed, repaired, marks = repair_mojibake(m)
    assert repaired == 1 and marks == []
    assert fixed.text.startswith("路徑!”武漢長江云裳供應鏈有限公司")
    assert len(fixed.offsets) == len(fixed.text)


def test_ingest_mojibake_lost_character_is_blanked_and_marked() -> None:
    text = "但傳統商貿大區也面臨轉型壓力!拔覀?nèi)钡牟皇钱a(chǎn)能,而是能力"
    m, _ = remove_pinyin(Mapped.of(text))
    runs = [m.text[a:b] for a, b in find_mojibake(m.text)]
    assert len(runs) == 1 and runs[0].startswith("拔覀?钡牟皇钱a")
    fixed, repaired, marks = repair_mojibake(m)
    assert repaired == 1
    assert "壓力!“我們\u25a1的不是產能,而是能力" in fixed.text
    (a, b, kind, _), = marks
    assert kind == "mojibake" and b - a == 1 and text[a] == "?"


def test_ingest_mojibake_without_a_clear_repair_stays_marked() -> None:
    text = "“哪吒”(兒童罕見。┑榷鄠(gè)?拼褂虼竽P,累計(jì)服務(wù)患者超萬人次。"
    m, _ = remove_pinyin(Mapped.of(text))
    fixed, repaired, marks = repair_mojibake(m)
    assert repaired == 0 and fixed.text == m.text
    assert [k for _, _, k, _ in marks] == ["mojibake"]


@pytest.mark.parametrize(
    "clean",
    ["打造绿色智慧科创园区", "聚焦产业创新需求", "因地制宜营造优良生态", "那么强化关键技术的供给"],
)
def test_ingest_mojibake_round_trip(clean: str) -> None:
    """corrupt(clean) -> repair gives clean back, with lost characters blanked (never guessed wrong)."""
    left, right = "他们表示，", "，而是能力"
    fixed, repaired, _ = repair_mojibake(Mapped.of(left + corrupt_gbk_shift(clean) + right))
    got = fixed.text[len(left) : len(fixed.text) - len(right)]
    assert repaired == 1 and len(got) == len(clean)
    assert all(g in (c, "\u25a1") for g, c in zip(got, clean, strict=True))
    assert sum(g == c for g, c in zip(got, clean, strict=True)) >= len(clean) - 4


def test_ingest_mojibake_repairs_never_touch_clean_text() -> None:
    text = SNIPPET_000.replace("\n", "")
    fixed, repaired, marks = repair_mojibake(Mapped.of(text))
    assert (fixed.text, repaired, marks) == (text, 0, [])


def test_ingest_rare_names_are_not_mojibake() -> None:
    assert find_mojibake("撰文：王东方 栾嘉雯 通讯员") == []
    assert find_mojibake("硅光薄膜铌酸锂晶圆、首颗医") == []


def test_ingest_metadata_from_dateline() -> None:
    meta = metadata_from_text("央广网武汉2月26日消息（记者左洋 见习记者陈晟）2月25日")
    assert meta["source"] == "央广网"
    assert meta["published"] is None  # no year stated: never guessed from mtime
    assert "2月26日" in (meta["date_basis"] or "")


def test_ingest_seed_corpus(seeds) -> None:
    assert sorted(seeds) == ["000", "001", "002", "003", "004"]
    from opencc import OpenCC

    cc = OpenCC("t2s")
    for article in seeds.values():
        assert cc.convert(article.text) == article.text, article.id
        assert len(article.offsets) == len(article.text)
        assert article.sections and article.source and article.published
        assert all(0 <= s.start < s.end <= len(article.text) for s in article.sections)


def test_ingest_seed_001_has_no_pinyin_left(seeds) -> None:
    text = seeds["001"].text
    assert not re.search(r"[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ]", text)
    assert "实干担当启新篇" in text
    kinds = {s.kind for s in seeds["001"].suspicious}
    assert "mojibake" in kinds
    assert "路径！”武汉长江云裳供应链有限公司董事长王奇" in text
    assert "“我们\u25a1的不是产能" in text
    assert "长按二维码" not in text and "摄）" not in text


def test_ingest_seed_000_sections_and_furniture(seeds) -> None:
    a = seeds["000"]
    assert "（上接第一版）" not in a.text and "制图" not in a.text
    assert "总规模30亿元首支10亿元健康产业发展基金群" in a.text
    heads = [s.headline or "" for s in a.sections]
    assert any("武汉探索将优秀开源成果视同学术论文" in h for h in heads)
    assert len(a.sections) >= 5


def _section_with(article, needle: str):
    return next(s for s in article.sections if needle in article.text[s.start : s.end])


def test_ingest_headlines_printed_after_their_article_go_back_to_it(seeds) -> None:
    a = seeds["000"]
    assert _section_with(a, "武汉宏泰硚口生物医疗科技创新创业基金").headline == (
        "以科创成果推动大健康产业发展 5000家企业在“黄金赛道”集链成群"
    )
    assert _section_with(a, "PostgreSQL").headline == "中国开源新用户 增速世界第一"
    assert _section_with(a, "武汉经开投促产业发展有限公司").headline == "市场化招商新模式 武汉首批专业招商公司揭牌"
    assert _section_with(a, "汉正街变身").headline == "汉正街变身时尚产业之窗"
    b = seeds["003"]
    assert _section_with(b, "金山武汉总部新园区").headline == "武汉金山软件园开园"
    assert not any((s.headline or "").startswith("■") for s in b.sections)


def test_ingest_sidebar_is_one_section_and_no_scraps(seeds) -> None:
    a = seeds["000"]
    sidebar = _section_with(a, "【什么是开源】")
    assert "【奖励】" in a.text[sidebar.start : sidebar.end]
    assert "【武汉实施六大工程】" in a.text[sidebar.start : sidebar.end]
    for art in seeds.values():
        for s in art.sections:
            assert s.headline or s.end - s.start >= 20, (art.id, art.text[s.start : s.end])
            assert not (s.headline or "").startswith("长江日报讯"), art.id


def test_ingest_catalog_metadata(seeds) -> None:
    assert seeds["001"].published == "2026-02-26"
    assert seeds["000"].date_basis.startswith("inferred")


def test_ingest_empty_file() -> None:
    with pytest.raises(EmptyInput, match="empty.txt"):
        normalize_article(DATA / "empty.txt", b"", {})


def test_ingest_binary_file() -> None:
    with pytest.raises(BinaryInput):
        decode_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "a.txt")


def test_ingest_undecodable_file() -> None:
    with pytest.raises(UndecodableInput, match="b.txt"):
        decode_bytes(bytes([0x80, 0xFF, 0x41, 0xFD, 0x80, 0x42]) * 20, "b.txt")


def test_ingest_bad_files_skipped_others_kept(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(SNIPPET_000, encoding="utf-8")
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "bin.txt").write_bytes(b"\x00\x01\x02\x03" * 10)
    result = read_articles([tmp_path])
    assert [a.id for a in result.articles] == ["a"]
    assert sorted(Path(e.path).name for e in result.errors) == ["bin.txt", "empty.txt"]


def test_ingest_folder_without_articles(tmp_path: Path) -> None:
    (tmp_path / "notes.md").write_text("x", encoding="utf-8")
    with pytest.raises(NoArticles):
        read_articles([tmp_path])


def test_ingest_missing_path(tmp_path: Path) -> None:
    with pytest.raises(MissingInput, match="nope"):
        read_articles([tmp_path / "nope"])


def _wrap_every(text: str, n: int) -> str:
    """Hard-wrap each paragraph every ``n`` characters, whatever their width (like dev2 304)."""
    return "\n\n".join("\n".join(p[i : i + n] for i in range(0, len(p), n)) for p in text.split("\n\n"))


MIXED_PARAGRAPHS = (
    "3月2日，武汉星澜量子计算科技有限公司宣布完成1.2亿元B轮融资。本轮由Silver River Capital"
    "领投，HQG资本、Orchard Lane Partners跟投，老股东湖北楚天创新投资有限公司继续加码。\n\n"
    "同一天，另一家企业披露融资消息。\n\n"
    "位于东湖高新区的武汉青禾合成材料科技有限公司完成8000万元A轮融资，由Quiet Harbor Growth Fund"
    "独家投资，融资将用于扩建中试产线和海外市场拓展，预计明年营收超过3亿元。"
)


def test_ingest_text_wrapped_every_n_characters_joins_mixed_names() -> None:
    """Cut every 20 characters, Latin lines look short in display columns; measured in
    characters they fill the column, so names join whole and a Latin word cut in two has no space."""
    wrapped = _wrap_every(MIXED_PARAGRAPHS, 20)
    assert "\n" in wrapped.split("\n\n")[0]
    paras, _ = join_layout_lines(Mapped.of(wrapped))
    texts = [remove_cjk_spaces(p.text)[0].text for p in paras]
    assert texts == MIXED_PARAGRAPHS.split("\n\n")


@pytest.mark.parametrize("n", [17, 19, 21, 23])
def test_ingest_wrap_width_does_not_matter(n: int) -> None:
    """Wherever the cuts fall (mid-word, at a space, inside a Chinese name), the text comes back."""
    paras, _ = join_layout_lines(Mapped.of(_wrap_every(MIXED_PARAGRAPHS, n)))
    texts = [remove_cjk_spaces(p.text)[0].text for p in paras]
    assert texts == MIXED_PARAGRAPHS.split("\n\n")


def _wrap_columns(text: str, cols: int) -> str:
    """Hard-wrap each paragraph at ``cols`` display columns (a Chinese character takes two)."""
    out: list[str] = []
    for para in text.split("\n\n"):
        line = ""
        for ch in para:
            if display_width(line + ch) > cols:
                out.append(line)
                line = ""
            line += ch
        out.extend([line, ""])
    return "\n".join(out)


def test_ingest_width_measure_is_display_columns_unless_cut_by_characters() -> None:
    """Text wrapped by display width (Latin letters half a Chinese character) keeps that measure."""
    assert width_measure(_wrap_columns(MIXED_PARAGRAPHS, 40).split("\n")) is display_width
    assert width_measure(_wrap_every(MIXED_PARAGRAPHS, 20).split("\n")) is char_width
    paras, _ = join_layout_lines(Mapped.of(_wrap_columns(MIXED_PARAGRAPHS, 40)))
    assert [remove_cjk_spaces(p.text)[0].text for p in paras] == MIXED_PARAGRAPHS.split("\n\n")


@pytest.mark.parametrize("n", range(16, 25))
def test_ingest_latin_words_at_a_full_line_keep_their_space(n: int) -> None:
    """When the wrapper drops the space at a cut, a capitalised word after a full line is a new
    word (Silver | River) while capitals (HQ | G资本) and lower case (Cap | ital) go on."""
    wrapped = "\n".join(line.strip() for line in _wrap_every(MIXED_PARAGRAPHS, n).split("\n"))
    paras, _ = join_layout_lines(Mapped.of(wrapped))
    assert [remove_cjk_spaces(p.text)[0].text for p in paras] == MIXED_PARAGRAPHS.split("\n\n")
