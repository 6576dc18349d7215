"""Relation extraction: cue rules over entity mentions, amounts and dates.

Every rule lives in ``kg/resources/relations/`` (loaded once):

- ``pair_rules.tsv``: a left and a right mention in one sentence (or two adjacent ones), the
  text between them, after the right one and before the left one (mentions shown as
  ``〈Type〉``) -> a property, its direction and a confidence;
- ``amount_rules.tsv``: money amounts -> fundSize / investmentAmount / supportAmount;
- ``date_rules.tsv``: dates -> foundingDate;
- ``anaphora.tsv`` (该区, 园区 ...) and ``topics.tsv`` (人才政策 -> 人才十条) for references;
- ``parties.tsv``: 双方 standing for the two partners just named (双方将共建C);
- ``types.tsv`` (type groups) and ``macros.tsv`` (shared regex fragments such as ``{TITLEW}``).

Domains and ranges are respected by type; mentions inside suspicious spans are skipped; one
relation per (subject, property, object/value) per article, the most confident kept.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from kg.errors import ResourceError
from kg.model import Article, Evidence, Mention, Relation, entity_key, split_key

RESOURCE_DIR = Path(__file__).parent / "resources" / "relations"
NOISE = re.compile(r"[\s“”‘’\"'《》「」『』]")
GROUP_SEP = re.compile(
    r"(?:[、和与及跟同]|以及|联合|携手|会同|[^，,。；;〈]{1,10}?、|、(?:近|约|超)?[0-9.]+[万亿]*元"
    r"|[、和与及][^，,。；;：:〈]{0,8}?(?:企业|公司|机构|单位|高校|院校|医院|集团))"
)
MACRO_REF = re.compile(r"\{([A-Z][A-Z0-9]*)\}")
SYMMETRIC = frozenset({"partnerOf"})
CROSS_PENALTY = 1.0
ANAPHOR_PENALTY = 0.85
LEAD_CHARS = 10
"""A paragraph's lead entity starts within this many characters of the paragraph."""
OPENER = re.compile(r"(?:[0-9一二三四五六七八九十]+[年月日号]|同时|此外|另外|其中|而|则|并|也|还)*")
"""What may precede a clause's subject in its clause."""
SAME_DAY = re.compile(r"当天|当日|同日|同天")
CLAUSE_SEP = re.compile(r"[，,：:]")
ORDINAL = frozenset({"@first", "@last"})
"""anaphora.tsv types for 前者 (first member of the last list) and 后者 (its last member)."""
AWARD_BEFORE = re.compile(r"(?:获得|荣获|获评|入选|评为|获)$")
"""A program named right after these words is an award someone receives, not the payer."""
POLICY_TOPIC = re.compile(r"政策|措施|新政|方面|条款|办法")
PROSE_CHARS = 40
CARRY_CHARS = 600
"""An amount in a paragraph without its own program goes to an earlier lead this close."""
RESPECTIVE = re.compile(r"分别(?:为|是|达|达到|约|给予|奖励|资助|补贴|投资)?[^，,。；;]{0,4}$")
AMOUNT_JOIN = re.compile(r"\s*(?:、|和|及|与|，|,)\s*(?:最高|约|近|超)?\s*")
PAREN = re.compile(r"[（(](?P<body>[^（）()。；;\n]{1,40})[）)]")
PAREN_SEP = re.compile(r"(?:含|包括|包含)?(?:[·・、，,/\s]|和|及)*")
"""A parenthesis that only names places: X（东湖高新区·光谷软件园） (locatedIn both), Y（含Z）."""
PREFIX_PLACES = frozenset({"District"})
"""Places whose name opening another name locates it (a city opens many company names)."""
PREFIXED = frozenset({"Company", "Lab", "ResearchInstitute", "University", "Hospital", "Park"})
"""Names a district's name may open: not offices (区科技局), funds or zones named after it."""
PREFIX_REST = 3
LIST_ITEM = re.compile(r"[ \t]*(?:[0-9]{1,2}[.．、]|[①-⑳]|[（(][0-9一二三四五六七八九十]{1,2}[）)])")
"""A numbered list item at the start of a line: 1. 2、 ① （3）."""
ALIAS_PAREN = re.compile(
    r"[（(](?P<cue>(?:以下|下文|下)?(?:简称|称)[：:为]?)?(?P<body>[^（）()，,。；;]{1,24})[）)]"
)


# ---------------------------------------------------------------- rule data


@dataclass(frozen=True)
class PairRule:
    id: str
    property: str
    left: frozenset[str]
    right: frozenset[str]
    subject: str
    between: re.Pattern[str]
    after: re.Pattern[str] | None
    before: re.Pattern[str] | None
    not_before: re.Pattern[str] | None
    expand: str
    window: int
    confidence: float
    scan_all: bool


@dataclass(frozen=True)
class AmountRule:
    id: str
    property: str
    subject: frozenset[str]
    strategy: str
    cue_before: re.Pattern[str] | None
    cue_after: re.Pattern[str] | None
    confidence: float


@dataclass(frozen=True)
class DateRule:
    id: str
    property: str
    subject: frozenset[str]
    kind: str
    cue: re.Pattern[str]
    post: re.Pattern[str] | None
    confidence: float


@dataclass(frozen=True)
class PartiesRule:
    id: str
    word: re.Pattern[str]
    between: re.Pattern[str]
    property: str
    objects: frozenset[str]
    confidence: float


