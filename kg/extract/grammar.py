"""The suffix/head grammar: a name is ``<left extension><head>`` (…实验室, …产业园, …基金).

The left boundary rule: from the head, extend left over the words of the same clause and
stop at (1) punctuation, quotes, white space or the line start, (2) a digit unless the
rule allows a year or 第N届 (events), (3) a word of ``patterns/left_stops.txt`` (function words,
clause-opening predicates), (4) a closed-class jieba POS (particle, conjunction, pronoun,
numeral, measure word, adverb), or (5) the rule's maximum length. jieba POS is computed on
that short window only. The name is then rejected when its prefix is too short or made only
of descriptor words (国家重点实验室 is a category, not a name).
"""

from __future__ import annotations

import re
from functools import lru_cache

from kg.extract import rules
from kg.extract.candidates import HARD_STOPS, Candidate, clean_name, pos_tags

STOP_FLAGS = frozenset(
    {
        "uj",
        "ul",
        "uz",
        "ug",
        "uv",
        "ud",
        "u",
        "c",
        "r",
        "y",
        "e",
        "o",
        "d",
        "ad",
        "q",
        "w",
        "t",
        "f",
        "p",
    }
)
ORDINAL = re.compile(r"^第[一二三四五六七八九十百零〇\d]+$")
NUMERAL_WORD = re.compile(r"^[\d一二三四五六七八九十百千万两几多数]+[大个家项条座批类级]?$")
ADMIN_SEPARATE = frozenset({"Area", "Park", "Project", "Lab"})
# a park with a generic body keeps the district before it (蔡甸区人工智能产业园); a fund always
# keeps its region (湖北省长江经济带产业引导基金: official fund names open with it)
ADMIN_GENERIC = frozenset({"Park", "Fund"})
LEGAL_STOP_FLAGS = frozenset({"uj", "ul", "c", "q", "r", "t"})
WINDOW = 48
CJK_ONLY = re.compile(r"^[\u4e00-\u9fff]+$")
YEAR_TOKEN = re.compile(
    r"^(?:(?:19|20)\d\d年?|第[一二三四五六七八九十百\d]+[届次]?|[一二三四五六七八九十]+[届次]?|[届次年])$"
)
PLACE_FLAGS = frozenset({"ns"})
PROPER_FLAGS = frozenset({"nr", "nrt", "nrfg", "ns", "nt", "nz", "eng", "j"})


@lru_cache(maxsize=1)
def _head_index() -> tuple[re.Pattern[str], dict[str, rules.HeadRule]]:
    table = {r.head: r for r in rules.head_rules() if "quoted_only" not in r.flags}
    alternation = "|".join(map(re.escape, sorted(table, key=lambda h: (-len(h), h))))
    return re.compile(f"(?=({alternation}))"), table


def find_heads(text: str, boundaries: frozenset[int]) -> list[Candidate]:
    """Every name the head grammar accepts in ``text`` (overlaps are resolved later)."""
    regex, table = _head_index()
    found = []
    for m in regex.finditer(text):
        head = m.group(1)
        hs, he = m.start(1), m.end(1)
        rule = table[head]
        glued_title = "bare" in rule.flags and text[he : he + 4].startswith(BODY_TITLES)
        if he not in boundaries and not glued_title and not ("single" in rule.flags and not _glued_right(text, hs, he)):
            continue
        if "bare" in rule.flags:
            found.append(_bare_body(text, hs, he, rule))
            continue
        if "single" in rule.flags and _inside_word(text, hs, he):
            continue
        if text[he : he + 2].startswith(tuple(rules.word_list("collective_suffixes"))):
            continue
        if _generic_head(text, he) or ("pred" in rule.flags and _predicate_follows(text, he)):
            continue
        start = _drop_glued_function_char(text, left_boundary(text, hs, he, rule), hs)
        glued = start - 1 in boundaries and text[start - 1 : start] in rules.word_list("function_chars")
        while start < hs and start not in boundaries and not glued:  # 于常福: jieba glued 于
            start += 1
        start = _known_name_start(text, start, hs, rule, boundaries)
        if rule.type == "Lab":
            start = _host_start(text, start, hs)
        if start == hs and "agency" in rule.flags and hs > 0 and text[hs - 1] in LEVEL_CHARS:
            start -= 1  # 由区科技局: the level (区, 市, 省) belongs to the agency's name
        cand = _accept(text, start, hs, he, rule)
        if cand is not None:
            found.append(_with_parenthetical(text, cand) if rule.type == "Event" else cand)
    return found


