"""Within one article: choose among overlapping candidates, then group mentions into entities.

Grouping (coreference inside an article) uses, in order: the gazetteer's canonical name;
alias cues (``（以下简称X）``, ``（即X）``); derived short forms (有限公司 stripped, a leading
place name dropped, 硚口区 -> 硚口); and abbreviations (市发改委 -> 市发展和改革委员会,
a subsequence with the same first character). Every short form found is searched again in
the text so later bare mentions (帝沃思, 周耕) join their entity.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from kg.extract import rules
from kg.extract.candidates import CLOSE_QUOTES, Candidate, clean_name, pos_tags
from kg.model import Article, Entity, Mention

PLACE_TYPES = frozenset({"Province", "City", "District", "Area"})
MIN_SCAN_LEN = 2
NESTED_IN_PROJECT = frozenset({"Lab", "University", "Hospital", "ResearchInstitute", "Park"})
BARE_BODIES = frozenset({"省委", "市委", "区委", "省政府", "市政府", "区政府"})
UNIT_HOSTS = frozenset({"University", "ResearchInstitute", "Lab"})
NO_PLACE_DROP = frozenset({"University", "Hospital", "GovernmentBody", "Association"})


@dataclass
class LocalEntity:
    """An entity being assembled from the mentions of one article."""

    type: str
    name: str
    canonical: str | None = None
    forms: set[str] = field(default_factory=set)
    derived: set[str] = field(default_factory=set)
    spans: list[tuple[int, int, str]] = field(default_factory=list)

    def label(self) -> str:
        """Gazetteer canonical name, else the fullest form the article writes."""
        if self.canonical:
            return self.canonical
        written = {clean_name(f) for f in self.forms} | {self.name}
        return max(written, key=lambda f: (len(f), f))


def choose(cands: list[Candidate], article: Article) -> list[Candidate]:
    """Drop candidates in suspicious spans; keep the longest of overlapping ones.

    A registered company name (…有限公司) inside a longer name is kept too (its park or lab
    carries the company's name), and a company right after a city or province name takes it
    in (北京 + 零一万物 -> 北京零一万物).
    """
    cands = _attach_places(sorted(c for c in cands if not _suspicious(article, c.start, c.end)))
    cands += _affiliated_parents(cands)
    ordered = sorted(cands, key=lambda c: (-(c.end - c.start), -c.priority, -_head_len(c), c.start, c.type))
    taken: list[Candidate] = []
    occupied = bytearray(len(article.text) + 1)
    for c in ordered:
        if any(occupied[c.start : c.end]):
            if not _nested_legal(c, taken):
                continue
        else:
            occupied[c.start : c.end] = b"\x01" * (c.end - c.start)
        taken.append(c)
    return sorted(taken)


def _head_len(c: Candidate) -> int:
    """Length of the head that found ``c``: on the same span the more specific head wins
    (扩建工程 Project over 工程 Program)."""
    return len(c.method) - len("suffix:") if c.method.startswith("suffix:") else 0


def _suspicious(article: Article, start: int, end: int) -> bool:
    """Overlaps a suspicious span other than a photo caption (captions are text; their
    credits are removed by ingest)."""
    return any(s.start < end and start < s.end and s.kind != "caption" for s in article.suspicious)


def _nested_legal(c: Candidate, taken: list[Candidate]) -> bool:
    """A name kept inside a longer one: a registered company inside a park's name, or any
    organization or park inside a project's name (洪山实验室 in 洪山实验室四期)."""
    host = [t for t in taken if t.start <= c.start and c.end <= t.end]
    clash = [t for t in taken if t.start < c.end and c.start < t.end and t not in host]
    if not host or clash:
        return False
    legal = c.type == "Company" and c.name.endswith(rules.legal_suffixes())
    if c.type == "University" and all(h.type == "Hospital" for h in host):
        return True  # 华中科技大学同济医学院 in 华中科技大学同济医学院附属协和医院
    if c.method == "gazetteer" and c.type == "University" and all(h.type in UNIT_HOSTS for h in host):
        return True  # 武汉大学 in 武汉大学遥感信息工程学院, 华中科技大学 in …国家研究中心
    if all(h.type == "Project" for h in host) and (legal or c.type in NESTED_IN_PROJECT):
        return True
    return legal and all(h.type != "Company" for h in host)


PARENT_HEADS = {"大学": "University", "学院": "University", "医学院": "University"}


def _affiliated_parents(cands: list[Candidate]) -> list[Candidate]:
    """The parent named before 附属 inside a hospital's name is an entity too
    (华中科技大学同济医学院 in 华中科技大学同济医学院附属协和医院)."""
    extra = []
    for c in cands:
        if c.type != "Hospital":
            continue
        for word in rules.word_list("affiliation_words"):
            cut = c.name.find(word)
            parent = c.name[:cut]
            type_ = next((v for k, v in PARENT_HEADS.items() if parent.endswith(k)), None)
            if cut >= 4 and type_ and c.end - c.start == len(c.name):
                extra.append(Candidate(c.start, c.start + cut, type_, "affiliation", parent, priority=1))
    return extra


def _attach_places(cands: list[Candidate]) -> list[Candidate]:
    """Add a company candidate that includes the city/province name right before it."""
    by_end = {c.end: c for c in cands if c.type in {"City", "Province"}}
    extra = []
    for c in cands:
        place = by_end.get(c.start)
        if c.type == "Company" and place is not None:
            name = place.name + c.name
            aliases = (c.name, *c.aliases)
            extra.append(Candidate(place.start, c.end, c.type, c.method, name, None, aliases, c.priority))
    return cands + extra


def group(
    article: Article, chosen: list[Candidate], boundaries: frozenset[int]
) -> list[LocalEntity]:
    """Group the chosen candidates of one article into local entities (see module doc)."""
    text = article.text
    entities: dict[tuple[str, str], LocalEntity] = {}
    occupied = bytearray(len(text) + 1)
    for c in chosen:
        ent = _entity_for(entities, c)
        ent.spans.append((c.start, c.end, c.method))
        ent.forms.update({c.name, *c.aliases})
        occupied[c.start : c.end] = b"\x01" * (c.end - c.start)
    _apply_alias_cues(text, chosen, entities)
    _apply_full_name_cues(text, chosen, entities)
    for ent in entities.values():
        ent.derived.update(derived_forms(ent.label(), ent.type))
    merged = merge_abbreviations(list(entities.values()))
    for ent in merged:
        _scan_forms(article, ent, occupied, boundaries)
    return sorted(merged, key=lambda e: (e.type, e.label()))


def _entity_for(entities: dict[tuple[str, str], LocalEntity], c: Candidate) -> LocalEntity:
    key = (c.type, c.canonical or c.name)
    if key not in entities:
        entities[key] = LocalEntity(c.type, c.name, c.canonical)
    return entities[key]


def _apply_alias_cues(
    text: str, chosen: list[Candidate], entities: dict[tuple[str, str], LocalEntity]
) -> None:
    """（以下简称X） right after a mention makes X one of its names."""
    by_end = {c.end: c for c in chosen}
    for _, rx in rules.alias_cues():
        for m in rx.finditer(text):
            end = m.start()
            while end > 0 and text[end - 1] in CLOSE_QUOTES + " ":
                end -= 1
            target = by_end.get(end) or by_end.get(m.start())
            alias = clean_name(m.group("alias"))
            if target is None or len(alias) < 2:
                continue
            entities[(target.type, target.canonical or target.name)].forms.add(alias)


FULL_NAME_CUE = re.compile(r"(?:该|此|这)[\u4e00-\u9fff]{1,3}(?:全称|全名)(?:为|是)[“\"]?")
FULL_NAME_REACH = 120


def _apply_full_name_cues(
    text: str, chosen: list[Candidate], entities: dict[tuple[str, str], LocalEntity]
) -> None:
    """``A…。该基金全称为B`` makes A and B one entity: B takes A's name as a form, so the
    abbreviation merge joins them."""
    by_start = {c.start: c for c in chosen}
    for m in FULL_NAME_CUE.finditer(text):
        full = by_start.get(m.end())
        if full is None:
            continue
        earlier = [
            c for c in chosen
            if c.type == full.type and c.end <= m.start() and m.start() - c.end <= FULL_NAME_REACH
        ]
        if earlier:
            short = max(earlier, key=lambda c: c.end)
            entities[(full.type, full.canonical or full.name)].forms.add(short.canonical or short.name)


def derived_forms(name: str, type_: str, cores: bool = True) -> set[str]:
    """Short forms a text may use for ``name``: legal suffix, leading place, industry word dropped
    (the last, a brand core such as 帝沃思, only with ``cores``: it is searched for, and becomes
    an alias only where the text writes it on its own).

    >>> sorted(derived_forms("武汉帝沃思科技有限公司", "Company"))
    ['帝沃思', '帝沃思科技', '帝沃思科技有限公司', '武汉帝沃思', '武汉帝沃思科技']
    """
    if type_ == "Area":  # 武汉恒隆广场 -> 恒隆广场
        rest = _drop_place(name)
        return {rest} if rest and len(rest) >= 4 else set()
    if type_ in PLACE_TYPES or type_ == "Person":
        return set()
    if type_ == "Event":
        return {name[n:] for n in range(1, len(name) - 5) if _event_core(name, n)}
    forms = {name}
    if type_ == "GovernmentBody" and name.startswith("中共") and len(name) > 4:
        forms.add(name[2:])
    trimmed = _drop_descriptors(name)
    if trimmed:
        forms.add(trimmed)
    for suffix in rules.legal_suffixes():
        if name.endswith(suffix) and len(name) - len(suffix) >= 2:
            forms.add(name[: -len(suffix)])
            break
    if type_ not in NO_PLACE_DROP:
        for form in list(forms):
            rest = _drop_place(form)
            if rest and len(rest) >= 4:
                forms.add(rest)
    if type_ == "Company" and cores:
        for form in list(forms):
            core = _drop_industry(form)
            if core and _is_brand(core):
                forms.add(core)
    forms.discard(name)
    return forms


def _event_core(name: str, n: int) -> bool:
    """A tail of an event name that names it alone (2025楚商聚硚投资促进交流会 in
    “走进长三角 硚见新机遇”2025楚商聚硚投资促进交流会): it starts with a year or right after it."""
    return name[n].isdigit() != name[n - 1].isdigit() and name[n] not in "年届期次号"


def _drop_place(name: str) -> str | None:
    """The name without its leading place (武汉帝沃思 -> 帝沃思), unless the place opens a
    longer known name (武汉大学人工智能研究院 keeps 武汉) or only a generic kind is left
    (光谷科创母基金 -> 科创母基金 names nothing)."""
    index = rules.gazetteer_index()
    for n in range(min(5, len(name) - 2), 1, -1):
        entry = index.get(name[:n])
        if entry is not None and entry.type in PLACE_TYPES:
            rest = name[n:]
            if not rest[:1].isalnum() or _opens_known_name(name, n) or _generic_kind(rest) or _opens_head(rest):
                return None
            return name[n:]
    return None


def _opens_known_name(name: str, n: int) -> bool:
    index = rules.gazetteer_index()
    return any(
        (e := index.get(name[:k])) is not None and e.type not in PLACE_TYPES
        for k in range(n + 1, min(len(name), 12) + 1)
    )


def _opens_head(rest: str) -> bool:
    """The rest starts with a head: the place was part of a name (北京 + 大学武汉…研究院)."""
    return any(rest.startswith(r.head) for r in rules.head_rules() if len(r.head) >= 2)


def _generic_kind(rest: str) -> bool:
    """Descriptor words and a head only (科创母基金, 人工智能产业园 is not: 人工智能 is a sector)."""
    descriptors = rules.word_list("descriptors")
    for rule in rules.head_rules():
        if rest.endswith(rule.head):
            body = rest[: -len(rule.head)]
            return not body or all(w in descriptors for w, _ in pos_tags(body))
    return False


def _drop_descriptors(name: str) -> str | None:
    """The name without leading descriptor words (世界级存算一体化产业基地 -> 存算一体化产业基地)."""
    descriptors = rules.word_list("descriptors")
    tags = pos_tags(name)
    cut = 0
    for word, _ in tags[:-1]:
        if word not in descriptors:
            break
        cut += len(word)
    rest = name[cut:]
    return rest if cut and len(rest) >= 4 else None


def _drop_industry(name: str) -> str | None:
    """The name without trailing industry words (青禾智能科技 -> 青禾)."""
    if name.endswith(rules.legal_suffixes()):
        return None
    core, changed = name, True
    words = sorted(rules.word_list("industry_words"), key=len, reverse=True)
    while changed:
        changed = False
        for word in words:
            if core.endswith(word) and len(core) - len(word) >= 2:
                core, changed = core[: -len(word)], True
    return core if core != name else None


def _is_brand(word: str) -> bool:
    import jieba

    tags = pos_tags(word)
    if word in rules.word_list("descriptors") or word in rules.gazetteer_index():
        return False
    return not (
        len(tags) == 1
        and jieba.dt.FREQ.get(word, 0) > 0
        and tags[0][1] not in {"nz", "nt", "nr", "j"}
    )


def is_abbreviation(short: str, full: str, max_gap: int = 3) -> bool:
    """True when ``short`` abbreviates ``full``: same first character, not a prefix, and the
    characters of ``short`` appear in order in ``full`` with at most ``max_gap`` skipped between,
    and ``short`` does not end like ``full`` (then it is a name of its own).

    >>> is_abbreviation("市发改委", "市发展和改革委员会")
    True
    >>> is_abbreviation("国务院", "国务院办公厅")
    False
    >>> is_abbreviation("武汉大学", "武汉理工大学")  # same head: a different name
    False
    """
    if not 2 < len(short) < len(full) or short[0] != full[0] or full.startswith(short):
        return False
    if short[-2:] == full[-2:]:
        return False
    pos = 0
    for ch in short:
        found = full.find(ch, pos)
        if found < 0 or found - pos > max_gap:
            return False
        pos = found + 1
    return len(full) - pos <= max_gap


def merge_abbreviations(entities: list[LocalEntity]) -> list[LocalEntity]:
    """Fold an entity into another of the same class when one of its forms abbreviates the other."""
    ordered = sorted(entities, key=lambda e: (-len(e.label()), e.type, e.label()))
    kept: list[LocalEntity] = []
    for ent in ordered:
        host = next((k for k in kept if k.type == ent.type and _same_thing(ent, k)), None)
        if host is None:
            kept.append(ent)
            continue
        host.forms.update(ent.forms | {ent.label()})
        host.derived.update(ent.derived)
        host.spans.extend(ent.spans)
    return kept


def _same_thing(short: LocalEntity, full: LocalEntity) -> bool:
    if short.canonical and full.canonical:
        return short.canonical == full.canonical
    full_forms = full.forms | full.derived | {full.label()}
    short_forms = short.forms | short.derived | {short.label()}
    if short_forms & full_forms:
        return True
    if short.type == "GovernmentBody" and short.label() in BARE_BODIES and full.label().endswith(short.label()):
        return True
    if short.type in PLACE_TYPES or short.type == "Person":
        return False
    if short.type == "GovernmentBody" and any(
        level_abbreviation(s, f) for s in short_forms for f in full_forms
    ):
        return True
    if short.type == "Event" and _same_event(short.label(), full.label()):
        return True
    return any(is_abbreviation(s, f) for s in short_forms for f in full_forms)


LEVELS = "省市区县"


def level_abbreviation(short: str, full: str) -> bool:
    """``short`` names ``full`` by its level and an abbreviated agency (区科技局 ->
    江岸区科学技术局, 省科技厅 -> 湖北省科学技术厅, 市经信局 -> 武汉市经济和信息化局).

    >>> level_abbreviation("区发改局", "江岸区发展和改革局")
    True
    >>> level_abbreviation("区科技局", "武汉市科学技术局")
    False
    """
    if len(short) < 3 or short[0] not in LEVELS:
        return False
    index = rules.gazetteer_index()
    for n in range(min(6, len(full) - 2), 1, -1):
        entry = index.get(full[:n])
        if entry is None or entry.type not in PLACE_TYPES or not full[:n].endswith(short[0]):
            continue
        rest, body = full[n:], short[1:]
        return rest == body or is_abbreviation(body, rest) or (body[-1] == rest[-1] and _subsequence(body, rest))
    return False


def _subsequence(short: str, full: str) -> bool:
    pos = 0
    for ch in short:
        pos = full.find(ch, pos) + 1
        if pos == 0:
            return False
    return short[0] == full[0]


EVENT_TAIL_MIN = 6


def _same_event(short: str, full: str) -> bool:
    """One event written twice in an article: the same year and core (see :func:`_event_key`),
    or a long enough tail of the full name (汽车零部件博览会 in 2025中国（武汉）国际汽车零部件博览会)."""
    key = _event_key(short)
    if key and key == _event_key(full):
        return True
    return len(short) >= EVENT_TAIL_MIN and full.endswith(short) and full != short


YEAR_IN_EVENT = re.compile(r"(?:19|20)\d\d年?")


def _event_key(name: str) -> tuple[str, str] | None:
    """An event by its year and its name after the year without place names
    (蔡甸区2025年招商引资大会 and “智汇蔡甸”2025年蔡甸区招商引资大会 -> (2025, 招商引资大会))."""
    m = YEAR_IN_EVENT.search(name)
    if not m:
        return None
    rest = name[m.end() :]
    while (dropped := _drop_place(rest)) is not None:
        rest = dropped
    return (m.group(0).rstrip("年"), rest) if len(rest) >= 4 else None


def _scan_forms(
    article: Article, ent: LocalEntity, occupied: bytearray, boundaries: frozenset[int]
) -> None:
    """Add mentions of the entity's other forms found in free text (not inside another name)."""
    text = article.text
    for form in sorted(ent.forms | ent.derived | {ent.label()}, key=lambda f: (-len(f), f)):
        if len(form) < MIN_SCAN_LEN:
            continue
        for m in re.finditer(re.escape(form), text):
            s, e = m.start(), m.end()
            if any(occupied[s:e]) or _suspicious(article, s, e):
                continue
            if len(form) <= 3 and not (s in boundaries and e in boundaries):
                continue
            occupied[s:e] = b"\x01" * (e - s)
            ent.spans.append((s, e, "alias"))


def to_model(
    article: Article, local: list[LocalEntity]
) -> tuple[tuple[Mention, ...], tuple[Entity, ...]]:
    """Mentions (sorted by offset) and entities (sorted by key) of one article."""
    mentions, entities = [], []
    for ent in local:
        label = ent.label()
        written = {clean_name(article.text[s:e]) for s, e, _ in ent.spans}
        named = ent.forms | derived_forms(label, ent.type, cores=False)
        aliases = sorted((written | {clean_name(f) for f in named if _written(f, article.text)}) - {label, ""})
        entities.append(
            Entity(type=ent.type, name=label, aliases=tuple(aliases), articles=(article.id,))
        )
        for s, e, method in ent.spans:
            mentions.append(Mention(article.id, s, e, article.text[s:e], ent.type, method, label))
    mentions.sort(key=lambda m: (m.start, m.end, m.type))
    entities.sort(key=lambda e: (e.type, e.name))
    return tuple(mentions), tuple(entities)


def _written(form: str, text: str) -> bool:
    return form in text or clean_name(form) in clean_name(text)
