"""Build the RDF graph: ``KnowledgeBase`` -> quads / ``rdflib.Graph`` under the ontology contract.

Entity descriptions (type, labels) go to the default graph; each article's metadata, mentions,
the direct triples it supports and their ``ikg:Evidence`` nodes go to a named graph whose name is
the article IRI (kept by ``.trig``/``.nq`` output, merged otherwise).

Statements that break the ontology (unknown class or property, wrong domain or range, a value
that is not an amount or date) are rejected with a logged warning and listed in
:attr:`BuildResult.rejected`, so the written graph always conforms to ``ontology/shapes.ttl``.
No inference is materialized: ``partnerOf`` is stored once, ``partOf`` is not closed.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from typing import TYPE_CHECKING

from kg.iris import article_iri, entity_iri, evidence_iri, key_iri
from kg.model import Article, Entity, Evidence, KnowledgeBase, Relation, split_key

if TYPE_CHECKING:
    from rdflib import Dataset, Graph, Literal, URIRef

    from kg.graphio import Quad

log = logging.getLogger(__name__)

NON_ENTITY_CLASSES = frozenset({"Article", "Evidence"})
_CJK = re.compile(r"[\u3400-\u9fff]")
_DATE_FORMS = (
    (re.compile(r"\d{4}-\d{2}-\d{2}"), "date"),
    (re.compile(r"\d{4}-\d{2}"), "gYearMonth"),
    (re.compile(r"\d{4}"), "gYear"),
)


# ----------------------------------------------------------------------------- contract


@dataclass(frozen=True)
class Contract:
    """What the ontology allows: classes with their superclasses, properties with domains/ranges."""

    ancestors: dict[str, frozenset[str]]
    object_properties: frozenset[str]
    datatype_properties: frozenset[str]
    domains: dict[str, frozenset[str]]
    ranges: dict[str, frozenset[str]]
    amount_properties: frozenset[str]

    def is_a(self, type_: str, allowed: frozenset[str]) -> bool:
        """True when ``type_`` or one of its superclasses is in ``allowed`` (empty = anything)."""
        return not allowed or bool(self.ancestors.get(type_, frozenset()) & allowed)


@lru_cache(maxsize=1)
def load_contract() -> Contract:
    """Read classes, subclass links, property kinds, domains and ranges from the ontology."""
    from rdflib import OWL, RDF, RDFS, XSD, Graph, URIRef

    from kg.graphio import ontology_file
    from kg.namespaces import IKG_IRI, SCHEMA

    onto = Graph().parse(ontology_file(), format="turtle")

    def local(term: object) -> str | None:
        text = str(term)
        return text[len(IKG_IRI):] if text.startswith(IKG_IRI) else None

    classes = {local(c) for c in onto.subjects(RDF.type, OWL.Class)} - {None}
    parents = {c: {local(p) for p in onto.objects(URIRef(IKG_IRI + c), RDFS.subClassOf)} - {None}
               for c in classes}
    ancestors = {c: frozenset(_closure(c, parents)) for c in classes}

    def props(kind: object) -> frozenset[str]:
        return frozenset(local(p) for p in onto.subjects(RDF.type, kind)) - {None}

    def ends(links: tuple[object, ...]) -> dict[str, frozenset[str]]:
        result: dict[str, set[str]] = {}
        for link in links:
            for prop, cls in onto.subject_objects(link):
                if local(prop) and local(cls):
                    result.setdefault(local(prop), set()).add(local(cls))
        return {k: frozenset(v) for k, v in result.items()}

    return Contract(
        ancestors=ancestors,
        object_properties=props(OWL.ObjectProperty),
        datatype_properties=props(OWL.DatatypeProperty),
        domains=ends((RDFS.domain, SCHEMA.domainIncludes)),
        ranges=ends((RDFS.range, SCHEMA.rangeIncludes)),
        amount_properties=frozenset(local(p) for p in onto.subjects(RDFS.range, XSD.decimal))
        - {None, "confidence"},
    )


def _closure(start: str, parents: dict[str, set[str]]) -> set[str]:
    seen, todo = {start}, [start]
    while todo:
        for parent in parents.get(todo.pop(), ()):
            if parent not in seen:
                seen.add(parent)
                todo.append(parent)
    return seen


# ----------------------------------------------------------------------------- result


@dataclass
class BuildResult:
    """The quads of the graph and what was left out (one message per rejected statement)."""

    quads: set[Quad] = field(default_factory=set)
    rejected: list[str] = field(default_factory=list)
    entities: int = 0
    relations: int = 0
    evidence: int = 0

    def add(self, s: object, p: object, o: object, g: object = None) -> None:
        self.quads.add((s, p, o, g))  # type: ignore[arg-type]

    def reject(self, message: str) -> None:
        log.warning("graph: %s", message)
        self.rejected.append(message)


# ----------------------------------------------------------------------------- values


def decimal_literal(value: Decimal | str | int | float) -> Literal:
    """An ``xsd:decimal`` literal in canonical plain notation (no exponent).

    >>> str(decimal_literal(Decimal("3E+9")))
    '3000000000'
    >>> str(decimal_literal(0.9))
    '0.9'
    """
    from rdflib import XSD, Literal

    number = Decimal(str(value))
    if not number.is_finite():
        raise InvalidOperation(str(value))
    text = format(number.normalize(), "f")
    return Literal(text, datatype=XSD.decimal)


def date_literal(value: str) -> Literal | None:
    """``xsd:date`` / ``xsd:gYearMonth`` / ``xsd:gYear`` by the form of an ISO date, else None.

    >>> date_literal("2024-10").datatype.split("#")[1]
    'gYearMonth'
    """
    from rdflib import XSD, Literal

    for pattern, datatype in _DATE_FORMS:
        if pattern.fullmatch(value.strip()):
            return Literal(value.strip(), datatype=XSD[datatype])
    return None


def pinyin_label(name: str) -> str:
    """Pinyin with tone marks, one syllable per word (non-Chinese runs kept).

    >>> pinyin_label("武汉市")
    'wǔ hàn shì'
    """
    from pypinyin import Style, lazy_pinyin

    return " ".join(s.strip() for s in lazy_pinyin(name, style=Style.TONE) if s.strip())


# ----------------------------------------------------------------------------- entities


def _entity_quads(entity: Entity, result: BuildResult) -> None:
    from rdflib import RDF, RDFS, SKOS, Literal

    from kg.namespaces import IKG

    node = entity_iri(entity.type, entity.name)
    result.add(node, RDF.type, IKG[entity.type])
    result.add(node, RDFS.label, Literal(entity.name, lang="zh"))
    for alias in sorted(set(entity.aliases) - {entity.name}):
        if alias.strip():
            result.add(node, SKOS.altLabel, Literal(alias, lang="zh"))
    if entity.name_en:
        result.add(node, RDFS.label, Literal(entity.name_en, lang="en"))
    elif _CJK.search(entity.name):
        result.add(node, RDFS.label, Literal(pinyin_label(entity.name), lang="zh-Latn-pinyin"))
    else:
        result.add(node, RDFS.label, Literal(entity.name, lang="en"))
    result.entities += 1


def _collect_entities(kb: KnowledgeBase, contract: Contract, result: BuildResult) -> dict[str, Entity]:
    """Entities by key, with minimal entities for keys only referenced by relations/mentions."""
    entities: dict[str, Entity] = {}
    referenced = [r.subject for r in kb.relations] + [r.object for r in kb.relations if r.object]
    referenced += [k for keys in kb.mentions.values() for k in keys]
    for entity in kb.entities:
        entities.setdefault(entity.key, entity)
    for key in referenced:
        if key not in entities:
            type_, name = split_key(key)
            entities[key] = Entity(type_, name)
    valid = {}
    for key, entity in sorted(entities.items()):
        if entity.type not in contract.ancestors or entity.type in NON_ENTITY_CLASSES:
            result.reject(f"entity {key!r}: unknown class {entity.type!r}")
        elif not entity.name.strip():
            result.reject(f"entity {key!r}: empty name")
        else:
            valid[key] = entity
    return valid


# ----------------------------------------------------------------------------- articles


def _article_quads(article: Article, mentioned: Iterable[str], result: BuildResult) -> None:
    from rdflib import DCTERMS, RDF, RDFS, XSD, Literal

    from kg.namespaces import IKG, SCHEMA

    node = article_iri(article.id)
    add = lambda p, o: result.add(node, p, o, node)  # noqa: E731
    add(RDF.type, IKG.Article)
    add(RDFS.label, Literal(article.file_name))
    add(IKG.sourceFile, Literal(article.file_name))
    add(DCTERMS.source, Literal(article.file_name))
    if article.content_hash:
        add(IKG.contentHash, Literal(article.content_hash))
    if article.published and date_literal(article.published) is not None:
        add(SCHEMA.datePublished, Literal(article.published.strip(), datatype=XSD.date)
            if len(article.published.strip()) == 10 else date_literal(article.published))
    if article.date_basis:
        add(IKG.dateBasis, Literal(article.date_basis))
    if article.headline:
        add(SCHEMA.headline, Literal(article.headline, lang="zh"))
    if article.source:
        add(SCHEMA.publisher, Literal(article.source, lang="zh"))
    for key in sorted(set(mentioned)):
        add(IKG.mentions, key_iri(key))


# ----------------------------------------------------------------------------- relations


def _object_term(rel: Relation, entities: dict[str, Entity], contract: Contract):
    """The RDF object of a relation (IRI or typed literal), or an error message."""
    from rdflib import XSD, Literal

    if rel.predicate in contract.object_properties:
        if rel.object is None or rel.object not in entities:
            return None, f"object {rel.object!r} is not a known entity"
        obj_type = entities[rel.object].type
        if not contract.is_a(obj_type, contract.ranges.get(rel.predicate, frozenset())):
            return None, f"object class {obj_type} outside the range of {rel.predicate}"
        return key_iri(rel.object), None
    if rel.value is None:
        return None, "no value"
    if rel.predicate in contract.amount_properties:
        try:
            literal = decimal_literal(rel.value)
        except (InvalidOperation, ValueError):
            return None, f"amount {rel.value!r} is not a number"
        if Decimal(str(literal)) < 0:
            return None, f"amount {rel.value!r} is negative"
        return literal, None
    if rel.predicate == "foundingDate":
        literal = date_literal(str(rel.value))
        return (literal, None) if literal is not None else (None, f"date {rel.value!r} not ISO")
    return Literal(str(rel.value), datatype=XSD.string), None


def _check_relation(rel: Relation, entities: dict[str, Entity], contract: Contract) -> str | None:
    known = contract.object_properties | contract.datatype_properties
    if rel.predicate not in known or rel.predicate == "mentions":
        return f"unknown property {rel.predicate!r}"
    if rel.subject not in entities:
        return f"subject {rel.subject!r} is not a known entity"
    subject_type = entities[rel.subject].type
    if not contract.is_a(subject_type, contract.domains.get(rel.predicate, frozenset())):
        return f"subject class {subject_type} outside the domain of {rel.predicate}"
    return None


def _symmetric(rel: Relation) -> Relation:
    """``partnerOf`` is stored once: the smaller key is the subject."""
    if rel.predicate == "partnerOf" and rel.object and rel.object < rel.subject:
        return Relation(rel.object, rel.predicate, rel.subject, rel.value, rel.value_text,
                        rel.evidence)
    return rel


def _evidence_quads(rel: Relation, obj, ev: Evidence, article: Article | None,
                    result: BuildResult) -> None:
    from rdflib import RDF, XSD, Literal

    from kg.namespaces import IKG, PROV

    node = evidence_iri(ev.article_id, rel.subject, rel.predicate, str(obj), ev.start, ev.end)
    graph = article_iri(ev.article_id)
    add = lambda p, o: result.add(node, p, o, graph)  # noqa: E731
    add(RDF.type, IKG.Evidence)
    add(RDF.subject, key_iri(rel.subject))
    add(RDF.predicate, IKG[rel.predicate])
    add(RDF.object, obj)
    add(PROV.wasDerivedFrom, graph)
    add(IKG.sentence, Literal(ev.sentence))
    add(IKG.startOffset, Literal(str(ev.start), datatype=XSD.integer))
    add(IKG.endOffset, Literal(str(ev.end), datatype=XSD.integer))
    if article is not None:
        src_start = article.source_offset(ev.start)
        src_end = article.source_offset(ev.end - 1) + 1 if ev.end > ev.start else src_start
        add(IKG.sourceStartOffset, Literal(str(src_start), datatype=XSD.integer))
        add(IKG.sourceEndOffset, Literal(str(src_end), datatype=XSD.integer))
    add(IKG.confidence, decimal_literal(round(min(max(ev.confidence, 0.0), 1.0), 4)))
    add(IKG.method, Literal(ev.method or "unknown"))
    if rel.value_text:
        add(IKG.valueText, Literal(rel.value_text))
    result.evidence += 1


def _relation_quads(rel: Relation, entities: dict[str, Entity], articles: dict[str, Article],
                    contract: Contract, result: BuildResult) -> None:
    from rdflib import Literal

    from kg.namespaces import IKG

    rel = _symmetric(rel)
    problem = _check_relation(rel, entities, contract)
    if not problem and rel.evidence and rel.evidence.article_id not in articles:
        problem = f"evidence from unknown article {rel.evidence.article_id!r}"
    obj, value_problem = (None, None) if problem else _object_term(rel, entities, contract)
    if problem or value_problem:
        result.reject(f"{rel.subject} {rel.predicate} {rel.object or rel.value}: "
                      f"{problem or value_problem}")
        return
    ev = rel.evidence
    graph = article_iri(ev.article_id) if ev else None
    subject = key_iri(rel.subject)
    result.add(subject, IKG[rel.predicate], obj, graph)
    if rel.value_text and rel.predicate in contract.amount_properties:
        result.add(subject, IKG.amountText, Literal(rel.value_text), graph)
    if ev is not None:
        _evidence_quads(rel, obj, ev, articles.get(ev.article_id), result)
    result.relations += 1


# ----------------------------------------------------------------------------- graph


def build_quads(kb: KnowledgeBase) -> BuildResult:
    """Map a knowledge base to quads (graph ``None`` = default graph, else the article IRI)."""
    contract = load_contract()
    result = BuildResult()
    entities = _collect_entities(kb, contract, result)
    for entity in entities.values():
        _entity_quads(entity, result)
    articles = {a.id: a for a in kb.articles}
    mentioned: dict[str, set[str]] = {a: set() for a in articles}
    for article_id, keys in kb.mentions.items():
        mentioned.setdefault(article_id, set()).update(k for k in keys if k in entities)
    for key, entity in entities.items():
        for article_id in entity.articles:
            mentioned.setdefault(article_id, set()).add(key)
    for article_id in sorted(mentioned):
        if article_id in articles:
            _article_quads(articles[article_id], mentioned[article_id], result)
        else:
            result.reject(f"mentions from unknown article {article_id!r}")
    for rel in kb.relations:
        _relation_quads(rel, entities, articles, contract, result)
    return result


def build_graph(kb: KnowledgeBase) -> Graph:
    """The knowledge base as one rdflib Graph (named graphs merged), prefixes bound."""
    from rdflib import Graph

    from kg.namespaces import PREFIXES

    graph = Graph()
    for prefix, ns in PREFIXES.items():
        graph.bind(prefix, ns, override=True)
    for s, p, o, _ in build_quads(kb).quads:
        graph.add((s, p, o))
    return graph


def build_dataset(kb: KnowledgeBase) -> Dataset:
    """The knowledge base as an rdflib Dataset with one named graph per article."""
    from rdflib import Dataset

    data = Dataset()
    for s, p, o, g in build_quads(kb).quads:
        (data.graph(g) if g is not None else data.default_graph).add((s, p, o))
    return data


def entity_node(entity: Entity) -> URIRef:
    """The IRI of an entity (shortcut for :func:`kg.iris.entity_iri`)."""
    return entity_iri(entity.type, entity.name)
