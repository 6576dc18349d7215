"""Resolve: merge the per-article entities of many articles into one node per real-world thing.

Two local entities of the same class are merged when they share a specific name or alias
(硚口 ↔ 硚口区 through the gazetteer, 华科大 ↔ 华中科技大学), or when one's name is a short
form of the other (a legal suffix or leading place name dropped, an abbreviation with the same
first character). Relation keys are rewritten to the merged entities. Everything is sorted, so
the same input gives the same knowledge base.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from kg.model import ArticleResult, Entity, KnowledgeBase, Relation, entity_key

GENERIC_FORM_MIN = 3


class _UnionFind:
    def __init__(self, n: int) -> None:
        self.parent = list(range(n))

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def union(self, a: int, b: int) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


def _specific(form: str) -> bool:
    """A form specific enough to identify a thing across articles (not 实施方案, not 武汉)."""
    from kg.extract import rules

    if len(form) < 2:
        return False
    heads = {r.head for r in rules.head_rules()}
    if form in heads or form in rules.word_list("descriptors"):
        return False
    return len(form) >= GENERIC_FORM_MIN or form in rules.gazetteer_index()


PLACE_SUFFIX = {"District": "区", "City": "市", "Province": "省"}


def _known(entity: Entity):
    """The gazetteer entry of the same class that one of the entity's names belongs to."""
    from kg.extract import rules

    index = rules.gazetteer_index()
    for form in (entity.name, *entity.aliases):
        entry = index.get(form)
        if entry is not None and entry.type == entity.type:
            return entry
    return None


def _forms(entity: Entity) -> set[str]:
    """Names that identify the entity across articles (硚口 <-> 硚口区, gazetteer names)."""
    from kg.extract.local import derived_forms

    forms = {entity.name, *entity.aliases}
    forms |= derived_forms(entity.name, entity.type)
    entry = _known(entity)
    if entry is not None:
        forms |= {entry.name, *entry.aliases}
    suffix = PLACE_SUFFIX.get(entity.type)
    if suffix:
        for form in list(forms):
            forms.add(
                form[: -len(suffix)] if form.endswith(suffix) and len(form) > 2 else form + suffix
            )
    return {f for f in forms if _specific(f)}


def _groups(entities: Sequence[Entity]) -> list[list[int]]:
    """Indices of ``entities`` grouped into real-world things."""
    from kg.extract.local import is_abbreviation

    uf = _UnionFind(len(entities))
    owner: dict[tuple[str, str], int] = {}
    for i, ent in enumerate(entities):
        for form in sorted(_forms(ent) | {"=" + ent.name}):  # the same key is always one thing
            j = owner.setdefault((ent.type, form), i)
            if j != i:
                uf.union(i, j)
    by_type: dict[str, list[int]] = {}
    for i, ent in enumerate(entities):
        by_type.setdefault(ent.type, []).append(i)
    for type_, idx in by_type.items():
        if type_ == "Person":
            continue
        by_first: dict[str, list[int]] = {}
        for i in idx:
            by_first.setdefault(entities[i].name[:1], []).append(i)
        for bucket in by_first.values():
            for i in bucket:
                for j in bucket:
                    if is_abbreviation(entities[i].name, entities[j].name):
                        uf.union(i, j)
    groups: dict[int, list[int]] = {}
    for i in range(len(entities)):
        groups.setdefault(uf.find(i), []).append(i)
    return sorted(groups.values())


def _merge(members: list[Entity]) -> Entity:
    """One entity from several: gazetteer canonical name if known, else the fullest name."""
    known = sorted({e.name for e in (_known(m) for m in members) if e is not None})
    names = {m.name for m in members}
    name = known[0] if known else max(names, key=lambda n: (len(n), n))
    aliases = sorted(({a for m in members for a in m.aliases} | names) - {name})
    articles = sorted({a for m in members for a in m.articles})
    name_en = next((m.name_en for m in members if m.name_en), None)
    return Entity(
        type=members[0].type,
        name=name,
        aliases=tuple(aliases),
        name_en=name_en,
        articles=tuple(articles),
    )


def _rewrite(relation: Relation, mapping: dict[str, str]) -> Relation:
    obj = mapping.get(relation.object, relation.object) if relation.object else relation.object
    return Relation(
        subject=mapping.get(relation.subject, relation.subject),
        predicate=relation.predicate,
        object=obj,
        value=relation.value,
        value_text=relation.value_text,
        evidence=relation.evidence,
    )


def _relation_sort_key(r: Relation) -> tuple:
    ev = r.evidence
    return (
        r.subject,
        r.predicate,
        r.object or "",
        str(r.value or ""),
        ev.article_id if ev else "",
        ev.start if ev else -1,
    )