@dataclass(frozen=True)
class Rules:
    pairs: tuple[PairRule, ...]
    amounts: tuple[AmountRule, ...]
    dates: tuple[DateRule, ...]
    anaphora: tuple[tuple[re.Pattern[str], frozenset[str], int], ...]
    topics: tuple[tuple[re.Pattern[str], str], ...]
    groups: dict[str, frozenset[str]]
    parties: tuple[PartiesRule, ...] = ()
    zero_start: re.Pattern[str] | None = None
    topic_lead: re.Pattern[str] | None = None
    governed: re.Pattern[str] | None = None
    article_mark: re.Pattern[str] | None = None


def _rows(name: str, columns: int) -> list[tuple[int, list[str]]]:
    """Non-comment rows of a TSV resource, each with exactly ``columns`` fields."""
    path = RESOURCE_DIR / name
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise ResourceError(f"cannot read rule file: {exc.strerror}", str(path)) from exc
    rows = []
    for number, line in enumerate(lines, 1):
        if not line.strip() or line.startswith("#"):
            continue
        fields = line.split("\t")
        if len(fields) != columns:
            raise ResourceError(
                f"line {number}: expected {columns} tab-separated fields, got {len(fields)}",
                str(path),
            )
        rows.append((number, fields))
    return rows


def _compile(pattern: str, macros: dict[str, str], where: str) -> re.Pattern[str]:
    """Expand ``{MACRO}`` references and compile; ResourceError names the file and line."""
    expanded = _expand(pattern, macros)
    unknown = MACRO_REF.search(expanded)
    if unknown:
        raise ResourceError(f"unknown macro {unknown.group(0)}", where)
    try:
        return re.compile(expanded)
    except re.error as exc:
        raise ResourceError(f"bad regular expression ({exc})", where) from exc


def _expand(pattern: str, macros: dict[str, str]) -> str:
    for _ in range(5):
        new = MACRO_REF.sub(lambda m: macros.get(m.group(1), m.group(0)), pattern)
        if new == pattern:
            break
        pattern = new
    return pattern


def _optional(pattern: str, macros: dict[str, str], where: str) -> re.Pattern[str] | None:
    return None if pattern == "-" else _compile(pattern, macros, where)


def _types(spec: str, groups: dict[str, frozenset[str]]) -> frozenset[str]:
    """Expand a comma-separated list of classes and groups into class names."""
    out: set[str] = set()
    for name in filter(None, (s.strip() for s in spec.split(","))):
        out |= groups.get(name, {name})
    return frozenset(out)


def _load_groups() -> dict[str, frozenset[str]]:
    groups: dict[str, frozenset[str]] = {}
    for _, (name, members) in _rows("types.tsv", 2):
        groups[name] = _types(members, groups)
    return groups


def _load_macros() -> dict[str, str]:
    macros: dict[str, str] = {}
    for _, (name, value) in _rows("macros.tsv", 2):
        macros[name] = _expand(value, macros)
    return macros


@lru_cache(maxsize=1)
def load_rules() -> Rules:
    """Read and compile every rule file once (ResourceError when one is malformed)."""
    groups, macros = _load_groups(), _load_macros()
    pairs = []
    for n, f in _rows("pair_rules.tsv", 13):
        where = f"{RESOURCE_DIR / 'pair_rules.tsv'}:{n}"
        pairs.append(
            PairRule(
                f[0], f[1], _types(f[2], groups), _types(f[3], groups), f[4],
                _compile(f[5], macros, where), _optional(f[6], macros, where),
                _optional(f[7], macros, where), _optional(f[8], macros, where),
                f[9], int(f[10]), float(f[11]), f[12] == "all",
            )
        )  # fmt: skip
    amounts = [
        AmountRule(
            f[0], f[1], _types(f[2], groups), f[3],
            _optional(f[4], macros, f"amount_rules.tsv:{n}"),
            _optional(f[5], macros, f"amount_rules.tsv:{n}"), float(f[6]),
        )
        for n, f in _rows("amount_rules.tsv", 7)
    ]  # fmt: skip
    dates = [
        DateRule(f[0], f[1], _types(f[2], groups), f[3],
                 _compile(f[4], macros, f"date_rules.tsv:{n}"),
                 _optional(f[5], macros, f"date_rules.tsv:{n}"), float(f[6]))
        for n, f in _rows("date_rules.tsv", 7)
    ]  # fmt: skip
    anaphora = tuple(
        (_compile(f[0], macros, f"anaphora.tsv:{n}"), _types(f[1], groups), int(f[2]))
        for n, f in _rows("anaphora.tsv", 3)
    )
    topics = tuple(
        (_compile(f[0], macros, f"topics.tsv:{n}"), f[1]) for n, f in _rows("topics.tsv", 2)
    )
    parties = tuple(
        PartiesRule(f[0], _compile(f[1], macros, f"parties.tsv:{n}"),
                    _compile(f[2], macros, f"parties.tsv:{n}"), f[3], _types(f[4], groups),
                    float(f[5]))
        for n, f in _rows("parties.tsv", 6)
    )  # fmt: skip
    where = str(RESOURCE_DIR / "macros.tsv")
    zero = _compile(macros["ZEROSTART"], macros, where) if "ZEROSTART" in macros else None
    lead = _compile(macros["TOPICLEAD"], macros, where) if "TOPICLEAD" in macros else None
    gov = _compile(macros["GOVERNED"], macros, where) if "GOVERNED" in macros else None
    mark = _compile(macros["ARTICLEMARK"], macros, where) if "ARTICLEMARK" in macros else None
    return Rules(tuple(pairs), tuple(amounts), tuple(dates), anaphora, topics, groups, parties,
                 zero, lead, gov, mark)  # fmt: skip


# ---------------------------------------------------------------- article context


