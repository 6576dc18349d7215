"""Names listed before a category word: ``A、B、C等<category>`` (蓝帆、蓝沙等企业总部).

Each listed item becomes a candidate of the category's class (``patterns/list_categories.tsv``)
when it looks like a name: a letter word (Dior), or Chinese of 2-12 characters holding a
word jieba does not know or tags as a proper noun. Items that another rule already types keep
their type (these candidates have the lowest priority), and items ending with a head of the
grammar are left to it.
"""

from __future__ import annotations

import re
from functools import lru_cache

from kg.extract import rules
from kg.extract.candidates import HARD_STOPS, Candidate, pos_tags
from kg.extract.grammar import is_distinctive

LATIN = re.compile(r"^[A-Za-z][A-Za-z0-9&'.\-\u00c0-\u024f]*(?: [A-Z][A-Za-z0-9&'.\-\u00c0-\u024f]*)*$")
ITEM = r"[^\s，。、；：！？（）()“”《》]{2,16}"


@lru_cache(maxsize=1)
def _pattern() -> tuple[re.Pattern[str], dict[str, str]]:
    table = dict(rules.keyed_list("list_categories"))
    cats = "|".join(map(re.escape, sorted(table, key=len, reverse=True)))
    rx = re.compile(rf"((?:{ITEM}、)+{ITEM})等[^，。；！？\n]{{0,12}}({cats})")
    return rx, table


def find_listed(text: str) -> list[Candidate]:
    """Candidates for the items of every enumeration that ends with a category word."""
    rx, table = _pattern()
    found = []
    for m in rx.finditer(text):
        type_ = table[m.group(2)]
        pos = m.start(1)
        items = m.group(1).split("、")
        for i, item in enumerate(items):
            start = pos
            if i == 0:
                start, item = _first_item(text, pos, pos + len(item))
            if item and _looks_like_name(item, type_):
                found.append(Candidate(start, start + len(item), type_, "enumeration", item, priority=0))
            pos += len(items[i]) + 1
    return found


def _first_item(text: str, start: int, end: int) -> tuple[int, str]:
    """The first item runs left only to a stop word or verb (汇聚了Dior -> Dior)."""
    stops = rules.word_list("left_stops")
    pos, keep = end, ""
    for word, flag in reversed(pos_tags(text[start:end])):
        if word in stops or flag in {"v", "p", "uj", "ul", "c", "m", "q", "d", "r"} and not is_distinctive(word, flag):
            break
        keep = word + keep
        pos -= len(word)
    if pos > 0 and text[pos - 1] not in HARD_STOPS and not keep:
        return end, ""
    return pos, keep


def _looks_like_name(item: str, type_: str) -> bool:
    if LATIN.match(item):
        return True
    if len(item) > 12 or any(_other_head(item, r, type_) for r in rules.head_rules()):
        return False
    import jieba

    places = rules.gazetteer_index()
    tags = pos_tags(item)
    if all(len(w) == 1 for w, _ in tags) and 2 <= len(item) <= 4 and not jieba.dt.FREQ.get(item):
        return True  # jieba knows none of it (晟捷): a coined name
    return any(is_distinctive(w, f) and w not in places for w, f in tags)


def _other_head(item: str, rule: rules.HeadRule, type_: str) -> bool:
    """The item ends with a head of another class (中心医院, 皮子街片): the grammar types it."""
    return item.endswith(rule.head) and rule.type != type_ and "place" not in rule.flags