def resolve_entities(results: Iterable[ArticleResult]) -> KnowledgeBase:
    """Merge the entities of ``results`` across articles into a :class:`KnowledgeBase`."""
    results = sorted(results, key=lambda r: r.article.id)
    local = [(r.article.id, e) for r in results for e in r.entities]
    local.sort(key=lambda item: (item[1].type, item[1].name, item[0]))
    groups = _groups([e for _, e in local])
    merged: list[Entity] = []
    mapping: dict[str, dict[str, str]] = {}
    for idx in groups:
        ent = _merge([local[i][1] for i in idx])
        merged.append(ent)
        for i in idx:
            mapping.setdefault(local[i][0], {})[local[i][1].key] = ent.key
    mentions: dict[str, tuple[str, ...]] = {}
    relations: set[Relation] = set()
    found_elsewhere = _mentions_elsewhere(results, merged)
    for r in results:
        article_map = mapping.get(r.article.id, {})
        keys = {article_map.get(e.key, e.key) for e in r.entities} | found_elsewhere.get(r.article.id, set())
        mentions[r.article.id] = tuple(sorted(keys))
        relations.update(_rewrite(rel, article_map) for rel in r.relations)
    merged = _with_articles(merged, mentions)
    return KnowledgeBase(
        articles=tuple(r.article for r in results),
        entities=tuple(sorted(merged, key=lambda e: (e.type, e.name))),
        relations=tuple(sorted(relations, key=_relation_sort_key)),
        mentions=mentions,
    )


SCAN_MIN = 3
NO_SCAN_TYPES = frozenset({"Person", "Sector"})


def _mentions_elsewhere(results: Sequence[ArticleResult], entities: Sequence[Entity]) -> dict[str, set[str]]:
    """Entities named in an article where extraction missed them: a specific name of the
    entity (3+ characters) found in the article's free text, outside its other mentions
    (帝沃思 named bare in one article, found as 武汉帝沃思科技有限公司 in another)."""
    import re

    owners: dict[str, str | None] = {}
    for ent in entities:
        if ent.type in NO_SCAN_TYPES:
            continue
        for form in _forms(ent) & ({ent.name, *ent.aliases}):
            if _scannable(form):
                owners[form] = ent.key if owners.get(form, ent.key) == ent.key else None
    forms = sorted((f for f, k in owners.items() if k), key=lambda f: (-len(f), f))
    if not forms:
        return {}
    rx = re.compile("|".join(map(re.escape, forms)))
    found: dict[str, set[str]] = {}
    for r in results:
        covered = bytearray(len(r.article.text) + 1)
        for m in r.mentions:
            covered[m.start : m.end] = b"\x01" * (m.end - m.start)
        for m in rx.finditer(r.article.text):
            if not any(covered[m.start() : m.end()]) and not _bad_span(r.article, m.start(), m.end()):
                found.setdefault(r.article.id, set()).add(owners[m.group(0)])
    return found


def _scannable(form: str) -> bool:
    """A name specific enough to find by string search (not 十四五, 人工智能+, 科技创新中心)."""
    import re

    from kg.extract import rules
    from kg.extract.candidates import pos_tags

    if len(form) < SCAN_MIN or not re.fullmatch(r"[\w·]+", form) or re.fullmatch(r"[\d一二三四五六七八九十百]+\w?", form):
        return False
    from kg.extract.grammar import _has_proper_word

    generic = rules.word_list("descriptors") | {r.head for r in rules.head_rules()}
    if all(w in generic for w, _ in pos_tags(form)):
        return False
    head = next((r.head for r in rules.head_rules() if form.endswith(r.head)), None)
    # a generic kind of park or fund (智能制造产业园) names nothing without its place
    return head is None or _has_proper_word(form[: -len(head)])


def _bad_span(article, start: int, end: int) -> bool:
    return any(s.start < end and start < s.end and s.kind != "caption" for s in article.suspicious)


def _with_articles(entities: list[Entity], mentions: dict[str, tuple[str, ...]]) -> list[Entity]:
    """Entity.articles from the final mentions map."""
    where: dict[str, set[str]] = {}
    for article_id, keys in mentions.items():
        for key in keys:
            where.setdefault(key, set()).add(article_id)
    return [
        Entity(e.type, e.name, e.aliases, e.name_en, tuple(sorted(set(e.articles) | where.get(e.key, set()))))
        for e in entities
    ]


def entity_index(kb: KnowledgeBase) -> dict[str, Entity]:
    """Key -> entity of a knowledge base."""
    return {entity_key(e.type, e.name): e for e in kb.entities}