@dataclass(frozen=True)
class Node:
    """An entity occurrence usable by the rules: a mention or a resolved anaphor."""

    start: int
    end: int
    type: str
    key: str
    text: str
    anaphor: bool = False


@dataclass
class Context:
    """One article prepared for the rules: nodes, sentences, groups, rendering."""

    article: Article
    nodes: list[Node]
    inner: list[Node]
    sentences: list[tuple[int, int]]
    starts: list[int] = field(default_factory=list)
    group: dict[int, int] = field(default_factory=dict)
    node_starts: list[int] = field(default_factory=list)
    amount_starts: list[int] = field(default_factory=list)
    parens: list[tuple[Node, list[Node], bool]] = field(default_factory=list)
    """Names followed by places in parentheses: (owner, places, 含-style containment)."""

    @property
    def text(self) -> str:
        return self.article.text

    def sentence_of(self, pos: int) -> int:
        """Index of the sentence containing ``pos`` (or the one before a gap)."""
        return max(0, bisect.bisect_right(self.starts, pos) - 1)

    def render(self, start: int, end: int) -> str:
        """``text[start:end]`` with whole nodes inside shown as 〈Type〉 and quotes/spaces dropped."""
        parts, pos = [], start
        i = bisect.bisect_left(self.node_starts, start)
        while i < len(self.nodes) and self.nodes[i].start < end:
            node = self.nodes[i]
            if node.start < node.end <= end:  # zero subjects are not shown
                parts += [self.text[pos : node.start], f"〈{node.type}〉"]
                pos = node.end
            i += 1
        parts.append(self.text[pos:end])
        return NOISE.sub("", "".join(parts))


def _node(m: Mention) -> Node:
    name = m.canonical or m.text
    return Node(m.start, m.end, m.type, entity_key(m.type, name), m.text)


def build_context(article: Article, mentions: Sequence[Mention]) -> Context:
    """Usable nodes (outermost, outside suspicious spans), anaphors, sentences and groups."""
    from kg.sentences import split_sentences

    usable = sorted(
        {_node(m) for m in mentions if m.type and not article.is_suspicious(m.start, m.end)},
        key=lambda n: (n.start, -n.end, n.key),
    )
    outer: list[Node] = []
    for node in usable:
        if outer and node.start < outer[-1].end:
            continue
        outer.append(node)
    outer = _absorb_aliases(article.text, outer)
    outer, parens = _absorb_places(article.text, outer)
    sentences = split_sentences(article.text)
    ctx = Context(article, outer, usable, sentences, [s for s, _ in sentences])
    ctx.parens = parens
    ctx.nodes = sorted(outer + _anaphors(ctx), key=lambda n: (n.start, n.key))
    ctx.nodes = sorted(ctx.nodes + _zero_subjects(ctx), key=lambda n: (n.start, n.key))
    ctx.node_starts = [n.start for n in ctx.nodes]
    ctx.group = _groups(ctx)
    return ctx


def _absorb_aliases(text: str, nodes: list[Node]) -> list[Node]:
    """A name followed by its alias in parentheses (（以下简称“汉阳国投”）, （区科技局）) is one node.

    The parenthesis joins the name's node and the nodes inside it are dropped, so cues read
    past it (A（以下简称B）和C共同发起设立 -> A和C共同发起设立).
    """
    out: list[Node] = []
    skip_until = -1
    for i, node in enumerate(nodes):
        if node.start < skip_until:
            continue
        m = ALIAS_PAREN.match(text, node.end)
        if m is not None and not node.anaphor:
            inside = [n for n in nodes[i + 1 :] if n.start < m.end()]
            body = NOISE.sub("", m.group("body"))
            named = len(inside) == 1 and NOISE.sub("", inside[0].text) == body
            if m.group("cue") or named:
                node = Node(node.start, m.end(), node.type, node.key, node.text)
                skip_until = m.end()
        out.append(node)
    return out


def _absorb_places(
    text: str, nodes: list[Node]
) -> tuple[list[Node], list[tuple[Node, list[Node], bool]]]:
    """X（东湖高新区·光谷软件园） / 青山区（含Y）: the parenthesis joins X's node; the places
    inside are kept aside (X locatedIn them, or they are partOf the place X)."""
    place, locatable = load_rules().groups["Place"], load_rules().groups["Locatable"]
    out: list[Node] = []
    parens: list[tuple[Node, list[Node], bool]] = []
    i = 0
    while i < len(nodes):
        node = nodes[i]
        m = PAREN.match(text, node.end)
        inside = [n for n in nodes[i + 1 :] if m is not None and n.start < m.end()]
        if m is None or node.anaphor or not inside or not all(n.type in place for n in inside):
            out.append(node)
            i += 1
            continue
        gaps = [text[a.end : b.start] for a, b in zip([None, *inside], [*inside, None], strict=True)
                if a is not None and b is not None]  # fmt: skip
        head, tail = text[m.start() + 1 : inside[0].start], text[inside[-1].end : m.end() - 1]
        contains = head.strip() in ("含", "包括", "包含")
        ok = (head.strip() == "" or contains) and tail.strip() == ""
        ok = ok and all(PAREN_SEP.fullmatch(g) for g in gaps)
        fits = node.type in place if contains else node.type in locatable
        if not (ok and fits):
            out.append(node)
            i += 1
            continue
        node = Node(node.start, m.end(), node.type, node.key, node.text)
        out.append(node)
        parens.append((node, inside, contains))
        i += 1 + len(inside)
    return out, parens