def _generic_head(text: str, he: int) -> bool:
    """A relational noun ends at ``he`` (控股子公司, 投向子基金): not a name."""
    return any(text.endswith(g, 0, he) for g in rules.word_list("generic_heads"))


def _predicate_follows(text: str, he: int) -> bool:
    """A predicate follows the head (公司总部位于…): the head is a role, not a name."""
    return text[he : he + 3].startswith(tuple(rules.word_list("predicate_after")))


def _drop_glued_function_char(text: str, start: int, hs: int) -> int:
    """Skip a function character jieba glued to an unknown first word (了涵宇科技 -> 涵宇科技)."""
    if start >= hs - 1 or text[start] not in rules.word_list("function_chars"):
        return start
    first = pos_tags(text[start:hs])[0][0]
    return start + 1 if len(first) > 2 and _unknown(first) else start


PARTY_PREFIXES = ("中共", "共青团")
LEVEL_CHARS = "省市区县"
# titles jieba glues to a party committee (区委书记): the committee still ends before them
BODY_TITLES = ("书记", "副书记")


def _bare_body(text: str, hs: int, he: int, rule: rules.HeadRule) -> Candidate:
    """省委 alone, or with the place before it (硚口区委, 中共湖北省委)."""
    index = rules.gazetteer_index()
    start = hs
    for n in range(min(7, hs), 1, -1):
        before = text[hs - n : hs]
        party = next((p for p in PARTY_PREFIXES if before.startswith(p)), "")
        place = before[len(party) :]
        entry = index.get(place) or index.get(place + text[hs])  # 青山 + 区委 = 青山区委
        if entry is not None and entry.type in rules.PLACE_CLASSES and place:
            start = hs - n
            break
    return Candidate(start, he, rule.type, f"suffix:{rule.head}", text[start:he], priority=1)


def _glued_right(text: str, hs: int, he: int) -> bool:
    """True when a one-character head starts a dictionary word (厂长, 片面)."""
    import jieba

    return any(jieba.dt.FREQ.get(text[hs : he + n]) for n in (1, 2))


def _inside_word(text: str, hs: int, he: int) -> bool:
    """True when a one-character head ends a dictionary word (芯片, 工厂, 一片)."""
    import jieba

    for n in (1, 2):
        word = text[max(0, hs - n) : he]
        if len(word) > len(text[hs:he]) and jieba.dt.FREQ.get(word):
            return True
    return False


def _with_parenthetical(text: str, cand: Candidate) -> Candidate:
    """An event name followed by a short parenthetical keeps it (峰会（大湾区）), with an alias."""
    m = re.match(r"[（(]([^（）()，。]{1,8})[）)]", text[cand.end : cand.end + 10])
    if not m:
        return cand
    name = cand.name + "（" + m.group(1) + "）"
    return Candidate(cand.start, cand.end + m.end(), cand.type, cand.method, name, aliases=(cand.name,), priority=cand.priority)


def _window_start(text: str, hs: int, he: int, rule: rules.HeadRule) -> int:
    limit = max(0, hs - WINDOW)
    j = hs
    allow_digits = "year" in rule.flags
    while j > limit:
        c = text[j - 1]
        qualifier = _place_qualifier(text, j)
        if qualifier is not None:  # 百度智能云千帆大模型（武汉）创新中心
            j = qualifier
            continue
        if c == "”" and allow_digits and j < hs:  # an event name may embed a quoted part
            opening = text.rfind("“", limit, j - 1)
            if opening >= 0 and "\n" not in text[opening:j]:
                j = opening
                continue
        if c == " " and _latin_gap(text, j - 1):  # C DMO: a line break ingest joined with a space
            j -= 1
            continue
        if c in HARD_STOPS or (c.isdigit() and not allow_digits):
            break
        j -= 1
    return j


