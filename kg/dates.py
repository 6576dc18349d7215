"""Dates in Chinese news, resolved to ISO strings against the article's publication date.

``2024年10月22日`` -> ``2024-10-22``; ``2024年10月`` -> ``2024-10``; ``2024年`` -> ``2024``.
Dates without a year (``10月22日``) take the latest year (publication year, the one after or
the one before) that puts them at most :data:`FUTURE_DAYS` days after publication. ``今年``/``去年``/
``前年``/``明年`` are years relative to publication. Without a publication date only
dates with a stated year resolve.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

FUTURE_DAYS = 45
"""A yearless date may lie at most this many days after publication (announced events)."""
RELATIVE_YEARS = {"今年": 0, "本年": 0, "去年": -1, "上年": -1, "前年": -2, "明年": 1}
CN_DIGIT = {c: i for i, c in enumerate("〇一二三四五六七八九")} | {"零": 0, "两": 2}

_NUM = r"[0-9]{1,2}|[〇零一二两三四五六七八九十]{1,3}"
_YEAR = r"(?:(?P<year>(?:19|20)[0-9]{2}|[〇零一二三四五六七八九]{4})\s*年|(?P<rel>今年|本年|去年|上年|前年|明年))"
DATE_RE = re.compile(
    rf"(?:{_YEAR}\s*)?(?:(?P<month>{_NUM})\s*月(?:份)?\s*(?:(?P<day>{_NUM})\s*[日号])?)?"
)


BARE_DAY = re.compile(
    r"(?<![0-9〇零一二两三四五六七八九十月年.\-/])(?P<day>[0-9]{1,2})日"
    r"(?=上午|下午|晚间|晚上|早上|在|于|，|,|举行|召开|揭牌|宣布|正式|发布|披露)"
)
"""A day without its month (5日在…揭牌) in a news report: the latest such day up to publication."""


@dataclass(frozen=True)
class DateMatch:
    """A date in running text: ``text[start:end]``, resolved to ``value`` (ISO) or None."""

    start: int
    end: int
    text: str
    value: str | None


def resolve_date(text: str, published: str | None = None) -> str | None:
    """ISO date (``YYYY-MM-DD``, ``YYYY-MM`` or ``YYYY``) of ``text``, or None.

    >>> resolve_date("10月22日", "2024-10-26")
    '2024-10-22'
    >>> resolve_date("12月30日", "2025-01-05")
    '2024-12-30'
    >>> resolve_date("去年", "2025-08-19")
    '2024'
    """
    m = DATE_RE.fullmatch(re.sub(r"\s+", "", text or ""))
    if m is None or not m.group(0):
        return None
    return _resolve(m, _parse_published(published))


def find_dates(text: str, published: str | None = None) -> list[DateMatch]:
    """Dates in running text, in order; ``value`` is None when it cannot be resolved.

    >>> [(d.text, d.value) for d in find_dates("10月25日，武汉印发方案", "2024-10-26")]
    [('10月25日', '2024-10-25')]
    """
    pub = _parse_published(published)
    found: list[DateMatch] = []
    for m in DATE_RE.finditer(text):
        if not _is_date_match(text, m):
            continue
        end = m.end()
        while end > m.start() and text[end - 1].isspace():
            end -= 1
        found.append(DateMatch(m.start(), end, text[m.start() : end], _resolve(m, pub)))
    taken = [(d.start, d.end) for d in found]
    for m in BARE_DAY.finditer(text):
        if pub is not None and not any(s < m.end() and m.start() < e for s, e in taken):
            found.append(DateMatch(m.start(), m.end(), m.group(0), _bare_day(int(m["day"]), pub)))
    return sorted(found, key=lambda d: d.start)


def _bare_day(day: int, pub: dt.date) -> str | None:
    """``5日`` in an article published on ``pub``: this month's day if not after ``pub``,
    else last month's."""
    year, month = pub.year, pub.month
    if day > pub.day:
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
    try:
        return dt.date(year, month, day).isoformat()
    except ValueError:
        return None


def _is_date_match(text: str, m: re.Match[str]) -> bool:
    """A non-empty match that is not the tail of a longer number (e.g. 112月 is no month)."""
    if not m.group(0).strip() or not (m.group("year") or m.group("rel") or m.group("month")):
        return False
    bare_month = m.group("year") is None and m.group("rel") is None and m.group("day") is None
    if bare_month and not _month_context(text, m):
        return False
    return m.start() == 0 or not (text[m.start() - 1].isdigit() or text[m.start() - 1] in ".")


def _month_context(text: str, m: re.Match[str]) -> bool:
    """A bare month (9月) is a date only after a range mark or before 份/底/初/以来/至 or a comma."""
    if re.match(r"份|底|初|中旬|上旬|下旬|以来|起|至|，|,", text[m.end() : m.end() + 2]):
        return True
    return text[max(0, m.start() - 1) : m.start()] in ("至", "—", "-", "到", "~", "～")


def _parse_published(published: str | None) -> dt.date | None:
    """Publication date from ``YYYY-MM-DD`` (or ``YYYY-MM``/``YYYY``: first day)."""
    if not published:
        return None
    parts = [int(p) for p in re.findall(r"\d+", published)[:3]]
    parts += [1] * (3 - len(parts))
    try:
        return dt.date(*parts)
    except (TypeError, ValueError):
        return None


def _resolve(m: re.Match[str], pub: dt.date | None) -> str | None:
    """ISO string for a :data:`DATE_RE` match given the publication date."""
    month = _number(m.group("month")) if m.group("month") else None
    day = _number(m.group("day")) if m.group("day") else None
    year = _year(m, pub, month, day)
    if year is None:
        return None
    if month is None:
        return f"{year:04d}"
    if not 1 <= month <= 12:
        return None
    if day is None:
        return f"{year:04d}-{month:02d}"
    try:
        return dt.date(year, month, day).isoformat()
    except ValueError:
        return None


def _year(m: re.Match[str], pub: dt.date | None, month: int | None, day: int | None) -> int | None:
    """Stated, relative or inferred year; None when it cannot be known."""
    if m.group("year"):
        return _number(m.group("year"))
    if pub is None:
        return None
    if m.group("rel"):
        return pub.year + RELATIVE_YEARS[m.group("rel")]
    if month is None or not 1 <= month <= 12:
        return None
    for year in (pub.year + 1, pub.year, pub.year - 1):
        try:
            candidate = dt.date(year, month, day or 1)
        except ValueError:
            continue  # 2月29日 outside a leap year: try another year
        if (candidate - pub).days <= FUTURE_DAYS:
            return year
    return pub.year


def _number(s: str) -> int:
    """Arabic or Chinese numeral (十, 二十二, 二〇二四) -> int."""
    if s.isdigit():
        return int(s)
    if "十" not in s:
        return int("".join(str(CN_DIGIT[c]) for c in s))
    tens, _, units = s.partition("十")
    return (CN_DIGIT[tens] if tens else 1) * 10 + (CN_DIGIT[units] if units else 0)
