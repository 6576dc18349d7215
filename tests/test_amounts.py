"""Money amounts: parsing to Decimal yuan and finding them in running text."""

from __future__ import annotations

from decimal import Decimal

import pytest

from kg.amounts import find_amounts, parse_amount


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("30亿元", "3000000000"),
        ("近500亿元", "50000000000"),
        ("1.2亿元", "120000000"),
        ("一点二亿", "120000000"),
        ("3.5万亿", "3500000000000"),
        ("1,200万", "12000000"),
        ("500万元", "5000000"),
        ("千余元", "1000"),
        ("超100亿元", "10000000000"),
        ("约3000万元", "30000000"),
        ("10亿", "1000000000"),
        ("三千万元", "30000000"),
        ("过百亿元", "10000000000"),
        ("214.84亿元", "21484000000"),
        ("15 亿元", "1500000000"),
        ("200亿元以上", "20000000000"),
        ("0.5元", "0.5"),
        ("两亿元", "200000000"),
    ],
)
def test_amounts_parse(text: str, value: str) -> None:
    result = parse_amount(text)
    assert isinstance(result, Decimal)
    assert result == Decimal(value)


@pytest.mark.parametrize("text", ["二〇二三", "", "亿元", "8000万美元", "5家", "2000多名", "abc"])
def test_amounts_parse_rejects_non_amounts(text: str) -> None:
    assert parse_amount(text) is None


def test_amounts_parse_is_exact_decimal() -> None:
    assert parse_amount("1.1亿元") == Decimal("110000000")  # 1.1 * 10**8 as float is not exact
    assert str(parse_amount("一点二亿")) == "120000000"


@pytest.mark.parametrize(
    ("text", "found"),
    [
        (
            "组建了总规模30亿元首支10亿元健康产业发展基金群",
            [("30亿元", "3000000000"), ("10亿元", "1000000000")],
        ),
        ("设立近500亿元产业母基金", [("近500亿元", "50000000000")]),
        ("政府引导基金规模482亿，带动投资", [("482亿", "48200000000")]),
        ("聚集5家实验室、2000多名教授、112项技术", []),
        ("线上20万人围观，超5000万例", []),
        ("外商直接投资8000万美元", []),
        ("推动产业项目签约200亿元以上", [("200亿元", "20000000000")]),
        ("最高资助100\n万元；", [("100\n万元", "1000000")]),
        ("收到退税款千余元", [("千余元", "1000")]),
        ("力争三年形成百万级人才体系", []),
    ],
)
def test_amounts_find(text: str, found: list[tuple[str, str]]) -> None:
    matches = find_amounts(text)
    assert [(m.text, m.value) for m in matches] == [(t, Decimal(v)) for t, v in found]
    for m in matches:
        assert text[m.start : m.end] == m.text


def test_amounts_find_keeps_qualifier_and_unit() -> None:
    [m] = find_amounts("设立近500亿元产业母基金")
    assert (m.qualifier, m.unit) == ("近", "亿元")


def test_amounts_vague_figures_are_skipped() -> None:
    assert find_amounts("吸引数十亿元投资，几百万元资金") == []


def test_layout_breaks_inside_numbers() -> None:
    from kg.amounts import find_amounts

    got = [(a.text, a.value) for a in find_amounts("总投资1 20亿元，另有8\n.5亿元投资")]
    assert [v for _, v in got] == [Decimal("12000000000"), Decimal("850000000")]
    assert [a.value for a in find_amounts("项目58个 20亿元投资")] == [Decimal("2000000000")]
