"""People: a name next to a title (区委书记周耕, 龚健雅院士) or before a speech verb (周耕表示).

A name is 2-4 characters that start with a common surname (or that jieba tags ``nr`` as a
whole), is followed by a word of ``person_context.tsv`` or punctuation, and is not in a
byline or photo credit (记者李佳, 陈亮 摄).
"""

from __future__ import annotations

import re
from functools import lru_cache

from kg.extract import rules
from kg.extract.candidates import CJK, HARD_STOPS, Candidate, pos_tags

SPEECH_CHARS = "说称讲"
BAD_NAME_FLAGS = frozenset({"v", "vn", "p", "c", "u", "uj", "d", "m", "q", "r", "a", "f"})


@lru_cache(maxsize=1)
def _tables() -> tuple[re.Pattern[str], re.Pattern[str], tuple[str, ...], tuple[str, ...]]:
    titles = rules.keyed_list("person_titles")
    before = sorted({t for t, pos in titles if pos == "before"}, key=len, reverse=True)
    after = sorted({t for t, pos in titles if pos == "after"}, key=len, reverse=True)
    context = rules.keyed_list("person_context")
    follow = tuple(sorted({w for w, role in context if role == "after"}, key=len, reverse=True))
    byline = tuple(sorted({w for w, role in context if role == "byline"}, key=len, reverse=True))
    before_rx = re.compile(
        "(?:" + "|".join(map(re.escape, before)) + r")(?:兼(?:[A-Z]+|[\u4e00-\u9fff]{2,4}))?"
    )
    after_rx = re.compile("(?=(?:" + "|".join(map(re.escape, after)) + "))")
    return before_rx, after_rx, follow, byline


def _surnames() -> frozenset[str]:
    return rules.word_list("surnames")


def name_after(text: str, pos: int) -> int | None:
    """End offset of a personal name starting at ``pos`` (2-4 chars), or None."""
    _, _, follow, _ = _tables()
    tags = pos_tags(text[pos : pos + 5])
    if tags and tags[0][1].startswith("nr") and 2 <= len(tags[0][0]) <= 4 and is_name(tags[0][0]):
        end = pos + len(tags[0][0])
        nxt = text[end : end + 3]
        if not nxt or nxt[0] in HARD_STOPS or nxt.startswith(follow):
            return end
    for length in (3, 2, 4):
        end = pos + length
        name = text[pos:end]
        if len(name) < length or not all(CJK.match(c) for c in name):
            continue
        nxt = text[end : end + 3]
        if (not nxt or nxt[0] in HARD_STOPS or nxt[0].isdigit() or nxt.startswith(follow)) and is_name(name):
            return end
    return None


def is_name(name: str) -> bool:
    """A plausible personal name: jieba tags it ``nr`` whole, or it starts with a common surname
    and is neither one common word nor contains a function word or predicate.

    >>> is_name("张文华"), is_name("表示"), is_name("负责人")
    (True, False, False)
    """
    if not 2 <= len(name) <= 4 or not all(CJK.match(c) for c in name):
        return False
    if len(name) == 3 and name[-1] in SPEECH_CHARS:  # 李明说: the name is 李明
        return False
    tags = pos_tags(name)
    if len(tags) == 1 and tags[0][1].startswith("nr"):
        return True
    surnames = _surnames()
    if name[0] not in surnames and name[:2] not in surnames:
        return False
    common = BAD_NAME_FLAGS | {"n", "ns", "nt", "nz", "vn", "an"}
    if len(tags) == 1 and tags[0][1] in common and not _misread_place(name, tags[0][1]):
        return False
    _, _, follow, _ = _tables()
    stops = rules.word_list("left_stops")
    known = rules.gazetteer_index()
    heads = {r.head for r in rules.head_rules()}
    return not any(w in stops or w in follow or w in known or w in heads for w, _ in tags)


PLACE_END_CHARS = "省市区县镇乡村街路山湖江河港湾岛"


def _misread_place(name: str, flag: str) -> bool:
    """jieba tags an unknown three-character name ``ns`` (郑海平): a name unless it ends like
    a place or is a known one."""
    return (
        flag == "ns"
        and len(name) == 3
        and name[-1] not in PLACE_END_CHARS
        and name not in rules.gazetteer_index()
    )


def find_people(text: str) -> list[Candidate]:
    """People introduced by a title before or after their name."""
    before_rx, after_rx, _, _ = _tables()
    found: list[Candidate] = []
    for m in before_rx.finditer(text):
        found.extend(_names_from(text, m.end()))
    for m in after_rx.finditer(text):
        if _title_introduces_name(text, m.start()):
            continue  # 帝沃思总经理孔林: the title introduces 孔林, not a name before it
        cand = _name_before(text, m.start())
        if cand:
            found.append(cand)
    return [c for c in found if not in_byline(text, c.start, c.end)]


def _title_introduces_name(text: str, start: int) -> bool:
    """A title at ``start`` that can stand before a name and has one right after it."""
    before_rx, _, _, _ = _tables()
    m = before_rx.match(text, start)
    return m is not None and name_after(text, m.end()) is not None


def _names_from(text: str, pos: int) -> list[Candidate]:
    """The name at ``pos`` and any names listed after it with 、 (省领导郭元强、张文兵)."""
    out = []
    while True:
        end = name_after(text, pos)
        if end is None:
            return out
        out.append(Candidate(pos, end, "Person", "person:title", text[pos:end], priority=2))
        if text[end : end + 1] != "、":
            return out
        pos = end + 1


def _name_before(text: str, title_start: int) -> Candidate | None:
    window = text[max(0, title_start - 6) : title_start]
    tags = pos_tags(window) if window else ()
    if not tags:
        return None
    word, flag = tags[-1]
    if len(tags) > 1 and len(word) == 2 and tags[-2][0] in _surnames() and is_name(tags[-2][0] + word):
        word, flag = tags[-2][0] + word, "nr"  # 罗/志远 -> 罗志远
    if flag.startswith("nr") and 2 <= len(word) <= 4 and is_name(word):
        return Candidate(
            title_start - len(word), title_start, "Person", "person:title_after", word, priority=2
        )
    return None


def in_byline(text: str, start: int, end: int) -> bool:
    """True for a name in a byline or photo credit (记者李佳, 通讯员武经宣, 陈亮 摄)."""
    _, _, _, byline = _tables()
    before = text[max(0, start - 6) : start]
    after = text[end : end + 3].lstrip(" 　")
    return after.startswith("摄") or before.endswith(byline)


def find_speakers(text: str) -> list[Candidate]:
    """Names opening a clause before a speech verb (周耕表示, 雷军说); jieba must tag them nr."""
    found = []
    rx = re.compile(
        r"(?:^|(?<=[，。；！？、\n“”:：]))([\u4e00-\u9fff]{2,4}?)(?=表示|强调|指出|说|介绍|认为|透露)"
    )
    for m in rx.finditer(text):
        name = m.group(1)
        if is_name(name):
            found.append(
                Candidate(m.start(1), m.end(1), "Person", "person:speaker", name, priority=2)
            )
    return [c for c in found if not in_byline(text, c.start, c.end)]
