"""Counts that describe a built graph: classes, properties, articles, evidence, isolated entities."""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from rdflib import Graph

ENTITY_SUPERCLASSES = ("Organization", "Place", "Program", "Project", "Person", "Event", "Sector")


def _local(term: object) -> str:
    text = str(term)
    for sep in ("#", "/"):
        if sep in text:
            text = text.rsplit(sep, 1)[1]
    return text


def _entity_classes() -> set[str]:
    """IRIs of every entity class of the ontology (not Article, not Evidence)."""
    from kg.build import load_contract
    from kg.namespaces import IKG_IRI

    contract = load_contract()
    return {IKG_IRI + c for c, ups in contract.ancestors.items()
            if ups & set(ENTITY_SUPERCLASSES)}


def graph_stats(graph: Graph) -> dict[str, Any]:
    """Counts by class and property, articles, evidence, entities and isolated entities.

    An entity is *isolated* when no relation (other than ``ikg:mentions``) links it to
    another node and it has no value (amount or date).
    """
    from rdflib import RDF

    from kg.namespaces import IKG

    entity_classes = _entity_classes()
    classes = Counter(_local(o) for o in graph.objects(None, RDF.type))
    properties = Counter(graph.namespace_manager.normalizeUri(p) for _, p, _ in graph)
    entities = {s for s, o in graph.subject_objects(RDF.type) if str(o) in entity_classes}
    not_relations = {IKG.mentions, IKG.amountText, IKG.valueText}
    linked = set()
    for s, p, o in graph:
        if str(p).startswith(str(IKG)) and p not in not_relations:
            linked.update((s, o))
    isolated = sorted(str(e) for e in entities - linked)
    return {
        "triples": len(graph),
        "articles": classes.get("Article", 0),
        "evidence": classes.get("Evidence", 0),
        "entities": len(entities),
        "entities_without_relations": len(isolated),
        "classes": dict(sorted(classes.items())),
        "properties": dict(sorted(properties.items())),
        "isolated": isolated,
    }


def file_stats(path: str) -> dict[str, Any]:
    """:func:`graph_stats` of a graph file."""
    from kg.graphio import load_graph

    return graph_stats(load_graph(path))