def _latin_gap(text: str, i: int) -> bool:
    """``text[i]`` is one space between two Latin letters (a name such as CDMO split by a line)."""
    return 0 < i < len(text) - 1 and text[i - 1].isascii() and text[i - 1].isalpha() and text[i + 1].isascii() and text[i + 1].isalpha()


def left_boundary(text: str, hs: int, he: int, rule: rules.HeadRule) -> int:
    """Start offset of the name whose head is ``text[hs:he]`` (see the module docstring)."""
    j = _window_start(text, hs, he, rule)
    if j == hs:
        return hs
    stops = rules.word_list("left_stops")
    pos, toks = j, []
    for word, flag in pos_tags(text[j:he]):
        toks.append((pos, pos + len(word), word, flag))
        pos += len(word)
    left, right_word = hs, text[hs:he]
    for s, e, word, flag in reversed(toks):
        if s >= hs:
            continue
        if e > hs:  # a word that runs into the head (科技大学) belongs to the name
            left, right_word = s, word
            continue
        if _glued_conjunction(word, flag):  # 和智远 (c + name): the name starts after it
            return s + 1 if he - s - 1 <= rule.max_len else left
        numbered = _address_number(word, right_word) or _in_qualifier(text, s) or (
            "year" in rule.flags and _in_quotes(text, j, hs, s)
        )
        inner = (
            _inner_joiner(word, right_word, rule)
            or _agency_joiner(text, j, s, word, rule)
            or _numeral_place(word, right_word, rule)
            or _name_opening_conjunction(text, s, word, flag)
        )
        stop = _is_stop(word, flag, rule, stops) and not (numbered or inner)
        if stop or he - s > rule.max_len or _qualifier_dot(text, s, word):
            break
        right_word = word
        if rule.type in ADMIN_SEPARATE and _is_admin_name(word) and not _in_qualifier(text, s):
            generic = rule.type in ADMIN_GENERIC and not _has_proper_word(text[e:hs])
            return s if generic else left
        left = s
    return left


JOINERS = {"Project": "及", "University": "与", "Lab": "与"}
AGENCY_ENDS = tuple("局厅委办部会处署")


def _agency_joiner(text: str, j: int, s: int, word: str, rule: rules.HeadRule) -> bool:
    """和 joining two fields inside one agency's name (科学技术和经济信息化局), not two
    agencies (财政局和科技局): the word before 和 is a common noun that ends no agency."""
    if word != "和" or "agency" not in rule.flags or s - j < 2:
        return False
    before = pos_tags(text[max(j, s - 4) : s])
    if not before:
        return False
    w, f = before[-1]
    return (
        len(w) >= 2
        and f == "n"
        and not w.endswith(AGENCY_ENDS)
        and w not in rules.gazetteer_index()
        and not _unknown(w)
    )


def _qualifier_dot(text: str, s: int, word: str) -> bool:
    """A ``·`` inside a location qualifier separates two places: （东湖高新区·光谷软件园）.

    Only in an open parenthesis whose text before the dot is an administrative place, so
    brand names with a dot (汉正街·武汉国际时装周) stay whole.
    """
    if word != "·":
        return False
    opening = max(text.rfind("（", 0, s), text.rfind("(", 0, s))
    if opening < 0 or re.search(r"[）)，。；\n]", text[opening:s]):
        return False
    place = text[opening + 1 : s]
    entry = rules.gazetteer_index().get(place)
    known = entry is not None and entry.type in rules.PLACE_CLASSES
    return known or (2 <= len(place) <= 8 and place.endswith(("区", "市", "县", "省")))


