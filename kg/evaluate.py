"""Score predictions against a gold file, exactly as ``shared/spec/annotation.md`` says.

- Text is compared after NFKC, traditional -> simplified, and removal of spaces, quotes and 《》.
- A gold entity is found when a predicted entity's label or any alias equals the gold name or one
  of its aliases; "typed" also needs the same class. ``Sector`` is not scored.
- Matching is one to one (maximum bipartite matching). Optional gold items count neither for
  recall nor, when a prediction matches them, as false positives.
- A relation matches when the property is the same and both ends match by the entity rule
  (or the value is equal; amounts within 0.5 %); ``partnerOf`` matches in either direction.

Predictions are a neutral structure (:class:`PredArticle`), built from a knowledge base with
:func:`predictions_from_kb`, or from an RDF graph with :func:`predictions_from_graph`.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from pathlib import Path

from kg.errors import InputError
from kg.model import KnowledgeBase

UNSCORED_TYPES = frozenset({"Sector"})
SYMMETRIC = frozenset({"partnerOf"})
AMOUNT_TOLERANCE = Decimal("0.005")
_STRIP = re.compile(r"[\s“”‘’\"'《》「」『』〈〉]")


@lru_cache(maxsize=1)
def _t2s():
    from opencc import OpenCC

    return OpenCC("t2s")


@lru_cache(maxsize=65536)
def norm(text: str) -> str:
    """Comparison form of a name: NFKC, simplified, no spaces, quotes or 《》.

    >>> norm("《實施方案》 ")
    '实施方案'
    """
    return _STRIP.sub("", _t2s().convert(unicodedata.normalize("NFKC", text)))


# ---------------------------------------------------------------- data


@dataclass(frozen=True)
class GoldEntity:
    name: str
    type: str
    aliases: tuple[str, ...] = ()
    optional: bool = False

    @property
    def names(self) -> frozenset[str]:
        return frozenset(norm(n) for n in (self.name, *self.aliases))


@dataclass(frozen=True)
class GoldRelation:
    s: str
    p: str
    o: str | None = None
    value: Decimal | str | None = None
    optional: bool = False


@dataclass(frozen=True)
class GoldArticle:
    article: str
    entities: tuple[GoldEntity, ...]
    relations: tuple[GoldRelation, ...]


@dataclass(frozen=True)
class PredEntity:
    """A predicted entity: its label, other names and class."""

    name: str
    type: str
    aliases: tuple[str, ...] = ()

    @property
    def names(self) -> frozenset[str]:
        return frozenset(norm(n) for n in (self.name, *self.aliases))


@dataclass(frozen=True)
class PredRelation:
    """A predicted relation; ``s``/``o`` are the names (label and aliases) of its ends."""

    s: frozenset[str]
    p: str
    o: frozenset[str] | None = None
    value: Decimal | str | None = None


@dataclass
class PredArticle:
    entities: list[PredEntity] = field(default_factory=list)
    relations: list[PredRelation] = field(default_factory=list)


# ---------------------------------------------------------------- gold file


def _value(raw: object, where: str, path: str) -> Decimal | str:
    if isinstance(raw, bool) or raw is None:
        raise InputError(f"{where}: bad value {raw!r}", path)
    if isinstance(raw, int | float):
        return Decimal(str(raw))
    text = str(raw)
    try:
        return Decimal(text) if re.fullmatch(r"-?\d+(\.\d+)?", text) else text
    except InvalidOperation:
        return text


def _gold_entity(raw: Mapping, where: str, path: str) -> GoldEntity:
    if not isinstance(raw, Mapping) or not raw.get("name") or not raw.get("type"):
        raise InputError(f"{where}: an entity needs 'name' and 'type'", path)
    aliases = raw.get("aliases") or []
    if not isinstance(aliases, list):
        raise InputError(f"{where}: 'aliases' must be a list", path)
    return GoldEntity(
        str(raw["name"]), str(raw["type"]), tuple(map(str, aliases)), bool(raw.get("optional"))
    )


def _gold_relation(raw: Mapping, where: str, path: str) -> GoldRelation:
    if not isinstance(raw, Mapping) or not raw.get("s") or not raw.get("p"):
        raise InputError(f"{where}: a relation needs 's' and 'p'", path)
    if ("o" in raw) == ("value" in raw):
        raise InputError(f"{where}: a relation needs exactly one of 'o' and 'value'", path)
    value = _value(raw["value"], where, path) if "value" in raw else None
    o = str(raw["o"]) if "o" in raw else None
    return GoldRelation(str(raw["s"]), str(raw["p"]), o, value, bool(raw.get("optional")))


def load_gold(path: str | Path) -> list[GoldArticle]:
    """Read a gold JSONL file (one article per line); raises :class:`InputError` on bad lines."""
    path = Path(path)
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except FileNotFoundError as err:
        raise InputError("gold file not found", str(path)) from err
    except (OSError, UnicodeDecodeError) as err:
        raise InputError(f"cannot read gold file: {err}", str(path)) from err
    gold = []
    for no, line in enumerate(lines, 1):
        if not line.strip():
            continue
        where = f"line {no}"
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as err:
            raise InputError(f"{where}: not JSON ({err.msg})", str(path)) from err
        if not isinstance(obj, dict) or not obj.get("article"):
            raise InputError(f"{where}: needs an 'article' field", str(path))
        ents = tuple(_gold_entity(e, where, str(path)) for e in obj.get("entities") or [])
        rels = tuple(_gold_relation(r, where, str(path)) for r in obj.get("relations") or [])
        gold.append(GoldArticle(str(obj["article"]), ents, rels))
    if not gold:
        raise InputError("gold file has no articles", str(path))
    return gold


# ---------------------------------------------------------------- predictions


def predictions_from_kb(kb: KnowledgeBase) -> dict[str, PredArticle]:
    """Per article file name: the entities it mentions and the relations it states."""
    index = {e.key: e for e in kb.entities}

    def names(key: str | None) -> frozenset[str] | None:
        if key is None:
            return None
        ent = index.get(key)
        label = key.partition("/")[2]
        return (
            frozenset(norm(n) for n in (ent.name, *ent.aliases))
            if ent
            else frozenset({norm(label)})
        )

    preds: dict[str, PredArticle] = {}
    by_id = {a.id: a.file_name for a in kb.articles}
    for article in kb.articles:
        pa = PredArticle()
        for key in kb.mentions.get(article.id, ()):
            ent = index.get(key)
            if ent is not None:
                pa.entities.append(PredEntity(ent.name, ent.type, ent.aliases))
        preds[article.file_name] = pa
    for rel in kb.relations:
        if rel.evidence is None or rel.evidence.article_id not in by_id:
            continue
        pa = preds[by_id[rel.evidence.article_id]]
        pa.relations.append(
            PredRelation(names(rel.subject), rel.predicate, names(rel.object), rel.value)
        )
    return preds


def _graph_names(graph, node) -> frozenset[str]:
    from rdflib.namespace import RDFS, SKOS

    labels = [o for o in graph.objects(node, RDFS.label) if getattr(o, "language", None) == "zh"]
    labels += list(graph.objects(node, SKOS.altLabel))
    return frozenset(norm(str(label)) for label in labels)


def _graph_type(graph, node) -> str | None:
    """The most specific ``ikg:`` class of ``node`` (superclasses such as Organization lose)."""
    from rdflib.namespace import RDF

    from kg.namespaces import IKG_IRI

    types = sorted(
        str(t)[len(IKG_IRI):] for t in graph.objects(node, RDF.type) if str(t).startswith(IKG_IRI)
    )
    specific = [t for t in types if t not in _SUPERCLASSES]
    return (specific or types or [None])[0]


_SUPERCLASSES = frozenset({"Organization", "Place"})


def predictions_from_graph(graph) -> dict[str, PredArticle]:
    """Per article file name, read from an RDF graph through the contract's IRIs only.

    Entities are the article's ``ikg:mentions`` (names from ``rdfs:label@zh`` and
    ``skos:altLabel``, class from ``rdf:type``); relations are the ``ikg:Evidence`` nodes
    derived from the article. This is how an outside evaluator reads the graph, so scoring it
    checks the builder as well as extraction.
    """
    from rdflib import Literal
    from rdflib.namespace import DCTERMS, PROV, RDF

    from kg.namespaces import IKG, IKG_IRI

    preds: dict[str, PredArticle] = {}
    files = {}
    for article in sorted(graph.subjects(RDF.type, IKG.Article)):
        source = graph.value(article, IKG.sourceFile) or graph.value(article, DCTERMS.source)
        files[article] = str(source)
        pa = preds.setdefault(str(source), PredArticle())
        for node in sorted(graph.objects(article, IKG.mentions)):
            names = _graph_names(graph, node)
            type_ = _graph_type(graph, node)
            if names and type_:
                name, *aliases = sorted(names)
                pa.entities.append(PredEntity(name, type_, tuple(aliases)))
    for ev in sorted(graph.subjects(RDF.type, IKG.Evidence)):
        article = graph.value(ev, PROV.wasDerivedFrom)
        predicate = graph.value(ev, RDF.predicate)
        subject, obj = graph.value(ev, RDF.subject), graph.value(ev, RDF.object)
        if article not in files or predicate is None or subject is None or obj is None:
            continue
        prop = str(predicate)[len(IKG_IRI):]
        if isinstance(obj, Literal):
            rel = PredRelation(_graph_names(graph, subject), prop, None, _value(str(obj), "", ""))
        else:
            rel = PredRelation(_graph_names(graph, subject), prop, _graph_names(graph, obj))
        preds[files[article]].relations.append(rel)
    return preds


# ---------------------------------------------------------------- matching


@dataclass
class Counts:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, other: Counts) -> None:
        self.tp += other.tp
        self.fp += other.fp
        self.fn += other.fn

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def as_dict(self) -> dict[str, float | int]:
        return {
            "tp": self.tp,
            "fp": self.fp,
            "fn": self.fn,
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
        }


def match(
    gold: Sequence,
    preds: Sequence,
    ok: Callable[[object, object], bool],
    optional: Callable[[object], bool],
) -> dict[int, int]:
    """Maximum one-to-one matching gold index -> pred index; required gold items are matched first."""
    cand = [[j for j, p in enumerate(preds) if ok(g, p)] for g in gold]
    owner: dict[int, int] = {}

    def augment(i: int, seen: set[int]) -> bool:
        for j in cand[i]:
            if j in seen:
                continue
            seen.add(j)
            if j not in owner or augment(owner[j], seen):
                owner[j] = i
                return True
        return False

    order = [i for i in range(len(gold)) if not optional(gold[i])] + [
        i for i in range(len(gold)) if optional(gold[i])
    ]
    for i in order:
        augment(i, set())
    return {i: j for j, i in owner.items()}


def _count(
    gold: Sequence, preds: Sequence, pairs: dict[int, int], optional: Callable[[object], bool]
) -> Counts:
    matched_required = sum(1 for i in pairs if not optional(gold[i]))
    required = sum(1 for g in gold if not optional(g))
    return Counts(tp=matched_required, fp=len(preds) - len(pairs), fn=required - matched_required)


def _is_optional(item: object) -> bool:
    return bool(getattr(item, "optional", False))


def _value_ok(gold: Decimal | str | None, pred: Decimal | str | None) -> bool:
    if isinstance(gold, Decimal):
        try:
            pv = Decimal(str(pred))
        except (InvalidOperation, ValueError):
            return False
        return abs(pv - gold) <= abs(gold) * AMOUNT_TOLERANCE
    return gold is not None and str(pred) == str(gold)


@dataclass
class ArticleScore:
    untyped: Counts
    typed: Counts
    relations: Counts
    classes: dict[str, Counts]
    properties: dict[str, Counts]


def score_article(gold: GoldArticle, pred: PredArticle) -> ArticleScore:
    """Entity (untyped, typed, per class) and relation (per property) counts of one article."""
    g_ents = [e for e in gold.entities if e.type not in UNSCORED_TYPES]
    p_ents = [e for e in pred.entities if e.type not in UNSCORED_TYPES]
    untyped_pairs = match(g_ents, p_ents, lambda g, p: bool(g.names & p.names), _is_optional)
    typed_pairs = match(
        g_ents, p_ents, lambda g, p: g.type == p.type and bool(g.names & p.names), _is_optional
    )
    classes = _per_group(g_ents, p_ents, typed_pairs, lambda x: x.type)
    names_of = {norm(e.name): e.names for e in gold.entities}

    def end_ok(gold_name: str | None, pred_names: frozenset[str] | None) -> bool:
        if gold_name is None or pred_names is None:
            return False
        return bool(names_of.get(norm(gold_name), frozenset({norm(gold_name)})) & pred_names)

    def rel_ok(g: GoldRelation, p: PredRelation) -> bool:
        if g.p != p.p:
            return False
        if g.o is None:
            return end_ok(g.s, p.s) and _value_ok(g.value, p.value)
        forward = end_ok(g.s, p.s) and end_ok(g.o, p.o)
        return forward or (g.p in SYMMETRIC and end_ok(g.s, p.o) and end_ok(g.o, p.s))

    rel_pairs = match(gold.relations, pred.relations, rel_ok, _is_optional)
    return ArticleScore(
        untyped=_count(g_ents, p_ents, untyped_pairs, _is_optional),
        typed=_count(g_ents, p_ents, typed_pairs, _is_optional),
        relations=_count(gold.relations, pred.relations, rel_pairs, _is_optional),
        classes=classes,
        properties=_per_group(list(gold.relations), pred.relations, rel_pairs, lambda x: x.p),
    )


def _per_group(
    gold: Sequence, preds: Sequence, pairs: dict[int, int], key: Callable[[object], str]
) -> dict[str, Counts]:
    out: dict[str, Counts] = {}
    matched_preds = set(pairs.values())
    for i, g in enumerate(gold):
        if _is_optional(g):
            continue
        c = out.setdefault(key(g), Counts())
        if i in pairs:
            c.tp += 1
        else:
            c.fn += 1
    for j, p in enumerate(preds):
        if j not in matched_preds:
            out.setdefault(key(p), Counts()).fp += 1
    return out


# ---------------------------------------------------------------- report


@dataclass
class Report:
    """Scores of a whole gold set: totals, per article, per class, per property."""

    untyped: Counts = field(default_factory=Counts)
    typed: Counts = field(default_factory=Counts)
    relations: Counts = field(default_factory=Counts)
    articles: dict[str, ArticleScore] = field(default_factory=dict)
    classes: dict[str, Counts] = field(default_factory=dict)
    properties: dict[str, Counts] = field(default_factory=dict)
    missing: list[str] = field(default_factory=list)

    def as_dict(self) -> dict:
        return {
            "entities": {"untyped": self.untyped.as_dict(), "typed": self.typed.as_dict()},
            "relations": self.relations.as_dict(),
            "articles": {
                name: {
                    "entities_untyped": s.untyped.as_dict(),
                    "entities_typed": s.typed.as_dict(),
                    "relations": s.relations.as_dict(),
                }
                for name, s in sorted(self.articles.items())
            },
            "classes": {k: v.as_dict() for k, v in sorted(self.classes.items())},
            "properties": {k: v.as_dict() for k, v in sorted(self.properties.items())},
            "missing_articles": sorted(self.missing),
        }


def _article_key(name: str) -> str:
    return Path(name).stem


def score(gold: Iterable[GoldArticle], preds: Mapping[str, PredArticle]) -> Report:
    """Score every gold article against the prediction for the same file (missing = all wrong)."""
    by_stem = {_article_key(k): v for k, v in preds.items()}
    report = Report()
    for g in gold:
        pred = by_stem.get(_article_key(g.article))
        if pred is None:
            report.missing.append(g.article)
            pred = PredArticle()
        s = score_article(g, pred)
        report.articles[g.article] = s
        report.untyped.add(s.untyped)
        report.typed.add(s.typed)
        report.relations.add(s.relations)
        for target, part in ((report.classes, s.classes), (report.properties, s.properties)):
            for k, c in part.items():
                target.setdefault(k, Counts()).add(c)
    return report