def _zero_subjects(ctx: Context) -> list[Node]:
    """A line that opens with a predicate (成立于…, 为…, 主营…) after a list item naming one
    organization speaks about that organization: a zero-width node at the line start."""
    zero = load_rules().zero_start
    if zero is None:
        return []
    org = load_rules().groups["Org"]
    found: list[Node] = []
    text = ctx.text
    pos = 0
    prev_item: Node | None = None
    for line in text.split("\n"):
        start, end = pos, pos + len(line)
        pos = end + 1
        lead = len(line) - len(line.lstrip())
        if prev_item is not None and zero.match(line, lead):
            p = start + lead
            found.append(Node(p, p, prev_item.type, prev_item.key, "", True))
        prev_item = None
        item = LIST_ITEM.match(line)
        if item is None:
            continue
        on_line = [n for n in ctx.nodes if start <= n.start and n.end <= end]
        orgs = [n for n in on_line if n.type in org]
        if len(orgs) == 1 and on_line[0] is orgs[0] and orgs[0].start == start + item.end():
            prev_item = orgs[0] if orgs[0].end >= end - 1 else None
    return found


def _anaphors(ctx: Context) -> list[Node]:
    """Nodes for 该区, 园区 ...: the last entity of the word's types within range."""
    found: list[Node] = []
    taken = [(n.start, n.end) for n in ctx.nodes]
    for pattern, types, max_chars in load_rules().anaphora:
        for m in pattern.finditer(ctx.text):
            if any(s < m.end() and m.start() < e for s, e in taken):
                continue
            if types <= ORDINAL:
                antecedent = _ordinal_antecedent(ctx, m.start(), types, max_chars)
            else:
                antecedent = _last_before(ctx.nodes, m.start(), types, max_chars)
            if antecedent is not None:
                node = Node(m.start(), m.end(), antecedent.type, antecedent.key, m.group(0), True)
                found.append(node)
                taken.append((m.start(), m.end()))
    return found


def _ordinal_antecedent(
    ctx: Context, pos: int, which: frozenset[str], max_chars: int
) -> Node | None:
    """前者 / 后者: the first / last member of the list just before ``pos``."""
    before = [n for n in ctx.nodes if n.end <= pos and pos - n.end <= max_chars]
    if len(before) < 2:
        return None
    i = len(before) - 1
    while i > 0 and _joined(ctx, before[i - 1], before[i]):
        i -= 1
    if i == len(before) - 1:
        return None
    return before[i] if "@first" in which else before[-1]


def _joined(ctx: Context, a: Node, b: Node) -> bool:
    """Two nodes of one class family side by side in a list (A、B / A和B)."""
    gap = NOISE.sub("", ctx.text[a.end : b.start])
    return _coarse(a.type) == _coarse(b.type) and GROUP_SEP.fullmatch(gap) is not None


def _last_before(
    nodes: Sequence[Node], pos: int, types: frozenset[str], max_chars: int
) -> Node | None:
    for node in reversed(nodes):
        if node.end <= pos and node.type in types and pos - node.end <= max_chars:
            return node
        if pos - node.end > max_chars:
            break
    return None


def _coarse(type_: str) -> str:
    """Class family used for lists: organizations and projects, places, or the class itself."""
    groups = load_rules().groups
    if type_ in groups["Org"] or type_ == "Project":
        return "org"
    return "place" if type_ in groups["Place"] else type_


def _groups(ctx: Context) -> dict[int, int]:
    """Coordinated lists (A、B和C): node index -> index of the first member of its list."""
    group: dict[int, int] = {}
    for i, node in enumerate(ctx.nodes):
        group[i] = i
        if i == 0:
            continue
        prev = ctx.nodes[i - 1]
        if _coarse(prev.type) != _coarse(node.type) or prev.end > node.start:
            continue
        raw = ctx.text[prev.end : node.start]
        gap = NOISE.sub("", raw)
        if GROUP_SEP.fullmatch(gap) or (gap == "" and _quoted_pair(raw, prev, node)):
            group[i] = group[i - 1]
    return group


def _quoted_pair(raw: str, prev: Node, node: Node) -> bool:
    """Two names side by side in quotes or title marks: “人工智能九条”“健康七条”."""
    marks = "“”‘’\"'《》「」『』"
    if raw.strip() and all(c in marks for c in raw.strip()):
        return True
    return not raw.strip() and (prev.text[-1:] in marks or node.text[:1] in marks)


def _members(ctx: Context, i: int, side: str) -> list[int]:
    """Members of node ``i``'s list on one side of it ("left": i and before, "right": after)."""
    g = ctx.group[i]
    if side == "left":
        return [j for j in range(g, i + 1) if ctx.group[j] == g]
    return [j for j in range(i, len(ctx.nodes)) if ctx.group[j] == g]


# ---------------------------------------------------------------- emitting