def _known_name_start(
    text: str, start: int, hs: int, rule: rules.HeadRule, boundaries: frozenset[int]
) -> int:
    """A name opens with the known place or organization inside it when a role word, verb or
    preposition ends the text before that name (鼓励|中国宝武…, 老股东|武汉…有限公司,
    区发改局会同|江夏区财政局, 师从|武汉…中心); registered names start with their region or brand."""
    index = rules.gazetteer_index()
    for k in range(start + 1, hs - 1):
        if k not in boundaries:
            continue
        forms = (text[k : k + n] for n in range(2, min(9, hs - k + len(rule.head)) + 1))
        known = [index[f] for f in forms if f in index]
        # an area is often part of a brand (同济|汉江湾|医院), a city or an organization is not
        if known and all(e.type != "Area" for e in known) and _role_prefix(text[start:k]):
            return k
    if "year" in rule.flags:  # 获|第八届…大赛
        m = re.match(r"(.{1,2}?)第[一二三四五六七八九十百\d]+届", text[start:hs])
        if m and CJK_ONLY.match(m.group(1)) and pos_tags(m.group(1))[-1][1] in ROLE_FLAGS:
            return start + len(m.group(1))
    return start


HOST_TYPES = frozenset({"University", "ResearchInstitute", "Company", "Hospital"})
BRIDGE_FLAGS = frozenset({"n", "v", "vn", "a", "an", "nz"})


def _host_start(text: str, start: int, hs: int) -> int:
    """A lab named after its host keeps it: <known university><field words>国家重点实验室
    (武汉某大学材料复合新技术国家重点实验室), when only 1–4 characters of content words
    (not a clause verb of ``left_stops``) lie between the host and the rest of the name."""
    index = rules.gazetteer_index()
    stops = rules.word_list("left_stops")
    for gap in range(1, 5):
        end = start - gap
        bridge = text[end:start]
        if end <= 0 or not CJK_ONLY.match(bridge):
            break
        tags = pos_tags(bridge)
        if any(w in stops or f not in BRIDGE_FLAGS for w, f in tags) or tags[0][1] not in {"n", "nz"}:
            continue  # the field words start with a noun (材料…), not a verb (建|光谷实验室)
        for n in range(min(12, end), 1, -1):
            entry = index.get(text[end - n : end])
            if entry is not None and entry.type in HOST_TYPES:
                return end - n
    return start


ROLE_FLAGS = frozenset({"v", "vn", "p", "c", "d", "a"})


def _role_prefix(prefix: str) -> bool:
    """The text ends with a common verb, preposition or role word (``patterns/role_words.txt``:
    股东, 方, 单位); a one-character word only as a preposition or role word (与|湖北…大学,
    not 环|华科大…)."""
    if not CJK_ONLY.match(prefix):
        return False
    word, flag = pos_tags(prefix)[-1]
    if word in rules.gazetteer_index() or flag in PROPER_FLAGS or (len(word) >= 2 and _unknown(word)):
        return False
    role = prefix.endswith(tuple(rules.word_list("role_words")))
    if len(word) == 1:
        return role or flag in {"p", "c"}
    return role or flag in ROLE_FLAGS
CN_DIGITS = re.compile(r"^[一二三四五六七八九零〇]{1,3}$")


def _glued_conjunction(word: str, flag: str) -> bool:
    """jieba glued a conjunction to an unknown name (和智远/nr): the name starts after it."""
    return len(word) >= 3 and word[0] in "和与及" and (flag.startswith("nr") or _unknown(word))


def _name_opening_conjunction(text: str, s: int, word: str, flag: str) -> bool:
    """和 / 与 right after 的 cannot join two phrases: it opens a name (投资的和瑞生物医药…)."""
    return flag == "c" and word in {"和", "与"} and text[s - 1 : s] == "的"


