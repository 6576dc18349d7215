"""Money amounts in Chinese news: parse to ``Decimal`` yuan, and find them in running text.

cn2an alone fails on approximations (近/约/余/超), on 一点二亿 and on mixed forms such as
3.5万亿 or 1,200万, so this module strips qualifiers, splits off the magnitude units itself
and gives cn2an only the bare Chinese numeral. Approximations keep the stated figure
(近500亿元 -> 50000000000). Values are ``Decimal``, never float.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

CN_DIGITS = "零〇一二两三四五六七八九"
CN_NUMBER_CHARS = CN_DIGITS + "十百千点"
MAGNITUDES = {"十": 10, "百": 100, "千": 1000, "万": 10_000, "亿": 100_000_000}
PREFIXES = (
    "超过",
    "将近",
    "接近",
    "大约",
    "不低于",
    "不少于",
    "至少",
    "逾",
    "近",
    "约",
    "超",
    "过",
)
SUFFIXES = ("左右", "以上", "多", "余")
WORD_ENDINGS = frozenset(
    {"签约", "合约", "预约", "节约", "制约", "通过", "经过", "不过", "赶超", "最近", "附近", "临近"}
)
FOREIGN = ("美元", "欧元", "港元", "港币", "日元", "英镑", "美金")

_ARABIC = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:[ \n]\d+)?(?:[ \n]?\.[ \n]?\d+)?"
"""Arabic numbers; one space or line break inside (1 20亿元, 8\\n.5亿元) is page layout."""
_CHINESE = rf"[{CN_NUMBER_CHARS}]+"
_MAG = r"[十百千]?(?:万亿|亿|万)|千万|百万|十万|千亿|百亿|十亿"
_PREFIX = "|".join(PREFIXES)
AMOUNT_RE = re.compile(
    rf"(?P<prefix>{_PREFIX})?\s*"
    rf"(?P<num>{_ARABIC}|{_CHINESE})\s*(?P<approx1>多|余)?"
    rf"(?P<mag>(?:{_MAG})?)(?P<approx2>多|余)?(?P<cur>元|块钱)?"
)
COUNT_AFTER = re.compile(
    r"\s*(?:人|名|家|个|项|级|倍|辆|套|户|组|次|例|座|亩|吨|平方|公里|台|张|件|册|间|栋|所|位|株|头|只|条)"
)
MONEY_CONTEXT = (
    "投资",
    "资金",
    "资助",
    "奖励",
    "补贴",
    "补助",
    "规模",
    "基金",
    "营收",
    "收入",
    "产值",
    "交易额",
    "融资",
    "出资",
    "注资",
    "募资",
    "资本",
    "拨",
    "贷款",
    "金额",
    "预算",
    "经费",
    "税",
    "GDP",
    "生产总值",
    "增加值",
    "消费",
    "销售额",
    "成交额",
    "利润",
    "支持",
    "估值",
    "总额",
)


@dataclass(frozen=True)
class AmountMatch:
    """A money amount in running text: ``text[start:end]`` is worth ``value`` yuan.

    ``unit`` is the written unit (亿元, 万元, 元, 亿 ...); ``qualifier`` the approximation word
    (近, 约, 超 ...) or ``None``.
    """

    start: int
    end: int
    value: Decimal
    text: str
    unit: str
    qualifier: str | None = None


def parse_amount(text: str) -> Decimal | None:
    """The amount written in ``text`` in yuan, or None when it is not an amount.

    >>> parse_amount("近500亿元")
    Decimal('50000000000')
    >>> parse_amount("一点二亿")
    Decimal('120000000')
    >>> parse_amount("二〇二三") is None
    True
    """
    s = re.sub(r"\s+", "", text or "")
    if not s or any(f in s for f in FOREIGN):
        return None
    m = AMOUNT_RE.fullmatch(s) or _match_with_suffix(s)
    if m is None:
        return None
    return _value(m)


def _match_with_suffix(s: str) -> re.Match[str] | None:
    """Match after removing a trailing 左右/以上 (approximations keep the stated figure)."""
    for suffix in ("左右", "以上", "以内"):
        if s.endswith(suffix):
            return AMOUNT_RE.fullmatch(s[: -len(suffix)])
    return None


def _value(m: re.Match[str]) -> Decimal | None:
    """The yuan value of an :data:`AMOUNT_RE` match, None for numerals that are not amounts."""
    num, mag = m.group("num"), m.group("mag")
    if not mag and not m.group("cur") and not _is_arabic(num) and not _is_positional(num):
        return None  # 二〇二三: digit-by-digit Chinese numerals with no unit are years or codes
    base = _parse_number(num)
    if base is None:
        return None
    return _integral(base * _magnitude(mag))


def _integral(value: Decimal) -> Decimal:
    """Drop a zero fraction (120000000.0 -> 120000000) so equal amounts print alike."""
    return value.quantize(Decimal(1)) if value == value.to_integral_value() else value.normalize()


def _is_arabic(num: str) -> bool:
    return num[0].isdigit()


def _is_positional(num: str) -> bool:
    return any(c in "十百千点" for c in num)


def _magnitude(mag: str) -> Decimal:
    """Multiplier of a unit string such as 亿, 万亿, 千万 (empty string -> 1)."""
    factor = Decimal(1)
    for ch in mag:
        factor *= MAGNITUDES[ch]
    return factor


def _parse_number(num: str) -> Decimal | None:
    """Arabic (with thousands commas) or Chinese numeral -> Decimal."""
    if _is_arabic(num):
        try:
            return Decimal(re.sub(r"[,\s]", "", num))
        except InvalidOperation:
            return None
    if num[0] in "十百千":
        num = "一" + num  # 千余元, 百亿元: a bare unit counts one
    return _cn2an(num)


def _cn2an(num: str) -> Decimal | None:
    """Chinese numeral -> Decimal through cn2an (smart mode), via its exact string form."""
    import cn2an

    try:
        value = cn2an.cn2an(num, "smart")
    except (ValueError, KeyError, IndexError):
        return None
    return Decimal(str(value))


def find_amounts(text: str) -> list[AmountMatch]:
    """Money amounts in running text, in order.

    A match counts when it is written in 元, or carries 万/亿 and sits in a money context
    (投资, 规模, 资金 … in the 12 characters before it) and is not followed by a counter
    (家, 名, 项 …). Amounts in foreign currency are skipped.

    >>> [(a.text, a.value) for a in find_amounts("总投资51亿元，孵化300个项目")]
    [('51亿元', Decimal('5100000000'))]
    """
    found: list[AmountMatch] = []
    for m in AMOUNT_RE.finditer(text):
        match = _money_match(text, m)
        if match is not None:
            found.append(match)
    return found


def _money_match(text: str, m: re.Match[str]) -> AmountMatch | None:
    """An AmountMatch for a regex match that is money, else None."""
    num, mag, cur = m.group("num"), m.group("mag"), m.group("cur")
    if not (mag or cur) or (num[0] in "点" or num == "零"):
        return None
    if not cur and any(text.startswith(f, m.end()) for f in FOREIGN):
        return None
    if not cur:
        before = _clause_before(text, m.start(), 12)
        if COUNT_AFTER.match(text, m.end()) or not any(w in before for w in MONEY_CONTEXT):
            return None
    if _inside_word(text, m):
        return None
    value = _value(m)
    if value is None or value == 0:
        return None
    prefix = m.group("prefix")
    if prefix and text[max(0, m.start() - 1) : m.start() + len(prefix)] in WORD_ENDINGS:
        prefix = None  # 签约200亿元, 通过100万元: the qualifier is the end of another word
    start = m.start() if prefix else m.start("num")
    unit = (mag or "") + (cur or "")
    return AmountMatch(start, m.end(), value, text[start : m.end()], unit, prefix)


def _clause_before(text: str, end: int, width: int) -> str:
    """Up to ``width`` characters before ``end``, not crossing a line break or 。；."""
    start = max(0, end - width)
    cut = max(text.rfind(c, start, end) for c in "\n。；;")
    return text[max(start, cut + 1) : end]


def _inside_word(text: str, m: re.Match[str]) -> bool:
    """True when a Chinese-numeral match is part of a longer word (万人, 一千万 in 千万元级 is fine)."""
    num = m.group("num")
    if _is_arabic(num):
        return m.start("num") > 0 and text[m.start("num") - 1] in ".,"
    return m.start("num") > 0 and text[m.start("num") - 1] in CN_NUMBER_CHARS + "万亿第数几"