@dataclass
class Collector:
    """Relations found so far, one per (subject, property, object/value)."""

    ctx: Context
    best: dict[tuple[str, str, str], tuple[float, int, Relation]] = field(default_factory=dict)

    def add(self, subject: Node, prop: str, obj: Node | None, span: tuple[int, int],
            confidence: float, method: str, value: Any = None, value_text: str | None = None) -> None:  # fmt: skip
        """Record a relation unless it is a self-loop; keep the most confident per key."""
        if obj is not None and obj.key == subject.key:
            return
        if subject.anaphor or (obj is not None and obj.anaphor):
            confidence *= ANAPHOR_PENALTY
        start, end = span
        evidence = Evidence(
            self.ctx.article.id, self.ctx.text[start:end], start, end, round(confidence, 3), method
        )
        rel = Relation(subject.key, prop, obj.key if obj else None, value, value_text, evidence)
        ident = (subject.key, prop, obj.key if obj else str(value))
        if prop in SYMMETRIC and obj is not None:
            ident = (min(subject.key, obj.key), prop, max(subject.key, obj.key))
        old = self.best.get(ident)
        if old is None or (confidence, -start) > (old[0], -old[1]):
            self.best[ident] = (confidence, start, rel)

    def relations(self) -> list[Relation]:
        ordered = sorted(
            (t for t in self.best.values() if not self._less_precise(t[2])),
            key=lambda t: (t[1], t[2].predicate, t[2].subject, t[2].object or "", str(t[2].value)),
        )
        return [rel for _, _, rel in ordered]

    def _less_precise(self, rel: Relation) -> bool:
        """A founding year when the same subject also has a date in that year (2018 vs 2018-03)."""
        if rel.predicate != "foundingDate" or rel.value is None:
            return False
        value = str(rel.value)
        return any(subject == rel.subject and other.startswith(value + "-")
                   for subject, other in _more_precise_dates(self.best))  # fmt: skip


def _more_precise_dates(best: dict) -> set[tuple[str, str]]:
    return {(rel.subject, str(rel.value)) for _, _, rel in best.values()
            if rel.predicate == "foundingDate" and "-" in str(rel.value)}  # fmt: skip


def _span(ctx: Context, a: int, b: int) -> tuple[int, int]:
    """Sentence span(s) covering positions ``a`` .. ``b``."""
    first, last = ctx.sentences[ctx.sentence_of(a)], ctx.sentences[ctx.sentence_of(b)]
    return first[0], max(last[1], first[1])


# ---------------------------------------------------------------- pair rules


def _apply_pair_rule(ctx: Context, rule: PairRule, out: Collector) -> None:
    for ri, right in enumerate(ctx.nodes):
        if right.type not in rule.right:
            continue
        si = ctx.sentence_of(right.start)
        target = si - (rule.window - 1)
        if target < 0:
            continue
        for li in range(ri - 1, -1, -1):
            left = ctx.nodes[li]
            lsi = ctx.sentence_of(left.start)
            if lsi < target:
                break
            if lsi != target or left.end > right.start or left.type not in rule.left:
                continue
            if left.key == right.key or not _pair_matches(ctx, rule, li, ri):
                continue
            if _governed(ctx, left) and CLAUSE_SEP.search(ctx.render(left.end, right.start)):
                continue  # 依托X组建，由A共建: X is an object, the subject is further left
            _emit_pair(ctx, rule, li, ri, out)
            if not rule.scan_all:
                break


def _pair_matches(ctx: Context, rule: PairRule, li: int, ri: int) -> bool:
    """Between, after (from the end of R's list) and before (L's list, same sentence) cues."""
    left, right = ctx.nodes[li], ctx.nodes[ri]
    if not rule.between.fullmatch(ctx.render(left.end, right.start)):
        carried = _carried_between(ctx, li, ri)
        if carried is None or not rule.between.fullmatch(carried):
            return False
    if rule.after is not None:
        end = (
            ctx.nodes[_members(ctx, ri, "right")[-1]].end
            if rule.expand in ("both", "right")
            else right.end
        )
        after = ctx.render(end, min(len(ctx.text), end + 40)).lstrip("）)")
        if not rule.after.match(after):
            return False
    if rule.before is None and rule.not_before is None:
        return True
    first = (
        ctx.nodes[_members(ctx, li, "left")[0]].start
        if rule.expand in ("both", "left")
        else left.start
    )
    sentence_start = ctx.sentences[ctx.sentence_of(first)][0]
    before = ctx.render(max(sentence_start, first - 30), first)
    if rule.before is not None and not rule.before.search(before):
        return False
    return rule.not_before is None or not rule.not_before.search(before)


def _carried_between(ctx: Context, li: int, ri: int) -> str | None:
    """The text between a sentence's topic and ``ri`` read from the start of ``ri``'s clause:
    the topic stays the subject across ，(X成立于2019年，为Y全资子公司 -> X为Y全资子公司).

    Only when the left node is the topic (opens the sentence, a list item or a zero subject)
    and no other organization or person stands in the clauses skipped."""
    left, right = ctx.nodes[li], ctx.nodes[ri]
    if not _is_topic(ctx, left):
        return None
    raw = ctx.text[left.end : right.start]
    cut = max(raw.rfind("，"), raw.rfind(","))
    if cut < 0:
        return None
    cut += left.end + 1
    agents = load_rules().groups["Agent"]
    if any(left.end <= n.start and n.end <= cut and n.type in agents and _opens_clause(ctx, n)
           for n in ctx.nodes[li + 1 : ri]):  # fmt: skip
        return None
    carried = ctx.render(cut, right.start)
    return carried or None


def _opens_clause(ctx: Context, node: Node) -> bool:
    """Nothing but a date or adverbs stands before the node in its clause (a new subject)."""
    s = ctx.sentences[ctx.sentence_of(node.start)][0]
    before = CLAUSE_SEP.split(ctx.render(max(s, node.start - 20), node.start))[-1]
    return OPENER.fullmatch(before) is not None


def _governed(ctx: Context, node: Node) -> bool:
    """The node is the object of a verb or preposition in its clause (依托X, 经X批准, 向X):
    it is not the clause's subject."""
    gov = load_rules().governed
    if gov is None:
        return False
    s = ctx.sentences[ctx.sentence_of(node.start)][0]
    before = CLAUSE_SEP.split(ctx.render(max(s, node.start - 12), node.start))[-1]
    return gov.search(before) is not None