def _inner_joiner(word: str, right_word: str, rule: rules.HeadRule) -> bool:
    """及 / 与 joining two common words inside a project, college or lab name
    (研发及产业化项目, 材料科学与工程学院, 智能制造装备与技术全国重点实验室)."""
    if word != JOINERS.get(rule.type) or not right_word:
        return False
    return not is_distinctive(right_word, pos_tags(right_word)[0][1]) and len(right_word) <= 4


def _numeral_place(word: str, right_word: str, rule: rules.HeadRule) -> bool:
    """A numeral opening a place name (二七滨江商务区, 四新片区): Chinese digits with no
    measure word, in an area, park or project name, glued to name material."""
    if rule.type not in {"Area", "Park", "Project"} or not CN_DIGITS.match(word):
        return False
    return len(word) >= 2 or len(right_word) == 1


ADDRESS_PARTS = ("号", "路", "村", "街", "巷", "期", "栋", "楼", "所")


QUALIFIER = re.compile(r"[（(]([\u4e00-\u9fff]{2,4})[）)]$")


def _place_qualifier(text: str, j: int) -> int | None:
    """Start of a place name in parentheses ending at ``j`` inside a name ((武汉)), or None."""
    m = QUALIFIER.search(text[max(0, j - 6) : j])
    if not m or j - len(m.group(0)) <= 0:
        return None
    entry = rules.gazetteer_index().get(m.group(1))
    if entry is None or entry.type not in rules.PLACE_CLASSES:
        return None
    start = j - len(m.group(0))
    return start if CJK_ONLY.match(text[start - 1]) else None


def _in_qualifier(text: str, pos: int) -> bool:
    """The token at ``pos`` is part of a (place) qualifier inside a name."""
    for end in range(pos + 1, min(len(text), pos + 7) + 1):
        if text[end - 1] in "）)" and _place_qualifier(text, end) is not None:
            return _place_qualifier(text, end) <= pos
    return False


def _in_quotes(text: str, j: int, hs: int, pos: int) -> bool:
    """``pos`` lies inside a “…” pair of the window ``text[j:hs]`` (第三届“楚才杯”创新大赛)."""
    for m in re.finditer(r"“[^“”]{1,20}”", text[j:hs]):
        if j + m.start() <= pos < j + m.end():
            return True
    return False


def _address_number(word: str, right_word: str) -> bool:
    """A numeral inside a place or building name (汉水四村片, 凯德淮海壹号项目, 汉西三路片)."""
    numeral = NUMERAL_WORD.match(word) or re.fullmatch(r"[壹贰叁肆伍陆柒捌玖拾]+号?", word)
    return bool(numeral) and (word.endswith(ADDRESS_PARTS) or right_word.startswith(ADDRESS_PARTS))


EVENT_JOINERS = frozenset({"暨"})


def _is_stop(word: str, flag: str, rule: rules.HeadRule, stops: frozenset[str]) -> bool:
    if word in stops:  # a registered name may hold a verb (城市建设投资开发集团有限公司)
        return not ({"legal", "year"} & rule.flags and word in rules.word_list("name_verbs"))
    if "year" in rule.flags and word in EVENT_JOINERS:  # 峰会暨签约仪式: one event
        return False
    if word in rules.word_list("name_words"):
        return False
    if "year" in rule.flags and (YEAR_TOKEN.match(word) or word.strip(" “”") == "" or flag == "t"):
        return False
    if ORDINAL.match(word):
        return False
    if word == "·" or word == " " or re.fullmatch(r"[A-Za-z][A-Za-z0-9+\-]*", word):
        return False
    if flag == "m" or NUMERAL_WORD.match(word):
        return True
    if _unknown(word):  # jieba guessed its POS: an unknown word is name material
        return False
    if rule.type == "Company" and word in rules.legal_suffixes():
        return True  # 集团有限公司 | 武汉钢铁有限公司: one registered name ends where the next starts
    if "legal" in rule.flags:  # a registered name runs to the clause start
        return flag in LEGAL_STOP_FLAGS
    if flag == "x":
        return not re.match(r"[\u4e00-\u9fffA-Za-z0-9]", word)
    if flag == "v":
        return not ({"year", "legal"} & rule.flags) and word not in rules.word_list("name_verbs")
    if rule.type in {"Park", "Area"} and _ends_with_place_head(word):
        return True
    return flag in STOP_FLAGS


