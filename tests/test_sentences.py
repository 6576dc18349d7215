"""Sentence splitting: terminators, quotes, line breaks, exact offsets."""

from __future__ import annotations

import pytest

from kg.sentences import split_sentences


def _texts(text: str, **kw) -> list[str]:
    return [text[s:e] for s, e in split_sentences(text, **kw)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "甲公司成立。乙公司落户！丙呢？丁；戊",
            ["甲公司成立。", "乙公司落户！", "丙呢？", "丁；", "戊"],
        ),
        ("他说：“好。”然后走了。", ["他说：“好。”然后走了。"]),
        ("“第一句。第二句。”\n下一段。", ["“第一句。第二句。”", "下一段。"]),
        (
            "“对入选的，给予奖励。”“对捐赠的，给予奖励。”",
            ["“对入选的，给予奖励。”", "“对捐赠的，给予奖励。”"],
        ),
        ("标题\n\n正文第一句。", ["标题", "正文第一句。"]),
        ("half,width!next?end;last", ["half,width!", "next?", "end;", "last"]),
        ("  \n\n  ", []),
        ("", []),
    ],
)
def test_sentences_split(text: str, expected: list[str]) -> None:
    assert _texts(text) == expected


def test_sentences_offsets_are_exact_and_never_empty() -> None:
    text = " 甲。 \n\n乙“丙。”丁。\n"
    spans = split_sentences(text)
    assert spans and all(s < e for s, e in spans)
    assert [text[s:e] for s, e in spans] == ["甲。", "乙“丙。”丁。"]
    assert all(not text[s].isspace() and not text[e - 1].isspace() for s, e in spans)


def test_sentences_join_layout_wrap_after_comma() -> None:
    text = "今年，全区推进各项工作，预计营业收\n\n入达350亿元。\n下一句。"
    assert _texts(text) == ["今年，全区推进各项工作，预计营业收\n\n入达350亿元。", "下一句。"]


def test_sentences_join_single_break_in_long_line() -> None:
    text = "作为全国三大医疗资源最密集区域之一聚集了5\n家国家重点实验室。"
    assert _texts(text) == [text]
    assert len(_texts(text, join_wrapped=False)) == 2


@pytest.mark.parametrize(
    "text",
    [
        "把城市更新作为主要任务为产业转型腾出发展空间\n\n10月19日，活动举行。",
        "## 每年20亿元支持创新,加速建设大走廊\n武汉经开区负责人表示。",
        "相关报道详见3版\n\n武汉金山软件园开园",
        "会议现场(记者 摄)\n从商贸重镇到数智高地",
    ],
)
def test_sentences_headlines_stay_apart(text: str) -> None:
    assert len(split_sentences(text)) == 2


def test_sentences_unclosed_quote_reset_at_paragraph() -> None:
    text = "他说：“没有结束\n\n新段落。第二句。"
    assert _texts(text) == ["他说：“没有结束", "新段落。", "第二句。"]


def test_sentences_unbalanced_quote_does_not_swallow_the_paragraph() -> None:
    text = "他说：“" + "很长的引语没有结尾。" * 30 + "后来的句子。"
    spans = split_sentences(text)
    assert len(spans) > 5
    assert text[spans[-1][0] : spans[-1][1]] == "后来的句子。"