def _is_topic(ctx: Context, node: Node) -> bool:
    """The node opens its sentence (after a list number, a date or 据介绍，) or is a zero
    subject."""
    lead = load_rules().topic_lead
    if lead is None:
        return False
    if node.anaphor and node.start == node.end:
        return True
    s = ctx.sentences[ctx.sentence_of(node.start)][0]
    return lead.fullmatch(ctx.render(s, node.start)) is not None


def _emit_pair(ctx: Context, rule: PairRule, li: int, ri: int, out: Collector) -> None:
    lefts = _members(ctx, li, "left") if rule.expand in ("both", "left") else [li]
    rights = _members(ctx, ri, "right") if rule.expand in ("both", "right") else [ri]
    span = _span(ctx, ctx.nodes[li].start, ctx.nodes[ri].end)
    for a in lefts:
        for b in rights:
            left, right = ctx.nodes[a], ctx.nodes[b]
            if left.type not in rule.left or right.type not in rule.right:
                continue
            subject, obj = (left, right) if rule.subject == "left" else (right, left)
            conf = rule.confidence * (1.0 if (a, b) == (li, ri) else 0.95)
            out.add(subject, rule.property, obj, span, conf, f"rule:{rule.id}")


# ---------------------------------------------------------------- names inside names


def _affiliations(ctx: Context, out: Collector) -> None:
    """华中科技大学同济医学院附属同济医院 -> affiliatedWith the named college (when mentioned)."""
    by_name: dict[str, Node] = {}
    for node in ctx.inner:
        by_name.setdefault(node.text, node)
        by_name.setdefault(split_key(node.key)[1], node)
    for node in ctx.inner:
        org = load_rules().groups["Org"]
        if node.type == "Hospital" and "附属" not in node.text:
            _university_hospital(ctx, node, out)
            continue
        if node.type not in org or "附属" not in node.text:
            continue
        prefix = node.text[: node.text.index("附属")]
        parent = by_name.get(prefix)
        if parent is not None and parent.type in org:
            span = _span(ctx, node.start, node.end)
            out.add(node, "affiliatedWith", parent, span, 0.9, "rule:aff_name")


def _apply_parens(ctx: Context, out: Collector) -> None:
    """X（东湖高新区·光谷软件园） -> X locatedIn each place; 青山区（含Y） -> Y partOf 青山区."""
    for owner, places, contains in ctx.parens:
        span = _span(ctx, owner.start, owner.end)
        for place in places:
            if contains:
                out.add(place, "partOf", owner, span, 0.8, "rule:paren_contains")
            else:
                out.add(owner, "locatedIn", place, span, 0.8, "rule:paren_place")


def _prefix_places(ctx: Context, out: Collector) -> None:
    """东湖高新区九峰山实验室 -> locatedIn 东湖高新区, when that district or area is named by
    itself in the article and a name of at least three characters follows it."""
    places = {n.text: n for n in ctx.nodes
              if n.type in PREFIX_PLACES and not n.anaphor and len(n.text) >= 2}  # fmt: skip
    for node in ctx.nodes:
        if node.anaphor or node.type not in PREFIXED:
            continue
        for size in range(len(node.text) - PREFIX_REST, 1, -1):
            place = places.get(node.text[:size])
            if place is not None and place.key != node.key:
                span = _span(ctx, node.start, node.end)
                out.add(node, "locatedIn", place, span, 0.7, "rule:loc_prefix")
                break


def _university_hospital(ctx: Context, node: Node, out: Collector) -> None:
    """武汉大学中南医院 -> affiliatedWith 武汉大学 when the university is mentioned by itself."""
    for uni in ctx.nodes:
        name = uni.text
        named = uni.type == "University" and not uni.anaphor and node.text.startswith(name)
        if named and len(node.text) > len(name) + 2 and node.text.endswith("医院"):
            span = _span(ctx, node.start, node.end)
            out.add(node, "affiliatedWith", uni, span, 0.8, "rule:aff_hospital_name")
            return


# ---------------------------------------------------------------- both parties


def _apply_parties(ctx: Context, out: Collector) -> None:
    """双方将共建C -> C establishedBy both partners named just before (see parties.tsv)."""
    for rule in load_rules().parties:
        for m in rule.word.finditer(ctx.text):
            pair = _last_partners(ctx, m.start())
            if pair is None:
                continue
            _, e = ctx.sentences[ctx.sentence_of(m.start())]
            for node in ctx.nodes:
                if node.start < m.end() or node.start >= e or node.type not in rule.objects:
                    continue
                if rule.between.fullmatch(ctx.render(m.end(), node.start)):
                    span = _span(ctx, pair[0].start, node.end)
                    for party in pair:
                        out.add(node, rule.property, party, span, rule.confidence,
                                f"rule:{rule.id}")  # fmt: skip
                    break


def _last_partners(ctx: Context, pos: int) -> tuple[Node, Node] | None:
    """The last two organizations joined by 与/和/同/跟 before ``pos`` (this or the last sentence)."""
    si = ctx.sentence_of(pos)
    lo = ctx.sentences[max(0, si - 1)][0]
    org = load_rules().groups["Org"]
    inside = [n for n in ctx.nodes if lo <= n.start and n.end <= pos and n.type in org]
    for a, b in reversed(list(zip(inside, inside[1:], strict=False))):
        if ctx.render(a.end, b.start) in ("与", "和", "同", "跟"):
            return a, b
    return None


# ---------------------------------------------------------------- amounts