def _is_admin_name(word: str) -> bool:
    """A full administrative name (汉川市, 硚口区): a park, area, fund or project named after it
    starts after it (汉川市 | 汉正国际轻纺城)."""
    entry = rules.gazetteer_index().get(word)
    return entry is not None and entry.name == word and word.endswith(("市", "区", "省", "县"))


def _unknown(word: str) -> bool:
    import jieba

    return bool(re.fullmatch(r"[\u4e00-\u9fff]+", word)) and not jieba.dt.FREQ.get(word)


def _ends_with_place_head(word: str) -> bool:
    """A word ending with an area/park/event/program head closes a park or area name on its
    left (滨江数创大走廊 | 汉江湾人工智能产业园); a fund may carry an area's name."""
    return word.endswith(_name_closing_heads())


@lru_cache(maxsize=1)
def _name_closing_heads() -> tuple[str, ...]:
    kinds = {"Area", "Park", "Event"}
    heads = [r.head for r in rules.head_rules() if r.type in kinds and len(r.head) >= 2]
    # a development zone closes them too (…经济开发区|北湖片区), 新区 is often part of a name
    return tuple(heads + [r.head for r in rules.head_rules() if r.type == "District" and len(r.head) >= 5])


EVENT_SCOPES = ("全省", "全市", "全区", "全国", "中国", "世界", "国际", "第", "19", "20")
AMOUNT_BEFORE = re.compile(r"\d+(?:\.\d+)?\s*[万亿]?元$")


def _accept(text: str, start: int, hs: int, he: int, rule: rules.HeadRule) -> Candidate | None:
    if "brand" in rule.flags:
        start = _brand_start(text, start, hs)
        if start is None or _compound_follows(text, he):
            return None
    while start < hs and text[start] in "）)·":  # never open a name with a closing bracket or a dot
        start += 1
    prefix = text[start:hs]
    after_amount = "amount" in rule.flags and bool(AMOUNT_BEFORE.search(text[max(0, start - 12) : start]))
    if after_amount and he - start >= 4:
        return Candidate(start, he, rule.type, f"suffix:{rule.head}", clean_name(text[start:he]), priority=1)
    if len(prefix) < rule.min_prefix or (prefix and prefix.strip("·") == ""):
        return None
    if "place" in rule.flags and not _is_place_prefix(prefix):
        return None
    if "agency" in rule.flags:
        if he - start < 3:
            return None
    elif _only_descriptors(prefix) and not (rule.type == "Event" and prefix.startswith(EVENT_SCOPES)):
        return None
    if "strict" in rule.flags and not _has_proper_word(prefix):
        return None
    if "placed" in rule.flags and not _starts_with_place(prefix):
        return None
    if start > 0 and text[start - 1].isdigit() and prefix[:1] in MEASURE_CHARS:
        return None  # 第6代LTPS面板项目 cut after the digit: not a name's start
    if "single" in rule.flags and not _place_like_end(prefix):
        return None
    name = clean_name(text[start:he])
    type_ = "Fund" if "fundlike" in rule.flags and name[: -len(rule.head)].endswith("基金") else rule.type
    return Candidate(start, he, type_, f"suffix:{rule.head}", name, priority=1)


PLACE_LIKE_ENDS = ("街", "路", "村", "社区", "巷", "湾", "城", "口", "山", "湖", "河", "桥", "机", "厂")


def _place_like_end(prefix: str) -> bool:
    """A one-character head (片, 厂) follows a place-like or unknown word (皮子街片, 柴油机厂)."""
    tags = pos_tags(prefix)
    if not tags:
        return False
    word, flag = tags[-1]
    return word.endswith(PLACE_LIKE_ENDS) or is_distinctive(word, flag)


MEASURE_CHARS = "代期号届年月日个家项批座条"


