"""SHACL validation: the built graph conforms; each shape catches a deliberate break."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import RDF, RDFS, XSD, Graph, Literal, URIRef

from kg.build import build_graph
from kg.errors import GraphError
from kg.graphio import save_graph
from kg.iris import entity_iri
from kg.namespaces import IKG, PROV
from kg.validate import validate_file, validate_graph

FUND = entity_iri("Fund", "武汉宏泰硚口生物医疗科技创新创业基金")
PERSON = entity_iri("Person", "马大为")


@pytest.fixture
def graph(sample_kb) -> Graph:
    return build_graph(sample_kb)


def _an_evidence(graph: Graph) -> URIRef:
    return sorted(graph.subjects(RDF.type, IKG.Evidence))[0]


def test_validate_sample_graph_conforms(graph: Graph) -> None:
    report = validate_graph(graph)
    assert report.conforms, report.violations
    assert report.violations == []


def _negative_amount(g: Graph) -> None:
    g.set((FUND, IKG.fundSize, Literal("-1", datatype=XSD.decimal)))


def _amount_as_string(g: Graph) -> None:
    g.set((FUND, IKG.fundSize, Literal("30亿元")))


def _second_chinese_label(g: Graph) -> None:
    g.add((FUND, RDFS.label, Literal("另一个名字", lang="zh")))


def _no_chinese_label(g: Graph) -> None:
    g.remove((PERSON, RDFS.label, Literal("马大为", lang="zh")))


def _located_in_a_person(g: Graph) -> None:
    g.add((FUND, IKG.locatedIn, PERSON))


def _works_for_from_a_fund(g: Graph) -> None:
    g.add((FUND, IKG.worksFor, entity_iri("City", "武汉市")))


def _evidence_without_sentence(g: Graph) -> None:
    g.remove((_an_evidence(g), IKG.sentence, None))


def _evidence_without_article(g: Graph) -> None:
    g.remove((_an_evidence(g), PROV.wasDerivedFrom, None))


def _confidence_above_one(g: Graph) -> None:
    g.set((_an_evidence(g), IKG.confidence, Literal("1.5", datatype=XSD.decimal)))


def _offsets_reversed(g: Graph) -> None:
    ev = _an_evidence(g)
    g.set((ev, IKG.startOffset, Literal("50", datatype=XSD.integer)))
    g.set((ev, IKG.endOffset, Literal("10", datatype=XSD.integer)))


def _bad_founding_date(g: Graph) -> None:
    g.set((FUND, IKG.foundingDate, Literal("2024年10月")))


@pytest.mark.parametrize("break_it, path", [
    (_negative_amount, "ikg:fundSize"),
    (_amount_as_string, "ikg:fundSize"),
    (_second_chinese_label, "rdfs:label"),
    (_no_chinese_label, "rdfs:label"),
    (_located_in_a_person, "ikg:locatedIn"),
    (_works_for_from_a_fund, ""),
    (_evidence_without_sentence, "ikg:sentence"),
    (_evidence_without_article, "prov:wasDerivedFrom"),
    (_confidence_above_one, "ikg:confidence"),
    (_offsets_reversed, ""),
    (_bad_founding_date, "ikg:foundingDate"),
])
def test_validate_detects_a_broken_shape(graph: Graph, break_it, path: str) -> None:
    break_it(graph)
    report = validate_graph(graph)
    assert not report.conforms
    assert report.violations and any(v.path == path for v in report.violations), report.violations


def test_validate_file_round_trip(graph: Graph, tmp_path: Path) -> None:
    path = save_graph(graph, tmp_path / "g.nq")
    assert validate_file(path).conforms


def test_validate_bad_shapes_file_is_a_graph_error(graph: Graph, tmp_path: Path) -> None:
    bad = tmp_path / "shapes.ttl"
    bad.write_text("this is not turtle", encoding="utf-8")
    with pytest.raises(GraphError, match="shapes.ttl"):
        validate_graph(graph, bad)


def test_validate_seed_build_conforms(seed_graph: Graph) -> None:
    report = validate_graph(seed_graph)
    assert report.conforms, "\n".join(map(str, report.violations[:20]))