def _apply_amounts(ctx: Context, out: Collector) -> None:
    from kg.amounts import find_amounts

    rules = load_rules().amounts
    amounts = find_amounts(ctx.text)
    ctx.amount_starts = [a.start for a in amounts]
    runs = _respective_runs(ctx.text, amounts)
    for i, amount in enumerate(amounts):
        if ctx.article.is_suspicious(amount.start, amount.end):
            continue
        run = runs.get(i)
        cue_amount = amounts[run[0]] if run else amount
        taken: str | None = None
        for rule in rules:
            if taken not in (None, rule.property) or not _amount_cue(ctx, rule, cue_amount):
                continue
            subject = _respective_subject(ctx, rule, cue_amount, run, i) if run else None
            subject = subject or _amount_subject(ctx, rule, amount)
            if subject is None:
                continue
            taken = rule.property
            span = _span(ctx, min(subject.start, amount.start), max(subject.end, amount.end))
            out.add(subject, rule.property, None, span, rule.confidence, f"rule:{rule.id}",
                    amount.value, amount.text)  # fmt: skip
            break  # an amount belongs to one entity


def _respective_runs(text: str, amounts: Sequence[Any]) -> dict[int, tuple[int, int, int]]:
    """Amounts listed after 分别 (分别为12亿元和8.5亿元): index -> (first, position, count)."""
    runs: dict[int, tuple[int, int, int]] = {}
    i = 0
    while i < len(amounts):
        if not RESPECTIVE.search(text[max(0, amounts[i].start - 12) : amounts[i].start]):
            i += 1
            continue
        j = i
        while j + 1 < len(amounts) and AMOUNT_JOIN.fullmatch(
            text[amounts[j].end : amounts[j + 1].start]
        ):
            j += 1
        for k in range(i, j + 1):
            runs[k] = (i, k - i, j - i + 1)
        i = j + 1
    return runs


def _respective_subject(
    ctx: Context, rule: AmountRule, first: Any, run: tuple[int, int, int], index: int
) -> Node | None:
    """The list member in the same position as the amount (A、B…分别为x和y): x -> A, y -> B."""
    del index
    s, _ = ctx.sentences[ctx.sentence_of(first.start)]
    before = [k for k, n in enumerate(ctx.nodes) if s <= n.start and n.end <= first.start]
    for k in reversed(before):
        if ctx.nodes[k].type in rule.subject:
            members = [m for m in _members(ctx, k, "left") if ctx.nodes[m].type in rule.subject]
            return ctx.nodes[members[run[1]]] if len(members) == run[2] else None
    return None


def _amount_cue(ctx: Context, rule: AmountRule, amount: Any) -> bool:
    if rule.cue_before is None and rule.cue_after is None:
        return True
    before = ctx.render(max(0, amount.start - 16), amount.start)
    after = ctx.render(amount.end, min(len(ctx.text), amount.end + 12))
    return bool(
        (rule.cue_before is not None and rule.cue_before.search(before))
        or (rule.cue_after is not None and rule.cue_after.match(after))
    )


def _amount_subject(ctx: Context, rule: AmountRule, amount: Any) -> Node | None:
    if rule.strategy == "next":
        return _next_node(ctx, amount.end, rule.subject)
    if rule.strategy == "nearest":
        return _nearest_in_sentence(ctx, amount.start, amount.end, rule.subject)
    return _paragraph_subject(ctx, amount.start, rule.subject)


def _next_node(ctx: Context, pos: int, types: frozenset[str]) -> Node | None:
    for node in ctx.nodes:
        if node.start >= pos:
            gap = ctx.render(pos, node.start)
            return node if node.type in types and gap in ("", "的") else None
    return None


def _nearest_in_sentence(ctx: Context, start: int, end: int, types: frozenset[str]) -> Node | None:
    s, e = ctx.sentences[ctx.sentence_of(start)]
    left = [n for n in ctx.nodes if s <= n.start and n.end <= start and n.type in types]
    if left:
        between = bisect.bisect_left(ctx.amount_starts, left[-1].end) < bisect.bisect_left(
            ctx.amount_starts, start
        )
        return None if between else left[-1]  # that one's amount was stated already
    right = [n for n in ctx.nodes if end <= n.start and n.end <= e and n.type in types]
    return right[0] if right else None


def _paragraph_start(ctx: Context, pos: int) -> int:
    """Start of the paragraph holding ``pos``: sentences back to the last line break."""
    i = ctx.sentence_of(pos)
    while i > 0 and "\n" not in ctx.text[ctx.sentences[i - 1][1] : ctx.sentences[i][0]]:
        i -= 1
    return ctx.sentences[i][0] if ctx.sentences else 0


def _paragraph_subject(ctx: Context, pos: int, types: frozenset[str]) -> Node | None:
    """The paragraph's lead entity of the types, its topic anaphor, else the nearest before."""
    para = _paragraph_start(ctx, pos)
    topic = _topic_node(ctx, para, types)
    if topic is not None:
        return topic
    for node in ctx.nodes:
        lead = para <= node.start <= para + LEAD_CHARS and node.end <= pos
        if lead and node.type in types and not _is_award(ctx, node):
            return node
        if node.start > para + LEAD_CHARS:
            break
    si = ctx.sentence_of(pos)
    lo = ctx.sentences[max(0, si - 1)][0]
    before = [n for n in ctx.nodes if lo <= n.start and n.end <= pos and n.type in types]
    before = [n for n in before if not _is_award(ctx, n)]
    if before:
        return before[-1]
    return _earlier_lead(ctx, para, pos, types) or _title_subject(ctx, para, types)