def _starts_with_place(prefix: str) -> bool:
    """The prefix opens with a known place name (武汉国家级人工智能创新应用先导区)."""
    index = rules.gazetteer_index()
    return any(
        (e := index.get(prefix[:n])) is not None and e.type in rules.PLACE_CLASSES
        for n in range(2, min(6, len(prefix)) + 1)
    )


def _has_proper_word(prefix: str) -> bool:
    """The prefix holds a proper noun, an unknown word, a letter word or a known place."""
    places = rules.gazetteer_index()
    return any(is_distinctive(w, f) or w in places for w, f in pos_tags(prefix))


PLACE_SUFFIX_BAN = tuple("街路园片城港湾巷村镇店场馆楼")


def _is_place_prefix(prefix: str) -> bool:
    tags = pos_tags(prefix)
    if not 2 <= len(prefix) <= 3 or prefix.endswith(PLACE_SUFFIX_BAN):
        return False
    return len(tags) == 1 and tags[0][1] in PLACE_FLAGS


def _compound_follows(text: str, he: int) -> bool:
    """The head runs on into a generic compound (科技创新, 医疗机构): not a brand name's end."""
    tags = pos_tags(text[he : he + 4])
    return bool(tags) and tags[0][0] in rules.word_list("descriptors") | {"机构", "器械", "行业", "领域"}


def _brand_start(text: str, start: int, hs: int) -> int | None:
    """Start of a brand-style name: drop leading common words until a distinctive one
    (a place alone does not make a brand: 武汉科技 is not a company). At a clause start a
    two-character word is taken as the brand (远大医药，…)."""
    places = rules.gazetteer_index()
    start = _drop_glued_function_char(text, start, hs)
    pos = start
    tags = pos_tags(text[start:hs])
    for i, (word, flag) in enumerate(tags):
        rest = tags[i + 1 :]
        if word in places and not any(is_distinctive(w, f) and w not in places for w, f in rest):
            return None
        if is_distinctive(word, flag):
            pos = _latin_run_start(text, pos)
            return pos if 2 <= hs - pos <= 6 else None
        pos += len(word)
    start = hs - 2
    clause_start = start == 0 or (start > 0 and text[start - 1] in HARD_STOPS)
    word = text[max(start, 0) : hs]
    if not clause_start or word in rules.word_list("descriptors") or not CJK_ONLY.match(word):
        return None
    tags = pos_tags(word)
    if tags[0][1] in {"v", "vd", "vn", "d", "ad", "p", "c", "r"}:
        return None  # a brand does not open with a verb or an adverb (投硬科技 in a slogan)
    return start


def _latin_run_start(text: str, pos: int) -> int:
    """Start of a Latin word a joined line split (I DG资本 -> the name starts at I)."""
    while pos > 1 and text[pos - 1] == " " and _latin_gap(text, pos - 1):
        pos -= 2
        while pos > 0 and text[pos - 1].isascii() and text[pos - 1].isalpha():
            pos -= 1
    return pos


def is_distinctive(word: str, flag: str) -> bool:
    """A word that can carry a name: a proper noun, a letter word, or one jieba does not know."""
    import jieba

    if word in rules.word_list("descriptors") or len(word) < 2:
        return False
    if flag in PROPER_FLAGS or re.fullmatch(r"[A-Za-z][A-Za-z0-9]*", word):
        return True
    return jieba.dt.FREQ.get(word, 0) == 0


def _only_descriptors(prefix: str) -> bool:
    """True when the prefix names no particular thing (国家, 省级, 产业创新联合 ...).

    A place name is distinctive (汉江湾人工智能产业园, 武汉大学).
    """
    descriptors = rules.word_list("descriptors")
    if len(prefix) == 2 and _unknown(prefix):  # a coined two-character name (四新片区)
        return False
    words = [w for w, _ in pos_tags(prefix)] if prefix else []
    return all(w in descriptors or NUMERAL_WORD.match(w) for w in words)
