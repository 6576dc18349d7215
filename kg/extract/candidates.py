"""Candidate names found in a text, before overlap resolution and entity building.

Each finder is a pure function ``text -> list[Candidate]`` driven by the rule data in
``kg/resources``; the spaCy components in :mod:`kg.extract.components` call them.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache

from kg.extract import rules

# Characters a name never spans: punctuation, brackets, quotes, white space.
HARD_STOPS = frozenset(
    "，。、；：！？（）()“”‘’\"'《》【】[]<>〈〉「」『』—…,.;:!?|/\\\n\r\t 　■●◆▲★※"
)
OPEN_QUOTES = '“‘"「『《'
CLOSE_QUOTES = '”’"」』》'
CJK = re.compile(r"[\u4e00-\u9fff]")


@dataclass(frozen=True, order=True)
class Candidate:
    """A possible entity mention: ``text[start:end]`` of class ``type``.

    ``name`` is the normalized name (quotes removed); ``canonical`` a gazetteer name when known;
    ``aliases`` other names the rule knows for it (the content of quotes, a stripped form).
    """

    start: int
    end: int
    type: str
    method: str
    name: str
    canonical: str | None = None
    aliases: tuple[str, ...] = field(default=(), compare=False)
    priority: int = 0


@lru_cache(maxsize=65536)
def pos_tags(text: str) -> tuple[tuple[str, str], ...]:
    """jieba POS tags of a short span (cached; never call on a whole article)."""
    import jieba.posseg

    return tuple((p.word, p.flag) for p in jieba.posseg.cut(text))


def clean_name(text: str) -> str:
    """A name without quotes, book-title marks and spaces.

    >>> clean_name("“锦鲤计划”")
    '锦鲤计划'
    >>> clean_name("Northlight  Capital")
    'Northlight Capital'
    >>> clean_name("C DMO")  # a Latin word split by a joined line break
    'CDMO'
    """
    # words of a Latin name keep one space (Blue Harbor Ventures); a single letter before a
    # space or a lower-case/upper-case run after it is one word a line break split (C DMO)
    text = re.sub(r"(?<=[A-Za-z0-9]{2})\s+(?=[A-Z][a-z])", "\x00", text)
    return re.sub(r"[\s“”‘’\"'《》「」『』]", "", text).replace("\x00", " ")


def find_gazetteer(text: str, boundaries: frozenset[int]) -> list[Candidate]:
    """Known names and aliases, longest first; a short form (≤ 2 chars) must be a whole token."""
    index = rules.gazetteer_index()
    found = []
    for m in _gazetteer_regex().finditer(text):
        form = m.group(0)
        if len(form) <= 2 and not (m.start() in boundaries and m.end() in boundaries):
            continue
        entry = index[form]
        found.append(
            Candidate(m.start(), m.end(), entry.type, "gazetteer", form, entry.name, priority=2)
        )
    return found


@lru_cache(maxsize=1)
def _gazetteer_regex() -> re.Pattern[str]:
    forms = sorted(rules.gazetteer_index(), key=lambda f: (-len(f), f))
    return re.compile("|".join(map(re.escape, forms)))


NUMBERED_POLICY = re.compile(r"^(.{0,8}?)([一二三四五六七八九十]{1,3}条)(\s*\d+(?:\.\d+)?版)?$")


def find_quoted(text: str) -> list[Candidate]:
    """Names in quotes or 《》: policy titles, “…九条” programs, quoted names before a head."""
    found = []
    for m in re.finditer(r"《([^《》\n]{2,60})》|“([^“”\n]{2,40})”", text):
        inner = m.group(1) or m.group(2)
        cand = _quoted_program(text, m, inner) or _quoted_head(text, m, inner)
        if cand:
            found.append(cand)
    return found


def _quoted_program(text: str, m: re.Match[str], inner: str) -> Candidate | None:
    name = clean_name(inner)
    core = re.sub(r"[（(][^（）()]{1,16}[）)]$", "", name)
    if m.group(1) and core.endswith(tuple(rules.word_list("program_titles"))):
        aliases = (core,) if core != name else ()
        return Candidate(m.start(), m.end(), "Program", "title", name, aliases=aliases, priority=3)
    numbered = NUMBERED_POLICY.match(name)
    if numbered and m.group(2):
        start, prefix = _topic_prefix(text, m.start())
        full = clean_name(prefix + name)
        aliases = (name,) if prefix else ()
        return Candidate(
            start, m.end(), "Program", "numbered_policy", full, aliases=aliases, priority=3
        )
    for rule in rules.head_rules():
        if "+" in name or rule.flags & {"place", "brand", "single", "placed"}:
            continue
        if name.endswith(rule.head) and len(name) > len(rule.head) + 1:
            if "strict" in rule.flags and not _proper_prefix(name[: -len(rule.head)]):
                continue  # “万人研发中心” is a target, not a name
            return Candidate(m.start(), m.end(), rule.type, "quoted", name, priority=3)
    return None


def _proper_prefix(prefix: str) -> bool:
    from kg.extract.grammar import _has_proper_word

    return _has_proper_word(prefix)


def _topic_prefix(text: str, quote_start: int) -> tuple[int, str]:
    """The topic word glued before a quoted numbered policy (人工智能“九条” -> 人工智能)."""
    j = quote_start
    while j > 0 and CJK.match(text[j - 1]) and quote_start - j < 6:
        j -= 1
    window = text[j:quote_start]
    tags = pos_tags(window) if window else ()
    keep = ""
    for word, flag in reversed(tags):
        if flag in {"p", "c", "u", "uj", "m", "q", "r", "d"} or word in rules.word_list(
            "left_stops"
        ):
            break
        keep = word + keep
    return quote_start - len(keep), keep


QUOTED_HEAD_TYPES = frozenset({"Program", "Park", "Fund", "Event"})


def _quoted_head(text: str, m: re.Match[str], inner: str) -> Candidate | None:
    """A quoted name followed directly by a head: “锦鲤”计划 -> Program 锦鲤计划.

    Not for projects (“工业上楼”项目 names a kind of project); a ``+`` slogan only names a
    program (“人工智能+”行动), not a fund (“创投+产投”基金体系).
    """
    after = text[m.end() : m.end() + 6]
    for rule in rules.head_rules():
        if "+" in inner and rule.type != "Program":
            continue
        if after.startswith(rule.head) and rule.type in QUOTED_HEAD_TYPES:
            name = clean_name(inner) + rule.head
            end = m.end() + len(rule.head)
            alias = (clean_name(inner),)
            return Candidate(m.start(), end, rule.type, "quoted_head", name, aliases=alias, priority=3)
    return None


def token_boundaries(offsets: Iterable[tuple[int, int]]) -> frozenset[int]:
    """Every start and end offset of the given tokens."""
    marks: set[int] = set()
    for start, end in offsets:
        marks.add(start)
        marks.add(end)
    return frozenset(marks)


def find_patterns(text: str) -> list[Candidate]:
    """Names matched by the regexes of ``patterns/name_patterns.tsv`` (环东湖 areas)."""
    found = []
    for rule, type_, rx in rules.name_patterns():
        for m in rx.finditer(text):
            s, e = m.span("name")
            found.append(Candidate(s, e, type_, f"pattern:{rule}", m.group("name"), priority=1))
    return found
