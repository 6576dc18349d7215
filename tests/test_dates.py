"""Dates: resolution against the publication date, and finding dates in running text."""

from __future__ import annotations

import pytest

from kg.dates import find_dates, resolve_date


@pytest.mark.parametrize(
    ("text", "published", "expected"),
    [
        ("10月22日", "2024-10-26", "2024-10-22"),
        ("2024年10月", None, "2024-10"),
        ("2024年10月22日", None, "2024-10-22"),
        ("2024年", None, "2024"),
        ("二〇二四年十月二十二日", None, "2024-10-22"),
        ("今年", "2025-08-19", "2025"),
        ("去年", "2025-08-19", "2024"),
        ("去年11月", "2025-08-19", "2024-11"),
        ("今年3月", "2025-08-19", "2025-03"),
        ("12月30日", "2025-01-05", "2024-12-30"),
        ("1月3日", "2024-12-20", "2025-01-03"),
        ("11月5日", "2024-10-26", "2024-11-05"),
        ("10 月 1 日", "2024-10-26", "2024-10-01"),
        ("8月\n18日", "2025-08-19", "2025-08-18"),
        ("10月22日", None, None),
        ("今年", None, None),
        ("2月30日", "2024-03-01", None),
        ("13月", "2024-03-01", None),
        ("2000多名", None, None),
        ("", "2024-03-01", None),
    ],
)
def test_dates_resolve(text: str, published: str | None, expected: str | None) -> None:
    assert resolve_date(text, published) == expected


def test_dates_find_in_text() -> None:
    text = "10月22日，基金揭牌成立。今年1月至9月产值增长，2000多名教授，3年孵化86个项目。"
    found = find_dates(text, "2024-10-26")
    assert [(d.text, d.value) for d in found] == [
        ("10月22日", "2024-10-22"),
        ("今年1月", "2024-01"),
        ("9月", "2024-09"),
    ]
    assert all(text[d.start : d.end] == d.text for d in found)


def test_dates_find_without_publication_keeps_unresolved() -> None:
    [d] = find_dates("10月25日，武汉印发方案")
    assert (d.text, d.value) == ("10月25日", None)


def test_dates_bare_month_needs_context() -> None:
    assert find_dates("覆盖112项技术，共3个月") == []


def test_a_bare_day_in_a_report_is_the_latest_such_day_up_to_publication() -> None:
    from kg.dates import find_dates

    got = [(d.text, d.value) for d in find_dates("实验室5日在洪山区揭牌，28日上午签约。", "2025-11-06")]
    assert got == [("5日", "2025-11-05"), ("28日", "2025-10-28")]


def test_a_bare_day_count_is_no_date() -> None:
    from kg.dates import find_dates

    assert find_dates("审批在5日内完成，15日起执行", "2025-11-06") == []