def _title_subject(ctx: Context, para: int, types: frozenset[str]) -> Node | None:
    """In a numbered article of a document (第二条…, 三、…), the entity named alone on an
    earlier line: the document's own title (a policy's 若干措施 above its articles)."""
    mark = load_rules().article_mark
    if mark is None or not mark.match(ctx.text, para):
        return None
    for node in reversed(ctx.nodes):
        if node.end > para or node.type not in types or node.anaphor:
            continue
        line_start = ctx.text.rfind("\n", 0, node.start) + 1
        line_end = ctx.text.find("\n", node.end)
        line_end = len(ctx.text) if line_end < 0 else line_end
        places = load_rules().groups["Place"]
        rest = ctx.render(line_start, node.start) + ctx.render(node.end, line_end)
        if rest == "" or all(x in places for x in re.findall(r"〈(\w+)〉", rest)) and re.fullmatch(
            r"(?:〈\w+〉)+", rest
        ):
            return node  # a place glued before the title (青山区|支持…措施) still counts
    return None


def _is_award(ctx: Context, node: Node) -> bool:
    return AWARD_BEFORE.search(ctx.text, max(0, node.start - 4), node.start) is not None


def _earlier_lead(ctx: Context, para: int, pos: int, types: frozenset[str]) -> Node | None:
    """The lead entity of an earlier prose paragraph close before, when this paragraph goes on
    about the policy (在人才方面, 此次政策 ...)."""
    if not POLICY_TOPIC.search(ctx.text, para, pos):
        return None
    for node in reversed(ctx.nodes):
        if node.end > para or node.type not in types:
            continue
        if pos - node.start > CARRY_CHARS:
            return None
        start = _paragraph_start(ctx, node.start)
        if node.start <= start + LEAD_CHARS:
            line_end = ctx.text.find("\n", node.start)
            prose = line_end < 0 or line_end - start >= PROSE_CHARS
            return node if prose else None
    return None


def _topic_node(ctx: Context, para: int, types: frozenset[str]) -> Node | None:
    for pattern, type_ in load_rules().topics:
        m = pattern.match(ctx.text[para : para + 40])
        if m is None or type_ not in types:
            continue
        topic = m.group("topic")
        for node in reversed(ctx.nodes):
            if node.end <= para and node.type == type_ and split_key(node.key)[1].startswith(topic):
                return Node(para, para + m.end(), node.type, node.key, m.group(0), True)
    return None


# ---------------------------------------------------------------- dates


def _apply_dates(ctx: Context, out: Collector) -> None:
    from kg.dates import find_dates

    dates = [d for d in find_dates(ctx.text, ctx.article.published) if d.value]
    for rule in load_rules().dates:
        for i, node in enumerate(ctx.nodes):
            if node.type not in rule.subject or not _date_cue(ctx, rule, node):
                continue
            date = _date_for(ctx, rule, node, dates)
            if date is None:
                continue
            for j in _members(ctx, i, "left"):
                member = ctx.nodes[j]
                if member.type in rule.subject:
                    span = _span(ctx, min(member.start, date.start), max(node.end, date.end))
                    out.add(member, rule.property, None, span, rule.confidence,
                            f"rule:{rule.id}", date.value, date.text)  # fmt: skip


def _date_cue(ctx: Context, rule: DateRule, node: Node) -> bool:
    """The rule's cue after the subject (before it for kind "before"; clause kinds need the
    subject to open its clause)."""
    s = ctx.sentences[ctx.sentence_of(node.start)][0]
    if rule.kind == "before":
        return rule.cue.search(ctx.render(max(s, node.start - 30), node.start)) is not None
    if rule.kind == "clause" and CLAUSE_SEP.split(ctx.render(s, node.start))[-1]:
        return False
    after = ctx.render(node.end, min(len(ctx.text), node.end + 30)).lstrip("）)")
    return rule.cue.match(after) is not None


def _date_for(ctx: Context, rule: DateRule, node: Node, dates: Sequence[Any]) -> Any:
    """The date a founding cue refers to (see date_rules.tsv)."""
    si = ctx.sentence_of(node.start)
    s, e = ctx.sentences[si]
    if rule.kind == "clause":
        later = [d for d in dates if node.end <= d.start and d.end <= e]
        post = rule.post
        fit = [d for d in later if post and post.search(ctx.text, max(s, d.start - 6), d.start)]
        return fit[0] if fit else None
    if rule.kind in ("since", "on"):
        after = [d for d in dates if node.end <= d.start <= node.end + 12 and d.end <= e]
        if not after:
            return None
        post = ctx.render(after[0].end, min(e, after[0].end + 12))
        return after[0] if rule.post is None or rule.post.match(post) else None
    before = [d for d in dates if s <= d.start and d.end <= node.start]
    if before:
        return before[-1]
    if SAME_DAY.search(ctx.text, s, node.start):
        earlier = [d for d in dates if d.start < s and "-" in d.value]
        return earlier[-1] if earlier else None
    return None


# ---------------------------------------------------------------- entry point


def extract_relations(article: Article, doc: Any, mentions: Sequence[Mention]) -> list[Relation]:
    """Relations stated in ``article`` between ``mentions`` (and amounts/dates about them).

    ``doc`` (the spaCy Doc) is accepted for the pipeline contract; the rules work on the text
    and the mention offsets, so ``None`` is fine.
    """
    del doc
    ctx = build_context(article, mentions)
    if not ctx.sentences:
        return []
    out = Collector(ctx)
    for rule in load_rules().pairs:
        _apply_pair_rule(ctx, rule, out)
    _affiliations(ctx, out)
    _apply_parens(ctx, out)
    _prefix_places(ctx, out)
    _apply_parties(ctx, out)
    _apply_amounts(ctx, out)
    _apply_dates(ctx, out)
    return out.relations()


__all__ = ["extract_relations", "load_rules"]
